//! Invites: the invite card shares her link (`?invite={her code}`) through the system share sheet
//! where the browser has one, or copies it; a member who opens such a link joins through it once
//! signed in (the server credits the inviter once, and only for a member new to the club).

use cradle_model::Language;
use cradle_render::club_words::{club_words, invite_link};
use cradle_wire::member::CodeRequest;
use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::mount::{child, hosts, on_tap, page_address, post, say};

/// The address parameter carrying the inviter's code.
const PARAM: &str = "invite";

/// Accepts an invite in the address and makes every invite card share her link.
pub fn start(lang: Language, member: bool, code: Option<String>) {
    if member {
        accept();
    }
    let w = club_words(lang);
    for host in hosts(None, "[data-invite-card]") {
        let note = child(&host, ".cradle-invite__note");
        let code = code.clone();
        on_tap(&host, move |_| {
            let Some(code) = code.clone().filter(|_| member) else {
                return say(&note, w.sign_in_first);
            };
            let url = link(&code);
            let note = note.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match share(&url).await {
                    Shared::Sheet => {}
                    Shared::Copied => say(&note, w.invite_copied),
                    Shared::No => say(&note, &invite_link(lang, &url)),
                }
            });
        });
    }
}

/// Joins through the invite in the address, once, and takes it out of the address.
fn accept() {
    let location = window().location();
    let Some(url) = location
        .href()
        .ok()
        .and_then(|h| web_sys::Url::new(&h).ok())
    else {
        return;
    };
    let Some(code) = url.search_params().get(PARAM).filter(|c| !c.is_empty()) else {
        return;
    };
    url.search_params().delete(PARAM);
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
    let body = serde_json::to_string(&CodeRequest { code }).ok();
    // Refusals (not new, already invited, her own code) change nothing she needs to see.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = post("/api/member/invite", body).await;
    });
}

/// This page's address with her invite code.
fn link(code: &str) -> String {
    format!("{}?{PARAM}={code}", page_address())
}

/// How a link was passed on.
pub enum Shared {
    /// Through the system share sheet.
    Sheet,
    /// Copied to the clipboard.
    Copied,
    /// Neither is available: she copies it herself.
    No,
}

/// Shares `url` with the Web Share API, or copies it (read through `Reflect`, so the runtime
/// needs no extra browser bindings).
pub async fn share(url: &str) -> Shared {
    let navigator = Reflect::get(&window(), &"navigator".into()).unwrap_or(JsValue::UNDEFINED);
    let method = |target: &JsValue, name: &str| {
        Reflect::get(target, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    };
    if let Some(share) = method(&navigator, "share") {
        let data = Object::new();
        let _ = Reflect::set(&data, &"url".into(), &url.into());
        let _ = Reflect::set(&data, &"title".into(), &document().title().into());
        if let Ok(promise) = share.call1(&navigator, &data) {
            // She may close the sheet without sharing: nothing to say either way.
            let _ = wasm_bindgen_futures::JsFuture::from(Promise::from(promise)).await;
            return Shared::Sheet;
        }
    }
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    let Some(write) = method(&clipboard, "writeText") else {
        return Shared::No;
    };
    match write.call1(&clipboard, &url.into()) {
        Ok(promise) => match wasm_bindgen_futures::JsFuture::from(Promise::from(promise)).await {
            Ok(_) => Shared::Copied,
            Err(_) => Shared::No,
        },
        Err(_) => Shared::No,
    }
}
