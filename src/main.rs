//! Entry point: install the panic hook, then mount the app (which marks the page
//! interactive when its start-up steps are done).

use std::time::Duration;

fn main() {
    auth_playground::ui::panic::install();
    // In a task of its own: the task that runs `main` also finished compiling the wasm,
    // and the two together would keep the main thread busy for too long at once.
    leptos::prelude::set_timeout(|| leptos::mount::mount_to_body(auth_playground::ui::app::App), Duration::ZERO);
}
