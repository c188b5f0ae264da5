//! The access token in a cookie: the server sets the JWT as an HttpOnly cookie `at`, so
//! no script of the page can read it — and the browser attaches it to every request to
//! the site by itself, whoever started the request: as open to CSRF as a session
//! cookie, and defended the same ways (SameSite, a CSRF token, an Origin check).

use super::{csrf, Auth, Grant, Proven, Refusal, Scheme};
use crate::sim::config::SITE_HOST;
use crate::sim::hop::{Short, Trace};
use crate::sim::http::Request;
use crate::sim::note::{Anonymous, TokenNote};
use crate::sim::server::{cookie_value, Backend, ACCESS_TTL};
use crate::sim::token::Rejection;
use crate::sim::World;

/// The access token as an HttpOnly cookie (and, with CSRF tokens on, its token for the
/// page in `X-CSRF-Token`); the body says only how long it lasts.
fn cookie_grant(b: &Backend<'_>, access: String, jti: &str) -> Grant {
    let mut headers = Vec::new();
    if let Some(token) = csrf::token_for_jti(b, jti) {
        headers.push((csrf::header(), token));
    }
    let fields = vec![("expires_in", (ACCESS_TTL / 1000).into())];
    let note = TokenNote::Rotated { jti: Short::of(jti) }.into();
    Grant { cookies: vec![b.access_cookie(&access, ACCESS_TTL / 1000)], headers, fields, note }
}

/// Name of the access-token cookie.
pub const ACCESS_COOKIE: &str = "at";

/// JWTs in an HttpOnly cookie.
pub struct TokenCookie;

impl Scheme for TokenCookie {
    fn authenticate(&self, b: &mut Backend<'_>, me: u8, req: &Request, _trace: &mut Trace) -> Auth {
        match cookie_value(req, ACCESS_COOKIE) {
            None => Auth::Nobody(Anonymous::NoTokenCookie),
            Some(jwt) => b.verify(me, jwt),
        }
    }

    fn sign_in(
        &self,
        b: &mut Backend<'_>,
        me: u8,
        _req: &Request,
        who: Proven<'_>,
        _trace: &mut Trace,
    ) -> Result<Grant, Refusal> {
        super::bearer::token_sign_in(b, me, who, cookie_grant, |jti, user| TokenNote::SignedInCookie { jti, user })
    }

    fn sign_out(&self, b: &mut Backend<'_>, me: u8, req: &Request, trace: &mut Trace) -> Grant {
        let auth = self.authenticate(b, me, req, trace);
        super::bearer::token_sign_out(b, auth, true)
    }

    fn challenge(&self, _refused: Option<&Rejection>) -> String {
        format!("Cookie realm=\"{SITE_HOST}\", form-action=\"/login\", cookie-name=\"{ACCESS_COOKIE}\"")
    }

    fn refreshes(&self) -> bool {
        true
    }

    fn hand_over(&self, b: &Backend<'_>, access: String, jti: &str) -> Option<Grant> {
        Some(cookie_grant(b, access, jti))
    }

    fn bulk_sign_in(&self, w: &mut World, name: &str, _at: u8) {
        super::bearer::bulk_token_sign_in(w, name);
    }

    fn bulk_check(&self, w: &mut World, _login_at: u8, at: u8) -> bool {
        super::bearer::bulk_token_check(w, at)
    }
}
