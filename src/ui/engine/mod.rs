//! The simulation engine, loaded on demand: everything the page needs to *change* the
//! world (handle a request, build a tour step, simulate users, export, inspect a token,
//! say a note in the page's language) but not to draw it the first time.
//!
//! In the release build (`--cfg split`, see `xtask/src/split.rs`), [`load`] goes through
//! a split point (the `wasm_split` attribute behind Leptos's `#[lazy]`, here in its
//! fallible form): the code reachable only from it becomes a second wasm module. The page
//! asks for it right after start-up, when it is on screen, so the first load holds only
//! the first paint; a failed fetch is an error the page shows, with a retry. Without
//! `--cfg split` (`trunk serve`, the wasm tests) the engine is part of the one module and
//! [`load`] resolves at once.
//!
//! The engine is a table of plain function pointers: once loaded, every call is an
//! ordinary synchronous call.

pub mod envelope;
pub mod geometry;
pub mod views;

use crate::sim::export;
use crate::sim::hop::Hop;
use crate::sim::scenario::{self, Scenario, DEFAULT_SEED};
use crate::sim::token::{self, Inspection, Rejection, TamperError};
use crate::sim::{bench, Action, World};
use crate::ui::i18n::notes::{self, Said};
use crate::ui::i18n::Lang;
use crate::ui::part::Part;
use leptos::prelude::*;

/// The engine's entry points.
#[derive(Clone, Copy)]
pub struct Engine {
    /// `World::apply`: one action, the hops it caused.
    pub apply: fn(&mut World, Action) -> Vec<Hop>,
    /// The tour at an index of [`SCENARIO_IDS`].
    pub scenario: fn(usize) -> Option<Scenario>,
    /// The world after a tour's steps `0..=step` (tour seed), and the last step's hops.
    pub world_at: fn(&Scenario, usize) -> (World, Vec<Hop>),
    /// The twin world of a side-by-side tour at that step.
    pub twin_at: fn(&Scenario, usize) -> Option<World>,
    /// Something the simulation said (a note, a log line, a reason) in the page language.
    pub say: fn(Lang, Said<'_>) -> String,
    /// Decodes a token as far as it goes (the JWT inspector).
    pub inspect: fn(&str) -> Inspection,
    /// Server A's verdict on a token at the world's time: the subject, or the reason.
    pub verdict: fn(&World, &str) -> Result<String, Rejection>,
    /// The token with its payload replaced (the signature left as it was).
    pub tamper: fn(&str, &str) -> Result<String, TamperError>,
    /// The exchanges so far as a HAR 1.2 file.
    pub har: fn(&World) -> String,
    /// Every hop so far as a Mermaid sequence diagram.
    pub mermaid: fn(&World) -> String,
    /// `bench_sim`: runs a speed workload (`session`, `token`, `floor`) `n` times.
    pub bench: fn(&str, u32) -> u32,
    /// Draws a [`Part`] of the page.
    pub draw: fn(Engine, Part) -> AnyView,
}

fn scenario_at(index: usize) -> Option<Scenario> {
    scenario::by_index(index)
}

fn world_at(s: &Scenario, step: usize) -> (World, Vec<Hop>) {
    scenario::world_at(s, step, DEFAULT_SEED)
}

fn twin_at(s: &Scenario, step: usize) -> Option<World> {
    scenario::twin_at(s, step, DEFAULT_SEED).map(|(w, _)| w)
}

fn verdict(w: &World, token: &str) -> Result<String, Rejection> {
    let Some(server) = w.servers.first() else {
        return Err(Rejection::Internal { detail: "no server".into() });
    };
    let deny = |jti: &str| w.config.denylist && w.db.denylist.contains_key(jti);
    token::verify(token.trim(), &server.keys, w.clock.now_secs(), &deny).map(|c| c.sub)
}

fn har(w: &World) -> String {
    export::har(&w.exchanges, &w.config)
}

fn mermaid(w: &World) -> String {
    export::mermaid(&w.exchanges.iter().flat_map(|e| e.hops.clone()).collect::<Vec<_>>())
}

fn bench_run(kind: &str, n: u32) -> u32 {
    bench::Kind::from_id(kind).map_or(0, |k| bench::run(k, n))
}

/// The table. Only [`load`] refers to it, so in a split build all of it lives in the
/// engine's module.
fn table() -> Engine {
    Engine {
        apply: World::apply,
        scenario: scenario_at,
        world_at,
        twin_at,
        say: notes::say,
        inspect: token::inspect,
        verdict,
        tamper: token::tamper_payload,
        har,
        mermaid,
        bench: bench_run,
        draw: views::draw,
    }
}

/// Fetches (first time) and instantiates the engine's module; its table, or the loader's
/// error when the module could not be fetched (a later call tries again).
#[cfg(split)]
#[leptos::wasm_split::wasm_split(engine, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fetch() -> Result<Engine, leptos::wasm_split::SplitLoaderError> {
    Ok(table())
}

/// The engine; `Err` with the reason when its module could not be fetched (offline, a
/// blocked request). Calling again after an error tries again.
#[cfg(split)]
pub async fn load() -> Result<Engine, String> {
    fetch().await.map_err(|e| e.to_string())
}

/// The engine is compiled into the page: resolves at once.
#[cfg(not(split))]
pub async fn load() -> Result<Engine, String> {
    Ok(table())
}
