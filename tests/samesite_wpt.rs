//! SameSite and cookie-prefix rules against the jar, as table data.
//!
//! The SameSite table ports the expectations of the web-platform-tests helper
//! `cookies/resources/cookie-helper.sub.js`, `verifySameSiteCookieStateWithSameSiteByDefault`
//! (web-platform-tests/wpt, BSD-3-Clause): four cookies — `samesite_none` (`SameSite=None;
//! Secure`), `samesite_lax`, `samesite_strict` and `samesite_unspecified` — and three
//! kinds of request:
//! - **strict** (a same-site request): every cookie is sent;
//! - **lax** (a cross-site top-level navigation by a safe method, e.g. a link): None, Lax
//!   and unspecified are sent, Strict is not;
//! - **cross-site** (a cross-site subresource, or a cross-site top-level POST): only None.
//!
//! (The helper's `verifySameSiteCookieStateLegacy` treats an unspecified SameSite as None;
//! this browser, like Chrome and Edge, treats it as Lax — RFC 6265bis §5.6.7 leaves the
//! default to the user agent.) The context rules are RFC 6265bis §5.2 and §5.8.3; the
//! prefix rules are RFC 6265bis §4.1.3 and the storage model §5.7.

use auth_playground::sim::cookie_jar::{CookieJar, Rejected, RequestContext, SiteUrl};

const NOW: i64 = 1_760_000_000_000;

fn url(s: &str) -> SiteUrl {
    SiteUrl::parse(s).expect("a URL")
}

/// The helper's four cookies, set by the site over https.
fn jar() -> CookieJar {
    let mut jar = CookieJar::new();
    let site = url("https://playground.example/cookies/set");
    for header in [
        "samesite_none=1; SameSite=None; Secure; Path=/",
        "samesite_lax=1; SameSite=Lax; Path=/",
        "samesite_strict=1; SameSite=Strict; Path=/",
        "samesite_unspecified=1; Path=/",
    ] {
        jar.store(header, &site, NOW, false).unwrap_or_else(|e| panic!("{header}: {e}"));
    }
    jar
}

/// The table: a context, and which of (none, lax, strict, unspecified) go with it.
const TABLE: [(&str, RequestContext, [bool; 4]); 6] = [
    // SameSiteStatus.STRICT
    (
        "same-site fetch",
        RequestContext { same_site: true, top_level_navigation: false, safe_method: true, from_script: false },
        [true, true, true, true],
    ),
    (
        "same-site top-level POST",
        RequestContext { same_site: true, top_level_navigation: true, safe_method: false, from_script: false },
        [true, true, true, true],
    ),
    // SameSiteStatus.LAX
    (
        "cross-site top-level GET (a link)",
        RequestContext { same_site: false, top_level_navigation: true, safe_method: true, from_script: false },
        [true, true, false, true],
    ),
    // SameSiteStatus.CROSS_SITE
    (
        "cross-site top-level POST (a form)",
        RequestContext { same_site: false, top_level_navigation: true, safe_method: false, from_script: false },
        [true, false, false, false],
    ),
    (
        "cross-site subresource GET (an image)",
        RequestContext { same_site: false, top_level_navigation: false, safe_method: true, from_script: false },
        [true, false, false, false],
    ),
    (
        "cross-site subresource POST (fetch)",
        RequestContext { same_site: false, top_level_navigation: false, safe_method: false, from_script: false },
        [true, false, false, false],
    ),
];

#[test]
fn wpt_samesite_truth_table() {
    let names = ["samesite_none", "samesite_lax", "samesite_strict", "samesite_unspecified"];
    let target = url("https://playground.example/cookies/list");
    for (what, ctx, want) in TABLE {
        let mut jar = jar();
        let header = jar.cookie_header(&target, NOW, &ctx).unwrap_or_default();
        let sent: Vec<bool> =
            names.iter().map(|n| header.split("; ").any(|kv| kv.starts_with(&format!("{n}=")))).collect();
        assert_eq!(sent, want, "{what}: sent {header:?}");
        // every cookie kept home says why, and the reason names its SameSite
        let jar = self::jar();
        for c in jar.iter() {
            let i = names.iter().position(|n| *n == c.name).expect("a helper cookie");
            let why = jar.why_sent(c, &target, NOW, &ctx);
            assert_eq!(why.is_ok(), want[i], "{what}: {}", c.name);
            if let Err(why) = why {
                assert!(why.to_string().contains("SameSite") || why.to_string().contains("Lax"), "{why}");
            }
        }
    }
}

/// The same cookies over plain http: `SameSite=None` needs `Secure` (RFC 6265bis §5.7
/// step 15), so a non-Secure one is never stored.
#[test]
fn samesite_none_needs_secure() {
    let mut jar = CookieJar::new();
    let r = jar.store("a=1; SameSite=None", &url("https://playground.example/"), NOW, false);
    assert_eq!(r, Err(Rejected::SameSiteNoneWithoutSecure));
}

/// RFC 6265bis §4.1.3 and §5.7 steps 21–22: `__Secure-` cookies must be Secure and set
/// from https; `__Host-` ones also host-only (no `Domain`) with an explicit `Path=/`.
/// Prefixes match case-insensitively.
#[test]
fn cookie_name_prefixes() {
    let https = url("https://playground.example/login");
    let http = url("http://playground.example/login");
    let cases: [(&str, &SiteUrl, Option<Rejected>); 12] = [
        ("__Secure-sid=1; Secure", &https, None),
        ("__Secure-sid=1", &https, Some(Rejected::SecurePrefix)),
        ("__Secure-sid=1; Secure", &http, Some(Rejected::SecureFromInsecure)),
        ("__secure-sid=1", &https, Some(Rejected::SecurePrefix)),
        ("__Secure-sid=1; Secure; Domain=playground.example", &https, None),
        ("__Host-sid=1; Secure; Path=/", &https, None),
        ("__Host-sid=1; Path=/", &https, Some(Rejected::HostPrefix)),
        ("__Host-sid=1; Secure", &https, Some(Rejected::HostPrefix)),
        ("__Host-sid=1; Secure; Path=/app", &https, Some(Rejected::HostPrefix)),
        ("__Host-sid=1; Secure; Path=/; Domain=playground.example", &https, Some(Rejected::HostPrefix)),
        ("__HOST-sid=1; Path=/", &https, Some(Rejected::HostPrefix)),
        ("__Host-sid=1; Secure; Path=/", &http, Some(Rejected::SecureFromInsecure)),
    ];
    for (header, at, want) in cases {
        let mut jar = CookieJar::new();
        let got = jar.store(header, at, NOW, false).err();
        assert_eq!(got, want, "{header} from {at}");
        assert_eq!(jar.len(), usize::from(want.is_none()), "{header}");
    }
}
