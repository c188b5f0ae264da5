//! The workloads of the speed budgets, shared by the native criterion benches
//! (`cargo bench`) and the in-page measurement of `cargo xtask bench` (wasm), so both
//! measure exactly the same code.
//!
//! - **session**: `GET /me` with a session cookie: browser → balancer → server → the
//!   session table → back, every hop rendered to raw HTTP text and counted;
//! - **token**: `GET /me` with a bearer JWT: the same trip, an HS256 verification
//!   instead of the look-up;
//! - **floor**: one bare HMAC-SHA256 sign + verify of the same bytes the token's
//!   signature covers — what no token check can beat.

use super::browser::TOKEN_KEY;
use super::config::{AuthMode, Config, StoreMode};
use super::token::{self, Claims};
use super::{Action, World};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Which workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Session round trip (the session in the server's memory).
    Session,
    /// Session round trip with the session in a shared store (two more hops).
    SessionShared,
    /// Token round trip.
    Token,
    /// Bare HMAC-SHA256 sign + verify.
    Floor,
}

impl Kind {
    /// Parses `session`, `token`, `floor`.
    pub fn from_id(s: &str) -> Option<Kind> {
        match s {
            "session" => Some(Kind::Session),
            "session-shared" => Some(Kind::SessionShared),
            "token" => Some(Kind::Token),
            "floor" => Some(Kind::Floor),
            _ => None,
        }
    }
}

/// A prepared workload: a world with alice logged in, or the floor's bytes and key.
pub struct Workload {
    kind: Kind,
    world: World,
    signing_input: Vec<u8>,
    secret: Vec<u8>,
}

impl Workload {
    /// Sets the workload up (logs alice in once, with the real KDF).
    pub fn new(kind: Kind) -> Self {
        let config = match kind {
            Kind::Session => Config { mode: AuthMode::Session, ..Config::default() },
            Kind::SessionShared => Config { mode: AuthMode::Session, store: StoreMode::Shared, ..Config::default() },
            Kind::Token | Kind::Floor => Config { mode: AuthMode::Token, ..Config::default() },
        };
        let mut world = World::new(7, config);
        world.apply(Action::Login { username: "alice".into(), password: "wonderland".into() });
        let token = world.browser.local_storage.get(TOKEN_KEY).cloned().unwrap_or_default();
        let signing_input = token.rsplit_once('.').map(|(input, _)| input.as_bytes().to_vec()).unwrap_or_default();
        let secret = world.servers.first().map(|s| s.keys.current.secret.clone()).unwrap_or_default();
        Workload { kind, world, signing_input, secret }
    }

    /// One round trip (or one sign + verify); returns the HTTP status (200 expected).
    pub fn step(&mut self) -> u16 {
        match self.kind {
            Kind::Floor => {
                let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.secret) else { return 500 };
                mac.update(&self.signing_input);
                let tag = mac.finalize().into_bytes();
                let Ok(mut check) = Hmac::<Sha256>::new_from_slice(&self.secret) else { return 500 };
                check.update(&self.signing_input);
                if check.verify_slice(&tag).is_ok() {
                    200
                } else {
                    401
                }
            }
            Kind::Session | Kind::SessionShared | Kind::Token => {
                self.world.apply(Action::Me);
                let status = self.world.last_exchange().map_or(0, |e| e.response.status.as_u16());
                if status != 200 {
                    self.renew();
                }
                status
            }
        }
    }

    /// Runs `n` steps; returns how many answered 200.
    pub fn run(&mut self, n: u32) -> u32 {
        (0..n).map(|_| u32::from(self.step() == 200)).sum()
    }

    /// Virtual time moves ~42 ms per request: a token expires after ~21 000 requests
    /// and a session after 8 h of them. Renew without the KDF so the measurement stays
    /// a measurement of round trips.
    fn renew(&mut self) {
        let now = self.world.clock.now_secs();
        match self.kind {
            Kind::Token => {
                let Some(key) = self.world.servers.first().map(|s| s.keys.current.clone()) else { return };
                let claims = Claims {
                    sub: "alice".into(),
                    name: "alice".into(),
                    role: "user".into(),
                    iat: now,
                    exp: now + 900,
                    nbf: None,
                    jti: token::random_id(&now.to_le_bytes()),
                };
                if let Ok(t) = token::issue(&claims, &key) {
                    self.world.browser.local_storage.insert(TOKEN_KEY.into(), t);
                }
            }
            _ => {
                self.world.apply(Action::Login { username: "alice".into(), password: "wonderland".into() });
            }
        }
    }
}

/// Runs `n` steps of the workload named `kind` on a fresh set-up; 200s answered.
pub fn run(kind: Kind, n: u32) -> u32 {
    Workload::new(kind).run(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workload_answers_200_for_a_long_run() {
        for kind in [Kind::Session, Kind::SessionShared, Kind::Token, Kind::Floor] {
            let mut w = Workload::new(kind);
            assert_eq!(w.run(200), 200, "{kind:?}");
        }
        // past a token's 15 minutes of virtual time: renewed, still measuring round trips
        let mut t = Workload::new(Kind::Token);
        assert!(t.run(25_000) >= 24_990);
    }
}
