//! The three labs beyond the article, pinned rule by rule: CSRF and SameSite (the outcome
//! table of issue 17, RFC 6265bis §5.4.7 / §8.8), where the token lives (XSS, reload,
//! CSRF), and "log in with auth.example" (OAuth 2.0, RFC 6749; PKCE, RFC 7636; OpenID
//! Connect Core 1.0). Each test drives the world through `Action`s, as the page does.

use auth_playground::sim::attacker::Credential;
use auth_playground::sim::browser::{PageView, TOKEN_KEY};
use auth_playground::sim::config::{AuthMode, Config, CsrfDefence, SameSitePolicy, TokenStore, IDP_HOST, SITE_HOST};
use auth_playground::sim::exchange::Exchange;
use auth_playground::sim::hop::Actor;
use auth_playground::sim::note::{BrowserNote, Note, OidcNote, SiteNote};
use auth_playground::sim::{Action, World};
use http::header::{AUTHORIZATION, COOKIE, LOCATION, ORIGIN};

fn world(config: Config) -> World {
    World::new(17, config)
}

fn alice(w: &mut World) {
    w.apply(Action::Login { username: "alice".into(), password: "wonderland".into() });
    assert_eq!(status(w), 200, "alice logs in");
}

fn last(w: &World) -> &Exchange {
    w.last_exchange().expect("an exchange")
}

fn status(w: &World) -> u16 {
    last(w).response.status.as_u16()
}

fn session(samesite: SameSitePolicy, csrf: CsrfDefence) -> Config {
    Config { mode: AuthMode::Session, samesite, csrf, ..Config::default() }
}

fn token(store: TokenStore, samesite: SameSitePolicy) -> Config {
    Config { mode: AuthMode::Token, token_store: store, samesite, ..Config::default() }
}

/// The note the browser left on the forged request: which cookies it held back, and why.
fn withheld(ex: &Exchange) -> Vec<String> {
    match ex.hops.first().and_then(|h| h.note.as_ref()) {
        Some(Note::Browser(BrowserNote::Sent(s))) => s.withheld.iter().map(|(n, why)| format!("{n}: {why}")).collect(),
        _ => Vec::new(),
    }
}

// ---------------------------------------------------------------------------
// Lab 1: CSRF and SameSite
// ---------------------------------------------------------------------------

/// Issue 17's outcome table for evil.example's forged, complete form POST to
/// `/miles/transfer`, one row per line.
#[test]
fn the_forged_post_against_every_defence() {
    use CsrfDefence as D;
    use SameSitePolicy as S;
    let rows: [(&str, Config, u16); 7] = [
        ("session, SameSite=None, no defence", session(S::None, D::None), 200),
        ("session, SameSite=Lax", session(S::Lax, D::None), 401),
        ("session, SameSite=Strict", session(S::Strict, D::None), 401),
        ("session, None + synchroniser token", session(S::None, D::Token), 403),
        ("session, None + Origin check", session(S::None, D::Origin), 403),
        ("token in localStorage (Bearer)", token(TokenStore::Local, S::None), 401),
        ("token in a cookie, None, no defence", token(TokenStore::Cookie, S::None), 200),
    ];
    for (what, config, want) in rows {
        let mut w = world(config);
        alice(&mut w);
        w.apply(Action::CrossSite);
        let ex = last(&w);
        assert_eq!(ex.request.path(), "/miles/transfer", "{what}");
        assert_eq!(ex.request.header(&ORIGIN), Some("https://evil.example"), "{what}: the browser names the origin");
        assert!(ex.request.body.contains("to=mallory") && ex.request.body.contains("miles=5000"), "{what}");
        assert_eq!(status(&w), want, "{what}: {:?}", ex.verdict().map(ToString::to_string));
        // the Bearer header is the page script's: no form carries it
        assert!(!ex.request.headers.contains_key(AUTHORIZATION), "{what}");
        let kept = w.db.miles("alice");
        assert_eq!(kept, if want == 200 { 7_000 } else { 12_000 }, "{what}: alice's miles");
    }
}

/// A Lax or Strict cookie is withheld from the forged POST, and the browser says why
/// (the reason the stage shows on the struck-out chip).
#[test]
fn the_withheld_cookie_carries_its_reason() {
    for (samesite, reason) in [(SameSitePolicy::Lax, "SameSite=Lax"), (SameSitePolicy::Strict, "SameSite=Strict")] {
        let mut w = world(session(samesite, CsrfDefence::None));
        alice(&mut w);
        w.apply(Action::CrossSite);
        assert!(!last(&w).request.headers.contains_key(COOKIE));
        let why = withheld(last(&w));
        assert!(why.iter().any(|w| w.starts_with("sid: ") && w.contains(reason)), "{why:?}");
    }
}

/// With each defence on, the site's own page still gets through: the synchroniser token
/// travels in `X-CSRF-Token`, the Origin is the site's own.
#[test]
fn the_defences_let_the_site_s_own_page_through() {
    for csrf in [CsrfDefence::Token, CsrfDefence::Origin] {
        let mut w = world(session(SameSitePolicy::None, csrf));
        alice(&mut w);
        w.apply(Action::TransferMiles { to: "bob".into(), miles: 500 });
        assert_eq!(status(&w), 200, "{csrf:?}: {:?}", last(&w).verdict().map(ToString::to_string));
        assert_eq!(w.db.miles("alice"), 11_500);
        assert_eq!(w.db.miles("bob"), 12_500);
        if csrf == CsrfDefence::Token {
            let sent = last(&w).request.header(&http::HeaderName::from_static("x-csrf-token")).map(str::to_string);
            assert!(sent.is_some_and(|t| t.len() == 32), "the page sent its token");
        }
    }
    // token in a cookie: the token is derived from the access token's jti
    let mut w = world(Config { csrf: CsrfDefence::Token, ..token(TokenStore::Cookie, SameSitePolicy::None) });
    alice(&mut w);
    w.apply(Action::TransferMiles { to: "bob".into(), miles: 500 });
    assert_eq!(status(&w), 200);
    w.apply(Action::CrossSite);
    assert_eq!(status(&w), 403);
    assert!(matches!(last(&w).verdict(), Some(Note::Site(SiteNote::CsrfRefused(_)))));
}

/// RFC 6265bis §5.4.7.1: Lax cookies go with a top-level GET started on another site
/// (a link); Strict ones do not.
#[test]
fn a_cross_site_link_carries_lax_but_not_strict() {
    for (samesite, want) in [(SameSitePolicy::Lax, 200), (SameSitePolicy::Strict, 401), (SameSitePolicy::None, 200)] {
        let mut w = world(session(samesite, CsrfDefence::None));
        alice(&mut w);
        w.apply(Action::CrossSiteLink);
        assert_eq!(last(&w).request.method, http::Method::GET);
        assert_eq!(status(&w), want, "{samesite:?}");
    }
}

/// The login cookie carries the configured attribute; `None` needs `Secure` (RFC
/// 6265bis §5.6.7), so over plain http the browser refuses it.
#[test]
fn the_samesite_knob_is_the_cookie_s_attribute() {
    use auth_playground::sim::cookie_jar::SameSite;
    for (knob, attr) in [
        (SameSitePolicy::Strict, SameSite::Strict),
        (SameSitePolicy::Lax, SameSite::Lax),
        (SameSitePolicy::None, SameSite::None),
    ] {
        let mut w = world(session(knob, CsrfDefence::None));
        alice(&mut w);
        let sid = w.browser.jar.iter().find(|c| c.name == "sid").expect("sid");
        assert_eq!(sid.same_site, attr);
    }
    let mut w = world(Config {
        transport: auth_playground::sim::config::Transport::Http,
        ..session(SameSitePolicy::None, CsrfDefence::None)
    });
    alice(&mut w);
    assert!(w.browser.jar.iter().all(|c| c.name != "sid"), "SameSite=None without Secure is refused");
}

// ---------------------------------------------------------------------------
// Lab 2: where the token lives
// ---------------------------------------------------------------------------

#[test]
fn local_storage_is_read_by_xss() {
    let mut w = world(token(TokenStore::Local, SameSitePolicy::Lax));
    alice(&mut w);
    w.apply(Action::StealXss);
    assert!(matches!(w.attacker.best(), Some(Credential::Bearer(_))));
}

/// Memory: no script reads it from storage; a reload loses it and the page refreshes
/// it silently with the HttpOnly `rt` cookie (`/token/refresh` 200, then `GET /me` 200).
#[test]
fn memory_survives_xss_and_a_reload_refreshes_it() {
    let mut w = world(token(TokenStore::Memory, SameSitePolicy::Lax));
    alice(&mut w);
    assert!(w.browser.memory.is_some() && !w.browser.local_storage.contains_key(TOKEN_KEY));
    w.apply(Action::Me);
    assert_eq!(status(&w), 200);
    assert!(last(&w).request.headers.contains_key(AUTHORIZATION), "the page sends it from memory");
    w.apply(Action::StealXss);
    assert_eq!(w.attacker.best(), None, "nothing readable: {:?}", w.attacker.loot);
    let before = w.exchange_count;
    w.apply(Action::Reload);
    let new: Vec<(&str, u16)> =
        w.exchanges.iter().filter(|e| e.id > before).map(|e| (e.request.path(), e.response.status.as_u16())).collect();
    assert_eq!(new, [("/token/refresh", 200), ("/me", 200)]);
    assert!(w.browser.memory.is_some());
    assert!(matches!(w.browser.page, PageView::SignedIn { .. }));
}

/// Local storage and cookies survive a reload: the page asks `GET /me` and gets 200.
#[test]
fn local_storage_and_cookies_survive_a_reload() {
    for config in [
        token(TokenStore::Local, SameSitePolicy::Lax),
        token(TokenStore::Cookie, SameSitePolicy::Lax),
        session(SameSitePolicy::Lax, CsrfDefence::None),
    ] {
        let mut w = world(config);
        alice(&mut w);
        let before = w.exchange_count;
        w.apply(Action::Reload);
        let paths: Vec<&str> = w.exchanges.iter().filter(|e| e.id > before).map(|e| e.request.path()).collect();
        assert_eq!(paths, ["/me"], "{config:?}");
        assert_eq!(status(&w), 200);
    }
}

/// Cookie: the JWT is an HttpOnly cookie, so XSS reads nothing, and no page script adds
/// a header; the browser attaches it by itself, to forged requests too (see lab 1).
#[test]
fn a_token_cookie_hides_from_xss_but_rides_on_every_request() {
    let mut w = world(token(TokenStore::Cookie, SameSitePolicy::Lax));
    alice(&mut w);
    let at = w.browser.jar.iter().find(|c| c.name == "at").expect("the at cookie");
    assert!(at.http_only && at.secure);
    assert!(w.browser.local_storage.is_empty() && w.browser.memory.is_none());
    w.apply(Action::StealXss);
    assert_eq!(w.attacker.best(), None);
    w.apply(Action::Me);
    assert_eq!(status(&w), 200);
    assert!(!last(&w).request.headers.contains_key(AUTHORIZATION));
    assert!(last(&w).request.header(&COOKIE).is_some_and(|c| c.contains("at=eyJ")));
    // the injected script's own request rides on it too
    w.apply(Action::XssRequest);
    assert_eq!(status(&w), 200);
}

// ---------------------------------------------------------------------------
// Lab 3: log in with auth.example
// ---------------------------------------------------------------------------

fn login_idp(w: &mut World) {
    w.apply(Action::LoginIdp { username: "alice".into(), password: "wonderland".into() });
}

/// The whole code flow: the authorization request with every parameter, auth.example's
/// own session cookie, the code and state back, the back channel with the verifier, and
/// an ordinary session cookie at the site at the end.
#[test]
fn the_code_flow_with_pkce_ends_in_an_ordinary_session() {
    let mut w = world(session(SameSitePolicy::Lax, CsrfDefence::None));
    login_idp(&mut w);
    let ex: Vec<&Exchange> = w.exchanges.iter().collect();
    let line = |e: &Exchange| format!("{} {}{}", e.request.method, e.request.host(), e.request.path());
    let lines: Vec<String> = ex.iter().map(|e| format!("{} {}", line(e), e.response.status.as_u16())).collect();
    assert_eq!(
        lines,
        [
            "GET playground.example/login/idp 302",
            "GET auth.example/authorize 200",
            "POST auth.example/login 302",
            "GET playground.example/callback 302",
            "GET playground.example/ 200",
            "GET playground.example/me 200",
        ]
    );
    // 1. the authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1)
    let location = ex[0].response.header_values(&LOCATION).next().expect("a redirect");
    assert!(location.starts_with("https://auth.example/authorize?"));
    for p in [
        "response_type=code",
        "client_id=playground",
        "redirect_uri=https%3A%2F%2Fplayground.example%2Fcallback",
        "scope=openid",
        "state=",
        "nonce=",
        "code_challenge=",
        "code_challenge_method=S256",
    ] {
        assert!(location.contains(p), "{p} in {location}");
    }
    assert!(!location.contains("code_verifier"), "the verifier never leaves the server before the back channel");
    // 2. auth.example's own session cookie, for its host only
    let idp_sid = w.browser.jar.iter().find(|c| c.name == "idp_sid").expect("idp_sid");
    assert_eq!(idp_sid.domain, IDP_HOST);
    assert!(idp_sid.host_only && idp_sid.http_only);
    // 3. back with code and state, as a navigation started on another site
    let callback = &ex[3].request;
    assert!(callback.target.contains("code=") && callback.target.contains("state="));
    // 4. the back channel: a hop server → idp carrying the verifier, and its answer
    let back: Vec<_> = ex[3].hops.iter().filter(|h| h.from == Actor::Server(0) && h.to == Actor::Idp).collect();
    assert_eq!(back.len(), 1);
    let raw = back[0].raw();
    assert!(raw.starts_with("POST /token HTTP/1.1\r\nHost: auth.example\r\n"), "{raw}");
    assert!(raw.contains("code_verifier=") && raw.contains("grant_type=authorization_code"), "{raw}");
    assert!(raw.contains("Authorization: Basic "), "client authentication: {raw}");
    assert!(ex[3].hops.iter().any(|h| h.from == Actor::Idp && h.to == Actor::Server(0)));
    // 5–6. an ordinary session at the site, the provider's tokens kept on the server
    let sid = w.browser.jar.iter().find(|c| c.name == "sid").expect("sid");
    assert_eq!(sid.domain, SITE_HOST);
    assert!(w.browser.jar.iter().all(|c| c.name != "oauth_tx"), "the login's cookie is cleared");
    let s = w.servers[0].memory.get(&sid.value).expect("the session");
    assert_eq!(s.user.as_deref(), Some("alice"));
    assert!(s.upstream.as_ref().is_some_and(|u| u.id_token.split('.').count() == 3));
    assert!(matches!(w.browser.page, PageView::SignedIn { .. }));
    assert!(matches!(ex[3].verdict(), Some(Note::Oidc(OidcNote::SignedIn { .. }))));
    // the browser's requests to both hosts are in the network list and the HAR
    let har = auth_playground::sim::export::har(&w.exchanges, &w.config);
    assert!(har.contains("https://auth.example/authorize?") && har.contains("https://playground.example/callback?"));
}

/// With a session at auth.example already, the next login needs no password.
#[test]
fn a_second_login_uses_auth_example_s_session() {
    let mut w = world(session(SameSitePolicy::Lax, CsrfDefence::None));
    login_idp(&mut w);
    w.apply(Action::Logout);
    let before = w.exchange_count;
    w.apply(Action::IdpAuthorize);
    let paths: Vec<String> = w
        .exchanges
        .iter()
        .filter(|e| e.id > before)
        .map(|e| format!("{}{}", e.request.host(), e.request.path()))
        .collect();
    assert_eq!(paths[..3], ["playground.example/login/idp", "auth.example/authorize", "playground.example/callback"]);
}

/// RFC 6749 §10.12: a callback whose state is not this browser's login's is refused
/// before any code is redeemed (login CSRF).
#[test]
fn a_forged_callback_fails_the_state_check() {
    let mut w = world(session(SameSitePolicy::Lax, CsrfDefence::None));
    w.apply(Action::IdpAuthorize);
    let before = w.exchange_count;
    w.apply(Action::ForgedCallback);
    let cb = last(&w);
    assert_eq!(cb.actor, Actor::Browser);
    assert_eq!(cb.request.path(), "/callback");
    assert_eq!(status(&w), 400);
    assert!(matches!(cb.verdict(), Some(Note::Oidc(OidcNote::StateMismatch { .. }))));
    assert!(!cb.hops.iter().any(|h| h.to == Actor::Idp), "no back channel for a forged state");
    assert!(w.browser.jar.iter().all(|c| c.name != "sid"), "the browser is not signed in as mallory");
    // the attacker got a code for their own account first
    assert!(w
        .exchanges
        .iter()
        .filter(|e| e.id > before)
        .any(|e| e.actor == Actor::Attacker && e.request.host() == IDP_HOST));
}

/// RFC 7636 §4.6: an intercepted code redeemed without its login's verifier is
/// `invalid_grant`.
#[test]
fn an_intercepted_code_is_worthless_without_its_verifier() {
    let mut w = world(session(SameSitePolicy::Lax, CsrfDefence::None));
    w.apply(Action::WatchCallback { stop: true });
    login_idp(&mut w);
    assert!(matches!(&w.browser.page, PageView::Error { status: 0, .. }), "the redirect was stopped");
    assert!(w.attacker.code().is_some());
    w.apply(Action::InjectCode);
    assert_eq!(last(&w).actor, Actor::Attacker);
    assert_eq!(status(&w), 400);
    let said = last(&w).verdict().map(ToString::to_string).unwrap_or_default();
    assert!(said.contains("invalid_grant") && said.contains("code_verifier does not match"), "{said}");
    assert!(w.attacker.last_replay.as_ref().is_some_and(|r| r.status == 400));
    // the code is still unused: it was never redeemed
    assert!(w.idp.as_ref().is_some_and(|i| i.grants.values().all(|g| !g.used)));
}

/// RFC 6749 §4.1.2: a code used twice is refused, and what was issued for it revoked.
#[test]
fn a_replayed_code_is_refused_and_its_tokens_revoked() {
    let mut w = world(session(SameSitePolicy::Lax, CsrfDefence::None));
    w.apply(Action::WatchCallback { stop: false });
    login_idp(&mut w);
    assert!(matches!(w.browser.page, PageView::SignedIn { .. }), "alice's login went through");
    w.apply(Action::InjectCode);
    assert_eq!(status(&w), 400);
    let said = last(&w).verdict().map(ToString::to_string).unwrap_or_default();
    assert!(said.contains("invalid_grant") && said.contains("already used"), "{said}");
    assert!(w.idp.as_ref().is_some_and(|i| i.grants.values().any(|g| g.used && g.revoked)));
}
