//! `cargo xtask bench`: size, start-up and simulation speed against baselines built
//! and run in the same command (these machines are noisy: ratios, not absolutes).
//! Writes `target/bench/report.json` and `target/bench/report.md`, each budget marked
//! PASS or FAIL.

use crate::setup::{self, run, step};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// First-load budget, gzip bytes (html + js + wasm + css).
pub const FIRST_LOAD_BUDGET: u64 = 200 * 1024;

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Mean time per iteration (ns) of a criterion benchmark id like `hmac_floor/sign_verify`,
/// from the criterion output folder `dir`.
fn criterion_ns(dir: &Path, id: &str) -> Option<f64> {
    let v = read_json(&dir.join(id).join("new/estimates.json")).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

/// The four native figures of one criterion run: session, shared-store session, token, floor.
struct Native {
    session: Option<f64>,
    shared: Option<f64>,
    token: Option<f64>,
    floor: Option<f64>,
}

/// Runs the criterion benches in a cargo profile, results into `dir`.
fn criterion_run(profile: &str, dir: &Path) -> Result<Native, String> {
    run(Command::new("cargo")
        .args(["bench", "--bench", "sim", "--profile", profile, "--", "--warm-up-time", "1", "--measurement-time", "3"])
        .env("CRITERION_HOME", dir))?;
    Ok(Native {
        session: criterion_ns(dir, "session_round_trip/memory"),
        shared: criterion_ns(dir, "session_round_trip/shared"),
        token: criterion_ns(dir, "token_round_trip/me"),
        floor: criterion_ns(dir, "hmac_floor/sign_verify"),
    })
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "FAIL"
    }
}

/// The report's table of where the start-up time goes: the traced loads' medians for
/// the app and the baseline (see `tracedLoad` in `e2e/bench/run.mjs`).
fn breakdown(b: &Value) -> String {
    let ms = |v: &Value| v.as_f64().map_or("?".into(), |x| format!("{x:.0} ms"));
    let row = |label: &str, key: &str| format!("| {label} | {} | {} |\n", ms(&b["app"][key]), ms(&b["baseline"][key]));
    let count = |who: &str| b[who]["compiled"].as_f64().map_or("?".into(), |x| format!("{x:.0}"));
    let mut md = String::from(
        "\nWhere the time goes (of 5 traced cold loads each, the one with the median ready time; the tracer slows the page a little):\n\n| | app | baseline |\n|---|---:|---:|\n",
    );
    md.push_str(&row("main wasm received (after navigation start)", "wasmReceived"));
    md.push_str(&row("wasm instantiated, `main` has run", "started"));
    md.push_str(&row("ready", "ready"));
    md.push_str(&row("main-thread work from the wasm's arrival to ready", "busyMs"));
    md.push_str(&format!(
        "| wasm functions compiled on first call before ready | {} | {} |\n",
        count("app"),
        count("baseline")
    ));
    md.push_str(&row("time V8 spent compiling them (main thread)", "compileMs"));
    md
}

/// Runs everything and writes the report.
pub fn bench() -> Result<(), String> {
    setup::all(true)?;
    let root = setup::root();
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;

    step("release build of the app → target/bench/app");
    crate::tasks::build_site("target/bench/app")?;
    step("release build of the baseline (bare Leptos counter) → target/bench/baseline");
    run(Command::new("trunk")
        .args(["build", "--release", "--dist"])
        .arg(out.join("baseline"))
        .current_dir(root.join("bench/baseline"))
        .env("CARGO_TARGET_DIR", root.join("target/bench-baseline")))?;

    // Twice: at full speed (the `bench` profile, opt-level 3: how fast the simulation is on
    // a server-class build) and in the `release` profile the wasm is built with (opt-level
    // z, for size), so that wasm/native compares the same code under the same optimiser
    // settings and measures what running in wasm costs.
    step("criterion: native simulation benches, opt-level 3 (bench profile)");
    let fast = criterion_run("bench", &root.join("target/criterion"))?;
    step("criterion: the same benches in the release profile (opt-level z, as the wasm)");
    let small = criterion_run("release", &root.join("target/criterion-release"))?;
    let Native { session, shared, token, floor } = fast;

    step("headless Chromium: sizes, 15 cold start-ups each, the simulation in wasm, 100 000 users");
    let browser_json = out.join("browser.json");
    run(Command::new("node")
        .arg("e2e/bench/run.mjs")
        .arg(out.join("app"))
        .arg(out.join("baseline"))
        .arg(&browser_json)
        .arg("15")
        .env("CHROMIUM", setup::CHROMIUM))?;
    let b = read_json(&browser_json)?;

    let per_s = |ns: Option<f64>| ns.map(|n| 1e9 / n);
    let first_load = b["sizes"]["app"]["total"]["gzip"].as_u64().unwrap_or(u64::MAX);
    let startup_ratio = b["startup"]["ratio"].as_f64().unwrap_or(f64::INFINITY);
    let startup_task = b["startup"]["longestTask"].as_f64().unwrap_or(f64::INFINITY);
    let token_floor = match (token, floor) {
        (Some(t), Some(f)) => t / f,
        _ => f64::INFINITY,
    };
    let wasm_ratio = |kind: &str, native: Option<f64>| match (b["wasm"][kind]["nsPerOp"].as_f64(), native) {
        (Some(w), Some(n)) => w / n,
        _ => f64::INFINITY,
    };
    let wasm_session = wasm_ratio("session", small.session);
    let wasm_token = wasm_ratio("token", small.token);
    let wasm_floor = wasm_ratio("floor", small.floor);
    let (wasm_session_o3, wasm_token_o3, wasm_floor_o3) =
        (wasm_ratio("session", session), wasm_ratio("token", token), wasm_ratio("floor", floor));
    let bulk_ms = b["bulk"]["wallMs"].as_f64().unwrap_or(f64::INFINITY);
    let bulk_task = b["bulk"]["longestTask"].as_f64().unwrap_or(f64::INFINITY);

    let budgets = vec![
        ("first load <= 200 KB gzip", format!("{:.1} KB", first_load as f64 / 1024.0), first_load <= FIRST_LOAD_BUDGET),
        ("start-up app/baseline <= 1.3", format!("{startup_ratio:.2}"), startup_ratio <= 1.3),
        ("no start-up task > 50 ms", format!("{startup_task:.0} ms"), startup_task <= 50.0),
        (
            "session round trip >= 500 000/s native",
            format!("{:.0}/s", per_s(session).unwrap_or(0.0)),
            per_s(session).unwrap_or(0.0) >= 500_000.0,
        ),
        ("token round trip <= 3x floor", format!("{token_floor:.2}x"), token_floor <= 3.0),
        (
            "wasm <= 2x native, same opt-level z (session, token, floor)",
            format!("{wasm_session:.2}x, {wasm_token:.2}x, {wasm_floor:.2}x"),
            wasm_session <= 2.0 && wasm_token <= 2.0 && wasm_floor <= 2.0,
        ),
        ("100 000 users < 1 s in the page", format!("{bulk_ms:.0} ms"), bulk_ms < 1000.0),
        ("no task > 50 ms during the 100 000 users", format!("{bulk_task:.0} ms"), bulk_task <= 50.0),
    ];

    let report = json!({
        "browser": b,
        "native": {
            "session_round_trip_ns": session, "session_shared_round_trip_ns": shared,
            "token_round_trip_ns": token, "hmac_floor_ns": floor,
            "session_per_s": per_s(session), "token_per_s": per_s(token), "floor_per_s": per_s(floor),
            "token_over_floor": token_floor,
        },
        "native_release_profile": {
            "session_round_trip_ns": small.session, "session_shared_round_trip_ns": small.shared,
            "token_round_trip_ns": small.token, "hmac_floor_ns": small.floor,
        },
        "wasm_over_native": { "session": wasm_session, "token": wasm_token, "floor": wasm_floor },
        "wasm_over_native_opt3": { "session": wasm_session_o3, "token": wasm_token_o3, "floor": wasm_floor_o3 },
        "budgets": budgets.iter().map(|(n, v, ok)| json!({ "budget": n, "value": v, "result": verdict(*ok) })).collect::<Vec<_>>(),
    });
    let pretty = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(out.join("report.json"), pretty).map_err(|e| e.to_string())?;

    let mut md = String::from(
        "# Auth Playground — benchmark report\n\n## Budgets\n\n| budget | measured | result |\n|---|---|---|\n",
    );
    for (n, v, ok) in &budgets {
        md.push_str(&format!("| {n} | {v} | {} |\n", verdict(*ok)));
    }
    md.push_str("\n## First-load bytes\n\n| build | file | raw | gzip -9 | brotli |\n|---|---|---:|---:|---:|\n");
    for build in ["app", "baseline"] {
        for f in b["sizes"][build]["files"].as_array().into_iter().flatten() {
            md.push_str(&format!(
                "| {build} | {} | {} | {} | {} |\n",
                f["file"].as_str().unwrap_or("?"),
                f["raw"],
                f["gzip"],
                f["brotli"]
            ));
        }
        let t = &b["sizes"][build]["total"];
        md.push_str(&format!(
            "| **{build}** | **total** | **{}** | **{}** | **{}** |\n",
            t["raw"], t["gzip"], t["brotli"]
        ));
    }
    md.push_str("\nLoaded after start-up, once the page is on screen (not part of the first load):\n\n| file | raw | gzip -9 | brotli |\n|---|---:|---:|---:|\n");
    for f in b["sizes"]["app"]["lazy"].as_array().into_iter().flatten() {
        md.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            f["file"].as_str().unwrap_or("?"),
            f["raw"],
            f["gzip"],
            f["brotli"]
        ));
    }
    let ms = |v: &Value| v.as_f64().map_or("?".into(), |x| format!("{x:.0} ms"));
    md.push_str(&format!(
        "\n## Start-up (navigation → body[data-ready], {} cold loads each, alternating)\n\n| | median | min | max |\n|---|---:|---:|---:|\n| app | {} | {} | {} |\n| baseline | {} | {} | {} |\n\nratio app/baseline: {startup_ratio:.2}; longest start-up task: {startup_task:.0} ms; longest task in the moment after ready (the engine's module arriving): {} ms\n",
        b["startup"]["app"]["runs"],
        ms(&b["startup"]["app"]["median"]),
        ms(&b["startup"]["app"]["min"]),
        ms(&b["startup"]["app"]["max"]),
        ms(&b["startup"]["baseline"]["median"]),
        ms(&b["startup"]["baseline"]["min"]),
        ms(&b["startup"]["baseline"]["max"]),
        b["startup"]["longestTaskAfterReady"].as_f64().map_or("?".into(), |x| format!("{x:.0}")),
    ));
    md.push_str(&breakdown(&b["startup"]["breakdown"]));
    let ns = |v: Option<f64>| v.map_or("?".into(), |x| format!("{x:.0} ns ({:.0}/s)", 1e9 / x));
    let wns = |k: &str| b["wasm"][k]["nsPerOp"].as_f64().map_or("?".into(), |x| format!("{x:.0} ns"));
    md.push_str(&format!(
        "\n## Simulation\n\n| | native, opt-level 3 | native, opt-level z | wasm (in the page, z) | wasm / native z | wasm / native 3 |\n|---|---:|---:|---:|---:|---:|\n| session round trip | {} | {} | {} | {wasm_session:.2} | {wasm_session_o3:.2} |\n| token round trip | {} | {} | {} | {wasm_token:.2} | {wasm_token_o3:.2} |\n| floor: HMAC-SHA256 sign + verify | {} | {} | {} | {wasm_floor:.2} | {wasm_floor_o3:.2} |\n\nsession round trip with a shared store: {} (opt-level 3), {} (z); token/floor: {token_floor:.2}x at opt-level 3, {:.2}x at z\n",
        ns(session),
        ns(small.session),
        wns("session"),
        ns(token),
        ns(small.token),
        wns("token"),
        ns(floor),
        ns(small.floor),
        wns("floor"),
        ns(shared),
        ns(small.shared),
        match (small.token, small.floor) {
            (Some(t), Some(f)) => t / f,
            _ => f64::INFINITY,
        },
    ));
    let mb = |v: &Value| v.as_f64().map_or("?".into(), |x| format!("{:.1} MB", x / 1_048_576.0));
    md.push_str(&format!(
        "\n## Bulk and memory\n\n100 000 simulated users in the page: {bulk_ms:.0} ms, longest task {bulk_task:.0} ms.\n\nwasm linear memory: {} after start-up, {} after the 100 000 users.\n",
        mb(&b["memory"]["afterStart"]),
        mb(&b["memory"]["afterBulk"]),
    ));
    std::fs::write(out.join("report.md"), &md).map_err(|e| e.to_string())?;
    println!("{md}");
    println!("wrote {}", out.join("report.md").display());
    Ok(())
}
