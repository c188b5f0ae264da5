//! The servers tab: the balancer card, a card per server (users, sessions, signing
//! key, counters, log) and the shared store card.

use crate::sim::clock::countdown;
use crate::sim::config::{AuthMode, LbPolicy, StoreMode};
use crate::sim::hop::{abbreviate, server_letter};
use crate::sim::session::Session;
use crate::sim::Action;
use crate::ui::engine::views::table::{Col, TableHead};
use crate::ui::format::group;
use crate::ui::i18n::fill;
use crate::ui::i18n::notes::Said;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// A session table's columns (the last one holds the revoke buttons).
const SESSION_COLS: &[Col] = &[
    Col::Fixed("sid"),
    Col::Text(|t| t.col_user),
    Col::Text(|t| t.col_expires),
    Col::Text(|t| t.col_bytes),
    Col::Fixed(""),
];

/// Sessions shown per table before "and N more".
const SHOWN_SESSIONS: usize = 8;

/// The servers tab.
#[component]
pub fn ServersDetails() -> impl IntoView {
    let app = use_app();
    let count = move || app.world.with(|w| w.servers.len() as u8);
    view! {
        <BalancerCard />
        <div class="server-grid">
            <For each=move || 0..count() key=|i| *i let:i>
                <ServerCard index=i />
            </For>
        </div>
        <Show when=move || app.world.with(|w| w.config.store == StoreMode::Shared)>
            <SharedStoreCard />
        </Show>
    }
}

#[component]
fn BalancerCard() -> impl IntoView {
    let app = use_app();
    let policy = move || {
        let t = app.t();
        match app.world.with(|w| w.config.lb) {
            LbPolicy::RoundRobin => t.lb_round_robin,
            LbPolicy::Random => t.lb_random,
            LbPolicy::Sticky => t.lb_sticky,
        }
    };
    let routed = move || {
        app.world.with(|w| {
            w.balancer
                .routed
                .iter()
                .rev()
                .take(8)
                .map(|(ex, s)| format!("#{ex}→{}", server_letter(*s)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <article class="card balancer-card" data-testid="balancer-card">
            <h3>{app.tr(|t| t.balancer)} ": " {policy}</h3>
            <p class="routes mono">{move || routed().join("  ")}</p>
        </article>
    }
}

/// A table of session rows with expiry countdowns and a revoke button each.
#[component]
fn SessionRows(
    /// The sessions to list (already ordered).
    sessions: Signal<Vec<Session>>,
    /// How many there are in all.
    total: Signal<usize>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <table class="dt sessions">
            <TableHead cols=SESSION_COLS />
            <tbody>
                {session_rows(sessions)}
            </tbody>
        </table>
        <Show when=move || { total.get() > SHOWN_SESSIONS }>
            <p class="more">
                {move || fill(app.t().more_sessions, &[("n", &group((total.get() - SHOWN_SESSIONS) as u64))])}
            </p>
        </Show>
    }
}

/// The session rows of a table.
fn session_rows(sessions: Signal<Vec<Session>>) -> AnyView {
    let app = use_app();
    let now = move || app.world.with(|w| w.now());
    view! {
        <For each=move || sessions.get() key=|s| (s.sid.clone(), s.last_seen, s.user.clone()) let:s>
            {
                let sid = s.sid.clone();
                let expires = s.expires();
                // The accessible name starts with the visible word, then says which session.
                let short = abbreviate(&sid);
                let revoke_label = move || format!("{} {short}", app.t().revoke);
                view! {
                    <tr
                        class="flash"
                        data-testid="session-row"
                        data-sid=s.sid.clone()
                        data-user=s.user.clone().unwrap_or_default()
                    >
                        <td class="mono" title=s.sid.clone()>{abbreviate(&s.sid)}</td>
                        <td>{s.user.clone().unwrap_or_else(|| "—".into())}</td>
                        <td class="mono">{move || countdown(expires - now())}</td>
                        <td>{s.bytes()}</td>
                        <td>
                            <button
                                type="button"
                                class="chip danger small"
                                data-testid="revoke-session"
                                aria-label=revoke_label
                                on:click=move |_| app.dispatch(Action::RevokeSession { sid: sid.clone() })
                            >
                                {app.tr(|t| t.revoke)}
                            </button>
                        </td>
                    </tr>
                }
            }
        </For>
    }
    .into_any()
}

#[component]
fn ServerCard(
    /// 0 = A … 3 = D.
    index: u8,
) -> impl IntoView {
    let app = use_app();
    let i = index as usize;
    let letter = server_letter(index);
    let with_server = move |f: &dyn Fn(&crate::sim::server::Server) -> String| {
        app.world.with(|w| w.servers.get(i).map(f).unwrap_or_default())
    };
    let mode = move || app.world.with(|w| w.config.mode);
    let memory_used = move || app.world.with(|w| w.config.store != StoreMode::Shared);
    let sessions = Signal::derive(move || {
        app.world.with(|w| {
            w.servers
                .get(i)
                .map(|s| s.memory.by_age().into_iter().rev().take(SHOWN_SESSIONS).cloned().collect())
                .unwrap_or_default()
        })
    });
    let total = Signal::derive(move || app.world.with(|w| w.servers.get(i).map_or(0, |s| s.memory.len())));
    let users = move || {
        app.world.with(|w| {
            w.db.users.users().iter().map(|u| (u.name.clone(), u.role.id(), u.hash.to_string())).collect::<Vec<_>>()
        })
    };
    view! {
        <article class="card server-card" data-testid="server-card" data-server=letter>
            <header class="card-head">
                <h3>{app.tr(|t| t.server)} " " {letter}</h3>
                <button
                    type="button"
                    class="chip small"
                    data-testid="server-restart"
                    on:click=move |_| app.dispatch(Action::RestartServer(index))
                >
                    {app.tr(|t| t.restart)}
                </button>
            </header>
            <p class="counters">
                <span>{app.tr(|t| t.col_requests)} ": " {move || with_server(&|s| s.counters.requests.to_string())}</span>
                <span>{app.tr(|t| t.lookups)} ": " {move || with_server(&|s| s.counters.lookups.to_string())}</span>
                <span>
                    {app.tr(|t| t.verifications)} ": " {move || with_server(&|s| s.counters.verifications.to_string())}
                </span>
            </p>
            <details class="users">
                <summary>{app.tr(|t| t.user_table)}</summary>
                <table class="dt">
                    <tbody>
                        {move || {
                            users()
                                .into_iter()
                                .map(|(name, role, hash)| {
                                    let user_attr = name.clone();
                                    let hash_title = hash.clone();
                                    view! {
                                        <tr data-testid="user-row" data-user=user_attr>
                                            <td>{name}</td>
                                            <td>{role}</td>
                                            <td class="mono value" title=hash_title>{hash}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </details>
            <Show when=memory_used>
                <h4>{app.tr(|t| t.sessions_in_memory)} " (" {move || total.get()} ", "
                    {move || with_server(&|s| s.memory.bytes().to_string())} " B)"
                </h4>
                <SessionRows sessions total />
            </Show>
            <div class="key" class:dim=move || mode() != AuthMode::Token>
                <span>{app.tr(|t| t.signing_key)} " "</span>
                <code data-testid="jwt-secret" title=app.tr(|t| t.demo_secret)>
                    {move || with_server(&|s| format!("{} · {}", s.keys.current.kid, String::from_utf8_lossy(&s.keys.current.secret)))}
                </code>
                <span class="demo-badge">{app.tr(|t| t.demo_value)}</span>
                <button
                    type="button"
                    class="chip small"
                    data-testid="rotate-secret"
                    on:click=move |_| app.dispatch(Action::RotateKey { server: Some(index), graceful: false })
                >
                    {app.tr(|t| t.rotate)}
                </button>
            </div>
            <ol class="server-log mono">
                {move || {
                    app.world
                        .with(|w| {
                            w.servers.get(i).map_or_else(Vec::new, |s| s.log.iter().rev().take(4).map(|l| app.say(Said::Log(l))).collect())
                        })
                        .into_iter()
                        .map(|l| view! { <li>{l}</li> })
                        .collect_view()
                }}
            </ol>
        </article>
    }
}

#[component]
fn SharedStoreCard() -> impl IntoView {
    let app = use_app();
    let sessions = Signal::derive(move || {
        app.world.with(|w| w.shared.by_age().into_iter().rev().take(SHOWN_SESSIONS).cloned().collect())
    });
    let total = Signal::derive(move || app.world.with(|w| w.shared.len()));
    view! {
        <article class="card store-card" data-testid="shared-store">
            <h3>{app.tr(|t| t.shared_store)} " (" {move || total.get()} ", " {move || app.world.with(|w| w.shared.bytes())} " B)"</h3>
            <SessionRows sessions total />
        </article>
    }
}
