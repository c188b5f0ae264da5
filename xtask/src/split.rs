//! Code splitting of the release build. The page's first load holds only what the first
//! paint needs; the simulation engine (and anything else behind a `#[lazy]` split point
//! in `src/ui/engine.rs`) becomes a second wasm module that the page fetches when it
//! first needs it.
//!
//! Trunk 0.21 cannot split, so the release build goes like this:
//! 1. `trunk build --release` compiles with `--cfg split` and `--emit-relocs`
//!    ([`RUSTFLAGS`]) and lays out `dist/` (html, css, its js + wasm);
//! 2. `wasm-split-cli` cuts cargo's wasm at the split points: a main module, one module per
//!    split point and the small `__wasm_split.js` loader that links them;
//! 3. `wasm-bindgen` (the pinned CLI, keeping the table and memory exports the loader needs)
//!    turns the main module into the same two files trunk wrote, under the same names;
//! 4. every part gets a content-hashed name, the loader is preloaded with the main module,
//!    and the integrity hashes in `index.html` are recomputed for the replaced files.
//!
//! `trunk serve` and the wasm tests build without `--cfg split`: the engine is then an
//! ordinary part of the one module, behind the same async API.

use crate::setup::{run, step};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha384};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Rust flags of the split release build (the wasm target only): the project's own
/// `--cfg erase_components` from `.cargo/config.toml` (an explicit setting replaces that
/// file's), the split points turned on, and the relocations `wasm-split-cli` reads.
pub const RUSTFLAGS: &str = "--cfg erase_components --cfg split -C link-arg=--emit-relocs";

/// The cargo target directory (respects `CARGO_TARGET_DIR`).
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"))
}

/// Splits the wasm trunk just built into `site` (see the module docs).
pub fn apply(root: &Path, site: &Path) -> Result<(), String> {
    step("wasm-split: the engine becomes a module of its own");
    let raw = target_dir(root).join("wasm32-unknown-unknown/release/auth-playground.wasm");
    if !raw.exists() {
        return Err(format!("{} is missing: did trunk build?", raw.display()));
    }
    let js = fs::read_dir(site)
        .map_err(|e| format!("{}: {e}", site.display()))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
        .find(|n| n.starts_with("auth-playground-") && n.ends_with(".js"))
        .ok_or("trunk wrote no auth-playground-*.js")?;
    let stem = js.trim_end_matches(".js").to_string();
    let (parts, bound) = cut(&raw, &target_dir(root).join("split"), &stem, Names::Drop)?;
    // Every part gets a name with its content's hash, like trunk's own files, so that a
    // browser holding an older deployment's part in its cache never pairs it with a newer
    // main module: the engine's module(s) first, then the loader that names them, then
    // the main module's JS that names the loader.
    let mut loader = fs::read_to_string(parts.join("__wasm_split.js")).map_err(|e| format!("__wasm_split.js: {e}"))?;
    let mut lazy = Vec::new();
    for entry in fs::read_dir(&parts).map_err(|e| e.to_string())?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(base) = name.strip_prefix("split_").and_then(|n| n.strip_suffix(".wasm")) {
            let bytes = fs::read(entry.path()).map_err(|e| format!("{name}: {e}"))?;
            let hashed = format!("split_{base}-{}.wasm", short_hash(&bytes));
            let quoted = format!("\"./{name}\"");
            if !loader.contains(&quoted) {
                return Err(format!("__wasm_split.js does not name {name}"));
            }
            loader = loader.replace(&quoted, &format!("\"./{hashed}\""));
            println!("    lazy part: {hashed} ({} bytes)", bytes.len());
            lazy.push((hashed, bytes));
        }
    }
    if lazy.is_empty() {
        return Err("wasm-split-cli found no split point (is `--cfg split` set?)".into());
    }
    let loader_name = format!("__wasm_split-{}.js", short_hash(loader.as_bytes()));
    let wasm = format!("{stem}_bg.wasm");
    let glue = fs::read_to_string(bound.join(&js)).map_err(|e| format!("wasm-bindgen wrote no {js}: {e}"))?;
    // Only the import's path: the imports object keeps the module name the wasm asks for.
    let import = "from \"./__wasm_split.js\"";
    if glue.matches(import).count() != 1 {
        return Err(format!("{js} does not import ./__wasm_split.js exactly once"));
    }
    let glue = glue.replace(import, &format!("from \"./{loader_name}\""));
    let main_wasm = fs::read(bound.join(&wasm)).map_err(|e| format!("wasm-bindgen wrote no {wasm}: {e}"))?;

    let mut html = fs::read_to_string(site.join("index.html")).map_err(|e| e.to_string())?;
    for (name, new) in [(&js, glue.as_bytes()), (&wasm, main_wasm.as_slice())] {
        let old = fs::read(site.join(name)).map_err(|e| format!("{name}: {e}"))?;
        html = html.replace(&sri(&old), &sri(new));
        fs::write(site.join(name), new).map_err(|e| e.to_string())?;
    }
    // The main module imports the loader: fetch it with the module, not after it.
    let preload = format!("<link rel=\"modulepreload\" href=\"./{js}\"");
    let at = html.find(&preload).ok_or("index.html has no modulepreload of the main module")?;
    html.insert_str(
        at,
        &format!(
            "<link rel=\"modulepreload\" href=\"./{loader_name}\" crossorigin=\"anonymous\" integrity=\"{}\">\n",
            sri(loader.as_bytes())
        ),
    );
    fs::write(site.join("index.html"), html).map_err(|e| e.to_string())?;
    fs::write(site.join(&loader_name), &loader).map_err(|e| e.to_string())?;
    for (name, bytes) in lazy {
        fs::write(site.join(&name), bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

/// Steps 2 and 3 on cargo's wasm `raw`, in the fresh folder `work`: `wasm-split-cli` writes
/// the parts (`<stem>.wasm`, `split_*.wasm`, `__wasm_split.js`) into `work/parts`, and
/// `wasm-bindgen` binds the main part into `work/bound` (`<stem>_bg.wasm`, `<stem>.js`).
/// Returns the two folders. `Names::Keep` keeps the `name` and `producers` sections
/// (`cargo xtask bench` cuts a build that keeps its function names this way, to
/// attribute the bytes); the shipped build drops them (about 6 KB of the first load).
pub fn cut(raw: &Path, work: &Path, stem: &str, names: Names) -> Result<(PathBuf, PathBuf), String> {
    let _ = fs::remove_dir_all(work);
    let parts = work.join("parts");
    let bound = work.join("bound");
    fs::create_dir_all(&parts).map_err(|e| e.to_string())?;
    run(Command::new("wasm-split-cli").arg("--out-name").arg(stem).arg(raw).arg(&parts))?;
    let mut bindgen = Command::new("wasm-bindgen");
    bindgen.args(["--target", "web", "--keep-lld-exports", "--no-typescript"]);
    if names == Names::Drop {
        bindgen.args(["--remove-name-section", "--remove-producers-section"]);
    }
    run(bindgen.args(["--out-name", stem, "--out-dir"]).arg(&bound).arg(parts.join(format!("{stem}.wasm"))))?;
    Ok((parts, bound))
}

/// Whether the bound main module keeps its `name` and `producers` sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    /// Keep them (analysis builds).
    Keep,
    /// Drop them (the shipped build).
    Drop,
}

/// The first 16 hex digits of the SHA-384 of `bytes`.
fn short_hash(bytes: &[u8]) -> String {
    Sha384::digest(bytes)[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The `integrity` value trunk writes for a file (SHA-384, base64).
fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", STANDARD.encode(Sha384::digest(bytes)))
}
