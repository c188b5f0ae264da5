//! Refresh tokens (how real token systems answer C14): long-lived, opaque, kept in an
//! HttpOnly cookie, stored server-side, and rotated on every use. Presenting a token
//! that was already used means two parties hold it — one of them a thief — so the
//! whole family is revoked (reuse detection, as OAuth 2.0 Security BCP §4.14 advises).

use super::clock::{Millis, DAY};
use super::users::Role;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fmt::Write as _;

/// A refresh token lives this long.
pub const REFRESH_TTL: Millis = 7 * DAY;
/// Name of the refresh-token cookie.
pub const REFRESH_COOKIE: &str = "rt";

/// One stored refresh token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefreshRecord {
    /// Whose.
    pub user: String,
    /// Their role (copied into new access tokens).
    pub role: Role,
    /// The rotation chain it belongs to.
    pub family: u32,
    /// When it stops working.
    pub expires: Millis,
    /// Already exchanged for a new pair.
    pub used: bool,
}

/// Why a refresh failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshError {
    /// The request carried no refresh cookie.
    Missing,
    /// Never issued (or forgotten).
    Unknown,
    /// Past its 7 days.
    Expired,
    /// Used before: the family is now revoked.
    Reused,
    /// Its family was revoked earlier (reuse or logout).
    FamilyRevoked,
}

impl fmt::Display for RefreshError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RefreshError::Missing => "no refresh token cookie",
            RefreshError::Unknown => "unknown refresh token",
            RefreshError::Expired => "refresh token expired",
            RefreshError::Reused => {
                "refresh token reuse detected: every refresh token of this login is revoked \
                 (access tokens already issued stay valid until their exp)"
            }
            RefreshError::FamilyRevoked => "refresh token revoked: its family was revoked (reuse or logout)",
        })
    }
}

impl RefreshRecord {
    /// Bytes the row takes in the table: its key `rt:<token>` and the record as JSON,
    /// `{"expires":…,"family":…,"role":"…","used":…,"user":"…"}` (seconds; keys
    /// sorted, as serde_json writes a map), counted like a session row.
    pub fn bytes(&self, token: &str) -> usize {
        let mut rec = String::with_capacity(96);
        // Writing to a String cannot fail; the user is a JSON string.
        let _ = write!(
            rec,
            "{{\"expires\":{},\"family\":{},\"role\":\"{}\",\"used\":{},\"user\":{}}}",
            self.expires / 1000,
            self.family,
            self.role.id(),
            self.used,
            serde_json::Value::from(self.user.as_str())
        );
        3 + token.len() + rec.len()
    }
}

/// The server-side table of refresh tokens: one row per token issued, kept (used or
/// not, revoked or not) until it expires, because a used or revoked token presented
/// again must still be recognised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefreshStore {
    tokens: BTreeMap<String, RefreshRecord>,
    revoked: BTreeSet<u32>,
    next_family: u32,
    bytes: usize,
}

impl RefreshStore {
    /// Stores a new token; `family: None` starts a new rotation chain (a login).
    pub fn issue(&mut self, token: String, user: &str, role: Role, family: Option<u32>, now: Millis) -> u32 {
        let family = family.unwrap_or_else(|| {
            self.next_family += 1;
            self.next_family
        });
        let rec = RefreshRecord { user: user.into(), role, family, expires: now + REFRESH_TTL, used: false };
        self.bytes += rec.bytes(&token);
        if let Some(old) = self.tokens.insert(token.clone(), rec) {
            self.bytes -= old.bytes(&token);
        }
        family
    }

    /// Exchanges a token: marks it used and returns its record. A second use revokes
    /// the family.
    pub fn redeem(&mut self, token: &str, now: Millis) -> Result<RefreshRecord, RefreshError> {
        let rec = self.tokens.get_mut(token).ok_or(RefreshError::Unknown)?;
        if self.revoked.contains(&rec.family) {
            return Err(RefreshError::FamilyRevoked);
        }
        if rec.used {
            let family = rec.family;
            self.revoked.insert(family);
            return Err(RefreshError::Reused);
        }
        if now >= rec.expires {
            return Err(RefreshError::Expired);
        }
        // `"used":false` becomes `"used":true`: one byte less.
        rec.used = true;
        self.bytes -= 1;
        Ok(rec.clone())
    }

    /// Revokes every family of a user (logout everywhere). Returns how many.
    pub fn revoke_user(&mut self, user: &str) -> usize {
        let families: BTreeSet<u32> = self.tokens.values().filter(|r| r.user == user).map(|r| r.family).collect();
        let before = self.revoked.len();
        self.revoked.extend(families);
        self.revoked.len() - before
    }

    /// Whether a family is revoked.
    pub fn is_revoked(&self, family: u32) -> bool {
        self.revoked.contains(&family)
    }

    /// Stored tokens, for the servers panel.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &RefreshRecord)> {
        self.tokens.iter()
    }

    /// Rows in the table.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Bytes the table holds: the sum of [`RefreshRecord::bytes`].
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Tokens that would still be exchanged at `now`: unused, unexpired, of a family
    /// that is not revoked.
    pub fn live(&self, now: Millis) -> usize {
        self.tokens.values().filter(|r| !r.used && now < r.expires && !self.revoked.contains(&r.family)).count()
    }

    /// Drops the rows past their expiry (nobody can present them any more); returns
    /// how many.
    pub fn purge_expired(&mut self, now: Millis) -> usize {
        let dead: Vec<String> = self.tokens.iter().filter(|(_, r)| now >= r.expires).map(|(t, _)| t.clone()).collect();
        for t in &dead {
            if let Some(r) = self.tokens.remove(t) {
                self.bytes -= r.bytes(t);
            }
        }
        dead.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_then_reuse_revokes_the_family() {
        let mut s = RefreshStore::default();
        let fam = s.issue("t1".into(), "alice", Role::User, None, 0);
        assert!(s.redeem("t1", 1).is_ok());
        s.issue("t2".into(), "alice", Role::User, Some(fam), 1);
        // the thief replays the old token: reuse detected, family revoked
        assert_eq!(s.redeem("t1", 2), Err(RefreshError::Reused));
        // the legitimate newer token is dead too
        assert_eq!(s.redeem("t2", 3), Err(RefreshError::FamilyRevoked));
    }

    #[test]
    fn bytes_follow_the_rows() {
        let mut s = RefreshStore::default();
        let fam = s.issue("t1".into(), "alice", Role::User, None, 1_000);
        let row = |s: &RefreshStore| s.iter().map(|(t, r)| r.bytes(t)).sum::<usize>();
        assert_eq!(s.bytes(), row(&s));
        assert_eq!(s.bytes(), r#"rt:t1{"expires":604801,"family":1,"role":"user","used":false,"user":"alice"}"#.len());
        s.redeem("t1", 2_000).expect("fresh");
        s.issue("t2".into(), "alice", Role::User, Some(fam), 2_000);
        assert_eq!(s.bytes(), row(&s));
        assert_eq!((s.len(), s.live(3_000)), (2, 1));
        assert_eq!(s.purge_expired(REFRESH_TTL + 1_500), 1);
        assert_eq!((s.len(), s.bytes()), (1, row(&s)));
    }

    #[test]
    fn unknown_expired_and_logout() {
        let mut s = RefreshStore::default();
        assert_eq!(s.redeem("nope", 0), Err(RefreshError::Unknown));
        s.issue("t".into(), "bob", Role::Admin, None, 0);
        assert_eq!(s.redeem("t", REFRESH_TTL), Err(RefreshError::Expired));
        s.issue("u".into(), "bob", Role::Admin, None, 0);
        assert_eq!(s.revoke_user("bob"), 2);
        assert_eq!(s.redeem("u", 1), Err(RefreshError::FamilyRevoked));
    }
}
