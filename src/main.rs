//! Entry point: install the panic hook, mount the app, mark the page interactive.

fn main() {
    auth_playground::ui::panic::install();
    leptos::mount::mount_to_body(auth_playground::ui::app::App);
    auth_playground::ui::dom::mark_ready();
}
