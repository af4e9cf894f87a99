//! Entry point of the Cradle web app (built by trunk): mounts the app on the page body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(cradle::app::App);
}
