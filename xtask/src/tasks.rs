//! The commands themselves: serve, dist, test.

use crate::setup::{self, run, step, CHROMEDRIVER, CHROMIUM};
use crate::standalone;
use crate::tally::{run_counted, Count};
use std::process::Command;
use std::time::Instant;

/// `cargo xtask serve`: trunk's dev server on loopback.
pub fn serve() -> Result<(), String> {
    setup::all(false)?;
    step("trunk serve");
    println!("    open http://127.0.0.1:8080/ (Ctrl-C stops)");
    run(Command::new("trunk").args(["serve", "--address", "127.0.0.1", "--port", "8080"]))
}

/// `cargo xtask dist`: the release site, relative URLs, into `dist/`.
pub fn dist() -> Result<(), String> {
    setup::all(false)?;
    build_site("dist")?;
    println!("    built {}", setup::root().join("dist").display());
    Ok(())
}

pub fn build_site(dir: &str) -> Result<(), String> {
    step(&format!("trunk build --release → {dir}/ (with the split points on)"));
    run(Command::new("trunk")
        .args(["build", "--release", "--dist", dir])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", crate::split::RUSTFLAGS))?;
    let root = setup::root();
    crate::split::apply(&root, &root.join(dir))?;
    crate::minify::styles(&root.join(dir))?;
    crate::csp::harden(&root.join(dir))
}

/// What one stage of the test command counted, and whether it passed.
type Outcome = (Count, Result<(), String>);

/// One stage of the test command.
type Stage<'a> = Box<dyn Fn() -> Outcome + 'a>;

/// A stage that runs no test runner counts as one test: passed or failed.
fn single(result: Result<(), String>) -> Outcome {
    let count = if result.is_ok() { Count { passed: 1, failed: 0 } } else { Count { passed: 0, failed: 1 } };
    (count, result)
}

/// A test runner's stage: its tests as counted, or one failure when it could not start
/// or failed without a summary line.
fn counted(cmd: Result<Command, String>) -> Outcome {
    let (count, result) = match cmd {
        Ok(mut cmd) => run_counted(&mut cmd),
        Err(e) => (Count::default(), Err(e)),
    };
    match (&result, count.failed) {
        (Err(_), 0) => (Count { failed: 1, ..count }, result),
        _ => (count, result),
    }
}

/// `cargo xtask test`: every layer, a summary line at the end, non-zero on failure.
pub fn test() -> Result<(), String> {
    let started = Instant::now();
    setup::all(true)?;
    let root = setup::root();
    let site = "target/e2e-site";
    let stages: Vec<(&str, Stage)> = vec![
        (
            "the repository stands alone: no tracked file names a folder beside it",
            Box::new(|| single(standalone::no_sibling_paths())),
        ),
        ("host cargo test", Box::new(|| counted(Ok(cargo(&["test", "--workspace"]))))),
        (
            "host tests in a fresh clone, offline, nothing beside it",
            Box::new(|| {
                let (cmd, _tmp) = match standalone::clone_command() {
                    Ok(c) => c,
                    Err(e) => return single(Err(e)),
                };
                counted(Ok(cmd))
            }),
        ),
        ("JWT interop: PyJWT and jose", Box::new(|| counted(crate::interop::command()))),
        (
            "wasm-bindgen-test in headless Chromium",
            Box::new(|| {
                let mut cmd = cargo(&["test", "--target", "wasm32-unknown-unknown", "--test", "web"]);
                cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
                    .env("CHROMEDRIVER", CHROMEDRIVER)
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
                counted(Ok(cmd))
            }),
        ),
        ("release build for e2e", Box::new(|| single(build_site(site)))),
        (
            "first-load size guard (gzip -9, budget + 10 %)",
            Box::new(|| single(crate::size_guard::check(&root.join(site)))),
        ),
        (
            "e2e in headless Chromium",
            Box::new(|| {
                let mut cmd = Command::new("node");
                cmd.args(["--test", "--test-concurrency=1", "--test-reporter=tap", "e2e/"])
                    .env("SITE_DIR", root.join(site))
                    .env("CHROMIUM", CHROMIUM)
                    .env("E2E_OUT", root.join("target/e2e"));
                counted(Ok(cmd))
            }),
        ),
    ];
    let mut total = Count::default();
    let mut failed = Vec::new();
    for (name, stage) in &stages {
        step(name);
        let t = Instant::now();
        let (count, result) = stage();
        total += count;
        match result {
            Ok(()) => println!("    ok: {name}: {} passed ({:.0} s)", count.passed, t.elapsed().as_secs_f64()),
            Err(e) => {
                println!("    FAILED: {name}: {} passed, {} failed: {e}", count.passed, count.failed);
                failed.push(*name);
            }
        }
    }
    println!("xtask test finished in {:.0} s", started.elapsed().as_secs_f64());
    if !failed.is_empty() {
        println!("failed stages: {}", failed.join("; "));
    }
    println!("stages: {} passed, {} failed", stages.len() - failed.len(), failed.len());
    println!("{} passed, {} failed", total.passed, total.failed);
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("{} stage(s) failed", failed.len()))
    }
}

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(args);
    cmd
}
