//! The JWT interop stage: the playground's HS256 tokens against PyJWT and jose, each
//! pinned exactly in `tests/interop/`. Their tools live under `target/` (a venv with
//! PyJWT, a folder with jose's node modules and the checker script), set up here and
//! skipped when present at the pinned versions. Plain `cargo test` never needs them:
//! the test (`tests/interop.rs`) is `#[ignore]`d there and this stage runs it with
//! the tools' paths in its environment.

use crate::setup::{output, root, run, step};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The venv with the pinned PyJWT.
fn venv() -> PathBuf {
    root().join("target/interop-venv")
}

/// jose's node modules and a copy of the checker script beside them (an ES module
/// resolves `jose` from its own folder).
fn node_dir() -> PathBuf {
    root().join("target/interop-node")
}

fn source_dir() -> PathBuf {
    root().join("tests/interop")
}

fn venv_python() -> PathBuf {
    venv().join("bin/python")
}

/// The PyJWT version `requirements.txt` pins with `==`.
fn pinned_pyjwt() -> Result<String, String> {
    let path = source_dir().join("requirements.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("PyJWT=="))
        .map(|v| v.trim().to_string())
        .ok_or_else(|| format!("{} must pin PyJWT==<exact version>", path.display()))
}

/// The exact `jose` version of `package.json` (no ranges).
fn pinned_jose() -> Result<String, String> {
    let path = source_dir().join("package.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let pkg: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let v = pkg["dependencies"]["jose"].as_str().unwrap_or_default().to_string();
    if v.is_empty() || !v.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(format!("{} must pin jose exactly, found {v:?}", path.display()));
    }
    Ok(v)
}

fn installed_jose() -> Option<String> {
    let text = std::fs::read_to_string(node_dir().join("node_modules/jose/package.json")).ok()?;
    serde_json::from_str::<Value>(&text).ok()?["version"].as_str().map(str::to_string)
}

/// Installs what is missing: the venv with PyJWT, jose's node modules. An install that
/// fails (no network, no python3-venv) is an error saying so.
pub fn setup() -> Result<(), String> {
    step("interop tools under target/ (PyJWT in a venv, jose)");
    let want_py = pinned_pyjwt()?;
    let python = venv_python();
    let have_py =
        output(python.to_str().unwrap_or_default(), &["-c", "import sys, jwt; sys.stdout.write(jwt.__version__)"]);
    if have_py.as_deref() == Some(want_py.as_str()) {
        println!("    PyJWT {want_py} present, skipped");
    } else {
        if output("python3", &["--version"]).is_none() {
            return Err("the interop stage needs python3 with its venv module \
                        (Debian: apt-get install python3 python3-venv)"
                .into());
        }
        if !python.exists() {
            run(Command::new("python3").args(["-m", "venv"]).arg(venv()))
                .map_err(|e| format!("{e}: python3 -m venv failed (Debian needs python3-venv)"))?;
        }
        run(Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(source_dir().join("requirements.txt")))
        .map_err(|e| format!("{e}: could not install PyJWT {want_py} from PyPI (offline?)"))?;
    }
    let want_js = pinned_jose()?;
    if installed_jose().as_deref() == Some(want_js.as_str()) {
        println!("    jose {want_js} present, skipped");
    } else {
        if output("node", &["--version"]).is_none() || output("npm", &["--version"]).is_none() {
            return Err("the interop stage needs Node.js 20+ with npm (Debian: apt-get install nodejs npm)".into());
        }
        let dir = node_dir();
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for f in ["package.json", "package-lock.json"] {
            copy(&source_dir().join(f), &dir.join(f))?;
        }
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(&dir))
            .map_err(|e| format!("{e}: could not install jose {want_js} from npm (offline?)"))?;
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("copy {} → {}: {e}", from.display(), to.display()))
}

/// The stage: set up (skipping what is present), then the ignored interop test.
pub fn command() -> Result<Command, String> {
    setup()?;
    let script = node_dir().join("jose_check.mjs");
    copy(&source_dir().join("jose_check.mjs"), &script)?;
    let mut cmd = Command::new("cargo");
    cmd.args(["test", "--test", "interop", "--", "--ignored", "--nocapture"])
        .env("INTEROP_PYTHON", venv_python())
        .env("INTEROP_JOSE_SCRIPT", script);
    Ok(cmd)
}
