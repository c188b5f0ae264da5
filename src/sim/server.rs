//! One application server: its routes, and the authentication step of the current
//! mode — look a session up (session), verify a signature (token), or know nobody
//! (stateless). Handlers read like real server code on the `http` crate's types.

use super::clock::{Millis, MINUTE};
use super::config::{AuthMode, Config, Transport};
use super::hop::{abbreviate, abbreviation, server_letter, Text, Trace};
use super::http::{Request, Response, MAX_BODY_BYTES, MAX_HEADER_BYTES};
use super::meters::Meters;
use super::refresh::{RefreshError, RefreshStore, REFRESH_COOKIE, REFRESH_TTL};
use super::rng::Rng;
use super::session::{Quote, Session, SessionTable, ABSOLUTE_TIMEOUT};
use super::token::{self, Claims, KeyRing};
use super::users::{Role, UserDb};
use http::header::{ALLOW, AUTHORIZATION, COOKIE, SET_COOKIE, WWW_AUTHENTICATE};
use http::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "sid";
/// Access tokens live this long.
pub const ACCESS_TTL: Millis = 15 * MINUTE;

/// Counters a server card shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Requests handled.
    pub requests: u64,
    /// Session look-ups (memory, replica or shared store).
    pub lookups: u64,
    /// JWT signature verifications.
    pub verifications: u64,
}

/// One server behind the balancer.
#[derive(Clone, Debug)]
pub struct Server {
    /// 0 = A … 3 = D.
    pub index: u8,
    /// Sessions in this server's memory (per-server memory, or its replica).
    pub memory: SessionTable,
    /// The JWT keys it signs with and accepts.
    pub keys: KeyRing,
    /// What it has done.
    pub counters: Counters,
    /// Its last log lines, newest last.
    pub log: Vec<String>,
}

impl Server {
    /// A fresh server (empty memory) holding `keys`.
    pub fn new(index: u8, keys: KeyRing) -> Self {
        Server { index, memory: SessionTable::new(), keys, counters: Counters::default(), log: Vec::new() }
    }

    /// Adds a log line, keeping the last 12.
    pub fn log(&mut self, line: String) {
        self.log.push(line);
        if self.log.len() > 12 {
            self.log.remove(0);
        }
    }
}

/// What every server shares behind the balancer: the user table, refresh tokens and
/// the `jti` denylist (a database, reached without a hop in this model).
#[derive(Clone, Debug)]
pub struct Db {
    /// Users with hashed passwords.
    pub users: UserDb,
    /// Refresh tokens.
    pub refresh: RefreshStore,
    /// Revoked access-token ids → their `exp` (seconds), checked when the denylist is on.
    pub denylist: BTreeMap<String, i64>,
}

/// Everything a server may touch while handling one request.
pub struct Backend<'a> {
    /// All servers (the handler's own, and peers for replication).
    pub servers: &'a mut [Server],
    /// The shared session store.
    pub shared: &'a mut SessionTable,
    /// The shared database.
    pub db: &'a mut Db,
    /// The world's seeded RNG (session ids, token ids).
    pub rng: &'a mut Rng,
    /// The world's settings.
    pub config: Config,
    /// The world's meters.
    pub meters: &'a mut Meters,
    /// Virtual now.
    pub now: Millis,
}

/// Who a request turned out to come from.
enum Auth {
    /// Nobody, and why.
    Nobody(String),
    /// A live session (maybe anonymous).
    Session(Session),
    /// A verified access token.
    Token(Claims),
}

const ROUTES: [(&str, Method); 8] = [
    ("/", Method::GET),
    ("/flights", Method::GET),
    ("/flights/buy", Method::POST),
    ("/login", Method::POST),
    ("/me", Method::GET),
    ("/admin", Method::GET),
    ("/logout", Method::POST),
    ("/token/refresh", Method::POST),
];

/// Known destinations and their fares (won per seat).
pub const FARES: [(&str, u32); 3] = [("jeju", 70_000), ("busan", 59_000), ("tokyo", 189_000)];

#[derive(Deserialize)]
struct LoginBody {
    username: String,
    password: String,
}

#[derive(Deserialize)]
struct BuyBody {
    count: u32,
    #[serde(default)]
    to: Option<String>,
}

/// The body of a `GET /me` (and, with `users`, `GET /admin`) answer. The same JSON
/// as `json!({ "user", "role" [, "admin": true, "users"] })` — whose object keys
/// serde_json writes sorted, hence the field order — built without the map.
#[derive(Serialize)]
struct MeBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    admin: Option<bool>,
    role: &'a str,
    user: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    users: Option<usize>,
}

impl<'a> MeBody<'a> {
    fn new(user: &'a str, role: Role, users: Option<usize>) -> Self {
        MeBody { admin: users.map(|_| true), role: role.id(), user, users }
    }

    fn to_json(&self) -> String {
        // Strings and integers only: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A value of a cookie in a `Cookie` request header.
pub fn cookie_value<'r>(req: &'r Request, name: &str) -> Option<&'r str> {
    req.header(&COOKIE)?.split(';').find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

fn json(status: StatusCode, v: serde_json::Value) -> Response {
    Response::json(status, v.to_string())
}

impl Backend<'_> {
    /// Handles a request on server `me`; returns the response and a one-line note.
    pub fn handle(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, String) {
        let (res, note) = self.handle_sized(me, req, req.header_block_size(), trace);
        (res, note.into())
    }

    /// [`Backend::handle`] for a request whose header block arrives `header_block`
    /// bytes long: the balancer's own header lines, which no handler reads, are
    /// counted without being added to `req`.
    pub fn handle_sized(&mut self, me: u8, req: &Request, header_block: usize, trace: &mut Trace) -> (Response, Text) {
        if let Some(s) = self.servers.get_mut(me as usize) {
            s.counters.requests += 1;
        }
        let (res, note) = self.route(me, req, header_block, trace);
        let line =
            [req.method.as_str(), " ", req.path(), " → ", res.status.as_str(), " (", note.as_str(), ")"].concat();
        if let Some(s) = self.servers.get_mut(me as usize) {
            s.log(line);
        }
        (res, note)
    }

    fn route(&mut self, me: u8, req: &Request, header_block: usize, trace: &mut Trace) -> (Response, Text) {
        if header_block > MAX_HEADER_BYTES {
            let msg = format!("request header block is {header_block} bytes; the limit is {MAX_HEADER_BYTES}");
            return (Response::error(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, &msg), msg.into());
        }
        if req.body.len() > MAX_BODY_BYTES {
            let msg = format!("body is {} bytes; the limit is {MAX_BODY_BYTES}", req.body.len());
            return (Response::error(StatusCode::PAYLOAD_TOO_LARGE, &msg), msg.into());
        }
        let path = req.path();
        let allowed = || ROUTES.iter().filter(|(p, _)| *p == path).map(|(_, m)| m);
        if allowed().next().is_none() {
            return (Response::error(StatusCode::NOT_FOUND, "no such page"), format!("no route for {path}").into());
        }
        if !allowed().any(|m| *m == req.method) {
            let allow: Vec<&str> = allowed().map(Method::as_str).collect();
            let res =
                Response::error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed").with(ALLOW, &allow.join(", "));
            return (res, format!("{} not allowed on {path}", req.method).into());
        }
        let (res, note) = match path {
            "/me" => return self.me(me, req, trace, false),
            "/admin" => return self.me(me, req, trace, true),
            "/" => self.home(me, req, trace),
            "/flights" => self.quote(me, req, trace),
            "/flights/buy" => self.buy(me, req, trace),
            "/login" => self.login(me, req, trace),
            "/logout" => self.logout(me, req, trace),
            _ => self.refresh(me, req),
        };
        (res, note.into())
    }

    /// The authentication step of the current mode.
    fn authenticate(&mut self, me: u8, req: &Request, trace: &mut Trace) -> Auth {
        let here = server_letter(me);
        match self.config.mode {
            AuthMode::Stateless => Auth::Nobody("stateless: nothing in the request says who you are".into()),
            AuthMode::Session => match cookie_value(req, SESSION_COOKIE) {
                None => Auth::Nobody("no session cookie".into()),
                Some(sid) => match self.load_session(me, sid, trace) {
                    Ok(s) => Auth::Session(s),
                    Err(miss) => Auth::Nobody(format!("sid {}: {} on {here}", abbreviate(sid), miss.reason())),
                },
            },
            AuthMode::Token => {
                let Some(header) = req.header(&AUTHORIZATION) else {
                    return Auth::Nobody("no Authorization header".into());
                };
                let Some(jwt) = header.strip_prefix("Bearer ") else {
                    return Auth::Nobody("Authorization is not a Bearer token".into());
                };
                self.verify(me, jwt)
            }
        }
    }

    /// Verifies an access token with this server's keys at the world's time.
    fn verify(&mut self, me: u8, jwt: &str) -> Auth {
        let now_secs = self.now.div_euclid(1000);
        let check_denylist = self.config.denylist;
        let Some(server) = self.servers.get_mut(me as usize) else {
            return Auth::Nobody("no such server".into());
        };
        server.counters.verifications += 1;
        self.meters.verifications += 1;
        if check_denylist {
            server.counters.lookups += 1;
            self.meters.lookups += 1;
        }
        let deny = &self.db.denylist;
        let denied = |jti: &str| check_denylist && deny.contains_key(jti);
        match token::verify(jwt, &server.keys, now_secs, &denied) {
            Ok(claims) => Auth::Token(claims),
            Err(why) => Auth::Nobody(format!("token rejected on {}: {why}", server_letter(me))),
        }
    }

    fn who<'a>(&self, auth: &'a Auth) -> Option<(&'a str, Role)> {
        match auth {
            Auth::Session(s) => Some((s.user.as_deref()?, s.role?)),
            Auth::Token(c) => Some((&c.sub, Role::from_id(&c.role).unwrap_or(Role::User))),
            Auth::Nobody(_) => None,
        }
    }

    fn unauthorized(&self, reason: &str) -> Response {
        let res = Response::error(StatusCode::UNAUTHORIZED, reason);
        if self.config.mode == AuthMode::Token {
            let desc = reason.replace('"', "'");
            res.with(WWW_AUTHENTICATE, &format!("Bearer error=\"invalid_token\", error_description=\"{desc}\""))
        } else {
            res
        }
    }

    fn auth_note(&self, me: u8, auth: &Auth) -> Text {
        match auth {
            Auth::Nobody(why) => why.clone().into(),
            Auth::Session(s) => {
                let [head, dots, tail] = abbreviation(&s.sid);
                Text::concat(&[
                    "sid ",
                    head,
                    dots,
                    tail,
                    " found on ",
                    self.session_home(me),
                    " → ",
                    s.user.as_deref().unwrap_or("anonymous"),
                ])
            }
            Auth::Token(c) => Text::concat(&["signature OK (HS256) → ", &c.sub]),
        }
    }

    fn session_home(&self, me: u8) -> &'static str {
        match self.config.store {
            super::config::StoreMode::Shared => "the shared store",
            _ => server_letter(me),
        }
    }

    fn home(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, String) {
        let auth = self.authenticate(me, req, trace);
        let note = self.auth_note(me, &auth);
        let user = self.who(&auth).map(|(u, _)| u);
        (json(StatusCode::OK, serde_json::json!({ "site": "playground.example", "user": user })), note.into())
    }

    fn me(&mut self, me: u8, req: &Request, trace: &mut Trace, admin: bool) -> (Response, Text) {
        let auth = self.authenticate(me, req, trace);
        let note = self.auth_note(me, &auth);
        let Some((user, role)) = self.who(&auth) else {
            let reason = match &auth {
                Auth::Nobody(why) => format!("not logged in: {why}"),
                _ => "not logged in: this session has no user".into(),
            };
            return (self.unauthorized(&reason), format!("{note} → 401").into());
        };
        if admin && role != Role::Admin {
            let msg = format!("admins only: {user} is a {}", role.id());
            return (Response::error(StatusCode::FORBIDDEN, &msg), format!("{note}; role {} → 403", role.id()).into());
        }
        let users = admin.then(|| self.db.users.users().len());
        (Response::json(StatusCode::OK, MeBody::new(user, role, users).to_json()), note)
    }

    fn quote(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, String) {
        let to = req.query_param("to").unwrap_or("");
        let Some(&(to, fare)) = FARES.iter().find(|(d, _)| *d == to) else {
            let msg = "unknown destination: try to=jeju, busan or tokyo";
            return (Response::error(StatusCode::BAD_REQUEST, msg), msg.into());
        };
        let mut res = json(StatusCode::OK, serde_json::json!({ "to": to, "fare": fare, "currency": "KRW" }));
        let note = if self.config.mode == AuthMode::Session {
            let (mut session, created) = match self.authenticate(me, req, trace) {
                Auth::Session(s) => (s, false),
                _ => (Session::new(self.rng.hex128(), self.now), true),
            };
            session.quote = Some(Quote { to: to.into(), fare });
            session.last_seen = self.now;
            let sid = session.sid.clone();
            self.save_session(me, session, trace);
            if created {
                res = res.with(SET_COOKIE, &self.session_cookie(&sid, ABSOLUTE_TIMEOUT / 1000));
                format!("quote {to} kept in a new session {}", abbreviate(&sid))
            } else {
                format!("quote {to} kept in session {}", abbreviate(&sid))
            }
        } else {
            format!("quoted {to}: {fare} won; the server keeps nothing")
        };
        (res, note)
    }

    fn buy(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, String) {
        let body: BuyBody = match serde_json::from_str(&req.body) {
            Ok(b) => b,
            Err(e) => {
                let msg = format!("bad request body: {e}");
                return (Response::error(StatusCode::BAD_REQUEST, &msg), msg);
            }
        };
        if !(1..=9).contains(&body.count) {
            let msg = "count must be 1 to 9";
            return (Response::error(StatusCode::BAD_REQUEST, msg), msg.into());
        }
        let from_session = match self.authenticate(me, req, trace) {
            Auth::Session(s) => s.quote.map(|q| (q, format!("quote found in session {}", abbreviate(&s.sid)))),
            _ => None,
        };
        let from_body = body
            .to
            .as_deref()
            .and_then(|to| FARES.iter().find(|(d, _)| *d == to))
            .map(|&(to, fare)| (Quote { to: to.into(), fare }, "the request itself names the flight".to_string()));
        match from_session.or(from_body) {
            Some((q, how)) => {
                let total = u64::from(q.fare) * u64::from(body.count);
                let res = json(StatusCode::OK, serde_json::json!({ "count": body.count, "to": q.to, "total": total }));
                (res, how)
            }
            None => {
                let msg = "which flight? this request does not say, and nothing links it to your earlier quote";
                (Response::error(StatusCode::BAD_REQUEST, msg), "no state links this request to the quote → 400".into())
            }
        }
    }

    fn login(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, String) {
        let body: LoginBody = match serde_json::from_str(&req.body) {
            Ok(b) => b,
            Err(e) => {
                let msg = format!("bad request body: {e}");
                return (Response::error(StatusCode::BAD_REQUEST, &msg), msg);
            }
        };
        let (user, role) = match self.db.users.verify(&body.username, &body.password) {
            Ok(u) => (u.name.clone(), u.role),
            Err(e) => {
                return (self.unauthorized(&e.to_string()), "password hash does not match → 401".into());
            }
        };
        let hello = serde_json::json!({ "user": user, "role": role.id() });
        match self.config.mode {
            AuthMode::Stateless => {
                (json(StatusCode::OK, hello), format!("password OK for {user}; nothing will remember it"))
            }
            AuthMode::Session => {
                // A new id at login (session fixation defence); an earlier quote carries over.
                let previous = match self.authenticate(me, req, trace) {
                    Auth::Session(s) => Some(s),
                    _ => None,
                };
                let mut session = Session::new(self.rng.hex128(), self.now);
                session.user = Some(user.clone());
                session.role = Some(role);
                if let Some(old) = previous {
                    session.quote = old.quote;
                    self.delete_session(me, &old.sid, trace);
                }
                let sid = session.sid.clone();
                self.save_session(me, session, trace);
                let res =
                    json(StatusCode::OK, hello).with(SET_COOKIE, &self.session_cookie(&sid, ABSOLUTE_TIMEOUT / 1000));
                (res, format!("password OK; session {} created for {user}", abbreviate(&sid)))
            }
            AuthMode::Token => {
                let (access, jti) = match self.mint(me, &user, role) {
                    Ok(t) => t,
                    Err(e) => return (Response::error(StatusCode::INTERNAL_SERVER_ERROR, &e), e),
                };
                let rt = token::random_id(&self.rng.bytes::<32>());
                self.db.refresh.issue(rt.clone(), &user, role, None, self.now);
                let res = json(
                    StatusCode::OK,
                    serde_json::json!({ "access_token": access, "token_type": "Bearer", "expires_in": ACCESS_TTL / 1000, "user": user, "role": role.id() }),
                )
                .with(SET_COOKIE, &self.refresh_cookie(&rt, REFRESH_TTL / 1000));
                (res, format!("password OK; JWT {} signed for {user}", abbreviate(&jti)))
            }
        }
    }

    fn logout(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, String) {
        let ok = serde_json::json!({ "ok": true });
        match self.config.mode {
            AuthMode::Stateless => (json(StatusCode::OK, ok), "nothing to forget".into()),
            AuthMode::Session => {
                let note = match cookie_value(req, SESSION_COOKIE) {
                    Some(sid) => {
                        let sid = sid.to_string();
                        if self.delete_session(me, &sid, trace) {
                            format!("session {} deleted", abbreviate(&sid))
                        } else {
                            format!("session {} was already gone", abbreviate(&sid))
                        }
                    }
                    None => "no session cookie".into(),
                };
                (json(StatusCode::OK, ok).with(SET_COOKIE, &self.session_cookie("", 0)), note)
            }
            AuthMode::Token => {
                let note = match self.authenticate(me, req, trace) {
                    Auth::Token(c) => {
                        let n = self.db.refresh.revoke_user(&c.sub);
                        if self.config.denylist {
                            self.db.denylist.insert(c.jti.clone(), c.exp);
                            format!("{n} refresh token family revoked; jti {} denylisted", abbreviate(&c.jti))
                        } else {
                            format!("{n} refresh token family revoked; the access token stays valid until exp")
                        }
                    }
                    _ => "no valid token: nothing to revoke".into(),
                };
                (json(StatusCode::OK, ok).with(SET_COOKIE, &self.refresh_cookie("", 0)), note)
            }
        }
    }

    fn refresh(&mut self, me: u8, req: &Request) -> (Response, String) {
        if self.config.mode != AuthMode::Token {
            let msg = "refresh tokens exist in token mode only";
            return (Response::error(StatusCode::BAD_REQUEST, msg), msg.into());
        }
        let Some(rt) = cookie_value(req, REFRESH_COOKIE).map(str::to_string) else {
            let why = RefreshError::Missing.to_string();
            return (self.unauthorized(&why), why);
        };
        if let Some(s) = self.servers.get_mut(me as usize) {
            s.counters.lookups += 1;
        }
        self.meters.lookups += 1;
        match self.db.refresh.redeem(&rt, self.now) {
            Ok(rec) => {
                let (access, jti) = match self.mint(me, &rec.user, rec.role) {
                    Ok(t) => t,
                    Err(e) => return (Response::error(StatusCode::INTERNAL_SERVER_ERROR, &e), e),
                };
                let next = token::random_id(&self.rng.bytes::<32>());
                self.db.refresh.issue(next.clone(), &rec.user, rec.role, Some(rec.family), self.now);
                let res = json(
                    StatusCode::OK,
                    serde_json::json!({ "access_token": access, "token_type": "Bearer", "expires_in": ACCESS_TTL / 1000 }),
                )
                .with(SET_COOKIE, &self.refresh_cookie(&next, REFRESH_TTL / 1000));
                (res, format!("refresh token rotated; new JWT {}", abbreviate(&jti)))
            }
            Err(e) => {
                let res = self.unauthorized(&e.to_string()).with(SET_COOKIE, &self.refresh_cookie("", 0));
                (res, e.to_string())
            }
        }
    }

    /// Signs a new access token for `user` with server `me`'s current key.
    fn mint(&mut self, me: u8, user: &str, role: Role) -> Result<(String, String), String> {
        let iat = self.now.div_euclid(1000);
        let jti = token::random_id(&self.rng.bytes::<12>());
        let claims = Claims {
            sub: user.into(),
            name: user.into(),
            role: role.id().into(),
            iat,
            exp: iat + ACCESS_TTL / 1000,
            nbf: None,
            jti: jti.clone(),
        };
        let key = self.servers.get(me as usize).map(|s| s.keys.current.clone()).ok_or("no such server")?;
        let jwt = token::issue(&claims, &key).map_err(|e| format!("could not sign: {e}"))?;
        Ok((jwt, jti))
    }

    fn secure_attr(&self) -> &'static str {
        // Over plain http a Secure cookie would be refused, so the site drops the flag
        // (like a framework's `secure: "auto"`) — and the cookie travels in clear text.
        match self.config.transport {
            Transport::Https => "; Secure",
            Transport::Http => "",
        }
    }

    /// `Set-Cookie` for the session id (`max_age` 0 clears it).
    fn session_cookie(&self, sid: &str, max_age: i64) -> String {
        format!("{SESSION_COOKIE}={sid}; Path=/; HttpOnly{}; SameSite=Lax; Max-Age={max_age}", self.secure_attr())
    }

    /// `Set-Cookie` for the refresh token, scoped to `/token` (`max_age` 0 clears it).
    fn refresh_cookie(&self, rt: &str, max_age: i64) -> String {
        format!(
            "{REFRESH_COOKIE}={rt}; Path=/token; HttpOnly{}; SameSite=Strict; Max-Age={max_age}",
            self.secure_attr()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn me_body_is_the_json_macro_output() {
        for user in ["alice", "bob", "a\"b\\c", "한글 ☃", "\u{1}"] {
            for role in [Role::User, Role::Admin] {
                let plain = serde_json::json!({ "user": user, "role": role.id() }).to_string();
                assert_eq!(MeBody::new(user, role, None).to_json(), plain);
                let admin =
                    serde_json::json!({ "user": user, "role": role.id(), "admin": true, "users": 2 }).to_string();
                assert_eq!(MeBody::new(user, role, Some(2)).to_json(), admin);
            }
        }
    }
}
