//! The rights-sharing card made live: she makes an offer and passes its link on (share sheet or
//! clipboard); a family member who opens the link answers the offer the server drew for her; either
//! of them ends a share. Each answer has the page drawn again (without the offer in the address),
//! so both cards show the same truth.

use cradle_model::Language;
use cradle_render::club_words::club_words;
use leptos::prelude::*;

use crate::invite::{share, Shared};
use crate::mount::{child, hosts, on_tap, page_address, post, say, send};

/// The address parameter carrying an offer's token.
const PARAM: &str = "share";

/// Makes every rights-sharing card on the page live.
pub fn start(lang: Language, member: bool) {
    let w = club_words(lang);
    for host in hosts(None, "[data-rights-share]") {
        let note = child(&host, ".cradle-share__note");
        let texts = host.clone();
        on_tap(&host, move |button| {
            if !member {
                return say(&note, w.sign_in_first);
            }
            if button.has_attribute("data-decline") {
                return redraw();
            }
            let request = if let Some(path) = button.get_attribute("data-post") {
                gloo_net::http::Request::post(&path)
            } else if let Some(path) = button.get_attribute("data-delete") {
                gloo_net::http::Request::delete(&path)
            } else if button.has_attribute("data-share-offer") {
                let (note, texts) = (note.clone(), texts.clone());
                return wasm_bindgen_futures::spawn_local(async move {
                    offer(&note, &texts, w.went_wrong).await;
                });
            } else {
                return;
            };
            let body = button.get_attribute("data-body");
            let note = note.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match send(request, body).await {
                    // Done, or refused because something changed: drawn again, the card says.
                    Ok(r) if r.status() != 401 && r.status() < 500 => redraw(),
                    Ok(_) => say(&note, w.session_gone),
                    Err(()) => say(&note, w.went_wrong),
                }
            });
        });
    }
}

/// Makes an offer and passes its link on; the card's own words say what happened.
async fn offer(note: &Option<web_sys::HtmlElement>, texts: &web_sys::HtmlElement, wrong: &str) {
    // The token read with the browser's own JSON (a serde type here would weigh on the wasm).
    let token = match post("/api/member/share-offers", None).await {
        Ok(r) if r.ok() => r.text().await.ok(),
        _ => None,
    }
    .and_then(|text| js_sys::JSON::parse(&text).ok())
    .and_then(|made| js_sys::Reflect::get(&made, &"token".into()).ok())
    .and_then(|token| token.as_string());
    let Some(token) = token else {
        return say(note, wrong);
    };
    let url = format!("{}?{PARAM}={token}", page_address());
    let text = |name: &str| texts.get_attribute(name).unwrap_or_default();
    match share(&url).await {
        Shared::Sheet => {}
        Shared::Copied => say(note, &text("data-copied")),
        Shared::No => say(note, &format!("{}{url}", text("data-by-hand"))),
    }
}

/// Draws the page again, without an offer in the address.
fn redraw() {
    let _ = window().location().replace(&page_address());
}
