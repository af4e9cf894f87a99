//! Logging in: the session context, the login form and a wrapper that shows the form until a
//! user is logged in (the office's pages; the editor signs in through the office, `round_trip`).

pub mod round_trip;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::auth::{self, SessionInfo};
use crate::i18n::{use_i18n, LanguageSwitch};
use crate::pages::alert::Alert;
use crate::pages::loading::Loading;
use crate::pages::server_status::ServerStatus;

/// The logged-in session, if any (`None` while checking).
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<Option<Result<SessionInfo, NoSession>>>);

/// Why there is no session.
#[derive(Clone, Debug)]
pub enum NoSession {
    /// The server says she is signed out.
    SignedOut,
    /// The session could not be checked; the message says why.
    Unchecked(String),
}

/// Checks the session once and provides it.
pub fn provide_session() {
    let session = Session(RwSignal::new(None));
    spawn_local(async move {
        let result = match auth::session().await {
            Ok(Some(info)) => Ok(info),
            Ok(None) => Err(NoSession::SignedOut),
            Err(e) => Err(NoSession::Unchecked(e.to_string())),
        };
        session.0.set(Some(result));
    });
    provide_context(session);
}

/// The session provided by [`provide_session`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Shows `children` once logged in, the login form otherwise.
#[component]
pub fn RequireLogin(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let children = StoredValue::new(children);
    move || match session.0.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(_)) => children.with_value(|c| c()).into_any(),
        Some(Err(_)) => view! { <LoginForm /> }.into_any(),
    }
}

#[component]
fn LoginForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let hint = LocalResource::new(|| async { auth::setup().await.ok().and_then(|s| s.hint) });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        spawn_local(async move {
            match auth::login(&email.get_untracked(), &password.get_untracked()).await {
                Ok(info) => match round_trip::return_to(&search()) {
                    // She came from an editor page: back to it.
                    Some(page) => {
                        let _ = window().location().replace(&page);
                    }
                    None => session.0.set(Some(Ok(info))),
                },
                Err(e) => error.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };
    view! {
        <main class="page login">
            <header class="page__header">
                <h1>"Cradle"</h1>
                <p class="page__lead">{move || i18n.t().app_tagline}</p>
                <LanguageSwitch />
            </header>
            <form class="login__form" on:submit=submit>
                <h2>{move || i18n.t().log_in}</h2>
                <label for="login-email">{move || i18n.t().email}</label>
                <input
                    id="login-email"
                    type="email"
                    autocomplete="username"
                    required
                    prop:value=email
                    on:input=move |ev| email.set(event_target_value(&ev))
                />
                <label for="login-password">{move || i18n.t().password}</label>
                <input
                    id="login-password"
                    type="password"
                    autocomplete="current-password"
                    required
                    prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
                <button type="submit" class="primary" disabled=busy>
                    {move || i18n.t().log_in}
                </button>
                <Alert message=error />
            </form>
            <Suspense fallback=|| ()>
                {move || {
                    hint.get()
                        .flatten()
                        .map(|h| {
                            view! {
                                <p class="hint" role="note">
                                    {h}
                                </p>
                            }
                        })
                }}
            </Suspense>
            <ServerStatus />
        </main>
    }
}

/// The address's query string (`?…`), empty if none.
fn search() -> String {
    window().location().search().unwrap_or_default()
}
