//! The tour bar: pick a scenario, walk its steps (Prev / Next / Play), read the
//! narration (drawn by the engine, which holds the steps).

use crate::sim::scenario::{self, CATALOG, SCENARIO_IDS};
use crate::ui::i18n::Lang;
use crate::ui::part::Part;
use crate::ui::state::use_app;
use crate::ui::tour::{with_current, Tour};
use leptos::prelude::*;
use std::time::Duration;

/// The tour card: the scenario picker, the step controls and the narration.
#[component]
pub fn TourBar() -> impl IntoView {
    let app = use_app();
    let tour = expect_context::<Tour>();
    let korean = move || app.lang.get() == Lang::Ko;
    let titles: Vec<(usize, &'static str, scenario::Text, &'static str)> =
        CATALOG.iter().enumerate().map(|(i, s)| (i, s.id, s.title, s.concepts)).collect();
    // The tour chosen in the select (it changes less often than the step).
    let chosen = Memo::new(move |_| tour.pos.get().map(|p| p.scenario));
    let step_info = move || with_current(tour, |s, k| (s.entry.id, k + 1, s.steps.len()));
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
        let done = app.seq.with(|s| s.landed >= s.hops.len());
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
                            None => tour.close(app),
                        }
                    }
                >
                // One reactive block for all the options, made again when the language or
                // the tour changes (not at every step): fewer effects at start-up.
                {move || {
                    let (now, ko, free) = (chosen.get(), korean(), app.t().free_play);
                    let tours = titles
                        .iter()
                        .map(|&(i, id, title, concepts)| {
                            view! {
                                <option value=id selected=now == Some(i)>
                                    {format!("{}. {} ({concepts})", i + 1, title.get(ko))}
                                </option>
                            }
                        })
                        .collect_view();
                    view! {
                        <option value="" selected=now.is_none()>{free}</option>
                        {tours}
                    }
                }}
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
            {move || match tour.pos.get() {
                Some(_) => app.engine_part(Part::TourStep).unwrap_or_else(|| {
                    view! { <p class="tour-text loading">{app.t().loading}</p> }.into_any()
                }),
                None => view! { <p class="tour-hint">{app.t().free_play_hint}</p> }.into_any(),
            }}
        </section>
    }
}
