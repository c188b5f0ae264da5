//! A bare Leptos counter whose count survives a reload (localStorage via gloo-storage).

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

const KEY: &str = "baseline:count";

#[component]
fn Counter() -> impl IntoView {
    let count = RwSignal::new(LocalStorage::get::<i32>(KEY).unwrap_or(0));
    Effect::new(move |_| {
        let _ = LocalStorage::set(KEY, count.get());
    });
    view! {
        <button on:click=move |_| count.update(|n| *n += 1)>"Count: " {move || count.get()}</button>
    }
}

fn main() {
    leptos::mount::mount_to_body(Counter);
    // Interactive: the same signal the app gives, so start-up is timed alike.
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-ready", "1");
    }
}
