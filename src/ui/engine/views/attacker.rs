//! The attacker tab (C14): steal by XSS or by sniffing, see the loot, replay it
//! from the attacker's own browser, and see what the server said.

use crate::sim::Action;
use crate::ui::i18n::notes::Said;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The attacker tab.
#[component]
pub fn AttackerDetails() -> impl IntoView {
    let app = use_app();
    let loot = move || app.world.with(|w| w.attacker.loot.iter().map(|l| app.say(Said::Loot(l))).collect::<Vec<_>>());
    let attempt = move || app.world.with(|w| w.attacker.last_attempt.clone());
    let replay = move || app.world.with(|w| w.attacker.last_replay.clone());
    view! {
        <section class="attacker" aria-labelledby="attacker-title">
            <h3 id="attacker-title">{app.tr(|t| t.attacker)}</h3>
            <p class="hint">{app.tr(|t| t.attacker_hint)}</p>
            <div class="row">
                <button type="button" class="chip evil" data-testid="attacker-steal-xss" on:click=move |_| app.dispatch(Action::StealXss)>
                    {app.tr(|t| t.steal_xss)}
                </button>
                <button
                    type="button"
                    class="chip evil"
                    data-testid="attacker-steal-sniff"
                    on:click=move |_| app.dispatch(Action::StealSniff)
                >
                    {app.tr(|t| t.steal_sniff)}
                </button>
                <button type="button" class="chip evil" data-testid="attacker-replay" on:click=move |_| app.dispatch(Action::Replay)>
                    {app.tr(|t| t.replay)}
                </button>
            </div>
            <p class="attempt">{move || attempt().map(|n| app.say(Said::Note(&n))).unwrap_or_default()}</p>
            <div data-testid="attacker-loot" class="loot" data-count=move || loot().len().to_string()>
                <strong>{app.tr(|t| t.loot)} ": "</strong>
                {move || {
                    let l = loot();
                    if l.is_empty() {
                        view! { <span class="empty">{app.t().nothing}</span> }.into_any()
                    } else {
                        view! { <ul>{l.into_iter().map(|x| view! { <li class="mono">{x}</li> }).collect_view()}</ul> }
                            .into_any()
                    }
                }}
            </div>
            <p
                data-testid="attacker-result"
                class="result"
                data-status=move || replay().map(|r| r.status.to_string()).unwrap_or_default()
                class:pwned=move || replay().is_some_and(|r| r.status == 200)
            >
                {move || replay().map(|r| format!("{} {}", app.t().replay_result, app.say(Said::Replay(&r)))).unwrap_or_default()}
            </p>
        </section>
    }
}
