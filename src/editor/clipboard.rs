//! Copy and paste of blocks as JSON fragments. The clipboard lives in `localStorage`, which every
//! tab and page of this origin shares, so blocks paste across pages and tabs; pasted JSON is
//! migrated and re-id'd, and the insert command checks it like any other.

use cradle_model::commands::Command;
use cradle_model::migrate::migrate_block;
use cradle_model::parse::decode;
use cradle_model::{Fragment, NodeId};
use leptos::prelude::*;
use serde_json::Value;

use super::Editor;

const KEY: &str = "cradle.clipboard";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Copies the selected blocks; the number copied.
pub fn copy(editor: &Editor) -> usize {
    let ids = editor.selection.get_untracked();
    let fragments: Vec<Fragment> =
        editor.with_doc(|d| ids.iter().filter_map(|id| d.fragment(id)).collect());
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&fragments)) {
        let _ = s.set_item(KEY, &json);
    }
    fragments.len()
}

/// Reads clipboard JSON into fragments (old block versions upgraded); `Err` says why not.
pub fn parse(json: &str) -> Result<Vec<Fragment>, String> {
    let mut value: Value = serde_json::from_str(json)
        .map_err(|_| "the clipboard does not hold Cradle blocks".to_owned())?;
    if let Some(fragments) = value.as_array_mut() {
        for f in fragments {
            if let Some(blocks) = f.get_mut("blocks").and_then(Value::as_object_mut) {
                blocks
                    .values_mut()
                    .filter_map(Value::as_object_mut)
                    .for_each(migrate_block);
            }
        }
    }
    decode::<Vec<Fragment>>(value).map_err(|e| format!("the copied blocks are not valid: {}", e[0]))
}

/// Pastes the clipboard after the selection; false (with the reason announced) when it cannot.
pub fn paste(editor: &Editor) -> bool {
    let Some(json) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        editor.refusal.set(Some("Nothing copied yet".into()));
        return false;
    };
    let fragments = match parse(&json) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => return false,
        Err(why) => {
            editor.refusal.set(Some(why));
            return false;
        }
    };
    let (parent, slot, index) = editor.insertion_point();
    let mut commands = Vec::new();
    let mut roots: Vec<NodeId> = Vec::new();
    editor.with_doc(|doc| {
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
    let ok = editor.apply(Command::Batch(commands));
    if ok {
        editor.selection.set(roots);
        editor
            .announce
            .set(format!("Pasted {} block(s)", fragments.len()));
    }
    ok
}
