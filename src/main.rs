//! Entry point of the editor app (`index.html`, built by trunk): mounts it on the page body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(cradle::app::EditorApp);
}
