//! `/`: the marketer's projects list. For now it shows the server's status; the list, templates
//! and search arrive with the builder.

use leptos::prelude::*;

use crate::api::health;
use crate::i18n::{use_i18n, LanguageSwitch};

/// The projects page.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = LocalResource::new(health::fetch);
    view! {
        <main class="page">
            <header class="page__header">
                <h1>"Cradle"</h1>
                <p class="page__lead">{move || i18n.t().app_tagline}</p>
                <LanguageSwitch />
            </header>
            <section aria-labelledby="projects-heading">
                <h2 id="projects-heading">{move || i18n.t().projects}</h2>
                <p class="empty">{move || i18n.t().no_projects}</p>
            </section>
            <p class="server-status" role="status">
                <Suspense fallback=move || i18n.t().checking_server>
                    {move || status.get().map(|result| match result {
                        Ok(h) => format!("{}: {} ({}, v{})", i18n.t().server_status, h.status, h.db, h.version),
                        Err(e) => e.to_string(),
                    })}
                </Suspense>
            </p>
        </main>
    }
}
