//! The app shell: what the app provides (language) and the router. Each route's page lives in `pages/`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::provide_i18n;
use crate::pages::login::provide_session;
use crate::pages::{
    editor::EditorPage, member::MemberPage, not_found::NotFound, preview::PreviewPage,
    projects::ProjectsPage,
};

/// Root component: wires the routes to their pages.
#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_session();
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=ProjectsPage />
                <Route path=path!("/edit/:id") view=EditorPage />
                <Route path=path!("/c/:slug") view=MemberPage />
                <Route path=path!("/preview/:token") view=PreviewPage />
            </Routes>
        </Router>
    }
}
