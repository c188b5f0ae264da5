//! HTTP/1.1 messages as they cross the (simulated) wire: the `http` crate's method,
//! status and header types, rendered to raw text whose length is the byte count every
//! meter uses. Lines end in CRLF, as on a real wire.

use super::config::SITE_HOST;
use super::note::Note;
use http::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use http::{HeaderMap, Method, StatusCode};

/// Largest header block a server accepts (beyond it: 431).
pub const MAX_HEADER_BYTES: usize = 8 * 1024;
/// Largest request body a server accepts (beyond it: 413).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// A header value the browser refused to put on the wire (control characters, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadHeader {
    /// The header's name.
    pub name: String,
}

impl std::fmt::Display for BadHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the browser refused to send a {} header with characters HTTP does not allow", self.name)
    }
}

/// An HTTP request.
#[derive(Clone, Debug)]
pub struct Request {
    /// GET, POST, …
    pub method: Method,
    /// Path and query, e.g. `/flights?to=jeju`.
    pub target: String,
    /// Headers in the order they were added (Host first).
    pub headers: HeaderMap,
    /// The body (JSON in this world), empty for GET.
    pub body: String,
}

impl Request {
    /// A request for `target` on `host`, with a `Host` header and nothing else.
    pub fn new(method: Method, host: &str, target: &str) -> Self {
        let mut headers = HeaderMap::new();
        // The site's own host, the usual case, needs no copy.
        let value =
            if host == SITE_HOST { Ok(HeaderValue::from_static(SITE_HOST)) } else { HeaderValue::from_str(host) };
        if let Ok(v) = value {
            headers.insert(HOST, v);
        }
        Request { method, target: target.to_string(), headers, body: String::new() }
    }

    /// Adds a header whose value we produced ourselves (always valid ASCII).
    pub fn with(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.append(name, v);
        }
        self
    }

    /// [`Request::with`] for a value already in a `String` of its own (not copied again).
    pub fn with_owned(mut self, name: HeaderName, value: String) -> Self {
        if let Ok(v) = HeaderValue::try_from(value) {
            self.headers.append(name, v);
        }
        self
    }

    /// Adds a header whose value is a constant of the program (valid by construction).
    pub fn with_static(mut self, name: HeaderName, value: &'static str) -> Self {
        self.headers.append(name, HeaderValue::from_static(value));
        self
    }

    /// Adds a header whose value came from the reader (a pasted token): refused when
    /// it holds characters HTTP forbids.
    pub fn try_with(mut self, name: HeaderName, value: &str) -> Result<Self, BadHeader> {
        let v = HeaderValue::from_str(value).map_err(|_| BadHeader { name: canonical(name.as_str()) })?;
        self.headers.append(name, v);
        Ok(self)
    }

    /// Sets a JSON body with its Content-Type and Content-Length.
    pub fn json(mut self, body: String) -> Self {
        self.headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        self.headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        self.body = body;
        self
    }

    /// Sets a form body (`application/x-www-form-urlencoded`, what an HTML form posts)
    /// with its Content-Type and Content-Length.
    pub fn form(mut self, body: String) -> Self {
        self.headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
        self.headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        self.body = body;
        self
    }

    /// Whether the body is a form (`application/x-www-form-urlencoded`).
    pub fn is_form(&self) -> bool {
        self.header(&CONTENT_TYPE).is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"))
    }

    /// The `Host` header (empty when there is none).
    pub fn host(&self) -> &str {
        self.header(&HOST).unwrap_or("")
    }

    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(self.target.as_str(), |(p, _)| p)
    }

    /// The value of query parameter `name`, if present.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        let (_, q) = self.target.split_once('?')?;
        q.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k == name).then_some(v)
        })
    }

    /// A header's value as text, if present and readable.
    pub fn header(&self, name: &HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| visible_ascii(v.as_bytes()))
    }

    /// The raw HTTP/1.1 text, CRLF line ends.
    pub fn raw(&self) -> String {
        let mut s = String::with_capacity(self.wire_size());
        s.push_str(self.method.as_str());
        s.push(' ');
        s.push_str(&self.target);
        s.push_str(" HTTP/1.1\r\n");
        write_headers(&mut s, &self.headers);
        s.push_str(&self.body);
        s
    }

    /// Bytes of the request line and headers (what the 8 KB limit counts).
    pub fn header_block_size(&self) -> usize {
        self.method.as_str().len() + 1 + self.target.len() + 11 + headers_size(&self.headers) + 2
    }

    /// Bytes on the wire: `raw().len()`, computed without building the text.
    pub fn wire_size(&self) -> usize {
        self.header_block_size() + self.body.len()
    }
}

/// An HTTP response.
#[derive(Clone, Debug)]
pub struct Response {
    /// The status code.
    pub status: StatusCode,
    /// Headers in the order they were added.
    pub headers: HeaderMap,
    /// The body (JSON in this world).
    pub body: String,
    /// What an error body says, as a typed note (not on the wire: the page shows it
    /// in its own language, as a site's script would show an error code).
    pub reason: Option<Note>,
}

impl Response {
    /// A response with a JSON body, Content-Type and Content-Length.
    pub fn json(status: StatusCode, body: String) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        Response { status, headers, body, reason: None }
    }

    /// A JSON error body `{"error": "<the reason in English>"}` with that status; the
    /// typed reason goes along as [`Response::reason`].
    pub fn refuse(status: StatusCode, reason: impl Into<Note>) -> Self {
        let reason = reason.into();
        let body = serde_json::json!({ "error": reason.to_string() }).to_string();
        Response { reason: Some(reason), ..Response::json(status, body) }
    }

    /// Adds a header we produced ourselves.
    pub fn with(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.append(name, v);
        }
        self
    }

    /// Every value of a header, as text.
    pub fn header_values<'a>(&'a self, name: &HeaderName) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.get_all(name).iter().filter_map(|v| v.to_str().ok())
    }

    /// The `error` field of a JSON error body, when there is one.
    pub fn error_message(&self) -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(&self.body).ok()?;
        v.get("error")?.as_str().map(str::to_string)
    }

    /// The raw HTTP/1.1 text, CRLF line ends.
    pub fn raw(&self) -> String {
        let mut s = String::with_capacity(self.wire_size());
        s.push_str("HTTP/1.1 ");
        s.push_str(self.status.as_str());
        s.push(' ');
        s.push_str(reason(self.status));
        s.push_str("\r\n");
        write_headers(&mut s, &self.headers);
        s.push_str(&self.body);
        s
    }

    /// Bytes on the wire: `raw().len()`, computed without building the text.
    pub fn wire_size(&self) -> usize {
        9 + 3 + 1 + reason(self.status).len() + 2 + headers_size(&self.headers) + 2 + self.body.len()
    }
}

/// The value of `name` in a form or query string (`a=1&b=2`), percent-decoded (`+` is a
/// space), if present.
pub fn form_value(pairs: &str, name: &str) -> Option<String> {
    pairs.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (percent_decode(k) == name).then(|| percent_decode(v))
    })
}

/// `%XX` escapes decoded and `+` read as a space (`application/x-www-form-urlencoded`);
/// a bad escape is kept as it is, bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `HeaderValue::to_str`: the text when every byte is visible ASCII or a tab. One
/// branch-free pass (bearer tokens are long), then a UTF-8 view that cannot fail.
fn visible_ascii(bytes: &[u8]) -> Option<&str> {
    let ok = bytes.iter().fold(true, |ok, &b| ok & ((32..127).contains(&b) | (b == b'\t')));
    if ok {
        std::str::from_utf8(bytes).ok()
    } else {
        None
    }
}

/// The reason phrase of a status, e.g. `Unauthorized`.
pub fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Unknown")
}

fn write_headers(s: &mut String, headers: &HeaderMap) {
    for (name, value) in headers {
        push_canonical(s, name.as_str());
        s.push_str(": ");
        match std::str::from_utf8(value.as_bytes()) {
            Ok(text) => s.push_str(text),
            Err(_) => s.push_str(&String::from_utf8_lossy(value.as_bytes())),
        }
        s.push_str("\r\n");
    }
    s.push_str("\r\n");
}

fn headers_size(headers: &HeaderMap) -> usize {
    headers.iter().map(|(n, v)| n.as_str().len() + 2 + v.as_bytes().len() + 2).sum()
}

/// Whether a page script may not set this header: the Fetch standard's forbidden
/// request-header names (`Cookie`, `Host`, `Origin`, `Content-Length`, …, and every
/// `Proxy-` or `Sec-` name). The browser writes those itself; a script's value is
/// dropped, so a request never carries a second `Cookie` header (RFC 6265 §5.4).
pub fn is_forbidden_request_header(name: &HeaderName) -> bool {
    const FORBIDDEN: [&str; 21] = [
        "accept-charset",
        "accept-encoding",
        "access-control-request-headers",
        "access-control-request-method",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "set-cookie",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
    ];
    let n = name.as_str();
    FORBIDDEN.contains(&n) || n.starts_with("proxy-") || n.starts_with("sec-")
}

/// Header names as browsers' DevTools print them: `set-cookie` → `Set-Cookie`.
pub fn canonical(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_canonical(&mut out, name);
    out
}

/// Appends [`canonical`]`(name)` to `out` without an intermediate string.
fn push_canonical(out: &mut String, name: &str) {
    let known = match name {
        "host" => "Host",
        "cookie" => "Cookie",
        "set-cookie" => "Set-Cookie",
        "authorization" => "Authorization",
        "content-type" => "Content-Type",
        "content-length" => "Content-Length",
        "x-forwarded-for" => "X-Forwarded-For",
        "x-forwarded-proto" => "X-Forwarded-Proto",
        "origin" => "Origin",
        "www-authenticate" => "Www-Authenticate",
        "allow" => "Allow",
        "location" => "Location",
        _ => "",
    };
    if !known.is_empty() {
        out.push_str(known);
    } else if name.is_ascii() {
        // Copy, then uppercase the first byte and every byte after a '-' in place.
        let start = out.len();
        out.push_str(name);
        let mut upper = true;
        for (i, b) in name.bytes().enumerate() {
            if upper {
                if let Some(c) = out.get_mut(start + i..start + i + 1) {
                    c.make_ascii_uppercase();
                }
            }
            upper = b == b'-';
        }
    } else {
        let mut upper = true;
        for c in name.chars() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = c == '-';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::{AUTHORIZATION, COOKIE, SET_COOKIE};

    #[test]
    fn request_renders_as_http11_and_counts_its_bytes() {
        let r = Request::new(Method::GET, "playground.example", "/me").with(COOKIE, "sid=abc");
        let raw = r.raw();
        assert_eq!(raw, "GET /me HTTP/1.1\r\nHost: playground.example\r\nCookie: sid=abc\r\n\r\n");
        assert_eq!(r.wire_size(), raw.len());
    }

    #[test]
    fn response_with_json_and_set_cookie_counts_exactly() {
        let r =
            Response::json(StatusCode::UNAUTHORIZED, "{\"error\":\"no\"}".into()).with(SET_COOKIE, "sid=; Max-Age=0");
        let raw = r.raw();
        assert!(
            raw.starts_with("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 14\r\n")
        );
        assert!(raw.ends_with("\r\n\r\n{\"error\":\"no\"}"));
        assert_eq!(r.wire_size(), raw.len());
        assert_eq!(r.error_message().as_deref(), Some("no"));
    }

    #[test]
    fn json_body_sets_length_and_query_is_read() {
        let r = Request::new(Method::POST, "h", "/flights?to=jeju&x").json("{\"count\":4}".into());
        assert_eq!(r.header(&CONTENT_LENGTH), Some("11"));
        assert_eq!(r.path(), "/flights");
        assert_eq!(r.query_param("to"), Some("jeju"));
        assert_eq!(r.query_param("x"), Some(""));
        assert_eq!(r.query_param("y"), None);
        assert_eq!(r.wire_size(), r.raw().len());
    }

    #[test]
    fn canonical_names_match_the_char_by_char_rule() {
        let slow = |name: &str| {
            let mut out = String::new();
            let mut upper = true;
            for c in name.chars() {
                out.push(if upper { c.to_ascii_uppercase() } else { c });
                upper = c == '-';
            }
            out
        };
        for name in [
            "set-cookie",
            "x-forwarded-for",
            "x-forwarded-proto",
            "a--b",
            "-x-",
            "",
            "www-authenticate",
            "é-é",
            "host",
            "cookie",
            "authorization",
            "content-type",
            "content-length",
            "origin",
            "allow",
            "x-big",
        ] {
            assert_eq!(canonical(name), slow(name), "{name}");
        }
    }

    #[test]
    fn header_text_is_what_to_str_gives() {
        for value in [&b"Bearer abc"[..], b"a\tb", b"caf\xc3\xa9", b"\x7f", b"x\x80", b"", b" ~"] {
            let Ok(v) = HeaderValue::from_bytes(value) else { continue };
            let mut r = Request::new(Method::GET, "h", "/");
            r.headers.append(AUTHORIZATION, v.clone());
            assert_eq!(r.header(&AUTHORIZATION), v.to_str().ok(), "{value:?}");
        }
    }

    #[test]
    fn forms_are_read_as_browsers_write_them() {
        let body = "to=mallory&miles=10000&note=a+b%21&bad=%zz&empty";
        assert_eq!(form_value(body, "to").as_deref(), Some("mallory"));
        assert_eq!(form_value(body, "miles").as_deref(), Some("10000"));
        assert_eq!(form_value(body, "note").as_deref(), Some("a b!"));
        assert_eq!(form_value(body, "bad").as_deref(), Some("%zz"));
        assert_eq!(form_value(body, "empty").as_deref(), Some(""));
        assert_eq!(form_value(body, "nope"), None);
        let r = Request::new(Method::POST, "auth.example", "/login").form(body.into());
        assert!(r.is_form() && r.host() == "auth.example");
        assert_eq!(r.wire_size(), r.raw().len());
    }

    #[test]
    fn a_pasted_value_with_a_newline_is_refused_not_smuggled() {
        let r = Request::new(Method::GET, "h", "/me").try_with(AUTHORIZATION, "Bearer a\r\nX-Admin: 1");
        assert_eq!(r.err().map(|e| e.name), Some("Authorization".to_string()));
    }
}
