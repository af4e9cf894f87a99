//! Keyboard paths for every pointer action: arrows select, Alt+↑/↓ move, Delete removes,
//! Ctrl+D duplicates, Ctrl+Z/Ctrl+Shift+Z undo and redo, Escape clears the selection (Ctrl+C, X
//! and V are the browser's own, handled as clipboard events in `super::clipboard`). Moves are
//! announced to screen readers.

use cradle_model::commands::Command;
use cradle_model::NodeId;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{when_ready, Editor};

/// Whether the key event comes from a text field (which keeps its own editing keys).
fn in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Whether a modal dialog is open (the editor's shortcuts then wait until it closes).
fn modal_open() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[aria-modal=\"true\"]").ok().flatten())
        .is_some()
}

/// Moves focus to the canvas block `id` once the DOM has caught up (a moved element loses focus).
pub fn focus_block(id: &NodeId) {
    let selector = format!(".canvas [data-id=\"{id}\"]");
    request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Moves the primary selection by `delta` within its slot.
pub fn nudge(editor: &Editor, delta: isize) {
    let Some(id) = editor.selection.get_untracked().last().cloned() else {
        return;
    };
    let Some(pos) = editor.position(&id) else {
        return;
    };
    let len = editor.with_doc(|d| {
        d.block(&pos.parent)
            .and_then(|b| b.slots.get(&pos.slot))
            .map_or(0, Vec::len)
    });
    let target = pos.index as isize + delta;
    if target < 0 || target >= len as isize {
        let t = editor.t();
        editor.announce.set(if delta < 0 {
            t.already_first.into()
        } else {
            t.already_last.into()
        });
        return;
    }
    let moved = editor.apply(Command::Move {
        id: id.clone(),
        parent: pos.parent,
        slot: pos.slot,
        index: target as usize,
    });
    if moved {
        let label = editor.with_doc(|d| {
            d.block(&id)
                .map(|b| b.kind.spec().label.get(editor.ui.get_untracked()))
                .unwrap_or_default()
        });
        let said = (editor.t().moved_to_position)(label, target as usize + 1, len);
        editor.announce.set(said);
        focus_block(&id);
    }
}

/// Removes the selected blocks (one undo step).
pub fn remove_selected(editor: &Editor) {
    let ids = editor.selection.get_untracked();
    if ids.is_empty() {
        return;
    }
    let commands = ids
        .iter()
        .map(|id| Command::Remove { id: id.clone() })
        .collect();
    if editor.apply(Command::Batch(commands)) {
        editor.announce.set((editor.t().deleted_blocks)(ids.len()));
    }
}

/// Duplicates the selected blocks (one undo step).
pub fn duplicate_selected(editor: &Editor) {
    let ids = editor.selection.get_untracked();
    let commands: Vec<Command> = ids
        .iter()
        .map(|id| Command::Duplicate { id: id.clone() })
        .collect();
    if !commands.is_empty() && editor.apply(Command::Batch(commands)) {
        // Select the copies (each sits right after its original).
        let copies: Vec<NodeId> = editor.with_doc(|d| {
            ids.iter()
                .filter_map(|id| d.position(id))
                .filter_map(|p| {
                    let slot = d.block(&p.parent)?.slots.get(&p.slot)?;
                    slot.get(p.index + 1).cloned()
                })
                .collect()
        });
        editor.selection.set(copies);
        editor
            .announce
            .set((editor.t().duplicated_blocks)(ids.len()));
    }
}

fn select_neighbour(editor: &Editor, delta: isize) {
    let order = editor.with_doc(|d| {
        let mut ids = d.in_order();
        ids.retain(|id| id != &d.root);
        ids
    });
    if order.is_empty() {
        return;
    }
    let current = editor
        .selection
        .get_untracked()
        .last()
        .and_then(|id| order.iter().position(|x| x == id));
    let next = match current {
        Some(i) => (i as isize + delta).clamp(0, order.len() as isize - 1) as usize,
        None => 0,
    };
    let id = order[next].clone();
    editor.selection.set(vec![id.clone()]);
    focus_block(&id);
}

/// Handles a key press anywhere in the editor.
pub fn on_key(editor: &Editor, ev: &web_sys::KeyboardEvent) {
    if in_field(ev) || modal_open() {
        return;
    }
    let ctrl = ev.ctrl_key() || ev.meta_key();
    let key = ev.key();
    let pressed = (key.as_str(), ctrl, ev.alt_key(), ev.shift_key());
    let edit: Option<fn(&Editor)> = match pressed {
        ("ArrowUp", false, true, _) => Some(|editor| nudge(editor, -1)),
        ("ArrowDown", false, true, _) => Some(|editor| nudge(editor, 1)),
        ("Delete" | "Backspace", false, false, _) => Some(remove_selected),
        ("d" | "D", true, _, _) => Some(duplicate_selected),
        ("z" | "Z", true, _, true) | ("y" | "Y", true, _, _) => Some(Editor::redo),
        ("z" | "Z", true, _, false) => Some(Editor::undo),
        _ => None,
    };
    let handled = if let Some(edit) = edit {
        let editor = *editor;
        when_ready(move || edit(&editor));
        true
    } else {
        match pressed {
            ("ArrowUp", false, false, false) => {
                select_neighbour(editor, -1);
                true
            }
            ("ArrowDown", false, false, false) => {
                select_neighbour(editor, 1);
                true
            }
            ("Escape", _, _, _) => {
                editor.selection.set(Vec::new());
                true
            }
            _ => false,
        }
    };
    if handled {
        ev.prevent_default();
    }
}
