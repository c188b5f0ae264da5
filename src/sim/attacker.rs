//! The attacker (C14): steals credentials by XSS (a script injected into the site's
//! page reads what script may read) or by sniffing (plain http only), then replays
//! them from their own browser.

use super::hop::abbreviate;

/// How the attacker got something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// An injected script on the site's page.
    Xss,
    /// Reading plain-http traffic.
    Sniff,
}

/// A stolen value, and how it can be replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// A cookie `name=value`.
    Cookie {
        /// Cookie name.
        name: String,
        /// Cookie value.
        value: String,
    },
    /// A bearer token.
    Bearer(String),
    /// Something readable but not a credential (a quote in localStorage).
    Other {
        /// Where it was.
        what: String,
        /// Its value.
        value: String,
    },
}

impl Credential {
    /// A short description for the loot list.
    pub fn describe(&self) -> String {
        match self {
            Credential::Cookie { name, value } => format!("cookie {name}={}", abbreviate(value)),
            Credential::Bearer(t) => format!("bearer token {}", abbreviate(t)),
            Credential::Other { what, value } => format!("{what} = {}", abbreviate(value)),
        }
    }
}

/// One stolen item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loot {
    /// How it was stolen.
    pub source: Source,
    /// What it is.
    pub credential: Credential,
}

/// The outcome of the last replay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replay {
    /// HTTP status the attacker got.
    pub status: u16,
    /// What the server said (`alice`, or the reason for 401).
    pub message: String,
    /// Which credential was used.
    pub used: String,
}

/// The attacker's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attacker {
    /// What was stolen so far, newest last (duplicates merged).
    pub loot: Vec<Loot>,
    /// The last attempt to steal, in one line.
    pub last_attempt: Option<String>,
    /// The last replay's outcome.
    pub last_replay: Option<Replay>,
}

impl Attacker {
    /// Adds loot unless the same value is already held.
    pub fn take(&mut self, loot: Loot) {
        if !self.loot.iter().any(|l| l.credential == loot.credential) {
            self.loot.push(loot);
        }
    }

    /// The most useful credential to replay: the newest bearer token, else the newest
    /// session cookie.
    pub fn best(&self) -> Option<&Credential> {
        let newest = |f: &dyn Fn(&Credential) -> bool| self.loot.iter().rev().map(|l| &l.credential).find(|c| f(c));
        newest(&|c| matches!(c, Credential::Bearer(_)))
            .or_else(|| newest(&|c| matches!(c, Credential::Cookie { name, .. } if name == "sid")))
    }
}
