//! The panels' frames, and the tabs that replace the columns on narrow screens.

use crate::ui::state::use_app;
use leptos::prelude::*;
use std::time::Duration;

/// The three panels, by their stable names.
pub const PANELS: [&str; 3] = ["browser", "network", "servers"];

/// Start-up in steps: the top bar and the empty panel frames are built in the first
/// task, then the controls, then the contents of one panel per later task, so that no
/// single task keeps the main thread busy for long (a blog page embedding us stays
/// responsive while we start). When the last panel is in, the app's root gets
/// `data-loaded="1"`, which also lets CSS show it (the browser lays it out once), and
/// `App` marks `<body>` ready once nothing waits for the engine either.
#[derive(Clone, Copy)]
pub struct StartUp {
    step: RwSignal<u8>,
    last: u8,
}

impl StartUp {
    /// Starts counting steps `1..=last`, one per task after the current one.
    pub fn begin(last: u8) -> Self {
        let startup = StartUp { step: RwSignal::new(0), last };
        startup.next();
        startup
    }

    /// True once step `n` has been reached.
    pub fn reached(self, n: u8) -> bool {
        self.step.get() >= n
    }

    /// True once every step is done.
    pub fn done(self) -> bool {
        self.reached(self.last + 1)
    }

    fn next(self) {
        set_timeout(
            move || {
                self.step.update(|n| *n += 1);
                if self.step.get_untracked() <= self.last {
                    self.next();
                }
            },
            Duration::ZERO,
        );
    }
}

/// One titled panel of the page; its contents arrive at start-up step `step`.
#[component]
pub fn Panel(
    /// CSS modifier and DOM id suffix: `browser`, `network`, `servers`.
    kind: &'static str,
    /// The heading text.
    title: Signal<&'static str>,
    /// The tab shown on narrow screens.
    tab: RwSignal<&'static str>,
    /// The start-up sequence.
    startup: StartUp,
    /// The start-up step that builds the contents.
    step: u8,
    /// The panel's contents.
    children: ChildrenFn,
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
            <Show when=move || startup.reached(step)>{children()}</Show>
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
        <nav class="panel-tabs" role="tablist" aria-label=app.tr(|t| t.panels)>
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
