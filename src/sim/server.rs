//! One application server: its routes (a table), and the handlers behind them. Who
//! sent a request is the business of the site's auth scheme (`auth/`), dispatched in
//! one place; handlers read like real server code on the `http` crate's types.

use super::auth::oidc::{Client, Pending};
use super::auth::token_cookie::ACCESS_COOKIE;
use super::auth::{csrf, scheme, Auth, Proven, Refusal};
use super::clock::{Millis, MINUTE};
use super::config::{Config, StoreMode, Transport, SITE_HOST};
use super::hop::{Short, Text, Trace};
use super::http::{form_value, Request, Response, MAX_BODY_BYTES, MAX_HEADER_BYTES};
use super::idp::Idp;
use super::meters::Meters;
use super::note::{Anonymous, Home, LogLine, Note, SiteNote, Then, TokenNote, Who};
use super::refresh::{RefreshError, RefreshStore, REFRESH_COOKIE, REFRESH_TTL};
use super::rng::Rng;
use super::session::{Quote, Session, SessionTable, ABSOLUTE_TIMEOUT};
use super::token::{self, Claims, KeyRing, Rejection};
use super::users::{Role, UserDb};
use http::header::{ALLOW, COOKIE, SET_COOKIE, WWW_AUTHENTICATE};
use http::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

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
    pub log: VecDeque<LogLine>,
}

impl Server {
    /// A fresh server (empty memory) holding `keys`.
    pub fn new(index: u8, keys: KeyRing) -> Self {
        Server { index, memory: SessionTable::new(), keys, counters: Counters::default(), log: VecDeque::new() }
    }

    /// Adds a log line, keeping the last 12.
    pub fn log(&mut self, line: LogLine) {
        if self.log.len() == 12 {
            self.log.pop_front();
        }
        self.log.push_back(line);
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
    /// Miles each user holds, for those whose balance changed (the others hold
    /// [`START_MILES`]).
    pub miles: BTreeMap<String, u32>,
    /// The site's key for CSRF tokens derived from a token's `jti` (cookie mode).
    pub csrf_key: Vec<u8>,
    /// Logins started at auth.example, by the id in their `oauth_tx` cookie.
    pub oauth: BTreeMap<String, Pending>,
    /// The site's registration at auth.example, once it has one.
    pub oidc: Option<Client>,
}

/// Miles every account starts with.
pub const START_MILES: u32 = 12_000;

impl Db {
    /// A database of these users, with nothing else in it yet.
    pub fn new(users: UserDb, csrf_key: Vec<u8>) -> Self {
        Db {
            users,
            refresh: RefreshStore::default(),
            denylist: BTreeMap::new(),
            miles: BTreeMap::new(),
            csrf_key,
            oauth: BTreeMap::new(),
            oidc: None,
        }
    }

    /// The miles `user` holds.
    pub fn miles(&self, user: &str) -> u32 {
        self.miles.get(user).copied().unwrap_or(START_MILES)
    }
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
    /// auth.example, for the back channel (once the world has one).
    pub idp: Option<&'a mut Idp>,
}

type Handler = fn(&mut Backend<'_>, u8, &Request, &mut Trace) -> (Response, Note);

/// One route: path, method, handler.
struct Route {
    path: &'static str,
    method: Method,
    handle: Handler,
}

const fn route(path: &'static str, method: Method, handle: Handler) -> Route {
    Route { path, method, handle }
}

/// The site's routes.
static ROUTES: [Route; 11] = [
    route("/", Method::GET, |b, me, req, t| b.home(me, req, t)),
    route("/flights", Method::GET, |b, me, req, t| b.quote(me, req, t)),
    route("/flights/buy", Method::POST, |b, me, req, t| b.buy(me, req, t)),
    route("/login", Method::POST, |b, me, req, t| b.login(me, req, t)),
    route("/me", Method::GET, |b, me, req, t| b.me(me, req, t)),
    route("/admin", Method::GET, |b, me, req, t| b.admin(me, req, t)),
    route("/logout", Method::POST, |b, me, req, t| b.logout(me, req, t)),
    route("/token/refresh", Method::POST, |b, me, req, t| b.refresh(me, req, t)),
    route("/miles/transfer", Method::POST, |b, me, req, t| b.transfer(me, req, t)),
    route("/login/idp", Method::GET, |b, me, req, t| b.oidc_start(me, req, t)),
    route("/callback", Method::GET, |b, me, req, t| b.oidc_callback(me, req, t)),
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

#[derive(Deserialize)]
struct TransferBody {
    to: String,
    miles: u32,
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

/// A 200 whose JSON answer is `body` with the grant's fields, and the grant's headers
/// and cookies; with the grant's note.
fn granted(mut body: serde_json::Value, mut grant: super::auth::Grant) -> (Response, Note) {
    for (k, v) in grant.fields.drain(..) {
        body[k] = v;
    }
    (grant.onto(json(StatusCode::OK, body)), grant.note)
}

impl Backend<'_> {
    /// Handles a request on server `me`; returns the response and what the server decided.
    pub fn handle(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        self.handle_sized(me, req, req.header_block_size(), trace)
    }

    /// [`Backend::handle`] for a request whose header block arrives `header_block`
    /// bytes long: the balancer's own header lines, which no handler reads, are
    /// counted without being added to `req`.
    pub fn handle_sized(&mut self, me: u8, req: &Request, header_block: usize, trace: &mut Trace) -> (Response, Note) {
        if let Some(s) = self.servers.get_mut(me as usize) {
            s.counters.requests += 1;
        }
        let (res, note, path) = self.route(me, req, header_block, trace);
        if let Some(s) = self.servers.get_mut(me as usize) {
            let method = method_text(&req.method);
            s.log(LogLine::Handled { method, path, status: res.status.as_u16(), note: note.clone() });
        }
        (res, note)
    }

    /// The response, the note, and the path as the log writes it (a route's own text
    /// when the path is one).
    fn route(&mut self, me: u8, req: &Request, header_block: usize, trace: &mut Trace) -> (Response, Note, Text) {
        let path = req.path();
        let known = ROUTES.iter().find(|r| r.path == path).map(|r| r.path);
        let log_path = known.map_or_else(|| Text::copy(path), Text::Static);
        if header_block > MAX_HEADER_BYTES {
            let why = SiteNote::HeadersTooLarge { size: header_block, limit: MAX_HEADER_BYTES };
            return (Response::refuse(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, why.clone()), why.into(), log_path);
        }
        if req.body.len() > MAX_BODY_BYTES {
            let why = SiteNote::BodyTooLarge { size: req.body.len(), limit: MAX_BODY_BYTES };
            return (Response::refuse(StatusCode::PAYLOAD_TOO_LARGE, why.clone()), why.into(), log_path);
        }
        let Some(known) = known else {
            let note = SiteNote::NoRoute { path: log_path.clone() };
            return (Response::refuse(StatusCode::NOT_FOUND, SiteNote::NoSuchPage), note.into(), log_path);
        };
        let Some(route) = ROUTES.iter().find(|r| r.path == known && r.method == req.method) else {
            let allow: Vec<&str> = ROUTES.iter().filter(|r| r.path == known).map(|r| r.method.as_str()).collect();
            let res = Response::refuse(StatusCode::METHOD_NOT_ALLOWED, SiteNote::MethodNotAllowed)
                .with(ALLOW, &allow.join(", "));
            let note = SiteNote::MethodNotAllowedOn { method: method_text(&req.method), path: log_path.clone() };
            return (res, note.into(), log_path);
        };
        let (res, note) = (route.handle)(self, me, req, trace);
        (res, note, log_path)
    }

    /// The authentication step of the site's scheme.
    pub fn authenticate(&mut self, me: u8, req: &Request, trace: &mut Trace) -> Auth {
        scheme(&self.config).authenticate(self, me, req, trace)
    }

    /// Verifies an access token with this server's keys at the world's time.
    pub fn verify(&mut self, me: u8, jwt: &str) -> Auth {
        let now_secs = self.now.div_euclid(1000);
        let check_denylist = self.config.denylist;
        let Some(server) = self.servers.get_mut(me as usize) else {
            return Auth::Nobody(Anonymous::NoSuchServer);
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
            Err(why) => Auth::Nobody(Anonymous::TokenRejected { server: me, why }),
        }
    }

    fn who<'a>(&self, auth: &'a Auth) -> Option<(&'a str, Role)> {
        match auth {
            Auth::Session(s) => Some((s.user.as_deref()?, s.role?)),
            Auth::Token(c) => Some((&c.sub, Role::from_id(&c.role).unwrap_or(Role::User))),
            Auth::Nobody(_) => None,
        }
    }

    /// A 401 with its challenge (RFC 9110 §15.5.2: every 401 carries
    /// `WWW-Authenticate`). `refused` is why a bearer token that was sent was refused:
    /// only then does the Bearer challenge carry an error code (RFC 6750 §3.1).
    fn unauthorized(&self, reason: impl Into<Note>, refused: Option<&Rejection>) -> Response {
        let challenge = scheme(&self.config).challenge(refused);
        Response::refuse(StatusCode::UNAUTHORIZED, reason).with(WWW_AUTHENTICATE, &challenge)
    }

    /// The 401 for a request that is nobody's (or a session without a user).
    fn not_logged_in(&self, auth: &Auth) -> Response {
        let (reason, refused) = match auth {
            Auth::Nobody(why @ Anonymous::TokenRejected { why: rejection, .. }) => {
                (SiteNote::NotLoggedIn(why.clone()), Some(rejection))
            }
            Auth::Nobody(why) => (SiteNote::NotLoggedIn(why.clone()), None),
            _ => (SiteNote::SessionWithoutUser, None),
        };
        self.unauthorized(reason, refused)
    }

    fn who_note(&self, me: u8, auth: &Auth) -> Who {
        match auth {
            Auth::Nobody(why) => Who::Nobody(why.clone()),
            Auth::Session(s) => {
                let home = match self.config.store {
                    StoreMode::Shared => Home::Shared,
                    _ => Home::Server(me),
                };
                let user = s.user.as_deref().map_or(Text::Static(""), Text::copy);
                Who::Session { sid: Short::of(&s.sid), home, user }
            }
            Auth::Token(c) => Who::Token { sub: Text::copy(&c.sub) },
        }
    }

    /// Whether the site's scheme authenticates by a cookie the browser attaches itself
    /// (what CSRF abuses), rather than a header its own page adds.
    fn by_cookie(&self) -> bool {
        scheme(&self.config).page_token().is_none()
    }

    /// The site's CSRF defence for a state-changing request authenticated as `auth`:
    /// `Err` is the 403.
    fn guard(&self, req: &Request, auth: &Auth) -> Result<(), Refusal> {
        if matches!(auth, Auth::Nobody(_)) {
            return Ok(());
        }
        csrf::check(self, req, auth, self.by_cookie()).map_err(|why| {
            let note: Note = SiteNote::CsrfRefused(why).into();
            Box::new((Response::refuse(StatusCode::FORBIDDEN, note.clone()), note))
        })
    }

    /// The CSRF token a page of this login should hold, for an `X-CSRF-Token` answer
    /// (a session that has none yet gets one now).
    fn csrf_for_page(&mut self, me: u8, auth: &mut Auth, trace: &mut Trace) -> Option<String> {
        if self.config.csrf != crate::sim::config::CsrfDefence::Token || !self.by_cookie() {
            return None;
        }
        if let Auth::Session(s) = auth {
            if s.csrf.is_none() {
                s.csrf = csrf::new_session_token(self);
                self.save_session(me, s.clone(), trace);
            }
        }
        csrf::expected(self, auth)
    }

    fn home(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        let mut auth = self.authenticate(me, req, trace);
        let who = self.who_note(me, &auth);
        let user = self.who(&auth).map(|(u, _)| u.to_string());
        let mut res = json(StatusCode::OK, serde_json::json!({ "site": "playground.example", "user": user }));
        if let Some(token) = self.csrf_for_page(me, &mut auth, trace) {
            res = res.with(csrf::header(), &token);
        }
        (res, SiteNote::Checked { who, then: Then::Served }.into())
    }

    fn me(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        self.me_or_admin(me, req, trace, false)
    }

    fn admin(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        self.me_or_admin(me, req, trace, true)
    }

    fn me_or_admin(&mut self, me: u8, req: &Request, trace: &mut Trace, admin: bool) -> (Response, Note) {
        let mut auth = self.authenticate(me, req, trace);
        let who = self.who_note(me, &auth);
        let Some((user, role)) = self.who(&auth).map(|(u, r)| (u.to_string(), r)) else {
            let res = self.not_logged_in(&auth);
            return (res, SiteNote::Checked { who, then: Then::Unauthorized }.into());
        };
        if admin && role != Role::Admin {
            let res = Response::refuse(
                StatusCode::FORBIDDEN,
                SiteNote::AdminsOnly { user: Text::from(user), role: role.id() },
            );
            return (res, SiteNote::Checked { who, then: Then::Forbidden { role: role.id() } }.into());
        }
        let users = admin.then(|| self.db.users.users().len());
        let mut res = Response::json(StatusCode::OK, MeBody::new(&user, role, users).to_json());
        if let Some(token) = self.csrf_for_page(me, &mut auth, trace) {
            res = res.with(csrf::header(), &token);
        }
        (res, SiteNote::Checked { who, then: Then::Served }.into())
    }

    fn quote(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        let to = req.query_param("to").unwrap_or("");
        let Some(&(to, fare)) = FARES.iter().find(|(d, _)| *d == to) else {
            let why = SiteNote::UnknownDestination;
            return (Response::refuse(StatusCode::BAD_REQUEST, why.clone()), why.into());
        };
        let mut res = json(StatusCode::OK, serde_json::json!({ "to": to, "fare": fare, "currency": "KRW" }));
        let note = if self.config.mode == crate::sim::config::AuthMode::Session {
            let (mut session, new) = match self.authenticate(me, req, trace) {
                Auth::Session(s) => (s, false),
                _ => {
                    let mut s = Session::new(self.rng.hex128(), self.now);
                    s.csrf = csrf::new_session_token(self);
                    (s, true)
                }
            };
            session.quote = Some(Quote { to: to.into(), fare });
            session.last_seen = self.now;
            let sid = session.sid.clone();
            let token = session.csrf.clone().filter(|_| new);
            self.save_session(me, session, trace);
            if new {
                res = res.with(SET_COOKIE, &self.session_cookie(&sid, ABSOLUTE_TIMEOUT / 1000));
            }
            if let Some(token) = token {
                res = res.with(csrf::header(), &token);
            }
            SiteNote::QuoteKept { to, sid: Short::of(&sid), new }
        } else {
            SiteNote::Quoted { to, fare }
        };
        (res, note.into())
    }

    fn buy(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        let body: BuyBody = match serde_json::from_str(&req.body) {
            Ok(b) => b,
            Err(e) => {
                let why = SiteNote::BadBody { detail: Text::from(e.to_string()) };
                return (Response::refuse(StatusCode::BAD_REQUEST, why.clone()), why.into());
            }
        };
        if !(1..=9).contains(&body.count) {
            let why = SiteNote::BadCount;
            return (Response::refuse(StatusCode::BAD_REQUEST, why.clone()), why.into());
        }
        let auth = self.authenticate(me, req, trace);
        if let Err(refused) = self.guard(req, &auth) {
            return *refused;
        }
        let from_session = match auth {
            Auth::Session(s) => s.quote.map(|q| (q, SiteNote::QuoteFromSession { sid: Short::of(&s.sid) })),
            _ => None,
        };
        let from_body = body
            .to
            .as_deref()
            .and_then(|to| FARES.iter().find(|(d, _)| *d == to))
            .map(|&(to, fare)| (Quote { to: to.into(), fare }, SiteNote::QuoteInRequest));
        match from_session.or(from_body) {
            Some((q, how)) => {
                let total = u64::from(q.fare) * u64::from(body.count);
                let res = json(StatusCode::OK, serde_json::json!({ "count": body.count, "to": q.to, "total": total }));
                (res, how.into())
            }
            None => (Response::refuse(StatusCode::BAD_REQUEST, SiteNote::WhichFlight), SiteNote::NoQuote.into()),
        }
    }

    /// `POST /miles/transfer {to, miles}` (a form or JSON): moves the user's miles to
    /// another account. State-changing and logged-in only: what CSRF is after.
    fn transfer(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        let auth = self.authenticate(me, req, trace);
        let who = self.who_note(me, &auth);
        let Some((user, _)) = self.who(&auth).map(|(u, r)| (u.to_string(), r)) else {
            let res = self.not_logged_in(&auth);
            return (res, SiteNote::Checked { who, then: Then::Unauthorized }.into());
        };
        if let Err(refused) = self.guard(req, &auth) {
            return *refused;
        }
        let body = if req.is_form() {
            match (form_value(&req.body, "to"), form_value(&req.body, "miles").and_then(|m| m.parse().ok())) {
                (Some(to), Some(miles)) => Some(TransferBody { to, miles }),
                _ => None,
            }
        } else {
            serde_json::from_str::<TransferBody>(&req.body).ok()
        };
        let Some(body) = body.filter(|b| {
            (1..=100_000).contains(&b.miles)
                && (1..=32).contains(&b.to.len())
                && b.to.bytes().all(|c| c.is_ascii_alphanumeric())
        }) else {
            let why = SiteNote::BadTransfer;
            return (Response::refuse(StatusCode::BAD_REQUEST, why.clone()), why.into());
        };
        let have = self.db.miles(&user);
        if body.miles > have || body.to == user {
            let why = SiteNote::NotEnoughMiles { have };
            return (Response::refuse(StatusCode::BAD_REQUEST, why.clone()), why.into());
        }
        let left = have - body.miles;
        let theirs = self.db.miles(&body.to).saturating_add(body.miles);
        self.db.miles.insert(user.clone(), left);
        self.db.miles.insert(body.to.clone(), theirs);
        let res =
            json(StatusCode::OK, serde_json::json!({ "from": user, "left": left, "miles": body.miles, "to": body.to }));
        let note = SiteNote::Transferred { from: Text::from(user), to: Text::from(body.to), miles: body.miles, left };
        (res, note.into())
    }

    fn login(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        let body: LoginBody = match serde_json::from_str(&req.body) {
            Ok(b) => b,
            Err(e) => {
                let why = SiteNote::BadBody { detail: Text::from(e.to_string()) };
                return (Response::refuse(StatusCode::BAD_REQUEST, why.clone()), why.into());
            }
        };
        let (user, role) = match self.db.users.verify(&body.username, &body.password) {
            Ok(u) => (u.name.clone(), u.role),
            Err(e) => {
                return (self.unauthorized(SiteNote::LoginFailed(e), None), SiteNote::PasswordMismatch.into());
            }
        };
        match scheme(&self.config).sign_in(self, me, req, Proven { user: &user, role, upstream: None }, trace) {
            Ok(grant) => granted(serde_json::json!({ "user": user, "role": role.id() }), grant),
            Err(answer) => *answer,
        }
    }

    fn logout(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        let grant = scheme(&self.config).sign_out(self, me, req, trace);
        granted(serde_json::json!({ "ok": true }), grant)
    }

    fn refresh(&mut self, me: u8, req: &Request, _trace: &mut Trace) -> (Response, Note) {
        if !scheme(&self.config).refreshes() {
            let why = TokenNote::NotTokenMode;
            return (Response::refuse(StatusCode::BAD_REQUEST, why.clone()), why.into());
        }
        // The refresh endpoint takes the `rt` cookie, not a bearer token: its challenge
        // names the cookie and the login form.
        let challenge =
            format!("Cookie realm=\"{SITE_HOST}\", form-action=\"/login\", cookie-name=\"{REFRESH_COOKIE}\"");
        let Some(rt) = cookie_value(req, REFRESH_COOKIE).map(str::to_string) else {
            let why = TokenNote::RefreshFailed(RefreshError::Missing);
            let res = Response::refuse(StatusCode::UNAUTHORIZED, why.clone()).with(WWW_AUTHENTICATE, &challenge);
            return (res, why.into());
        };
        if let Some(s) = self.servers.get_mut(me as usize) {
            s.counters.lookups += 1;
        }
        self.meters.lookups += 1;
        match self.db.refresh.redeem(&rt, self.now) {
            Ok(rec) => {
                let (access, jti) = match self.mint(me, &rec.user, rec.role) {
                    Ok(t) => t,
                    Err(e) => return (Response::refuse(StatusCode::INTERNAL_SERVER_ERROR, e.clone()), e.into()),
                };
                let next = token::random_id(&self.rng.bytes::<32>());
                self.db.refresh.issue(next.clone(), &rec.user, rec.role, Some(rec.family), self.now);
                let Some(grant) = scheme(&self.config).hand_over(self, access, &jti) else {
                    let why = TokenNote::NotTokenMode;
                    return (Response::refuse(StatusCode::BAD_REQUEST, why.clone()), why.into());
                };
                let (res, note) = granted(serde_json::json!({}), grant);
                (res.with(SET_COOKIE, &self.refresh_cookie(&next, REFRESH_TTL / 1000)), note)
            }
            Err(e) => {
                let why = TokenNote::RefreshFailed(e);
                let res = Response::refuse(StatusCode::UNAUTHORIZED, why.clone())
                    .with(WWW_AUTHENTICATE, &challenge)
                    .with(SET_COOKIE, &self.refresh_cookie("", 0));
                (res, why.into())
            }
        }
    }

    /// A token login's access token (signed by server `me`) and its refresh token (kept
    /// in the table): `(access, jti, rt)`.
    pub fn sign_tokens(&mut self, me: u8, user: &str, role: Role) -> Result<(String, String, String), Refusal> {
        let (access, jti) = self
            .mint(me, user, role)
            .map_err(|e| Box::new((Response::refuse(StatusCode::INTERNAL_SERVER_ERROR, e.clone()), e.into())))?;
        let rt = token::random_id(&self.rng.bytes::<32>());
        self.db.refresh.issue(rt.clone(), user, role, None, self.now);
        Ok((access, jti, rt))
    }

    /// A token logout: the user's refresh families revoked (and the access token
    /// denylisted, with the denylist on).
    pub fn revoke_login(&mut self, c: &Claims) -> TokenNote {
        let families = self.db.refresh.revoke_user(&c.sub);
        let denylisted = self.config.denylist.then(|| {
            self.db.denylist.insert(c.jti.clone(), c.exp);
            Short::of(&c.jti)
        });
        TokenNote::FamiliesRevoked { families, denylisted }
    }

    /// Signs a new access token for `user` with server `me`'s current key.
    fn mint(&mut self, me: u8, user: &str, role: Role) -> Result<(String, String), TokenNote> {
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
        let failed = |detail: String| TokenNote::SignFailed { detail: Text::from(detail) };
        let key = self
            .servers
            .get(me as usize)
            .map(|s| s.keys.current.clone())
            .ok_or_else(|| failed("no such server".into()))?;
        let jwt = token::issue(&claims, &key).map_err(|e| failed(e.to_string()))?;
        Ok((jwt, jti))
    }

    /// `; Secure` over https; nothing over http.
    pub fn secure_attr(&self) -> &'static str {
        // Over plain http a Secure cookie would be refused, so the site drops the flag
        // (like a framework's `secure: "auto"`) — and the cookie travels in clear text.
        match self.config.transport {
            Transport::Https => "; Secure",
            Transport::Http => "",
        }
    }

    /// `Set-Cookie` for the session id (`max_age` 0 clears it).
    pub fn session_cookie(&self, sid: &str, max_age: i64) -> String {
        format!(
            "{SESSION_COOKIE}={sid}; Path=/; HttpOnly{}; SameSite={}; Max-Age={max_age}",
            self.secure_attr(),
            self.config.samesite_attr()
        )
    }

    /// `Set-Cookie` for the access token in a cookie (`max_age` 0 clears it).
    pub fn access_cookie(&self, jwt: &str, max_age: i64) -> String {
        format!(
            "{ACCESS_COOKIE}={jwt}; Path=/; HttpOnly{}; SameSite={}; Max-Age={max_age}",
            self.secure_attr(),
            self.config.samesite_attr()
        )
    }

    /// `Set-Cookie` for the refresh token, scoped to `/token` (`max_age` 0 clears it).
    pub fn refresh_cookie(&self, rt: &str, max_age: i64) -> String {
        format!(
            "{REFRESH_COOKIE}={rt}; Path=/token; HttpOnly{}; SameSite=Strict; Max-Age={max_age}",
            self.secure_attr()
        )
    }
}

/// A method as log text: the standard ones without a copy.
fn method_text(m: &Method) -> Text {
    match *m {
        Method::GET => Text::Static("GET"),
        Method::POST => Text::Static("POST"),
        Method::PUT => Text::Static("PUT"),
        Method::DELETE => Text::Static("DELETE"),
        Method::HEAD => Text::Static("HEAD"),
        Method::OPTIONS => Text::Static("OPTIONS"),
        Method::PATCH => Text::Static("PATCH"),
        _ => Text::copy(m.as_str()),
    }
}

/// `text` as it may stand inside an `error_description="…"` (RFC 6750 §3: only
/// %x20-21 / %x23-5B / %x5D-7E): every other character becomes `?`.
pub fn quoted_string_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' => '\'',
            ' ' | '!' | '#'..='[' | ']'..='~' => c,
            _ => '?',
        })
        .collect()
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
