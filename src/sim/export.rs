//! Exports of a run: a HAR 1.2 file of the client's requests (importable in Chrome
//! DevTools' Network panel) and a Mermaid `sequenceDiagram` of every hop.

use super::clock::iso8601;
use super::config::Config;
use super::exchange::Exchange;
use super::hop::{Actor, Hop, HopKind};
use super::http::reason;
use http::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use serde_json::{json, Value};

fn name_values<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<Value> {
    pairs.map(|(n, v)| json!({ "name": n, "value": v })).collect()
}

fn header_list(headers: &http::HeaderMap) -> Vec<Value> {
    headers
        .iter()
        .map(|(n, v)| json!({ "name": super::http::canonical(n.as_str()), "value": String::from_utf8_lossy(v.as_bytes()) }))
        .collect()
}

/// One HAR entry for an exchange.
fn entry(e: &Exchange, config: &Config) -> Value {
    let req = &e.request;
    let res = &e.response;
    let at = super::browser::request_url(config, req);
    let url = format!("{}://{}{}", at.scheme, at.host, req.target);
    let query: Vec<(&str, &str)> = req
        .target
        .split_once('?')
        .map(|(_, q)| q.split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, ""))).collect())
        .unwrap_or_default();
    let req_cookies: Vec<(&str, &str)> =
        req.header(&COOKIE).map(|c| c.split("; ").filter_map(|kv| kv.split_once('=')).collect()).unwrap_or_default();
    let res_cookies: Vec<Value> = res
        .header_values(&SET_COOKIE)
        .filter_map(super::cookie_jar::parse_set_cookie)
        .map(|c| json!({ "name": c.name, "value": c.value, "path": c.path, "httpOnly": c.http_only, "secure": c.secure }))
        .collect();
    let mut request = json!({
        "method": req.method.as_str(),
        "url": url,
        "httpVersion": "HTTP/1.1",
        "cookies": name_values(req_cookies.into_iter()),
        "headers": header_list(&req.headers),
        "queryString": name_values(query.into_iter()),
        "headersSize": req.header_block_size(),
        "bodySize": req.body.len(),
    });
    if !req.body.is_empty() {
        request["postData"] = json!({
            "mimeType": req.header(&CONTENT_TYPE).unwrap_or("application/json"),
            "text": req.body,
        });
    }
    let mime = res.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("application/json");
    let total = (e.finished - e.started) as f64;
    json!({
        "startedDateTime": iso8601(e.started),
        "time": total,
        "request": request,
        "response": {
            "status": res.status.as_u16(),
            "statusText": reason(res.status),
            "httpVersion": "HTTP/1.1",
            "cookies": res_cookies,
            "headers": header_list(&res.headers),
            "content": { "size": res.body.len(), "mimeType": mime, "text": res.body },
            "redirectURL": "",
            "headersSize": res.wire_size() - res.body.len(),
            "bodySize": res.body.len(),
        },
        "cache": {},
        "timings": { "blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 0.0, "wait": total, "receive": 0.0 },
        "connection": e.id.to_string(),
        "comment": e.verdict().map(ToString::to_string).unwrap_or_default(),
        "_server": e.server().map_or("", |s| Actor::Server(s).id()),
        "_actor": e.actor.id(),
    })
}

/// The exchanges as a HAR 1.2 document (pretty JSON).
pub fn har<'a>(exchanges: impl IntoIterator<Item = &'a Exchange>, config: &Config) -> String {
    let doc = json!({
        "log": {
            "version": "1.2",
            "creator": { "name": "Auth Playground", "version": env!("CARGO_PKG_VERSION") },
            "pages": [],
            "entries": exchanges.into_iter().map(|e| entry(e, config)).collect::<Vec<_>>(),
        }
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn participant(a: Actor) -> &'static str {
    match a {
        Actor::Browser => "browser",
        Actor::Attacker => "attacker",
        Actor::Balancer => "balancer",
        Actor::Server(0) => "serverA",
        Actor::Server(1) => "serverB",
        Actor::Server(2) => "serverC",
        Actor::Server(_) => "serverD",
        Actor::Store => "store",
        Actor::Idp => "idp",
    }
}

fn participant_title(a: Actor) -> String {
    match a {
        Actor::Browser => "Browser".into(),
        Actor::Attacker => "Attacker".into(),
        Actor::Balancer => "Load balancer".into(),
        Actor::Server(_) => format!("Server {}", a.id()),
        Actor::Store => "Session store".into(),
        Actor::Idp => "auth.example".into(),
    }
}

/// Text safe inside a Mermaid message or note (no line breaks, `;`, `#`, `:` escapes).
fn mermaid_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\r' | '\n' | ';' => ' ',
            '#' => '№',
            ':' => '∶',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Every hop as a Mermaid `sequenceDiagram`.
pub fn mermaid(hops: &[Hop]) -> String {
    let mut actors: Vec<Actor> = hops.iter().flat_map(|h| [h.from, h.to]).collect();
    actors.sort();
    actors.dedup();
    let mut out = String::from("sequenceDiagram\n");
    for a in &actors {
        out.push_str(&format!("    participant {} as {}\n", participant(*a), participant_title(*a)));
    }
    for h in hops {
        let arrow = match h.kind {
            HopKind::Request | HopKind::StoreCommand => "->>",
            HopKind::Response | HopKind::StoreReply => "-->>",
            HopKind::Leak => "-x",
        };
        out.push_str(&format!(
            "    {}{arrow}{}: {} ({} B)\n",
            participant(h.from),
            participant(h.to),
            mermaid_text(&h.label),
            h.bytes
        ));
        if let Some(note) = &h.note {
            out.push_str(&format!("    Note over {}: {}\n", participant(h.to), mermaid_text(&note.to_string())));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::config::AuthMode;
    use crate::sim::{Action, World};

    fn world() -> World {
        let mut w = World::new(1, Config { mode: AuthMode::Session, ..Config::default() });
        w.apply(Action::Login { username: "alice".into(), password: "wonderland".into() });
        w.apply(Action::Me);
        w
    }

    #[test]
    fn har_has_one_entry_per_exchange_with_real_headers_and_sizes() {
        let w = world();
        let v: Value = serde_json::from_str(&har(&w.exchanges, &w.config)).unwrap();
        let entries = v["log"]["entries"].as_array().unwrap();
        assert_eq!(v["log"]["version"], "1.2");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0]["request"]["method"], "POST");
        assert_eq!(entries[0]["response"]["cookies"][0]["name"], "sid");
        assert_eq!(entries[1]["request"]["cookies"][0]["name"], "sid");
        assert_eq!(entries[1]["request"]["url"], "https://playground.example/me");
        let e = &w.exchanges[1];
        assert_eq!(entries[1]["request"]["headersSize"], e.request.wire_size());
        assert_eq!(
            entries[1]["response"]["headersSize"].as_u64().unwrap()
                + entries[1]["response"]["bodySize"].as_u64().unwrap(),
            e.response.wire_size() as u64
        );
        assert!(entries[1]["startedDateTime"].as_str().unwrap().starts_with("2026-03-02T00:00:00"));
    }

    #[test]
    fn mermaid_lists_participants_and_one_message_per_hop() {
        let w = world();
        let hops: Vec<Hop> = w.exchanges.iter().flat_map(|e| e.hops.clone()).collect();
        let text = mermaid(&hops);
        assert!(text.starts_with("sequenceDiagram\n"));
        assert!(text.contains("participant browser as Browser"));
        assert_eq!(text.lines().filter(|l| l.contains("->>")).count(), hops.len());
        assert_eq!(text.lines().filter(|l| l.contains("-->>")).count(), hops.len() / 2);
        assert!(text.contains("browser->>balancer: POST /login"));
        assert!(!text.contains("\r"));
    }
}
