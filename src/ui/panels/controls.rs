//! The control bar: auth mode (and, as the page grows, servers, balancer, store,
//! transport, clock, language, theme and reset).

use crate::sim::config::{AuthMode, Choice};
use crate::ui::i18n::Texts;
use leptos::prelude::*;

/// The three auth-mode buttons; the active one has `aria-pressed="true"`.
#[component]
pub fn ModeSwitch(
    /// The current auth mode; clicking a button sets it.
    mode: RwSignal<AuthMode>,
    /// The texts of the current language.
    texts: Signal<&'static Texts>,
) -> impl IntoView {
    let label = move |m: AuthMode| {
        let t = texts.get();
        match m {
            AuthMode::Stateless => t.mode_stateless,
            AuthMode::Session => t.mode_session,
            AuthMode::Token => t.mode_token,
        }
    };
    view! {
        <div class="mode-switch" role="group" aria-label=move || texts.get().auth_mode>
            {AuthMode::ALL
                .iter()
                .map(|&m| {
                    view! {
                        <button
                            type="button"
                            class="mode-button"
                            data-testid=format!("mode-{}", m.id())
                            aria-pressed=move || (mode.get() == m).to_string()
                            on:click=move |_| mode.set(m)
                        >
                            {move || label(m)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
