//! The three panels' frames: Browser, Network, Servers.

use crate::ui::i18n::Texts;
use leptos::prelude::*;

/// One titled panel of the page.
#[component]
pub fn Panel(
    /// CSS modifier and DOM id suffix: `browser`, `network`, `servers`.
    kind: &'static str,
    /// The heading text.
    title: Signal<&'static str>,
    /// The panel's contents.
    children: Children,
) -> impl IntoView {
    let heading_id = format!("panel-{kind}-title");
    let labelled_by = heading_id.clone();
    view! {
        <section class=format!("panel panel-{kind}") aria-labelledby=labelled_by>
            <h2 id=heading_id class="panel-title">{move || title.get()}</h2>
            {children()}
        </section>
    }
}

/// The texts signal narrowed to one field, for panel titles.
pub fn title_of(texts: Signal<&'static Texts>, pick: fn(&Texts) -> &'static str) -> Signal<&'static str> {
    Signal::derive(move || pick(texts.get()))
}
