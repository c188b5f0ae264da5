//! Known-answer tests: RFC 7515 Appendix A.1 and the jwt.io default example.

use crate::common::*;
use auth_playground::sim::token::{ensure_crypto_provider, hs256_validation, sign_hs256, verify, KeyRing, SigningKey};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::{decode, DecodingKey};

const A1_K: &str = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
const A1_HEADER: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9";
const A1_PAYLOAD: &str =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const A1_SIG: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn a1_key() -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(A1_K).expect("k is base64url")
}

#[test]
fn rfc7515_a1_signature_bytes() {
    let input = format!("{A1_HEADER}.{A1_PAYLOAD}");
    assert_eq!(sign_hs256(&input, &a1_key()).expect("sign"), A1_SIG);
    // and the independent hmac crate agrees
    assert_eq!(hmac_b64(&input, &a1_key()), A1_SIG);
}

#[test]
fn rfc7515_a1_decodes_with_jsonwebtoken_and_our_provider() {
    ensure_crypto_provider();
    let token = format!("{A1_HEADER}.{A1_PAYLOAD}.{A1_SIG}");
    let data = decode::<serde_json::Value>(&token, &DecodingKey::from_secret(&a1_key()), &hs256_validation())
        .expect("A.1 verifies (exp 1300819380 is not checked against the real clock)");
    assert_eq!(data.claims["iss"], "joe");
    assert_eq!(data.claims["http://example.com/is_root"], true);
    assert_eq!(data.claims["exp"], 1_300_819_380);

    // A flipped payload byte must fail in the library.
    let payload = URL_SAFE_NO_PAD.decode(A1_PAYLOAD).expect("payload");
    let payload = String::from_utf8(payload).expect("utf8").replace("joe", "jOe");
    let bad = format!("{A1_HEADER}.{}.{A1_SIG}", b64(&payload));
    assert!(decode::<serde_json::Value>(&bad, &DecodingKey::from_secret(&a1_key()), &hs256_validation()).is_err());

    // Through our verify (no kid -> current key): the signature passes, then the
    // playground's claim rules apply (A.1 has no sub).
    let ring = KeyRing { current: SigningKey::new("rfc", a1_key()), previous: vec![] };
    let r = verify(&token, &ring, 1_300_819_379, &never_revoked).unwrap_err();
    assert_eq!(r.code(), "missing-claim");
    // With another key the same token is a bad signature.
    let r = verify(&token, &ring_other(), 1_300_819_379, &never_revoked).unwrap_err();
    assert_eq!(r.code(), "bad-signature");
}

fn ring_other() -> KeyRing {
    KeyRing::new("rfc", b"not the rfc key".to_vec())
}

/// The jwt.io default example (HS256, secret `a-string-secret-at-least-256-bits-long`).
/// Expected signature cross-checked with OpenSSL:
/// `printf %s "$input" | openssl dgst -sha256 -hmac a-string-secret-at-least-256-bits-long -binary | base64url`.
#[test]
fn jwt_io_example_interop() {
    let secret = b"a-string-secret-at-least-256-bits-long";
    let header = b64(r#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = b64(r#"{"sub":"1234567890","name":"John Doe","admin":true,"iat":1516239022}"#);
    assert_eq!(header, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9");
    assert_eq!(payload, "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0");
    let input = format!("{header}.{payload}");
    let sig = sign_hs256(&input, secret).expect("sign");
    assert_eq!(sig, "KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30");

    ensure_crypto_provider();
    let token = format!("{input}.{sig}");
    let data = decode::<serde_json::Value>(&token, &DecodingKey::from_secret(secret), &hs256_validation())
        .expect("jwt.io token verifies");
    assert_eq!(data.claims["name"], "John Doe");
    // Our verify: signature fine, but it lacks role/exp/jti.
    let ring = KeyRing::new("any", secret.to_vec());
    let r = verify(&token, &ring, 1516239022, &never_revoked).unwrap_err();
    assert_eq!(r.code(), "missing-claim");
}
