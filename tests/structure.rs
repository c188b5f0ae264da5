//! The page's structure rules, checked on the source: first-load code never names a
//! view the engine draws (those travel in the engine's wasm module, see
//! `src/ui/engine/mod.rs`: naming one from first-load code would pull it, and the
//! engine with it, into the first load), and `Part` stays a leaf module.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn source(rel: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join(rel), &mut files);
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.strip_prefix(root).unwrap_or(&p).display().to_string(), text)
        })
        .collect()
}

/// Lines of code (not comments) that name an engine view.
fn names_an_engine_view(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .filter(|l| l.contains("engine::views") || l.contains("views::"))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn first_load_code_never_names_an_engine_view() {
    let mut offenders = Vec::new();
    for (path, text) in source("src") {
        if path.starts_with("src/ui/engine") {
            continue;
        }
        for line in names_an_engine_view(&text) {
            offenders.push(format!("{path}: {line}"));
        }
    }
    assert!(offenders.is_empty(), "first-load code names engine views:\n{}", offenders.join("\n"));
}

#[test]
fn the_check_above_can_fail() {
    assert_eq!(names_an_engine_view("use crate::ui::engine::views::jwt::JwtInspector;").len(), 1);
    assert_eq!(names_an_engine_view("    views::draw(engine, part)").len(), 1);
    assert!(names_an_engine_view("// see engine::views").is_empty());
    assert!(names_an_engine_view("use crate::ui::part::Part;").is_empty());
}

#[test]
fn part_is_a_leaf_module() {
    let (_, text) = source("src/ui").into_iter().find(|(p, _)| p.ends_with("ui/part.rs")).expect("src/ui/part.rs");
    let uses: Vec<&str> = text.lines().filter(|l| l.trim_start().starts_with("use ")).collect();
    assert!(uses.is_empty(), "part.rs imports {uses:?}");
}

#[test]
fn the_engine_views_live_in_one_folder() {
    // Every component the engine draws is under src/ui/engine/views; the panels folder
    // (first-load) holds none of the views that only show what the engine made.
    for (path, text) in source("src/ui/panels") {
        for marker in ["fn JwtInspector", "fn ExchangeDetail", "fn TourStep", "fn ServersDetails", "fn BrowserDetails"]
        {
            assert!(!text.contains(marker), "{path} defines an engine view ({marker})");
        }
    }
}
