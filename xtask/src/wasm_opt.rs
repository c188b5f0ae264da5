//! `cargo xtask bench`'s informational row on `wasm-opt`: binaryen's optimiser from the npm
//! package `binaryen` (pinned exactly; Debian's binaryen 108 breaks this wasm), installed
//! under `target/bench/binaryen`, run with `-Oz` on the shipped main module and the
//! engine's module. The sizes go into the report next to the build's own; the build does
//! not use it.

use crate::setup::{output, run, step};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The npm `binaryen` release measured.
pub const BINARYEN_VERSION: &str = "132.0.0";

/// The wasm features rustc 1.95 turns on for wasm32-unknown-unknown, named for binaryen
/// (the shipped module has no `target_features` section to detect them from).
const FEATURES: [&str; 8] = [
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-call-indirect-overlong",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

/// Installs binaryen into `dir` unless that exact version is there; returns its `wasm-opt`.
fn install(dir: &Path) -> Result<PathBuf, String> {
    step(&format!("binaryen {BINARYEN_VERSION} (npm) for the wasm-opt row"));
    let package = dir.join("node_modules/binaryen/package.json");
    let have = std::fs::read_to_string(&package)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_string));
    let bin = dir.join("node_modules/binaryen/bin/wasm-opt");
    if have.as_deref() == Some(BINARYEN_VERSION) && bin.exists() {
        println!("    present, skipped");
        return Ok(bin);
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--save-exact", "--prefix"])
        .arg(dir)
        .arg(format!("binaryen@{BINARYEN_VERSION}")))?;
    if !bin.exists() {
        return Err(format!("npm installed no {}", bin.display()));
    }
    Ok(bin)
}

/// `-Oz` on each `(label, wasm file)`, into `dir`; the sizes (raw and gzip -9) before and
/// after, and the time it took.
pub fn measure(dir: &Path, modules: &[(&str, PathBuf)]) -> Result<Value, String> {
    let bin = install(dir)?;
    let version = output("node", &[&bin.to_string_lossy(), "--version"]).unwrap_or_default();
    let mut rows = Vec::new();
    for (label, wasm) in modules {
        step(&format!("wasm-opt -Oz on the {label} module (informational)"));
        let before = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
        let optimised = dir.join(format!("{label}.Oz.wasm"));
        let started = std::time::Instant::now();
        run(Command::new("node").arg(&bin).arg(wasm).arg("-Oz").args(FEATURES).arg("-o").arg(&optimised))?;
        let seconds = started.elapsed().as_secs_f64();
        let after = std::fs::read(&optimised).map_err(|e| format!("{}: {e}", optimised.display()))?;
        let (gz_before, gz_after) = (crate::size_guard::gzip_len(&before)?, crate::size_guard::gzip_len(&after)?);
        println!("    {} → {} B raw, {gz_before} → {gz_after} B gzip ({seconds:.0} s)", before.len(), after.len());
        rows.push(json!({
            "module": label,
            "raw": before.len(), "gzip": gz_before,
            "raw_oz": after.len(), "gzip_oz": gz_after,
            "seconds": seconds,
        }));
    }
    Ok(json!({ "binaryen": BINARYEN_VERSION, "wasm_opt_version": version, "flags": "-Oz", "modules": rows }))
}
