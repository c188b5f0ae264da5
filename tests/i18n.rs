//! Both languages have every text: missing keys are compile errors (a typed table);
//! this checks none is left empty, the Korean one is really Korean, and scenarios
//! are narrated in both languages.

use auth_playground::sim::scenario;
use auth_playground::ui::i18n::Lang;

/// `(key, text)` pairs of a language's table, read from its Debug form.
fn entries(lang: Lang) -> Vec<(String, String)> {
    let dump = format!("{:#?}", lang.texts());
    dump.lines()
        .filter_map(|l| {
            let (k, v) = l.trim().split_once(": ")?;
            Some((k.to_string(), v.trim_end_matches(',').trim_matches('"').to_string()))
        })
        .collect()
}

#[test]
fn every_key_has_a_text_in_both_languages() {
    let ko = entries(Lang::Ko);
    let en = entries(Lang::En);
    assert!(ko.len() > 100, "only {} keys read", ko.len());
    assert_eq!(ko.len(), en.len());
    for ((k1, v1), (k2, v2)) in ko.iter().zip(en.iter()) {
        assert_eq!(k1, k2);
        assert!(!v1.trim().is_empty(), "ko {k1} is empty");
        assert!(!v2.trim().is_empty(), "en {k2} is empty");
    }
}

#[test]
fn korean_texts_are_korean() {
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    let ko = entries(Lang::Ko);
    let en = entries(Lang::En);
    let untranslated: Vec<&str> = ko
        .iter()
        .zip(en.iter())
        .filter(|((k, v), (_, e))| v == e && !matches!(k.as_str(), "won" | "demo_value") && !hangul(v))
        .map(|((k, _), _)| k.as_str())
        .collect();
    // a few identical terms are fine (proper names), most must differ
    assert!(untranslated.len() <= 3, "untranslated: {untranslated:?}");
    let with_hangul = ko.iter().filter(|(_, v)| hangul(v)).count();
    assert!(with_hangul * 10 >= ko.len() * 8, "{with_hangul} of {} Korean texts contain Hangul", ko.len());
}

#[test]
fn every_scenario_is_titled_and_narrated_in_both_languages() {
    for s in scenario::all() {
        for t in [s.entry.title, s.summary].into_iter().chain(s.steps.iter().map(|st| st.text)) {
            assert!(!t.ko.trim().is_empty() && !t.en.trim().is_empty(), "{}", s.entry.id);
            assert_ne!(t.ko, t.en, "{}", s.entry.id);
        }
    }
}

// ---------------------------------------------------------------------------
// The simulation's notes, in both languages, and one Korean voice everywhere
// ---------------------------------------------------------------------------

use auth_playground::sim::attacker::{Credential, Loot, Replay, Source};
use auth_playground::sim::auth::csrf::CsrfRefusal;
use auth_playground::sim::auth::oidc::IdTokenError;
use auth_playground::sim::auth::pkce::PkceError;
use auth_playground::sim::browser::{Initiator, PageView, TOKEN_KEY};
use auth_playground::sim::cookie_jar::{NotSent, ParseError, Rejected, StoreOutcome};
use auth_playground::sim::hop::{Short, Text};
use auth_playground::sim::idp::{AuthorizeError, GrantError};
use auth_playground::sim::note::{
    Anonymous, AttackerNote, BrowserNote, Home, IdpNote, LogLine, MoveError, Note, OidcNote, RouteNote, Routing,
    Sending, SessionNote, SiteNote, Then, TokenNote, Who,
};
use auth_playground::sim::refresh::RefreshError;
use auth_playground::sim::session::Miss;
use auth_playground::sim::token::{self, Part, Rejection, TamperError, Unreadable};
use auth_playground::sim::users::LoginError;
use auth_playground::sim::World;
use auth_playground::ui::i18n::notes::{say, Said};
use std::fmt::Debug;
use std::sync::Arc;

/// The variants of `pub enum name` in `file` (4-space-indented capitalised lines).
fn variants(file: &str, name: &str) -> Vec<String> {
    let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let start = src.find(&format!("pub enum {name} {{")).unwrap_or_else(|| panic!("enum {name} in {file}"));
    let body = &src[start..];
    let body = &body[..body.find("\n}").expect("the enum's end")];
    body.lines()
        .skip(1)
        .filter_map(|l| l.strip_prefix("    "))
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|l| l.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or_default().to_string())
        .collect()
}

/// Every variant of `name` is among `samples` (each sample's `Debug` starts with its
/// variant's name), so a new variant needs a sample here before this test passes.
fn covers<T: Debug>(file: &str, name: &str, samples: &[T]) {
    let seen: BTreeSet<String> = samples
        .iter()
        .map(|s| format!("{s:?}").split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or_default().to_string())
        .collect();
    let all = variants(file, name);
    assert!(!all.is_empty(), "no variants read for {name}");
    let missing: Vec<&String> = all.iter().filter(|v| !seen.contains(*v)).collect();
    assert!(missing.is_empty(), "{name}: no sample of {missing:?}");
}

use std::collections::BTreeSet;

fn t(s: &str) -> Text {
    Text::from(s.to_string())
}

fn rejections() -> Vec<Rejection> {
    vec![
        Rejection::Empty,
        Rejection::TooLarge { len: 9000 },
        Rejection::BadCharacters { at: 3, ch: '\n' },
        Rejection::TooFewSegments { found: 2 },
        Rejection::TooManySegments { found: 4 },
        Rejection::EncryptedJwe,
        Rejection::Base64Padding { part: Part::Payload },
        Rejection::BadBase64 { part: Part::Signature, detail: "Invalid symbol 61, offset 3.".into() },
        Rejection::HeaderNotJson,
        Rejection::HeaderNotObject,
        Rejection::DuplicateHeaderParam { name: "alg".into() },
        Rejection::AlgMissing,
        Rejection::AlgNone { alg: "none".into() },
        Rejection::AlgNotAllowed { alg: "RS256".into() },
        Rejection::CritHeader,
        Rejection::BadTyp { typ: "\"at+jwt\"".into() },
        Rejection::KidNotString,
        Rejection::UnknownKid { kid: "k9".into() },
        Rejection::BadHeader { detail: "invalid type: integer `1`, expected a string at line 1 column 9".into() },
        Rejection::SignatureMissing,
        Rejection::SignatureLength { len: 31 },
        Rejection::PayloadNotJson,
        Rejection::PayloadNotObject,
        Rejection::DuplicateClaim { name: "sub".into() },
        Rejection::BadSignature,
        Rejection::MissingClaim { name: "exp" },
        Rejection::ClaimType { name: "sub", expected: "a string" },
        Rejection::ClaimType { name: "exp", expected: "an integer number of seconds since 1970" },
        Rejection::ClaimsInvalid { detail: "missing field `sub` at line 1 column 2".into() },
        Rejection::Expired { ago: 125 },
        Rejection::Expired { ago: 0 },
        Rejection::NotYetValid { in_secs: 3_700 },
        Rejection::IssuedInFuture { by: 600 },
        Rejection::Revoked { jti: "AbCdEfGhIjKlMnOp".into() },
        Rejection::Internal { detail: "EOF while parsing a value".into() },
    ]
}

fn not_sent() -> Vec<NotSent> {
    vec![
        NotSent::HostOnly { cookie_host: "playground.example".into(), request_host: "api.example".into() },
        NotSent::DomainMismatch { cookie_domain: "other.example".into(), request_host: "playground.example".into() },
        NotSent::PathMismatch { cookie_path: "/token".into(), request_path: "/me".into() },
        NotSent::Expired { ago: 500 },
        NotSent::Expired { ago: 2 * 86_400_000 },
        NotSent::SecureOverHttp,
        NotSent::HttpOnlyFromScript,
        NotSent::SameSiteStrict,
        NotSent::SameSiteLax { by_default: false },
        NotSent::SameSiteLax { by_default: true },
        NotSent::SameSiteNoneInsecure,
    ]
}

fn parse_errors() -> Vec<ParseError> {
    vec![ParseError::Empty, ParseError::NoEquals, ParseError::EmptyName, ParseError::TooLarge { size: 5000 }]
}

fn rejected() -> Vec<Rejected> {
    let mut v: Vec<Rejected> = parse_errors().into_iter().map(Rejected::Unparsable).collect();
    v.extend([
        Rejected::DomainMismatch { domain: "evil.example".into(), host: "playground.example".into() },
        Rejected::PublicSuffix { domain: "com".into() },
        Rejected::SecureFromInsecure,
        Rejected::OverwriteSecureFromInsecure { name: "sid".into() },
        Rejected::HttpOnlyFromScript,
        Rejected::OverwriteHttpOnlyFromScript { name: "sid".into() },
        Rejected::SameSiteNoneWithoutSecure,
        Rejected::SecurePrefix,
        Rejected::HostPrefix,
    ]);
    v
}

fn outcomes() -> Vec<StoreOutcome> {
    vec![StoreOutcome::Stored, StoreOutcome::Replaced, StoreOutcome::Deleted, StoreOutcome::AlreadyExpired]
}

fn unreadables() -> Vec<Unreadable> {
    vec![
        Unreadable::Empty { part: Part::Header },
        Unreadable::NotBase64 { part: Part::Payload, detail: "Invalid symbol 33, offset 0.".into() },
        Unreadable::NotJson {
            part: Part::Header,
            line: 1,
            column: 3,
            detail: "expected value at line 1 column 3".into(),
        },
    ]
}

fn tampers() -> Vec<TamperError> {
    vec![TamperError::Parts { found: 2 }, TamperError::NoSuchPart]
}

fn credentials() -> Vec<Credential> {
    vec![
        Credential::Cookie { name: "sid".into(), value: "3f9a00000000000000000000c2a1".into() },
        Credential::Bearer("eyJhbGciOiJIUzI1NiJ9.e30.sig".into()),
        Credential::Code("SplxlOBeZQQYbYS6WxSbIA".into()),
        Credential::Stored { key: "last_quote".into(), value: "jeju".into() },
    ]
}

fn anonymous() -> Vec<Anonymous> {
    let sid = Short::of("1b9f000000000000000000008c79");
    let mut v = vec![
        Anonymous::Stateless,
        Anonymous::NoSessionCookie,
        Anonymous::NoAuthorization,
        Anonymous::NoTokenCookie,
        Anonymous::NotBearer,
        Anonymous::NoSuchServer,
    ];
    v.extend([Miss::Unknown, Miss::IdleExpired, Miss::AbsoluteExpired].map(|miss| Anonymous::SessionMiss {
        sid,
        miss,
        server: 1,
    }));
    v.extend(rejections().into_iter().map(|why| Anonymous::TokenRejected { server: 2, why }));
    v
}

fn whos() -> Vec<Who> {
    let sid = Short::of("3f9a00000000000000000000c2a1");
    let mut v: Vec<Who> = anonymous().into_iter().map(Who::Nobody).collect();
    v.extend([
        Who::Session { sid, home: Home::Server(0), user: t("alice") },
        Who::Session { sid, home: Home::Shared, user: t("") },
        Who::Token { sub: t("bob") },
    ]);
    v
}

fn browser_notes() -> Vec<BrowserNote> {
    let sending = |from, cookies: &[&str], withheld: Vec<(Text, NotSent)>, bearer| {
        BrowserNote::Sent(Arc::new(Sending { from, cookies: cookies.iter().map(|c| t(c)).collect(), withheld, bearer }))
    };
    let mut v = vec![
        sending(Initiator::Site, &[], Vec::new(), false),
        sending(Initiator::Site, &["sid", "lb"], Vec::new(), true),
        sending(Initiator::EvilPage, &[], Vec::new(), false),
        sending(Initiator::InjectedScript, &["sid"], Vec::new(), false),
        sending(Initiator::EvilLink, &["sid"], Vec::new(), false),
        sending(Initiator::Navigation { cross_site: true }, &["oauth_tx"], Vec::new(), false),
        sending(Initiator::Navigation { cross_site: false }, &["idp_sid"], Vec::new(), false),
        sending(Initiator::Site, &[], not_sent().into_iter().map(|n| (t("rt"), n)).collect(), false),
        BrowserNote::TokenSaved,
        BrowserNote::TokenRemoved,
        BrowserNote::HeaderRefused { name: t("Authorization") },
        BrowserNote::HeaderNameInvalid { name: t("bad name") },
        BrowserNote::HeaderForbidden { name: t("Cookie") },
        BrowserNote::CookieRejected { name: t(""), why: Rejected::SecurePrefix },
        BrowserNote::CsrfTokenKept,
        BrowserNote::TokenInMemory,
        BrowserNote::Reloaded,
        BrowserNote::RedirectStopped,
    ];
    v.extend(outcomes().into_iter().map(|outcome| BrowserNote::CookieStored { name: t("sid"), outcome }));
    v.extend(rejected().into_iter().map(|why| BrowserNote::CookieRejected { name: t("sid"), why }));
    v
}

fn route_notes() -> Vec<RouteNote> {
    let mut v: Vec<RouteNote> = [Routing::RoundRobin, Routing::Random, Routing::Sticky, Routing::StickyNew]
        .into_iter()
        .map(|how| RouteNote::Routed { how, server: 1 })
        .collect();
    v.push(RouteNote::Pinned { server: 0 });
    v
}

fn site_notes() -> Vec<SiteNote> {
    let sid = Short::of("3f9a00000000000000000000c2a1");
    let mut v = Vec::new();
    for who in whos() {
        for then in [Then::Served, Then::Unauthorized, Then::Forbidden { role: "user" }] {
            v.push(SiteNote::Checked { who: who.clone(), then });
        }
    }
    v.extend(anonymous().into_iter().map(SiteNote::NotLoggedIn));
    v.extend([
        SiteNote::SessionWithoutUser,
        SiteNote::AdminsOnly { user: t("alice"), role: "user" },
        SiteNote::HeadersTooLarge { size: 9_000, limit: 8_192 },
        SiteNote::BodyTooLarge { size: 20_000, limit: 16_384 },
        SiteNote::NoSuchPage,
        SiteNote::NoRoute { path: t("/nope") },
        SiteNote::MethodNotAllowed,
        SiteNote::MethodNotAllowedOn { method: t("DELETE"), path: t("/me") },
        SiteNote::BadBody { detail: t("expected value at line 1 column 1") },
        SiteNote::UnknownDestination,
        SiteNote::Quoted { to: "jeju", fare: 70_000 },
        SiteNote::QuoteKept { to: "busan", sid, new: true },
        SiteNote::QuoteKept { to: "tokyo", sid, new: false },
        SiteNote::BadCount,
        SiteNote::QuoteFromSession { sid },
        SiteNote::QuoteInRequest,
        SiteNote::WhichFlight,
        SiteNote::NoQuote,
        SiteNote::LoginFailed(LoginError::BadCredentials),
        SiteNote::PasswordMismatch,
        SiteNote::LoggedInStateless { user: t("alice") },
        SiteNote::NothingToForget,
        SiteNote::LoggedInAs { user: t("bob") },
        SiteNote::Transferred { from: t("alice"), to: t("mallory"), miles: 10_000, left: 2_000 },
        SiteNote::NotEnoughMiles { have: 2_000 },
        SiteNote::BadTransfer,
    ]);
    v.extend(csrf_refusals().into_iter().map(SiteNote::CsrfRefused));
    v
}

fn csrf_refusals() -> Vec<CsrfRefusal> {
    vec![
        CsrfRefusal::NoToken,
        CsrfRefusal::WrongToken,
        CsrfRefusal::NoOrigin,
        CsrfRefusal::ForeignOrigin { origin: t("https://evil.example") },
    ]
}

fn pkce_errors() -> Vec<PkceError> {
    vec![PkceError::Missing, PkceError::Malformed, PkceError::Mismatch]
}

fn id_token_errors() -> Vec<IdTokenError> {
    vec![
        IdTokenError::Malformed,
        IdTokenError::Alg,
        IdTokenError::Signature,
        IdTokenError::Issuer { got: t("https://evil.example") },
        IdTokenError::Audience { got: t("\"someone-else\"") },
        IdTokenError::Expired { ago: 75 },
        IdTokenError::Nonce,
    ]
}

fn authorize_errors() -> Vec<AuthorizeError> {
    vec![
        AuthorizeError::UnknownClient,
        AuthorizeError::RedirectNotRegistered { uri: t("http://playground.example/callback") },
        AuthorizeError::ResponseType,
        AuthorizeError::NoOpenidScope,
        AuthorizeError::PkceRequired,
    ]
}

fn grant_errors() -> Vec<GrantError> {
    let mut v = vec![
        GrantError::InvalidClient,
        GrantError::UnsupportedGrantType,
        GrantError::UnknownCode,
        GrantError::CodeUsed { revoked: 1 },
        GrantError::CodeExpired,
        GrantError::RedirectMismatch,
    ];
    v.extend(pkce_errors().into_iter().map(GrantError::Pkce));
    v
}

fn oidc_notes() -> Vec<OidcNote> {
    let s = Short::of("af0ifjsldkj0000000000000");
    let mut v = vec![
        OidcNote::Started { state: s, challenge: Short::of("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM") },
        OidcNote::Redeem,
        OidcNote::NoLoginInProgress,
        OidcNote::StateMismatch { expected: s, got: Short::of("mallory0000000000000state") },
        OidcNote::ProviderError { error: t("access_denied") },
        OidcNote::NotRegistered,
        OidcNote::CodeRefused { error: t("invalid_grant"), why: None },
        OidcNote::SignedIn {
            user: t("alice"),
            then: Box::new(SessionNote::Created { sid: s, user: t("alice") }.into()),
        },
    ];
    v.extend(
        grant_errors().into_iter().map(|e| OidcNote::CodeRefused {
            error: t(e.code()),
            why: Some(Box::new(IdpNote::TokenRefused(e).into())),
        }),
    );
    v.extend(id_token_errors().into_iter().map(OidcNote::IdToken));
    v
}

fn idp_notes() -> Vec<IdpNote> {
    let code = Short::of("SplxlOBeZQQYbYS6WxSbIA");
    let mut v = vec![
        IdpNote::LoginForm,
        IdpNote::SignedIn { user: t("alice"), code },
        IdpNote::CodeIssued { user: t("mallory"), code },
        IdpNote::LoginFailed,
        IdpNote::TokenIssued { user: t("alice") },
        IdpNote::NoRoute,
    ];
    v.extend(authorize_errors().into_iter().map(IdpNote::Refused));
    v.extend(grant_errors().into_iter().map(IdpNote::TokenRefused));
    v
}

fn session_notes() -> Vec<SessionNote> {
    let sid = Short::of("3f9a00000000000000000000c2a1");
    vec![
        SessionNote::Created { sid, user: t("alice") },
        SessionNote::Deleted { sid },
        SessionNote::AlreadyGone { sid },
        SessionNote::NoCookie,
        SessionNote::Revoked { sid },
        SessionNote::NotFound { sid },
        SessionNote::Restarted { lost: 1_001 },
        SessionNote::Lookup,
        SessionNote::Found,
        SessionNote::Missed(Miss::Unknown),
        SessionNote::Missed(Miss::IdleExpired),
        SessionNote::Missed(Miss::AbsoluteExpired),
        SessionNote::Store,
        SessionNote::ReplicateWrite,
        SessionNote::Delete,
        SessionNote::ReplicateDelete,
    ]
}

fn token_notes() -> Vec<TokenNote> {
    let jti = Short::of("AbCdEfGhIjKlMnOp");
    let mut v = vec![
        TokenNote::Signed { jti, user: t("alice") },
        TokenNote::SignedInCookie { jti, user: t("alice") },
        TokenNote::SignFailed { detail: t("Signing failed: boom") },
        TokenNote::FamiliesRevoked { families: 1, denylisted: None },
        TokenNote::FamiliesRevoked { families: 2, denylisted: Some(jti) },
        TokenNote::NothingToRevoke,
        TokenNote::NotTokenMode,
        TokenNote::Rotated { jti },
        TokenNote::KeyRotated { kid: t("k2"), graceful: true },
        TokenNote::KeyRotated { kid: t("k3"), graceful: false },
    ];
    v.extend(
        [
            RefreshError::Missing,
            RefreshError::Unknown,
            RefreshError::Expired,
            RefreshError::Reused,
            RefreshError::FamilyRevoked,
        ]
        .map(TokenNote::RefreshFailed),
    );
    v
}

fn attacker_notes() -> Vec<AttackerNote> {
    let mut v = vec![
        AttackerNote::ScriptRead { got: Vec::new(), hidden: vec![t("sid")] },
        AttackerNote::ScriptRead { got: credentials(), hidden: vec![t("sid"), t("rt")] },
        AttackerNote::ScriptSent { status: 200, cookies: vec![t("sid")] },
        AttackerNote::ScriptSent { status: 401, cookies: Vec::new() },
        AttackerNote::SniffTls,
        AttackerNote::NoTraffic,
        AttackerNote::Sniffed { got: Vec::new() },
        AttackerNote::Sniffed { got: credentials() },
        AttackerNote::NoCookieToCopy { name: t("rt") },
        AttackerNote::Replaying(None),
        AttackerNote::CodeTaken { code: Short::of("SplxlOBeZQQYbYS6WxSbIA"), stopped: true },
        AttackerNote::CodeTaken { code: Short::of("SplxlOBeZQQYbYS6WxSbIA"), stopped: false },
        AttackerNote::OwnLogin,
        AttackerNote::OwnCode { user: t("mallory") },
    ];
    v.extend(credentials().into_iter().map(AttackerNote::CookieCopied));
    v.extend(credentials().into_iter().map(|c| AttackerNote::Replaying(Some(c))));
    v
}

fn move_errors() -> Vec<MoveError> {
    let mut v = vec![
        MoveError::NoSidCookie,
        MoveError::NoJti,
        MoveError::NoStolenToken,
        MoveError::NoAccessToken,
        MoveError::NoStolenRefreshToken,
        MoveError::NoIdpForm,
        MoveError::NoStolenCode,
    ];
    v.extend(unreadables().into_iter().map(MoveError::PayloadUnreadable));
    v.extend(tampers().into_iter().map(MoveError::Tamper));
    v
}

/// One of every note (and every nested reason), each variant at least once.
fn every_note() -> Vec<Note> {
    let mut v: Vec<Note> = Vec::new();
    v.extend(browser_notes().into_iter().map(Note::from));
    v.extend(route_notes().into_iter().map(Note::from));
    v.extend(site_notes().into_iter().map(Note::from));
    v.extend(session_notes().into_iter().map(Note::from));
    v.extend(token_notes().into_iter().map(Note::from));
    v.extend(attacker_notes().into_iter().map(Note::from));
    v.extend(move_errors().into_iter().map(Note::from));
    v.extend(oidc_notes().into_iter().map(Note::from));
    v.extend(idp_notes().into_iter().map(Note::from));
    v
}

#[test]
fn the_samples_hold_every_variant() {
    covers("src/sim/note.rs", "Note", &every_note());
    covers("src/sim/note.rs", "BrowserNote", &browser_notes());
    covers("src/sim/note.rs", "RouteNote", &route_notes());
    covers("src/sim/note.rs", "Routing", &[Routing::RoundRobin, Routing::Random, Routing::Sticky, Routing::StickyNew]);
    covers("src/sim/note.rs", "SiteNote", &site_notes());
    covers("src/sim/note.rs", "Who", &whos());
    covers("src/sim/note.rs", "Anonymous", &anonymous());
    covers("src/sim/note.rs", "Home", &[Home::Server(0), Home::Shared]);
    covers("src/sim/note.rs", "Then", &[Then::Served, Then::Unauthorized, Then::Forbidden { role: "user" }]);
    covers("src/sim/note.rs", "SessionNote", &session_notes());
    covers("src/sim/note.rs", "TokenNote", &token_notes());
    covers("src/sim/note.rs", "AttackerNote", &attacker_notes());
    covers("src/sim/note.rs", "MoveError", &move_errors());
    covers("src/sim/note.rs", "OidcNote", &oidc_notes());
    covers("src/sim/note.rs", "IdpNote", &idp_notes());
    covers("src/sim/auth/csrf.rs", "CsrfRefusal", &csrf_refusals());
    covers("src/sim/auth/pkce.rs", "PkceError", &pkce_errors());
    covers("src/sim/auth/oidc.rs", "IdTokenError", &id_token_errors());
    covers("src/sim/idp.rs", "AuthorizeError", &authorize_errors());
    covers("src/sim/idp.rs", "GrantError", &grant_errors());
    covers("src/sim/token.rs", "Rejection", &rejections());
    covers("src/sim/token.rs", "Unreadable", &unreadables());
    covers("src/sim/token.rs", "TamperError", &tampers());
    covers("src/sim/cookie_jar.rs", "NotSent", &not_sent());
    covers("src/sim/cookie_jar.rs", "Rejected", &rejected());
    covers("src/sim/cookie_jar.rs", "ParseError", &parse_errors());
    covers("src/sim/cookie_jar.rs", "StoreOutcome", &outcomes());
    covers(
        "src/sim/refresh.rs",
        "RefreshError",
        &token_notes()
            .iter()
            .filter_map(|n| match n {
                TokenNote::RefreshFailed(e) => Some(*e),
                _ => None,
            })
            .collect::<Vec<_>>(),
    );
    covers("src/sim/session.rs", "Miss", &[Miss::Unknown, Miss::IdleExpired, Miss::AbsoluteExpired]);
    covers("src/sim/attacker.rs", "Credential", &credentials());
    covers("src/sim/attacker.rs", "Source", &[Source::Xss, Source::Sniff, Source::Malware, Source::Extension]);
    covers(
        "src/sim/browser.rs",
        "Initiator",
        &[
            Initiator::Site,
            Initiator::EvilPage,
            Initiator::EvilLink,
            Initiator::InjectedScript,
            Initiator::Navigation { cross_site: true },
        ],
    );
}

/// Everything the simulation can say, as the page would show it: every note, a log
/// line of each kind, loot from each source, replays, and the JWT inspector's reasons.
fn every_said() -> Vec<String> {
    let notes = every_note();
    let logs = [
        LogLine::Handled { method: t("GET"), path: t("/me"), status: 401, note: notes[0].clone() },
        LogLine::Event(SessionNote::Restarted { lost: 3 }.into()),
    ];
    let loot: Vec<Loot> = [Source::Xss, Source::Sniff, Source::Malware, Source::Extension]
        .into_iter()
        .zip(credentials())
        .map(|(source, credential)| Loot { source, credential })
        .collect();
    let replays = [
        Replay {
            status: 200,
            outcome: Some(SiteNote::LoggedInAs { user: t("alice") }.into()),
            used: credentials().pop(),
        },
        Replay { status: 401, outcome: Some(TokenNote::RefreshFailed(RefreshError::Reused).into()), used: None },
    ];
    let mut said: Vec<Said<'_>> = notes.iter().map(Said::Note).collect();
    said.extend(logs.iter().map(Said::Log));
    said.extend(loot.iter().map(Said::Loot));
    said.extend(replays.iter().map(Said::Replay));
    let r = rejections();
    said.extend(r.iter().map(Said::Rejection));
    let u = unreadables();
    said.extend(u.iter().map(Said::Unreadable));
    let tm = tampers();
    said.extend(tm.iter().map(Said::Tamper));
    let mut out = Vec::new();
    for s in said {
        let en = say(Lang::En, s);
        let ko = say(Lang::Ko, s);
        assert!(!en.trim().is_empty() && !ko.trim().is_empty(), "{s:?} says nothing");
        assert_ne!(en, ko, "{s:?} is not translated");
        out.push(ko);
    }
    out
}

#[test]
fn every_note_renders_in_both_languages() {
    let ko = every_said();
    assert!(ko.len() > 300, "{} texts", ko.len());
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    for k in &ko {
        assert!(hangul(k), "no Korean in {k:?}");
    }
}

/// Korean that a parser or the English UI left behind.
fn english_leftovers(s: &str) -> Vec<&'static str> {
    const WORDS: [&str; 22] = [
        "the", "and", "is", "not", "was", "with", "from", "only", "cannot", "does", "expected", "EOF", "line",
        "column", "Invalid", "invalid", "trailing", "found", "ago", "revoked", "rejected", "missing",
    ];
    // Identifiers (`invalid_grant`, `code_verifier`) are code, not English words.
    let words: Vec<&str> = s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).collect();
    WORDS.iter().copied().filter(|w| words.contains(w)).collect()
}

/// What a Korean developer would flag in `s`.
fn korean_voice_problems(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    // One register: 해요체, never 합니다체.
    if s.contains("니다") {
        out.push("합니다체".to_string());
    }
    // Numbers hug their units.
    const UNITS: [&str; 14] =
        ["원", "개", "명", "바이트", "초", "분", "시간", "일", "장", "행", "열", "번째", "대", "글자"];
    let chars: Vec<char> = s.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_digit() && chars.get(i + 1) == Some(&' ') {
            let rest: String = chars[i + 2..].iter().collect();
            if let Some(u) = UNITS.iter().find(|u| rest.starts_with(**u)) {
                out.push(format!("a number apart from {u}"));
            }
        }
    }
    // Particles attach to the code before them.
    const PARTICLES: [&str; 14] =
        ["은", "는", "이", "가", "을", "를", "로", "으로", "와", "과", "에", "에서", "의", "예요"];
    for (i, c) in chars.iter().enumerate() {
        let code_before = c.is_ascii_alphanumeric() || matches!(c, ')' | '…' | '"' | '\'' | '`');
        if code_before && chars.get(i + 1) == Some(&' ') {
            let rest: String = chars[i + 2..].iter().take(4).collect();
            for p in PARTICLES {
                if let Some(after) = rest.strip_prefix(p) {
                    if after.chars().next().is_none_or(|n| !('\u{AC00}'..='\u{D7A3}').contains(&n)) {
                        out.push(format!("particle {p} apart from its word"));
                    }
                }
            }
        }
    }
    // One term per concept (the glossary in `ui::i18n`).
    const BANNED: [&str; 18] = [
        "강제 만료",
        "강제 로그아웃",
        "강제로 폐기",
        "무효화",
        "차단 목록",
        "블랙리스트",
        "회전",
        "로테이션",
        "키 변경",
        "로드 밸런서",
        "액세스 토큰",
        "리프레시 토큰",
        "비밀 키",
        "서명을 확인",
        "서명 확인",
        "서명만 확인",
        "크로스 사이트",
        "키 ID",
    ];
    for b in BANNED {
        if s.contains(b) {
            out.push(format!("banned variant {b:?}"));
        }
    }
    if s.replace("로드밸런서", "").contains("밸런서") {
        out.push("밸런서 without 로드".into());
    }
    const WITH_PYO: [&str; 7] = ["표시", "표준", "대표", "발표", "표현", "지표", "표기"];
    let mut rest = s.to_string();
    for w in WITH_PYO {
        rest = rest.replace(w, "");
    }
    if rest.contains('표') {
        out.push("표 (테이블 or 항공권)".into());
    }
    // Calques the issue named.
    for c in ["https 위의", "경보와 함께", "둘 중 하나는 도둑", "전체 화면"] {
        if s.contains(c) {
            out.push(format!("calque {c:?}"));
        }
    }
    out
}

#[test]
fn the_voice_checks_can_fail() {
    for bad in [
        "저장했습니다.",
        "70,000 원이에요",
        "jeju 로 가요",
        "sid=… 가 붙어요",
        "강제 만료했어요",
        "로드 밸런서예요",
        "세션 표예요",
        "https 위의 토큰",
        "토큰 회전",
    ] {
        assert!(!korean_voice_problems(bad).is_empty(), "{bad:?} passed");
    }
    assert!(korean_voice_problems("jeju로 가는 70,000원 항공권, 세션 테이블을 표시해요").is_empty());
    assert_eq!(english_leftovers("값이 와야 해요 (expected value at line 1)"), ["expected", "line"]);
}

#[test]
fn every_korean_text_reads_as_one_voice() {
    let mut texts: Vec<(String, String)> = Vec::new();
    for (k, v) in entries(Lang::Ko) {
        texts.push((format!("ko.rs {k}"), v));
    }
    for s in scenario::all() {
        texts.push((format!("{} title", s.entry.id), s.entry.title.ko.to_string()));
        texts.push((format!("{} summary", s.entry.id), s.summary.ko.to_string()));
        for (i, st) in s.steps.iter().enumerate() {
            texts.push((format!("{} step {}", s.entry.id, i + 1), st.text.ko.to_string()));
        }
    }
    for k in every_said() {
        texts.push(("a note".into(), k));
    }
    // the page without JavaScript
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).expect("index.html");
    for line in html.lines().filter(|l| l.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))) {
        texts.push(("index.html".into(), line.trim().to_string()));
    }
    // …and what the tours themselves make the world say, with their real values.
    for s in scenario::all() {
        let mut w = World::new(scenario::DEFAULT_SEED, s.config);
        for st in &s.steps {
            scenario::run_step(&mut w, st);
            texts.extend(world_says(&w).into_iter().map(|k| (format!("{} world", s.entry.id), k)));
        }
    }
    let mut problems = Vec::new();
    for (what, text) in &texts {
        for p in korean_voice_problems(text) {
            problems.push(format!("{what}: {p}: {text}"));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// What the page shows of a world, in Korean (notes, page, logs, attacker, inspector).
fn world_says(w: &World) -> Vec<String> {
    let mut out = Vec::new();
    let mut note = |n: &Note| out.push(say(Lang::Ko, Said::Note(n)));
    for n in &w.browser.notes {
        note(n);
    }
    if let PageView::Error { reason: Some(r), .. } = &w.browser.page {
        note(r);
    }
    for e in &w.exchanges {
        for h in &e.hops {
            if let Some(n) = &h.note {
                note(n);
            }
        }
    }
    if let Some(a) = &w.attacker.last_attempt {
        note(a);
    }
    for s in &w.servers {
        out.extend(s.log.iter().map(|l| say(Lang::Ko, Said::Log(l))));
    }
    out.extend(w.attacker.loot.iter().map(|l| say(Lang::Ko, Said::Loot(l))));
    out.extend(w.attacker.last_replay.iter().map(|r| say(Lang::Ko, Said::Replay(r))));
    if let Some(t) = w.browser.local_storage.get(TOKEN_KEY) {
        out.extend(token::inspect(t).problems.iter().map(|p| say(Lang::Ko, Said::Rejection(p))));
    }
    out
}

#[test]
fn korean_notes_hold_no_english_or_parser_words() {
    for k in every_said() {
        let left = english_leftovers(&k);
        assert!(left.is_empty(), "{left:?} in {k:?}");
    }
}

/// The JWT inspector on garbage and on nothing: calm Korean, no parser message.
#[test]
fn the_jwt_inspector_explains_bad_tokens_in_korean() {
    for garbage in
        ["", "   ", "hello", "a.b", "a.b.c", "eyJ.eyJ.x", "!!!.???.***", "e30.e30.", "eyJhbGciOiJub25lIn0.e30."]
    {
        let ins = token::inspect(garbage.trim());
        let mut said: Vec<String> = ins.problems.iter().map(|p| say(Lang::Ko, Said::Rejection(p))).collect();
        for part in [&ins.header, &ins.payload] {
            if let Err(u) = part {
                said.push(say(Lang::Ko, Said::Unreadable(u)));
            }
        }
        assert!(!said.is_empty() || garbage.is_empty(), "{garbage:?}: nothing said");
        for k in said {
            assert!(english_leftovers(&k).is_empty() && korean_voice_problems(&k).is_empty(), "{garbage:?}: {k}");
        }
    }
    // an empty token is one calm line, not a list of parser errors
    let empty = token::inspect("");
    assert_eq!(empty.problems, [Rejection::Empty]);
    assert!(matches!(empty.header, Err(Unreadable::Empty { .. })));
}

/// Steps stay short: about 200 characters at most in Korean.
#[test]
fn korean_steps_are_short() {
    for s in scenario::all() {
        for (i, st) in s.steps.iter().enumerate() {
            let n = st.text.ko.chars().count();
            assert!(n <= 200, "{} step {}: {n} characters", s.entry.id, i + 1);
        }
    }
}
