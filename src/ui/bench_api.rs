//! The hooks `cargo xtask bench` uses to time the simulation inside the page (the
//! same workloads as the native criterion benches, see `sim::bench`). They run in the
//! engine, which the page loads after start-up.

use crate::ui::engine::{self, Engine};
use std::cell::Cell;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

thread_local! {
    static ENGINE: Cell<Option<Engine>> = const { Cell::new(None) };
}

/// Loads the engine for [`bench_sim`]; resolves when it is there (rejects when it could
/// not be fetched). Exposed to the page's JS as `window.wasmBindings.bench_ready`.
#[wasm_bindgen]
pub async fn bench_ready() -> Result<(), JsValue> {
    let engine = engine::load().await.map_err(|e| JsValue::from_str(&e))?;
    ENGINE.with(|e| e.set(Some(engine)));
    Ok(())
}

/// Runs `iterations` of the workload `kind` (`session`, `token`, `floor`) and returns
/// how many answered 200 (0 for an unknown kind, or before [`bench_ready`] resolved).
/// Exposed as `window.wasmBindings.bench_sim`.
#[wasm_bindgen]
pub fn bench_sim(kind: &str, iterations: u32) -> u32 {
    ENGINE.with(Cell::get).map_or(0, |e| (e.bench)(kind, iterations))
}
