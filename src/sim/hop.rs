//! Hops: one message between two actors. The page animates them, the meters add them
//! up and the tests assert on them — there is no second source of truth.

use super::clock::Millis;
use super::http::{Request, Response};
use super::note::Note;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Someone who sends or receives a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Actor {
    /// The reader's browser on `https://playground.example`.
    Browser,
    /// The attacker's own browser (and their page on `https://evil.example`).
    Attacker,
    /// The load balancer in front of the servers.
    Balancer,
    /// Server A (0) … D (3).
    Server(u8),
    /// The shared session store.
    Store,
    /// The identity provider `auth.example`.
    Idp,
}

impl Actor {
    /// The stable id used in `data-from`/`data-to`: `browser`, `attacker`, `balancer`,
    /// `A`…`D`, `store`, `idp`.
    pub fn id(self) -> &'static str {
        match self {
            Actor::Browser => "browser",
            Actor::Attacker => "attacker",
            Actor::Balancer => "balancer",
            Actor::Server(i) => server_letter(i),
            Actor::Store => "store",
            Actor::Idp => "idp",
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// `A`…`D` for server 0…3.
pub fn server_letter(i: u8) -> &'static str {
    ["A", "B", "C", "D"].get(i as usize).copied().unwrap_or("?")
}

/// What kind of message a hop carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HopKind {
    /// An HTTP request.
    Request,
    /// An HTTP response.
    Response,
    /// A command to a session store (shared store or a replica).
    StoreCommand,
    /// A session store's reply.
    StoreReply,
    /// Data leaving a victim for the attacker (XSS exfiltration, sniffing).
    Leak,
}

/// One message between two actors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// Which exchange (request id) this hop belongs to.
    pub exchange: u32,
    /// Sender.
    pub from: Actor,
    /// Receiver.
    pub to: Actor,
    /// What it carries.
    pub kind: HopKind,
    /// A short label for the arrow: `GET /me`, `200 OK`, `GET sess:3f…a1`.
    pub label: Text,
    /// What it carries, rendered to text by [`Hop::raw`].
    wire: Wire,
    /// Its size in bytes: `raw().len()`.
    pub bytes: usize,
    /// Virtual time at which it is sent.
    pub at: Millis,
    /// What happened, as a typed note (`sid 3f…a1 found on A → alice`), if anything.
    pub note: Option<Note>,
}

impl Hop {
    /// The exact text on the wire (CRLF line ends for HTTP), `bytes` long. HTTP
    /// messages are kept as messages and rendered only here, when asked.
    pub fn raw(&self) -> Cow<'_, str> {
        self.wire.render()
    }

    /// The note in English (empty when there is none), as the tests and exports read it.
    pub fn note_text(&self) -> String {
        self.note.as_ref().map(ToString::to_string).unwrap_or_default()
    }
}

/// A label or note: a static text, or one text shared by every copy (cloning a hop
/// never copies its words).
#[derive(Clone)]
pub enum Text {
    /// A text fixed in the program.
    Static(&'static str),
    /// A text made at run time.
    Shared(Arc<str>),
}

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Text::Static(s) => s,
            Text::Shared(s) => s,
        }
    }

    /// A copy of `s`, in one allocation (an empty text in none).
    pub fn copy(s: &str) -> Text {
        if s.is_empty() {
            Text::Static("")
        } else {
            Text::Shared(Arc::from(s))
        }
    }

    /// A cookie's name: the site's own cookies (`sid`, `rt`, `lb`) without a copy.
    pub fn cookie_name(name: &str) -> Text {
        match name {
            "sid" => Text::Static("sid"),
            "rt" => Text::Static("rt"),
            "lb" => Text::Static("lb"),
            _ => Text::copy(name),
        }
    }

    /// The parts joined, in one allocation.
    pub fn concat(parts: &[&str]) -> Text {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let mut buf = [0u8; 192];
        if let Some(out) = buf.get_mut(..len) {
            let mut at = 0;
            for p in parts {
                if let Some(dst) = out.get_mut(at..at + p.len()) {
                    dst.copy_from_slice(p.as_bytes());
                }
                at += p.len();
            }
            // Whole `str`s end to end: always UTF-8.
            if let Ok(text) = std::str::from_utf8(out) {
                return Text::Shared(Arc::from(text));
            }
        }
        Text::from(parts.concat())
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Static("")
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Self {
        Text::Static(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        if s.is_empty() {
            Text::Static("")
        } else {
            Text::Shared(s.into())
        }
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Self {
        Text::Shared(s)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_string()
    }
}

/// What a hop carries, kept as it was made and rendered to text on demand.
#[derive(Clone)]
pub(crate) enum Wire {
    /// Text already rendered (store commands, leaks, rare shapes of HTTP).
    Text(Text),
    /// An HTTP request.
    Request(Arc<Request>),
    /// An HTTP request as the balancer forwards it: with `X-Forwarded-For: ip` and
    /// `X-Forwarded-Proto: proto` added last (the request carries neither).
    Forwarded {
        /// The request as the client sent it.
        req: Arc<Request>,
        /// The client's address.
        ip: &'static str,
        /// `https` or `http`.
        proto: &'static str,
    },
    /// An HTTP response.
    Response(Arc<Response>),
}

/// Bytes the balancer's two header lines add to a request.
pub(crate) fn forwarded_extra(ip: &str, proto: &str) -> usize {
    "X-Forwarded-For: \r\n".len() + ip.len() + "X-Forwarded-Proto: \r\n".len() + proto.len()
}

impl Wire {
    fn render(&self) -> Cow<'_, str> {
        match self {
            Wire::Text(t) => Cow::Borrowed(t.as_str()),
            Wire::Request(req) => Cow::Owned(req.raw()),
            Wire::Forwarded { req, ip, proto } => {
                let plain = req.raw();
                let head = plain.len() - req.body.len() - 2;
                let mut raw = String::with_capacity(plain.len() + forwarded_extra(ip, proto));
                for part in [&plain[..head], "X-Forwarded-For: ", ip, "\r\nX-Forwarded-Proto: ", proto, "\r\n\r\n"] {
                    raw.push_str(part);
                }
                raw.push_str(&req.body);
                Cow::Owned(raw)
            }
            Wire::Response(res) => Cow::Owned(res.raw()),
        }
    }
}

impl fmt::Debug for Wire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.render(), f)
    }
}

impl PartialEq for Wire {
    fn eq(&self, other: &Wire) -> bool {
        self.render() == other.render()
    }
}

impl Eq for Wire {}

/// An id or credential shortened for notes (`3f9a…c2a1`, see [`abbreviate`]), kept
/// inline: making or copying one allocates nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Short {
    len: u8,
    buf: [u8; 48],
}

impl Short {
    /// [`abbreviate`]`(s)`.
    pub fn of(s: &str) -> Short {
        let mut short = Short { len: 0, buf: [0; 48] };
        // At most 12 characters whole, or 4 + `…` + 4: never more than 48 bytes.
        for part in abbreviation(s) {
            let at = short.len as usize;
            if let Some(dst) = short.buf.get_mut(at..at + part.len()) {
                dst.copy_from_slice(part.as_bytes());
                short.len += part.len() as u8;
            }
        }
        short
    }

    /// The shortened text.
    pub fn as_str(&self) -> &str {
        self.buf.get(..self.len as usize).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default()
    }
}

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Shortens a long credential for labels: `3f9a…c2a1`.
pub fn abbreviate(s: &str) -> String {
    abbreviation(s).concat()
}

/// [`abbreviate`] in three parts to join: the first 4 characters, `…` and the last 4;
/// or the whole text and two empty parts when it has at most 12 characters.
pub fn abbreviation(s: &str) -> [&str; 3] {
    let n = if s.is_ascii() { s.len() } else { s.chars().count() };
    if n <= 12 {
        return [s, "", ""];
    }
    // Byte offsets of the 4th character and of the 4th from the end.
    let head = s.char_indices().nth(4).map_or(s.len(), |(i, _)| i);
    let tail = s.char_indices().nth(n - 4).map_or(s.len(), |(i, _)| i);
    match (s.get(..head), s.get(tail..)) {
        (Some(h), Some(t)) => [h, "…", t],
        _ => [s, "", ""],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_have_contract_ids() {
        assert_eq!(Actor::Server(1).id(), "B");
        assert_eq!(Actor::Store.id(), "store");
        assert_eq!(server_letter(9), "?");
    }

    #[test]
    fn abbreviation_keeps_both_ends() {
        assert_eq!(abbreviate("3f9a00000000000000c2a1"), "3f9a…c2a1");
        assert_eq!(abbreviate("short"), "short");
        assert_eq!(abbreviate("0123456789abc"), "0123…9abc");
        assert_eq!(abbreviate("0123456789ab"), "0123456789ab");
        assert_eq!(abbreviate("가나다라마바사아자차카타파하"), "가나다라…타파하".replace("…타파하", "…카타파하"));
    }

    #[test]
    fn shorts_are_the_abbreviation() {
        for s in [
            "3f9a00000000000000c2a1",
            "short",
            "",
            "가나다라마바사아자차카타파하",
            "😀😀😀😀😀😀😀😀😀😀😀😀",
            "😀😀😀😀😀😀😀😀😀😀😀😀😀",
        ] {
            assert_eq!(Short::of(s).as_str(), abbreviate(s), "{s}");
        }
    }
}

/// Collects the hops of one exchange, each stamped with the virtual time at which it
/// leaves; the clock inside moves by a fixed latency per link.
#[derive(Debug)]
pub struct Trace {
    /// The exchange id every hop gets.
    pub exchange: u32,
    /// Virtual time of the next hop.
    pub t: Millis,
    /// The hops so far, in order.
    pub hops: Vec<Hop>,
}

/// Latency of one link: the internet (between a browser and the balancer, or anyone and
/// auth.example) is slow, the data centre inside is fast.
pub fn latency(from: Actor, to: Actor) -> Millis {
    match (from, to) {
        (Actor::Browser | Actor::Attacker | Actor::Idp, _) | (_, Actor::Browser | Actor::Attacker | Actor::Idp) => 20,
        _ => 1,
    }
}

impl Trace {
    /// An empty trace for exchange `exchange` starting at `t`.
    pub fn new(exchange: u32, t: Millis) -> Self {
        Trace { exchange, t, hops: Vec::new() }
    }

    /// Appends a hop; its size is the length of `raw`.
    pub fn push(&mut self, from: Actor, to: Actor, kind: HopKind, label: Text, raw: String, note: Option<Note>) {
        let bytes = raw.len();
        self.push_wire(from, to, kind, label, Wire::Text(raw.into()), bytes, note);
    }

    /// Appends a hop carrying `wire`, whose rendered text is `bytes` long; returns its index.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push_wire(
        &mut self,
        from: Actor,
        to: Actor,
        kind: HopKind,
        label: Text,
        wire: Wire,
        bytes: usize,
        note: Option<Note>,
    ) -> usize {
        self.hops.push(Hop { exchange: self.exchange, from, to, kind, label, wire, bytes, at: self.t, note });
        self.t += latency(from, to);
        self.hops.len() - 1
    }

    /// Replaces what hop `index` carries by the same text in another form.
    pub(crate) fn set_wire(&mut self, index: usize, wire: Wire) {
        if let Some(h) = self.hops.get_mut(index) {
            debug_assert_eq!(wire.render().len(), h.bytes, "{:?}", h.label);
            h.wire = wire;
        }
    }

    /// Sum of the hops' bytes.
    pub fn bytes(&self) -> usize {
        self.hops.iter().map(|h| h.bytes).sum()
    }
}
