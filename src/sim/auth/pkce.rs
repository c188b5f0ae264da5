//! PKCE, Proof Key for Code Exchange (RFC 7636), with the `S256` method: the app makes a
//! secret `code_verifier` for each login and sends only its hash, the `code_challenge`, to
//! the authorization endpoint. Whoever redeems the code at the token endpoint must show
//! the verifier itself, so a code that leaks on its way back is worthless to anyone but
//! the login that asked for it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::fmt;

/// Shortest verifier RFC 7636 §4.1 allows.
pub const MIN_VERIFIER: usize = 43;
/// Longest verifier RFC 7636 §4.1 allows.
pub const MAX_VERIFIER: usize = 128;
/// The only method this provider accepts (RFC 7636 §4.2: a client that can use `S256`
/// must; RFC 9700 §2.1.1 asks providers not to accept `plain`).
pub const S256: &str = "S256";

/// A verifier from 32 random octets: their base64url text, 43 characters (RFC 7636 §4.1).
pub fn verifier(random: &[u8; 32]) -> String {
    URL_SAFE_NO_PAD.encode(random)
}

/// `BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))` (RFC 7636 §4.2).
pub fn challenge_s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// RFC 7636 §4.1: 43 to 128 characters, each unreserved (`A-Z a-z 0-9 - . _ ~`).
pub fn well_formed(verifier: &str) -> bool {
    (MIN_VERIFIER..=MAX_VERIFIER).contains(&verifier.len())
        && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// Why a token request fails the PKCE check (each is `invalid_grant`, RFC 7636 §4.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PkceError {
    /// The code was issued with a challenge, and the request carries no verifier.
    Missing,
    /// The verifier is not 43–128 unreserved characters.
    Malformed,
    /// `S256(code_verifier)` is not the challenge the code was issued with.
    Mismatch,
}

impl fmt::Display for PkceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PkceError::Missing => "no code_verifier: this code was issued with a code_challenge",
            PkceError::Malformed => "the code_verifier is not 43 to 128 unreserved characters",
            PkceError::Mismatch => "the code_verifier does not match the code_challenge",
        })
    }
}

/// The token endpoint's check (RFC 7636 §4.6): the verifier, hashed, equals the
/// challenge stored with the code.
pub fn check(challenge: &str, verifier: Option<&str>) -> Result<(), PkceError> {
    let verifier = verifier.ok_or(PkceError::Missing)?;
    if !well_formed(verifier) {
        return Err(PkceError::Malformed);
    }
    let computed = challenge_s256(verifier);
    // Compared in constant time, like any secret.
    let same = computed.len() == challenge.len()
        && computed.bytes().zip(challenge.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if same {
        Ok(())
    } else {
        Err(PkceError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636 Appendix B: the example verifier and its S256 challenge.
    #[test]
    fn rfc_7636_appendix_b() {
        let octets: [u8; 32] = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
            240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let v = verifier(&octets);
        assert_eq!(v, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(challenge_s256(&v), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_eq!(check("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Some(&v)), Ok(()));
    }

    /// RFC 7636 §4.1 and §4.6: a missing, malformed or other verifier is refused.
    #[test]
    fn only_the_verifier_of_the_challenge_passes() {
        let c = challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(check(&c, None), Err(PkceError::Missing));
        assert_eq!(check(&c, Some("short")), Err(PkceError::Malformed));
        assert_eq!(check(&c, Some(&"a".repeat(129))), Err(PkceError::Malformed));
        assert_eq!(check(&c, Some(&format!("{}!", "a".repeat(42)))), Err(PkceError::Malformed));
        assert_eq!(check(&c, Some(&"a".repeat(43))), Err(PkceError::Mismatch));
        assert!(well_formed(&"-._~".repeat(11)) && !well_formed(&"a".repeat(42)));
        // the challenge itself is no verifier for it
        assert_eq!(check(&c, Some(&c)), Err(PkceError::Mismatch));
    }
}
