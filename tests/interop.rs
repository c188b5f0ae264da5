//! Interop: the playground's HS256 JWTs against two independent implementations,
//! PyJWT (Python) and jose (Node.js), both pinned exactly in `tests/interop/`.
//!
//! Every minter (playground, PyJWT, jose) signs a token with the same demo secret, and
//! every verifier checks every token, untouched and with `role` changed to `admin`
//! (signature kept). Untouched tokens must verify everywhere with the very claims that
//! were signed; tampered ones must be rejected everywhere. A minter × verifier matrix
//! is printed (`cargo test --test interop -- --nocapture` to see it).
//!
//! PyJWT and jose run from tools that `cargo xtask setup` puts under `target/` (a venv
//! and a node modules folder), so plain `cargo test` needs neither Python nor Node nor a
//! network: the test is ignored there. `cargo xtask test` runs it as a stage of its own
//! (`cargo test --test interop -- --ignored`) with `INTEROP_PYTHON` (the venv's python)
//! and `INTEROP_JOSE_SCRIPT` (the checker beside jose's node modules) set; without them
//! it fails and says how to get them.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use auth_playground::sim::token::{self, Claims, KeyRing, SigningKey};
use serde_json::{json, Value};

/// The shared demo secret every minter signs with (39 bytes: above PyJWT's
/// 32-byte minimum for HS256, so no insecure-key warning).
const SECRET: &[u8] = b"playground-demo-secret-0123456789abcdef";

const MINTERS: [&str; 3] = ["playground", "PyJWT", "jose"];
const VERIFIERS: [&str; 3] = ["playground", "PyJWT", "jose"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn interop_dir() -> PathBuf {
    root().join("tests").join("interop")
}

/// The version pinned with `==` for `package` in requirements.txt.
fn pinned_pyjwt() -> String {
    let text = std::fs::read_to_string(interop_dir().join("requirements.txt")).expect("tests/interop/requirements.txt");
    text.lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("PyJWT=="))
        .map(|v| v.trim().to_owned())
        .expect("requirements.txt pins PyJWT==<exact version>")
}

/// The exact `jose` version in package.json (no range operators allowed).
fn pinned_jose() -> String {
    let text = std::fs::read_to_string(interop_dir().join("package.json")).expect("tests/interop/package.json");
    let pkg: Value = serde_json::from_str(&text).expect("package.json is JSON");
    let v = pkg["dependencies"]["jose"].as_str().expect("package.json depends on jose").to_owned();
    assert!(
        v.chars().all(|c| c.is_ascii_digit() || c == '.'),
        "jose must be pinned exactly in package.json, found {v:?}"
    );
    v
}

/// One JSON-in/JSON-out run of a helper script; returns (version, results by id).
fn call_script(mut cmd: Command, request: &Value) -> (String, BTreeMap<String, Value>) {
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {what}: {e}"));
    child.stdin.take().expect("stdin").write_all(request.to_string().as_bytes()).expect("write request");
    let out = child.wait_with_output().expect("wait for helper");
    assert!(out.status.success(), "{what} failed ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    let reply: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{what} printed no JSON ({e}):\n{}", String::from_utf8_lossy(&out.stdout)));
    let version = reply["version"].as_str().unwrap_or("?").to_owned();
    let results = reply["results"]
        .as_array()
        .expect("results array")
        .iter()
        .map(|r| (r["id"].as_str().expect("result id").to_owned(), r.clone()))
        .collect();
    (version, results)
}

fn secret_hex() -> String {
    SECRET.iter().map(|b| format!("{b:02x}")).collect()
}

/// The claims minted by `minter` (UTF-8 in `name` on purpose).
fn claims_for(minter: &str, now: i64) -> Claims {
    Claims {
        sub: format!("u-{}", minter.to_ascii_lowercase()),
        name: "Åda Lövelace ✓".to_owned(),
        role: "user".to_owned(),
        iat: now - 5,
        exp: now + 600,
        nbf: None,
        jti: format!("jti-{}-{now}", minter.to_ascii_lowercase()),
    }
}

fn kid_for(minter: &str) -> String {
    format!("{}-k1", minter.to_ascii_lowercase())
}

/// The same token with `role` changed to `admin` and the original signature kept.
fn tamper(token: &str) -> String {
    let mut payload = token::inspect(token).payload.expect("minted payload decodes");
    payload["role"] = json!("admin");
    token::tamper_payload(token, &payload.to_string()).expect("3-part token")
}

/// One verifier's answer for one token.
#[derive(Debug)]
enum Outcome {
    Ok { claims: Value, kid: Option<String> },
    Rejected(String),
}

impl Outcome {
    fn from_script(r: &Value) -> Outcome {
        if r["ok"].as_bool() == Some(true) {
            Outcome::Ok { claims: r["claims"].clone(), kid: r["header"]["kid"].as_str().map(str::to_owned) }
        } else {
            Outcome::Rejected(r["error"].as_str().unwrap_or("?").to_owned())
        }
    }

    fn cell(&self) -> String {
        match self {
            Outcome::Ok { .. } => "ok".to_owned(),
            Outcome::Rejected(why) => {
                let code = why.split(':').next().unwrap_or(why);
                format!("rejected ({code})")
            }
        }
    }
}

struct Case {
    minter: &'static str,
    tampered: bool,
    token: String,
    kid: String,
    claims: Value,
}

impl Case {
    fn id(&self) -> String {
        format!("{}/{}", self.minter, if self.tampered { "tampered" } else { "valid" })
    }
}

/// A tool's path from the environment `cargo xtask test` sets for this stage.
fn tool(var: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(p) if Path::new(&p).exists() => PathBuf::from(p),
        found => panic!(
            "{var} is {found:?}: this test runs as `cargo xtask test`'s interop stage, which sets up \
             PyJWT and jose under target/ (`cargo xtask setup`) and passes their paths"
        ),
    }
}

#[test]
#[ignore = "needs PyJWT and jose: `cargo xtask test` runs it (its interop stage)"]
fn playground_pyjwt_and_jose_agree() {
    let python = tool("INTEROP_PYTHON");
    let jose_script = tool("INTEROP_JOSE_SCRIPT");
    let dir = interop_dir();
    let py = || {
        let mut c = Command::new(&python);
        c.arg(dir.join("pyjwt_check.py"));
        c
    };
    let node = || {
        let mut c = Command::new("node");
        c.arg(&jose_script);
        c
    };

    // The other libraries check exp/iat against the real clock, so mint around it.
    let now = i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH).expect("clock after 1970").as_secs())
        .expect("seconds fit i64");

    // 1. Every library mints one token.
    let mint = |minter: &str| {
        json!({
            "secret_hex": secret_hex(),
            "ops": [{ "op": "mint", "id": minter, "kid": kid_for(minter), "claims": claims_for(minter, now) }],
        })
    };
    let (py_mint, js_mint) = std::thread::scope(|s| {
        let p = s.spawn(|| call_script(py(), &mint("PyJWT")));
        let j = s.spawn(|| call_script(node(), &mint("jose")));
        (p.join().expect("PyJWT thread"), j.join().expect("jose thread"))
    });
    let pinned = [("PyJWT", pinned_pyjwt(), &py_mint.0), ("jose", pinned_jose(), &js_mint.0)];
    for (lib, want, got) in &pinned {
        assert_eq!(*got, want, "{lib} reports version {got}, pinned {want}");
    }
    let minted_token = |minter: &str| -> String {
        match minter {
            "playground" => {
                let key = SigningKey::new(kid_for(minter), SECRET);
                token::issue(&claims_for(minter, now), &key).expect("playground issues")
            }
            "PyJWT" => py_mint.1[minter]["token"].as_str().expect("PyJWT minted").to_owned(),
            "jose" => js_mint.1[minter]["token"].as_str().expect("jose minted").to_owned(),
            _ => unreachable!(),
        }
    };

    let mut cases = Vec::new();
    for minter in MINTERS {
        let token = minted_token(minter);
        let claims = serde_json::to_value(claims_for(minter, now)).expect("claims to JSON");
        let kid = kid_for(minter);
        cases.push(Case { minter, tampered: true, token: tamper(&token), kid: kid.clone(), claims: claims.clone() });
        cases.push(Case { minter, tampered: false, token, kid, claims });
    }
    cases.sort_by_key(|c| (MINTERS.iter().position(|m| *m == c.minter), c.tampered));

    // 2. Every library verifies every token.
    let verify = json!({
        "secret_hex": secret_hex(),
        "ops": cases.iter().map(|c| json!({ "op": "verify", "id": c.id(), "token": c.token })).collect::<Vec<_>>(),
    });
    let (py_verify, js_verify) = std::thread::scope(|s| {
        let p = s.spawn(|| call_script(py(), &verify));
        let j = s.spawn(|| call_script(node(), &verify));
        (p.join().expect("PyJWT thread"), j.join().expect("jose thread"))
    });
    let outcome = |verifier: &str, case: &Case| -> Outcome {
        match verifier {
            "playground" => {
                let ring = KeyRing::new(case.kid.clone(), SECRET);
                match token::verify(&case.token, &ring, now, &|_| false) {
                    Ok(c) => Outcome::Ok {
                        claims: serde_json::to_value(c).expect("claims to JSON"),
                        kid: token::inspect(&case.token).header.ok().and_then(|h| h["kid"].as_str().map(str::to_owned)),
                    },
                    Err(r) => Outcome::Rejected(r.code().to_owned()),
                }
            }
            "PyJWT" => Outcome::from_script(&py_verify.1[&case.id()]),
            "jose" => Outcome::from_script(&js_verify.1[&case.id()]),
            _ => unreachable!(),
        }
    };

    // 3. Compare and print the matrix.
    let mut mismatches = Vec::new();
    let mut rows = Vec::new();
    for case in &cases {
        let mut row = vec![case.id()];
        for verifier in VERIFIERS {
            let got = outcome(verifier, case);
            match (&got, case.tampered) {
                (Outcome::Ok { claims, kid }, false) => {
                    if *claims != case.claims {
                        mismatches.push(format!(
                            "{} verified by {verifier}: claims differ\n  signed:   {}\n  returned: {claims}",
                            case.id(),
                            case.claims
                        ));
                    }
                    if kid.as_deref() != Some(case.kid.as_str()) {
                        mismatches.push(format!(
                            "{} verified by {verifier}: kid {kid:?}, signed {}",
                            case.id(),
                            case.kid
                        ));
                    }
                }
                (Outcome::Rejected(why), false) => {
                    mismatches.push(format!("{} must verify with {verifier}, but was rejected: {why}", case.id()))
                }
                (Outcome::Ok { .. }, true) => {
                    mismatches.push(format!("{} (role changed to admin) was ACCEPTED by {verifier}", case.id()))
                }
                (Outcome::Rejected(_), true) => {}
            }
            row.push(got.cell());
        }
        rows.push(row);
    }

    let header: Vec<String> = std::iter::once("minter/token \\ verifier".to_owned())
        .chain(VERIFIERS.iter().map(|v| match *v {
            "PyJWT" => format!("PyJWT {}", py_verify.0),
            "jose" => format!("jose {}", js_verify.0),
            other => other.to_owned(),
        }))
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0))
        .collect();
    let line =
        |cells: &[String]| cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect::<Vec<_>>().join(" | ");
    println!("JWT interop matrix (HS256, shared demo secret, real clock {now}):");
    println!("{}", line(&header));
    println!("{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("-+-"));
    for row in &rows {
        println!("{}", line(row));
    }
    assert!(mismatches.is_empty(), "interop mismatches:\n{}", mismatches.join("\n"));
}
