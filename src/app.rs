//! The two apps the builder is made of, each its own wasm so that neither carries the other's
//! code: the editor (`/edit/{id}`, the page a marketer spends the day in and waits for) and the
//! office (the projects, club settings, the till and integration). Links between them are page
//! loads (the office's router is told so with `rel="external"`). Member pages (`/c/{slug}`,
//! `/preview/{token}`) are in neither: the server draws them and the member runtime (`member/`)
//! makes them interactive.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::provide_i18n;
use crate::pages::login::provide_session;
use crate::pages::{
    clerk::ClerkPage, club::ClubPage, editor::EditorPage, integration::IntegrationPage,
    not_found::NotFound, projects::ProjectsPage,
};

/// The editor app (`main.rs`): the page `/edit/{id}` names. The server sends this app for that
/// route alone, so it needs no router (nor its code): the id is the rest of the path.
#[component]
pub fn EditorApp() -> impl IntoView {
    provide_i18n();
    provide_session();
    let path = window().location().pathname().unwrap_or_default();
    let id = path.strip_prefix("/edit/").unwrap_or_default().to_owned();
    view! { <EditorPage id /> }
}

/// The office app (`bin/office.rs`): every page but the editor.
#[component]
pub fn OfficeApp() -> impl IntoView {
    provide_i18n();
    provide_session();
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=ProjectsPage />
                <Route path=path!("/club") view=ClubPage />
                <Route path=path!("/clerk") view=ClerkPage />
                <Route path=path!("/integration") view=IntegrationPage />
            </Routes>
        </Router>
    }
}
