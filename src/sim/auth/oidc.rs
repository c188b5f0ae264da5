//! "Log in with auth.example": the playground as an OpenID Connect relying party (OpenID
//! Connect Core 1.0, the authorization code flow, with PKCE).
//!
//! 1. `GET /login/idp` makes a `state`, a `nonce` and a PKCE `code_verifier`, keeps them
//!    on the server for this browser (an `oauth_tx` cookie names the login) and sends the
//!    browser to `https://auth.example/authorize` with the `code_challenge`.
//! 2. The browser comes back to `GET /callback?code=…&state=…`. The server checks the
//!    `state` against the login it started (a different one: a forged login, "login
//!    CSRF"), then redeems the code itself on the back channel (`POST /token` at
//!    auth.example, its client secret and the `code_verifier`).
//! 3. It checks the `id_token` (§3.1.3.7: signature, `iss`, `aud`, `exp`, `nonce`) and
//!    signs the user in the ordinary way of the site's auth mode: a session cookie, say.
//!    The provider's tokens stay on the server (backend-for-frontend).

use super::super::clock::{Millis, MINUTE};
use super::super::config::{Upstream, IDP_HOST};
use super::super::hop::{Short, Text, Trace};
use super::super::http::{form_value, Request, Response};
use super::super::note::{Note, OidcNote};
use super::super::server::{cookie_value, Backend};
use super::super::session::Upstream as Kept;
use super::super::url_component;
use super::super::users::Role;
use super::pkce;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use http::header::{AUTHORIZATION, LOCATION, SET_COOKIE};
use http::{Method, StatusCode};
use serde::Serialize;
use sha2::Sha256;
use std::fmt;

/// The provider's issuer identifier (the `iss` of its id_tokens).
pub const ISSUER: &str = "https://auth.example";
/// The playground's client id at auth.example.
pub const CLIENT_ID: &str = "playground";
/// The cookie that names this browser's login in progress (Lax: the way back from
/// auth.example is a navigation started on another site).
pub const TX_COOKIE: &str = "oauth_tx";
/// How long a started login waits for its callback.
pub const TX_TTL: Millis = 10 * MINUTE;
/// An id_token is good this long.
pub const ID_TOKEN_TTL: Millis = 5 * MINUTE;

/// The claims of an id_token (OpenID Connect Core §2), in the order they are written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IdClaims {
    /// Issuer.
    pub iss: String,
    /// The user at the provider.
    pub sub: String,
    /// The client it was issued to.
    pub aud: String,
    /// Expiry (seconds).
    pub exp: i64,
    /// Issued at (seconds).
    pub iat: i64,
    /// The nonce of the authorization request.
    pub nonce: String,
}

const ID_HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// HMAC-SHA256 of `input` (HMAC takes keys of any length; the empty answer, which no
/// signature equals, cannot happen).
pub fn mac(secret: &[u8], input: &[u8]) -> Vec<u8> {
    match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mut m) => {
            m.update(input);
            m.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

/// An id_token: HS256 under the client secret (OpenID Connect Core §10.1: symmetric
/// signatures use the `client_secret`).
pub fn sign_id_token(claims: &IdClaims, secret: &[u8]) -> String {
    let payload = serde_json::to_string(claims).unwrap_or_default();
    let input = format!("{}.{}", URL_SAFE_NO_PAD.encode(ID_HEADER), URL_SAFE_NO_PAD.encode(payload));
    let sig = URL_SAFE_NO_PAD.encode(mac(secret, input.as_bytes()));
    format!("{input}.{sig}")
}

/// Why an id_token is refused (OpenID Connect Core §3.1.3.7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdTokenError {
    /// Not three base64url parts of JSON.
    Malformed,
    /// The header's `alg` is not HS256 (step 7: the registered one).
    Alg,
    /// The signature does not verify with the client secret (step 6).
    Signature,
    /// `iss` is not auth.example (step 2).
    Issuer {
        /// What it said.
        got: Text,
    },
    /// `aud` does not name this client (step 3).
    Audience {
        /// What it said.
        got: Text,
    },
    /// `exp` has passed (step 9).
    Expired {
        /// Seconds ago.
        ago: i64,
    },
    /// `nonce` is not the one this login sent (step 11).
    Nonce,
}

impl fmt::Display for IdTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdTokenError::Malformed => f.write_str("the id_token is not a signed JWT"),
            IdTokenError::Alg => f.write_str("the id_token's alg is not HS256"),
            IdTokenError::Signature => f.write_str("the id_token's signature does not verify"),
            IdTokenError::Issuer { got } => write!(f, "the id_token's iss is {got}, not {ISSUER}"),
            IdTokenError::Audience { got } => write!(f, "the id_token's aud is {got}, not {CLIENT_ID}"),
            IdTokenError::Expired { ago } => write!(f, "the id_token expired {ago} s ago"),
            IdTokenError::Nonce => f.write_str("the id_token's nonce is not this login's"),
        }
    }
}

/// Checks an id_token as OpenID Connect Core §3.1.3.7 asks: signature (with the client
/// secret, `alg` HS256), `iss`, `aud`, `exp` at `now` (seconds), and the login's `nonce`.
pub fn verify_id_token(jwt: &str, secret: &[u8], now: i64, nonce: &str) -> Result<IdClaims, IdTokenError> {
    let mut parts = jwt.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(IdTokenError::Malformed);
    };
    let decode = |x: &str| URL_SAFE_NO_PAD.decode(x).map_err(|_| IdTokenError::Malformed);
    let json = |b: Vec<u8>| serde_json::from_slice::<serde_json::Value>(&b).map_err(|_| IdTokenError::Malformed);
    let header = json(decode(h)?)?;
    if header.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
        return Err(IdTokenError::Alg);
    }
    let expected = mac(secret, format!("{h}.{p}").as_bytes());
    let got = decode(s)?;
    let same = got.len() == expected.len() && got.iter().zip(&expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if !same {
        return Err(IdTokenError::Signature);
    }
    let claims = json(decode(p)?)?;
    let text = |k: &str| claims.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    let iss = text("iss");
    if iss != ISSUER {
        return Err(IdTokenError::Issuer { got: Text::from(iss) });
    }
    let aud_ok = match claims.get("aud") {
        Some(serde_json::Value::String(a)) => a == CLIENT_ID,
        Some(serde_json::Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(CLIENT_ID)),
        _ => false,
    };
    if !aud_ok {
        let got = claims.get("aud").map(ToString::to_string).unwrap_or_default();
        return Err(IdTokenError::Audience { got: Text::from(got) });
    }
    let exp = claims.get("exp").and_then(|v| v.as_i64()).unwrap_or(i64::MIN);
    if now >= exp {
        return Err(IdTokenError::Expired { ago: now.saturating_sub(exp) });
    }
    if text("nonce") != nonce {
        return Err(IdTokenError::Nonce);
    }
    Ok(IdClaims {
        iss,
        sub: text("sub"),
        aud: CLIENT_ID.into(),
        exp,
        iat: claims.get("iat").and_then(|v| v.as_i64()).unwrap_or_default(),
        nonce: nonce.into(),
    })
}

/// A login the server started and waits to see come back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// Sent as `state`; must come back unchanged.
    pub state: String,
    /// Sent as `nonce`; must come back inside the id_token.
    pub nonce: String,
    /// Never sent until the back channel: only its hash went out.
    pub verifier: String,
    /// When it started.
    pub started: Millis,
}

/// The playground's registration at auth.example, as the playground keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    /// The client secret (a demo value).
    pub secret: Vec<u8>,
}

/// The redirect URI this site registered (`https://playground.example/callback`; over
/// plain http the site sends `http://…`, which auth.example does not accept).
pub fn redirect_uri(origin: &str) -> String {
    format!("{origin}/callback")
}

impl Backend<'_> {
    /// `GET /login/idp`: starts a login at auth.example.
    pub fn oidc_start(&mut self, _me: u8, _req: &Request, _trace: &mut Trace) -> (Response, Note) {
        let tx = super::super::token::random_id(&self.rng.bytes::<16>());
        let state = super::super::token::random_id(&self.rng.bytes::<16>());
        let nonce = super::super::token::random_id(&self.rng.bytes::<16>());
        let verifier = pkce::verifier(&self.rng.bytes::<32>());
        let challenge = pkce::challenge_s256(&verifier);
        let origin = self.config.origin();
        let location = format!(
            "https://{IDP_HOST}/authorize?response_type=code&client_id={CLIENT_ID}&redirect_uri={}&scope=openid&state={state}&nonce={nonce}&code_challenge={challenge}&code_challenge_method=S256",
            url_component(&redirect_uri(&origin))
        );
        let note = OidcNote::Started { state: Short::of(&state), challenge: Short::of(&challenge) };
        self.db.oauth.insert(tx.clone(), Pending { state, nonce, verifier, started: self.now });
        let cookie = format!(
            "{TX_COOKIE}={tx}; Path=/callback; HttpOnly{}; SameSite=Lax; Max-Age={}",
            self.secure_attr(),
            TX_TTL / 1000
        );
        let res = Response::json(StatusCode::FOUND, String::new()).with(LOCATION, &location).with(SET_COOKIE, &cookie);
        (res, note.into())
    }

    /// `GET /callback?code=…&state=…`: checks the state, redeems the code on the back
    /// channel, checks the id_token and signs the user in.
    pub fn oidc_callback(&mut self, me: u8, req: &Request, trace: &mut Trace) -> (Response, Note) {
        let query = req.target.split_once('?').map_or("", |(_, q)| q);
        let clear = format!("{TX_COOKIE}=; Path=/callback; HttpOnly{}; SameSite=Lax; Max-Age=0", self.secure_attr());
        let fail = |why: OidcNote| {
            let note: Note = why.into();
            (Response::refuse(StatusCode::BAD_REQUEST, note.clone()).with(SET_COOKIE, &clear), note)
        };
        let tx = cookie_value(req, TX_COOKIE).map(str::to_string);
        let pending = tx.as_deref().and_then(|t| self.db.oauth.get(t)).cloned();
        let state = form_value(query, "state").unwrap_or_default();
        // A callback that is not this browser's login leaves that login alone: the
        // browser may still finish it.
        let stranger = |why: OidcNote| {
            let note: Note = why.into();
            (Response::refuse(StatusCode::BAD_REQUEST, note.clone()), note)
        };
        let Some(pending) = pending.filter(|p| self.now < p.started + TX_TTL) else {
            return stranger(OidcNote::NoLoginInProgress);
        };
        if state != pending.state {
            return stranger(OidcNote::StateMismatch { expected: Short::of(&pending.state), got: Short::of(&state) });
        }
        // One use: whatever happens next, this login is over.
        if let Some(t) = &tx {
            self.db.oauth.remove(t);
        }
        if let Some(error) = form_value(query, "error") {
            return fail(OidcNote::ProviderError { error: Text::from(error) });
        }
        let code = form_value(query, "code").unwrap_or_default();
        let Some(client) = self.db.oidc.clone() else {
            return fail(OidcNote::NotRegistered);
        };
        let origin = self.config.origin();
        let body = format!(
            "grant_type=authorization_code&code={}&redirect_uri={}&code_verifier={}",
            url_component(&code),
            url_component(&redirect_uri(&origin)),
            pending.verifier
        );
        let basic = format!("Basic {}", STANDARD.encode([CLIENT_ID.as_bytes(), b":", &client.secret].concat()));
        let redeem = Request::new(Method::POST, IDP_HOST, "/token").with(AUTHORIZATION, &basic).form(body);
        let res = self.fetch(me, redeem, OidcNote::Redeem.into(), trace);
        if !res.status.is_success() {
            let read = |k: &str| {
                serde_json::from_str::<serde_json::Value>(&res.body)
                    .ok()
                    .and_then(|v| v.get(k).and_then(|e| e.as_str()).map(str::to_string))
                    .unwrap_or_default()
            };
            let why = res.reason.clone();
            return fail(OidcNote::CodeRefused { error: Text::from(read("error")), why: why.map(Box::new) });
        }
        let body: serde_json::Value = serde_json::from_str(&res.body).unwrap_or_default();
        let field = |k: &str| body.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let (id_token, access) = (field("id_token"), field("access_token"));
        let claims = match verify_id_token(&id_token, &client.secret, self.now.div_euclid(1000), &pending.nonce) {
            Ok(c) => c,
            Err(e) => return fail(OidcNote::IdToken(e)),
        };
        let role = self.db.users.find(&claims.sub).map_or(Role::User, |u| u.role);
        let kept = Kept { id_token, access_token: access };
        let scheme = super::scheme(&self.config);
        match scheme.sign_in(self, me, req, super::Proven { user: &claims.sub, role, upstream: Some(kept) }, trace) {
            Ok(grant) => {
                let res = grant.onto(Response::json(StatusCode::FOUND, String::new()).with(LOCATION, "/"));
                let res = res.with(SET_COOKIE, &clear);
                let note = OidcNote::SignedIn { user: Text::from(claims.sub), then: Box::new(grant.note) };
                (res, note.into())
            }
            Err(answer) => *answer,
        }
    }

    /// Sends a request from server `me` and waits for the answer (the back channel):
    /// two hops, routed by the request's `Host`.
    pub fn fetch(&mut self, me: u8, req: Request, note: Note, trace: &mut Trace) -> Response {
        use super::super::hop::{Actor, HopKind, Wire};
        use std::sync::Arc;
        let label = Text::concat(&[req.method.as_str(), " ", &req.target]);
        let bytes = req.wire_size();
        let req = Arc::new(req);
        trace.push_wire(
            Actor::Server(me),
            Actor::Idp,
            HopKind::Request,
            label,
            Wire::Request(Arc::clone(&req)),
            bytes,
            Some(note),
        );
        let (res, verdict) = match (super::super::config::upstream(req.host()), self.idp.as_deref_mut()) {
            (Some(Upstream::Idp), Some(idp)) => {
                let mut ctx = super::super::idp::Ctx { rng: self.rng, now: trace.t };
                idp.handle(&req, &mut ctx)
            }
            _ => {
                let note: Note = OidcNote::NotRegistered.into();
                (Response::refuse(StatusCode::BAD_GATEWAY, note.clone()), note)
            }
        };
        let status = super::super::status_label(res.status);
        let res_bytes = res.wire_size();
        let res = Arc::new(res);
        trace.push_wire(
            Actor::Idp,
            Actor::Server(me),
            HopKind::Response,
            status,
            Wire::Response(Arc::clone(&res)),
            res_bytes,
            Some(verdict),
        );
        Arc::try_unwrap(res).unwrap_or_else(|shared| (*shared).clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> IdClaims {
        IdClaims {
            iss: ISSUER.into(),
            sub: "alice".into(),
            aud: CLIENT_ID.into(),
            exp: 1_000 + 300,
            iat: 1_000,
            nonce: "n-0S6_WzA2Mj".into(),
        }
    }

    /// OpenID Connect Core §3.1.3.7: every check, one failing token each.
    #[test]
    fn id_token_checks_signature_iss_aud_exp_and_nonce() {
        let key = b"demo-secret";
        let ok = sign_id_token(&claims(), key);
        assert_eq!(verify_id_token(&ok, key, 1_000, "n-0S6_WzA2Mj").map(|c| c.sub), Ok("alice".into()));
        // step 6: another key
        assert_eq!(verify_id_token(&ok, b"other", 1_000, "n-0S6_WzA2Mj"), Err(IdTokenError::Signature));
        // step 6: an edited payload keeps the old signature
        let (head, rest) = ok.split_once('.').unwrap_or_default();
        let sig = rest.rsplit('.').next().unwrap_or_default();
        let forged = IdClaims { sub: "mallory".into(), ..claims() };
        let body = URL_SAFE_NO_PAD.encode(serde_json::to_string(&forged).unwrap_or_default());
        assert_eq!(
            verify_id_token(&format!("{head}.{body}.{sig}"), key, 1_000, "n-0S6_WzA2Mj"),
            Err(IdTokenError::Signature)
        );
        // step 2, 3, 9, 11
        let iss = sign_id_token(&IdClaims { iss: "https://evil.example".into(), ..claims() }, key);
        assert!(matches!(verify_id_token(&iss, key, 1_000, "n-0S6_WzA2Mj"), Err(IdTokenError::Issuer { .. })));
        let aud = sign_id_token(&IdClaims { aud: "someone-else".into(), ..claims() }, key);
        assert!(matches!(verify_id_token(&aud, key, 1_000, "n-0S6_WzA2Mj"), Err(IdTokenError::Audience { .. })));
        assert_eq!(verify_id_token(&ok, key, 1_300, "n-0S6_WzA2Mj"), Err(IdTokenError::Expired { ago: 0 }));
        assert_eq!(verify_id_token(&ok, key, 1_000, "another"), Err(IdTokenError::Nonce));
        // step 7: alg none
        let none =
            format!("{}.{}.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#), ok.split('.').nth(1).unwrap_or_default());
        assert_eq!(verify_id_token(&none, key, 1_000, "n-0S6_WzA2Mj"), Err(IdTokenError::Alg));
        assert_eq!(verify_id_token("a.b", key, 1_000, "x"), Err(IdTokenError::Malformed));
    }
}
