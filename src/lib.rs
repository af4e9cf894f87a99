//! The Cradle builder: the Leptos CSR app marketers use. `main.rs` only mounts [`app::App`].

pub mod api;
pub mod app;
pub mod editor;
pub mod i18n;
pub mod pages;
/// The one renderer, shared with the member runtime and the server.
pub use cradle_render as render;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
