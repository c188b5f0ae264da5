//! The attacker (C14): steals credentials by XSS (a script injected into the site's
//! page reads what script may read), by sniffing (plain http only) or with malware
//! that copies the browser's cookie file, then replays them from their own browser.

use super::hop::abbreviate;
use super::note::Note;
use std::fmt;

/// How the attacker got something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// An injected script on the site's page.
    Xss,
    /// Reading plain-http traffic.
    Sniff,
    /// Malware reading the browser's profile on disk.
    Malware,
    /// A malicious browser extension watching the tabs' addresses.
    Extension,
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
    /// An OAuth authorization code (taken from a redirect to `/callback`).
    Code(String),
    /// Something readable but not a credential: a localStorage entry (a quote).
    Stored {
        /// Its localStorage key.
        key: String,
        /// Its value.
        value: String,
    },
}

/// A short description for the loot list: `cookie sid=3f9a…c2a1`, `bearer token eyJh…`,
/// `localStorage last_quote = jeju`.
impl fmt::Display for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Cookie { name, value } => write!(f, "cookie {name}={}", abbreviate(value)),
            Credential::Bearer(t) => write!(f, "bearer token {}", abbreviate(t)),
            Credential::Code(c) => write!(f, "authorization code {}", abbreviate(c)),
            Credential::Stored { key, value } => write!(f, "localStorage {key} = {}", abbreviate(value)),
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
    /// What the server said: who the attacker was taken for, or the reason it refused.
    pub outcome: Option<Note>,
    /// The credential sent (`None`: nothing stolen).
    pub used: Option<Credential>,
}

/// The attacker's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attacker {
    /// What was stolen so far, newest last (duplicates merged).
    pub loot: Vec<Loot>,
    /// What the last attempt to steal (or to act as the victim) found.
    pub last_attempt: Option<Note>,
    /// The last replay's outcome.
    pub last_replay: Option<Replay>,
    /// A malicious extension watches the reader's next redirect to `/callback`: it takes
    /// the code, and stops the redirect when this says so.
    pub watching: Option<bool>,
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

    /// The newest stolen authorization code.
    pub fn code(&self) -> Option<&str> {
        self.loot.iter().rev().find_map(|l| match &l.credential {
            Credential::Code(c) => Some(c.as_str()),
            _ => None,
        })
    }

    /// The newest stolen cookie named `name`.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.loot.iter().rev().find_map(|l| match &l.credential {
            Credential::Cookie { name: n, value } if n == name => Some(value.as_str()),
            _ => None,
        })
    }
}
