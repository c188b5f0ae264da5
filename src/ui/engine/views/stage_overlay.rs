//! What moves on the stage (drawn by the engine: there are messages only once it has
//! run an action): the lines between the actors, and the messages of the last exchange
//! as envelopes on them — a request above its line, the answer below (left and right
//! of an upright line). A message flies from its sender to its receiver (a CSS
//! transition), unless there is no motion (reduced motion, speed "instant"): then it is
//! simply at its end. Under the picture, a caption says what the last message did, and
//! a visually hidden list (`aria-live`) says every message for screen readers.
//!
//! The actors are first-load code (`ui/panels/stage`); this layer measures their boxes
//! (again on every resize and every change of the picture) to place the lines and the
//! envelopes.

use crate::sim::config::StoreMode;
use crate::sim::hop::{Actor, Hop, HopKind};
use crate::ui::engine::envelope::{envelope, Envelope};
use crate::ui::engine::geometry::{flight, px, Lane, Park, Rect, Spot};
use crate::ui::i18n::notes::Said;
use crate::ui::state::{use_app, AppState, Speed};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A measured actor box, by its actor id.
type Boxes = Vec<(&'static str, Rect)>;

/// Every id an actor box may have (`data-actor-id`): the hops' actor ids, `evil`, `db`.
const ACTOR_IDS: [&str; 11] = ["browser", "attacker", "evil", "balancer", "A", "B", "C", "D", "store", "db", "idp"];

fn find(boxes: &Boxes, id: &str) -> Option<Rect> {
    boxes.iter().find(|(a, _)| *a == id).map(|(_, r)| *r)
}

/// Measures every actor box of the stage's grid, relative to the grid.
fn measure(grid: &web_sys::Element) -> Boxes {
    let origin = grid.get_bounding_client_rect();
    let mut out = Vec::new();
    let Ok(list) = grid.query_selector_all("[data-actor-id]") else { return out };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Some(id) = el.get_attribute("data-actor-id") else { continue };
        let Some(id) = ACTOR_IDS.iter().find(|a| **a == id) else { continue };
        let r = el.get_bounding_client_rect();
        out.push((*id, Rect { x: r.left() - origin.left(), y: r.top() - origin.top(), w: r.width(), h: r.height() }));
    }
    out
}

/// Calls `changed` whenever the element's size changes (a `ResizeObserver`).
fn on_resize(el: &web_sys::Element, changed: impl Fn() + 'static) {
    let callback =
        wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| changed());
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(el);
    }
    callback.forget();
}

/// The lane a hop travels in.
fn lane(kind: HopKind) -> Lane {
    match kind {
        HopKind::Request | HopKind::StoreCommand | HopKind::Leak => Lane::Out,
        HopKind::Response | HopKind::StoreReply => Lane::Back,
    }
}

/// One envelope on the stage: the hop read for it, its place in the sequence, and
/// whether it still has to fly.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    /// Keys the element: a new message mounts a new envelope (which then flies).
    key: (u32, usize, i64),
    envelope: Envelope,
    /// Still to fly from its sender.
    flies: bool,
}

/// The envelopes to show: the revealed messages of the exchange being played (the
/// newest per link and direction), or, when nothing plays, those of the last exchange.
fn envelopes(app: AppState) -> Vec<Shown> {
    let lang = app.lang.get();
    let pick = |hops: &[Hop], landed: usize| -> Vec<Shown> {
        let Some(last) = hops.len().checked_sub(1) else { return Vec::new() };
        let exchange = hops[last].exchange;
        let mut out: Vec<Shown> = Vec::new();
        for (i, h) in hops.iter().enumerate().filter(|(_, h)| h.exchange == exchange) {
            out.retain(|s| !(s.envelope.from == h.from && s.envelope.to == h.to));
            out.push(Shown { key: (h.exchange, i, h.at), envelope: envelope(h, lang), flies: i >= landed });
        }
        out
    };
    let playing = app.seq.with(|s| (!s.hops.is_empty()).then(|| pick(&s.hops[..s.shown.min(s.hops.len())], s.landed)));
    match playing {
        Some(shown) => shown,
        None => app.world.with(|w| w.last_exchange().map(|e| pick(&e.hops, usize::MAX)).unwrap_or_default()),
    }
}

/// The lines and the envelopes, over the stage's grid.
#[component]
pub fn StageOverlay() -> impl IntoView {
    let app = use_app();
    let layer = NodeRef::<html::Div>::new();
    let boxes = RwSignal::new(Boxes::new());
    let shown = Memo::new(move |_| envelopes(app));
    // The newest message is `stage-message`, the others its trail.
    let newest = Memo::new(move |_| shown.with(|s| s.last().map(|s| s.key)));
    let remeasure = move || {
        request_animation_frame(move || {
            let grid = layer.get_untracked().and_then(|l| l.parent_element());
            if let Some(grid) = grid {
                boxes.set(measure(&grid));
            }
        })
    };
    // Measure again whenever the picture may have moved: a new message, a changed
    // world or language, and any resize of the grid.
    Effect::new(move |_| {
        app.world.track();
        app.seq.track();
        app.lang.track();
        remeasure();
    });
    Effect::new(move |_| {
        if let Some(grid) = layer.get().and_then(|l| l.parent_element()) {
            on_resize(&grid, remeasure);
        }
    });

    let wires = move || {
        let (servers, store, evil, attacker, idp) = app.world.with(|w| {
            let evil = w.last_exchange().is_some_and(|e| e.from_evil());
            (
                w.servers.len() as u8,
                w.config.store,
                evil,
                w.attacker.last_attempt.is_some() || !w.attacker.loot.is_empty() || w.attacker.last_replay.is_some(),
                w.idp.is_some(),
            )
        });
        let attacker =
            attacker || app.seq.with(|s| s.hops.iter().any(|h| h.from == Actor::Attacker || h.to == Actor::Attacker));
        let mut pairs: Vec<(&'static str, &'static str)> = vec![("browser", "balancer")];
        if attacker {
            pairs.push(("browser", "attacker"));
            pairs.push(("attacker", "balancer"));
        }
        if evil {
            pairs.push(("evil", "browser"));
        }
        // auth.example: the browser's front channel, the servers' back channel.
        if idp {
            pairs.push(("browser", "idp"));
            if attacker {
                pairs.push(("attacker", "idp"));
            }
        }
        for i in 0..servers {
            let s = Actor::Server(i).id();
            pairs.push(("balancer", s));
            if store == StoreMode::Shared {
                pairs.push((s, "store"));
            }
            if idp {
                pairs.push((s, "idp"));
            }
        }
        if store == StoreMode::Replicated {
            for i in 1..servers {
                pairs.push((Actor::Server(i - 1).id(), Actor::Server(i).id()));
            }
        }
        let active: Vec<(&str, &str)> =
            shown.with(|s| s.iter().map(|e| (e.envelope.from.id(), e.envelope.to.id())).collect());
        boxes.with(|b| {
            pairs
                .into_iter()
                .filter_map(|(a, z)| {
                    let (ra, rz) = (find(b, a)?, find(b, z)?);
                    let ((x1, y1), (x2, y2)) = (ra.centre(), rz.centre());
                    let on = active.iter().any(|(f, t)| (*f == a && *t == z) || (*f == z && *t == a));
                    Some(view! {
                        <line
                            class="stage-wire"
                            class:active=on
                            data-a=a
                            data-b=z
                            x1=px(x1).to_string()
                            y1=px(y1).to_string()
                            x2=px(x2).to_string()
                            y2=px(y2).to_string()
                        />
                    })
                })
                .collect_view()
        })
    };

    view! {
        <svg class="stage-wires" aria-hidden="true">{wires}</svg>
        <div class="stage-envelopes" node_ref=layer>
            <For each=move || shown.get() key=|s| s.key let:s>
                <EnvelopeView shown=s boxes newest />
            </For>
        </div>
    }
}

/// One envelope: it hangs at its sender until it is drawn once, then moves to its
/// receiver (a CSS transition), unless there is no motion.
#[component]
fn EnvelopeView(shown: Shown, boxes: RwSignal<Boxes>, newest: Memo<Option<(u32, usize, i64)>>) -> impl IntoView {
    let app = use_app();
    let Shown { key, envelope: e, flies } = shown;
    let current = move || newest.get() == Some(key);
    let instant = app.speed.get_untracked() == Speed::Instant;
    let arrived = RwSignal::new(!flies || instant);
    if !arrived.get_untracked() {
        // Two frames: the first draws it at the sender, the second starts the flight.
        request_animation_frame(move || request_animation_frame(move || arrived.set(true)));
    }
    let (from, to, kind) = (e.from, e.to, e.kind);
    let major = e.major();
    let park = if major { Park::Edge } else { Park::Middle };
    let spot = move || -> Option<String> {
        boxes.with(|b| {
            let (a, z) = (find(b, from.id())?, find(b, to.id())?);
            let (start, rest): (Spot, Spot) = flight(a, z, lane(kind), park);
            Some(if arrived.get() { rest.style() } else { start.style() })
        })
    };
    let millis = app.speed.get_untracked().delay().map_or(0, |d| d.as_millis() as u64 * 9 / 10);
    let style = move || match spot() {
        Some(s) => format!("{s};--fly:{millis}ms"),
        None => "visibility:hidden".to_string(),
    };
    let testid = move || if current() { "stage-message" } else { "stage-trail" };
    // A store command is named by its verb on the stage (`GETEX`, `SET`, `DEL`,
    // `REPL SET`); the whole label is its tooltip.
    let label = if matches!(kind, HopKind::StoreCommand) {
        e.label.split_whitespace().take(if e.label.starts_with("REPL") { 2 } else { 1 }).collect::<Vec<_>>().join(" ")
    } else {
        e.label.clone()
    };
    let status = e.status.map(|s| s.to_string());
    let failed = e.status.is_some_and(|s| s >= 400);
    let chips = e
        .chips
        .iter()
        .map(|c| {
            let (class, sign) = c.kind.look();
            view! {
                <span class=format!("chip-cred chip-{class}") title=c.note.clone()>
                    <span aria-hidden="true">{sign}</span>
                    " "
                    {c.text.clone()}
                </span>
            }
        })
        .collect_view();
    view! {
        <div
            class="env"
            class:major=major
            class:current=current
            class:failed=failed
            class:fly=move || flies && !instant
            data-testid=testid
            data-from=e.from.id()
            data-to=e.to.id()
            data-kind=e.kind_id()
            data-leg=e.leg()
            data-status=status
            data-credential=e.credential
            style=style
        >
            <span class="env-label mono" title=e.label.clone()>{label}</span>
            {major.then(|| view! { <span class="env-chips">{chips}</span> })}
            <span class="env-bytes">{format!("{} B", e.bytes)}</span>
        </div>
    }
}

/// What the last message did, in words; and, for screen readers, every message so far.
#[component]
pub fn StageCaption() -> impl IntoView {
    let app = use_app();
    let revealed = move || app.seq.with(|s| s.hops.iter().take(s.shown).cloned().collect::<Vec<_>>());
    // The newest message that says something (the balancer passes most answers on
    // without a word), else the newest.
    let telling = |hops: &[Hop]| hops.iter().rev().find(|h| h.note.is_some()).or(hops.last()).cloned();
    let last = move || {
        app.seq
            .with(|s| telling(&s.hops[..s.shown.min(s.hops.len())]))
            .or_else(|| app.world.with(|w| w.last_exchange().and_then(|e| telling(&e.hops))))
    };
    let line = move |h: &Hop| format!("{} → {}: {} ({} B)", h.from.id(), h.to.id(), h.label, h.bytes);
    view! {
        <p class="stage-caption" data-testid="stage-caption">
            {move || match last() {
                Some(h) => {
                    let note = h.note.as_ref().map(|n| app.say(Said::Note(n))).unwrap_or_default();
                    view! {
                        <span class="mono">{format!("{} → {}", h.from.id(), h.to.id())}</span>
                        " "
                        {if note.is_empty() { h.label.to_string() } else { note }}
                    }
                        .into_any()
                }
                None => app.t().stage_idle.into_any(),
            }}
        </p>
        <ol class="sr-only" aria-live="polite" aria-label=app.tr(|t| t.stage_twin) data-testid="stage-twin">
            {move || {
                revealed()
                    .iter()
                    .map(|h| {
                        let note = h.note.as_ref().map(|n| app.say(Said::Note(n))).unwrap_or_default();
                        let text = format!("{}. {note}", line(h));
                        view! { <li>{text}</li> }
                    })
                    .collect_view()
            }}
        </ol>
    }
}
