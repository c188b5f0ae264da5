//! `cargo xtask serve | test | dist` — the project's two (and a half) commands.
//!
//! Each command first sets up what it needs, skipping whatever is already present at
//! the right version: the wasm32 target, trunk (pinned), wasm-bindgen-cli (equal to the
//! `wasm-bindgen` in Cargo.lock), wasm-split-cli (pinned; the release build's code
//! splitting), and for `test` Chromium + chromedriver and the e2e node modules. A missing prerequisite is one clear line saying what to install.

mod bench;
mod bloat;
mod csp;
mod setup;
mod size_guard;
mod split;
mod tasks;
mod wasm_opt;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve   set up the tools, then `trunk serve` on http://127.0.0.1:8080/
  test    set up the tools and a headless Chromium, then run every test layer:
          host `cargo test`, wasm-bindgen-test in Chromium, the first-load size guard,
          e2e against a release build
  dist    release build (split) with relative URLs into dist/ (works from any sub-path)
  bench   sizes, start-up, first paint, a phone profile and simulation speed against
          baselines; bytes by crate (twiggy), wasm-opt → target/bench/report.md
  setup   only the set-up steps of `test`";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => tasks::serve(),
        Some("test") => tasks::test(),
        Some("dist") => tasks::dist(),
        Some("bench") => bench::bench(),
        Some("setup") => setup::all(true),
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
