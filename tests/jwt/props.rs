//! Property tests: no panics on any input, and issue -> verify round trips.

use crate::common::*;
use auth_playground::sim::token::{inspect, issue, tamper_payload, verify, Claims};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>(), now in any::<i64>()) {
        let _ = inspect(&s);
        let _ = verify(&s, &ring(), now, &never_revoked);
    }

    #[test]
    fn arbitrary_dot_joined_segments_never_panic(
        segs in prop::collection::vec("[A-Za-z0-9_=+/.é \\-]{0,60}", 0..7),
        now in any::<i64>(),
    ) {
        let s = segs.join(".");
        let _ = inspect(&s);
        let _ = verify(&s, &ring(), now, &never_revoked);
    }

    #[test]
    fn base64_json_segments_never_panic(
        h in any::<String>(), p in any::<String>(), sig in prop::collection::vec(any::<u8>(), 0..70),
    ) {
        let s = format!("{}.{}.{}", b64(&h), b64(&p), base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &sig));
        let _ = inspect(&s);
        let _ = verify(&s, &ring(), NOW, &never_revoked);
    }

    #[test]
    fn round_trip(
        sub in ".{0,64}", name in ".{0,64}", role in ".{0,64}", jti in ".{0,64}",
        iat in -1_000_000_000_000i64..1_000_000_000_000, life in 1i64..1_000_000, nbf in prop::option::of(0i64..100),
    ) {
        let c = Claims { sub, name, role, iat, exp: iat + life, nbf: nbf.map(|d| iat - d), jti };
        let t = issue(&c, &key()).expect("issue");
        prop_assert_eq!(verify(&t, &ring(), iat, &never_revoked), Ok(c.clone()));
        let i = inspect(&t);
        prop_assert!(i.problems.is_empty(), "{:?}", i.problems);
        prop_assert_eq!(i.signature_len, Some(32));
        prop_assert_eq!(i.payload.ok().and_then(|v| v.get("sub").cloned()), Some(serde_json::Value::String(c.sub.clone())));
        // changing any claim without the key breaks the signature
        let mut forged = c.clone();
        forged.role.push('!');
        let t2 = tamper_payload(&t, &serde_json::to_string(&forged).unwrap()).unwrap();
        prop_assert_eq!(verify(&t2, &ring(), iat, &never_revoked).map_err(|e| e.code()), Err("bad-signature"));
    }
}
