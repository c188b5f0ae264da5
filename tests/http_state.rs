//! The IETF http-state test vectors (as run by tough-cookie) against the jar.

use auth_playground::sim::cookie_jar::{
    format_http_date, parse_cookie_date, CookieJar, Millis, RequestContext, SiteUrl,
};
use serde_json::Value;

/// Where the vendored test data lives (see `tests/data/http-state/README.md`).
const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/http-state");

/// "Now" for the suite: 2026-11-27T00:00:00Z.
const NOW: Millis = 1_795_737_600_000;

fn load(file: &str) -> Vec<Value> {
    let path = format!("{DATA_DIR}/{file}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {path}: {e}"));
    json.as_array().unwrap_or_else(|| panic!("{path} is not a JSON array")).clone()
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("missing string {key:?} in {v}")).to_string()
}

#[test]
fn parser_cases() {
    let cases = load("parser.json");
    assert_eq!(cases.len(), 222, "parser.json case count");
    let mut failures = Vec::new();
    for case in &cases {
        let id = text(case, "test");
        let from =
            SiteUrl::parse(&format!("http://home.example.org/cookie-parser?{id}")).expect("sent-from URL parses");
        let to = match case.get("sent-to").and_then(Value::as_str) {
            Some(t) if t.starts_with('/') => format!("http://home.example.org{t}"),
            Some(t) => t.to_string(),
            None => format!("http://home.example.org/cookie-parser-result?{id}"),
        };
        let to = SiteUrl::parse(&to).expect("sent-to URL parses");

        let mut jar = CookieJar::new();
        let received = case.get("received").and_then(Value::as_array).expect("received");
        for header in received {
            let header = header.as_str().expect("received header is a string");
            let _ = jar.store(header, &from, NOW, false);
        }
        let got: Vec<(String, String)> =
            jar.cookies_for(&to, NOW, &RequestContext::same_site()).into_iter().map(|c| (c.name, c.value)).collect();
        let expected: Vec<(String, String)> = case
            .get("sent")
            .and_then(Value::as_array)
            .expect("sent")
            .iter()
            .map(|c| (text(c, "name"), text(c, "value")))
            .collect();
        if got != expected {
            failures.push(format!("{id}: got {got:?}, expected {expected:?}"));
        }
    }
    println!("parser.json: {} of {} passed", cases.len() - failures.len(), cases.len());
    assert!(failures.is_empty(), "{} parser.json case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

fn date_cases(file: &str, count: usize) {
    let cases = load(file);
    assert_eq!(cases.len(), count, "{file} case count");
    let mut failures = Vec::new();
    for case in &cases {
        let input = text(case, "test");
        let expected = case.get("expected").and_then(Value::as_str);
        let got = parse_cookie_date(&input).map(format_http_date);
        if got.as_deref() != expected {
            failures.push(format!("{input:?}: got {got:?}, expected {expected:?}"));
        }
    }
    println!("{file}: {} of {} passed", cases.len() - failures.len(), cases.len());
    assert!(failures.is_empty(), "{} {file} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn date_examples() {
    date_cases("examples.json", 15);
}

#[test]
fn date_bsd_examples() {
    date_cases("bsd-examples.json", 55);
}
