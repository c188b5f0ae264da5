//! The claims of the access token the browser keeps, one line on the stage: whose it
//! is, their role, and when it expires (the JWT inspector, in its tab, shows the rest).

use crate::sim::clock::{countdown, time_of_day, SECOND};
use crate::ui::engine::Engine;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// `sub alice · role user · exp 09:15 (14m left)`, or why the token cannot be read.
#[component]
pub fn TokenClaims(
    /// The loaded engine (it decodes the token).
    engine: Engine,
) -> impl IntoView {
    let app = use_app();
    let claims = move || {
        let (token, now) = app.world.with(|w| (w.browser.access_token().cloned(), w.now()));
        let payload = (engine.inspect)(&token?).payload.ok()?;
        let text = |k: &str| payload.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let exp = payload.get("exp").and_then(|v| v.as_i64()).map(|s| s.saturating_mul(SECOND));
        Some((text("sub"), text("role"), exp, now))
    };
    view! {
        {move || {
            claims()
                .map(|(sub, role, exp, now)| {
                    let t = app.t();
                    let exp = exp.map(|at| {
                        let left = if at > now {
                            format!("{} {}", t.expires_in, countdown(at - now))
                        } else {
                            format!("{} {}", t.expired_ago, countdown(now - at))
                        };
                        format!("{} {left}", time_of_day(at, 540))
                    });
                    view! {
                        <span class="claim"><span class="k">"sub"</span> {sub.unwrap_or_default()}</span>
                        <span class="claim"><span class="k">"role"</span> {role.unwrap_or_default()}</span>
                        <span class="claim"><span class="k">"exp"</span> {exp.unwrap_or_default()}</span>
                    }
                })
        }}
    }
}
