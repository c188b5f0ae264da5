//! The fuzz harnesses: one function per target, taking the raw fuzzer bytes.
//!
//! Shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`, through this crate's
//! lib) and by the short deterministic pass in `tests/fuzz_regressions.rs` (which
//! includes this very file with `#[path]`), so CI replays exactly the fuzzed logic.
//! Depends only on crates the main package already has: `auth_playground`, `http`,
//! `serde_json`.
//!
//! Input layout: the bytes are cut into pieces at `0xFF` (a byte that never occurs
//! in UTF-8, so no string is out of reach); a piece becomes a string with
//! `String::from_utf8_lossy`. Some harnesses read a few leading bytes as flags or
//! numbers first. Besides "never panics", each harness asserts invariants the
//! module documents.

use std::sync::OnceLock;

use auth_playground::sim::config::{AuthMode, Config};
use auth_playground::sim::cookie_jar::{
    format_http_date, parse_cookie_date, parse_set_cookie, CookieJar, RequestContext, SiteUrl, MAX_DATE,
    MAX_NAME_VALUE_BYTES,
};
use auth_playground::sim::token::{self, Claims, KeyRing, Rejection, SigningKey, IAT_LEEWAY_SECS};
use auth_playground::sim::{Action, World, MAX_EXCHANGES};
use auth_playground::ui::{persist, url_state};
use http::Method;

/// Reads the fuzzer's bytes front to back; reads past the end give zeros / empty.
pub struct Input<'a> {
    rest: &'a [u8],
}

impl<'a> Input<'a> {
    /// Starts reading `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Input { rest: data }
    }

    /// The next byte, or 0.
    pub fn byte(&mut self) -> u8 {
        match self.rest.split_first() {
            Some((b, rest)) => {
                self.rest = rest;
                *b
            }
            None => 0,
        }
    }

    /// The next 8 bytes as a little-endian i64 (zero-filled).
    pub fn i64(&mut self) -> i64 {
        let mut buf = [0u8; 8];
        for b in &mut buf {
            *b = self.byte();
        }
        i64::from_le_bytes(buf)
    }

    /// Whether anything is left.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The bytes up to the next `0xFF` (consumed) or the end.
    pub fn raw_piece(&mut self) -> &'a [u8] {
        match self.rest.iter().position(|b| *b == 0xFF) {
            Some(i) => {
                let piece = &self.rest[..i];
                self.rest = &self.rest[i + 1..];
                piece
            }
            None => std::mem::take(&mut self.rest),
        }
    }

    /// [`Input::raw_piece`] as a string (invalid UTF-8 becomes U+FFFD).
    pub fn piece(&mut self) -> String {
        String::from_utf8_lossy(self.raw_piece()).into_owned()
    }

    /// Everything left, as a string.
    pub fn rest_str(&mut self) -> String {
        String::from_utf8_lossy(std::mem::take(&mut self.rest)).into_owned()
    }
}

// ---------------------------------------------------------------------------
// set_cookie: parse_set_cookie + CookieJar::store + cookie_header
// ---------------------------------------------------------------------------

const URLS: [&str; 7] = [
    "https://playground.example/app/page",
    "http://playground.example/",
    "https://api.playground.example/v1/users/42",
    "https://evil.example/",
    "http://127.0.0.1:8080/a/b",
    "https://[::1]:8443/x",
    "http://localhost",
];

fn url(i: usize) -> SiteUrl {
    SiteUrl::parse(URLS[i % URLS.len()]).expect("fixed URLs parse")
}

fn is_wsp(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Byte 0: bit 0 = the writes come from a script, bits 1–3 = the response URL (7 means
/// "the next piece, parsed as a URL"). Bytes 1–8: `now`, folded into 1970..=9999.
/// Then one `Set-Cookie` header per piece (at most 16).
pub fn set_cookie(data: &[u8]) {
    let mut input = Input::new(data);
    let flags = input.byte();
    let from_script = flags & 1 == 1;
    let choice = usize::from((flags >> 1) & 7);
    let origin = if choice == 7 {
        let raw = input.piece();
        SiteUrl::parse(&raw).unwrap_or_else(|| url(0))
    } else {
        url(choice)
    };
    let _ = origin.to_string();
    let now = input.i64().rem_euclid(MAX_DATE);

    let mut jar = CookieJar::new();
    for _ in 0..16 {
        if input.is_empty() {
            break;
        }
        let header = input.piece();
        if let Some(c) = parse_set_cookie(&header) {
            assert!(!c.name.is_empty(), "empty name from {header:?}");
            assert!(!c.name.starts_with(is_wsp) && !c.name.ends_with(is_wsp), "untrimmed name {:?}", c.name);
            assert!(!c.value.starts_with(is_wsp) && !c.value.ends_with(is_wsp), "untrimmed value {:?}", c.value);
            for s in [&c.name, &c.value] {
                assert!(!s.contains([';', '\r', '\n', '\0']), "separator kept in {s:?} from {header:?}");
            }
            assert!(c.name.len() + c.value.len() <= MAX_NAME_VALUE_BYTES);
            // RFC 6265 §5.2.3 drops ONE leading dot: `Domain=..example` leaves `.example`
            // (which then domain-matches no real host), so a dot may remain.
            if let Some(d) = &c.domain {
                assert!(!d.is_empty() && *d == d.to_ascii_lowercase(), "domain {d:?}");
            }
            if let Some(p) = &c.path {
                assert!(p.starts_with('/'), "path {p:?}");
            }
            if let Some(t) = c.expires {
                assert!(t <= MAX_DATE, "expires {t}");
            }
        }
        let before = jar.clone();
        match jar.store(&header, &origin, now, from_script) {
            Ok(outcome) => {
                let _ = outcome.to_string();
            }
            Err(rejected) => {
                let _ = rejected.to_string();
                assert_eq!(jar, before, "a rejected cookie changed the jar ({header:?})");
            }
        }
    }

    for c in jar.iter() {
        assert!(!c.name.is_empty());
        assert!(c.path.starts_with('/'), "stored path {:?}", c.path);
        let _ = (c.size(), c.max_age_left(now), c.is_expired(now), c.creation_index());
    }
    let contexts = [
        RequestContext::same_site(),
        RequestContext::cross_site(true, true),
        RequestContext::cross_site(false, false),
        RequestContext::script(),
    ];
    for (i, ctx) in contexts.iter().enumerate() {
        for target in [origin.clone(), url(i), url(i + 3)] {
            for c in jar.iter() {
                if let Err(why) = jar.why_sent(c, &target, now, ctx) {
                    let _ = why.to_string();
                }
            }
            if let Some(h) = jar.cookie_header(&target, now, ctx) {
                assert!(!h.is_empty());
                assert!(!h.contains(['\r', '\n', '\0']), "Cookie header {h:?}");
            }
        }
    }
    let visible = jar.script_visible(&origin, now);
    assert!(visible.iter().all(|c| !c.http_only), "script sees an HttpOnly cookie");
    let later = now.saturating_add(input.i64().rem_euclid(MAX_DATE));
    jar.remove_expired(later);
    assert!(jar.iter().all(|c| !c.is_expired(later)));
}

// ---------------------------------------------------------------------------
// cookie_date: parse_cookie_date
// ---------------------------------------------------------------------------

/// 1601-01-01T00:00:00Z in ms: the earliest date RFC 6265 accepts.
const MIN_COOKIE_DATE: i64 = -11_644_473_600_000;

/// The whole input is a date string. Any parsed date lies in 1601..=9999, is whole
/// seconds, and survives a `format_http_date` round trip. The first 8 bytes are
/// also read as an instant, formatted, and parsed back.
pub fn cookie_date(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    if let Some(t) = parse_cookie_date(&s) {
        assert!((MIN_COOKIE_DATE..=MAX_DATE).contains(&t), "{s:?} parsed to {t}");
        assert_eq!(t.rem_euclid(1000), 0, "{s:?} parsed to {t}: not whole seconds");
        let formatted = format_http_date(t);
        assert_eq!(parse_cookie_date(&formatted), Some(t), "{s:?} → {t} → {formatted:?}");
    }
    // Before 1601 the formatted year is refused or (years 0000-0069 written with
    // four digits) read as 20xx, as RFC 6265 says: only later instants round-trip.
    let ms = Input::new(data).i64();
    let formatted = format_http_date(ms);
    if ms >= MIN_COOKIE_DATE {
        let clamped = ms.min(MAX_DATE);
        assert_eq!(
            parse_cookie_date(&formatted),
            Some(clamped - clamped.rem_euclid(1000)),
            "{ms} formatted as {formatted:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// jwt: token::inspect + token::verify with a fixed ring
// ---------------------------------------------------------------------------

/// Virtual now of the jwt harness (2023-11-14).
pub const JWT_NOW: i64 = 1_700_000_000;
const SECRET_K1: &[u8] = b"playground-demo-secret-0123456789abcdef";
const SECRET_K2: &[u8] = b"rotated-secret-fedcba9876543210";

/// `k2` current, `k1` still accepted (graceful rotation).
pub fn jwt_ring() -> KeyRing {
    let mut ring = KeyRing::new("k1", SECRET_K1);
    ring.rotate(SigningKey::new("k2", SECRET_K2), true);
    ring
}

fn revoked(jti: &str) -> bool {
    jti == "revoked"
}

/// Verifies `token` at `now`, checks what must hold whatever the answer, returns it.
fn verify_checked(token: &str, ring: &KeyRing, now: i64) -> Result<Claims, Rejection> {
    let result = token::verify(token, ring, now, &revoked);
    let inspection = token::inspect(token);
    match &result {
        Ok(c) => {
            assert!(now < c.exp, "accepted at {now} with exp {}", c.exp);
            assert!(c.nbf.is_none_or(|nbf| now >= nbf));
            assert!(c.iat <= now.saturating_add(IAT_LEEWAY_SECS));
            assert!(!revoked(&c.jti));
            assert!(
                inspection.problems.is_empty(),
                "verify accepted {token:?} but inspect objects: {:?}",
                inspection.problems
            );
            assert_eq!(inspection.segments, 3);
        }
        Err(r) => {
            assert!(!r.code().is_empty());
            let _ = r.to_string();
        }
    }
    result
}

fn pick_secret(b: u8) -> &'static [u8] {
    match b % 3 {
        0 => SECRET_K2,
        1 => SECRET_K1,
        _ => b"some-other-secret-0000000000000000",
    }
}

fn b64(bytes: &[u8]) -> String {
    token::random_id(bytes)
}

/// Byte 0 picks a mode:
/// - 0: the rest is the token, verbatim;
/// - 1: header JSON and payload JSON pieces, correctly HMACed (key picked by a byte);
/// - 2: a payload JSON piece under the standard header, HMACed with k2;
/// - 3: claims from pieces and numbers, issued by `token::issue`, must round-trip
///   (or fail only on the clock or the denylist), then bytes of it are changed.
///
/// Byte 1 bit 0 set: `now` is the next 8 bytes, any i64; else [`JWT_NOW`].
pub fn jwt(data: &[u8]) {
    let ring = jwt_ring();
    let mut input = Input::new(data);
    let mode = input.byte() % 4;
    let now = if input.byte() & 1 == 1 { input.i64() } else { JWT_NOW };
    match mode {
        0 => {
            let token = input.rest_str();
            let _ = verify_checked(&token, &ring, now);
            let _ = token::tamper_payload(&token, "{\"role\":\"admin\"}");
            let _ = token::tamper_header(&token, "{\"alg\":\"none\"}");
        }
        1 | 2 => {
            let header = if mode == 1 { input.piece() } else { r#"{"alg":"HS256","typ":"JWT","kid":"k2"}"#.to_owned() };
            let secret = if mode == 1 { pick_secret(input.byte()) } else { SECRET_K2 };
            let payload = input.piece();
            let signing_input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
            let sig = token::sign_hs256(&signing_input, secret).expect("HS256 signs anything");
            let token = format!("{signing_input}.{sig}");
            if let Ok(claims) = verify_checked(&token, &ring, now) {
                let value: serde_json::Value = serde_json::from_str(&payload).expect("accepted payload is JSON");
                assert_eq!(value["role"].as_str(), Some(claims.role.as_str()), "role differs from the payload");
                assert_eq!(value["sub"].as_str(), Some(claims.sub.as_str()));
            }
        }
        _ => {
            let claims = Claims {
                sub: input.piece(),
                name: input.piece(),
                role: input.piece(),
                iat: JWT_NOW + i64::from(input.byte() as i8) * 16,
                exp: JWT_NOW + i64::from(input.byte() as i8) * 16,
                nbf: match input.byte() {
                    0..=127 => None,
                    b => Some(JWT_NOW + i64::from(b as i8) * 8),
                },
                jti: input.piece(),
            };
            let key = if input.byte() & 1 == 0 { &ring.current } else { &ring.previous[0] };
            let Ok(token) = token::issue(&claims, key) else { return };
            match verify_checked(&token, &ring, now) {
                Ok(back) => assert_eq!(back, claims, "issued claims did not round-trip"),
                Err(r) => {
                    let expected = matches!(
                        r,
                        Rejection::Expired { .. }
                            | Rejection::NotYetValid { .. }
                            | Rejection::IssuedInFuture { .. }
                            | Rejection::Revoked { .. }
                    );
                    assert!(expected, "issued token refused with {r:?}: {token}");
                }
            }
            // Change a few bytes of the good token: HMAC over the text as written and
            // strict (canonical) base64url mean only the unchanged token can verify.
            let mut bytes = token.clone().into_bytes();
            while !input.is_empty() && !bytes.is_empty() {
                let at = usize::from(input.byte()) * 256 + usize::from(input.byte());
                let len = bytes.len();
                bytes[at % len] = input.byte();
            }
            let edited = String::from_utf8_lossy(&bytes).into_owned();
            if let Ok(back) = verify_checked(&edited, &ring, now) {
                assert_eq!(back, claims, "an edited token verified with other claims: {edited}");
                assert_eq!(edited, token, "an edited token verified");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// url_params: ui::url_state::parse
// ---------------------------------------------------------------------------

/// Two pieces: the query string and the fragment.
pub fn url_params(data: &[u8]) {
    let mut input = Input::new(data);
    let search = input.piece();
    let fragment = input.rest_str();
    let (state, notices) = url_state::parse(&search, &fragment);
    assert!((1..=4).contains(&state.servers), "servers {}", state.servers);
    for n in &notices {
        assert!(!n.to_string().is_empty());
    }
    let _ = url_state::percent_decode(&search);
    let (again, notices_again) = url_state::parse(&search, &fragment);
    assert_eq!((state, notices), (again, notices_again), "parse is not deterministic");
}

// ---------------------------------------------------------------------------
// saved_state: ui::persist::parse_prefs
// ---------------------------------------------------------------------------

/// The whole input is what localStorage held. Accepted prefs have the current
/// version (older schemas are upgraded, with a note) and survive a save/load round
/// trip without any note.
pub fn saved_state(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let parsed = persist::parse_prefs(&raw);
    // The page's own JSON reader must agree with serde_json on what is a JSON object.
    let object = matches!(serde_json::from_str::<serde_json::Value>(&raw), Ok(serde_json::Value::Object(_)));
    assert_eq!(parsed.is_ok(), object, "{raw:?}: {parsed:?}");
    match parsed {
        Ok((p, note)) => {
            assert_eq!(p.v, persist::PREFS_VERSION);
            if let Some(issue) = note {
                assert!(!issue.key().is_empty());
            }
            let saved = persist::prefs_json(&p);
            assert_eq!(persist::parse_prefs(&saved), Ok((p.clone(), None)), "round trip of {raw:?}");
            let by_serde = serde_json::to_string(&p).expect("prefs serialize");
            assert_eq!(persist::parse_prefs(&by_serde), Ok((p, None)), "serde_json's form of {raw:?}");
        }
        Err(issue) => {
            assert!(!issue.key().is_empty());
        }
    }
}

// ---------------------------------------------------------------------------
// request_body: World::apply(Action::Custom { .. })
// ---------------------------------------------------------------------------

const METHODS: [Method; 8] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::PATCH,
    Method::HEAD,
    Method::OPTIONS,
    Method::TRACE,
];

/// Six starting worlds, built once: stateless / session / token, each fresh and
/// with alice logged in.
fn base_worlds() -> &'static [World] {
    static WORLDS: OnceLock<Vec<World>> = OnceLock::new();
    WORLDS.get_or_init(|| {
        let mut out = Vec::new();
        for mode in [AuthMode::Stateless, AuthMode::Session, AuthMode::Token] {
            let fresh = World::new(7, Config { mode, ..Config::default() });
            let mut logged_in = fresh.clone();
            logged_in.apply(Action::Login { username: "alice".into(), password: "wonderland".into() });
            out.push(fresh);
            out.push(logged_in);
        }
        out
    })
}

/// Byte 0: the starting world (of six). Byte 1: the method (of eight) unless the
/// method piece below is a valid method. Then pieces: method, target, body, and up to
/// eight header name/value pairs. After the custom request, `GET /me` runs too.
pub fn request_body(data: &[u8]) {
    let worlds = base_worlds();
    let mut input = Input::new(data);
    let mut world = worlds[usize::from(input.byte()) % worlds.len()].clone();
    let fallback = METHODS[usize::from(input.byte()) % METHODS.len()].clone();
    let raw_method = input.raw_piece();
    let method = if raw_method.is_empty() { fallback } else { Method::from_bytes(raw_method).unwrap_or(fallback) };
    let target = input.piece();
    let body = input.piece();
    let mut headers = Vec::new();
    while !input.is_empty() && headers.len() < 8 {
        headers.push((input.piece(), input.piece()));
    }
    let before = world.exchange_count;
    let hops = world.apply(Action::Custom { method, target, body, headers });
    let _ = hops.len();
    assert!(world.exchange_count >= before);
    assert!(world.exchanges.len() <= MAX_EXCHANGES);
    world.apply(Action::Me);
    assert!(world.exchanges.len() <= MAX_EXCHANGES);
}

/// A harness: takes the fuzzer's bytes, panics on a bug.
pub type Harness = fn(&[u8]);

/// Every harness by target name, for drivers that loop over all of them.
pub const TARGETS: [(&str, Harness); 6] = [
    ("set_cookie", set_cookie),
    ("cookie_date", cookie_date),
    ("jwt", jwt),
    ("url_params", url_params),
    ("saved_state", saved_state),
    ("request_body", request_body),
];
