//! `/edit/:id`: the builder. Loads the draft (preferring unsaved local edits), then lays out the
//! top bar, palette, canvas in a device frame, inspector and layers.

use cradle_model::document::Device;
use cradle_model::parse::decode_document;
use leptos::prelude::*;

use crate::api::client::ApiError;
use crate::api::documents;
use crate::editor::clipboard;
use crate::editor::conflict::ConflictDialog;
use crate::editor::dnd::{start_block_drag, Dnd, DragOverlay};
use crate::editor::inspector::Inspector;
use crate::editor::keyboard::on_key;
use crate::editor::later::after_first_paint;
use crate::editor::layers::Layers;
use crate::editor::palette::Palette;
use crate::editor::persist::{load_local, Persist, SaveState};
use crate::editor::sections::{SaveSectionDialog, Sections};
use crate::editor::toolbar::Toolbar;
use crate::editor::Editor;
use crate::i18n::use_i18n;
use crate::pages::loading::Loading;
use crate::pages::login::round_trip::SignedIn;
use crate::render::{provide_render, RenderPage};

/// The editor page for one document. The page is fetched while the session is checked, not
/// after it (one round trip less before the canvas paints); if she turns out to be signed out,
/// she signs in at the office, which brings her back here.
#[component]
pub fn EditorPage(
    /// The document's id.
    id: String,
) -> impl IntoView {
    let draft = LocalResource::new(move || {
        let id = id.clone();
        async move { documents::get(&id).await }
    });
    view! {
        <SignedIn>
            <Loader draft />
        </SignedIn>
    }
}

#[component]
fn Loader(draft: LocalResource<Result<documents::Draft, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=Loading>
            {move || {
                draft
                    .get()
                    .map(|result| match result {
                        Ok(draft) => {
                            let server = match decode_document(&draft.document) {
                                Ok(doc) => doc,
                                Err(e) => {
                                    return view! {
                                        <p class="page error" role="alert">
                                            {e[0].to_string()}
                                        </p>
                                    }
                                        .into_any();
                                }
                            };
                            let (doc, state) = match load_local(&draft.id) {
                                Some((base, local)) if local != server => {
                                    let state = if base == draft.version {
                                        SaveState::Pending
                                    } else {
                                        SaveState::Conflict(draft.version)
                                    };
                                    (local, state)
                                }
                                _ => (server, SaveState::Saved),
                            };
                            let version = match state {
                                SaveState::Conflict(_) => {
                                    load_local(&draft.id).map(|(b, _)| b).unwrap_or(draft.version)
                                }
                                _ => draft.version,
                            };
                            // Unsaved local edits win; if the server moved on meanwhile, the dialog asks.
                            view! { <Workspace doc id=draft.id.clone() version state /> }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <main class="page">
                                    <p class="error" role="alert">
                                        {e.to_string()}
                                    </p>
                                    <a href="/">{move || i18n.t().back_to_projects}</a>
                                </main>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// Longest an edit waits for the page to be validated again.
const VALIDATE_DELAY: std::time::Duration = std::time::Duration::from_millis(100);

#[component]
fn Workspace(
    doc: cradle_model::Document,
    id: String,
    version: i64,
    state: SaveState,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = Editor::new(doc, Signal::derive(move || i18n.lang()));
    provide_render(editor.render);
    // The workspace's ladder is the one the page's tier blocks and tier rules use.
    leptos::task::spawn_local(async move {
        if let Ok(club) = crate::api::club::settings().await {
            editor.render.club.set(club);
        }
    });
    let pending = state == SaveState::Pending;
    let persist = Persist::new(editor, id, version, state);
    let dnd = Dnd::new(editor);
    let sections = Sections::new(editor);
    let show_layers = RwSignal::new(true);
    let side_scrolled = Trigger::new();
    // The local draft is written before the page is hidden, closed, reloaded or left.
    let hidden = window_event_listener(leptos::ev::pagehide, move |_| persist.write_draft());
    let hiding = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            persist.write_draft();
        }
    });
    on_cleanup(move || {
        hidden.remove();
        hiding.remove();
        persist.write_draft();
    });
    // Every edit: local draft soon, server save after a pause, validation once the edit has
    // painted (a 500-block page is not re-validated inside each keystroke's frame).
    let validation = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |previous: Option<u64>| {
        let revision = editor.revision.get();
        if previous.is_some() {
            persist.changed();
            if validation.get_value().is_none() {
                let check = move || {
                    validation.set_value(None);
                    editor.revalidate();
                };
                validation.set_value(set_timeout_with_handle(check, VALIDATE_DELAY).ok());
            }
        }
        revision
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = validation.try_get_value() {
            handle.clear();
        }
    });
    if pending {
        persist.changed();
    }
    after_first_paint(move || {
        leptos::task::spawn_local(crate::editor::ready_to_edit());
        editor.revalidate();
    });
    // Shortcuts work wherever focus is (the canvas, a panel, or nothing at all).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| on_key(&editor, &ev));
    on_cleanup(move || keys.remove());
    clipboard::listen(editor);
    let chrome = editor.render.chrome;
    let frame_class = move || match editor.render.device.get() {
        Device::Phone => "frame frame--phone",
        Device::Tablet => "frame frame--tablet",
        Device::Desktop => "frame frame--desktop",
    };
    view! {
        <div class="editor">
            <Toolbar editor persist sections show_layers />
            <div class="editor__body">
                <Palette editor dnd sections />
                <section
                    class="canvas"
                    aria-label=move || i18n.t().canvas
                    on:pointerdown=move |ev| start_block_drag(dnd, &ev)
                    // A link's, a picture's or selected text's native drag would cancel the
                    // block drag with `pointercancel`: on the canvas only blocks are dragged.
                    on:dragstart=|ev| ev.prevent_default()
                    // A click on a block selects it (Shift, Ctrl or ⌘ adds it), elsewhere clears
                    // the selection; Enter or Space on a focused block selects it.
                    on:click=move |ev| {
                        let extend = ev.shift_key() || ev.ctrl_key() || ev.meta_key();
                        if !chrome.is_some_and(|c| c.select_from(ev.target(), extend)) {
                            editor.selection.set(Vec::new());
                        }
                    }
                    on:keydown=move |ev| {
                        let key = ev.key();
                        if (key == "Enter" || key == " ")
                            && chrome.is_some_and(|c| c.select_from(ev.target(), ev.shift_key()))
                        {
                            ev.prevent_default();
                            ev.stop_propagation();
                        }
                    }
                >
                    <div class=frame_class>
                        <RenderPage />
                    </div>
                </section>
                <div class="side" on:scroll=move |_| side_scrolled.notify()>
                    <Inspector editor />
                    <Show when=move || show_layers.get()>
                        <Layers editor dnd scrolled=side_scrolled />
                    </Show>
                </div>
            </div>
            {move || {
                editor
                    .refusal
                    .get()
                    .map(|why| {
                        view! {
                            <p class="toast" role="alert">
                                {why}
                                <button
                                    type="button"
                                    aria-label=move || i18n.t().dismiss
                                    on:click=move |_| editor.refusal.set(None)
                                >
                                    "✕"
                                </button>
                            </p>
                        }
                    })
            }}
            <p class="sr-only" role="status" aria-live="assertive">
                {move || editor.announce.get()}
            </p>
            <DragOverlay dnd />
            <ConflictDialog editor persist />
            <SaveSectionDialog sections />
        </div>
    }
}
