//! Component tests in headless Chromium (wasm-bindgen-test): the real `App` mounted in
//! a real DOM, driven by clicks, observed through the UI contract's `data-testid`s.
#![cfg(target_arch = "wasm32")]

use auth_playground::ui::app::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh `App` into its own host element and returns that element once every
/// start-up step has built its panel (`.app[data-loaded="1"]`).
async fn mount_app() -> HtmlElement {
    let doc = document();
    let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), App);
    handle.forget();
    for _ in 0..200 {
        if host.query_selector(".app[data-loaded=\"1\"]").unwrap().is_some() {
            return host;
        }
        sleep_ms(10).await;
    }
    panic!("the app did not finish its start-up steps within two seconds");
}

/// Waits (up to four seconds) until `selector` matches inside `root`.
async fn wait_for(root: &HtmlElement, selector: &str) -> HtmlElement {
    for _ in 0..400 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el.unchecked_into();
        }
        sleep_ms(10).await;
    }
    panic!("nothing matched {selector} within four seconds");
}

/// Waits `ms` milliseconds (a later task, so start-up steps can run).
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_first_screen_arrives_in_later_tasks_and_the_details_on_first_show() {
    let doc = document();
    let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), App).forget();
    // Same task as the mount: the top bar and the frames are there, nothing else yet.
    assert!(host.query_selector("[data-testid=\"lang-toggle\"]").unwrap().is_some());
    assert!(host.query_selector("[data-testid=\"server-count\"]").unwrap().is_none());
    assert!(host.query_selector("[data-testid=\"stage\"]").unwrap().is_none());
    assert!(host.query_selector("[data-testid=\"login-submit\"]").unwrap().is_none());
    assert!(host.query_selector(".app[data-loaded]").unwrap().is_none());
    for _ in 0..400 {
        if host.query_selector(".app[data-loaded=\"1\"]").unwrap().is_some() {
            break;
        }
        sleep_ms(5).await;
    }
    assert!(host.query_selector("[data-testid=\"server-count\"]").unwrap().is_some());
    assert!(host.query_selector("[data-testid=\"login-submit\"]").unwrap().is_some());
    assert!(host.query_selector("[data-testid=\"stage-actor\"][data-actor=\"balancer\"]").unwrap().is_some());
    assert!(host.query_selector("[data-testid=\"tab-servers\"]").unwrap().is_some());
    // The servers tab is built when it is first shown, not before.
    assert!(host.query_selector("#details-servers").unwrap().is_none());
    assert!(host.query_selector("[data-testid=\"balancer-card\"]").unwrap().is_none());
    assert_eq!(doc.body().unwrap().get_attribute("data-ready").as_deref(), Some("1"));
    by_testid(&host, "tab-servers").click();
    wait_for(&host, "#details-servers [data-testid=\"balancer-card\"]").await;
    assert_eq!(by_testid(&host, "tab-servers").get_attribute("aria-selected").as_deref(), Some("true"));
}

fn by_testid(root: &HtmlElement, id: &str) -> HtmlElement {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn clicking_mode_token_presses_it_and_releases_the_others() {
    let app = mount_app().await;
    leptos::task::tick().await;
    assert_eq!(by_testid(&app, "mode-session").get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(by_testid(&app, "mode-token").get_attribute("aria-pressed").as_deref(), Some("false"));

    by_testid(&app, "mode-token").click();
    leptos::task::tick().await;

    assert_eq!(by_testid(&app, "mode-token").get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(by_testid(&app, "mode-session").get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(by_testid(&app, "mode-stateless").get_attribute("aria-pressed").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn logging_in_fills_the_cookie_table_the_stage_and_the_network_list() {
    let app = mount_app().await;
    leptos::task::tick().await;
    by_testid(&app, "mode-session").click();
    by_testid(&app, "login-submit").click();
    let sid = wait_for(&app, "[data-testid=\"cookie-row\"][data-name=\"sid\"]").await;
    assert_eq!(sid.get_attribute("data-http-only").as_deref(), Some("true"));
    // The stage: the cookie lands on the browser, and the answer that set it is there.
    wait_for(&app, "[data-testid=\"stage-cookie\"][data-name=\"sid\"]").await;
    let answer = wait_for(&app, ".stage .env[data-leg=\"back\"]").await;
    assert_eq!(answer.get_attribute("data-status").as_deref(), Some("200"));
    assert_eq!(answer.get_attribute("data-credential").as_deref(), Some("cookie"));
    by_testid(&app, "tab-network").click();
    wait_for(&app, "[data-testid=\"net-entry\"]").await;
    let entries = app.query_selector_all("[data-testid=\"net-entry\"]").unwrap();
    assert_eq!(entries.length(), 1);
    let entry: HtmlElement = entries.get(0).unwrap().unchecked_into();
    assert_eq!(entry.get_attribute("data-status").as_deref(), Some("200"));
    assert_eq!(entry.get_attribute("data-path").as_deref(), Some("/login"));
}

#[wasm_bindgen_test]
async fn a_garbage_token_in_the_inspector_gets_a_reason_not_a_crash() {
    let app = mount_app().await;
    leptos::task::tick().await;
    by_testid(&app, "mode-token").click();
    by_testid(&app, "tab-jwt").click();
    let editor: web_sys::HtmlTextAreaElement = wait_for(&app, "[data-testid=\"jwt-encoded\"]").await.unchecked_into();
    editor.set_value("eyJhbGciOiJub25lIn0.e30.");
    editor.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    let verdict = by_testid(&app, "jwt-verdict");
    assert_eq!(verdict.get_attribute("data-valid").as_deref(), Some("false"));
    let text = verdict.text_content().unwrap_or_default();
    assert!(text.contains("none"), "{text}");
}

#[wasm_bindgen_test]
async fn the_panic_overlay_offers_a_reset_link() {
    auth_playground::ui::panic::show_overlay("test: deliberately shown");
    let overlay = document().get_element_by_id("panic-overlay").expect("overlay");
    assert_eq!(overlay.get_attribute("role").as_deref(), Some("alertdialog"));
    let link = overlay.query_selector("a").unwrap().expect("reset link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("./"));
    assert!(overlay.text_content().unwrap_or_default().contains("deliberately shown"));
    overlay.remove();
}

#[wasm_bindgen_test]
async fn the_cookie_table_headings_follow_the_language_and_header_names_stay() {
    use auth_playground::ui::i18n::Lang;
    let host = mount_app().await;
    by_testid(&host, "tab-browser").click();
    wait_for(&host, "#details-browser section[aria-labelledby=\"cookies-title\"] thead th").await;
    let headings = || -> Vec<String> {
        let cells =
            host.query_selector_all("#details-browser section[aria-labelledby=\"cookies-title\"] thead th").unwrap();
        (0..cells.length()).filter_map(|i| cells.item(i)).filter_map(|n| n.text_content()).collect()
    };
    let before = headings();
    assert_eq!(before.len(), 9, "{before:?}");
    assert_eq!(&before[6..], ["HttpOnly", "Secure", "SameSite"]);
    by_testid(&host, "lang-toggle").click();
    leptos::task::tick().await;
    let after = headings();
    let (from, to) = if before[0] == Lang::En.texts().col_name { (Lang::En, Lang::Ko) } else { (Lang::Ko, Lang::En) };
    assert_eq!(before[..2], [from.texts().col_name, from.texts().col_value]);
    assert_eq!(after[..3], [to.texts().col_name, to.texts().col_value, to.texts().col_domain]);
    assert_ne!(before[0], after[0], "the two languages name the column differently");
    assert_eq!(&after[6..], ["HttpOnly", "Secure", "SameSite"]);
}
