//! What each actor of the stage shows, read from the world: a small copy (a few chips
//! and counts per actor) so that the stage can show an actor as it was *before* the
//! messages of an action reached it, and flip it when they land.

use crate::sim::attacker::Credential;
use crate::sim::browser::{PageView, TOKEN_KEY};
use crate::sim::config::{AuthMode, LbPolicy, StoreMode, Transport};
use crate::sim::cookie_jar::SameSite;
use crate::sim::hop::{abbreviate, server_letter};
use crate::sim::session::{Session, SessionTable};
use crate::sim::World;

/// Session chips shown per store before "+N".
pub const CHIPS: usize = 2;

/// A cookie in the browser's jar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieChip {
    /// Its name.
    pub name: String,
    /// Its value, shortened.
    pub value: String,
    /// Hidden from scripts.
    pub http_only: bool,
    /// https only.
    pub secure: bool,
    /// Its SameSite policy.
    pub same_site: SameSite,
}

/// A session row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionChip {
    /// The session id, shortened.
    pub sid: String,
    /// Its user, if someone logged in.
    pub user: Option<String>,
    /// It is the one the reader's browser holds the cookie of.
    pub yours: bool,
}

/// A table of sessions, as an actor shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sessions {
    /// How many.
    pub count: usize,
    /// Their bytes.
    pub bytes: usize,
    /// The reader's own first, then the newest, at most [`CHIPS`].
    pub chips: Vec<SessionChip>,
}

/// The reader's browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserView {
    /// https (or plain http).
    pub secure: bool,
    /// What the page shows.
    pub page: PageView,
    /// The jar's cookies.
    pub cookies: Vec<CookieChip>,
    /// The site's localStorage: key and shortened value.
    pub storage: Vec<(String, String)>,
    /// The page script holds an access token.
    pub has_token: bool,
    /// The access token the page script holds in a variable, shortened.
    pub memory: Option<String>,
}

/// The attacker, once they did something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttackerView {
    /// What they stole.
    pub loot: Vec<Credential>,
    /// The status their last replay got.
    pub replay: Option<u16>,
}

/// One server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerView {
    /// `A`…`D`.
    pub letter: &'static str,
    /// Sessions in its memory (or replica).
    pub sessions: Sessions,
    /// The id of the key it signs with.
    pub kid: String,
    /// Requests it handled.
    pub requests: u64,
}

/// The database every server shares (users, refresh tokens, denylist).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbView {
    /// User names, with their hash shortened.
    pub users: Vec<(String, String)>,
    /// Refresh-token rows.
    pub refresh: usize,
    /// Denylisted token ids.
    pub denied: usize,
}

/// Everything the stage's actors show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageModel {
    /// The auth mode.
    pub mode: AuthMode,
    /// Where sessions live.
    pub store: StoreMode,
    /// The balancer's policy.
    pub lb: LbPolicy,
    /// The server the balancer picked last.
    pub routed: Option<u8>,
    /// The reader's browser.
    pub browser: BrowserView,
    /// The attacker, when they did something.
    pub attacker: Option<AttackerView>,
    /// The servers.
    pub servers: Vec<ServerView>,
    /// The shared store (shared mode).
    pub shared: Option<Sessions>,
    /// The database.
    pub db: DbView,
}

fn sessions(table: &SessionTable, yours: Option<&str>) -> Sessions {
    let mut chips: Vec<SessionChip> = Vec::new();
    let chip = |s: &Session| SessionChip {
        sid: abbreviate(&s.sid),
        user: s.user.clone(),
        yours: yours == Some(s.sid.as_str()),
    };
    if let Some(s) = yours.and_then(|sid| table.get(sid)) {
        chips.push(chip(s));
    }
    for s in table.newest(CHIPS + 1) {
        if chips.len() < CHIPS && yours != Some(s.sid.as_str()) {
            chips.push(chip(s));
        }
    }
    Sessions { count: table.len(), bytes: table.bytes(), chips }
}

/// `pbkdf2…<the hash's last 6 characters>`: enough to see it is a hash, not a password.
fn hash_tail(hash: &str) -> String {
    let tail: String = hash.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    format!("pbkdf2…{tail}")
}

impl StageModel {
    /// What the stage shows of `world`.
    pub fn of(world: &World) -> Self {
        let config = world.config;
        let yours = world.browser.jar.iter().find(|c| c.name == crate::sim::SID).map(|c| c.value.as_str());
        let browser = BrowserView {
            secure: config.transport == Transport::Https,
            page: world.browser.page.clone(),
            cookies: world
                .browser
                .jar
                .iter()
                .map(|c| CookieChip {
                    name: c.name.clone(),
                    value: abbreviate(&c.value),
                    http_only: c.http_only,
                    secure: c.secure,
                    same_site: c.same_site,
                })
                .collect(),
            storage: world.browser.local_storage.iter().map(|(k, v)| (k.clone(), abbreviate(v))).collect(),
            has_token: world.browser.local_storage.contains_key(TOKEN_KEY) || world.browser.memory.is_some(),
            memory: world.browser.memory.as_deref().map(abbreviate),
        };
        let a = &world.attacker;
        let attacker =
            (!a.loot.is_empty() || a.last_attempt.is_some() || a.last_replay.is_some()).then(|| AttackerView {
                loot: a.loot.iter().map(|l| l.credential.clone()).collect(),
                replay: a.last_replay.as_ref().map(|r| r.status),
            });
        let servers = world
            .servers
            .iter()
            .map(|s| ServerView {
                letter: server_letter(s.index),
                sessions: sessions(&s.memory, yours),
                kid: s.keys.current.kid.clone(),
                requests: s.counters.requests,
            })
            .collect();
        StageModel {
            mode: config.mode,
            store: config.store,
            lb: config.lb,
            routed: world.balancer.routed.last().map(|(_, s)| *s),
            browser,
            attacker,
            servers,
            shared: (config.store == StoreMode::Shared).then(|| sessions(&world.shared, yours)),
            db: DbView {
                users: world
                    .db
                    .users
                    .users()
                    .iter()
                    .map(|u| (u.name.clone(), hash_tail(&u.hash.to_string())))
                    .collect(),
                refresh: world.db.refresh.iter().count(),
                denied: world.db.denylist.len(),
            },
        }
    }
}
