//! The header row shared by the page's DevTools-style tables (cookies, local storage,
//! requests, sessions, the tour's side-by-side meters).

use crate::ui::i18n::Texts;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// One column heading: a text of the page (follows the language) or a fixed word
/// (a header name such as `HttpOnly`, the same in every language).
#[derive(Clone, Copy)]
pub enum Col {
    /// A text of the page: `Col::Text(|t| t.col_name)`.
    Text(fn(&'static Texts) -> &'static str),
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
