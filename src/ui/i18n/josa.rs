//! Korean particles (조사) after words the page does not know in advance: a user, a
//! destination, a server letter, a cookie name, a shortened id, a number. Which form
//! fits (`가`/`이`, `를`/`을`, `로`/`으로`, …) depends on how the word *sounds* at its
//! end: whether its last syllable has a final consonant (받침), and whether that is ㄹ.
//!
//! - Hangul: read from the syllable itself.
//! - Digits: as read in Korean (1 일, 3 삼, 0 영/십/백…).
//! - Latin letters: a word with a vowel and more than two letters is read as a word
//!   (`busan` 부산, `bob` 밥, `alice` 앨리스, `token` 토큰); a short one, one without
//!   vowels or one mixed with digits is spelled letter by letter (`rt` 알티, `jwt`
//!   제이더블유티, `A` 에이, `c2ab` …에이비).
//!
//! The particle is written straight after the word, with no space: `jeju로`, `sid가`.

/// How a word ends, for choosing a particle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coda {
    /// No final consonant (`alice`, `jeju`, `A`, `2`).
    None,
    /// Final ㄹ (`1`, `L`, `email`): takes `로`, not `으로`.
    Rieul,
    /// Another final consonant (`busan`, `bob`, `3`).
    Other,
}

/// A particle with its two forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Josa {
    /// 이/가 (subject).
    IGa,
    /// 은/는 (topic).
    EunNeun,
    /// 을/를 (object).
    EulReul,
    /// 과/와 (with).
    GwaWa,
    /// 으로/로 (to, as).
    EuroRo,
    /// 이에요/예요 (is).
    IeyoYeyo,
}

/// The form of `josa` that follows `word`.
pub fn josa(word: &str, josa: Josa) -> &'static str {
    let coda = coda(word);
    match josa {
        Josa::IGa => pick(coda, "이", "가"),
        Josa::EunNeun => pick(coda, "은", "는"),
        Josa::EulReul => pick(coda, "을", "를"),
        Josa::GwaWa => pick(coda, "과", "와"),
        Josa::IeyoYeyo => pick(coda, "이에요", "예요"),
        Josa::EuroRo => match coda {
            Coda::Other => "으로",
            Coda::None | Coda::Rieul => "로",
        },
    }
}

/// `word` with the particle attached: `with("jeju", Josa::EuroRo)` is `jeju로`.
pub fn with(word: &str, particle: Josa) -> String {
    [word, josa(word, particle)].concat()
}

fn pick(coda: Coda, after_consonant: &'static str, after_vowel: &'static str) -> &'static str {
    match coda {
        Coda::None => after_vowel,
        Coda::Rieul | Coda::Other => after_consonant,
    }
}

/// How `word` sounds at its end (see the module docs). Trailing punctuation is skipped:
/// `"/me"`, `(alice)` and `3f9a…c2a1` end in `e`, `e` and `1`.
pub fn coda(word: &str) -> Coda {
    let trimmed = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let Some(last) = trimmed.chars().last() else {
        return Coda::None;
    };
    if ('\u{AC00}'..='\u{D7A3}').contains(&last) {
        return match (last as u32 - 0xAC00) % 28 {
            0 => Coda::None,
            8 => Coda::Rieul,
            _ => Coda::Other,
        };
    }
    if let Some(d) = last.to_digit(10) {
        return match d {
            // 영 (and 십, 백, 천, 만 when the number ends in 0)
            0 | 3 | 6 => Coda::Other,
            1 | 7 | 8 => Coda::Rieul,
            _ => Coda::None,
        };
    }
    // The run of letters at the end, and the token it belongs to.
    let token: &str = trimmed.rsplit(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or(trimmed);
    let letters: String =
        token.chars().rev().take_while(char::is_ascii_alphabetic).collect::<Vec<_>>().into_iter().rev().collect();
    let lower = letters.to_ascii_lowercase();
    let has_vowel = lower.chars().any(|c| "aeiou".contains(c));
    let spelled = lower.len() <= 2 || !has_vowel || token.chars().any(|c| c.is_ascii_digit());
    if spelled {
        // Letter names: 엘, 알 end in ㄹ; 엠, 엔 in another consonant; the rest in a vowel.
        return match lower.chars().last() {
            Some('l' | 'r') => Coda::Rieul,
            Some('m' | 'n') => Coda::Other,
            _ => Coda::None,
        };
    }
    if lower.ends_with("ng") {
        return Coda::Other;
    }
    match lower.chars().last() {
        Some('l') => Coda::Rieul,
        Some('m' | 'n' | 'b' | 'p' | 'k' | 'c' | 't') => Coda::Other,
        // Vowels, and consonants Korean writes with a final ㅡ (d 드, g 그, s 스, r 어 …).
        _ => Coda::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_this_world_take_the_right_particle() {
        let ro = |w: &str| with(w, Josa::EuroRo);
        assert_eq!(ro("jeju"), "jeju로");
        assert_eq!(ro("busan"), "busan으로");
        assert_eq!(ro("tokyo"), "tokyo로");
        assert_eq!(ro("alice"), "alice로");
        assert_eq!(ro("bob"), "bob으로");
        assert_eq!(ro("u0001"), "u0001로");
        assert_eq!(ro("서명"), "서명으로");
        assert_eq!(ro("서울"), "서울로");
        let ga = |w: &str| with(w, Josa::IGa);
        assert_eq!(ga("sid"), "sid가");
        assert_eq!(ga("rt"), "rt가");
        assert_eq!(ga("lb"), "lb가");
        assert_eq!(ga("B"), "B가");
        assert_eq!(ga("/token"), "/token이");
        assert_eq!(ga("/me"), "/me가");
        assert_eq!(ga("jwt"), "jwt가");
        assert_eq!(ga("헤더"), "헤더가");
        assert_eq!(ga("서명"), "서명이");
        assert_eq!(with("3f9a…c2a1", Josa::EulReul), "3f9a…c2a1을");
        assert_eq!(with("3f9a…c2ab", Josa::EulReul), "3f9a…c2ab를");
        assert_eq!(with("401", Josa::EulReul), "401을");
        assert_eq!(with("200", Josa::EulReul), "200을");
        assert_eq!(with("admin", Josa::IeyoYeyo), "admin이에요");
        assert_eq!(with("user", Josa::IeyoYeyo), "user예요");
        assert_eq!(with("email", Josa::EuroRo), "email로");
        assert_eq!(with("(alice)", Josa::EunNeun), "(alice)는");
        assert_eq!(with("", Josa::GwaWa), "와");
    }
}
