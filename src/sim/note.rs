//! Typed notes: what the simulation says about what happened — on a hop, in the
//! browser, in a server's log, in an error body, in the attacker's report. A note is
//! data (the sid, the server, the user, the reason), never finished text: `Display`
//! writes the English the host tests assert on and the servers put in their error
//! bodies, and the page renders every variant in its own language with an exhaustive
//! `match` (`ui::i18n::notes`), so a note that lacks a language does not compile.
//!
//! The variants are grouped by who speaks: the browser, the balancer, the site (routes,
//! flights, miles, "who is this?", CSRF), sessions, tokens, the site as a client of
//! auth.example (OpenID Connect), auth.example itself, the attacker, and a tour move that
//! could not run. A new part of the world adds its own group (an enum here, one arm in
//! [`Note`]'s `Display` and one in each language's renderer).
//!
//! Notes on the hot path (a hop of every request) stay cheap to clone: their text
//! fields are [`Text`]s (shared, never copied) or [`Short`]s (inline), and the one
//! with lists is behind an `Arc`.

use super::attacker::Credential;
use super::auth::csrf::CsrfRefusal;
use super::auth::oidc::IdTokenError;
use super::browser::Initiator;
use super::cookie_jar::{NotSent, Rejected, StoreOutcome};
use super::hop::{server_letter, Short, Text};
use super::idp::{AuthorizeError, GrantError};
use super::refresh::RefreshError;
use super::session::Miss;
use super::token::{Rejection, TamperError, Unreadable};
use super::users::LoginError;
use std::fmt;
use std::sync::Arc;

/// Something the simulation says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// The reader's browser (and the page script running in it).
    Browser(BrowserNote),
    /// The load balancer.
    Route(RouteNote),
    /// A server: routes, limits, the flight shop, the login form, who is asking.
    Site(SiteNote),
    /// Server-side sessions and their stores.
    Session(SessionNote),
    /// Tokens: access tokens (JWT), refresh tokens, signing keys.
    Token(TokenNote),
    /// The attacker.
    Attacker(AttackerNote),
    /// A move of a guided tour that could not run.
    Tour(MoveError),
    /// The site as a client of auth.example ("log in with auth.example").
    Oidc(OidcNote),
    /// auth.example, the identity provider.
    Idp(IdpNote),
}

// ---------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------

/// What the browser says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserNote {
    /// What it put on a request, and what it held back.
    Sent(Arc<Sending>),
    /// A `Set-Cookie` was stored (or deleted one).
    CookieStored {
        /// The cookie's name.
        name: Text,
        /// What storing did.
        outcome: StoreOutcome,
    },
    /// A `Set-Cookie` was refused.
    CookieRejected {
        /// The cookie's name (empty when the header had none).
        name: Text,
        /// Why.
        why: Rejected,
    },
    /// The page script kept the access token in localStorage.
    TokenSaved,
    /// The page script removed the access token from localStorage.
    TokenRemoved,
    /// A header value with characters HTTP forbids was not sent.
    HeaderRefused {
        /// The header's name.
        name: Text,
    },
    /// A header whose name is not a valid HTTP token was dropped.
    HeaderNameInvalid {
        /// The name as given.
        name: Text,
    },
    /// A page script may not set this header (a forbidden request-header name of the
    /// Fetch standard: `Cookie`, `Host`, `Origin`, …); the browser dropped it.
    HeaderForbidden {
        /// The header's name.
        name: Text,
    },
    /// The page script kept the `X-CSRF-Token` of an answer, for its next POSTs.
    CsrfTokenKept,
    /// The page script kept the access token in a variable of its own.
    TokenInMemory,
    /// The page was reloaded: what its script held in memory is gone.
    Reloaded,
    /// An extension stopped the redirect to `/callback` and took its code.
    RedirectStopped,
}

/// The credentials side of one request, as the browser prepared it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sending {
    /// Where the request was started.
    pub from: Initiator,
    /// Names of the cookies the browser attached, in header order.
    pub cookies: Vec<Text>,
    /// Cookies of the jar it did not attach, and why.
    pub withheld: Vec<(Text, NotSent)>,
    /// The page script added `Authorization: Bearer …` from localStorage.
    pub bearer: bool,
}

impl fmt::Display for Sending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if !self.cookies.is_empty() {
            parts.push(format!("Cookie attached by the browser: {}", join(&self.cookies)));
        }
        for (name, why) in &self.withheld {
            parts.push(format!("{name} not sent: {why}"));
        }
        match self.from {
            Initiator::EvilPage => {
                parts.push("started on evil.example: no page script of the site runs, no bearer token".into())
            }
            Initiator::EvilLink => parts.push("a link on evil.example: a top-level GET started on another site".into()),
            Initiator::InjectedScript => parts.push(
                "sent by the injected script: the browser adds the cookies itself, the script never reads them".into(),
            ),
            Initiator::Navigation { cross_site: true } => {
                parts.push("a top-level navigation that another site started or redirected".into())
            }
            Initiator::Navigation { cross_site: false } | Initiator::Site => {}
        }
        if self.bearer {
            parts.push("Authorization added by the page script from localStorage".into());
        }
        if parts.is_empty() {
            parts.push("no credentials attached".into());
        }
        f.write_str(&parts.join("; "))
    }
}

impl fmt::Display for BrowserNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BrowserNote::Sent(s) => write!(f, "{s}"),
            BrowserNote::CookieStored { name, outcome } => write!(f, "cookie {name}: {outcome}"),
            BrowserNote::CookieRejected { name, why } if name.is_empty() => write!(f, "cookie rejected: {why}"),
            BrowserNote::CookieRejected { name, why } => write!(f, "cookie {name} rejected: {why}"),
            BrowserNote::TokenSaved => f.write_str("page script saved access_token in localStorage"),
            BrowserNote::TokenRemoved => f.write_str("page script removed access_token from localStorage"),
            BrowserNote::HeaderRefused { name } => {
                write!(f, "the browser refused to send a {name} header with characters HTTP does not allow")
            }
            BrowserNote::HeaderNameInvalid { name } => write!(f, "invalid header name {:?} dropped", name.as_str()),
            BrowserNote::HeaderForbidden { name } => {
                write!(f, "the browser drops {name}: a page script may not set it (a forbidden header name)")
            }
            BrowserNote::CsrfTokenKept => f.write_str("page script kept the X-CSRF-Token for its next POSTs"),
            BrowserNote::TokenInMemory => {
                f.write_str("page script kept access_token in a variable: not in localStorage, gone on reload")
            }
            BrowserNote::Reloaded => f.write_str("page reloaded: what its script held in memory is gone"),
            BrowserNote::RedirectStopped => {
                f.write_str("an extension stopped the redirect to /callback and took its code")
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The balancer
// ---------------------------------------------------------------------------

/// How the balancer chose a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Routing {
    /// The next one in turn.
    RoundRobin,
    /// A seeded random draw.
    Random,
    /// The server named in the request's `lb` cookie.
    Sticky,
    /// Sticky policy, no valid `lb` cookie: round robin, then pinned.
    StickyNew,
}

/// What the balancer says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteNote {
    /// It sent the request to `server`.
    Routed {
        /// How it chose.
        how: Routing,
        /// Server index.
        server: u8,
    },
    /// It added an `lb` cookie pinning the client to `server`.
    Pinned {
        /// Server index.
        server: u8,
    },
}

impl fmt::Display for RouteNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            RouteNote::Routed { how, server } => {
                let s = server_letter(server);
                match how {
                    Routing::RoundRobin => write!(f, "round robin → {s}"),
                    Routing::Random => write!(f, "random → {s}"),
                    Routing::Sticky => write!(f, "sticky cookie lb={s} → {s}"),
                    Routing::StickyNew => write!(f, "no sticky cookie: round robin → {s}, pinned from now on"),
                }
            }
            RouteNote::Pinned { server } => write!(f, "balancer pins this client to {}", server_letter(server)),
        }
    }
}

// ---------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------

/// Where a session was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home {
    /// In this server's memory (or its replica).
    Server(u8),
    /// In the shared store.
    Shared,
}

/// Why a request counts as nobody's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anonymous {
    /// Stateless mode: nothing in a request says who sent it.
    Stateless,
    /// No `sid` cookie.
    NoSessionCookie,
    /// A `sid` that leads to no live session on this server.
    SessionMiss {
        /// The id, shortened.
        sid: Short,
        /// Why.
        miss: Miss,
        /// The server that looked.
        server: u8,
    },
    /// No `Authorization` header.
    NoAuthorization,
    /// No access-token cookie.
    NoTokenCookie,
    /// `Authorization` of another scheme.
    NotBearer,
    /// A bearer token this server refused.
    TokenRejected {
        /// The server that checked.
        server: u8,
        /// Why.
        why: Rejection,
    },
    /// The request reached no server.
    NoSuchServer,
}

impl Anonymous {
    /// Whether the request carried a credential that was refused (as opposed to none).
    pub fn sent_a_credential(&self) -> bool {
        matches!(self, Anonymous::SessionMiss { .. } | Anonymous::TokenRejected { .. })
    }
}

/// Who a request turned out to come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Who {
    /// Nobody, and why.
    Nobody(Anonymous),
    /// A live session.
    Session {
        /// The id, shortened.
        sid: Short,
        /// Where it was found.
        home: Home,
        /// Its user (empty: an anonymous session holding only a quote).
        user: Text,
    },
    /// A valid access token (signature, `alg`, `exp`, `nbf`, `iat` checked).
    Token {
        /// Its subject.
        sub: Text,
    },
}

/// What the server did once it knew who was asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then {
    /// Served the page.
    Served,
    /// 401: not authenticated.
    Unauthorized,
    /// 403: authenticated, not allowed.
    Forbidden {
        /// The user's role.
        role: &'static str,
    },
}

/// What a server says about routes, limits, flights and the login form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SiteNote {
    /// Who the request is from, and what followed.
    Checked {
        /// Who.
        who: Who,
        /// What followed.
        then: Then,
    },
    /// 401 body: the request is nobody's.
    NotLoggedIn(Anonymous),
    /// 401 body: a session without a user (a quote, no login).
    SessionWithoutUser,
    /// 403 body.
    AdminsOnly {
        /// Who asked.
        user: Text,
        /// Their role.
        role: &'static str,
    },
    /// 431: the header block is too large.
    HeadersTooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// 413: the body is too large.
    BodyTooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// 404 body.
    NoSuchPage,
    /// 404, the server's note.
    NoRoute {
        /// The path.
        path: Text,
    },
    /// 405 body.
    MethodNotAllowed,
    /// 405, the server's note.
    MethodNotAllowedOn {
        /// The method.
        method: Text,
        /// The path.
        path: Text,
    },
    /// 400: the JSON body could not be read.
    BadBody {
        /// The parser's message (English; the page does not show it in Korean).
        detail: Text,
    },
    /// 400: `to=` names no known destination.
    UnknownDestination,
    /// A fare, and nothing kept on the server.
    Quoted {
        /// Destination.
        to: &'static str,
        /// Won per seat.
        fare: u32,
    },
    /// A fare, kept in the session.
    QuoteKept {
        /// Destination.
        to: &'static str,
        /// The session.
        sid: Short,
        /// The session was made for it.
        new: bool,
    },
    /// 400: seats out of range.
    BadCount,
    /// A purchase found its quote in the session.
    QuoteFromSession {
        /// The session.
        sid: Short,
    },
    /// A purchase named its flight itself.
    QuoteInRequest,
    /// 400 body: which flight?
    WhichFlight,
    /// 400, the server's note: nothing links the purchase to the quote.
    NoQuote,
    /// 401 body: the login failed.
    LoginFailed(LoginError),
    /// 401, the server's note: the password hash did not match.
    PasswordMismatch,
    /// Stateless login: a correct password, remembered nowhere.
    LoggedInStateless {
        /// Who.
        user: Text,
    },
    /// Stateless logout.
    NothingToForget,
    /// A client that replayed an answer: the user it was logged in as.
    LoggedInAs {
        /// Who.
        user: Text,
    },
    /// 403: the CSRF defence refused a state-changing request.
    CsrfRefused(CsrfRefusal),
    /// Miles moved from one account to another.
    Transferred {
        /// From.
        from: Text,
        /// To.
        to: Text,
        /// How many.
        miles: u32,
        /// What the sender has left.
        left: u32,
    },
    /// 400: more miles than the account holds (or to itself).
    NotEnoughMiles {
        /// What it holds.
        have: u32,
    },
    /// 400: a transfer needs `to` (letters and digits) and `miles` (1–100,000).
    BadTransfer,
}

impl fmt::Display for Anonymous {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anonymous::Stateless => f.write_str("stateless: nothing in the request says who you are"),
            Anonymous::NoSessionCookie => f.write_str("no session cookie"),
            Anonymous::SessionMiss { sid, miss, server } => {
                write!(f, "sid {sid}: {} on {}", miss.reason(), server_letter(*server))
            }
            Anonymous::NoAuthorization => f.write_str("no Authorization header"),
            Anonymous::NoTokenCookie => f.write_str("no access-token cookie"),
            Anonymous::NotBearer => f.write_str("Authorization is not a Bearer token"),
            Anonymous::TokenRejected { server, why } => {
                write!(f, "token rejected on {}: {why}", server_letter(*server))
            }
            Anonymous::NoSuchServer => f.write_str("no such server"),
        }
    }
}

impl fmt::Display for Who {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Who::Nobody(why) => write!(f, "{why}"),
            Who::Session { sid, home, user } => {
                let home = match home {
                    Home::Server(i) => server_letter(*i),
                    Home::Shared => "the shared store",
                };
                let user = if user.is_empty() { "anonymous" } else { user.as_str() };
                write!(f, "sid {sid} found on {home} → {user}")
            }
            Who::Token { sub } => write!(f, "token OK (HS256 signature, alg, exp, iat) → {sub}"),
        }
    }
}

impl fmt::Display for SiteNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SiteNote::Checked { who, then: Then::Served } => write!(f, "{who}"),
            SiteNote::Checked { who, then: Then::Unauthorized } => write!(f, "{who} → 401"),
            SiteNote::Checked { who, then: Then::Forbidden { role } } => write!(f, "{who}; role {role} → 403"),
            SiteNote::NotLoggedIn(why) => write!(f, "not logged in: {why}"),
            SiteNote::SessionWithoutUser => f.write_str("not logged in: this session has no user"),
            SiteNote::AdminsOnly { user, role } => write!(f, "admins only: {user} is a {role}"),
            SiteNote::HeadersTooLarge { size, limit } => {
                write!(f, "request header block is {size} bytes; the limit is {limit}")
            }
            SiteNote::BodyTooLarge { size, limit } => write!(f, "body is {size} bytes; the limit is {limit}"),
            SiteNote::NoSuchPage => f.write_str("no such page"),
            SiteNote::NoRoute { path } => write!(f, "no route for {path}"),
            SiteNote::MethodNotAllowed => f.write_str("method not allowed"),
            SiteNote::MethodNotAllowedOn { method, path } => write!(f, "{method} not allowed on {path}"),
            SiteNote::BadBody { detail } => write!(f, "bad request body: {detail}"),
            SiteNote::UnknownDestination => f.write_str("unknown destination: try to=jeju, busan or tokyo"),
            SiteNote::Quoted { to, fare } => write!(f, "quoted {to}: {fare} won; the server keeps nothing"),
            SiteNote::QuoteKept { to, sid, new: true } => write!(f, "quote {to} kept in a new session {sid}"),
            SiteNote::QuoteKept { to, sid, new: false } => write!(f, "quote {to} kept in session {sid}"),
            SiteNote::BadCount => f.write_str("count must be 1 to 9"),
            SiteNote::QuoteFromSession { sid } => write!(f, "quote found in session {sid}"),
            SiteNote::QuoteInRequest => f.write_str("the request itself names the flight"),
            SiteNote::WhichFlight => {
                f.write_str("which flight? this request does not say, and nothing links it to your earlier quote")
            }
            SiteNote::NoQuote => f.write_str("no state links this request to the quote → 400"),
            SiteNote::LoginFailed(e) => write!(f, "{e}"),
            SiteNote::PasswordMismatch => f.write_str("password hash does not match → 401"),
            SiteNote::LoggedInStateless { user } => write!(f, "password OK for {user}; nothing will remember it"),
            SiteNote::NothingToForget => f.write_str("nothing to forget"),
            SiteNote::LoggedInAs { user } => write!(f, "logged in as {user}"),
            SiteNote::CsrfRefused(why) => write!(f, "{why} → 403"),
            SiteNote::Transferred { from, to, miles, left } => {
                write!(f, "{miles} miles moved from {from} to {to}; {from} has {left} left")
            }
            SiteNote::NotEnoughMiles { have } => write!(f, "not enough miles: the account holds {have}"),
            SiteNote::BadTransfer => f.write_str("a transfer needs to (letters and digits) and miles (1 to 100000)"),
        }
    }
}

// ---------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------

/// What a server says about sessions and their stores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionNote {
    /// Login: a new session for `user`.
    Created {
        /// The new session.
        sid: Short,
        /// Its user.
        user: Text,
    },
    /// Logout: the session was deleted.
    Deleted {
        /// The session.
        sid: Short,
    },
    /// Logout: the session was not there any more.
    AlreadyGone {
        /// The session.
        sid: Short,
    },
    /// Logout without a `sid` cookie.
    NoCookie,
    /// An operator deleted a session (server log).
    Revoked {
        /// The session.
        sid: Short,
    },
    /// An operator asked to delete a session no store holds.
    NotFound {
        /// The session.
        sid: Short,
    },
    /// A restart lost what the server kept in memory (server log).
    Restarted {
        /// Sessions lost.
        lost: usize,
    },
    /// Store command: look the session up, sliding its expiry.
    Lookup,
    /// Store reply: found.
    Found,
    /// Store reply: not found, and why.
    Missed(Miss),
    /// Store command: write the session.
    Store,
    /// Replication: the write goes to every other server.
    ReplicateWrite,
    /// Store command: delete the session.
    Delete,
    /// Replication: the delete goes to every other server.
    ReplicateDelete,
}

impl fmt::Display for SessionNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionNote::Created { sid, user } => write!(f, "password OK; session {sid} created for {user}"),
            SessionNote::Deleted { sid } => write!(f, "session {sid} deleted"),
            SessionNote::AlreadyGone { sid } => write!(f, "session {sid} was already gone"),
            SessionNote::NoCookie => f.write_str("no session cookie"),
            SessionNote::Revoked { sid } => write!(f, "session {sid} revoked by an admin"),
            SessionNote::NotFound { sid } => write!(f, "session {sid} was not found"),
            SessionNote::Restarted { lost } => write!(f, "restarted: {lost} session(s) in memory lost"),
            SessionNote::Lookup => f.write_str("look the session up, sliding its expiry"),
            SessionNote::Found => f.write_str("session found"),
            SessionNote::Missed(miss) => f.write_str(miss.reason()),
            SessionNote::Store => f.write_str("store the session"),
            SessionNote::ReplicateWrite => f.write_str("replicate the write"),
            SessionNote::Delete => f.write_str("delete the session"),
            SessionNote::ReplicateDelete => f.write_str("replicate the delete"),
        }
    }
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

/// What a server says about tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenNote {
    /// Login, token in a cookie: an access token signed and set as the HttpOnly cookie
    /// `at`, a refresh token stored.
    SignedInCookie {
        /// The access token's `jti`.
        jti: Short,
        /// Its user.
        user: Text,
    },
    /// Login: an access token signed and a refresh token stored.
    Signed {
        /// The access token's `jti`.
        jti: Short,
        /// Its user.
        user: Text,
    },
    /// The token could not be signed.
    SignFailed {
        /// The library's message (English only).
        detail: Text,
    },
    /// Logout: the user's refresh-token families were revoked.
    FamiliesRevoked {
        /// How many.
        families: usize,
        /// The access token's `jti`, when it went on the denylist too.
        denylisted: Option<Short>,
    },
    /// Logout without a valid access token.
    NothingToRevoke,
    /// `/token/refresh` outside token mode.
    NotTokenMode,
    /// `/token/refresh` refused.
    RefreshFailed(RefreshError),
    /// `/token/refresh`: the refresh token was rotated, a new access token signed.
    Rotated {
        /// The new access token's `jti`.
        jti: Short,
    },
    /// The signing key changed (server log).
    KeyRotated {
        /// The new key's id.
        kid: Text,
        /// The old key is still accepted.
        graceful: bool,
    },
}

impl fmt::Display for TokenNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenNote::Signed { jti, user } => {
                write!(f, "password OK; JWT {jti} signed for {user}, refresh token stored")
            }
            TokenNote::SignedInCookie { jti, user } => write!(
                f,
                "password OK; JWT {jti} signed for {user} and set as the HttpOnly cookie at, refresh token stored"
            ),
            TokenNote::SignFailed { detail } => write!(f, "could not sign: {detail}"),
            TokenNote::FamiliesRevoked { families, denylisted } => {
                let s = if *families == 1 { "family" } else { "families" };
                match denylisted {
                    Some(jti) => write!(f, "{families} refresh token {s} revoked; jti {jti} denylisted"),
                    None => write!(f, "{families} refresh token {s} revoked; the access token stays valid until exp"),
                }
            }
            TokenNote::NothingToRevoke => f.write_str("no valid token: nothing to revoke"),
            TokenNote::NotTokenMode => f.write_str("refresh tokens exist in token mode only"),
            TokenNote::RefreshFailed(e) => write!(f, "{e}"),
            TokenNote::Rotated { jti } => write!(f, "refresh token rotated; new JWT {jti}"),
            TokenNote::KeyRotated { kid, graceful: true } => {
                write!(f, "signing key rotated to {kid} (old key still accepted)")
            }
            TokenNote::KeyRotated { kid, graceful: false } => {
                write!(f, "signing key rotated to {kid}: tokens signed with the old key are refused")
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The attacker
// ---------------------------------------------------------------------------

/// What the attacker's tools report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttackerNote {
    /// The injected script read what script may read and sent it home.
    ScriptRead {
        /// What it got (cookies without HttpOnly, localStorage).
        got: Vec<Credential>,
        /// HttpOnly cookies it could not see.
        hidden: Vec<Text>,
    },
    /// The injected script sent a request from the victim's page.
    ScriptSent {
        /// The status it got.
        status: u16,
        /// Cookies the browser attached (which the script never saw).
        cookies: Vec<Text>,
    },
    /// Sniffing over https: only ciphertext.
    SniffTls,
    /// Sniffing before any traffic.
    NoTraffic,
    /// Sniffing over plain http.
    Sniffed {
        /// What it read (empty: the request carried no credential).
        got: Vec<Credential>,
    },
    /// Malware copied a cookie from the browser's profile on disk.
    CookieCopied(Credential),
    /// There was no such cookie to copy.
    NoCookieToCopy {
        /// The cookie's name.
        name: Text,
    },
    /// The attacker's own browser sends a stolen credential (or none).
    Replaying(Option<Credential>),
    /// A malicious extension in the reader's browser took the code of a redirect to
    /// `/callback` (and stopped the redirect, or let it go on).
    CodeTaken {
        /// The code, shortened.
        code: Short,
        /// The browser never followed the redirect.
        stopped: bool,
    },
    /// The attacker starts a login of their own at the site (to get a state and an
    /// `oauth_tx` cookie).
    OwnLogin,
    /// The attacker logged in at auth.example with their own account and kept the code,
    /// for a forged callback.
    OwnCode {
        /// Their account there.
        user: Text,
    },
}

impl fmt::Display for AttackerNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttackerNote::ScriptRead { got, hidden } => {
                if got.is_empty() {
                    f.write_str("script read nothing")?;
                } else {
                    write!(f, "script read {}", join(got))?;
                }
                if !hidden.is_empty() {
                    write!(f, "; HttpOnly kept {} out of reach", join(hidden))?;
                }
                Ok(())
            }
            AttackerNote::ScriptSent { status, cookies } if cookies.is_empty() => {
                write!(f, "the injected script sent a request as the user and got {status}")
            }
            AttackerNote::ScriptSent { status, cookies } => write!(
                f,
                "the injected script sent a request as the user and got {status}: the browser attached {}, which the script never saw",
                join(cookies)
            ),
            AttackerNote::SniffTls => f.write_str("https: the eavesdropper sees only encrypted bytes and the host name"),
            AttackerNote::NoTraffic => f.write_str("no traffic to read yet"),
            AttackerNote::Sniffed { got } if got.is_empty() => {
                f.write_str("plain http: read the whole request, but it carried no credential")
            }
            AttackerNote::Sniffed { got } => write!(f, "plain http: read {}", join(got)),
            AttackerNote::CookieCopied(c) => {
                write!(f, "malware copied {c} from the browser's profile on disk: HttpOnly does not stop that")
            }
            AttackerNote::NoCookieToCopy { name } => write!(f, "no cookie {name} to copy"),
            AttackerNote::Replaying(Some(c)) => write!(f, "replay with {c}"),
            AttackerNote::Replaying(None) => f.write_str("replay with nothing stolen: no credential"),
            AttackerNote::CodeTaken { code, stopped: true } => {
                write!(f, "a malicious extension stopped the redirect to /callback and took the code {code}")
            }
            AttackerNote::CodeTaken { code, stopped: false } => {
                write!(f, "a malicious extension copied the code {code} from the redirect to /callback")
            }
            AttackerNote::OwnLogin => {
                f.write_str("the attacker starts a login of their own at the site: a state and an oauth_tx cookie")
            }
            AttackerNote::OwnCode { user } => {
                write!(f, "the attacker logged in at auth.example as {user} and kept the code, unused")
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Tour moves
// ---------------------------------------------------------------------------

/// Why a tour move could not run (the world lacks what it needs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoveError {
    /// No `sid` cookie in the browser.
    NoSidCookie,
    /// The stolen token has no `jti`.
    NoJti,
    /// The attacker holds no bearer token.
    NoStolenToken,
    /// No access token in localStorage.
    NoAccessToken,
    /// The stored token's payload does not decode.
    PayloadUnreadable(Unreadable),
    /// The token could not be edited.
    Tamper(TamperError),
    /// The attacker holds no refresh token.
    NoStolenRefreshToken,
    /// auth.example's login form is not open in the browser.
    NoIdpForm,
    /// The attacker holds no authorization code.
    NoStolenCode,
}

impl fmt::Display for MoveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoveError::NoSidCookie => f.write_str("the browser holds no sid cookie to revoke"),
            MoveError::NoJti => f.write_str("the stolen token has no jti"),
            MoveError::NoStolenToken => f.write_str("the attacker holds no bearer token"),
            MoveError::NoAccessToken => f.write_str("no access token in localStorage"),
            MoveError::PayloadUnreadable(e) => write!(f, "token payload unreadable: {e}"),
            MoveError::Tamper(e) => write!(f, "could not edit the token: {e}"),
            MoveError::NoStolenRefreshToken => f.write_str("the attacker holds no refresh token"),
            MoveError::NoIdpForm => f.write_str("auth.example's login form is not open"),
            MoveError::NoStolenCode => f.write_str("the attacker holds no authorization code"),
        }
    }
}

// ---------------------------------------------------------------------------
// The site as a client of auth.example
// ---------------------------------------------------------------------------

/// What the site says about "log in with auth.example".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OidcNote {
    /// A login at auth.example begun: state, nonce and PKCE challenge sent; the
    /// verifier kept on the server.
    Started {
        /// The state, shortened.
        state: Short,
        /// The code challenge, shortened.
        challenge: Short,
    },
    /// The back channel: the server redeems the code with its `code_verifier`.
    Redeem,
    /// A callback with no login in progress for this browser (no `oauth_tx`).
    NoLoginInProgress,
    /// A callback whose `state` is not this browser's login's (login CSRF).
    StateMismatch {
        /// The state the login sent.
        expected: Short,
        /// The state that came back.
        got: Short,
    },
    /// auth.example answered the authorization request with an error.
    ProviderError {
        /// Its `error`.
        error: Text,
    },
    /// The site has no registration at auth.example.
    NotRegistered,
    /// auth.example refused the code on the back channel.
    CodeRefused {
        /// Its `error` (`invalid_grant`, …).
        error: Text,
        /// Its reason, as it said it.
        why: Option<Box<Note>>,
    },
    /// The id_token failed a check.
    IdToken(IdTokenError),
    /// The id_token passed every check: the user is signed in the site's own way.
    SignedIn {
        /// Who.
        user: Text,
        /// What the sign-in did.
        then: Box<Note>,
    },
}

impl fmt::Display for OidcNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OidcNote::Started { state, challenge } => write!(
                f,
                "login at auth.example begun: state {state}, nonce, code_challenge {challenge} (S256); the code_verifier stays on the server"
            ),
            OidcNote::Redeem => f.write_str("redeem the code on the back channel, with the client secret and the code_verifier"),
            OidcNote::NoLoginInProgress => {
                f.write_str("no login in progress for this browser (no oauth_tx cookie): the state cannot match → 400")
            }
            OidcNote::StateMismatch { expected, got } => {
                write!(f, "state {got} is not this browser's login's ({expected}): a forged login → 400")
            }
            OidcNote::ProviderError { error } => write!(f, "auth.example answered {error}"),
            OidcNote::NotRegistered => f.write_str("the site has no client registration at auth.example"),
            OidcNote::CodeRefused { error, why: Some(why) } => write!(f, "auth.example refused the code: {error} ({why})"),
            OidcNote::CodeRefused { error, why: None } => write!(f, "auth.example refused the code: {error}"),
            OidcNote::IdToken(e) => write!(f, "{e} → 400"),
            OidcNote::SignedIn { user, then } => write!(
                f,
                "id_token OK (signature, iss, aud, exp, nonce) → {user}; {then}; the provider's tokens stay on the server"
            ),
        }
    }
}

// ---------------------------------------------------------------------------
// auth.example
// ---------------------------------------------------------------------------

/// What auth.example says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdpNote {
    /// No session at auth.example: its login form.
    LoginForm,
    /// A password checked at auth.example: its own session cookie, and a code.
    SignedIn {
        /// Who.
        user: Text,
        /// The code, shortened.
        code: Short,
    },
    /// A session at auth.example already: a code at once, no password.
    CodeIssued {
        /// Who.
        user: Text,
        /// The code, shortened.
        code: Short,
    },
    /// A wrong password at auth.example.
    LoginFailed,
    /// The authorization request was refused.
    Refused(AuthorizeError),
    /// A code redeemed: an id_token and an access token.
    TokenIssued {
        /// Whose.
        user: Text,
    },
    /// A code refused at the token endpoint.
    TokenRefused(GrantError),
    /// No such page at auth.example.
    NoRoute,
}

impl fmt::Display for IdpNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdpNote::LoginForm => f.write_str("auth.example: no session here yet, so its login form"),
            IdpNote::SignedIn { user, code } => write!(
                f,
                "auth.example: password OK for {user}; its own session cookie idp_sid, and code {code} back to the site"
            ),
            IdpNote::CodeIssued { user, code } => {
                write!(f, "auth.example: {user} is signed in here already; code {code} at once, no password")
            }
            IdpNote::LoginFailed => f.write_str("auth.example: wrong username or password"),
            IdpNote::Refused(e) => write!(f, "auth.example: {e}"),
            IdpNote::TokenIssued { user } => {
                write!(
                    f,
                    "auth.example: code, client secret and code_verifier OK; id_token and access token for {user}"
                )
            }
            IdpNote::TokenRefused(e) => write!(f, "auth.example: {}: {e}", e.code()),
            IdpNote::NoRoute => f.write_str("auth.example: no such page"),
        }
    }
}

// ---------------------------------------------------------------------------

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Browser(n) => n.fmt(f),
            Note::Route(n) => n.fmt(f),
            Note::Site(n) => n.fmt(f),
            Note::Session(n) => n.fmt(f),
            Note::Token(n) => n.fmt(f),
            Note::Attacker(n) => n.fmt(f),
            Note::Tour(n) => n.fmt(f),
            Note::Oidc(n) => n.fmt(f),
            Note::Idp(n) => n.fmt(f),
        }
    }
}

macro_rules! into_note {
    ($($group:ident => $variant:ident),*) => {
        $(impl From<$group> for Note {
            fn from(n: $group) -> Note {
                Note::$variant(n)
            }
        })*
    };
}

into_note!(BrowserNote => Browser, RouteNote => Route, SiteNote => Site, SessionNote => Session,
    TokenNote => Token, AttackerNote => Attacker, MoveError => Tour, OidcNote => Oidc, IdpNote => Idp);

/// The items' `Display`s joined by `", "`.
fn join<T: fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// A server's log line: a request it handled, or something that happened to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogLine {
    /// `GET /me → 200 (note)`.
    Handled {
        /// The method.
        method: Text,
        /// The path.
        path: Text,
        /// The status it answered.
        status: u16,
        /// What it decided.
        note: Note,
    },
    /// A restart, a key rotation, an operator's revocation.
    Event(Note),
}

impl fmt::Display for LogLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogLine::Handled { method, path, status, note } => write!(f, "{method} {path} → {status} ({note})"),
            LogLine::Event(note) => note.fmt(f),
        }
    }
}
