//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use auth_playground::sim::token::{issue, Claims, KeyRing, SigningKey};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Virtual "now" used by most tests (2023-11-14).
pub const NOW: i64 = 1_700_000_000;
/// The server's secret.
pub const SECRET: &[u8] = b"playground-demo-secret-0123456789abcdef";

pub fn key() -> SigningKey {
    SigningKey::new("k1", SECRET)
}

pub fn ring() -> KeyRing {
    KeyRing::new("k1", SECRET)
}

pub fn claims() -> Claims {
    Claims {
        sub: "u-42".into(),
        name: "Ada".into(),
        role: "user".into(),
        iat: NOW,
        exp: NOW + 900,
        nbf: None,
        jti: "jti-1".into(),
    }
}

pub fn valid() -> String {
    issue(&claims(), &key()).expect("issue")
}

pub fn b64(s: &str) -> String {
    URL_SAFE_NO_PAD.encode(s.as_bytes())
}

/// HS256 computed directly with `hmac`, independent of the module under test.
pub fn hmac_b64(input: &str, secret: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(input.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// A token with exactly this header and payload JSON, correctly signed with `secret`.
pub fn signed_with(header: &str, payload: &str, secret: &[u8]) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let sig = hmac_b64(&input, secret);
    format!("{input}.{sig}")
}

/// Default header for hand-built tokens.
pub const HDR: &str = r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#;

/// A payload JSON with the standard claims, `extra` spliced in before the end.
pub fn payload(extra: &str) -> String {
    format!(r#"{{"sub":"u-42","name":"Ada","role":"user","iat":{NOW},"exp":{},"jti":"jti-1"{extra}}}"#, NOW + 900)
}

/// Correctly signed with the server's key.
pub fn signed(header: &str, payload: &str) -> String {
    signed_with(header, payload, SECRET)
}

pub fn never_revoked(_: &str) -> bool {
    false
}

pub fn parts(token: &str) -> Vec<String> {
    token.split('.').map(str::to_owned).collect()
}
