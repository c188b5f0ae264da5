//! The tour `token-storage` (lab 2): the same access token in localStorage, in the page
//! script's memory and in an HttpOnly cookie, against XSS, a reload and CSRF; then the
//! backend-for-frontend, where the server keeps the tokens.

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "token-storage",
    concepts: "L2",
    title: t(
        "토큰을 어디에 둘까: localStorage, 메모리, 쿠키",
        "Where the token lives: localStorage, memory or a cookie",
    ),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "같은 access 토큰을 세 곳에 두고 XSS, 새로고침, CSRF에 각각 어떻게 버티는지 본 다음, 서버가 토큰을 맡는 BFF까지 견줘요.",
            "Keep the same access token in three places and see how each stands up to XSS, a reload and CSRF; then the backend-for-frontend, where the server keeps the tokens.",
        ),
        config: lab(AuthMode::Token, SameSitePolicy::Lax),
        twin: None,
        steps: vec![
            step(
                vec![alice(), act(Action::StealXss)],
                t(
                    "이 페이지는 access 토큰을 localStorage에 두고 있어요. 페이지에 끼어든 스크립트는 localStorage를 통째로 읽을 수 있어서 토큰이 공격자에게 넘어가요. 새로고침해도 남는 편리함의 대가예요.",
                    "This page keeps the access token in localStorage. A script injected into the page reads all of localStorage, so the token goes to the attacker. That is the price of a token that survives a reload.",
                ),
                vec![Highlight::Storage(TOKEN), Highlight::Attacker],
                vec![Expect::Stolen(Stolen::Token), storage(TOKEN, true)],
            ),
            step(
                vec![
                    act(Action::Logout),
                    act(Action::SetTokenStore(TokenStore::Memory)),
                    alice(),
                    act(Action::StealXss),
                ],
                t(
                    "이번엔 페이지 스크립트가 토큰을 자기 변수에만 들고 있어요. 같은 스크립트가 저장소를 뒤져도 토큰은 나오지 않고, rt는 HttpOnly 쿠키라 역시 손이 닿지 않아요.",
                    "Now the page script holds the token only in a variable of its own. The same script searches storage and finds no token, and rt is an HttpOnly cookie, out of its reach too.",
                ),
                vec![Highlight::PageMemory, Highlight::Attacker],
                vec![Expect::MemoryToken(true), storage(TOKEN, false), Expect::AttemptSays("script read nothing")],
            ),
            step(
                vec![act(Action::Reload)],
                t(
                    "페이지를 새로고침하면 변수에 있던 토큰은 사라져요. 페이지는 HttpOnly 쿠키 rt로 POST /token/refresh를 보내 새 토큰을 받고, 이어진 GET /me도 200이에요.",
                    "Reload the page and the token in the variable is gone. The page sends POST /token/refresh with the HttpOnly rt cookie, gets a new token, and GET /me is 200 again.",
                ),
                vec![Highlight::Cookie(RT), Highlight::PageMemory],
                vec![Expect::Statuses(&[200, 200]), Expect::MemoryToken(true), Expect::Page(PageKind::SignedIn)],
            ),
            step(
                vec![
                    act(Action::Logout),
                    act(Action::SetTokenStore(TokenStore::Cookie)),
                    alice(),
                    act(Action::StealXss),
                    act(Action::XssRequest),
                ],
                t(
                    "서버가 토큰을 HttpOnly 쿠키 at로 주면 스크립트는 아무것도 읽지 못해요. 하지만 쿠키는 브라우저가 알아서 붙여서, 심어진 스크립트가 보낸 GET /me도 200이에요.",
                    "When the server hands the token over as an HttpOnly cookie, at, the script reads nothing. But the browser attaches the cookie by itself, so the injected script's GET /me still gets 200.",
                ),
                vec![Highlight::Cookie("at"), Highlight::Attacker],
                vec![
                    Expect::Cookie { name: "at", http_only: true },
                    storage(TOKEN, false),
                    Expect::MemoryToken(false),
                    Expect::Status(200),
                    Expect::AttemptSays("got 200"),
                ],
            ),
            step(
                vec![act(Action::SetSameSite(SameSitePolicy::None)), alice(), act(Action::CrossSite)],
                t(
                    "쿠키로 돌아온 만큼 CSRF도 돌아와요. 로그인 쿠키에 SameSite=None을 붙이면 evil.example의 폼 요청에도 at가 실려서 5,000마일이 넘어가요.",
                    "Back to a cookie means back to CSRF. With SameSite=None on the login cookie, at rides on the request from evil.example's form and 5,000 miles go.",
                ),
                vec![Highlight::RequestHeader("Cookie"), Highlight::PageView],
                vec![Expect::Status(200), req("cookie", true), miles("alice", 7_000)],
            ),
            step(
                vec![
                    act(Action::Logout),
                    act(Action::SetMode(AuthMode::Session)),
                    act(Action::SetSameSite(SameSitePolicy::Lax)),
                    alice_at_idp(),
                ],
                t(
                    "BFF 방식에서는 서버가 auth.example의 토큰을 세션에 맡아 두고 브라우저에는 세션 쿠키만 줘요. 스크립트가 읽을 토큰이 없고 새로고침에도 그대로지만, 서버가 상태를 지고 CSRF 방어도 여전히 필요해요.",
                    "With a backend-for-frontend, the server keeps auth.example's tokens in the session and the browser gets only a session cookie. No token for a script to read, and a reload keeps it; the server carries the state, and CSRF defences are still needed.",
                ),
                vec![Highlight::SessionRows, Highlight::Cookie(SID)],
                vec![
                    Expect::SessionKeepsTokens,
                    cookie(SID),
                    storage(TOKEN, false),
                    Expect::MemoryToken(false),
                    Expect::Page(PageKind::SignedIn),
                    meter(Meter::StoreBytes, Change::Increased),
                ],
            ),
        ],
    }
}
