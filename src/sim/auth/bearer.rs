//! Tokens in the page (C10–C12): the server signs a JWT; the site's page script keeps it
//! (in localStorage, or in a variable of its own) and sends it in
//! `Authorization: Bearer …` — a header no browser adds by itself, so a request started
//! on another site never carries it (RFC 6750). A refresh token rides in an HttpOnly
//! cookie scoped to `/token`.

use super::{Auth, Grant, Proven, Refusal, Scheme, TokenPlace};
use crate::sim::config::SITE_HOST;
use crate::sim::hop::{Short, Text, Trace};
use crate::sim::http::Request;
use crate::sim::note::{Anonymous, TokenNote};
use crate::sim::server::{quoted_string_safe, Backend, ACCESS_TTL};
use crate::sim::token::Rejection;
use crate::sim::users::Role;
use crate::sim::World;
use http::header::AUTHORIZATION;

/// Bearer tokens, kept by the page script in `place`.
pub struct Bearer(pub TokenPlace);

/// The page keeps the token in localStorage.
pub static LOCAL: Bearer = Bearer(TokenPlace::LocalStorage);
/// The page keeps the token in a variable.
pub static MEMORY: Bearer = Bearer(TokenPlace::Memory);

impl Scheme for Bearer {
    fn authenticate(&self, b: &mut Backend<'_>, me: u8, req: &Request, _trace: &mut Trace) -> Auth {
        let Some(header) = req.header(&AUTHORIZATION) else {
            return Auth::Nobody(Anonymous::NoAuthorization);
        };
        let Some(jwt) = header.strip_prefix("Bearer ") else {
            return Auth::Nobody(Anonymous::NotBearer);
        };
        b.verify(me, jwt)
    }

    fn sign_in(
        &self,
        b: &mut Backend<'_>,
        me: u8,
        _req: &Request,
        who: Proven<'_>,
        _trace: &mut Trace,
    ) -> Result<Grant, Refusal> {
        token_sign_in(b, me, who, |_, access, jti| body_grant(access, jti), |jti, user| TokenNote::Signed { jti, user })
    }

    fn sign_out(&self, b: &mut Backend<'_>, me: u8, req: &Request, trace: &mut Trace) -> Grant {
        let auth = self.authenticate(b, me, req, trace);
        token_sign_out(b, auth, false)
    }

    fn challenge(&self, refused: Option<&Rejection>) -> String {
        match refused {
            Some(why) => format!(
                "Bearer realm=\"{SITE_HOST}\", error=\"invalid_token\", error_description=\"{}\"",
                quoted_string_safe(&why.to_string())
            ),
            None => format!("Bearer realm=\"{SITE_HOST}\""),
        }
    }

    fn page_token(&self) -> Option<TokenPlace> {
        Some(self.0)
    }

    fn refreshes(&self) -> bool {
        true
    }

    fn hand_over(&self, _b: &Backend<'_>, access: String, jti: &str) -> Option<Grant> {
        Some(body_grant(access, jti))
    }

    fn bulk_sign_in(&self, w: &mut World, name: &str, _at: u8) {
        bulk_token_sign_in(w, name);
    }

    fn bulk_check(&self, w: &mut World, _login_at: u8, at: u8) -> bool {
        bulk_token_check(w, at)
    }
}

/// A login of a scheme that signs JWTs: the access token as `hand` hands it over, the
/// refresh token's cookie, and `note` on it. (auth.example's tokens are not kept.)
pub(crate) fn token_sign_in(
    b: &mut Backend<'_>,
    me: u8,
    Proven { user, role, .. }: Proven<'_>,
    hand: fn(&Backend<'_>, String, &str) -> Grant,
    note: fn(Short, Text) -> TokenNote,
) -> Result<Grant, Refusal> {
    let (access, jti, rt) = b.sign_tokens(me, user, role)?;
    let mut grant = hand(b, access, &jti);
    grant.cookies.push(b.refresh_cookie(&rt, crate::sim::refresh::REFRESH_TTL / 1000));
    grant.note = note(Short::of(&jti), Text::copy(user)).into();
    Ok(grant)
}

/// A logout of a scheme that signs JWTs (`auth`: who the request was): the login's
/// refresh tokens revoked (the access token lives on until it expires), and the refresh
/// cookie cleared, the access token's too when it is a cookie.
pub(crate) fn token_sign_out(b: &mut Backend<'_>, auth: Auth, access_cookie: bool) -> Grant {
    let note = match auth {
        Auth::Token(c) => b.revoke_login(&c),
        _ => TokenNote::NothingToRevoke,
    };
    let mut cookies = Vec::new();
    if access_cookie {
        cookies.push(b.access_cookie("", 0));
    }
    cookies.push(b.refresh_cookie("", 0));
    Grant { cookies, headers: Vec::new(), fields: Vec::new(), note: note.into() }
}

/// The access token in the JSON body, for the page script (RFC 6749 §5.1's fields).
fn body_grant(access: String, jti: &str) -> Grant {
    let fields = vec![
        ("access_token", serde_json::Value::from(access)),
        ("expires_in", (ACCESS_TTL / 1000).into()),
        ("token_type", "Bearer".into()),
    ];
    let note = TokenNote::Rotated { jti: Short::of(jti) }.into();
    Grant { cookies: Vec::new(), headers: Vec::new(), fields, note }
}

/// A bulk token login: the access token's jti (no token is signed), then the refresh
/// token, which the servers keep.
pub(crate) fn bulk_token_sign_in(w: &mut World, name: &str) {
    let now = w.now();
    let _jti = w.rng.bytes::<12>();
    let rt = crate::sim::token::random_id(&w.rng.bytes::<32>());
    w.db.refresh.issue(rt, name, Role::User, None, now);
}

/// A bulk `GET /me` with a token: one verification (and a look-up with the denylist on).
pub(crate) fn bulk_token_check(w: &mut World, at: u8) -> bool {
    let denylist = w.config.denylist;
    w.meters.verifications += 1;
    if let Some(s) = w.servers.get_mut(at as usize) {
        s.counters.verifications += 1;
        if denylist {
            s.counters.lookups += 1;
        }
    }
    if denylist {
        w.meters.lookups += 1;
    }
    true
}
