//! A message on the stage, as an envelope: what it says (method and path, or the
//! status), the credentials it carries or sets as chips (a cookie withheld by the
//! browser struck out, with why), and its size. [`envelope`] reads a hop into one: its
//! chips come from the message's header lines (`Cookie`, `Authorization`,
//! `Set-Cookie`, `WWW-Authenticate`, `Origin`), an access token in a response body, and
//! the cookies the browser withheld (from the hop's typed note, the reason in the page's
//! language).

use crate::sim::hop::{abbreviate, Actor, Hop, HopKind};
use crate::sim::note::{BrowserNote, Note};
use crate::ui::i18n::notes::not_sent_in;
use crate::ui::i18n::Lang;

/// What a chip on an envelope stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChipKind {
    /// A cookie the request carries (`Cookie:`).
    Cookie,
    /// A cookie the browser did not attach, with why.
    Withheld,
    /// A `Bearer` token the request carries (`Authorization:`).
    Bearer,
    /// A cookie the response sets (`Set-Cookie:`).
    SetCookie,
    /// A cookie the response clears (`Set-Cookie: …; Max-Age=0`).
    ClearCookie,
    /// An access token in the response's body.
    Token,
    /// A `WWW-Authenticate` challenge.
    Challenge,
    /// The `Origin` of a request started on another site.
    Origin,
    /// The `X-CSRF-Token` the site's page sends back.
    Csrf,
    /// Where a redirect sends the browser (`Location`).
    Redirect,
}

impl ChipKind {
    /// The CSS class suffix and the chip's little sign.
    pub fn look(self) -> (&'static str, &'static str) {
        match self {
            ChipKind::Cookie => ("cookie", "🍪"),
            ChipKind::Withheld => ("withheld", "🍪"),
            ChipKind::Bearer => ("bearer", "🔑"),
            ChipKind::SetCookie => ("set-cookie", "🍪+"),
            ChipKind::ClearCookie => ("clear-cookie", "🍪−"),
            ChipKind::Token => ("token", "🔑+"),
            ChipKind::Challenge => ("challenge", "↩"),
            ChipKind::Origin => ("origin", "🌐"),
            ChipKind::Csrf => ("csrf", "🛡"),
            ChipKind::Redirect => ("redirect", "↪"),
        }
    }
}

/// One chip: what it is, its short text, and a longer note (a tooltip: the whole
/// value, or why a cookie stayed home).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chip {
    /// What it stands for.
    pub kind: ChipKind,
    /// Short text: `sid=2fb2…a1c3`.
    pub text: String,
    /// Longer note.
    pub note: String,
}

/// A hop, read for the stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// Sender.
    pub from: Actor,
    /// Receiver.
    pub to: Actor,
    /// Request, response, store traffic or a leak.
    pub kind: HopKind,
    /// `GET /me`, `200 OK`, `GET sess:3f…a1`.
    pub label: String,
    /// A response's status code.
    pub status: Option<u16>,
    /// The credential it carries or sets: `cookie`, `bearer`, `both` or `none`.
    pub credential: &'static str,
    /// Its chips.
    pub chips: Vec<Chip>,
    /// Its size on the wire.
    pub bytes: usize,
}

impl Envelope {
    /// A message on the client's link (browser or attacker ↔ balancer, or a leak):
    /// drawn large, with its chips.
    pub fn major(&self) -> bool {
        matches!(self.from, Actor::Browser | Actor::Attacker) || matches!(self.to, Actor::Browser | Actor::Attacker)
    }

    /// `out` for a request leaving a client (for the site's balancer or for
    /// auth.example), `back` for the answer reaching it, else `inner`.
    pub fn leg(&self) -> &'static str {
        match (self.from, self.to) {
            (Actor::Browser | Actor::Attacker, Actor::Balancer | Actor::Idp) => "out",
            (Actor::Balancer | Actor::Idp, Actor::Browser | Actor::Attacker) => "back",
            _ => "inner",
        }
    }

    /// `request`, `response`, `store` or `leak`.
    pub fn kind_id(&self) -> &'static str {
        match self.kind {
            HopKind::Request => "request",
            HopKind::Response => "response",
            HopKind::StoreCommand | HopKind::StoreReply => "store",
            HopKind::Leak => "leak",
        }
    }
}

/// The header lines of a raw HTTP message (after the start line, up to the blank line).
fn headers(raw: &str) -> impl Iterator<Item = (&str, &str)> {
    raw.split("\r\n").skip(1).take_while(|l| !l.is_empty()).filter_map(|l| {
        let (name, value) = l.split_once(':')?;
        Some((name.trim(), value.trim()))
    })
}

/// `name=value` shortened: `sid=2fb2…a1c3`.
fn pair(name: &str, value: &str) -> String {
    format!("{name}={}", abbreviate(value))
}

/// The chips of a request, and which credential it carries.
fn request_chips(raw: &str, note: Option<&Note>, lang: Lang, chips: &mut Vec<Chip>) -> &'static str {
    let (mut cookie, mut bearer) = (false, false);
    for (name, value) in headers(raw) {
        if name.eq_ignore_ascii_case("cookie") {
            cookie = true;
            for kv in value.split(';') {
                let (n, v) = kv.trim().split_once('=').unwrap_or((kv.trim(), ""));
                chips.push(Chip { kind: ChipKind::Cookie, text: pair(n, v), note: kv.trim().to_string() });
            }
        } else if name.eq_ignore_ascii_case("authorization") {
            bearer = true;
            let token = value.strip_prefix("Bearer ").unwrap_or(value);
            chips.push(Chip {
                kind: ChipKind::Bearer,
                text: format!("Bearer {}", abbreviate(token)),
                note: value.into(),
            });
        } else if name.eq_ignore_ascii_case("origin") {
            // Every POST names its origin; the chip marks one that is another site's.
            let host = value.split("://").nth(1).unwrap_or(value);
            if host != crate::sim::config::SITE_HOST {
                chips.push(Chip { kind: ChipKind::Origin, text: format!("Origin: {host}"), note: value.into() });
            }
        } else if name.eq_ignore_ascii_case("x-csrf-token") {
            chips.push(Chip {
                kind: ChipKind::Csrf,
                text: format!("X-CSRF-Token {}", abbreviate(value)),
                note: value.into(),
            });
        }
    }
    // The browser's note on the first hop says which cookies it kept home, and why.
    if let Some(Note::Browser(BrowserNote::Sent(sending))) = note {
        for (name, why) in &sending.withheld {
            let note = format!("{name}: {}", not_sent_in(lang, why));
            chips.push(Chip { kind: ChipKind::Withheld, text: name.to_string(), note });
        }
    }
    match (cookie, bearer) {
        (true, true) => "both",
        (true, false) => "cookie",
        (false, true) => "bearer",
        (false, false) => "none",
    }
}

/// The chips of a response, and which credential it sets.
fn response_chips(raw: &str, chips: &mut Vec<Chip>) -> &'static str {
    let (mut cookie, mut bearer) = (false, false);
    for (name, value) in headers(raw) {
        if name.eq_ignore_ascii_case("set-cookie") {
            let first = value.split(';').next().unwrap_or("");
            let (n, v) = first.split_once('=').unwrap_or((first, ""));
            let cleared = value.to_ascii_lowercase().contains("max-age=0") || v.is_empty();
            let kind = if cleared { ChipKind::ClearCookie } else { ChipKind::SetCookie };
            cookie |= !cleared;
            let text = if cleared { n.to_string() } else { pair(n, v) };
            chips.push(Chip { kind, text, note: value.to_string() });
        } else if name.eq_ignore_ascii_case("location") {
            let to = value.split("://").nth(1).unwrap_or(value);
            let to = to.split('?').next().unwrap_or(to);
            chips.push(Chip { kind: ChipKind::Redirect, text: to.to_string(), note: value.into() });
        } else if name.eq_ignore_ascii_case("www-authenticate") {
            let scheme = value.split_whitespace().next().unwrap_or(value);
            chips.push(Chip {
                kind: ChipKind::Challenge,
                text: format!("WWW-Authenticate: {scheme}"),
                note: value.into(),
            });
        }
    }
    let body = raw.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    if let Some(at) = body.find("\"access_token\":\"") {
        let rest = &body[at + "\"access_token\":\"".len()..];
        let token = rest.split('"').next().unwrap_or("");
        bearer = true;
        chips.push(Chip {
            kind: ChipKind::Token,
            text: format!("access_token {}", abbreviate(token)),
            note: token.into(),
        });
    }
    match (cookie, bearer) {
        (true, true) => "both",
        (true, false) => "cookie",
        (false, true) => "bearer",
        (false, false) => "none",
    }
}

/// The envelope of a hop, its tooltips in `lang`.
pub fn envelope(hop: &Hop, lang: Lang) -> Envelope {
    let mut chips = Vec::new();
    let client = |a: Actor| matches!(a, Actor::Browser | Actor::Attacker);
    let (status, credential) = match hop.kind {
        HopKind::Request if client(hop.from) => (None, request_chips(&hop.raw(), hop.note.as_ref(), lang, &mut chips)),
        HopKind::Response if client(hop.to) => {
            let status = hop.label.get(..3).and_then(|s| s.parse().ok());
            (status, response_chips(&hop.raw(), &mut chips))
        }
        HopKind::Response => (hop.label.get(..3).and_then(|s| s.parse().ok()), ""),
        _ => (None, ""),
    };
    Envelope {
        from: hop.from,
        to: hop.to,
        kind: hop.kind,
        label: hop.label.to_string(),
        status,
        credential,
        chips,
        bytes: hop.bytes,
    }
}
