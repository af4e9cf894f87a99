//! Finding the blocks the server drew and putting their live component in place.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The elements matching `selector`.
pub fn hosts(selector: &str) -> Vec<web_sys::HtmlElement> {
    let Ok(found) = document().query_selector_all(selector) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into().ok())
        .collect()
}

/// Replaces the server's copy of a block's body with the live one (the same component).
pub fn remount<V: IntoView + 'static>(
    host: web_sys::HtmlElement,
    view: impl FnOnce() -> V + 'static,
) {
    host.set_inner_html("");
    leptos::mount::mount_to(host, view).forget();
}

/// `POST path` with the member session's CSRF token and an optional JSON body; `Err` when no
/// answer came.
pub async fn post(
    path: &str,
    body: Option<serde_json::Value>,
) -> Result<gloo_net::http::Response, ()> {
    let request = gloo_net::http::Request::post(path).header("X-CSRF-Token", &crate::draw::csrf());
    let sent = match body {
        Some(json) => request.json(&json).map_err(|_| ())?.send().await,
        None => request.send().await,
    };
    sent.map_err(|_| ())
}
