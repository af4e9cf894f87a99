//! The sign-in calendar made live: the server draws her card, benefits and calendar for her; a tap
//! signs her in and has the page drawn again, so the calendar, her points and her tier move
//! together. A tap once she has signed in today says she is done for today.

use cradle_model::Language;
use cradle_render::club_words::club_words;
use cradle_render::words::words;
use leptos::prelude::*;

use crate::mount::{child, hosts, on_tap, post, say};

/// Makes every sign-in calendar on the page live.
pub fn start(lang: Language, slug: &str, member: bool) {
    let w = club_words(lang);
    for host in hosts(None, "[data-sign-in]") {
        let path = format!(
            "/api/published/{slug}/blocks/{}/sign-in",
            host.get_attribute("data-sign-in").unwrap_or_default()
        );
        let note = child(&host, ".cradle-calendar__note");
        on_tap(&host, move |button| {
            if !member {
                return say(&note, w.sign_in_first);
            }
            if button.has_attribute("data-signed") {
                return say(&note, w.done_for_today);
            }
            if button.has_attribute("aria-disabled") {
                return;
            }
            let _ = button.set_attribute("aria-disabled", "true");
            button.set_text_content(Some(w.signing));
            let (path, note) = (path.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let why = match post(&path, None).await {
                    Ok(r) if r.ok() => {
                        let _ = window().location().reload();
                        return;
                    }
                    Ok(r) if r.status() == 401 => w.session_gone,
                    _ => w.went_wrong,
                };
                let _ = button.remove_attribute("aria-disabled");
                button.set_text_content(Some(words(lang).sign_in_button));
                say(&note, why);
            });
        });
    }
}
