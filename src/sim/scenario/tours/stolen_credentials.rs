//! The tour `stolen-credentials` (C14).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "stolen-credentials",
    concepts: "C14",
    title: t(
        "도둑맞은 자격 증명: 세션은 끊기고 토큰은 버텨요",
        "Stolen credentials: a session can be cut, a token lives on",
    ),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "훔친 sid는 서버가 세션을 지우면 끝나지만, 훔친 토큰은 만료되거나 서버가 따로 막을 때까지 통해요.",
            "A stolen sid dies when the server deletes the session; a stolen token works until it expires or the servers block it.",
        ),
        config: cfg(AuthMode::Session, 1, LbPolicy::RoundRobin, StoreMode::Memory, Transport::Http),
        twin: None,
        steps: vec![
            step(
                vec![alice(), me()],
                t(
                    "사이트가 암호화 없는 http로 돌고 있어요. alice가 로그인해 GET /me를 보내는데, 쿠키에 Secure가 빠져 있고 요청은 평문으로 오가요.",
                    "The site runs over plain http. alice logs in and sends GET /me; her cookie lacks the Secure flag and every request travels as plain text.",
                ),
                vec![Highlight::Cookie(SID), Highlight::RequestHeader("Cookie")],
                vec![Expect::Status(200), cookie(SID), Expect::Secure { name: SID, secure: false }, req("cookie", true)],
            ),
            step(
                vec![act(Action::StealSniff)],
                t(
                    "같은 네트워크의 공격자가 오가는 요청을 엿봐요. HttpOnly는 스크립트만 막아 줄 뿐이라, Cookie 헤더에 실린 sid가 그대로 공격자 손에 들어가요.",
                    "An attacker on the same network reads the traffic. HttpOnly only stops scripts, so the sid in the Cookie header lands straight in the attacker's loot.",
                ),
                vec![Highlight::Attacker],
                vec![Expect::Stolen(Stolen::SessionId)],
            ),
            step(
                vec![act(Action::Replay)],
                t(
                    "공격자가 자기 브라우저에서 훔친 sid로 GET /me를 보내요. 서버가 보기엔 alice와 구별할 방법이 없으니 200이에요.",
                    "The attacker sends GET /me from their own browser with the stolen sid. The server has no way to tell them from alice: 200.",
                ),
                vec![Highlight::Attacker, hl_hop("attacker", "balancer")],
                vec![Expect::Replay(200), hop("attacker", "balancer")],
            ),
            step(
                vec![Move::RevokeBrowserSession, act(Action::Replay)],
                t(
                    "수상한 접속을 알아챈 운영자가 세션 행을 지워요. 공격자가 같은 sid를 다시 보내도 이제는 401이에요.",
                    "An operator notices the odd access and deletes the session row. The same sid, replayed, now gets 401.",
                ),
                vec![Highlight::SessionRows, Highlight::Attacker],
                vec![Expect::Replay(401), rows(Where::Anywhere, 0)],
            ),
            step(
                vec![act(Action::SetMode(AuthMode::Token)), alice(), act(Action::StealSniff)],
                t(
                    "이번엔 토큰 모드로, 똑같이 평문 http예요. 같은 도청자가 로그인 응답 본문의 access_token을 그대로 읽어 가요. 토큰이라고 도청에 더 강하지는 않아요.",
                    "Now token mode, over the same plain http. The same eavesdropper reads access_token straight out of the login response body. A token is no harder to sniff than a cookie.",
                ),
                vec![Highlight::Storage(TOKEN), Highlight::Attacker],
                vec![Expect::Stolen(Stolen::Token), storage(TOKEN, true), Expect::AttemptSays("plain http: read")],
            ),
            step(
                vec![act(Action::Replay), act(Action::Logout), act(Action::Replay)],
                t(
                    "공격자가 그 토큰으로 GET /me를 보내 200을 받아요. alice가 로그아웃하면 서버는 refresh 토큰 패밀리를 폐기하지만, 이미 발급된 access 토큰은 exp까지 유효해서 공격자의 재전송은 여전히 200이에요.",
                    "The attacker replays the token and gets 200. alice logs out: the server revokes her refresh-token family, but an access token already issued stays valid until its exp, so the replay still gets 200.",
                ),
                vec![Highlight::Attacker, Highlight::PageView],
                vec![Expect::Replay(200), storage(TOKEN, false), Expect::LiveRefreshTokens(0)],
            ),
            step(
                vec![Move::DenylistStolenToken, act(Action::Replay)],
                t(
                    "막으려면 서버들이 이 토큰의 jti를 거부 목록에 올려야 해요. 재전송은 401이 되지만 이제 요청마다 목록을 조회하니, 토큰이 피하려던 조회가 돌아온 셈이에요. 다른 길은 exp까지 최대 15분을 기다리거나, 모든 사용자의 access 토큰을 한꺼번에 무효로 만드는 서명 키 교체예요.",
                    "The servers can denylist the token's jti: the replay gets 401, but every request now checks that list, the very look-up tokens were meant to avoid. Or wait up to 15 minutes for exp, or rotate the signing key, which voids everyone's access token at once.",
                ),
                vec![Highlight::Attacker, Highlight::Server("A")],
                vec![Expect::Replay(401), Expect::ReplaySays("revoked"), meter(Meter::Lookups, Change::Increased)],
            ),
        ],
    }
}
