//! A browser cookie jar following RFC 6265 (with the parts of RFC 6265bis that
//! modern browsers enforce: `SameSite`, Secure-only-from-https, cookie name
//! prefixes and "leave Secure cookies alone").
//!
//! The module is pure and deterministic: it does no I/O, reads no clock and uses
//! no randomness. "Now" is always passed in as [`Millis`], milliseconds since the
//! Unix epoch (UTC).
//!
//! Public suffixes: only what is needed without a real Public Suffix List is
//! implemented — a `Domain` attribute naming a single label (`com`, `org`,
//! `localhost`) or one of a short built-in list of well-known multi-label
//! suffixes (see [`is_public_suffix`]) is treated as a public suffix.

use std::cmp::Ordering;
use std::fmt;

use super::clock::{days_from_civil, days_in_month, DAY, HOUR, MINUTE, SECOND};
pub use super::clock::{format_http_date, Millis, MAX_DATE};

/// Largest `name.len() + value.len()` accepted (RFC 6265bis §5.6, step 4).
pub const MAX_NAME_VALUE_BYTES: usize = 4096;

/// Attribute values longer than this are ignored (RFC 6265bis §5.6).
pub const MAX_ATTRIBUTE_VALUE_BYTES: usize = 1024;

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// Month-name prefixes matched by the cookie-date parser.
const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// RFC 6265 §5.1.1 `delimiter`.
fn is_date_delimiter(c: char) -> bool {
    matches!(c, '\u{09}' | '\u{20}'..='\u{2F}' | '\u{3B}'..='\u{40}' | '\u{5B}'..='\u{60}' | '\u{7B}'..='\u{7E}')
}

/// Reads a run of ASCII digits at the start of `s`: `(value, digit count, rest)`.
/// The value saturates instead of overflowing.
fn leading_digits(s: &str) -> (i64, usize, &str) {
    let count = s.bytes().take_while(u8::is_ascii_digit).count();
    let value = s
        .bytes()
        .take(count)
        .fold(0i64, |acc, b| acc.saturating_mul(10).saturating_add(i64::from(b.wrapping_sub(b'0'))));
    (value, count, s.get(count..).unwrap_or(""))
}

/// `min*maxDIGIT ( non-digit *OCTET )` — a token starting with
/// `min..=max` digits (the rest, if any, starts with a non-digit).
fn date_number(token: &str, min: usize, max: usize) -> Option<i64> {
    let (value, count, _) = leading_digits(token);
    (min..=max).contains(&count).then_some(value)
}

/// `hms-time ( non-digit *OCTET )` where `hms-time = time-field ":" time-field
/// ":" time-field` and `time-field = 1*2DIGIT`.
fn date_time(token: &str) -> Option<(i64, i64, i64)> {
    let (h, n, rest) = leading_digits(token);
    if !(1..=2).contains(&n) {
        return None;
    }
    let (m, n, rest) = leading_digits(rest.strip_prefix(':')?);
    if !(1..=2).contains(&n) {
        return None;
    }
    let (s, n, _) = leading_digits(rest.strip_prefix(':')?);
    if !(1..=2).contains(&n) {
        return None;
    }
    Some((h, m, s))
}

/// `month = ( "jan" / ... / "dec" ) *OCTET`, case-insensitive. Returns 1..=12.
fn date_month(token: &str) -> Option<i64> {
    let prefix = token.get(..3)?.to_ascii_lowercase();
    let index = MONTHS.iter().position(|m| *m == prefix)?;
    i64::try_from(index).ok().map(|i| i + 1)
}

/// Parses a cookie date exactly per RFC 6265 §5.1.1 and returns it in
/// milliseconds since the epoch, or `None` when it fails to parse.
///
/// The algorithm splits the input on delimiters and takes the first token that
/// looks like a time (`hh:mm:ss`), day of month (1–2 digits), month (first
/// three letters of an English month name) and year (2–4 digits), in that order
/// of preference. Two-digit years 70–99 mean 19xx, 00–69 mean 20xx. The date is
/// rejected when a part is missing or out of range (day 1–31 and valid for the
/// month, year ≥ 1601, hour ≤ 23, minute ≤ 59, second ≤ 59). Weekday names and
/// time zones are ignored; times are always UTC.
pub fn parse_cookie_date(s: &str) -> Option<Millis> {
    let mut time = None;
    let mut day = None;
    let mut month = None;
    let mut year = None;
    for token in s.split(is_date_delimiter).filter(|t| !t.is_empty()) {
        if time.is_none() {
            if let Some(t) = date_time(token) {
                time = Some(t);
                continue;
            }
        }
        if day.is_none() {
            if let Some(d) = date_number(token, 1, 2) {
                day = Some(d);
                continue;
            }
        }
        if month.is_none() {
            if let Some(m) = date_month(token) {
                month = Some(m);
                continue;
            }
        }
        if year.is_none() {
            if let Some(y) = date_number(token, 2, 4) {
                year = Some(y);
                continue;
            }
        }
    }
    let (hour, minute, second) = time?;
    let (day, month, mut year) = (day?, month?, year?);
    if (70..=99).contains(&year) {
        year += 1900;
    } else if (0..=69).contains(&year) {
        year += 2000;
    }
    if !(1..=31).contains(&day) || year < 1601 || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * DAY + hour * HOUR + minute * MINUTE + second * SECOND)
}

// ---------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------

/// The scheme of a [`SiteUrl`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `http://` — not secure.
    Http,
    /// `https://` — secure.
    Https,
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        })
    }
}

/// A request/response URL, parsed leniently: `scheme://host[:port]/path?query`.
///
/// Only what cookies need is kept: the scheme, the lowercased host (the port,
/// user info, query and fragment are dropped) and the path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SiteUrl {
    /// `http` or `https`.
    pub scheme: Scheme,
    /// The host, ASCII-lowercased, without port. IPv6 literals keep their brackets.
    pub host: String,
    /// The path without query or fragment; `"/"` if empty. Percent-escapes of
    /// unreserved characters (`A-Z a-z 0-9 - . _ ~`) are decoded, as Chromium
    /// does when it canonicalises a URL.
    pub path: String,
}

impl SiteUrl {
    /// Parses `scheme://host[:port]/path?query#fragment` leniently.
    ///
    /// A missing scheme means `http`. Returns `None` for other schemes or when
    /// there is no host.
    pub fn parse(s: &str) -> Option<SiteUrl> {
        let s = s.trim();
        let (scheme, rest) = match s.split_once("://") {
            Some((scheme, rest)) => {
                let scheme = match scheme.to_ascii_lowercase().as_str() {
                    "http" => Scheme::Http,
                    "https" => Scheme::Https,
                    _ => return None,
                };
                (scheme, rest)
            }
            None => (Scheme::Http, s),
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = rest.get(..authority_end)?;
        let after = rest.get(authority_end..)?;
        let host_port = authority.rsplit('@').next().unwrap_or(authority);
        let host = if host_port.starts_with('[') {
            match host_port.find(']') {
                Some(i) => host_port.get(..=i)?,
                None => host_port,
            }
        } else {
            host_port.split(':').next().unwrap_or(host_port)
        };
        if host.is_empty() {
            return None;
        }
        let path = after.split(['?', '#']).next().unwrap_or("");
        let path = if path.is_empty() { "/".to_string() } else { decode_unreserved(path) };
        Some(SiteUrl { scheme, host: host.to_ascii_lowercase(), path })
    }

    /// Whether the URL is `https` (the only scheme that counts as secure here).
    pub fn is_secure(&self) -> bool {
        self.scheme == Scheme::Https
    }
}

impl fmt::Display for SiteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}{}", self.scheme, self.host, self.path)
    }
}

/// Value of one hex digit.
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes that stand for unreserved ASCII characters; leaves
/// every other byte (and every other escape) as it is.
fn decode_unreserved(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(i) = rest.find('%') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        let bytes = tail.as_bytes();
        let decoded = match (bytes.get(1).copied(), bytes.get(2).copied()) {
            (Some(h), Some(l)) => match (hex_value(h), hex_value(l)) {
                (Some(h), Some(l)) => {
                    let c = char::from(h * 16 + l);
                    (c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')).then_some(c)
                }
                _ => None,
            },
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = tail.get(3..).unwrap_or("");
            }
            None => {
                out.push('%');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a (lowercase) host is an IPv4 or IPv6 literal.
fn is_ip_address(host: &str) -> bool {
    host.starts_with('[')
        || host.contains(':')
        || (!host.is_empty() && host.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// RFC 6265 §5.1.3 domain-match: `host` equals `domain`, or `host` ends with
/// `"." + domain` and is not an IP address. Both must already be lowercase.
pub fn domain_match(host: &str, domain: &str) -> bool {
    host == domain || (!is_ip_address(host) && host.strip_suffix(domain).is_some_and(|prefix| prefix.ends_with('.')))
}

/// RFC 6265 §5.1.4 path-match of a request path against a cookie path.
pub fn path_match(request_path: &str, cookie_path: &str) -> bool {
    request_path == cookie_path
        || request_path
            .strip_prefix(cookie_path)
            .is_some_and(|rest| cookie_path.ends_with('/') || rest.starts_with('/'))
}

/// RFC 6265 §5.1.4 default-path of a request path: everything up to (not
/// including) the last `/`, or `/` when that would be empty.
pub fn default_path(request_path: &str) -> String {
    if !request_path.starts_with('/') {
        return "/".to_string();
    }
    match request_path.rfind('/') {
        Some(0) | None => "/".to_string(),
        Some(i) => request_path.get(..i).unwrap_or("/").to_string(),
    }
}

/// Multi-label public suffixes known without a Public Suffix List. Real browsers
/// use the full list; this short one only covers common examples.
const KNOWN_PUBLIC_SUFFIXES: &[&str] = &[
    "co.uk",
    "org.uk",
    "ac.uk",
    "gov.uk",
    "com.au",
    "net.au",
    "org.au",
    "co.jp",
    "co.nz",
    "com.br",
    "github.io",
    "gitlab.io",
    "herokuapp.com",
    "netlify.app",
    "vercel.app",
    "pages.dev",
    "workers.dev",
    "blogspot.com",
    "appspot.com",
];

/// Whether `domain` is treated as a public suffix (a domain under which anyone
/// can register names, so no cookie may be set for it): any single label
/// (`com`, `org`, `localhost`) or one of a short built-in list (`co.uk`,
/// `github.io`, …). This is not the full Public Suffix List.
pub fn is_public_suffix(domain: &str) -> bool {
    !domain.contains('.') || KNOWN_PUBLIC_SUFFIXES.contains(&domain)
}

// ---------------------------------------------------------------------------
// Set-Cookie parsing
// ---------------------------------------------------------------------------

/// The `SameSite` attribute of a cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SameSite {
    /// Only sent on same-site requests.
    Strict,
    /// Sent on same-site requests, and on cross-site requests only when they are
    /// top-level navigations with a safe method (GET).
    Lax,
    /// Sent on every request, but only allowed on Secure cookies.
    None,
    /// No (valid) `SameSite` attribute. RFC 6265 sets no default; Chrome and Edge treat
    /// it as [`SameSite::Lax`], and so does this browser.
    Unset,
}

impl fmt::Display for SameSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
            SameSite::Unset => "(not set: Lax in Chrome and Edge)",
        })
    }
}

/// A parsed `Set-Cookie` header (RFC 6265 §5.2), before it is checked against
/// the URL it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetCookie {
    /// Cookie name (whitespace-trimmed, never empty).
    pub name: String,
    /// Cookie value (whitespace-trimmed, quotes kept).
    pub value: String,
    /// The last valid `Expires` attribute.
    pub expires: Option<Millis>,
    /// The last valid `Max-Age` attribute, in seconds (saturated on overflow).
    pub max_age: Option<i64>,
    /// The last non-empty `Domain` attribute, lowercased, leading `.` removed.
    /// `None` when absent (or `Domain=.`): a host-only cookie.
    pub domain: Option<String>,
    /// The last `Path` attribute if it starts with `/`; `None` means the
    /// default path (also when the last `Path` was empty or relative).
    pub path: Option<String>,
    /// `Secure` attribute present.
    pub secure: bool,
    /// `HttpOnly` attribute present.
    pub http_only: bool,
    /// The last `SameSite` attribute.
    pub same_site: SameSite,
}

/// Why a `Set-Cookie` header could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The header is empty or only whitespace.
    Empty,
    /// The part before the first `;` has no `=`.
    NoEquals,
    /// The name before `=` is empty.
    EmptyName,
    /// Name and value together are longer than [`MAX_NAME_VALUE_BYTES`].
    TooLarge {
        /// `name.len() + value.len()` in bytes.
        size: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("the Set-Cookie header is empty"),
            ParseError::NoEquals => f.write_str("there is no '=' between the cookie name and value"),
            ParseError::EmptyName => f.write_str("the cookie name is empty"),
            ParseError::TooLarge { size } => {
                write!(f, "name and value are {size} bytes long, more than the {MAX_NAME_VALUE_BYTES} allowed")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// RFC 6265 `WSP`: space or horizontal tab.
fn is_wsp(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Removes leading and trailing `WSP`.
fn trim_wsp(s: &str) -> &str {
    s.trim_matches(is_wsp)
}

/// RFC 6265 §5.2.2 `Max-Age`: an optional `-` then digits only.
fn parse_max_age(v: &str) -> Option<i64> {
    let (negative, digits) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (n, _, _) = leading_digits(digits);
    Some(if negative { -n } else { n })
}

/// Parses one `Set-Cookie` header value (RFC 6265 §5.2), telling why when it
/// must be ignored. See [`parse_set_cookie`].
///
/// # Errors
///
/// A [`ParseError`] when the header is empty, has no `=` in its name-value
/// pair, has an empty name, or is too large.
pub fn try_parse_set_cookie(header: &str) -> Result<SetCookie, ParseError> {
    // Like tough-cookie (and older browsers), a NUL, CR or LF ends the header.
    let header = header.split(['\0', '\r', '\n']).next().unwrap_or("");
    let (pair, attributes) = match header.split_once(';') {
        Some((pair, attributes)) => (pair, attributes),
        None => (header, ""),
    };
    let Some((name, value)) = pair.split_once('=') else {
        return Err(if trim_wsp(header).is_empty() { ParseError::Empty } else { ParseError::NoEquals });
    };
    let (name, value) = (trim_wsp(name), trim_wsp(value));
    if name.is_empty() {
        return Err(ParseError::EmptyName);
    }
    let size = name.len().saturating_add(value.len());
    if size > MAX_NAME_VALUE_BYTES {
        return Err(ParseError::TooLarge { size });
    }
    let mut cookie = SetCookie {
        name: name.to_string(),
        value: value.to_string(),
        expires: None,
        max_age: None,
        domain: None,
        path: None,
        secure: false,
        http_only: false,
        same_site: SameSite::Unset,
    };
    for av in attributes.split(';') {
        let (key, value) = match av.split_once('=') {
            Some((k, v)) => (trim_wsp(k), trim_wsp(v)),
            None => (trim_wsp(av), ""),
        };
        if value.len() > MAX_ATTRIBUTE_VALUE_BYTES {
            continue;
        }
        match key.to_ascii_lowercase().as_str() {
            "expires" => {
                if let Some(t) = parse_cookie_date(value) {
                    cookie.expires = Some(t);
                }
            }
            "max-age" => {
                if let Some(secs) = parse_max_age(value) {
                    cookie.max_age = Some(secs);
                }
            }
            // An empty Domain attribute is ignored entirely (RFC 6265 §5.2.3).
            "domain" if !value.is_empty() => {
                let domain = value.strip_prefix('.').unwrap_or(value);
                cookie.domain = (!domain.is_empty()).then(|| domain.to_ascii_lowercase());
            }
            "path" => {
                cookie.path = value.starts_with('/').then(|| value.to_string());
            }
            "secure" => cookie.secure = true,
            "httponly" => cookie.http_only = true,
            "samesite" => {
                cookie.same_site = match value.to_ascii_lowercase().as_str() {
                    "strict" => SameSite::Strict,
                    "lax" => SameSite::Lax,
                    "none" => SameSite::None,
                    _ => SameSite::Unset,
                };
            }
            _ => {}
        }
    }
    Ok(cookie)
}

/// Parses one `Set-Cookie` header value (RFC 6265 §5.2). `None` when it must be
/// ignored: no `=` in the name-value pair, an empty name, or name and value
/// longer than [`MAX_NAME_VALUE_BYTES`]. Unknown or invalid attributes are
/// skipped.
pub fn parse_set_cookie(header: &str) -> Option<SetCookie> {
    try_parse_set_cookie(header).ok()
}

// ---------------------------------------------------------------------------
// Cookies
// ---------------------------------------------------------------------------

/// A cookie stored in a [`CookieJar`] (RFC 6265 §5.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cookie {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
    /// For a host-only cookie the exact host; otherwise the `Domain` attribute
    /// (lowercase, no leading dot) that the request host must domain-match.
    pub domain: String,
    /// Set without a `Domain` attribute: only sent to exactly [`Cookie::domain`].
    pub host_only: bool,
    /// Path (from the `Path` attribute or the default path).
    pub path: String,
    /// Expiry time; `None` for a session cookie.
    pub expires: Option<Millis>,
    /// Only sent over https.
    pub secure: bool,
    /// Hidden from scripts (`document.cookie`).
    pub http_only: bool,
    /// `SameSite` policy.
    pub same_site: SameSite,
    /// When it was first stored (kept when a later Set-Cookie replaces it).
    pub created: Millis,
    /// When it was last stored or sent.
    pub last_access: Millis,
    /// Creation order within the jar: the tiebreak after `created`.
    seq: u64,
}

impl Cookie {
    /// `name.len() + value.len()` in bytes, the "Size" DevTools shows.
    pub fn size(&self) -> usize {
        self.name.len().saturating_add(self.value.len())
    }

    /// Time left until expiry at `now`: `None` for a session cookie, `Some(0)`
    /// once expired.
    pub fn max_age_left(&self, now: Millis) -> Option<Millis> {
        self.expires.map(|e| e.saturating_sub(now).max(0))
    }

    /// Whether the cookie has expired at `now` (its expiry is not after `now`).
    pub fn is_expired(&self, now: Millis) -> bool {
        self.expires.is_some_and(|e| e <= now)
    }

    /// Creation-order number within its jar, unique per stored cookie and kept
    /// when the cookie is replaced: usable as a stable key.
    pub fn creation_index(&self) -> u64 {
        self.seq
    }

    /// Whether this cookie has the same identity (name, domain, host-only flag
    /// and path) as `other`, so one would replace the other.
    fn same_identity(&self, other: &Cookie) -> bool {
        self.name == other.name
            && self.domain == other.domain
            && self.host_only == other.host_only
            && self.path == other.path
    }
}

/// Order of cookies in a `Cookie` header (RFC 6265 §5.4 step 2): longer paths
/// first, then earlier creation first.
fn header_order(a: &Cookie, b: &Cookie) -> Ordering {
    b.path.len().cmp(&a.path.len()).then(a.created.cmp(&b.created)).then(a.seq.cmp(&b.seq))
}

/// What [`CookieJar::store`] did with a cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreOutcome {
    /// A new cookie was stored.
    Stored,
    /// An existing cookie with the same name, domain and path was replaced
    /// (its creation time is kept).
    Replaced,
    /// The cookie arrived already expired and deleted an existing one.
    Deleted,
    /// The cookie arrived already expired and there was nothing to delete.
    AlreadyExpired,
}

impl fmt::Display for StoreOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StoreOutcome::Stored => "stored as a new cookie",
            StoreOutcome::Replaced => "replaced the existing cookie with the same name, domain and path",
            StoreOutcome::Deleted => "already expired: deleted the existing cookie with the same name, domain and path",
            StoreOutcome::AlreadyExpired => "already expired: nothing stored, and there was no cookie to delete",
        })
    }
}

/// Why a cookie was not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    /// The header could not be parsed.
    Unparsable(ParseError),
    /// The `Domain` attribute does not domain-match the host that set it.
    DomainMismatch {
        /// The `Domain` attribute.
        domain: String,
        /// The host of the response.
        host: String,
    },
    /// The `Domain` attribute is a public suffix (e.g. `com`).
    PublicSuffix {
        /// The `Domain` attribute.
        domain: String,
    },
    /// A `Secure` cookie was set from an http (not https) page.
    SecureFromInsecure,
    /// An http page tried to overwrite (shadow) an existing `Secure` cookie.
    OverwriteSecureFromInsecure {
        /// Name of the existing Secure cookie.
        name: String,
    },
    /// A script (`document.cookie`) tried to set an `HttpOnly` cookie.
    HttpOnlyFromScript,
    /// A script tried to overwrite an existing `HttpOnly` cookie.
    OverwriteHttpOnlyFromScript {
        /// Name of the existing HttpOnly cookie.
        name: String,
    },
    /// `SameSite=None` without `Secure`.
    SameSiteNoneWithoutSecure,
    /// A `__Secure-` cookie without `Secure` (or not from https).
    SecurePrefix,
    /// A `__Host-` cookie that is not Secure, has a `Domain`, or lacks `Path=/`.
    HostPrefix,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejected::Unparsable(e) => write!(f, "ignored: {e}"),
            Rejected::DomainMismatch { domain, host } => write!(
                f,
                "Domain={domain} does not match the host {host}: a site can only set cookies for its own domain or a parent domain"
            ),
            Rejected::PublicSuffix { domain } => write!(
                f,
                "Domain={domain} is a public suffix: no site may set a cookie for all of it"
            ),
            Rejected::SecureFromInsecure => {
                f.write_str("Secure cookies can only be set from https pages, not http")
            }
            Rejected::OverwriteSecureFromInsecure { name } => write!(
                f,
                "an http page cannot overwrite the Secure cookie {name}"
            ),
            Rejected::HttpOnlyFromScript => {
                f.write_str("scripts (document.cookie) cannot set HttpOnly cookies")
            }
            Rejected::OverwriteHttpOnlyFromScript { name } => write!(
                f,
                "scripts (document.cookie) cannot overwrite the HttpOnly cookie {name}"
            ),
            Rejected::SameSiteNoneWithoutSecure => {
                f.write_str("SameSite=None cookies must also be Secure")
            }
            Rejected::SecurePrefix => f.write_str(
                "cookies named __Secure-… must be Secure and set from an https page",
            ),
            Rejected::HostPrefix => f.write_str(
                "cookies named __Host-… must be Secure, set from https, without a Domain attribute, and with Path=/",
            ),
        }
    }
}

impl std::error::Error for Rejected {}

impl From<ParseError> for Rejected {
    fn from(e: ParseError) -> Self {
        Rejected::Unparsable(e)
    }
}

// ---------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------

/// How a request is being made — decides `SameSite` and `HttpOnly` behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestContext {
    /// The initiator (the page making the request) is same-site with the target.
    pub same_site: bool,
    /// The request is a top-level navigation (the address bar URL changes).
    pub top_level_navigation: bool,
    /// The method is safe (GET or HEAD).
    pub safe_method: bool,
    /// The access is `document.cookie` from a script: HttpOnly cookies are invisible.
    pub from_script: bool,
}

impl RequestContext {
    /// A same-site, top-level GET made by the browser (not a script).
    pub fn same_site() -> Self {
        RequestContext { same_site: true, top_level_navigation: true, safe_method: true, from_script: false }
    }

    /// A cross-site request made by the browser (not a script).
    pub fn cross_site(top_level_navigation: bool, safe_method: bool) -> Self {
        RequestContext { same_site: false, top_level_navigation, safe_method, from_script: false }
    }

    /// A `document.cookie` read or write by a script of the page itself.
    pub fn script() -> Self {
        RequestContext { from_script: true, ..RequestContext::same_site() }
    }
}

/// Why a cookie is not sent with a request (see [`CookieJar::why_sent`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSent {
    /// A host-only cookie and the request goes to another host.
    HostOnly {
        /// The host the cookie belongs to.
        cookie_host: String,
        /// The request's host.
        request_host: String,
    },
    /// The request host does not domain-match the cookie's domain.
    DomainMismatch {
        /// The cookie's domain.
        cookie_domain: String,
        /// The request's host.
        request_host: String,
    },
    /// The request path does not path-match the cookie's path.
    PathMismatch {
        /// The cookie's path.
        cookie_path: String,
        /// The request's path.
        request_path: String,
    },
    /// The cookie has expired.
    Expired {
        /// How long ago, in milliseconds (≥ 0).
        ago: Millis,
    },
    /// A Secure cookie and the request is not https.
    SecureOverHttp,
    /// An HttpOnly cookie and the access is from a script.
    HttpOnlyFromScript,
    /// A `SameSite=Strict` cookie and the request is cross-site.
    SameSiteStrict,
    /// A Lax (or unset, treated as Lax) cookie and the request is cross-site
    /// without being a top-level GET navigation.
    SameSiteLax {
        /// The cookie has no `SameSite` attribute (Lax by default).
        by_default: bool,
    },
    /// A `SameSite=None` cookie that is not Secure.
    SameSiteNoneInsecure,
}

/// A short human duration: `42 s`, `3 min`, `5 h`, `2 days`.
fn human_duration(ms: Millis) -> String {
    let secs = ms / SECOND;
    if secs < 60 {
        format!("{secs} s")
    } else if secs < 3_600 {
        format!("{} min", secs / 60)
    } else if secs < 86_400 {
        format!("{} h", secs / 3_600)
    } else {
        let days = secs / 86_400;
        format!("{days} day{}", if days == 1 { "" } else { "s" })
    }
}

impl fmt::Display for NotSent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotSent::HostOnly { cookie_host, request_host } => {
                write!(f, "host-only cookie for {cookie_host}, request to {request_host}")
            }
            NotSent::DomainMismatch { cookie_domain, request_host } => {
                write!(f, "cookie domain {cookie_domain} does not match the request host {request_host}")
            }
            NotSent::PathMismatch { cookie_path, request_path } => {
                // Piece by piece: the common reason, written on every request.
                for part in ["path ", cookie_path, " does not match ", request_path] {
                    f.write_str(part)?;
                }
                Ok(())
            }
            NotSent::Expired { ago } if *ago < SECOND => f.write_str("expired just now"),
            NotSent::Expired { ago } => write!(f, "expired {} ago", human_duration(*ago)),
            NotSent::SecureOverHttp => f.write_str("Secure cookie: not sent over http"),
            NotSent::HttpOnlyFromScript => f.write_str("HttpOnly cookie: hidden from scripts (document.cookie)"),
            NotSent::SameSiteStrict => f.write_str("SameSite=Strict: request started on another site"),
            NotSent::SameSiteLax { by_default: false } => f.write_str(
                "SameSite=Lax: a request started on another site, and not a top-level navigation with a safe method (GET)",
            ),
            NotSent::SameSiteLax { by_default: true } => f.write_str(
                "no SameSite attribute: this browser treats it as Lax, as Chrome and Edge do (RFC 6265 sets no such default): \
                 a request started on another site, and not a top-level navigation with a safe method (GET)",
            ),
            NotSent::SameSiteNoneInsecure => f.write_str("SameSite=None cookie without Secure: never sent"),
        }
    }
}

impl std::error::Error for NotSent {}

/// The single source of truth for whether `cookie` goes with a request.
fn check_send(cookie: &Cookie, url: &SiteUrl, now: Millis, ctx: &RequestContext) -> Result<(), NotSent> {
    if cookie.host_only {
        if url.host != cookie.domain {
            return Err(NotSent::HostOnly { cookie_host: cookie.domain.clone(), request_host: url.host.clone() });
        }
    } else if !domain_match(&url.host, &cookie.domain) {
        return Err(NotSent::DomainMismatch { cookie_domain: cookie.domain.clone(), request_host: url.host.clone() });
    }
    if !path_match(&url.path, &cookie.path) {
        return Err(NotSent::PathMismatch { cookie_path: cookie.path.clone(), request_path: url.path.clone() });
    }
    if let Some(expires) = cookie.expires {
        if expires <= now {
            return Err(NotSent::Expired { ago: now.saturating_sub(expires) });
        }
    }
    if cookie.secure && !url.is_secure() {
        return Err(NotSent::SecureOverHttp);
    }
    if cookie.http_only && ctx.from_script {
        return Err(NotSent::HttpOnlyFromScript);
    }
    let lax_ok = ctx.same_site || (ctx.top_level_navigation && ctx.safe_method);
    match cookie.same_site {
        SameSite::Strict if !ctx.same_site => Err(NotSent::SameSiteStrict),
        SameSite::Lax if !lax_ok => Err(NotSent::SameSiteLax { by_default: false }),
        SameSite::Unset if !lax_ok => Err(NotSent::SameSiteLax { by_default: true }),
        SameSite::None if !cookie.secure => Err(NotSent::SameSiteNoneInsecure),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// The jar
// ---------------------------------------------------------------------------

/// An in-memory cookie store behaving like a browser's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CookieJar {
    /// Stored cookies, in creation order (replacement keeps the position).
    cookies: Vec<Cookie>,
    /// The next creation-order number.
    next_seq: u64,
}

impl CookieJar {
    /// An empty jar.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores a cookie from a `Set-Cookie` header received in a response from
    /// `url` (RFC 6265 §5.3): default path, domain-match and host-only, Max-Age
    /// over Expires, a replacement keeps the creation time, an expired cookie
    /// deletes the old one.
    ///
    /// `from_script: true` models a `document.cookie` write: HttpOnly cookies
    /// are rejected, and an existing HttpOnly cookie cannot be overwritten.
    ///
    /// # Errors
    ///
    /// A [`Rejected`] saying why the cookie was not stored; the jar is then
    /// unchanged.
    pub fn store(
        &mut self,
        header: &str,
        url: &SiteUrl,
        now: Millis,
        from_script: bool,
    ) -> Result<StoreOutcome, Rejected> {
        let set = try_parse_set_cookie(header)?;

        let expires = match (set.max_age, set.expires) {
            (Some(secs), _) if secs <= 0 => Some(Millis::MIN),
            (Some(secs), _) => Some(now.saturating_add(secs.saturating_mul(SECOND)).min(MAX_DATE)),
            (None, Some(t)) => Some(t.min(MAX_DATE)),
            (None, None) => None,
        };

        let (domain, host_only) = match set.domain.as_deref() {
            Some(d) if is_public_suffix(d) => {
                if d == url.host {
                    (url.host.clone(), true)
                } else {
                    return Err(Rejected::PublicSuffix { domain: d.to_string() });
                }
            }
            Some(d) => {
                if !domain_match(&url.host, d) {
                    return Err(Rejected::DomainMismatch { domain: d.to_string(), host: url.host.clone() });
                }
                (d.to_string(), false)
            }
            None => (url.host.clone(), true),
        };

        if from_script && set.http_only {
            return Err(Rejected::HttpOnlyFromScript);
        }
        if set.secure && !url.is_secure() {
            return Err(Rejected::SecureFromInsecure);
        }
        if set.same_site == SameSite::None && !set.secure {
            return Err(Rejected::SameSiteNoneWithoutSecure);
        }
        let name_lower = set.name.to_ascii_lowercase();
        if name_lower.starts_with("__secure-") && !(set.secure && url.is_secure()) {
            return Err(Rejected::SecurePrefix);
        }
        if name_lower.starts_with("__host-")
            && !(set.secure && url.is_secure() && set.domain.is_none() && set.path.as_deref() == Some("/"))
        {
            return Err(Rejected::HostPrefix);
        }

        let path = set.path.unwrap_or_else(|| default_path(&url.path));

        // RFC 6265bis §5.7 step 16: http pages leave Secure cookies alone.
        if !set.secure && !url.is_secure() {
            if let Some(existing) = self.cookies.iter().find(|c| {
                c.secure
                    && c.name == set.name
                    && (domain_match(&c.domain, &domain) || domain_match(&domain, &c.domain))
                    && path_match(&path, &c.path)
            }) {
                return Err(Rejected::OverwriteSecureFromInsecure { name: existing.name.clone() });
            }
        }

        let mut cookie = Cookie {
            name: set.name,
            value: set.value,
            domain,
            host_only,
            path,
            expires,
            secure: set.secure,
            http_only: set.http_only,
            same_site: set.same_site,
            created: now,
            last_access: now,
            seq: self.next_seq,
        };

        let expired = cookie.is_expired(now);
        let existing = self.cookies.iter_mut().enumerate().find(|(_, c)| c.same_identity(&cookie));
        match existing {
            Some((i, old)) => {
                if from_script && old.http_only {
                    return Err(Rejected::OverwriteHttpOnlyFromScript { name: old.name.clone() });
                }
                if expired {
                    self.cookies.remove(i);
                    return Ok(StoreOutcome::Deleted);
                }
                cookie.created = old.created;
                cookie.seq = old.seq;
                *old = cookie;
                Ok(StoreOutcome::Replaced)
            }
            None if expired => Ok(StoreOutcome::AlreadyExpired),
            None => {
                self.next_seq = self.next_seq.saturating_add(1);
                self.cookies.push(cookie);
                Ok(StoreOutcome::Stored)
            }
        }
    }

    /// Whether `cookie` would be sent with a request to `url` at `now` in
    /// context `ctx`, and if not, why (the first failing rule, checked in the
    /// order: domain, path, expiry, Secure, HttpOnly, SameSite).
    /// [`CookieJar::cookies_for`] uses exactly this check.
    ///
    /// # Errors
    ///
    /// The [`NotSent`] reason when the cookie is not sent.
    pub fn why_sent(&self, cookie: &Cookie, url: &SiteUrl, now: Millis, ctx: &RequestContext) -> Result<(), NotSent> {
        check_send(cookie, url, now, ctx)
    }

    /// The cookies to send with a request (RFC 6265 §5.4), sorted longest path
    /// first, then by creation. Updates their `last_access` to `now`.
    ///
    /// A cookie is sent when its domain matches (exactly, for host-only ones),
    /// its path matches, it has not expired, it is not Secure on an http
    /// request, it is not HttpOnly for a script, and its SameSite policy allows
    /// it: Strict only same-site; Lax or unset same-site or on a top-level GET
    /// navigation; None always (it must be Secure).
    pub fn cookies_for(&mut self, url: &SiteUrl, now: Millis, ctx: &RequestContext) -> Vec<Cookie> {
        let mut out = Vec::new();
        for cookie in &mut self.cookies {
            if check_send(cookie, url, now, ctx).is_ok() {
                cookie.last_access = now;
                out.push(cookie.clone());
            }
        }
        out.sort_by(header_order);
        out
    }

    /// The `Cookie` request header value, `a=b; c=d`, or `None` when no cookie
    /// is sent. Updates `last_access` like [`CookieJar::cookies_for`].
    pub fn cookie_header(&mut self, url: &SiteUrl, now: Millis, ctx: &RequestContext) -> Option<String> {
        // Same selection and order as `cookies_for`, without cloning the cookies.
        let mut sent: Vec<&mut Cookie> =
            self.cookies.iter_mut().filter(|c| check_send(c, url, now, ctx).is_ok()).collect();
        if sent.is_empty() {
            return None;
        }
        sent.sort_by(|a, b| header_order(a, b));
        let len = sent.iter().map(|c| c.name.len() + 1 + c.value.len()).sum::<usize>() + 2 * (sent.len() - 1);
        let mut header = String::with_capacity(len);
        for (i, c) in sent.into_iter().enumerate() {
            c.last_access = now;
            if i > 0 {
                header.push_str("; ");
            }
            header.push_str(&c.name);
            header.push('=');
            header.push_str(&c.value);
        }
        Some(header)
    }

    /// What `document.cookie` returns on a page at `url`: the matching,
    /// unexpired, non-HttpOnly cookies (Secure ones only on https), in header
    /// order. Does not change `last_access`.
    pub fn script_visible(&self, url: &SiteUrl, now: Millis) -> Vec<Cookie> {
        let ctx = RequestContext::script();
        let mut out: Vec<Cookie> =
            self.cookies.iter().filter(|c| check_send(c, url, now, &ctx).is_ok()).cloned().collect();
        out.sort_by(header_order);
        out
    }

    /// Removes every cookie expired at `now`; returns how many were removed.
    pub fn remove_expired(&mut self, now: Millis) -> usize {
        let before = self.cookies.len();
        self.cookies.retain(|c| !c.is_expired(now));
        before.saturating_sub(self.cookies.len())
    }

    /// Removes the cookie with this name, domain and path (either host-only or
    /// not); returns it if there was one.
    pub fn remove(&mut self, name: &str, domain: &str, path: &str) -> Option<Cookie> {
        let i = self.cookies.iter().position(|c| c.name == name && c.domain == domain && c.path == path)?;
        Some(self.cookies.remove(i))
    }

    /// All stored cookies (expired ones too, until [`CookieJar::remove_expired`]),
    /// in creation order.
    pub fn iter(&self) -> impl Iterator<Item = &Cookie> {
        self.cookies.iter()
    }

    /// Number of stored cookies.
    pub fn len(&self) -> usize {
        self.cookies.len()
    }

    /// Whether the jar holds no cookie.
    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }

    /// Removes every cookie.
    pub fn clear(&mut self) {
        self.cookies.clear();
    }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-27T00:00:00Z
    const NOW: Millis = 1_795_737_600_000;

    fn url(s: &str) -> SiteUrl {
        SiteUrl::parse(s).expect("test URL parses")
    }

    fn names(cookies: &[Cookie]) -> Vec<&str> {
        cookies.iter().map(|c| c.name.as_str()).collect()
    }

    fn find<'a>(jar: &'a CookieJar, name: &str) -> &'a Cookie {
        jar.iter().find(|c| c.name == name).expect("cookie stored")
    }

    #[test]
    fn date_constants_and_round_trip() {
        use crate::sim::clock::{civil_from_days, MIN_FORMAT_DATE};
        assert_eq!(days_from_civil(2026, 11, 27) * DAY, NOW);
        assert_eq!(days_from_civil(10_000, 1, 1) * DAY - 1, MAX_DATE);
        assert_eq!(days_from_civil(1, 1, 1) * DAY, MIN_FORMAT_DATE);
        assert_eq!(format_http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(format_http_date(MAX_DATE), "Fri, 31 Dec 9999 23:59:59 GMT");
        assert_eq!(format_http_date(i64::MAX), "Fri, 31 Dec 9999 23:59:59 GMT");
        assert_eq!(format_http_date(i64::MIN), "Mon, 01 Jan 0001 00:00:00 GMT");
        assert_eq!(format_http_date(-1), "Wed, 31 Dec 1969 23:59:59 GMT");
        for z in (-800_000..3_000_000).step_by(97) {
            let (y, m, d) = civil_from_days(z);
            assert!((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d));
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(
            parse_cookie_date("Fri, 07 Aug 9999 08:04:19 GMT").map(format_http_date),
            Some("Sat, 07 Aug 9999 08:04:19 GMT".to_string())
        );
        assert_eq!(parse_cookie_date("Sat, 29 Feb 2025 00:00:00 GMT"), None);
        assert!(parse_cookie_date("Thu, 29 Feb 2024 00:00:00 GMT").is_some());
        assert_eq!(parse_cookie_date("Mon, 01 Jan 1600 00:00:00 GMT"), None);
    }

    #[test]
    fn site_url_parsing() {
        let u = url("HTTPS://User@Home.Example.ORG:8888/a/%62%2F?q=1#x");
        assert_eq!(u.scheme, Scheme::Https);
        assert_eq!(u.host, "home.example.org");
        assert_eq!(u.path, "/a/b%2F");
        assert_eq!(url("http://x.example?y").path, "/");
        assert_eq!(url("example.com/p").scheme, Scheme::Http);
        assert_eq!(url("http://[::1]:80/").host, "[::1]");
        assert_eq!(SiteUrl::parse("ftp://x/"), None);
        assert_eq!(SiteUrl::parse("http:///path"), None);
        assert_eq!(SiteUrl::parse(""), None);
        assert_eq!(url("https://a.example/x").to_string(), "https://a.example/x");
    }

    #[test]
    fn same_site_policies() {
        let site = url("https://site.example/");
        let mut jar = CookieJar::new();
        for h in [
            "strict=1; Secure; SameSite=Strict",
            "lax=1; Secure; SameSite=Lax",
            "none=1; Secure; SameSite=None",
            "unset=1; Secure",
        ] {
            assert_eq!(jar.store(h, &site, NOW, false), Ok(StoreOutcome::Stored));
        }
        let all = jar.cookies_for(&site, NOW, &RequestContext::same_site());
        assert_eq!(names(&all), ["strict", "lax", "none", "unset"]);

        let post = RequestContext::cross_site(false, false);
        assert_eq!(names(&jar.cookies_for(&site, NOW, &post)), ["none"]);
        let top_get = RequestContext::cross_site(true, true);
        assert_eq!(names(&jar.cookies_for(&site, NOW, &top_get)), ["lax", "none", "unset"]);
        let top_post = RequestContext::cross_site(true, false);
        assert_eq!(names(&jar.cookies_for(&site, NOW, &top_post)), ["none"]);

        assert_eq!(jar.why_sent(find(&jar, "strict"), &site, NOW, &top_get), Err(NotSent::SameSiteStrict));
        assert_eq!(jar.why_sent(find(&jar, "lax"), &site, NOW, &post), Err(NotSent::SameSiteLax { by_default: false }));
        assert_eq!(
            jar.why_sent(find(&jar, "unset"), &site, NOW, &post),
            Err(NotSent::SameSiteLax { by_default: true })
        );
        // SameSite=None needs Secure.
        assert_eq!(jar.store("n=1; SameSite=None", &site, NOW, false), Err(Rejected::SameSiteNoneWithoutSecure));
    }

    #[test]
    fn http_only_and_scripts() {
        let page = url("http://app.example/");
        let mut jar = CookieJar::new();
        jar.store("sid=1; HttpOnly", &page, NOW, false).unwrap();
        jar.store("theme=dark", &page, NOW, false).unwrap();
        assert_eq!(names(&jar.script_visible(&page, NOW)), ["theme"]);
        let script = RequestContext::script();
        assert_eq!(names(&jar.cookies_for(&page, NOW, &script)), ["theme"]);
        assert_eq!(jar.why_sent(find(&jar, "sid"), &page, NOW, &script), Err(NotSent::HttpOnlyFromScript));
        assert_eq!(jar.cookie_header(&page, NOW, &RequestContext::same_site()), Some("sid=1; theme=dark".to_string()));
        assert_eq!(jar.store("x=1; HttpOnly", &page, NOW, true), Err(Rejected::HttpOnlyFromScript));
        assert_eq!(
            jar.store("sid=evil", &page, NOW, true),
            Err(Rejected::OverwriteHttpOnlyFromScript { name: "sid".into() })
        );
        assert_eq!(
            jar.store("sid=; Max-Age=0", &page, NOW, true),
            Err(Rejected::OverwriteHttpOnlyFromScript { name: "sid".into() })
        );
        assert_eq!(jar.store("theme=light", &page, NOW, true), Ok(StoreOutcome::Replaced));
        assert_eq!(find(&jar, "sid").value, "1");
    }

    #[test]
    fn secure_cookies() {
        let https = url("https://bank.example/");
        let http = url("http://bank.example/");
        let mut jar = CookieJar::new();
        assert_eq!(jar.store("s=1; Secure", &http, NOW, false), Err(Rejected::SecureFromInsecure));
        jar.store("s=1; Secure", &https, NOW, false).unwrap();
        let ctx = RequestContext::same_site();
        assert_eq!(jar.cookie_header(&http, NOW, &ctx), None);
        assert_eq!(jar.cookie_header(&https, NOW, &ctx), Some("s=1".into()));
        assert_eq!(jar.why_sent(find(&jar, "s"), &http, NOW, &ctx), Err(NotSent::SecureOverHttp));
        assert!(jar.script_visible(&http, NOW).is_empty());
        assert_eq!(
            jar.store("s=2", &http, NOW, false),
            Err(Rejected::OverwriteSecureFromInsecure { name: "s".into() })
        );
        assert_eq!(jar.store("__Secure-a=1", &https, NOW, false), Err(Rejected::SecurePrefix));
        assert_eq!(
            jar.store("__Host-a=1; Secure; Path=/; Domain=bank.example", &https, NOW, false),
            Err(Rejected::HostPrefix)
        );
        assert_eq!(jar.store("__Host-a=1; Secure; Path=/", &https, NOW, false), Ok(StoreOutcome::Stored));
    }

    #[test]
    fn expiry_follows_now() {
        let page = url("http://a.example/");
        let ctx = RequestContext::same_site();
        let mut jar = CookieJar::new();
        jar.store("m=1; Max-Age=60", &page, NOW, false).unwrap();
        jar.store("e=1; Expires=Fri, 27 Nov 2026 00:05:00 GMT; Max-Age=nope", &page, NOW, false).unwrap();
        jar.store("s=1", &page, NOW, false).unwrap();
        assert_eq!(find(&jar, "m").max_age_left(NOW), Some(60_000));
        assert_eq!(find(&jar, "s").max_age_left(NOW), None);
        assert_eq!(names(&jar.cookies_for(&page, NOW + 59_999, &ctx)), ["m", "e", "s"]);
        let later = NOW + 60_000 + 3 * MINUTE;
        assert_eq!(names(&jar.cookies_for(&page, later, &ctx)), ["e", "s"]);
        let reason = jar.why_sent(find(&jar, "m"), &page, later, &ctx).unwrap_err();
        assert_eq!(reason, NotSent::Expired { ago: 3 * MINUTE });
        assert_eq!(reason.to_string(), "expired 3 min ago");
        assert_eq!(find(&jar, "m").max_age_left(later), Some(0));
        assert_eq!(jar.remove_expired(NOW + 10 * MINUTE), 2);
        assert_eq!(jar.len(), 1);
        // Max-Age wins over Expires, in either order; huge values clamp.
        jar.store("x=1; Max-Age=0; Expires=Fri, 07 Aug 9999 08:04:19 GMT", &page, NOW, false).unwrap();
        assert_eq!(jar.len(), 1);
        jar.store("big=1; Max-Age=99999999999999999999999", &page, NOW, false).unwrap();
        assert_eq!(find(&jar, "big").expires, Some(MAX_DATE));
        assert_eq!(jar.store("big=1; Max-Age=-5", &page, NOW, false), Ok(StoreOutcome::Deleted));
        assert_eq!(jar.store("big=1; Max-Age=-5", &page, NOW, false), Ok(StoreOutcome::AlreadyExpired));
    }

    #[test]
    fn replacement_keeps_creation_time() {
        let page = url("http://a.example/dir/page");
        let mut jar = CookieJar::new();
        jar.store("a=1", &page, NOW, false).unwrap();
        jar.store("b=1", &page, NOW + 1, false).unwrap();
        assert_eq!(jar.store("a=2; HttpOnly", &page, NOW + 5_000, false), Ok(StoreOutcome::Replaced));
        let a = find(&jar, "a");
        assert_eq!((a.value.as_str(), a.created, a.last_access), ("2", NOW, NOW + 5_000));
        assert!(a.http_only);
        assert_eq!(a.path, "/dir");
        assert_eq!(jar.len(), 2);
        // Different path or Domain attribute: a different cookie.
        jar.store("a=3; Path=/", &page, NOW, false).unwrap();
        jar.store("a=4; Domain=a.example", &page, NOW, false).unwrap();
        assert_eq!(jar.len(), 4);
    }

    #[test]
    fn header_ordering() {
        let page = url("http://a.example/");
        let mut jar = CookieJar::new();
        jar.store("root1=1; Path=/", &page, NOW, false).unwrap();
        jar.store("deep=1; Path=/a/b", &page, NOW + 2, false).unwrap();
        jar.store("mid=1; Path=/a", &page, NOW + 1, false).unwrap();
        jar.store("root2=1; Path=/", &page, NOW + 3, false).unwrap();
        // Same creation time: creation order breaks the tie.
        jar.store("root0=1; Path=/", &page, NOW, false).unwrap();
        assert_eq!(
            jar.cookie_header(&url("http://a.example/a/b/c"), NOW + 9, &RequestContext::same_site()),
            Some("deep=1; mid=1; root1=1; root0=1; root2=1".into())
        );
        assert!(jar.iter().all(|c| c.last_access == NOW + 9));
        assert_eq!(jar.cookie_header(&url("http://other.example/"), NOW, &RequestContext::same_site()), None);
    }

    #[test]
    fn why_sent_reasons() {
        let page = url("http://a.example/me");
        let ctx = RequestContext::same_site();
        let mut jar = CookieJar::new();
        jar.store("p=1; Path=/admin", &page, NOW, false).unwrap();
        jar.store("h=1", &page, NOW, false).unwrap();
        jar.store("d=1; Domain=A.Example", &url("http://www.a.example/"), NOW, false).unwrap();
        let err = |name: &str, u: &str| jar.why_sent(find(&jar, name), &url(u), NOW, &ctx).map_err(|e| e.to_string());
        assert_eq!(err("p", "http://a.example/me"), Err("path /admin does not match /me".to_string()));
        assert_eq!(err("p", "http://a.example/admin/x"), Ok(()));
        assert_eq!(err("p", "http://a.example/administrator"), Err("path /admin does not match /administrator".into()));
        assert_eq!(
            err("h", "http://b.example/"),
            Err("host-only cookie for a.example, request to b.example".to_string())
        );
        assert_eq!(
            err("h", "http://sub.a.example/"),
            Err("host-only cookie for a.example, request to sub.a.example".to_string())
        );
        assert_eq!(err("d", "http://deep.sub.a.example/"), Ok(()));
        assert_eq!(
            err("d", "http://b.example/"),
            Err("cookie domain a.example does not match the request host b.example".to_string())
        );
        assert_eq!(NotSent::SecureOverHttp.to_string(), "Secure cookie: not sent over http");
        assert_eq!(NotSent::SameSiteStrict.to_string(), "SameSite=Strict: request started on another site");
        assert_eq!(NotSent::Expired { ago: 2 * DAY }.to_string(), "expired 2 days ago");
    }

    #[test]
    fn domains_and_public_suffixes() {
        let mut jar = CookieJar::new();
        let page = url("http://www.shop.co.uk/");
        assert_eq!(
            jar.store("a=1; Domain=co.uk", &page, NOW, false),
            Err(Rejected::PublicSuffix { domain: "co.uk".into() })
        );
        assert_eq!(jar.store("a=1; Domain=uk", &page, NOW, false), Err(Rejected::PublicSuffix { domain: "uk".into() }));
        assert_eq!(
            jar.store("a=1; Domain=other.co.uk", &page, NOW, false),
            Err(Rejected::DomainMismatch { domain: "other.co.uk".into(), host: "www.shop.co.uk".into() })
        );
        jar.store("a=1; Domain=localhost", &url("http://localhost:3000/"), NOW, false).unwrap();
        assert!(find(&jar, "a").host_only);
        // IP addresses only match exactly.
        assert!(!domain_match("1.2.3.4", "2.3.4"));
        assert!(domain_match("1.2.3.4", "1.2.3.4"));
        assert_eq!(default_path("/"), "/");
        assert_eq!(default_path("/a"), "/");
        assert_eq!(default_path("/a/b/"), "/a/b");
        assert_eq!(default_path("x"), "/");
    }

    #[test]
    fn display_texts_are_english() {
        let r = Rejected::Unparsable(ParseError::NoEquals);
        assert_eq!(r.to_string(), "ignored: there is no '=' between the cookie name and value");
        assert_eq!(
            CookieJar::new().store("=x", &url("http://a.example/"), NOW, false),
            Err(Rejected::Unparsable(ParseError::EmptyName))
        );
        assert!(!StoreOutcome::Replaced.to_string().is_empty());
        assert_eq!(SameSite::Lax.to_string(), "Lax");
    }

    #[test]
    fn parsers_never_panic() {
        let long_digits = "9".repeat(5000);
        let long = format!("a={}", "é".repeat(3000));
        let nasty: Vec<String> = vec![
            String::new(),
            ";".into(),
            ";;;;".into(),
            "=".into(),
            "==".into(),
            " ; = ; ".into(),
            "\u{0}".into(),
            "a=b\r\nSet-Cookie: c=d".into(),
            "é=ü; Domain=ñ.example; Path=ü/x; Expires=ü".into(),
            "名=値; Max-Age=１２３".into(),
            "a=1; Max-Age=-".into(),
            "a=1; Max-Age=--5".into(),
            format!("a=1; Max-Age={long_digits}"),
            format!("a=1; Max-Age=-{long_digits}"),
            format!("a=1; Expires={long_digits}"),
            format!("a=1; Expires=1 Jan {long_digits} 00:00:00"),
            "a=1; Expires=99:99:99 99 Jan 99".into(),
            "a=1; Expires=1:2:3 31 Feb 2020".into(),
            "a=1; Expires=é:é:é éé jaé 20é".into(),
            "a=1; Domain=.; Path=; SameSite=; Secure=; HttpOnly=".into(),
            "a=1; Domain=..; Domain=...".into(),
            "🍪=🍪; 🍪; 🍪=🍪=🍪".into(),
            "\u{FEFF}a=b".into(),
            "\t\t\t".into(),
            long,
            "Jan".into(),
            "12:".into(),
            "1:1".into(),
            "1:1:".into(),
            ":::::".into(),
        ];
        let page = url("http://a.example/x");
        let mut jar = CookieJar::new();
        for s in &nasty {
            let _ = parse_set_cookie(s);
            let _ = parse_cookie_date(s);
            let _ = SiteUrl::parse(s);
            let _ = decode_unreserved(s);
            for now in [NOW, i64::MIN, i64::MAX, 0] {
                let _ = jar.store(s, &page, now, false);
                let _ = jar.store(s, &page, now, true);
                let _ = jar.cookies_for(&page, now, &RequestContext::same_site());
                let _ = jar.remove_expired(now);
            }
            if let Some(t) = parse_cookie_date(s) {
                let _ = format_http_date(t);
            }
        }
        for c in jar.iter() {
            let _ = c.max_age_left(i64::MIN);
            let _ = c.max_age_left(i64::MAX);
        }
        for ms in [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX] {
            let _ = format_http_date(ms);
            let _ = human_duration(ms);
        }
        assert_eq!(parse_set_cookie(";"), None);
        assert_eq!(parse_set_cookie(""), None);
        assert_eq!(parse_cookie_date(""), None);
    }
}
