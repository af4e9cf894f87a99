//! A page's failure message: announced to screen readers as it appears, nothing while all is well.

use leptos::prelude::*;

/// Shows `message` as an alert while there is one.
#[component]
pub fn Alert(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|why| {
            view! {
                <p class="error" role="alert">
                    {why}
                </p>
            }
        })
    }
}
