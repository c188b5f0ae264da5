//! Fuzz harnesses for auth-playground; the targets in `fuzz_targets/` call these.
//! `harness.rs` is also included by `tests/fuzz_regressions.rs` in the main crate.

mod harness;

pub use harness::*;
