//! Where sessions live (C7–C9), as seen from the server handling a request:
//! - **memory**: its own table — fast, but invisible to the other servers;
//! - **shared**: one store every server asks — an extra round trip per request
//!   (Redis-style inline commands, counted as hops);
//! - **replicated**: every server keeps a copy — each write fans out to the others.
//!
//! A session's idle timeout slides when used, but at most once a minute is that
//! written back (the "touch after" throttle real stores use).

use super::clock::{Millis, MINUTE};
use super::config::StoreMode;
use super::hop::{abbreviate, Actor, HopKind, Text, Trace};
use super::note::{Note, SessionNote};
use super::server::Backend;
use super::session::{Miss, Session, IDLE_TIMEOUT};

/// A used session is written back only when its `last_seen` is older than this.
pub const TOUCH_AFTER: Millis = MINUTE;

impl Backend<'_> {
    fn count_lookup(&mut self, me: u8) {
        if let Some(s) = self.servers.get_mut(me as usize) {
            s.counters.lookups += 1;
        }
        self.meters.lookups += 1;
    }

    /// Sends one replication command from server `me` to every other server.
    fn fan_out(&self, me: u8, trace: &mut Trace, label: &str, raw: &str, note: SessionNote) {
        let label = Text::copy(label);
        for peer in (0..self.servers.len() as u8).filter(|&p| p != me) {
            trace.push(
                Actor::Server(me),
                Actor::Server(peer),
                HopKind::StoreCommand,
                label.clone(),
                raw.to_string(),
                Some(note.clone().into()),
            );
        }
    }

    /// Finds a live session by id (and slides its idle timeout).
    pub fn load_session(&mut self, me: u8, sid: &str, trace: &mut Trace) -> Result<Session, Miss> {
        self.count_lookup(me);
        let now = self.now;
        match self.config.store {
            StoreMode::Shared => {
                let key = format!("sess:{sid}");
                trace.push(
                    Actor::Server(me),
                    Actor::Store,
                    HopKind::StoreCommand,
                    format!("GETEX sess:{}", abbreviate(sid)).into(),
                    format!("GETEX {key} PX {IDLE_TIMEOUT}\r\n"),
                    Some(SessionNote::Lookup.into()),
                );
                let found = self.shared.lookup(sid, now).cloned();
                let (label, raw, note) = match &found {
                    Ok(s) => {
                        let rec = s.serialize();
                        ("hit", format!("${}\r\n{rec}\r\n", rec.len()), SessionNote::Found)
                    }
                    Err(miss) => ("miss", "$-1\r\n".to_string(), SessionNote::Missed(*miss)),
                };
                let note: Note = note.into();
                trace.push(Actor::Store, Actor::Server(me), HopKind::StoreReply, label.into(), raw, Some(note));
                if found.is_ok() {
                    self.shared.touch(sid, now);
                }
                found
            }
            StoreMode::Memory | StoreMode::Replicated => {
                let found =
                    self.servers.get(me as usize).ok_or(Miss::Unknown).and_then(|s| s.memory.lookup(sid, now).cloned());
                if let Ok(s) = &found {
                    if now - s.last_seen >= TOUCH_AFTER {
                        self.save_session(me, Session { last_seen: now, ..s.clone() }, trace);
                    }
                }
                found
            }
        }
    }

    /// Stores (creates or updates) a session.
    pub fn save_session(&mut self, me: u8, s: Session, trace: &mut Trace) {
        match self.config.store {
            StoreMode::Shared => {
                let rec = s.serialize();
                trace.push(
                    Actor::Server(me),
                    Actor::Store,
                    HopKind::StoreCommand,
                    format!("SET sess:{}", abbreviate(&s.sid)).into(),
                    format!("SET {} {rec} PX {IDLE_TIMEOUT}\r\n", s.key()),
                    Some(SessionNote::Store.into()),
                );
                trace.push(Actor::Store, Actor::Server(me), HopKind::StoreReply, "OK".into(), "+OK\r\n".into(), None);
                self.shared.put(s);
            }
            StoreMode::Memory => {
                if let Some(server) = self.servers.get_mut(me as usize) {
                    server.memory.put(s);
                }
            }
            StoreMode::Replicated => {
                let rec = s.serialize();
                let label = format!("REPL SET sess:{}", abbreviate(&s.sid));
                self.fan_out(
                    me,
                    trace,
                    &label,
                    &format!("REPL SET {} {rec}\r\n", s.key()),
                    SessionNote::ReplicateWrite,
                );
                for server in self.servers.iter_mut() {
                    server.memory.put(s.clone());
                }
            }
        }
    }

    /// Deletes a session wherever this mode keeps it. True when it existed.
    pub fn delete_session(&mut self, me: u8, sid: &str, trace: &mut Trace) -> bool {
        match self.config.store {
            StoreMode::Shared => {
                trace.push(
                    Actor::Server(me),
                    Actor::Store,
                    HopKind::StoreCommand,
                    format!("DEL sess:{}", abbreviate(sid)).into(),
                    format!("DEL sess:{sid}\r\n"),
                    Some(SessionNote::Delete.into()),
                );
                let existed = self.shared.remove(sid);
                let reply = if existed { ":1\r\n" } else { ":0\r\n" };
                let label = if existed { ":1" } else { ":0" };
                trace.push(Actor::Store, Actor::Server(me), HopKind::StoreReply, label.into(), reply.into(), None);
                existed
            }
            StoreMode::Memory => self.servers.get_mut(me as usize).is_some_and(|s| s.memory.remove(sid)),
            StoreMode::Replicated => {
                let label = format!("REPL DEL sess:{}", abbreviate(sid));
                self.fan_out(me, trace, &label, &format!("REPL DEL sess:{sid}\r\n"), SessionNote::ReplicateDelete);
                let mut existed = false;
                for server in self.servers.iter_mut() {
                    existed |= server.memory.remove(sid);
                }
                existed
            }
        }
    }
}
