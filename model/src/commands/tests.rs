use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::history::History;
use crate::templates;
use crate::validate::{validate, Kind};

fn id(s: &str) -> NodeId {
    NodeId::new(s)
}

fn party() -> Document {
    templates::find("nine-grid-party")
        .unwrap()
        .instantiate("d1", "Party", "party", Language::ZhCn, chrono::Utc::now())
        .unwrap()
}

fn main_slot(doc: &Document) -> Vec<&str> {
    doc.blocks[&doc.root].slots["main"]
        .iter()
        .map(NodeId::as_str)
        .collect()
}

fn insert_heading(doc: &Document, index: usize) -> Command {
    let fragment = Fragment::single(
        id("x"),
        BlockKind::Heading,
        Language::En,
        chrono::Utc::now(),
    )
    .with_fresh_ids(doc);
    Command::Insert {
        parent: doc.root.clone(),
        slot: "main".into(),
        index,
        fragment,
    }
}

#[test]
fn insert_then_inverse_restores() {
    let original = party();
    let mut doc = original.clone();
    let applied = apply(&mut doc, &insert_heading(&original, 1)).unwrap();
    assert_eq!(
        main_slot(&doc),
        ["banner", "heading-1", "grid", "cols", "vote"]
    );
    assert!(applied.changed.contains(&id("heading-1")));
    apply(&mut doc, &applied.inverse).unwrap();
    assert_eq!(doc, original);
}

#[test]
fn move_within_and_across_containers() {
    let mut doc = party();
    apply(
        &mut doc,
        &Command::Move {
            id: id("vote"),
            parent: id("page"),
            slot: "main".into(),
            index: 0,
        },
    )
    .unwrap();
    assert_eq!(main_slot(&doc), ["vote", "banner", "grid", "cols"]);
    let applied = apply(
        &mut doc,
        &Command::Move {
            id: id("left"),
            parent: id("cols"),
            slot: "col2".into(),
            index: 1,
        },
    )
    .unwrap();
    assert_eq!(
        doc.blocks[&id("cols")].slots["col2"],
        vec![id("right"), id("left")]
    );
    assert!(doc.blocks[&id("cols")].slots["col1"].is_empty());
    apply(&mut doc, &applied.inverse).unwrap();
    assert_eq!(doc.blocks[&id("cols")].slots["col1"], vec![id("left")]);
    // Out of a column onto the page.
    apply(
        &mut doc,
        &Command::Move {
            id: id("right"),
            parent: id("page"),
            slot: "main".into(),
            index: 4,
        },
    )
    .unwrap();
    assert_eq!(main_slot(&doc), ["vote", "banner", "grid", "cols", "right"]);
    assert_eq!(validate(&doc), vec![]);
}

/// The builder shows drop refusals in its own language: Chinese reasons name the blocks in Chinese.
#[test]
fn drop_refusals_read_in_both_languages() {
    let doc = party();
    let refusal = |block: &str, parent: &str, slot: &str| {
        let dropped = Dropped::Block(&doc.blocks[&id(block)].id);
        drop_check(&doc, dropped, &id(parent), slot, 0).unwrap_err()
    };
    let games = refusal("grid", "cols", "col1");
    assert_eq!(
        games.message(Language::ZhCn),
        "九宫格不能放在这里：互动游戏需要整行宽度，请放在分栏之外"
    );
    assert_eq!(
        games.message(Language::En),
        "Nine-grid cannot go here: games need the full width: place them outside columns"
    );
    assert_eq!(games.to_string(), games.message(Language::En));
    let hidden = refusal("left", "cols", "col3");
    assert!(hidden.message(Language::ZhCn).contains("栏已隐藏"));
    let leaf = refusal("banner", "vote", "children");
    assert_eq!(leaf.message(Language::ZhCn), "投票不能容纳其他组件");
}

#[test]
fn refused_drops_say_why_and_change_nothing() {
    let original = party();
    let cases = [
        (
            Command::Move {
                id: id("grid"),
                parent: id("cols"),
                slot: "col1".into(),
                index: 0,
            },
            "full width",
        ),
        (
            Command::Move {
                id: id("banner"),
                parent: id("vote"),
                slot: "children".into(),
                index: 0,
            },
            "does not hold",
        ),
        (
            Command::Move {
                id: id("cols"),
                parent: id("cols"),
                slot: "col1".into(),
                index: 0,
            },
            "inside itself",
        ),
        (
            Command::Move {
                id: id("left"),
                parent: id("cols"),
                slot: "col3".into(),
                index: 0,
            },
            "hidden",
        ),
        (
            Command::Move {
                id: id("vote"),
                parent: id("page"),
                slot: "main".into(),
                index: 9,
            },
            "past the end",
        ),
        (
            Command::Remove { id: id("page") },
            "cannot be moved, removed",
        ),
        (Command::Duplicate { id: id("nope") }, "no longer exists"),
        (
            Command::UpdateProp {
                id: id("vote"),
                device: None,
                key: "colour".into(),
                value: Some(json!(1)),
            },
            "no setting",
        ),
    ];
    for (command, words) in cases {
        let mut doc = original.clone();
        let err = apply(&mut doc, &command).unwrap_err();
        assert!(err.to_string().contains(words), "{command:?}: {err}");
        assert_eq!(doc, original);
    }
    // Moving a block into a section inside a column's sibling: a section into a section.
    let mut doc = original.clone();
    let s1 = Fragment::single(
        id("s1"),
        BlockKind::Section,
        Language::En,
        chrono::Utc::now(),
    );
    apply(
        &mut doc,
        &Command::Insert {
            parent: id("page"),
            slot: "main".into(),
            index: 0,
            fragment: s1,
        },
    )
    .unwrap();
    let s2 = Fragment::single(
        id("s2"),
        BlockKind::Section,
        Language::En,
        chrono::Utc::now(),
    );
    let err = apply(
        &mut doc,
        &Command::Insert {
            parent: id("s1"),
            slot: "children".into(),
            index: 0,
            fragment: s2,
        },
    );
    assert!(err
        .unwrap_err()
        .to_string()
        .contains("section cannot go inside another section"));
}

#[test]
fn inserted_ids_must_be_new() {
    let mut doc = party();
    let fragment = Fragment::single(
        id("vote"),
        BlockKind::Heading,
        Language::En,
        chrono::Utc::now(),
    );
    let err = apply(
        &mut doc,
        &Command::Insert {
            parent: id("page"),
            slot: "main".into(),
            index: 0,
            fragment,
        },
    )
    .unwrap_err();
    assert_eq!(err, CommandError::IdCollision(id("vote")));
}

#[test]
fn remove_and_duplicate_take_children() {
    let original = party();
    let mut doc = original.clone();
    let dup = apply(&mut doc, &Command::Duplicate { id: id("cols") }).unwrap();
    assert_eq!(
        main_slot(&doc),
        ["banner", "grid", "cols", "columns-1", "vote"]
    );
    assert_eq!(
        doc.blocks[&id("columns-1")].slots["col1"],
        vec![id("button-1")]
    );
    assert_eq!(validate(&doc), vec![]);
    apply(&mut doc, &dup.inverse).unwrap();
    assert_eq!(doc, original);

    let removed = apply(&mut doc, &Command::Remove { id: id("cols") }).unwrap();
    assert!(!doc.blocks.contains_key(&id("left")));
    apply(&mut doc, &removed.inverse).unwrap();
    assert_eq!(doc, original);
}

#[test]
fn props_styles_overrides_and_audience() {
    let original = party();
    let mut doc = original.clone();
    let steps = [
        Command::UpdateProp {
            id: id("vote"),
            device: None,
            key: "title".into(),
            value: Some(json!("Pick one")),
        },
        Command::UpdateProp {
            id: id("vote"),
            device: Some(Device::Phone),
            key: "votes_per_day".into(),
            value: Some(json!(2)),
        },
        Command::UpdateStyle {
            id: id("vote"),
            device: None,
            style: Style {
                background: Some("#fff".into()),
                ..Style::default()
            },
        },
        Command::SetAudience {
            id: id("vote"),
            audience: Some(crate::Rule::TierAtLeast(1)),
        },
    ];
    let mut inverses = Vec::new();
    for step in &steps {
        inverses.push(apply(&mut doc, step).unwrap().inverse);
    }
    let vote = &doc.blocks[&id("vote")];
    assert_eq!(vote.props["title"], "Pick one");
    assert_eq!(
        vote.prop_on("votes_per_day", Some(Device::Phone)),
        Some(&json!(2))
    );
    assert_eq!(
        vote.prop_on("votes_per_day", Some(Device::Desktop)),
        Some(&json!(1))
    );
    assert_eq!(
        vote.style_on(Some(Device::Phone)).background.as_deref(),
        Some("#fff")
    );
    for inverse in inverses.iter().rev() {
        apply(&mut doc, inverse).unwrap();
    }
    assert_eq!(doc, original);
}

#[test]
fn batches_are_atomic() {
    let original = party();
    let mut doc = original.clone();
    let ok = Command::Batch(vec![
        Command::Remove { id: id("vote") },
        Command::Remove { id: id("banner") },
    ]);
    let applied = apply(&mut doc, &ok).unwrap();
    assert_eq!(main_slot(&doc), ["grid", "cols"]);
    apply(&mut doc, &applied.inverse).unwrap();
    assert_eq!(doc, original);
    let bad = Command::Batch(vec![
        Command::Remove { id: id("vote") },
        Command::Remove { id: id("vote") },
    ]);
    assert!(apply(&mut doc, &bad).is_err());
    assert_eq!(doc, original);
}

#[test]
fn history_undoes_and_redoes_150_steps() {
    let original = party();
    let mut doc = original.clone();
    let mut history = History::default();
    for i in 0..150 {
        let command = if i % 2 == 0 {
            insert_heading(&doc, 0)
        } else {
            Command::UpdateProp {
                id: id("vote"),
                device: None,
                key: "title".into(),
                value: Some(json!(format!("Title {i}"))),
            }
        };
        history.apply(&mut doc, command).unwrap();
    }
    let edited = doc.clone();
    while history.can_undo() {
        history.undo(&mut doc).unwrap().unwrap();
    }
    assert_eq!(doc, original);
    while history.can_redo() {
        history.redo(&mut doc).unwrap().unwrap();
    }
    assert_eq!(doc, edited);
}

#[test]
fn history_is_bounded_and_new_edits_clear_redo() {
    let mut doc = party();
    let mut history = History::new(3);
    for i in 0..5 {
        let c = Command::UpdateProp {
            id: id("vote"),
            device: None,
            key: "votes_per_day".into(),
            value: Some(json!(i + 1)),
        };
        history.apply(&mut doc, c).unwrap();
    }
    assert_eq!(history.undo_len(), 3);
    history.undo(&mut doc);
    assert!(history.can_redo());
    history
        .apply(&mut doc, Command::Remove { id: id("banner") })
        .unwrap();
    assert!(!history.can_redo());
}

#[test]
fn typing_merges_into_one_step() {
    let original = party();
    let mut doc = original.clone();
    let mut history = History::default();
    for text in ["P", "Pi", "Pic", "Pick"] {
        let c = Command::UpdateProp {
            id: id("vote"),
            device: None,
            key: "title".into(),
            value: Some(json!(text)),
        };
        history.apply_grouped(&mut doc, c, "vote/title").unwrap();
    }
    assert_eq!(history.undo_len(), 1);
    history.undo(&mut doc).unwrap().unwrap();
    assert_eq!(doc, original);
    history.redo(&mut doc).unwrap().unwrap();
    assert_eq!(doc.blocks[&id("vote")].props["title"], "Pick");
}

/// A random edit, interpreted against the current document.
#[derive(Clone, Debug)]
enum Op {
    Insert(usize, usize, u8),
    Move(usize, usize, usize),
    Remove(usize),
    Duplicate(usize),
    Retitle(usize, String),
}

fn arb_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<usize>(), any::<usize>(), 0u8..4).prop_map(|(a, b, k)| Op::Insert(a, b, k)),
        (any::<usize>(), any::<usize>(), any::<usize>()).prop_map(|(a, b, c)| Op::Move(a, b, c)),
        any::<usize>().prop_map(Op::Remove),
        any::<usize>().prop_map(Op::Duplicate),
        (any::<usize>(), "[a-zA-Z ]{1,12}").prop_map(|(a, t)| Op::Retitle(a, t)),
    ]
}

fn to_command(doc: &Document, op: &Op) -> Command {
    let ids: Vec<NodeId> = doc.in_order();
    let containers: Vec<(NodeId, String)> = ids
        .iter()
        .flat_map(|i| {
            doc.blocks[i]
                .slots
                .keys()
                .map(move |s| (i.clone(), s.clone()))
        })
        .collect();
    let pick = |n: usize| ids[n % ids.len()].clone();
    let slot_len = |(p, s): &(NodeId, String)| doc.blocks[p].slots[s].len();
    match op {
        Op::Insert(c, i, k) => {
            let (parent, slot) = containers[c % containers.len()].clone();
            let kind = [
                BlockKind::Heading,
                BlockKind::Section,
                BlockKind::Columns,
                BlockKind::Wheel,
            ][*k as usize];
            let index = i % (slot_len(&(parent.clone(), slot.clone())) + 1);
            Command::Insert {
                parent,
                slot,
                index,
                fragment: Fragment::single(id("new"), kind, Language::En, chrono::Utc::now())
                    .with_fresh_ids(doc),
            }
        }
        Op::Move(b, c, i) => {
            let target = containers[c % containers.len()].clone();
            let index = i % (slot_len(&target) + 1);
            Command::Move {
                id: pick(*b),
                parent: target.0,
                slot: target.1,
                index,
            }
        }
        Op::Remove(b) => Command::Remove { id: pick(*b) },
        Op::Duplicate(b) => Command::Duplicate { id: pick(*b) },
        Op::Retitle(b, t) => Command::UpdateProp {
            id: pick(*b),
            device: None,
            key: "title".into(),
            value: Some(json!(t)),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// Any sequence of edits keeps the tree valid (refused edits change nothing), every inverse
    /// restores the document before it, and undoing everything restores the start.
    #[test]
    fn random_edits_keep_the_tree_sound(ops in proptest::collection::vec(arb_op(), 1..40)) {
        let original = party();
        let mut doc = original.clone();
        let mut history = History::default();
        for op in &ops {
            let command = to_command(&doc, op);
            let before = doc.clone();
            // The editor's drag preview asks `drop_check`: it must refuse exactly what the move
            // command refuses.
            let previewed = match &command {
                Command::Move { id, parent, slot, index } => {
                    Some(drop_check(&doc, Dropped::Block(id), parent, slot, *index).is_ok())
                }
                _ => None,
            };
            let result = history.apply(&mut doc, command);
            if let Some(ok) = previewed {
                prop_assert_eq!(ok, result.is_ok(), "{:?}", result);
            }
            match result {
                Ok(applied) => {
                    let mut undone = doc.clone();
                    apply(&mut undone, &applied.inverse).unwrap();
                    prop_assert_eq!(&undone, &before);
                }
                Err(_) => prop_assert_eq!(&doc, &before),
            }
            let tree_errors: Vec<_> = validate(&doc)
                .into_iter()
                .filter(|e| {
                    e.path.contains("/slots")
                        || matches!(e.kind, Kind::Placement | Kind::Duplicate)
                        || (e.kind == Kind::Count && e.path.starts_with("/blocks/"))
                })
                .collect();
            prop_assert!(tree_errors.is_empty(), "{:?}", tree_errors);
        }
        let edited = doc.clone();
        // JSON round trip: what is saved is what is read back.
        let json = serde_json::to_value(&edited).unwrap();
        prop_assert_eq!(&crate::parse::decode_document(&json).unwrap(), &edited);
        while history.can_undo() {
            history.undo(&mut doc).unwrap().unwrap();
        }
        prop_assert_eq!(&doc, &original);
        // redo(undo(x)) = x: redoing everything brings back the edited document.
        while history.can_redo() {
            history.redo(&mut doc).unwrap().unwrap();
        }
        prop_assert_eq!(doc, edited);
    }
}

#[test]
fn a_group_lands_together_in_document_order_as_one_step() {
    let doc = party();
    assert_eq!(main_slot(&doc), ["banner", "grid", "cols", "vote"]);
    let root = doc.root.clone();
    // Dropped before `vote`: `banner` and `cols` land side by side, in document order.
    let group = move_group(&doc, &[id("cols"), id("banner")], &root, "main", 3);
    let (moved, _) = apply_to(&doc, &group).unwrap();
    assert_eq!(main_slot(&moved), ["grid", "banner", "cols", "vote"]);
    // To the top, and to the very end.
    let (top, _) = apply_to(
        &doc,
        &move_group(&doc, &[id("vote"), id("cols")], &root, "main", 0),
    )
    .unwrap();
    assert_eq!(main_slot(&top), ["cols", "vote", "banner", "grid"]);
    let (end, _) = apply_to(
        &doc,
        &move_group(&doc, &[id("grid"), id("banner")], &root, "main", 4),
    )
    .unwrap();
    assert_eq!(main_slot(&end), ["cols", "vote", "banner", "grid"]);
    // Dropped among themselves: nothing but their order changes.
    let (same, _) = apply_to(
        &doc,
        &move_group(&doc, &[id("grid"), id("cols")], &root, "main", 2),
    )
    .unwrap();
    assert_eq!(main_slot(&same), ["banner", "grid", "cols", "vote"]);
    // One undo step brings everything back.
    let mut history = History::new(10);
    let mut edited = doc.clone();
    history.apply(&mut edited, group).unwrap();
    assert_eq!(history.undo_len(), 1);
    history.undo(&mut edited).unwrap().unwrap();
    assert_eq!(main_slot(&edited), ["banner", "grid", "cols", "vote"]);
}

#[test]
fn a_block_inside_a_selected_block_travels_with_it() {
    let doc = party();
    let root = doc.root.clone();
    let inner = doc.blocks[&id("cols")]
        .slots
        .values()
        .flatten()
        .next()
        .cloned()
        .expect("the columns hold a block");
    let group = move_group(&doc, &[inner.clone(), id("cols")], &root, "main", 0);
    let Command::Batch(moves) = &group else {
        panic!("a batch")
    };
    assert_eq!(moves.len(), 1, "only the outer block moves");
    let (moved, _) = apply_to(&doc, &group).unwrap();
    assert_eq!(main_slot(&moved)[0], "cols");
    assert!(moved.is_ancestor_or_self(&id("cols"), &inner));
}

proptest! {
    /// Any selection of top-level blocks dropped anywhere: every block is kept, the selected ones
    /// end up adjacent in document order, the others keep their relative order.
    #[test]
    fn group_moves_keep_every_block_and_the_order(
        picks in proptest::collection::vec(any::<bool>(), 4),
        index in 0usize..5,
    ) {
        let doc = party();
        let before: Vec<String> = main_slot(&doc).iter().map(|s| s.to_string()).collect();
        let ids: Vec<NodeId> = before
            .iter()
            .zip(&picks)
            .filter(|(_, p)| **p)
            .map(|(s, _)| id(s))
            .collect();
        prop_assume!(!ids.is_empty());
        let group = move_group(&doc, &ids, &doc.root.clone(), "main", index);
        let (moved, _) = apply_to(&doc, &group).unwrap();
        let after: Vec<String> = main_slot(&moved).iter().map(|s| s.to_string()).collect();
        let mut sorted_before = before.clone();
        let mut sorted_after = after.clone();
        sorted_before.sort();
        sorted_after.sort();
        prop_assert_eq!(sorted_before, sorted_after);
        let chosen: Vec<&String> = before.iter().zip(&picks).filter(|(_, p)| **p).map(|(s, _)| s).collect();
        let start = after.iter().position(|s| s == chosen[0]).unwrap();
        let run: Vec<&String> = after[start..start + chosen.len()].iter().collect();
        prop_assert_eq!(run, chosen);
        let rest_before: Vec<&String> = before.iter().zip(&picks).filter(|(_, p)| !**p).map(|(s, _)| s).collect();
        let rest_after: Vec<&String> = after.iter().filter(|s| !rest_before.is_empty() && rest_before.contains(s)).collect();
        prop_assert_eq!(rest_after, rest_before);
    }
}
