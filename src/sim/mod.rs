//! The mock world. Pure and deterministic: no leptos, web-sys, js-sys, gloo or
//! wasm-bindgen in here; time and randomness come in as arguments.

pub mod config;
pub mod scenario;
