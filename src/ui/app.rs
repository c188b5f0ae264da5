//! The page: reads the URL once, provides the state, lays out the panels.

use crate::ui::dom;
use crate::ui::i18n::Lang;
use crate::ui::panels::controls::ModeSwitch;
use crate::ui::panels::layout::{title_of, Panel};
use crate::ui::url_state::{self, Theme};
use leptos::prelude::*;

/// The whole playground.
#[component]
pub fn App() -> impl IntoView {
    let (search, fragment) = dom::location_parts();
    let (initial, notices) = url_state::parse(&search, &fragment);

    let mode = RwSignal::new(initial.mode);
    let lang = RwSignal::new(initial.lang.unwrap_or_else(|| Lang::from_browser(&dom::browser_language())));
    let theme = RwSignal::new(initial.theme.unwrap_or(if dom::prefers_dark() { Theme::Dark } else { Theme::Light }));
    let texts = Signal::derive(move || lang.get().texts());

    Effect::new(move |_| dom::set_root_attr("lang", lang.get().id()));
    Effect::new(move |_| dom::set_root_attr("data-theme", if theme.get() == Theme::Dark { "dark" } else { "light" }));

    let notice_lines: Vec<String> = notices.iter().map(ToString::to_string).collect();
    let has_notices = !notice_lines.is_empty();

    view! {
        <div class="app" class:embed=initial.embed>
            <header class="topbar">
                <div class="brand">
                    <h1>{move || texts.get().title}</h1>
                    <p class="tagline">{move || texts.get().tagline}</p>
                </div>
                <ModeSwitch mode texts />
                <button
                    type="button"
                    class="chip"
                    data-testid="lang-toggle"
                    on:click=move |_| lang.update(|l| *l = l.other())
                >
                    {move || texts.get().lang_toggle}
                </button>
            </header>
            <Show when=move || has_notices>
                <div class="notice" role="status" data-testid="url-notice">
                    <strong>{move || texts.get().notice_ignored}</strong>
                    <ul>{notice_lines.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <main class="panels">
                <Panel kind="browser" title=title_of(texts, |t| t.panel_browser)>
                    <p class="placeholder">{move || format!("mode: {}", mode.get())}</p>
                </Panel>
                <Panel kind="network" title=title_of(texts, |t| t.panel_network)>
                    <p class="placeholder">"—"</p>
                </Panel>
                <Panel kind="servers" title=title_of(texts, |t| t.panel_servers)>
                    <p class="placeholder">"—"</p>
                </Panel>
            </main>
        </div>
    }
}
