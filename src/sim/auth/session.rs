//! Sessions (C2–C9): a random id in a cookie; who it belongs to, on the server — in
//! each server's memory, a shared store or replicas (`store.rs`).

use super::{csrf, Auth, Grant, Proven, Refusal, Scheme};
use crate::sim::config::{StoreMode, SITE_HOST};
use crate::sim::hop::{Short, Text, Trace};
use crate::sim::http::Request;
use crate::sim::note::{Anonymous, SessionNote};
use crate::sim::server::{cookie_value, Backend, SESSION_COOKIE};
use crate::sim::session::{Session, ABSOLUTE_TIMEOUT};
use crate::sim::token::Rejection;
use crate::sim::users::Role;
use crate::sim::World;

/// Server-side sessions.
pub struct Sessions;

impl Scheme for Sessions {
    fn authenticate(&self, b: &mut Backend<'_>, me: u8, req: &Request, trace: &mut Trace) -> Auth {
        match cookie_value(req, SESSION_COOKIE) {
            None => Auth::Nobody(Anonymous::NoSessionCookie),
            Some(sid) => match b.load_session(me, sid, trace) {
                Ok(s) => Auth::Session(s),
                Err(miss) => Auth::Nobody(Anonymous::SessionMiss { sid: Short::of(sid), miss, server: me }),
            },
        }
    }

    fn sign_in(
        &self,
        b: &mut Backend<'_>,
        me: u8,
        req: &Request,
        who: Proven<'_>,
        trace: &mut Trace,
    ) -> Result<Grant, Refusal> {
        // A new id at login (session fixation defence); an earlier quote carries over.
        let previous = match self.authenticate(b, me, req, trace) {
            Auth::Session(s) => Some(s),
            _ => None,
        };
        let mut session = Session::new(b.rng.hex128(), b.now);
        session.user = Some(who.user.to_string());
        session.role = Some(who.role);
        session.upstream = who.upstream;
        let mut headers = Vec::new();
        if let Some(token) = csrf::new_session_token(b) {
            headers.push((csrf::header(), token.clone()));
            session.csrf = Some(token);
        }
        if let Some(old) = previous {
            session.quote = old.quote;
            b.delete_session(me, &old.sid, trace);
        }
        let sid = session.sid.clone();
        b.save_session(me, session, trace);
        let note = SessionNote::Created { sid: Short::of(&sid), user: Text::copy(who.user) }.into();
        Ok(Grant { cookies: vec![b.session_cookie(&sid, ABSOLUTE_TIMEOUT / 1000)], headers, fields: Vec::new(), note })
    }

    fn sign_out(&self, b: &mut Backend<'_>, me: u8, req: &Request, trace: &mut Trace) -> Grant {
        let note = match cookie_value(req, SESSION_COOKIE) {
            Some(sid) => {
                let sid = sid.to_string();
                if b.delete_session(me, &sid, trace) {
                    SessionNote::Deleted { sid: Short::of(&sid) }
                } else {
                    SessionNote::AlreadyGone { sid: Short::of(&sid) }
                }
            }
            None => SessionNote::NoCookie,
        };
        Grant { cookies: vec![b.session_cookie("", 0)], headers: Vec::new(), fields: Vec::new(), note: note.into() }
    }

    fn challenge(&self, _refused: Option<&Rejection>) -> String {
        format!("Cookie realm=\"{SITE_HOST}\", form-action=\"/login\", cookie-name=\"{SESSION_COOKIE}\"")
    }

    fn bulk_sign_in(&self, w: &mut World, name: &str, at: u8) {
        let now = w.now();
        let sid = w.rng.hex128();
        let mut session = Session { user: Some(name.to_string()), role: Some(Role::User), ..Session::new(sid, now) };
        if w.config.csrf == crate::sim::config::CsrfDefence::Token {
            session.csrf = Some(w.rng.hex128());
        }
        match w.config.store {
            StoreMode::Memory => {
                if let Some(s) = w.servers.get_mut(at as usize) {
                    s.memory.put(session);
                }
            }
            StoreMode::Shared => w.shared.put(session),
            StoreMode::Replicated => {
                for s in w.servers.iter_mut() {
                    s.memory.put(session.clone());
                }
            }
        }
    }

    fn bulk_check(&self, w: &mut World, login_at: u8, at: u8) -> bool {
        w.meters.lookups += 1;
        if let Some(s) = w.servers.get_mut(at as usize) {
            s.counters.lookups += 1;
        }
        w.config.store != StoreMode::Memory || login_at == at
    }
}
