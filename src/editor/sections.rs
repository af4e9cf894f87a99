//! Saved sections: blocks the workspace keeps for reuse in any page, stored on the server.
//! "Save as section" asks for a name ([`SaveSectionDialog`]); the palette lists them under "Saved
//! sections" ([`SavedSections`]), where a click, Enter or a drag inserts a fresh copy of the blocks
//! as one undo step, and a delete asks for confirmation first.

use cradle_model::parse::parse_fragments;
use cradle_model::{Fragment, Language};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::clipboard::selected_fragments;
use super::dnd::{start_drag, Dnd, DragSource};
use super::keyboard::focus_block;
use super::later::{after_first_paint, later, Later};
use super::Editor;
use crate::api::sections::{self as api, Stored};
use crate::i18n::use_i18n;

/// The id of the toolbar's "Save as section" button, where focus returns when the dialog closes.
pub const SAVE_SECTION_BUTTON: &str = "save-as-section";

/// A saved section, its blocks checked by the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The blocks, in order.
    pub fragments: Vec<Fragment>,
}

impl Section {
    /// The section, unless its stored blocks no longer read as valid fragments; missing props
    /// take the defaults of a page in `language`.
    fn read(stored: Stored, language: Language) -> Option<Section> {
        Some(Section {
            fragments: parse_fragments(&stored.fragments, language).ok()?,
            id: stored.id,
            name: stored.name,
        })
    }
}

/// The workspace's sections and the naming dialog's state. `Copy`: it holds only handles.
#[derive(Clone, Copy)]
pub struct Sections {
    editor: Editor,
    /// The sections, oldest first.
    pub items: RwSignal<Vec<Section>>,
    /// Whether the name dialog is open.
    pub naming: RwSignal<bool>,
    /// Why the last save failed (shown in the dialog).
    failure: RwSignal<Option<String>>,
}

impl Sections {
    /// The workspace's sections, loaded after the first paint (in the palette's chunk, which
    /// shows them).
    pub fn new(editor: Editor) -> Sections {
        let sections = Sections {
            editor,
            items: RwSignal::new(Vec::new()),
            naming: RwSignal::new(false),
            failure: RwSignal::new(None),
        };
        after_first_paint(move || spawn_local(async move { _ = load(sections).await }));
        sections
    }

    /// Opens the name dialog for the selected blocks (or says to select some first).
    pub fn ask_name(&self) {
        if self.editor.selection.with_untracked(Vec::is_empty) {
            self.editor
                .refusal
                .set(Some(self.editor.t().select_blocks_for_section.into()));
            return;
        }
        self.failure.set(None);
        self.naming.set(true);
    }

    /// Closes the name dialog and puts focus back on the button that opened it.
    fn close(&self) {
        self.naming.set(false);
        let button = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(SAVE_SECTION_BUTTON))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
        }
    }

    fn save(self, name: String) {
        let fragments = selected_fragments(&self.editor);
        spawn_local(async move {
            match api::create(&name, &fragments).await {
                Ok(stored) => {
                    let language = self.editor.with_doc(|d| d.language);
                    if let Some(section) = Section::read(stored, language) {
                        self.items.update(|items| items.push(section));
                    }
                    self.close();
                    self.editor
                        .announce
                        .set((self.editor.t().saved_section_named)(name.trim()));
                }
                Err(e) => self.failure.set(Some(e.to_string())),
            }
        });
    }

    /// Inserts a copy of `section`'s blocks after the selection.
    pub fn insert(&self, section: &Section) {
        let at = self.editor.insertion_point();
        if self
            .editor
            .insert_fragments(section.fragments.clone(), at, |t| t.inserted_blocks)
        {
            if let Some(id) = self.editor.selection.get_untracked().first() {
                focus_block(id);
            }
        }
    }

    fn delete(self, id: String) {
        spawn_local(async move {
            match api::delete(&id).await {
                Ok(()) => {
                    self.items.update(|items| items.retain(|s| s.id != id));
                    self.editor
                        .announce
                        .set(self.editor.t().section_deleted.into());
                }
                Err(e) => self.editor.refusal.set(Some(e.to_string())),
            }
        });
    }
}

later!(
    palette,
    fn load(sections: Sections) -> () {
        spawn_local(async move {
            let editor = sections.editor;
            match api::list().await {
                Ok(list) => {
                    let language = editor.with_doc(|d| d.language);
                    let read = |stored| Section::read(stored, language);
                    sections
                        .items
                        .set(list.into_iter().filter_map(read).collect())
                }
                Err(e) => editor.refusal.set(Some(e.to_string())),
            }
        })
    }
);

/// The "Saved sections" category of the palette, filtered by the palette's search.
#[component]
pub fn SavedSections(sections: Sections, dnd: Dnd, query: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(None::<String>);
    let visible = move || {
        // ASCII case folding, as the palette's search.
        let q = query.get().to_ascii_lowercase();
        sections.items.with(|items| {
            items
                .iter()
                .filter(|s| s.name.to_ascii_lowercase().contains(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let searching = move || !query.with(String::is_empty);
    view! {
        <Show when=move || !searching() || !visible().is_empty()>
            <h3 class="palette__category">{move || i18n.t().saved_sections}</h3>
        </Show>
        <Show when=move || !searching() && sections.items.with(Vec::is_empty)>
            <p class="palette__empty">{move || i18n.t().no_saved_sections}</p>
        </Show>
        <ul class="palette__list">
            <For each=visible key=|s: &Section| s.id.clone() let:section>
                {
                    let id = section.id.clone();
                    let is_confirming = move || confirming.get().as_deref() == Some(id.as_str());
                    let name = section.name.clone();
                    view! {
                        <li class="palette__section" class:palette__section--confirming=is_confirming.clone()>
                            <Show when=is_confirming.clone() fallback={
                                let section = section.clone();
                                move || {
                                    let insert = section.clone();
                                    let drag = section.clone();
                                    let id = section.id.clone();
                                    let name = section.name.clone();
                                    let label = name.clone();
                                    let delete_label = name.clone();
                                    view! {
                                        <button type="button" class="palette__item"
                                            aria-label=move || format!("{} {label}", i18n.t().insert_section)
                                            on:click=move |_| sections.insert(&insert)
                                            on:pointerdown=move |ev| start_drag(dnd, &ev, DragSource::Fragments {
                                                label: drag.name.clone(),
                                                fragments: drag.fragments.clone(),
                                            })>
                                            <span class="palette__icon" aria-hidden="true">"▤"</span>
                                            <span>{name}</span>
                                        </button>
                                        <button type="button" class="palette__delete"
                                            aria-label=move || format!("{} {delete_label}", i18n.t().delete_section)
                                            on:click=move |_| confirming.set(Some(id.clone()))>
                                            "✕"
                                        </button>
                                    }
                                }
                            }>
                                {
                                    let id = section.id.clone();
                                    let name = name.clone();
                                    view! {
                                        <div class="palette__confirm" role="group" aria-label=move || format!("{} {name}", i18n.t().delete_section)>
                                            <p>{move || i18n.t().confirm_delete_section}</p>
                                            <button type="button" class="danger" on:click={
                                                let id = id.clone();
                                                move |_| { confirming.set(None); sections.delete(id.clone()); }
                                            }>{move || i18n.t().delete}</button>
                                            <button type="button" on:click=move |_| confirming.set(None)>{move || i18n.t().keep}</button>
                                        </div>
                                    }
                                }
                            </Show>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// The dialog asking for a new section's name (its code is in the `dialogs` chunk, fetched when
/// one opens).
#[component]
pub fn SaveSectionDialog(sections: Sections) -> impl IntoView {
    view! {
        <Show when=move || sections.naming.get()>
            <Later load=move || dialog(sections) />
        </Show>
    }
}

later!(
    dialogs,
    fn dialog(sections: Sections) {
        view! { <Dialog sections /> }
    }
);

#[component]
fn Dialog(sections: Sections) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let input = NodeRef::<html::Input>::new();
    request_animation_frame(move || {
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
        }
    });
    let close = move || sections.close();
    // Escape closes it wherever focus is (the editor's own shortcuts wait while it is open).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <div class="dialog-backdrop">
            <form
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="section-dialog-title"
                on:submit=move |ev| {
                    ev.prevent_default();
                    sections.save(name.get_untracked());
                }
            >
                <h2 id="section-dialog-title">{move || i18n.t().save_as_section}</h2>
                <label for="section-name">{move || i18n.t().section_name}</label>
                <input
                    id="section-name"
                    node_ref=input
                    required
                    maxlength="60"
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                {move || {
                    sections
                        .failure
                        .get()
                        .map(|f| {
                            view! {
                                <p role="alert" class="error">
                                    {f}
                                </p>
                            }
                        })
                }}
                <div class="dialog__actions">
                    <button type="submit">{move || i18n.t().save}</button>
                    <button type="button" on:click=move |_| close()>
                        {move || i18n.t().cancel}
                    </button>
                </div>
            </form>
        </div>
    }
}
