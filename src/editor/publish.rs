//! Preview and Publish in the top bar. Both act on the saved draft, so they wait until autosave
//! has caught up; Preview opens a signed share link in a new tab, Publish puts the draft live as
//! the next version and says where, or lists what the server refused.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use super::persist::{Persist, SaveState};
use crate::api::client::ApiError;
use crate::api::publishing;
use crate::i18n::use_i18n;

/// What the last Preview or Publish click came to.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Working,
    Published {
        number: i64,
        url: String,
    },
    PreviewBlocked(String),
    Failed {
        message: String,
        problems: Vec<String>,
    },
}

/// The server's problems, `path: message`, for a refusal that lists them.
fn problems(error: &ApiError) -> Vec<String> {
    let ApiError::Http { details, .. } = error else {
        return Vec::new();
    };
    let listed = details.as_array().map(Vec::as_slice).unwrap_or_default();
    listed
        .iter()
        .take(5)
        .filter_map(|p| {
            let path = p.get("path").and_then(Value::as_str)?;
            let message = p.get("message").and_then(Value::as_str)?;
            Some(format!("{path}: {message}"))
        })
        .collect()
}

fn failed(error: &ApiError) -> Outcome {
    Outcome::Failed {
        message: error.to_string(),
        problems: problems(error),
    }
}

/// The Preview and Publish buttons with their result.
#[component]
pub fn PublishButtons(persist: Persist) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = RwSignal::new(None::<Outcome>);
    let saved = move || persist.state.get() == SaveState::Saved;
    let idle = move || saved() && outcome.get() != Some(Outcome::Working);
    let hint = move || (!saved()).then(|| i18n.t().wait_until_saved);

    let preview = move |_| {
        // Opened within the click, so the browser allows the tab; pointed at the link once known.
        let tab = window()
            .open_with_url_and_target("", "_blank")
            .ok()
            .flatten();
        outcome.set(Some(Outcome::Working));
        spawn_local(async move {
            let link = publishing::preview_link(&persist.id.get_value()).await;
            outcome.set(match (link, tab) {
                (Ok(link), Some(tab)) if tab.location().set_href(&link.url).is_ok() => None,
                (Ok(link), _) => Some(Outcome::PreviewBlocked(link.url)),
                (Err(e), tab) => {
                    if let Some(tab) = tab {
                        let _ = tab.close();
                    }
                    Some(failed(&e))
                }
            });
        });
    };
    let publish = move |_| {
        outcome.set(Some(Outcome::Working));
        spawn_local(async move {
            let published =
                publishing::publish(&persist.id.get_value(), persist.version.get_value()).await;
            outcome.set(Some(match published {
                Ok(p) => Outcome::Published {
                    number: p.number,
                    url: p.url,
                },
                Err(e) => failed(&e),
            }));
        });
    };

    let result = move || {
        let t = i18n.t();
        match outcome.get()? {
            Outcome::Working => Some(view! { <p role="status">{t.working}</p> }.into_any()),
            Outcome::Published { number, url } => Some(
                view! {
                    <p role="status">
                        {format!("{} {number}. ", t.published_version)}
                        <a href=url target="_blank" rel="noopener">
                            {t.open_live_page}
                        </a>
                    </p>
                }
                .into_any(),
            ),
            Outcome::PreviewBlocked(url) => Some(
                view! {
                    <p role="status">
                        {t.preview_blocked}" " <a href=url target="_blank" rel="noopener">
                            {t.open_preview}
                        </a>
                    </p>
                }
                .into_any(),
            ),
            Outcome::Failed { message, problems } => Some(
                view! {
                    <div role="alert" class="publish__error">
                        <p>{message}</p>
                        <ul>
                            {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                        </ul>
                    </div>
                }
                .into_any(),
            ),
        }
    };

    view! {
        <div class="toolbar__group publish">
            <button type="button" disabled=move || !idle() title=hint on:click=preview>
                {move || i18n.t().preview}
            </button>
            <button
                type="button"
                class="primary"
                disabled=move || !idle()
                title=hint
                on:click=publish
            >
                {move || i18n.t().publish}
            </button>
            <div class="publish__result">{result}</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_refusal_lists_the_servers_problems_by_path() {
        let error = ApiError::Http {
            status: 422,
            code: cradle_wire::ErrorCode::InvalidDocument,
            message: "the page has 2 problems".into(),
            details: json!([
                {"path": "/blocks/w/props/campaign", "message": "choose a campaign"},
                {"path": "/slug", "message": "this address is taken"},
                {"unexpected": true}
            ]),
        };
        assert_eq!(
            problems(&error),
            vec![
                "/blocks/w/props/campaign: choose a campaign",
                "/slug: this address is taken"
            ]
        );
        let conflict = ApiError::Http {
            status: 409,
            code: cradle_wire::ErrorCode::VersionConflict,
            message: "the draft changed".into(),
            details: json!({"current_version": 4}),
        };
        assert_eq!(
            failed(&conflict),
            Outcome::Failed {
                message: "the draft changed".into(),
                problems: Vec::new()
            }
        );
        assert!(problems(&ApiError::Network("down".into())).is_empty());
    }
}
