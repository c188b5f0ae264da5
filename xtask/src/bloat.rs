//! Where the bytes of the two wasm modules go, by crate, for `cargo xtask bench`.
//!
//! The shipped wasm is stripped, so it has no function names. The bench builds the same
//! split release build a second time with the names kept (`strip = false`, in its own
//! target folder so the shipped build's cache is untouched), cuts it the same way
//! (`split::cut`), and runs twiggy on its main module and the engine's module:
//! - `twiggy top`: every item's own (shallow) size, summed by crate;
//! - `twiggy dominators` on the program before the split (the engine's module alone has
//!   no roots twiggy can see): the bytes each crate keeps alive — the module's items that
//!   are a crate's items or lie under one in the dominator tree. These overlap between
//!   crates (serde_json's figure includes the `core` code only serde_json uses), so this
//!   column does not add up to the module. Functions reached only through the function
//!   table (closures behind `dyn`, Leptos's views) are kept by the table, not by the crate
//!   that made the pointer, so this column under-counts such crates.
//!
//! The code and data are the same as the shipped build's (only the names differ); the
//! report puts the named build's item total next to the shipped module's size as a check.

use crate::setup::{output, root, run, step};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The twiggy release the bench installs (`cargo install twiggy --locked`).
pub const TWIGGY_VERSION: &str = "0.8.0";

/// Installs twiggy unless that version is present.
pub fn twiggy() -> Result<(), String> {
    step(&format!("twiggy {TWIGGY_VERSION} (where the wasm bytes go)"));
    let have = output("twiggy", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(TWIGGY_VERSION) {
        println!("    {have} present, skipped");
        return Ok(());
    }
    println!("    found {:?}: installing (about 3 minutes)", if have.is_empty() { "nothing" } else { &have });
    run(Command::new("cargo").args(["install", "twiggy", "--version", TWIGGY_VERSION, "--locked", "--force"]))
}

/// The named copy of the split release build.
pub struct Named {
    /// cargo's module, before the split.
    pub whole: PathBuf,
    /// The main module, bound by wasm-bindgen like the shipped one.
    pub main: PathBuf,
    /// The engine's module(s).
    pub engine: Vec<PathBuf>,
}

/// Builds and cuts the named copy of the split release build; `stem` is the shipped main
/// module's (its hashed name), so the import section names the same file.
pub fn named_build(stem: &str) -> Result<Named, String> {
    step("release build with function names (analysis only) → target/bench-names");
    let root = root();
    let target = root.join("target/bench-names");
    run(Command::new("cargo")
        .args(["build", "--release", "--target", "wasm32-unknown-unknown", "--bin", "auth-playground"])
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_PROFILE_RELEASE_STRIP", "false")
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", crate::split::RUSTFLAGS))?;
    let whole = target.join("wasm32-unknown-unknown/release/auth-playground.wasm");
    let (parts, bound) = crate::split::cut(&whole, &target.join("split"), stem, crate::split::Names::Keep)?;
    let engine: Vec<PathBuf> = wasm_files(&parts)?.into_iter().filter(|p| file_name(p).starts_with("split_")).collect();
    if engine.is_empty() {
        return Err("the named build has no split_*.wasm".into());
    }
    Ok(Named { whole, main: bound.join(format!("{stem}_bg.wasm")), engine })
}

/// The `.wasm` files in `dir`, sorted.
pub fn wasm_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    files.sort();
    Ok(files)
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
}

fn twiggy_json(args: &[&str], wasm: &Path) -> Result<Value, String> {
    let out = Command::new("twiggy")
        .args(args)
        .arg(wasm)
        .args(["--format", "json"])
        .output()
        .map_err(|e| format!("could not run twiggy: {e}"))?;
    if !out.status.success() {
        return Err(format!("twiggy {args:?} {}: {}", wasm.display(), String::from_utf8_lossy(&out.stderr).trim()));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("twiggy {args:?}: {e}"))
}

/// Twiggy's items of the name section and other custom sections (debug info, producers,
/// target features, the linker's): not code or data. The shipped build has (almost) none.
fn not_shipped(name: &str) -> bool {
    name.contains("custom section") || name.ends_with(" subsection") || name.starts_with(".debug")
}

/// Where a twiggy item belongs: the crate of a Rust function (this project's as
/// `auth_playground::<module>`), or a bracketed group for what has no crate.
pub fn owner(name: &str) -> String {
    let name = name.trim();
    let group = |g: &str| format!("[{g}]");
    if name.starts_with("data[") || name.starts_with("data segment") {
        return group("data segments: static text, tables");
    }
    if name.starts_with("code[") {
        return group("functions without a name");
    }
    if name.starts_with("__wbg_")
        || name.starts_with("__wbindgen")
        || name.starts_with("__externref")
        || name.ends_with("externref shim")
    {
        return "wasm_bindgen".into();
    }
    // the exported methods of wasm-streams' JS stream adapters
    if name.starts_with("intounderlying") {
        return "wasm_streams".into();
    }
    // compiler-rt's routines (`__multi3`, `__udivti3`, …) and the mem* functions
    let builtin = name.starts_with("__") && name.ends_with("i3") && !name.contains("::");
    if builtin || ["memcpy", "memmove", "memset", "memcmp", "bcmp"].contains(&name) {
        return "compiler_builtins".into();
    }
    if ["import ", "export ", "elem[", "table[", "type[", "global[", "memory[", "func["]
        .iter()
        .any(|p| name.starts_with(p))
        || name.contains("section headers")
        || name.contains("magic bytes")
    {
        return group("wasm structure: types, imports, exports, tables");
    }
    match rust_crate(name) {
        Some(c) if c == "auth_playground" => match second_segment(name) {
            Some(m) if !m.is_empty() => format!("auth_playground::{m}"),
            _ => c,
        },
        // the standard library's allocator and panic shims (`__rustc::__rdl_alloc`, …)
        Some(c) if c == "__rustc" => "std".into(),
        Some(c) => c,
        None => group("other symbols"),
    }
}

/// The module after `auth_playground::` wherever the item names the crate first.
fn second_segment(name: &str) -> Option<String> {
    let at = name.find("auth_playground::")? + "auth_playground::".len();
    let rest = &name[at..];
    Some(rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect())
}

/// The standard library's crates.
const STD: [&str; 3] = ["core", "alloc", "std"];

/// The crate of a demangled Rust path: its first segment. For `<Type as Trait>::f`, the
/// crate that can hold that impl: `Type`'s, unless `Type` is not a path or belongs to the
/// standard library while `Trait` does not (the standard library implements no other
/// crate's traits), then `Trait`'s.
fn rust_crate(name: &str) -> Option<String> {
    let name = name.trim_start_matches(['&', '*']).trim_start_matches("mut ").trim_start_matches("const ");
    let name = name.trim_start_matches("dyn ").trim_start_matches("impl ");
    if let Some(inner) = name.strip_prefix('<') {
        let (ty, tr) = split_impl(inner);
        let (ty, tr) = (rust_crate(ty), tr.and_then(rust_crate));
        return match (ty, tr) {
            (Some(t), Some(r)) if STD.contains(&t.as_str()) && !STD.contains(&r.as_str()) => Some(r),
            (Some(t), _) => Some(t),
            (None, r) => r,
        };
    }
    let ident: String = name.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let rest = &name[ident.len()..];
    // v0 demangling may keep a disambiguator: `core[1a2b]::…`
    let rest = if rest.starts_with('[') { rest.find(']').map_or(rest, |i| &rest[i + 1..]) } else { rest };
    (!ident.is_empty() && rest.starts_with("::")).then_some(ident)
}

/// Splits the inside of `<Type as Trait>…` (after the `<`) into the type and the trait.
fn split_impl(inner: &str) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    let bytes = inner.as_bytes();
    let mut as_at = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' | b'(' | b'[' => depth += 1,
            b'>' if i > 0 && bytes[i - 1] == b'-' => {}
            b'>' | b')' | b']' => {
                if depth == 0 {
                    return match as_at {
                        Some(a) => (&inner[..a], Some(&inner[a + 4..i])),
                        None => (&inner[..i], None),
                    };
                }
                depth -= 1;
            }
            b' ' if depth == 0 && as_at.is_none() && inner[i..].starts_with(" as ") => as_at = Some(i),
            _ => {}
        }
    }
    (inner, None)
}

/// One module's table: bytes by crate (shallow, from `top` on the module) and kept alive
/// (from `tree`, twiggy's dominator tree of the whole program before the split: the bytes
/// of this module's items that lie under an item of the crate), with the item total.
fn by_crate(wasm: &Path, tree: &Value) -> Result<Value, String> {
    let top = twiggy_json(&["top", "-n", "4294967295"], wasm)?;
    let mut shallow: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut sizes: HashMap<String, u64> = HashMap::new();
    let mut total = 0u64;
    for item in top.as_array().ok_or("twiggy top: not a list")? {
        let name = item["name"].as_str().unwrap_or("");
        let size = item["shallow_size"].as_u64().unwrap_or(0);
        if not_shipped(name) {
            continue;
        }
        total += size;
        *sizes.entry(name.to_string()).or_default() += size;
        let e = shallow.entry(owner(name)).or_default();
        e.0 += size;
        e.1 += 1;
    }
    let mut kept: BTreeMap<String, u64> = BTreeMap::new();
    fn walk(node: &Value, path: &mut Vec<String>, sizes: &mut HashMap<String, u64>, kept: &mut BTreeMap<String, u64>) {
        let name = node["name"].as_str().unwrap_or("");
        let mut pushed = false;
        if name != "<meta root>" && !not_shipped(name) {
            let c = owner(name);
            if !path.contains(&c) {
                path.push(c);
                pushed = true;
            }
            // this module's bytes of the item (once, for a name that repeats)
            if let Some(size) = sizes.remove(name) {
                for c in path.iter() {
                    *kept.entry(c.clone()).or_default() += size;
                }
            }
        }
        for child in node["children"].as_array().into_iter().flatten() {
            walk(child, path, sizes, kept);
        }
        if pushed {
            path.pop();
        }
    }
    for root in tree["items"].as_array().into_iter().flatten() {
        walk(root, &mut Vec::new(), &mut sizes, &mut kept);
    }
    let mut rows: Vec<Value> = shallow
        .iter()
        .map(|(c, (bytes, items))| {
            json!({
                "crate": c, "bytes": bytes, "items": items,
                "share": *bytes as f64 / total.max(1) as f64,
                // a group's dominators (the table, the data section) say nothing of a crate
                "kept": if c.starts_with('[') { Value::Null } else { json!(kept.get(c).copied().unwrap_or(0)) },
            })
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r["bytes"].as_u64().unwrap_or(0)));
    Ok(json!({ "named_items_total": total, "crates": rows }))
}

/// The by-crate tables of the named build's modules, with the shipped modules' sizes.
/// `shipped_main` and `shipped_engine` are the files of the real build.
pub fn analyse(shipped_main: &Path, shipped_engine: &[PathBuf]) -> Result<Value, String> {
    let main_name = file_name(shipped_main);
    let stem = main_name.strip_suffix("_bg.wasm").ok_or_else(|| format!("{main_name}: not a wasm-bindgen module"))?;
    let named = named_build(stem)?;
    step("twiggy top / dominators on both modules, by crate");
    // The engine's module has no roots of its own for twiggy (its functions go into the
    // main module's table), so what keeps what alive comes from the program before the split.
    let tree = twiggy_json(&["dominators"], &named.whole)?;
    // the real files, and the custom sections (names, producers…) they still carry
    let shipped = |files: &[PathBuf]| -> Result<Value, String> {
        let (mut raw, mut gzip, mut custom) = (0u64, 0u64, 0u64);
        for f in files {
            let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
            raw += bytes.len() as u64;
            gzip += crate::size_guard::gzip_len(&bytes)?;
            let top = twiggy_json(&["top", "-n", "4294967295"], f)?;
            custom += top
                .as_array()
                .into_iter()
                .flatten()
                .filter(|i| not_shipped(i["name"].as_str().unwrap_or("")))
                .filter_map(|i| i["shallow_size"].as_u64())
                .sum::<u64>();
        }
        Ok(
            json!({ "files": files.iter().map(|f| file_name(f)).collect::<Vec<_>>(), "raw": raw, "gzip": gzip, "custom_sections": custom }),
        )
    };
    let mut modules = Vec::new();
    for (label, module, real) in [
        ("main", vec![named.main], vec![shipped_main.to_path_buf()]),
        ("engine", named.engine, shipped_engine.to_vec()),
    ] {
        if module.len() != 1 {
            return Err(format!("{label}: expected one module in the named build, found {}", module.len()));
        }
        let mut table = by_crate(&module[0], &tree)?;
        table["module"] = json!(label);
        table["shipped"] = shipped(&real)?;
        modules.push(table);
    }
    Ok(json!({ "twiggy": TWIGGY_VERSION, "modules": modules }))
}

#[cfg(test)]
mod tests {
    use super::owner;

    #[test]
    fn items_go_to_the_crate_whose_code_they_are() {
        let cases = [
            ("core::fmt::write::h0123456789abcdef", "core"),
            ("<alloc::string::String as core::fmt::Write>::write_str::h01", "alloc"),
            ("<&T as core::fmt::Debug>::fmt::h01", "core"),
            ("<[T] as core::fmt::Debug>::fmt", "core"),
            ("<tachys::html::element::HtmlElement<E,At,Ch> as tachys::view::Render>::build", "tachys"),
            ("auth_playground::sim::world::World::apply::h99", "auth_playground::sim"),
            ("<auth_playground::ui::app::App as core::ops::Drop>::drop", "auth_playground::ui"),
            ("auth_playground::main::h1", "auth_playground::main"),
            ("reactive_graph::graph::subscriber::AnySubscriber::mark_dirty", "reactive_graph"),
            ("<alloc::vec::Vec<T,A> as core::clone::Clone>::clone", "alloc"),
            ("core::ptr::drop_in_place<leptos::into_view::View<()>>", "core"),
            ("<fn() -> u32 as core::ops::FnOnce<()>>::call_once", "core"),
            ("serde_json::de::Deserializer<R>::parse_any", "serde_json"),
            ("core[7b2f]::fmt::write", "core"),
            ("data[3]", "[data segments: static text, tables]"),
            ("data segment \".rodata\"", "[data segments: static text, tables]"),
            (
                "<alloc::sync::Arc<dyn core::ops::function::Fn<()>+Output = tachys::view::any_view::AnyView> as leptos::children::ToChildren<F>>::to_children::{{closure}}::h5e",
                "leptos",
            ),
            ("<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<dlmalloc[e24a]::sys::System>>::malloc", "dlmalloc"),
            ("<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::deserialize_map::h3", "serde_json"),
            ("tachys::reactive_graph::<impl tachys::view::Render for F>::build::{{closure}}::hfe", "tachys"),
            ("code[120]", "[functions without a name]"),
            ("__wbg_addEventListener_1234", "wasm_bindgen"),
            ("memcpy", "compiler_builtins"),
            ("__multi3", "compiler_builtins"),
            ("__rustc[b7974e8690430dd9]::__rdl_realloc", "std"),
            ("intounderlyingsource_pull externref shim", "wasm_bindgen"),
            ("intounderlyingsink_write", "wasm_streams"),
            ("import wbg::__wbg_new_0", "[wasm structure: types, imports, exports, tables]"),
            ("main", "[other symbols]"),
        ];
        for (name, want) in cases {
            assert_eq!(owner(name), want, "{name}");
        }
    }
}
