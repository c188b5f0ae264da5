//! The tour `token-scale-out` (C12).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "token-scale-out",
    concepts: "C12",
    title: t("토큰은 어느 서버에서든 통해요", "Any server can check a token"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "공유 저장소가 없어도, 같은 서명 키를 가진 서버라면 어디서든 토큰을 검증할 수 있어요.",
            "No shared store needed to check a token: any server that holds the same signing key can verify it.",
        ),
        config: cfg(AuthMode::Token, 3, LbPolicy::RoundRobin, StoreMode::Memory, Transport::Https),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "서버 세 대가 라운드 로빈 뒤에 있어요. alice의 로그인은 A가 받아 토큰에 서명하고, refresh 토큰 한 줄을 서버들이 함께 쓰는 테이블에 적어요. 세션 행은 어느 서버에도 없어요.",
                    "Three servers sit behind a round-robin balancer. Server A takes alice's login, signs her token and writes one refresh-token row in the table the servers share. No server holds a session row.",
                ),
                vec![Highlight::Server("A")],
                vec![Expect::ServedBy(0), Expect::Status(200), rows(Where::Anywhere, 0), Expect::LiveRefreshTokens(1)],
            ),
            step(
                vec![me()],
                t(
                    "다음 요청은 B로 가요. B는 alice를 본 적이 없지만 같은 서명 키로 서명과 exp를 검증하고 200을 돌려줘요.",
                    "The next request goes to B. B has never seen alice, but it verifies the signature and exp with the same signing key and returns 200.",
                ),
                vec![hl_hop("balancer", "B"), Highlight::Server("B")],
                vec![Expect::ServedBy(1), Expect::Status(200), meter(Meter::Verifications, Change::Increased)],
            ),
            step(
                vec![me(), me()],
                t(
                    "C를 거쳐 다시 A로 가도 결과는 같아요. 조회 횟수는 꿈쩍도 않고 검증 횟수만 요청마다 하나씩 올라가요.",
                    "Through C and back to A, the result is the same. Look-ups don't move; verifications rise by one per request.",
                ),
                vec![Highlight::Server("C"), Highlight::Server("A")],
                vec![
                    Expect::ServedBy(0),
                    Expect::Statuses(&[200, 200]),
                    hop("balancer", "C"),
                    meter(Meter::Lookups, Change::Unchanged),
                    meter(Meter::Verifications, Change::Increased),
                ],
            ),
            step(
                vec![act(Action::SimulateUsers(1_000))],
                t(
                    "1,000명을 흉내 내도 실패는 없어요. access 토큰 검증에는 조회가 필요 없고, 상태가 없다는 건 바로 이 부분이에요. refresh 토큰은 여전히 로그인마다 테이블에 한 줄씩 남아요.",
                    "Simulate 1,000 users: no failures. Checking an access token needs no look-up: that is the stateless part. Refresh tokens still have their table, one row per login.",
                ),
                vec![STORE_METER],
                vec![
                    meter(Meter::BulkFailed, Change::Unchanged),
                    meter(Meter::Lookups, Change::Unchanged),
                    meter(Meter::Verifications, Change::Increased),
                    meter(Meter::StoreBytes, Change::Increased),
                ],
            ),
            step(
                vec![act(Action::RotateKey { server: Some(1), graceful: false }), me(), me()],
                t(
                    "조건이 하나 있어요. 모든 서버가 같은 키를 가져야 해요. B 혼자 키를 교체하면 A는 받아 주는 토큰을 B는 거부해서 401이 나요.",
                    "There is one condition: every server needs the same key. If B alone rotates to a new key, B rejects the token A still accepts: 401.",
                ),
                vec![Highlight::Server("B"), hl_hop("balancer", "B")],
                vec![Expect::ServedBy(1), Expect::Statuses(&[200, 401]), hop("balancer", "A")],
            ),
        ],
    }
}
