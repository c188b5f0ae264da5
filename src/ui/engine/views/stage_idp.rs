//! auth.example on the stage, beside the balancer (the browser talks to either): its
//! own sessions (the `idp_sid` cookie's), the codes it issued and how many were redeemed.
//! Drawn by the engine, once the world has an identity provider (a login with it).

use crate::ui::format::group;
use crate::ui::i18n::Lang;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The identity provider's box (nothing before the world has one).
#[component]
pub fn IdpActor() -> impl IntoView {
    let app = use_app();
    let figures = move || {
        app.world.with(|w| {
            w.idp.as_ref().map(|idp| {
                let codes = idp.grants.len();
                let used = idp.grants.values().filter(|g| g.used).count();
                (idp.sessions.len(), codes, used)
            })
        })
    };
    move || {
        figures().map(|(sessions, codes, used)| {
            let line = match app.lang.get() {
                Lang::Ko => format!(
                    "세션 {}개 · 인가 코드 {}개(교환 {}개)",
                    group(sessions as u64),
                    group(codes as u64),
                    group(used as u64)
                ),
                Lang::En => format!(
                    "{} session{} · {} code{} ({} redeemed)",
                    group(sessions as u64),
                    if sessions == 1 { "" } else { "s" },
                    group(codes as u64),
                    if codes == 1 { "" } else { "s" },
                    group(used as u64)
                ),
            };
            view! {
                <div class="actor actor-idp" data-testid="stage-actor" data-actor="idp" data-actor-id="idp">
                    <h3 class="actor-name">
                        <span aria-hidden="true">"🪪 "</span>
                        "auth."
                        <wbr />
                        "example"
                    </h3>
                    <p class="actor-line" data-testid="stage-idp-line">{line}</p>
                </div>
            }
        })
    }
}
