//! Korean and English texts of the page. A typed table: every text is a field of
//! [`Texts`], and each language is one struct literal, so a key missing in either
//! language is a compile error — and costs no run-time lookup or bundle bytes. The
//! simulation's notes are typed too and rendered per language in [`notes`].
//!
//! # Korean: one voice
//!
//! Every Korean text — page labels, tour narration, notes — speaks 해요체 (never
//! 합니다체), attaches numbers to their units through Korean templates (`70,000원`,
//! `1,000명`, `외 998개`; digits grouped by [`crate::ui::format::group`]), attaches particles to code (`jeju로`, `sid가`, see
//! [`josa`]), and uses one term per concept. The glossary (a test bans the
//! variants in the right-hand column):
//!
//! | concept | term | not |
//! |---|---|---|
//! | revoke (a session, a token) | 폐기 | 강제 만료, 강제 로그아웃, 무효화 |
//! | denylist | 거부 목록 | 차단 목록, 블랙리스트 |
//! | rotate (a key, a refresh token) | 교체 | 회전, 로테이션, 키 변경 |
//! | load balancer | 로드밸런서 | 로드 밸런서 |
//! | table (sessions, cookies, users) | 테이블 | 표 |
//! | flight ticket | 항공권, 항공편 | 표 |
//! | access token / refresh token | access 토큰 / refresh 토큰 | 액세스 토큰, 리프레시 토큰 |
//! | signing key | 서명 키 | 비밀 키 |
//! | verify a signature | 서명을 검증 | 서명을 확인, 서명 확인 |
//! | cross-site request | 다른 사이트에서 시작된 요청 | 크로스 사이트 |
//! | key id | 키 id | 키 ID |
//! | replay (a stolen credential) | 재전송 | (자동 재생 is the tour's autoplay) |

mod en;
pub mod josa;
mod ko;
pub mod notes;

/// A language of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// 한국어 — the article's language.
    Ko,
    /// English.
    #[default]
    En,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    /// The URL / `lang` attribute spelling.
    pub fn id(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// Parses `ko` or `en`.
    pub fn from_id(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.id() == s)
    }

    /// The default for a browser language tag: Korean if it starts with `ko`.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    /// The other language (what the toggle switches to).
    pub fn other(self) -> Lang {
        match self {
            Lang::Ko => Lang::En,
            Lang::En => Lang::Ko,
        }
    }

    /// This language's texts.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Ko => &ko::KO,
            Lang::En => &en::EN,
        }
    }
}

/// A template of the table with its `{name}` holes filled: `fill("{n}원", &[("n", "70,000")])`
/// is `70,000원`. Each language orders its words (and attaches its units) in the
/// template itself.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let hole = after.find('}').and_then(|close| {
            let name = after.get(1..close)?;
            args.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v, close))
        });
        match hole {
            Some((value, close)) => {
                out.push_str(value);
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// One text of the page, picked by key from a language's table: `|t| t.title`.
pub type Pick = fn(&'static Texts) -> &'static str;

/// Every text of the page, by key.
#[derive(Debug)]
pub struct Texts {
    /// The page title.
    pub title: &'static str,
    /// One line under the title.
    pub tagline: &'static str,
    /// Label of the auth-mode switch.
    pub auth_mode: &'static str,
    /// Auth mode: stateless.
    pub mode_stateless: &'static str,
    /// Auth mode: session.
    pub mode_session: &'static str,
    /// Auth mode: token.
    pub mode_token: &'static str,
    /// Browser panel heading.
    pub panel_browser: &'static str,
    /// Network panel heading.
    pub panel_network: &'static str,
    /// Servers panel heading.
    pub panel_servers: &'static str,
    /// Label of the narrow-screen tabs.
    pub panels: &'static str,
    /// Shown when a URL parameter was ignored.
    pub notice_ignored: &'static str,
    /// The language toggle (names the other language).
    pub lang_toggle: &'static str,
    /// Label of the control bar.
    pub controls: &'static str,
    /// Server count label.
    pub servers: &'static str,
    /// Balancer label.
    pub balancer: &'static str,
    /// Policy: round robin.
    pub lb_round_robin: &'static str,
    /// Policy: random.
    pub lb_random: &'static str,
    /// Policy: sticky.
    pub lb_sticky: &'static str,
    /// Session storage label.
    pub session_store: &'static str,
    /// Store: per-server memory.
    pub store_memory: &'static str,
    /// Store: shared.
    pub store_shared: &'static str,
    /// Store: replicated.
    pub store_replicated: &'static str,
    /// Transport label.
    pub transport: &'static str,
    /// Virtual clock label.
    pub clock: &'static str,
    /// Animation speed label.
    pub speed: &'static str,
    /// Speed: instant.
    pub speed_instant: &'static str,
    /// Speed: fast.
    pub speed_fast: &'static str,
    /// Speed: normal.
    pub speed_normal: &'static str,
    /// Speed: slow.
    pub speed_slow: &'static str,
    /// Theme toggle label.
    pub theme_toggle: &'static str,
    /// Reset button.
    pub reset: &'static str,
    /// Mini page: logged out.
    pub page_login: &'static str,
    /// Mini page: signed in (followed by the user).
    pub page_signed_in: &'static str,
    /// Mini page: admin page.
    pub page_admin: &'static str,
    /// Mini page: a fare; template with `{to}` and `{fare}` (grouped digits).
    pub page_fare: &'static str,
    /// Mini page: bought; template with `{to}`, `{count}` and `{total}`.
    pub page_bought: &'static str,
    /// Mini page: token refreshed.
    pub page_refreshed: &'static str,
    pub page_transferred: &'static str,
    pub page_memory: &'static str,
    pub samesite: &'static str,
    pub csrf: &'static str,
    pub csrf_none: &'static str,
    pub csrf_token: &'static str,
    pub csrf_origin: &'static str,
    pub token_store: &'static str,
    pub store_local: &'static str,
    pub store_page_memory: &'static str,
    pub store_cookie: &'static str,
    pub reload: &'static str,
    pub log_in_idp: &'static str,
    pub page_idp_login: &'static str,
    /// Username label.
    pub username: &'static str,
    /// Password label.
    pub password: &'static str,
    /// Login button.
    pub log_in: &'static str,
    /// Hint naming the demo users.
    pub seeded_users: &'static str,
    /// Request buttons and list label.
    pub requests: &'static str,
    /// Address bar badge over https.
    pub secure: &'static str,
    /// Address bar badge over http.
    pub not_secure: &'static str,
    /// Notice: storage blocked.
    pub storage_blocked: &'static str,
    /// Notice: the engine's module could not be fetched.
    pub engine_failed: &'static str,
    /// Button: fetch the engine again.
    pub engine_retry: &'static str,
    /// Notice: storage full.
    pub storage_full: &'static str,
    /// Notice: corrupt saved prefs.
    pub storage_corrupt: &'static str,
    /// Tour heading.
    pub tour: &'static str,
    /// Select option: no tour.
    pub free_play: &'static str,
    /// Previous step.
    pub prev: &'static str,
    /// Next step.
    pub next: &'static str,
    /// Auto-play.
    pub play: &'static str,
    /// Pause auto-play.
    pub pause: &'static str,
    /// Reader left the step.
    pub playing_freely: &'static str,
    /// Return to the step.
    pub back_to_step: &'static str,
    /// Share heading.
    pub share: &'static str,
    /// Copy embed button.
    pub copy_embed: &'static str,
    /// Copy Mermaid.
    pub export_mermaid: &'static str,
    /// Download Mermaid.
    pub download_mermaid: &'static str,
    /// Download HAR.
    pub export_har: &'static str,
    /// Copied.
    pub copied: &'static str,
    /// Clipboard refused.
    pub copy_refused: &'static str,
    /// Iframe title.
    pub embed_title: &'static str,
    /// Open full playground link.
    pub open_full: &'static str,
    /// Notice: prefs from an older version.
    pub storage_upgraded: &'static str,
    /// DevTools column: name.
    pub col_name: &'static str,
    /// DevTools column: value.
    pub col_value: &'static str,
    /// DevTools column: domain.
    pub col_domain: &'static str,
    /// DevTools column: expires.
    pub col_expires_max_age: &'static str,
    /// DevTools column: size.
    pub col_size: &'static str,
    /// DevTools column: key.
    pub col_key: &'static str,
    /// Sequence lane: balancer.
    pub lane_balancer: &'static str,
    /// Sequence lane: shared store.
    pub lane_store: &'static str,
    /// Cookies table heading.
    pub cookies: &'static str,
    /// Empty cookie jar.
    pub no_cookies: &'static str,
    /// Local storage heading.
    pub local_storage: &'static str,
    /// Empty local storage.
    pub no_storage: &'static str,
    /// Sequence diagram heading.
    pub sequence: &'static str,
    /// Empty sequence diagram.
    pub no_hops: &'static str,
    /// Column: method.
    pub col_method: &'static str,
    /// Column: path.
    pub col_path: &'static str,
    /// Column: status.
    pub col_status: &'static str,
    /// Column: server.
    pub col_server: &'static str,
    /// Column: bytes.
    pub col_bytes: &'static str,
    /// Column: credential.
    pub col_credential: &'static str,
    /// Column: user.
    pub col_user: &'static str,
    /// Column: expires.
    pub col_expires: &'static str,
    /// Counter: requests.
    pub col_requests: &'static str,
    /// Raw HTTP heading.
    pub raw_http: &'static str,
    /// Request caption.
    pub request: &'static str,
    /// Response caption.
    pub response: &'static str,
    /// Server card heading prefix.
    pub server: &'static str,
    /// Restart button.
    pub restart: &'static str,
    /// Session look-ups.
    pub lookups: &'static str,
    /// Signature verifications.
    pub verifications: &'static str,
    /// User table summary.
    pub user_table: &'static str,
    /// Sessions heading.
    pub sessions_in_memory: &'static str,
    /// Sessions not listed; template with `{n}`.
    pub more_sessions: &'static str,
    /// Revoke button.
    pub revoke: &'static str,
    /// Signing key label.
    pub signing_key: &'static str,
    /// Tooltip on the secret.
    pub demo_secret: &'static str,
    /// Badge on demo secrets.
    pub demo_value: &'static str,
    /// Rotate key button.
    pub rotate: &'static str,
    /// Shared store heading.
    pub shared_store: &'static str,
    /// JWT inspector heading.
    pub jwt_inspector: &'static str,
    /// Encoded token label.
    pub jwt_encoded: &'static str,
    /// Header caption.
    pub jwt_header: &'static str,
    /// Payload caption.
    pub jwt_payload: &'static str,
    /// Signature caption.
    pub jwt_signature: &'static str,
    /// Claim sub.
    pub claim_sub: &'static str,
    /// Claim name.
    pub claim_name: &'static str,
    /// Claim role.
    pub claim_role: &'static str,
    /// Claim iat.
    pub claim_iat: &'static str,
    /// Claim exp.
    pub claim_exp: &'static str,
    /// Claim nbf.
    pub claim_nbf: &'static str,
    /// Claim jti.
    pub claim_jti: &'static str,
    /// Other claim.
    pub claim_other: &'static str,
    /// Before a countdown.
    pub expires_in: &'static str,
    /// Before elapsed time.
    pub expired_ago: &'static str,
    /// Verdict: valid.
    pub verdict_ok: &'static str,
    /// Tamper editor summary.
    pub tamper: &'static str,
    /// Apply edited payload.
    pub tamper_apply: &'static str,
    /// Send button.
    pub jwt_send: &'static str,
    /// Attacker heading.
    pub attacker: &'static str,
    /// Attacker hint.
    pub attacker_hint: &'static str,
    /// Steal by XSS.
    pub steal_xss: &'static str,
    /// Steal by sniffing.
    pub steal_sniff: &'static str,
    /// Replay.
    pub replay: &'static str,
    /// Loot heading.
    pub loot: &'static str,
    /// Nothing stolen.
    pub nothing: &'static str,
    /// Replay result prefix.
    pub replay_result: &'static str,
    /// Meters heading.
    pub meters: &'static str,
    /// Meter: credential bytes.
    pub meter_credential: &'static str,
    /// Meter: total bytes.
    pub meter_total: &'static str,
    /// Meter: bytes of state the servers keep for logged-in users (session rows, refresh-token rows).
    pub meter_store: &'static str,
    /// Simulate count label.
    pub simulate_label: &'static str,
    /// Simulate button.
    pub simulate: &'static str,
    /// Bad simulate count.
    pub simulate_bad_count: &'static str,
    /// Users simulated so far; template with `{n}`.
    pub simulated_users: &'static str,
    /// Bulk honesty note.
    pub bulk_note: &'static str,
    /// The stage heading.
    pub stage_title: &'static str,
    /// What evil.example does on the stage.
    pub evil_form: &'static str,
    /// The stage caption before anything travelled.
    pub stage_idle: &'static str,
    /// Label of the list of messages for screen readers.
    pub stage_twin: &'static str,
    /// The browser on the stage holds no cookie.
    pub no_cookies_short: &'static str,
    /// The database on the stage.
    pub db_title: &'static str,
    /// Label of the actions under the stage.
    pub actions: &'static str,
    /// Label of the details tabs.
    pub details: &'static str,
    /// The details tab of the browser storage.
    pub tab_storage: &'static str,
    /// The details tab of sharing and exports.
    pub tab_share: &'static str,
    /// While the simulation is on its way.
    pub loading: &'static str,
    /// The tour card while no tour is open.
    pub free_play_hint: &'static str,
    /// The button that unfolds the actions in an embed.
    pub try_it: &'static str,
    /// The stage's short label of the credential-bytes meter.
    pub stage_meter_credential: &'static str,
    /// The stage's short label of the all-bytes meter.
    pub stage_meter_total: &'static str,
    /// The stage's short label of the bytes the servers keep for logged-in users.
    pub stage_meter_store: &'static str,
    /// A server's or the store's sessions on the stage: `{n}` rows, `{bytes}` in all.
    pub stage_sessions: &'static str,
    /// The database's refresh-token rows (`{n}`) and denylisted token ids (`{d}`) on the stage.
    pub stage_refresh_rows: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_their_holes_and_keep_the_rest() {
        assert_eq!(fill("{to} 편도 요금: {fare}원", &[("to", "jeju"), ("fare", "70,000")]), "jeju 편도 요금: 70,000원");
        assert_eq!(fill("{n} {x} {", &[("n", "1")]), "1 {x} {");
    }

    #[test]
    fn browser_language_picks_korean_only_for_ko() {
        assert_eq!(Lang::from_browser("ko-KR"), Lang::Ko);
        assert_eq!(Lang::from_browser("KO"), Lang::Ko);
        assert_eq!(Lang::from_browser("en-US"), Lang::En);
        assert_eq!(Lang::from_browser(""), Lang::En);
    }
}
