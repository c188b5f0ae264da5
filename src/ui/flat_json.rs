//! A reader and writer for the one JSON shape the page saves itself: an object whose
//! values matter only when they are strings or whole numbers (the preferences).
//!
//! The reader checks the whole text against the JSON grammar (RFC 8259), nested arrays
//! and objects included, and keeps each member's key with a summary of its value. It
//! exists so the first load of the page does not carry `serde_json` (about 7 KB of
//! gzip) just to read four short fields at start-up; the engine, which needs the full
//! JSON model for tokens and exports, brings `serde_json` when it comes.

/// A member's value, as far as the page cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A string (escapes decoded).
    Str(String),
    /// A non-negative whole number written without fraction or exponent.
    Whole(u64),
    /// `null`.
    Null,
    /// Anything else that is valid JSON (other numbers, booleans, arrays, objects).
    Other,
}

/// Nesting deeper than this is refused (like `serde_json`'s recursion limit).
const MAX_DEPTH: usize = 128;

/// Parses `text` as a JSON object: its members in order (a repeated key appears
/// twice), or `None` when the text is not exactly one JSON object.
pub fn parse_object(text: &str) -> Option<Vec<(String, Value)>> {
    let mut r = Reader { s: text.as_bytes(), i: 0 };
    r.ws();
    let members = r.object_members()?;
    r.ws();
    (r.i == r.s.len()).then_some(members)
}

/// Writes an object of the given members; values are strings, whole numbers or null.
pub fn write_object(members: &[(&str, Value)]) -> String {
    let mut out = String::from("{");
    for (n, (key, value)) in members.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        write_str(&mut out, key);
        out.push(':');
        match value {
            Value::Str(s) => write_str(&mut out, s),
            Value::Whole(n) => out.push_str(&n.to_string()),
            Value::Null | Value::Other => out.push_str("null"),
        }
    }
    out.push('}');
    out
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.i += 1)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// `{ "key": value, … }` at the top level, keeping the members.
    fn object_members(&mut self) -> Option<Vec<(String, Value)>> {
        self.eat(b'{')?;
        let mut members = Vec::new();
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(members);
        }
        loop {
            self.ws();
            let key = self.string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            let value = self.value(1)?;
            members.push((key, value));
            self.ws();
            if self.eat(b',').is_some() {
                continue;
            }
            self.eat(b'}')?;
            return Some(members);
        }
    }

    /// Any JSON value at nesting `depth`, summarised.
    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(Value::Str),
            b'{' => self.container(b'{', b'}', depth, true),
            b'[' => self.container(b'[', b']', depth, false),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null").map(|_| Value::Null),
            _ => self.number(),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<Value> {
        self.s.get(self.i..self.i + word.len()).filter(|w| *w == word)?;
        self.i += word.len();
        Some(Value::Other)
    }

    /// A nested object (`keyed`) or array, checked and skipped.
    fn container(&mut self, open: u8, close: u8, depth: usize, keyed: bool) -> Option<Value> {
        self.eat(open)?;
        self.ws();
        if self.eat(close).is_some() {
            return Some(Value::Other);
        }
        loop {
            self.ws();
            if keyed {
                self.string()?;
                self.ws();
                self.eat(b':')?;
                self.ws();
            }
            self.value(depth + 1)?;
            self.ws();
            if self.eat(b',').is_some() {
                continue;
            }
            self.eat(close)?;
            return Some(Value::Other);
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        let negative = self.eat(b'-').is_some();
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        let int_end = self.i;
        let mut whole = true;
        if self.eat(b'.').is_some() {
            self.peek().filter(u8::is_ascii_digit)?;
            self.digits();
            whole = false;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            self.peek().filter(u8::is_ascii_digit)?;
            self.digits();
            whole = false;
        }
        let digits = std::str::from_utf8(&self.s[start..int_end]).ok()?;
        Some(match digits.parse::<u64>() {
            Ok(n) if whole && !negative => Value::Whole(n),
            _ => Value::Other,
        })
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
    }

    /// A string with its escapes decoded; `None` for a bad escape, a raw control
    /// character, a lone surrogate or a missing end quote.
    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = String::new();
        loop {
            let start = self.i;
            while self.peek().is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20) {
                self.i += 1;
            }
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).ok()?);
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let c = match self.peek()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            self.i += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return None,
                    };
                    self.i += 1;
                    out.push(c);
                }
                _ => return None,
            }
        }
    }

    /// The `XXXX` after `\u` (and a second `\uXXXX` for a surrogate pair).
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            self.eat(b'\\')?;
            self.eat(b'u')?;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return None;
            }
            return char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00));
        }
        char::from_u32(first)
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.s.get(self.i..self.i + 4)?;
        let n = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        if !hex.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        self.i += 4;
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_members_and_summarises_values() {
        let m = parse_object(r#" {"v":1,"lang":"ko","x":[1,{"a":null}],"n":-2,"f":1.5,"e":1e3,"t":true,"z":null} "#);
        let m = m.expect("an object");
        assert_eq!(m[0], ("v".into(), Value::Whole(1)));
        assert_eq!(m[1], ("lang".into(), Value::Str("ko".into())));
        assert_eq!(m[2].1, Value::Other);
        assert_eq!(m[3].1, Value::Other);
        assert_eq!(m[4].1, Value::Other);
        assert_eq!(m[5].1, Value::Other);
        assert_eq!(m[6].1, Value::Other);
        assert_eq!(m[7].1, Value::Null);
    }

    #[test]
    fn refuses_what_is_not_exactly_one_object() {
        for bad in [
            "",
            "{not json",
            "[]",
            "\"s\"",
            "{}x",
            "{\"a\":}",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{'a':1}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":-}",
            "{\"a\":tru}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":[1,]}",
            "{\"a\":{\"b\"}}",
            "{\"a\":\"unterminated}",
        ] {
            assert_eq!(parse_object(bad), None, "{bad:?}");
        }
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parse_object(&deep), None);
    }

    #[test]
    fn decodes_escapes() {
        let m = parse_object(r#"{"k\"":"a\\b\/\n\u00e9\ud83d\ude00"}"#).expect("an object");
        assert_eq!(m, vec![("k\"".into(), Value::Str("a\\b/\né😀".into()))]);
    }

    #[test]
    fn what_it_writes_it_reads_back() {
        let members = [("v", Value::Whole(1)), ("lang", Value::Str("k\"o\\\n\u{1}é".into())), ("theme", Value::Null)];
        let text = write_object(&members);
        let read = parse_object(&text).expect("an object");
        let expected: Vec<(String, Value)> = members.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        assert_eq!(read, expected);
        // and serde_json agrees it is JSON with the same content
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(v["lang"], "k\"o\\\n\u{1}é");
        assert!(v["theme"].is_null());
    }

    #[test]
    fn agrees_with_serde_json_on_what_is_an_object() {
        for text in [
            "{}",
            " { } ",
            "{\"a\":1}",
            "{\"a\":[[],{}]}",
            "{\"a\":0}",
            "{\"a\":-0.0e-0}",
            "{\"a\":1E+2}",
            "[1]",
            "1",
            "{\"a\":\"\\u0041\"}",
            "{\"a\":\"\\uDC00\"}",
            "{\"a\":1}}",
            "{\"a\":1 \"b\":2}",
            "\u{feff}{}",
        ] {
            let ours = parse_object(text).is_some();
            let theirs = matches!(serde_json::from_str::<serde_json::Value>(text), Ok(serde_json::Value::Object(_)));
            assert_eq!(ours, theirs, "{text:?}");
        }
    }
}
