//! Entry point of the office app (`office/index.html`, built by trunk into `dist/o/`): mounts it
//! on the page body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(cradle::app::OfficeApp);
}
