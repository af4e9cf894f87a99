//! The page's language, in the page panel under its address: what members read (the words around
//! the blocks, and the default text of blocks added from now on). A change is one undo step.

use cradle_model::Command;
use leptos::prelude::*;

use super::Editor;
use crate::i18n::{use_i18n, Lang};

/// The page-language select.
#[component]
pub(super) fn PageLanguage(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label for="page-language" class="field__label">
            {move || i18n.t().page_language}
        </label>
        <select
            id="page-language"
            prop:value=move || editor.render.language.get().tag()
            on:change=move |ev| {
                if let Some(language) = Lang::from_tag(&event_target_value(&ev)) {
                    editor.apply(Command::SetLanguage { language });
                }
            }
        >
            <option value="zh-CN">"简体中文"</option>
            <option value="en">"English"</option>
        </select>
    }
}
