//! The panels' frames, and the tabs that replace the columns on narrow screens.

use crate::ui::state::use_app;
use leptos::prelude::*;

/// The three panels, by their stable names.
pub const PANELS: [&str; 3] = ["browser", "network", "servers"];

/// One titled panel of the page.
#[component]
pub fn Panel(
    /// CSS modifier and DOM id suffix: `browser`, `network`, `servers`.
    kind: &'static str,
    /// The heading text.
    title: Signal<&'static str>,
    /// The tab shown on narrow screens.
    tab: RwSignal<&'static str>,
    /// The panel's contents.
    children: Children,
) -> impl IntoView {
    let heading_id = format!("panel-{kind}-title");
    let labelled_by = heading_id.clone();
    view! {
        <section
            id=format!("panel-{kind}")
            class=format!("panel panel-{kind}")
            class:active=move || tab.get() == kind
            role="region"
            aria-labelledby=labelled_by
        >
            <h2 id=heading_id class="panel-title">{move || title.get()}</h2>
            {children()}
        </section>
    }
}

/// Tabs for narrow screens (hidden by CSS from 700 px up).
#[component]
pub fn PanelTabs(
    /// The active tab.
    tab: RwSignal<&'static str>,
) -> impl IntoView {
    let app = use_app();
    let name = move |k: &'static str| {
        let t = app.t();
        match k {
            "browser" => t.panel_browser,
            "network" => t.panel_network,
            _ => t.panel_servers,
        }
    };
    view! {
        <nav class="panel-tabs" role="tablist" aria-label=move || app.t().panels>
            {PANELS
                .iter()
                .map(|&k| {
                    view! {
                        <button
                            type="button"
                            role="tab"
                            data-testid=format!("tab-{k}")
                            aria-controls=format!("panel-{k}")
                            aria-selected=move || (tab.get() == k).to_string()
                            on:click=move |_| tab.set(k)
                        >
                            {move || name(k)}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}
