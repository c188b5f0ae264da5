//! The tour `xss-httponly` (C11, C14).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "xss-httponly",
    concepts: "C11, C14",
    title: t("XSS와 CSRF: 스크립트가 읽을 수 있는 것", "XSS and CSRF: what a script can read"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "HttpOnly 쿠키는 스크립트가 읽지 못해도 요청에는 실려 가고, localStorage는 스크립트가 다 읽어요. 쿠키가 저절로 따라가니 SameSite도 필요해요.",
            "Scripts can't read an HttpOnly cookie, yet it rides on their requests; localStorage they read whole. Cookies going along on their own is what SameSite is for.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "세션 모드로 로그인해요. sid 쿠키에는 HttpOnly가 붙어 있어서 쿠키 테이블의 HttpOnly 칸에 체크가 보여요.",
                    "Log in in session mode. The sid cookie is HttpOnly: see the tick in the HttpOnly column of the cookie table.",
                ),
                vec![Highlight::Cookie(SID), Highlight::ResponseHeader("Set-Cookie")],
                vec![Expect::Status(200), cookie(SID)],
            ),
            step(
                vec![act(Action::StealXss)],
                t(
                    "악성 스크립트가 페이지에 끼어들어 읽을 수 있는 건 다 긁어 가요. document.cookie에 sid가 보이지 않으니 공격자 손에 들어간 건 없어요.",
                    "A malicious script gets into the page and grabs whatever it can read. document.cookie doesn't show the sid, so the attacker ends up with nothing.",
                ),
                vec![Highlight::Attacker, Highlight::Cookie(SID)],
                vec![Expect::Stolen(Stolen::Nothing), Expect::AttemptSays("HttpOnly kept sid")],
            ),
            step(
                vec![act(Action::XssRequest)],
                t(
                    "그래도 안심은 일러요. 같은 스크립트가 alice의 페이지에서 GET /me를 보내면 브라우저가 알아서 sid를 붙여서 200이 와요. 쿠키 값은 못 읽어도 alice인 척 요청은 보낼 수 있어요.",
                    "That's no all-clear. When the same script sends GET /me from alice's page, the browser adds the sid itself: 200. The script never reads the cookie, yet it can act as alice.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::Attacker],
                vec![
                    Expect::Status(200),
                    req("cookie", true),
                    Expect::AttemptSays("the injected script sent a request as the user and got 200"),
                    Expect::Stolen(Stolen::Nothing),
                ],
            ),
            step(
                vec![act(Action::CrossSite)],
                t(
                    "이번엔 evil.example의 폼이 alice의 마일리지를 옮기는 POST /miles/transfer를 보내요. 쿠키는 브라우저가 알아서 붙이지만, SameSite=Lax는 다른 사이트에서 시작된 요청에서 쿠키를 빼요(GET 같은 안전한 메서드의 최상위 이동만 예외). 그래서 sid 없이 가서 401이에요.",
                    "Now a form on evil.example posts POST /miles/transfer, moving alice's miles. The browser attaches cookies by itself, but SameSite=Lax leaves them off requests started by another site, except top-level navigations with a safe method like GET. So no sid: 401.",
                ),
                vec![Highlight::RequestHeader("Cookie"), hl_hop("browser", "balancer")],
                vec![Expect::Status(401), req("cookie", false), req("origin", true)],
            ),
            step(
                vec![act(Action::SetMode(AuthMode::Token)), alice()],
                t(
                    "토큰 모드로 바꿔 다시 로그인해요. 이 페이지의 스크립트는 access 토큰을 localStorage에 보관해요.",
                    "Switch to token mode and log in again. This page's script keeps the access token in localStorage.",
                ),
                vec![Highlight::Storage(TOKEN)],
                vec![Expect::Status(200), storage(TOKEN, true)],
            ),
            step(
                vec![act(Action::StealXss)],
                t(
                    "같은 악성 스크립트가 다시 돌아요. localStorage는 그 페이지의 어떤 스크립트든 읽을 수 있어서 토큰이 통째로 넘어가요.",
                    "The same malicious script runs again. Any script on the page can read localStorage, so the whole token goes to the attacker.",
                ),
                vec![Highlight::Storage(TOKEN), Highlight::Attacker],
                vec![Expect::Stolen(Stolen::Token)],
            ),
            step(
                vec![act(Action::CrossSite)],
                t(
                    "반대로 evil.example의 폼 요청에는 Authorization 헤더가 없어요. 이 헤더는 사이트의 스크립트만 붙일 수 있어서 CSRF에는 강하지만, 방금 본 것처럼 XSS에는 약해요.",
                    "On the other hand, the form post from evil.example carries no Authorization header. Only the site's own script adds it, so it resists CSRF, yet as you just saw it falls to XSS.",
                ),
                vec![Highlight::RequestHeader("Authorization")],
                vec![Expect::Status(401), req("authorization", false), req("origin", true)],
            ),
        ],
    }
}
