//! The page for any path the app does not know.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// "Page not found", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main class="page">
            <h1>{move || i18n.t().not_found}</h1>
            <p>{move || i18n.t().not_found_text}</p>
            <a href="/">{move || i18n.t().go_to_projects}</a>
        </main>
    }
}
