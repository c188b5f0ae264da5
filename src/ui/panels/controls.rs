//! The control bar: auth mode, servers, balancer, session store, transport, the labs'
//! knobs (the login cookie's SameSite, the CSRF defence, where the token lives), the
//! virtual clock and the animation speed; and the page's own switches for the top bar
//! (theme, reset).

use crate::sim::clock::{time_of_day, HOUR, MINUTE};
use crate::sim::config::{
    AuthMode, Choice, CsrfDefence, LbPolicy, SameSitePolicy, StoreMode, TokenStore, Transport, MAX_SERVERS, MIN_SERVERS,
};
use crate::sim::Action;
use crate::ui::i18n::Texts;
use crate::ui::state::{use_app, AppState, Speed};
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

/// A labelled `<select>` over one setting, the world's or the page's: one component for
/// every select of the bar (the values as their stable ids), so its view code is stamped
/// out once.
#[component]
fn ChoiceSelect(
    /// `data-testid` of the select.
    testid: &'static str,
    /// Label text, by language.
    label: fn(&Texts) -> &'static str,
    /// The values' stable ids, in display order.
    ids: &'static [&'static str],
    /// Display name of a value (by id), by language.
    name: fn(&Texts, &'static str) -> &'static str,
    /// The current value's id.
    current: Signal<&'static str>,
    /// What choosing the value with this id does.
    set: fn(AppState, &str),
) -> impl IntoView {
    let app = use_app();
    view! {
        <label class="control">
            <span class="control-label">{move || label(app.t())}</span>
            <select data-testid=testid on:change=move |ev| set(app, &event_target_value(&ev))>
                // One reactive block for all the options (made again when the language or
                // the value changes, both rare): fewer effects to set up at start-up than
                // two per option.
                {move || {
                    let (t, now) = (app.t(), current.get());
                    ids.iter()
                        .map(|&v| view! { <option value=v selected=now == v>{name(t, v)}</option> })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Dispatches `action` when the select's value parsed into one.
fn act(app: AppState, action: Option<Action>) {
    if let Some(action) = action {
        app.dispatch(action);
    }
}

/// The server counts the select offers, as its values: `MIN_SERVERS..=MAX_SERVERS`.
const SERVER_COUNTS: [&str; (MAX_SERVERS - MIN_SERVERS + 1) as usize] = ["1", "2", "3", "4"];

/// The select's value for `n` servers.
fn server_count_id(n: u8) -> &'static str {
    SERVER_COUNTS.get(n.saturating_sub(MIN_SERVERS) as usize).copied().unwrap_or(SERVER_COUNTS[0])
}

/// The settings and clock controls.
#[component]
pub fn Controls() -> impl IntoView {
    let app = use_app();
    let config = move || app.world.with(|w| w.config);
    view! {
        <div class="controls" id="controls" role="toolbar" aria-label=app.tr(|t| t.controls)>
            <ModeSwitch />
            <ChoiceSelect
                testid="server-count"
                label=|t| t.servers
                ids=&SERVER_COUNTS
                name=|_, v| v
                current=Signal::derive(move || server_count_id(config().servers))
                set=|app, v| act(app, v.parse().ok().map(Action::SetServers))
            />
            <ChoiceSelect
                testid="lb-policy"
                label=|t| t.balancer
                ids=LbPolicy::IDS
                name=|t, v| match v {
                    "random" => t.lb_random,
                    "sticky" => t.lb_sticky,
                    _ => t.lb_round_robin,
                }
                current=Signal::derive(move || config().lb.id())
                set=|app, v| act(app, LbPolicy::from_id(v).map(Action::SetLb))
            />
            <ChoiceSelect
                testid="session-store-mode"
                label=|t| t.session_store
                ids=StoreMode::IDS
                name=|t, v| match v {
                    "shared" => t.store_shared,
                    "replicated" => t.store_replicated,
                    _ => t.store_memory,
                }
                current=Signal::derive(move || config().store.id())
                set=|app, v| act(app, StoreMode::from_id(v).map(Action::SetStore))
            />
            <ChoiceSelect
                testid="transport-mode"
                label=|t| t.transport
                ids=Transport::IDS
                name=|_, v| if v == "http" { "http" } else { "https" }
                current=Signal::derive(move || config().transport.id())
                set=|app, v| act(app, Transport::from_id(v).map(Action::SetTransport))
            />
            // The labs' knobs, the clock and the animation start a second row, always
            // (so the bar has one height, the one index.html's frame holds for it).
            <span class="controls-break" aria-hidden="true"></span>
            <ChoiceSelect
                testid="samesite-mode"
                label=|t| t.samesite
                ids=SameSitePolicy::IDS
                name=|_, v| match v {
                    "strict" => "Strict",
                    "none" => "None",
                    _ => "Lax",
                }
                current=Signal::derive(move || config().samesite.id())
                set=|app, v| act(app, SameSitePolicy::from_id(v).map(Action::SetSameSite))
            />
            <ChoiceSelect
                testid="csrf-mode"
                label=|t| t.csrf
                ids=CsrfDefence::IDS
                name=|t, v| match v {
                    "token" => t.csrf_token,
                    "origin" => t.csrf_origin,
                    _ => t.csrf_none,
                }
                current=Signal::derive(move || config().csrf.id())
                set=|app, v| act(app, CsrfDefence::from_id(v).map(Action::SetCsrf))
            />
            <ChoiceSelect
                testid="token-store-mode"
                label=|t| t.token_store
                ids=TokenStore::IDS
                name=|t, v| match v {
                    "memory" => t.store_page_memory,
                    "cookie" => t.store_cookie,
                    _ => t.store_local,
                }
                current=Signal::derive(move || config().token_store.id())
                set=|app, v| act(app, TokenStore::from_id(v).map(Action::SetTokenStore))
            />
            <Clock />
            <ChoiceSelect
                testid="anim-speed"
                label=|t| t.speed
                ids=Speed::IDS
                name=|t, v| match v {
                    "instant" => t.speed_instant,
                    "normal" => t.speed_normal,
                    "slow" => t.speed_slow,
                    _ => t.speed_fast,
                }
                current=Signal::derive(move || app.speed.get().id())
                set=|app, v| {
                    if let Some(s) = Speed::from_id(v) {
                        app.speed.set(s);
                    }
                }
            />
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_counts_are_min_to_max_and_each_count_finds_its_value() {
        let counts: Vec<String> = (MIN_SERVERS..=MAX_SERVERS).map(|n| n.to_string()).collect();
        assert_eq!(SERVER_COUNTS.to_vec(), counts);
        for n in MIN_SERVERS..=MAX_SERVERS {
            assert_eq!(server_count_id(n), n.to_string());
        }
    }
}
