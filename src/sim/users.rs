//! The user database every server reads (C2): names, roles and salted, iterated
//! password hashes — PBKDF2-HMAC-SHA256, never the password itself.
//!
//! The iteration count is demo-sized ([`DEMO_ITERATIONS`]) so a login stays instant in
//! the page; OWASP's current advice for PBKDF2-HMAC-SHA256 is 600 000.

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

    /// A hash as a database stores it: salt, iteration count and digest.
    pub const fn stored(salt: [u8; 16], iterations: u32, hash: [u8; 32]) -> Self {
        PasswordHash { salt, iterations, hash }
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

/// The rows the database already holds when the servers start: a real site's users
/// registered long before, so their salts and hashes are stored data, not start-up work
/// (hashing them in the page cost the first paint ~8 ms of wasm). A test derives every
/// hash again from [`SEEDED`]'s passwords.
const PROVISIONED: [(&str, Role, PasswordHash); 2] = [
    (
        "alice",
        Role::User,
        PasswordHash::stored(
            [0x54, 0xc4, 0x49, 0x35, 0x98, 0xec, 0x8b, 0xbe, 0x21, 0x31, 0x75, 0xcb, 0x9b, 0x07, 0x51, 0x5f],
            DEMO_ITERATIONS,
            [
                0x68, 0xab, 0xce, 0x23, 0xe8, 0x72, 0xf6, 0x76, 0xd7, 0x77, 0x46, 0x8d, 0x20, 0xfa, 0xf4, 0x5e, 0x32,
                0xd7, 0x63, 0x26, 0x12, 0x42, 0x87, 0x54, 0xe2, 0x6a, 0x17, 0x33, 0x38, 0x4c, 0xd9, 0x56,
            ],
        ),
    ),
    (
        "bob",
        Role::Admin,
        PasswordHash::stored(
            [0x19, 0x4e, 0xaf, 0xc7, 0x6b, 0x9d, 0x1f, 0xd2, 0xa3, 0xb0, 0xea, 0x27, 0x4c, 0xf1, 0x98, 0x56],
            DEMO_ITERATIONS,
            [
                0xf9, 0x5a, 0x65, 0xfd, 0xc3, 0x27, 0x12, 0x79, 0xc8, 0xc4, 0x60, 0xee, 0x80, 0x31, 0x50, 0xd1, 0xf6,
                0xbe, 0x7b, 0x5b, 0x8e, 0x3f, 0xc1, 0xd3, 0x52, 0xc1, 0xfa, 0x05, 0xc9, 0xd6, 0x11, 0xed,
            ],
        ),
    ),
];

/// The hash an unknown name is checked against (of the password `decoy`), so that a
/// login for a name that does not exist costs the same as one for a name that does.
const DECOY: PasswordHash = PasswordHash::stored(
    [0x1b, 0x1c, 0x88, 0xa2, 0x3c, 0x86, 0xe6, 0x15, 0x41, 0xa4, 0xfe, 0xb2, 0xfd, 0xf1, 0xc8, 0x7e],
    DEMO_ITERATIONS,
    [
        0x37, 0x69, 0x3a, 0xcc, 0xf9, 0x8b, 0xa3, 0xd8, 0xe3, 0xef, 0x9e, 0x24, 0x90, 0x08, 0x6c, 0xe1, 0x48, 0xbd,
        0xfc, 0x3d, 0xc0, 0x35, 0x82, 0xeb, 0xaf, 0x76, 0x0c, 0x8c, 0x62, 0x3e, 0x43, 0xca,
    ],
);

impl UserDb {
    /// alice (user) and bob (admin), as the database holds them.
    pub fn seeded() -> Self {
        let users = PROVISIONED
            .iter()
            .map(|(name, role, hash)| User { name: (*name).to_string(), role: *role, hash: hash.clone() })
            .collect();
        UserDb { users, decoy: DECOY }
    }

    /// A table of these rows (name, role, stored hash).
    pub fn from_rows<'a>(rows: impl Iterator<Item = (&'a str, Role, PasswordHash)>) -> Self {
        let users = rows.map(|(name, role, hash)| User { name: name.to_string(), role, hash }).collect();
        UserDb { users, decoy: DECOY }
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
        let db = UserDb::seeded();
        assert_eq!(db.verify("alice", "wonderland").map(|u| u.role), Ok(Role::User));
        assert_eq!(db.verify("bob", "builder").map(|u| u.role), Ok(Role::Admin));
        assert_eq!(db.verify("alice", "builder").err(), Some(LoginError::BadCredentials));
        assert_eq!(db.verify("mallory", "x").err(), Some(LoginError::BadCredentials));
    }

    #[test]
    fn the_table_shows_hashes_never_passwords() {
        let db = UserDb::seeded();
        for u in db.users() {
            let shown = u.hash.to_string();
            assert!(shown.starts_with("pbkdf2-sha256$1000$"), "{shown}");
            assert!(!shown.contains("wonderland") && !shown.contains("builder"));
        }
        assert_ne!(db.users()[0].hash.to_string(), db.users()[1].hash.to_string());
    }

    #[test]
    fn the_stored_hashes_are_pbkdf2_of_the_seeded_passwords() {
        let db = UserDb::seeded();
        assert_eq!(db.users().len(), SEEDED.len());
        for ((name, password, role), user) in SEEDED.iter().zip(db.users()) {
            assert_eq!((user.name.as_str(), user.role), (*name, *role));
            let again = PasswordHash::new(password, user.hash.salt, DEMO_ITERATIONS);
            assert_eq!(user.hash, again, "{name}");
        }
        assert_eq!(DECOY, PasswordHash::new("decoy", DECOY.salt, DEMO_ITERATIONS));
        let salts: std::collections::BTreeSet<_> = db.users().iter().map(|u| u.hash.salt).chain([DECOY.salt]).collect();
        assert_eq!(salts.len(), 3, "every row has a salt of its own");
    }

    #[test]
    fn pbkdf2_matches_the_rfc_7914_vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", c=1, dkLen=64) starts 55 ac 04 6e.
        let mut out = [0u8; 64];
        pbkdf2::pbkdf2_hmac::<Sha256>(b"passwd", b"salt", 1, &mut out);
        assert_eq!(&out[..4], &[0x55, 0xac, 0x04, 0x6e]);
    }
}
