//! A page's "Loading…" while what it shows is on its way (the session, the page being edited).

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// "Loading…", announced politely.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="page" role="status">
            {move || i18n.t().loading}
        </p>
    }
}
