//! English texts.

use super::Texts;

/// The English table.
pub static EN: Texts = Texts {
    title: "Auth Playground",
    tagline: "Watch cookies, sessions and tokens travel, one hop at a time.",
    auth_mode: "Auth mode",
    mode_stateless: "Stateless",
    mode_session: "Session",
    mode_token: "Token (JWT)",
    panel_browser: "Browser",
    panel_network: "Network",
    panel_servers: "Servers",
    notice_ignored: "Part of the link was ignored",
    lang_toggle: "한국어",
};
