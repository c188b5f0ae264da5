//! The tour `force-logout` (C6).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "force-logout",
    concepts: "C6",
    title: t("서버가 로그아웃시킬 수 있어요", "The server can log you out"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "세션은 서버에 있으니, 서버가 행 하나를 지우면 그 sid는 곧바로 쓸모없어져요.",
            "The session lives on the server, so deleting one row makes that sid worthless at once.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![alice(), me()],
                t(
                    "alice가 로그인하고 GET /me로 자기 페이지를 열어요. 서버 A의 세션 테이블에 alice의 행이 하나 있어요.",
                    "alice logs in and opens her page with GET /me. Server A's session table has one row for her.",
                ),
                vec![Highlight::SessionRows],
                vec![Expect::Status(200), rows(Where::Server(0), 1), Expect::Page(PageKind::SignedIn)],
            ),
            step(
                vec![Move::RevokeBrowserSession],
                t(
                    "운영자가 그 행의 폐기 버튼을 눌러 세션을 지워요. 브라우저 쿠키 테이블에는 sid가 그대로 있지만, 서버 쪽 기록은 사라졌어요.",
                    "An operator presses Revoke on that row and the session is gone. The browser's cookie table still lists the sid, but the server has no record of it any more.",
                ),
                vec![Highlight::SessionRows, Highlight::Cookie(SID)],
                vec![rows(Where::Anywhere, 0), meter(Meter::StoreBytes, Change::Decreased), cookie(SID)],
            ),
            step(
                vec![me()],
                t(
                    "alice가 새로고침해요. Cookie 헤더는 똑같이 가지만 서버는 그런 세션이 없다며 401로 답해요. 서버는 마음만 먹으면 누구든 그 자리에서 로그아웃시킬 수 있어요.",
                    "alice reloads. The Cookie header goes out as before, but the server finds no such session and answers 401. Whenever the server decides to, it can log anyone out on the spot.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::PageView],
                vec![
                    Expect::Status(401),
                    req("cookie", true),
                    Expect::ErrorContains("no such session"),
                    Expect::Page(PageKind::Error),
                ],
            ),
            step(
                vec![alice()],
                t(
                    "다시 로그인하면 새 id로 새 행이 생겨요. 지워진 예전 sid가 되살아나지는 않아요.",
                    "Logging in again creates a new row under a new id. The deleted sid does not come back to life.",
                ),
                vec![Highlight::SessionRows, Highlight::Cookie(SID)],
                vec![Expect::Status(200), rows(Where::Server(0), 1), Expect::CookieChanged(SID)],
            ),
            step(
                vec![act(Action::Logout)],
                t(
                    "이번엔 alice가 직접 로그아웃해요. 서버는 행을 지우고, Max-Age=0인 Set-Cookie로 브라우저의 sid도 치우게 해요.",
                    "This time alice logs out herself. The server deletes the row and answers with a Set-Cookie of Max-Age=0, so the browser throws its sid away too.",
                ),
                vec![Highlight::ResponseHeader("Set-Cookie"), Highlight::SessionRows],
                vec![
                    Expect::Status(200),
                    rows(Where::Anywhere, 0),
                    Expect::NoCookie(SID),
                    res_has("set-cookie", "Max-Age=0"),
                    Expect::Page(PageKind::LoginForm),
                ],
            ),
        ],
    }
}
