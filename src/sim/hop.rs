//! Hops: one message between two actors. The page animates them, the meters add them
//! up and the tests assert on them — there is no second source of truth.

use super::clock::Millis;
use std::fmt;
use std::sync::Arc;

/// Someone who sends or receives a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Actor {
    /// The reader's browser on `https://playground.example`.
    Browser,
    /// The attacker's own browser (and their page on `https://evil.example`).
    Attacker,
    /// The load balancer in front of the servers.
    Balancer,
    /// Server A (0) … D (3).
    Server(u8),
    /// The shared session store.
    Store,
}

impl Actor {
    /// The stable id used in `data-from`/`data-to`: `browser`, `attacker`, `balancer`,
    /// `A`…`D`, `store`.
    pub fn id(self) -> &'static str {
        match self {
            Actor::Browser => "browser",
            Actor::Attacker => "attacker",
            Actor::Balancer => "balancer",
            Actor::Server(i) => server_letter(i),
            Actor::Store => "store",
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// `A`…`D` for server 0…3.
pub fn server_letter(i: u8) -> &'static str {
    ["A", "B", "C", "D"].get(i as usize).copied().unwrap_or("?")
}

/// What kind of message a hop carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HopKind {
    /// An HTTP request.
    Request,
    /// An HTTP response.
    Response,
    /// A command to a session store (shared store or a replica).
    StoreCommand,
    /// A session store's reply.
    StoreReply,
    /// Data leaving a victim for the attacker (XSS exfiltration, sniffing).
    Leak,
}

/// One message between two actors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// Which exchange (request id) this hop belongs to.
    pub exchange: u32,
    /// Sender.
    pub from: Actor,
    /// Receiver.
    pub to: Actor,
    /// What it carries.
    pub kind: HopKind,
    /// A short label for the arrow: `GET /me`, `200 OK`, `GET sess:3f…a1`.
    pub label: String,
    /// The exact text on the wire (CRLF line ends for HTTP).
    pub raw: Arc<str>,
    /// Its size in bytes: `raw.len()`.
    pub bytes: usize,
    /// Virtual time at which it is sent.
    pub at: Millis,
    /// One line saying what happened: `sid 3f…a1 found → alice`.
    pub note: String,
}

/// Shortens a long credential for labels: `3f9a…c2a1`.
pub fn abbreviate(s: &str) -> String {
    let n = s.chars().count();
    if n <= 12 {
        return s.to_string();
    }
    // Byte offsets of the 4th character and of the 4th from the end.
    let head = s.char_indices().nth(4).map_or(s.len(), |(i, _)| i);
    let tail = s.char_indices().nth(n - 4).map_or(s.len(), |(i, _)| i);
    let mut out = String::with_capacity(head + '…'.len_utf8() + (s.len() - tail));
    out.push_str(&s[..head]);
    out.push('…');
    out.push_str(&s[tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_have_contract_ids() {
        assert_eq!(Actor::Server(1).id(), "B");
        assert_eq!(Actor::Store.id(), "store");
        assert_eq!(server_letter(9), "?");
    }

    #[test]
    fn abbreviation_keeps_both_ends() {
        assert_eq!(abbreviate("3f9a00000000000000c2a1"), "3f9a…c2a1");
        assert_eq!(abbreviate("short"), "short");
        assert_eq!(abbreviate("0123456789abc"), "0123…9abc");
        assert_eq!(abbreviate("0123456789ab"), "0123456789ab");
        assert_eq!(abbreviate("가나다라마바사아자차카타파하"), "가나다라…타파하".replace("…타파하", "…카타파하"));
    }
}

/// Collects the hops of one exchange, each stamped with the virtual time at which it
/// leaves; the clock inside moves by a fixed latency per link.
#[derive(Debug)]
pub struct Trace {
    /// The exchange id every hop gets.
    pub exchange: u32,
    /// Virtual time of the next hop.
    pub t: Millis,
    /// The hops so far, in order.
    pub hops: Vec<Hop>,
}

/// Latency of one link: the internet between a browser and the balancer is slow, the
/// data centre inside is fast.
pub fn latency(from: Actor, to: Actor) -> Millis {
    match (from, to) {
        (Actor::Browser | Actor::Attacker, _) | (_, Actor::Browser | Actor::Attacker) => 20,
        _ => 1,
    }
}

impl Trace {
    /// An empty trace for exchange `exchange` starting at `t`.
    pub fn new(exchange: u32, t: Millis) -> Self {
        Trace { exchange, t, hops: Vec::new() }
    }

    /// Appends a hop; its size is the length of `raw`.
    pub fn push(&mut self, from: Actor, to: Actor, kind: HopKind, label: String, raw: String, note: String) {
        self.push_shared(from, to, kind, label, raw.into(), note);
    }

    /// Like [`Trace::push`] for a text another hop already carries (no copy).
    pub fn push_shared(&mut self, from: Actor, to: Actor, kind: HopKind, label: String, raw: Arc<str>, note: String) {
        let bytes = raw.len();
        self.hops.push(Hop { exchange: self.exchange, from, to, kind, label, raw, bytes, at: self.t, note });
        self.t += latency(from, to);
    }

    /// Sum of the hops' bytes.
    pub fn bytes(&self) -> usize {
        self.hops.iter().map(|h| h.bytes).sum()
    }
}
