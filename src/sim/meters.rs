//! The meters (C7, C12, C13): every figure is derived from hops and stores, never
//! typed in. Running totals are kept as hops are emitted; the bulk run adds its own
//! figures separately and says so.

use super::hop::Hop;
use super::http::Request;
use http::header::{AUTHORIZATION, COOKIE};

/// Running totals of the world.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Meters {
    /// Bytes of every hop so far (client links, data-centre links, store commands, leaks).
    pub total_bytes: u64,
    /// Bytes of credential header lines (`Cookie`, `Authorization`) sent by clients.
    pub credential_bytes: u64,
    /// Requests sent by clients (browser, attacker).
    pub requests: u64,
    /// Session (and denylist / refresh-token) look-ups.
    pub lookups: u64,
    /// JWT signature verifications.
    pub verifications: u64,
    /// Figures of "simulate N users" runs (not in the hop list).
    pub bulk: BulkTotals,
}

/// What bulk runs added. Bulk logins skip the password KDF; message sizes come from
/// one rendered sample per shape (every simulated user sends the same shape).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BulkTotals {
    /// Users simulated.
    pub users: u64,
    /// Their `GET /me` answered 200.
    pub ok: u64,
    /// Their `GET /me` answered 401 (session on another server, …).
    pub failed: u64,
    /// Bytes they put on the wire.
    pub bytes: u64,
    /// Bytes of their credential headers.
    pub credential_bytes: u64,
}

/// Bytes of the credential header lines of a request (`Name: value\r\n`).
pub fn credential_bytes(req: &Request) -> usize {
    [COOKIE, AUTHORIZATION]
        .iter()
        .flat_map(|name| req.headers.get_all(name).iter().map(move |v| name.as_str().len() + 2 + v.len() + 2))
        .sum()
}

impl Meters {
    /// Adds hops to the byte total.
    pub fn add_hops(&mut self, hops: &[Hop]) {
        self.total_bytes += hops.iter().map(|h| h.bytes as u64).sum::<u64>();
    }

    /// All bytes, hops and bulk together.
    pub fn all_bytes(&self) -> u64 {
        self.total_bytes + self.bulk.bytes
    }

    /// All credential bytes, hops and bulk together.
    pub fn all_credential_bytes(&self) -> u64 {
        self.credential_bytes + self.bulk.credential_bytes
    }
}
