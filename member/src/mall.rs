//! The points mall and coupon lists made live. The server drew each item for her (price, what is
//! left, how many points she lacks, the question to ask); a tap on a mall item asks first, then
//! redeems with one idempotency key per attempt (a retry after a lost answer never spends twice);
//! a coupon is claimed at once. Either way the page is drawn again, so her points, the stock and
//! her new code with its QR appear together.

use cradle_model::Language;
use cradle_render::club_words::{club_words, ClubWords};
use leptos::prelude::*;

use crate::draw::fresh_key;
use crate::mount::{child, hosts, on_tap, say, send, show};

/// Makes every points mall and coupon list on the page live.
pub fn start(lang: Language, slug: &str, member: bool) {
    let w = club_words(lang);
    for host in hosts(None, "[data-mall]") {
        let path = format!(
            "/api/published/{slug}/blocks/{}/{}",
            host.get_attribute("data-mall").unwrap_or_default(),
            host.get_attribute("data-act").unwrap_or_default()
        );
        // Spending points asks first; a free coupon is claimed at once.
        let confirm = child(&host, ".cradle-mall__confirm");
        let note = child(&host, ".cradle-mall__note");
        on_tap(&host, move |button| {
            if let Some(item) = button.get_attribute("data-item") {
                if !member {
                    return say(&note, w.sign_in_first);
                }
                if let Some(why) = button.get_attribute("data-refuse") {
                    return say(&note, &why);
                }
                let Some(confirm) = &confirm else {
                    return order(w, (&path, &item, &fresh_key()), button, note.clone());
                };
                let ask = button.get_attribute("data-ask").unwrap_or_default();
                say(&child(confirm, "p"), &ask);
                let _ = confirm.set_attribute("data-item", &item);
                let _ = confirm.set_attribute("data-key", &fresh_key());
                show(confirm, true);
                if let Some(yes) = child(confirm, "[data-yes]") {
                    let _ = yes.focus();
                }
            } else if let Some(confirm) = &confirm {
                if button.has_attribute("data-no") {
                    show(confirm, false);
                } else if button.has_attribute("data-yes") {
                    let item = confirm.get_attribute("data-item").unwrap_or_default();
                    let key = confirm.get_attribute("data-key").unwrap_or_default();
                    order(w, (&path, &item, &key), button, note.clone());
                }
            }
        });
    }
}

/// Orders `item` at `path` under `key` from `button`, then has the page drawn again.
fn order(
    w: &'static ClubWords,
    (path, item, key): (&str, &str, &str),
    button: web_sys::HtmlElement,
    note: Option<web_sys::HtmlElement>,
) {
    if button.has_attribute("aria-disabled") {
        return;
    }
    let _ = button.set_attribute("aria-disabled", "true");
    let request = gloo_net::http::Request::post(path).header("Idempotency-Key", key);
    let body = format!(r#"{{"item":{item}}}"#);
    wasm_bindgen_futures::spawn_local(async move {
        let why = match send(request, Some(body)).await {
            // Done, or refused because points or stock changed since the page was drawn: drawn
            // again, the page shows which.
            Ok(r) if r.ok() || r.status() == 409 => {
                let _ = window().location().reload();
                return;
            }
            Ok(r) if r.status() == 401 => w.session_gone,
            _ => w.went_wrong,
        };
        let _ = button.remove_attribute("aria-disabled");
        say(&note, why);
    });
}
