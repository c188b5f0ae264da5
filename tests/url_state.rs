//! The page's URL parameters: good values are taken, bad ones leave the default in place
//! and become a notice the page shows.

use auth_playground::sim::config::{AuthMode, CsrfDefence, LbPolicy, SameSitePolicy, StoreMode, TokenStore, Transport};
use auth_playground::ui::i18n::Lang;
use auth_playground::ui::url_state::{parse, Theme, UrlState};

#[test]
fn no_parameters_gives_the_defaults_and_no_notice() {
    let (state, notices) = parse("", "");
    assert_eq!(state, UrlState::default());
    assert_eq!(state.mode, AuthMode::Session);
    assert_eq!(state.servers, 1);
    assert!(notices.is_empty());
}

#[test]
fn every_contract_parameter_is_read() {
    let (s, notices) = parse(
        "?mode=token&servers=3&lb=sticky&store=shared&transport=http&scenario=session-scale-out&step=3&lang=ko&theme=dark&embed=1",
        "",
    );
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.mode, AuthMode::Token);
    assert_eq!(s.servers, 3);
    assert_eq!(s.lb, LbPolicy::Sticky);
    assert_eq!(s.store, StoreMode::Shared);
    assert_eq!(s.transport, Transport::Http);
    assert_eq!(s.scenario, Some("session-scale-out"));
    assert_eq!(s.step, Some(3));
    assert_eq!(s.lang, Some(Lang::Ko));
    assert_eq!(s.theme, Some(Theme::Dark));
    assert!(s.embed);
}

/// The labs' knobs (`samesite`, `csrf`, `token_store`) and their scenario ids.
#[test]
fn the_labs_parameters_are_read() {
    let (s, notices) = parse("?samesite=none&csrf=origin&token_store=memory&scenario=oauth-pkce", "");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.samesite, SameSitePolicy::None);
    assert_eq!(s.csrf, CsrfDefence::Origin);
    assert_eq!(s.token_store, TokenStore::Memory);
    assert_eq!(s.scenario, Some("oauth-pkce"));
    for id in ["csrf-samesite", "token-storage", "oauth-pkce"] {
        assert_eq!(parse(&format!("scenario={id}"), "").0.scenario, Some(id));
    }
    let (d, _) = parse("", "");
    assert_eq!((d.samesite, d.csrf, d.token_store), (SameSitePolicy::Lax, CsrfDefence::None, TokenStore::Local));
    let (bad, notices) = parse("?samesite=lax2&csrf=TOKEN&token_store=session", "");
    assert_eq!(bad, UrlState::default());
    let said: Vec<String> = notices.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "ignored samesite=\"lax2\": expected strict, lax or none",
            "ignored csrf=\"TOKEN\": expected none, token or origin",
            "ignored token_store=\"session\": expected local, memory or cookie",
        ]
    );
}

#[test]
fn the_fragment_wins_over_the_query() {
    let (s, notices) = parse("?mode=token&lang=en", "#mode=stateless");
    assert!(notices.is_empty());
    assert_eq!(s.mode, AuthMode::Stateless);
    assert_eq!(s.lang, Some(Lang::En));
}

#[test]
fn bad_values_keep_the_default_and_say_so() {
    let (s, notices) = parse("?mode=cookie&servers=9&lb=&step=0&lang=fr&scenario=nope&theme=blue", "");
    assert_eq!(s, UrlState::default());
    let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
    assert_eq!(params, ["mode", "servers", "lb", "step", "lang", "scenario", "theme"]);
    let first = notices[0].to_string();
    assert!(
        first.contains("mode") && first.contains("cookie") && first.contains("stateless, session or token"),
        "{first}"
    );
}

#[test]
fn unknown_parameters_are_reported_but_harmless() {
    let (s, notices) = parse("?utm_source=blog&mode=token", "");
    assert_eq!(s.mode, AuthMode::Token);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].to_string(), "ignored unknown parameter utm_source");
}

#[test]
fn percent_escapes_are_decoded_and_garbage_does_not_panic() {
    let (s, _) = parse("?mode=%74oken", "");
    assert_eq!(s.mode, AuthMode::Token);
    for junk in ["?%", "?%zz=%", "?=&&==&mode", "?mode=%E2%82", "?step=99999999999999999999", "?\u{1F600}=\u{1F600}"] {
        let (state, _) = parse(junk, junk);
        assert_eq!(state.servers, 1);
    }
    let long = "x".repeat(10_000);
    let (_, notices) = parse(&format!("?mode={long}"), "");
    assert!(notices[0].value.chars().count() <= 41);
}

#[test]
fn an_escape_with_a_sign_is_not_a_byte() {
    // `u8::from_str_radix` would read "+1" as 1: an invalid escape stays as written.
    assert_eq!(auth_playground::ui::url_state::percent_decode("%+1"), "% 1");
    assert_eq!(auth_playground::ui::url_state::percent_decode("%-1x"), "%-1x");
    assert_eq!(auth_playground::ui::url_state::percent_decode("%41"), "A");
}
