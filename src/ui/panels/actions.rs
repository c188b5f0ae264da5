//! What the reader's browser can do, under the stage: the site's login form and the
//! requests its page can send (and the forged one from evil.example).

use crate::sim::config::AuthMode;
use crate::sim::Action;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The login form and the request buttons; `collapsed` (an embed) starts them folded
/// behind one button.
#[component]
pub fn Actions(
    /// Starts folded.
    collapsed: bool,
) -> impl IntoView {
    let app = use_app();
    let open = RwSignal::new(!collapsed);
    view! {
        <section class="actions" class:open=open aria-label=app.tr(|t| t.actions)>
            {collapsed
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="chip actions-toggle"
                            data-testid="open-actions"
                            aria-expanded=move || open.get().to_string()
                            aria-controls="actions-body"
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            {app.tr(|t| t.try_it)}
                        </button>
                    }
                })}
            <div class="actions-body" id="actions-body" hidden=move || !open.get()>
                <LoginForm />
                <RequestButtons />
            </div>
        </section>
    }
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
            <button
                type="button"
                class="chip"
                data-testid="login-idp"
                on:click=move |_| {
                    app.dispatch(Action::LoginIdp {
                        username: username.get_untracked(),
                        password: password.get_untracked(),
                    })
                }
            >
                {app.tr(|t| t.log_in_idp)}
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
            <button type="button" class="req" data-testid="browser-reload" on:click=move |_| app.dispatch(Action::Reload)>
                <span aria-hidden="true">"⟳ "</span>
                {app.tr(|t| t.reload)}
            </button>
            <button type="button" class="req evil" data-testid="req-cross-site" on:click=move |_| app.dispatch(Action::CrossSite)>
                <span class="mono">"evil.example → POST /miles/transfer"</span>
            </button>
        </div>
    }
}
