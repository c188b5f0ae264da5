//! `cargo xtask serve | test | dist` — the project's two (and a half) commands.
//!
//! Each command first sets up what it needs, skipping whatever is already present at
//! the right version: the wasm32 target, trunk (pinned), wasm-bindgen-cli (equal to the
//! `wasm-bindgen` in Cargo.lock), wasm-split-cli (pinned; the release build's code
//! splitting), and for `test` Chromium + chromedriver and the e2e node modules. A missing prerequisite is one clear line saying what to install.

mod bench;
mod bloat;
mod csp;
// Shared with tests/scenarios.rs, which uses the reading half.
#[allow(dead_code)]
#[path = "../../tests/support/fingerprint.rs"]
mod fingerprint;
mod interop;
mod minify;
mod setup;
mod size_guard;
mod split;
mod standalone;
mod tally;
mod tasks;
mod wasm_opt;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve   set up the tools, then `trunk serve` on http://127.0.0.1:8080/
  test    set up the tools and a headless Chromium, then run every test layer: the
          stand-alone check, host `cargo test`, the host tests in a fresh offline clone,
          JWT interop (PyJWT, jose), wasm-bindgen-test in Chromium, the first-load size
          guard, e2e against a release build; ends with `N passed, N failed`
  dist    release build (split) with relative URLs into dist/ (works from any sub-path)
  bench   sizes, start-up, first paint, a phone profile and simulation speed against
          baselines; bytes by crate (twiggy), wasm-opt → target/bench/report.md
  setup   only the set-up steps of `test` (and the interop tools under target/)
  fingerprint <article>
          writes tests/data/article-fingerprint.txt from the article the tours follow
          (the narration test checks that no tour repeats its wording)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => tasks::serve(),
        Some("test") => tasks::test(),
        Some("dist") => tasks::dist(),
        Some("bench") => bench::bench(),
        Some("setup") => setup::all(true).and_then(|()| interop::setup()),
        Some("fingerprint") => write_fingerprint(args.get(1)),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask fingerprint <article>`: the article's fingerprint into the repository.
fn write_fingerprint(path: Option<&String>) -> Result<(), String> {
    let path = path.ok_or("usage: cargo xtask fingerprint <path of the article>")?;
    let text = std::fs::read_to_string(path).map_err(|e| format!("read {path}: {e}"))?;
    let fp = fingerprint::Fingerprint::of(&text);
    let name = std::path::Path::new(path).file_name().map_or("the article".into(), |n| n.to_string_lossy());
    let out = setup::root().join(fingerprint::FILE);
    std::fs::write(&out, fp.to_file(&name)).map_err(|e| format!("write {}: {e}", out.display()))?;
    println!("{}: {} sentences, {} word runs", out.display(), fp.sentences.len(), fp.runs.len());
    Ok(())
}
