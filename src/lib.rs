//! Auth Playground: a mock web world (browser, balancer, servers, session stores, JWTs)
//! and the Leptos page that lets a reader watch credentials travel through it.
//!
//! - [`sim`] is the pure, deterministic simulation. No web crates; time and randomness
//!   come in as arguments. Everything on screen is computed from it.
//! - [`ui`] is the thin Leptos shell: it reads the world and dispatches actions.

pub mod sim;
pub mod ui;
