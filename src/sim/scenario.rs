//! Guided tours: the article's story as data. A [`Scenario`] is a starting
//! [`Config`] and a list of [`Step`]s; a step is the moves that set the world up
//! (applied in order to the world the previous step left), a short narration in
//! Korean and English, what the page should highlight, and the outcomes a reader
//! should be able to see — which the host tests check, so the narration never
//! promises something the world does not do.
//!
//! Every step can be rebuilt from nothing with [`world_at`]: a fresh
//! `World::new(seed, config)` replays steps `0..=k`, so a pasted link
//! (`?scenario=session-scale-out&step=3`) opens on the same picture, and back/forward
//! just rebuild.
//!
//! Step indices in this module are 0-based; the URL's `step` is 1-based (see
//! [`Scenario::index_of_url_step`]).

use super::attacker::Credential;
use super::browser::{PageView, TOKEN_KEY};
use super::clock::{MINUTE, SECOND};
use super::config::{AuthMode, Config, LbPolicy, StoreMode, Transport};
use super::hop::{server_letter, Hop};
use super::meters::Meters;
use super::note::MoveError;
use super::refresh::REFRESH_COOKIE;
use super::{token, Action, World, SID};
use http::header::HeaderName;
use http::Method;
use std::cmp::Ordering;
use std::fmt;

/// The scenario ids of the UI contract, in the article's order (those of [`CATALOG`]).
pub const SCENARIO_IDS: [&str; 12] = {
    let mut ids = [""; 12];
    let mut i = 0;
    while i < ids.len() {
        ids[i] = CATALOG[i].id;
        i += 1;
    }
    ids
};

/// What the tour bar lists before any tour is opened: id, concepts and title of each
/// scenario, in [`SCENARIO_IDS`] order. (The page's first load holds this table; the
/// steps and narration arrive with the engine when a tour opens.)
pub const CATALOG: [Entry; 12] = [
    Entry {
        id: "stateless-flight",
        concepts: "C1",
        title: t("HTTP는 방금 한 말도 잊어요", "HTTP forgets what you just said"),
    },
    Entry {
        id: "session-login", concepts: "C2–C5", title: t("세션 로그인 한 바퀴", "A session login, step by step")
    },
    Entry {
        id: "force-logout",
        concepts: "C6",
        title: t("서버가 로그아웃시킬 수 있어요", "The server can log you out"),
    },
    Entry {
        id: "session-scale-out",
        concepts: "C7–C8",
        title: t("사용자가 늘면: 메모리, 그리고 서버 여러 대", "More users: memory, then more servers"),
    },
    Entry {
        id: "session-shared-store",
        concepts: "C9",
        title: t("세션 나눠 갖기: 스티키, 공유 저장소, 복제", "Sharing sessions: sticky, shared store, replication"),
    },
    Entry {
        id: "token-login", concepts: "C10–C11", title: t("토큰 로그인: 서명된 JWT", "Token login: a signed JWT")
    },
    Entry {
        id: "token-scale-out",
        concepts: "C12",
        title: t("토큰은 어느 서버에서든 통해요", "Any server can check a token"),
    },
    Entry {
        id: "traffic-size",
        concepts: "C13",
        title: t("토큰은 네트워크에서 더 무거워요", "Tokens weigh more on the wire"),
    },
    Entry {
        id: "stolen-credentials",
        concepts: "C14",
        title: t(
            "도둑맞은 자격 증명: 세션은 끊기고 토큰은 버텨요",
            "Stolen credentials: a session can be cut, a token lives on",
        ),
    },
    Entry {
        id: "authn-vs-authz",
        concepts: "C15",
        title: t("인증과 인가: 401과 403", "Authentication vs authorization: 401 and 403"),
    },
    Entry {
        id: "token-expiry-refresh",
        concepts: "C10, C14",
        title: t("토큰 만료와 refresh 토큰", "Token expiry and refresh tokens"),
    },
    Entry {
        id: "xss-httponly",
        concepts: "C11, C14",
        title: t("XSS와 CSRF: 스크립트가 읽을 수 있는 것", "XSS and CSRF: what a script can read"),
    },
];

/// A scenario's catalogue entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable id (one of [`SCENARIO_IDS`]).
    pub id: &'static str,
    /// The article's concepts it covers.
    pub concepts: &'static str,
    /// Title.
    pub title: Text,
}

/// The seed the page uses for tours, so a shared link shows the same ids and bytes.
pub const DEFAULT_SEED: u64 = 20_260_302;

/// A text in both languages of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// Korean.
    pub ko: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The Korean text when `korean`, else the English one.
    pub fn get(&self, korean: bool) -> &'static str {
        if korean {
            self.ko
        } else {
            self.en
        }
    }
}

/// One guided tour.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Stable id (one of [`SCENARIO_IDS`]).
    pub id: &'static str,
    /// The article's concepts it covers, e.g. `C7–C8` (see PRODUCT.md).
    pub concepts: &'static str,
    /// Title.
    pub title: Text,
    /// One line saying what the reader will see.
    pub summary: Text,
    /// The world it starts from.
    pub config: Config,
    /// When set, the page runs every step's moves in a second world that differs only
    /// in this auth mode, and shows both worlds' meters side by side.
    pub twin: Option<AuthMode>,
    /// The steps, at least four.
    pub steps: Vec<Step>,
}

impl Scenario {
    /// The second world's settings, when the scenario has a twin.
    pub fn twin_config(&self) -> Option<Config> {
        self.twin.map(|mode| Config { mode, ..self.config })
    }

    /// The 0-based index for a 1-based `step` from a URL, if it names a step.
    pub fn index_of_url_step(&self, step: usize) -> Option<usize> {
        (1..=self.steps.len()).contains(&step).then(|| step - 1)
    }
}

/// One step of a tour.
#[derive(Clone, Debug)]
pub struct Step {
    /// What happens, in order, to the world the previous step left.
    pub actions: Vec<Move>,
    /// Narration: what happens and what to look at (1–3 short sentences).
    pub text: Text,
    /// What the page should draw attention to (empty: nothing in particular).
    pub highlight: Vec<Highlight>,
    /// What must be true of the world after the step.
    pub expect: Vec<Expect>,
    /// What must be true of the twin world after the step (twin scenarios only).
    pub twin_expect: Vec<Expect>,
    /// How the twin world's meters compare with this world's (twin scenarios only).
    pub versus: Vec<Versus>,
}

/// A move of a step: an [`Action`], or one that needs a value only the world knows
/// (a random session id, a token's `jti`), looked up when the step runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Move {
    /// Apply this action as it is.
    Do(Action),
    /// A server revokes the session whose id is in the browser's `sid` cookie.
    RevokeBrowserSession,
    /// The servers denylist the `jti` of the bearer token the attacker stole.
    DenylistStolenToken,
    /// The JWT inspector sends the browser's token with the `role` claim edited
    /// (the signature is left as it was).
    SendTamperedToken {
        /// The role written into the payload.
        role: &'static str,
    },
    /// The attacker presents the refresh token they stole to `POST /token/refresh`,
    /// from their own browser.
    ReplayStolenRefreshToken,
}

impl Move {
    /// The action this move stands for in `world`, or why there is none.
    pub fn resolve(&self, world: &World) -> Result<Action, MoveError> {
        match self {
            Move::Do(action) => Ok(action.clone()),
            Move::RevokeBrowserSession => world
                .browser
                .jar
                .iter()
                .find(|c| c.name == SID)
                .map(|c| Action::RevokeSession { sid: c.value.clone() })
                .ok_or(MoveError::NoSidCookie),
            Move::DenylistStolenToken => match world.attacker.best() {
                Some(Credential::Bearer(t)) => jti_of(t).map(|jti| Action::RevokeToken { jti }).ok_or(MoveError::NoJti),
                _ => Err(MoveError::NoStolenToken),
            },
            Move::SendTamperedToken { role } => {
                let t = world.browser.local_storage.get(TOKEN_KEY).ok_or(MoveError::NoAccessToken)?;
                let mut payload = token::inspect(t).payload.map_err(MoveError::PayloadUnreadable)?;
                payload["role"] = (*role).into();
                let forged = token::tamper_payload(t, &payload.to_string()).map_err(MoveError::Tamper)?;
                Ok(Action::SendToken { token: forged })
            }
            Move::ReplayStolenRefreshToken => world
                .attacker
                .cookie(REFRESH_COOKIE)
                .map(|rt| Action::AttackerSend {
                    method: Method::POST,
                    target: "/token/refresh".into(),
                    credential: Some(Credential::Cookie { name: REFRESH_COOKIE.into(), value: rt.to_string() }),
                })
                .ok_or(MoveError::NoStolenRefreshToken),
        }
    }
}

fn jti_of(token: &str) -> Option<String> {
    token::inspect(token).payload.ok()?.get("jti")?.as_str().map(str::to_string)
}

/// Something on the page to draw attention to (the page decides where it is drawn:
/// `ui/highlight.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Highlight {
    /// A `cookie-row` by `data-name`.
    Cookie(&'static str),
    /// A `storage-row` by `data-key`.
    Storage(&'static str),
    /// A header (e.g. `Cookie`, `Authorization`) in the last request's raw text.
    RequestHeader(&'static str),
    /// A header (e.g. `Set-Cookie`) in the last response's raw text.
    ResponseHeader(&'static str),
    /// A `hop` by `data-from` / `data-to` (actor ids: `browser`, `attacker`,
    /// `balancer`, `A`…`D`, `store`).
    Hop {
        /// Sender id.
        from: &'static str,
        /// Receiver id.
        to: &'static str,
    },
    /// The `session-row`s, wherever sessions are kept.
    SessionRows,
    /// The `user-row`s of the user table.
    UserTable,
    /// A `server-card` by `data-server` (`A`…`D`).
    Server(&'static str),
    /// The balancer's policy.
    Balancer,
    /// The `shared-store` card.
    SharedStore,
    /// A meter by its `data-testid` (e.g. `meter-store-bytes`).
    Meter(&'static str),
    /// The JWT inspector.
    JwtInspector,
    /// The attacker panel.
    Attacker,
    /// What the simulated page shows (`page-view`).
    PageView,
    /// The virtual clock (`clock-now`).
    Clock,
}

/// A running figure of the world.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meter {
    /// Requests sent by clients.
    Requests,
    /// Session (and denylist / refresh-token) look-ups.
    Lookups,
    /// JWT signature verifications.
    Verifications,
    /// Bytes of `Cookie` / `Authorization` header lines sent (bulk runs included).
    CredentialBytes,
    /// All bytes on the wire (bulk runs included).
    TotalBytes,
    /// Bytes held in session stores.
    StoreBytes,
    /// Simulated users whose request failed.
    BulkFailed,
}

impl Meter {
    /// The meter's `data-testid` in the UI contract, when it has one.
    pub fn testid(self) -> Option<&'static str> {
        match self {
            Meter::CredentialBytes => Some("meter-credential-bytes"),
            Meter::TotalBytes => Some("meter-total-bytes"),
            Meter::StoreBytes => Some("meter-store-bytes"),
            _ => None,
        }
    }

    /// A short English name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Meter::Requests => "requests",
            Meter::Lookups => "look-ups",
            Meter::Verifications => "verifications",
            Meter::CredentialBytes => "credential bytes",
            Meter::TotalBytes => "total bytes",
            Meter::StoreBytes => "store bytes",
            Meter::BulkFailed => "failed simulated users",
        }
    }

    /// Its value in `world`.
    pub fn read(self, world: &World) -> u64 {
        self.from(&world.meters, world.store_bytes() as u64)
    }

    fn from(self, m: &Meters, store_bytes: u64) -> u64 {
        match self {
            Meter::Requests => m.requests,
            Meter::Lookups => m.lookups,
            Meter::Verifications => m.verifications,
            Meter::CredentialBytes => m.all_credential_bytes(),
            Meter::TotalBytes => m.all_bytes(),
            Meter::StoreBytes => store_bytes,
            Meter::BulkFailed => m.bulk.failed,
        }
    }
}

/// How a meter moved during a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// It went up.
    Increased,
    /// It stayed where it was.
    Unchanged,
    /// It went down.
    Decreased,
}

/// Which session store to count rows in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Where {
    /// One server's memory (or its replica), by index.
    Server(u8),
    /// The shared store.
    Shared,
    /// Every store together.
    Anywhere,
}

/// What the attacker's best loot is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stolen {
    /// Nothing replayable.
    Nothing,
    /// A bearer token.
    Token,
    /// A session id cookie.
    SessionId,
}

/// The kind of thing the simulated page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The login form.
    LoginForm,
    /// A signed-in user's page.
    SignedIn,
    /// The admin page.
    Admin,
    /// A quoted fare.
    Fare,
    /// A completed purchase.
    Bought,
    /// A refreshed token.
    Refreshed,
    /// An error from the server.
    Error,
}

impl PageKind {
    /// The kind of a page view.
    pub fn of(page: &PageView) -> Self {
        match page {
            PageView::LoginForm => PageKind::LoginForm,
            PageView::SignedIn { .. } => PageKind::SignedIn,
            PageView::Admin { .. } => PageKind::Admin,
            PageView::Fare { .. } => PageKind::Fare,
            PageView::Bought { .. } => PageKind::Bought,
            PageView::Refreshed => PageKind::Refreshed,
            PageView::Error { .. } => PageKind::Error,
        }
    }
}

/// An outcome a step promises. "Last exchange" is the newest row of the network list
/// (the browser's or the attacker's request).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The last exchange's status code.
    Status(u16),
    /// The last exchange was handled by this server (0 = A).
    ServedBy(u8),
    /// A header is (or is not) in the last request.
    RequestHeader {
        /// Header name (any case).
        name: &'static str,
        /// Present or absent.
        present: bool,
    },
    /// A header is (or is not) in the last response.
    ResponseHeader {
        /// Header name (any case).
        name: &'static str,
        /// Present or absent.
        present: bool,
    },
    /// Some value of a header of the last response contains this text.
    ResponseHeaderHas {
        /// Header name (any case).
        name: &'static str,
        /// Text to find.
        text: &'static str,
    },
    /// The last response's error message contains this text.
    ErrorContains(&'static str),
    /// The browser's jar holds exactly this many cookies.
    Cookies(usize),
    /// The jar holds this cookie, with this HttpOnly flag.
    Cookie {
        /// Cookie name.
        name: &'static str,
        /// HttpOnly flag.
        http_only: bool,
    },
    /// The jar does not hold this cookie.
    NoCookie(&'static str),
    /// This cookie is in the jar with a value other than before the step.
    CookieChanged(&'static str),
    /// A localStorage key is (or is not) present.
    Storage {
        /// The key.
        key: &'static str,
        /// Present or absent.
        present: bool,
    },
    /// The access token in localStorage has this claim with this (string) value.
    TokenClaim {
        /// Claim name.
        claim: &'static str,
        /// Its value.
        value: &'static str,
    },
    /// Session rows held in a store.
    SessionRows {
        /// Which store.
        store: Where,
        /// How many rows.
        rows: usize,
    },
    /// How a meter moved during the step.
    Meter {
        /// Which meter.
        meter: Meter,
        /// How it moved.
        change: Change,
    },
    /// A hop from `from` to `to` happened during the step (actor ids).
    Hop {
        /// Sender id.
        from: &'static str,
        /// Receiver id.
        to: &'static str,
    },
    /// What the attacker holds (their best loot).
    Stolen(Stolen),
    /// The attacker's last stealing attempt says this.
    AttemptSays(&'static str),
    /// The attacker's last replay got this status.
    Replay(u16),
    /// The simulated page shows this kind of view.
    Page(PageKind),
    /// The statuses of this step's exchanges, in order.
    Statuses(&'static [u16]),
    /// The jar holds this cookie, with (or without) the Secure flag.
    Secure {
        /// Cookie name.
        name: &'static str,
        /// Secure flag.
        secure: bool,
    },
    /// The jar holds this cookie, its value this many characters long.
    CookieLength {
        /// Cookie name.
        name: &'static str,
        /// Characters.
        len: usize,
    },
    /// The access token in localStorage is between `min` and `max` bytes long.
    TokenBytes {
        /// At least.
        min: usize,
        /// At most.
        max: usize,
    },
    /// The last response's body contains this text.
    BodyContains(&'static str),
    /// What the server answered the attacker's last replay contains this text.
    ReplaySays(&'static str),
    /// Refresh tokens that would still be exchanged (unused, unexpired, not revoked).
    LiveRefreshTokens(usize),
    /// Every server holds the same session rows, so the servers' state is the number
    /// of servers times one copy.
    Replicated,
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let yes = |p: bool| if p { "present" } else { "absent" };
        match self {
            Expect::Status(s) => write!(f, "last status {s}"),
            Expect::ServedBy(s) => write!(f, "last request served by {}", server_letter(*s)),
            Expect::RequestHeader { name, present } => write!(f, "request header {name} {}", yes(*present)),
            Expect::ResponseHeader { name, present } => write!(f, "response header {name} {}", yes(*present)),
            Expect::ResponseHeaderHas { name, text } => write!(f, "response header {name} contains {text:?}"),
            Expect::ErrorContains(t) => write!(f, "error message contains {t:?}"),
            Expect::Cookies(n) => write!(f, "{n} cookie(s) in the jar"),
            Expect::Cookie { name, http_only } => write!(f, "cookie {name} in the jar with HttpOnly={http_only}"),
            Expect::NoCookie(name) => write!(f, "no cookie {name} in the jar"),
            Expect::CookieChanged(name) => write!(f, "cookie {name} has a new value"),
            Expect::Storage { key, present } => write!(f, "localStorage {key} {}", yes(*present)),
            Expect::TokenClaim { claim, value } => write!(f, "token claim {claim} = {value:?}"),
            Expect::SessionRows { store, rows } => write!(f, "{rows} session row(s) in {store:?}"),
            Expect::Meter { meter, change } => write!(f, "{} {change:?}", meter.name()),
            Expect::Hop { from, to } => write!(f, "a hop {from} → {to}"),
            Expect::Stolen(s) => write!(f, "attacker holds {s:?}"),
            Expect::AttemptSays(t) => write!(f, "attacker's attempt says {t:?}"),
            Expect::Replay(s) => write!(f, "attacker's replay got {s}"),
            Expect::Page(p) => write!(f, "page shows {p:?}"),
            Expect::Statuses(s) => write!(f, "this step's statuses {s:?}"),
            Expect::Secure { name, secure } => write!(f, "cookie {name} in the jar with Secure={secure}"),
            Expect::CookieLength { name, len } => write!(f, "cookie {name} of {len} characters"),
            Expect::TokenBytes { min, max } => write!(f, "an access token of {min} to {max} bytes"),
            Expect::BodyContains(t) => write!(f, "response body contains {t:?}"),
            Expect::ReplaySays(t) => write!(f, "the answer to the attacker's replay contains {t:?}"),
            Expect::LiveRefreshTokens(n) => write!(f, "{n} live refresh token(s)"),
            Expect::Replicated => f.write_str("every server holds the same sessions"),
        }
    }
}

/// A comparison between the twin world and this world after a step: the twin's
/// `meter` is `twin` (greater / less / equal) compared with this world's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Versus {
    /// Which meter.
    pub meter: Meter,
    /// The twin's value compared with this world's.
    pub twin: Ordering,
}

/// What a step is measured against: the world's figures before it ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The meters.
    pub meters: Meters,
    /// Bytes in session stores.
    pub store_bytes: u64,
    /// Exchanges so far.
    pub exchange_count: u32,
    /// The jar's cookies (name, value).
    pub cookies: Vec<(String, String)>,
}

impl Snapshot {
    /// Takes the figures of `world`.
    pub fn of(world: &World) -> Self {
        Snapshot {
            meters: world.meters,
            store_bytes: world.store_bytes() as u64,
            exchange_count: world.exchange_count,
            cookies: world.browser.jar.iter().map(|c| (c.name.clone(), c.value.clone())).collect(),
        }
    }

    /// A meter's value at the time of the snapshot.
    pub fn meter(&self, meter: Meter) -> u64 {
        meter.from(&self.meters, self.store_bytes)
    }
}

/// Runs one step's moves on `world`; returns every hop they caused, in order. A move
/// that cannot be resolved is skipped, with the reason in the browser's notes.
pub fn run_step(world: &mut World, step: &Step) -> Vec<Hop> {
    let mut hops = Vec::new();
    for m in &step.actions {
        match m.resolve(world) {
            Ok(action) => hops.extend(world.apply(action)),
            Err(why) => world.browser.notes = vec![why.into()],
        }
    }
    hops
}

/// The world after steps `0..=step` of `scenario` (a step past the end means the last
/// one), replayed from `World::new(seed, scenario.config)`, and the hops of that last
/// step (for the animation).
pub fn world_at(scenario: &Scenario, step: usize, seed: u64) -> (World, Vec<Hop>) {
    replay(scenario, scenario.config, step, seed)
}

/// Like [`world_at`] for the twin world, when the scenario has one.
pub fn twin_at(scenario: &Scenario, step: usize, seed: u64) -> Option<(World, Vec<Hop>)> {
    scenario.twin_config().map(|config| replay(scenario, config, step, seed))
}

fn replay(scenario: &Scenario, config: Config, step: usize, seed: u64) -> (World, Vec<Hop>) {
    let mut world = World::new(seed, config);
    let mut hops = Vec::new();
    for s in scenario.steps.iter().take(step.saturating_add(1)) {
        hops = run_step(&mut world, s);
    }
    (world, hops)
}

/// Checks one expectation against the world after a step (`before` taken just before
/// it, `hops` the step's hops). The error says what was found instead.
pub fn check(expect: &Expect, before: &Snapshot, after: &World, hops: &[Hop]) -> Result<(), String> {
    let last = || after.last_exchange().ok_or_else(|| "no exchange yet".to_string());
    let header = |name: &str| HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("bad header name {name:?}"));
    let want = |ok: bool, found: String| if ok { Ok(()) } else { Err(found) };
    let cookie = |name: &str| after.browser.jar.iter().find(|c| c.name == name).cloned();
    match *expect {
        Expect::Status(s) => {
            let got = last()?.response.status.as_u16();
            want(got == s, format!("got {got}"))
        }
        Expect::ServedBy(s) => {
            let got = last()?.server;
            want(got == s, format!("served by {}", server_letter(got)))
        }
        Expect::RequestHeader { name, present } => {
            let got = last()?.request.headers.contains_key(header(name)?);
            want(got == present, format!("request header {name} is {}", if got { "present" } else { "absent" }))
        }
        Expect::ResponseHeader { name, present } => {
            let got = last()?.response.headers.contains_key(header(name)?);
            want(got == present, format!("response header {name} is {}", if got { "present" } else { "absent" }))
        }
        Expect::ResponseHeaderHas { name, text } => {
            let name = header(name)?;
            let ex = last()?;
            let values: Vec<&str> = ex.response.header_values(&name).collect();
            want(values.iter().any(|v| v.contains(text)), format!("values: {values:?}"))
        }
        Expect::ErrorContains(text) => {
            let msg = last()?.response.error_message().unwrap_or_default();
            want(msg.contains(text), format!("error message: {msg:?}"))
        }
        Expect::Cookies(n) => {
            let names: Vec<&str> = after.browser.jar.iter().map(|c| c.name.as_str()).collect();
            want(names.len() == n, format!("jar holds {names:?}"))
        }
        Expect::Cookie { name, http_only } => match cookie(name) {
            Some(c) => want(c.http_only == http_only, format!("HttpOnly is {}", c.http_only)),
            None => Err(format!("no cookie {name} in the jar")),
        },
        Expect::NoCookie(name) => want(cookie(name).is_none(), format!("cookie {name} is still in the jar")),
        Expect::CookieChanged(name) => {
            let old = before.cookies.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
            match cookie(name) {
                Some(c) => want(old != Some(c.value.as_str()), "same value as before".into()),
                None => Err(format!("no cookie {name} in the jar")),
            }
        }
        Expect::Storage { key, present } => {
            let got = after.browser.local_storage.contains_key(key);
            want(got == present, format!("localStorage {key} is {}", if got { "present" } else { "absent" }))
        }
        Expect::TokenClaim { claim, value } => {
            let t = after.browser.local_storage.get(TOKEN_KEY).ok_or("no access token in localStorage")?;
            let payload = token::inspect(t).payload.map_err(|e| format!("payload unreadable: {e}"))?;
            let got = payload.get(claim).and_then(|v| v.as_str()).unwrap_or_default();
            want(got == value, format!("{claim} = {got:?}"))
        }
        Expect::SessionRows { store, rows } => {
            let got = match store {
                Where::Server(i) => {
                    after.servers.get(i as usize).map(|s| s.memory.len()).ok_or(format!("no server {i}"))?
                }
                Where::Shared => after.shared.len(),
                Where::Anywhere => after.servers.iter().map(|s| s.memory.len()).sum::<usize>() + after.shared.len(),
            };
            want(got == rows, format!("{got} row(s)"))
        }
        Expect::Meter { meter, change } => {
            let (was, now) = (before.meter(meter), meter.read(after));
            let got = match now.cmp(&was) {
                Ordering::Greater => Change::Increased,
                Ordering::Equal => Change::Unchanged,
                Ordering::Less => Change::Decreased,
            };
            want(got == change, format!("{} went from {was} to {now}", meter.name()))
        }
        Expect::Hop { from, to } => {
            let seen = hops.iter().any(|h| h.from.id() == from && h.to.id() == to);
            let all: Vec<String> = hops.iter().map(|h| format!("{}→{}", h.from.id(), h.to.id())).collect();
            want(seen, format!("hops of this step: {}", all.join(", ")))
        }
        Expect::Stolen(s) => {
            let got = match after.attacker.best() {
                Some(Credential::Bearer(_)) => Stolen::Token,
                Some(Credential::Cookie { .. }) => Stolen::SessionId,
                _ => Stolen::Nothing,
            };
            want(got == s, format!("attacker holds {got:?}"))
        }
        Expect::AttemptSays(text) => {
            let got = after.attacker.last_attempt.as_ref().map(ToString::to_string).unwrap_or_default();
            want(got.contains(text), format!("last attempt: {got:?}"))
        }
        Expect::Replay(s) => match &after.attacker.last_replay {
            Some(r) => {
                let why = r.outcome.as_ref().map(ToString::to_string).unwrap_or_default();
                want(r.status == s, format!("replay got {} ({why})", r.status))
            }
            None => Err("no replay yet".into()),
        },
        Expect::Page(kind) => {
            let got = PageKind::of(&after.browser.page);
            want(got == kind, format!("page shows {:?}", after.browser.page))
        }
        Expect::Statuses(want_all) => {
            let got: Vec<u16> = after
                .exchanges
                .iter()
                .filter(|e| e.id > before.exchange_count)
                .map(|e| e.response.status.as_u16())
                .collect();
            want(got == want_all, format!("statuses {got:?}"))
        }
        Expect::Secure { name, secure } => match cookie(name) {
            Some(c) => want(c.secure == secure, format!("Secure is {}", c.secure)),
            None => Err(format!("no cookie {name} in the jar")),
        },
        Expect::CookieLength { name, len } => match cookie(name) {
            Some(c) => want(c.value.chars().count() == len, format!("{name} is {:?}", c.value)),
            None => Err(format!("no cookie {name} in the jar")),
        },
        Expect::TokenBytes { min, max } => {
            let t = after.browser.local_storage.get(TOKEN_KEY).ok_or("no access token in localStorage")?;
            want((min..=max).contains(&t.len()), format!("the token is {} bytes", t.len()))
        }
        Expect::BodyContains(text) => {
            let body = &last()?.response.body;
            want(body.contains(text), format!("body: {body:?}"))
        }
        Expect::ReplaySays(text) => match &after.attacker.last_replay {
            Some(r) => {
                let why = r.outcome.as_ref().map(ToString::to_string).unwrap_or_default();
                want(why.contains(text), format!("replay got {} ({why})", r.status))
            }
            None => Err("no replay yet".into()),
        },
        Expect::LiveRefreshTokens(n) => {
            let got = after.db.refresh.live(after.now());
            want(got == n, format!("{got} live refresh token(s)"))
        }
        Expect::Replicated => {
            let rows: Vec<Vec<&str>> =
                after.servers.iter().map(|s| s.memory.by_age().iter().map(|x| x.sid.as_str()).collect()).collect();
            let one = after.servers.first().map_or(0, |s| s.memory.bytes());
            let all: usize = after.servers.iter().map(|s| s.memory.bytes()).sum();
            let same = rows.windows(2).all(|w| w[0] == w[1]) && !rows.first().is_none_or(Vec::is_empty);
            want(
                same && all == one * after.servers.len(),
                format!(
                    "rows per server {:?}, {all} bytes in all, {one} on A",
                    rows.iter().map(Vec::len).collect::<Vec<_>>()
                ),
            )
        }
    }
}

/// Checks a twin comparison: `twin`'s meter against `main`'s.
pub fn check_versus(versus: &Versus, main: &World, twin: &World) -> Result<(), String> {
    let (m, t) = (versus.meter.read(main), versus.meter.read(twin));
    if t.cmp(&m) == versus.twin {
        Ok(())
    } else {
        Err(format!("{}: expected twin {:?} than this world, got twin {t} vs {m}", versus.meter.name(), versus.twin))
    }
}

/// Walks the whole scenario from `World::new(seed, …)` (and its twin), checking every
/// expectation of every step. The error names the scenario, the 1-based step and each
/// failed expectation.
pub fn verify(scenario: &Scenario, seed: u64) -> Result<(), String> {
    let mut world = World::new(seed, scenario.config);
    let mut twin = scenario.twin_config().map(|c| World::new(seed, c));
    let n = scenario.steps.len();
    for (i, step) in scenario.steps.iter().enumerate() {
        let mut failed = Vec::new();
        let before = Snapshot::of(&world);
        let hops = run_step(&mut world, step);
        for e in &step.expect {
            if let Err(why) = check(e, &before, &world, &hops) {
                failed.push(format!("expected {e}, but {why}"));
            }
        }
        match twin.as_mut() {
            Some(t) => {
                let before = Snapshot::of(t);
                let hops = run_step(t, step);
                for e in &step.twin_expect {
                    if let Err(why) = check(e, &before, t, &hops) {
                        failed.push(format!("twin world: expected {e}, but {why}"));
                    }
                }
                for v in &step.versus {
                    if let Err(why) = check_versus(v, &world, t) {
                        failed.push(why);
                    }
                }
            }
            None if !step.twin_expect.is_empty() || !step.versus.is_empty() => {
                failed.push("twin expectations in a scenario without a twin".into());
            }
            None => {}
        }
        if !failed.is_empty() {
            return Err(format!("scenario {} step {}/{n}: {}", scenario.id, i + 1, failed.join("; ")));
        }
    }
    Ok(())
}

/// The scenario with this id.
pub fn by_id(id: &str) -> Option<Scenario> {
    all().into_iter().find(|s| s.id == id)
}

/// All twelve scenarios, in [`SCENARIO_IDS`] order.
pub fn all() -> Vec<Scenario> {
    vec![
        stateless_flight(),
        session_login(),
        force_logout(),
        session_scale_out(),
        session_shared_store(),
        token_login(),
        token_scale_out(),
        traffic_size(),
        stolen_credentials(),
        authn_vs_authz(),
        token_expiry_refresh(),
        xss_httponly(),
    ]
}

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

const fn t(ko: &'static str, en: &'static str) -> Text {
    Text { ko, en }
}

fn step(actions: Vec<Move>, text: Text, highlight: Vec<Highlight>, expect: Vec<Expect>) -> Step {
    Step { actions, text, highlight, expect, twin_expect: Vec::new(), versus: Vec::new() }
}

fn cfg(mode: AuthMode, servers: u8, lb: LbPolicy, store: StoreMode, transport: Transport) -> Config {
    Config { mode, servers, lb, store, transport, ..Config::default() }
}

fn one(mode: AuthMode) -> Config {
    cfg(mode, 1, LbPolicy::RoundRobin, StoreMode::Memory, Transport::Https)
}

fn act(a: Action) -> Move {
    Move::Do(a)
}

fn login(user: &str, password: &str) -> Move {
    act(Action::Login { username: user.into(), password: password.into() })
}

fn alice() -> Move {
    login("alice", "wonderland")
}

fn bob() -> Move {
    login("bob", "builder")
}

fn me() -> Move {
    act(Action::Me)
}

fn admin() -> Move {
    act(Action::Admin)
}

fn quote_jeju() -> Move {
    act(Action::QuoteFlight { to: "jeju".into() })
}

fn buy(count: u32) -> Move {
    act(Action::BuyFlight { count })
}

const fn req(name: &'static str, present: bool) -> Expect {
    Expect::RequestHeader { name, present }
}

const fn res(name: &'static str, present: bool) -> Expect {
    Expect::ResponseHeader { name, present }
}

const fn res_has(name: &'static str, text: &'static str) -> Expect {
    Expect::ResponseHeaderHas { name, text }
}

const fn cookie(name: &'static str) -> Expect {
    Expect::Cookie { name, http_only: true }
}

const fn storage(key: &'static str, present: bool) -> Expect {
    Expect::Storage { key, present }
}

const fn rows(store: Where, rows: usize) -> Expect {
    Expect::SessionRows { store, rows }
}

const fn meter(meter: Meter, change: Change) -> Expect {
    Expect::Meter { meter, change }
}

const fn hop(from: &'static str, to: &'static str) -> Expect {
    Expect::Hop { from, to }
}

const fn claim(claim: &'static str, value: &'static str) -> Expect {
    Expect::TokenClaim { claim, value }
}

const fn hl_hop(from: &'static str, to: &'static str) -> Highlight {
    Highlight::Hop { from, to }
}

const fn versus(meter: Meter, twin: Ordering) -> Versus {
    Versus { meter, twin }
}

const STORE_METER: Highlight = Highlight::Meter("meter-store-bytes");
const CRED_METER: Highlight = Highlight::Meter("meter-credential-bytes");
const TOTAL_METER: Highlight = Highlight::Meter("meter-total-bytes");
const TOKEN: &str = TOKEN_KEY;
const RT: &str = REFRESH_COOKIE;

// ---------------------------------------------------------------------------
// The twelve tours
// ---------------------------------------------------------------------------

fn stateless_flight() -> Scenario {
    Scenario {
        id: CATALOG[0].id,
        concepts: CATALOG[0].concepts,
        title: CATALOG[0].title,
        summary: t(
            "제주행 요금을 물은 다음 항공권 4장을 사려고 하면, 아무것도 기억하지 않는 서버는 어느 항공편인지 몰라요.",
            "Ask for a fare to Jeju, then for four seats: a server that keeps no state has no idea which flight.",
        ),
        config: one(AuthMode::Stateless),
        twin: None,
        steps: vec![
            step(
                vec![quote_jeju()],
                t(
                    "브라우저가 GET /flights?to=jeju로 제주행 편도 요금을 물어요. 서버 A는 70,000원이라고 답하고 그걸로 끝이에요. 응답에 Set-Cookie가 없으니 쿠키 테이블도 비어 있어요.",
                    "The browser asks GET /flights?to=jeju for a one-way fare to Jeju. Server A answers 70,000 won, and that's all. No Set-Cookie in the response, so the cookie table stays empty.",
                ),
                vec![Highlight::PageView, Highlight::ResponseHeader("Set-Cookie")],
                vec![
                    Expect::Status(200),
                    Expect::Page(PageKind::Fare),
                    Expect::BodyContains("\"fare\":70000"),
                    res("set-cookie", false),
                    Expect::Cookies(0),
                ],
            ),
            step(
                vec![buy(4)],
                t(
                    "이어서 POST /flights/buy에 {count: 4}만 실어 보내요. 요청 어디에도 조금 전 견적과 이어 줄 단서가 없어서, 서버는 400과 함께 어느 항공편이냐고 되물어요.",
                    "Next, POST /flights/buy carries only {count: 4}. Nothing in it links back to the quote a moment ago, so the server answers 400: which flight?",
                ),
                vec![Highlight::PageView, Highlight::RequestHeader("Cookie")],
                vec![
                    Expect::Status(400),
                    Expect::ErrorContains("which flight?"),
                    req("cookie", false),
                    Expect::Page(PageKind::Error),
                ],
            ),
            step(
                vec![alice(), me()],
                t(
                    "로그인도 다르지 않아요. alice의 비밀번호가 맞아서 200을 받았는데도, 바로 다음 GET /me는 누가 보냈는지 몰라 401이에요.",
                    "Logging in is no different. alice's password checks out and she gets 200, yet the very next GET /me comes from a stranger again: 401.",
                ),
                vec![Highlight::PageView],
                vec![Expect::Statuses(&[200, 401]), Expect::Cookies(0), storage(TOKEN, false), res("www-authenticate", true)],
            ),
            step(
                vec![act(Action::SetMode(AuthMode::Session)), quote_jeju()],
                t(
                    "세션 모드로 바꾸고 요금을 다시 물어요. 이번 응답에는 Set-Cookie: sid=…가 붙고, 서버 A의 세션 테이블에 견적을 담은 행이 하나 생겨요.",
                    "Switch to session mode and ask for the fare again. This response carries Set-Cookie: sid=…, and a row holding the quote appears in server A's session table.",
                ),
                vec![Highlight::ResponseHeader("Set-Cookie"), Highlight::SessionRows],
                vec![Expect::Status(200), res("set-cookie", true), cookie(SID), rows(Where::Server(0), 1)],
            ),
            step(
                vec![buy(4)],
                t(
                    "같은 구매 요청을 다시 보내요. 브라우저가 Cookie 헤더에 sid를 실어 주고, 서버는 그 세션에서 견적을 찾아 4장에 280,000원으로 처리해요.",
                    "Send the same purchase again. The browser adds the sid in a Cookie header; the server finds the quote in that session and sells four seats for 280,000 won.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::SessionRows],
                vec![
                    Expect::Status(200),
                    req("cookie", true),
                    Expect::Page(PageKind::Bought),
                    Expect::BodyContains("\"total\":280000"),
                    meter(Meter::Lookups, Change::Increased),
                ],
            ),
        ],
    }
}

fn session_login() -> Scenario {
    Scenario {
        id: CATALOG[1].id,
        concepts: CATALOG[1].concepts,
        title: CATALOG[1].title,
        summary: t(
            "비밀번호 확인, 세션 행 생성, Set-Cookie, 그리고 요청마다 따라붙는 Cookie 헤더까지 차례로 봐요.",
            "Follow a session login: the password check, a new session row, Set-Cookie, and the Cookie header on every request after.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![login("alice", "alice123")],
                t(
                    "alice가 비밀번호를 잘못 입력했어요. 서버는 입력값을 저장할 때와 같은 방식으로 해시해 사용자 테이블의 값과 비교하고, 다르니 401을 돌려줘요. 테이블에는 비밀번호가 아니라 해시만 있어요.",
                    "alice mistypes her password. The server hashes what she typed the way it hashed the stored one and compares it with her row; they differ, so 401. Notice the user table holds hashes, never passwords.",
                ),
                vec![Highlight::UserTable],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("wrong username or password"),
                    res("www-authenticate", true),
                    Expect::Cookies(0),
                    rows(Where::Anywhere, 0),
                ],
            ),
            step(
                vec![alice()],
                t(
                    "이번엔 비밀번호가 맞아요. 서버 A가 128비트 세션 id를 새로 뽑아 세션 테이블에 이 id는 alice라고 한 줄 적어요. 이 데모는 시드를 고정한 생성기로 id를 뽑지만, 실제 서버는 CSPRNG를 써야 해요.",
                    "This time the password matches. Server A draws a fresh 128-bit session id and writes one row in its session table: this id is alice. The demo draws ids from a seeded generator; a real server must use a CSPRNG.",
                ),
                vec![Highlight::SessionRows, STORE_METER],
                vec![
                    Expect::Status(200),
                    rows(Where::Server(0), 1),
                    Expect::CookieLength { name: SID, len: 32 },
                    meter(Meter::StoreBytes, Change::Increased),
                ],
            ),
            step(
                vec![],
                t(
                    "같은 응답의 Set-Cookie를 봐요. HttpOnly는 페이지 스크립트가 못 읽게, Secure는 https로만 가게 해요. SameSite=Lax는 다른 사이트에서 시작된 요청에서 쿠키를 빼요(GET 같은 안전한 메서드의 최상위 이동만 예외).",
                    "Look at the Set-Cookie of that response. HttpOnly hides the cookie from page scripts, Secure keeps it to https. SameSite=Lax leaves it off requests started by other sites, except top-level navigations with a safe method such as GET.",
                ),
                vec![Highlight::ResponseHeader("Set-Cookie"), Highlight::Cookie(SID)],
                vec![
                    res_has("set-cookie", "HttpOnly"),
                    res_has("set-cookie", "; Secure"),
                    res_has("set-cookie", "SameSite=Lax"),
                    cookie(SID),
                    Expect::Secure { name: SID, secure: true },
                    Expect::Cookies(1),
                ],
            ),
            step(
                vec![me()],
                t(
                    "GET /me를 보내요. 브라우저가 알아서 Cookie: sid=…를 붙이고, 서버 A는 그 id로 세션 테이블을 뒤져 alice를 찾아내요. 조회 횟수가 하나 올라가요.",
                    "Send GET /me. The browser attaches Cookie: sid=… on its own, and server A looks the id up in its session table and finds alice. The look-ups count goes up by one.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::SessionRows],
                vec![
                    Expect::Status(200),
                    req("cookie", true),
                    meter(Meter::Lookups, Change::Increased),
                    Expect::Page(PageKind::SignedIn),
                ],
            ),
            step(
                vec![act(Action::Advance(16 * MINUTE)), me()],
                t(
                    "시계를 16분 앞으로 돌려요. 15분 동안 쓰이지 않은 세션은 서버에서 지워졌지만 쿠키는 아직 남아 있어서, 브라우저는 sid를 보내고 401을 받아요.",
                    "Move the clock 16 minutes ahead. The session sat idle past its 15 minutes and the server dropped it, but the cookie is still in the jar: the browser sends the sid and gets 401.",
                ),
                vec![Highlight::Clock, Highlight::SessionRows],
                vec![
                    Expect::Status(401),
                    req("cookie", true),
                    res("www-authenticate", true),
                    rows(Where::Anywhere, 0),
                    cookie(SID),
                ],
            ),
        ],
    }
}

fn force_logout() -> Scenario {
    Scenario {
        id: CATALOG[2].id,
        concepts: CATALOG[2].concepts,
        title: CATALOG[2].title,
        summary: t(
            "세션은 서버에 있으니, 서버가 행 하나를 지우면 그 sid는 곧바로 쓸모없어져요.",
            "The session lives on the server, so deleting one row makes that sid worthless at once.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![alice(), me()],
                t(
                    "alice가 로그인하고 GET /me로 자기 페이지를 열어요. 서버 A의 세션 테이블에 alice의 행이 하나 있어요.",
                    "alice logs in and opens her page with GET /me. Server A's session table has one row for her.",
                ),
                vec![Highlight::SessionRows],
                vec![Expect::Status(200), rows(Where::Server(0), 1), Expect::Page(PageKind::SignedIn)],
            ),
            step(
                vec![Move::RevokeBrowserSession],
                t(
                    "운영자가 그 행의 폐기 버튼을 눌러 세션을 지워요. 브라우저 쿠키 테이블에는 sid가 그대로 있지만, 서버 쪽 기록은 사라졌어요.",
                    "An operator presses Revoke on that row and the session is gone. The browser's cookie table still lists the sid, but the server has no record of it any more.",
                ),
                vec![Highlight::SessionRows, Highlight::Cookie(SID)],
                vec![rows(Where::Anywhere, 0), meter(Meter::StoreBytes, Change::Decreased), cookie(SID)],
            ),
            step(
                vec![me()],
                t(
                    "alice가 새로고침해요. Cookie 헤더는 똑같이 가지만 서버는 그런 세션이 없다며 401로 답해요. 서버는 마음만 먹으면 누구든 그 자리에서 로그아웃시킬 수 있어요.",
                    "alice reloads. The Cookie header goes out as before, but the server finds no such session and answers 401. Whenever the server decides to, it can log anyone out on the spot.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::PageView],
                vec![
                    Expect::Status(401),
                    req("cookie", true),
                    Expect::ErrorContains("no such session"),
                    Expect::Page(PageKind::Error),
                ],
            ),
            step(
                vec![alice()],
                t(
                    "다시 로그인하면 새 id로 새 행이 생겨요. 지워진 예전 sid가 되살아나지는 않아요.",
                    "Logging in again creates a new row under a new id. The deleted sid does not come back to life.",
                ),
                vec![Highlight::SessionRows, Highlight::Cookie(SID)],
                vec![Expect::Status(200), rows(Where::Server(0), 1), Expect::CookieChanged(SID)],
            ),
            step(
                vec![act(Action::Logout)],
                t(
                    "이번엔 alice가 직접 로그아웃해요. 서버는 행을 지우고, Max-Age=0인 Set-Cookie로 브라우저의 sid도 치우게 해요.",
                    "This time alice logs out herself. The server deletes the row and answers with a Set-Cookie of Max-Age=0, so the browser throws its sid away too.",
                ),
                vec![Highlight::ResponseHeader("Set-Cookie"), Highlight::SessionRows],
                vec![
                    Expect::Status(200),
                    rows(Where::Anywhere, 0),
                    Expect::NoCookie(SID),
                    res_has("set-cookie", "Max-Age=0"),
                    Expect::Page(PageKind::LoginForm),
                ],
            ),
        ],
    }
}

fn session_scale_out() -> Scenario {
    Scenario {
        id: CATALOG[3].id,
        concepts: CATALOG[3].concepts,
        title: CATALOG[3].title,
        summary: t(
            "세션은 한 명마다 서버 메모리를 차지하고, 서버를 늘리면 로그인을 모르는 서버에 걸린 요청이 401을 받아요.",
            "Every session takes server memory; add servers, and a request that lands on one that never saw your login gets 401.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "서버 한 대에서 alice가 로그인해요. 세션 행 하나가 서버 A의 메모리에 자리를 잡고, 서버 상태 바이트 미터에 그 크기가 찍혀요.",
                    "With one server, alice logs in. One session row settles into server A's memory, and the server-state meter shows its size.",
                ),
                vec![STORE_METER, Highlight::SessionRows],
                vec![Expect::Status(200), rows(Where::Server(0), 1), meter(Meter::StoreBytes, Change::Increased)],
            ),
            step(
                vec![act(Action::SimulateUsers(1_000))],
                t(
                    "사용자 1,000명이 더 로그인했다고 쳐 봐요. 세션 행이 1,000개 늘고 서버 상태 바이트도 사람 수에 비례해 불어나요. 서버가 모두의 상태를 떠안는 대가예요.",
                    "Pretend 1,000 more users log in. The table gains 1,000 rows and the server-state bytes grow in step with them. That is what holding everyone's state costs the server.",
                ),
                vec![STORE_METER, Highlight::Server("A")],
                vec![
                    rows(Where::Server(0), 1_001),
                    meter(Meter::StoreBytes, Change::Increased),
                    meter(Meter::BulkFailed, Change::Unchanged),
                ],
            ),
            step(
                vec![act(Action::SetServers(2)), me(), me()],
                t(
                    "서버 B를 추가해 라운드 로빈 로드밸런서 뒤에 둬요. 첫 GET /me는 A로 가서 200이지만, 다음 요청은 B로 가고 B의 메모리에는 alice의 세션이 없어서 401이에요.",
                    "Add server B behind the round-robin balancer. The first GET /me goes to A and gets 200; the next one goes to B, whose memory has no session for alice: 401.",
                ),
                vec![hl_hop("balancer", "B"), Highlight::Server("B")],
                vec![
                    Expect::Statuses(&[200, 401]),
                    Expect::ServedBy(1),
                    Expect::ErrorContains("no such session"),
                    rows(Where::Server(1), 0),
                    hop("balancer", "A"),
                    hop("balancer", "B"),
                ],
            ),
            step(
                vec![me()],
                t(
                    "한 번 더 보내면 다시 A로 가서 200이에요. 세션이 없어진 게 아니라, 어느 서버에 걸리느냐에 따라 로그인 상태가 왔다 갔다 하는 거예요.",
                    "One more request goes back to A: 200. The session isn't gone; whether alice looks logged in depends on which server she happens to hit.",
                ),
                vec![hl_hop("balancer", "A"), Highlight::Server("A")],
                vec![Expect::ServedBy(0), Expect::Status(200)],
            ),
            step(
                vec![act(Action::SimulateUsers(1_000))],
                t(
                    "두 대인 채로 1,000명을 다시 흉내 내요. 로그인을 받은 서버와 다음 요청을 받은 서버가 엇갈리면서 실패 수가 쌓여요.",
                    "Simulate 1,000 users again with two servers. Each user's login and next request land on different servers, and the failures pile up.",
                ),
                vec![STORE_METER, Highlight::Server("B")],
                vec![meter(Meter::BulkFailed, Change::Increased), meter(Meter::StoreBytes, Change::Increased)],
            ),
        ],
    }
}

fn session_shared_store() -> Scenario {
    Scenario {
        id: CATALOG[4].id,
        concepts: CATALOG[4].concepts,
        title: CATALOG[4].title,
        summary: t(
            "세 가지 방법 모두 401을 막아 주지만, 치르는 대가가 저마다 달라요.",
            "All three fixes stop the 401, and each one pays a different price.",
        ),
        config: cfg(AuthMode::Session, 2, LbPolicy::Sticky, StoreMode::Memory, Transport::Https),
        twin: None,
        steps: vec![
            step(
                vec![alice(), me(), me()],
                t(
                    "로드밸런서를 sticky로 두면 첫 응답에 lb=A 쿠키가 붙어요. 그다음 요청부터는 이 쿠키를 보고 계속 A로 보내니 세션을 놓치지 않아요.",
                    "With a sticky balancer, the first response gets an lb=A cookie. From then on the balancer reads it and keeps sending you to A, so the session is never missed.",
                ),
                vec![Highlight::Cookie("lb"), Highlight::Balancer],
                vec![cookie("lb"), Expect::ServedBy(0), Expect::Status(200)],
            ),
            step(
                vec![act(Action::RestartServer(0)), me()],
                t(
                    "그런데 서버 A가 재시작하면 메모리에 있던 세션도 같이 날아가요. 요청은 여전히 A로 고정돼 있지만 맞춰 볼 세션이 없으니 401이에요.",
                    "But when server A restarts, the sessions in its memory go with it. Requests are still pinned to A, and A has nothing to match them with: 401.",
                ),
                vec![Highlight::Server("A")],
                vec![Expect::ServedBy(0), Expect::Status(401), rows(Where::Anywhere, 0)],
            ),
            step(
                vec![
                    act(Action::SetStore(StoreMode::Shared)),
                    act(Action::SetLb(LbPolicy::RoundRobin)),
                    alice(),
                    me(),
                ],
                t(
                    "이번엔 공유 세션 저장소(글의 세션 매니저)를 두고 라운드 로빈으로 돌려요. 어느 서버로 가든 같은 저장소에 물으니 200이에요. 대신 요청마다 한 번 더 오가고, 저장소는 단일 장애 지점이 돼요.",
                    "Now add a shared session store (the article's session manager) and go back to round robin. Every server asks the same store: 200. The price: one more round trip per request, and a single point of failure.",
                ),
                vec![Highlight::SharedStore, hl_hop("A", "store")],
                vec![
                    Expect::Status(200),
                    Expect::ServedBy(0),
                    rows(Where::Shared, 1),
                    rows(Where::Server(0), 0),
                    hop("A", "store"),
                    hop("store", "A"),
                ],
            ),
            step(
                vec![act(Action::RestartServer(0)), me(), me()],
                t(
                    "서버 A를 또 재시작해도 이번엔 멀쩡해요. 요청이 B로 가든 A로 가든, 세션은 A의 메모리가 아니라 저장소에서 꺼내 오니까요.",
                    "Restart server A again, and this time nothing breaks. Whether a request lands on B or on A, the session comes from the store, not from A's memory.",
                ),
                vec![Highlight::SharedStore, Highlight::Server("A")],
                vec![
                    Expect::Statuses(&[200, 200]),
                    Expect::ServedBy(0),
                    rows(Where::Shared, 1),
                    hop("balancer", "B"),
                ],
            ),
            step(
                vec![act(Action::SetStore(StoreMode::Replicated)), alice(), me()],
                t(
                    "마지막은 서버끼리 세션을 동기화하는 복제예요. 로그인을 받은 서버가 REPL SET으로 다른 서버에도 세션을 복사해 두니, 어느 서버든 자기 메모리에서 바로 찾아요. 대신 쓰기마다 복사가 퍼지고, 서버마다 같은 사본을 들고 있어서 서버 상태 바이트도 서버 수만큼 배로 늘어요.",
                    "Last, replication keeps the servers' sessions in sync. The server that takes the login copies the session to the other with REPL SET, so either finds it in its own memory. The price: every write fans out, and server-state bytes multiply by the server count.",
                ),
                vec![Highlight::SessionRows, hl_hop("B", "A"), STORE_METER],
                vec![
                    Expect::Status(200),
                    rows(Where::Server(0), 1),
                    rows(Where::Server(1), 1),
                    hop("B", "A"),
                    Expect::Replicated,
                    meter(Meter::StoreBytes, Change::Increased),
                ],
            ),
        ],
    }
}

fn token_login() -> Scenario {
    Scenario {
        id: CATALOG[5].id,
        concepts: CATALOG[5].concepts,
        title: CATALOG[5].title,
        summary: t(
            "서버는 서명 키로 JWT에 서명해 건네고, 이 페이지의 스크립트는 그걸 localStorage에 두었다가 Authorization 헤더로 보내요.",
            "The server signs a JWT with its signing key; this page's script keeps it in localStorage and sends it in the Authorization header.",
        ),
        config: one(AuthMode::Token),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "토큰 모드에서 alice가 로그인해요. 서버는 세션 행 대신 서명 키로 HS256 JWT에 서명해 본문에 담고, 7일짜리 refresh 토큰은 테이블에 한 줄 적은 뒤 쿠키로 줘요. 그래서 서버 상태 바이트도 그 한 줄만큼 늘어요.",
                    "alice logs in, in token mode. Instead of a session row the server signs an HS256 JWT with its signing key and puts it in the body; the 7-day refresh token gets a row in its table and a cookie. So server-state bytes grow by that row.",
                ),
                vec![Highlight::Server("A"), Highlight::Storage(TOKEN), STORE_METER],
                vec![
                    Expect::Status(200),
                    storage(TOKEN, true),
                    cookie(RT),
                    rows(Where::Anywhere, 0),
                    Expect::LiveRefreshTokens(1),
                    meter(Meter::StoreBytes, Change::Increased),
                ],
            ),
            step(
                vec![],
                t(
                    "JWT 살펴보기에서 토큰을 열면 점으로 나뉜 세 조각이 보여요. 가운데 payload(sub=alice, role=user, 15분 뒤의 exp)는 base64url만 풀면 누구나 읽어요. 암호화가 아니라 인코딩이라서, 서명 키 없이 만들 수 없는 건 끝의 서명뿐이에요.",
                    "Open the token in the JWT inspector: three pieces split by dots. Anyone can base64url-decode the payload (sub=alice, role=user, an exp 15 minutes away): it is encoded, not encrypted. Only the signature at the end needs the signing key.",
                ),
                vec![Highlight::JwtInspector],
                vec![claim("sub", "alice"), claim("role", "user")],
            ),
            step(
                vec![me()],
                t(
                    "GET /me를 보내면 페이지 스크립트가 localStorage에서 토큰을 꺼내 Authorization: Bearer … 헤더에 넣어요. 서버는 아무것도 조회하지 않고 서명과 alg, exp, iat만 검증해요. 조회 횟수는 그대로고 검증 횟수만 올라가요.",
                    "On GET /me the page script takes the token out of localStorage and puts it in Authorization: Bearer …. The server looks nothing up: it checks the signature, alg, exp and iat. Look-ups stay put, verifications go up.",
                ),
                vec![Highlight::RequestHeader("Authorization"), Highlight::Storage(TOKEN)],
                vec![
                    Expect::Status(200),
                    req("authorization", true),
                    req("cookie", false),
                    meter(Meter::Lookups, Change::Unchanged),
                    meter(Meter::Verifications, Change::Increased),
                ],
            ),
            step(
                vec![Move::SendTamperedToken { role: "admin" }],
                t(
                    "payload의 role을 admin으로 고쳐서 보내 봐요. 내용이 바뀌었으니 서명과 맞지 않고, 서버는 401로 돌려보내요.",
                    "Edit the payload so role says admin, and send it. The content no longer matches the signature, and the server turns it away with 401.",
                ),
                vec![Highlight::JwtInspector, Highlight::ResponseHeader("WWW-Authenticate")],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("signature"),
                    res_has("www-authenticate", "error=\"invalid_token\""),
                ],
            ),
            step(
                vec![act(Action::Logout)],
                t(
                    "로그아웃하면 페이지 스크립트가 localStorage에서 토큰을 지우고, 서버는 refresh 토큰 패밀리를 폐기하고 rt 쿠키도 지우게 해요. access 토큰은 서버가 기억하지 않으니, 어딘가 사본이 있다면 exp까지는 계속 통해요.",
                    "On logout the page script deletes the token from localStorage, and the server revokes the refresh-token family and has the rt cookie cleared. The server keeps no record of the access token, so any copy of it elsewhere still works until its exp.",
                ),
                vec![Highlight::PageView, Highlight::Cookie(RT)],
                vec![
                    Expect::Status(200),
                    storage(TOKEN, false),
                    Expect::NoCookie(RT),
                    Expect::LiveRefreshTokens(0),
                    Expect::Page(PageKind::LoginForm),
                ],
            ),
        ],
    }
}

fn token_scale_out() -> Scenario {
    Scenario {
        id: CATALOG[6].id,
        concepts: CATALOG[6].concepts,
        title: CATALOG[6].title,
        summary: t(
            "공유 저장소가 없어도, 같은 서명 키를 가진 서버라면 어디서든 토큰을 검증할 수 있어요.",
            "No shared store needed to check a token: any server that holds the same signing key can verify it.",
        ),
        config: cfg(AuthMode::Token, 3, LbPolicy::RoundRobin, StoreMode::Memory, Transport::Https),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "서버 세 대가 라운드 로빈 뒤에 있어요. alice의 로그인은 A가 받아 토큰에 서명하고, refresh 토큰 한 줄을 서버들이 함께 쓰는 테이블에 적어요. 세션 행은 어느 서버에도 없어요.",
                    "Three servers sit behind a round-robin balancer. Server A takes alice's login, signs her token and writes one refresh-token row in the table the servers share. No server holds a session row.",
                ),
                vec![Highlight::Server("A")],
                vec![Expect::ServedBy(0), Expect::Status(200), rows(Where::Anywhere, 0), Expect::LiveRefreshTokens(1)],
            ),
            step(
                vec![me()],
                t(
                    "다음 요청은 B로 가요. B는 alice를 본 적이 없지만 같은 서명 키로 서명과 exp를 검증하고 200을 돌려줘요.",
                    "The next request goes to B. B has never seen alice, but it verifies the signature and exp with the same signing key and returns 200.",
                ),
                vec![hl_hop("balancer", "B"), Highlight::Server("B")],
                vec![Expect::ServedBy(1), Expect::Status(200), meter(Meter::Verifications, Change::Increased)],
            ),
            step(
                vec![me(), me()],
                t(
                    "C를 거쳐 다시 A로 가도 결과는 같아요. 조회 횟수는 꿈쩍도 않고 검증 횟수만 요청마다 하나씩 올라가요.",
                    "Through C and back to A, the result is the same. Look-ups don't move; verifications rise by one per request.",
                ),
                vec![Highlight::Server("C"), Highlight::Server("A")],
                vec![
                    Expect::ServedBy(0),
                    Expect::Statuses(&[200, 200]),
                    hop("balancer", "C"),
                    meter(Meter::Lookups, Change::Unchanged),
                    meter(Meter::Verifications, Change::Increased),
                ],
            ),
            step(
                vec![act(Action::SimulateUsers(1_000))],
                t(
                    "1,000명을 흉내 내도 실패는 없어요. access 토큰 검증에는 조회가 필요 없고, 상태가 없다는 건 바로 이 부분이에요. refresh 토큰은 여전히 로그인마다 테이블에 한 줄씩 남아요.",
                    "Simulate 1,000 users: no failures. Checking an access token needs no look-up: that is the stateless part. Refresh tokens still have their table, one row per login.",
                ),
                vec![STORE_METER],
                vec![
                    meter(Meter::BulkFailed, Change::Unchanged),
                    meter(Meter::Lookups, Change::Unchanged),
                    meter(Meter::Verifications, Change::Increased),
                    meter(Meter::StoreBytes, Change::Increased),
                ],
            ),
            step(
                vec![act(Action::RotateKey { server: Some(1), graceful: false }), me(), me()],
                t(
                    "조건이 하나 있어요. 모든 서버가 같은 키를 가져야 해요. B 혼자 키를 교체하면 A는 받아 주는 토큰을 B는 거부해서 401이 나요.",
                    "There is one condition: every server needs the same key. If B alone rotates to a new key, B rejects the token A still accepts: 401.",
                ),
                vec![Highlight::Server("B"), hl_hop("balancer", "B")],
                vec![Expect::ServedBy(1), Expect::Statuses(&[200, 401]), hop("balancer", "A")],
            ),
        ],
    }
}

fn traffic_size() -> Scenario {
    let twin = |s: Step, twin_expect: Vec<Expect>, versus: Vec<Versus>| Step { twin_expect, versus, ..s };
    Scenario {
        id: CATALOG[7].id,
        concepts: CATALOG[7].concepts,
        title: CATALOG[7].title,
        summary: t(
            "같은 요청을 세션 세계와 토큰 세계에서 나란히 보내고 바이트 미터를 견줘 봐요.",
            "Send the same requests in a session world and a token world side by side, and compare their byte meters.",
        ),
        config: one(AuthMode::Session),
        twin: Some(AuthMode::Token),
        steps: vec![
            twin(
                step(
                    vec![alice()],
                    t(
                        "왼쪽은 세션, 오른쪽은 토큰 세계예요. 똑같이 로그인했는데 세션 쪽은 32글자 sid 쿠키를, 토큰 쪽은 230바이트 안팎의 JWT를 받아요.",
                        "Left is the session world, right the token world. Same login in both: the session side gets a 32-character sid cookie, the token side a JWT of about 230 bytes.",
                    ),
                    vec![TOTAL_METER, Highlight::Cookie(SID), Highlight::Storage(TOKEN)],
                    vec![Expect::Status(200), cookie(SID), Expect::CookieLength { name: SID, len: 32 }],
                ),
                vec![Expect::Status(200), storage(TOKEN, true), Expect::TokenBytes { min: 215, max: 245 }],
                vec![versus(Meter::TotalBytes, Ordering::Greater)],
            ),
            twin(
                step(
                    vec![me()],
                    t(
                        "GET /me를 한 번씩 보내요. 세션 쪽 요청에는 Cookie: sid=… 한 줄이, 토큰 쪽에는 Authorization: Bearer … 한 줄이 붙는데 길이가 몇 배나 달라요.",
                        "One GET /me each. The session request carries a Cookie: sid=… line, the token request an Authorization: Bearer … line several times longer.",
                    ),
                    vec![Highlight::RequestHeader("Cookie"), Highlight::RequestHeader("Authorization"), CRED_METER],
                    vec![Expect::Status(200), req("cookie", true)],
                ),
                vec![Expect::Status(200), req("authorization", true)],
                vec![versus(Meter::CredentialBytes, Ordering::Greater)],
            ),
            twin(
                step(
                    vec![me(); 10],
                    t(
                        "열 번 더 보내요. 토큰 안에는 사용자와 역할, 발급과 만료 시각, 토큰 id가 들어 있어서 요청할 때마다 그걸 전부 다시 실어 날라요. 격차는 요청 수만큼 벌어져요.",
                        "Ten more requests. The token holds the user, the role, issue and expiry times and a token id, and every request ships all of it again. The gap widens with each one.",
                    ),
                    vec![CRED_METER, TOTAL_METER],
                    vec![Expect::Status(200), meter(Meter::CredentialBytes, Change::Increased)],
                ),
                vec![Expect::Status(200)],
                vec![versus(Meter::CredentialBytes, Ordering::Greater), versus(Meter::TotalBytes, Ordering::Greater)],
            ),
            twin(
                step(
                    vec![act(Action::SimulateUsers(1_000))],
                    t(
                        "1,000명을 흉내 내면 그림이 또렷해져요. 전송 바이트는 토큰 쪽이 더 많아요. 서버 상태는 양쪽 다 로그인마다 한 줄씩 쌓이지만, 토큰 쪽은 요청에 답할 때 그 테이블을 조회하지 않아요.",
                        "Simulating 1,000 users makes it plain. The token world sends more bytes. Both worlds keep a row per login, but the token world never looks its table up to answer a request.",
                    ),
                    vec![CRED_METER, STORE_METER],
                    vec![meter(Meter::StoreBytes, Change::Increased), meter(Meter::Lookups, Change::Increased)],
                ),
                vec![meter(Meter::StoreBytes, Change::Increased), meter(Meter::Lookups, Change::Unchanged)],
                vec![versus(Meter::CredentialBytes, Ordering::Greater), versus(Meter::Lookups, Ordering::Less)],
            ),
        ],
    }
}

fn stolen_credentials() -> Scenario {
    Scenario {
        id: CATALOG[8].id,
        concepts: CATALOG[8].concepts,
        title: CATALOG[8].title,
        summary: t(
            "훔친 sid는 서버가 세션을 지우면 끝나지만, 훔친 토큰은 만료되거나 서버가 따로 막을 때까지 통해요.",
            "A stolen sid dies when the server deletes the session; a stolen token works until it expires or the servers block it.",
        ),
        config: cfg(AuthMode::Session, 1, LbPolicy::RoundRobin, StoreMode::Memory, Transport::Http),
        twin: None,
        steps: vec![
            step(
                vec![alice(), me()],
                t(
                    "사이트가 암호화 없는 http로 돌고 있어요. alice가 로그인해 GET /me를 보내는데, 쿠키에 Secure가 빠져 있고 요청은 평문으로 오가요.",
                    "The site runs over plain http. alice logs in and sends GET /me; her cookie lacks the Secure flag and every request travels as plain text.",
                ),
                vec![Highlight::Cookie(SID), Highlight::RequestHeader("Cookie")],
                vec![Expect::Status(200), cookie(SID), Expect::Secure { name: SID, secure: false }, req("cookie", true)],
            ),
            step(
                vec![act(Action::StealSniff)],
                t(
                    "같은 네트워크의 공격자가 오가는 요청을 엿봐요. HttpOnly는 스크립트만 막아 줄 뿐이라, Cookie 헤더에 실린 sid가 그대로 공격자 손에 들어가요.",
                    "An attacker on the same network reads the traffic. HttpOnly only stops scripts, so the sid in the Cookie header lands straight in the attacker's loot.",
                ),
                vec![Highlight::Attacker],
                vec![Expect::Stolen(Stolen::SessionId)],
            ),
            step(
                vec![act(Action::Replay)],
                t(
                    "공격자가 자기 브라우저에서 훔친 sid로 GET /me를 보내요. 서버가 보기엔 alice와 구별할 방법이 없으니 200이에요.",
                    "The attacker sends GET /me from their own browser with the stolen sid. The server has no way to tell them from alice: 200.",
                ),
                vec![Highlight::Attacker, hl_hop("attacker", "balancer")],
                vec![Expect::Replay(200), hop("attacker", "balancer")],
            ),
            step(
                vec![Move::RevokeBrowserSession, act(Action::Replay)],
                t(
                    "수상한 접속을 알아챈 운영자가 세션 행을 지워요. 공격자가 같은 sid를 다시 보내도 이제는 401이에요.",
                    "An operator notices the odd access and deletes the session row. The same sid, replayed, now gets 401.",
                ),
                vec![Highlight::SessionRows, Highlight::Attacker],
                vec![Expect::Replay(401), rows(Where::Anywhere, 0)],
            ),
            step(
                vec![act(Action::SetMode(AuthMode::Token)), alice(), act(Action::StealSniff)],
                t(
                    "이번엔 토큰 모드로, 똑같이 평문 http예요. 같은 도청자가 로그인 응답 본문의 access_token을 그대로 읽어 가요. 토큰이라고 도청에 더 강하지는 않아요.",
                    "Now token mode, over the same plain http. The same eavesdropper reads access_token straight out of the login response body. A token is no harder to sniff than a cookie.",
                ),
                vec![Highlight::Storage(TOKEN), Highlight::Attacker],
                vec![Expect::Stolen(Stolen::Token), storage(TOKEN, true), Expect::AttemptSays("plain http: read")],
            ),
            step(
                vec![act(Action::Replay), act(Action::Logout), act(Action::Replay)],
                t(
                    "공격자가 그 토큰으로 GET /me를 보내 200을 받아요. alice가 로그아웃하면 서버는 refresh 토큰 패밀리를 폐기하지만, 이미 발급된 access 토큰은 exp까지 유효해서 공격자의 재전송은 여전히 200이에요.",
                    "The attacker replays the token and gets 200. alice logs out: the server revokes her refresh-token family, but an access token already issued stays valid until its exp, so the replay still gets 200.",
                ),
                vec![Highlight::Attacker, Highlight::PageView],
                vec![Expect::Replay(200), storage(TOKEN, false), Expect::LiveRefreshTokens(0)],
            ),
            step(
                vec![Move::DenylistStolenToken, act(Action::Replay)],
                t(
                    "막으려면 서버들이 이 토큰의 jti를 거부 목록에 올려야 해요. 재전송은 401이 되지만 이제 요청마다 목록을 조회하니, 토큰이 피하려던 조회가 돌아온 셈이에요. 다른 길은 exp까지 최대 15분을 기다리거나, 모든 사용자의 access 토큰을 한꺼번에 무효로 만드는 서명 키 교체예요.",
                    "The servers can denylist the token's jti: the replay gets 401, but every request now checks that list, the very look-up tokens were meant to avoid. Or wait up to 15 minutes for exp, or rotate the signing key, which voids everyone's access token at once.",
                ),
                vec![Highlight::Attacker, Highlight::Server("A")],
                vec![Expect::Replay(401), Expect::ReplaySays("revoked"), meter(Meter::Lookups, Change::Increased)],
            ),
        ],
    }
}

fn authn_vs_authz() -> Scenario {
    Scenario {
        id: CATALOG[9].id,
        concepts: CATALOG[9].concepts,
        title: CATALOG[9].title,
        summary: t(
            "누군지 모르면 401, 누군지는 알지만 권한이 없으면 403이에요.",
            "401 means the server doesn't know who you are; 403 means it knows, and the answer is no.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![admin()],
                t(
                    "로그인하지 않고 GET /admin을 열어요. 서버는 요청한 사람이 누군지부터 모르니 401로 답해요. 이름은 Unauthorized지만 뜻은 '인증되지 않음'이고, 응답의 WWW-Authenticate가 로그인할 곳을 알려 줘요.",
                    "Open GET /admin without logging in. The server can't tell who is asking, so it answers 401. Its name says Unauthorized, but it means unauthenticated, and its WWW-Authenticate header says where to log in.",
                ),
                vec![Highlight::PageView, Highlight::ResponseHeader("WWW-Authenticate")],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("not logged in"),
                    req("cookie", false),
                    res_has("www-authenticate", "form-action=\"/login\""),
                ],
            ),
            step(
                vec![alice(), me()],
                t(
                    "alice로 로그인하면 GET /me가 200이에요. 내가 누구인지 증명하는 이 과정이 인증이에요.",
                    "Log in as alice and GET /me returns 200. Proving who you are is authentication.",
                ),
                vec![Highlight::PageView],
                vec![Expect::Status(200), Expect::Page(PageKind::SignedIn)],
            ),
            step(
                vec![admin()],
                t(
                    "alice가 GET /admin을 열어요. 서버는 alice라는 건 알지만 역할이 user라서 403 Forbidden을 줘요. 누구인지 확인하는 게 인증이고, 무엇을 해도 되는지 정하는 게 인가예요.",
                    "alice opens GET /admin. The server knows it's alice, but her role is user, so 403 Forbidden. Checking who you are is authentication; deciding what you may do is authorization.",
                ),
                vec![Highlight::PageView],
                vec![
                    Expect::Status(403),
                    Expect::ErrorContains("admins only"),
                    res("www-authenticate", false),
                    Expect::Page(PageKind::Error),
                ],
            ),
            step(
                vec![act(Action::Logout), bob(), admin()],
                t(
                    "로그아웃하고 bob으로 들어가요. bob의 세션에는 admin 역할이 적혀 있어서 GET /admin이 200이에요.",
                    "Log out and sign in as bob. His session records the admin role, so GET /admin returns 200.",
                ),
                vec![Highlight::PageView, Highlight::SessionRows],
                vec![Expect::Status(200), Expect::Page(PageKind::Admin)],
            ),
            step(
                vec![act(Action::SetMode(AuthMode::Token)), alice(), admin()],
                t(
                    "토큰 모드에서도 규칙은 같아요. 서버는 서명을 검증한 다음 토큰의 role 클레임을 읽고, user라서 403을 돌려줘요.",
                    "Token mode follows the same rule. The server verifies the signature, then reads the token's role claim, sees user and returns 403.",
                ),
                vec![Highlight::JwtInspector, Highlight::PageView],
                vec![Expect::Status(403), claim("role", "user"), meter(Meter::Verifications, Change::Increased)],
            ),
            step(
                vec![Move::SendTamperedToken { role: "admin" }],
                t(
                    "role을 admin으로 고친 토큰을 보내면 403이 아니라 401이 와요. 서명이 깨진 순간 서버는 누구인지부터 믿을 수 없거든요.",
                    "Send a copy with role edited to admin and you get 401, not 403. Once the signature breaks, the server can't trust who you are in the first place.",
                ),
                vec![Highlight::JwtInspector],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("signature"),
                    res_has("www-authenticate", "error=\"invalid_token\""),
                ],
            ),
        ],
    }
}

fn token_expiry_refresh() -> Scenario {
    Scenario {
        id: CATALOG[10].id,
        concepts: CATALOG[10].concepts,
        title: CATALOG[10].title,
        summary: t(
            "짧게 사는 access 토큰, 오래 사는 refresh 토큰, 쓸 때마다 바뀌는 교체와 재사용 감지까지 봐요.",
            "A short-lived access token, a long-lived refresh token, rotation on every use, and reuse detection.",
        ),
        config: one(AuthMode::Token),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "alice가 로그인하면 두 가지를 받아요. 15분짜리 access 토큰은 이 페이지의 스크립트가 localStorage에 두고, 7일짜리 refresh 토큰은 Path=/token, Max-Age=604800인 HttpOnly 쿠키 rt에 들어가요.",
                    "alice logs in and gets two things. This page's script keeps the 15-minute access token in localStorage; the 7-day refresh token goes into rt, an HttpOnly cookie with Path=/token and Max-Age=604800.",
                ),
                vec![Highlight::Storage(TOKEN), Highlight::Cookie(RT)],
                vec![
                    storage(TOKEN, true),
                    cookie(RT),
                    res_has("set-cookie", "Path=/token"),
                    res_has("set-cookie", "Max-Age=604800"),
                ],
            ),
            step(
                vec![act(Action::Advance(10 * MINUTE)), me()],
                t(
                    "가상 시계를 10분 돌리고 GET /me를 보내요. 아직 exp 전이라 200이고, rt 쿠키는 경로가 맞지 않아 이 요청에 실리지 않아요.",
                    "Move the virtual clock 10 minutes and send GET /me. exp hasn't come yet, so 200, and the rt cookie stays home because its path doesn't match.",
                ),
                vec![Highlight::Clock, Highlight::RequestHeader("Authorization")],
                vec![Expect::Status(200), req("cookie", false), req("authorization", true)],
            ),
            step(
                vec![act(Action::Advance(5 * MINUTE + SECOND)), me()],
                t(
                    "5분을 더 보내면 exp를 넘어요. 같은 토큰이 이번엔 401이고, 응답의 WWW-Authenticate 헤더가 만료됐다고 알려 줘요.",
                    "Five more minutes and exp has passed. The same token now gets 401, and the WWW-Authenticate header in the response says it expired.",
                ),
                vec![Highlight::Clock, Highlight::ResponseHeader("WWW-Authenticate")],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("expired"),
                    res_has("www-authenticate", "error=\"invalid_token\""),
                    res_has("www-authenticate", "expired"),
                ],
            ),
            step(
                vec![act(Action::StealCookie { name: RT.into() })],
                t(
                    "그사이 alice의 컴퓨터에 숨어든 악성 프로그램이 브라우저 프로필에서 rt 쿠키를 복사해 가요. HttpOnly는 페이지 스크립트만 막을 뿐, 디스크의 쿠키 파일까지 지켜 주지는 않아요.",
                    "Meanwhile malware on alice's computer copies the rt cookie out of the browser's profile. HttpOnly only keeps page scripts out; it does not guard the cookie file on disk.",
                ),
                vec![Highlight::Attacker, Highlight::Cookie(RT)],
                vec![Expect::AttemptSays("malware copied cookie rt="), cookie(RT)],
            ),
            step(
                vec![act(Action::Refresh)],
                t(
                    "페이지가 POST /token/refresh를 보내요. 이번엔 rt 쿠키가 함께 가고, 서버는 새 access 토큰과 새 rt를 내주면서 방금 받은 rt에는 사용 완료 표시를 해요.",
                    "The page sends POST /token/refresh. This time the rt cookie goes along; the server hands out a new access token and a new rt, and marks the one it just received as used.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::Cookie(RT)],
                vec![
                    Expect::Status(200),
                    req("cookie", true),
                    Expect::CookieChanged(RT),
                    Expect::Page(PageKind::Refreshed),
                    meter(Meter::Lookups, Change::Increased),
                ],
            ),
            step(
                vec![me()],
                t(
                    "새 토큰으로 GET /me가 다시 200이에요. alice는 비밀번호를 다시 입력하지 않았어요.",
                    "With the new token GET /me is 200 again. alice never typed her password a second time.",
                ),
                vec![Highlight::Storage(TOKEN), Highlight::PageView],
                vec![Expect::Status(200), Expect::Page(PageKind::SignedIn)],
            ),
            step(
                vec![Move::ReplayStolenRefreshToken, me()],
                t(
                    "공격자가 자기 브라우저에서 훔친 rt로 POST /token/refresh를 보내요. 이미 쓴 rt가 다시 왔으니 서버는 재사용을 잡아내 이 로그인의 refresh 토큰을 모두 폐기해요. access 토큰은 폐기되지 않아서 alice의 GET /me는 exp까지 여전히 200이에요.",
                    "The attacker sends POST /token/refresh with the stolen rt from their own browser. A used rt coming back is reuse: the server revokes every refresh token of this login. Access tokens are not revoked, so alice's GET /me still gets 200 until its exp.",
                ),
                vec![Highlight::Attacker, Highlight::Server("A")],
                vec![
                    Expect::Replay(401),
                    Expect::ReplaySays("reuse"),
                    hop("attacker", "balancer"),
                    Expect::LiveRefreshTokens(0),
                    Expect::Status(200),
                ],
            ),
            step(
                vec![act(Action::Advance(15 * MINUTE)), act(Action::Refresh)],
                t(
                    "15분 뒤 access 토큰이 만료되자 페이지가 refresh를 보내요. alice의 rt는 그대로 실려 가지만 패밀리가 폐기됐으니 401이고, 남은 길은 새로 로그인하는 것뿐이에요.",
                    "Fifteen minutes later the access token expires and the page sends a refresh. alice's rt goes along as always, but its family is revoked: 401, and the only way back in is a fresh login.",
                ),
                vec![Highlight::Clock, Highlight::RequestHeader("Cookie")],
                vec![Expect::Status(401), Expect::ErrorContains("revoked"), req("cookie", true), res("www-authenticate", true)],
            ),
        ],
    }
}

fn xss_httponly() -> Scenario {
    Scenario {
        id: CATALOG[11].id,
        concepts: CATALOG[11].concepts,
        title: CATALOG[11].title,
        summary: t(
            "HttpOnly 쿠키는 스크립트가 읽지 못해도 요청에는 실려 가고, localStorage는 스크립트가 다 읽어요. 쿠키가 저절로 따라가니 SameSite도 필요해요.",
            "Scripts can't read an HttpOnly cookie, yet it rides on their requests; localStorage they read whole. Cookies going along on their own is what SameSite is for.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "세션 모드로 로그인해요. sid 쿠키에는 HttpOnly가 붙어 있어서 쿠키 테이블의 HttpOnly 칸에 체크가 보여요.",
                    "Log in in session mode. The sid cookie is HttpOnly: see the tick in the HttpOnly column of the cookie table.",
                ),
                vec![Highlight::Cookie(SID), Highlight::ResponseHeader("Set-Cookie")],
                vec![Expect::Status(200), cookie(SID)],
            ),
            step(
                vec![act(Action::StealXss)],
                t(
                    "악성 스크립트가 페이지에 끼어들어 읽을 수 있는 건 다 긁어 가요. document.cookie에 sid가 보이지 않으니 공격자 손에 들어간 건 없어요.",
                    "A malicious script gets into the page and grabs whatever it can read. document.cookie doesn't show the sid, so the attacker ends up with nothing.",
                ),
                vec![Highlight::Attacker, Highlight::Cookie(SID)],
                vec![Expect::Stolen(Stolen::Nothing), Expect::AttemptSays("HttpOnly kept sid")],
            ),
            step(
                vec![act(Action::XssRequest)],
                t(
                    "그래도 안심은 일러요. 같은 스크립트가 alice의 페이지에서 GET /me를 보내면 브라우저가 알아서 sid를 붙여서 200이 와요. 쿠키 값은 못 읽어도 alice인 척 요청은 보낼 수 있어요.",
                    "That's no all-clear. When the same script sends GET /me from alice's page, the browser adds the sid itself: 200. The script never reads the cookie, yet it can act as alice.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::Attacker],
                vec![
                    Expect::Status(200),
                    req("cookie", true),
                    Expect::AttemptSays("the injected script sent a request as the user and got 200"),
                    Expect::Stolen(Stolen::Nothing),
                ],
            ),
            step(
                vec![quote_jeju(), act(Action::CrossSite)],
                t(
                    "이번엔 evil.example의 폼이 이 사이트로 POST /flights/buy를 보내요. 쿠키는 브라우저가 알아서 붙이지만, SameSite=Lax는 다른 사이트에서 시작된 요청에서 쿠키를 빼요(GET 같은 안전한 메서드의 최상위 이동만 예외). 그래서 sid 없이 가서 400이에요.",
                    "Now a form on evil.example posts to /flights/buy on this site. The browser attaches cookies by itself, but SameSite=Lax leaves them off requests started by another site, except top-level navigations with a safe method like GET. So no sid: 400.",
                ),
                vec![Highlight::RequestHeader("Cookie"), hl_hop("browser", "balancer")],
                vec![Expect::Status(400), req("cookie", false), req("origin", true)],
            ),
            step(
                vec![act(Action::SetMode(AuthMode::Token)), alice()],
                t(
                    "토큰 모드로 바꿔 다시 로그인해요. 이 페이지의 스크립트는 access 토큰을 localStorage에 보관해요.",
                    "Switch to token mode and log in again. This page's script keeps the access token in localStorage.",
                ),
                vec![Highlight::Storage(TOKEN)],
                vec![Expect::Status(200), storage(TOKEN, true)],
            ),
            step(
                vec![act(Action::StealXss)],
                t(
                    "같은 악성 스크립트가 다시 돌아요. localStorage는 그 페이지의 어떤 스크립트든 읽을 수 있어서 토큰이 통째로 넘어가요.",
                    "The same malicious script runs again. Any script on the page can read localStorage, so the whole token goes to the attacker.",
                ),
                vec![Highlight::Storage(TOKEN), Highlight::Attacker],
                vec![Expect::Stolen(Stolen::Token)],
            ),
            step(
                vec![act(Action::CrossSite)],
                t(
                    "반대로 evil.example의 폼 요청에는 Authorization 헤더가 없어요. 이 헤더는 사이트의 스크립트만 붙일 수 있어서 CSRF에는 강하지만, 방금 본 것처럼 XSS에는 약해요.",
                    "On the other hand, the form post from evil.example carries no Authorization header. Only the site's own script adds it, so it resists CSRF, yet as you just saw it falls to XSS.",
                ),
                vec![Highlight::RequestHeader("Authorization")],
                vec![Expect::Status(400), req("authorization", false), req("origin", true)],
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::config::Choice;

    #[test]
    fn ids_match_the_contract_and_choices_parse() {
        let ids: Vec<&str> = all().iter().map(|s| s.id).collect();
        assert_eq!(ids, SCENARIO_IDS);
        assert_eq!(AuthMode::from_id("token"), Some(AuthMode::Token));
        assert!(by_id("nope").is_none());
    }

    #[test]
    fn url_steps_are_one_based() {
        let s = by_id("session-scale-out").expect("scenario");
        assert_eq!(s.index_of_url_step(3), Some(2));
        assert_eq!(s.index_of_url_step(0), None);
        assert_eq!(s.index_of_url_step(s.steps.len() + 1), None);
    }
}
