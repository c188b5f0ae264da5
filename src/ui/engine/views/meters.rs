//! The meters: bytes of credentials, all bytes, bytes held in session stores,
//! look-ups vs verifications — and "simulate N users", run in chunks so the page
//! stays responsive, with a progress bar.

use crate::sim::bulk::CHUNK;
use crate::sim::Action;
use crate::ui::dom;
use crate::ui::state::use_app;
use leptos::prelude::*;
use std::time::Duration;

/// Most users one run may simulate.
pub const MAX_USERS: u32 = 100_000;

/// 12345 → "12.1 KB".
pub fn human_bytes(n: u64) -> String {
    match n {
        0..=9_999 => format!("{n} B"),
        10_000..=9_999_999 => format!("{} KB", one_decimal(n, 1024)),
        _ => format!("{} MB", one_decimal(n, 1024 * 1024)),
    }
}

/// `n / unit` with one decimal, exactly as `format!("{:.1}", n as f64 / unit as f64)`
/// prints it for a power-of-two `unit` (the quotient is exact; a tie rounds to even),
/// but in integers: formatting an `f64` would put Rust's float printer (about 14 KB)
/// into the wasm.
fn one_decimal(n: u64, unit: u64) -> String {
    let tenths = u128::from(n) * 10;
    let unit = u128::from(unit);
    let (mut q, r) = (tenths / unit, tenths % unit);
    if 2 * r > unit || (2 * r == unit && q % 2 == 1) {
        q += 1;
    }
    format!("{}.{}", q / 10, q % 10)
}

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

/// The meters and the bulk simulation.
#[component]
pub fn Meters() -> impl IntoView {
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
                            format!("{} {} · 200: {} · 401: {} · {}", b.users, app.t().simulated_users, b.ok, b.failed, app.t().bulk_note)
                        }}
                    </p>
                </Show>
            </div>
        </section>
    }
}

/// Runs one chunk, then yields to the browser before the next.
fn step(app: crate::ui::state::AppState, progress: RwSignal<Option<(u32, u32)>>, total: u32) {
    let Some((done, _)) = progress.get_untracked() else {
        return;
    };
    let chunk = CHUNK.min(total - done);
    app.dispatch(Action::SimulateUsers(chunk));
    let done = done + chunk;
    if done >= total {
        progress.set(None);
        dom::set_body_flag("data-busy", false);
    } else {
        progress.set(Some((done, total)));
        set_timeout(move || step(app, progress, total), Duration::from_millis(0));
    }
}

#[cfg(test)]
mod tests {
    use super::human_bytes;

    /// What `human_bytes` printed when it formatted an `f64`.
    fn with_floats(n: u64) -> String {
        match n {
            0..=9_999 => format!("{n} B"),
            10_000..=9_999_999 => format!("{:.1} KB", n as f64 / 1024.0),
            _ => format!("{:.1} MB", n as f64 / (1024.0 * 1024.0)),
        }
    }

    #[test]
    fn integer_rounding_matches_float_formatting() {
        // Every value up to 2 MB, a sweep up to about 10^12, and the ties (an exact
        // .x5: n = 256 mod 512 in KB, n = 2^18 mod 2^19 in MB), which round to even.
        let sweep = (0..2_100_000u64).chain((0..200_000u64).map(|i| i * i * 25 + i));
        let ties = (0..100_000u64).flat_map(|k| [256 + 512 * k, (1 << 18) + (1 << 19) * k]);
        for n in sweep.chain(ties).chain([u64::from(u32::MAX), 1 << 52]) {
            assert_eq!(human_bytes(n), with_floats(n), "n = {n}");
        }
    }
}
