//! `/c/:slug`: the published page a member opens on a phone, drawn by the same renderer as the
//! editor canvas.

use cradle_model::parse::decode_document;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;
use serde_json::Value;

use std::time::Duration;

use chrono::{DateTime, Utc};
use cradle_model::Schedule;
use cradle_wire::ErrorCode;

use crate::api::client::{get_json, ApiError};
use crate::i18n::{use_i18n, Lang};
use crate::render::{provide_render, RenderCtx, RenderPage};

#[derive(Deserialize)]
struct Live {
    document: Value,
}

/// The member page for one published slug.
#[component]
pub fn MemberPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = LocalResource::new(move || {
        let slug = slug();
        async move {
            get_json::<Live>(&format!("/api/published/{slug}"))
                .await
                .map(|l| l.document)
        }
    });
    view! { <DocumentView source=page /> }
}

/// Draws a fetched document, or says why it cannot.
#[component]
pub fn DocumentView(
    source: LocalResource<Result<Value, crate::api::client::ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || {
            view! {
                <p class="member" role="status">
                    {move || i18n.t().loading}
                </p>
            }
        }>
            {move || {
                source
                    .get()
                    .map(|result| {
                        if let Err(e) = &result {
                            if let Some(schedule) = closed_schedule(e) {
                                return view! { <Closed schedule source /> }.into_any();
                            }
                        }
                        match result
                            .map_err(|e| e.to_string())
                            .and_then(|json| decode_document(&json).map_err(|e| e[0].to_string()))
                        {
                            Ok(doc) => {
                                if let Some(w) = web_sys::window().and_then(|w| w.document()) {
                                    w.set_title(&doc.title);
                                }
                                provide_render(RenderCtx::new(&doc, None));
                                view! {
                                    <div class="member">
                                        <RenderPage />
                                    </div>
                                }
                                    .into_any()
                            }
                            Err(why) => {
                                view! {
                                    <main class="member member--error">
                                        <h1>{move || i18n.t().page_unavailable}</h1>
                                        <p role="alert">{why}</p>
                                    </main>
                                }
                                    .into_any()
                            }
                        }
                    })
            }}
        </Suspense>
    }
}

/// The schedule a `not_started` or `ended` answer describes (its `details` carry the instant).
fn closed_schedule(error: &ApiError) -> Option<Schedule> {
    let ApiError::Http { code, details, .. } = error else {
        return None;
    };
    let at = |key: &str| {
        details[key]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.to_utc())
    };
    match code {
        ErrorCode::NotStarted => Some(Schedule {
            start: Some(at("starts_at")?),
            end: None,
        }),
        ErrorCode::Ended => Some(Schedule {
            start: None,
            end: Some(at("ended_at")?),
        }),
        _ => None,
    }
}

/// The instant as the member's browser shows local times.
fn local_time(at: DateTime<Utc>, lang: Lang) -> String {
    let date = js_sys::Date::new(&(at.timestamp_millis() as f64).into());
    date.to_locale_string(lang.tag(), &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// `1天 02:03:04` / `1d 02:03:04`: what is left of a countdown.
fn countdown(seconds: i64, lang: Lang) -> String {
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let clock = format!(
        "{:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    );
    match (days, lang) {
        (0, _) => clock,
        (d, Lang::ZhCn) => format!("{d}天 {clock}"),
        (d, Lang::En) => format!("{d}d {clock}"),
    }
}

/// A page outside its schedule: when it opens (with a countdown that reloads the page when it
/// reaches zero) or when it closed, decided by the model's one schedule rule.
#[component]
fn Closed(
    schedule: Schedule,
    source: LocalResource<Result<Value, crate::api::client::ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = RwSignal::new(Utc::now());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(Utc::now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    let opening = schedule.start.is_some();
    let left = move || schedule.seconds_to_change(now.get());
    Effect::new(move |_| {
        if opening && schedule.check(now.get()).is_ok() {
            source.refetch();
        }
    });
    let at = schedule.start.or(schedule.end).unwrap_or_default();
    let title = move || {
        let t = i18n.t();
        if opening {
            t.page_not_started
        } else {
            t.page_ended
        }
    };
    let label = move || {
        let t = i18n.t();
        if opening {
            t.page_opens_at
        } else {
            t.page_closed_at
        }
    };
    view! {
        <main class="member member--closed">
            <h1>{title}</h1>
            <p>{move || format!("{} {}", label(), local_time(at, i18n.lang()))}</p>
            <Show when=move || opening && left().is_some()>
                <p class="member__countdown" role="timer" aria-live="off">
                    {move || i18n.t().page_opens_in}
                    " "
                    <strong>{move || countdown(left().unwrap_or_default(), i18n.lang())}</strong>
                </p>
            </Show>
        </main>
    }
}
