//! The browser panel: the mini page the site shows, the request buttons, and the
//! storage the way DevTools lists it (Cookies, Local Storage).

use crate::sim::browser::PageView;
use crate::sim::clock::countdown;
use crate::sim::config::AuthMode;
use crate::sim::Action;
use crate::ui::engine::Part;
use crate::ui::panels::table::{Col, DevToolsTable};
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

/// The whole browser panel.
#[component]
pub fn BrowserPanel() -> impl IntoView {
    let app = use_app();
    let no_cookies = Signal::derive(move || app.world.with(|w| w.browser.jar.is_empty()));
    let no_storage = Signal::derive(move || app.world.with(|w| w.browser.local_storage.is_empty()));
    view! {
        <div class="browser-chrome">
            <AddressBar />
            <MiniPage />
            <LoginForm />
            <RequestButtons />
        </div>
        // the cookie jar, as DevTools' Application › Cookies shows it
        <DevToolsTable
            class="devtools"
            id="cookies-title"
            title=|t| t.cookies
            cols=COOKIE_COLS
            rows=Part::CookieRows
            empty=(|t| t.no_cookies, no_cookies)
        />
        // the site's localStorage
        <DevToolsTable
            class="devtools"
            id="storage-title"
            title=|t| t.local_storage
            cols=STORAGE_COLS
            rows=Part::StorageRows
            empty=(|t| t.no_storage, no_storage)
        />
    }
}

#[component]
fn AddressBar() -> impl IntoView {
    let app = use_app();
    let origin = move || app.world.with(|w| w.config.origin());
    let insecure = move || origin().starts_with("http:");
    view! {
        <div class="address-bar mono" class:insecure=insecure>
            <span class="badge">{move || if insecure() { app.t().not_secure } else { app.t().secure }}</span>
            {origin}
            "/"
        </div>
    }
}

/// What the simulated page shows now.
#[component]
fn MiniPage() -> impl IntoView {
    let app = use_app();
    let page = move || app.world.with(|w| w.browser.page.clone());
    let kind = move || match page() {
        PageView::LoginForm => "login",
        PageView::SignedIn { .. } => "signed-in",
        PageView::Admin { .. } => "admin",
        PageView::Fare { .. } => "fare",
        PageView::Bought { .. } => "bought",
        PageView::Refreshed => "refreshed",
        PageView::Error { .. } => "error",
    };
    let text = move || {
        let t = app.t();
        match page() {
            PageView::LoginForm => t.page_login.to_string(),
            PageView::SignedIn { user, role } => format!("{} {user} ({role})", t.page_signed_in),
            PageView::Admin { user } => format!("{} — {user}", t.page_admin),
            PageView::Fare { to, fare } => format!("{} {to}: {} {}", t.page_fare, group(fare), t.won),
            PageView::Bought { count, to, total } => {
                format!("{} {to} × {count} = {} {}", t.page_bought, group(total), t.won)
            }
            PageView::Refreshed => t.page_refreshed.to_string(),
            PageView::Error { status: 0, message } => app.note(&message),
            PageView::Error { status, message } => format!("{status} — {}", app.note(&message)),
        }
    };
    view! {
        <div class="mini-page" data-testid="page-view" data-kind=kind role="status" aria-live="polite">
            {text}
        </div>
    }
}

/// 1234567 → "1,234,567".
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[component]
fn LoginForm() -> impl IntoView {
    let app = use_app();
    let username = RwSignal::new(String::from("alice"));
    let password = RwSignal::new(String::from("wonderland"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        app.dispatch(Action::Login { username: username.get_untracked(), password: password.get_untracked() });
    };
    // Uncontrolled inputs: the initial text is the `value` attribute, typing updates the
    // signals. (A bound `value` property would be written after mount, which makes the
    // browser lay the page out synchronously during start-up.)
    view! {
        <form class="login-form" on:submit=submit>
            <label>
                <span>{app.tr(|t| t.username)}</span>
                <input
                    data-testid="login-username"
                    autocomplete="off"
                    value=username.get_untracked()
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
            </label>
            <label>
                <span>{app.tr(|t| t.password)}</span>
                <input
                    data-testid="login-password"
                    type="password"
                    autocomplete="off"
                    value=password.get_untracked()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </label>
            <button type="submit" class="primary" data-testid="login-submit">
                {app.tr(|t| t.log_in)}
            </button>
            <p class="hint">{app.tr(|t| t.seeded_users)}</p>
        </form>
    }
}

#[component]
fn RequestButtons() -> impl IntoView {
    let app = use_app();
    let token_mode = move || app.world.with(|w| w.config.mode == AuthMode::Token);
    let button = move |testid: &'static str, label: &'static str, action: fn() -> Action| {
        view! {
            <button type="button" class="req" data-testid=testid on:click=move |_| app.dispatch(action())>
                <span class="mono">{label}</span>
            </button>
        }
    };
    view! {
        <div class="request-buttons" role="group" aria-label=app.tr(|t| t.requests)>
            {button("req-mypage", "GET /me", || Action::Me)}
            {button("req-admin", "GET /admin", || Action::Admin)}
            {button("req-flight-quote", "GET /flights?to=jeju", || Action::QuoteFlight { to: "jeju".into() })}
            {button("req-flight-buy", "POST /flights/buy", || Action::BuyFlight { count: 4 })}
            {button("req-logout", "POST /logout", || Action::Logout)}
            <span class:dim=move || !token_mode()>
                {button("req-refresh", "POST /token/refresh", || Action::Refresh)}
            </span>
            <button type="button" class="req evil" data-testid="req-cross-site" on:click=move |_| app.dispatch(Action::CrossSite)>
                <span class="mono">"evil.example → POST /flights/buy"</span>
            </button>
        </div>
        <ul class="browser-notes">
            {move || {
                app.world.with(|w| w.browser.notes.iter().map(|n| view! { <li>{app.note(n)}</li> }).collect_view())
            }}
        </ul>
    }
}

/// The cookie rows (drawn by the engine's module, see `engine.rs`: there are rows only once the
/// engine has changed the world).
pub fn cookie_rows() -> AnyView {
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
                let same_site = c.same_site.to_string();
                let same_site_attr = same_site.clone();
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

/// The localStorage rows (drawn by the engine's module, see `engine.rs`: there are rows only once the
/// engine has changed the world).
pub fn storage_rows() -> AnyView {
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
