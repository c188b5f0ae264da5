//! The size guard of `cargo xtask test`: the first load of the release build (html, js,
//! wasm and css, without the engine's lazily loaded `split_*.wasm`) compressed with
//! `gzip -9`, file by file. It fails when the total exceeds the budget by more than 10 %,
//! and prints the table either way. (`cargo xtask bench` reports the same figures next
//! to the baseline's.)

use crate::bench::FIRST_LOAD_BUDGET;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What the guard allows: the budget plus 10 %.
pub const LIMIT: u64 = FIRST_LOAD_BUDGET + FIRST_LOAD_BUDGET / 10;

/// Whether a built file is part of the first load.
pub fn first_load(name: &str) -> bool {
    [".html", ".js", ".wasm", ".css"].iter().any(|ext| name.ends_with(ext)) && !name.starts_with("split_")
}

/// `gzip -9` size of `bytes`.
pub fn gzip_len(bytes: &[u8]) -> Result<u64, String> {
    let mut child = Command::new("gzip")
        .args(["-9", "-c", "-n"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run gzip: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("gzip: no stdin")?;
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().map_err(|e| format!("gzip: {e}"))?;
    writer.join().map_err(|_| "gzip: writer thread")?.map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

/// Measures `site` and checks it against [`LIMIT`].
pub fn check(site: &Path) -> Result<(), String> {
    let mut names: Vec<String> = std::fs::read_dir(site)
        .map_err(|e| format!("{}: {e}", site.display()))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
        .collect();
    names.sort();
    let (mut total_raw, mut total_gz) = (0u64, 0u64);
    println!("    {:<48} {:>10} {:>10}", "first-load file", "raw", "gzip -9");
    for name in names.iter().filter(|n| first_load(n)) {
        let bytes = std::fs::read(site.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let gz = gzip_len(&bytes)?;
        println!("    {name:<48} {:>10} {gz:>10}", bytes.len());
        total_raw += bytes.len() as u64;
        total_gz += gz;
    }
    for name in names.iter().filter(|n| n.starts_with("split_")) {
        let len = std::fs::metadata(site.join(name)).map(|m| m.len()).unwrap_or(0);
        println!("    {name:<48} {len:>10} (loaded after start-up: not counted)");
    }
    println!("    {:<48} {total_raw:>10} {total_gz:>10}", "total");
    println!(
        "    budget {} B ({} KB), guard limit {LIMIT} B: {:.1} % of the budget",
        FIRST_LOAD_BUDGET,
        FIRST_LOAD_BUDGET / 1024,
        100.0 * total_gz as f64 / FIRST_LOAD_BUDGET as f64
    );
    if total_gz > LIMIT {
        return Err(format!("first load {total_gz} B gzip is over the guard limit {LIMIT} B (budget + 10 %)"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_module_is_not_first_load() {
        assert!(first_load("index.html"));
        assert!(first_load("auth-playground-0123_bg.wasm"));
        assert!(first_load("__wasm_split.js"));
        assert!(first_load("app-1.css"));
        assert!(!first_load("split_load_123.wasm"));
        assert!(!first_load("export.har"));
    }

    #[test]
    fn a_site_over_the_limit_fails_and_one_under_it_passes() {
        let dir = std::env::temp_dir().join(format!("size-guard-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html>".repeat(100)).unwrap();
        std::fs::write(dir.join("split_load_1.wasm"), vec![7u8; 1 << 20]).unwrap();
        assert!(check(&dir).is_ok());
        // incompressible bytes, a little over the limit
        let mut x: u32 = 1;
        let noise: Vec<u8> = (0..LIMIT + 4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        std::fs::write(dir.join("app_bg.wasm"), noise).unwrap();
        assert!(check(&dir).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
