//! The open tour step (drawn by the engine, which holds the steps): the summary, the
//! narration, the way back after free play, and the twin world's meters.

use crate::sim::World;
use crate::ui::engine::views::table::{Col, TableHead};
use crate::ui::format::human_bytes;
use crate::ui::i18n::Lang;
use crate::ui::state::use_app;
use crate::ui::tour::{with_current, Tour};
use leptos::prelude::*;

/// The side-by-side meters' columns.
const TWIN_COLS: &[Col] = &[
    Col::Text(|t| t.auth_mode),
    Col::Text(|t| t.meter_credential),
    Col::Text(|t| t.meter_total),
    Col::Text(|t| t.meter_store),
    Col::Text(|t| t.lookups),
    Col::Text(|t| t.verifications),
];

/// The open step: summary, narration, the way back after free play, and the twin
/// world's meters.
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
        <div class="table-wrap twin-wrap">
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
        </div>
    }
}
