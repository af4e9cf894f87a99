//! `/preview/:token`: a draft shown through a share link, in a phone frame, drawn by the same
//! renderer members get.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;
use serde_json::Value;

use crate::api::client::get_json;
use crate::i18n::use_i18n;
use crate::pages::member::DocumentView;

#[derive(Deserialize)]
struct Preview {
    document: Value,
}

/// The draft preview page.
#[component]
pub fn PreviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let draft = LocalResource::new(move || {
        let token = token();
        async move {
            get_json::<Preview>(&format!("/api/preview/{token}"))
                .await
                .map(|p| p.document)
        }
    });
    view! {
        <div class="preview">
            <p class="preview__banner" role="note">
                {move || i18n.t().draft_preview}
            </p>
            <div class="frame frame--phone">
                <DocumentView source=draft />
            </div>
        </div>
    }
}
