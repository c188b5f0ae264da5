//! The tour `session-shared-store` (C9).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "session-shared-store",
    concepts: "C9",
    title: t("세션 나눠 갖기: 스티키, 공유 저장소, 복제", "Sharing sessions: sticky, shared store, replication"),
};

/// Its steps.
pub fn tour() -> Scenario {
    Scenario {
        entry: ENTRY,
        summary: t(
            "세 가지 방법 모두 401을 막아 주지만, 치르는 대가가 저마다 달라요.",
            "All three fixes stop the 401, and each one pays a different price.",
        ),
        config: cfg(AuthMode::Session, 2, LbPolicy::Sticky, StoreMode::Memory, Transport::Https),
        twin: None,
        steps: vec![
            step(
                vec![alice(), me(), me()],
                t(
                    "로드밸런서를 sticky로 두면 첫 응답에 lb=A 쿠키가 붙어요. 그다음 요청부터는 이 쿠키를 보고 계속 A로 보내니 세션을 놓치지 않아요.",
                    "With a sticky balancer, the first response gets an lb=A cookie. From then on the balancer reads it and keeps sending you to A, so the session is never missed.",
                ),
                vec![Highlight::Cookie("lb"), Highlight::Balancer],
                vec![cookie("lb"), Expect::ServedBy(0), Expect::Status(200)],
            ),
            step(
                vec![act(Action::RestartServer(0)), me()],
                t(
                    "그런데 서버 A가 재시작하면 메모리에 있던 세션도 같이 날아가요. 요청은 여전히 A로 고정돼 있지만 맞춰 볼 세션이 없으니 401이에요.",
                    "But when server A restarts, the sessions in its memory go with it. Requests are still pinned to A, and A has nothing to match them with: 401.",
                ),
                vec![Highlight::Server("A")],
                vec![Expect::ServedBy(0), Expect::Status(401), rows(Where::Anywhere, 0)],
            ),
            step(
                vec![
                    act(Action::SetStore(StoreMode::Shared)),
                    act(Action::SetLb(LbPolicy::RoundRobin)),
                    alice(),
                    me(),
                ],
                t(
                    "이번엔 공유 세션 저장소(글의 세션 매니저)를 두고 라운드 로빈으로 돌려요. 어느 서버로 가든 같은 저장소에 물으니 200이에요. 대신 요청마다 한 번 더 오가고, 저장소는 단일 장애 지점이 돼요.",
                    "Now add a shared session store (the article's session manager) and go back to round robin. Every server asks the same store: 200. The price: one more round trip per request, and a single point of failure.",
                ),
                vec![Highlight::SharedStore, hl_hop("A", "store")],
                vec![
                    Expect::Status(200),
                    Expect::ServedBy(0),
                    rows(Where::Shared, 1),
                    rows(Where::Server(0), 0),
                    hop("A", "store"),
                    hop("store", "A"),
                ],
            ),
            step(
                vec![act(Action::RestartServer(0)), me(), me()],
                t(
                    "서버 A를 또 재시작해도 이번엔 멀쩡해요. 요청이 B로 가든 A로 가든, 세션은 A의 메모리가 아니라 저장소에서 꺼내 오니까요.",
                    "Restart server A again, and this time nothing breaks. Whether a request lands on B or on A, the session comes from the store, not from A's memory.",
                ),
                vec![Highlight::SharedStore, Highlight::Server("A")],
                vec![
                    Expect::Statuses(&[200, 200]),
                    Expect::ServedBy(0),
                    rows(Where::Shared, 1),
                    hop("balancer", "B"),
                ],
            ),
            step(
                vec![act(Action::SetStore(StoreMode::Replicated)), alice(), me()],
                t(
                    "마지막은 서버끼리 세션을 동기화하는 복제예요. 로그인을 받은 서버가 REPL SET으로 다른 서버에도 세션을 복사해 두니, 어느 서버든 자기 메모리에서 바로 찾아요. 대신 쓰기마다 복사가 퍼지고, 서버마다 같은 사본을 들고 있어서 서버 상태 바이트도 서버 수만큼 배로 늘어요.",
                    "Last, replication keeps the servers' sessions in sync. The server that takes the login copies the session to the other with REPL SET, so either finds it in its own memory. The price: every write fans out, and server-state bytes multiply by the server count.",
                ),
                vec![Highlight::SessionRows, hl_hop("B", "A"), STORE_METER],
                vec![
                    Expect::Status(200),
                    rows(Where::Server(0), 1),
                    rows(Where::Server(1), 1),
                    hop("B", "A"),
                    Expect::Replicated,
                    meter(Meter::StoreBytes, Change::Increased),
                ],
            ),
        ],
    }
}
