//! `/c/:slug`: the published page a member opens on a phone, drawn by the same renderer as the
//! editor canvas.

use cradle_model::parse::decode_document;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;
use serde_json::Value;

use crate::api::client::get_json;
use crate::i18n::use_i18n;
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
