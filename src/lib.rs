//! The Cradle builder: the Leptos CSR apps marketers use. `main.rs` mounts [`app::EditorApp`],
//! `bin/office.rs` [`app::OfficeApp`].

pub mod api;
pub mod app;
pub mod editor;
pub mod i18n;
pub mod pages;
/// The one renderer, shared with the member runtime and the server.
pub use cradle_render as render;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
