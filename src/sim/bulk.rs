//! "Simulate N users" (C7): many users log in and make one `GET /me` each, fast
//! enough for 100 000 in well under a second.
//!
//! What is real: every session row (a 128-bit id from the world's RNG, stored where
//! the current strategy stores it, so store bytes grow for real), every refresh-token
//! row of a token login (kept in the servers' table like a real one), every balancer
//! choice, every look-up or verification counted, every 200 or 401 decided by the
//! same rules as a single request, and the world's RNG drawn in the same order as a
//! real login and `GET /me` would draw it. What is shortened: the password KDF is
//! skipped, no JWT is signed per user, and the bytes on the wire come from real sample
//! exchanges run through the full pipeline (every simulated user sends messages of
//! exactly the same shape: names are five characters, like `alice`).

use super::auth;
use super::config::{AuthMode, Config, LbPolicy, StoreMode};
use super::{Action, World};

/// Users per call (the page calls [`simulate`] repeatedly with at most this many, as
/// many times in one task as fit in its time slice): about 10 ms of work in the page.
pub const CHUNK: u32 = 2_000;

/// Bytes of one simulated user's exchanges, from real sample runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shapes {
    /// Login exchange, all hops.
    pub login: u64,
    /// Credential bytes of the login exchange.
    pub login_credential: u64,
    /// A `GET /me` that succeeds, all hops.
    pub me_ok: u64,
    /// A `GET /me` that fails, all hops.
    pub me_fail: u64,
    /// Credential bytes of the `GET /me`.
    pub me_credential: u64,
}

fn probe(config: Config) -> (u64, u64, u64, u64) {
    let mut w = World::new(0, config);
    let login: u64 = w
        .apply(Action::Login { username: "alice".into(), password: "wonderland".into() })
        .iter()
        .map(|h| h.bytes as u64)
        .sum();
    let login_cred = w.meters.credential_bytes;
    let me: u64 = w.apply(Action::Me).iter().map(|h| h.bytes as u64).sum();
    (login, login_cred, me, w.meters.credential_bytes - login_cred)
}

impl Shapes {
    /// Measures the shapes for a configuration by running sample exchanges.
    pub fn measure(config: Config) -> Self {
        let (login, login_credential, me_here, _) = probe(config);
        let (_, _, me_ok, me_credential) = probe(Config { servers: 1, ..config });
        let (me_ok, me_fail) = match config.mode {
            // Every `GET /me` fails, as configured (a sticky policy's cookie included).
            AuthMode::Stateless => (me_here, me_here),
            // A session misses only on another server's memory (round robin or random:
            // no sticky cookie); a token never fails here.
            AuthMode::Session | AuthMode::Token => {
                let miss = Config { servers: 2, lb: LbPolicy::RoundRobin, store: StoreMode::Memory, ..config };
                (me_ok, probe(miss).2)
            }
        };
        Shapes { login, login_credential, me_ok, me_fail, me_credential }
    }
}

/// A five-character user name for bulk user `n` (`u` + four base-36 digits).
pub fn bulk_name(n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = String::from("u");
    for shift in [3u32, 2, 1, 0] {
        let d = (n / 36u64.pow(shift)) % 36;
        s.push(DIGITS[d as usize] as char);
    }
    s
}

/// Simulates `count` more users against the world as it is configured.
pub fn simulate(world: &mut World, count: u32) {
    let config = world.config;
    // Measured once per configuration (each sample runs a real login with the KDF).
    let shapes = match world.bulk_shapes {
        Some((c, shapes)) if c == config => shapes,
        _ => {
            let shapes = Shapes::measure(config);
            world.bulk_shapes = Some((config, shapes));
            shapes
        }
    };
    let servers = world.servers.len() as u8;
    let scheme = auth::scheme(&config);
    for _ in 0..count {
        world.meters.bulk.users += 1;
        let n = world.meters.bulk.users;
        let name = bulk_name(n);
        // The login: its server, then what the server draws from the RNG for it.
        let login_at = pick(world, config.lb, servers, None);
        scheme.bulk_sign_in(world, &name, login_at);
        // The `GET /me`.
        let me_at = pick(world, config.lb, servers, Some(login_at));
        let ok = scheme.bulk_check(world, login_at, me_at);
        let b = &mut world.meters.bulk;
        if ok {
            b.ok += 1;
        } else {
            b.failed += 1;
        }
        b.bytes += shapes.login + if ok { shapes.me_ok } else { shapes.me_fail };
        b.credential_bytes += shapes.login_credential + shapes.me_credential;
    }
}

/// The balancer's choice for a bulk user's request; sticky follows the first choice.
fn pick(world: &mut World, policy: LbPolicy, servers: u8, pinned: Option<u8>) -> u8 {
    match (policy, pinned) {
        (LbPolicy::Sticky, Some(s)) => s,
        _ => world.balancer.choose(policy, servers, &mut world.rng),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::browser::Browser;

    /// `SimulateUsers(n)` is a shortcut for n users each logging in from a fresh browser
    /// and sending one `GET /me`: the same rows (sessions or refresh tokens) on the same
    /// servers, the same look-ups and verifications, the same 200s and 401s, the same
    /// bytes — in every mode and store, under every balancer policy.
    #[test]
    fn simulated_users_agree_with_real_logins() {
        let n = 9;
        for mode in [AuthMode::Stateless, AuthMode::Session, AuthMode::Token] {
            for (servers, lb, store) in [
                (1, LbPolicy::RoundRobin, StoreMode::Memory),
                (3, LbPolicy::RoundRobin, StoreMode::Memory),
                (3, LbPolicy::Random, StoreMode::Memory),
                (2, LbPolicy::Sticky, StoreMode::Memory),
                (3, LbPolicy::RoundRobin, StoreMode::Shared),
                (3, LbPolicy::Random, StoreMode::Replicated),
            ] {
                let config = Config { mode, servers, lb, store, ..Config::default() };
                let at = format!("{mode:?} {servers} {lb:?} {store:?}");
                let mut bulk = World::new(11, config);
                bulk.apply(Action::SimulateUsers(n));
                let mut real = World::new(11, config);
                let (mut ok, mut failed) = (0, 0);
                for _ in 0..n {
                    real.browser = Browser::default();
                    real.apply(Action::Login { username: "alice".into(), password: "wonderland".into() });
                    real.apply(Action::Me);
                    match real.last_exchange().map(|e| e.response.status.as_u16()) {
                        Some(200) => ok += 1,
                        _ => failed += 1,
                    }
                }
                let rows = |w: &World| w.servers.iter().map(|s| s.memory.len()).collect::<Vec<_>>();
                assert_eq!(rows(&bulk), rows(&real), "{at}: session rows per server");
                assert_eq!(bulk.shared.len(), real.shared.len(), "{at}: shared rows");
                assert_eq!(bulk.db.refresh.len(), real.db.refresh.len(), "{at}: refresh rows");
                assert_eq!(bulk.store_bytes(), real.store_bytes(), "{at}: server state bytes");
                assert_eq!((bulk.meters.bulk.ok, bulk.meters.bulk.failed), (ok, failed), "{at}: 200s and 401s");
                assert_eq!(bulk.meters.lookups, real.meters.lookups, "{at}: look-ups");
                assert_eq!(bulk.meters.verifications, real.meters.verifications, "{at}: verifications");
                assert_eq!(bulk.meters.all_bytes(), real.meters.all_bytes(), "{at}: bytes");
                assert_eq!(
                    bulk.meters.all_credential_bytes(),
                    real.meters.all_credential_bytes(),
                    "{at}: credential bytes"
                );
            }
        }
    }

    #[test]
    fn names_are_five_characters_and_distinct() {
        assert_eq!(bulk_name(1), "u0001");
        assert_eq!(bulk_name(36), "u0010");
        assert_eq!(bulk_name(100_000).len(), 5);
        assert_ne!(bulk_name(100_000), bulk_name(99_999));
    }
}
