//! The editor's state: the document (the single source of truth, not reactive), its history, and
//! the signals the UI reads. Every change goes through [`Editor::apply`], which runs a model
//! command and updates only the signals of the blocks it changed.

use cradle_model::commands::{Applied, Command, CommandError, Part};
use cradle_model::document::Position;
use cradle_model::validate::ValidationError;
use cradle_model::{validate, BlockKind, Document, Fragment, History, NodeId};
use leptos::prelude::*;

use super::later::{later, now};
use crate::i18n::{strings, Lang, Strings};
use crate::render::{Chrome, Marks, RenderCtx};

later!(
    editing,
    fn check(editor: Editor) -> Vec<ValidationError> {
        editor.doc.with_value(validate)
    }
);

later!(
    editing,
    ready ready_perform,
    pub(super) fn perform(editor: Editor, edit: Edit) -> bool {
        editor.carry_out(edit)
    }
);

/// A change of the document. The model's commands, history and the renderer's updates are the
/// `editing` chunk's: it comes right after the first paint (with the page's rules), so the
/// first frame does not wait for it and an edit after that runs at once.
pub(super) enum Edit {
    /// [`Editor::apply`].
    Apply(Command),
    /// [`Editor::apply_grouped`].
    Grouped(Command, String),
    /// [`Editor::undo`].
    Undo,
    /// [`Editor::redo`].
    Redo,
    /// [`Editor::replace`].
    Replace(Document),
    /// [`Editor::insert_fragments`].
    Insert {
        fragments: Vec<Fragment>,
        at: (NodeId, String, usize),
        said: fn(&Strings) -> fn(usize) -> String,
    },
    /// [`Editor::insert_new`].
    New {
        kind: BlockKind,
        at: (NodeId, String, usize),
        said: fn(&Strings) -> fn(usize) -> String,
    },
}

/// Everything the editor panels share. `Copy`: it holds only handles.
#[derive(Clone, Copy)]
pub struct Editor {
    doc: StoredValue<Document>,
    history: StoredValue<History>,
    /// The renderer's view of the document (one signal per block).
    pub render: RenderCtx,
    /// Selected blocks; the last is the primary one the inspector shows.
    pub selection: RwSignal<Vec<NodeId>>,
    /// Bumped on every change (autosave and validation listen to it).
    pub revision: RwSignal<u64>,
    /// Bumped when blocks come, go or move, or a container changes: what the outline and "Move
    /// to…" list. Typing into a block leaves it alone, so they are not re-walked per keystroke.
    pub outline: RwSignal<u64>,
    /// Whether undo / redo have something to do.
    pub can_undo: RwSignal<bool>,
    /// See `can_undo`.
    pub can_redo: RwSignal<bool>,
    /// What screen readers hear after an action (an `aria-live` region shows it).
    pub announce: RwSignal<String>,
    /// The last refused action's reason, shown as an alert.
    pub refusal: RwSignal<Option<String>>,
    /// Validation errors of the whole page, refreshed after edits.
    pub errors: RwSignal<Vec<ValidationError>>,
    /// The page title (shown in the top bar).
    pub title: RwSignal<String>,
    /// The page's member address (`/c/{slug}`), shown and edited in the page panel.
    pub slug: RwSignal<String>,
    /// The language the builder speaks (not the page's): canvas labels, announcements, refusals.
    pub ui: Signal<Lang>,
}

impl Editor {
    /// An editor over `doc`, speaking `ui`.
    pub fn new(doc: Document, ui: Signal<Lang>) -> Editor {
        let selection = RwSignal::new(Vec::new());
        let on_select = Callback::new(move |(id, extend): (NodeId, bool)| {
            selection.update(|s| {
                if extend {
                    if let Some(i) = s.iter().position(|x| x == &id) {
                        s.remove(i);
                    } else {
                        s.push(id);
                    }
                } else {
                    *s = vec![id];
                }
            });
        });
        let render = RenderCtx::new(
            &doc,
            Some(Chrome {
                marks: Marks::new(selection),
                on_select,
                language: ui,
            }),
        );
        // Found after the first paint (`revalidate`).
        let errors = RwSignal::new(Vec::new());
        Editor {
            title: RwSignal::new(doc.title.clone()),
            slug: RwSignal::new(doc.slug.clone()),
            doc: StoredValue::new(doc),
            history: StoredValue::new(History::default()),
            render,
            selection,
            revision: RwSignal::new(0),
            outline: RwSignal::new(0),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            announce: RwSignal::new(String::new()),
            refusal: RwSignal::new(None),
            errors,
            ui,
        }
    }

    /// The builder's strings now (for actions: what they say is fixed when said).
    pub fn t(&self) -> &'static Strings {
        strings(self.ui.get_untracked())
    }

    /// Reads the document.
    pub fn with_doc<R>(&self, f: impl FnOnce(&Document) -> R) -> R {
        self.doc.with_value(f)
    }

    /// A copy of the document (for saving).
    pub fn snapshot(&self) -> Document {
        self.doc.get_value()
    }

    /// The primary selected block (tracks the selection).
    pub fn primary(&self) -> Option<NodeId> {
        self.selection.with(|s| s.last().cloned())
    }

    /// Applies a command as one undo step. On refusal, says why and returns false.
    pub fn apply(&self, command: Command) -> bool {
        self.edit(Edit::Apply(command))
    }

    /// Applies a command, merging with the previous step of the same `group` (typing in a field).
    pub fn apply_grouped(&self, command: Command, group: &str) -> bool {
        self.edit(Edit::Grouped(command, group.to_owned()))
    }

    /// Ends the current typing group (on blur), so the next edit is a new undo step.
    pub fn seal(&self) {
        self.history.update_value(History::seal);
    }

    /// Undoes the last step.
    pub fn undo(&self) {
        self.edit(Edit::Undo);
    }

    /// Redoes the last undone step.
    pub fn redo(&self) {
        self.edit(Edit::Redo);
    }

    /// Replaces the whole document (after "load theirs"): every block signal is refreshed and the
    /// history starts over.
    pub fn replace(&self, doc: Document) {
        self.edit(Edit::Replace(doc));
    }

    /// Inserts copies of `fragments` (fresh ids) in order at `at` (container, slot, index) as one
    /// undo step, selects them and announces what happened (`said`, given the count); false (with
    /// the reason shown) when refused.
    pub fn insert_fragments(
        &self,
        fragments: Vec<Fragment>,
        at: (NodeId, String, usize),
        said: fn(&Strings) -> fn(usize) -> String,
    ) -> bool {
        self.edit(Edit::Insert {
            fragments,
            at,
            said,
        })
    }

    /// Inserts a new block of `kind` (its dates from today) at `at`, as
    /// [`Editor::insert_fragments`] does.
    pub fn insert_new(
        &self,
        kind: BlockKind,
        at: (NodeId, String, usize),
        said: fn(&Strings) -> fn(usize) -> String,
    ) -> bool {
        self.edit(Edit::New { kind, at, said })
    }

    /// Runs `edit` in the editing chunk: at once once it is here; before that, when it arrives
    /// (false now). Without the chunk (offline) the edit is refused, and says so.
    fn edit(&self, edit: Edit) -> bool {
        let editor = *self;
        now(perform(editor, edit), move || {
            editor.refusal.set(Some(editor.t().part_missing.into()))
        })
        .unwrap_or(false)
    }

    /// What [`Editor::edit`] asked, run in the editing chunk.
    fn carry_out(&self, edit: Edit) -> bool {
        match edit {
            Edit::Apply(command) => self.run(|doc, history| history.apply(doc, command)),
            Edit::Grouped(command, group) => {
                self.run(|doc, history| history.apply_grouped(doc, command, &group))
            }
            Edit::Undo => {
                let undone = self.run_opt(|doc, history| history.undo(doc));
                if undone {
                    self.announce.set(self.t().undone.into());
                }
                undone
            }
            Edit::Redo => {
                let redone = self.run_opt(|doc, history| history.redo(doc));
                if redone {
                    self.announce.set(self.t().redone.into());
                }
                redone
            }
            Edit::Replace(doc) => {
                let mut changed: Vec<NodeId> = doc.blocks.keys().cloned().collect();
                self.doc
                    .with_value(|old| changed.extend(old.blocks.keys().cloned()));
                self.doc.set_value(doc);
                self.history.set_value(History::default());
                self.selection.set(Vec::new());
                self.after(&changed, &Part::ALL);
                true
            }
            Edit::Insert {
                fragments,
                at,
                said,
            } => self.insert_now(&fragments, at, said),
            Edit::New { kind, at, said } => {
                let language = self.doc.with_value(|d| d.language);
                let new = Fragment::single(NodeId::new("new"), kind, language, chrono::Utc::now());
                self.insert_now(&[new], at, said)
            }
        }
    }

    fn run(
        &self,
        f: impl FnOnce(&mut Document, &mut History) -> Result<Applied, CommandError>,
    ) -> bool {
        self.run_opt(|doc, history| Some(f(doc, history)))
    }

    fn run_opt(
        &self,
        f: impl FnOnce(&mut Document, &mut History) -> Option<Result<Applied, CommandError>>,
    ) -> bool {
        let mut result = None;
        self.doc.update_value(|doc| {
            self.history
                .update_value(|history| result = f(doc, history))
        });
        match result {
            Some(Ok(applied)) => {
                self.after(&applied.changed, &applied.parts);
                true
            }
            Some(Err(e)) => {
                let why = e.message(self.ui.get_untracked());
                self.refusal.set(Some(why.clone()));
                self.announce.set(why);
                false
            }
            None => false,
        }
    }

    fn after(&self, changed: &[NodeId], parts: &[Part]) {
        let reshaped = self.doc.with_value(|doc| {
            self.render.sync(doc, changed);
            self.render.sync_parts(doc, parts);
            // Drop selected blocks that no longer exist.
            let gone: Vec<NodeId> = self.selection.with_untracked(|s| {
                s.iter()
                    .filter(|id| !doc.blocks.contains_key(*id))
                    .cloned()
                    .collect()
            });
            if !gone.is_empty() {
                self.selection.update(|s| s.retain(|id| !gone.contains(id)));
            }
            if self.title.get_untracked() != doc.title {
                self.title.set(doc.title.clone());
            }
            if self.slug.get_untracked() != doc.slug {
                self.slug.set(doc.slug.clone());
            }
            // Only containers hold slots and columns; a removed block changed its parent too.
            changed
                .iter()
                .any(|id| doc.block(id).is_none_or(|b| b.kind.is_container()))
        });
        if reshaped {
            self.outline.update(|r| *r += 1);
        }
        self.history.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
        self.refusal.set(None);
        self.revision.update(|r| *r += 1);
    }

    /// Re-validates the whole page (the rules come in a chunk of their own, `later`); what shows
    /// the errors re-renders only if they changed. Without the chunk (offline) they stay as they
    /// were; the next edit tries again.
    pub fn revalidate(&self) {
        let editor = *self;
        leptos::task::spawn_local(async move {
            let Ok(found) = check(editor).await else {
                return;
            };
            editor.errors.maybe_update(|errors| {
                let changed = *errors != found;
                if changed {
                    *errors = found;
                }
                changed
            });
        });
    }

    /// Where block `id` sits.
    pub fn position(&self, id: &NodeId) -> Option<Position> {
        self.doc.with_value(|d| d.position(id))
    }

    /// See [`Editor::insert_fragments`].
    fn insert_now(
        &self,
        fragments: &[Fragment],
        (parent, slot, index): (NodeId, String, usize),
        said: fn(&Strings) -> fn(usize) -> String,
    ) -> bool {
        let mut commands = Vec::new();
        let mut roots: Vec<NodeId> = Vec::new();
        self.with_doc(|doc| {
            let mut scratch = doc.clone();
            for (i, f) in fragments.iter().enumerate() {
                let fresh = f.with_fresh_ids(&scratch);
                scratch.blocks.extend(fresh.blocks.clone());
                roots.push(fresh.root.clone());
                commands.push(Command::Insert {
                    parent: parent.clone(),
                    slot: slot.clone(),
                    index: index + i,
                    fragment: fresh,
                });
            }
        });
        if commands.is_empty() || !self.carry_out(Edit::Apply(Command::Batch(commands))) {
            return false;
        }
        self.announce.set(said(self.t())(fragments.len()));
        self.selection.set(roots);
        true
    }

    /// Where a new block goes: after the primary selection in its slot, inside it when it is an
    /// empty container, else at the end of the page.
    pub fn insertion_point(&self) -> (NodeId, String, usize) {
        self.doc.with_value(|doc| {
            if let Some(id) = self.selection.with_untracked(|s| s.last().cloned()) {
                if let Some(block) = doc.block(&id) {
                    if let Some(slot) = block.kind.spec().slots.first() {
                        let len = block.slots.get(*slot).map_or(0, Vec::len);
                        return (id, slot.to_string(), len);
                    }
                }
                if let Some(pos) = doc.position(&id) {
                    return (pos.parent, pos.slot, pos.index + 1);
                }
            }
            let len = doc
                .block(&doc.root)
                .and_then(|b| b.slots.get("main"))
                .map_or(0, Vec::len);
            (doc.root.clone(), "main".to_owned(), len)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cradle_model::{Language, Theme};

    /// A page-level command reaches the renderer's signal for its part, and undo brings it back.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn settings_commands_reach_the_canvas_and_undo() {
        // The selection marks run an effect, which needs an executor (set once per test binary).
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = Owner::new();
        owner.with(|| {
            let editor = Editor::new(
                Document::blank("d1", "会员中心", "club"),
                Signal::stored(Lang::En),
            );
            let theme = Theme {
                primary: "#b83b5e".into(),
                ..Theme::default()
            };
            assert!(editor.apply(Command::SetTheme { theme }));
            assert_eq!(editor.render.theme.get_untracked().primary, "#b83b5e");
            assert!(editor.apply(Command::SetLanguage {
                language: Language::En
            }));
            assert!(editor.apply(Command::SetTitle {
                title: "Club".into()
            }));
            assert_eq!(editor.title.get_untracked(), "Club");
            assert_eq!(editor.render.language.get_untracked(), Language::En);
            editor.undo();
            editor.undo();
            editor.undo();
            assert_eq!(editor.render.theme.get_untracked(), Theme::default());
            assert_eq!(editor.render.language.get_untracked(), Language::ZhCn);
            assert_eq!(editor.title.get_untracked(), "会员中心");
        });
    }
}
