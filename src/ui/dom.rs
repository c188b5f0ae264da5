//! The few places the page touches the browser directly (besides Leptos itself).
//! Every call here tolerates a missing window, document or body: the page degrades,
//! it never panics.

use leptos::prelude::*;

/// Marks the page interactive for tests and embedders: `body[data-ready="1"]`.
pub fn mark_ready() {
    set_body_flag("data-ready", true);
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
