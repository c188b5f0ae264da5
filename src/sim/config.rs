//! The knobs of the world: how the site authenticates, how many servers stand behind
//! the balancer, how the balancer picks one, where sessions live and how the browser
//! talks to the site. Each knob has the stable URL spelling of the UI contract.

/// How the site remembers who is logged in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum AuthMode {
    /// Nothing links one request to the next (plain HTTP).
    Stateless,
    /// A session id in a cookie, the session itself on the server.
    #[default]
    Session,
    /// A signed JWT kept by the page script and sent in `Authorization`.
    Token,
}

/// How the balancer chooses a server for each request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum LbPolicy {
    /// A, B, C, … in turn.
    #[default]
    RoundRobin,
    /// Any server, drawn from the world's seeded RNG.
    Random,
    /// The first choice is remembered in a balancer cookie.
    Sticky,
}

/// Where the servers keep their sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum StoreMode {
    /// Each server in its own memory: lost on restart, invisible to the others.
    #[default]
    Memory,
    /// One session store every server asks (an extra hop each way).
    Shared,
    /// Each server keeps a copy; every write fans out to the others.
    Replicated,
}

/// How the browser talks to the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Transport {
    /// Encrypted: an eavesdropper sees nothing useful.
    #[default]
    Https,
    /// Plain text: an eavesdropper reads every header.
    Http,
}

/// The `SameSite` attribute the site puts on the cookie that logs you in (`sid`, or the
/// access-token cookie `at`). RFC 6265bis §5.4.7: Strict cookies go only with requests
/// started on the site itself; Lax ones also with top-level navigations by a safe method
/// (a link, GET); None with every request, and only on a Secure cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SameSitePolicy {
    /// Only requests started on the site.
    Strict,
    /// Also top-level GET navigations from other sites.
    #[default]
    Lax,
    /// Every request (the cookie must be Secure).
    None,
}

/// How the site tells its own page's state-changing requests from forged ones (CSRF).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum CsrfDefence {
    /// Nothing: the cookie alone counts.
    #[default]
    None,
    /// A secret the site gives its own page, which must come back in an
    /// `X-CSRF-Token` header (another site's page cannot read it).
    Token,
    /// The `Origin` header must name the site itself.
    Origin,
}

/// Where the page script keeps the access token (token mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum TokenStore {
    /// localStorage: survives a reload; any script on the page reads it.
    #[default]
    Local,
    /// A variable of the page script: gone on reload (then refreshed with the `rt` cookie).
    Memory,
    /// An HttpOnly cookie `at` the server sets: scripts never see it; the browser attaches it.
    Cookie,
}

/// A knob whose values have stable spellings in URLs and `data-` attributes.
pub trait Choice: Sized + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// The stable spellings of [`Choice::ALL`], in the same order (for pages that list
    /// them without knowing the type).
    const IDS: &'static [&'static str];
    /// The stable spelling (`round-robin`, `token`, …).
    fn id(self) -> &'static str;
    /// Parses the stable spelling (exact, lower case).
    fn from_id(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.id() == s)
    }
    /// The accepted spellings joined for an error message: `a, b or c`.
    fn expected() -> String {
        let ids: Vec<&str> = Self::ALL.iter().map(|v| v.id()).collect();
        match ids.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            Some((last, _)) => (*last).to_string(),
            None => String::new(),
        }
    }
}

/// Makes an enum a [`Choice`] from its variants and their spellings (and `Display` as the
/// spelling). The page's own settings use it too (`ui::state::Speed`).
macro_rules! choice {
    ($ty:ident { $($variant:ident => $id:literal),+ $(,)? }) => {
        impl $crate::sim::config::Choice for $ty {
            const ALL: &'static [Self] = &[$($ty::$variant),+];
            const IDS: &'static [&'static str] = &[$($id),+];
            fn id(self) -> &'static str {
                match self { $($ty::$variant => $id),+ }
            }
        }
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::sim::config::Choice::id(*self))
            }
        }
    };
}
pub(crate) use choice;

choice!(AuthMode { Stateless => "stateless", Session => "session", Token => "token" });
choice!(LbPolicy { RoundRobin => "round-robin", Random => "random", Sticky => "sticky" });
choice!(StoreMode { Memory => "memory", Shared => "shared", Replicated => "replicated" });
choice!(Transport { Https => "https", Http => "http" });
choice!(SameSitePolicy { Strict => "strict", Lax => "lax", None => "none" });
choice!(CsrfDefence { None => "none", Token => "token", Origin => "origin" });
choice!(TokenStore { Local => "local", Memory => "memory", Cookie => "cookie" });

/// Fewest servers behind the balancer.
pub const MIN_SERVERS: u8 = 1;
/// Most servers behind the balancer.
pub const MAX_SERVERS: u8 = 4;

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled<T: Choice>() -> Vec<&'static str> {
        T::ALL.iter().map(|v| v.id()).collect()
    }

    /// The selects of the page list `IDS`: each knob spells its values there as `id` does.
    #[test]
    fn every_knob_lists_its_values_as_it_spells_them() {
        assert_eq!(LbPolicy::IDS.to_vec(), spelled::<LbPolicy>());
        assert_eq!(StoreMode::IDS.to_vec(), spelled::<StoreMode>());
        assert_eq!(Transport::IDS.to_vec(), spelled::<Transport>());
        assert_eq!(SameSitePolicy::IDS.to_vec(), spelled::<SameSitePolicy>());
        assert_eq!(CsrfDefence::IDS.to_vec(), spelled::<CsrfDefence>());
        assert_eq!(TokenStore::IDS.to_vec(), spelled::<TokenStore>());
    }

    #[test]
    fn ids_round_trip_and_reject_unknown() {
        for m in AuthMode::ALL {
            assert_eq!(AuthMode::from_id(m.id()), Some(*m));
        }
        assert_eq!(LbPolicy::from_id("round-robin"), Some(LbPolicy::RoundRobin));
        assert_eq!(AuthMode::from_id("Token"), None);
        assert_eq!(StoreMode::expected(), "memory, shared or replicated");
    }
}

/// The host name of the simulated site.
pub const SITE_HOST: &str = "playground.example";
/// The host name of the attacker's site.
pub const EVIL_HOST: &str = "evil.example";
/// The host name of the identity provider ("log in with auth.example").
pub const IDP_HOST: &str = "auth.example";

/// Who answers requests for a host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upstream {
    /// The site: the load balancer, then one of the servers.
    Site,
    /// The identity provider, one server of its own.
    Idp,
}

/// The hosts of the world and who answers them: requests are routed by their `Host`.
pub const HOSTS: [(&str, Upstream); 2] = [(SITE_HOST, Upstream::Site), (IDP_HOST, Upstream::Idp)];

/// Who answers requests for `host` (`None`: no such host in this world).
pub fn upstream(host: &str) -> Option<Upstream> {
    HOSTS.iter().find(|(h, _)| *h == host).map(|(_, u)| *u)
}

/// All knobs together: what a reader sets in the control bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// How the site remembers who is logged in.
    pub mode: AuthMode,
    /// Servers behind the balancer, 1–4.
    pub servers: u8,
    /// How the balancer picks a server.
    pub lb: LbPolicy,
    /// Where sessions live.
    pub store: StoreMode,
    /// https or http.
    pub transport: Transport,
    /// Token mode: servers check a `jti` denylist on every request (a look-up again).
    pub denylist: bool,
    /// The `SameSite` of the login cookie.
    pub samesite: SameSitePolicy,
    /// The CSRF defence of state-changing requests.
    pub csrf: CsrfDefence,
    /// Where the page keeps the access token (token mode).
    pub token_store: TokenStore,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: AuthMode::default(),
            servers: MIN_SERVERS,
            lb: LbPolicy::default(),
            store: StoreMode::default(),
            transport: Transport::default(),
            denylist: false,
            samesite: SameSitePolicy::default(),
            csrf: CsrfDefence::default(),
            token_store: TokenStore::default(),
        }
    }
}

impl Config {
    /// `https://playground.example` or `http://…`.
    pub fn origin(&self) -> String {
        format!("{}://{SITE_HOST}", self.transport.id())
    }

    /// The `SameSite` attribute as the site writes it.
    pub fn samesite_attr(&self) -> &'static str {
        match self.samesite {
            SameSitePolicy::Strict => "Strict",
            SameSitePolicy::Lax => "Lax",
            SameSitePolicy::None => "None",
        }
    }
}
