//! Component tests in headless Chromium (wasm-bindgen-test): the real `App` mounted in
//! a real DOM, driven by clicks, observed through the UI contract's `data-testid`s.
#![cfg(target_arch = "wasm32")]

use auth_playground::ui::app::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh `App` into its own host element and returns that element.
fn mount_app() -> HtmlElement {
    let doc = document();
    let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), App);
    handle.forget();
    host
}

fn by_testid(root: &HtmlElement, id: &str) -> HtmlElement {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn clicking_mode_token_presses_it_and_releases_the_others() {
    let app = mount_app();
    leptos::task::tick().await;
    assert_eq!(by_testid(&app, "mode-session").get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(by_testid(&app, "mode-token").get_attribute("aria-pressed").as_deref(), Some("false"));

    by_testid(&app, "mode-token").click();
    leptos::task::tick().await;

    assert_eq!(by_testid(&app, "mode-token").get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(by_testid(&app, "mode-session").get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(by_testid(&app, "mode-stateless").get_attribute("aria-pressed").as_deref(), Some("false"));
}
