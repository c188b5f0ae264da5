//! The meters: bytes of credentials, all bytes, bytes held in session stores,
//! look-ups vs verifications — and "simulate N users", run in chunks so the page
//! stays responsive, with a progress bar.

use crate::sim::bulk::CHUNK;
use crate::sim::Action;
use crate::ui::dom;
use crate::ui::format::group;
use crate::ui::format::human_bytes;
use crate::ui::i18n::fill;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Most users one run may simulate.
pub const MAX_USERS: u32 = 100_000;

#[component]
fn Meter(
    /// `data-testid`.
    testid: &'static str,
    /// Label, by language.
    label: Signal<&'static str>,
    /// The value.
    value: Signal<u64>,
    /// Show as bytes.
    bytes: bool,
) -> impl IntoView {
    view! {
        <div class="meter" data-testid=testid data-value=move || value.get().to_string()>
            <span class="meter-label">{move || label.get()}</span>
            <span class="meter-value">
                {move || if bytes { human_bytes(value.get()) } else { value.get().to_string() }}
            </span>
        </div>
    }
}

/// The meters tab: the meters and the bulk simulation.
#[component]
pub fn MetersDetails() -> impl IntoView {
    let app = use_app();
    let m = move || app.world.with(|w| w.meters);
    let count = RwSignal::new(String::from("1000"));
    let progress = RwSignal::new(None::<(u32, u32)>);
    let error = RwSignal::new(None::<String>);
    let run = move |_| {
        let Ok(n) = count.get_untracked().trim().parse::<u32>() else {
            error.set(Some(app.t().simulate_bad_count.to_string()));
            return;
        };
        if n == 0 || n > MAX_USERS {
            error.set(Some(app.t().simulate_bad_count.to_string()));
            return;
        }
        error.set(None);
        progress.set(Some((0, n)));
        dom::set_body_flag("data-busy", true);
        step(app, progress, n);
    };
    view! {
        <section class="meters" aria-labelledby="meters-title">
            <h3 id="meters-title">{app.tr(|t| t.meters)}</h3>
            <div class="meter-grid">
                <Meter
                    testid="meter-credential-bytes"
                    label=Signal::derive(app.tr(|t| t.meter_credential))
                    value=Signal::derive(move || m().all_credential_bytes())
                    bytes=true
                />
                <Meter
                    testid="meter-total-bytes"
                    label=Signal::derive(app.tr(|t| t.meter_total))
                    value=Signal::derive(move || m().all_bytes())
                    bytes=true
                />
                <Meter
                    testid="meter-store-bytes"
                    label=Signal::derive(app.tr(|t| t.meter_store))
                    value=Signal::derive(move || app.world.with(|w| w.store_bytes() as u64))
                    bytes=true
                />
                <Meter
                    testid="meter-lookups"
                    label=Signal::derive(app.tr(|t| t.lookups))
                    value=Signal::derive(move || m().lookups)
                    bytes=false
                />
                <Meter
                    testid="meter-verifications"
                    label=Signal::derive(app.tr(|t| t.verifications))
                    value=Signal::derive(move || m().verifications)
                    bytes=false
                />
            </div>
            <div class="simulate">
                <label>
                    <span>{app.tr(|t| t.simulate_label)}</span>
                    <input
                        data-testid="simulate-users-count"
                        type="number"
                        min="1"
                        max=MAX_USERS.to_string()
                        value=count.get_untracked()
                        on:input=move |ev| count.set(event_target_value(&ev))
                    />
                </label>
                <button
                    type="button"
                    class="chip"
                    data-testid="simulate-users"
                    disabled=move || progress.get().is_some()
                    on:click=run
                >
                    {app.tr(|t| t.simulate)}
                </button>
                <Show when=move || progress.get().is_some()>
                    <progress
                        data-testid="simulate-progress"
                        max=move || progress.get().map_or(1, |p| p.1).to_string()
                        value=move || progress.get().map_or(0, |p| p.0).to_string()
                    ></progress>
                </Show>
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get().unwrap_or_default()}</p>
                </Show>
                <Show when=move || { m().bulk.users > 0 }>
                    <p class="bulk-summary" data-testid="simulate-summary">
                        {move || {
                            let b = m().bulk;
                            let t = app.t();
                            let users = fill(t.simulated_users, &[("n", &group(b.users))]);
                            format!("{users} · 200: {} · 401: {} · {}", group(b.ok), group(b.failed), t.bulk_note)
                        }}
                    </p>
                </Show>
            </div>
        </section>
    }
}

/// How long one task keeps simulating before it yields, in milliseconds: with a chunk
/// of about 10 ms, no task holds the main thread for 50 ms, however fast the machine.
const SLICE_MS: f64 = 12.0;

/// Runs chunks for one time slice, then yields to the browser before the next.
fn step(app: crate::ui::state::AppState, progress: RwSignal<Option<(u32, u32)>>, total: u32) {
    let Some((mut done, _)) = progress.get_untracked() else {
        return;
    };
    let start = js_sys::Date::now();
    while done < total {
        let chunk = CHUNK.min(total - done);
        app.dispatch(Action::SimulateUsers(chunk));
        done += chunk;
        if js_sys::Date::now() - start >= SLICE_MS {
            break;
        }
    }
    if done >= total {
        progress.set(None);
        dom::set_body_flag("data-busy", false);
    } else {
        progress.set(Some((done, total)));
        dom::next_task(move || step(app, progress, total));
    }
}
