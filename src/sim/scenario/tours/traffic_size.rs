//! The tour `traffic-size` (C13).

use super::super::build::*;

/// Its entry in the catalogue.
pub const ENTRY: Entry = Entry {
    id: "traffic-size",
    concepts: "C13",
    title: t("토큰은 네트워크에서 더 무거워요", "Tokens weigh more on the wire"),
};

/// Its steps.
pub fn tour() -> Scenario {
    let twin = |s: Step, twin_expect: Vec<Expect>, versus: Vec<Versus>| Step { twin_expect, versus, ..s };
    Scenario {
        entry: ENTRY,
        summary: t(
            "같은 요청을 세션 세계와 토큰 세계에서 나란히 보내고 바이트 미터를 견줘 봐요.",
            "Send the same requests in a session world and a token world side by side, and compare their byte meters.",
        ),
        config: one(AuthMode::Session),
        twin: Some(AuthMode::Token),
        steps: vec![
            twin(
                step(
                    vec![alice()],
                    t(
                        "왼쪽은 세션, 오른쪽은 토큰 세계예요. 똑같이 로그인했는데 세션 쪽은 32글자 sid 쿠키를, 토큰 쪽은 230바이트 안팎의 JWT를 받아요.",
                        "Left is the session world, right the token world. Same login in both: the session side gets a 32-character sid cookie, the token side a JWT of about 230 bytes.",
                    ),
                    vec![TOTAL_METER, Highlight::Cookie(SID), Highlight::Storage(TOKEN)],
                    vec![Expect::Status(200), cookie(SID), Expect::CookieLength { name: SID, len: 32 }],
                ),
                vec![Expect::Status(200), storage(TOKEN, true), Expect::TokenBytes { min: 215, max: 245 }],
                vec![versus(Meter::TotalBytes, Ordering::Greater)],
            ),
            twin(
                step(
                    vec![me()],
                    t(
                        "GET /me를 한 번씩 보내요. 세션 쪽 요청에는 Cookie: sid=… 한 줄이, 토큰 쪽에는 Authorization: Bearer … 한 줄이 붙는데 길이가 몇 배나 달라요.",
                        "One GET /me each. The session request carries a Cookie: sid=… line, the token request an Authorization: Bearer … line several times longer.",
                    ),
                    vec![Highlight::RequestHeader("Cookie"), Highlight::RequestHeader("Authorization"), CRED_METER],
                    vec![Expect::Status(200), req("cookie", true)],
                ),
                vec![Expect::Status(200), req("authorization", true)],
                vec![versus(Meter::CredentialBytes, Ordering::Greater)],
            ),
            twin(
                step(
                    vec![me(); 10],
                    t(
                        "열 번 더 보내요. 토큰 안에는 사용자와 역할, 발급과 만료 시각, 토큰 id가 들어 있어서 요청할 때마다 그걸 전부 다시 실어 날라요. 격차는 요청 수만큼 벌어져요.",
                        "Ten more requests. The token holds the user, the role, issue and expiry times and a token id, and every request ships all of it again. The gap widens with each one.",
                    ),
                    vec![CRED_METER, TOTAL_METER],
                    vec![Expect::Status(200), meter(Meter::CredentialBytes, Change::Increased)],
                ),
                vec![Expect::Status(200)],
                vec![versus(Meter::CredentialBytes, Ordering::Greater), versus(Meter::TotalBytes, Ordering::Greater)],
            ),
            twin(
                step(
                    vec![act(Action::SimulateUsers(1_000))],
                    t(
                        "1,000명을 흉내 내면 그림이 또렷해져요. 전송 바이트는 토큰 쪽이 더 많아요. 서버 상태는 양쪽 다 로그인마다 한 줄씩 쌓이지만, 토큰 쪽은 요청에 답할 때 그 테이블을 조회하지 않아요.",
                        "Simulating 1,000 users makes it plain. The token world sends more bytes. Both worlds keep a row per login, but the token world never looks its table up to answer a request.",
                    ),
                    vec![CRED_METER, STORE_METER],
                    vec![meter(Meter::StoreBytes, Change::Increased), meter(Meter::Lookups, Change::Increased)],
                ),
                vec![meter(Meter::StoreBytes, Change::Increased), meter(Meter::Lookups, Change::Unchanged)],
                vec![versus(Meter::CredentialBytes, Ordering::Greater), versus(Meter::Lookups, Ordering::Less)],
            ),
        ],
    }
}
