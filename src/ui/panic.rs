//! When something breaks anyway: the panic is logged to the console (with its
//! message and location) and a small overlay offers a reset, instead of a page that
//! silently stops responding. The overlay is plain DOM with a link — it must work
//! after the wasm instance is gone.

use leptos::prelude::document;

/// The overlay's element id.
pub const OVERLAY_ID: &str = "panic-overlay";

/// Installs the panic hook: console message, then the overlay.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_overlay(&info.to_string());
    }));
}

/// Shows the "something broke — reset" overlay (once).
pub fn show_overlay(detail: &str) {
    let doc = document();
    if doc.get_element_by_id(OVERLAY_ID).is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let Ok(overlay) = doc.create_element("div") else { return };
    overlay.set_id(OVERLAY_ID);
    let _ = overlay.set_attribute("role", "alertdialog");
    let _ = overlay.set_attribute("aria-labelledby", "panic-title");
    let _ = overlay.set_attribute("data-testid", "panic-overlay");
    let korean = doc.document_element().and_then(|e| e.get_attribute("lang")).as_deref() == Some("ko");
    let (title, text, reset) = if korean {
        (
            "문제가 생겼어요",
            "플레이그라운드가 예상하지 못한 상태에 빠졌어요. 초기화하면 처음부터 다시 시작해요.",
            "초기화",
        )
    } else {
        ("Something broke", "The playground hit a state it did not expect. Reset to start again.", "Reset")
    };
    let Ok(card) = doc.create_element("div") else { return };
    card.set_class_name("panic-card");
    let Ok(h) = doc.create_element("h2") else { return };
    h.set_id("panic-title");
    h.set_text_content(Some(title));
    let Ok(p) = doc.create_element("p") else { return };
    p.set_text_content(Some(text));
    let Ok(pre) = doc.create_element("pre") else { return };
    pre.set_text_content(Some(detail));
    let Ok(a) = doc.create_element("a") else { return };
    let _ = a.set_attribute("href", "./");
    a.set_class_name("primary");
    a.set_text_content(Some(reset));
    for child in [&h, &p, &pre, &a] {
        let _ = card.append_child(child);
    }
    let _ = overlay.append_child(&card);
    let _ = body.append_child(&overlay);
}
