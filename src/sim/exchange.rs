//! One request and its answer as the client saw it — a row of the network list — with
//! every hop it caused behind the balancer.

use super::browser::Initiator;
use super::clock::Millis;
use super::hop::{Actor, Hop};
use super::http::{Request, Response};
use super::meters::credential_bytes;
use super::note::{BrowserNote, Note};
use http::header::{AUTHORIZATION, COOKIE};
use std::sync::Arc;

/// Which credential a request carried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialKind {
    /// None.
    None,
    /// A `Cookie` header.
    Cookie,
    /// An `Authorization: Bearer` header.
    Bearer,
    /// Both.
    Both,
}

impl CredentialKind {
    /// Of a request.
    pub fn of(req: &Request) -> Self {
        match (req.headers.contains_key(COOKIE), req.headers.contains_key(AUTHORIZATION)) {
            (false, false) => CredentialKind::None,
            (true, false) => CredentialKind::Cookie,
            (false, true) => CredentialKind::Bearer,
            (true, true) => CredentialKind::Both,
        }
    }

    /// A short label: `—`, `cookie`, `bearer`, `cookie+bearer`.
    pub fn label(self) -> &'static str {
        match self {
            CredentialKind::None => "—",
            CredentialKind::Cookie => "cookie",
            CredentialKind::Bearer => "bearer",
            CredentialKind::Both => "cookie+bearer",
        }
    }
}

/// One row of the network list.
#[derive(Clone, Debug)]
pub struct Exchange {
    /// Sequence number (1-based).
    pub id: u32,
    /// Who sent it: browser or attacker.
    pub actor: Actor,
    /// The request as it left the client (shared with the hops that carry it).
    pub request: Arc<Request>,
    /// The response as it reached the client (shared with the hops that carry it).
    pub response: Arc<Response>,
    /// Who answered it: a server of the site (`Server(i)`), or auth.example (`Idp`).
    pub handler: Actor,
    /// Every hop, in order.
    pub hops: Vec<Hop>,
    /// Virtual time the request left.
    pub started: Millis,
    /// Virtual time the response arrived.
    pub finished: Millis,
}

impl Exchange {
    /// Request + response bytes on the client's link.
    pub fn bytes(&self) -> usize {
        self.request.wire_size() + self.response.wire_size()
    }

    /// Bytes of the credential headers it carried.
    pub fn credential_bytes(&self) -> usize {
        credential_bytes(&self.request)
    }

    /// Which credential it carried.
    pub fn credential(&self) -> CredentialKind {
        CredentialKind::of(&self.request)
    }

    /// Whether a page of evil.example started it (its form or its link).
    pub fn from_evil(&self) -> bool {
        matches!(
            self.hops.first().and_then(|h| h.note.as_ref()),
            Some(Note::Browser(BrowserNote::Sent(s))) if matches!(s.from, Initiator::EvilPage | Initiator::EvilLink)
        )
    }

    /// The site's server that answered it (index), when the site did.
    pub fn server(&self) -> Option<u8> {
        match self.handler {
            Actor::Server(i) => Some(i),
            _ => None,
        }
    }

    /// The note of the hop where the handler answered (what the server decided).
    pub fn verdict(&self) -> Option<&Note> {
        self.hops
            .iter()
            .find(|h| h.from == self.handler && h.kind == super::hop::HopKind::Response)
            .and_then(|h| h.note.as_ref())
    }
}
