//! The DevTools-style tables of the details tabs: the header row they share (cookies,
//! local storage, requests, sessions, the tour's side-by-side meters) and the titled
//! frame of the ones with a heading.

use crate::ui::i18n::Pick;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// One column heading: a text of the page (follows the language) or a fixed word
/// (a header name such as `HttpOnly`, the same in every language).
#[derive(Clone, Copy)]
pub enum Col {
    /// A text of the page: `Col::Text(|t| t.col_name)`.
    Text(Pick),
    /// The same in every language.
    Fixed(&'static str),
}

/// The `<thead>` of a table with the given columns.
#[component]
pub fn TableHead(
    /// The columns, left to right.
    cols: &'static [Col],
) -> impl IntoView {
    let app = use_app();
    view! {
        <thead>
            <tr>
                {cols
                    .iter()
                    .map(|col| match *col {
                        Col::Text(pick) => view! { <th>{app.tr(pick)}</th> }.into_any(),
                        Col::Fixed(word) => view! { <th>{word}</th> }.into_any(),
                    })
                    .collect_view()}
            </tr>
        </thead>
    }
}

/// A titled DevTools-style table (cookies, local storage, requests), with a note under
/// it while it has no rows.
#[component]
pub fn DevToolsTable(
    /// The section's class: `devtools` or `request-list`.
    class: &'static str,
    /// The heading's id (the section is labelled by it).
    id: &'static str,
    /// The heading; also names the scrollable region.
    title: Pick,
    /// The columns.
    cols: &'static [Col],
    /// Draws the rows.
    rows: fn() -> AnyView,
    /// What to say while there are no rows, and whether there are none.
    #[prop(optional)]
    empty: Option<(Pick, Signal<bool>)>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <section class=class aria-labelledby=id>
            <h3 id=id>{app.tr(title)}</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-label=app.tr(title)>
                <table class="dt">
                    <TableHead cols />
                    <tbody>{rows()}</tbody>
                </table>
            </div>
            {empty.map(|(text, none)| {
                view! {
                    <Show when=move || none.get()>
                        <p class="empty">{app.tr(text)}</p>
                    </Show>
                }
            })}
        </section>
    }
}
