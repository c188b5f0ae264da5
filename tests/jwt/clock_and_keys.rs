//! Virtual clock and key rotation.

use crate::common::*;
use auth_playground::sim::token::{issue, verify, Claims, KeyRing, SigningKey};

/// Seconds since the epoch for 2001-09-09 (long past) and 2286 (far future).
const REAL_PAST: i64 = 1_000_000_000;
const REAL_FUTURE: i64 = 10_000_000_000;

fn claims_at(iat: i64, exp: i64) -> Claims {
    Claims { iat, exp, ..claims() }
}

#[test]
fn exp_in_the_real_past_but_virtual_future_verifies() {
    let t = issue(&claims_at(REAL_PAST - 100, REAL_PAST), &key()).unwrap();
    let got = verify(&t, &ring(), REAL_PAST - 1, &never_revoked);
    assert!(got.is_ok(), "{got:?}");
    // and one second later (virtually) it is expired
    let r = verify(&t, &ring(), REAL_PAST, &never_revoked).unwrap_err();
    assert_eq!(r.code(), "expired");
}

#[test]
fn exp_in_the_real_future_but_virtual_past_is_rejected() {
    let t = issue(&claims_at(REAL_FUTURE - 100, REAL_FUTURE), &key()).unwrap();
    let r = verify(&t, &ring(), REAL_FUTURE + 3600, &never_revoked).unwrap_err();
    assert_eq!(r.code(), "expired");
    assert_eq!(r.to_string(), "token expired 1 h 0 min 0 s ago");
    assert!(verify(&t, &ring(), REAL_FUTURE - 50, &never_revoked).is_ok());
}

#[test]
fn nbf_and_iat_follow_the_virtual_clock() {
    let mut c = claims();
    c.nbf = Some(NOW + 100);
    let t = issue(&c, &key()).unwrap();
    assert_eq!(verify(&t, &ring(), NOW + 99, &never_revoked).unwrap_err().code(), "not-yet-valid");
    assert!(verify(&t, &ring(), NOW + 100, &never_revoked).is_ok());

    let t = issue(&claims_at(NOW + 61, NOW + 900), &key()).unwrap();
    assert_eq!(verify(&t, &ring(), NOW, &never_revoked).unwrap_err().code(), "iat-future");
    assert!(verify(&t, &ring(), NOW + 1, &never_revoked).is_ok());
}

#[test]
fn extreme_times_do_not_overflow() {
    let t = issue(&claims_at(i64::MIN, i64::MIN), &key()).unwrap();
    assert_eq!(verify(&t, &ring(), i64::MAX, &never_revoked).unwrap_err().code(), "expired");
    let t = issue(&claims_at(i64::MAX, i64::MAX), &key()).unwrap();
    assert_eq!(verify(&t, &ring(), i64::MIN, &never_revoked).unwrap_err().code(), "iat-future");
}

#[test]
fn graceful_rotation_keeps_old_tokens_valid() {
    let t = valid(); // kid k1
    let mut ring = ring();
    ring.rotate(SigningKey::new("k2", b"second-secret".to_vec()), true);
    assert_eq!(ring.current.kid, "k2");
    assert_eq!(verify(&t, &ring, NOW, &never_revoked), Ok(claims()));
    // new tokens are signed with k2 and verify too
    let t2 = issue(&claims(), &ring.current).unwrap();
    assert!(verify(&t2, &ring, NOW, &never_revoked).is_ok());
    // retiring k1 ends its grace period
    assert!(ring.retire("k1"));
    assert!(!ring.retire("k1"));
    assert_eq!(verify(&t, &ring, NOW, &never_revoked).unwrap_err().code(), "unknown-kid");
}

#[test]
fn hard_rotation_drops_old_tokens() {
    let t = valid();
    let mut ring = ring();
    ring.rotate(SigningKey::new("k2", b"second-secret".to_vec()), true);
    ring.rotate(SigningKey::new("k3", b"third-secret".to_vec()), false);
    assert!(ring.previous.is_empty());
    assert_eq!(verify(&t, &ring, NOW, &never_revoked).unwrap_err().code(), "unknown-kid");
}

#[test]
fn rotation_never_keeps_two_keys_with_one_kid() {
    let mut ring = ring();
    ring.rotate(SigningKey::new("k2", b"a".to_vec()), true);
    ring.rotate(SigningKey::new("k1", b"b".to_vec()), true);
    assert_eq!(ring.find("k1").map(|k| k.secret.clone()), Some(b"b".to_vec()));
    assert_eq!(ring.previous.len(), 1);
    assert_eq!(ring.previous[0].kid, "k2");
}

#[test]
fn server_with_another_secret_sees_bad_signature() {
    let other = KeyRing::new("k1", b"another server's secret".to_vec());
    assert_eq!(verify(&valid(), &other, NOW, &never_revoked).unwrap_err().code(), "bad-signature");
}

#[test]
fn no_kid_uses_current_key_only() {
    let mut ring = ring();
    ring.rotate(SigningKey::new("k2", b"second-secret".to_vec()), true);
    // signed with the old (now previous) key but without a kid
    let t = signed(r#"{"alg":"HS256"}"#, &payload(""));
    assert_eq!(verify(&t, &ring, NOW, &never_revoked).unwrap_err().code(), "bad-signature");
    let t = signed_with(r#"{"alg":"HS256"}"#, &payload(""), b"second-secret");
    assert!(verify(&t, &ring, NOW, &never_revoked).is_ok());
}
