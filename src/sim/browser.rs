//! The reader's browser: its cookie jar (RFC 6265), the site's localStorage, the
//! little page the site shows, and the site's page script — which keeps the JWT where
//! the site's auth scheme says (localStorage, or a variable of its own) and adds
//! `Authorization: Bearer …` itself, because a browser never attaches a header like that
//! on its own (C11). The browser attaches cookies by itself, to whichever host a request
//! goes to, as RFC 6265bis and SameSite allow.

use super::auth::{csrf, scheme, TokenPlace};
use super::clock::Millis;
use super::config::{AuthMode, Config, EVIL_HOST, SITE_HOST};
use super::cookie_jar::{CookieJar, NotSent, RequestContext, Scheme, SiteUrl};
use super::hop::Text;
use super::http::{Request, Response};
use super::note::{BrowserNote, Note, Sending};
use http::header::{AUTHORIZATION, COOKIE, ORIGIN, SET_COOKIE};
use http::Method;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// localStorage key where the page script keeps the access token.
pub const TOKEN_KEY: &str = "access_token";
/// localStorage key where the page script (token mode) remembers the last quote.
pub const QUOTE_KEY: &str = "last_quote";

/// What the simulated page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageView {
    /// The login form (before login, after logout).
    LoginForm,
    /// The signed-in page of a user.
    SignedIn {
        /// Who.
        user: String,
        /// Their role.
        role: String,
    },
    /// The admin page.
    Admin {
        /// Who.
        user: String,
    },
    /// A quoted fare.
    Fare {
        /// Destination.
        to: String,
        /// Per seat, in won.
        fare: u64,
    },
    /// A purchase went through.
    Bought {
        /// Seats.
        count: u64,
        /// Destination.
        to: String,
        /// Total, in won.
        total: u64,
    },
    /// A new access token arrived.
    Refreshed,
    /// Miles went to another account.
    Transferred {
        /// To whom.
        to: String,
        /// How many.
        miles: u64,
        /// What is left.
        left: u64,
    },
    /// auth.example's login form.
    IdpLogin {
        /// The authorization request it carries on (the form's `return`).
        ret: String,
    },
    /// The server said no (status 0: the browser did not even send the request).
    Error {
        /// Status code.
        status: u16,
        /// Why, when the server (or the browser) said.
        reason: Option<Reason>,
    },
}

/// Why an error page shows: a note, shared. Copies of a page (the stage keeps some)
/// never copy the note, and two pages show the same error when they hold the same one —
/// so the page's first-load code needs neither a deep copy nor a deep comparison of notes.
#[derive(Clone, Debug)]
pub struct Reason(pub Arc<Note>);

impl Reason {
    /// A reason for `note`.
    pub fn new(note: Note) -> Self {
        Reason(Arc::new(note))
    }
}

impl PartialEq for Reason {
    fn eq(&self, other: &Reason) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Reason {}

impl std::ops::Deref for Reason {
    type Target = Note;
    fn deref(&self) -> &Note {
        &self.0
    }
}

/// The browser of the reader.
#[derive(Clone)]
pub struct Browser {
    /// The cookie jar.
    pub jar: CookieJar,
    /// The site's localStorage (key → value), as DevTools lists it.
    pub local_storage: BTreeMap<String, String>,
    /// What the page shows now.
    pub page: PageView,
    /// Notes from the last response (cookies stored or rejected, token kept, …).
    pub notes: Vec<Note>,
    /// The access token the page script holds in a variable (token store `memory`):
    /// no storage, gone on reload.
    pub memory: Option<String>,
    /// The CSRF token the page script holds for its POSTs (a variable: gone on reload).
    pub csrf: Option<String>,
    /// The URL of the request being prepared, kept so its strings are reused from
    /// one request to the next (scratch space, not state).
    url: SiteUrl,
}

impl Default for Browser {
    fn default() -> Self {
        Browser {
            jar: CookieJar::new(),
            local_storage: BTreeMap::new(),
            page: PageView::LoginForm,
            notes: Vec::new(),
            memory: None,
            csrf: None,
            url: SiteUrl { scheme: Scheme::Https, host: String::new(), path: String::new() },
        }
    }
}

impl fmt::Debug for Browser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Browser")
            .field("jar", &self.jar)
            .field("local_storage", &self.local_storage)
            .field("page", &self.page)
            .field("notes", &self.notes)
            .field("memory", &self.memory)
            .field("csrf", &self.csrf)
            .finish()
    }
}

/// Where a request is started from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Initiator {
    /// The site's own page script (a fetch: same-site; the script adds its headers).
    Site,
    /// A form on `https://evil.example` posting to the site (cross-site, top-level).
    EvilPage,
    /// A link on `https://evil.example` the reader follows (cross-site, top-level GET).
    EvilLink,
    /// A script injected into the site's page (XSS) calling the site: same-site, so
    /// the browser attaches the cookies — which the script itself cannot read.
    InjectedScript,
    /// A top-level navigation (a link, a form, a redirect the browser follows):
    /// cross-site when another site started it or any redirect on the way came from
    /// another site (RFC 6265bis §5.2).
    Navigation {
        /// Started on, or redirected through, another site.
        cross_site: bool,
    },
}

/// What a script running on the site's page can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Readable {
    /// A cookie without HttpOnly (`document.cookie`).
    Cookie {
        /// Name.
        name: String,
        /// Value.
        value: String,
    },
    /// A localStorage entry.
    Storage {
        /// Key.
        key: String,
        /// Value.
        value: String,
    },
}

/// The site's URL for a path, with the scheme of the current transport.
pub fn site_url(config: &Config, path: &str) -> SiteUrl {
    SiteUrl { scheme: url_scheme(config, SITE_HOST), host: SITE_HOST.to_string(), path: path.to_string() }
}

/// The scheme of a host's URLs: the site's follows the transport; auth.example is always
/// https.
fn url_scheme(config: &Config, host: &str) -> Scheme {
    match config.transport {
        super::config::Transport::Http if host == SITE_HOST => Scheme::Http,
        _ => Scheme::Https,
    }
}

/// The URL of a request (its host and path), with the scheme its host is reached by.
pub fn request_url(config: &Config, req: &Request) -> SiteUrl {
    SiteUrl { scheme: url_scheme(config, req.host()), host: req.host().to_string(), path: req.path().to_string() }
}

impl Browser {
    /// Adds what the browser attaches by itself (cookies, as RFC 6265 and SameSite
    /// allow; `Origin` on a request that is not GET or HEAD) and what the page script adds
    /// to its own requests to the site (the bearer token, the CSRF token). Returns the
    /// request and a note on the credentials.
    pub fn prepare(&mut self, mut req: Request, config: &Config, now: Millis, from: Initiator) -> (Request, Note) {
        // `request_url(config, &req)`, in the strings of the last request's URL.
        let url = &mut self.url;
        url.scheme = url_scheme(config, req.host());
        url.host.clear();
        url.host.push_str(req.host());
        url.path.clear();
        url.path.push_str(req.path());
        let url = &self.url;
        let to_site = url.host == SITE_HOST;
        let safe = req.method == Method::GET || req.method == Method::HEAD;
        let ctx = match from {
            Initiator::Site | Initiator::InjectedScript => RequestContext::same_site(),
            Initiator::Navigation { cross_site: false } => {
                RequestContext { safe_method: safe, ..RequestContext::same_site() }
            }
            Initiator::EvilPage | Initiator::EvilLink | Initiator::Navigation { cross_site: true } => {
                RequestContext::cross_site(true, safe)
            }
        };
        let mut sending = Sending { from, cookies: Vec::new(), withheld: Vec::new(), bearer: false };
        // One `Cookie` header at most (RFC 6265 §5.4): the jar writes all of it.
        if let Some(cookies) = self.jar.cookie_header(url, now, &ctx) {
            sending.cookies = cookie_names(&cookies);
            req = req.with_owned(COOKIE, cookies);
        }
        for c in self.jar.iter() {
            match self.jar.why_sent(c, url, now, &ctx) {
                // Another host's cookie is not held back from this one: it is not this
                // host's at all.
                Ok(()) | Err(NotSent::HostOnly { .. } | NotSent::DomainMismatch { .. }) => {}
                Err(why) => sending.withheld.push((Text::cookie_name(&c.name), why)),
            }
        }
        // The Fetch standard: every request that is not GET or HEAD names its origin.
        if !safe {
            let origin = match from {
                Initiator::EvilPage | Initiator::EvilLink => format!("https://{EVIL_HOST}"),
                Initiator::Navigation { cross_site: false } if !to_site => format!("https://{}", url.host),
                _ => config.origin(),
            };
            req = req.with_owned(ORIGIN, origin);
        }
        if from == Initiator::Site && to_site {
            if let Some(place) = scheme(config).page_token() {
                if !req.headers.contains_key(AUTHORIZATION) {
                    let token = match place {
                        TokenPlace::LocalStorage => self.local_storage.get(TOKEN_KEY),
                        TokenPlace::Memory => self.memory.as_ref(),
                    };
                    if let Some(token) = token {
                        req = req.with_owned(AUTHORIZATION, ["Bearer ", token].concat());
                        sending.bearer = true;
                    }
                }
            }
            if !safe && !req.headers.contains_key(csrf::HEADER) {
                if let Some(token) = &self.csrf {
                    req = req.with(csrf::header(), token);
                }
            }
        }
        (req, BrowserNote::Sent(Arc::new(sending)).into())
    }

    /// The access token the page script holds (localStorage or memory).
    pub fn access_token(&self) -> Option<&String> {
        self.local_storage.get(TOKEN_KEY).or(self.memory.as_ref())
    }

    /// Takes the response to `req`: stores cookies (or says why not), lets the page
    /// script keep or drop what it keeps, and updates the page — unless the request was
    /// an injected script's, whose answer only that script sees, or a redirect the
    /// browser is about to follow.
    pub fn receive(&mut self, req: &Request, res: &Response, config: &Config, now: Millis, from: Initiator) {
        self.notes.clear();
        let path = req.path();
        if res.headers.contains_key(SET_COOKIE) {
            let url = request_url(config, req);
            for header in res.header_values(&SET_COOKIE) {
                let name = Text::cookie_name(header.split('=').next().unwrap_or("").trim());
                match self.jar.store(header, &url, now, false) {
                    Ok(outcome) => self.notes.push(BrowserNote::CookieStored { name, outcome }.into()),
                    Err(why) => self.notes.push(BrowserNote::CookieRejected { name, why }.into()),
                }
            }
        }
        if from == Initiator::InjectedScript || res.status.is_redirection() {
            return;
        }
        let body = BodyFields::parse(&res.body);
        let text = |k: Field| body.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let num = |k: Field| body.get(k).and_then(|v| v.as_u64()).unwrap_or(0);
        if req.host() == super::config::IDP_HOST {
            // auth.example's own page: its login form, or its error.
            self.page = match text(Field::Return) {
                Some(ret) if res.status.is_success() => PageView::IdpLogin { ret },
                _ => PageView::Error { status: res.status.as_u16(), reason: res.reason.clone().map(Reason::new) },
            };
            return;
        }
        // The site's page script: what it keeps of the site's answers.
        if let Some(token) = res.header_values(&csrf::header()).next() {
            self.csrf = Some(token.to_string());
            self.notes.push(BrowserNote::CsrfTokenKept.into());
        }
        if let Some(place) = scheme(config).page_token() {
            if let Some(token) = text(Field::AccessToken) {
                match place {
                    TokenPlace::LocalStorage => {
                        self.local_storage.insert(TOKEN_KEY.into(), token);
                        self.notes.push(BrowserNote::TokenSaved.into());
                    }
                    TokenPlace::Memory => {
                        self.memory = Some(token);
                        self.notes.push(BrowserNote::TokenInMemory.into());
                    }
                }
            }
            let ok_logout = path == "/logout" && res.status.is_success();
            if ok_logout && (self.local_storage.remove(TOKEN_KEY).is_some() | self.memory.take().is_some()) {
                self.notes.push(BrowserNote::TokenRemoved.into());
            }
        }
        if path == "/logout" && res.status.is_success() {
            self.csrf = None;
        }
        if config.mode == AuthMode::Token && path == "/flights" && res.status.is_success() {
            if let Some(to) = text(Field::To) {
                self.local_storage.insert(QUOTE_KEY.into(), to);
            }
        }
        self.page = if !res.status.is_success() {
            PageView::Error { status: res.status.as_u16(), reason: res.reason.clone().map(Reason::new) }
        } else {
            match path {
                "/flights" => PageView::Fare { to: text(Field::To).unwrap_or_default(), fare: num(Field::Fare) },
                "/flights/buy" => PageView::Bought {
                    count: num(Field::Count),
                    to: text(Field::To).unwrap_or_default(),
                    total: num(Field::Total),
                },
                "/logout" => PageView::LoginForm,
                "/admin" => PageView::Admin { user: text(Field::User).unwrap_or_default() },
                "/token/refresh" => PageView::Refreshed,
                "/miles/transfer" => PageView::Transferred {
                    to: text(Field::To).unwrap_or_default(),
                    miles: num(Field::Miles),
                    left: num(Field::Left),
                },
                _ => {
                    let user = body.get(Field::User).and_then(|v| v.as_str());
                    let role = body.get(Field::Role).and_then(|v| v.as_str()).unwrap_or_default();
                    match (user, &self.page) {
                        // The same page again (a `GET /me` after another): keep it.
                        (Some(user), PageView::SignedIn { user: u, role: r }) if u == user && r == role => {
                            return;
                        }
                        (Some(user), _) => PageView::SignedIn { user: user.to_string(), role: role.to_string() },
                        (None, _) => PageView::LoginForm,
                    }
                }
            }
        };
    }

    /// The page is reloaded: what its script held in variables is gone (cookies and
    /// localStorage stay).
    pub fn reload(&mut self) {
        self.memory = None;
        self.csrf = None;
        self.page = PageView::LoginForm;
        self.notes = vec![BrowserNote::Reloaded.into()];
    }

    /// What the XSS attacker's script can read: non-HttpOnly cookies and all of
    /// localStorage.
    pub fn script_readable(&self, config: &Config, now: Millis) -> Vec<Readable> {
        let url = site_url(config, "/");
        let mut out: Vec<Readable> = self
            .jar
            .script_visible(&url, now)
            .into_iter()
            .map(|c| Readable::Cookie { name: c.name, value: c.value })
            .collect();
        out.extend(self.local_storage.iter().map(|(k, v)| Readable::Storage { key: k.clone(), value: v.clone() }));
        out
    }
}

/// The names in a `Cookie` header (`sid=…; lb=A` → `sid`, `lb`).
fn cookie_names(header: &str) -> Vec<Text> {
    header.split("; ").filter_map(|kv| kv.split('=').next()).map(Text::cookie_name).collect()
}

/// The top-level fields of a JSON response body the page script reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    AccessToken,
    To,
    Fare,
    Count,
    Total,
    User,
    Role,
    Miles,
    Left,
    Return,
    /// Any other name.
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "access_token" => Field::AccessToken,
                    "to" => Field::To,
                    "fare" => Field::Fare,
                    "count" => Field::Count,
                    "total" => Field::Total,
                    "user" => Field::User,
                    "role" => Field::Role,
                    "miles" => Field::Miles,
                    "left" => Field::Left,
                    "return" => Field::Return,
                    _ => Field::Other,
                })
            }
        }
        d.deserialize_str(Name)
    }
}

/// What `serde_json::from_str::<Value>(body)` followed by `.get(name)` gives for the
/// fields in [`Field`] (the last of repeated names; nothing at all unless the whole
/// body is one JSON object), without building the map.
#[derive(Default)]
struct BodyFields<'a>([Option<Scalar<'a>>; 10]);

impl<'a> BodyFields<'a> {
    fn parse(body: &'a str) -> Self {
        let mut de = serde_json::Deserializer::from_str(body);
        de.deserialize_map(BodyVisitor).and_then(|fields| de.end().map(|()| fields)).unwrap_or_default()
    }

    fn get(&self, field: Field) -> Option<&Scalar<'a>> {
        self.0.get(field as usize).and_then(Option::as_ref)
    }
}

struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = BodyFields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BodyFields<'de>, A::Error> {
        let mut fields = BodyFields::default();
        while let Some(field) = map.next_key::<Field>()? {
            // Every value is parsed as `Value` would be, so the same bodies are refused.
            let value: Scalar<'de> = map.next_value()?;
            if let Some(slot) = fields.0.get_mut(field as usize) {
                *slot = Some(value);
            }
        }
        Ok(fields)
    }
}

/// A JSON value as far as `Value::as_str` and `Value::as_u64` tell it apart: a string
/// (borrowed from the body when it has no escapes), an unsigned integer, or anything
/// else. Arrays and objects are read through as `Value`s, so exactly the same texts
/// parse.
enum Scalar<'a> {
    Str(Cow<'a, str>),
    U64(u64),
    Other,
}

impl Scalar<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    fn as_u64(&self) -> Option<u64> {
        match self {
            Scalar::U64(n) => Some(*n),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::U64(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(u64::try_from(v).map_or(Scalar::Other, Scalar::U64))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
        while seq.next_element::<serde_json::Value>()?.is_some() {}
        Ok(Scalar::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
        while map.next_entry::<String, serde_json::Value>()?.is_some() {}
        Ok(Scalar::Other)
    }
}
