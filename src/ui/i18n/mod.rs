//! Korean and English texts of the page. A typed table: every text is a field of
//! [`Texts`], and each language is one struct literal, so a key missing in either
//! language is a compile error — and costs no run-time lookup or bundle bytes.

mod en;
mod ko;

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
    /// The browser panel's heading.
    pub panel_browser: &'static str,
    /// The network panel's heading.
    pub panel_network: &'static str,
    /// The servers panel's heading.
    pub panel_servers: &'static str,
    /// Shown when a URL parameter was ignored.
    pub notice_ignored: &'static str,
    /// The language toggle's label (names the other language).
    pub lang_toggle: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language_picks_korean_only_for_ko() {
        assert_eq!(Lang::from_browser("ko-KR"), Lang::Ko);
        assert_eq!(Lang::from_browser("KO"), Lang::Ko);
        assert_eq!(Lang::from_browser("en-US"), Lang::En);
        assert_eq!(Lang::from_browser(""), Lang::En);
    }
}
