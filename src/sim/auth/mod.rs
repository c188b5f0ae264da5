//! The ways the site authenticates, one module each, dispatched in one place
//! ([`scheme`]). Each answers the same questions: who sent this request
//! (`authenticate`), what a login hands the browser (`sign_in`, used by the password
//! form and by "log in with auth.example" alike), what a logout takes back
//! (`sign_out`), the challenge of a 401, and what the site's page script keeps and
//! attaches ([`Scheme::page_token`]) — the browser itself attaches only cookies.
//!
//! - [`stateless`]: nothing links one request to the next;
//! - [`session`]: a session id in a cookie, the session on the server;
//! - [`bearer`]: a signed JWT the page script keeps (localStorage, or a variable) and
//!   sends in `Authorization: Bearer`;
//! - [`token_cookie`]: the same JWT in an HttpOnly cookie the browser attaches itself.
//!
//! Beside them: [`csrf`] (the site's defence of state-changing requests), [`oidc`] (the
//! site as an OpenID Connect client of auth.example) and [`pkce`] (RFC 7636).

pub mod bearer;
pub mod csrf;
pub mod oidc;
pub mod pkce;
pub mod session;
pub mod stateless;
pub mod token_cookie;

use super::config::{AuthMode, Config, TokenStore};
use super::hop::Trace;
use super::http::{Request, Response};
use super::note::{Anonymous, Note};
use super::session::{Session, Upstream};
use super::token::{Claims, Rejection};
use super::users::Role;
use super::World;
use http::header::HeaderName;

/// Who a request turned out to come from.
pub enum Auth {
    /// Nobody, and why.
    Nobody(Anonymous),
    /// A live session (maybe anonymous).
    Session(Session),
    /// A verified access token.
    Token(Claims),
}

/// A whole answer given instead of going on (boxed: it is large, and rare).
pub type Refusal = Box<(Response, Note)>;

/// What a login hands the browser: cookies to set, headers to add, fields for a JSON
/// answer, and what the server says about it.
pub struct Grant {
    /// `Set-Cookie` values.
    pub cookies: Vec<String>,
    /// Other headers (`X-CSRF-Token`).
    pub headers: Vec<(HeaderName, String)>,
    /// Fields of a JSON answer (the access token, for the page script).
    pub fields: Vec<(&'static str, serde_json::Value)>,
    /// The server's note.
    pub note: Note,
}

impl Grant {
    /// `res` with this grant's headers, then its cookies.
    pub fn onto(&self, mut res: Response) -> Response {
        for (name, value) in &self.headers {
            res = res.with(name.clone(), value);
        }
        for c in &self.cookies {
            res = res.with(http::header::SET_COOKIE, c);
        }
        res
    }
}

/// Where the site's page script keeps an access token that arrives in a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPlace {
    /// In localStorage (survives a reload; every script of the page reads it).
    LocalStorage,
    /// In a variable of the page script (gone on reload).
    Memory,
}

/// Who proved themselves at a login.
pub struct Proven<'a> {
    /// Their user name.
    pub user: &'a str,
    /// Their role.
    pub role: Role,
    /// auth.example's tokens, when they logged in there: kept on the server by a scheme
    /// that keeps sessions.
    pub upstream: Option<Upstream>,
}

/// One way of authenticating.
pub trait Scheme: Sync {
    /// Who sent `req` to server `me`.
    fn authenticate(&self, b: &mut super::server::Backend<'_>, me: u8, req: &Request, trace: &mut Trace) -> Auth;

    /// `who` proved who they are (a password, or auth.example's id_token): what the
    /// browser gets. `Err` is the whole answer when it cannot be done.
    fn sign_in(
        &self,
        b: &mut super::server::Backend<'_>,
        me: u8,
        req: &Request,
        who: Proven<'_>,
        trace: &mut Trace,
    ) -> Result<Grant, Refusal>;

    /// Logout: the cookies to clear and what the server says.
    fn sign_out(&self, b: &mut super::server::Backend<'_>, me: u8, req: &Request, trace: &mut Trace) -> Grant;

    /// The `WWW-Authenticate` challenge of a 401 (RFC 9110 §15.5.2). `refused` is why a
    /// token that was sent was refused (RFC 6750 §3.1: only then an error code).
    fn challenge(&self, refused: Option<&Rejection>) -> String;

    /// Where the page script keeps an access token from a body, and so whether it adds
    /// `Authorization: Bearer` to the site's requests (`None`: it never does).
    fn page_token(&self) -> Option<TokenPlace> {
        None
    }

    /// Whether logins of this scheme hold a refresh token (`/token/refresh` answers).
    fn refreshes(&self) -> bool {
        false
    }

    /// A new access token after `/token/refresh`: how it reaches the browser (token
    /// schemes only; `None`: this scheme has no refresh).
    fn hand_over(&self, _b: &super::server::Backend<'_>, _access: String, _jti: &str) -> Option<Grant> {
        None
    }

    /// Bulk users (`bulk.rs`): what a login leaves on the servers (`at`: the server that
    /// took it), drawing from the world's RNG as a real login does.
    fn bulk_sign_in(&self, w: &mut World, name: &str, at: u8);

    /// Bulk users: whether the `GET /me` on server `at` is answered 200, counting the
    /// look-ups and verifications it makes (`login_at`: where the login went).
    fn bulk_check(&self, w: &mut World, login_at: u8, at: u8) -> bool;
}

/// The scheme of a configuration: the one place the auth mode is dispatched on.
pub fn scheme(config: &Config) -> &'static dyn Scheme {
    match (config.mode, config.token_store) {
        (AuthMode::Stateless, _) => &stateless::Stateless,
        (AuthMode::Session, _) => &session::Sessions,
        (AuthMode::Token, TokenStore::Local) => &bearer::LOCAL,
        (AuthMode::Token, TokenStore::Memory) => &bearer::MEMORY,
        (AuthMode::Token, TokenStore::Cookie) => &token_cookie::TokenCookie,
    }
}
