//! The Leptos page: reads the world, dispatches actions, never mutates the world directly.

pub mod app;
pub mod bench_api;
pub mod dom;
pub mod embed;
pub mod engine;
pub mod flat_json;
pub mod format;
pub mod highlight;
pub mod i18n;
pub mod panels;
pub mod panic;
pub mod part;
pub mod persist;
pub mod state;
pub mod tour;
pub mod url_state;
