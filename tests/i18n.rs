//! Both languages have every text: missing keys are compile errors (a typed table);
//! this checks none is left empty, the Korean one is really Korean, and scenarios
//! are narrated in both languages.

use auth_playground::sim::scenario;
use auth_playground::ui::i18n::Lang;

/// `(key, text)` pairs of a language's table, read from its Debug form.
fn entries(lang: Lang) -> Vec<(String, String)> {
    let dump = format!("{:#?}", lang.texts());
    dump.lines()
        .filter_map(|l| {
            let (k, v) = l.trim().split_once(": ")?;
            Some((k.to_string(), v.trim_end_matches(',').trim_matches('"').to_string()))
        })
        .collect()
}

#[test]
fn every_key_has_a_text_in_both_languages() {
    let ko = entries(Lang::Ko);
    let en = entries(Lang::En);
    assert!(ko.len() > 100, "only {} keys read", ko.len());
    assert_eq!(ko.len(), en.len());
    for ((k1, v1), (k2, v2)) in ko.iter().zip(en.iter()) {
        assert_eq!(k1, k2);
        assert!(!v1.trim().is_empty(), "ko {k1} is empty");
        assert!(!v2.trim().is_empty(), "en {k2} is empty");
    }
}

#[test]
fn korean_texts_are_korean() {
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    let ko = entries(Lang::Ko);
    let en = entries(Lang::En);
    let untranslated: Vec<&str> = ko
        .iter()
        .zip(en.iter())
        .filter(|((k, v), (_, e))| v == e && !matches!(k.as_str(), "won" | "demo_value") && !hangul(v))
        .map(|((k, _), _)| k.as_str())
        .collect();
    // a few identical terms are fine (proper names), most must differ
    assert!(untranslated.len() <= 3, "untranslated: {untranslated:?}");
    let with_hangul = ko.iter().filter(|(_, v)| hangul(v)).count();
    assert!(with_hangul * 10 >= ko.len() * 8, "{with_hangul} of {} Korean texts contain Hangul", ko.len());
}

#[test]
fn every_scenario_is_titled_and_narrated_in_both_languages() {
    for s in scenario::all() {
        for t in [s.title, s.summary].into_iter().chain(s.steps.iter().map(|st| st.text)) {
            assert!(!t.ko.trim().is_empty() && !t.en.trim().is_empty(), "{}", s.id);
            assert_ne!(t.ko, t.en, "{}", s.id);
        }
    }
}
