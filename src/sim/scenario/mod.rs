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
use super::config::{AuthMode, Config};
use super::hop::{server_letter, Actor, Hop};
use super::meters::Meters;
use super::note::{BrowserNote, MoveError, Note};
use super::refresh::REFRESH_COOKIE;
use super::{token, Action, World, SID};
use http::header::HeaderName;
use http::Method;
use std::cmp::Ordering;
use std::fmt;

mod build;
pub mod tours;

/// The tours, in the tour bar's order: [`tours::TOURS`], the one list a tour is
/// registered in.
pub const COUNT: usize = tours::TOURS.len();

/// The scenario ids of the UI contract, in the tour bar's order.
pub const SCENARIO_IDS: [&str; COUNT] = {
    let mut ids = [""; COUNT];
    let mut i = 0;
    while i < COUNT {
        ids[i] = tours::TOURS[i].entry.id;
        i += 1;
    }
    ids
};

/// What the tour bar lists before any tour is opened: id, concepts and title of each
/// scenario, in [`SCENARIO_IDS`] order. (The page's first load holds this table, made
/// at compile time; the steps and narration arrive with the engine when a tour opens.)
pub const CATALOG: [Entry; COUNT] = {
    let mut out = [Entry { id: "", concepts: "", title: Text { ko: "", en: "" } }; COUNT];
    let mut i = 0;
    while i < COUNT {
        out[i] = tours::TOURS[i].entry;
        i += 1;
    }
    out
};

/// A registered tour: its catalogue entry and the function that builds its steps.
#[derive(Clone, Copy)]
pub struct Tour {
    /// What the tour bar lists.
    pub entry: Entry,
    /// The scenario itself (steps, narration, expectations).
    pub build: fn() -> Scenario,
}

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
    /// Its id, the article's concepts it covers and its title: its entry in the catalogue.
    pub entry: Entry,
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
    /// auth.example, the identity provider.
    Idp,
    /// What the page script holds in memory (the access token, token store `memory`).
    PageMemory,
    /// evil.example, the attacker's page.
    Evil,
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
    /// Miles sent.
    Transferred,
    /// auth.example's login form.
    IdpLogin,
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
            PageView::Transferred { .. } => PageKind::Transferred,
            PageView::IdpLogin { .. } => PageKind::IdpLogin,
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
    /// The last request of the browser went without this cookie, held back by its
    /// SameSite attribute (the reason is on the stage).
    Withheld(&'static str),
    /// A user holds this many miles.
    Miles {
        /// The user.
        user: &'static str,
        /// Miles.
        miles: u32,
    },
    /// The page script holds an access token in memory (or not).
    MemoryToken(bool),
    /// The last request's target (path and query) contains this text.
    TargetContains(&'static str),
    /// The newest exchange to `path` ended in a verdict that says this.
    Said {
        /// The path.
        path: &'static str,
        /// Text of the server's note.
        text: &'static str,
    },
    /// The session of the browser's `sid` holds auth.example's tokens (they stay on the
    /// server: backend-for-frontend).
    SessionKeepsTokens,
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
            Expect::Withheld(name) => write!(f, "cookie {name} held back by SameSite from the last request"),
            Expect::Miles { user, miles } => write!(f, "{user} holds {miles} miles"),
            Expect::MemoryToken(held) => write!(f, "an access token in page memory: {held}"),
            Expect::TargetContains(t) => write!(f, "the last request's target contains {t:?}"),
            Expect::Said { path, text } => write!(f, "the answer to {path} says {text:?}"),
            Expect::SessionKeepsTokens => f.write_str("the browser's session keeps auth.example's tokens"),
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
            let got = last()?.handler;
            want(got == Actor::Server(s), format!("served by {}", got.id()))
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
        Expect::Withheld(name) => {
            let ex =
                after.exchanges.iter().rev().find(|e| e.actor == Actor::Browser).ok_or("no request of the browser")?;
            let reasons: Vec<String> = match ex.hops.first().and_then(|h| h.note.as_ref()) {
                Some(Note::Browser(BrowserNote::Sent(s))) => {
                    s.withheld.iter().filter(|(n, _)| *n == name).map(|(_, why)| why.to_string()).collect()
                }
                _ => Vec::new(),
            };
            let by_samesite = reasons.iter().any(|r| r.contains("SameSite"));
            let sent = ex
                .request
                .header(&http::header::COOKIE)
                .is_some_and(|c| c.split("; ").any(|kv| kv.starts_with(&format!("{name}="))));
            want(by_samesite && !sent, format!("sent: {sent}, reasons: {reasons:?}"))
        }
        Expect::Miles { user, miles } => {
            let got = after.db.miles(user);
            want(got == miles, format!("{user} holds {got}"))
        }
        Expect::MemoryToken(held) => {
            let got = after.browser.memory.is_some();
            want(got == held, format!("memory holds a token: {got}"))
        }
        Expect::TargetContains(text) => {
            let target = &last()?.request.target;
            want(target.contains(text), format!("target {target:?}"))
        }
        Expect::Said { path, text } => {
            let ex = after
                .exchanges
                .iter()
                .rev()
                .find(|e| e.request.path() == path)
                .ok_or(format!("no request to {path}"))?;
            let said = ex.verdict().map(ToString::to_string).unwrap_or_default();
            want(said.contains(text), format!("{path} said {said:?}"))
        }
        Expect::SessionKeepsTokens => {
            let sid = cookie(SID).ok_or("no sid cookie")?.value;
            let kept = after
                .servers
                .iter()
                .filter_map(|s| s.memory.get(&sid))
                .chain(after.shared.get(&sid))
                .any(|s| s.upstream.is_some());
            want(kept, "the session holds no tokens of auth.example".into())
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
            return Err(format!("scenario {} step {}/{n}: {}", scenario.entry.id, i + 1, failed.join("; ")));
        }
    }
    Ok(())
}

/// The scenario with this id.
pub fn by_id(id: &str) -> Option<Scenario> {
    tours::TOURS.iter().find(|t| t.entry.id == id).map(|t| (t.build)())
}

/// The scenario at an index of [`SCENARIO_IDS`].
pub fn by_index(index: usize) -> Option<Scenario> {
    tours::TOURS.get(index).map(|t| (t.build)())
}

/// Every scenario, in [`SCENARIO_IDS`] order.
pub fn all() -> Vec<Scenario> {
    tours::TOURS.iter().map(|t| (t.build)()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::config::Choice;

    #[test]
    fn ids_match_the_contract_and_choices_parse() {
        let ids: Vec<&str> = all().iter().map(|s| s.entry.id).collect();
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
