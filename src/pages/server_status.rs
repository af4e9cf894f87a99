//! A one-line server status (health and database), shown at the foot of the entry pages.

use leptos::prelude::*;

use crate::api::health;
use crate::i18n::use_i18n;

/// "Server: ok (sqlite, v0.1.0)" or why the server cannot be reached.
#[component]
pub fn ServerStatus() -> impl IntoView {
    let i18n = use_i18n();
    let status = LocalResource::new(health::fetch);
    view! {
        <p class="server-status" role="status">
            <Suspense fallback=move || {
                i18n.t().checking_server
            }>
                {move || {
                    status
                        .get()
                        .map(|result| match result {
                            Ok(h) => {
                                format!(
                                    "{}: {} ({}, v{})",
                                    i18n.t().server_status,
                                    h.status,
                                    h.db,
                                    h.version,
                                )
                            }
                            Err(e) => e.to_string(),
                        })
                }}
            </Suspense>
        </p>
    }
}
