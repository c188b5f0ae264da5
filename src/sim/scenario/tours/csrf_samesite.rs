//! The tour `csrf-samesite` (lab 1): evil.example's forged, complete form POST to
//! `/miles/transfer` against each defence — the outcome table of issue 17, row by row —
//! and a cross-site link, which Lax lets through and Strict does not.

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "csrf-samesite",
    concepts: "L1",
    title: t("CSRF와 SameSite: 쿠키가 알아서 따라갈 때", "CSRF and SameSite: when cookies go along by themselves"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "evil.example의 폼이 alice의 마일리지를 옮기려 해요. SameSite, CSRF 토큰, Origin 검사가 각각 어떻게 막는지, Bearer 헤더는 왜 실리지 않는지 봐요.",
            "A form on evil.example tries to move alice's miles. See how SameSite, a CSRF token and an Origin check each stop it, and why a Bearer header never goes along.",
        ),
        config: lab(AuthMode::Session, SameSitePolicy::None),
        twin: None,
        steps: vec![
            step(
                vec![alice(), act(Action::CrossSite)],
                t(
                    "사이트가 sid 쿠키에 SameSite=None을 붙였어요. evil.example의 폼이 POST /miles/transfer를 보내면 브라우저는 sid를 그대로 실어 보내고, 서버는 alice의 요청으로 알고 5,000마일을 mallory에게 넘겨요.",
                    "The site sets its sid cookie with SameSite=None. When a form on evil.example sends POST /miles/transfer, the browser attaches the sid all the same, and the server takes it for alice's request: 5,000 miles go to mallory.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::PageView],
                vec![
                    Expect::Statuses(&[200, 200]),
                    req("cookie", true),
                    req("origin", true),
                    miles("alice", 7_000),
                    Expect::Page(PageKind::Transferred),
                ],
            ),
            step(
                vec![act(Action::SetSameSite(SameSitePolicy::Lax)), alice(), act(Action::CrossSite)],
                t(
                    "SameSite=Lax로 바꿔 다시 로그인해요. 같은 폼이 보낸 POST에는 브라우저가 sid를 붙이지 않고, 왜 뺐는지가 스테이지에 보여요. 서버는 누구인지 몰라 401을 줘요.",
                    "Switch to SameSite=Lax and log in again. This time the browser leaves the sid off the same form's POST, and the stage shows why. The server can't tell who it is: 401.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::Cookie(SID)],
                vec![Expect::Statuses(&[200, 401]), Expect::Withheld(SID), miles("alice", 7_000)],
            ),
            step(
                vec![
                    act(Action::CrossSiteLink),
                    act(Action::SetSameSite(SameSitePolicy::Strict)),
                    alice(),
                    act(Action::CrossSiteLink),
                ],
                t(
                    "Lax는 evil.example의 링크처럼 GET으로 하는 최상위 이동에는 sid를 보내서 첫 GET /me는 200이에요. Strict로 바꾸면 그런 링크에서도 쿠키가 빠져 401이에요.",
                    "Lax still sends the sid on a top-level GET such as a link on evil.example, so the first GET /me gets 200. Under Strict even that link goes without the cookie: 401.",
                ),
                vec![Highlight::Cookie(SID), Highlight::PageView],
                vec![Expect::Statuses(&[200, 200, 401]), Expect::Withheld(SID)],
            ),
            step(
                vec![
                    act(Action::SetSameSite(SameSitePolicy::None)),
                    act(Action::SetCsrf(CsrfDefence::Token)),
                    alice(),
                    act(Action::TransferMiles { to: "bob".into(), miles: 500 }),
                    act(Action::CrossSite),
                ],
                t(
                    "다시 SameSite=None으로 두고 CSRF 토큰을 켜요. 사이트의 페이지는 받아 둔 X-CSRF-Token을 붙여 500마일을 보내지만, evil.example의 폼은 그 값을 읽을 수 없어서 403이에요.",
                    "Back to SameSite=None, now with a CSRF token. The site's own page adds the X-CSRF-Token it was given and sends 500 miles; the form on evil.example can't read that value: 403.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::PageView],
                vec![
                    Expect::Statuses(&[200, 200, 403]),
                    req("cookie", true),
                    Expect::ErrorContains("X-CSRF-Token"),
                    miles("alice", 6_500),
                ],
            ),
            step(
                vec![act(Action::SetCsrf(CsrfDefence::Origin)), act(Action::CrossSite)],
                t(
                    "이번엔 토큰 대신 Origin 헤더를 검사해요. 브라우저는 POST마다 시작된 곳을 Origin에 적고 페이지는 이 값을 바꿀 수 없어서, Origin이 https://evil.example인 요청은 403이에요.",
                    "Now the site checks the Origin header instead. The browser names where every POST started and no page can change it, so a request from Origin https://evil.example gets 403.",
                ),
                vec![Highlight::RequestHeader("Origin"), Highlight::PageView],
                vec![Expect::Status(403), req("origin", true), Expect::ErrorContains("evil.example"), miles("alice", 6_500)],
            ),
            step(
                vec![
                    act(Action::Logout),
                    act(Action::SetCsrf(CsrfDefence::None)),
                    act(Action::SetMode(AuthMode::Token)),
                    alice(),
                    act(Action::CrossSite),
                ],
                t(
                    "토큰 모드로 바꿔요. 이 페이지는 access 토큰을 localStorage에 두고 Authorization 헤더로 보내는데, 이 헤더는 페이지 스크립트만 붙일 수 있어요. 폼 요청에는 자격 증명이 하나도 없어서 401이에요.",
                    "Switch to token mode. This page keeps the access token in localStorage and sends it in an Authorization header, which only the page script can add. The form's request carries no credential at all: 401.",
                ),
                vec![Highlight::RequestHeader("Authorization"), Highlight::Storage(TOKEN)],
                vec![
                    Expect::Statuses(&[200, 200, 401]),
                    req("authorization", false),
                    req("cookie", false),
                    miles("alice", 6_500),
                ],
            ),
            step(
                vec![
                    act(Action::Logout),
                    act(Action::SetTokenStore(TokenStore::Cookie)),
                    alice(),
                    act(Action::CrossSite),
                ],
                t(
                    "같은 JWT를 HttpOnly 쿠키 at에 담으면 어떨까요? 쿠키는 브라우저가 알아서 붙이니 폼 요청에도 실려 가고, SameSite=None인 지금은 5,000마일이 또 넘어가요. 쿠키에 든 JWT도 세션만큼 CSRF에 약해요.",
                    "What if the same JWT sits in an HttpOnly cookie, at? The browser attaches cookies by itself, so it rides on the form's request too, and with SameSite=None 5,000 more miles go. A JWT in a cookie is as open to CSRF as a session.",
                ),
                vec![Highlight::Cookie("at"), Highlight::RequestHeader("Cookie")],
                vec![
                    Expect::Statuses(&[200, 200, 200]),
                    req("cookie", true),
                    Expect::Cookie { name: "at", http_only: true },
                    storage(TOKEN, false),
                    miles("alice", 1_500),
                ],
            ),
        ],
    }
}
