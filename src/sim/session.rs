//! Server-side sessions (C3, C5, C6): a table from session id to who is logged in,
//! with an idle (sliding) and an absolute timeout, and its size in bytes — what a
//! session costs the server's memory (C7).

use super::clock::{Millis, HOUR, MINUTE};
use super::users::Role;
use serde::Serialize;
use std::collections::BTreeMap;

/// A session dies after this long without a request (sliding).
pub const IDLE_TIMEOUT: Millis = 15 * MINUTE;
/// A session dies this long after it was created, however busy.
pub const ABSOLUTE_TIMEOUT: Millis = 8 * HOUR;

/// A quoted flight fare (C1: the state that links the quote to the purchase).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Destination, e.g. `jeju`.
    pub to: String,
    /// Fare per seat, in won.
    pub fare: u32,
}

/// One session record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// 128-bit random id, 32 hex digits.
    pub sid: String,
    /// The logged-in user; `None` for an anonymous session (a quote before login).
    pub user: Option<String>,
    /// That user's role.
    pub role: Option<Role>,
    /// When it was created.
    pub created: Millis,
    /// The last request that used it.
    pub last_seen: Millis,
    /// The last quoted fare, if any.
    pub quote: Option<Quote>,
    /// Its CSRF token (synchroniser token pattern), when the site uses one.
    pub csrf: Option<String>,
    /// Tokens auth.example issued for this login, kept here on the server
    /// (backend-for-frontend): the browser holds only the session cookie.
    pub upstream: Option<Upstream>,
}

/// The provider's tokens a session keeps for its user (never sent to the browser).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upstream {
    /// The id_token that signed the user in.
    pub id_token: String,
    /// The provider's access token (for its APIs).
    pub access_token: String,
}

/// Why a session id did not lead to a live session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Miss {
    /// No such id in this store (never issued here, revoked, or lost on restart).
    Unknown,
    /// Idle longer than [`IDLE_TIMEOUT`].
    IdleExpired,
    /// Older than [`ABSOLUTE_TIMEOUT`].
    AbsoluteExpired,
}

impl Miss {
    /// A short reason for notes and error bodies.
    pub fn reason(self) -> &'static str {
        match self {
            Miss::Unknown => "no such session",
            Miss::IdleExpired => "session expired (idle 15 min)",
            Miss::AbsoluteExpired => "session expired (8 h limit)",
        }
    }
}

impl Session {
    /// A new session created at `now`.
    pub fn new(sid: String, now: Millis) -> Self {
        Session { sid, user: None, role: None, created: now, last_seen: now, quote: None, csrf: None, upstream: None }
    }

    /// When it dies unless used again.
    pub fn expires(&self) -> Millis {
        (self.last_seen + IDLE_TIMEOUT).min(self.created + ABSOLUTE_TIMEOUT)
    }

    /// Whether it is dead at `now`, and why.
    pub fn check(&self, now: Millis) -> Result<(), Miss> {
        if now >= self.created + ABSOLUTE_TIMEOUT {
            Err(Miss::AbsoluteExpired)
        } else if now >= self.last_seen + IDLE_TIMEOUT {
            Err(Miss::IdleExpired)
        } else {
            Ok(())
        }
    }

    /// The key a store files it under.
    pub fn key(&self) -> String {
        format!("sess:{}", self.sid)
    }

    /// The record as a store would serialize it (JSON).
    pub fn serialize(&self) -> String {
        // Plain fields and strings: serializing cannot fail.
        serde_json::to_string(&self.record()).unwrap_or_default()
    }

    /// Bytes it occupies in a store: key plus serialized record.
    pub fn bytes(&self) -> usize {
        let mut len = ByteCount(0);
        // Counting cannot fail either.
        let _ = serde_json::to_writer(&mut len, &self.record());
        5 + self.sid.len() + len.0
    }

    fn record(&self) -> Record<'_> {
        Record {
            created: self.created / 1000,
            csrf: self.csrf.as_deref(),
            last_seen: self.last_seen / 1000,
            quote: self.quote.as_ref().map(|q| QuoteRecord { fare: q.fare, to: &q.to }),
            role: self.role.map(Role::id),
            tokens: self
                .upstream
                .as_ref()
                .map(|u| TokensRecord { access_token: &u.access_token, id_token: &u.id_token }),
            user: self.user.as_deref(),
        }
    }
}

/// A session as stored: `{"created", ["csrf",] "last_seen", ["quote",] ["role",]
/// ["tokens",] "user"}` — the object `json!` would build, whose keys serde_json writes
/// sorted, hence the field order.
#[derive(Serialize)]
struct Record<'a> {
    created: Millis,
    #[serde(skip_serializing_if = "Option::is_none")]
    csrf: Option<&'a str>,
    last_seen: Millis,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<QuoteRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<TokensRecord<'a>>,
    user: Option<&'a str>,
}

/// The provider's tokens as stored: `{"access_token", "id_token"}`.
#[derive(Serialize)]
struct TokensRecord<'a> {
    access_token: &'a str,
    id_token: &'a str,
}

/// A stored quote: `{"fare", "to"}`.
#[derive(Serialize)]
struct QuoteRecord<'a> {
    fare: u32,
    to: &'a str,
}

/// An `io::Write` that only counts bytes.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A session table (one server's memory, the shared store, or one replica).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionTable {
    rows: BTreeMap<String, (Session, usize)>,
    bytes: usize,
    /// The ids of the [`KEPT`] newest sessions, newest first, kept up to date by every
    /// change: the stage asks for the newest after every action, and a scan of a table
    /// of 100 000 sessions takes milliseconds in the page.
    top: Vec<String>,
}

/// How many of the newest sessions a table keeps track of.
const KEPT: usize = 8;

/// The order of [`SessionTable::newest`]: creation time, then id.
fn age_key(s: &Session) -> (Millis, &str) {
    (s.created, s.sid.as_str())
}

impl SessionTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a session.
    pub fn put(&mut self, s: Session) {
        let size = s.bytes();
        self.bytes += size;
        let (sid, created) = (s.sid.clone(), s.created);
        let old = self.rows.insert(sid.clone(), (s, size));
        let moved = old.as_ref().is_some_and(|(o, _)| o.created != created);
        if let Some((_, old_size)) = old {
            self.bytes -= old_size;
        }
        if moved {
            self.rescan();
        } else if !self.top.contains(&sid) {
            self.admit(sid);
        }
    }

    /// Puts `sid` (a row not in `top`) among the newest if it is one of them.
    fn admit(&mut self, sid: String) {
        let Some((s, _)) = self.rows.get(&sid) else { return };
        let key = age_key(s);
        let newer = |t: &String| self.rows.get(t).is_some_and(|(o, _)| age_key(o) > key);
        let at = self.top.partition_point(newer);
        if at < KEPT {
            self.top.insert(at, sid);
            self.top.truncate(KEPT);
        }
    }

    /// Finds the newest sessions again, in one pass (after one of them went).
    fn rescan(&mut self) {
        let top: Vec<String> = self.scan(KEPT).iter().map(|s| s.sid.clone()).collect();
        self.top = top;
    }

    /// The `n` newest sessions, newest first, in one pass over the table.
    fn scan(&self, n: usize) -> Vec<&Session> {
        let mut top: Vec<&Session> = Vec::with_capacity(n + 1);
        for (s, _) in self.rows.values() {
            if top.len() < n || top.last().is_some_and(|last| age_key(s) > age_key(last)) {
                let at = top.partition_point(|t| age_key(t) > age_key(s));
                top.insert(at, s);
                top.truncate(n);
            }
        }
        top
    }

    /// A live session by id, or why there is none. Does not change anything.
    pub fn lookup(&self, sid: &str, now: Millis) -> Result<&Session, Miss> {
        let (s, _) = self.rows.get(sid).ok_or(Miss::Unknown)?;
        s.check(now)?;
        Ok(s)
    }

    /// A session by id, live or not.
    pub fn get(&self, sid: &str) -> Option<&Session> {
        self.rows.get(sid).map(|(s, _)| s)
    }

    /// Slides the idle timeout: the session was used at `now`.
    pub fn touch(&mut self, sid: &str, now: Millis) {
        if let Some(s) = self.get(sid).cloned() {
            self.put(Session { last_seen: now, ..s });
        }
    }

    /// Deletes a session (logout, revoke). True when it existed.
    pub fn remove(&mut self, sid: &str) -> bool {
        match self.rows.remove(sid) {
            Some((_, size)) => {
                self.bytes -= size;
                if self.top.iter().any(|t| t == sid) {
                    self.rescan();
                }
                true
            }
            None => false,
        }
    }

    /// Drops every session dead at `now`; returns how many.
    pub fn purge_expired(&mut self, now: Millis) -> usize {
        let dead: Vec<String> =
            self.rows.values().filter(|(s, _)| s.check(now).is_err()).map(|(s, _)| s.sid.clone()).collect();
        dead.iter().filter(|sid| self.remove(sid)).count()
    }

    /// Empties the table (a restart of an in-memory store).
    pub fn clear(&mut self) {
        self.rows.clear();
        self.top.clear();
        self.bytes = 0;
    }

    /// Bytes held: the sum of [`Session::bytes`].
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Number of sessions.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The `n` newest sessions, newest first (by creation time, then id). Up to eight
    /// come from what the table keeps track of; more take a pass over the table.
    pub fn newest(&self, n: usize) -> Vec<&Session> {
        if n > KEPT {
            return self.scan(n);
        }
        self.top.iter().take(n).filter_map(|sid| self.get(sid)).collect()
    }

    /// The sessions, oldest first.
    pub fn by_age(&self) -> Vec<&Session> {
        let mut v: Vec<&Session> = self.rows.values().map(|(s, _)| s).collect();
        v.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.sid.cmp(&b.sid)));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the table keeps of its newest rows stays what a pass over it finds, through
    /// puts, replacements, removals (of the newest too) and a purge.
    #[test]
    fn the_newest_it_keeps_track_of_stay_right_through_every_change() {
        let mut t = SessionTable::new();
        let mut x: u64 = 7;
        let mut next = || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            x >> 33
        };
        for step in 0..3_000u64 {
            let sid = format!("s{:03}", next() % 400);
            match next() % 10 {
                0..=5 => t.put(Session::new(sid, (next() % 50) as Millis)),
                6 => t.touch(&sid, 60),
                7 | 8 => {
                    // remove one of the newest, or any
                    let victim = if next() % 2 == 0 { t.top.first().cloned().unwrap_or(sid) } else { sid };
                    t.remove(&victim);
                }
                _ => {
                    if step % 500 == 0 {
                        t.purge_expired(IDLE_TIMEOUT + 25);
                    }
                }
            }
            for n in [0, 1, 3, KEPT] {
                let kept: Vec<&str> = t.newest(n).iter().map(|s| s.sid.as_str()).collect();
                let scanned: Vec<&str> = t.scan(n).iter().map(|s| s.sid.as_str()).collect();
                assert_eq!(kept, scanned, "step {step}, n = {n}");
            }
        }
        assert!(t.len() > 50, "{} rows", t.len());
    }

    #[test]
    fn newest_agrees_with_the_age_order() {
        let mut t = SessionTable::new();
        for (i, sid) in ["c", "a", "e", "b", "d", "f"].iter().enumerate() {
            t.put(Session::new((*sid).into(), [5, 1, 9, 1, 5, 3][i]));
        }
        let by_age: Vec<&str> = t.by_age().iter().rev().map(|s| s.sid.as_str()).collect();
        for n in 0..8 {
            let newest: Vec<&str> = t.newest(n).iter().map(|s| s.sid.as_str()).collect();
            assert_eq!(newest, by_age.iter().take(n).copied().collect::<Vec<_>>(), "n = {n}");
        }
    }

    fn alice(now: Millis) -> Session {
        Session { user: Some("alice".into()), role: Some(Role::User), ..Session::new("ab".repeat(16), now) }
    }

    #[test]
    fn idle_timeout_slides_but_absolute_does_not() {
        let mut t = SessionTable::new();
        t.put(alice(0));
        let sid = "ab".repeat(16);
        assert!(t.lookup(&sid, 14 * MINUTE).is_ok());
        t.touch(&sid, 14 * MINUTE);
        assert!(t.lookup(&sid, 28 * MINUTE).is_ok(), "a request slides the idle timeout");
        assert_eq!(t.lookup(&sid, 30 * MINUTE).err(), Some(Miss::IdleExpired));
        for m in (0..8 * 60).step_by(10) {
            t.touch(&sid, m * MINUTE);
        }
        assert_eq!(t.lookup(&sid, 8 * HOUR).err(), Some(Miss::AbsoluteExpired));
    }

    #[test]
    fn bytes_follow_the_rows() {
        let mut t = SessionTable::new();
        assert_eq!(t.bytes(), 0);
        let s = alice(1_000);
        let size = s.bytes();
        assert!(size > 40 && size < 200, "{size}");
        t.put(s.clone());
        t.put(s);
        assert_eq!(t.bytes(), size, "replacing does not double count");
        assert!(t.remove(&"ab".repeat(16)));
        assert_eq!((t.bytes(), t.len()), (0, 0));
        assert!(!t.remove("nope"));
    }

    #[test]
    fn records_serialize_like_the_json_macro() {
        let reference = |s: &Session| {
            let mut v = serde_json::json!({
                "user": s.user,
                "created": s.created / 1000,
                "last_seen": s.last_seen / 1000,
            });
            if let Some(role) = s.role {
                v["role"] = role.id().into();
            }
            if let Some(q) = &s.quote {
                v["quote"] = serde_json::json!({ "to": q.to, "fare": q.fare });
            }
            v.to_string()
        };
        let quote = Some(Quote { to: "je\"ju ☃".into(), fare: 70_000 });
        for user in [None, Some("alice".to_string()), Some("a\\b\u{1}".to_string())] {
            for role in [None, Some(Role::User), Some(Role::Admin)] {
                for quote in [None, quote.clone()] {
                    let s = Session { user: user.clone(), role, quote, ..Session::new("ab".repeat(16), -1_500) };
                    assert_eq!(s.serialize(), reference(&s));
                    assert_eq!(s.bytes(), 5 + 32 + reference(&s).len());
                }
            }
        }
    }

    #[test]
    fn purge_drops_only_dead_sessions() {
        let mut t = SessionTable::new();
        t.put(alice(0));
        t.put(Session::new("cd".repeat(16), 10 * MINUTE));
        assert_eq!(t.purge_expired(20 * MINUTE), 1);
        assert_eq!(t.len(), 1);
        assert_eq!(t.lookup("nope", 0).err(), Some(Miss::Unknown));
    }
}
