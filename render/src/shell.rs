//! What a member page shows around its blocks: the member bar (visitor, signing in, signed in),
//! the closed and not-found states. The server draws them into the page's HTML; the member runtime
//! mounts the same [`MemberBar`] over the server's copy to make its buttons work, so nothing moves
//! when the wasm arrives.

use cradle_model::Language;
use leptos::prelude::*;

use crate::words::{countdown, words};

/// Who is looking at a member page, as the member bar shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BarState {
    /// No session: the public content, and how to get in (the demo button when the server runs
    /// with demo members).
    Visitor {
        /// Whether the "try as a demo member" control is offered.
        demo: bool,
    },
    /// A sign-in link is being turned into a session.
    SigningIn,
    /// A member of the page's brand, named by their member code.
    Member {
        /// The member's code.
        code: String,
    },
    /// Signing in failed; the message says what to do.
    Failed(&'static str),
    /// The network is gone: a retry button.
    Offline,
}

/// The bar at the top of a member page.
#[component]
pub fn MemberBar(
    /// The page language.
    lang: Language,
    /// What the bar shows.
    #[prop(into)]
    state: Signal<BarState>,
    /// Opens a demo session (the runtime's; the server's copy has none).
    #[prop(optional)]
    on_demo: Option<Callback<()>>,
    /// Tries the failed step again.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let w = words(lang);
    view! {
        <div class="member-bar" aria-live="polite">
            {move || match state.get() {
                BarState::Visitor { demo } => {
                    view! {
                        <p class="member-bar__text">
                            <strong>{w.visitor}</strong>
                            " "
                            {w.way_in}
                        </p>
                        {demo
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="member-bar__action"
                                        on:click=move |_| {
                                            if let Some(demo) = on_demo {
                                                demo.run(());
                                            }
                                        }
                                    >
                                        {w.try_demo}
                                    </button>
                                }
                            })}
                    }
                        .into_any()
                }
                BarState::SigningIn => {
                    view! { <p class="member-bar__text">{w.signing_in}</p> }.into_any()
                }
                BarState::Member { code } => {
                    view! {
                        <p class="member-bar__text">{w.signed_in_as} " " <strong>{code}</strong></p>
                    }
                        .into_any()
                }
                BarState::Failed(why) => {
                    view! {
                        <p class="member-bar__text member-bar__text--error" role="alert">
                            {why}
                        </p>
                    }
                        .into_any()
                }
                BarState::Offline => {
                    view! {
                        <p class="member-bar__text member-bar__text--error" role="alert">
                            <strong>{w.offline}</strong>
                            " "
                            {w.offline_text}
                        </p>
                        <button
                            type="button"
                            class="member-bar__action"
                            on:click=move |_| {
                                if let Some(retry) = on_retry {
                                    retry.run(());
                                }
                            }
                        >
                            {w.retry}
                        </button>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// A page outside its schedule: when it opens (with a countdown the runtime ticks, reloading the
/// page at zero) or when it closed. `at` is already in the workspace's time zone.
#[component]
pub fn ClosedNotice(
    /// The page language.
    lang: Language,
    /// Not open yet (`true`) or closed (`false`).
    opening: bool,
    /// When it opens or closed, as the member reads it.
    at: String,
    /// When it opens (RFC 3339), for the countdown.
    until: Option<String>,
    /// Seconds until it opens.
    left: i64,
) -> impl IntoView {
    let w = words(lang);
    let (title, label) = match opening {
        true => (w.not_started, w.opens_at),
        false => (w.ended, w.closed_at),
    };
    view! {
        <main class="member member--closed">
            <h1>{title}</h1>
            <p>{format!("{label} {at}")}</p>
            {until
                .map(|until| {
                    view! {
                        <p class="member__countdown">
                            {w.opens_in} " " <strong role="timer" data-until=until data-reload="">
                                {countdown(left, lang)}
                            </strong>
                        </p>
                    }
                })}
        </main>
    }
}

/// No page at this address.
#[component]
pub fn NotFoundNotice(
    /// The language to say it in.
    lang: Language,
) -> impl IntoView {
    let w = words(lang);
    view! {
        <main class="member member--closed">
            <h1>{w.not_found}</h1>
            <p>{w.not_found_text}</p>
        </main>
    }
}
