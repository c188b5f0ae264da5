//! 한국어 텍스트.

use super::Texts;

/// The Korean table.
pub static KO: Texts = Texts {
    title: "인증 놀이터",
    tagline: "쿠키와 세션, 토큰이 오가는 길을 한 단계씩 따라가 봅니다.",
    auth_mode: "인증 방식",
    mode_stateless: "상태 없음",
    mode_session: "세션",
    mode_token: "토큰 (JWT)",
    panel_browser: "브라우저",
    panel_network: "네트워크",
    panel_servers: "서버",
    notice_ignored: "링크의 일부 값을 무시했어요",
    lang_toggle: "English",
};
