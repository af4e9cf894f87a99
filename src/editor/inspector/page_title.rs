//! The page's title in the page panel: what the projects list, the browser tab and share cards
//! show. Typing is one undo step per visit to the field.

use cradle_model::Command;
use leptos::prelude::*;

use super::{errors_at, Editor};
use crate::i18n::use_i18n;

/// The page-title field.
#[component]
pub(super) fn PageTitle(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    let errors = Signal::derive(errors_at(editor, "/title".into(), false));
    let invalid = move || (!errors.get().is_empty()).to_string();
    view! {
        <label for="page-title" class="field__label">
            {move || i18n.t().page_title}
        </label>
        <input
            id="page-title"
            type="text"
            prop:value=move || editor.title.get()
            aria-invalid=invalid
            aria-describedby="page-title-err"
            on:input=move |ev| {
                editor
                    .apply_grouped(
                        Command::SetTitle {
                            title: event_target_value(&ev),
                        },
                        "title",
                    );
            }
            on:blur=move |_| editor.seal()
        />
        <ul class="field__errors" id="page-title-err" role="alert">
            {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
        </ul>
    }
}
