//! The page's URL parameters (query string or `#` fragment; the fragment wins), as the
//! UI contract spells them. Pure: takes the strings, returns the state and the notices
//! for every value it had to ignore — a bad link never blanks the page.

use crate::sim::config::{
    AuthMode, Choice, CsrfDefence, LbPolicy, SameSitePolicy, StoreMode, TokenStore, Transport, MAX_SERVERS, MIN_SERVERS,
};
use crate::sim::scenario::SCENARIO_IDS;
use crate::ui::i18n::Lang;
use std::fmt;

/// Light or dark colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on light ground.
    Light,
    /// Light text on dark ground.
    Dark,
}

/// Everything a link can choose. `None` means "not given: use the default".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlState {
    /// Auth mode at start.
    pub mode: AuthMode,
    /// Servers behind the balancer, 1–4.
    pub servers: u8,
    /// Balancer policy.
    pub lb: LbPolicy,
    /// Where sessions live.
    pub store: StoreMode,
    /// How the browser talks to the site.
    pub transport: Transport,
    /// The SameSite attribute of the login cookie.
    pub samesite: SameSitePolicy,
    /// The site's CSRF defence.
    pub csrf: CsrfDefence,
    /// Where the page keeps the access token.
    pub token_store: TokenStore,
    /// Guided tour to open, if any.
    pub scenario: Option<&'static str>,
    /// 1-based step of that tour.
    pub step: Option<u32>,
    /// Language, when the link names one.
    pub lang: Option<Lang>,
    /// Theme, when the link names one.
    pub theme: Option<Theme>,
    /// Embed mode: no page chrome, height reported to the parent.
    pub embed: bool,
}

impl Default for UrlState {
    fn default() -> Self {
        UrlState {
            mode: AuthMode::default(),
            servers: MIN_SERVERS,
            lb: LbPolicy::default(),
            store: StoreMode::default(),
            transport: Transport::default(),
            samesite: SameSitePolicy::default(),
            csrf: CsrfDefence::default(),
            token_store: TokenStore::default(),
            scenario: None,
            step: None,
            lang: None,
            theme: None,
            embed: false,
        }
    }
}

/// A parameter value that was ignored, and what would have been accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name.
    pub param: String,
    /// The value as given (decoded, shortened).
    pub value: String,
    /// What the parameter accepts.
    pub expected: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.expected.is_empty() {
            write!(f, "ignored unknown parameter {}", self.param)
        } else {
            write!(f, "ignored {}={:?}: expected {}", self.param, self.value, self.expected)
        }
    }
}

/// Parses `search` (`?a=b&c=d` or `a=b`) and then `fragment` (`#a=b`), the fragment
/// overriding the query. Unknown parameters and bad values become notices.
pub fn parse(search: &str, fragment: &str) -> (UrlState, Vec<Notice>) {
    let mut state = UrlState::default();
    let mut notices = Vec::new();
    for raw in [search.trim_start_matches('?'), fragment.trim_start_matches('#')] {
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(k);
            let value = percent_decode(v);
            if let Err(expected) = apply(&mut state, &key, &value) {
                notices.push(Notice { param: shorten(&key), value: shorten(&value), expected });
            }
        }
    }
    (state, notices)
}

fn apply(state: &mut UrlState, key: &str, value: &str) -> Result<(), String> {
    fn choice<T: Choice>(slot: &mut T, value: &str) -> Result<(), String> {
        *slot = T::from_id(value).ok_or_else(T::expected)?;
        Ok(())
    }
    match key {
        "mode" => choice(&mut state.mode, value),
        "lb" => choice(&mut state.lb, value),
        "store" => choice(&mut state.store, value),
        "transport" => choice(&mut state.transport, value),
        "samesite" => choice(&mut state.samesite, value),
        "csrf" => choice(&mut state.csrf, value),
        "token_store" => choice(&mut state.token_store, value),
        "servers" => match value.parse::<u8>() {
            Ok(n) if (MIN_SERVERS..=MAX_SERVERS).contains(&n) => {
                state.servers = n;
                Ok(())
            }
            _ => Err(format!("a number from {MIN_SERVERS} to {MAX_SERVERS}")),
        },
        "scenario" => match SCENARIO_IDS.iter().find(|id| **id == value) {
            Some(id) => {
                state.scenario = Some(id);
                Ok(())
            }
            None => Err("a scenario id such as session-login".into()),
        },
        "step" => match value.parse::<u32>() {
            Ok(n) if n >= 1 => {
                state.step = Some(n);
                Ok(())
            }
            _ => Err("a step number from 1".into()),
        },
        "lang" => match Lang::from_id(value) {
            Some(l) => {
                state.lang = Some(l);
                Ok(())
            }
            None => Err("ko or en".into()),
        },
        "theme" => match value {
            "light" => {
                state.theme = Some(Theme::Light);
                Ok(())
            }
            "dark" => {
                state.theme = Some(Theme::Dark);
                Ok(())
            }
            _ => Err("light or dark".into()),
        },
        "embed" => match value {
            "1" | "true" => {
                state.embed = true;
                Ok(())
            }
            "0" | "false" => {
                state.embed = false;
                Ok(())
            }
            _ => Err("1".into()),
        },
        _ => Err(String::new()),
    }
}

/// Decodes `%XX` escapes and `+` as space; invalid escapes stay as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}
