//! The site's defence against cross-site request forgery: a request another site's
//! page started carries the browser's cookies all the same (unless SameSite keeps them
//! home), so a state-changing request authenticated by a cookie must also prove that
//! the site's own page sent it.
//!
//! - **token** (the synchroniser token pattern): the server keeps a secret per session
//!   and hands it to its own page in an `X-CSRF-Token` header; the page sends it back in
//!   the same header. Another site's page can neither read it nor set the header on a
//!   form. (With the token in a cookie, the secret is an HMAC of the token's `jti`
//!   under the site's key, so nothing more is stored.)
//! - **origin**: the `Origin` header, which the browser writes on every POST and no page
//!   can change, must name the site itself.
//!
//! A request authenticated by a bearer header needs neither: no other site can make the
//! browser send it.

use super::Auth;
use crate::sim::config::CsrfDefence;
use crate::sim::hop::Text;
use crate::sim::http::Request;
use crate::sim::server::Backend;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use http::header::{HeaderName, ORIGIN};
use std::fmt;

/// The header that carries the token both ways.
pub const HEADER: &str = "x-csrf-token";

/// [`HEADER`] as a header name.
pub fn header() -> HeaderName {
    HeaderName::from_static(HEADER)
}

/// Why a state-changing request was refused (403).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsrfRefusal {
    /// No `X-CSRF-Token` header.
    NoToken,
    /// An `X-CSRF-Token` that is not this login's.
    WrongToken,
    /// No `Origin` header.
    NoOrigin,
    /// `Origin` names another site.
    ForeignOrigin {
        /// What it named.
        origin: Text,
    },
}

impl fmt::Display for CsrfRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsrfRefusal::NoToken => f.write_str("CSRF: no X-CSRF-Token header"),
            CsrfRefusal::WrongToken => f.write_str("CSRF: the X-CSRF-Token is not this login's"),
            CsrfRefusal::NoOrigin => f.write_str("CSRF: no Origin header"),
            CsrfRefusal::ForeignOrigin { origin } => write!(f, "CSRF: the request comes from {origin}"),
        }
    }
}

/// A new session's token, when the site uses tokens.
pub fn new_session_token(b: &mut Backend<'_>) -> Option<String> {
    (b.config.csrf == CsrfDefence::Token).then(|| b.rng.hex128())
}

/// The token of the access token `jti` (cookie mode): an HMAC under the site's key.
pub fn token_for_jti(b: &Backend<'_>, jti: &str) -> Option<String> {
    (b.config.csrf == CsrfDefence::Token).then(|| {
        let mac = super::oidc::mac(&b.db.csrf_key, format!("csrf:{jti}").as_bytes());
        URL_SAFE_NO_PAD.encode(mac.get(..16).unwrap_or_default())
    })
}

/// The token this login's page should hold (what `X-CSRF-Token` answers carry).
pub fn expected(b: &Backend<'_>, auth: &Auth) -> Option<String> {
    match auth {
        Auth::Session(s) => s.csrf.clone(),
        Auth::Token(c) => token_for_jti(b, &c.jti),
        Auth::Nobody(_) => None,
    }
}

/// Checks a state-changing request, authenticated as `auth`, against the site's defence.
pub fn check(b: &Backend<'_>, req: &Request, auth: &Auth, by_cookie: bool) -> Result<(), CsrfRefusal> {
    if !by_cookie {
        return Ok(());
    }
    match b.config.csrf {
        CsrfDefence::None => Ok(()),
        CsrfDefence::Token => {
            let sent = req.header(&header()).ok_or(CsrfRefusal::NoToken)?;
            match expected(b, auth) {
                // Compared in constant time, like any secret.
                Some(want)
                    if want.len() == sent.len()
                        && want.bytes().zip(sent.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0 =>
                {
                    Ok(())
                }
                _ => Err(CsrfRefusal::WrongToken),
            }
        }
        CsrfDefence::Origin => {
            let origin = req.header(&ORIGIN).ok_or(CsrfRefusal::NoOrigin)?;
            if origin == b.config.origin() {
                Ok(())
            } else {
                Err(CsrfRefusal::ForeignOrigin { origin: Text::copy(origin) })
            }
        }
    }
}
