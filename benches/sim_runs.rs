//! Timed runs of the simulation's workloads, one per call, for `cargo xtask bench`'s
//! wasm/native ratio: the bench runs each workload in the page (wasm) and, just before and
//! just after it, natively with this program (built in the release profile, as the wasm),
//! run for run, so that both halves of each ratio see the same load on a shared machine.
//!
//! Usage: `sim_runs <session|token|floor> <iterations>`; prints
//! `{"nsPerOp":…,"answered":…}` (answered: how many round trips got a 200).

use auth_playground::sim::bench::{self, Kind};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    // `cargo bench` passes `--bench`; everything else is ours
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let (Some(kind), Some(n)) =
        (args.first().and_then(|k| Kind::from_id(k)), args.get(1).and_then(|n| n.parse::<u32>().ok()))
    else {
        // run without arguments (as `cargo bench` does): nothing to time
        println!("usage: sim_runs <session|token|floor> <iterations>");
        return;
    };
    black_box(bench::run(kind, n.clamp(1, 1000))); // warm-up, as the page's first call
    let started = Instant::now();
    let answered = black_box(bench::run(kind, n));
    let ns = started.elapsed().as_nanos() as f64 / f64::from(n.max(1));
    println!("{{\"nsPerOp\":{ns},\"answered\":{answered}}}");
}
