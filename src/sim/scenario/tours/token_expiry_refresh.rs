//! The tour `token-expiry-refresh` (C10, C14).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "token-expiry-refresh",
    concepts: "C10, C14",
    title: t("토큰 만료와 refresh 토큰", "Token expiry and refresh tokens"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "짧게 사는 access 토큰, 오래 사는 refresh 토큰, 쓸 때마다 바뀌는 교체와 재사용 감지까지 봐요.",
            "A short-lived access token, a long-lived refresh token, rotation on every use, and reuse detection.",
        ),
        config: one(AuthMode::Token),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "alice가 로그인하면 두 가지를 받아요. 15분짜리 access 토큰은 이 페이지의 스크립트가 localStorage에 두고, 7일짜리 refresh 토큰은 Path=/token, Max-Age=604800인 HttpOnly 쿠키 rt에 들어가요.",
                    "alice logs in and gets two things. This page's script keeps the 15-minute access token in localStorage; the 7-day refresh token goes into rt, an HttpOnly cookie with Path=/token and Max-Age=604800.",
                ),
                vec![Highlight::Storage(TOKEN), Highlight::Cookie(RT)],
                vec![
                    storage(TOKEN, true),
                    cookie(RT),
                    res_has("set-cookie", "Path=/token"),
                    res_has("set-cookie", "Max-Age=604800"),
                ],
            ),
            step(
                vec![act(Action::Advance(10 * MINUTE)), me()],
                t(
                    "가상 시계를 10분 돌리고 GET /me를 보내요. 아직 exp 전이라 200이고, rt 쿠키는 경로가 맞지 않아 이 요청에 실리지 않아요.",
                    "Move the virtual clock 10 minutes and send GET /me. exp hasn't come yet, so 200, and the rt cookie stays home because its path doesn't match.",
                ),
                vec![Highlight::Clock, Highlight::RequestHeader("Authorization")],
                vec![Expect::Status(200), req("cookie", false), req("authorization", true)],
            ),
            step(
                vec![act(Action::Advance(5 * MINUTE + SECOND)), me()],
                t(
                    "5분을 더 보내면 exp를 넘어요. 같은 토큰이 이번엔 401이고, 응답의 WWW-Authenticate 헤더가 만료됐다고 알려 줘요.",
                    "Five more minutes and exp has passed. The same token now gets 401, and the WWW-Authenticate header in the response says it expired.",
                ),
                vec![Highlight::Clock, Highlight::ResponseHeader("WWW-Authenticate")],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("expired"),
                    res_has("www-authenticate", "error=\"invalid_token\""),
                    res_has("www-authenticate", "expired"),
                ],
            ),
            step(
                vec![act(Action::StealCookie { name: RT.into() })],
                t(
                    "그사이 alice의 컴퓨터에 숨어든 악성 프로그램이 브라우저 프로필에서 rt 쿠키를 복사해 가요. HttpOnly는 페이지 스크립트만 막을 뿐, 디스크의 쿠키 파일까지 지켜 주지는 않아요.",
                    "Meanwhile malware on alice's computer copies the rt cookie out of the browser's profile. HttpOnly only keeps page scripts out; it does not guard the cookie file on disk.",
                ),
                vec![Highlight::Attacker, Highlight::Cookie(RT)],
                vec![Expect::AttemptSays("malware copied cookie rt="), cookie(RT)],
            ),
            step(
                vec![act(Action::Refresh)],
                t(
                    "페이지가 POST /token/refresh를 보내요. 이번엔 rt 쿠키가 함께 가고, 서버는 새 access 토큰과 새 rt를 내주면서 방금 받은 rt에는 사용 완료 표시를 해요.",
                    "The page sends POST /token/refresh. This time the rt cookie goes along; the server hands out a new access token and a new rt, and marks the one it just received as used.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::Cookie(RT)],
                vec![
                    Expect::Status(200),
                    req("cookie", true),
                    Expect::CookieChanged(RT),
                    Expect::Page(PageKind::Refreshed),
                    meter(Meter::Lookups, Change::Increased),
                ],
            ),
            step(
                vec![me()],
                t(
                    "새 토큰으로 GET /me가 다시 200이에요. alice는 비밀번호를 다시 입력하지 않았어요.",
                    "With the new token GET /me is 200 again. alice never typed her password a second time.",
                ),
                vec![Highlight::Storage(TOKEN), Highlight::PageView],
                vec![Expect::Status(200), Expect::Page(PageKind::SignedIn)],
            ),
            step(
                vec![Move::ReplayStolenRefreshToken, me()],
                t(
                    "공격자가 자기 브라우저에서 훔친 rt로 POST /token/refresh를 보내요. 이미 쓴 rt가 다시 왔으니 서버는 재사용을 잡아내 이 로그인의 refresh 토큰을 모두 폐기해요. access 토큰은 폐기되지 않아서 alice의 GET /me는 exp까지 여전히 200이에요.",
                    "The attacker sends POST /token/refresh with the stolen rt from their own browser. A used rt coming back is reuse: the server revokes every refresh token of this login. Access tokens are not revoked, so alice's GET /me still gets 200 until its exp.",
                ),
                vec![Highlight::Attacker, Highlight::Server("A")],
                vec![
                    Expect::Replay(401),
                    Expect::ReplaySays("reuse"),
                    hop("attacker", "balancer"),
                    Expect::LiveRefreshTokens(0),
                    Expect::Status(200),
                ],
            ),
            step(
                vec![act(Action::Advance(15 * MINUTE)), act(Action::Refresh)],
                t(
                    "15분 뒤 access 토큰이 만료되자 페이지가 refresh를 보내요. alice의 rt는 그대로 실려 가지만 패밀리가 폐기됐으니 401이고, 남은 길은 새로 로그인하는 것뿐이에요.",
                    "Fifteen minutes later the access token expires and the page sends a refresh. alice's rt goes along as always, but its family is revoked: 401, and the only way back in is a fresh login.",
                ),
                vec![Highlight::Clock, Highlight::RequestHeader("Cookie")],
                vec![Expect::Status(401), Expect::ErrorContains("revoked"), req("cookie", true), res("www-authenticate", true)],
            ),
        ],
    }
}
