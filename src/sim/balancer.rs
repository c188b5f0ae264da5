//! The load balancer (C8): which server gets each request — round robin, random
//! (from the world's seeded RNG) or sticky (the first choice remembered in a cookie
//! the balancer itself sets).

use super::config::LbPolicy;
use super::hop::server_letter;
use super::note::{RouteNote, Routing};
use super::rng::Rng;

/// Name of the balancer's stickiness cookie.
pub const STICKY_COOKIE: &str = "lb";

/// The balancer's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Balancer {
    /// Index of the next server in round robin.
    next: u8,
    /// Which server got each request: (exchange id, server index), newest last.
    pub routed: Vec<(u32, u8)>,
}

/// The balancer's choice for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// Server index.
    pub server: u8,
    /// Why this one (`round robin → B`).
    pub why: RouteNote,
    /// Sticky mode without a valid cookie: the `Set-Cookie` value to add.
    pub set_sticky: Option<String>,
}

impl Balancer {
    /// Picks a server among `servers` for a request carrying `sticky` (the value of
    /// its `lb` cookie, if any).
    pub fn pick(&mut self, policy: LbPolicy, servers: u8, sticky: Option<&str>, rng: &mut Rng) -> Route {
        let servers = servers.max(1);
        let pinned = match policy {
            LbPolicy::Sticky => sticky.and_then(|v| (0..servers).find(|&i| server_letter(i) == v)),
            _ => None,
        };
        if let Some(s) = pinned {
            return Route { server: s, why: RouteNote::Routed { how: Routing::Sticky, server: s }, set_sticky: None };
        }
        let s = self.choose(policy, servers, rng);
        let how = match policy {
            LbPolicy::RoundRobin => Routing::RoundRobin,
            LbPolicy::Random => Routing::Random,
            LbPolicy::Sticky => Routing::StickyNew,
        };
        let set_sticky =
            (policy == LbPolicy::Sticky).then(|| format!("{STICKY_COOKIE}={}; Path=/; HttpOnly", server_letter(s)));
        Route { server: s, why: RouteNote::Routed { how, server: s }, set_sticky }
    }

    /// The policy's choice for a request with no (valid) sticky cookie: round robin
    /// (also the first pick of sticky) or a seeded random draw.
    pub fn choose(&mut self, policy: LbPolicy, servers: u8, rng: &mut Rng) -> u8 {
        let servers = servers.max(1);
        match policy {
            LbPolicy::Random => rng.below(u64::from(servers)) as u8,
            LbPolicy::RoundRobin | LbPolicy::Sticky => {
                let s = self.next % servers;
                self.next = (s + 1) % servers;
                s
            }
        }
    }

    /// Records where an exchange went (the balancer card's list), keeping the last 50.
    pub fn record(&mut self, exchange: u32, server: u8) {
        self.routed.push((exchange, server));
        if self.routed.len() > 50 {
            self.routed.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_robin_cycles_through_the_servers() {
        let mut b = Balancer::default();
        let mut rng = Rng::new(1);
        let picks: Vec<u8> = (0..5).map(|_| b.pick(LbPolicy::RoundRobin, 3, None, &mut rng).server).collect();
        assert_eq!(picks, [0, 1, 2, 0, 1]);
    }

    #[test]
    fn sticky_follows_the_cookie_and_sets_one_when_missing() {
        let mut b = Balancer::default();
        let mut rng = Rng::new(1);
        let first = b.pick(LbPolicy::Sticky, 2, None, &mut rng);
        assert_eq!(first.set_sticky.as_deref(), Some("lb=A; Path=/; HttpOnly"));
        for _ in 0..3 {
            let r = b.pick(LbPolicy::Sticky, 2, Some("B"), &mut rng);
            assert_eq!((r.server, r.set_sticky), (1, None));
        }
        // a cookie naming a server that no longer exists is re-pinned
        assert!(b.pick(LbPolicy::Sticky, 2, Some("D"), &mut rng).set_sticky.is_some());
    }

    #[test]
    fn random_is_seeded_and_in_range() {
        let picks = |seed| {
            let mut b = Balancer::default();
            let mut rng = Rng::new(seed);
            (0..20).map(|_| b.pick(LbPolicy::Random, 4, None, &mut rng).server).collect::<Vec<_>>()
        };
        assert_eq!(picks(5), picks(5));
        assert!(picks(5).iter().all(|&s| s < 4));
        assert!(picks(5).iter().any(|&s| s != picks(5)[0]));
    }
}
