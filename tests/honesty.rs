//! Nothing on screen is false: the protocol rules the world follows (each test cites the
//! RFC section it pins), the claims the tours' narration makes, and the checks that
//! back those claims — each of which must be able to fail.

use auth_playground::sim::attacker::Credential;
use auth_playground::sim::browser::{Browser, TOKEN_KEY};
use auth_playground::sim::clock::{MINUTE, SECOND};
use auth_playground::sim::config::{AuthMode, Config, LbPolicy, StoreMode, Transport};
use auth_playground::sim::exchange::Exchange;
use auth_playground::sim::hop::Actor;
use auth_playground::sim::refresh::RefreshError;
use auth_playground::sim::scenario::{
    self, check, run_step, world_at, Change, Expect, Meter, PageKind, Scenario, Snapshot, Stolen, Where,
};
use auth_playground::sim::{Action, World};
use http::header::{COOKIE, WWW_AUTHENTICATE};
use http::Method;

fn world(mode: AuthMode) -> World {
    World::new(5, Config { mode, ..Config::default() })
}

fn login(w: &mut World, user: &str, password: &str) {
    w.apply(Action::Login { username: user.into(), password: password.into() });
}

fn last(w: &World) -> &Exchange {
    w.last_exchange().expect("an exchange")
}

fn status(w: &World) -> u16 {
    last(w).response.status.as_u16()
}

fn challenge(w: &World) -> String {
    last(w).response.header_values(&WWW_AUTHENTICATE).collect::<Vec<_>>().join(" | ")
}

/// Every exchange of every tour walked to its end (and of the twin world).
fn tour_exchanges() -> Vec<(String, Exchange)> {
    let mut out = Vec::new();
    for s in scenario::all() {
        let mut worlds = vec![World::new(scenario::DEFAULT_SEED, s.config)];
        worlds.extend(s.twin_config().map(|c| World::new(scenario::DEFAULT_SEED, c)));
        for w in &mut worlds {
            for st in &s.steps {
                run_step(w, st);
            }
            out.extend(w.exchanges.iter().map(|e| (s.entry.id.to_string(), e.clone())));
        }
    }
    out
}

fn tour(id: &str) -> Scenario {
    scenario::by_id(id).expect("a tour")
}

// ---------------------------------------------------------------------------
// Protocol rules
// ---------------------------------------------------------------------------

/// RFC 6265 §5.4: the user agent sends at most one Cookie header.
#[test]
fn rfc6265_5_4_no_request_of_any_tour_carries_two_cookie_headers() {
    let all = tour_exchanges();
    assert!(all.len() > 80, "{} exchanges", all.len());
    for (id, e) in &all {
        let n = e.request.headers.get_all(COOKIE).iter().count();
        assert!(n <= 1, "{id}: {n} Cookie headers in {}", e.request.raw());
    }
}

/// RFC 6265 §5.4 again: a page script cannot add a Cookie header of its own (a
/// forbidden request-header name in Fetch), so the browser's stays the only one.
#[test]
fn rfc6265_5_4_a_script_cannot_add_a_second_cookie_header() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::Custom {
        method: Method::GET,
        target: "/me".into(),
        body: String::new(),
        headers: vec![("cookie".into(), "sid=forged".into()), ("x-demo".into(), "1".into())],
    });
    let e = last(&w);
    assert_eq!(e.request.headers.get_all(COOKIE).iter().count(), 1);
    assert!(!e.request.raw().contains("forged"));
    assert!(e.request.raw().contains("X-Demo: 1") || e.request.raw().contains("x-demo: 1"));
    assert_eq!(status(&w), 200);
    let notes: Vec<String> = w.browser.notes.iter().map(ToString::to_string).collect();
    assert!(notes.iter().any(|n| n.contains("forbidden header name")), "{notes:?}");
}

/// RFC 9110 §15.5.2: a 401 response MUST carry a WWW-Authenticate header — in every
/// tour, in every mode.
#[test]
fn rfc9110_15_5_2_every_401_of_every_tour_has_a_challenge() {
    let unauthorized: Vec<_> = tour_exchanges().into_iter().filter(|(_, e)| e.response.status == 401).collect();
    assert!(unauthorized.len() >= 12, "{} 401s", unauthorized.len());
    for (id, e) in unauthorized {
        assert!(
            e.response.headers.contains_key(WWW_AUTHENTICATE),
            "{id}: 401 without a challenge: {}",
            e.response.raw()
        );
    }
}

/// RFC 9110 §15.5.2 in session and stateless modes: the challenge names the site's login.
#[test]
fn rfc9110_15_5_2_session_and_stateless_401s_name_the_login() {
    let mut s = world(AuthMode::Session);
    s.apply(Action::Me);
    assert_eq!(status(&s), 401);
    assert_eq!(challenge(&s), r#"Cookie realm="playground.example", form-action="/login", cookie-name="sid""#);
    let mut n = world(AuthMode::Stateless);
    login(&mut n, "alice", "wonderland");
    n.apply(Action::Me);
    assert_eq!(status(&n), 401);
    assert_eq!(challenge(&n), r#"Form realm="playground.example", form-action="/login""#);
    login(&mut n, "alice", "nope");
    assert_eq!((status(&n), challenge(&n).starts_with("Form ")), (401, true));
}

/// RFC 6750 §3.1: a request without credentials gets a Bearer challenge with no error
/// code; `error="invalid_token"` only when a token was sent and refused.
#[test]
fn rfc6750_3_1_bearer_challenge_error_only_for_a_refused_token() {
    let mut w = world(AuthMode::Token);
    w.apply(Action::Me);
    assert_eq!((status(&w), challenge(&w)), (401, r#"Bearer realm="playground.example""#.to_string()));
    // another scheme is no bearer token either
    w.apply(Action::Custom {
        method: Method::GET,
        target: "/me".into(),
        body: String::new(),
        headers: vec![("authorization".into(), "Basic YWxpY2U6d29uZGVybGFuZA==".into())],
    });
    assert_eq!((status(&w), challenge(&w)), (401, r#"Bearer realm="playground.example""#.to_string()));
    // a failed login sent no token
    login(&mut w, "alice", "nope");
    assert_eq!((status(&w), challenge(&w)), (401, r#"Bearer realm="playground.example""#.to_string()));
    // an expired token: invalid_token, with the reason
    login(&mut w, "alice", "wonderland");
    w.apply(Action::Advance(15 * MINUTE + SECOND));
    w.apply(Action::Me);
    let c = challenge(&w);
    assert!(c.starts_with(r#"Bearer realm="playground.example", error="invalid_token", error_description=""#), "{c}");
    assert!(c.contains("expired"), "{c}");
    // a garbage token with characters a quoted-string may not hold still gets its challenge
    w.apply(Action::SendToken { token: "eyJ\u{7f}.x.y".into() });
    w.apply(Action::SendToken { token: "a.b.c\"\\".into() });
    assert_eq!(status(&w), 401);
    assert!(challenge(&w).contains(r#"error="invalid_token""#), "{}", challenge(&w));
}

// ---------------------------------------------------------------------------
// Refresh tokens: a thief's reuse, and what is revoked
// ---------------------------------------------------------------------------

/// The reuse of `token-expiry-refresh` comes from the attacker's own browser with one
/// Cookie header; alice's next refresh fails because her family is revoked, while her
/// rt cookie is still in her jar (no Max-Age=0 reached her) and goes with the request.
#[test]
fn the_refresh_thief_uses_their_own_browser_and_revokes_the_family() {
    let s = tour("token-expiry-refresh");
    let reuse = s.steps.iter().position(|st| st.text.en.contains("stolen rt")).expect("the reuse step");
    let (w, hops) = world_at(&s, reuse, scenario::DEFAULT_SEED);
    let theft = w.exchanges.iter().rev().find(|e| e.actor == Actor::Attacker).expect("the attacker's request");
    assert_eq!(theft.request.path(), "/token/refresh");
    assert_eq!(theft.request.headers.get_all(COOKIE).iter().count(), 1);
    assert!(hops.iter().any(|h| h.from == Actor::Attacker), "the request leaves the attacker's browser");
    let verdict = w.attacker.last_replay.as_ref().and_then(|r| r.outcome.clone()).expect("an answer");
    assert!(verdict.to_string().contains(&RefreshError::Reused.to_string()), "{verdict}");
    assert!(w.browser.jar.iter().any(|c| c.name == "rt"), "alice's rt cookie was not cleared");
    assert_eq!(w.db.refresh.live(w.now()), 0, "the family is revoked");
    // her access token still works: only refresh tokens are revoked
    assert_eq!((last(&w).actor, status(&w)), (Actor::Browser, 200));

    let (w, _) = world_at(&s, reuse + 1, scenario::DEFAULT_SEED);
    let refresh = last(&w);
    assert_eq!((refresh.request.path(), status(&w)), ("/token/refresh", 401));
    assert!(refresh.request.header(&COOKIE).is_some_and(|c| c.starts_with("rt=")), "she sent her rt");
    assert!(refresh.response.error_message().unwrap_or_default().contains(&RefreshError::FamilyRevoked.to_string()));
}

/// Reuse detection revokes the refresh tokens of the login — not the access tokens
/// already issued, which live until their `exp` — and says so.
#[test]
fn reuse_revokes_refresh_tokens_only_and_says_so() {
    let said = RefreshError::Reused.to_string();
    assert!(!said.contains("every token of this login"), "{said}");
    assert!(said.contains("every refresh token") && said.contains("until their exp"), "{said}");
    let mut w = world(AuthMode::Token);
    login(&mut w, "alice", "wonderland");
    let stolen = w.browser.jar.iter().find(|c| c.name == "rt").map(|c| c.value.clone()).expect("rt");
    w.apply(Action::Refresh);
    w.apply(Action::AttackerSend {
        method: Method::POST,
        target: "/token/refresh".into(),
        credential: Some(Credential::Cookie { name: "rt".into(), value: stolen }),
    });
    assert_eq!(status(&w), 401);
    for _ in 0..3 {
        w.apply(Action::Me);
        assert_eq!(status(&w), 200, "the access token lives on");
    }
    w.apply(Action::Advance(15 * MINUTE));
    w.apply(Action::Me);
    assert_eq!(status(&w), 401, "until its exp");
}

/// Logout in token mode revokes the refresh family; a copy of the access token keeps
/// working until its exp.
#[test]
fn token_logout_revokes_the_refresh_family_but_not_the_access_token() {
    let mut w = world(AuthMode::Token);
    login(&mut w, "alice", "wonderland");
    let token = w.browser.local_storage.get(TOKEN_KEY).cloned().expect("a token");
    assert_eq!(w.db.refresh.live(w.now()), 1);
    w.apply(Action::Logout);
    assert_eq!(w.db.refresh.live(w.now()), 0);
    assert!(last(&w).verdict().is_some_and(|n| n.to_string().contains("1 refresh token family revoked")));
    w.apply(Action::AttackerSend {
        method: Method::GET,
        target: "/me".into(),
        credential: Some(Credential::Bearer(token)),
    });
    assert_eq!(status(&w), 200);
}

/// Token logins keep a row each on the server (their refresh token): the server-state
/// meter counts it, and simulated token users keep theirs too.
#[test]
fn server_state_counts_refresh_rows() {
    let mut w = world(AuthMode::Token);
    assert_eq!(w.store_bytes(), 0);
    login(&mut w, "alice", "wonderland");
    let one = w.store_bytes();
    assert!(one > 60, "{one} bytes for a refresh row");
    assert_eq!(Meter::StoreBytes.read(&w), one as u64);
    w.apply(Action::SimulateUsers(100));
    assert_eq!(w.db.refresh.len(), 101);
    assert!(w.store_bytes() > 100 * 60);
    // expired refresh rows are dropped
    w.apply(Action::Advance(8 * 24 * 60 * MINUTE));
    assert_eq!((w.db.refresh.len(), w.store_bytes()), (0, 0));
}

// ---------------------------------------------------------------------------
// Other claims of the tours
// ---------------------------------------------------------------------------

/// HttpOnly hides the cookie from an injected script, not from its requests: the
/// browser attaches it, and the server answers as alice.
#[test]
fn httponly_does_not_stop_an_injected_scripts_request() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::StealXss);
    assert!(w.attacker.loot.is_empty(), "the script read no cookie");
    w.apply(Action::XssRequest);
    let e = last(&w);
    assert_eq!((e.actor, status(&w)), (Actor::Browser, 200));
    assert!(e.request.header(&COOKIE).is_some_and(|c| c.contains("sid=")));
    assert!(e.response.body.contains("\"user\":\"alice\""));
    assert!(w.attacker.loot.is_empty(), "still without reading it");
}

/// Rotating the signing key on every server (without grace) voids every user's access
/// token at once.
#[test]
fn rotating_the_signing_key_everywhere_logs_every_user_out() {
    let mut w = World::new(5, Config { mode: AuthMode::Token, servers: 2, ..Config::default() });
    let mut tokens = Vec::new();
    for (user, password) in [("alice", "wonderland"), ("bob", "builder")] {
        w.browser = Browser::default();
        login(&mut w, user, password);
        tokens.push(w.browser.local_storage.get(TOKEN_KEY).cloned().expect("a token"));
    }
    w.apply(Action::RotateKey { server: None, graceful: false });
    for t in tokens {
        for _ in 0..2 {
            w.apply(Action::AttackerSend {
                method: Method::GET,
                target: "/me".into(),
                credential: Some(Credential::Bearer(t.clone())),
            });
            assert_eq!(status(&w), 401);
        }
    }
}

/// The access token of the tours is about 230 bytes (what traffic-size says).
#[test]
fn a_jwt_here_is_about_230_bytes() {
    let mut w = world(AuthMode::Token);
    login(&mut w, "alice", "wonderland");
    let len = w.browser.local_storage.get(TOKEN_KEY).map_or(0, String::len);
    assert!((215..=245).contains(&len), "{len} bytes");
    assert!(tour("traffic-size").steps[0].text.en.contains("about 230 bytes"));
}

/// `stolen-credentials` compares like with like: both credentials are sniffed off the
/// same plain http.
#[test]
fn stolen_credentials_sniffs_both_over_http() {
    let s = tour("stolen-credentials");
    let token_step = s.steps.iter().position(|st| st.expect.contains(&Expect::Stolen(Stolen::Token))).expect("step");
    let (w, _) = world_at(&s, token_step, scenario::DEFAULT_SEED);
    assert_eq!(w.config.transport, Transport::Http);
    assert!(w.attacker.loot.iter().all(|l| l.source == auth_playground::sim::attacker::Source::Sniff));
}

/// What each tour's narration must say, in both languages.
#[test]
fn the_narration_says_what_is_true() {
    let text = |id: &str| -> (String, String) {
        let s = tour(id);
        let ko = std::iter::once(s.summary.ko).chain(s.steps.iter().map(|st| st.text.ko)).collect::<Vec<_>>().join(" ");
        let en = std::iter::once(s.summary.en).chain(s.steps.iter().map(|st| st.text.en)).collect::<Vec<_>>().join(" ");
        (ko, en)
    };
    let has = |id: &str, ko: &[&str], en: &[&str]| {
        let (k, e) = text(id);
        for w in ko {
            assert!(k.contains(w), "{id} (ko) does not say {w:?}");
        }
        for w in en {
            assert!(e.contains(w), "{id} (en) does not say {w:?}");
        }
    };
    // 401 is about authentication whatever its name; 403 is about authorization (인가)
    has("authn-vs-authz", &["인증되지 않음", "인가"], &["unauthenticated", "authorization"]);
    // C9: the article's session manager and synchronisation, and the shared store's cost
    has(
        "session-shared-store",
        &["세션 매니저", "동기화", "한 번 더", "단일 장애 지점"],
        &["session manager", "in sync", "one more round trip", "single point of failure"],
    );
    // the server checks exp, alg and iat, not only the signature
    has("token-login", &["alg, exp, iat", "암호화가 아니라 인코딩"], &["alg, exp and iat", "encoded, not encrypted"]);
    // the demo's ids come from a seeded generator; a real server uses a CSPRNG
    has("session-login", &["시드를 고정한 생성기", "CSPRNG"], &["seeded generator", "CSPRNG"]);
    // tokens: what is stateless (the check), and what is not (the refresh table)
    has(
        "token-scale-out",
        &["조회가 필요 없고", "로그인마다 테이블에 한 줄씩"],
        &["needs no look-up", "one row per login"],
    );
    has("traffic-size", &["230바이트", "조회하지 않아요"], &["about 230 bytes", "never looks its table up"]);
    // logout and reuse revoke refresh tokens only; the signing key voids everyone's tokens
    has("token-login", &["refresh 토큰 패밀리를 폐기"], &["revokes the refresh-token family"]);
    has(
        "token-expiry-refresh",
        &["access 토큰은 폐기되지 않아서", "Max-Age=604800"],
        &["Access tokens are not revoked", "Max-Age=604800"],
    );
    has("stolen-credentials", &["서명 키 교체", "똑같이 평문 http"], &["rotate the signing key", "same plain http"]);
    // HttpOnly does not stop an injected script from acting as alice
    has("xss-httponly", &["alice인 척 요청은 보낼 수 있어요"], &["it can act as alice"]);
    // SameSite=Lax: every cross-site request but top-level navigations with a safe method
    has("session-login", &["안전한 메서드의 최상위 이동만 예외"], &["top-level navigations with a safe method"]);
    has("xss-httponly", &["안전한 메서드의 최상위 이동만 예외"], &["top-level navigations with a safe method"]);
    for s in scenario::all() {
        for st in &s.steps {
            for t in [st.text.ko, st.text.en] {
                for wrong in [
                    "다른 사이트에서 시작된 POST",
                    "POSTs started by other sites",
                    "POST started by another site",
                    "every token of this login",
                    "이 로그인에서 나온 rt를 모두",
                    "store bytes stay at 0",
                    "저장소 바이트는 그대로 0",
                    "저장소 바이트는 0",
                ] {
                    assert!(!t.contains(wrong), "{}: {wrong:?} in {t}", s.entry.id);
                }
                // localStorage is where this page keeps the token, not where tokens must go
                let keeps_it_there = ["localStorage에 두", "localStorage에 보관", "keeps it in localStorage"]
                    .iter()
                    .any(|v| t.contains(v))
                    || (t.contains("keeps the access token in localStorage"));
                if keeps_it_there {
                    assert!(
                        t.contains("이 페이지") || t.contains("this page") || t.contains("This page"),
                        "{}: {t}",
                        s.entry.id
                    );
                }
                assert!(!t.contains("다뤄야 해서") && !t.contains("has to handle"), "{}: {t}", s.entry.id);
            }
        }
    }
    // "Lax by default" is Chrome's and Edge's, not RFC 6265's
    let unset = auth_playground::sim::cookie_jar::NotSent::SameSiteLax { by_default: true }.to_string();
    assert!(unset.contains("Chrome and Edge") && unset.contains("safe method"), "{unset}");
    assert!(!unset.contains("(Lax by default)"), "{unset}");
}

// ---------------------------------------------------------------------------
// The checks behind the narration
// ---------------------------------------------------------------------------

/// Each `Expect` variant by number (an exhaustive match: a new variant does not compile
/// until it is numbered here, and then fails the test below until it has a false case).
fn variant(e: &Expect) -> usize {
    match e {
        Expect::Status(_) => 0,
        Expect::ServedBy(_) => 1,
        Expect::RequestHeader { .. } => 2,
        Expect::ResponseHeader { .. } => 3,
        Expect::ResponseHeaderHas { .. } => 4,
        Expect::ErrorContains(_) => 5,
        Expect::Cookies(_) => 6,
        Expect::Cookie { .. } => 7,
        Expect::NoCookie(_) => 8,
        Expect::CookieChanged(_) => 9,
        Expect::Storage { .. } => 10,
        Expect::TokenClaim { .. } => 11,
        Expect::SessionRows { .. } => 12,
        Expect::Meter { .. } => 13,
        Expect::Hop { .. } => 14,
        Expect::Stolen(_) => 15,
        Expect::AttemptSays(_) => 16,
        Expect::Replay(_) => 17,
        Expect::Page(_) => 18,
        Expect::Statuses(_) => 19,
        Expect::Secure { .. } => 20,
        Expect::CookieLength { .. } => 21,
        Expect::TokenBytes { .. } => 22,
        Expect::BodyContains(_) => 23,
        Expect::ReplaySays(_) => 24,
        Expect::LiveRefreshTokens(_) => 25,
        Expect::Replicated => 26,
        Expect::Withheld(_) => 27,
        Expect::Miles { .. } => 28,
        Expect::MemoryToken(_) => 29,
        Expect::TargetContains(_) => 30,
        Expect::Said { .. } => 31,
        Expect::SessionKeepsTokens => 32,
    }
}

/// How many variants [`variant`] numbers.
const VARIANTS: usize = 33;

/// A `check` that always passed would let any narration through: every kind of
/// expectation must reject a false one.
#[test]
fn every_expect_variant_rejects_a_false_expectation() {
    // A session world: alice logged in, GET /me answered 200 by A; a revoke, a replay.
    let mut w =
        World::new(3, Config { mode: AuthMode::Session, servers: 2, lb: LbPolicy::Sticky, ..Config::default() });
    let before = Snapshot::of(&w);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::StealXss);
    w.apply(Action::Replay);
    let hops = w.apply(Action::Me);
    // A token world, for the token's expectations, and a replicated one.
    let mut t = world(AuthMode::Token);
    let t_before = Snapshot::of(&t);
    login(&mut t, "alice", "wonderland");
    let mut r = World::new(
        3,
        Config { mode: AuthMode::Session, servers: 2, store: StoreMode::Replicated, ..Config::default() },
    );
    login(&mut r, "alice", "wonderland");
    r.servers[1].memory.clear();

    let session_cases = [
        Expect::Status(401),
        Expect::ServedBy(1),
        Expect::RequestHeader { name: "authorization", present: true },
        Expect::ResponseHeader { name: "www-authenticate", present: true },
        Expect::ResponseHeaderHas { name: "content-type", text: "text/html" },
        Expect::ErrorContains("anything"),
        Expect::Cookies(5),
        Expect::Cookie { name: "sid", http_only: false },
        Expect::NoCookie("sid"),
        Expect::CookieChanged("nope"),
        Expect::Storage { key: TOKEN_KEY, present: true },
        Expect::TokenClaim { claim: "sub", value: "alice" },
        Expect::SessionRows { store: Where::Server(0), rows: 2 },
        Expect::Meter { meter: Meter::Lookups, change: Change::Decreased },
        Expect::Hop { from: "store", to: "A" },
        Expect::Stolen(Stolen::Token),
        Expect::AttemptSays("read everything"),
        Expect::Replay(200),
        Expect::Page(PageKind::Admin),
        Expect::Statuses(&[200, 401]),
        Expect::Secure { name: "sid", secure: false },
        Expect::CookieLength { name: "sid", len: 16 },
        Expect::BodyContains("\"user\":\"bob\""),
        Expect::ReplaySays("logged in as bob"),
        Expect::Withheld("sid"),
        Expect::Miles { user: "alice", miles: 7_000 },
        Expect::MemoryToken(true),
        Expect::TargetContains("code_challenge"),
        Expect::Said { path: "/me", text: "mallory" },
        Expect::SessionKeepsTokens,
    ];
    let mut covered = [false; VARIANTS];
    for e in &session_cases {
        assert!(check(e, &before, &w, &hops).is_err(), "a false {e} passed");
        covered[variant(e)] = true;
    }
    for e in [Expect::TokenBytes { min: 10, max: 20 }, Expect::LiveRefreshTokens(0)] {
        assert!(check(&e, &t_before, &t, &[]).is_err(), "a false {e} passed");
        covered[variant(&e)] = true;
    }
    let e = Expect::Replicated;
    assert!(check(&e, &Snapshot::of(&r), &r, &[]).is_err(), "a false {e} passed");
    covered[variant(&e)] = true;
    let missing: Vec<usize> = covered.iter().enumerate().filter(|(_, c)| !**c).map(|(i, _)| i).collect();
    assert!(missing.is_empty(), "variants without a false case: {missing:?}");
    // …and the same expectations hold where they are true
    assert!(check(
        &Expect::Replicated,
        &Snapshot::of(&r),
        &{
            let mut r2 = World::new(
                3,
                Config { mode: AuthMode::Session, servers: 2, store: StoreMode::Replicated, ..Config::default() },
            );
            login(&mut r2, "alice", "wonderland");
            r2
        },
        &[]
    )
    .is_ok());
    assert!(check(&Expect::LiveRefreshTokens(1), &t_before, &t, &[]).is_ok());
}
