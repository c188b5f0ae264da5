//! The browser's storage the way DevTools lists it (Application › Cookies, Local
//! Storage), with what the browser noted about the last response (a cookie stored or
//! refused, what the page script did). A details tab, drawn by the engine.

use crate::sim::clock::countdown;
use crate::sim::cookie_jar::SameSite;
use crate::ui::engine::views::table::{Col, DevToolsTable};
use crate::ui::i18n::notes::Said;
use crate::ui::i18n::Lang;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The cookie table's columns, as DevTools names them.
const COOKIE_COLS: &[Col] = &[
    Col::Text(|t| t.col_name),
    Col::Text(|t| t.col_value),
    Col::Text(|t| t.col_domain),
    Col::Text(|t| t.col_path),
    Col::Text(|t| t.col_expires_max_age),
    Col::Text(|t| t.col_size),
    Col::Fixed("HttpOnly"),
    Col::Fixed("Secure"),
    Col::Fixed("SameSite"),
];

/// The local-storage table's columns.
const STORAGE_COLS: &[Col] = &[Col::Text(|t| t.col_key), Col::Text(|t| t.col_value)];

/// The browser tab: cookies, local storage, the browser's notes.
#[component]
pub fn BrowserDetails() -> impl IntoView {
    let app = use_app();
    let no_cookies = Signal::derive(move || app.world.with(|w| w.browser.jar.is_empty()));
    let no_storage = Signal::derive(move || app.world.with(|w| w.browser.local_storage.is_empty()));
    view! {
        <DevToolsTable
            class="devtools"
            id="cookies-title"
            title=|t| t.cookies
            cols=COOKIE_COLS
            rows=cookie_rows
            empty=(|t| t.no_cookies, no_cookies)
        />
        <DevToolsTable
            class="devtools"
            id="storage-title"
            title=|t| t.local_storage
            cols=STORAGE_COLS
            rows=storage_rows
            empty=(|t| t.no_storage, no_storage)
        />
        <ul class="browser-notes" aria-live="polite">
            {move || {
                app.world
                    .with(|w| w.browser.notes.iter().map(|n| view! { <li>{app.say(Said::Note(n))}</li> }).collect_view())
            }}
        </ul>
    }
}

/// The cookie rows.
fn cookie_rows() -> AnyView {
    let app = use_app();
    let rows = move || {
        app.world.with(|w| {
            let now = w.now();
            w.browser
                .jar
                .iter()
                .map(|c| {
                    let expires = match c.max_age_left(now) {
                        Some(left) => countdown(left),
                        None => "Session".to_string(),
                    };
                    (c.clone(), expires)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <For
            each=rows
            key=|(c, exp)| (c.name.clone(), c.domain.clone(), c.path.clone(), c.value.clone(), exp.clone())
            let:row
        >
            {
                let (c, expires) = row;
                let same_site_attr = c.same_site.to_string();
                let same_site = move || match (c.same_site, app.lang.get()) {
                    (SameSite::Unset, Lang::Ko) => "(없음: Chrome·Edge는 Lax로 다뤄요)".to_string(),
                    (s, _) => s.to_string(),
                };
                view! {
                    <tr
                        class="flash"
                        data-testid="cookie-row"
                        data-name=c.name.clone()
                        data-http-only=c.http_only.to_string()
                        data-secure=c.secure.to_string()
                        data-same-site=same_site_attr
                    >
                        <td class="mono">{c.name.clone()}</td>
                        <td class="mono value" title=c.value.clone()>{c.value.clone()}</td>
                        <td>{c.domain.clone()}</td>
                        <td class="mono">{c.path.clone()}</td>
                        <td class="mono">{expires}</td>
                        <td>{c.size()}</td>
                        <td>{if c.http_only { "✓" } else { "" }}</td>
                        <td>{if c.secure { "✓" } else { "" }}</td>
                        <td>{same_site}</td>
                    </tr>
                }
            }
        </For>
    }
    .into_any()
}

/// The localStorage rows.
fn storage_rows() -> AnyView {
    let app = use_app();
    let rows = move || {
        app.world.with(|w| w.browser.local_storage.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>())
    };
    view! {
        <For each=rows key=|kv| kv.clone() let:kv>
            <tr class="flash" data-testid="storage-row" data-key=kv.0.clone()>
                <td class="mono">{kv.0.clone()}</td>
                <td class="mono value" title=kv.1.clone()>{kv.1.clone()}</td>
            </tr>
        </For>
    }
    .into_any()
}
