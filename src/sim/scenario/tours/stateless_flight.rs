//! The tour `stateless-flight` (C1).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "stateless-flight",
    concepts: "C1",
    title: t("HTTP는 방금 한 말도 잊어요", "HTTP forgets what you just said"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "제주행 요금을 물은 다음 항공권 4장을 사려고 하면, 아무것도 기억하지 않는 서버는 어느 항공편인지 몰라요.",
            "Ask for a fare to Jeju, then for four seats: a server that keeps no state has no idea which flight.",
        ),
        config: one(AuthMode::Stateless),
        twin: None,
        steps: vec![
            step(
                vec![quote_jeju()],
                t(
                    "브라우저가 GET /flights?to=jeju로 제주행 편도 요금을 물어요. 서버 A는 70,000원이라고 답하고 그걸로 끝이에요. 응답에 Set-Cookie가 없으니 쿠키 테이블도 비어 있어요.",
                    "The browser asks GET /flights?to=jeju for a one-way fare to Jeju. Server A answers 70,000 won, and that's all. No Set-Cookie in the response, so the cookie table stays empty.",
                ),
                vec![Highlight::PageView, Highlight::ResponseHeader("Set-Cookie")],
                vec![
                    Expect::Status(200),
                    Expect::Page(PageKind::Fare),
                    Expect::BodyContains("\"fare\":70000"),
                    res("set-cookie", false),
                    Expect::Cookies(0),
                ],
            ),
            step(
                vec![buy(4)],
                t(
                    "이어서 POST /flights/buy에 {count: 4}만 실어 보내요. 요청 어디에도 조금 전 견적과 이어 줄 단서가 없어서, 서버는 400과 함께 어느 항공편이냐고 되물어요.",
                    "Next, POST /flights/buy carries only {count: 4}. Nothing in it links back to the quote a moment ago, so the server answers 400: which flight?",
                ),
                vec![Highlight::PageView, Highlight::RequestHeader("Cookie")],
                vec![
                    Expect::Status(400),
                    Expect::ErrorContains("which flight?"),
                    req("cookie", false),
                    Expect::Page(PageKind::Error),
                ],
            ),
            step(
                vec![alice(), me()],
                t(
                    "로그인도 다르지 않아요. alice의 비밀번호가 맞아서 200을 받았는데도, 바로 다음 GET /me는 누가 보냈는지 몰라 401이에요.",
                    "Logging in is no different. alice's password checks out and she gets 200, yet the very next GET /me comes from a stranger again: 401.",
                ),
                vec![Highlight::PageView],
                vec![Expect::Statuses(&[200, 401]), Expect::Cookies(0), storage(TOKEN, false), res("www-authenticate", true)],
            ),
            step(
                vec![act(Action::SetMode(AuthMode::Session)), quote_jeju()],
                t(
                    "세션 모드로 바꾸고 요금을 다시 물어요. 이번 응답에는 Set-Cookie: sid=…가 붙고, 서버 A의 세션 테이블에 견적을 담은 행이 하나 생겨요.",
                    "Switch to session mode and ask for the fare again. This response carries Set-Cookie: sid=…, and a row holding the quote appears in server A's session table.",
                ),
                vec![Highlight::ResponseHeader("Set-Cookie"), Highlight::SessionRows],
                vec![Expect::Status(200), res("set-cookie", true), cookie(SID), rows(Where::Server(0), 1)],
            ),
            step(
                vec![buy(4)],
                t(
                    "같은 구매 요청을 다시 보내요. 브라우저가 Cookie 헤더에 sid를 실어 주고, 서버는 그 세션에서 견적을 찾아 4장에 280,000원으로 처리해요.",
                    "Send the same purchase again. The browser adds the sid in a Cookie header; the server finds the quote in that session and sells four seats for 280,000 won.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::SessionRows],
                vec![
                    Expect::Status(200),
                    req("cookie", true),
                    Expect::Page(PageKind::Bought),
                    Expect::BodyContains("\"total\":280000"),
                    meter(Meter::Lookups, Change::Increased),
                ],
            ),
        ],
    }
}
