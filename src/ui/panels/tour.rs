//! The guided tour: pick a scenario, walk its steps (Prev / Next / Play), read the
//! narration, see what to look at highlighted. Every step rebuilds the world from
//! the scenario's data, so a pasted link (`?scenario=…&step=…`) opens the same view,
//! back/forward move between steps, and a reader may play freely and come back.

use crate::sim::scenario::{self, Scenario, CATALOG, SCENARIO_IDS};
use crate::sim::World;
use crate::ui::dom;
use crate::ui::engine::Part;
use crate::ui::i18n::Lang;
use crate::ui::panels::meter::human_bytes;
use crate::ui::panels::table::{Col, TableHead};
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;
use std::time::Duration;

/// The side-by-side meters' columns.
const TWIN_COLS: &[Col] = &[
    Col::Text(|t| t.auth_mode),
    Col::Text(|t| t.meter_credential),
    Col::Text(|t| t.meter_total),
    Col::Text(|t| t.meter_store),
    Col::Text(|t| t.lookups),
    Col::Text(|t| t.verifications),
];

/// Where the tour stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TourPos {
    /// Index into [`SCENARIO_IDS`].
    pub scenario: usize,
    /// 0-based step.
    pub step: usize,
}

/// The tour's signals, provided by `App`.
#[derive(Clone, Copy)]
pub struct Tour {
    /// Where the tour is, if one is open.
    pub pos: RwSignal<Option<TourPos>>,
    /// Auto-advance when the hops have played.
    pub playing: RwSignal<bool>,
    /// The second world of a side-by-side scenario (traffic-size).
    pub twin: RwSignal<Option<World>>,
    /// Exchanges in the world right after the step was built: more means the reader
    /// has been playing freely since.
    pub baseline: RwSignal<u32>,
    /// The open scenario (steps and narration), from the engine.
    pub open: RwSignal<Option<Scenario>>,
}

impl Tour {
    /// A closed tour.
    pub fn new() -> Self {
        Tour {
            pos: RwSignal::new(None),
            playing: RwSignal::new(false),
            twin: RwSignal::new(None),
            baseline: RwSignal::new(0),
            open: RwSignal::new(None),
        }
    }

    /// Opens `scenario` at `step` (clamped), rebuilding the world; `push` records it
    /// in the browser history. (The steps are the engine's: this waits for it.)
    pub fn goto(&self, app: AppState, scenario: usize, step: usize, push: bool) {
        let tour = *self;
        app.with_engine(move |engine| {
            let Some(s) = (engine.scenario)(scenario) else {
                return;
            };
            let step = step.min(s.steps.len().saturating_sub(1));
            let (world, hops) = (engine.world_at)(&s, step);
            let count = world.exchange_count;
            let last = world.last_exchange().map(|e| e.id);
            app.replace_world(world);
            app.selected.set(last);
            tour.twin.set((engine.twin_at)(&s, step));
            tour.baseline.set(count);
            if push {
                dom::push_url(&[("scenario", Some(s.id.to_string())), ("step", Some((step + 1).to_string()))]);
            }
            highlight_soon(&s, step);
            tour.open.set(Some(s));
            tour.pos.set(Some(TourPos { scenario, step }));
            app.play(hops);
        });
    }

    /// Closes the tour (the world stays as it is: free play).
    pub fn close(&self) {
        self.pos.set(None);
        self.open.set(None);
        self.playing.set(false);
        self.twin.set(None);
        dom::push_url(&[("scenario", None), ("step", None)]);
        dom::clear_highlights();
    }
}

impl Default for Tour {
    fn default() -> Self {
        Self::new()
    }
}

/// Marks the step's highlights once the page has rendered them (after the start-up
/// steps, when a link opened the tour).
fn highlight_soon(s: &Scenario, step: usize) {
    let selectors: Vec<String> =
        s.steps.get(step).map(|st| st.highlight.iter().map(|h| h.selector()).collect()).unwrap_or_default();
    highlight_when_ready(selectors);
}

fn highlight_when_ready(selectors: Vec<String>) {
    set_timeout(
        move || {
            if dom::is_ready() {
                dom::highlight(&selectors);
            } else {
                highlight_when_ready(selectors);
            }
        },
        Duration::from_millis(30),
    );
}

/// `f` of the open scenario and its 0-based step, without copying the scenario;
/// `None` when no tour is open. Reactive.
fn with_current<R>(tour: Tour, f: impl FnOnce(&Scenario, usize) -> R) -> Option<R> {
    let pos = tour.pos.get()?;
    tour.open.with(|s| s.as_ref().map(|s| f(s, pos.step)))
}

/// The tour bar.
#[component]
pub fn TourBar() -> impl IntoView {
    let app = use_app();
    let tour = expect_context::<Tour>();
    let korean = move || app.lang.get() == Lang::Ko;
    let titles: Vec<(usize, &'static str, scenario::Text, &'static str)> =
        CATALOG.iter().enumerate().map(|(i, s)| (i, s.id, s.title, s.concepts)).collect();
    let step_info = move || with_current(tour, |s, k| (s.id, k + 1, s.steps.len()));
    let go = move |delta: isize| {
        if let Some(pos) = tour.pos.get_untracked() {
            let step = pos.step as isize + delta;
            if step >= 0 {
                tour.goto(app, pos.scenario, step as usize, true);
            }
        }
    };
    let at_end = move || step_info().is_some_and(|(_, k, n)| k >= n);
    let at_start = move || step_info().is_none_or(|(_, k, _)| k <= 1);

    // Play: when this step's hops have all shown, wait a moment and go on.
    Effect::new(move |_| {
        let done = app.seq.with(|s| s.shown >= s.hops.len());
        if tour.playing.get() && done && !app.paused.get() {
            let pos = tour.pos.get_untracked();
            set_timeout(
                move || {
                    if tour.playing.get_untracked() && tour.pos.get_untracked() == pos && !app.paused.get_untracked() {
                        if at_end() {
                            tour.playing.set(false);
                        } else {
                            go(1);
                        }
                    }
                },
                Duration::from_millis(2200),
            );
        }
    });

    view! {
        <section class="tour" aria-labelledby="tour-title" class:open=move || tour.pos.get().is_some()>
            <div class="tour-head">
                <h2 id="tour-title">{app.tr(|t| t.tour)}</h2>
                <select
                    data-testid="scenario-select"
                    aria-label=app.tr(|t| t.tour)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        match SCENARIO_IDS.iter().position(|id| *id == v) {
                            Some(i) => tour.goto(app, i, 0, true),
                            None => tour.close(),
                        }
                    }
                >
                    <option value="" prop:selected=move || tour.pos.get().is_none()>{app.tr(|t| t.free_play)}</option>
                    {titles
                        .iter()
                        .map(|&(i, id, title, concepts)| {
                            view! {
                                <option value=id prop:selected=move || tour.pos.get().is_some_and(|p| p.scenario == i)>
                                    {move || format!("{}. {} ({concepts})", i + 1, title.get(korean()))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <div class="tour-nav">
                    <button type="button" class="chip" data-testid="tour-prev" disabled=at_start on:click=move |_| go(-1)>
                        {app.tr(|t| t.prev)}
                    </button>
                    <span
                        class="tour-step"
                        data-testid="tour-step"
                        data-scenario=move || step_info().map(|(id, _, _)| id).unwrap_or("")
                        data-step=move || step_info().map(|(_, k, _)| k.to_string()).unwrap_or_default()
                        data-steps=move || step_info().map(|(_, _, n)| n.to_string()).unwrap_or_default()
                    >
                        {move || step_info().map(|(_, k, n)| format!("{k} / {n}")).unwrap_or_else(|| "—".into())}
                    </span>
                    <button type="button" class="chip" data-testid="tour-next" disabled=move || at_end() || tour.pos.get().is_none() on:click=move |_| go(1)>
                        {app.tr(|t| t.next)}
                    </button>
                    <button
                        type="button"
                        class="chip"
                        data-testid="tour-play"
                        aria-pressed=move || tour.playing.get().to_string()
                        disabled=move || tour.pos.get().is_none()
                        on:click=move |_| tour.playing.update(|p| *p = !*p)
                    >
                        {move || if tour.playing.get() { app.t().pause } else { app.t().play }}
                    </button>
                </div>
            </div>
            {move || tour.pos.get().and_then(|_| app.engine_part(Part::TourStep))}
        </section>
    }
}

/// The open step: summary, narration, the way back after free play, and the twin
/// world's meters. (Drawn by the engine's module, see `engine.rs`.)
#[component]
pub fn TourStep() -> impl IntoView {
    let app = use_app();
    let tour = expect_context::<Tour>();
    let korean = move || app.lang.get() == Lang::Ko;
    let narration =
        move || with_current(tour, |s, k| s.steps.get(k).map(|st| st.text.get(korean()))).flatten().unwrap_or_default();
    let summary = move || with_current(tour, |s, _| s.summary.get(korean())).unwrap_or_default();
    let wandered = move || tour.pos.get().is_some() && app.world.with(|w| w.exchange_count) != tour.baseline.get();
    view! {
                <p class="tour-summary">{summary}</p>
        <p class="tour-text" data-testid="tour-text" aria-live="polite">{narration}</p>
        <Show when=wandered>
            <p class="tour-wander">
                {app.tr(|t| t.playing_freely)} " "
                <button
                    type="button"
                    class="chip small"
                    data-testid="tour-return"
                    on:click=move |_| {
                        if let Some(p) = tour.pos.get_untracked() {
                            tour.goto(app, p.scenario, p.step, false);
                        }
                    }
                >
                    {app.tr(|t| t.back_to_step)}
                </button>
            </p>
        </Show>
        <Show when=move || tour.twin.with(|t| t.is_some())>
            <TwinMeters />
        </Show>
    }
}

/// Side by side: the main world's meters and the twin world's.
#[component]
fn TwinMeters() -> impl IntoView {
    let app = use_app();
    let tour = expect_context::<Tour>();
    let row = move |w: &World| {
        let m = w.meters;
        (
            w.config.mode.to_string(),
            human_bytes(m.all_credential_bytes()),
            human_bytes(m.all_bytes()),
            human_bytes(w.store_bytes() as u64),
            m.lookups,
            m.verifications,
        )
    };
    let rows = move || {
        let main = app.world.with(row);
        let twin = tour.twin.with(|t| t.as_ref().map(row));
        std::iter::once(main).chain(twin).collect::<Vec<_>>()
    };
    view! {
        <table class="dt twin" data-testid="twin-meters">
            <TableHead cols=TWIN_COLS />
            <tbody>
                {move || {
                    rows()
                        .into_iter()
                        .map(|(mode, cred, total, store, lookups, verifs)| {
                            view! {
                                <tr>
                                    <td>{mode}</td>
                                    <td>{cred}</td>
                                    <td>{total}</td>
                                    <td>{store}</td>
                                    <td>{lookups}</td>
                                    <td>{verifs}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}
