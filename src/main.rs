//! Entry point: install the panic hook, mount the app (which marks the page interactive
//! when its start-up steps are done).

fn main() {
    auth_playground::ui::panic::install();
    leptos::mount::mount_to_body(auth_playground::ui::app::App);
}
