//! The stage: the story in one picture. The actors, left to right (top to bottom on a
//! narrow stage, by a CSS container query) — the reader's browser (with the attacker
//! and evil.example under it when they matter), the load balancer, the servers and the
//! database they share, the shared session store — each showing its own state small,
//! and the running meters under them. What it changes appears on an actor as the
//! messages to it land: until then the actor shows the world as it was before the
//! action (`AppState::stage_before`).
//!
//! The lines and the messages on them, and the caption, are drawn by the engine
//! (`Part::StageOverlay`, `Part::StageCaption`): there are messages only once it ran.
//! Everything is drawn from the world and its hops; nothing is copied.

pub mod model;

use self::model::{Sessions, StageModel};
use crate::sim::browser::PageView;
use crate::sim::clock::time_of_day;
use crate::sim::config::{AuthMode, LbPolicy};
use crate::sim::cookie_jar::SameSite;
use crate::sim::hop::Actor;
use crate::ui::format::{group, human_bytes};
use crate::ui::i18n::fill;
use crate::ui::i18n::notes::Said;
use crate::ui::part::Part;
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;

/// The stage.
#[component]
pub fn Stage() -> impl IntoView {
    let app = use_app();
    let model = Memo::new(move |_| app.world.with(StageModel::of));
    // An actor shows the world as it was before the current action until every
    // message to it has landed.
    let settled =
        move |id: &str| app.seq.with(|s| s.hops.iter().enumerate().all(|(i, h)| h.to.id() != id || i < s.landed));
    let seen = move |id: &'static str| {
        Memo::new(move |_| {
            if settled(id) {
                model.get()
            } else {
                app.stage_before.with(|b| b.clone()).unwrap_or_else(|| model.get())
            }
        })
    };
    let browser_m = seen("browser");
    let attacker_m = seen("attacker");
    let balancer_m = seen("balancer");
    let store_m = seen("store");
    // evil.example is on the stage while the request it started is the last one.
    let evil = Memo::new(move |_| app.world.with(|w| w.last_exchange().is_some_and(|e| e.from_evil())));
    let attacker_on = Memo::new(move |_| {
        model.with(|m| m.attacker.is_some())
            || app.seq.with(|s| s.hops.iter().any(|h| h.from == Actor::Attacker || h.to == Actor::Attacker))
    });
    let servers = Memo::new(move |_| model.with(|m| m.servers.len()));
    let store_on = Memo::new(move |_| model.with(|m| m.shared.is_some()));

    view! {
        <figure class="stage" data-testid="stage" aria-labelledby="stage-title">
            <figcaption class="stage-head">
                <h2 id="stage-title">{app.tr(|t| t.stage_title)}</h2>
                <StageClock />
            </figcaption>
            <div class="stage-grid">
                <div class="stage-col col-client">
                    <BrowserActor m=browser_m />
                    <Show when=move || evil.get()>
                        <div class="actor actor-evil" data-testid="stage-actor" data-actor="evil" data-actor-id="evil">
                            <h3 class="actor-name">"evil.example"</h3>
                            <p class="actor-line">{app.tr(|t| t.evil_form)}</p>
                        </div>
                    </Show>
                    <Show when=move || attacker_on.get()>
                        <AttackerActor m=attacker_m />
                    </Show>
                </div>
                <div class="stage-gap gap-wide"></div>
                <div class="stage-col col-lb">
                    <BalancerActor m=balancer_m />
                    // auth.example, a peer of the balancer for the browser (drawn by the
                    // engine: it is there once the engine has run a login with it).
                    {move || app.engine_part(Part::StageIdp)}
                </div>
                <div class="stage-gap"></div>
                <div class="stage-col col-servers">
                    <For each=move || 0..servers.get() key=|i| *i let:i>
                        <ServerActor index=i m=seen(Actor::Server(i as u8).id()) />
                    </For>
                    <DbActor m=model />
                </div>
                <Show when=move || store_on.get()>
                    <div class="stage-gap"></div>
                    <div class="stage-col col-store">
                        <StoreActor m=store_m />
                    </div>
                </Show>
                // The lines between the actors and the messages on them (drawn by the
                // engine: there are messages only once it has run an action).
                {move || app.engine_part(Part::StageOverlay)}
            </div>
            <StageMeters />
            {move || {
                app.engine_part(Part::StageCaption)
                    .unwrap_or_else(|| view! { <p class="stage-caption">{app.t().stage_idle}</p> }.into_any())
            }}
        </figure>
    }
}

/// The virtual clock, on the stage.
#[component]
fn StageClock() -> impl IntoView {
    let app = use_app();
    let now = move || app.world.with(|w| w.now());
    view! {
        <time class="stage-clock mono" data-testid="stage-clock" data-value=move || now().to_string()>
            <span aria-hidden="true">"🕘 "</span>
            {move || time_of_day(now(), 540)}
            " KST"
        </time>
    }
}

/// The running meters, small, under the picture.
#[component]
fn StageMeters() -> impl IntoView {
    let app = use_app();
    let m = move || app.world.with(|w| w.meters);
    let item = move |id: &'static str, label: crate::ui::i18n::Pick, value: Signal<String>| {
        view! {
            <span class="stage-meter" data-testid="stage-meter" data-meter=id>
                <span class="stage-meter-label">{app.tr(label)}</span>
                " "
                <strong>{move || value.get()}</strong>
            </span>
        }
    };
    view! {
        <p class="stage-meters">
            {item("meter-credential-bytes", |t| t.stage_meter_credential, Signal::derive(move || human_bytes(m().all_credential_bytes())))}
            {item("meter-total-bytes", |t| t.stage_meter_total, Signal::derive(move || human_bytes(m().all_bytes())))}
            {item("meter-store-bytes", |t| t.stage_meter_store, Signal::derive(move || human_bytes(app.world.with(|w| w.store_bytes() as u64))))}
            {item("meter-lookups", |t| t.lookups, Signal::derive(move || m().lookups.to_string()))}
            {item("meter-verifications", |t| t.verifications, Signal::derive(move || m().verifications.to_string()))}
        </p>
    }
}

/// A cookie's SameSite policy, short: `Strict`, `Lax`, `None`, or `Lax*` when the
/// cookie did not say (browsers that default to Lax treat it so).
fn same_site(s: SameSite) -> &'static str {
    match s {
        SameSite::Strict => "Strict",
        SameSite::Lax => "Lax",
        SameSite::None => "None",
        SameSite::Unset => "Lax*",
    }
}

/// What the simulated page shows, in words.
fn page_text(app: AppState, page: &PageView) -> String {
    let t = app.t();
    match page {
        PageView::LoginForm => t.page_login.to_string(),
        PageView::SignedIn { user, role } => format!("{} {user} ({role})", t.page_signed_in),
        PageView::Admin { user } => format!("{} — {user}", t.page_admin),
        PageView::Fare { to, fare } => fill(t.page_fare, &[("to", to), ("fare", &group(*fare))]),
        PageView::Bought { count, to, total } => {
            fill(t.page_bought, &[("to", to), ("count", &group(*count)), ("total", &group(*total))])
        }
        PageView::Refreshed => t.page_refreshed.to_string(),
        PageView::Transferred { to, miles, left } => {
            fill(t.page_transferred, &[("to", to), ("miles", &group(*miles)), ("left", &group(*left))])
        }
        PageView::IdpLogin { .. } => t.page_idp_login.to_string(),
        PageView::Error { status: 0, reason } => reason.as_ref().map(|r| app.say(Said::Note(r))).unwrap_or_default(),
        PageView::Error { status, reason: Some(r) } => format!("{status} — {}", app.say(Said::Note(r))),
        PageView::Error { status, reason: None } => status.to_string(),
    }
}

fn page_kind(page: &PageView) -> &'static str {
    match page {
        PageView::LoginForm => "login",
        PageView::SignedIn { .. } => "signed-in",
        PageView::Admin { .. } => "admin",
        PageView::Fare { .. } => "fare",
        PageView::Bought { .. } => "bought",
        PageView::Refreshed => "refreshed",
        PageView::Transferred { .. } => "transferred",
        PageView::IdpLogin { .. } => "idp-login",
        PageView::Error { .. } => "error",
    }
}

/// The reader's browser: the address, what the page shows, the cookie jar and the
/// site's localStorage.
#[component]
fn BrowserActor(m: Memo<StageModel>) -> impl IntoView {
    let app = use_app();
    let b = move || m.with(|m| m.browser.clone());
    let secure = move || m.with(|m| m.browser.secure);
    let origin = move || app.world.with(|w| w.config.origin());
    view! {
        <div class="actor actor-browser" data-testid="stage-actor" data-actor="browser" data-actor-id="browser">
            <h3 class="actor-name">
                <span class="lock" class:insecure=move || !secure() title=move || if secure() { app.t().secure } else { app.t().not_secure }>
                    {move || if secure() { "🔒" } else { "⚠" }}
                </span>
                " "
                <span class="mono">{origin}</span>
            </h3>
            <p
                class="stage-page"
                class:error=move || matches!(b().page, PageView::Error { .. })
                data-testid="page-view"
                data-kind=move || page_kind(&b().page)
                role="status"
                aria-live="polite"
            >
                {move || page_text(app, &b().page)}
            </p>
            <ul class="chips" aria-label=app.tr(|t| t.cookies)>
                <For each=move || b().cookies key=|c| (c.name.clone(), c.value.clone()) let:c>
                    <li
                        class="chip-cookie"
                        data-testid="stage-cookie"
                        data-name=c.name.clone()
                        title=format!("{}={} · SameSite={}", c.name, c.value, c.same_site)
                    >
                        <span aria-hidden="true">"🍪 "</span>
                        <span class="mono">{format!("{}={}", c.name, c.value)}</span>
                        {c.http_only.then(|| view! { <abbr class="flag" title="HttpOnly">"H"</abbr> })}
                        {c.secure.then(|| view! { <abbr class="flag" title="Secure">"S"</abbr> })}
                        <span class="flag">{same_site(c.same_site)}</span>
                    </li>
                </For>
                <Show when=move || b().cookies.is_empty()>
                    <li class="none">{app.tr(|t| t.no_cookies_short)}</li>
                </Show>
            </ul>
            <Show when=move || b().memory.is_some()>
                <p class="chip-storage" data-testid="stage-memory" title=app.tr(|t| t.page_memory)>
                    <span aria-hidden="true">"🧠 "</span>
                    <span class="mono">{move || format!("access_token = {}", b().memory.unwrap_or_default())}</span>
                </p>
            </Show>
            <Show when=move || !b().storage.is_empty()>
                <ul class="chips" aria-label=app.tr(|t| t.local_storage)>
                    <For each=move || b().storage key=|kv| kv.clone() let:kv>
                        <li class="chip-storage" data-testid="stage-storage" data-key=kv.0.clone()>
                            <span aria-hidden="true">"📦 "</span>
                            <span class="mono">{format!("{} = {}", kv.0, kv.1)}</span>
                        </li>
                    </For>
                </ul>
            </Show>
            <Show when=move || b().has_token>
                <div class="stage-token" data-testid="stage-token">{move || app.engine_part(Part::TokenClaims)}</div>
            </Show>
        </div>
    }
}

/// The attacker's own browser: what they stole, and what their replay got.
#[component]
fn AttackerActor(m: Memo<StageModel>) -> impl IntoView {
    let app = use_app();
    let a = move || m.with(|m| m.attacker.clone());
    view! {
        <div class="actor actor-attacker" data-testid="stage-actor" data-actor="attacker" data-actor-id="attacker">
            <h3 class="actor-name"><span aria-hidden="true">"😈 "</span>{app.tr(|t| t.attacker)}</h3>
            <ul class="chips" aria-label=app.tr(|t| t.loot)>
                {move || {
                    let loot = a().map(|a| a.loot).unwrap_or_default();
                    if loot.is_empty() {
                        view! { <li class="none">{app.t().nothing}</li> }.into_any()
                    } else {
                        loot.into_iter()
                            .map(|l| view! { <li class="chip-loot mono">{app.say(Said::Credential(&l))}</li> })
                            .collect_view()
                            .into_any()
                    }
                }}
            </ul>
            {move || {
                a().and_then(|a| a.replay)
                    .map(|s| {
                        view! {
                            <p class="actor-line" class:pwned=s == 200>
                                {app.t().replay_result} " " <strong>{s}</strong>
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The load balancer: its policy and where it sent the last request.
#[component]
fn BalancerActor(m: Memo<StageModel>) -> impl IntoView {
    let app = use_app();
    let policy = move || {
        let t = app.t();
        match m.with(|m| m.lb) {
            LbPolicy::RoundRobin => t.lb_round_robin,
            LbPolicy::Random => t.lb_random,
            LbPolicy::Sticky => t.lb_sticky,
        }
    };
    view! {
        <div class="actor actor-balancer" data-testid="stage-actor" data-actor="balancer" data-actor-id="balancer">
            <h3 class="actor-name">{app.tr(|t| t.lane_balancer)}</h3>
            <p class="actor-line">{policy}</p>
            {move || m.with(|m| m.routed).map(|s| view! { <p class="actor-line mono">"→ " {Actor::Server(s).id()}</p> })}
        </div>
    }
}

/// A session table, small: how many rows and bytes, and a chip or two.
#[component]
fn SessionsBlock(s: Signal<Sessions>) -> impl IntoView {
    let app = use_app();
    let count = move || {
        let (n, bytes) = s.with(|s| (s.count, s.bytes));
        fill(app.t().stage_sessions, &[("n", &group(n as u64)), ("bytes", &human_bytes(bytes as u64))])
    };
    view! {
        <div class="stage-sessions" data-testid="stage-sessions">
            <p class="actor-line">{count}</p>
            <ul class="chips">
                {move || {
                    s.with(|s| {
                        let more = s.count.saturating_sub(s.chips.len());
                        let chips = s
                            .chips
                            .iter()
                            .map(|c| {
                                view! {
                                    <li class="chip-session" class:yours=c.yours data-testid="stage-session">
                                        <span class="mono">{c.sid.clone()}</span>
                                        " → "
                                        {c.user.clone().unwrap_or_else(|| "—".into())}
                                    </li>
                                }
                            })
                            .collect_view();
                        let more = (more > 0).then(|| view! { <li class="more">{format!("+{}", group(more as u64))}</li> });
                        (chips, more)
                    })
                }}
            </ul>
        </div>
    }
}

/// One server: its sessions (session mode) and its signing key (token mode).
#[component]
fn ServerActor(index: usize, m: Memo<StageModel>) -> impl IntoView {
    let app = use_app();
    let letter = Actor::Server(index as u8).id();
    let sessions =
        Signal::derive(move || m.with(|m| m.servers.get(index).map(|s| s.sessions.clone()).unwrap_or_default()));
    let mode = move || m.with(|m| m.mode);
    let kid = move || m.with(|m| m.servers.get(index).map(|s| s.kid.clone()).unwrap_or_default());
    view! {
        <div class="actor actor-server" data-testid="stage-actor" data-actor="server" data-server=letter data-actor-id=letter>
            <h3 class="actor-name">{app.tr(|t| t.server)} " " {letter}</h3>
            <Show when=move || mode() == AuthMode::Session && m.with(|m| m.shared.is_none())>
                <SessionsBlock s=sessions />
            </Show>
            <Show when=move || mode() == AuthMode::Token>
                <p class="actor-line"><span aria-hidden="true">"🔑 "</span>{app.tr(|t| t.signing_key)} " " <span class="mono">{kid}</span></p>
            </Show>
        </div>
    }
}

/// The shared session store.
#[component]
fn StoreActor(m: Memo<StageModel>) -> impl IntoView {
    let app = use_app();
    let sessions = Signal::derive(move || m.with(|m| m.shared.clone().unwrap_or_default()));
    view! {
        <div class="actor actor-store" data-testid="stage-actor" data-actor="store" data-actor-id="store">
            <h3 class="actor-name">{app.tr(|t| t.lane_store)}</h3>
            <SessionsBlock s=sessions />
        </div>
    }
}

/// The database every server reads: users with hashed passwords; in token mode the
/// refresh-token rows and the denylist.
#[component]
fn DbActor(m: Memo<StageModel>) -> impl IntoView {
    let app = use_app();
    let token = move || m.with(|m| m.mode == AuthMode::Token);
    view! {
        <div class="actor actor-db" data-testid="stage-actor" data-actor="db" data-actor-id="db">
            <h3 class="actor-name">{app.tr(|t| t.db_title)}</h3>
            <ul class="chips" data-testid="stage-users" aria-label=app.tr(|t| t.user_table)>
                {move || {
                    m.with(|m| {
                        m.db.users
                            .iter()
                            .map(|(u, h)| view! { <li class="chip-user"><span>{u.clone()}</span> " " <span class="mono dim">{h.clone()}</span></li> })
                            .collect_view()
                    })
                }}
            </ul>
            <Show when=token>
                <p class="actor-line" data-testid="stage-refresh-rows">
                    {move || {
                        let (n, d) = m.with(|m| (m.db.refresh, m.db.denied));
                        fill(app.t().stage_refresh_rows, &[("n", &group(n as u64)), ("d", &group(d as u64))])
                    }}
                </p>
            </Show>
        </div>
    }
}
