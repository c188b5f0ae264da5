//! `cargo xtask bench`: size, start-up, first paint, a phone profile and simulation speed
//! against baselines built and run in the same command (these machines are noisy: ratios,
//! not absolutes), plus where the wasm bytes go (twiggy, by crate) and what `wasm-opt`
//! would save. Writes `target/bench/report.json` and `target/bench/report.md`, each budget
//! marked PASS or FAIL.

use crate::setup::{self, run, step};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// First-load budget, gzip bytes (html + js + wasm + css).
pub const FIRST_LOAD_BUDGET: u64 = 200 * 1024;
/// Budget of a whole view, gzip bytes: everything the page downloads in its first 3 s.
pub const VIEW_BUDGET: u64 = 330 * 1024;
/// Ready time, app over baseline, loopback.
const READY_RATIO_BUDGET: f64 = 1.5;
/// Cumulative layout shift until ready.
const CLS_BUDGET: f64 = 0.05;
/// Ready time, app over baseline, phone profile.
const PHONE_READY_BUDGET: f64 = 2.5;
/// Cold loads of each page on loopback (alternating).
const LOADS: u32 = 15;
/// Cold loads of each page in the phone profile (alternating).
const PHONE_LOADS: u32 = 7;
/// In-page runs of each simulation workload.
const REPS: u32 = 7;

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Median time per iteration (ns) of a criterion benchmark id like
/// `hmac_floor/sign_verify`, from the criterion output folder `dir`.
fn criterion_ns(dir: &Path, id: &str) -> Option<f64> {
    let v = read_json(&dir.join(id).join("new/estimates.json")).ok()?;
    v["median"]["point_estimate"].as_f64()
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

/// One line of the report's budget table.
struct Budget {
    name: String,
    value: String,
    ok: bool,
}

fn budget(name: &str, value: String, ok: bool) -> Budget {
    Budget { name: name.into(), value, ok }
}

/// `x` as ms, or `?`.
fn ms(v: &Value) -> String {
    v.as_f64().map_or("?".into(), |x| format!("{x:.0} ms"))
}

/// The files of the shipped build's two modules: the main module, the engine's.
fn shipped_modules(site: &Path) -> Result<(PathBuf, Vec<PathBuf>), String> {
    let files = crate::bloat::wasm_files(site)?;
    let name = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let main = files
        .iter()
        .find(|p| name(p).starts_with("auth-playground-") && name(p).ends_with("_bg.wasm"))
        .cloned()
        .ok_or("the app build has no auth-playground-*_bg.wasm")?;
    let engine: Vec<PathBuf> = files.iter().filter(|p| name(p).starts_with("split_")).cloned().collect();
    if engine.is_empty() {
        return Err("the app build has no split_*.wasm".into());
    }
    Ok((main, engine))
}

/// Builds `benches/sim_runs.rs` in the release profile (as the wasm); its executable.
fn sim_runs() -> Result<PathBuf, String> {
    step("native runner of the paired wasm/native runs (benches/sim_runs.rs, release profile)");
    let out = Command::new("cargo")
        .args([
            "bench",
            "--bench",
            "sim_runs",
            "--profile",
            "release",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ])
        .current_dir(setup::root())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if !out.status.success() {
        return Err("cargo bench --bench sim_runs --no-run failed".into());
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["reason"] == "compiler-artifact" && v["target"]["name"] == "sim_runs")
        .find_map(|v| v["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| "cargo built no sim_runs executable".into())
}

/// Runs an informational step; its failure is recorded in the report, not fatal.
fn informational(what: &str, f: impl FnOnce() -> Result<Value, String>) -> Value {
    f().unwrap_or_else(|e| {
        println!("    {what} not measured: {e}");
        json!({ "error": e })
    })
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
    let (main_wasm, engine_wasm) = shipped_modules(&out.join("app"))?;

    // Where the bytes go, and what wasm-opt would do: informational, before any timing.
    let bytes = informational("bytes by crate", || {
        crate::bloat::twiggy()?;
        crate::bloat::analyse(&main_wasm, &engine_wasm)
    });
    let wasm_opt = informational("wasm-opt", || {
        let mut modules = vec![("main", main_wasm.clone())];
        modules.extend(engine_wasm.iter().map(|p| ("engine", p.clone())));
        crate::wasm_opt::measure(&out.join("binaryen"), &modules)
    });

    // Twice: at full speed (the `bench` profile, opt-level 3: how fast the simulation is on
    // a server-class build) and in the `release` profile the wasm is built with (opt-level
    // z, for size), so that wasm/native compares the same code under the same optimiser
    // settings and measures what running in wasm costs.
    step("criterion: native simulation benches, opt-level 3 (bench profile)");
    let fast = criterion_run("bench", &root.join("target/criterion"))?;
    step("criterion: the same benches in the release profile (opt-level z, as the wasm)");
    let small = criterion_run("release", &root.join("target/criterion-release"))?;
    let Native { session, shared, token, floor } = fast;
    let runner = sim_runs()?;

    step(&format!(
        "headless Chromium: sizes, {LOADS} cold loads each (ready, first paint, layout shift), {PHONE_LOADS} phone loads each, the bytes of a view, the simulation in wasm ({REPS} runs), 100 000 users"
    ));
    let browser_json = out.join("browser.json");
    run(Command::new("node")
        .arg("e2e/bench/run.mjs")
        .arg(out.join("app"))
        .arg(out.join("baseline"))
        .arg(&browser_json)
        .arg(LOADS.to_string())
        .arg(PHONE_LOADS.to_string())
        .arg(REPS.to_string())
        .env("SIM_RUNS", &runner)
        .env("CHROMIUM", setup::CHROMIUM))?;
    let b = read_json(&browser_json)?;

    let f = |v: &Value| v.as_f64().unwrap_or(f64::INFINITY);
    let per_s = |ns: Option<f64>| ns.map(|n| 1e9 / n);
    let first_load = b["sizes"]["app"]["total"]["gzip"].as_u64().unwrap_or(u64::MAX);
    let view = b["view"]["total"]["gzip"].as_u64().unwrap_or(u64::MAX);
    let view_engine = b["view"]["engineIncluded"].as_bool().unwrap_or(false);
    let startup_ratio = f(&b["startup"]["ratio"]);
    let startup_task = f(&b["startup"]["longestTask"]);
    let (fcp_app, fcp_base) = (f(&b["firstPaint"]["app"]["median"]), f(&b["firstPaint"]["baseline"]["median"]));
    let cls_worst = f(&b["firstPaint"]["cls"]["app"]["max"]);
    let cls_median = f(&b["firstPaint"]["cls"]["app"]["median"]);
    let (phone_fcp_app, phone_fcp_base) =
        (f(&b["phone"]["app"]["fcp"]["median"]), f(&b["phone"]["baseline"]["fcp"]["median"]));
    let (phone_ready_app, phone_ready_base) =
        (f(&b["phone"]["app"]["ready"]["median"]), f(&b["phone"]["baseline"]["ready"]["median"]));
    let phone_ready_ratio = phone_ready_app / phone_ready_base;
    let token_floor = match (token, floor) {
        (Some(t), Some(f)) => t / f,
        _ => f64::INFINITY,
    };
    let wasm_ratio = |kind: &str, native: Option<f64>| match (b["wasm"][kind]["nsPerOp"].as_f64(), native) {
        (Some(w), Some(n)) => w / n,
        _ => f64::INFINITY,
    };
    // the budget's ratio: the median of the run-by-run ratios (see e2e/bench/run.mjs)
    let paired = |kind: &str| f(&b["wasm"][kind]["ratio"]);
    let (wasm_session, wasm_token, wasm_floor) = (paired("session"), paired("token"), paired("floor"));
    let (wasm_session_z, wasm_token_z, wasm_floor_z) =
        (wasm_ratio("session", small.session), wasm_ratio("token", small.token), wasm_ratio("floor", small.floor));
    let (wasm_session_o3, wasm_token_o3, wasm_floor_o3) =
        (wasm_ratio("session", session), wasm_ratio("token", token), wasm_ratio("floor", floor));
    let bulk_ms = f(&b["bulk"]["wallMs"]);
    let bulk_task = f(&b["bulk"]["longestTask"]);
    let kb = |n: u64| format!("{:.1} KB", n as f64 / 1024.0);

    let budgets = vec![
        budget("first load <= 200 KB gzip", kb(first_load), first_load <= FIRST_LOAD_BUDGET),
        budget(
            "view: every byte downloaded in the first 3 s after opening (engine included) <= 330 KB gzip",
            if view_engine {
                kb(view)
            } else {
                format!("{} (the engine's module was not fetched within 3 s)", kb(view))
            },
            view <= VIEW_BUDGET && view_engine,
        ),
        budget(
            "start-up (ready) app/baseline <= 1.5, medians of 15 alternating cold loads",
            format!(
                "{startup_ratio:.2} ({} vs {})",
                ms(&b["startup"]["app"]["median"]),
                ms(&b["startup"]["baseline"]["median"])
            ),
            startup_ratio <= READY_RATIO_BUDGET,
        ),
        budget(
            "no start-up task > 50 ms",
            format!(
                "longest {startup_task:.0} ms ({} of {LOADS} loads had one)",
                b["startup"]["loadsWithLongTask"].as_u64().map_or("?".into(), |n| n.to_string())
            ),
            startup_task <= 50.0,
        ),
        budget(
            "first paint (FCP): app <= baseline, medians of 15 alternating cold loads",
            format!("{fcp_app:.0} vs {fcp_base:.0} ms"),
            fcp_app <= fcp_base,
        ),
        budget(
            "first paint: layout shift until ready (CLS, worst of 15 loads) <= 0.05",
            format!("{cls_worst:.3} (median {cls_median:.3})"),
            cls_worst <= CLS_BUDGET,
        ),
        budget(
            "phone: first paint (FCP) app <= baseline, medians of 7 cold loads",
            format!("{phone_fcp_app:.0} vs {phone_fcp_base:.0} ms"),
            phone_fcp_app <= phone_fcp_base,
        ),
        budget(
            "phone: ready app/baseline <= 2.5, medians of 7 cold loads",
            format!("{phone_ready_ratio:.2} ({phone_ready_app:.0} vs {phone_ready_base:.0} ms)"),
            phone_ready_ratio <= PHONE_READY_BUDGET,
        ),
        budget(
            "session round trip >= 500 000/s native",
            format!("{:.0}/s", per_s(session).unwrap_or(0.0)),
            per_s(session).unwrap_or(0.0) >= 500_000.0,
        ),
        budget("token round trip <= 3x floor", format!("{token_floor:.2}x"), token_floor <= 3.0),
        budget(
            "wasm <= 2x native, same opt-level z, median of 7 paired runs (session, token)",
            format!("{wasm_session:.2}x, {wasm_token:.2}x (floor, not budgeted: {wasm_floor:.2}x)"),
            wasm_session <= 2.0 && wasm_token <= 2.0,
        ),
        budget("100 000 users < 1 s in the page", format!("{bulk_ms:.0} ms"), bulk_ms < 1000.0),
        budget("no task > 50 ms during the 100 000 users", format!("{bulk_task:.0} ms"), bulk_task <= 50.0),
    ];

    let report = json!({
        "browser": b,
        "native": {
            "statistic": "criterion median",
            "session_round_trip_ns": session, "session_shared_round_trip_ns": shared,
            "token_round_trip_ns": token, "hmac_floor_ns": floor,
            "session_per_s": per_s(session), "token_per_s": per_s(token), "floor_per_s": per_s(floor),
            "token_over_floor": token_floor,
        },
        "native_release_profile": {
            "session_round_trip_ns": small.session, "session_shared_round_trip_ns": small.shared,
            "token_round_trip_ns": small.token, "hmac_floor_ns": small.floor,
        },
        "wasm_over_native": { "statistic": "median of paired runs (wasm, then native z)", "session": wasm_session, "token": wasm_token, "floor": wasm_floor },
        "wasm_over_native_criterion_z": { "session": wasm_session_z, "token": wasm_token_z, "floor": wasm_floor_z },
        "wasm_over_native_opt3": { "session": wasm_session_o3, "token": wasm_token_o3, "floor": wasm_floor_o3 },
        "bytes_by_crate": bytes,
        "wasm_opt": wasm_opt,
        "budgets": budgets.iter().map(|x| json!({ "budget": x.name, "value": x.value, "result": verdict(x.ok) })).collect::<Vec<_>>(),
    });
    let pretty = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(out.join("report.json"), pretty).map_err(|e| e.to_string())?;

    let mut md = String::from(
        "# Auth Playground — benchmark report\n\n## Budgets\n\n| budget | measured | result |\n|---|---|---|\n",
    );
    for x in &budgets {
        md.push_str(&format!("| {} | {} | {} |\n", x.name, x.value, verdict(x.ok)));
    }
    md.push_str(&first_load_md(&b));
    md.push_str(&view_md(&b["view"]));
    md.push_str(&bytes_md(&bytes));
    md.push_str(&wasm_opt_md(&wasm_opt));
    md.push_str(&format!(
        "\n## Start-up (navigation → body[data-ready], {} cold loads each, alternating, served gzip'd on loopback)\n\n| | median | min | max |\n|---|---:|---:|---:|\n| app | {} | {} | {} |\n| baseline | {} | {} | {} |\n\nratio app/baseline: {startup_ratio:.2}; longest start-up task: {startup_task:.0} ms; longest task in the moment after ready (the engine's module arriving): {} ms\n",
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
    md.push_str(&first_paint_md(&b));
    md.push_str(&phone_md(&b["phone"]));
    let ns = |v: Option<f64>| v.map_or("?".into(), |x| format!("{x:.0} ns ({:.0}/s)", 1e9 / x));
    let wns = |k: &str, key: &str| {
        let w = &b["wasm"][k];
        w[key].as_f64().map_or("?".into(), |x| format!("{x:.0} ns"))
    };
    let spread = |k: &str| {
        let w = &b["wasm"][k];
        let g = |key: &str| w[key].as_f64().unwrap_or(f64::NAN);
        format!("{:.2} ({:.2}–{:.2})", g("ratio"), g("ratioMin"), g("ratioMax"))
    };
    let fastest = |k: &str| b["wasm"][k]["fastestRatio"].as_f64().map_or("?".into(), |x| format!("{x:.2}x"));
    md.push_str(&format!(
        "\n## Simulation\n\nNative (criterion): medians. Paired runs: each workload sized to run ≥ 100 ms in the page, run {REPS} times interleaved, each in-page run framed by the same run natively just before and just after it (`benches/sim_runs.rs`, release profile, opt-level z; the ratio is over the mean of the two); medians of the wasm runs, the native runs and the run-by-run ratios (min–max in brackets). The budget is the paired ratio of session and token.\n\n| | native, opt-level 3 (criterion) | native, opt-level z (criterion) | native z, paired runs | wasm, paired runs | wasm / native z, paired | wasm / native z, criterion | wasm / native 3, criterion |\n|---|---:|---:|---:|---:|---:|---:|---:|\n| session round trip | {} | {} | {} | {} | {} | {wasm_session_z:.2} | {wasm_session_o3:.2} |\n| token round trip | {} | {} | {} | {} | {} | {wasm_token_z:.2} | {wasm_token_o3:.2} |\n| floor: HMAC-SHA256 sign + verify (not budgeted: native sha2 uses the CPU's SHA instructions) | {} | {} | {} | {} | {} | {wasm_floor_z:.2} | {wasm_floor_o3:.2} |\n\nFastest wasm run over fastest native run (noise only adds time; not budgeted): session {}, token {}, floor {}.\n\nsession round trip with a shared store: {} (opt-level 3), {} (z); token/floor: {token_floor:.2}x at opt-level 3, {:.2}x at z\n",
        ns(session),
        ns(small.session),
        wns("session", "nativeNsPerOp"),
        wns("session", "nsPerOp"),
        spread("session"),
        ns(token),
        ns(small.token),
        wns("token", "nativeNsPerOp"),
        wns("token", "nsPerOp"),
        spread("token"),
        ns(floor),
        ns(small.floor),
        wns("floor", "nativeNsPerOp"),
        wns("floor", "nsPerOp"),
        spread("floor"),
        fastest("session"),
        fastest("token"),
        fastest("floor"),
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

/// The first-load table: each file of app and baseline, and the engine's module apart.
fn first_load_md(b: &Value) -> String {
    let mut md =
        String::from("\n## First-load bytes\n\n| build | file | raw | gzip -9 | brotli |\n|---|---|---:|---:|---:|\n");
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
    md
}

/// The bytes of a whole view: every response of the first 3 s.
fn view_md(v: &Value) -> String {
    let mut md = format!(
        "\n## The bytes of a whole view\n\nOne cold load on loopback: every response whose request started within {} ms of the document's, each body gzip -9.\n\n| file | started at | raw | gzip -9 |\n|---|---:|---:|---:|\n",
        v["windowMs"]
    );
    for f in v["files"].as_array().into_iter().flatten() {
        md.push_str(&format!(
            "| {} | {} ms | {} | {} |\n",
            f["url"].as_str().unwrap_or("?"),
            f["startMs"],
            f["raw"],
            f["gzip"]
        ));
    }
    md.push_str(&format!("| **total** | | **{}** | **{}** |\n", v["total"]["raw"], v["total"]["gzip"]));
    md.push_str(&format!(
        "\nLayout shift over the whole window (after ready too): {:.3}.{}\n",
        v["clsInWindow"].as_f64().unwrap_or(f64::NAN),
        match v["failed"].as_array() {
            Some(a) if !a.is_empty() => format!(" Failed requests: {a:?}."),
            _ => String::new(),
        }
    ));
    md
}

/// First paint and layout shift of the loopback loads.
fn first_paint_md(b: &Value) -> String {
    let p = &b["firstPaint"];
    let row =
        |who: &str, s: &Value| format!("| {who} | {} | {} | {} |\n", ms(&s["median"]), ms(&s["min"]), ms(&s["max"]));
    let cls = |s: &Value| {
        format!(
            "{:.3} median, {:.3} worst",
            s["median"].as_f64().unwrap_or(f64::NAN),
            s["max"].as_f64().unwrap_or(f64::NAN)
        )
    };
    format!(
        "\n## First paint (the same loads)\n\nfirst-contentful-paint (PerformanceObserver `paint`), ms after navigation start:\n\n| | median | min | max |\n|---|---:|---:|---:|\n{}{}\nLayout shift until ready (the sum of `layout-shift` entries without recent input, up to the frame after ready): app {}; baseline {}. Shifts counted per app load: {}.\n",
        row("app", &p["app"]),
        row("baseline", &p["baseline"]),
        cls(&p["cls"]["app"]),
        cls(&p["cls"]["baseline"]),
        p["cls"]["appShifts"],
    )
}

/// The phone profile's table.
fn phone_md(p: &Value) -> String {
    let pr = &p["profile"];
    let row = |what: &str, k: &str| {
        let (a, b) = (&p["app"][k], &p["baseline"][k]);
        format!(
            "| {what} | {} ({}–{}) | {} ({}–{}) |\n",
            ms(&a["median"]),
            ms(&a["min"]),
            ms(&a["max"]),
            ms(&b["median"]),
            ms(&b["min"]),
            ms(&b["max"])
        )
    };
    format!(
        "\n## Phone profile\n\nCDP `Emulation.setCPUThrottlingRate` {}×, `Network.emulateNetworkConditions` {} kbps down / {} kbps up / {} ms RTT, cache disabled, fresh context, {}×{} viewport; {} cold loads each, alternating. Medians (min–max):\n\n| | app | baseline |\n|---|---:|---:|\n{}{}\nThe app's main wasm took {} to arrive ({} B on the wire; {} ms expected at the throttled rate).\n",
        pr["cpuThrottling"],
        pr["downKbps"],
        pr["upKbps"],
        pr["rttMs"],
        pr["viewport"]["width"],
        pr["viewport"]["height"],
        p["app"]["ready"]["runs"],
        row("first paint (FCP)", "fcp"),
        row("ready", "ready"),
        ms(&p["appWasmTransfer"]["ms"]["median"]),
        p["appWasmTransfer"]["bytes"],
        p["appWasmTransfer"]["expectedMs"].as_f64().map_or("?".into(), |x| format!("{x:.0}")),
    )
}

/// The by-crate table of both modules.
fn bytes_md(v: &Value) -> String {
    let mut md = String::from("\n## Where the wasm bytes go, by crate\n\n");
    if let Some(e) = v["error"].as_str() {
        md.push_str(&format!("Not measured: {e}\n"));
        return md;
    }
    let modules = v["modules"].as_array().cloned().unwrap_or_default();
    md.push_str(&format!(
        "twiggy {} on a build with names (the same code; the shipped one is stripped). bytes: the items' own sizes (`top`), by crate. kept: the module's bytes that the crate's items keep alive (`dominators` of the program before the split; overlaps between crates, does not add up; code reached only through the function table counts for no crate). `core`/`alloc` include generic code instantiated for other crates' types (drop glue, `Vec`, iterators); an impl of a crate's trait for a standard type counts for that crate.\n\n",
        v["twiggy"].as_str().unwrap_or("?")
    ));
    for m in &modules {
        md.push_str(&format!(
            "- {}: shipped {} B raw ({} B of it custom sections: names, producers, target features), {} B gzip; the named build's items without custom sections: {} B\n",
            m["module"].as_str().unwrap_or("?"),
            m["shipped"]["raw"],
            m["shipped"]["custom_sections"],
            m["shipped"]["gzip"],
            m["named_items_total"]
        ));
    }
    // one row per crate, both modules side by side, the biggest first
    let mut crates: Vec<(String, u64)> = Vec::new();
    for m in &modules {
        for c in m["crates"].as_array().into_iter().flatten() {
            let name = c["crate"].as_str().unwrap_or("?").to_string();
            let bytes = c["bytes"].as_u64().unwrap_or(0);
            match crates.iter_mut().find(|(n, _)| *n == name) {
                Some((_, b)) => *b += bytes,
                None => crates.push((name, bytes)),
            }
        }
    }
    crates.sort_by_key(|(_, b)| std::cmp::Reverse(*b));
    md.push_str("\n| crate |");
    for m in &modules {
        let label = m["module"].as_str().unwrap_or("?");
        md.push_str(&format!(" {label}: bytes | share | kept |"));
    }
    md.push_str("\n|---|");
    for _ in &modules {
        md.push_str("---:|---:|---:|");
    }
    md.push('\n');
    for (name, _) in &crates {
        md.push_str(&format!("| {name} |"));
        for m in &modules {
            match m["crates"].as_array().into_iter().flatten().find(|c| c["crate"].as_str() == Some(name)) {
                Some(c) => md.push_str(&format!(
                    " {} | {:.1} % | {} |",
                    c["bytes"],
                    c["share"].as_f64().unwrap_or(0.0) * 100.0,
                    c["kept"].as_u64().map_or("—".into(), |k| k.to_string())
                )),
                None => md.push_str(" | | |"),
            }
        }
        md.push('\n');
    }
    md
}

/// The informational wasm-opt row.
fn wasm_opt_md(v: &Value) -> String {
    let mut md = String::from("\n## wasm-opt (informational, not in the build)\n\n");
    if let Some(e) = v["error"].as_str() {
        md.push_str(&format!("Not measured: {e}\n"));
        return md;
    }
    md.push_str(&format!(
        "binaryen {} from npm (`{}`), `{}`, on the shipped modules (gzip -9 here by the gzip CLI, as the size guard):\n\n| module | raw | gzip -9 | raw, -Oz | gzip -9, -Oz | gzip change |\n|---|---:|---:|---:|---:|---:|\n",
        v["binaryen"].as_str().unwrap_or("?"),
        v["wasm_opt_version"].as_str().unwrap_or("?"),
        v["flags"].as_str().unwrap_or("?")
    ));
    for m in v["modules"].as_array().into_iter().flatten() {
        let (g, go) = (m["gzip"].as_i64().unwrap_or(0), m["gzip_oz"].as_i64().unwrap_or(0));
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} | {:+} B |\n",
            m["module"].as_str().unwrap_or("?"),
            m["raw"],
            m["gzip"],
            m["raw_oz"],
            m["gzip_oz"],
            go - g
        ));
    }
    md
}
