//! The tour `token-login` (C10–C11).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry =
    Entry {
        id: "token-login", concepts: "C10–C11", title: t("토큰 로그인: 서명된 JWT", "Token login: a signed JWT")
    };

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "서버는 서명 키로 JWT에 서명해 건네고, 이 페이지의 스크립트는 그걸 localStorage에 두었다가 Authorization 헤더로 보내요.",
            "The server signs a JWT with its signing key; this page's script keeps it in localStorage and sends it in the Authorization header.",
        ),
        config: one(AuthMode::Token),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "토큰 모드에서 alice가 로그인해요. 서버는 세션 행 대신 서명 키로 HS256 JWT에 서명해 본문에 담고, 7일짜리 refresh 토큰은 테이블에 한 줄 적은 뒤 쿠키로 줘요. 그래서 서버 상태 바이트도 그 한 줄만큼 늘어요.",
                    "alice logs in, in token mode. Instead of a session row the server signs an HS256 JWT with its signing key and puts it in the body; the 7-day refresh token gets a row in its table and a cookie. So server-state bytes grow by that row.",
                ),
                vec![Highlight::Server("A"), Highlight::Storage(TOKEN), STORE_METER],
                vec![
                    Expect::Status(200),
                    storage(TOKEN, true),
                    cookie(RT),
                    rows(Where::Anywhere, 0),
                    Expect::LiveRefreshTokens(1),
                    meter(Meter::StoreBytes, Change::Increased),
                ],
            ),
            step(
                vec![],
                t(
                    "JWT 살펴보기에서 토큰을 열면 점으로 나뉜 세 조각이 보여요. 가운데 payload(sub=alice, role=user, 15분 뒤의 exp)는 base64url만 풀면 누구나 읽어요. 암호화가 아니라 인코딩이라서, 서명 키 없이 만들 수 없는 건 끝의 서명뿐이에요.",
                    "Open the token in the JWT inspector: three pieces split by dots. Anyone can base64url-decode the payload (sub=alice, role=user, an exp 15 minutes away): it is encoded, not encrypted. Only the signature at the end needs the signing key.",
                ),
                vec![Highlight::JwtInspector],
                vec![claim("sub", "alice"), claim("role", "user")],
            ),
            step(
                vec![me()],
                t(
                    "GET /me를 보내면 페이지 스크립트가 localStorage에서 토큰을 꺼내 Authorization: Bearer … 헤더에 넣어요. 서버는 아무것도 조회하지 않고 서명과 alg, exp, iat만 검증해요. 조회 횟수는 그대로고 검증 횟수만 올라가요.",
                    "On GET /me the page script takes the token out of localStorage and puts it in Authorization: Bearer …. The server looks nothing up: it checks the signature, alg, exp and iat. Look-ups stay put, verifications go up.",
                ),
                vec![Highlight::RequestHeader("Authorization"), Highlight::Storage(TOKEN)],
                vec![
                    Expect::Status(200),
                    req("authorization", true),
                    req("cookie", false),
                    meter(Meter::Lookups, Change::Unchanged),
                    meter(Meter::Verifications, Change::Increased),
                ],
            ),
            step(
                vec![Move::SendTamperedToken { role: "admin" }],
                t(
                    "payload의 role을 admin으로 고쳐서 보내 봐요. 내용이 바뀌었으니 서명과 맞지 않고, 서버는 401로 돌려보내요.",
                    "Edit the payload so role says admin, and send it. The content no longer matches the signature, and the server turns it away with 401.",
                ),
                vec![Highlight::JwtInspector, Highlight::ResponseHeader("WWW-Authenticate")],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("signature"),
                    res_has("www-authenticate", "error=\"invalid_token\""),
                ],
            ),
            step(
                vec![act(Action::Logout)],
                t(
                    "로그아웃하면 페이지 스크립트가 localStorage에서 토큰을 지우고, 서버는 refresh 토큰 패밀리를 폐기하고 rt 쿠키도 지우게 해요. access 토큰은 서버가 기억하지 않으니, 어딘가 사본이 있다면 exp까지는 계속 통해요.",
                    "On logout the page script deletes the token from localStorage, and the server revokes the refresh-token family and has the rt cookie cleared. The server keeps no record of the access token, so any copy of it elsewhere still works until its exp.",
                ),
                vec![Highlight::PageView, Highlight::Cookie(RT)],
                vec![
                    Expect::Status(200),
                    storage(TOKEN, false),
                    Expect::NoCookie(RT),
                    Expect::LiveRefreshTokens(0),
                    Expect::Page(PageKind::LoginForm),
                ],
            ),
        ],
    }
}
