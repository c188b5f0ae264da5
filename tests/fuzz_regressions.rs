//! The fuzz targets' logic in plain `cargo test`: every input cargo-fuzz found that
//! once crashed (replayed exactly), then a short deterministic pass per target —
//! the seed corpus in `fuzz/seeds/<target>/` plus a few thousand inputs mutated
//! from it and made up from a fixed-seed PRNG.
//!
//! The harnesses are `fuzz/src/harness.rs` itself (included below), so CI checks
//! the same invariants the fuzzer does. The long runs (>= 1,000,000 executions per
//! target) are in `fuzz/README.md`; they need nightly and cargo-fuzz and are not
//! part of CI.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/harness.rs"]
mod harness;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

// ---------------------------------------------------------------------------
// Crashes found by cargo-fuzz, replayed byte for byte (minimized).
// ---------------------------------------------------------------------------

/// set_cookie, first run: `Domain=..playground.example` parses to the domain
/// `.playground.example`. RFC 6265 §5.2.3 removes only ONE leading dot, so this is
/// right; the harness wrongly asserted "no leading dot" and was corrected. The cookie
/// must still be refused for the host `playground.example` (no domain-match).
#[test]
fn set_cookie_domain_with_two_leading_dots() {
    let input = b"\x00\x00\x00\x00\x00\x00\x00\x00\x00a=b; Domain=..playground.example";
    harness::set_cookie(input);

    use auth_playground::sim::cookie_jar::{parse_set_cookie, CookieJar, SiteUrl};
    let parsed = parse_set_cookie("a=b; Domain=..playground.example").expect("parses");
    assert_eq!(parsed.domain.as_deref(), Some(".playground.example"));
    let url = SiteUrl::parse("https://playground.example/").expect("url");
    let mut jar = CookieJar::new();
    assert!(jar.store("a=b; Domain=..playground.example", &url, 0, false).is_err());
    assert!(jar.is_empty());
}

// ---------------------------------------------------------------------------
// The short deterministic pass.
// ---------------------------------------------------------------------------

/// xorshift64*: tiny, fixed-seed, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    fn byte(&mut self) -> u8 {
        // Mostly bytes that mean something to the parsers under test.
        const INTERESTING: &[u8] = b"\xff\xff\x00\r\n\t ;=.,:/%+-_\"{}[]0123456789aAzZ\x80\xc3\xe2";
        if self.below(3) == 0 {
            INTERESTING[self.below(INTERESTING.len())]
        } else {
            self.next() as u8
        }
    }
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("seeds").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).expect("seed file")).collect()
}

/// One to four random edits of `base` (bit flips, byte changes, inserts, deletes,
/// duplicated runs, splices from `other`).
fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = base.to_vec();
    for _ in 0..=rng.below(4) {
        let len = out.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                out[i] = rng.byte();
            }
            2 => {
                let i = rng.below(len + 1);
                let b = rng.byte();
                out.insert(i, b);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let n = rng.below(len - i) + 1;
                out.drain(i..i + n.min(8));
            }
            4 if len > 0 => {
                let i = rng.below(len);
                let n = (rng.below(len - i) + 1).min(16);
                let run: Vec<u8> = out[i..i + n].to_vec();
                let at = rng.below(len + 1);
                out.splice(at..at, run);
            }
            5 if !other.is_empty() => {
                let i = rng.below(other.len());
                let at = rng.below(len + 1);
                out.truncate(at);
                out.extend_from_slice(&other[i..]);
            }
            _ => {
                let at = rng.below(len + 1);
                out.truncate(at);
            }
        }
    }
    out
}

/// Runs `harness` on every seed, then on `count` generated inputs; a panic is
/// reported with the input that caused it.
fn short_pass(target: &str, harness: fn(&[u8]), count: usize) {
    let seeds = seeds(target);
    assert!(!seeds.is_empty(), "no seeds for {target}");
    let mut rng = Rng(0x5EED_0000_0000_0000 ^ target.len() as u64 ^ u64::from(target.as_bytes()[0]) << 8);
    let run = |input: &[u8]| {
        if catch_unwind(AssertUnwindSafe(|| harness(input))).is_err() {
            panic!("{target} failed on input {:?}", input.escape_ascii().to_string());
        }
    };
    for seed in &seeds {
        run(seed);
    }
    for i in 0..count {
        let input = if i % 5 == 0 {
            (0..rng.below(64)).map(|_| rng.byte()).collect()
        } else {
            let base = &seeds[rng.below(seeds.len())];
            let other = &seeds[rng.below(seeds.len())];
            mutate(&mut rng, base, other)
        };
        run(&input);
    }
}

#[test]
fn every_target_has_seeds_and_a_pass() {
    for (name, _) in harness::TARGETS {
        assert!(!seeds(name).is_empty(), "fuzz/seeds/{name} is empty");
    }
}

#[test]
fn short_pass_set_cookie() {
    short_pass("set_cookie", harness::set_cookie, 3_000);
}

#[test]
fn short_pass_cookie_date() {
    short_pass("cookie_date", harness::cookie_date, 5_000);
}

#[test]
fn short_pass_jwt() {
    short_pass("jwt", harness::jwt, 3_000);
}

#[test]
fn short_pass_url_params() {
    short_pass("url_params", harness::url_params, 5_000);
}

#[test]
fn short_pass_saved_state() {
    short_pass("saved_state", harness::saved_state, 5_000);
}

#[test]
fn short_pass_request_body() {
    short_pass("request_body", harness::request_body, 1_500);
}
