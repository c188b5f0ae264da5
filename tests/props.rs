//! Property tests of the simulated world: random action sequences against random
//! configurations, with the security and accounting invariants checked after every
//! step; and parsers fed arbitrary input never panic.
//!
//! `PROPTEST_CASES=5000 cargo test --test props` runs more cases (default 256).

use auth_playground::sim::attacker::{Credential, Source};
use auth_playground::sim::browser::{site_url, Readable, TOKEN_KEY};
use auth_playground::sim::clock::{HOUR, MINUTE, SECOND};
use auth_playground::sim::config::{AuthMode, Config, LbPolicy, StoreMode, Transport, SITE_HOST};
use auth_playground::sim::cookie_jar::{parse_cookie_date, parse_set_cookie, CookieJar, Scheme, SiteUrl};
use auth_playground::sim::exchange::Exchange;
use auth_playground::sim::hop::{Actor, Hop, HopKind};
use auth_playground::sim::server::{cookie_value, SESSION_COOKIE};
use auth_playground::sim::session::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use auth_playground::sim::token;
use auth_playground::sim::{Action, World, MAX_EXCHANGES};
use auth_playground::ui::url_state;
use http::header::{AUTHORIZATION, CONTENT_LENGTH, COOKIE, HOST, ORIGIN, WWW_AUTHENTICATE};
use http::Method;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Cases per property: `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// One world built once (seeding hashes three passwords); every case starts from a clone.
fn base() -> &'static World {
    static BASE: OnceLock<World> = OnceLock::new();
    BASE.get_or_init(|| World::new(7, Config::default()))
}

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

fn mode() -> impl Strategy<Value = AuthMode> {
    prop_oneof![Just(AuthMode::Stateless), Just(AuthMode::Session), Just(AuthMode::Token)]
}
fn lb() -> impl Strategy<Value = LbPolicy> {
    prop_oneof![Just(LbPolicy::RoundRobin), Just(LbPolicy::Random), Just(LbPolicy::Sticky)]
}
fn store() -> impl Strategy<Value = StoreMode> {
    prop_oneof![Just(StoreMode::Memory), Just(StoreMode::Shared), Just(StoreMode::Replicated)]
}
fn transport() -> impl Strategy<Value = Transport> {
    prop_oneof![Just(Transport::Https), Just(Transport::Http)]
}

fn config() -> impl Strategy<Value = Config> {
    let mode = prop_oneof![1 => Just(AuthMode::Stateless), 3 => Just(AuthMode::Session), 3 => Just(AuthMode::Token)];
    (mode, 1u8..=4, lb(), store(), transport(), any::<bool>()).prop_map(
        |(mode, servers, lb, store, transport, denylist)| Config {
            mode,
            servers,
            lb,
            store,
            transport,
            denylist,
            ..Config::default()
        },
    )
}

/// How the reader edits a token before sending it.
#[derive(Clone, Debug)]
enum Edit {
    /// An access token issued earlier (by index), unchanged.
    Issued(usize),
    /// The newest token with one character changed.
    Flip(usize, char),
    /// The payload re-encoded with the role set to admin (signature kept).
    Role,
    /// The payload re-encoded with `exp` a day later (signature kept).
    Extend,
    /// The signature removed.
    Strip,
    /// `alg: none` and no signature.
    AlgNone,
    /// Re-signed with a guessed secret.
    Guess,
    /// Anything at all.
    Random(String),
}

/// One step of a sequence; indices are resolved against the world when the step runs.
#[derive(Clone, Debug)]
enum Step {
    Login {
        bob: bool,
        right: bool,
    },
    Visit,
    Me,
    Admin,
    Logout,
    Refresh,
    Quote(usize),
    Buy(u32),
    CrossSite,
    StealXss,
    StealSniff,
    Replay,
    RevokeSession(usize),
    RevokeToken(usize),
    RestartServer(u8),
    RotateKey {
        server: Option<u8>,
        graceful: bool,
    },
    SetMode(AuthMode),
    SetServers(u8),
    SetLb(LbPolicy),
    SetStore(StoreMode),
    SetTransport(Transport),
    SetDenylist(bool),
    Advance(i64),
    SendToken(Edit),
    /// `GET /me` or `/admin` from the attacker's own browser with a `Cookie: sid=` of a
    /// session seen earlier (revoked, expired or live).
    UseSid {
        index: usize,
        admin: bool,
    },
    /// Malware copies one of the browser's cookies (`sid`, `rt`, `lb`).
    StealCookie(usize),
    /// An injected script sends `GET /me` from the reader's page.
    XssRequest,
    /// The attacker presents a refresh token they stole to `POST /token/refresh`.
    ReplayRefresh,
    /// A page script's request with a header it may not set (`Cookie`, `Host`, …).
    ForbiddenHeader(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any::<usize>().prop_map(Edit::Issued),
        2 => (any::<usize>(), proptest::char::ranges(vec!['A'..='Z', 'a'..='z', '0'..='9'].into())).prop_map(|(i, c)| Edit::Flip(i, c)),
        1 => Just(Edit::Role),
        1 => Just(Edit::Extend),
        1 => Just(Edit::Strip),
        1 => Just(Edit::AlgNone),
        1 => Just(Edit::Guess),
        1 => "[A-Za-z0-9_.=-]{0,80}".prop_map(Edit::Random),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => (any::<bool>(), prop::bool::weighted(0.8)).prop_map(|(bob, right)| Step::Login { bob, right }),
        1 => Just(Step::Visit),
        8 => Just(Step::Me),
        3 => Just(Step::Admin),
        2 => Just(Step::Logout),
        2 => Just(Step::Refresh),
        2 => (0usize..4).prop_map(Step::Quote),
        2 => (0u32..11).prop_map(Step::Buy),
        1 => Just(Step::CrossSite),
        3 => Just(Step::StealXss),
        3 => Just(Step::StealSniff),
        4 => Just(Step::Replay),
        2 => any::<usize>().prop_map(Step::RevokeSession),
        2 => any::<usize>().prop_map(Step::RevokeToken),
        1 => (0u8..5).prop_map(Step::RestartServer),
        1 => (prop::option::of(0u8..5), any::<bool>()).prop_map(|(server, graceful)| Step::RotateKey { server, graceful }),
        1 => mode().prop_map(Step::SetMode),
        1 => (0u8..6).prop_map(Step::SetServers),
        1 => lb().prop_map(Step::SetLb),
        1 => store().prop_map(Step::SetStore),
        1 => transport().prop_map(Step::SetTransport),
        1 => any::<bool>().prop_map(Step::SetDenylist),
        3 => prop_oneof![0i64..2 * MINUTE, 0i64..20 * MINUTE, 0i64..2 * HOUR].prop_map(Step::Advance),
        3 => edit().prop_map(Step::SendToken),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(index, admin)| Step::UseSid { index, admin }),
        1 => (0usize..3).prop_map(Step::StealCookie),
        2 => Just(Step::XssRequest),
        2 => Just(Step::ReplayRefresh),
        1 => (0usize..4).prop_map(Step::ForbiddenHeader),
    ]
}

// ---------------------------------------------------------------------------
// The model: what the test itself remembers across steps
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Model {
    /// Sum of the bytes of every hop `apply` returned.
    hop_bytes: u64,
    /// Every access token a server handed out, in order.
    issued: Vec<String>,
    issued_set: BTreeSet<String>,
    /// Tokens the test forged (never issued by a server).
    forged: BTreeSet<String>,
    /// Every session id a server set in a cookie, in order, with its creation time.
    sids: Vec<String>,
    sid_created: BTreeMap<String, i64>,
    /// Session ids revoked by an admin (deleted from every store).
    revoked_sids: BTreeSet<String>,
    /// Token ids put on the denylist.
    revoked_jtis: BTreeSet<String>,
}

fn pick<T: Clone>(v: &[T], i: usize) -> Option<T> {
    (!v.is_empty()).then(|| v[i % v.len()].clone())
}

fn newest_token(w: &World, m: &Model) -> Option<String> {
    w.browser.local_storage.get(TOKEN_KEY).cloned().or_else(|| m.issued.last().cloned())
}

fn jti_of(t: &str) -> Option<String> {
    token::inspect(t).payload.ok()?.get("jti")?.as_str().map(str::to_string)
}

/// Every live session id in any store, sorted.
fn stored_sids(w: &World) -> Vec<String> {
    let mut all: BTreeSet<String> = w.shared.by_age().into_iter().map(|s| s.sid.clone()).collect();
    for s in &w.servers {
        all.extend(s.memory.by_age().into_iter().map(|s| s.sid.clone()));
    }
    all.into_iter().collect()
}

/// Turns a step into an action (None: nothing to do), updating the model's records
/// of revocations and forgeries.
fn resolve(step: &Step, w: &World, m: &mut Model) -> Option<Action> {
    let pw = |bob: bool, right: bool| match (bob, right) {
        (false, true) => "wonderland",
        (true, true) => "builder",
        _ => "guess",
    };
    Some(match step {
        Step::Login { bob, right } => {
            Action::Login { username: if *bob { "bob" } else { "alice" }.into(), password: pw(*bob, *right).into() }
        }
        Step::Visit => Action::Visit,
        Step::Me => Action::Me,
        Step::Admin => Action::Admin,
        Step::Logout => Action::Logout,
        Step::Refresh => Action::Refresh,
        Step::Quote(i) => Action::QuoteFlight { to: ["jeju", "busan", "tokyo", "mars"][*i].into() },
        Step::Buy(count) => Action::BuyFlight { count: *count },
        Step::CrossSite => Action::CrossSite,
        Step::StealXss => Action::StealXss,
        Step::StealSniff => Action::StealSniff,
        Step::Replay => Action::Replay,
        Step::RevokeSession(i) => {
            let sid = pick(&stored_sids(w), *i).or_else(|| pick(&m.sids, *i))?;
            m.revoked_sids.insert(sid.clone());
            Action::RevokeSession { sid }
        }
        Step::RevokeToken(i) => {
            let jti = jti_of(&pick(&m.issued, *i)?)?;
            m.revoked_jtis.insert(jti.clone());
            Action::RevokeToken { jti }
        }
        Step::RestartServer(i) => Action::RestartServer(*i),
        Step::RotateKey { server, graceful } => Action::RotateKey { server: *server, graceful: *graceful },
        Step::SetMode(x) => Action::SetMode(*x),
        Step::SetServers(x) => Action::SetServers(*x),
        Step::SetLb(x) => Action::SetLb(*x),
        Step::SetStore(x) => Action::SetStore(*x),
        Step::SetTransport(x) => Action::SetTransport(*x),
        Step::SetDenylist(x) => Action::SetDenylist(*x),
        Step::Advance(by) => Action::Advance(*by),
        Step::SendToken(edit) => {
            let token = match edit {
                Edit::Issued(i) => pick(&m.issued, *i)?,
                Edit::Random(s) => s.clone(),
                edit => {
                    let t = newest_token(w, m)?;
                    forge(&t, edit)?
                }
            };
            if !m.issued_set.contains(&token) {
                m.forged.insert(token.clone());
            }
            Action::SendToken { token }
        }
        Step::UseSid { index, admin } => {
            let sid = pick(&m.sids, *index)?;
            Action::AttackerSend {
                method: Method::GET,
                target: if *admin { "/admin" } else { "/me" }.into(),
                credential: Some(Credential::Cookie { name: SESSION_COOKIE.into(), value: sid }),
            }
        }
        Step::StealCookie(i) => Action::StealCookie { name: ["sid", "rt", "lb"][*i].into() },
        Step::XssRequest => Action::XssRequest,
        Step::ReplayRefresh => {
            let rt = w.attacker.cookie("rt")?.to_string();
            Action::AttackerSend {
                method: Method::POST,
                target: "/token/refresh".into(),
                credential: Some(Credential::Cookie { name: "rt".into(), value: rt }),
            }
        }
        Step::ForbiddenHeader(i) => {
            let (name, value) =
                [("cookie", "sid=forged"), ("Cookie", "rt=forged"), ("host", "evil.example"), ("origin", "x")][*i];
            Action::Custom {
                method: Method::GET,
                target: "/me".into(),
                body: String::new(),
                headers: vec![(name.into(), value.into())],
            }
        }
    })
}

/// A forged variant of an issued token.
fn forge(t: &str, edit: &Edit) -> Option<String> {
    let ins = token::inspect(t);
    let mut payload = ins.payload.clone().ok()?;
    match edit {
        Edit::Flip(i, c) => {
            let mut chars: Vec<char> = t.chars().collect();
            let i = i % chars.len();
            if chars[i] == *c || chars[i] == '.' {
                return None;
            }
            chars[i] = *c;
            Some(chars.into_iter().collect())
        }
        Edit::Role => {
            payload["role"] = "admin".into();
            payload["sub"] = "bob".into();
            token::tamper_payload(t, &payload.to_string()).ok()
        }
        Edit::Extend => {
            payload["exp"] = (payload["exp"].as_i64()? + 86_400).into();
            token::tamper_payload(t, &payload.to_string()).ok()
        }
        Edit::Strip => Some(format!("{}.{}.", ins.header_b64, ins.payload_b64)),
        Edit::AlgNone => {
            let none = token::tamper_header(t, r#"{"alg":"none","typ":"JWT"}"#).ok()?;
            let (unsigned, _) = none.rsplit_once('.')?;
            Some(format!("{unsigned}."))
        }
        Edit::Guess => {
            let input = format!("{}.{}", ins.header_b64, ins.payload_b64);
            let sig = token::sign_hs256(&input, b"demo-secret").ok()?;
            Some(format!("{input}.{sig}"))
        }
        Edit::Issued(_) | Edit::Random(_) => None,
    }
}

// ---------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------

/// The `Cookie` pairs of a raw HTTP request, as on the wire.
fn wire_cookies(raw: &str) -> Vec<(String, String)> {
    let head = raw.split("\r\n\r\n").next().unwrap_or("");
    head.split("\r\n")
        .filter_map(|l| l.strip_prefix("Cookie: "))
        .flat_map(|v| v.split("; "))
        .filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
        .collect()
}

/// Time at which the server handling `ex` decided (what it used as "now").
fn server_time(ex: &Exchange) -> i64 {
    let hop = ex
        .hops
        .iter()
        .find(|h| h.from == Actor::Balancer && matches!(h.to, Actor::Server(_)))
        .expect("every exchange reaches a server");
    hop.at + 1
}

fn url_decode(s: &str) -> String {
    url_state::percent_decode(s)
}

/// Checks one step: `pre` is the world before it, `w` after, `hops` what it returned.
fn check_step(step: &Step, pre: &World, w: &World, hops: &[Hop], m: &mut Model) -> Result<(), TestCaseError> {
    // -- meters equal the hops; every hop's size is its text's length
    for h in hops {
        prop_assert_eq!(h.bytes, h.raw().len(), "hop {:?}", h.label);
    }
    m.hop_bytes += hops.iter().map(|h| h.bytes as u64).sum::<u64>();
    prop_assert_eq!(w.meters.total_bytes, m.hop_bytes);
    prop_assert!(w.exchanges.len() <= MAX_EXCHANGES);
    for e in &w.exchanges {
        prop_assert_eq!(e.bytes(), e.request.raw().len() + e.response.raw().len());
    }

    let new = (w.exchange_count - pre.exchange_count) as usize;
    prop_assert!(new <= 1, "one action, at most one exchange");
    let fresh: Vec<&Exchange> = w.exchanges.iter().skip(w.exchanges.len() - new).collect();
    for &ex in &fresh {
        prop_assert_eq!(&ex.hops[..], hops, "apply returns the exchange's hops");
        let (first, last) = (&ex.hops[0], &ex.hops[ex.hops.len() - 1]);
        prop_assert_eq!(&*first.raw(), ex.request.raw(), "the client's request as sent");
        prop_assert_eq!(&*last.raw(), ex.response.raw(), "the client's response as received");
        check_exchange(step, pre, ex, m)?;
    }

    // -- HttpOnly: never visible to script, never taken by the XSS attacker
    for scheme in [Scheme::Https, Scheme::Http] {
        for path in ["/", "/token", "/me"] {
            let url = SiteUrl { scheme, host: SITE_HOST.into(), path: path.into() };
            for c in w.browser.jar.script_visible(&url, w.now()) {
                prop_assert!(!c.http_only, "script sees HttpOnly {}", c.name);
            }
        }
    }
    for what in w.browser.script_readable(&w.config, w.now()) {
        if let Readable::Cookie { name, .. } = what {
            prop_assert!(w.browser.jar.iter().any(|c| c.name == name && !c.http_only), "script reads {}", name);
        }
    }
    for loot in &w.attacker.loot[pre.attacker.loot.len()..] {
        if let (Source::Xss, Credential::Cookie { name, value }) = (loot.source, &loot.credential) {
            let readable = pre.browser.jar.iter().any(|c| &c.name == name && &c.value == value && !c.http_only);
            prop_assert!(readable, "XSS took {}={}, which script cannot read", name, value);
        }
    }
    if matches!(step, Step::StealXss) {
        for h in hops {
            let raw = h.raw();
            let query = raw.split(' ').nth(1).and_then(|t| t.split_once('?')).map_or("", |(_, q)| q);
            for kv in query.split('&').filter(|kv| !kv.is_empty()) {
                let key = url_decode(kv.split('=').next().unwrap_or(""));
                if let Some(name) = key.strip_prefix("cookie ") {
                    let ok = pre.browser.jar.iter().any(|c| c.name == name && !c.http_only);
                    prop_assert!(ok, "XSS sent home cookie {}", name);
                }
            }
        }
    }

    // -- remember issued tokens and session ids
    for ex in fresh {
        if let Ok(body) = serde_json::from_str::<serde_json::Value>(&ex.response.body) {
            if let Some(t) = body.get("access_token").and_then(|v| v.as_str()) {
                prop_assert!(!m.forged.contains(t), "a server issued a token the test had forged");
                if m.issued_set.insert(t.to_string()) {
                    m.issued.push(t.to_string());
                }
            }
        }
        for set in ex.response.header_values(&http::header::SET_COOKIE) {
            if let Some(sid) = set.strip_prefix("sid=").and_then(|r| r.split(';').next()) {
                if !sid.is_empty() && !m.sid_created.contains_key(sid) {
                    let created = std::iter::once(&w.shared)
                        .chain(w.servers.iter().map(|s| &s.memory))
                        .filter_map(|t| t.get(sid).map(|s| s.created))
                        .min()
                        .unwrap_or(ex.started);
                    m.sid_created.insert(sid.to_string(), created);
                    m.sids.push(sid.to_string());
                }
            }
        }
    }
    Ok(())
}

/// The invariants of one exchange.
fn check_exchange(step: &Step, pre: &World, ex: &Exchange, m: &Model) -> Result<(), TestCaseError> {
    let status = ex.response.status.as_u16();
    prop_assert!((100..600).contains(&status));

    // -- RFC 6265 §5.4: a user agent sends at most one Cookie header; and every
    //    header a script may not set is the browser's own, once
    for name in [COOKIE, HOST, ORIGIN, CONTENT_LENGTH] {
        let n = ex.request.headers.get_all(&name).iter().count();
        prop_assert!(n <= 1, "{} {} headers on {:?}: {}", n, name, step, ex.request.raw());
    }
    // -- RFC 9110 §15.5.2: every 401 carries WWW-Authenticate; RFC 6750 §3.1: a Bearer
    //    challenge names an error only when a bearer token was sent (and refused)
    if status == 401 {
        let challenges: Vec<&str> = ex.response.header_values(&WWW_AUTHENTICATE).collect();
        prop_assert_eq!(challenges.len(), 1, "401 without exactly one challenge: {}", ex.response.raw());
        let challenge = challenges[0];
        let sent_bearer = ex.request.header(&AUTHORIZATION).is_some_and(|a| a.starts_with("Bearer "));
        if challenge.starts_with("Bearer ") && !sent_bearer {
            prop_assert!(!challenge.contains("error="), "no token sent, yet {}", challenge);
        }
        if challenge.contains("error=") {
            prop_assert!(sent_bearer && challenge.contains("error=\"invalid_token\""), "{}", challenge);
        }
    }

    // -- a Secure cookie never travels over http (the browser's own cookies)
    let typed_cookie = matches!(step, Step::UseSid { .. });
    if ex.actor == Actor::Browser && !typed_cookie {
        for h in ex.hops.iter().filter(|h| h.kind == HopKind::Request) {
            let over_http = h.raw().contains("\r\nX-Forwarded-Proto: http\r\n")
                || (h.from == Actor::Browser && pre.config.transport == Transport::Http);
            if over_http {
                for (name, value) in wire_cookies(&h.raw()) {
                    let secure = pre.browser.jar.iter().any(|c| c.name == name && c.value == value && c.secure);
                    prop_assert!(!secure, "Secure cookie {} sent over http: {}", name, h.raw());
                }
            }
        }
    }

    let authorized = status == 200 && matches!(ex.request.path(), "/me" | "/admin");
    if !authorized {
        return Ok(());
    }
    let t = server_time(ex);
    let Some(server) = ex.server().and_then(|i| pre.servers.get(i as usize)) else {
        return Ok(());
    };
    match pre.config.mode {
        AuthMode::Stateless => prop_assert!(false, "stateless mode authorized {}", ex.request.path()),
        AuthMode::Session => {
            let sid = cookie_value(&ex.request, SESSION_COOKIE);
            prop_assert!(sid.is_some(), "200 without a session cookie");
            let sid = sid.unwrap_or_default();
            let table = match pre.config.store {
                StoreMode::Shared => &pre.shared,
                StoreMode::Memory | StoreMode::Replicated => &server.memory,
            };
            prop_assert!(table.lookup(sid, t).is_ok(), "sid {} not live in the consulted store at {}", sid, t);
            // …by the timeouts' own definitions, not only by the store's word
            let record = table.get(sid);
            prop_assert!(record.is_some(), "sid {} not in the consulted store", sid);
            let record = record.unwrap();
            prop_assert!(t < record.last_seen + IDLE_TIMEOUT, "sid {} idle since {}", sid, record.last_seen);
            prop_assert!(t < record.created + ABSOLUTE_TIMEOUT, "sid {} created {}", sid, record.created);
            prop_assert!(!m.revoked_sids.contains(sid), "revoked sid {} authorized", sid);
            if let Some(created) = m.sid_created.get(sid) {
                prop_assert!(t < created + ABSOLUTE_TIMEOUT, "sid {} past its absolute timeout", sid);
            }
        }
        AuthMode::Token => {
            let bearer = ex.request.header(&AUTHORIZATION).and_then(|h| h.strip_prefix("Bearer "));
            prop_assert!(bearer.is_some(), "200 without a bearer token");
            let jwt = bearer.unwrap_or_default();
            prop_assert!(m.issued_set.contains(jwt), "a token no server issued authorized: {}", jwt);
            prop_assert!(!m.forged.contains(jwt), "a forged token authorized: {}", jwt);
            let now = t.div_euclid(SECOND);
            let denied = |jti: &str| pre.config.denylist && pre.db.denylist.contains_key(jti);
            let claims = token::verify(jwt, &server.keys, now, &denied);
            prop_assert!(claims.is_ok(), "token does not verify at {}: {:?}", now, claims);
            let claims = claims.unwrap();
            prop_assert!(claims.exp > now, "expired token authorized");
            prop_assert!(!(pre.config.denylist && m.revoked_jtis.contains(&claims.jti)), "revoked jti authorized");
        }
    }
    Ok(())
}

fn run(config: Config, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut w = base().clone();
    for a in [
        Action::SetServers(config.servers),
        Action::SetMode(config.mode),
        Action::SetLb(config.lb),
        Action::SetStore(config.store),
        Action::SetTransport(config.transport),
        Action::SetDenylist(config.denylist),
    ] {
        prop_assert!(w.apply(a).is_empty());
    }
    let mut m = Model::default();
    for step in steps {
        let Some(action) = resolve(step, &w, &mut m) else { continue };
        let pre = w.clone();
        let hops = w.apply(action);
        check_step(step, &pre, &w, &hops, &mut m)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_keep_the_invariants(config in config(), steps in prop::collection::vec(step(), 1..=30)) {
        run(config, &steps)?;
    }

    #[test]
    fn custom_requests_never_panic_and_always_get_an_answer(
        config in config(),
        method in prop_oneof![
            prop::sample::select(vec![Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::HEAD, Method::OPTIONS, Method::PATCH]),
            "[A-Za-z!#$%&'*+.^_`|~0-9-]{1,12}".prop_filter_map("method", |m| Method::from_bytes(m.as_bytes()).ok()),
        ],
        target in prop_oneof![
            "/(me|admin|login|logout|flights|flights/buy|token/refresh)?(\\?to=[a-z%]{0,8})?",
            ".{0,120}",
        ],
        body in prop_oneof![Just(String::new()), r#"\{"(count|username|password|to)": ?("[a-z]{0,8}"|-?[0-9]{1,12}|null|\[\])\}"#, ".{0,200}"],
        headers in prop::collection::vec(
            (prop_oneof!["[a-z-]{1,16}", "(cookie|authorization|content-type|x-forwarded-proto)", ".{0,16}"], ".{0,40}"),
            0..5,
        ),
    ) {
        let mut w = base().clone();
        w.apply(Action::SetServers(config.servers));
        w.apply(Action::SetMode(config.mode));
        w.apply(Action::SetStore(config.store));
        w.apply(Action::SetTransport(config.transport));
        let before = w.exchange_count;
        let hops = w.apply(Action::Custom { method, target, body, headers });
        prop_assert_eq!(w.exchange_count, before + 1);
        let ex = w.last_exchange().expect("an exchange");
        prop_assert!((100..600).contains(&ex.response.status.as_u16()));
        prop_assert_eq!(w.meters.total_bytes, hops.iter().map(|h| h.bytes as u64).sum::<u64>());
        prop_assert_eq!(ex.bytes(), ex.request.raw().len() + ex.response.raw().len());
    }

    #[test]
    fn set_cookie_and_cookie_dates_never_panic(
        s in ".{0,200}",
        name in "[A-Za-z_ =;-]{0,12}",
        value in "[A-Za-z0-9\"%= ;-]{0,20}",
        attrs in prop::collection::vec(
            prop_oneof![
                "(Expires|expires|EXPIRES)=.{0,40}",
                "(Expires)=(Mon|Tue|Sun), [0-9]{1,3} (Jan|Feb|Dec|Foo) [0-9]{1,5} [0-9]{1,3}:[0-9]{1,3}:[0-9]{1,3} GMT",
                "(Max-Age|max-age)=-?[0-9]{0,22}",
                "(Domain|domain)=\\.?[a-z.]{0,20}",
                "(Path|path)=.{0,20}",
                "(SameSite|samesite)=(Lax|Strict|None|lax|x|)",
                "(Secure|HttpOnly|Partitioned)",
                ".{0,20}",
            ],
            0..8,
        ),
        sep in prop_oneof![Just(";"), Just("; "), Just(" ;")],
        date in prop_oneof![
            ".{0,60}",
            "([0-9]{1,5}|(jan|Feb|MAR|dec)[a-z]{0,6}|[0-9]{1,3}:[0-9]{1,3}:[0-9]{1,3}|[ ,;-]){0,8}",
        ],
    ) {
        let _ = parse_set_cookie(&s);
        let _ = parse_cookie_date(&s);
        let _ = parse_cookie_date(&date);
        let header = std::iter::once(format!("{name}={value}")).chain(attrs).collect::<Vec<_>>().join(sep);
        let _ = parse_set_cookie(&header);
    }

    #[test]
    fn the_jar_takes_any_header_without_panicking_and_hides_httponly(
        headers in prop::collection::vec(
            prop_oneof![
                ".{0,120}",
                "[a-z_]{1,6}=[a-z0-9]{0,8}(; (Secure|HttpOnly|SameSite=(None|Lax|Strict)|Path=/[a-z]{0,4}|Domain=[a-z.]{0,20}|Max-Age=-?[0-9]{1,6}|Expires=Thu, 01 Jan 2099 00:00:00 GMT)){0,5}",
            ],
            1..8,
        ),
        url in prop_oneof![".{0,60}", "(https?://)?(playground\\.example|example\\.com|[a-z.]{1,16})(:[0-9]{1,5})?(/[a-z%]{0,8}){0,3}"],
        now in prop_oneof![any::<i64>(), -10_000_000_000_000i64..300_000_000_000_000],
        from_script in any::<bool>(),
    ) {
        let url = SiteUrl::parse(&url).unwrap_or_else(|| site_url(&Config::default(), "/"));
        let mut jar = CookieJar::new();
        for h in &headers {
            let http_only = parse_set_cookie(h).is_some_and(|c| c.http_only);
            let before = jar.clone();
            if jar.store(h, &url, now, from_script).is_ok() && from_script {
                prop_assert!(!http_only, "a script stored an HttpOnly cookie");
            }
            if from_script {
                for old in before.iter().filter(|c| c.http_only) {
                    prop_assert!(jar.iter().any(|c| c == old), "a script overwrote HttpOnly {}", old.name);
                }
            }
        }
        for c in jar.script_visible(&url, now) {
            prop_assert!(!c.http_only);
        }
        let _ = jar.cookie_header(&url, now, &auth_playground::sim::cookie_jar::RequestContext::same_site());
        jar.remove_expired(now);
    }

    #[test]
    fn url_state_parses_anything(search in ".{0,120}", fragment in ".{0,120}", pairs in prop::collection::vec(
        ("(mode|servers|lb|store|transport|scenario|step|lang|theme|embed|%6dode|[a-z]{1,6})", "[a-z0-9%+-]{0,12}"), 0..8)
    ) {
        let _ = url_state::parse(&search, &fragment);
        let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let (state, _) = url_state::parse(&format!("?{}", joined.join("&")), &fragment);
        prop_assert!((1..=4).contains(&state.servers));
    }
}
