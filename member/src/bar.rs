//! The member bar, made live: a sign-in link (`?t=`) becomes a session, the demo control opens a
//! demo session, and a lost network shows a retry. After a session opens the page reloads, so the
//! server draws it again for this member (their audience, their blocks).

use cradle_model::Language;
use cradle_render::shell::{BarState, MemberBar};
use cradle_render::words::words;
use cradle_wire::{ErrorBody, ErrorCode};
use gloo_net::http::Request;
use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::JsCast;

/// What the bar does on the member's behalf.
#[derive(Clone)]
enum Step {
    /// Turn the brand's signed token into a session.
    Session(String),
    /// Open a demo session.
    Demo,
}

/// Why a step did not open a session.
enum Failure {
    /// No answer: the network.
    Offline,
    /// The server refused, saying why.
    Refused(&'static str),
}

/// Takes over the server's bar (`#member-bar`), if the page has one.
pub fn start() {
    let Some(host) = document().get_element_by_id("member-bar") else {
        return;
    };
    let lang = crate::page_language();
    let slug = host.get_attribute("data-slug").unwrap_or_default();
    let served = match host.get_attribute("data-state").as_deref() {
        Some("member") => BarState::Member {
            code: host.get_attribute("data-code").unwrap_or_default(),
        },
        _ => BarState::Visitor {
            demo: host.has_attribute("data-demo"),
        },
    };
    let token = token_in_address();
    let state = RwSignal::new(served.clone());
    let pending = StoredValue::new(None::<Step>);
    let run = move |step: Step| {
        let slug = slug.clone();
        pending.set_value(Some(step.clone()));
        state.set(BarState::SigningIn);
        leptos::task::spawn_local(async move {
            match open(&step, &slug, lang).await {
                Ok(()) => reload_without_token(),
                Err(Failure::Offline) => state.set(BarState::Offline),
                Err(Failure::Refused(why)) => {
                    pending.set_value(None);
                    state.set(BarState::Failed(why));
                }
            }
        });
    };
    let on_demo = Callback::new({
        let run = run.clone();
        move |()| run(Step::Demo)
    });
    let on_retry = Callback::new({
        let run = run.clone();
        move |()| match pending.get_value() {
            Some(step) => run(step),
            None => {
                let _ = window().location().reload();
            }
        }
    });
    // The live bar replaces the server's copy of the same component.
    host.set_inner_html("");
    leptos::mount::mount_to(host.unchecked_into(), move || {
        view! { <MemberBar lang state on_demo on_retry /> }
    })
    .forget();
    // Losing the network shows at once; its return puts back what was there.
    let before = StoredValue::new(served);
    window_event_listener(leptos::ev::offline, move |_| {
        before.set_value(state.get_untracked());
        state.set(BarState::Offline);
    });
    window_event_listener(leptos::ev::online, move |_| {
        if state.get_untracked() == BarState::Offline && pending.get_value().is_none() {
            state.set(before.get_value());
        }
    });
    if let Some(token) = token {
        run(Step::Session(token));
    }
}

/// Opens the session `step` asks for.
async fn open(step: &Step, slug: &str, lang: Language) -> Result<(), Failure> {
    let (path, body) = match step {
        Step::Session(token) => ("/api/member/session", json!({"token": token, "slug": slug})),
        Step::Demo => ("/api/member/demo", json!({ "slug": slug })),
    };
    let request = Request::post(path)
        .json(&body)
        .map_err(|_| Failure::Offline)?;
    let response = request.send().await.map_err(|_| Failure::Offline)?;
    if response.ok() {
        return Ok(());
    }
    let w = words(lang);
    let code = response
        .json::<ErrorBody>()
        .await
        .ok()
        .map(|b| b.error.code);
    Err(Failure::Refused(match code {
        Some(ErrorCode::MemberTokenWrongWorkspace) => w.link_other_brand,
        Some(
            ErrorCode::MemberTokenInvalid
            | ErrorCode::MemberTokenForged
            | ErrorCode::MemberTokenExpired,
        ) => w.link_expired,
        Some(ErrorCode::DemoMembersOff) => w.demo_off,
        _ => w.went_wrong,
    }))
}

/// The `t` parameter of the address, if any.
fn token_in_address() -> Option<String> {
    let href = window().location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    url.search_params().get("t").filter(|t| !t.is_empty())
}

/// Loads the page again without the token in the address (or in the history).
fn reload_without_token() {
    let location = window().location();
    let Some(url) = location
        .href()
        .ok()
        .and_then(|href| web_sys::Url::new(&href).ok())
    else {
        return;
    };
    url.search_params().delete("t");
    let _ = location.replace(&url.href());
}
