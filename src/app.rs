//! The app shell: what the app provides (language) and the router. Each route's page lives in
//! `pages/`. Member pages (`/c/{slug}`, `/preview/{token}`) are not here: the server draws them
//! and the member runtime (`member/`) makes them interactive.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::provide_i18n;
use crate::pages::login::provide_session;
use crate::pages::{
    clerk::ClerkPage, club::ClubPage, editor::EditorPage, integration::IntegrationPage,
    not_found::NotFound, projects::ProjectsPage,
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
                <Route path=path!("/club") view=ClubPage />
                <Route path=path!("/clerk") view=ClerkPage />
                <Route path=path!("/integration") view=IntegrationPage />
            </Routes>
        </Router>
    }
}
