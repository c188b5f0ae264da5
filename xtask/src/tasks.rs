//! The commands themselves: serve, dist, test.

use crate::setup::{self, run, step, CHROMEDRIVER, CHROMIUM};
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
    crate::csp::harden(&root.join(dir))
}

/// One stage of the test command.
type Stage<'a> = Box<dyn Fn() -> Result<(), String> + 'a>;

/// `cargo xtask test`: every layer, a summary line at the end, non-zero on failure.
pub fn test() -> Result<(), String> {
    let started = Instant::now();
    setup::all(true)?;
    let root = setup::root();
    let site = "target/e2e-site";
    let stages: Vec<(&str, Stage)> = vec![
        ("host cargo test", Box::new(|| run(Command::new("cargo").args(["test", "--workspace"])))),
        (
            "wasm-bindgen-test in headless Chromium",
            Box::new(|| {
                run(Command::new("cargo")
                    .args(["test", "--target", "wasm32-unknown-unknown", "--test", "web"])
                    .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
                    .env("CHROMEDRIVER", CHROMEDRIVER)
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))
            }),
        ),
        ("release build for e2e", Box::new(|| build_site(site))),
        ("first-load size guard (gzip -9, budget + 10 %)", Box::new(|| crate::size_guard::check(&root.join(site)))),
        (
            "e2e in headless Chromium",
            Box::new(|| {
                run(Command::new("node")
                    .args(["--test", "--test-concurrency=1", "e2e/"])
                    .env("SITE_DIR", root.join(site))
                    .env("CHROMIUM", CHROMIUM)
                    .env("E2E_OUT", root.join("target/e2e")))
            }),
        ),
    ];
    let mut passed = 0;
    let mut failed = Vec::new();
    for (name, stage) in &stages {
        step(name);
        let t = Instant::now();
        match stage() {
            Ok(()) => {
                passed += 1;
                println!("    ok: {name} ({:.0} s)", t.elapsed().as_secs_f64());
            }
            Err(e) => {
                println!("    FAILED: {name}: {e}");
                failed.push(*name);
            }
        }
    }
    println!("xtask test finished in {:.0} s", started.elapsed().as_secs_f64());
    if !failed.is_empty() {
        println!("failed stages: {}", failed.join(", "));
    }
    println!("stages: {passed} passed, {} failed", failed.len());
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("{} stage(s) failed", failed.len()))
    }
}
