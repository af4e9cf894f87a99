//! `/c/:slug`: the published club page a member opens on a phone. A placeholder until the
//! member page issue lands.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::i18n::use_i18n;

/// The member page for one published slug.
#[component]
pub fn MemberPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    view! {
        <main class="member">
            <h1>{move || i18n.t().club_page}</h1>
            <p>{move || i18n.t().page} " " <code>{slug}</code></p>
        </main>
    }
}
