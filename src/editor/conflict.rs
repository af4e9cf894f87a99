//! The conflict dialog, shown when a save finds that someone else saved first: load theirs, keep
//! mine as a copy, or overwrite theirs after confirming. Nothing is overwritten silently.

use cradle_model::parse::decode_document;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::later::{later, Later};
use super::persist::{Persist, SaveState};
use super::Editor;
use crate::api::documents;
use crate::i18n::use_i18n;

/// The dialog (rendered while the save state is a conflict; its code is in the `dialogs` chunk,
/// fetched when one opens).
#[component]
pub fn ConflictDialog(editor: Editor, persist: Persist) -> impl IntoView {
    let conflict = move || matches!(persist.state.get(), SaveState::Conflict(_));
    view! {
        <Show when=conflict>
            <Later load=move || dialog(editor, persist) />
        </Show>
    }
}

later!(
    dialogs,
    fn dialog(editor: Editor, persist: Persist) {
        view! { <Dialog editor persist /> }
    }
);

#[component]
fn Dialog(editor: Editor, persist: Persist) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let current = move || match persist.state.get() {
        SaveState::Conflict(v) => Some(v),
        _ => None,
    };
    let load_theirs = move |_| {
        let id = persist.id.get_value();
        spawn_local(async move {
            match documents::get(&id).await {
                Ok(draft) => match decode_document(&draft.document) {
                    Ok(doc) => {
                        editor.replace(doc);
                        persist.reloaded(draft.version);
                    }
                    Err(e) => failure.set(Some(e[0].to_string())),
                },
                Err(e) => failure.set(Some(e.to_string())),
            }
        });
    };
    let keep_copy = move |_| {
        let mut mine = editor.snapshot();
        spawn_local(async move {
            let title = (editor.t().my_copy)(&mine.title)
                .chars()
                .take(80)
                .collect::<String>();
            let created = match documents::create(&title, None, "blank", mine.language).await {
                Ok(c) => c,
                Err(e) => return failure.set(Some(e.to_string())),
            };
            mine.id = created.id.clone();
            mine.title = title;
            mine.slug = created.document["slug"]
                .as_str()
                .unwrap_or("copy")
                .to_owned();
            let json = serde_json::to_value(&mine).unwrap_or_default();
            match documents::save(&created.id, created.version, &json).await {
                Ok(_) => {
                    persist.forget_draft();
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_href(&format!("/edit/{}", created.id));
                    }
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
        });
    };
    let overwrite = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        if let Some(v) = current() {
            confirming.set(false);
            persist.resolved(v);
        }
    };
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="conflict-title"
                aria-describedby="conflict-text"
            >
                <h2 id="conflict-title">{move || i18n.t().conflict_title}</h2>
                <p id="conflict-text">{move || i18n.t().conflict_text}</p>
                <div class="dialog__actions">
                    <button type="button" on:click=load_theirs>
                        {move || i18n.t().load_theirs}
                    </button>
                    <button type="button" on:click=keep_copy>
                        {move || i18n.t().keep_mine_as_copy}
                    </button>
                    <button type="button" class="danger" on:click=overwrite>
                        {move || {
                            if confirming.get() {
                                i18n.t().confirm_overwrite
                            } else {
                                i18n.t().overwrite
                            }
                        }}
                    </button>
                </div>
                {move || {
                    failure
                        .get()
                        .map(|f| {
                            view! {
                                <p role="alert" class="error">
                                    {f}
                                </p>
                            }
                        })
                }}
            </div>
        </div>
    }
}
