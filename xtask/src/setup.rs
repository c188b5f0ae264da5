//! Set-up steps: each checks first and installs only what is missing or at the wrong
//! version, printing one line per step.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The trunk release the project builds with (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The `wasm_split_cli_support` release whose `wasm-split-cli` splits the release wasm
/// (the one Leptos 0.8's `#[lazy]` split points are made for).
pub const WASM_SPLIT_VERSION: &str = "0.2.4";
/// Where Debian puts Chromium and its driver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's chromedriver.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The repository root (the xtask crate's parent).
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

/// Prints a step header.
pub fn step(msg: &str) {
    println!("==> {msg}");
}

/// Runs a command (in the repository root unless it names a directory), inheriting
/// output; error when it fails.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(root());
    }
    let status = cmd.status().map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// A command's trimmed stdout, or None when it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Set-up for serve/dist (`browser = false`) or for test (`browser = true`).
pub fn all(browser: bool) -> Result<(), String> {
    prerequisites()?;
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    wasm_split()?;
    if browser {
        chromium()?;
        node_modules()?;
    }
    Ok(())
}

fn prerequisites() -> Result<(), String> {
    step("prerequisites: rustup, a C compiler");
    if output("rustup", &["--version"]).is_none() {
        return Err("rustup is missing: install it from https://rustup.rs and run again".into());
    }
    if output("cc", &["--version"]).is_none() {
        return Err("no C compiler (cc): install one (Debian/Ubuntu: apt-get install build-essential)".into());
    }
    println!("    ok");
    Ok(())
}

fn wasm_target() -> Result<(), String> {
    step("wasm32-unknown-unknown target");
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        println!("    present, skipped");
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk() -> Result<(), String> {
    step(&format!("trunk {TRUNK_VERSION}"));
    let have = output("trunk", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        println!("    {have} present, skipped");
        return Ok(());
    }
    println!("    found {:?}: installing (about 5 minutes)", if have.is_empty() { "nothing" } else { &have });
    run(Command::new("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked", "--force"]))
}

fn wasm_split() -> Result<(), String> {
    step(&format!("wasm-split-cli {WASM_SPLIT_VERSION}"));
    let listed = output("cargo", &["install", "--list"]).unwrap_or_default();
    let want = format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:");
    if listed.lines().any(|l| l.trim() == want) && output("wasm-split-cli", &["--help"]).is_some() {
        println!("    wasm-split-cli {WASM_SPLIT_VERSION} present, skipped");
        return Ok(());
    }
    println!("    installing (about 2 minutes)");
    run(Command::new("cargo").args([
        "install",
        "wasm_split_cli_support",
        "--version",
        WASM_SPLIT_VERSION,
        "--features",
        "build-binary",
        "--locked",
        "--force",
    ]))
}

/// The `wasm-bindgen` version recorded in Cargo.lock.
pub fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock unreadable ({e}): run `cargo generate-lockfile`"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn wasm_bindgen() -> Result<String, String> {
    let want = locked_wasm_bindgen()?;
    step(&format!("wasm-bindgen-cli {want} (= Cargo.lock)"));
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    let version_of = |s: &str| s.split_whitespace().nth(1).map(str::to_string);
    if version_of(&have).as_deref() == Some(&want) && version_of(&runner).as_deref() == Some(&want) {
        println!("    {have} present, skipped");
        return Ok(want);
    }
    println!("    found {:?}: installing (about 2 minutes)", if have.is_empty() { "nothing" } else { &have });
    // Not --locked: one of the CLI's locked dependencies is gone from the registry.
    run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want, "--force"]))?;
    Ok(want)
}

fn chromium() -> Result<(), String> {
    step("Chromium + chromedriver");
    let debian = Path::new("/etc/debian_version").exists();
    let root_user = output("id", &["-u"]).as_deref() == Some("0");
    // Korean glyphs and emoji for the screenshots (optional: tests do not depend on them).
    let fonts = [
        ("fonts-nanum", "/usr/share/fonts/truetype/nanum"),
        ("fonts-noto-color-emoji", "/usr/share/fonts/truetype/noto"),
    ];
    let missing: Vec<&str> = fonts.iter().filter(|(_, dir)| !Path::new(dir).exists()).map(|(p, _)| *p).collect();
    if debian && root_user && !missing.is_empty() {
        println!("    installing {} (Korean glyphs and emoji in screenshots)", missing.join(", "));
        let _ = run(Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"));
    }
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("    {} present, skipped", output(CHROMIUM, &["--version"]).unwrap_or_else(|| CHROMIUM.into()));
        return Ok(());
    }
    if !(debian && root_user) {
        return Err(format!(
            "Chromium and chromedriver are needed at {CHROMIUM} and {CHROMEDRIVER}: \
             install them (Debian/Ubuntu: sudo apt-get install chromium chromium-driver)"
        ));
    }
    println!("    installing Debian's chromium and chromium-driver with apt");
    run(Command::new("apt-get").arg("update").stdout(Stdio::null()))?;
    run(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
            "fonts-nanum",
            "fonts-noto-color-emoji",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn node_modules() -> Result<(), String> {
    step("e2e node modules (playwright-core, driving the system Chromium)");
    if output("node", &["--version"]).is_none() || output("npm", &["--version"]).is_none() {
        return Err(
            "Node.js 18+ with npm is needed for the e2e tests: install it (Debian: apt-get install nodejs npm)".into(),
        );
    }
    let e2e = root().join("e2e");
    let stamp = e2e.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(e2e.join("package-lock.json"))) {
        (Ok(have), Ok(want)) => match (have.modified(), want.modified()) {
            (Ok(h), Ok(w)) => h >= w,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        println!("    present, skipped");
        return Ok(());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix", "e2e"]))
}
