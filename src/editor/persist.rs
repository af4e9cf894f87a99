//! Never losing work: changes are written to a local draft (survives reload, crash and offline)
//! at most [`DRAFT_DELAY`] after an edit and whenever the page is hidden or left, and saved to the
//! server after a short pause. A stale save (409) opens the conflict dialog instead of
//! overwriting. The draft is not written inside the edit itself: serialising a 500-block page
//! and storing it takes longer than the frame the edit should paint in.

use std::time::Duration;

use cradle_model::parse::decode_document;
use cradle_model::Document;
use cradle_wire::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use super::later::{later, now, Missing};
use super::Editor;
use crate::api::client::ApiError;
use crate::api::documents;

/// Longest an edit waits for the local draft (sooner when the page is hidden or left).
pub const DRAFT_DELAY: Duration = Duration::from_millis(250);
/// Pause after the last edit before saving to the server.
pub const SAVE_DELAY: Duration = Duration::from_millis(700);
/// Retry interval while offline.
pub const RETRY_DELAY: Duration = Duration::from_secs(5);

/// Where the draft stands.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// The server has every edit.
    Saved,
    /// Edits wait for the pause to end.
    Pending,
    /// A save is in flight.
    Saving,
    /// The server is unreachable; edits are kept locally and retried.
    Offline,
    /// Someone else saved first: the server is at this version.
    Conflict(i64),
    /// The server refused the page (e.g. a validation error); the message says why.
    Refused(String),
}

/// A local draft: the edits and the server version they started from.
#[derive(Deserialize)]
struct LocalDraft {
    base_version: i64,
    document: serde_json::Value,
}

/// A local draft as written (the document serialised where it is, not copied first).
#[derive(Serialize)]
struct DraftRef<'a> {
    base_version: i64,
    document: &'a Document,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn key(id: &str) -> String {
    format!("cradle.draft.{id}")
}

/// The local draft of `id`, if any: (base version, document).
pub fn load_local(id: &str) -> Option<(i64, Document)> {
    let text = storage()?.get_item(&key(id)).ok()??;
    let draft: LocalDraft = serde_json::from_str(&text).ok()?;
    let doc = decode_document(&draft.document).ok()?;
    Some((draft.base_version, doc))
}

later!(
    editing,
    ready ready_store_local,
    pub(super) fn store_local(id: String, base_version: i64, editor: Editor) -> () {
        let text = editor.with_doc(|document| {
            serde_json::to_string(&DraftRef {
                base_version,
                document,
            })
        });
        if let (Some(s), Ok(text)) = (storage(), text) {
            let _ = s.set_item(&key(&id), &text);
        }
    }
);

later!(
    editing,
    fn document_json(editor: Editor) -> serde_json::Value {
        editor
            .with_doc(|doc| serde_json::to_value(doc))
            .unwrap_or_default()
    }
);

/// Forgets the local draft (the server has it all).
fn clear_local(id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(id));
    }
}

/// Autosave for one document.
#[derive(Clone, Copy)]
pub struct Persist {
    /// The document id.
    pub id: StoredValue<String>,
    /// The server version the editor's edits build on.
    pub version: StoredValue<i64>,
    /// Where the draft stands.
    pub state: RwSignal<SaveState>,
    saved_revision: StoredValue<u64>,
    in_flight: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// The local draft waiting to be written, if an edit is not in it yet.
    draft_timer: StoredValue<Option<TimeoutHandle>>,
    editor: Editor,
}

impl Persist {
    /// Autosave for `editor`'s document `id` at server `version`.
    pub fn new(editor: Editor, id: String, version: i64, state: SaveState) -> Persist {
        Persist {
            id: StoredValue::new(id),
            version: StoredValue::new(version),
            state: RwSignal::new(state),
            saved_revision: StoredValue::new(editor.revision.get_untracked()),
            in_flight: StoredValue::new(false),
            timer: StoredValue::new(None),
            draft_timer: StoredValue::new(None),
            editor,
        }
    }

    /// Called after every edit: schedules the local draft (unless one is due already) and a
    /// server save.
    pub fn changed(&self) {
        if self.draft_timer.get_value().is_none() {
            let this = *self;
            let handle = set_timeout_with_handle(move || this.write_draft(), DRAFT_DELAY).ok();
            self.draft_timer.set_value(handle);
        }
        if matches!(self.state.get_untracked(), SaveState::Conflict(_)) {
            return; // the dialog decides; edits stay local meanwhile
        }
        self.state.set(SaveState::Pending);
        self.schedule(SAVE_DELAY);
    }

    /// Writes the local draft now if an edit is not in it yet (called by its timer, and when the
    /// page is hidden or left).
    pub fn write_draft(&self) {
        let Some(Some(handle)) = self.draft_timer.try_update_value(Option::take) else {
            return;
        };
        handle.clear();
        // Edits come through the editing chunk, so it is here by now.
        let draft = store_local(self.id.get_value(), self.version.get_value(), self.editor);
        now(draft, || ());
    }

    /// The server has every edit (or a copy of them): no draft is due, and any written is
    /// dropped.
    pub fn forget_draft(&self) {
        if let Some(handle) = self.draft_timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        clear_local(&self.id.get_value());
    }

    fn schedule(&self, delay: Duration) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let this = *self;
        let handle = set_timeout_with_handle(move || this.save_now(), delay).ok();
        self.timer.set_value(handle);
    }

    /// Saves to the server now (if anything is unsaved and no save is in flight).
    pub fn save_now(&self) {
        if self.in_flight.get_value()
            || matches!(self.state.get_untracked(), SaveState::Conflict(_))
        {
            return;
        }
        let revision = self.editor.revision.get_untracked();
        if revision == self.saved_revision.get_value()
            && self.state.get_untracked() == SaveState::Saved
        {
            return;
        }
        let this = *self;
        let id = self.id.get_value();
        let version = self.version.get_value();
        self.in_flight.set_value(true);
        self.state.set(SaveState::Saving);
        spawn_local(async move {
            let result = match document_json(this.editor).await {
                Ok(doc) => documents::save(&id, version, &doc).await,
                Err(Missing) => Err(ApiError::Network(this.editor.t().part_missing.into())),
            };
            this.in_flight.set_value(false);
            match result {
                Ok(new_version) => {
                    this.version.set_value(new_version);
                    this.saved_revision.set_value(revision);
                    if this.editor.revision.get_untracked() == revision {
                        this.forget_draft();
                        this.state.set(SaveState::Saved);
                    } else {
                        this.changed(); // more edits arrived meanwhile
                    }
                }
                Err(ApiError::Http {
                    code: ErrorCode::VersionConflict,
                    details,
                    ..
                }) => {
                    let current = details["current_version"].as_i64().unwrap_or(version + 1);
                    this.state.set(SaveState::Conflict(current));
                }
                Err(ApiError::Network(_)) => {
                    this.state.set(SaveState::Offline);
                    this.schedule(RETRY_DELAY);
                }
                Err(e) => this.state.set(SaveState::Refused(e.to_string())),
            }
        });
    }

    /// After the conflict dialog: continue from server `version` (edits kept or replaced).
    pub fn resolved(&self, version: i64) {
        self.version.set_value(version);
        self.state.set(SaveState::Pending);
        self.save_now();
    }

    /// After "load theirs": the server's document at `version` is now the editor's.
    pub fn reloaded(&self, version: i64) {
        self.version.set_value(version);
        self.saved_revision
            .set_value(self.editor.revision.get_untracked());
        self.forget_draft();
        self.state.set(SaveState::Saved);
    }
}
