//! Preview and Publish in the top bar. Both act on the saved draft, so they wait until autosave
//! has caught up; Preview opens a signed share link in a new tab, Publish puts the draft live as
//! the next version and says where, or lists what the server refused, in the builder's language.

use cradle_model::validate::{validate, Kind, ValidationError};
use cradle_wire::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use super::later::later;
use super::persist::{Persist, SaveState};
use super::Editor;
use crate::api::client::ApiError;
use crate::api::publishing;
use crate::i18n::{strings, use_i18n, Lang};

/// What the last Preview or Publish click came to.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Working,
    Published {
        number: i64,
        url: String,
    },
    PreviewBlocked(String),
    /// The server's refusal, with the draft's own problems then (to word the server's in the
    /// builder's language).
    Failed {
        error: ApiError,
        local: Vec<ValidationError>,
    },
}

/// The refusal's first line: the builder's own words where the code says enough, else the
/// server's sentence.
fn headline(error: &ApiError, ui: Lang) -> String {
    let t = strings(ui);
    match error {
        ApiError::Http {
            code: ErrorCode::InvalidDocument,
            details,
            ..
        } => (t.page_has_problems)(details.as_array().map_or(0, Vec::len)),
        ApiError::Http {
            code: ErrorCode::SlugTaken,
            ..
        } => t.address_taken.to_owned(),
        other => other.to_string(),
    }
}

/// The server's problems, `path: message`, for a refusal that lists them. The server writes
/// English; a problem the draft's own validation (`local`, same model) finds at the same path and
/// of the same kind is worded in `ui` instead. Others (checks only the server makes, such as
/// stock already issued) are named by their kind in `ui`, with the server's specifics after.
fn problems(error: &ApiError, local: &[ValidationError], ui: Lang) -> Vec<String> {
    let ApiError::Http { code, details, .. } = error else {
        return Vec::new();
    };
    if *code == ErrorCode::SlugTaken {
        return Vec::new(); // the headline says it
    }
    let listed = details.as_array().map(Vec::as_slice).unwrap_or_default();
    listed
        .iter()
        .take(5)
        .filter_map(|p| {
            let path = p.get("path").and_then(Value::as_str)?;
            let message = p.get("message").and_then(Value::as_str)?;
            let kind = p
                .get("kind")
                .and_then(|k| serde_json::from_value::<Kind>(k.clone()).ok());
            let message = match local
                .iter()
                .find(|e| e.path == path && Some(e.kind) == kind)
            {
                Some(e) => e.message_in(ui),
                // Checked only by the server: its kind in the builder's words, its specifics as sent.
                None => match (ui, kind) {
                    (Lang::En, _) | (_, None) => message.to_owned(),
                    (_, Some(kind)) => format!("{}（{message}）", kind.describe(ui)),
                },
            };
            Some(format!("{path}: {message}"))
        })
        .collect()
}

later!(
    publish,
    pub fn buttons(editor: Editor, persist: Persist) {
        view! { <PublishButtons editor persist /> }
    }
);

/// The Preview and Publish buttons with their result.
#[component]
fn PublishButtons(editor: Editor, persist: Persist) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = RwSignal::new(None::<Outcome>);
    let failed = move |error: ApiError| Outcome::Failed {
        error,
        local: editor.with_doc(validate),
    };
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
                    Some(failed(e))
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
                Err(e) => failed(e),
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
            Outcome::Failed { error, local } => Some(
                view! {
                    <div role="alert" class="publish__error">
                        <p>{headline(&error, i18n.lang())}</p>
                        <ul>
                            {problems(&error, &local, i18n.lang())
                                .into_iter()
                                .map(|p| view! { <li>{p}</li> })
                                .collect_view()}
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
    use cradle_model::{Document, Language};
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_refusal_lists_the_servers_problems_in_the_builders_language() {
        let mut doc = Document::blank("d1", "", "club");
        doc.theme.radius = 99;
        let local = validate(&doc);
        // As the server sends them: English, the same model's paths and kinds.
        let error = ApiError::Http {
            status: 422,
            code: ErrorCode::InvalidDocument,
            message: "the page has 3 problems".into(),
            details: json!([
                {"path": "/title", "kind": "required", "message": "title must not be empty"},
                {"path": "/theme/radius", "kind": "out_of_range", "message": "corner radius (px) must be at most 32"},
                {"path": "/campaigns/0/prizes/1/stock", "kind": "inconsistent",
                 "message": "40 of 'coupon' are already issued"},
                {"unexpected": true}
            ]),
        };
        assert_eq!(headline(&error, Language::ZhCn), "页面有 4 个问题：");
        assert_eq!(
            problems(&error, &local, Language::ZhCn),
            vec![
                "/title: 请填写标题",
                "/theme/radius: 圆角（像素）不能大于 32",
                // Only the server checks stock already issued: its kind in Chinese, its specifics.
                "/campaigns/0/prizes/1/stock: 与其他设置相互矛盾（40 of 'coupon' are already issued）",
            ]
        );
        assert_eq!(
            problems(&error, &local, Language::En)[0],
            "/title: title must not be empty"
        );

        let taken = ApiError::Http {
            status: 409,
            code: ErrorCode::SlugTaken,
            message: "another page is already live at /c/club".into(),
            details: json!([{"path": "/slug", "message": "this address is taken"}]),
        };
        assert_eq!(headline(&taken, Language::ZhCn), "此地址已被其他页面使用。");
        assert!(problems(&taken, &local, Language::ZhCn).is_empty());
        let conflict = ApiError::Http {
            status: 409,
            code: ErrorCode::VersionConflict,
            message: "the draft changed".into(),
            details: json!({"current_version": 4}),
        };
        assert_eq!(headline(&conflict, Language::ZhCn), "the draft changed");
        assert!(problems(&conflict, &local, Language::ZhCn).is_empty());
        assert!(problems(&ApiError::Network("down".into()), &local, Language::En).is_empty());
    }
}
