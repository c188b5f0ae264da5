//! JSON Web Tokens (JWS compact form, HS256 only) for the authentication simulation.
//!
//! Everything here is pure and deterministic: there is no I/O, no clock and no
//! randomness. The virtual time `now` (seconds since the Unix epoch) and any
//! random bytes are passed in by the caller.
//!
//! The HMAC itself is computed and checked by a small HS256-only
//! [`CryptoProvider`] built on `hmac` + `sha2` (see [`ensure_crypto_provider`]):
//! `jsonwebtoken` signs through it, and [`verify`] calls its verifier directly on
//! the parts it has already decoded. Before that, [`verify`] runs cheap
//! structural checks of its own so that every way a token can be wrong gets its
//! own [`Rejection`] with a precise reason; after it, [`verify`] checks `exp`, `nbf` and `iat` against the virtual clock and
//! asks the caller's denylist about the `jti`.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::{Once, OnceLock};

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
use jsonwebtoken::errors::{new_error, ErrorKind};
use jsonwebtoken::jwk::{EllipticCurve, ThumbprintHash};
use jsonwebtoken::signature;
use jsonwebtoken::{Algorithm, AlgorithmFamily, DecodingKey, EncodingKey, Header, Validation};
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer as _, Serialize};
use serde_json::{Map, Value};
use sha2::Sha256;

/// Largest token [`verify`] looks at, in bytes. Anything longer is rejected
/// before any decoding, so a 1 MB token costs one length comparison.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;

/// How far in the future `iat` may lie before the token is rejected, in
/// seconds. A little slack for clocks that disagree between servers; `exp`
/// and `nbf` get no slack at all.
pub const IAT_LEEWAY_SECS: i64 = 60;

/// Length in bytes of an HS256 signature (the output size of SHA-256).
pub const HS256_SIGNATURE_BYTES: usize = 32;

/// The only `alg` this server accepts.
pub const ACCEPTED_ALG: &str = "HS256";

/// Claims the playground puts in an access token.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Claims {
    /// Subject: the user id the token speaks for.
    pub sub: String,
    /// Display name of the user.
    pub name: String,
    /// Role used for authorization decisions, e.g. `"user"` or `"admin"`.
    pub role: String,
    /// Issued at, seconds since the Unix epoch (virtual time).
    pub iat: i64,
    /// Expires at, seconds since the Unix epoch (virtual time); the token is
    /// invalid from this second on.
    pub exp: i64,
    /// Not before, seconds since the Unix epoch (virtual time); optional.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub nbf: Option<i64>,
    /// Token id, unique per token; what a denylist (revocation list) stores.
    pub jti: String,
}

/// One signing key: a kid and the secret bytes (shown on screen; demo value).
#[derive(Clone)]
pub struct SigningKey {
    /// Key id, written into the token header so the server can pick the key.
    pub kid: String,
    /// The shared HMAC secret.
    pub secret: Vec<u8>,
    /// The HMAC state keyed with `secret`, made on first use.
    keyed: KeyedMac,
}

impl SigningKey {
    /// Builds a key from a kid and secret bytes.
    pub fn new(kid: impl Into<String>, secret: impl Into<Vec<u8>>) -> Self {
        Self { kid: kid.into(), secret: secret.into(), keyed: KeyedMac::default() }
    }

    /// HMAC-SHA-256 keyed with the secret: keyed once and copied after that (a
    /// secret changed since is keyed afresh, so the result is always that of
    /// `Hmac::new_from_slice(&self.secret)`).
    fn mac(&self) -> Option<HmacSha256> {
        let fresh = || <HmacSha256 as Mac>::new_from_slice(&self.secret).ok();
        let (secret, mac) = self.keyed.0.get_or_init(|| (self.secret.clone(), fresh()));
        if *secret == self.secret {
            mac.clone()
        } else {
            fresh()
        }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey").field("kid", &self.kid).field("secret", &self.secret).finish()
    }
}

impl PartialEq for SigningKey {
    fn eq(&self, other: &SigningKey) -> bool {
        self.kid == other.kid && self.secret == other.secret
    }
}

impl Eq for SigningKey {}

/// A memo of the HMAC state keyed with a secret (and that secret).
#[derive(Clone, Default)]
struct KeyedMac(OnceLock<(Vec<u8>, Option<HmacSha256>)>);

/// The keys a server accepts: current (signs) + previous ones still accepted during graceful rotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRing {
    /// The key new tokens are signed with; also accepted for verification.
    pub current: SigningKey,
    /// Older keys still accepted for verification, newest first.
    pub previous: Vec<SigningKey>,
}

impl KeyRing {
    /// A ring holding a single key, which is current.
    pub fn new(kid: impl Into<String>, secret: impl Into<Vec<u8>>) -> Self {
        Self { current: SigningKey::new(kid, secret), previous: Vec::new() }
    }

    /// Makes `new` the current key.
    ///
    /// With `keep_old` (graceful rotation) the outgoing current key moves to
    /// the front of [`KeyRing::previous`], so tokens it signed keep verifying
    /// until they expire. Without it (hard rotation, e.g. after the secret
    /// leaked) every old key is forgotten at once and all tokens they signed
    /// fail with `unknown-kid`. Any previous key with the same kid as `new` is
    /// dropped so a kid always names exactly one key.
    pub fn rotate(&mut self, new: SigningKey, keep_old: bool) {
        let old = std::mem::replace(&mut self.current, new);
        if keep_old {
            self.previous.insert(0, old);
        } else {
            self.previous.clear();
        }
        let kid = self.current.kid.clone();
        self.previous.retain(|k| k.kid != kid);
    }

    /// Stops accepting the previous key `kid`; returns whether one was removed.
    /// The current key cannot be retired (rotate instead).
    pub fn retire(&mut self, kid: &str) -> bool {
        let before = self.previous.len();
        self.previous.retain(|k| k.kid != kid);
        self.previous.len() != before
    }

    /// The key whose kid is exactly `kid` (current first, then previous).
    ///
    /// This is a plain equality search over the ring: a kid such as
    /// `../../dev/null` or `' OR 1=1 --` is just a string that matches no key,
    /// never a path, a query or anything else looked up outside the ring.
    pub fn find(&self, kid: &str) -> Option<&SigningKey> {
        std::iter::once(&self.current).chain(self.previous.iter()).find(|k| k.kid == kid)
    }
}

/// Why a token could not be issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenError {
    /// The signing library failed (message from `jsonwebtoken`).
    Signing(String),
    /// The finished token would be longer than [`MAX_TOKEN_BYTES`], so
    /// [`verify`] would refuse it.
    TooLarge {
        /// Length of the token that was built, in bytes.
        len: usize,
    },
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::Signing(msg) => write!(f, "could not sign the token: {msg}"),
            TokenError::TooLarge { len } => {
                write!(f, "the token would be {len} bytes, over the {MAX_TOKEN_BYTES}-byte limit")
            }
        }
    }
}

impl std::error::Error for TokenError {}

/// One of the three parts of a compact JWS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The first part: the JOSE header.
    Header,
    /// The second part: the claims.
    Payload,
    /// The third part: the signature.
    Signature,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
        })
    }
}

/// Why [`verify`] refused a token. [`Rejection::code`] gives a stable
/// machine code; `Display` gives a one-line English reason for learners.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The token is the empty string.
    Empty,
    /// Longer than [`MAX_TOKEN_BYTES`]; refused before any parsing.
    TooLarge {
        /// Length of the presented token in bytes.
        len: usize,
    },
    /// Whitespace or a control character somewhere in the token.
    BadCharacters {
        /// Byte offset of the first offending character.
        at: usize,
        /// The character itself.
        ch: char,
    },
    /// Fewer than three dot-separated parts.
    TooFewSegments {
        /// How many parts there were.
        found: usize,
    },
    /// Four, or more than five, dot-separated parts.
    TooManySegments {
        /// How many parts there were.
        found: usize,
    },
    /// Five parts: the shape of an encrypted JWE, not a signed JWS.
    EncryptedJwe,
    /// A part contains `=` padding, which base64url in JWTs must omit.
    Base64Padding {
        /// The part with padding.
        part: Part,
    },
    /// A part is not valid unpadded base64url.
    BadBase64 {
        /// The part that failed to decode.
        part: Part,
        /// What exactly is wrong with it.
        detail: String,
    },
    /// The header does not decode to JSON.
    HeaderNotJson,
    /// The header is JSON but not an object.
    HeaderNotObject,
    /// The header names the same parameter twice.
    DuplicateHeaderParam {
        /// The repeated parameter name.
        name: String,
    },
    /// The header has no `alg`, or its `alg` is not a string.
    AlgMissing,
    /// `alg` is `none` (in any letter case): an unsigned token.
    AlgNone {
        /// The `alg` exactly as written.
        alg: String,
    },
    /// `alg` is something other than HS256.
    AlgNotAllowed {
        /// The `alg` exactly as written.
        alg: String,
    },
    /// The header carries `crit`: extensions this server does not understand.
    CritHeader,
    /// `typ` is present and is not `JWT`.
    BadTyp {
        /// The `typ` value as JSON text.
        typ: String,
    },
    /// `kid` is present but not a string.
    KidNotString,
    /// `kid` names no key in the ring.
    UnknownKid {
        /// The `kid` as written.
        kid: String,
    },
    /// Another header field has the wrong type (e.g. `jwk` as a number).
    BadHeader {
        /// Message from the header parser.
        detail: String,
    },
    /// The signature part is empty (the token ends with `.`).
    SignatureMissing,
    /// The signature decodes to the wrong number of bytes for HS256.
    SignatureLength {
        /// How many bytes it decoded to.
        len: usize,
    },
    /// The payload does not decode to JSON.
    PayloadNotJson,
    /// The payload is JSON but not an object.
    PayloadNotObject,
    /// The payload names the same claim twice.
    DuplicateClaim {
        /// The repeated claim name.
        name: String,
    },
    /// The HMAC does not match.
    BadSignature,
    /// A required claim is absent.
    MissingClaim {
        /// The missing claim.
        name: &'static str,
    },
    /// A claim has the wrong JSON type.
    ClaimType {
        /// The claim.
        name: &'static str,
        /// What it should be.
        expected: &'static str,
    },
    /// The claims could not be decoded for another reason.
    ClaimsInvalid {
        /// Message from the decoder.
        detail: String,
    },
    /// `exp` is not after `now`.
    Expired {
        /// Seconds since expiry (0 means it expired this very second).
        ago: i64,
    },
    /// `nbf` is after `now`.
    NotYetValid {
        /// Seconds until the token becomes valid.
        in_secs: i64,
    },
    /// `iat` is more than [`IAT_LEEWAY_SECS`] after `now`.
    IssuedInFuture {
        /// How far in the future `iat` is, in seconds.
        by: i64,
    },
    /// The `jti` is on the denylist.
    Revoked {
        /// The revoked token id.
        jti: String,
    },
    /// The JWT library failed in an unexpected way.
    Internal {
        /// The library's message.
        detail: String,
    },
}

impl Rejection {
    /// Stable machine-readable code, e.g. `"alg-none"` or `"bad-signature"`.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::Empty => "empty-token",
            Rejection::TooLarge { .. } => "too-large",
            Rejection::BadCharacters { .. } => "bad-characters",
            Rejection::TooFewSegments { .. } => "too-few-segments",
            Rejection::TooManySegments { .. } => "too-many-segments",
            Rejection::EncryptedJwe => "jwe-not-jws",
            Rejection::Base64Padding { .. } => "base64-padding",
            Rejection::BadBase64 { .. } => "bad-base64",
            Rejection::HeaderNotJson => "header-not-json",
            Rejection::HeaderNotObject => "header-not-object",
            Rejection::DuplicateHeaderParam { .. } => "duplicate-header-param",
            Rejection::AlgMissing => "alg-missing",
            Rejection::AlgNone { .. } => "alg-none",
            Rejection::AlgNotAllowed { .. } => "alg-not-allowed",
            Rejection::CritHeader => "crit-unsupported",
            Rejection::BadTyp { .. } => "bad-typ",
            Rejection::KidNotString => "kid-not-string",
            Rejection::UnknownKid { .. } => "unknown-kid",
            Rejection::BadHeader { .. } => "bad-header",
            Rejection::SignatureMissing => "signature-missing",
            Rejection::SignatureLength { .. } => "signature-length",
            Rejection::PayloadNotJson => "payload-not-json",
            Rejection::PayloadNotObject => "payload-not-object",
            Rejection::DuplicateClaim { .. } => "duplicate-claim",
            Rejection::BadSignature => "bad-signature",
            Rejection::MissingClaim { .. } => "missing-claim",
            Rejection::ClaimType { .. } => "claim-type",
            Rejection::ClaimsInvalid { .. } => "claims-invalid",
            Rejection::Expired { .. } => "expired",
            Rejection::NotYetValid { .. } => "not-yet-valid",
            Rejection::IssuedInFuture { .. } => "iat-future",
            Rejection::Revoked { .. } => "revoked",
            Rejection::Internal { .. } => "internal",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Empty => f.write_str("no token was sent"),
            Rejection::TooLarge { len } => write!(
                f,
                "token is {len} bytes, over the {MAX_TOKEN_BYTES}-byte limit: refused before reading it"
            ),
            Rejection::BadCharacters { at, ch } => write!(
                f,
                "token contains whitespace or a control character ({:?}) at byte {at}: a JWT is only base64url text and dots",
                ch
            ),
            Rejection::TooFewSegments { found } => write!(
                f,
                "token has {found} part(s), a signed JWT has exactly 3: header.payload.signature"
            ),
            Rejection::TooManySegments { found } => write!(
                f,
                "token has {found} parts, a signed JWT has exactly 3: header.payload.signature"
            ),
            Rejection::EncryptedJwe => f.write_str(
                "token has 5 parts: that is an encrypted JWE, not a signed JWS; this server only accepts signed tokens",
            ),
            Rejection::Base64Padding { part } => write!(
                f,
                "the {part} ends in '=' padding: JWTs use base64url without padding"
            ),
            Rejection::BadBase64 { part, detail } => {
                write!(f, "the {part} is not valid base64url: {detail}")
            }
            Rejection::HeaderNotJson => f.write_str("the header does not decode to JSON"),
            Rejection::HeaderNotObject => {
                f.write_str("the header is JSON but not an object ({ ... })")
            }
            Rejection::DuplicateHeaderParam { name } => write!(
                f,
                "the header names \"{}\" twice: parsers disagree on which one wins, so it is refused",
                short(name)
            ),
            Rejection::AlgMissing => f.write_str("the header has no \"alg\" string"),
            Rejection::AlgNone { alg } => write!(
                f,
                "\"alg\": \"{}\" means an unsigned token: anyone could have written it",
                short(alg)
            ),
            Rejection::AlgNotAllowed { alg } => write!(
                f,
                "algorithm \"{}\" not allowed: only HS256 is accepted (the server never lets the token choose how it is checked)",
                short(alg)
            ),
            Rejection::CritHeader => f.write_str(
                "the header lists \"crit\" extensions this server does not understand, so it must refuse the token",
            ),
            Rejection::BadTyp { typ } => {
                write!(f, "\"typ\" is {} but this server only accepts \"JWT\"", short(typ))
            }
            Rejection::KidNotString => f.write_str("\"kid\" (key id) must be a string"),
            Rejection::UnknownKid { kid } => write!(
                f,
                "unknown key id \"{}\": no key in this server's key ring has that kid (retired, or never existed)",
                short(kid)
            ),
            Rejection::BadHeader { detail } => {
                write!(f, "a header field has the wrong type: {}", short(detail))
            }
            Rejection::SignatureMissing => f.write_str(
                "the signature is missing (the token ends with '.'): it was stripped, nothing proves who wrote it",
            ),
            Rejection::SignatureLength { len } => write!(
                f,
                "the signature is {len} bytes, an HS256 signature is {HS256_SIGNATURE_BYTES}: it was cut or replaced"
            ),
            Rejection::PayloadNotJson => f.write_str("the payload does not decode to JSON"),
            Rejection::PayloadNotObject => {
                f.write_str("the payload is JSON but not an object ({ ... })")
            }
            Rejection::DuplicateClaim { name } => write!(
                f,
                "the claim \"{}\" appears twice: parsers disagree on which one wins, so it is refused",
                short(name)
            ),
            Rejection::BadSignature => f.write_str(
                "signature does not match: the payload or header was changed, or it was signed with another key",
            ),
            Rejection::MissingClaim { name } => {
                write!(f, "required claim \"{name}\" is missing")
            }
            Rejection::ClaimType { name, expected } => {
                write!(f, "claim \"{name}\" has the wrong type: it must be {expected}")
            }
            Rejection::ClaimsInvalid { detail } => {
                write!(f, "the claims could not be read: {}", short(detail))
            }
            Rejection::Expired { ago } => {
                write!(f, "token expired {} ago", human_duration(*ago))
            }
            Rejection::NotYetValid { in_secs } => write!(
                f,
                "token is not valid yet (\"nbf\"): usable in {}",
                human_duration(*in_secs)
            ),
            Rejection::IssuedInFuture { by } => write!(
                f,
                "token claims to be issued {} in the future (\"iat\"); more than {IAT_LEEWAY_SECS} s of clock skew is refused",
                human_duration(*by)
            ),
            Rejection::Revoked { jti } => write!(
                f,
                "token {} was revoked (its jti is on the denylist)",
                short(jti)
            ),
            Rejection::Internal { detail } => {
                write!(f, "the token library failed: {}", short(detail))
            }
        }
    }
}

impl std::error::Error for Rejection {}

/// A name or value from a token as it appears in a reason: escaped, at most 40
/// characters (then `…`), so a hostile header cannot flood the page.
pub fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).flat_map(char::escape_debug).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// "1 h 2 min 3 s" style rendering of a non-negative number of seconds.
fn human_duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s} s"),
        (0, _) => format!("{m} min {s} s"),
        _ => format!("{h} h {m} min {s} s"),
    }
}

// ---------------------------------------------------------------------------
// The HS256-only crypto provider.
// ---------------------------------------------------------------------------

type HmacSha256 = Hmac<Sha256>;

/// HMAC-SHA-256 keyed with one secret; signer and verifier for `jsonwebtoken`.
#[derive(Clone)]
struct Hs256(HmacSha256);

impl Hs256 {
    fn new(family: AlgorithmFamily, secret: &[u8]) -> jsonwebtoken::errors::Result<Self> {
        if family != AlgorithmFamily::Hmac {
            return Err(new_error(ErrorKind::InvalidKeyFormat));
        }
        <HmacSha256 as Mac>::new_from_slice(secret).map(Self).map_err(|_| new_error(ErrorKind::InvalidKeyFormat))
    }
}

impl signature::Signer<Vec<u8>> for Hs256 {
    fn try_sign(&self, msg: &[u8]) -> Result<Vec<u8>, signature::Error> {
        let mut mac = self.0.clone();
        mac.update(msg);
        Ok(mac.finalize().into_bytes().to_vec())
    }
}

impl Hs256 {
    /// Whether `sig` is the HMAC of `msg` (compared in constant time).
    fn check(self, msg: &[u8], sig: &[u8]) -> bool {
        let mut mac = self.0;
        mac.update(msg);
        mac.verify_slice(sig).is_ok()
    }
}

impl signature::Verifier<Vec<u8>> for Hs256 {
    fn verify(&self, msg: &[u8], sig: &Vec<u8>) -> Result<(), signature::Error> {
        if self.clone().check(msg, sig) {
            Ok(())
        } else {
            Err(signature::Error::new())
        }
    }
}

impl JwtSigner for Hs256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

impl JwtVerifier for Hs256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

fn hs256_signer(alg: &Algorithm, key: &EncodingKey) -> jsonwebtoken::errors::Result<Box<dyn JwtSigner>> {
    match alg {
        Algorithm::HS256 => Ok(Box::new(Hs256::new(key.family(), key.as_bytes())?)),
        _ => Err(new_error(ErrorKind::InvalidAlgorithm)),
    }
}

fn hs256_verifier(alg: &Algorithm, key: &DecodingKey) -> jsonwebtoken::errors::Result<Box<dyn JwtVerifier>> {
    match alg {
        Algorithm::HS256 => Ok(Box::new(Hs256::new(key.family(), key.try_get_as_bytes()?)?)),
        _ => Err(new_error(ErrorKind::InvalidAlgorithm)),
    }
}

fn no_rsa_components(_: &[u8]) -> jsonwebtoken::errors::Result<(Vec<u8>, Vec<u8>)> {
    Err(new_error(ErrorKind::UnsupportedAlgorithm))
}

fn no_ec_components(_: &[u8], _: Algorithm) -> jsonwebtoken::errors::Result<(EllipticCurve, Vec<u8>, Vec<u8>)> {
    Err(new_error(ErrorKind::UnsupportedAlgorithm))
}

fn no_ed_components(_: &[u8], _: &EllipticCurve) -> jsonwebtoken::errors::Result<Vec<u8>> {
    Err(new_error(ErrorKind::UnsupportedAlgorithm))
}

fn no_digest(_: &[u8], _: ThumbprintHash) -> jsonwebtoken::errors::Result<Vec<u8>> {
    Err(new_error(ErrorKind::UnsupportedAlgorithm))
}

/// The HS256-only provider. Its JWK helpers return errors instead of the
/// panicking defaults of `KeyUtils::new_unimplemented`.
static HS256_PROVIDER: CryptoProvider = CryptoProvider {
    signer_factory: hs256_signer,
    verifier_factory: hs256_verifier,
    key_utils: KeyUtils {
        rsa_pub_components_from_private_key: no_rsa_components,
        rsa_pub_components_from_public_key: no_rsa_components,
        ec_pub_components_from_private_key: no_ec_components,
        ed_pub_components_from_private_key: no_ed_components,
        compute_digest: no_digest,
    },
};

static INSTALL: Once = Once::new();

/// Installs this module's HS256-only `hmac` + `sha2` [`CryptoProvider`] as
/// `jsonwebtoken`'s process-wide default, once; later calls do nothing.
///
/// [`issue`], [`verify`] and [`sign_hs256`] call it themselves. Call it
/// before using `jsonwebtoken` directly. `jsonwebtoken` 11 keeps its provider
/// in a `OnceLock` that can be set only once; if something else set it first,
/// that provider stays (our calls still work as long as it does HS256).
pub fn ensure_crypto_provider() {
    INSTALL.call_once(|| {
        // An Err only means another provider won the race; nothing to do.
        let _ = HS256_PROVIDER.install_default();
    });
}

/// The `jsonwebtoken` validation [`verify`] is equivalent to (for callers of
/// `jsonwebtoken::decode`): HS256 only, and no clock-based or claim-presence
/// checks (the clock is virtual and claims are checked by this module).
pub fn hs256_validation() -> Validation {
    let mut v = Validation::new(Algorithm::HS256);
    v.algorithms = vec![Algorithm::HS256];
    v.validate_exp = false;
    v.validate_nbf = false;
    v.validate_aud = false;
    v.required_spec_claims.clear();
    v.leeway = 0;
    v.reject_tokens_expiring_in_less_than = 0;
    v
}

// ---------------------------------------------------------------------------
// Issuing.
// ---------------------------------------------------------------------------

/// Signs `claims` with `key`: header `{"typ":"JWT","alg":"HS256","kid":<key.kid>}`.
pub fn issue(claims: &Claims, key: &SigningKey) -> Result<String, TokenError> {
    ensure_crypto_provider();
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(key.kid.clone());
    let token = jsonwebtoken::encode(&header, claims, &EncodingKey::from_secret(&key.secret))
        .map_err(|e| TokenError::Signing(e.to_string()))?;
    if token.len() > MAX_TOKEN_BYTES {
        return Err(TokenError::TooLarge { len: token.len() });
    }
    Ok(token)
}

/// The base64url HS256 signature of `signing_input` (normally
/// `header_b64 + "." + payload_b64`) under `secret`, computed through
/// `jsonwebtoken` and this module's provider. For the tamper editor's
/// "re-sign with the real key" button and for tests.
pub fn sign_hs256(signing_input: &str, secret: &[u8]) -> Result<String, TokenError> {
    ensure_crypto_provider();
    jsonwebtoken::crypto::sign(signing_input.as_bytes(), &EncodingKey::from_secret(secret), Algorithm::HS256)
        .map_err(|e| TokenError::Signing(e.to_string()))
}

/// Build a refresh token / jti from caller-provided random bytes (base64url, no padding).
pub fn random_id(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

// ---------------------------------------------------------------------------
// Verifying.
// ---------------------------------------------------------------------------

fn is_b64url_byte(b: u8) -> bool {
    B64URL[usize::from(b)]
}

/// Which bytes are in the base64url alphabet (a table: tokens are checked byte by byte).
static B64URL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
        b += 1;
    }
    table
};

/// Strict unpadded base64url decoding of one part, with a precise rejection.
fn decode_part(seg: &str, part: Part) -> Result<Vec<u8>, Rejection> {
    if seg.bytes().all(is_b64url_byte) {
        // No padding, nothing outside the alphabet: only the decoder can object.
        return URL_SAFE_NO_PAD.decode(seg).map_err(|e| Rejection::BadBase64 { part, detail: e.to_string() });
    }
    if seg.contains('=') {
        return Err(Rejection::Base64Padding { part });
    }
    if let Some(ch) = seg.chars().find(|c| !c.is_ascii() || !is_b64url_byte(*c as u8)) {
        return Err(Rejection::BadBase64 {
            part,
            detail: format!("{:?} is not in the base64url alphabet (A-Z a-z 0-9 - _)", ch),
        });
    }
    URL_SAFE_NO_PAD.decode(seg).map_err(|e| Rejection::BadBase64 { part, detail: e.to_string() })
}

/// [`decode_part`] into `buf` when the part decodes and fits (no allocation), else
/// exactly as [`decode_part`]: the same bytes or the same rejection.
fn decode_into<'b>(seg: &str, part: Part, buf: &'b mut [u8]) -> Result<Cow<'b, [u8]>, Rejection> {
    // The same engine succeeds only on bytes of the alphabet, where `decode_part`
    // decodes with it too.
    match URL_SAFE_NO_PAD.decode_slice(seg, &mut *buf) {
        Ok(n) => Ok(Cow::Borrowed(buf.get(..n).unwrap_or_default())),
        Err(_) => decode_part(seg, part).map(Cow::Owned),
    }
}

/// Serde visitor that reports the first key repeated in a JSON object.
struct FirstDuplicateKey;

impl<'de> Visitor<'de> for FirstDuplicateKey {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = BTreeSet::new();
        let mut dup = None;
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<IgnoredAny>()?;
            if dup.is_none() && !seen.insert(key.clone()) {
                dup = Some(key);
            }
        }
        Ok(dup)
    }
}

/// The first key that appears twice in the top-level JSON object `json`
/// (after unescaping, so `"role"` and `"r\u006fle"` are the same key).
/// `serde_json` would silently keep the last one.
fn first_duplicate_key(json: &[u8]) -> Option<String> {
    let mut de = serde_json::Deserializer::from_slice(json);
    (&mut de).deserialize_map(FirstDuplicateKey).ok().flatten()
}

/// Serde visitor that builds a JSON object and notes the first key repeated in it
/// (one pass: what `Value` parsing plus [`first_duplicate_key`] find in two).
struct ObjectNotingDuplicates;

impl<'de> Visitor<'de> for ObjectNotingDuplicates {
    type Value = (Map<String, Value>, Option<String>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = Map::new();
        let mut dup = None;
        while let Some(key) = access.next_key::<String>()? {
            let value: Value = access.next_value()?;
            if dup.is_none() && map.contains_key(&key) {
                dup = Some(key.clone());
            }
            // Like `Value`'s own parsing, the last of repeated keys wins.
            map.insert(key, value);
        }
        Ok((map, dup))
    }
}

/// Parses a decoded header or payload as a JSON object without duplicate keys.
fn parse_object(bytes: &[u8], part: Part) -> Result<Map<String, Value>, Rejection> {
    // The common case, a well-formed object, in one pass; anything else takes the
    // step-by-step path below, which says exactly what is wrong.
    let mut de = serde_json::Deserializer::from_slice(bytes);
    if let Ok((map, dup)) = (&mut de).deserialize_map(ObjectNotingDuplicates).and_then(|r| de.end().map(|()| r)) {
        return match dup {
            None => Ok(map),
            Some(name) if part == Part::Header => Err(Rejection::DuplicateHeaderParam { name }),
            Some(name) => Err(Rejection::DuplicateClaim { name }),
        };
    }
    parse_object_stepwise(bytes, part)
}

/// [`parse_object`] step by step: JSON at all, an object, no repeated key.
fn parse_object_stepwise(bytes: &[u8], part: Part) -> Result<Map<String, Value>, Rejection> {
    let header = part == Part::Header;
    let value: Value = serde_json::from_slice(bytes).map_err(|_| {
        if header {
            Rejection::HeaderNotJson
        } else {
            Rejection::PayloadNotJson
        }
    })?;
    let Value::Object(map) = value else {
        return Err(if header { Rejection::HeaderNotObject } else { Rejection::PayloadNotObject });
    };
    if let Some(name) = first_duplicate_key(bytes) {
        return Err(if header { Rejection::DuplicateHeaderParam { name } } else { Rejection::DuplicateClaim { name } });
    }
    Ok(map)
}

/// The `kid` of the header every issued token carries, `{"typ":"JWT","alg":"HS256","kid":"…"}`
/// written exactly so with a kid of printable ASCII and no escapes; `None` for any other
/// header (which then takes the general checks). For such a header those checks pass
/// and yield this kid, so the shortcut changes no outcome.
fn plain_header_kid(header: &[u8]) -> Option<&str> {
    let kid = header.strip_prefix(br#"{"typ":"JWT","alg":"HS256","kid":""#)?.strip_suffix(br#""}"#)?;
    if !kid.iter().all(|&b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\') {
        return None;
    }
    std::str::from_utf8(kid).ok()
}

/// Reads a payload straight into [`Claims`] when it is a JSON object of only the
/// claims `Claims` knows, each at most once, with unescaped names and the right types;
/// `None` otherwise. Whenever it answers, parsing the object and then deserializing
/// `Claims` from it gives the very same claims.
fn plain_claims(payload: &[u8]) -> Option<Claims> {
    if let Some(claims) = scan_claims(payload) {
        return Some(claims);
    }
    let mut de = serde_json::Deserializer::from_slice(payload);
    let claims = (&mut de).deserialize_map(PlainClaims).ok()??;
    de.end().ok()?;
    Some(claims)
}

/// The quickest case of [`plain_claims`], read by hand: the compact JSON `jsonwebtoken`
/// writes — no whitespace, no escapes, printable ASCII strings, integers without
/// leading zeros that fit an `i64` — with each known claim at most once. `None` for
/// anything else (which `plain_claims` then reads with serde).
fn scan_claims(p: &[u8]) -> Option<Claims> {
    // One UTF-8 check for the whole payload; the parts are then cut at ASCII bytes.
    let p = std::str::from_utf8(p).ok()?;
    let mut p = p.strip_prefix('{')?.strip_suffix('}')?;
    let (mut sub, mut name, mut role, mut jti) = (None, None, None, None);
    let (mut iat, mut exp, mut nbf) = (None, None, None);
    let mut first = true;
    while !p.is_empty() {
        if !first {
            p = p.strip_prefix(',')?;
        }
        first = false;
        let (key, rest) = scan_string(p.strip_prefix('"')?)?;
        p = rest.strip_prefix(':')?;
        let fresh = match key {
            "sub" | "name" | "role" | "jti" => {
                let (value, rest) = scan_string(p.strip_prefix('"')?)?;
                p = rest;
                let slot = match key {
                    "sub" => &mut sub,
                    "name" => &mut name,
                    "role" => &mut role,
                    _ => &mut jti,
                };
                fill(slot, value.to_string())
            }
            "iat" | "exp" | "nbf" => {
                let (value, rest) = scan_integer(p)?;
                p = rest;
                match key {
                    "iat" => fill(&mut iat, value),
                    "exp" => fill(&mut exp, value),
                    _ => fill(&mut nbf, value),
                }
            }
            _ => false,
        };
        if !fresh {
            return None;
        }
    }
    Some(Claims { sub: sub?, name: name?, role: role?, iat: iat?, exp: exp?, nbf, jti: jti? })
}

/// The text of a JSON string of printable ASCII without escapes (after its opening
/// quote), and what follows its closing quote.
fn scan_string(p: &str) -> Option<(&str, &str)> {
    let end = p.bytes().position(|b| b == b'"')?;
    let text = p.get(..end)?;
    if !text.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'\\') {
        return None;
    }
    Some((text, p.get(end + 1..)?))
}

/// A JSON integer (`0`, or `-`? and digits not starting with 0) that fits an `i64`,
/// and what follows it; `None` for `-0`, fractions, exponents and overflow.
fn scan_integer(p: &str) -> Option<(i64, &str)> {
    let (negative, digits) = match p.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, p),
    };
    let len = digits.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(digits.len());
    let (number, rest) = (digits.get(..len)?.as_bytes(), digits.get(len..)?);
    if number.is_empty() || (number.len() > 1 && number[0] == b'0') || (negative && number == b"0") {
        return None;
    }
    if rest.starts_with(['.', 'e', 'E']) {
        return None;
    }
    let mut value: i64 = 0;
    for &d in number {
        let d = i64::from(d - b'0');
        value = value.checked_mul(10)?;
        value = if negative { value.checked_sub(d)? } else { value.checked_add(d)? };
    }
    Some((value, rest))
}

/// Serde visitor of [`plain_claims`]: `Ok(None)` as soon as the object is not plain.
struct PlainClaims;

/// Fills an empty slot; false when it was filled already (a repeated claim).
fn fill<T>(slot: &mut Option<T>, value: T) -> bool {
    if slot.is_some() {
        return false;
    }
    *slot = Some(value);
    true
}

impl<'de> Visitor<'de> for PlainClaims {
    type Value = Option<Claims>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object of claims")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut sub, mut name, mut role, mut jti) = (None, None, None, None);
        let (mut iat, mut exp, mut nbf) = (None, None, None);
        // Borrowed names only: a name with an escape is an error here, hence general.
        while let Some(key) = map.next_key::<&'de str>()? {
            let fresh = match key {
                "sub" => fill(&mut sub, map.next_value::<String>()?),
                "name" => fill(&mut name, map.next_value::<String>()?),
                "role" => fill(&mut role, map.next_value::<String>()?),
                "jti" => fill(&mut jti, map.next_value::<String>()?),
                "iat" => fill(&mut iat, map.next_value::<i64>()?),
                "exp" => fill(&mut exp, map.next_value::<i64>()?),
                "nbf" => fill(&mut nbf, map.next_value::<Option<i64>>()?),
                _ => false,
            };
            if !fresh {
                return Ok(None);
            }
        }
        Ok(match (sub, name, role, iat, exp, jti) {
            (Some(sub), Some(name), Some(role), Some(iat), Some(exp), Some(jti)) => {
                Some(Claims { sub, name, role, iat, exp, nbf: nbf.flatten(), jti })
            }
            _ => None,
        })
    }
}

/// Checks the header parameters; returns the kid, if any.
fn check_header(header: &Map<String, Value>) -> Result<Option<String>, Rejection> {
    let alg = match header.get("alg") {
        Some(Value::String(alg)) => alg,
        _ => return Err(Rejection::AlgMissing),
    };
    if alg.trim().eq_ignore_ascii_case("none") {
        return Err(Rejection::AlgNone { alg: alg.clone() });
    }
    if alg != ACCEPTED_ALG {
        return Err(Rejection::AlgNotAllowed { alg: alg.clone() });
    }
    if header.contains_key("crit") {
        return Err(Rejection::CritHeader);
    }
    match header.get("typ") {
        None => {}
        Some(Value::String(t)) if t.eq_ignore_ascii_case("JWT") => {}
        Some(other) => return Err(Rejection::BadTyp { typ: other.to_string() }),
    }
    match header.get("kid") {
        None => Ok(None),
        Some(Value::String(kid)) => Ok(Some(kid.clone())),
        Some(_) => Err(Rejection::KidNotString),
    }
}

/// Why the claims object does not fit [`Claims`], if a precise reason exists.
fn diagnose_claims(claims: &Map<String, Value>) -> Option<Rejection> {
    const STRINGS: [&str; 4] = ["sub", "name", "role", "jti"];
    const TIMES: [&str; 2] = ["iat", "exp"];
    const INTEGER: &str = "an integer number of seconds since 1970";
    for name in STRINGS {
        match claims.get(name) {
            None => return Some(Rejection::MissingClaim { name }),
            Some(Value::String(_)) => {}
            Some(_) => return Some(Rejection::ClaimType { name, expected: "a string" }),
        }
    }
    for name in TIMES {
        match claims.get(name) {
            None => return Some(Rejection::MissingClaim { name }),
            Some(v) if v.as_i64().is_some() => {}
            Some(_) => return Some(Rejection::ClaimType { name, expected: INTEGER }),
        }
    }
    match claims.get("nbf") {
        None | Some(Value::Null) => None,
        Some(v) if v.as_i64().is_some() => None,
        Some(_) => Some(Rejection::ClaimType { name: "nbf", expected: INTEGER }),
    }
}

/// Splits a token into its dot-separated parts after the cheap checks that
/// need no decoding: emptiness, size, characters and part count.
fn split_checked(token: &str) -> Result<[&str; 3], Rejection> {
    if token.is_empty() {
        return Err(Rejection::Empty);
    }
    if token.len() > MAX_TOKEN_BYTES {
        return Err(Rejection::TooLarge { len: token.len() });
    }
    // Base64url and dots only (every well-formed token) cannot hold whitespace or a
    // control character; anything else is searched character by character.
    // Two branch-free passes the compiler turns into vector code.
    let dots = token.bytes().filter(|&b| b == b'.').count();
    let plain =
        token.bytes().fold(true, |ok, b| ok & (b.is_ascii_alphanumeric() | (b == b'-') | (b == b'_') | (b == b'.')));
    if !plain {
        if let Some((at, ch)) = token.char_indices().find(|(_, c)| c.is_whitespace() || c.is_control()) {
            return Err(Rejection::BadCharacters { at, ch });
        }
    }
    let found = 1 + dots;
    match found {
        3 => {}
        0..=2 => return Err(Rejection::TooFewSegments { found }),
        5 => return Err(Rejection::EncryptedJwe),
        _ => return Err(Rejection::TooManySegments { found }),
    }
    // Exactly two dots: the header is short, so the first is found at once and the
    // second is the last one.
    let parts = token.split_once('.').and_then(|(h, rest)| rest.rsplit_once('.').map(|(p, s)| [h, p, s]));
    parts.ok_or(Rejection::TooFewSegments { found })
}

/// Verify an access token completely and say precisely why it fails.
///
/// Order of checks (the first failure wins):
/// 1. cheap shape checks, no decoding: empty, longer than [`MAX_TOKEN_BYTES`],
///    whitespace/control characters, exactly 3 parts (5 = JWE);
/// 2. header: strict base64url (no `=`), a JSON object without duplicate
///    names, `alg` exactly `HS256` (`none` in any case gets its own reason;
///    the token's `alg` never picks the verification method), no `crit`,
///    `typ` absent or `JWT` (any case; anything else, e.g. `at+jwt`, is
///    refused because this server only issues `JWT`), `kid` a string naming
///    a key in `keys`.
///    **No `kid`**: the token is checked against the current key only, never
///    against previous keys; tokens this module issues always carry a kid.
/// 3. signature: present, base64url, exactly 32 bytes;
/// 4. payload: base64url, a JSON object without duplicate claims;
/// 5. the provider's HS256 verifier recomputes the HMAC (constant-time
///    compare; the key's HMAC state is keyed once per key), then the claims
///    are decoded into [`Claims`] (what `jsonwebtoken::decode` with
///    [`hs256_validation`] does, without decoding the parts a second time);
///    missing or mistyped claims get a precise
///    reason, but only for correctly signed tokens — a changed payload is a
///    `bad-signature` first;
/// 6. virtual clock: expired if `now >= exp`; not yet valid if `now < nbf`
///    (no leeway for either); `iat` may be at most [`IAT_LEEWAY_SECS`] ahead;
/// 7. `denylist(jti)`: `true` means revoked.
pub fn verify(token: &str, keys: &KeyRing, now: i64, denylist: &dyn Fn(&str) -> bool) -> Result<Claims, Rejection> {
    let [header_b64, payload_b64, signature_b64] = split_checked(token)?;

    let (mut header_buf, mut payload_buf, mut signature_buf) = ([0; 128], [0; 384], [0; 48]);
    let header_bytes = decode_into(header_b64, Part::Header, &mut header_buf)?;
    let key = match plain_header_kid(&header_bytes) {
        // The header every issued token carries: nothing more to check in it.
        Some(kid) => keys.find(kid).ok_or_else(|| Rejection::UnknownKid { kid: kid.to_string() })?,
        None => {
            let header = parse_object(&header_bytes, Part::Header)?;
            let kid = check_header(&header)?;
            let key = match &kid {
                None => &keys.current,
                Some(kid) => keys.find(kid).ok_or_else(|| Rejection::UnknownKid { kid: kid.clone() })?,
            };
            // The remaining standard header fields must have the types jsonwebtoken
            // expects. (`alg`, `typ` and `kid` were just checked, and `Header` ignores
            // unknown names: only a header naming another of its fields can fail here.)
            if header.keys().any(|k| !matches!(k.as_str(), "alg" | "typ" | "kid")) {
                serde_json::from_slice::<Header>(&header_bytes)
                    .map_err(|e| Rejection::BadHeader { detail: e.to_string() })?;
            }
            key
        }
    };

    if signature_b64.is_empty() {
        return Err(Rejection::SignatureMissing);
    }
    let signature = decode_into(signature_b64, Part::Signature, &mut signature_buf)?;
    if signature.len() != HS256_SIGNATURE_BYTES {
        return Err(Rejection::SignatureLength { len: signature.len() });
    }

    let payload_bytes = decode_into(payload_b64, Part::Payload, &mut payload_buf)?;
    // The payload of every issued token reads straight into `Claims`; anything else
    // (unknown, repeated or mistyped claims, escapes in names) takes the general path.
    let plain = plain_claims(&payload_bytes);
    let payload = match plain {
        Some(_) => None,
        None => Some(parse_object(&payload_bytes, Part::Payload)?),
    };

    // The same two steps as `jsonwebtoken::decode` with `hs256_validation()` — the HMAC
    // by this module's HS256 verifier (the one the installed provider hands out), then
    // the claims — without decoding and parsing the header, payload and signature all
    // over again: by now the header is known to be a valid HS256 header and every part
    // decodes.
    let signing_input = &token[..header_b64.len() + 1 + payload_b64.len()];
    let library_error = |e: jsonwebtoken::errors::Error, payload: &Map<String, Value>| match e.kind() {
        ErrorKind::InvalidSignature => Rejection::BadSignature,
        ErrorKind::InvalidAlgorithm => {
            // Only an HS256 header gets this far.
            Rejection::AlgNotAllowed { alg: Value::from(ACCEPTED_ALG).to_string() }
        }
        ErrorKind::Json(_) => {
            diagnose_claims(payload).unwrap_or_else(|| Rejection::ClaimsInvalid { detail: e.to_string() })
        }
        _ => Rejection::Internal { detail: e.to_string() },
    };
    let checked = match key.mac() {
        Some(mac) => Ok(Hs256(mac).check(signing_input.as_bytes(), &signature)),
        None => Hs256::new(AlgorithmFamily::Hmac, &key.secret).map(|v| v.check(signing_input.as_bytes(), &signature)),
    };
    match checked {
        Ok(true) => {}
        Ok(false) => return Err(Rejection::BadSignature),
        Err(e) => {
            let payload = match payload {
                Some(p) => p,
                None => parse_object(&payload_bytes, Part::Payload)?,
            };
            return Err(library_error(e, &payload));
        }
    }
    // Taken from the parsed object; when that fails, the bytes are parsed as
    // `jsonwebtoken` does, so the reason is the library's, word for word.
    let claims = match (plain, payload) {
        (Some(claims), _) => claims,
        (None, Some(payload)) => match Claims::deserialize(Value::Object(payload)) {
            Ok(claims) => claims,
            Err(_) => match serde_json::from_slice::<Claims>(&payload_bytes) {
                Ok(claims) => claims,
                Err(e) => return Err(library_error(e.into(), &parse_object(&payload_bytes, Part::Payload)?)),
            },
        },
        (None, None) => return Err(Rejection::PayloadNotObject),
    };

    if now >= claims.exp {
        return Err(Rejection::Expired { ago: now.saturating_sub(claims.exp) });
    }
    if let Some(nbf) = claims.nbf {
        if now < nbf {
            return Err(Rejection::NotYetValid { in_secs: nbf.saturating_sub(now) });
        }
    }
    if claims.iat > now.saturating_add(IAT_LEEWAY_SECS) {
        return Err(Rejection::IssuedInFuture { by: claims.iat.saturating_sub(now) });
    }
    if denylist(&claims.jti) {
        return Err(Rejection::Revoked { jti: claims.jti });
    }
    Ok(claims)
}

// ---------------------------------------------------------------------------
// Inspecting and tampering.
// ---------------------------------------------------------------------------

/// What [`inspect`] could make of a token without checking its signature.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// Number of dot-separated parts (3 for a JWS, 5 for a JWE).
    pub segments: usize,
    /// The first part as written.
    pub header_b64: String,
    /// The second part as written (empty if absent).
    pub payload_b64: String,
    /// The third part as written (empty if absent).
    pub signature_b64: String,
    /// The header decoded as JSON, or why that failed.
    pub header: Result<Value, Unreadable>,
    /// The payload decoded as JSON, or why that failed.
    pub payload: Result<Value, Unreadable>,
    /// Length of the decoded signature in bytes, if it decodes.
    pub signature_len: Option<usize>,
    /// Everything found wrong without a key or a clock: what [`verify`] would say.
    pub problems: Vec<Rejection>,
}

/// Why the inspector cannot show a part of a token as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// The token has no such part (too few dots), or the part is empty.
    Empty {
        /// Which part.
        part: Part,
    },
    /// The part is neither base64url nor base64.
    NotBase64 {
        /// Which part.
        part: Part,
        /// The decoder's message (English; the Korean page does not show it).
        detail: String,
    },
    /// The part decodes, but not to JSON.
    NotJson {
        /// Which part.
        part: Part,
        /// Line of the first error in the decoded text (1-based).
        line: usize,
        /// Column of the first error (0 when the text ended too soon).
        column: usize,
        /// The parser's message (English; the Korean page does not show it).
        detail: String,
    },
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Empty { part } => write!(f, "no {part} part"),
            Unreadable::NotBase64 { detail, .. } => write!(f, "not base64url: {detail}"),
            Unreadable::NotJson { detail, .. } => write!(f, "not JSON: {detail}"),
        }
    }
}

/// Why the tamper editor could not put a new part into a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TamperError {
    /// The token does not have exactly three parts.
    Parts {
        /// How many it has.
        found: usize,
    },
    /// No such part.
    NoSuchPart,
}

impl fmt::Display for TamperError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TamperError::Parts { found } => {
                write!(f, "expected 3 dot-separated parts (header.payload.signature), found {found}")
            }
            TamperError::NoSuchPart => f.write_str("no such part"),
        }
    }
}

impl std::error::Error for TamperError {}

/// Forgiving base64 for the inspector: padding optional, trailing bits allowed.
const LENIENT_URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Forgiving standard-alphabet base64 (`+` and `/`) for the inspector.
const LENIENT_STD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

fn lenient_decode(seg: &str) -> Result<Vec<u8>, String> {
    let seg = seg.trim_end_matches('=');
    LENIENT_URL.decode(seg).or_else(|e| LENIENT_STD.decode(seg).map_err(|_| e.to_string()))
}

fn lenient_json(seg: &str, part: Part) -> Result<Value, Unreadable> {
    if seg.is_empty() {
        return Err(Unreadable::Empty { part });
    }
    let bytes = lenient_decode(seg).map_err(|detail| Unreadable::NotBase64 { part, detail })?;
    serde_json::from_slice(&bytes).map_err(|e| Unreadable::NotJson {
        part,
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    })
}

/// Decode as far as possible WITHOUT verifying, for the inspector: never fails, never panics.
///
/// Header and payload are decoded leniently (padding and the `+`/`/`
/// alphabet are tolerated) so the learner can still see what a broken token
/// says; `problems` lists what [`verify`] would object to that can be seen
/// without a key or a clock (at most one problem per part). An empty token has
/// one problem, [`Rejection::Empty`], and nothing else to report.
pub fn inspect(token: &str) -> Inspection {
    let parts: Vec<&str> = token.split('.').collect();
    let part = |i: usize| parts.get(i).copied().unwrap_or_default();
    let (h, p, s) = (part(0), part(1), part(2));
    let mut problems = Vec::new();

    if let Err(r) = split_checked(token) {
        problems.push(r);
    }
    if !token.is_empty() {
        if let Err(r) =
            decode_part(h, Part::Header).and_then(|b| parse_object(&b, Part::Header)).and_then(|m| check_header(&m))
        {
            problems.push(r);
        }
    }
    if parts.len() >= 2 {
        if let Err(r) = decode_part(p, Part::Payload)
            .and_then(|b| parse_object(&b, Part::Payload))
            .and_then(|m| diagnose_claims(&m).map_or(Ok(()), Err))
        {
            problems.push(r);
        }
    }
    let signature_len = lenient_decode(s).ok().map(|b| b.len());
    if parts.len() >= 3 {
        if s.is_empty() {
            problems.push(Rejection::SignatureMissing);
        } else if let Err(r) = decode_part(s, Part::Signature) {
            problems.push(r);
        } else if let Some(len) = signature_len.filter(|l| *l != HS256_SIGNATURE_BYTES) {
            problems.push(Rejection::SignatureLength { len });
        }
    }

    Inspection {
        segments: parts.len(),
        header_b64: h.to_owned(),
        payload_b64: p.to_owned(),
        signature_b64: s.to_owned(),
        header: lenient_json(h, Part::Header),
        payload: if parts.len() >= 2 {
            lenient_json(p, Part::Payload)
        } else {
            Err(Unreadable::Empty { part: Part::Payload })
        },
        signature_len: if parts.len() >= 3 { signature_len } else { None },
        problems,
    }
}

/// Replaces one part of a 3-part token with `json` (base64url-encoded), keeping the rest.
fn replace_part(token: &str, index: usize, json: &str) -> Result<String, TamperError> {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    if parts.len() != 3 {
        return Err(TamperError::Parts { found: parts.len() });
    }
    match parts.get_mut(index) {
        Some(slot) => *slot = URL_SAFE_NO_PAD.encode(json.as_bytes()),
        None => return Err(TamperError::NoSuchPart),
    }
    Ok(parts.join("."))
}

/// Re-sign helper for the tamper editor: replace the payload JSON but keep
/// the original signature (what an attacker without the key can do).
///
/// `payload_json` is encoded as given, even if it is not valid JSON, so the
/// learner can also see how the server treats garbage.
pub fn tamper_payload(token: &str, payload_json: &str) -> Result<String, TamperError> {
    replace_part(token, 1, payload_json)
}

/// Like [`tamper_payload`] for the header, e.g. to try `"alg":"none"` or
/// another `kid` while keeping the original payload and signature.
pub fn tamper_header(token: &str, header_json: &str) -> Result<String, TamperError> {
    replace_part(token, 0, header_json)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    //! [`verify`] against a reference: the same checks with every part parsed
    //! step by step and the signature and claims left to `jsonwebtoken::decode`.
    use super::*;
    use proptest::prelude::*;

    fn reference(token: &str, keys: &KeyRing, now: i64, denylist: &dyn Fn(&str) -> bool) -> Result<Claims, Rejection> {
        let [header_b64, payload_b64, signature_b64] = split_checked(token)?;
        let header_bytes = decode_part(header_b64, Part::Header)?;
        let header = parse_object_stepwise(&header_bytes, Part::Header)?;
        let kid = check_header(&header)?;
        let key = match &kid {
            None => &keys.current,
            Some(kid) => keys.find(kid).ok_or_else(|| Rejection::UnknownKid { kid: kid.clone() })?,
        };
        serde_json::from_slice::<Header>(&header_bytes).map_err(|e| Rejection::BadHeader { detail: e.to_string() })?;
        if signature_b64.is_empty() {
            return Err(Rejection::SignatureMissing);
        }
        let signature = decode_part(signature_b64, Part::Signature)?;
        if signature.len() != HS256_SIGNATURE_BYTES {
            return Err(Rejection::SignatureLength { len: signature.len() });
        }
        let payload_bytes = decode_part(payload_b64, Part::Payload)?;
        let payload = parse_object_stepwise(&payload_bytes, Part::Payload)?;
        ensure_crypto_provider();
        let decoded =
            jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(&key.secret), &hs256_validation());
        let claims = match decoded {
            Ok(data) => data.claims,
            Err(e) => {
                return Err(match e.kind() {
                    ErrorKind::InvalidSignature => Rejection::BadSignature,
                    ErrorKind::InvalidAlgorithm => {
                        Rejection::AlgNotAllowed { alg: header.get("alg").map(|a| a.to_string()).unwrap_or_default() }
                    }
                    ErrorKind::Json(_) => {
                        diagnose_claims(&payload).unwrap_or_else(|| Rejection::ClaimsInvalid { detail: e.to_string() })
                    }
                    _ => Rejection::Internal { detail: e.to_string() },
                })
            }
        };
        if now >= claims.exp {
            return Err(Rejection::Expired { ago: now.saturating_sub(claims.exp) });
        }
        if let Some(nbf) = claims.nbf {
            if now < nbf {
                return Err(Rejection::NotYetValid { in_secs: nbf.saturating_sub(now) });
            }
        }
        if claims.iat > now.saturating_add(IAT_LEEWAY_SECS) {
            return Err(Rejection::IssuedInFuture { by: claims.iat.saturating_sub(now) });
        }
        if denylist(&claims.jti) {
            return Err(Rejection::Revoked { jti: claims.jti });
        }
        Ok(claims)
    }

    const SECRET: &[u8] = b"reference-secret";
    const NOW: i64 = 1_700_000_000;

    fn ring() -> KeyRing {
        let mut ring = KeyRing::new("k1", SECRET);
        ring.rotate(SigningKey::new("k2", b"second".to_vec()), true);
        ring
    }

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s.as_bytes())
    }

    fn signed(header: &str, payload: &str, secret: &[u8]) -> String {
        let input = format!("{}.{}", b64(header), b64(payload));
        let sig = sign_hs256(&input, secret).expect("sign");
        format!("{input}.{sig}")
    }

    /// JSON text for a header or payload: well-formed, odd or broken.
    fn json_part(fields: &'static [&'static str]) -> impl Strategy<Value = String> {
        let value = prop_oneof![
            Just("\"HS256\"".to_string()),
            Just("\"JWT\"".to_string()),
            Just("\"k1\"".to_string()),
            Just("\"k2\"".to_string()),
            Just("null".to_string()),
            Just("[]".to_string()),
            Just("{}".to_string()),
            Just("1.5".to_string()),
            Just("18446744073709551615".to_string()),
            (NOW - 2_000..NOW + 2_000).prop_map(|n| n.to_string()),
            "\"[a-z\\\\u0-9]{0,6}\"",
        ];
        let key = prop_oneof![
            prop::sample::select(fields).prop_map(str::to_string),
            "[a-z]{1,4}",
            Just("r\\u006fle".to_string())
        ];
        prop::collection::vec((key, value), 0..9).prop_flat_map(|pairs| {
            let body: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            let text = format!("{{{}}}", body.join(","));
            prop_oneof![
                6 => Just(text.clone()),
                1 => Just(format!("{text} ")),
                1 => Just(format!("{text}x")),
                1 => Just(text[1..].to_string()),
            ]
        })
    }

    /// Claims that are mostly right: now and then a claim is missing, mistyped or
    /// out of range, `nbf` is set, or an extra claim comes along.
    fn claims_json() -> impl Strategy<Value = String> {
        let text =
            prop_oneof![30 => Just("\"x\"".to_string()), 1 => Just("5".to_string()), 1 => Just("null".to_string())]
                .boxed();
        let time = prop_oneof![
            30 => (NOW - 1_500..NOW + 1_500).prop_map(|n| n.to_string()),
            1 => Just("1.5".to_string()),
            1 => Just("\"1\"".to_string()),
            1 => Just("18446744073709551615".to_string()),
            1 => Just("-9223372036854775808".to_string()),
        ]
        .boxed();
        let later =
            prop_oneof![4 => (NOW + 500..NOW + 3_000).prop_map(|n| n.to_string()).boxed(), 1 => time.clone()].boxed();
        let slot = |s| prop::option::weighted(0.98, s);
        (
            (slot(text.clone()), slot(text.clone()), slot(text.clone()), slot(text)),
            (slot(time.clone()), slot(later), prop::option::weighted(0.3, time)),
            prop::option::weighted(0.1, "(sub|exp|aud|iss)"),
        )
            .prop_map(|((sub, name, role, jti), (iat, exp, nbf), extra)| {
                let named = [
                    ("sub", sub),
                    ("name", name),
                    ("role", role),
                    ("iat", iat),
                    ("exp", exp),
                    ("nbf", nbf),
                    ("jti", jti),
                ];
                let mut fields: Vec<String> =
                    named.into_iter().filter_map(|(k, v)| v.map(|v| format!("\"{k}\":{v}"))).collect();
                if let Some(k) = extra {
                    fields.push(format!("\"{k}\":[\"a\"]"));
                }
                format!("{{{}}}", fields.join(","))
            })
    }

    #[test]
    fn scanned_claims_are_the_parsed_claims() {
        let general = |p: &str| {
            let map = parse_object(p.as_bytes(), Part::Payload).ok()?;
            Claims::deserialize(Value::Object(map)).ok()
        };
        let base = r#""sub":"a","name":"b","role":"user","jti":"j""#;
        let mut checked = 0;
        for time in [
            "0",
            "-0",
            "01",
            "7",
            "-7",
            "1772416922",
            "1e3",
            "1.0",
            "-",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "null",
            "\"1\"",
        ] {
            for extra in ["", r#","nbf":5"#, r#","nbf":null"#, r#","sub":"c""#, r#","aud":"x""#, r#","name":"\u0041""#]
            {
                for p in [
                    format!("{{{base},\"iat\":{time},\"exp\":{time}{extra}}}"),
                    format!("{{\"iat\":{time},{base},\"exp\":1{extra}}}"),
                    format!("{{{base},\"iat\":1,\"exp\":{time}{extra}}} "),
                    format!("{{{base},\"iat\":1,\"exp\":{time}{extra},}}"),
                    format!("{{{base}, \"iat\":1,\"exp\":{time}{extra}}}"),
                ] {
                    if let Some(scanned) = scan_claims(p.as_bytes()) {
                        assert_eq!(Some(scanned), general(&p), "{p}");
                        checked += 1;
                    }
                    if let Some(plain) = plain_claims(p.as_bytes()) {
                        assert_eq!(Some(plain), general(&p), "{p}");
                    }
                }
            }
        }
        assert!(checked > 20, "{checked}");
        assert_eq!(scan_claims(br#"{"sub":"a\"b"}"#), None);
        assert_eq!(scan_claims("{\"sub\":\"é\"}".as_bytes()), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn verify_agrees_with_the_reference(
            header in prop_oneof![
                6 => Just(r#"{"typ":"JWT","alg":"HS256","kid":"k1"}"#.to_string()),
                1 => Just(r#"{"alg":"HS256","kid":"k2"}"#.to_string()),
                1 => Just(r#"{"typ":"JWT","alg":"HS256","kid":"k\u0032"}"#.to_string()),
                1 => Just(r#"{"typ":"JWT","alg":"HS256","kid":"k9"}"#.to_string()),
                1 => Just(r#"{"alg":"HS256"}"#.to_string()),
                2 => json_part(&["alg", "typ", "kid", "crit", "jwk", "x5c", "cty"]),
            ],
            payload in prop_oneof![
                4 => claims_json(),
                1 => json_part(&["sub", "name", "role", "iat", "exp", "nbf", "jti", "aud", "iss"]),
            ],
            secret in prop_oneof![4 => Just(SECRET.to_vec()), 1 => Just(b"second".to_vec()), 1 => Just(b"wrong".to_vec())],
            flip in prop::option::weighted(0.2, (any::<prop::sample::Index>(), "[A-Za-z0-9_=.-]")),
            now in NOW - 1_000..NOW + 2_000,
            deny in prop::bool::weighted(0.2),
        ) {
            let mut token = signed(&header, &payload, &secret);
            if let Some((at, with)) = flip {
                let at = at.index(token.len());
                token.replace_range(at..at + 1, &with);
            }
            let denylist = |jti: &str| deny && jti == "x";
            prop_assert_eq!(verify(&token, &ring(), now, &denylist), reference(&token, &ring(), now, &denylist));
        }

        #[test]
        fn verify_agrees_with_the_reference_on_any_text(
            token in "[A-Za-z0-9_=.+/ \\t\\n\\x00\\x7f\\x{85}\\x{3000}é-]{0,120}",
            now in any::<i64>(),
        ) {
            prop_assert_eq!(verify(&token, &ring(), now, &|_| false), reference(&token, &ring(), now, &|_| false));
        }
    }
}
