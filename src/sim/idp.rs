//! The identity provider `auth.example`: "log in with auth.example" (OAuth 2.0, RFC 6749,
//! with PKCE, RFC 7636, and OpenID Connect Core 1.0). It has its own users, its own
//! session cookie (`idp_sid`, for its own host only) and one registered client, the
//! playground. Requests reach it by their `Host` (`config::HOSTS`): the browser's front
//! channel (`/authorize`, `/login`) and the playground server's back channel (`/token`).
//!
//! Its routes are a table. What it decides, it says in typed notes ([`IdpNote`]).

use super::auth::oidc::{self, IdClaims, CLIENT_ID, ID_TOKEN_TTL, ISSUER};
use super::auth::pkce::{self, PkceError, S256};
use super::clock::{Millis, MINUTE};
use super::config::IDP_HOST;
use super::hop::{Short, Text};
use super::http::{form_value, Request, Response};
use super::note::{IdpNote, LogLine, Note};
use super::rng::Rng;
use super::session::{Session, SessionTable};
use super::token;
use super::users::{PasswordHash, Role, UserDb, DEMO_ITERATIONS};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::header::{AUTHORIZATION, CACHE_CONTROL, COOKIE, LOCATION, SET_COOKIE, WWW_AUTHENTICATE};
use http::{Method, StatusCode};
use std::collections::{BTreeMap, VecDeque};
use std::fmt;

/// The provider's own session cookie (host-only: `auth.example`).
pub const IDP_COOKIE: &str = "idp_sid";
/// An authorization code is good this long (RFC 6749 §4.1.2: short, at most 10 minutes).
pub const CODE_TTL: Millis = MINUTE;
/// The provider's users at start: (name, password). alice is the playground's alice;
/// mallory is the attacker's own account.
pub const IDP_USERS: [(&str, &str); 2] = [("alice", "wonderland"), ("mallory", "evil-twin")];

/// What `/authorize` (and the login form that continues it) refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthorizeError {
    /// `client_id` names no registered client (answered on the page, never redirected).
    UnknownClient,
    /// `redirect_uri` is not the registered one, exactly (RFC 6749 §4.1.2.1: never
    /// redirected to).
    RedirectNotRegistered {
        /// What the request named.
        uri: Text,
    },
    /// `response_type` is not `code`.
    ResponseType,
    /// `scope` lacks `openid` (OpenID Connect Core §3.1.2.1).
    NoOpenidScope,
    /// No `code_challenge`, or a method other than `S256` (PKCE is required here).
    PkceRequired,
}

impl fmt::Display for AuthorizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthorizeError::UnknownClient => f.write_str("unknown client_id"),
            AuthorizeError::RedirectNotRegistered { uri } => {
                write!(f, "redirect_uri {uri} is not registered for this client: no redirect")
            }
            AuthorizeError::ResponseType => f.write_str("unsupported_response_type: only code"),
            AuthorizeError::NoOpenidScope => f.write_str("invalid_scope: openid is required"),
            AuthorizeError::PkceRequired => {
                f.write_str("invalid_request: a code_challenge with code_challenge_method=S256 is required")
            }
        }
    }
}

/// Why the token endpoint refuses a code (RFC 6749 §5.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GrantError {
    /// No or wrong client credentials: `invalid_client` (401).
    InvalidClient,
    /// `grant_type` is not `authorization_code`.
    UnsupportedGrantType,
    /// No such code: `invalid_grant`.
    UnknownCode,
    /// The code was redeemed before: `invalid_grant`; the tokens issued for it are
    /// revoked (RFC 6749 §4.1.2).
    CodeUsed {
        /// How many tokens that revoked.
        revoked: usize,
    },
    /// The code is past its minute: `invalid_grant`.
    CodeExpired,
    /// `redirect_uri` differs from the one the code was issued for (RFC 6749 §4.1.3).
    RedirectMismatch,
    /// The PKCE check failed (RFC 7636 §4.6): `invalid_grant`.
    Pkce(PkceError),
}

impl GrantError {
    /// The `error` code of the answer.
    pub fn code(&self) -> &'static str {
        match self {
            GrantError::InvalidClient => "invalid_client",
            GrantError::UnsupportedGrantType => "unsupported_grant_type",
            _ => "invalid_grant",
        }
    }
}

impl fmt::Display for GrantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GrantError::InvalidClient => f.write_str("client authentication failed"),
            GrantError::UnsupportedGrantType => f.write_str("only grant_type=authorization_code"),
            GrantError::UnknownCode => f.write_str("unknown authorization code"),
            GrantError::CodeUsed { revoked } => {
                write!(f, "authorization code already used: the {revoked} token(s) issued for it are revoked")
            }
            GrantError::CodeExpired => f.write_str("authorization code expired"),
            GrantError::RedirectMismatch => f.write_str("redirect_uri does not match the authorization request"),
            GrantError::Pkce(e) => write!(f, "PKCE: {e}"),
        }
    }
}

/// An authorization code and what it was issued for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The client.
    pub client_id: String,
    /// The redirect it went out on.
    pub redirect_uri: String,
    /// The PKCE challenge (S256).
    pub challenge: String,
    /// The OpenID Connect nonce, echoed into the id_token.
    pub nonce: String,
    /// Whose login.
    pub user: String,
    /// When it was issued.
    pub issued: Millis,
    /// Redeemed already.
    pub used: bool,
    /// Access tokens issued for it (revoked if the code comes back).
    pub tokens: Vec<String>,
    /// Its tokens were revoked (the code was replayed).
    pub revoked: bool,
}

/// The identity provider.
#[derive(Clone, Debug)]
pub struct Idp {
    users: UserDb,
    /// Its own login sessions (`idp_sid`).
    pub sessions: SessionTable,
    /// Authorization codes, by code.
    pub grants: BTreeMap<String, Grant>,
    /// The one registered client's secret (the playground holds the same).
    client_secret: Vec<u8>,
    /// Requests handled.
    pub requests: u64,
    /// Its last log lines, newest last.
    pub log: VecDeque<LogLine>,
}

/// What the provider needs from the world to answer one request.
pub struct Ctx<'a> {
    /// The world's seeded RNG.
    pub rng: &'a mut Rng,
    /// Virtual now.
    pub now: Millis,
}

type Handler = fn(&mut Idp, &Request, &mut Ctx<'_>) -> (Response, Note);

/// The provider's routes: path, method, handler.
const ROUTES: [(&str, Method, Handler); 3] = [
    ("/authorize", Method::GET, Idp::authorize),
    ("/login", Method::POST, Idp::login),
    ("/token", Method::POST, Idp::token),
];

/// The authorization request's parameters, read from a query (or the login form's
/// `return` field, which carries them on).
struct AuthRequest {
    client_id: String,
    redirect_uri: String,
    response_type: String,
    scope: String,
    state: String,
    nonce: String,
    challenge: String,
    method: String,
}

impl AuthRequest {
    fn read(query: &str) -> Self {
        let v = |k: &str| form_value(query, k).unwrap_or_default();
        AuthRequest {
            client_id: v("client_id"),
            redirect_uri: v("redirect_uri"),
            response_type: v("response_type"),
            scope: v("scope"),
            state: v("state"),
            nonce: v("nonce"),
            challenge: v("code_challenge"),
            method: v("code_challenge_method"),
        }
    }
}

fn json(status: StatusCode, v: serde_json::Value) -> Response {
    Response::json(status, v.to_string())
}

impl Idp {
    /// A provider with its users and the client registered with `client_secret`.
    pub fn new(client_secret: Vec<u8>) -> Self {
        Idp {
            users: UserDb::from_rows(IDP_ROWS.iter().map(|(n, h)| (*n, Role::User, h.clone()))),
            sessions: SessionTable::new(),
            grants: BTreeMap::new(),
            client_secret,
            requests: 0,
            log: VecDeque::new(),
        }
    }

    /// The redirect URI registered for the playground (https only).
    pub fn registered_redirect() -> &'static str {
        "https://playground.example/callback"
    }

    /// The provider's users.
    pub fn users(&self) -> &UserDb {
        &self.users
    }

    fn log(&mut self, line: LogLine) {
        if self.log.len() == 12 {
            self.log.pop_front();
        }
        self.log.push_back(line);
    }

    /// Answers one request.
    pub fn handle(&mut self, req: &Request, ctx: &mut Ctx<'_>) -> (Response, Note) {
        self.requests += 1;
        let path = req.path();
        let route = ROUTES.iter().find(|(p, m, _)| *p == path && *m == req.method);
        let (res, note) = match route {
            Some((_, _, handler)) => handler(self, req, ctx),
            None => {
                let note: Note = IdpNote::NoRoute.into();
                (Response::refuse(StatusCode::NOT_FOUND, note.clone()), note)
            }
        };
        self.log(LogLine::Handled {
            method: Text::copy(req.method.as_str()),
            path: Text::copy(path),
            status: res.status.as_u16(),
            note: note.clone(),
        });
        (res, note)
    }

    /// The user of a live provider session, from the request's `idp_sid`.
    fn signed_in(&mut self, req: &Request, now: Millis) -> Option<String> {
        let sid = req.header(&COOKIE)?.split("; ").find_map(|kv| kv.strip_prefix("idp_sid="))?;
        let user = self.sessions.lookup(sid, now).ok()?.user.clone();
        self.sessions.touch(sid, now);
        user
    }

    /// Checks an authorization request: `Err` with the page to show instead.
    fn check(&self, a: &AuthRequest) -> Result<(), Box<(Response, Note)>> {
        let refuse = |status: StatusCode, why: AuthorizeError| {
            let note: Note = IdpNote::Refused(why).into();
            Box::new((Response::refuse(status, note.clone()), note))
        };
        if a.client_id != CLIENT_ID {
            return Err(refuse(StatusCode::BAD_REQUEST, AuthorizeError::UnknownClient));
        }
        if a.redirect_uri != Self::registered_redirect() {
            let uri = Text::from(a.redirect_uri.clone());
            return Err(refuse(StatusCode::BAD_REQUEST, AuthorizeError::RedirectNotRegistered { uri }));
        }
        // From here on the redirect URI is known good: errors go back to the client.
        let back = |why: AuthorizeError, error: &str| {
            let location = format!("{}?error={error}&state={}", a.redirect_uri, super::url_component(&a.state));
            let note: Note = IdpNote::Refused(why).into();
            Box::new((Response::json(StatusCode::FOUND, String::new()).with(LOCATION, &location), note))
        };
        if a.response_type != "code" {
            return Err(back(AuthorizeError::ResponseType, "unsupported_response_type"));
        }
        if !a.scope.split(' ').any(|s| s == "openid") {
            return Err(back(AuthorizeError::NoOpenidScope, "invalid_scope"));
        }
        if a.challenge.is_empty() || a.method != S256 {
            return Err(back(AuthorizeError::PkceRequired, "invalid_request"));
        }
        Ok(())
    }

    /// A code for `user`, and the redirect that carries it back with the state.
    fn issue_code(&mut self, a: &AuthRequest, user: &str, ctx: &mut Ctx<'_>) -> (Response, String) {
        let code = token::random_id(&ctx.rng.bytes::<24>());
        self.grants.insert(
            code.clone(),
            Grant {
                client_id: a.client_id.clone(),
                redirect_uri: a.redirect_uri.clone(),
                challenge: a.challenge.clone(),
                nonce: a.nonce.clone(),
                user: user.to_string(),
                issued: ctx.now,
                used: false,
                tokens: Vec::new(),
                revoked: false,
            },
        );
        let location = format!("{}?code={code}&state={}", a.redirect_uri, super::url_component(&a.state));
        (Response::json(StatusCode::FOUND, String::new()).with(LOCATION, &location), code)
    }

    /// `GET /authorize`: a signed-in user gets a code at once; anyone else the login form.
    fn authorize(&mut self, req: &Request, ctx: &mut Ctx<'_>) -> (Response, Note) {
        let query = req.target.split_once('?').map_or("", |(_, q)| q);
        let a = AuthRequest::read(query);
        if let Err(refused) = self.check(&a) {
            return *refused;
        }
        match self.signed_in(req, ctx.now) {
            Some(user) => {
                let (res, code) = self.issue_code(&a, &user, ctx);
                (res, IdpNote::CodeIssued { user: Text::from(user), code: Short::of(&code) }.into())
            }
            None => {
                let body = serde_json::json!({ "client": a.client_id, "form": "/login", "return": query });
                (json(StatusCode::OK, body), IdpNote::LoginForm.into())
            }
        }
    }

    /// `POST /login`: the provider's own login form; on success its session cookie, and
    /// the code for the authorization request the form carried on.
    fn login(&mut self, req: &Request, ctx: &mut Ctx<'_>) -> (Response, Note) {
        let field = |k: &str| form_value(&req.body, k).unwrap_or_default();
        let (username, password, ret) = (field("username"), field("password"), field("return"));
        let a = AuthRequest::read(&ret);
        if let Err(refused) = self.check(&a) {
            return *refused;
        }
        let user = match self.users.verify(&username, &password) {
            Ok(u) => u.name.clone(),
            Err(_) => {
                let note: Note = IdpNote::LoginFailed.into();
                let res = Response::refuse(StatusCode::UNAUTHORIZED, note.clone())
                    .with(WWW_AUTHENTICATE, &format!("Form realm=\"{IDP_HOST}\", form-action=\"/login\""));
                return (res, note);
            }
        };
        let mut session = Session::new(ctx.rng.hex128(), ctx.now);
        session.user = Some(user.clone());
        session.role = Some(Role::User);
        let sid = session.sid.clone();
        self.sessions.put(session);
        let (res, code) = self.issue_code(&a, &user, ctx);
        let res = res.with(SET_COOKIE, &format!("{IDP_COOKIE}={sid}; Path=/; HttpOnly; Secure; SameSite=Lax"));
        (res, IdpNote::SignedIn { user: Text::from(user), code: Short::of(&code) }.into())
    }

    /// `POST /token`: the back channel. Client authentication, then the code, then PKCE.
    fn token(&mut self, req: &Request, ctx: &mut Ctx<'_>) -> (Response, Note) {
        let refuse = |why: GrantError| {
            let status =
                if why == GrantError::InvalidClient { StatusCode::UNAUTHORIZED } else { StatusCode::BAD_REQUEST };
            let body = serde_json::json!({ "error": why.code(), "error_description": why.to_string() });
            let mut res = json(status, body).with(CACHE_CONTROL, "no-store");
            if why == GrantError::InvalidClient {
                res = res.with(WWW_AUTHENTICATE, &format!("Basic realm=\"{IDP_HOST}\""));
            }
            let note: Note = IdpNote::TokenRefused(why.clone()).into();
            res.reason = Some(note.clone());
            (res, note)
        };
        let expected = format!("Basic {}", STANDARD.encode([CLIENT_ID.as_bytes(), b":", &self.client_secret].concat()));
        if req.header(&AUTHORIZATION) != Some(expected.as_str()) {
            return refuse(GrantError::InvalidClient);
        }
        let field = |k: &str| form_value(&req.body, k);
        if field("grant_type").as_deref() != Some("authorization_code") {
            return refuse(GrantError::UnsupportedGrantType);
        }
        let code = field("code").unwrap_or_default();
        let Some(grant) = self.grants.get_mut(&code) else {
            return refuse(GrantError::UnknownCode);
        };
        if grant.used {
            let revoked = if grant.revoked { 0 } else { grant.tokens.len() };
            grant.revoked = true;
            return refuse(GrantError::CodeUsed { revoked });
        }
        if ctx.now >= grant.issued + CODE_TTL {
            return refuse(GrantError::CodeExpired);
        }
        if field("redirect_uri").as_deref() != Some(grant.redirect_uri.as_str()) || grant.client_id != CLIENT_ID {
            return refuse(GrantError::RedirectMismatch);
        }
        if let Err(e) = pkce::check(&grant.challenge, field("code_verifier").as_deref()) {
            return refuse(GrantError::Pkce(e));
        }
        grant.used = true;
        let access = token::random_id(&ctx.rng.bytes::<24>());
        grant.tokens.push(access.clone());
        let iat = ctx.now.div_euclid(1000);
        let claims = IdClaims {
            iss: ISSUER.into(),
            sub: grant.user.clone(),
            aud: CLIENT_ID.into(),
            exp: iat + ID_TOKEN_TTL / 1000,
            iat,
            nonce: grant.nonce.clone(),
        };
        let user = Text::copy(&grant.user);
        let id_token = oidc::sign_id_token(&claims, &self.client_secret);
        let body = serde_json::json!({
            "access_token": access,
            "expires_in": ID_TOKEN_TTL / 1000,
            "id_token": id_token,
            "scope": "openid",
            "token_type": "Bearer",
        });
        (json(StatusCode::OK, body).with(CACHE_CONTROL, "no-store"), IdpNote::TokenIssued { user }.into())
    }
}

/// The provider's users as its database holds them (salted PBKDF2, like the
/// playground's; a test derives them again from [`IDP_USERS`]).
static IDP_ROWS: [(&str, PasswordHash); 2] = [
    (
        "alice",
        PasswordHash::stored(
            [0x3a, 0x91, 0x5e, 0x07, 0xc2, 0x64, 0x18, 0xfd, 0x7b, 0x20, 0xe9, 0x4d, 0x86, 0x33, 0xa1, 0x5c],
            DEMO_ITERATIONS,
            IDP_HASHES[0],
        ),
    ),
    (
        "mallory",
        PasswordHash::stored(
            [0xd4, 0x0b, 0x72, 0x9e, 0x15, 0xa8, 0x61, 0x3c, 0xef, 0x42, 0x97, 0x0a, 0x5b, 0xc6, 0x28, 0x83],
            DEMO_ITERATIONS,
            IDP_HASHES[1],
        ),
    ),
];

/// The PBKDF2-HMAC-SHA256 digests of [`IDP_ROWS`] (1,000 rounds).
const IDP_HASHES: [[u8; 32]; 2] = [
    [
        0xb4, 0x28, 0xb2, 0x62, 0x89, 0x81, 0xc0, 0xb1, 0xf6, 0x5e, 0x0c, 0xb0, 0x25, 0x9a, 0xce, 0x0a, 0x84, 0x6d,
        0x6e, 0xa4, 0xfe, 0xe6, 0xeb, 0xa7, 0x0b, 0xf0, 0x4f, 0x5b, 0x51, 0xc7, 0x02, 0x48,
    ],
    [
        0xb8, 0x10, 0x7d, 0x7e, 0xbf, 0xf4, 0xcf, 0xef, 0x76, 0xc2, 0x3c, 0x99, 0x65, 0x09, 0x91, 0x1a, 0x6b, 0x2c,
        0xaf, 0xc8, 0x4d, 0x77, 0x85, 0x01, 0x45, 0x49, 0x0a, 0xed, 0xff, 0x1d, 0x4b, 0x57,
    ],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_hashes_are_the_passwords_of_idp_users() {
        for ((name, password), (row, hash)) in IDP_USERS.iter().zip(IDP_ROWS.iter()) {
            assert_eq!(name, row);
            assert!(hash.matches(password), "{name}");
            assert!(!hash.matches("wrong"), "{name}");
        }
    }
}
