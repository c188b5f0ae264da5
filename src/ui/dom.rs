//! The few places the page touches the browser directly (besides Leptos itself).
//! Every call here tolerates a missing window, document or body: the page degrades,
//! it never panics.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Marks the page interactive for tests and embedders: `body[data-ready="1"]`.
pub fn mark_ready() {
    set_body_flag("data-ready", true);
}

/// Removes the static first-screen frame of `index.html` (`.shell`): the live page has
/// taken its place.
pub fn remove_shell() {
    if let Ok(Some(shell)) = document().query_selector("body > .shell") {
        shell.remove();
    }
}

/// True once the page is interactive (`body[data-ready="1"]`).
pub fn is_ready() -> bool {
    document().body().is_some_and(|b| b.get_attribute("data-ready").as_deref() == Some("1"))
}

/// Sets (`on`) or removes a `data-…="1"` flag on `<body>`.
pub fn set_body_flag(name: &str, on: bool) {
    if let Some(body) = document().body() {
        let _ = if on { body.set_attribute(name, "1") } else { body.remove_attribute(name) };
    }
}

/// Sets an attribute on the root `<html>` element (`lang`, `data-theme`).
pub fn set_root_attr(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, value);
    }
}

/// The current location's query string and fragment (`?…`, `#…`), empty when absent.
pub fn location_parts() -> (String, String) {
    let loc = window().location();
    (loc.search().unwrap_or_default(), loc.hash().unwrap_or_default())
}

/// The browser's preferred language tag (`ko-KR`, `en-US`, …), empty when unknown.
pub fn browser_language() -> String {
    window().navigator().language().unwrap_or_default()
}

/// Whether the system asks for dark colours.
pub fn prefers_dark() -> bool {
    matches!(window().match_media("(prefers-color-scheme: dark)"), Ok(Some(m)) if m.matches())
}

/// Whether the system asks for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    matches!(window().match_media("(prefers-reduced-motion: reduce)"), Ok(Some(m)) if m.matches())
}

/// Class added to the elements a tour step points at.
pub const HIGHLIGHT: &str = "tour-highlight";

/// Removes every tour highlight.
pub fn clear_highlights() {
    if let Ok(list) = document().query_selector_all(&format!(".{HIGHLIGHT}")) {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) {
                let _ = el.class_list().remove_1(HIGHLIGHT);
            }
        }
    }
}

/// Marks the elements matching `selectors` (replacing earlier marks); with `reveal`,
/// scrolls the first into view if it is not (the page does not move when it is).
pub fn highlight(selectors: &[String], reveal: bool) {
    clear_highlights();
    let mut first = reveal;
    for sel in selectors {
        let Ok(list) = document().query_selector_all(sel) else { continue };
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) {
                let _ = el.class_list().add_1(HIGHLIGHT);
                if first {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                    first = false;
                }
            }
        }
    }
}

/// Replaces some query parameters in the address bar (`None` removes one) and records
/// a history entry, keeping the others (mode, lang, embed, …).
pub fn push_url(changes: &[(&str, Option<String>)]) {
    let loc = window().location();
    let search = loc.search().unwrap_or_default();
    let mut pairs: Vec<(String, String)> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .collect();
    for (k, v) in changes {
        if let Some(v) = v {
            pairs.push(((*k).to_string(), v.clone()));
        }
    }
    let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let path = loc.pathname().unwrap_or_default();
    let url = if query.is_empty() { path } else { format!("{path}?{}", query.join("&")) };
    if Some(format!("{}{}", loc.pathname().unwrap_or_default(), search)) == Some(url.clone()) {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Runs `f` in a task of its own, as soon as the browser has handled what waits (input,
/// a frame): a message to ourselves. (A zero timeout would do the same but, nested more
/// than five deep, waits at least 4 ms each time: 80 ms over a 100 000-user run.) The
/// start-up steps use it too.
pub fn next_task(f: impl FnOnce() + 'static) {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        set_timeout(f, Duration::ZERO);
        return;
    };
    let run = Closure::once_into_js(move |_: JsValue| f());
    channel.port1().set_onmessage(Some(run.unchecked_ref()));
    let _ = channel.port2().post_message(&JsValue::NULL);
}
