//! Small DOM helpers for the blocks the server drew: finding them, listening for taps, writing
//! text, and posting a member action with the session's CSRF token.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The elements matching `selector` in `root` (the document when `None`).
pub fn hosts(root: Option<&web_sys::Element>, selector: &str) -> Vec<web_sys::HtmlElement> {
    let found = match root {
        Some(root) => root.query_selector_all(selector),
        None => document().query_selector_all(selector),
    };
    let Ok(found) = found else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into().ok())
        .collect()
}

/// The first element matching `selector` in `root`.
pub fn child(root: &web_sys::Element, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Calls `tap` with the button tapped inside `root` (one listener for all of them).
pub fn on_tap(root: &web_sys::Element, tap: impl Fn(web_sys::HtmlElement) + 'static) {
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        let button = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = button {
            tap(button);
        }
    });
    let _ = root.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Writes `text` into `el`, if there is one.
pub fn say(el: &Option<web_sys::HtmlElement>, text: &str) {
    if let Some(el) = el {
        el.set_text_content(Some(text));
    }
}

/// `POST path` as the member (the session's CSRF token), with a JSON body when given; `Err` when
/// no answer came.
pub async fn post(path: &str, body: Option<String>) -> Result<gloo_net::http::Response, ()> {
    send(gloo_net::http::Request::post(path), body).await
}

/// Sends `request` as the member (the session's CSRF token), with a JSON body when given; `Err`
/// when no answer came.
pub async fn send(
    request: gloo_net::http::RequestBuilder,
    body: Option<String>,
) -> Result<gloo_net::http::Response, ()> {
    let request = request.header("X-CSRF-Token", &crate::draw::csrf());
    let sent = match body {
        Some(json) => {
            request
                .header("Content-Type", "application/json")
                .body(json)
                .map_err(|_| ())?
                .send()
                .await
        }
        None => request.send().await,
    };
    sent.map_err(|_| ())
}

/// Shows or hides `el`.
pub fn show(el: &web_sys::HtmlElement, shown: bool) {
    el.set_hidden(!shown);
}

/// This page's address, without its query (links to it carry their own).
pub fn page_address() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}
