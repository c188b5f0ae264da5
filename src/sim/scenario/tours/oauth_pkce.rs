//! The tour `oauth-pkce` (lab 3): "log in with auth.example", the OAuth 2.0 authorization
//! code flow with PKCE (RFC 7636) and OpenID Connect, ending in an ordinary session
//! cookie; and what fails: a forged callback (its state), an intercepted code (PKCE) and
//! a replayed one.

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "oauth-pkce",
    concepts: "L3",
    title: t("auth.example로 로그인: OAuth 2.0과 PKCE", "Log in with auth.example: OAuth 2.0 with PKCE"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "인가 코드 흐름을 처음부터 끝까지 따라가며 state, nonce, PKCE가 각각 무엇을 막는지 보고, 끝은 평범한 세션 쿠키예요.",
            "Follow the authorization code flow end to end, see what state, nonce and PKCE each stop, and watch it end in an ordinary session cookie.",
        ),
        config: lab(AuthMode::Session, SameSitePolicy::Lax),
        twin: None,
        steps: vec![
            step(
                vec![act(Action::IdpAuthorize)],
                t(
                    "auth.example로 로그인을 누르면 서버가 state, nonce, code_verifier를 만들어 두고, 그 해시인 code_challenge만 실어 브라우저를 auth.example/authorize로 보내요. auth.example에는 아직 세션이 없어 로그인 폼이 떠요.",
                    "Log in with auth.example: the server makes a state, a nonce and a code_verifier, and sends the browser to auth.example/authorize with only the verifier's hash, the code_challenge. auth.example has no session yet, so it shows its form.",
                ),
                vec![Highlight::Idp, Highlight::PageView],
                vec![
                    Expect::Statuses(&[302, 200]),
                    Expect::TargetContains("code_challenge_method=S256"),
                    Expect::Page(PageKind::IdpLogin),
                    cookie("oauth_tx"),
                ],
            ),
            step(
                vec![act(Action::ForgedCallback)],
                t(
                    "그 사이 evil.example이 공격자 계정으로 받은 인가 코드와 state를 붙여 alice의 브라우저를 /callback으로 보내요. state가 alice가 시작한 로그인의 것과 다르니, 서버는 코드를 쓰기도 전에 400으로 끊어요.",
                    "Meanwhile evil.example sends alice's browser to /callback with a code and a state from the attacker's own login. The state isn't the one alice's login sent, so the server stops at 400 before it redeems anything.",
                ),
                vec![Highlight::Evil, Highlight::PageView],
                vec![
                    Expect::Status(400),
                    said("/callback", "a forged login"),
                    Expect::NoCookie(SID),
                    cookie("oauth_tx"),
                ],
            ),
            step(
                vec![alice_at_idp()],
                t(
                    "alice가 auth.example에서 로그인하면 auth.example은 자기 세션 쿠키 idp_sid를 주고 code와 state를 붙여 돌려보내요. 서버 A는 백 채널로 code와 code_verifier를 auth.example에 보내 토큰을 받아요.",
                    "alice signs in at auth.example, which sets its own session cookie, idp_sid, and sends her back with a code and the state. Server A redeems the code with its code_verifier on the back channel to auth.example.",
                ),
                vec![hl_hop("A", "idp"), Highlight::Cookie("idp_sid")],
                vec![
                    hop("A", "idp"),
                    hop("idp", "A"),
                    cookie("idp_sid"),
                    said("/callback", "id_token OK"),
                    Expect::Page(PageKind::SignedIn),
                ],
            ),
            step(
                vec![],
                t(
                    "서버는 id_token의 서명, iss, aud, exp, nonce를 검증한 뒤 평범한 세션을 만들어 sid 쿠키를 줬어요. auth.example의 토큰은 세션에 남고, 브라우저에는 쿠키만 있어요.",
                    "The server verified the id_token's signature, iss, aud, exp and nonce, then made an ordinary session and set a sid cookie. auth.example's tokens stay in the session; the browser holds only cookies.",
                ),
                vec![Highlight::SessionRows, Highlight::Cookie(SID)],
                vec![
                    Expect::SessionKeepsTokens,
                    cookie(SID),
                    Expect::Cookies(2),
                    said("/callback", "(signature, iss, aud, exp, nonce)"),
                ],
            ),
            step(
                vec![
                    act(Action::WatchCallback { stop: true }),
                    act(Action::Logout),
                    alice_at_idp(),
                    act(Action::InjectCode),
                ],
                t(
                    "악성 확장 프로그램이 alice의 다음 리다이렉트에서 인가 코드를 가로채고, 공격자가 자기 로그인에 그 코드를 넣어요. 서버는 공격자 로그인의 code_verifier로 교환하려 하지만 code_challenge와 맞지 않아 invalid_grant예요.",
                    "A malicious extension takes the code off alice's next redirect, and the attacker feeds it into a login of their own. The server redeems it with that login's code_verifier, which doesn't match the code_challenge: invalid_grant.",
                ),
                vec![Highlight::Attacker, hl_hop("A", "idp")],
                vec![
                    Expect::Replay(400),
                    Expect::ReplaySays("code_verifier does not match"),
                    hop("A", "idp"),
                    Expect::NoCookie(SID),
                ],
            ),
            step(
                vec![act(Action::WatchCallback { stop: false }), alice_at_idp(), act(Action::InjectCode)],
                t(
                    "이번엔 확장 프로그램이 코드를 베끼기만 하고 alice의 로그인은 끝까지 가요. 공격자가 이미 쓴 코드를 다시 넣으면 auth.example은 invalid_grant로 거부하고, 그 코드로 발급한 토큰을 폐기해요.",
                    "This time the extension only copies the code and alice's login goes through. When the attacker feeds in the used code, auth.example refuses it, invalid_grant, and revokes the tokens it issued for that code.",
                ),
                vec![Highlight::Attacker, Highlight::Idp],
                vec![
                    Expect::Replay(400),
                    Expect::ReplaySays("already used"),
                    cookie(SID),
                    Expect::Page(PageKind::SignedIn),
                ],
            ),
        ],
    }
}
