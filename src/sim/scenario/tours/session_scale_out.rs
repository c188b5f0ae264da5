//! The tour `session-scale-out` (C7–C8).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "session-scale-out",
    concepts: "C7–C8",
    title: t("사용자가 늘면: 메모리, 그리고 서버 여러 대", "More users: memory, then more servers"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "세션은 한 명마다 서버 메모리를 차지하고, 서버를 늘리면 로그인을 모르는 서버에 걸린 요청이 401을 받아요.",
            "Every session takes server memory; add servers, and a request that lands on one that never saw your login gets 401.",
        ),
        config: one(AuthMode::Session),
        twin: None,
        steps: vec![
            step(
                vec![alice()],
                t(
                    "서버 한 대에서 alice가 로그인해요. 세션 행 하나가 서버 A의 메모리에 자리를 잡고, 서버 상태 바이트 미터에 그 크기가 찍혀요.",
                    "With one server, alice logs in. One session row settles into server A's memory, and the server-state meter shows its size.",
                ),
                vec![STORE_METER, Highlight::SessionRows],
                vec![Expect::Status(200), rows(Where::Server(0), 1), meter(Meter::StoreBytes, Change::Increased)],
            ),
            step(
                vec![act(Action::SimulateUsers(1_000))],
                t(
                    "사용자 1,000명이 더 로그인했다고 쳐 봐요. 세션 행이 1,000개 늘고 서버 상태 바이트도 사람 수에 비례해 불어나요. 서버가 모두의 상태를 떠안는 대가예요.",
                    "Pretend 1,000 more users log in. The table gains 1,000 rows and the server-state bytes grow in step with them. That is what holding everyone's state costs the server.",
                ),
                vec![STORE_METER, Highlight::Server("A")],
                vec![
                    rows(Where::Server(0), 1_001),
                    meter(Meter::StoreBytes, Change::Increased),
                    meter(Meter::BulkFailed, Change::Unchanged),
                ],
            ),
            step(
                vec![act(Action::SetServers(2)), me(), me()],
                t(
                    "서버 B를 추가해 라운드 로빈 로드밸런서 뒤에 둬요. 첫 GET /me는 A로 가서 200이지만, 다음 요청은 B로 가고 B의 메모리에는 alice의 세션이 없어서 401이에요.",
                    "Add server B behind the round-robin balancer. The first GET /me goes to A and gets 200; the next one goes to B, whose memory has no session for alice: 401.",
                ),
                vec![hl_hop("balancer", "B"), Highlight::Server("B")],
                vec![
                    Expect::Statuses(&[200, 401]),
                    Expect::ServedBy(1),
                    Expect::ErrorContains("no such session"),
                    rows(Where::Server(1), 0),
                    hop("balancer", "A"),
                    hop("balancer", "B"),
                ],
            ),
            step(
                vec![me()],
                t(
                    "한 번 더 보내면 다시 A로 가서 200이에요. 세션이 없어진 게 아니라, 어느 서버에 걸리느냐에 따라 로그인 상태가 왔다 갔다 하는 거예요.",
                    "One more request goes back to A: 200. The session isn't gone; whether alice looks logged in depends on which server she happens to hit.",
                ),
                vec![hl_hop("balancer", "A"), Highlight::Server("A")],
                vec![Expect::ServedBy(0), Expect::Status(200)],
            ),
            step(
                vec![act(Action::SimulateUsers(1_000))],
                t(
                    "두 대인 채로 1,000명을 다시 흉내 내요. 로그인을 받은 서버와 다음 요청을 받은 서버가 엇갈리면서 실패 수가 쌓여요.",
                    "Simulate 1,000 users again with two servers. Each user's login and next request land on different servers, and the failures pile up.",
                ),
                vec![STORE_METER, Highlight::Server("B")],
                vec![meter(Meter::BulkFailed, Change::Increased), meter(Meter::StoreBytes, Change::Increased)],
            ),
        ],
    }
}
