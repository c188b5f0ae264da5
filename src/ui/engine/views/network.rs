//! The network tab: a sequence diagram with a lane per actor, the request list as
//! DevTools shows it, and the raw HTTP/1.1 text of the opened request.

use crate::sim::exchange::Exchange;
use crate::sim::hop::{Actor, Hop, HopKind};
use crate::ui::engine::views::table::{Col, DevToolsTable};
use crate::ui::i18n::notes::Said;
use crate::ui::i18n::Texts;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The request list's columns.
const REQUEST_COLS: &[Col] = &[
    Col::Fixed("#"),
    Col::Text(|t| t.col_method),
    Col::Text(|t| t.col_path),
    Col::Text(|t| t.col_status),
    Col::Text(|t| t.col_server),
    Col::Text(|t| t.col_bytes),
    Col::Text(|t| t.col_credential),
];

/// The network tab.
#[component]
pub fn NetworkDetails() -> impl IntoView {
    view! {
        <RequestList />
        <ExchangeDetail />
        <SequenceDiagram />
    }
}

fn lane_name(t: &Texts, a: Actor) -> String {
    match a {
        Actor::Browser => t.panel_browser.into(),
        Actor::Attacker => t.attacker.into(),
        Actor::Balancer => t.lane_balancer.into(),
        Actor::Server(_) => format!("{} {}", t.server, a.id()),
        Actor::Store => t.lane_store.into(),
        Actor::Idp => crate::sim::config::IDP_HOST.into(),
    }
}

/// The lanes a list of hops needs, in a fixed left-to-right order (the browser and the
/// balancer always).
fn lanes(hops: &[Hop]) -> Vec<Actor> {
    let mut all = vec![Actor::Browser, Actor::Attacker, Actor::Balancer];
    all.extend((0..4).map(Actor::Server));
    all.push(Actor::Store);
    all.push(Actor::Idp);
    all.retain(|a| matches!(a, Actor::Browser | Actor::Balancer) || hops.iter().any(|h| h.from == *a || h.to == *a));
    all
}

#[component]
fn SequenceDiagram() -> impl IntoView {
    let app = use_app();
    let lanes_now = Memo::new(move |_| app.seq.with(|s| lanes(&s.hops)));
    let columns = move || format!("grid-template-columns: repeat({}, minmax(0, 1fr))", lanes_now.get().len());
    view! {
        <section class="sequence" aria-labelledby="seq-title">
            <h3 id="seq-title">{app.tr(|t| t.sequence)}</h3>
            <div class="lanes" style=columns>
                {move || {
                    lanes_now
                        .get()
                        .into_iter()
                        .map(|a| view! { <div class=format!("lane lane-{}", a.id())>{lane_name(app.t(), a)}</div> })
                        .collect_view()
                }}
            </div>
            <ol class="hops" style=columns>
                {hop_items()}
            </ol>
            <Show when=move || app.seq.with(|s| s.hops.is_empty())>
                <p class="empty">{app.tr(|t| t.no_hops)}</p>
            </Show>
        </section>
    }
}

/// The hops of the sequence diagram, one arrow each.
fn hop_items() -> AnyView {
    let app = use_app();
    let lanes_now = Memo::new(move |_| app.seq.with(|s| lanes(&s.hops)));
    let shown = move || app.seq.with(|s| s.hops.iter().take(s.shown).cloned().enumerate().collect::<Vec<_>>());
    view! {
        <For each=shown key=|(i, h)| (*i, h.exchange, h.at) let:item>
            {
                let (_, hop) = item;
                let (note, title) = (hop.note.clone(), hop.note.clone());
                let lanes = lanes_now.get_untracked();
                let from = lanes.iter().position(|a| *a == hop.from).unwrap_or(0);
                let to = lanes.iter().position(|a| *a == hop.to).unwrap_or(0);
                let (lo, hi) = (from.min(to), from.max(to));
                let dir = if to >= from { "right" } else { "left" };
                let kind = match hop.kind {
                    HopKind::Request => "request",
                    HopKind::Response => "response",
                    HopKind::StoreCommand | HopKind::StoreReply => "store",
                    HopKind::Leak => "leak",
                };
                view! {
                    <li
                        class=format!("hop hop-{dir} hop-{kind}")
                        data-testid="hop"
                        data-from=hop.from.id()
                        data-to=hop.to.id()
                        style=format!("grid-column: {} / {}", lo + 1, hi + 2)
                        title=move || title.as_ref().map(|n| app.say(Said::Note(n))).unwrap_or_default()
                    >
                        <span class="hop-label mono">{hop.label.to_string()}</span>
                        <span class="hop-bytes">{format!("{} B", hop.bytes)}</span>
                        <span class="hop-arrow" aria-hidden="true"></span>
                        <span class="hop-note">{move || note.as_ref().map(|n| app.say(Said::Note(n))).unwrap_or_default()}</span>
                    </li>
                }
            }
        </For>
    }
    .into_any()
}

/// The requests so far, as DevTools' Network tab lists them.
#[component]
fn RequestList() -> impl IntoView {
    view! {
        <DevToolsTable class="request-list" id="reqs-title" title=|t| t.requests cols=REQUEST_COLS rows=request_rows />
    }
}

/// The request list's rows.
fn request_rows() -> AnyView {
    let app = use_app();
    let rows = move || {
        app.world.with(|w| {
            w.exchanges
                .iter()
                .map(|e| {
                    (
                        e.id,
                        e.actor,
                        e.request.method.to_string(),
                        e.request.path().to_string(),
                        e.response.status.as_u16(),
                        e.handler,
                        e.request.host().to_string(),
                        e.bytes(),
                        e.credential().label(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <For each=rows key=|r| r.0 let:r>
            {
                let (id, actor, method, path, status, handler, host, bytes, cred) = r;
                // A server of the site by its letter; auth.example by its name.
                let letter = match handler {
                    Actor::Server(_) => handler.id(),
                    _ => "",
                };
                let shown = if letter.is_empty() { host.clone() } else { letter.to_string() };
                let failed = status >= 400;
                let (method_attr, path_attr) = (method.clone(), path.clone());
                let by_attacker = actor == Actor::Attacker;
                let open = move || {
                    app.selected.set(Some(id));
                    let hops = app
                        .world
                        .with_untracked(|w| {
                            w.exchanges.iter().find(|e| e.id == id).map(|e| e.hops.clone())
                        });
                    if let Some(h) = hops {
                        app.play(h);
                    }
                };
                view! {
                    <tr
                        class="net-row"
                        class:selected=move || app.selected.get() == Some(id)
                        class:failed=failed
                        class:attacker=by_attacker
                        data-testid="net-entry"
                        data-method=method_attr
                        data-path=path_attr
                        data-status=status.to_string()
                        data-server=letter
                        data-host=host
                        data-bytes=bytes.to_string()
                        data-actor=actor.id()
                        tabindex="0"
                        on:click=move |_| open()
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" || ev.key() == " " {
                                ev.prevent_default();
                                open();
                            }
                        }
                    >
                        <td>{id}</td>
                        <td class="mono">{method}</td>
                        <td class="mono">{path}</td>
                        <td class="mono status">{status}</td>
                        <td>{shown}</td>
                        <td>{bytes}</td>
                        <td>{cred}</td>
                    </tr>
                }
            }
        </For>
    }
    .into_any()
}

/// Raw text with the credential header lines marked.
fn highlighted(raw: &str) -> impl IntoView {
    let mut lines = raw.split("\r\n").peekable();
    let mut out = Vec::new();
    let mut in_head = true;
    while let Some(line) = lines.next() {
        let lower = line.to_ascii_lowercase();
        let cred = in_head
            && (lower.starts_with("cookie:")
                || lower.starts_with("set-cookie:")
                || lower.starts_with("authorization:"));
        if line.is_empty() {
            in_head = false;
        }
        let text = if lines.peek().is_some() { format!("{line}\n") } else { line.to_string() };
        out.push(if cred { view! { <mark class="cred">{text}</mark> }.into_any() } else { text.into_any() });
    }
    out
}

/// The opened exchange: raw request and response, and its hops.
#[component]
fn ExchangeDetail() -> impl IntoView {
    let app = use_app();
    let selected = move || -> Option<Exchange> {
        let id = app.selected.get()?;
        app.world.with(|w| w.exchanges.iter().find(|e| e.id == id).cloned())
    };
    view! {
        <Show when=move || selected().is_some()>
            {move || {
                selected()
                    .map(|e| {
                        let req = e.request.raw();
                        let res = e.response.raw();
                        view! {
                            <section class="exchange-detail" aria-label=app.tr(|t| t.raw_http)>
                                <h3>{app.tr(|t| t.raw_http)} " #" {e.id}</h3>
                                <div class="raw-pair">
                                    <figure>
                                        <figcaption>{app.tr(|t| t.request)}</figcaption>
                                        <pre class="raw mono" data-testid="net-raw-request">{highlighted(&req)}</pre>
                                    </figure>
                                    <figure>
                                        <figcaption>{app.tr(|t| t.response)}</figcaption>
                                        <pre class="raw mono" data-testid="net-raw-response">{highlighted(&res)}</pre>
                                    </figure>
                                </div>
                                <ol class="hop-notes">
                                    {e
                                        .hops
                                        .iter()
                                        .map(|h| {
                                            let note = h.note.clone();
                                            view! {
                                                <li>
                                                    <span class="mono">{format!("{} → {}", h.from.id(), h.to.id())}</span>
                                                    " "
                                                    <strong class="mono">{h.label.to_string()}</strong>
                                                    {format!(" · {} B · +{} ms ", h.bytes, h.at - e.started)}
                                                    <span class="note">
                                                        {move || note.as_ref().map(|n| app.say(Said::Note(n))).unwrap_or_default()}
                                                    </span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            </section>
                        }
                    })
            }}
        </Show>
    }
}
