//! The tour `session-login` (C2–C5).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry =
    Entry {
        id: "session-login", concepts: "C2–C5", title: t("세션 로그인 한 바퀴", "A session login, step by step")
    };

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "비밀번호 확인, 세션 행 생성, Set-Cookie, 그리고 요청마다 따라붙는 Cookie 헤더까지 차례로 봐요.",
            "Follow a session login: the password check, a new session row, Set-Cookie, and the Cookie header on every request after.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![login("alice", "alice123")],
                t(
                    "alice가 비밀번호를 잘못 입력했어요. 서버는 입력값을 저장할 때와 같은 방식으로 해시해 사용자 테이블의 값과 비교하고, 다르니 401을 돌려줘요. 테이블에는 비밀번호가 아니라 해시만 있어요.",
                    "alice mistypes her password. The server hashes what she typed the way it hashed the stored one and compares it with her row; they differ, so 401. Notice the user table holds hashes, never passwords.",
                ),
                vec![Highlight::UserTable],
                vec![
                    Expect::Status(401),
                    Expect::ErrorContains("wrong username or password"),
                    res("www-authenticate", true),
                    Expect::Cookies(0),
                    rows(Where::Anywhere, 0),
                ],
            ),
            step(
                vec![alice()],
                t(
                    "이번엔 비밀번호가 맞아요. 서버 A가 128비트 세션 id를 새로 뽑아 세션 테이블에 이 id는 alice라고 한 줄 적어요. 이 데모는 시드를 고정한 생성기로 id를 뽑지만, 실제 서버는 CSPRNG를 써야 해요.",
                    "This time the password matches. Server A draws a fresh 128-bit session id and writes one row in its session table: this id is alice. The demo draws ids from a seeded generator; a real server must use a CSPRNG.",
                ),
                vec![Highlight::SessionRows, STORE_METER],
                vec![
                    Expect::Status(200),
                    rows(Where::Server(0), 1),
                    Expect::CookieLength { name: SID, len: 32 },
                    meter(Meter::StoreBytes, Change::Increased),
                ],
            ),
            step(
                vec![],
                t(
                    "같은 응답의 Set-Cookie를 봐요. HttpOnly는 페이지 스크립트가 못 읽게, Secure는 https로만 가게 해요. SameSite=Lax는 다른 사이트에서 시작된 요청에서 쿠키를 빼요(GET 같은 안전한 메서드의 최상위 이동만 예외).",
                    "Look at the Set-Cookie of that response. HttpOnly hides the cookie from page scripts, Secure keeps it to https. SameSite=Lax leaves it off requests started by other sites, except top-level navigations with a safe method such as GET.",
                ),
                vec![Highlight::ResponseHeader("Set-Cookie"), Highlight::Cookie(SID)],
                vec![
                    res_has("set-cookie", "HttpOnly"),
                    res_has("set-cookie", "; Secure"),
                    res_has("set-cookie", "SameSite=Lax"),
                    cookie(SID),
                    Expect::Secure { name: SID, secure: true },
                    Expect::Cookies(1),
                ],
            ),
            step(
                vec![me()],
                t(
                    "GET /me를 보내요. 브라우저가 알아서 Cookie: sid=…를 붙이고, 서버 A는 그 id로 세션 테이블을 뒤져 alice를 찾아내요. 조회 횟수가 하나 올라가요.",
                    "Send GET /me. The browser attaches Cookie: sid=… on its own, and server A looks the id up in its session table and finds alice. The look-ups count goes up by one.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::SessionRows],
                vec![
                    Expect::Status(200),
                    req("cookie", true),
                    meter(Meter::Lookups, Change::Increased),
                    Expect::Page(PageKind::SignedIn),
                ],
            ),
            step(
                vec![act(Action::Advance(16 * MINUTE)), me()],
                t(
                    "시계를 16분 앞으로 돌려요. 15분 동안 쓰이지 않은 세션은 서버에서 지워졌지만 쿠키는 아직 남아 있어서, 브라우저는 sid를 보내고 401을 받아요.",
                    "Move the clock 16 minutes ahead. The session sat idle past its 15 minutes and the server dropped it, but the cookie is still in the jar: the browser sends the sid and gets 401.",
                ),
                vec![Highlight::Clock, Highlight::SessionRows],
                vec![
                    Expect::Status(401),
                    req("cookie", true),
                    res("www-authenticate", true),
                    rows(Where::Anywhere, 0),
                    cookie(SID),
                ],
            ),
        ],
    }
}
