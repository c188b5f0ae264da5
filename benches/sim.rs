//! Native speed of the simulation (criterion): the session and token round trips of
//! `GET /me` and the floor — one bare HMAC-SHA256 sign + verify of the same bytes.
//! The workloads live in `auth_playground::sim::bench`, so `cargo xtask bench` times
//! the very same code inside the page (wasm).

use auth_playground::sim::bench::{Kind, Workload};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn round_trips(c: &mut Criterion) {
    let cases = [
        ("session_round_trip", "memory", Kind::Session),
        ("session_round_trip", "shared", Kind::SessionShared),
        ("token_round_trip", "me", Kind::Token),
        ("hmac_floor", "sign_verify", Kind::Floor),
    ];
    for (group, name, kind) in cases {
        let mut w = Workload::new(kind);
        assert_eq!(w.run(100), 100, "{group}/{name} must answer 200 before it is timed");
        c.benchmark_group(group).bench_function(name, |b| b.iter(|| black_box(w.step())));
    }
}

criterion_group!(benches, round_trips);
criterion_main!(benches);
