//! The Cradle web app: the builder marketers use and the pages members open, in one Leptos CSR
//! app. `main.rs` only mounts [`app::App`].

pub mod api;
pub mod app;
pub mod editor;
pub mod i18n;
pub mod pages;
pub mod render;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
