//! The article's concepts C1–C15 as flows through the mock world, asserting what a
//! reader would see: statuses, headers, store rows, cookies and hop notes.

use auth_playground::sim::attacker::Credential;
use auth_playground::sim::browser::{PageView, TOKEN_KEY};
use auth_playground::sim::clock::{MINUTE, SECOND};
use auth_playground::sim::config::{AuthMode, Config, LbPolicy, StoreMode, Transport};
use auth_playground::sim::cookie_jar::SameSite;
use auth_playground::sim::hop::{Actor, HopKind};
use auth_playground::sim::{Action, World};
use http::header::{AUTHORIZATION, COOKIE, SET_COOKIE, WWW_AUTHENTICATE};

fn world(mode: AuthMode) -> World {
    World::new(42, Config { mode, ..Config::default() })
}

fn cluster(mode: AuthMode, servers: u8, lb: LbPolicy, store: StoreMode) -> World {
    World::new(42, Config { mode, servers, lb, store, ..Config::default() })
}

fn login(w: &mut World, user: &str, pw: &str) {
    w.apply(Action::Login { username: user.into(), password: pw.into() });
}

fn status(w: &World) -> u16 {
    w.last_exchange().map_or(0, |e| e.response.status.as_u16())
}

fn server_of_last(w: &World) -> u8 {
    w.last_exchange().and_then(|e| e.server()).unwrap_or(99)
}

fn verdict(w: &World) -> String {
    w.last_exchange().and_then(|e| e.verdict()).map(ToString::to_string).unwrap_or_default()
}

fn error_of_last(w: &World) -> String {
    w.last_exchange().and_then(|e| e.response.error_message()).unwrap_or_default()
}

// C1 ─ HTTP is stateless: the purchase does not know the quote.
#[test]
fn c1_stateless_purchase_forgets_the_quote() {
    let mut w = world(AuthMode::Stateless);
    w.apply(Action::QuoteFlight { to: "jeju".into() });
    assert_eq!(status(&w), 200);
    assert_eq!(w.browser.page, PageView::Fare { to: "jeju".into(), fare: 70_000 });
    w.apply(Action::BuyFlight { count: 4 });
    assert_eq!(status(&w), 400);
    assert!(error_of_last(&w).starts_with("which flight?"), "{}", error_of_last(&w));
    assert!(w.browser.jar.is_empty(), "nothing carried state");
}

#[test]
fn c1_a_session_carries_the_quote_to_the_purchase() {
    let mut w = world(AuthMode::Session);
    w.apply(Action::QuoteFlight { to: "jeju".into() });
    assert!(w.last_exchange().is_some_and(|e| e.response.headers.contains_key(SET_COOKIE)));
    w.apply(Action::BuyFlight { count: 4 });
    assert_eq!(status(&w), 200);
    assert_eq!(w.browser.page, PageView::Bought { count: 4, to: "jeju".into(), total: 280_000 });
    let ex = w.last_exchange().unwrap();
    assert!(ex.request.header(&COOKIE).is_some_and(|c| c.starts_with("sid=")));
}

// C2 ─ login looks the user up; hashes only; wrong password and unknown user look alike.
#[test]
fn c2_login_checks_the_hash_and_does_not_enumerate_users() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wrong");
    assert_eq!((status(&w), error_of_last(&w)), (401, "wrong username or password".to_string()));
    login(&mut w, "mallory", "wonderland");
    assert_eq!((status(&w), error_of_last(&w)), (401, "wrong username or password".to_string()));
    for u in w.db.users.users() {
        assert!(u.hash.to_string().starts_with("pbkdf2-sha256$"));
    }
    login(&mut w, "alice", "wonderland");
    assert_eq!(status(&w), 200);
}

// C3, C4 ─ a session id is issued, stored, and lands in the jar as an HttpOnly cookie.
#[test]
fn c3_c4_session_created_and_cookie_set_with_attributes() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wonderland");
    let rows = w.servers[0].memory.by_age();
    assert_eq!(rows.len(), 1);
    let sid = rows[0].sid.clone();
    assert_eq!(sid.len(), 32, "128-bit id in hex");
    assert_eq!(rows[0].user.as_deref(), Some("alice"));
    assert!(w.store_bytes() > 0);
    let set = w.last_exchange().unwrap().response.header_values(&SET_COOKIE).next().unwrap().to_string();
    assert_eq!(set, format!("sid={sid}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=28800"));
    let c = w.browser.jar.iter().find(|c| c.name == "sid").unwrap();
    assert!(c.http_only && c.secure && c.same_site == SameSite::Lax);
    assert_eq!(c.value, sid);
}

// C5 ─ the browser sends the cookie; the server looks it up.
#[test]
fn c5_cookie_sent_and_looked_up() {
    let mut w = world(AuthMode::Session);
    w.apply(Action::Me);
    assert_eq!(status(&w), 401);
    login(&mut w, "alice", "wonderland");
    let before = w.meters.lookups;
    let hops = w.apply(Action::Me);
    assert_eq!(status(&w), 200);
    assert_eq!(w.browser.page, PageView::SignedIn { user: "alice".into(), role: "user".into() });
    assert_eq!(w.meters.lookups, before + 1);
    assert!(hops[0].raw().contains("\r\nCookie: sid="));
    let answer = hops.iter().find(|h| h.from == Actor::Server(0) && h.kind == HopKind::Response).unwrap();
    assert!(answer.note_text().contains("found on A → alice"), "{}", answer.note_text());
}

// C6 ─ the server can force a logout; the browser's cookie no longer works.
#[test]
fn c6_revoking_a_session_logs_the_user_out() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wonderland");
    let sid = w.servers[0].memory.by_age()[0].sid.clone();
    w.apply(Action::RevokeSession { sid });
    assert_eq!(w.store_bytes(), 0);
    w.apply(Action::Me);
    assert_eq!(status(&w), 401);
    assert!(error_of_last(&w).contains("no such session"), "{}", error_of_last(&w));
}

#[test]
fn c6_logout_deletes_server_side_and_clears_the_cookie() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::Logout);
    assert_eq!(status(&w), 200);
    assert!(w.servers[0].memory.is_empty());
    assert!(w.browser.jar.iter().all(|c| c.name != "sid"), "Max-Age=0 removed the cookie");
    assert_eq!(w.browser.page, PageView::LoginForm);
}

// C7 ─ sessions cost server memory, growing with users.
#[test]
fn c7_store_bytes_grow_with_users() {
    let mut w = world(AuthMode::Session);
    w.apply(Action::SimulateUsers(1_000));
    let per_user = w.store_bytes() / 1_000;
    assert!((60..200).contains(&per_user), "{per_user} bytes per session");
    w.apply(Action::SimulateUsers(1_000));
    assert_eq!(w.servers[0].memory.len(), 2_000);
    assert_eq!(w.meters.bulk.ok, 2_000);
    // Token logins keep a refresh row each: the servers remember them too, but no
    // request for a page reads them.
    let mut t = world(AuthMode::Token);
    t.apply(Action::SimulateUsers(1_000));
    assert_eq!(t.db.refresh.len(), 1_000, "one refresh row per login");
    assert_eq!(t.store_bytes(), t.db.refresh.bytes());
    let per_user = t.store_bytes() / 1_000;
    assert!((60..200).contains(&per_user), "{per_user} bytes per refresh row");
    assert_eq!((t.meters.verifications, t.meters.lookups), (1_000, 0));
}

// C8 ─ behind a balancer, per-server memory loses the session.
#[test]
fn c8_second_server_does_not_know_the_session() {
    let mut w = cluster(AuthMode::Session, 2, LbPolicy::RoundRobin, StoreMode::Memory);
    login(&mut w, "alice", "wonderland");
    assert_eq!(server_of_last(&w), 0);
    w.apply(Action::Me);
    assert_eq!((server_of_last(&w), status(&w)), (1, 401));
    assert!(verdict(&w).contains("no such session on B"), "{}", verdict(&w));
    w.apply(Action::Me);
    assert_eq!((server_of_last(&w), status(&w)), (0, 200));
}

// C9 ─ sticky, shared and replicated fix C8, each at its own cost.
#[test]
fn c9_sticky_pins_the_client() {
    let mut w = cluster(AuthMode::Session, 2, LbPolicy::Sticky, StoreMode::Memory);
    login(&mut w, "alice", "wonderland");
    assert!(w.browser.jar.iter().any(|c| c.name == "lb"));
    for _ in 0..3 {
        w.apply(Action::Me);
        assert_eq!((server_of_last(&w), status(&w)), (0, 200));
    }
    // …but a restart of that server loses the session anyway
    w.apply(Action::RestartServer(0));
    w.apply(Action::Me);
    assert_eq!(status(&w), 401);
}

#[test]
fn c9_shared_store_costs_a_round_trip_per_request() {
    let mut w = cluster(AuthMode::Session, 2, LbPolicy::RoundRobin, StoreMode::Shared);
    login(&mut w, "alice", "wonderland");
    for expected_server in [1, 0, 1] {
        let hops = w.apply(Action::Me);
        assert_eq!((server_of_last(&w), status(&w)), (expected_server, 200));
        let to_store: Vec<_> = hops.iter().filter(|h| h.to == Actor::Store).collect();
        assert_eq!(to_store.len(), 1);
        assert!(to_store[0].raw().starts_with("GETEX sess:"));
        assert!(hops.iter().any(|h| h.from == Actor::Store && h.raw().starts_with('$')));
    }
    assert_eq!(w.shared.len(), 1);
    assert!(w.servers.iter().all(|s| s.memory.is_empty()));
}

#[test]
fn c9_replication_fans_writes_out() {
    let mut w = cluster(AuthMode::Session, 3, LbPolicy::RoundRobin, StoreMode::Replicated);
    let hops = { w.apply(Action::Login { username: "alice".into(), password: "wonderland".into() }) };
    let fan_out: Vec<_> = hops.iter().filter(|h| h.raw().starts_with("REPL SET")).collect();
    assert_eq!(fan_out.len(), 2, "a write goes to the two other servers");
    assert!(w.servers.iter().all(|s| s.memory.len() == 1));
    assert_eq!(w.store_bytes(), 3 * w.servers[0].memory.bytes(), "three copies cost three times");
    for _ in 0..3 {
        w.apply(Action::Me);
        assert_eq!(status(&w), 200);
    }
}

// C10, C11 ─ a signed JWT, kept by the page script, sent in a header.
#[test]
fn c10_c11_token_issued_stored_and_sent_as_bearer() {
    let mut w = world(AuthMode::Token);
    login(&mut w, "alice", "wonderland");
    let token = w.browser.local_storage.get(TOKEN_KEY).cloned().expect("token in localStorage");
    assert_eq!(token.split('.').count(), 3);
    let ins = auth_playground::sim::token::inspect(&token);
    assert_eq!(ins.header.as_ref().ok().and_then(|h| h["alg"].as_str()), Some("HS256"));
    assert_eq!(ins.payload.as_ref().ok().and_then(|p| p["sub"].as_str()), Some("alice"));
    assert!(w.browser.jar.iter().any(|c| c.name == "rt" && c.http_only), "refresh token in an HttpOnly cookie");
    let hops = w.apply(Action::Me);
    assert_eq!(status(&w), 200);
    assert!(hops[0].raw().contains(&format!("\r\nAuthorization: Bearer {token}\r\n")));
    assert!(!hops[0].raw().contains("Cookie:"), "rt is scoped to /token and not sent to /me");
    // What the server keeps: no session, one refresh row (meter-store-bytes counts it).
    assert_eq!(w.servers[0].memory.len(), 0);
    assert_eq!(w.db.refresh.len(), 1);
    assert!(w.store_bytes() > 0 && w.store_bytes() == w.db.refresh.bytes());
}

// C12 ─ any server can verify: no lookup, a signature check.
#[test]
fn c12_every_server_verifies_without_a_lookup() {
    let mut w = cluster(AuthMode::Token, 4, LbPolicy::RoundRobin, StoreMode::Memory);
    login(&mut w, "alice", "wonderland");
    let lookups = w.meters.lookups;
    for s in [1, 2, 3, 0] {
        let hops = w.apply(Action::Me);
        assert_eq!((server_of_last(&w), status(&w)), (s, 200));
        assert!(hops.iter().any(|h| h.note_text().starts_with("token OK (HS256 signature, alg, exp, iat)")));
    }
    assert_eq!(w.meters.lookups, lookups);
    assert_eq!(w.meters.verifications, 4);
}

// C13 ─ a token is bigger than a session id: more bytes per request.
#[test]
fn c13_token_requests_cost_more_bytes_than_session_requests() {
    let run = |mode| {
        let mut w = world(mode);
        login(&mut w, "alice", "wonderland");
        let before = w.meters.credential_bytes;
        for _ in 0..10 {
            w.apply(Action::Me);
        }
        (w.meters.credential_bytes - before, w.last_exchange().unwrap().bytes())
    };
    let (session_cred, session_req) = run(AuthMode::Session);
    let (token_cred, token_req) = run(AuthMode::Token);
    assert_eq!(session_cred, 10 * ("Cookie: sid=".len() + 32 + 2) as u64);
    assert!(token_cred > 5 * session_cred, "{token_cred} vs {session_cred}");
    assert!(token_req > session_req);
}

// C14 ─ a stolen token lives until exp; a stolen session id can be killed.
#[test]
fn c14_stolen_token_works_until_exp_unless_denylisted() {
    let mut w = world(AuthMode::Token);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::StealXss);
    assert!(w.attacker.best().is_some());
    w.apply(Action::Replay);
    assert_eq!(w.attacker.last_replay.as_ref().map(|r| r.status), Some(200));
    // alice logs out: her page forgets the token, but the thief's copy still works
    w.apply(Action::Logout);
    w.apply(Action::Replay);
    assert_eq!(w.attacker.last_replay.as_ref().map(|r| r.status), Some(200));
    // …until it expires
    w.apply(Action::Advance(15 * MINUTE));
    w.apply(Action::Replay);
    let r = w.attacker.last_replay.clone().unwrap();
    assert_eq!(r.status, 401);
    let why = r.outcome.as_ref().map(ToString::to_string).unwrap_or_default();
    assert!(why.contains("expired"), "{why}");
}

#[test]
fn c14_denylist_or_key_rotation_stops_a_stolen_token() {
    let mut w = world(AuthMode::Token);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::StealXss);
    let token = w.browser.local_storage.get(TOKEN_KEY).cloned().unwrap();
    let jti = auth_playground::sim::token::inspect(&token).payload.unwrap()["jti"].as_str().unwrap().to_string();
    w.apply(Action::RevokeToken { jti });
    w.apply(Action::Replay);
    assert_eq!(w.attacker.last_replay.as_ref().map(|r| r.status), Some(401));
    assert!(w.attacker.last_replay.as_ref().and_then(|r| r.outcome.as_ref()).unwrap().to_string().contains("revoked"));

    let mut w = world(AuthMode::Token);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::StealXss);
    w.apply(Action::RotateKey { server: None, graceful: false });
    w.apply(Action::Replay);
    assert_eq!(w.attacker.last_replay.as_ref().map(|r| r.status), Some(401));
}

#[test]
fn c14_stolen_session_dies_when_revoked() {
    let mut w = cluster(AuthMode::Session, 1, LbPolicy::RoundRobin, StoreMode::Memory);
    w.apply(Action::SetTransport(Transport::Http));
    login(&mut w, "alice", "wonderland");
    w.apply(Action::Me);
    w.apply(Action::StealSniff);
    w.apply(Action::Replay);
    assert_eq!(w.attacker.last_replay.as_ref().map(|r| r.status), Some(200), "{:?}", w.attacker);
    let sid = w.servers[0].memory.by_age()[0].sid.clone();
    w.apply(Action::RevokeSession { sid });
    w.apply(Action::Replay);
    assert_eq!(w.attacker.last_replay.as_ref().map(|r| r.status), Some(401));
}

#[test]
fn c14_httponly_keeps_the_session_id_from_xss_and_https_from_sniffing() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::StealXss);
    assert!(w.attacker.best().is_none(), "sid is HttpOnly: {:?}", w.attacker.loot);
    assert!(w.attacker.last_attempt.as_ref().unwrap().to_string().contains("HttpOnly kept sid"));
    w.apply(Action::StealSniff);
    assert!(w.attacker.best().is_none(), "https: nothing readable");
    w.apply(Action::Replay);
    assert_eq!(w.attacker.last_replay.as_ref().map(|r| r.status), Some(401));
}

// C15 ─ authentication (401) vs authorization (403).
#[test]
fn c15_me_needs_a_user_admin_needs_a_role() {
    for mode in [AuthMode::Session, AuthMode::Token] {
        let mut w = world(mode);
        w.apply(Action::Admin);
        assert_eq!(status(&w), 401, "{mode}");
        login(&mut w, "alice", "wonderland");
        w.apply(Action::Admin);
        assert_eq!(status(&w), 403, "{mode}");
        assert_eq!(error_of_last(&w), "admins only: alice is a user");
        w.apply(Action::Logout);
        login(&mut w, "bob", "builder");
        w.apply(Action::Admin);
        assert_eq!(status(&w), 200, "{mode}");
        assert!(matches!(w.browser.page, PageView::Admin { .. }));
    }
}

#[test]
fn token_401_carries_www_authenticate() {
    let mut w = world(AuthMode::Token);
    w.apply(Action::SendToken { token: "not.a.jwt".into() });
    assert_eq!(status(&w), 401);
    let res = &w.last_exchange().unwrap().response;
    assert!(res.headers.get(WWW_AUTHENTICATE).is_some());
}

// Tamper: change the role in the payload and send it.
#[test]
fn tampered_role_is_rejected_with_a_signature_reason() {
    let mut w = world(AuthMode::Token);
    login(&mut w, "alice", "wonderland");
    let token = w.browser.local_storage.get(TOKEN_KEY).cloned().unwrap();
    let mut payload = auth_playground::sim::token::inspect(&token).payload.unwrap();
    payload["role"] = "admin".into();
    let forged = auth_playground::sim::token::tamper_payload(&token, &payload.to_string()).unwrap();
    w.apply(Action::SendToken { token: forged });
    assert_eq!(status(&w), 401);
    assert!(error_of_last(&w).contains("signature"), "{}", error_of_last(&w));
}

#[test]
fn a_pasted_token_with_a_newline_is_refused_by_the_browser() {
    let mut w = world(AuthMode::Token);
    let hops = w.apply(Action::SendToken { token: "abc\r\nX-Admin: yes".into() });
    assert!(hops.is_empty());
    assert!(matches!(w.browser.page, PageView::Error { status: 0, .. }));
}

// Expiry on the virtual clock.
#[test]
fn sessions_expire_idle_and_slide_when_used() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::Advance(10 * MINUTE));
    w.apply(Action::Me);
    assert_eq!(status(&w), 200);
    w.apply(Action::Advance(10 * MINUTE));
    w.apply(Action::Me);
    assert_eq!(status(&w), 200, "the first /me slid the idle timeout");
    w.apply(Action::Advance(16 * MINUTE));
    assert!(w.servers[0].memory.is_empty(), "purged when time moved");
    w.apply(Action::Me);
    assert_eq!(status(&w), 401);
}

#[test]
fn access_token_expires_and_refresh_rotates_with_reuse_detection() {
    let mut w = world(AuthMode::Token);
    login(&mut w, "alice", "wonderland");
    let first_rt = w.browser.jar.iter().find(|c| c.name == "rt").unwrap().value.clone();
    w.apply(Action::Advance(15 * MINUTE + SECOND));
    w.apply(Action::Me);
    assert_eq!(status(&w), 401);
    assert!(error_of_last(&w).contains("expired"));
    w.apply(Action::Refresh);
    assert_eq!(status(&w), 200);
    let second_rt = w.browser.jar.iter().find(|c| c.name == "rt").unwrap().value.clone();
    assert_ne!(first_rt, second_rt, "rotated");
    w.apply(Action::Me);
    assert_eq!(status(&w), 200);
    // a thief replays the first refresh token from their own browser: reuse detected,
    // the family dies
    w.apply(Action::AttackerSend {
        method: http::Method::POST,
        target: "/token/refresh".into(),
        credential: Some(Credential::Cookie { name: "rt".into(), value: first_rt.clone() }),
    });
    let theft = w.last_exchange().unwrap();
    assert_eq!(theft.actor, Actor::Attacker);
    assert_eq!(theft.request.headers.get_all(http::header::COOKIE).iter().count(), 1, "RFC 6265 §5.4");
    assert_eq!(status(&w), 401);
    assert!(error_of_last(&w).contains("reuse"));
    // alice's access token still works until its exp: only refresh tokens are revoked
    w.apply(Action::Me);
    assert_eq!(status(&w), 200);
    w.apply(Action::Refresh);
    assert_eq!(status(&w), 401, "the legitimate newer token is revoked too");
    assert!(error_of_last(&w).contains("revoked"));
    let sent = w.last_exchange().unwrap();
    assert!(
        sent.request.header(&http::header::COOKIE).is_some_and(|c| c.starts_with("rt=")),
        "alice still sent her rt"
    );
}

#[test]
fn rotating_one_servers_key_makes_its_verdict_differ() {
    let mut w = cluster(AuthMode::Token, 2, LbPolicy::RoundRobin, StoreMode::Memory);
    login(&mut w, "alice", "wonderland"); // signed by A with k1
    w.apply(Action::RotateKey { server: Some(1), graceful: false });
    w.apply(Action::Me); // → B
    assert_eq!((server_of_last(&w), status(&w)), (1, 401));
    w.apply(Action::Me); // → A
    assert_eq!((server_of_last(&w), status(&w)), (0, 200));
    // graceful rotation everywhere keeps old tokens working
    let mut g = cluster(AuthMode::Token, 2, LbPolicy::RoundRobin, StoreMode::Memory);
    login(&mut g, "alice", "wonderland");
    g.apply(Action::RotateKey { server: None, graceful: true });
    for _ in 0..2 {
        g.apply(Action::Me);
        assert_eq!(status(&g), 200);
    }
    login(&mut g, "alice", "wonderland");
    let token = g.browser.local_storage.get(TOKEN_KEY).cloned().unwrap();
    let kid = auth_playground::sim::token::inspect(&token).header.unwrap()["kid"].as_str().unwrap().to_string();
    assert_eq!(kid, "k2");
}

// SameSite / CSRF.
#[test]
fn cross_site_post_carries_no_lax_cookie_and_no_bearer() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wonderland");
    let hops = w.apply(Action::CrossSite);
    assert!(!hops[0].raw().contains("Cookie:"), "{}", hops[0].raw());
    assert!(hops[0].raw().contains("Origin: https://evil.example"));
    assert!(hops[0].raw().ends_with("to=mallory&miles=5000"), "a complete form: {}", hops[0].raw());
    assert!(hops[0].note_text().contains("SameSite"), "{}", hops[0].note_text());
    assert_eq!(status(&w), 401);

    let mut t = world(AuthMode::Token);
    login(&mut t, "alice", "wonderland");
    let hops = t.apply(Action::CrossSite);
    assert!(!hops[0].raw().contains("Authorization:"));
}

// Transport.
#[test]
fn over_http_the_cookie_is_not_secure_and_sniffing_reads_it() {
    let mut w = world(AuthMode::Session);
    w.apply(Action::SetTransport(Transport::Http));
    login(&mut w, "alice", "wonderland");
    let c = w.browser.jar.iter().find(|c| c.name == "sid").unwrap();
    assert!(!c.secure);
    w.apply(Action::StealSniff);
    assert!(w.attacker.best().is_some());
}

#[test]
fn a_secure_cookie_is_not_sent_over_http() {
    let mut w = world(AuthMode::Session);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::SetTransport(Transport::Http));
    let hops = w.apply(Action::Me);
    assert!(!hops[0].raw().contains("Cookie: sid"));
    assert!(hops[0].note_text().contains("sid not sent"), "{}", hops[0].note_text());
    assert_eq!(status(&w), 401);
}

// Server limits and routing.
#[test]
fn server_limits_404_405_413_431() {
    let mut w = world(AuthMode::Session);
    let custom = |method: http::Method, target: &str, body: String, headers: Vec<(String, String)>| Action::Custom {
        method,
        target: target.into(),
        body,
        headers,
    };
    w.apply(custom(http::Method::GET, "/nope", String::new(), vec![]));
    assert_eq!(status(&w), 404);
    w.apply(custom(http::Method::DELETE, "/me", String::new(), vec![]));
    assert_eq!(status(&w), 405);
    assert_eq!(w.last_exchange().unwrap().response.headers.get(http::header::ALLOW).unwrap(), "GET");
    w.apply(custom(http::Method::POST, "/login", "x".repeat(17_000), vec![]));
    assert_eq!(status(&w), 413);
    w.apply(custom(http::Method::GET, "/me", String::new(), vec![("x-big".into(), "y".repeat(9_000))]));
    assert_eq!(status(&w), 431);
    w.apply(custom(http::Method::POST, "/login", "{not json".into(), vec![]));
    assert_eq!(status(&w), 400);
}

// Stateless mode.
#[test]
fn stateless_login_is_forgotten_at_once() {
    let mut w = world(AuthMode::Stateless);
    login(&mut w, "alice", "wonderland");
    assert_eq!(status(&w), 200);
    w.apply(Action::Me);
    assert_eq!(status(&w), 401);
    assert!(w.browser.jar.is_empty() && w.browser.local_storage.is_empty());
}

// Meters equal the hops.
#[test]
fn meters_are_sums_of_hops() {
    let mut w = cluster(AuthMode::Session, 2, LbPolicy::RoundRobin, StoreMode::Shared);
    let mut total = 0u64;
    for a in [
        Action::QuoteFlight { to: "jeju".into() },
        Action::Login { username: "alice".into(), password: "wonderland".into() },
        Action::Me,
        Action::StealXss,
        Action::Replay,
        Action::Logout,
    ] {
        total += w.apply(a).iter().map(|h| h.bytes as u64).sum::<u64>();
        assert_eq!(w.meters.total_bytes, total);
    }
    let client_side: u64 = w.exchanges.iter().map(|e| e.bytes() as u64).sum();
    assert!(client_side < total, "internal hops are counted too");
    for e in &w.exchanges {
        assert_eq!(e.request.raw().len() + e.response.raw().len(), e.bytes());
        assert!(e.request.header(&AUTHORIZATION).is_none());
    }
}

#[test]
fn the_same_seed_replays_identically() {
    let run = || {
        let mut w = cluster(AuthMode::Session, 3, LbPolicy::Random, StoreMode::Memory);
        let mut hops = Vec::new();
        for _ in 0..3 {
            hops.extend(w.apply(Action::Login { username: "bob".into(), password: "builder".into() }));
            hops.extend(w.apply(Action::Me));
        }
        hops
    };
    assert_eq!(run(), run());
}

#[test]
fn changing_settings_mid_run_behaves_like_a_real_system() {
    let mut w = cluster(AuthMode::Session, 1, LbPolicy::RoundRobin, StoreMode::Memory);
    login(&mut w, "alice", "wonderland");
    w.apply(Action::SetServers(2));
    assert!(w.servers[1].memory.is_empty(), "a new server starts empty");
    assert_eq!(w.servers[0].memory.len(), 1);
    w.apply(Action::SetStore(StoreMode::Replicated));
    assert_eq!(w.servers[0].memory.len(), 1, "memory survives into replication");
    w.apply(Action::SetStore(StoreMode::Shared));
    assert_eq!(w.store_bytes(), 0, "the shared store starts empty");
    w.apply(Action::SetServers(1));
    assert_eq!(w.servers.len(), 1);
}

/// Hops keep their HTTP messages and render the text only when asked: the size computed
/// when the hop was made is the rendered text's length, for every hop of every
/// configuration — including a request that already carries the balancer's headers
/// (rendered at once) and the sticky balancer's changed answer.
#[test]
fn every_hop_size_is_its_rendered_length() {
    let base = World::new(3, Config::default());
    let mut hops_seen = 0;
    for mode in [AuthMode::Stateless, AuthMode::Session, AuthMode::Token] {
        for store in [StoreMode::Memory, StoreMode::Shared, StoreMode::Replicated] {
            for lb in [LbPolicy::RoundRobin, LbPolicy::Random, LbPolicy::Sticky] {
                for transport in [Transport::Https, Transport::Http] {
                    let mut w = base.clone();
                    for a in [
                        Action::SetMode(mode),
                        Action::SetServers(3),
                        Action::SetStore(store),
                        Action::SetLb(lb),
                        Action::SetTransport(transport),
                    ] {
                        w.apply(a);
                    }
                    let script = [
                        Action::Visit,
                        Action::QuoteFlight { to: "jeju".into() },
                        Action::Login { username: "alice".into(), password: "wonderland".into() },
                        Action::Me,
                        Action::BuyFlight { count: 2 },
                        Action::Custom {
                            method: http::Method::POST,
                            target: "/flights/buy".into(),
                            body: "{\"count\":1,\"to\":\"busan\"}".into(),
                            headers: vec![("X-Forwarded-For".into(), "10.0.0.1".into())],
                        },
                        Action::Admin,
                        Action::StealSniff,
                        Action::Replay,
                        Action::Refresh,
                        Action::Logout,
                        Action::Me,
                    ];
                    for a in script {
                        for h in w.apply(a.clone()) {
                            assert_eq!(h.bytes, h.raw().len(), "{a:?}: {} {}", h.label, h.raw());
                            hops_seen += 1;
                        }
                    }
                    for e in &w.exchanges {
                        let (first, last) = (&e.hops[0], &e.hops[e.hops.len() - 1]);
                        assert_eq!(first.raw(), e.request.raw(), "the request as sent");
                        assert_eq!(last.raw(), e.response.raw(), "the response as received");
                    }
                }
            }
        }
    }
    assert!(hops_seen > 2_000, "{hops_seen}");
}
