//! Moving several selected blocks at once: one [`Command::Batch`] of moves that lands them, in
//! document order and side by side, where one of them was dropped.

use std::collections::HashSet;

use super::Command;
use crate::document::{Document, NodeId};

/// The moves that put `ids` into `parent`'s `slot` at `index` (counted in the slot as it is now),
/// keeping their document order. A block inside another selected block travels with it, so only
/// the outermost selected blocks move. One undo step: a single batch.
pub fn move_group(
    doc: &Document,
    ids: &[NodeId],
    parent: &NodeId,
    slot: &str,
    index: usize,
) -> Command {
    let selected: HashSet<&NodeId> = ids.iter().collect();
    let outermost: Vec<NodeId> = doc
        .in_order()
        .into_iter()
        .filter(|id| selected.contains(id))
        .filter(|id| {
            !ids.iter()
                .any(|other| other != id && doc.is_ancestor_or_self(other, id))
        })
        .collect();
    let mut slot_now: Vec<NodeId> = doc
        .block(parent)
        .and_then(|b| b.slots.get(slot))
        .cloned()
        .unwrap_or_default();
    // The first block at or after `index` that stays put: the group lands just before it.
    let anchor = slot_now
        .iter()
        .skip(index)
        .find(|id| !outermost.contains(id))
        .cloned();
    let mut moves = Vec::with_capacity(outermost.len());
    for id in outermost {
        slot_now.retain(|other| *other != id);
        let at = anchor
            .as_ref()
            .and_then(|a| slot_now.iter().position(|other| other == a))
            .unwrap_or(slot_now.len());
        moves.push(Command::Move {
            id: id.clone(),
            parent: parent.clone(),
            slot: slot.to_owned(),
            index: at,
        });
        slot_now.insert(at, id);
    }
    Command::Batch(moves)
}
