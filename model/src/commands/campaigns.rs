//! Games and their campaigns stay paired through structural edits: a new game (placed, pasted or
//! duplicated) gets a campaign of its own, and a campaign that no block names any more after a
//! removal goes with it, in the same undo step.
//!
//! Only commands applied on their own are followed up; the steps inside a batch and the inverses
//! are plain (an inverse already restores both halves), so undo and redo replay exactly.

use std::collections::BTreeSet;

use serde_json::Value;

use super::settings::{put_campaign, remove_campaign};
use super::{update_prop, Applied, Command};
use crate::document::{Document, NodeId};
use crate::templates::starter_campaign;

/// The prop through which games and draw buttons name their campaign.
const KEY: &str = "campaign";

/// Whether applying `command` can add or remove games.
pub(super) fn follows(command: &Command) -> bool {
    matches!(
        command,
        Command::Insert { .. }
            | Command::Remove { .. }
            | Command::Duplicate { .. }
            | Command::Batch(_)
    )
}

/// What a follow-up compares with: the blocks and the campaigns they named before the edit.
pub(super) struct Before {
    blocks: BTreeSet<NodeId>,
    named: BTreeSet<String>,
}

impl Before {
    pub(super) fn of(doc: &Document) -> Before {
        Before {
            blocks: doc.blocks.keys().cloned().collect(),
            named: named(doc),
        }
    }
}

/// The campaign ids the blocks of `doc` name.
fn named(doc: &Document) -> BTreeSet<String> {
    doc.blocks
        .values()
        .filter_map(|b| b.props.get(KEY).and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

/// After a structural edit that left `applied`: gives every new game (placed, pasted, duplicated)
/// that names no campaign, or one an older game names, a campaign of its own, and removes the
/// campaigns that blocks named before and none names now. Returns the edit and these follow-ups
/// as one step. Games that were already there (moved, say) keep what they had.
pub(super) fn follow_up(doc: &mut Document, before: &Before, applied: Applied) -> Applied {
    let mut extra = Vec::new();
    let is_game = |b: &crate::document::Block| b.kind.game().is_some();
    let mut owners: BTreeSet<String> = doc
        .blocks
        .values()
        .filter(|b| is_game(b) && before.blocks.contains(&b.id))
        .filter_map(|b| b.props.get(KEY).and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    let games: Vec<NodeId> = applied
        .changed
        .iter()
        .filter(|id| !before.blocks.contains(*id) && doc.blocks.get(*id).is_some_and(is_game))
        .cloned()
        .collect();
    for id in games {
        let block = &doc.blocks[&id];
        let game = block.kind.game().expect("filtered to games");
        let name = block.props.get(KEY).and_then(Value::as_str);
        let own = match name.and_then(|n| doc.campaign(n)) {
            Some(c) if c.game == game && !owners.contains(&c.id) => {
                owners.insert(c.id.clone());
                continue;
            }
            Some(c) if c.game == game => c.clone(),
            _ => starter_campaign(game, doc.language, chrono::Utc::now()),
        };
        let campaign = crate::campaign::Campaign {
            id: fresh_campaign_id(doc, &own.id),
            ..own
        };
        owners.insert(campaign.id.clone());
        let value = Value::String(campaign.id.clone());
        extra.push(put_campaign(doc, &campaign, None));
        extra.push(
            update_prop(doc, &id, None, KEY, Some(value)).expect("a game has a campaign prop"),
        );
    }
    let after = named(doc);
    for gone in before.named.difference(&after) {
        if let Ok(removed) = remove_campaign(doc, gone) {
            extra.push(removed);
        }
    }
    if extra.is_empty() {
        return applied;
    }
    let mut inverses: Vec<Command> = extra.iter().rev().map(|a| a.inverse.clone()).collect();
    inverses.push(applied.inverse);
    let mut changed = applied.changed;
    let mut parts = applied.parts;
    for a in extra {
        changed.extend(a.changed);
        parts.extend(a.parts);
    }
    changed.sort();
    changed.dedup();
    parts.sort();
    parts.dedup();
    Applied {
        inverse: Command::Batch(inverses),
        changed,
        parts,
    }
}

/// The command that gives game `id` a new campaign of its own (the gallery's for its game, opening
/// on the day of `now`); `None` when `id` is not a game of `doc`. For a game whose campaign was
/// unset in its settings.
pub fn give_campaign(
    doc: &Document,
    id: &NodeId,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<Command> {
    let game = doc.blocks.get(id)?.kind.game()?;
    let starter = starter_campaign(game, doc.language, now);
    let campaign = crate::campaign::Campaign {
        id: fresh_campaign_id(doc, &starter.id),
        ..starter
    };
    Some(Command::Batch(vec![
        Command::PutCampaign {
            campaign: campaign.clone(),
            index: None,
        },
        Command::UpdateProp {
            id: id.clone(),
            device: None,
            key: KEY.into(),
            value: Some(Value::String(campaign.id)),
        },
    ]))
}

/// `base` when no campaign of `doc` has that id, else the first free `{base}-{n}`.
fn fresh_campaign_id(doc: &Document, base: &str) -> String {
    let base: String = base.chars().take(56).collect();
    std::iter::once(base.clone())
        .chain((2u32..).map(|n| format!("{base}-{n}")))
        .find(|id| doc.campaign(id).is_none())
        .expect("an unbounded range has a free id")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::apply;
    use crate::document::Fragment;
    use crate::history::History;
    use crate::validate::validate;
    use crate::{templates, BlockKind, Language};

    fn blank() -> Document {
        templates::find("blank")
            .unwrap()
            .instantiate("d", "空白", "blank", Language::ZhCn, chrono::Utc::now())
            .unwrap()
    }

    fn wheel_page() -> Document {
        templates::find("wheel-campaign")
            .unwrap()
            .instantiate("d", "转盘", "wheel", Language::ZhCn, chrono::Utc::now())
            .unwrap()
    }

    fn place(doc: &Document, kind: BlockKind) -> Command {
        let fragment = Fragment::single(NodeId::new("new"), kind, doc.language, chrono::Utc::now())
            .with_fresh_ids(doc);
        Command::Insert {
            parent: doc.root.clone(),
            slot: "main".into(),
            index: 0,
            fragment,
        }
    }

    fn game_of(doc: &Document) -> NodeId {
        doc.blocks
            .values()
            .find(|b| b.kind.game().is_some())
            .unwrap()
            .id
            .clone()
    }

    #[test]
    fn a_placed_game_comes_with_a_complete_campaign_and_undo_takes_both() {
        for kind in [
            BlockKind::Wheel,
            BlockKind::NineGrid,
            BlockKind::ScratchCard,
            BlockKind::SmashEgg,
            BlockKind::SlotMachine,
        ] {
            let mut doc = blank();
            let mut history = History::new(10);
            let command = place(&doc, kind);
            history.apply(&mut doc, command).unwrap();
            assert_eq!(doc.campaigns.len(), 1, "{kind:?}");
            assert_eq!(Some(doc.campaigns[0].game), kind.game());
            assert_eq!(validate(&doc), Vec::new(), "{kind:?}");
            let placed = doc.clone();
            history.undo(&mut doc).unwrap().unwrap();
            assert_eq!(doc, blank_like(&doc));
            history.redo(&mut doc).unwrap().unwrap();
            assert_eq!(doc.campaigns.len(), 1);
            assert_eq!(doc.campaigns[0].id, placed.campaigns[0].id);
        }
    }

    /// `doc` with no blocks but the page and no campaigns.
    fn blank_like(doc: &Document) -> Document {
        let mut b = blank();
        b.id = doc.id.clone();
        b
    }

    #[test]
    fn deleting_a_game_deletes_its_campaign_and_undo_brings_both_back() {
        let mut doc = wheel_page();
        let before = doc.clone();
        let wheel = game_of(&doc);
        let applied = apply(&mut doc, &Command::Remove { id: wheel }).unwrap();
        assert!(doc.campaigns.is_empty());
        assert_eq!(validate(&doc), Vec::new());
        apply(&mut doc, &applied.inverse).unwrap();
        assert_eq!(doc, before);
    }

    #[test]
    fn a_duplicated_game_plays_a_copy_of_the_campaign() {
        let mut doc = wheel_page();
        let before = doc.clone();
        let wheel = game_of(&doc);
        let applied = apply(&mut doc, &Command::Duplicate { id: wheel.clone() }).unwrap();
        assert_eq!(doc.campaigns.len(), 2);
        let (a, b) = (&doc.campaigns[0], &doc.campaigns[1]);
        assert_ne!(a.id, b.id);
        assert_eq!(a.prizes, b.prizes);
        assert_eq!(doc.blocks[&wheel].props[KEY], Value::String(a.id.clone()));
        assert_eq!(validate(&doc), Vec::new());
        apply(&mut doc, &applied.inverse).unwrap();
        assert_eq!(doc, before);
    }

    #[test]
    fn a_game_pasted_without_its_campaign_gets_one() {
        let source = wheel_page();
        let mut doc = blank();
        let fragment = source
            .fragment(&game_of(&source))
            .unwrap()
            .with_fresh_ids(&doc);
        let paste = Command::Batch(vec![Command::Insert {
            parent: doc.root.clone(),
            slot: "main".into(),
            index: 0,
            fragment,
        }]);
        apply(&mut doc, &paste).unwrap();
        assert_eq!(doc.campaigns.len(), 1);
        assert_eq!(validate(&doc), Vec::new());
    }

    #[test]
    fn moving_or_removing_other_blocks_leaves_campaigns_alone() {
        let mut doc = wheel_page();
        let campaigns = doc.campaigns.clone();
        let other = doc
            .blocks
            .values()
            .find(|b| b.kind.game().is_none() && b.id != doc.root && b.props.get(KEY).is_none())
            .unwrap()
            .id
            .clone();
        apply(&mut doc, &Command::Remove { id: other }).unwrap();
        assert_eq!(doc.campaigns, campaigns);
    }

    #[test]
    fn a_game_left_without_a_campaign_is_given_one() {
        let mut doc = wheel_page();
        let wheel = game_of(&doc);
        let unset = Command::UpdateProp {
            id: wheel.clone(),
            device: None,
            key: KEY.into(),
            value: Some(Value::Null),
        };
        apply(&mut doc, &unset).unwrap();
        assert!(!validate(&doc).is_empty(), "a game without its campaign");
        let give = give_campaign(&doc, &wheel, chrono::Utc::now()).unwrap();
        apply(&mut doc, &give).unwrap();
        assert_eq!(doc.campaigns.len(), 2, "the old one is kept, unnamed");
        assert_eq!(validate(&doc), Vec::new());
        assert!(give_campaign(&doc, &doc.root.clone(), chrono::Utc::now()).is_none());
    }

    /// A page saved when two games could share a campaign: moving one (in a batch, as a
    /// multi-select move is) gives it no copy.
    #[test]
    fn moving_a_game_that_shares_its_campaign_changes_nothing() {
        let mut doc = wheel_page();
        let wheel = game_of(&doc);
        let mut twin = doc.blocks[&wheel].clone();
        twin.id = NodeId::new("twin");
        doc.blocks.insert(twin.id.clone(), twin);
        let root = doc.root.clone();
        let main = doc
            .blocks
            .get_mut(&root)
            .unwrap()
            .slots
            .get_mut("main")
            .unwrap();
        main.push(NodeId::new("twin"));
        let campaigns = doc.campaigns.clone();
        let to_top = Command::Batch(vec![Command::Move {
            id: NodeId::new("twin"),
            parent: root,
            slot: "main".into(),
            index: 0,
        }]);
        apply(&mut doc, &to_top).unwrap();
        assert_eq!(doc.campaigns, campaigns);
    }

    #[test]
    fn copy_ids_stay_ids() {
        let mut doc = wheel_page();
        let long = "x".repeat(64);
        doc.campaigns[0].id = long.clone();
        let id = fresh_campaign_id(&doc, &long);
        assert!(crate::validate::is_valid_id(&id), "{id}");
        assert_ne!(id, long);
    }
}
