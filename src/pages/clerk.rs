//! `/clerk`: the till's screen for prize codes. A clerk types (or scans) the code a member shows,
//! sees the prize and whom it was issued to, and redeems it once; a code already redeemed,
//! expired or unknown is refused with the reason, in the clerk's language.

mod scan;
mod words;

use cradle_wire::draws::CodeInfo;
use cradle_wire::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::client::ApiError;
use crate::api::redemptions;
use crate::i18n::use_i18n;
use crate::pages::header::PageHeader;
use crate::pages::login::RequireLogin;
use crate::pages::projects::edited;
use scan::Scan;
pub use words::words;

/// The clerk screen.
#[component]
pub fn ClerkPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <Redeem />
        </RequireLogin>
    }
}

/// Where the screen stands.
#[derive(Clone, PartialEq)]
enum Step {
    Idle,
    Busy,
    /// Looked up and redeemable.
    Found(CodeInfo),
    /// Just redeemed.
    Done(CodeInfo),
    /// Refused, saying why (with the code's facts when known).
    Refused(String, Option<CodeInfo>),
}

#[component]
fn Redeem() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let typed = RwSignal::new(String::new());
    let step = RwSignal::new(Step::Idle);
    let look_up = move || {
        let code = typed.get_untracked();
        if code.trim().is_empty() {
            return;
        }
        step.set(Step::Busy);
        spawn_local(async move {
            let w = words(i18n.lang_now());
            step.set(match redemptions::lookup(&code).await {
                Ok(info) => match info.redeemed_at {
                    Some(at) => Step::Refused(w.already(&edited(at)), Some(info)),
                    None if info.expires_at < js_sys::Date::now() as i64 => {
                        Step::Refused(w.expired(&edited(info.expires_at)), Some(info))
                    }
                    None => Step::Found(info),
                },
                Err(e) => Step::Refused(refusal(&e, i18n.lang_now()), None),
            });
        });
    };
    let redeem = move |code: String| {
        step.set(Step::Busy);
        spawn_local(async move {
            step.set(match redemptions::redeem(&code).await {
                Ok(info) => Step::Done(info),
                Err(e) => Step::Refused(refusal(&e, i18n.lang_now()), None),
            });
        });
    };
    view! {
        <main class="page clerk-page">
            <PageHeader
                back=Signal::derive(move || w().back)
                title=Signal::derive(move || w().title)
                lead=Signal::derive(move || w().lead)
            />
            <form
                class="clerk-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    look_up();
                }
            >
                <label for="prize-code">{move || w().code}</label>
                <input
                    id="prize-code"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    placeholder=move || w().code_hint
                    prop:value=move || typed.get()
                    on:input=move |ev| {
                        typed.set(event_target_value(&ev));
                        step.set(Step::Idle);
                    }
                />
                <button type="submit" class="primary" disabled=move || step.get() == Step::Busy>
                    {move || w().look_up}
                </button>
            </form>
            <Scan found=Callback::new(move |code: String| {
                typed.set(code);
                look_up();
            }) />
            <section class="clerk-result" aria-live="polite">
                {move || match step.get() {
                    Step::Idle | Step::Busy => ().into_any(),
                    Step::Found(info) => {
                        let code = info.code.clone();
                        view! {
                            <Facts info />
                            <p class="clerk-result__ok">{w().ready}</p>
                            <button
                                type="button"
                                class="primary"
                                on:click=move |_| redeem(code.clone())
                            >
                                {w().redeem}
                            </button>
                        }
                            .into_any()
                    }
                    Step::Done(info) => {
                        view! {
                            <Facts info />
                            <p class="clerk-result__ok" role="status">
                                {w().redeemed_now}
                            </p>
                        }
                            .into_any()
                    }
                    Step::Refused(why, info) => {
                        view! {
                            {info.map(|info| view! { <Facts info /> })}
                            <p class="error" role="alert">
                                {why}
                            </p>
                        }
                            .into_any()
                    }
                }}
            </section>
        </main>
    }
}

/// What the code stands for.
#[component]
fn Facts(info: CodeInfo) -> impl IntoView {
    let i18n = use_i18n();
    let w = words(i18n.lang_now());
    view! {
        <dl class="clerk-facts">
            <dt>{w.code}</dt>
            <dd>
                <code>{info.code}</code>
            </dd>
            <dt>{w.prize}</dt>
            <dd>{info.prize_name}</dd>
            <dt>{w.member}</dt>
            <dd>{info.member}</dd>
            <dt>{w.issued}</dt>
            <dd>{edited(info.issued_at)}</dd>
            <dt>{w.expires}</dt>
            <dd>{edited(info.expires_at)}</dd>
        </dl>
    }
}

/// Why the server refused, in the clerk's words.
fn refusal(e: &ApiError, lang: crate::i18n::Lang) -> String {
    let w = words(lang);
    let at = |key: &str| match e {
        ApiError::Http { details, .. } => details[key]
            .as_str()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| edited(t.timestamp_millis()))
            .unwrap_or_default(),
        _ => String::new(),
    };
    match e {
        ApiError::Http { code, .. } => match code {
            ErrorCode::UnknownCode | ErrorCode::NotFound => w.unknown.to_owned(),
            ErrorCode::AlreadyRedeemed => w.already(&at("redeemed_at")),
            ErrorCode::ExpiredCode => w.expired(&at("expired_at")),
            ErrorCode::Forbidden => w.forbidden.to_owned(),
            _ => e.to_string(),
        },
        _ => e.to_string(),
    }
}
