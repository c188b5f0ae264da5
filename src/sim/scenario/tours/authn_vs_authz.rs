//! The tour `authn-vs-authz` (C15).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "authn-vs-authz",
    concepts: "C15",
    title: t("인증과 인가: 401과 403", "Authentication vs authorization: 401 and 403"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "누군지 모르면 401, 누군지는 알지만 권한이 없으면 403이에요.",
            "401 means the server doesn't know who you are; 403 means it knows, and the answer is no.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![admin()],
                t(
                    "로그인하지 않고 GET /admin을 열어요. 서버는 요청한 사람이 누군지부터 모르니 401로 답해요. 이름은 Unauthorized지만 뜻은 '인증되지 않음'이고, 응답의 WWW-Authenticate가 로그인할 곳을 알려 줘요.",
                    "Open GET /admin without logging in. The server can't tell who is asking, so it answers 401. Its name says Unauthorized, but it means unauthenticated, and its WWW-Authenticate header says where to log in.",
                ),
                vec![Highlight::PageView, Highlight::ResponseHeader("WWW-Authenticate")],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("not logged in"),
                    req("cookie", false),
                    res_has("www-authenticate", "form-action=\"/login\""),
                ],
            ),
            step(
                vec![alice(), me()],
                t(
                    "alice로 로그인하면 GET /me가 200이에요. 내가 누구인지 증명하는 이 과정이 인증이에요.",
                    "Log in as alice and GET /me returns 200. Proving who you are is authentication.",
                ),
                vec![Highlight::PageView],
                vec![Expect::Status(200), Expect::Page(PageKind::SignedIn)],
            ),
            step(
                vec![admin()],
                t(
                    "alice가 GET /admin을 열어요. 서버는 alice라는 건 알지만 역할이 user라서 403 Forbidden을 줘요. 누구인지 확인하는 게 인증이고, 무엇을 해도 되는지 정하는 게 인가예요.",
                    "alice opens GET /admin. The server knows it's alice, but her role is user, so 403 Forbidden. Checking who you are is authentication; deciding what you may do is authorization.",
                ),
                vec![Highlight::PageView],
                vec![
                    Expect::Status(403),
                    Expect::ErrorContains("admins only"),
                    res("www-authenticate", false),
                    Expect::Page(PageKind::Error),
                ],
            ),
            step(
                vec![act(Action::Logout), bob(), admin()],
                t(
                    "로그아웃하고 bob으로 들어가요. bob의 세션에는 admin 역할이 적혀 있어서 GET /admin이 200이에요.",
                    "Log out and sign in as bob. His session records the admin role, so GET /admin returns 200.",
                ),
                vec![Highlight::PageView, Highlight::SessionRows],
                vec![Expect::Status(200), Expect::Page(PageKind::Admin)],
            ),
            step(
                vec![act(Action::SetMode(AuthMode::Token)), alice(), admin()],
                t(
                    "토큰 모드에서도 규칙은 같아요. 서버는 서명을 검증한 다음 토큰의 role 클레임을 읽고, user라서 403을 돌려줘요.",
                    "Token mode follows the same rule. The server verifies the signature, then reads the token's role claim, sees user and returns 403.",
                ),
                vec![Highlight::JwtInspector, Highlight::PageView],
                vec![Expect::Status(403), claim("role", "user"), meter(Meter::Verifications, Change::Increased)],
            ),
            step(
                vec![Move::SendTamperedToken { role: "admin" }],
                t(
                    "role을 admin으로 고친 토큰을 보내면 403이 아니라 401이 와요. 서명이 깨진 순간 서버는 누구인지부터 믿을 수 없거든요.",
                    "Send a copy with role edited to admin and you get 401, not 403. Once the signature breaks, the server can't trust who you are in the first place.",
                ),
                vec![Highlight::JwtInspector],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("signature"),
                    res_has("www-authenticate", "error=\"invalid_token\""),
                ],
            ),
        ],
    }
}
