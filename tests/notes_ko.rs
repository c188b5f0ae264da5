//! Every English text the simulation can put on the page has a Korean version: the
//! world is driven through all twelve tours and a long list of extra actions (bad
//! logins, 404/405/413/431, crafted JWTs, http, cross-site posts, refresh reuse,
//! restarts, key rotation, revocation, XSS and sniffing, expiry), every string the
//! page would show is collected, and each must come out of `localize(Ko, …)` with
//! Hangul in it and no English sentence left over.

use auth_playground::sim::attacker::{Credential, Loot, Source};
use auth_playground::sim::browser::{PageView, TOKEN_KEY};
use auth_playground::sim::clock::{DAY, HOUR, MINUTE, SECOND};
use auth_playground::sim::config::{AuthMode, Config, LbPolicy, StoreMode, Transport};
use auth_playground::sim::cookie_jar::{
    CookieJar, NotSent, ParseError, Rejected, RequestContext, SiteUrl, StoreOutcome,
};
use auth_playground::sim::hop::Hop;
use auth_playground::sim::refresh::RefreshError;
use auth_playground::sim::scenario::{self, all, run_step, twin_at, world_at, Move};
use auth_playground::sim::session::Miss;
use auth_playground::sim::token::{self, Part, Rejection, TokenError};
use auth_playground::sim::users::LoginError;
use auth_playground::sim::{Action, World};
use auth_playground::ui::i18n::notes::localize;
use auth_playground::ui::i18n::Lang;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use http::Method;
use std::collections::BTreeSet;

/// Every distinct text seen.
#[derive(Default)]
struct Seen(BTreeSet<String>);

impl Seen {
    fn add(&mut self, s: &str) {
        if !s.trim().is_empty() {
            self.0.insert(s.to_string());
        }
    }

    fn hops(&mut self, hops: &[Hop]) {
        for h in hops {
            self.add(&h.note);
        }
    }

    /// What the page shows of a world: notes, the page, logs, the attacker, the JWT
    /// inspector's verdict on the stored token.
    fn world(&mut self, w: &World) {
        for n in &w.browser.notes {
            self.add(n);
        }
        if let PageView::Error { message, .. } = &w.browser.page {
            self.add(message);
        }
        for s in &w.servers {
            for l in &s.log {
                self.add(l);
            }
        }
        for e in &w.exchanges {
            self.hops(&e.hops);
        }
        if let Some(a) = &w.attacker.last_attempt {
            self.add(a);
        }
        if let Some(r) = &w.attacker.last_replay {
            self.add(&r.message);
            self.add(&r.used);
        }
        for l in &w.attacker.loot {
            self.add(&l.credential.describe());
        }
        if let Some(t) = w.browser.local_storage.get(TOKEN_KEY) {
            self.token(w, t);
        }
    }

    /// The JWT inspector on `t`: server A's verdict and the problems list.
    fn token(&mut self, w: &World, t: &str) {
        let deny = |jti: &str| w.config.denylist && w.db.denylist.contains_key(jti);
        if let Some(server) = w.servers.first() {
            if let Err(e) = token::verify(t, &server.keys, w.clock.now_secs(), &deny) {
                self.add(&e.to_string());
            }
        }
        for p in token::inspect(t).problems {
            self.add(&p);
        }
    }
}

/// Applies `action`, recording everything it shows.
fn act(w: &mut World, seen: &mut Seen, action: Action) {
    let hops = w.apply(action);
    seen.hops(&hops);
    seen.world(w);
}

fn login(w: &mut World, seen: &mut Seen, user: &str, password: &str) {
    act(w, seen, Action::Login { username: user.into(), password: password.into() });
}

fn custom(w: &mut World, seen: &mut Seen, method: Method, target: &str, body: &str, headers: &[(&str, &str)]) {
    let headers = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    act(w, seen, Action::Custom { method, target: target.into(), body: body.into(), headers });
}

fn send(w: &mut World, seen: &mut Seen, t: &str) {
    seen.token(w, t);
    act(w, seen, Action::SendToken { token: t.into() });
}

fn world(mode: AuthMode, servers: u8) -> World {
    World::new(scenario::DEFAULT_SEED, Config { mode, servers, ..Config::default() })
}

fn b64(s: &str) -> String {
    URL_SAFE_NO_PAD.encode(s.as_bytes())
}

fn sid_of(w: &World) -> Option<String> {
    w.browser.jar.iter().find(|c| c.name == "sid").map(|c| c.value.clone())
}

fn rt_of(w: &World) -> Option<String> {
    w.browser.jar.iter().find(|c| c.name == "rt").map(|c| c.value.clone())
}

fn stored_token(w: &World) -> String {
    w.browser.local_storage.get(TOKEN_KEY).cloned().expect("a token after login")
}

/// The twelve tours (and the twin worlds), every step.
fn tours(seen: &mut Seen) {
    for s in all() {
        let starts = [Some(world_at(&s, 0, scenario::DEFAULT_SEED)), twin_at(&s, 0, scenario::DEFAULT_SEED)];
        for (mut w, hops) in starts.into_iter().flatten() {
            seen.hops(&hops);
            seen.world(&w);
            for step in s.steps.iter().skip(1) {
                let hops = run_step(&mut w, step);
                seen.hops(&hops);
                seen.world(&w);
            }
        }
    }
}

/// Moves of a tour that cannot run (their reasons land in the browser's notes).
fn unresolvable_moves(seen: &mut Seen) {
    let mut w = world(AuthMode::Token, 1);
    for m in [
        Move::RevokeBrowserSession,
        Move::DenylistStolenToken,
        Move::SendTamperedToken { role: "admin" },
        Move::ReuseOldRefreshToken,
    ] {
        if let Err(e) = m.resolve(&w) {
            seen.add(&e);
        }
    }
    w.attacker.take(Loot { source: Source::Xss, credential: Credential::Bearer("not-a-jwt".into()) });
    if let Err(e) = Move::DenylistStolenToken.resolve(&w) {
        seen.add(&e);
    }
    w.browser.local_storage.insert(TOKEN_KEY.into(), "a.%%%.c".into());
    if let Err(e) = (Move::SendTamperedToken { role: "admin" }).resolve(&w) {
        seen.add(&e);
    }
    w.browser.local_storage.insert(TOKEN_KEY.into(), "a.e30".into());
    if let Err(e) = (Move::SendTamperedToken { role: "admin" }).resolve(&w) {
        seen.add(&e);
    }
}

fn stateless(seen: &mut Seen) {
    let mut w = world(AuthMode::Stateless, 2);
    act(&mut w, seen, Action::Visit);
    act(&mut w, seen, Action::QuoteFlight { to: "jeju".into() });
    act(&mut w, seen, Action::BuyFlight { count: 2 });
    login(&mut w, seen, "alice", "wonderland");
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::Logout);
    act(&mut w, seen, Action::Refresh);
    act(&mut w, seen, Action::SetTransport(Transport::Http));
    act(&mut w, seen, Action::StealSniff);
    act(&mut w, seen, Action::StealXss);
    act(&mut w, seen, Action::Replay);
}

fn sessions(seen: &mut Seen) {
    // memory store, two servers, round robin
    let mut w = world(AuthMode::Session, 2);
    act(&mut w, seen, Action::Replay);
    act(&mut w, seen, Action::StealXss);
    act(&mut w, seen, Action::Visit);
    login(&mut w, seen, "alice", "nope");
    login(&mut w, seen, "mallory", "x");
    act(&mut w, seen, Action::QuoteFlight { to: "jeju".into() });
    act(&mut w, seen, Action::QuoteFlight { to: "jeju".into() });
    act(&mut w, seen, Action::QuoteFlight { to: "mars".into() });
    act(&mut w, seen, Action::Visit);
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::Me);
    login(&mut w, seen, "alice", "wonderland");
    for _ in 0..3 {
        act(&mut w, seen, Action::Me);
        act(&mut w, seen, Action::Admin);
        act(&mut w, seen, Action::BuyFlight { count: 2 });
    }
    act(&mut w, seen, Action::BuyFlight { count: 0 });
    act(&mut w, seen, Action::CrossSite);
    act(&mut w, seen, Action::StealXss);
    act(&mut w, seen, Action::StealSniff);
    act(&mut w, seen, Action::Refresh);
    act(&mut w, seen, Action::SendToken { token: "abc".into() });
    // bad requests
    custom(&mut w, seen, Method::GET, "/nope", "", &[]);
    custom(&mut w, seen, Method::DELETE, "/me", "", &[]);
    custom(&mut w, seen, Method::POST, "/login", &format!("{{\"x\":\"{}\"}}", "a".repeat(20_000)), &[]);
    custom(&mut w, seen, Method::GET, "/me", "", &[("x-big", &"b".repeat(9_000))]);
    for body in [
        "not json",
        "",
        "{}",
        "{\"count\":\"x\"}",
        "{\"count\":-1}",
        "{\"count\":1} x",
        "{\"count\":",
        "{\"count\" 1}",
        "{\"count\":1,}",
        "[1,2",
        "{\"count\":1e999}",
        "{1:2}",
        "{\"count\":\"\\q\"}",
        "{\"count\":1",
        "{\"count\":\"ab",
        "[1",
        "[1 2]",
        "{\"count\":1 \"to\":\"jeju\"}",
        "{\"count\":}",
        "{\"count\":01}",
        "{\"count\":1.5}",
        "{\"count\":1,\"count\":2}",
        "[1,\"jeju\",3]",
    ] {
        custom(&mut w, seen, Method::POST, "/flights/buy", body, &[]);
        custom(&mut w, seen, Method::POST, "/login", body, &[]);
    }
    custom(&mut w, seen, Method::GET, "/me", "", &[("bad header", "x")]);
    custom(&mut w, seen, Method::GET, "/me", "", &[("x-note", "line\nbreak")]);
    act(&mut w, seen, Action::SendToken { token: "a\nb".into() });
    custom(&mut w, seen, Method::GET, "/me", "", &[("cookie", "sid=0123456789abcdef0123456789abcdef")]);
    // forced logout, restart, expiry
    if let Some(sid) = sid_of(&w) {
        act(&mut w, seen, Action::RevokeSession { sid });
    }
    act(&mut w, seen, Action::RevokeSession { sid: "ffffffffffffffffffffffffffffffff".into() });
    act(&mut w, seen, Action::Me);
    login(&mut w, seen, "bob", "builder");
    act(&mut w, seen, Action::Admin);
    act(&mut w, seen, Action::RestartServer(0));
    act(&mut w, seen, Action::RestartServer(1));
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::Logout);
    act(&mut w, seen, Action::Logout);
    login(&mut w, seen, "alice", "wonderland");
    act(&mut w, seen, Action::Advance(20 * MINUTE));
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::Advance(9 * HOUR));
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::SimulateUsers(5));

    // over http: Secure cookies stay home, a plain-http cookie cannot replace them
    let mut w = world(AuthMode::Session, 1);
    login(&mut w, seen, "alice", "wonderland");
    act(&mut w, seen, Action::SetTransport(Transport::Http));
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::StealSniff);
    login(&mut w, seen, "alice", "wonderland");
    act(&mut w, seen, Action::StealSniff);
    act(&mut w, seen, Action::Replay);
    let mut w = world(AuthMode::Session, 1);
    act(&mut w, seen, Action::SetTransport(Transport::Http));
    act(&mut w, seen, Action::StealSniff);
    login(&mut w, seen, "alice", "wonderland");
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::StealSniff);
    act(&mut w, seen, Action::Replay);
    act(&mut w, seen, Action::Visit);
    act(&mut w, seen, Action::StealSniff);

    // sticky and random balancers, shared and replicated stores
    for (lb, store) in [
        (LbPolicy::Sticky, StoreMode::Shared),
        (LbPolicy::Random, StoreMode::Replicated),
        (LbPolicy::RoundRobin, StoreMode::Shared),
    ] {
        let mut w = world(AuthMode::Session, 3);
        act(&mut w, seen, Action::SetLb(lb));
        act(&mut w, seen, Action::SetStore(store));
        act(&mut w, seen, Action::Visit);
        act(&mut w, seen, Action::QuoteFlight { to: "busan".into() });
        login(&mut w, seen, "alice", "wonderland");
        act(&mut w, seen, Action::Me);
        act(&mut w, seen, Action::Advance(2 * MINUTE));
        act(&mut w, seen, Action::Me);
        act(&mut w, seen, Action::BuyFlight { count: 1 });
        act(&mut w, seen, Action::Logout);
        act(&mut w, seen, Action::Me);
        custom(&mut w, seen, Method::GET, "/me", "", &[("cookie", "sid=0123456789abcdef0123456789abcdef; lb=Z")]);
        custom(&mut w, seen, Method::POST, "/logout", "{}", &[("cookie", "sid=0123456789abcdef0123456789abcdef")]);
        act(&mut w, seen, Action::SetServers(4));
        act(&mut w, seen, Action::SetServers(1));
        act(&mut w, seen, Action::Visit);
    }
}

/// A token signed with `w`'s current key (header and payload exactly as given).
fn signed(w: &World, header: &str, payload: &str) -> String {
    let key = &w.servers[0].keys.current;
    let input = format!("{}.{}", b64(header), b64(payload));
    let sig = token::sign_hs256(&input, &key.secret).expect("sign");
    format!("{input}.{sig}")
}

fn tokens(seen: &mut Seen) {
    let mut w = world(AuthMode::Token, 2);
    act(&mut w, seen, Action::Me);
    custom(&mut w, seen, Method::GET, "/me", "", &[("authorization", "Basic YWxpY2U6d29uZGVybGFuZA==")]);
    act(&mut w, seen, Action::Refresh);
    custom(&mut w, seen, Method::POST, "/token/refresh", "{}", &[("cookie", "rt=nonsense")]);
    act(&mut w, seen, Action::Logout);
    login(&mut w, seen, "alice", "wonderland");
    act(&mut w, seen, Action::QuoteFlight { to: "tokyo".into() });
    act(&mut w, seen, Action::BuyFlight { count: 3 });
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::Admin);
    act(&mut w, seen, Action::CrossSite);
    act(&mut w, seen, Action::StealXss);
    act(&mut w, seen, Action::StealSniff);
    act(&mut w, seen, Action::Replay);

    let t = stored_token(&w);
    let kid = w.servers[0].keys.current.kid.clone();
    let now = w.clock.now_secs();
    let parts: Vec<String> = t.split('.').map(str::to_string).collect();
    let (h, p, s) = (parts[0].clone(), parts[1].clone(), parts[2].clone());
    let hdr = format!(r#"{{"alg":"HS256","typ":"JWT","kid":"{kid}"}}"#);
    let claims = |extra: &str| {
        format!(r#"{{"sub":"alice","name":"alice","role":"user","iat":{now},"exp":{},"jti":"j-1"{extra}}}"#, now + 900)
    };
    let with_header = |header: &str| format!("{}.{p}.{s}", b64(header));
    let crafted: Vec<String> = vec![
        String::new(),
        "A".repeat(9_000),
        format!("{h} .{p}.{s}"),
        "abc".into(),
        format!("{h}.{p}"),
        format!("{h}.{p}.{s}.x"),
        format!("{h}.{p}.{s}.x.y"),
        format!("{h}.{p}.{s}.x.y.z"),
        format!("{h}=.{p}.{s}"),
        format!("{h}+.{p}.{s}"),
        format!("A.{p}.{s}"),
        format!("AB.{p}.{s}"),
        format!("{}.{p}.{s}", b64("hello")),
        with_header("[1,2]"),
        with_header(r#"{"alg":"HS256","alg":"none"}"#),
        with_header(r#"{"typ":"JWT"}"#),
        with_header(r#"{"alg":"none","typ":"JWT"}"#),
        with_header(r#"{"alg":"HS512","typ":"JWT"}"#),
        with_header(r#"{"alg":"HS256","crit":["exp"]}"#),
        with_header(r#"{"alg":"HS256","typ":"at+jwt"}"#),
        with_header(r#"{"alg":"HS256","kid":5}"#),
        with_header(r#"{"alg":"HS256","kid":"../../dev/null"}"#),
        format!("{}.{p}.{s}", b64(&format!(r#"{{"alg":"HS256","kid":"{kid}","jwk":5}}"#))),
        format!("{}.{p}.{s}", b64(&format!(r#"{{"alg":"HS256","kid":"{kid}","x5c":"nope"}}"#))),
        format!("{h}.{p}."),
        format!("{h}.{p}.{}", &s[..20]),
        format!("{h}.{}.{s}", b64("not json")),
        format!("{h}.{}.{s}", b64("[1]")),
        format!("{h}.{}.{s}", b64(r#"{"sub":"a","sub":"b"}"#)),
        token::tamper_payload(&t, &claims("").replace("\"user\"", "\"admin\"")).expect("tamper"),
        signed(&w, &hdr, r#"{"sub":"alice","name":"alice","role":"user","iat":1,"exp":2}"#),
        signed(&w, &hdr, r#"{"name":"alice","role":"user","iat":1,"exp":2,"jti":"x"}"#),
        signed(&w, &hdr, &claims("").replace("\"sub\":\"alice\"", "\"sub\":5")),
        signed(&w, &hdr, &claims("").replace(&format!("\"iat\":{now}"), "\"iat\":\"soon\"")),
        signed(&w, &hdr, &claims(",\"nbf\":\"later\"")),
        signed(&w, &hdr, &claims(&format!(",\"nbf\":{}", now + 3_700))),
        signed(&w, &hdr, &claims("").replace(&format!("\"iat\":{now}"), &format!("\"iat\":{}", now + 600))),
        signed(&w, &hdr, &claims("").replace(&format!("\"exp\":{}", now + 900), &format!("\"exp\":{}", now - 30))),
        signed(&w, &hdr, &claims("").replace(&format!("\"exp\":{}", now + 900), &format!("\"exp\":{}", now - 4_000))),
        signed(&w, &hdr, &claims("").replace(&format!("\"exp\":{}", now + 900), "\"exp\":1e40")),
        signed(&w, r#"{"alg":"HS256"}"#, &claims("")),
        t.clone(),
    ];
    for c in &crafted {
        send(&mut w, seen, c);
    }
    // the stored token ages, gets denylisted, outlives its key
    act(&mut w, seen, Action::RevokeToken { jti: "j-1".into() });
    let denied = signed(&w, &hdr, &claims(""));
    send(&mut w, seen, &denied);
    act(&mut w, seen, Action::SetDenylist(false));
    act(&mut w, seen, Action::RotateKey { server: Some(0), graceful: true });
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::RotateKey { server: Some(1), graceful: false });
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::RotateKey { server: None, graceful: false });
    act(&mut w, seen, Action::Me);
    login(&mut w, seen, "alice", "wonderland");
    act(&mut w, seen, Action::Advance(20 * MINUTE));
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::Refresh);
    act(&mut w, seen, Action::Me);
    // refresh reuse: a thief presents the token that was already exchanged
    if let Ok(a) = Move::ReuseOldRefreshToken.resolve(&w) {
        act(&mut w, seen, a);
    }
    act(&mut w, seen, Action::Refresh);
    // logout with and without the denylist
    login(&mut w, seen, "bob", "builder");
    act(&mut w, seen, Action::Admin);
    act(&mut w, seen, Action::Logout);
    act(&mut w, seen, Action::Refresh);
    login(&mut w, seen, "bob", "builder");
    act(&mut w, seen, Action::SetDenylist(true));
    act(&mut w, seen, Action::Logout);
    // an expired refresh token
    login(&mut w, seen, "alice", "wonderland");
    let rt = rt_of(&w).expect("rt cookie");
    act(&mut w, seen, Action::Advance(8 * DAY));
    custom(&mut w, seen, Method::POST, "/token/refresh", "{}", &[("cookie", &format!("rt={rt}"))]);
    // http: sniff a token in flight, replay it
    act(&mut w, seen, Action::SetTransport(Transport::Http));
    login(&mut w, seen, "alice", "wonderland");
    act(&mut w, seen, Action::StealSniff);
    act(&mut w, seen, Action::Replay);
    act(&mut w, seen, Action::Me);
    act(&mut w, seen, Action::StealSniff);
    act(&mut w, seen, Action::SimulateUsers(5));
}

/// The cookie jar on its own: every reason a cookie is stored, refused or not sent,
/// in the words the browser notes use.
fn cookie_jar(seen: &mut Seen) {
    let https = SiteUrl::parse("https://playground.example/").expect("url");
    let http = SiteUrl::parse("http://playground.example/").expect("url");
    let mut jar = CookieJar::new();
    let now = 1_700_000_000_000;
    for (header, url, script) in [
        ("a=1; Secure; HttpOnly; SameSite=Strict", &https, false),
        ("a=2; Secure; HttpOnly; SameSite=Strict", &https, false),
        ("b=1; Max-Age=0", &https, false),
        ("a=; Max-Age=0; Secure", &https, false),
        ("", &https, false),
        ("novalue", &https, false),
        ("=x", &https, false),
        ("c=1; Domain=other.example", &https, false),
        ("c=1; Domain=example", &https, false),
        ("s=1; Secure", &http, false),
        ("s=1; Secure", &https, false),
        ("s=2", &http, false),
        ("h=1; HttpOnly", &https, true),
        ("h=1; HttpOnly", &https, false),
        ("h=2", &https, true),
        ("n=1; SameSite=None", &https, false),
        ("__Secure-x=1", &https, false),
        ("__Host-x=1; Secure; Path=/; Domain=playground.example", &https, false),
    ] {
        let name = header.split('=').next().unwrap_or("").trim().to_string();
        match jar.store(header, url, now, script) {
            Ok(o) => seen.add(&format!("cookie {name}: {o}")),
            Err(e) => seen.add(&format!("cookie {name} rejected: {e}")),
        }
    }
    let big = format!("big={}", "x".repeat(5_000));
    if let Err(e) = jar.store(&big, &https, now, false) {
        seen.add(&format!("cookie big rejected: {e}"));
    }
    for e in [ParseError::Empty, ParseError::NoEquals, ParseError::EmptyName, ParseError::TooLarge { size: 5_000 }] {
        seen.add(&format!("cookie x rejected: {}", Rejected::Unparsable(e)));
    }
    for o in [StoreOutcome::Stored, StoreOutcome::Replaced, StoreOutcome::Deleted, StoreOutcome::AlreadyExpired] {
        seen.add(&format!("cookie x: {o}"));
    }
    for r in [
        Rejected::DomainMismatch { domain: "other.example".into(), host: "playground.example".into() },
        Rejected::PublicSuffix { domain: "co.uk".into() },
        Rejected::SecureFromInsecure,
        Rejected::OverwriteSecureFromInsecure { name: "sid".into() },
        Rejected::HttpOnlyFromScript,
        Rejected::OverwriteHttpOnlyFromScript { name: "sid".into() },
        Rejected::SameSiteNoneWithoutSecure,
        Rejected::SecurePrefix,
        Rejected::HostPrefix,
    ] {
        seen.add(&format!("cookie x rejected: {r}"));
    }
    let cross = RequestContext::cross_site(false, false);
    let other = SiteUrl::parse("https://other.example/deep").expect("url");
    for c in jar.iter() {
        for (url, ctx) in [(&https, &cross), (&http, &RequestContext::same_site()), (&other, &RequestContext::script())]
        {
            if let Err(why) = jar.why_sent(c, url, now, ctx) {
                seen.add(&format!("{} not sent: {why}", c.name));
            }
        }
    }
    for n in [
        NotSent::HostOnly { cookie_host: "a.example".into(), request_host: "b.example".into() },
        NotSent::DomainMismatch { cookie_domain: "a.example".into(), request_host: "b.example".into() },
        NotSent::PathMismatch { cookie_path: "/token".into(), request_path: "/me".into() },
        NotSent::Expired { ago: 10 },
        NotSent::Expired { ago: 42 * SECOND },
        NotSent::Expired { ago: 3 * MINUTE },
        NotSent::Expired { ago: 5 * HOUR },
        NotSent::Expired { ago: DAY },
        NotSent::Expired { ago: 2 * DAY },
        NotSent::SecureOverHttp,
        NotSent::HttpOnlyFromScript,
        NotSent::SameSiteStrict,
        NotSent::SameSiteLax { by_default: false },
        NotSent::SameSiteLax { by_default: true },
        NotSent::SameSiteNoneInsecure,
    ] {
        seen.add(&format!("rt not sent: {n}"));
        seen.add(&n.to_string());
    }
}

/// Every reason type's every variant, as the server and inspector word it.
fn reasons(seen: &mut Seen) {
    let rejections = [
        Rejection::Empty,
        Rejection::TooLarge { len: 9_000 },
        Rejection::BadCharacters { at: 3, ch: ' ' },
        Rejection::TooFewSegments { found: 1 },
        Rejection::TooManySegments { found: 4 },
        Rejection::EncryptedJwe,
        Rejection::Base64Padding { part: Part::Payload },
        Rejection::BadBase64 { part: Part::Signature, detail: "Invalid padding".into() },
        Rejection::HeaderNotJson,
        Rejection::HeaderNotObject,
        Rejection::DuplicateHeaderParam { name: "alg".into() },
        Rejection::AlgMissing,
        Rejection::AlgNone { alg: "nOnE".into() },
        Rejection::AlgNotAllowed { alg: "RS256".into() },
        Rejection::CritHeader,
        Rejection::BadTyp { typ: "\"at+jwt\"".into() },
        Rejection::KidNotString,
        Rejection::UnknownKid { kid: "k9".into() },
        Rejection::BadHeader { detail: "invalid type: integer `5`, expected struct Jwk at line 1 column 30".into() },
        Rejection::SignatureMissing,
        Rejection::SignatureLength { len: 15 },
        Rejection::PayloadNotJson,
        Rejection::PayloadNotObject,
        Rejection::DuplicateClaim { name: "role".into() },
        Rejection::BadSignature,
        Rejection::MissingClaim { name: "jti" },
        Rejection::ClaimType { name: "exp", expected: "an integer number of seconds since 1970" },
        Rejection::ClaimType { name: "sub", expected: "a string" },
        Rejection::ClaimsInvalid { detail: "JSON error: missing field `sub` at line 1 column 2".into() },
        Rejection::Expired { ago: 0 },
        Rejection::Expired { ago: 125 },
        Rejection::Expired { ago: 3_725 },
        Rejection::NotYetValid { in_secs: 61 },
        Rejection::IssuedInFuture { by: 600 },
        Rejection::Revoked { jti: "Zm9vYmFyYmF6cXV4".into() },
        Rejection::Internal { detail: "InvalidKeyFormat".into() },
    ];
    for r in rejections {
        seen.add(&r.to_string());
        seen.add(&format!("token rejected on A: {r}"));
        seen.add(&format!("not logged in: token rejected on B: {r}"));
    }
    for e in [
        RefreshError::Missing,
        RefreshError::Unknown,
        RefreshError::Expired,
        RefreshError::Reused,
        RefreshError::FamilyRevoked,
    ] {
        seen.add(&e.to_string());
        seen.add(&format!("POST /token/refresh → 401 ({e})"));
    }
    for m in [Miss::Unknown, Miss::IdleExpired, Miss::AbsoluteExpired] {
        seen.add(m.reason());
        seen.add(&format!("sid 3f2a…c8d1: {} on C", m.reason()));
        seen.add(&format!("not logged in: sid 3f2a…c8d1: {} on C", m.reason()));
    }
    seen.add(&LoginError::BadCredentials.to_string());
    seen.add(&format!("could not sign: {}", TokenError::Signing("InvalidKeyFormat".into())));
    seen.add(&format!("could not sign: {}", TokenError::TooLarge { len: 9_000 }));
    let bad = token::inspect("%%%.@@@");
    for e in [bad.header, bad.payload].into_iter().filter_map(Result::err) {
        seen.add(&e);
    }
    seen.add(&token::inspect("abc").payload.expect_err("no payload"));
    seen.add(&token::inspect("e30.aGVsbG8.x").payload.expect_err("not JSON"));
    for r in [token::tamper_payload("a.b", "{}"), token::tamper_header("a.b.c.d", "{}")] {
        seen.add(&r.expect_err("not 3 parts"));
    }
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Lower-case English words that are names, ids or technical terms, not prose.
const ALLOWED: &[&str] = &[
    "sid", "jti", "exp", "nbf", "iat", "kid", "typ", "alg", "crit", "sub", "rt", "lb", "alice", "bob", "mallory",
    "user", "admin", "jeju", "busan", "tokyo", "http", "https", "none", "x", "a", "b", "c",
];

/// The first run of three or more consecutive lower-case English words, if any.
fn leftover_english(s: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    for token in s.split(char::is_whitespace) {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        let english = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase()) && !ALLOWED.contains(&word);
        if english {
            run.push(word);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

#[test]
fn every_simulation_text_has_korean() {
    let mut seen = Seen::default();
    tours(&mut seen);
    unresolvable_moves(&mut seen);
    stateless(&mut seen);
    sessions(&mut seen);
    tokens(&mut seen);
    cookie_jar(&mut seen);
    reasons(&mut seen);

    // NOTES_KO_DUMP=1 cargo test --test notes_ko -- --nocapture: every pair, for review
    let dump = std::env::var_os("NOTES_KO_DUMP").is_some();
    let mut bad = Vec::new();
    for s in &seen.0 {
        assert_eq!(localize(Lang::En, s), *s, "English must be unchanged");
        let ko = localize(Lang::Ko, s);
        if dump {
            println!("{s}\n  → {ko}");
        }
        let problem = if !ko.chars().any(is_hangul) {
            Some("no Hangul".to_string())
        } else {
            leftover_english(&ko).map(|run| format!("English left: \"{run}\""))
        };
        if let Some(p) = problem {
            bad.push(format!("- {p}\n    en: {s}\n    ko: {ko}"));
        }
    }
    println!("{} distinct texts checked", seen.0.len());
    assert!(seen.0.len() > 300, "only {} texts collected", seen.0.len());
    assert!(bad.is_empty(), "{} of {} texts not translated:\n{}", bad.len(), seen.0.len(), bad.join("\n"));
}

#[test]
fn the_tours_show_the_expected_korean() {
    let ko = |s: &str| localize(Lang::Ko, s);
    assert_eq!(ko("wrong username or password"), "아이디 또는 비밀번호가 틀렸어요");
    assert_eq!(ko("admins only: alice is a user"), "관리자만 볼 수 있어요 (alice의 역할: user)");
    assert_eq!(
        ko("sid not sent: SameSite=Lax: cross-site request that is not a top-level GET navigation"),
        "쿠키 sid 안 보냄: SameSite=Lax: 최상위 GET 이동이 아닌 크로스 사이트 요청"
    );
    assert_eq!(ko("Cookie attached by the browser: sid"), "브라우저가 붙인 쿠키: sid");
}
