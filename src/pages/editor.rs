//! `/edit/:id`: the builder. A placeholder until the builder issue lands.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::i18n::use_i18n;

/// The editor page for one document.
#[component]
pub fn EditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <main class="page">
            <h1>{move || i18n.t().editor}</h1>
            <p>{move || i18n.t().document} " " <code>{id}</code></p>
            <a href="/">{move || i18n.t().back_to_projects}</a>
        </main>
    }
}
