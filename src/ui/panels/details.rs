//! The details: today's DevTools tables, raw HTTP, the JWT inspector, the attacker,
//! the meters, the servers' tables and the exports, in tabs beside the stage (wide
//! screens) or under it. A tab is built the first time it is shown (by the engine,
//! which draws it) and kept. In an embed the tabs start collapsed: clicking one opens
//! it, clicking the open one closes them again.

use crate::ui::i18n::Texts;
use crate::ui::part::{Part, Tab};
use crate::ui::state::use_app;
use leptos::prelude::*;

fn label(t: &Texts, tab: Tab) -> &'static str {
    match tab {
        Tab::Browser => t.tab_storage,
        Tab::Network => t.panel_network,
        Tab::Servers => t.panel_servers,
        Tab::Meters => t.meters,
        Tab::Jwt => "JWT",
        Tab::Attacker => t.attacker,
        Tab::Share => t.tab_share,
    }
}

/// The details tabs.
#[component]
pub fn Details(
    /// Starts collapsed (an embed).
    collapsed: bool,
) -> impl IntoView {
    let app = use_app();
    let open = RwSignal::new(!collapsed);
    let built = RwSignal::new(Vec::<Tab>::new());
    Effect::new(move |_| {
        let tab = app.tab.get();
        if open.get() && !built.with(|b| b.contains(&tab)) {
            built.update(|b| b.push(tab));
        }
    });
    let choose = move |tab: Tab| {
        if collapsed && open.get_untracked() && app.tab.get_untracked() == tab {
            open.set(false);
        } else {
            app.tab.set(tab);
            open.set(true);
            // The engine draws the tab: a click before it is in waits for it (busy).
            app.with_engine(|_| ());
        }
    };
    view! {
        <section class="details" class:open=open aria-label=app.tr(|t| t.details)>
            <div class="details-tabs" role="tablist" aria-label=app.tr(|t| t.details)>
                {Tab::ALL
                    .iter()
                    .map(|&tab| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=format!("tab-{}", tab.id())
                                data-testid=format!("tab-{}", tab.id())
                                aria-controls=format!("details-{}", tab.id())
                                aria-selected=move || (open.get() && app.tab.get() == tab).to_string()
                                aria-expanded=move || open.get().to_string()
                                on:click=move |_| choose(tab)
                            >
                                {move || label(app.t(), tab)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <For each=move || built.get() key=|t| t.id() let:tab>
                <div
                    class="details-panel"
                    role="tabpanel"
                    id=format!("details-{}", tab.id())
                    aria-labelledby=format!("tab-{}", tab.id())
                    hidden=move || !open.get() || app.tab.get() != tab
                >
                    {move || {
                        app.engine_part(Part::Details(tab))
                            .unwrap_or_else(|| view! { <p class="loading">{app.t().loading}</p> }.into_any())
                    }}
                </div>
            </For>
        </section>
    }
}
