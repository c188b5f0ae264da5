//! The inspector, the tamper helpers and random ids.

use crate::common::*;
use auth_playground::sim::token::{inspect, random_id, tamper_header, tamper_payload, verify};

#[test]
fn inspects_a_valid_token() {
    let t = valid();
    let i = inspect(&t);
    assert_eq!(i.segments, 3);
    assert_eq!(format!("{}.{}.{}", i.header_b64, i.payload_b64, i.signature_b64), t);
    let h = i.header.expect("header");
    assert_eq!(h["alg"], "HS256");
    assert_eq!(h["typ"], "JWT");
    assert_eq!(h["kid"], "k1");
    assert_eq!(i.payload.expect("payload")["role"], "user");
    assert_eq!(i.signature_len, Some(32));
    assert!(i.problems.is_empty(), "{:?}", i.problems);
}

#[test]
fn inspects_broken_tokens_leniently() {
    // padding and '+'/'/' are tolerated for display, but listed as problems
    let t = format!("{}==.{}.", b64(r#"{"alg":"none"}"#), b64(r#"{"sub":"x"}"#));
    let i = inspect(&t);
    assert_eq!(i.header.as_ref().map(|h| h["alg"].clone()), Ok("none".into()));
    assert_eq!(i.payload.as_ref().map(|p| p["sub"].clone()), Ok("x".into()));
    assert_eq!(i.signature_len, Some(0));
    assert!(i.problems.iter().any(|p| p.to_string().contains("padding")), "{:?}", i.problems);
    assert!(i.problems.iter().any(|p| p.to_string().contains("missing")), "{:?}", i.problems);

    let i = inspect("");
    assert_eq!(i.segments, 1);
    assert!(i.header.is_err() && i.payload.is_err());
    assert_eq!(i.signature_len, None);
    assert!(!i.problems.is_empty());

    let i = inspect(&format!("{}.{}.{}.{}.{}", b64(r#"{"alg":"dir","enc":"A256GCM"}"#), "", "a", "b", "c"));
    assert_eq!(i.segments, 5);
    assert!(i.problems.iter().any(|p| p.to_string().contains("JWE")), "{:?}", i.problems);

    let i = inspect(&format!("{}.{}.abc", b64(r#"{"alg":"HS256","alg":"none"}"#), b64(r#"{"role":1}"#)));
    assert!(i.problems.iter().any(|p| p.to_string().contains("twice")), "{:?}", i.problems);
    assert!(i.problems.iter().any(|p| p.to_string().contains("\"sub\"")), "{:?}", i.problems);
    assert!(i.problems.iter().any(|p| p.to_string().contains("signature")), "{:?}", i.problems);
}

#[test]
fn tamper_keeps_the_signature_and_is_caught() {
    let t = valid();
    let forged = tamper_payload(&t, &payload("").replace("\"user\"", "\"admin\"")).unwrap();
    assert_eq!(forged.rsplit('.').next(), t.rsplit('.').next());
    assert_eq!(inspect(&forged).payload.unwrap()["role"], "admin");
    assert_eq!(verify(&forged, &ring(), NOW, &never_revoked).unwrap_err().code(), "bad-signature");

    let none = tamper_header(&t, r#"{"alg":"none"}"#).unwrap();
    assert_eq!(verify(&none, &ring(), NOW, &never_revoked).unwrap_err().code(), "alg-none");

    assert!(tamper_payload("a.b", "{}").is_err());
    assert!(tamper_payload("a.b.c.d", "{}").is_err());
    assert_eq!(tamper_payload("a.b.c", "{}").unwrap(), "a.e30.c");
}

#[test]
fn random_ids_are_base64url_without_padding() {
    assert_eq!(random_id(&[]), "");
    assert_eq!(random_id(&[0xfb, 0xff]), "-_8");
    let id = random_id(&[7u8; 32]);
    assert_eq!(id.len(), 43);
    assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
}
