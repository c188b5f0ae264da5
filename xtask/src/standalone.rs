//! The repository stands alone: nothing in it names a folder beside it, and a fresh
//! clone with nothing beside it passes the host tests offline.

use crate::setup::root;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder beside the project that a user's clone does not have (spelled in parts so
/// that this file does not name it).
fn sibling() -> String {
    ["..", "shared"].join("/")
}

/// The repository's tracked files (`git ls-files`), or every file under the root but
/// `target/`, `dist/`, `.git/` and `node_modules/` when this is not a git checkout.
fn tracked_files() -> Vec<PathBuf> {
    let listed = Command::new("git").args(["ls-files", "-z"]).current_dir(root()).output();
    match listed {
        Ok(out) if out.status.success() => out
            .stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| root().join(String::from_utf8_lossy(p).as_ref()))
            .collect(),
        _ => {
            let mut files = Vec::new();
            walk(&root(), &mut files);
            files
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        if path.is_dir() {
            if !matches!(name.to_str(), Some("target" | "dist" | ".git" | "node_modules")) {
                walk(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// Fails, listing each place, when a tracked file (text or binary) names the sibling folder.
pub fn no_sibling_paths() -> Result<(), String> {
    let needle = sibling();
    let mut hits = Vec::new();
    for file in tracked_files() {
        let Ok(bytes) = std::fs::read(&file) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        for (i, line) in text.lines().enumerate() {
            if line.contains(&needle) {
                let rel = file.strip_prefix(root()).unwrap_or(&file).display().to_string();
                hits.push(format!("{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    if hits.is_empty() {
        println!("    no tracked file names {needle}");
        Ok(())
    } else {
        Err(format!("{} place(s) name {needle}, which a clone does not have:\n  {}", hits.len(), hits.join("\n  ")))
    }
}

/// A temporary folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The host tests in a fresh clone of the committed tree, in an empty temporary folder,
/// with the network off for cargo (and pip/npm pointed nowhere), sharing this checkout's
/// target folder so that only the project's own crates build again. Returns the command
/// and the folder, which is removed when the returned guard drops.
pub fn clone_command() -> Result<(Command, TempDir), String> {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let tmp = TempDir(std::env::temp_dir().join(format!("auth-playground-clone-{}-{stamp}", std::process::id())));
    std::fs::create_dir_all(&tmp.0).map_err(|e| format!("{}: {e}", tmp.0.display()))?;
    let clone = tmp.0.join("auth-playground");
    let status = Command::new("git")
        .args(["clone", "--quiet", "--no-hardlinks"])
        .arg(root())
        .arg(&clone)
        .status()
        .map_err(|e| format!("could not run git: {e}"))?;
    if !status.success() {
        return Err(format!("git clone of {} failed ({status}): is it a git checkout?", root().display()));
    }
    println!("    cloned the committed tree into {} (nothing beside it)", clone.display());
    let mut cmd = Command::new("cargo");
    cmd.args(["test", "--workspace"])
        .current_dir(&clone)
        .env("CARGO_NET_OFFLINE", "true")
        .env("CARGO_TARGET_DIR", root().join("target"))
        .env("PIP_NO_INDEX", "1")
        .env("npm_config_offline", "true")
        .env("npm_config_registry", "http://127.0.0.1:9/");
    Ok((cmd, tmp))
}
