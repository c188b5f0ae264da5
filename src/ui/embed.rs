//! Embedding and sharing: the height protocol for a parent page, good manners in an
//! iframe (pause while off-screen or hidden), the "copy embed code" line, and file
//! downloads for the exports.
//!
//! Height protocol: whenever the page's height changes, an embedded page posts
//! `{type: "auth-playground:height", height}` to its parent (any origin: the message
//! holds nothing but a number). The parent resizes the iframe — see the README.

use crate::ui::url_state::percent_decode;
use js_sys::{Array, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The `type` of the height message.
pub const HEIGHT_MESSAGE: &str = "auth-playground:height";

/// Whether the page runs inside a frame.
pub fn in_frame() -> bool {
    let w = window();
    match w.parent() {
        Ok(Some(parent)) => !Object::is(&parent, &w),
        _ => false,
    }
}

/// Starts reporting the document's height to the parent frame.
pub fn report_height() {
    let Some(root) = document().document_element() else { return };
    let last = std::cell::Cell::new(0i32);
    // The body's height is the content's: the root's `scrollHeight` is never less than the
    // frame's own height, so a frame could grow but never shrink back.
    let send = move || {
        let Some(body) = document().body() else { return };
        let h = body.scroll_height();
        if h == last.get() {
            return;
        }
        last.set(h);
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = Reflect::set(&msg, &"height".into(), &JsValue::from(h));
        if let Ok(Some(parent)) = window().parent() {
            let _ = parent.post_message(&msg, "*");
        }
    };
    send();
    let callback = Closure::<dyn FnMut(Array)>::new(move |_entries: Array| send());
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = document().body() {
            observer.observe(&body);
        }
    }
    callback.forget();
}

/// Keeps `paused` true while the page is off-screen (in its parent's viewport) or
/// the tab is hidden.
pub fn watch_visibility(paused: RwSignal<bool>) {
    let offscreen = RwSignal::new(false);
    let hidden = RwSignal::new(document().hidden());
    Effect::new(move |_| paused.set(offscreen.get() || hidden.get()));
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| hidden.set(document().hidden()));
    let callback = Closure::<dyn FnMut(Array)>::new(move |entries: Array| {
        if let Some(entry) = entries.iter().last().and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            offscreen.set(!entry.is_intersecting());
        }
    });
    if let (Ok(observer), Some(body)) =
        (web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()), document().body())
    {
        observer.observe(&body);
    }
    callback.forget();
}

/// The page's own address without its query and fragment.
pub fn base_url() -> String {
    let loc = window().location();
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

/// Escapes text for an HTML attribute or text node.
pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The `<iframe>` line for a view: `params` are URL parameters (`embed=1` is added).
pub fn embed_code(base: &str, params: &[(&str, String)], title: &str, fallback: &str) -> String {
    let mut query: Vec<String> = vec!["embed=1".into()];
    query.extend(params.iter().map(|(k, v)| format!("{k}={}", crate::sim::url_component(&percent_decode(v)))));
    let src = format!("{base}?{}", query.join("&"));
    let full = src.replace("embed=1&", "").replace("?embed=1", "");
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" width=\"100%\" height=\"720\" style=\"border:0;width:100%\"><a href=\"{}\">{}</a></iframe>",
        html_escape(&src),
        html_escape(title),
        html_escape(&full),
        html_escape(fallback)
    )
}

/// Copies text to the clipboard; `on_refused` runs when the browser says no.
pub fn copy_text(text: &str, on_done: impl FnOnce() + 'static, on_refused: impl FnOnce() + 'static) {
    let promise = window().navigator().clipboard().write_text(text);
    let done = Closure::once(move |_: JsValue| on_done());
    let refused = Closure::once(move |_: JsValue| on_refused());
    let _ = promise.then2(&done, &refused);
    done.forget();
    refused.forget();
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| "could not build the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not make a download link")?;
    let a: web_sys::HtmlAnchorElement =
        document().create_element("a").map_err(|_| "no document")?.dyn_into().map_err(|_| "no anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
