//! The user database every server reads (C2): names, roles and salted, iterated
//! password hashes — PBKDF2-HMAC-SHA256, never the password itself.
//!
//! The iteration count is demo-sized ([`DEMO_ITERATIONS`]) so a login stays instant in
//! the page; OWASP's current advice for PBKDF2-HMAC-SHA256 is 600 000.

use super::rng::Rng;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine as _;
use sha2::Sha256;
use std::fmt;

/// PBKDF2 rounds used here (demo value; production: 600 000 or a memory-hard KDF).
pub const DEMO_ITERATIONS: u32 = 1_000;

/// What a user may do (C15: authorization).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// May see their own page.
    User,
    /// May also see `/admin`.
    Admin,
}

impl Role {
    /// `user` or `admin`, as in tokens and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Admin => "admin",
        }
    }
    /// Parses `user` / `admin`.
    pub fn from_id(s: &str) -> Option<Role> {
        match s {
            "user" => Some(Role::User),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A salted, iterated password hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordHash {
    salt: [u8; 16],
    iterations: u32,
    hash: [u8; 32],
}

impl PasswordHash {
    /// Hashes `password` with `salt`.
    pub fn new(password: &str, salt: [u8; 16], iterations: u32) -> Self {
        PasswordHash { salt, iterations, hash: derive(password, &salt, iterations) }
    }

    /// Whether `password` hashes to this (constant-time compare of the digests).
    pub fn matches(&self, password: &str) -> bool {
        let candidate = derive(password, &self.salt, self.iterations);
        candidate.iter().zip(self.hash.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

impl fmt::Display for PasswordHash {
    /// The PHC-like form a database would store: `pbkdf2-sha256$1000$<salt>$<hash>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pbkdf2-sha256${}${}${}",
            self.iterations,
            STANDARD_NO_PAD.encode(self.salt),
            STANDARD_NO_PAD.encode(self.hash)
        )
    }
}

fn derive(password: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, iterations.max(1), &mut out);
    out
}

/// One row of the user table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Login name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// The stored hash.
    pub hash: PasswordHash,
}

/// Why a login failed. Unknown user and wrong password give the same answer, so the
/// site does not tell an attacker which names exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginError {
    /// Unknown user or wrong password (deliberately indistinguishable).
    BadCredentials,
}

impl fmt::Display for LoginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("wrong username or password")
    }
}

/// The user table.
#[derive(Clone, Debug)]
pub struct UserDb {
    users: Vec<User>,
    decoy: PasswordHash,
}

/// The seeded accounts of the UI contract: (name, password, role).
pub const SEEDED: [(&str, &str, Role); 2] = [("alice", "wonderland", Role::User), ("bob", "builder", Role::Admin)];

impl UserDb {
    /// alice (user) and bob (admin), salted from `rng`.
    pub fn seeded(rng: &mut Rng) -> Self {
        let users = SEEDED
            .iter()
            .map(|(name, pw, role)| User {
                name: (*name).to_string(),
                role: *role,
                hash: PasswordHash::new(pw, rng.bytes(), DEMO_ITERATIONS),
            })
            .collect();
        let decoy = PasswordHash::new("decoy", rng.bytes(), DEMO_ITERATIONS);
        UserDb { users, decoy }
    }

    /// The rows, in order.
    pub fn users(&self) -> &[User] {
        &self.users
    }

    /// A user by name.
    pub fn find(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name == name)
    }

    /// Checks a login. An unknown name still costs one hash (against a decoy), so
    /// timing does not reveal which names exist either.
    pub fn verify(&self, name: &str, password: &str) -> Result<&User, LoginError> {
        match self.find(name) {
            Some(u) if u.hash.matches(password) => Ok(u),
            Some(_) => Err(LoginError::BadCredentials),
            None => {
                let _ = self.decoy.matches(password);
                Err(LoginError::BadCredentials)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_users_log_in_with_their_passwords_only() {
        let db = UserDb::seeded(&mut Rng::new(1));
        assert_eq!(db.verify("alice", "wonderland").map(|u| u.role), Ok(Role::User));
        assert_eq!(db.verify("bob", "builder").map(|u| u.role), Ok(Role::Admin));
        assert_eq!(db.verify("alice", "builder").err(), Some(LoginError::BadCredentials));
        assert_eq!(db.verify("mallory", "x").err(), Some(LoginError::BadCredentials));
    }

    #[test]
    fn the_table_shows_hashes_never_passwords() {
        let db = UserDb::seeded(&mut Rng::new(1));
        for u in db.users() {
            let shown = u.hash.to_string();
            assert!(shown.starts_with("pbkdf2-sha256$1000$"), "{shown}");
            assert!(!shown.contains("wonderland") && !shown.contains("builder"));
        }
        assert_ne!(db.users()[0].hash.to_string(), db.users()[1].hash.to_string());
    }

    #[test]
    fn pbkdf2_matches_the_rfc_7914_vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", c=1, dkLen=64) starts 55 ac 04 6e.
        let mut out = [0u8; 64];
        pbkdf2::pbkdf2_hmac::<Sha256>(b"passwd", b"salt", 1, &mut out);
        assert_eq!(&out[..4], &[0x55, 0xac, 0x04, 0x6e]);
    }
}
