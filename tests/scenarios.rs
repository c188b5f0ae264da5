//! The guided tours, run headlessly: every step of every scenario (and the twin world
//! of `traffic-size`) must do what its narration says, a step rebuilt from nothing must
//! equal the walk up to it, and the narration must be our own words, not the article's.

use auth_playground::sim::scenario::{
    self, check, check_versus, run_step, twin_at, world_at, Meter, Scenario, Snapshot, SCENARIO_IDS,
};
use auth_playground::sim::World;

const SEEDS: [u64; 3] = [scenario::DEFAULT_SEED, 1, 0xDEAD_BEEF];
#[path = "support/fingerprint.rs"]
mod fingerprint;

use fingerprint::{sentences, Fingerprint as Wording};

/// The fingerprint of the article the tours follow (`cargo xtask fingerprint <article>`
/// made it; the article itself is not part of the repository).
fn article() -> Wording {
    let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), fingerprint::FILE);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    Wording::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn texts(s: &Scenario) -> Vec<(String, &'static str)> {
    let mut v = vec![("title.ko".to_string(), s.entry.title.ko), ("summary.ko".to_string(), s.summary.ko)];
    for (i, st) in s.steps.iter().enumerate() {
        v.push((format!("step {} ko", i + 1), st.text.ko));
    }
    v
}

/// The scenario ids the UI contract lists, in its order (`docs/ui-contract.md`).
fn contract_ids() -> Vec<String> {
    let path = format!("{}/docs/ui-contract.md", env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let section = doc.split("## Scenario ids").nth(1).and_then(|s| s.split("\n## ").next()).unwrap_or_default();
    section.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

#[test]
fn the_tours_are_the_contract_s_in_its_order() {
    let all = scenario::all();
    assert_eq!(all.len(), scenario::COUNT);
    assert_eq!(contract_ids(), SCENARIO_IDS.map(str::to_string), "docs/ui-contract.md lists the registered tours");
    assert!(SCENARIO_IDS.len() >= 15, "the twelve of the article and the three labs");
    let ids: Vec<&str> = all.iter().map(|s| s.entry.id).collect();
    assert_eq!(ids, SCENARIO_IDS);
    for id in SCENARIO_IDS {
        assert_eq!(scenario::by_id(id).map(|s| s.entry.id), Some(id));
    }
    assert!(scenario::by_id("session").is_none());
    assert!(scenario::by_id("").is_none());
}

/// The tour bar lists the catalogue before the engine (with the steps) has arrived: it
/// must name the same tours, in the same order, with the same titles.
#[test]
fn the_catalogue_matches_the_scenarios() {
    let all = scenario::all();
    assert_eq!(scenario::CATALOG.map(|e| e.id), SCENARIO_IDS);
    for (entry, s) in scenario::CATALOG.iter().zip(&all) {
        assert_eq!(*entry, s.entry);
        assert!(!entry.title.ko.is_empty() && !entry.title.en.is_empty(), "{}", entry.id);
    }
}

#[test]
fn every_scenario_is_well_formed() {
    for s in scenario::all() {
        // The article's tours cover its concepts (C1…), the labs go beyond it (L1…).
        let lab = s.entry.concepts.starts_with('L');
        let steps = if lab { 3..=8 } else { 4..=8 };
        assert!(steps.contains(&s.steps.len()), "{}: {} steps", s.entry.id, s.steps.len());
        assert!(s.entry.concepts.starts_with('C') || lab, "{}: concepts", s.entry.id);
        for t in [s.entry.title, s.summary] {
            assert!(!t.ko.trim().is_empty() && !t.en.trim().is_empty(), "{}: empty title/summary", s.entry.id);
        }
        for (i, st) in s.steps.iter().enumerate() {
            let at = format!("{} step {}", s.entry.id, i + 1);
            assert!(!st.expect.is_empty(), "{at}: no expectation");
            for (lang, text) in [("ko", st.text.ko), ("en", st.text.en)] {
                let n = sentences(text).len();
                assert!((1..=3).contains(&n), "{at} {lang}: {n} sentences: {text}");
                assert!(text.chars().count() <= 260, "{at} {lang}: too long ({} chars)", text.chars().count());
            }
            if s.twin.is_none() {
                assert!(st.twin_expect.is_empty() && st.versus.is_empty(), "{at}: twin checks without a twin");
            }
        }
    }
}

#[test]
fn korean_narration_keeps_one_register() {
    // 해요체 throughout: no sentence ends in the 합니다/한다 registers.
    for s in scenario::all() {
        for (what, text) in texts(&s) {
            for sentence in sentences(text) {
                let end = sentence.trim_end_matches(['.', '!', '?']);
                assert!(
                    !end.ends_with("니다") && !end.ends_with("한다") && !end.ends_with("이다"),
                    "{} {what}: {sentence}",
                    s.entry.id
                );
            }
        }
    }
}

#[test]
fn all_scenarios_run_to_the_end_with_every_expectation_met() {
    for seed in SEEDS {
        for s in scenario::all() {
            if let Err(e) = scenario::verify(&s, seed) {
                panic!("seed {seed}: {e}");
            }
        }
    }
}

/// The same walk as `verify`, written out here so a failure names the expectation
/// through the public `check` API too.
#[test]
fn every_step_checked_one_expectation_at_a_time() {
    for s in scenario::all() {
        let mut w = World::new(scenario::DEFAULT_SEED, s.config);
        let mut twin = s.twin_config().map(|c| World::new(scenario::DEFAULT_SEED, c));
        for (i, st) in s.steps.iter().enumerate() {
            let before = Snapshot::of(&w);
            let hops = run_step(&mut w, st);
            for e in &st.expect {
                if let Err(why) = check(e, &before, &w, &hops) {
                    panic!("scenario {} step {}: expected {e}, but {why}", s.entry.id, i + 1);
                }
            }
            if let Some(t) = twin.as_mut() {
                let before = Snapshot::of(t);
                let hops = run_step(t, st);
                for e in &st.twin_expect {
                    if let Err(why) = check(e, &before, t, &hops) {
                        panic!("scenario {} step {} (twin): expected {e}, but {why}", s.entry.id, i + 1);
                    }
                }
                for v in &st.versus {
                    if let Err(why) = check_versus(v, &w, t) {
                        panic!("scenario {} step {}: {why}", s.entry.id, i + 1);
                    }
                }
            }
        }
    }
}

#[test]
fn traffic_size_token_world_sends_more_credential_bytes() {
    let s = scenario::by_id("traffic-size").expect("traffic-size");
    let last = s.steps.len() - 1;
    let (session, _) = world_at(&s, last, scenario::DEFAULT_SEED);
    let (token, _) = twin_at(&s, last, scenario::DEFAULT_SEED).expect("traffic-size has a twin");
    let (sc, tc) = (Meter::CredentialBytes.read(&session), Meter::CredentialBytes.read(&token));
    assert!(tc > sc, "token world {tc} credential bytes vs session world {sc}");
    // Both worlds keep a row per login (sessions, refresh tokens); only the session
    // world reads its rows to answer a request.
    assert!(Meter::StoreBytes.read(&session) > 0 && Meter::StoreBytes.read(&token) > 0);
    assert!(Meter::Lookups.read(&token) < Meter::Lookups.read(&session));
    // …and already per request, before the bulk run
    let (session, _) = world_at(&s, 1, scenario::DEFAULT_SEED);
    let (token, _) = twin_at(&s, 1, scenario::DEFAULT_SEED).expect("twin");
    let last_cred = |w: &World| w.last_exchange().map_or(0, |e| e.credential_bytes());
    assert!(last_cred(&token) > 4 * last_cred(&session), "{} vs {}", last_cred(&token), last_cred(&session));
}

#[derive(Debug, PartialEq)]
struct Fingerprint {
    exchanges: u32,
    meters: auth_playground::sim::meters::Meters,
    store_bytes: usize,
    now: i64,
    cookies: Vec<(String, String)>,
    storage: Vec<(String, String)>,
    last_status: Option<u16>,
    replay: Option<u16>,
}

fn fingerprint(w: &World) -> Fingerprint {
    Fingerprint {
        exchanges: w.exchange_count,
        meters: w.meters,
        store_bytes: w.store_bytes(),
        now: w.now(),
        cookies: w.browser.jar.iter().map(|c| (c.name.clone(), c.value.clone())).collect(),
        storage: w.browser.local_storage.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        last_status: w.last_exchange().map(|e| e.response.status.as_u16()),
        replay: w.attacker.last_replay.as_ref().map(|r| r.status),
    }
}

#[test]
fn world_at_equals_walking_the_steps() {
    for s in scenario::all() {
        let seed = scenario::DEFAULT_SEED;
        let mut walked = World::new(seed, s.config);
        for k in 0..s.steps.len() {
            let hops = run_step(&mut walked, &s.steps[k]);
            let (rebuilt, rebuilt_hops) = world_at(&s, k, seed);
            assert_eq!(fingerprint(&rebuilt), fingerprint(&walked), "{} step {}", s.entry.id, k + 1);
            assert_eq!(rebuilt_hops, hops, "{} step {}: hops of the last step", s.entry.id, k + 1);
        }
        // a step past the end shows the last one
        let (past, _) = world_at(&s, s.steps.len() + 5, seed);
        assert_eq!(fingerprint(&past), fingerprint(&walked), "{}: past the end", s.entry.id);
        assert_eq!(twin_at(&s, 0, seed).is_some(), s.twin.is_some());
    }
}

#[test]
fn session_scale_out_step_3_is_the_401_on_server_b() {
    let s = scenario::by_id("session-scale-out").expect("scenario");
    let k = s.index_of_url_step(3).expect("step 3 exists");
    let (w, hops) = world_at(&s, k, scenario::DEFAULT_SEED);
    assert_eq!(w.servers.len(), 2);
    let last = w.last_exchange().expect("an exchange");
    assert_eq!((last.server(), last.response.status.as_u16()), (Some(1), 401));
    assert!(hops.iter().any(|h| h.to.id() == "B"));
}

#[test]
fn a_bad_step_index_or_id_never_panics() {
    assert!(scenario::by_id("../etc/passwd").is_none());
    let s = scenario::by_id("stateless-flight").expect("scenario");
    assert_eq!(s.index_of_url_step(usize::MAX), None);
    let (w, _) = world_at(&s, usize::MAX, 7);
    assert!(w.exchange_count > 0);
}

#[test]
fn narration_does_not_copy_the_article() {
    let article = article();
    assert!(article.sentences.len() > 20, "the fingerprint holds {} sentences", article.sentences.len());
    assert!(article.runs.len() > 300, "the fingerprint holds {} word runs", article.runs.len());
    for s in scenario::all() {
        for (what, text) in texts(&s) {
            let copied = article.copied_in(text);
            assert!(copied.is_empty(), "{} {what} repeats the article's words: {copied:?}", s.entry.id);
        }
    }
}

/// The check above can fail: a text's fingerprint finds that text's sentences again,
/// whole or inside a longer sentence, and finds nothing in unrelated words.
#[test]
fn the_fingerprint_finds_copied_wording() {
    let source = "세션은 서버가 기억하는 로그인 상태를 가리키는 말이에요. 토큰은 서명된 문서예요.\nHTTP keeps nothing between two requests unless something carries it along.";
    let fp = Wording::of(source);
    assert_eq!(fp.sentences.len(), 2, "the short sentence is left out");
    assert_eq!(Wording::parse(&fp.to_file("a test text")), Ok(Wording::of(source)));
    assert_eq!(fp.copied_in("세션은 서버가 기억하는 로그인 상태를 가리키는 말이에요.").len(), 1);
    assert_eq!(fp.copied_in("보세요: HTTP keeps nothing between two requests unless you add a cookie.").len(), 1);
    assert_eq!(fp.copied_in("Tokens, (like) sessions; keep NOTHING between two requests unless told!").len(), 0);
    assert!(fp.copied_in("토큰은 서명된 문서예요.").is_empty(), "too short to count on its own");
    assert!(Wording::parse("x 0123").is_err());
}
