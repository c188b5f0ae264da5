//! The hook `cargo xtask bench` uses to time the simulation inside the page (the
//! same workloads as the native criterion benches, see `sim::bench`).

use crate::sim::bench::{run, Kind};
use wasm_bindgen::prelude::wasm_bindgen;

/// Runs `iterations` of the workload `kind` (`session`, `token`, `floor`) and returns
/// how many answered 200 (0 for an unknown kind). Exposed to the page's JS as
/// `window.wasmBindings.bench_sim`.
#[wasm_bindgen]
pub fn bench_sim(kind: &str, iterations: u32) -> u32 {
    Kind::from_id(kind).map_or(0, |k| run(k, iterations))
}
