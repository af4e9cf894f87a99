//! `/preview/:token`: a draft shown through a share link. A placeholder until the publish issue.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::i18n::use_i18n;

/// The draft preview page.
#[component]
pub fn PreviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    view! {
        <main class="page">
            <h1>{move || i18n.t().draft_preview}</h1>
            <p>{move || i18n.t().preview_link} " " <code>{token}</code></p>
        </main>
    }
}
