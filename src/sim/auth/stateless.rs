//! Stateless: nothing in a request says who sent it (C1). A correct password is
//! checked and then forgotten.

use super::{Auth, Grant, Proven, Refusal, Scheme};
use crate::sim::config::SITE_HOST;
use crate::sim::hop::{Text, Trace};
use crate::sim::http::Request;
use crate::sim::note::{Anonymous, SiteNote};
use crate::sim::server::Backend;
use crate::sim::token::Rejection;
use crate::sim::World;

/// Plain HTTP: every request is a stranger's.
pub struct Stateless;

impl Scheme for Stateless {
    fn authenticate(&self, _b: &mut Backend<'_>, _me: u8, _req: &Request, _trace: &mut Trace) -> Auth {
        Auth::Nobody(Anonymous::Stateless)
    }

    fn sign_in(
        &self,
        _b: &mut Backend<'_>,
        _me: u8,
        _req: &Request,
        who: Proven<'_>,
        _trace: &mut Trace,
    ) -> Result<Grant, Refusal> {
        let note = SiteNote::LoggedInStateless { user: Text::copy(who.user) }.into();
        Ok(Grant { cookies: Vec::new(), headers: Vec::new(), fields: Vec::new(), note })
    }

    fn sign_out(&self, _b: &mut Backend<'_>, _me: u8, _req: &Request, _trace: &mut Trace) -> Grant {
        Grant { cookies: Vec::new(), headers: Vec::new(), fields: Vec::new(), note: SiteNote::NothingToForget.into() }
    }

    fn challenge(&self, _refused: Option<&Rejection>) -> String {
        format!("Form realm=\"{SITE_HOST}\", form-action=\"/login\"")
    }

    fn bulk_sign_in(&self, _w: &mut World, _name: &str, _at: u8) {}

    fn bulk_check(&self, _w: &mut World, _login_at: u8, _at: u8) -> bool {
        false
    }
}
