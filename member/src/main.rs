//! Cradle's member runtime. The server sends each member page already drawn (the renderer's
//! components compiled for the server); this small wasm then takes over only what is interactive:
//! the member bar (a sign-in link turned into a session, the demo control, offline and retry) and
//! the countdowns. It links no editor code, so a member on a weak network downloads little.

mod bar;
mod ticker;

use cradle_model::Language;
use leptos::prelude::document;

/// The page language the server drew the page in (`<html lang>`).
fn page_language() -> Language {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Language::from_tag(&tag))
        .unwrap_or_default()
}

fn main() {
    ticker::start();
    bar::start();
}
