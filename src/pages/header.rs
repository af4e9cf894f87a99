//! The header of the app's own pages (club settings, the till, integration): back to the
//! projects, the title, what the page is for, and the language switch.

use leptos::prelude::*;

use crate::i18n::LanguageSwitch;

/// A page's header, in the page's words.
#[component]
pub fn PageHeader(
    /// "← Projects".
    #[prop(into)]
    back: Signal<&'static str>,
    /// The page's title (its one `h1`).
    #[prop(into)]
    title: Signal<&'static str>,
    /// What the page is for.
    #[prop(into)]
    lead: Signal<&'static str>,
) -> impl IntoView {
    view! {
        <header class="page__header">
            <a href="/">{back}</a>
            <h1>{title}</h1>
            <p class="page__lead">{lead}</p>
            <div class="page__tools">
                <LanguageSwitch />
            </div>
        </header>
    }
}
