//! The control bar: auth mode, servers, balancer, session store, transport, the
//! virtual clock and the animation speed; and the page's own switches for the top bar
//! (theme, reset).

use crate::sim::clock::{time_of_day, HOUR, MINUTE};
use crate::sim::config::{AuthMode, Choice, LbPolicy, StoreMode, Transport, MAX_SERVERS, MIN_SERVERS};
use crate::sim::Action;
use crate::ui::i18n::Texts;
use crate::ui::state::{use_app, Speed};
use crate::ui::url_state::Theme;
use leptos::prelude::*;

/// The three auth-mode buttons (`mode-stateless`, `mode-session`, `mode-token`); the
/// active one has `aria-pressed="true"`.
#[component]
fn ModeSwitch() -> impl IntoView {
    let app = use_app();
    let label = move |m: AuthMode| {
        let t = app.t();
        match m {
            AuthMode::Stateless => t.mode_stateless,
            AuthMode::Session => t.mode_session,
            AuthMode::Token => t.mode_token,
        }
    };
    let mode = move || app.world.with(|w| w.config.mode);
    view! {
        <div class="mode-switch" role="group" aria-label=app.tr(|t| t.auth_mode)>
            {AuthMode::ALL
                .iter()
                .map(|&m| {
                    view! {
                        <button
                            type="button"
                            class="mode-button"
                            data-testid=format!("mode-{}", m.id())
                            aria-pressed=move || (mode() == m).to_string()
                            on:click=move |_| app.dispatch(Action::SetMode(m))
                        >
                            {move || label(m)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A labelled `<select>` over a [`Choice`] knob of the world.
#[component]
fn ChoiceSelect<T: Choice + PartialEq + Send + Sync>(
    /// `data-testid` of the select.
    testid: &'static str,
    /// Label text, by language.
    label: fn(&Texts) -> &'static str,
    /// Display name of a value, by language.
    name: fn(&Texts, T) -> &'static str,
    /// The current value.
    current: Signal<T>,
    /// The action that sets a value.
    set: fn(T) -> Action,
) -> impl IntoView {
    let app = use_app();
    view! {
        <label class="control">
            <span class="control-label">{move || label(app.t())}</span>
            <select
                data-testid=testid
                on:change=move |ev| {
                    if let Some(v) = T::from_id(&event_target_value(&ev)) {
                        app.dispatch(set(v));
                    }
                }
            >
                {T::ALL
                    .iter()
                    .map(|&v| {
                        view! {
                            <option value=v.id() prop:selected=move || current.get() == v>
                                {move || name(app.t(), v)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The settings and clock controls.
#[component]
pub fn Controls() -> impl IntoView {
    let app = use_app();
    let config = move || app.world.with(|w| w.config);
    let servers = move || config().servers;
    view! {
        <div class="controls" id="controls" role="toolbar" aria-label=app.tr(|t| t.controls)>
            <ModeSwitch />
            <label class="control">
                <span class="control-label">{app.tr(|t| t.servers)}</span>
                <select
                    data-testid="server-count"
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u8>() {
                            app.dispatch(Action::SetServers(n));
                        }
                    }
                >
                    {(MIN_SERVERS..=MAX_SERVERS)
                        .map(|n| view! { <option value=n.to_string() prop:selected=move || servers() == n>{n}</option> })
                        .collect_view()}
                </select>
            </label>
            <ChoiceSelect
                testid="lb-policy"
                label=|t| t.balancer
                name=|t, v: LbPolicy| match v {
                    LbPolicy::RoundRobin => t.lb_round_robin,
                    LbPolicy::Random => t.lb_random,
                    LbPolicy::Sticky => t.lb_sticky,
                }
                current=Signal::derive(move || config().lb)
                set=Action::SetLb
            />
            <ChoiceSelect
                testid="session-store-mode"
                label=|t| t.session_store
                name=|t, v: StoreMode| match v {
                    StoreMode::Memory => t.store_memory,
                    StoreMode::Shared => t.store_shared,
                    StoreMode::Replicated => t.store_replicated,
                }
                current=Signal::derive(move || config().store)
                set=Action::SetStore
            />
            <ChoiceSelect
                testid="transport-mode"
                label=|t| t.transport
                name=|_, v: Transport| match v {
                    Transport::Https => "https",
                    Transport::Http => "http",
                }
                current=Signal::derive(move || config().transport)
                set=Action::SetTransport
            />
            <Clock />
            <label class="control">
                <span class="control-label">{app.tr(|t| t.speed)}</span>
                <select
                    data-testid="anim-speed"
                    on:change=move |ev| {
                        if let Some(s) = Speed::from_id(&event_target_value(&ev)) {
                            app.speed.set(s);
                        }
                    }
                >
                    {Speed::ALL
                        .iter()
                        .map(|&s| {
                            view! {
                                <option value=s.id() prop:selected=move || app.speed.get() == s>
                                    {move || {
                                        let t = app.t();
                                        match s {
                                            Speed::Instant => t.speed_instant,
                                            Speed::Fast => t.speed_fast,
                                            Speed::Normal => t.speed_normal,
                                            Speed::Slow => t.speed_slow,
                                        }
                                    }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}

/// The theme switch and the reset button (in the top bar).
#[component]
pub fn PageSwitches() -> impl IntoView {
    let app = use_app();
    view! {
        <button
            type="button"
            class="chip"
            data-testid="theme-toggle"
            aria-label=app.tr(|t| t.theme_toggle)
            on:click=move |_| app.theme.update(|t| *t = if *t == Theme::Dark { Theme::Light } else { Theme::Dark })
        >
            {move || if app.theme.get() == Theme::Dark { "☀" } else { "☾" }}
        </button>
        <button
            type="button"
            class="chip danger"
            data-testid="reset-world"
            aria-label=app.tr(|t| t.reset)
            on:click=move |_| app.reset()
        >
            <span aria-hidden="true">"↺ "</span>
            <span class="chip-label">{app.tr(|t| t.reset)}</span>
        </button>
    }
}

/// The virtual clock: the time in Seoul, and buttons that move it forward.
#[component]
fn Clock() -> impl IntoView {
    let app = use_app();
    let now = move || app.world.with(|w| w.now());
    let advance = move |by| app.dispatch(Action::Advance(by));
    view! {
        <div class="control clock" role="group" aria-label=app.tr(|t| t.clock)>
            <span class="control-label">{app.tr(|t| t.clock)}</span>
            <time data-testid="clock-now" class="clock-now mono" data-value=move || now().to_string()>
                {move || time_of_day(now(), 540)}
                " KST"
            </time>
            <button type="button" class="chip" data-testid="clock-advance-1m" on:click=move |_| advance(MINUTE)>
                "+1m"
            </button>
            <button type="button" class="chip" data-testid="clock-advance-15m" on:click=move |_| advance(15 * MINUTE)>
                "+15m"
            </button>
            <button type="button" class="chip" data-testid="clock-advance-1h" on:click=move |_| advance(HOUR)>
                "+1h"
            </button>
        </div>
    }
}
