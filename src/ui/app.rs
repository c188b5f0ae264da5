//! The page: reads the URL once, provides the state, lays out the first screen — the
//! stage with the actions under it, the tour card beside it (under it on a narrow
//! screen), and the details tabs.

use crate::sim::config::{Choice, Config};
use crate::sim::scenario::SCENARIO_IDS;
use crate::ui::dom;
use crate::ui::embed;
use crate::ui::i18n::Lang;
use crate::ui::panels::actions::Actions;
use crate::ui::panels::controls::{Controls, PageSwitches};
use crate::ui::panels::details::Details;
use crate::ui::panels::layout::StartUp;
use crate::ui::panels::stage::Stage;
use crate::ui::panels::tour::TourBar;
use crate::ui::persist::{self, StorageIssue};
use crate::ui::state::{AppState, Speed};
use crate::ui::tour::Tour;
use crate::ui::url_state::{self, Theme};
use leptos::prelude::*;

/// The whole playground.
#[component]
pub fn App() -> impl IntoView {
    let (search, fragment) = dom::location_parts();
    let (initial, notices) = url_state::parse(&search, &fragment);
    let config = Config {
        mode: initial.mode,
        servers: initial.servers,
        lb: initial.lb,
        store: initial.store,
        transport: initial.transport,
        denylist: false,
        samesite: initial.samesite,
        csrf: initial.csrf,
        token_store: initial.token_store,
    };
    let (prefs, storage_issue) = match persist::load_prefs() {
        Ok((p, issue)) => (p, issue),
        Err(issue) => (persist::Prefs::default(), Some(issue)),
    };
    let lang = initial
        .lang
        .or_else(|| prefs.lang.as_deref().and_then(Lang::from_id))
        .unwrap_or_else(|| Lang::from_browser(&dom::browser_language()));
    let saved_theme = match prefs.theme.as_deref() {
        Some("dark") => Some(Theme::Dark),
        Some("light") => Some(Theme::Light),
        _ => None,
    };
    let theme = initial.theme.or(saved_theme).unwrap_or(if dom::prefers_dark() { Theme::Dark } else { Theme::Light });
    let speed = if dom::prefers_reduced_motion() {
        Speed::Instant
    } else {
        prefs.speed.as_deref().and_then(Speed::from_id).unwrap_or(Speed::Fast)
    };
    let app = AppState::new(config, lang, theme, speed);
    provide_context(app);
    let storage_issue = RwSignal::new(storage_issue);
    app.notices.set(notices.iter().map(ToString::to_string).collect());
    embed::watch_visibility(app.paused);
    if initial.embed && embed::in_frame() {
        embed::report_height();
    }
    let tour = Tour::new();
    provide_context(tour);
    open_tour_from_url(app, tour, initial.scenario, initial.step);
    // Back/forward: the URL names the step; rebuild it without pushing a new entry.
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        let (search, fragment) = dom::location_parts();
        let (state, _) = url_state::parse(&search, &fragment);
        if state.scenario.is_some() {
            open_tour_from_url(app, tour, state.scenario, state.step);
        } else if tour.pos.get_untracked().is_some() {
            tour.pos.set(None);
            tour.twin.set(None);
            app.marks.set(Vec::new());
        }
    });

    // Preferences persist; the simulated site's localStorage is mirrored for DevTools.
    Effect::new(move |_| {
        let prefs = persist::Prefs {
            v: persist::PREFS_VERSION,
            lang: Some(app.lang.get().id().to_string()),
            theme: Some(if app.theme.get() == Theme::Dark { "dark" } else { "light" }.to_string()),
            speed: Some(app.speed.get().id().to_string()),
        };
        if let Err(issue) = persist::save_prefs(&prefs) {
            storage_issue.set(Some(issue));
        }
    });
    let site_storage = Memo::new(move |_| app.world.with(|w| w.browser.local_storage.clone()));
    Effect::new(move |_| {
        if let Err(issue) = persist::mirror_site_storage(&site_storage.get()) {
            if storage_issue.get_untracked().is_none() {
                storage_issue.set(Some(issue));
            }
        }
    });
    let storage_notice = move || {
        let t = app.t();
        storage_issue.get().map(|issue| match issue {
            StorageIssue::Blocked => t.storage_blocked,
            StorageIssue::Full => t.storage_full,
            StorageIssue::Corrupt => t.storage_corrupt,
            StorageIssue::Upgraded => t.storage_upgraded,
        })
    };

    Effect::new(move |_| dom::set_root_attr("lang", app.lang.get().id()));
    Effect::new(move |_| {
        dom::set_root_attr("data-theme", if app.theme.get() == Theme::Dark { "dark" } else { "light" })
    });

    let startup = StartUp::begin(2);
    // The live first screen takes the place of index.html's static frame.
    Effect::new(move |_| {
        if startup.done() {
            dom::remove_shell();
        }
    });
    // Interactive: the first screen is in, and what the URL asked for (a tour step) is shown.
    Effect::new(move |_| {
        if startup.done() && !app.engine_waiting.get() {
            dom::mark_ready();
        }
    });
    // The engine (see `engine/mod.rs`) comes after the first paint, once the page is on
    // screen, in a task of its own: an embed scrolled out of view costs its reader
    // nothing more until then. (An action taken earlier asks for it itself.)
    Effect::new(move |_| {
        if startup.done() && !app.paused.get() {
            set_timeout(move || app.load_engine(), std::time::Duration::ZERO);
        }
    });
    // The tour step's marks, put back whenever the picture is drawn again; the page
    // scrolls (when it must, and never in an embed) only for a new step's marks.
    let embedded = initial.embed;
    Effect::new(move |previous: Option<Vec<String>>| {
        let marks = app.marks.get();
        app.seq.track();
        app.world.track();
        app.engine.track();
        app.tab.track();
        app.lang.track();
        let ready = startup.done();
        let reveal = ready && !embedded && previous.as_ref() != Some(&marks);
        // Nothing marked now or before (start-up, no tour): nothing to put on or take off.
        if !(marks.is_empty() && previous.as_ref().is_none_or(Vec::is_empty)) {
            let now = marks.clone();
            request_animation_frame(move || request_animation_frame(move || dom::highlight(&now, reveal)));
        }
        if ready {
            marks
        } else {
            Vec::new()
        }
    });
    let settings_open = RwSignal::new(false);
    let full_url = format!("{}{}", embed::base_url(), search.replace("embed=1", "embed=0"));

    view! {
        <div class="app" class:embed=initial.embed data-loaded=move || startup.done().then_some("1")>
            <header class="topbar">
                <div class="brand">
                    <h1>{app.tr(|t| t.title)}</h1>
                    <p class="tagline">{app.tr(|t| t.tagline)}</p>
                </div>
                <div class="topbar-end">
                    <Show when=move || initial.embed>
                        <a class="open-full chip" href=full_url.clone() target="_blank" rel="noopener">
                            {app.tr(|t| t.open_full)} " ↗"
                        </a>
                    </Show>
                    <button
                        type="button"
                        class="chip settings-toggle"
                        data-testid="open-controls"
                        aria-label=app.tr(|t| t.controls)
                        aria-expanded=move || settings_open.get().to_string()
                        aria-controls="controls"
                        on:click=move |_| settings_open.update(|o| *o = !*o)
                    >
                        <span aria-hidden="true">"⚙ "</span>
                        <span class="chip-label">{app.tr(|t| t.controls)}</span>
                    </button>
                    <button
                        type="button"
                        class="chip"
                        data-testid="lang-toggle"
                        on:click=move |_| app.lang.update(|l| *l = l.other())
                    >
                        {app.tr(|t| t.lang_toggle)}
                    </button>
                    <PageSwitches />
                </div>
            </header>
            <div class="controls-wrap" class:open=settings_open>
                <Show when=move || startup.reached(1)>
                    <Controls />
                </Show>
            </div>
            <Show when=move || app.notices.with(|n| !n.is_empty())>
                <div class="notice" role="status" data-testid="url-notice">
                    <strong>{app.tr(|t| t.notice_ignored)}</strong>
                    <ul>{move || app.notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <Show when=move || app.engine_error.with(Option::is_some)>
                <p class="notice" role="alert" data-testid="engine-error">
                    {app.tr(|t| t.engine_failed)} " "
                    <button type="button" class="chip small" data-testid="engine-retry" on:click=move |_| app.load_engine()>
                        {app.tr(|t| t.engine_retry)}
                    </button>
                </p>
            </Show>
            <Show when=move || storage_notice().is_some()>
                <p class="notice small" role="status" data-testid="storage-notice">
                    {move || storage_notice().unwrap_or_default()}
                </p>
            </Show>
            <main class="layout">
                <div class="layout-main">
                    <Show when=move || startup.reached(2)>
                        <Stage />
                    </Show>
                    <Show when=move || startup.reached(2)>
                        <Actions collapsed=initial.embed />
                    </Show>
                </div>
                <div class="layout-side">
                    <Show when=move || startup.reached(1)>
                        <TourBar />
                    </Show>
                    <Show when=move || startup.reached(2)>
                        <Details collapsed=initial.embed />
                    </Show>
                </div>
            </main>
        </div>
    }
}

/// Opens the tour a URL names (`scenario`, 1-based `step`; a bad step opens step 1).
fn open_tour_from_url(app: AppState, tour: Tour, id: Option<&'static str>, step: Option<u32>) {
    let Some(id) = id else { return };
    let Some(index) = SCENARIO_IDS.iter().position(|s| *s == id) else { return };
    app.with_engine(move |engine| {
        let Some(s) = (engine.scenario)(index) else { return };
        let index_of = step.map(|n| (n, s.index_of_url_step(n as usize)));
        if let Some((n, None)) = index_of {
            app.notice(format!("ignored step={n}: {id} has {} steps", s.steps.len()));
        }
        let step = index_of.and_then(|(_, i)| i).unwrap_or(0);
        tour.goto(app, index, step, false);
    });
}
