//! The attack table: crafted tokens, each with the exact rejection code expected.

use crate::common::*;
use auth_playground::sim::token::{tamper_header, tamper_payload, verify, Claims, Rejection};

fn check(token: &str, now: i64, deny: &dyn Fn(&str) -> bool) -> Result<Claims, Rejection> {
    verify(token, &ring(), now, deny)
}

fn none_token(alg: &str, sig: &str) -> String {
    let p = parts(&valid());
    format!("{}.{}.{sig}", b64(&format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#)), p[1])
}

fn with_header(header: &str) -> String {
    let p = parts(&valid());
    format!("{}.{}.{}", b64(header), p[1], p[2])
}

#[test]
fn attack_table() {
    let v = valid();
    let p = parts(&v);
    let (h, pl, s) = (p[0].clone(), p[1].clone(), p[2].clone());
    let long_kid = "A".repeat(3000);

    let cases: Vec<(&str, String, &str)> = vec![
        // --- alg: none, every letter case ---
        ("alg none", none_token("none", ""), "alg-none"),
        ("alg None", none_token("None", ""), "alg-none"),
        ("alg NONE", none_token("NONE", ""), "alg-none"),
        ("alg nOnE", none_token("nOnE", ""), "alg-none"),
        ("alg none, original signature kept", none_token("none", &s), "alg-none"),
        // --- signature ---
        ("empty / stripped signature (ends with '.')", format!("{h}.{pl}."), "signature-missing"),
        ("truncated signature", format!("{h}.{pl}.{}", &s[..20]), "signature-length"),
        ("signature of 64 bytes (HS512-sized)", format!("{h}.{pl}.{}{}", &s[..42], "A".repeat(44)), "signature-length"),
        ("wrong secret", signed_with(HDR, &payload(""), b"some-other-secret"), "bad-signature"),
        (
            "tampered payload: role=admin",
            tamper_payload(&v, &payload("").replace("\"user\"", "\"admin\"")).unwrap(),
            "bad-signature",
        ),
        (
            "tampered header: extra param",
            tamper_header(&v, r#"{"alg":"HS256","typ":"JWT","kid":"k1","x":1}"#).unwrap(),
            "bad-signature",
        ),
        (
            "signature with one bit flipped",
            format!("{h}.{pl}.{}{}", if s.starts_with('A') { "B" } else { "A" }, &s[1..]),
            "bad-signature",
        ),
        (
            "tampered exp as string, not re-signed",
            tamper_payload(&v, &payload("").replace(&format!("\"exp\":{}", NOW + 900), "\"exp\":\"never\"")).unwrap(),
            "bad-signature",
        ),
        // --- algorithm switching ---
        ("alg HS384", with_header(r#"{"alg":"HS384","typ":"JWT","kid":"k1"}"#), "alg-not-allowed"),
        ("alg HS512", with_header(r#"{"alg":"HS512","typ":"JWT","kid":"k1"}"#), "alg-not-allowed"),
        ("alg RS256 (key confusion)", with_header(r#"{"alg":"RS256","typ":"JWT","kid":"k1"}"#), "alg-not-allowed"),
        ("alg ES256", with_header(r#"{"alg":"ES256","typ":"JWT","kid":"k1"}"#), "alg-not-allowed"),
        ("alg hs256 lower case", with_header(r#"{"alg":"hs256","typ":"JWT","kid":"k1"}"#), "alg-not-allowed"),
        (
            "alg HS384, correctly HS384-signed-looking",
            signed(r#"{"alg":"HS384","kid":"k1"}"#, &payload("")),
            "alg-not-allowed",
        ),
        ("alg missing", with_header(r#"{"typ":"JWT","kid":"k1"}"#), "alg-missing"),
        ("alg not a string", with_header(r#"{"alg":256,"typ":"JWT","kid":"k1"}"#), "alg-missing"),
        // --- kid ---
        ("kid unknown", signed(r#"{"alg":"HS256","kid":"k9"}"#, &payload("")), "unknown-kid"),
        ("kid path traversal", signed(r#"{"alg":"HS256","kid":"../../dev/null"}"#, &payload("")), "unknown-kid"),
        (
            "kid signed with empty key (dev/null trick)",
            signed_with(r#"{"alg":"HS256","kid":"../../../../dev/null"}"#, &payload(""), b""),
            "unknown-kid",
        ),
        (
            "kid SQL injection",
            signed(r#"{"alg":"HS256","kid":"x' UNION SELECT 'secret' --"}"#, &payload("")),
            "unknown-kid",
        ),
        ("kid very long", signed(&format!(r#"{{"alg":"HS256","kid":"{long_kid}"}}"#), &payload("")), "unknown-kid"),
        ("kid a number", signed(r#"{"alg":"HS256","kid":1}"#, &payload("")), "kid-not-string"),
        // --- other header params ---
        ("typ at+jwt", signed(r#"{"alg":"HS256","typ":"at+jwt","kid":"k1"}"#, &payload("")), "bad-typ"),
        ("typ number", signed(r#"{"alg":"HS256","typ":1,"kid":"k1"}"#, &payload("")), "bad-typ"),
        (
            "crit header",
            signed(r#"{"alg":"HS256","kid":"k1","crit":["exp"],"exp":1}"#, &payload("")),
            "crit-unsupported",
        ),
        (
            "header field of wrong type (jwk: 5)",
            signed(r#"{"alg":"HS256","kid":"k1","jwk":5}"#, &payload("")),
            "bad-header",
        ),
        (
            "duplicate alg in header",
            with_header(r#"{"alg":"HS256","alg":"HS256","kid":"k1"}"#),
            "duplicate-header-param",
        ),
        // --- time (virtual clock) ---
        ("expired", issue_with(|c| c.exp = NOW - 10), "expired"),
        ("expired exactly now", issue_with(|c| c.exp = NOW), "expired"),
        ("nbf in the future", issue_with(|c| c.nbf = Some(NOW + 30)), "not-yet-valid"),
        ("iat in the future (beyond 60 s)", issue_with(|c| c.iat = NOW + 61), "iat-future"),
        // --- size, characters, segments ---
        ("empty token", String::new(), "empty-token"),
        ("1 MB token", format!("{v}{}", "A".repeat(1 << 20)), "too-large"),
        ("8 KB + 1", format!("{h}.{}.{s}", "A".repeat(8 * 1024)), "too-large"),
        ("space inside", format!("{h}. {pl}.{s}"), "bad-characters"),
        ("trailing newline", format!("{v}\n"), "bad-characters"),
        ("NUL byte", format!("{h}\u{0}.{pl}.{s}"), "bad-characters"),
        ("tab", format!("{h}.{pl}\t.{s}"), "bad-characters"),
        ("1 segment", h.clone(), "too-few-segments"),
        ("2 segments", format!("{h}.{pl}"), "too-few-segments"),
        ("4 segments", format!("{v}.{s}"), "too-many-segments"),
        ("6 segments", format!("{v}.a.b.c"), "too-many-segments"),
        (
            "5 segments: JWE",
            format!("{}.{}.{}.{}.{}", b64(r#"{"alg":"dir","enc":"A256GCM"}"#), "", "AAAA", "BBBB", "CCCC"),
            "jwe-not-jws",
        ),
        // --- base64 ---
        ("base64 padding in payload", format!("{h}.{}=.{s}", pl), "base64-padding"),
        ("base64 padding in signature", format!("{h}.{pl}.{s}="), "base64-padding"),
        ("standard base64 '+' in payload", format!("{h}.+{}.{s}", &pl[1..]), "bad-base64"),
        ("'*' in header", format!("*{}.{pl}.{s}", &h[1..]), "bad-base64"),
        ("non-ASCII in signature", format!("{h}.{pl}.é{}", &s[1..]), "bad-base64"),
        (
            "impossible base64 length (4n+1 chars)",
            format!("{h}{}.{pl}.{s}", "A".repeat((5 - h.len() % 4) % 4)),
            "bad-base64",
        ),
        (
            "non-zero trailing bits in signature",
            format!("{h}.{pl}.{}{}", &s[..42], if s.ends_with('B') { "C" } else { "B" }),
            "bad-base64",
        ),
        // --- JSON shape ---
        ("header not JSON", with_header("not json"), "header-not-json"),
        ("empty header segment", format!(".{pl}.{s}"), "header-not-json"),
        ("header is an array", with_header(r#"["alg","HS256"]"#), "header-not-object"),
        ("header is a string", with_header(r#""HS256""#), "header-not-object"),
        ("payload not JSON", signed(HDR, "{sub: u-42}"), "payload-not-json"),
        ("payload is an array", signed(HDR, "[1,2,3]"), "payload-not-object"),
        ("duplicate role claim", signed(HDR, &payload(r#","role":"admin""#)), "duplicate-claim"),
        ("duplicate role via \\u escape", signed(HDR, &payload(r#","r\u006fle":"admin""#)), "duplicate-claim"),
        (
            "duplicate claim, not re-signed",
            tamper_payload(&v, &payload(r#","role":"admin""#)).unwrap(),
            "duplicate-claim",
        ),
        // --- claim types (correctly signed, so only the claim is wrong) ---
        (
            "exp as string",
            signed(HDR, &payload("").replace(&format!("\"exp\":{}", NOW + 900), "\"exp\":\"tomorrow\"")),
            "claim-type",
        ),
        (
            "exp as float",
            signed(HDR, &payload("").replace(&format!("\"exp\":{}", NOW + 900), "\"exp\":1.7e9")),
            "claim-type",
        ),
        ("role as number", signed(HDR, &payload("").replace("\"user\"", "1")), "claim-type"),
        ("nbf as string", signed(HDR, &payload(r#","nbf":"now""#)), "claim-type"),
        ("missing sub", signed(HDR, &payload("").replace("\"sub\":\"u-42\",", "")), "missing-claim"),
        ("missing exp", signed(HDR, &payload("").replace(&format!(",\"exp\":{}", NOW + 900), "")), "missing-claim"),
        // --- revocation ---
        ("jti denylisted", v.clone(), "revoked"),
    ];
    assert!(cases.len() >= 28);

    let deny_jti_1 = |j: &str| j == "jti-1";
    let mut failures = Vec::new();
    for (name, token, want) in &cases {
        let deny: &dyn Fn(&str) -> bool = if *name == "jti denylisted" { &deny_jti_1 } else { &never_revoked };
        match check(token, NOW, deny) {
            Err(r) if r.code() == *want => {
                if r.to_string().is_empty() {
                    failures.push(format!("{name}: empty reason"));
                }
            }
            Err(r) => failures.push(format!("{name}: want {want}, got {} ({r})", r.code())),
            Ok(_) => failures.push(format!("{name}: want {want}, got Ok")),
        }
    }
    assert!(failures.is_empty(), "failed cases:\n{}", failures.join("\n"));
}

fn issue_with(f: impl FnOnce(&mut Claims)) -> String {
    let mut c = claims();
    f(&mut c);
    auth_playground::sim::token::issue(&c, &key()).expect("issue")
}

#[test]
fn valid_tokens_pass() {
    let cases: Vec<(&str, String)> = vec![
        ("freshly issued", valid()),
        ("iat 60 s ahead (within leeway)", issue_with(|c| c.iat = NOW + 60)),
        ("nbf exactly now", issue_with(|c| c.nbf = Some(NOW))),
        ("exp one second ahead", issue_with(|c| c.exp = NOW + 1)),
        ("no kid: current key", signed(r#"{"alg":"HS256","typ":"JWT"}"#, &payload(""))),
        ("no typ", signed(r#"{"alg":"HS256","kid":"k1"}"#, &payload(""))),
        ("typ jwt lower case", signed(r#"{"alg":"HS256","typ":"jwt","kid":"k1"}"#, &payload(""))),
        ("unknown extra claim ignored", signed(HDR, &payload(r#","admin":true"#))),
        ("nbf null", signed(HDR, &payload(r#","nbf":null"#))),
    ];
    let mut failures = Vec::new();
    for (name, token) in &cases {
        if let Err(r) = verify(token, &ring(), NOW, &never_revoked) {
            failures.push(format!("{name}: {} ({r})", r.code()));
        }
    }
    assert!(failures.is_empty(), "failed cases:\n{}", failures.join("\n"));
    assert_eq!(verify(&valid(), &ring(), NOW, &never_revoked), Ok(claims()));
}

#[test]
fn reasons_are_specific() {
    let r = verify(&issue_with(|c| c.exp = NOW - 125), &ring(), NOW, &never_revoked).unwrap_err();
    assert_eq!(r.to_string(), "token expired 2 min 5 s ago");
    let r = verify(&none_token("nOnE", ""), &ring(), NOW, &never_revoked).unwrap_err();
    assert!(r.to_string().contains("unsigned"), "{r}");
    // Re-encoding the very same payload bytes changes nothing.
    assert_eq!(tamper_payload(&valid(), &payload("")).unwrap(), valid());
    let long = "x".repeat(3000);
    let r =
        verify(&signed(&format!(r#"{{"alg":"HS256","kid":"{long}"}}"#), &payload("")), &ring(), NOW, &never_revoked)
            .unwrap_err();
    assert!(r.to_string().len() < 200, "long kid is shortened in the message");
    assert_eq!(
        Rejection::BadSignature.to_string(),
        "signature does not match: the payload or header was changed, or it was signed with another key"
    );
}
