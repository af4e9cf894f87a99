//! The page's tree: ids, slots, placement, nesting depth, hidden columns, block versions and
//! the rules between blocks and campaigns.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{is_valid_id, name, segment, Reason, Validator, MAX_BLOCKS, MAX_DEPTH};
use crate::catalogue::BlockKind;
use crate::commands::Refusal;
use crate::document::{Block, NodeId};

impl Validator<'_> {
    pub(super) fn tree(&mut self) {
        let doc = self.doc;
        if doc.blocks.len() > MAX_BLOCKS {
            self.err("/blocks", Reason::TooMany(name::BLOCKS, MAX_BLOCKS));
        }
        match doc.blocks.get(&doc.root) {
            None => self.err("/root", Reason::NoPageBlock(doc.root.to_string())),
            Some(b) if b.kind != BlockKind::Page => self.err("/root", Reason::RootNotPage),
            Some(_) => {}
        }
        let mut parents: HashMap<&NodeId, &NodeId> = HashMap::new();
        for (id, block) in &doc.blocks {
            let path = format!("/blocks/{}", segment(id.as_str()));
            if !is_valid_id(id.as_str()) {
                self.err(&path, Reason::BadId(name::BLOCK));
            }
            if &block.id != id {
                self.err(
                    format!("{path}/id"),
                    Reason::IdMismatch {
                        id: block.id.to_string(),
                        key: id.to_string(),
                    },
                );
            }
            if block.kind == BlockKind::Page && id != &doc.root {
                self.err(format!("{path}/kind"), Reason::PageNotRoot);
            }
            let spec = block.kind.spec();
            for (slot, children) in &block.slots {
                let slot_path = format!("{path}/slots/{}", segment(slot));
                if !spec.slots.contains(&slot.as_str()) {
                    self.err(
                        &slot_path,
                        Reason::Placement(Refusal::NoSuchSlot(block.kind, slot.clone())),
                    );
                    continue;
                }
                for (i, child) in children.iter().enumerate() {
                    let child_path = format!("{slot_path}/{i}");
                    let Some(child_block) = doc.blocks.get(child) else {
                        self.err(child_path, Reason::NoSuchBlock(child.to_string()));
                        continue;
                    };
                    if let Some(previous) = parents.insert(child, id) {
                        self.err(
                            child_path,
                            Reason::PlacedTwice {
                                id: child.to_string(),
                                also_in: previous.to_string(),
                            },
                        );
                    } else if let Some(why) = block.kind.refuses(child_block.kind) {
                        self.err(
                            child_path,
                            Reason::Placement(Refusal::Refused(child_block.kind, why)),
                        );
                    }
                }
            }
            if block.kind == BlockKind::Columns {
                let count = crate::facts::visible_columns(block);
                for (n, slot) in spec.slots.iter().enumerate().skip(count) {
                    if block.slots.get(*slot).is_some_and(|c| !c.is_empty()) {
                        self.err(
                            format!("{path}/slots/{slot}"),
                            Reason::HiddenColumnHoldsBlocks {
                                column: n + 1,
                                showing: count,
                            },
                        );
                    }
                }
            }
        }
        // Reachability, cycles and depth, walking down from the root.
        let mut seen: HashSet<&NodeId> = HashSet::new();
        let mut stack: Vec<(&NodeId, usize)> = vec![(&doc.root, 0)];
        while let Some((id, depth)) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            if depth > MAX_DEPTH {
                self.err(
                    format!("/blocks/{}", segment(id.as_str())),
                    Reason::Placement(Refusal::TooDeep),
                );
                continue;
            }
            if let Some(block) = doc.blocks.get(id) {
                stack.extend(block.children().map(|c| (c, depth + 1)));
            }
        }
        for id in doc.blocks.keys() {
            if !seen.contains(id) {
                self.err(
                    format!("/blocks/{}", segment(id.as_str())),
                    Reason::Unreachable {
                        id: id.to_string(),
                        looped: parents.contains_key(id),
                    },
                );
            }
        }
    }

    pub(super) fn block(&mut self, id: &NodeId, block: &Block) {
        let path = format!("/blocks/{}", segment(id.as_str()));
        let spec = block.kind.spec();
        if block.version > spec.version {
            self.err(
                format!("{path}/version"),
                Reason::BlockTooNew {
                    kind: block.kind,
                    version: block.version,
                    reads: spec.version,
                },
            );
        }
        self.props(&format!("{path}/props"), &block.props, spec.fields, true);
        self.style(&format!("{path}/style"), &block.style);
        for (device, over) in &block.overrides {
            let device = serde_json::to_value(device)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let opath = format!("{path}/overrides/{device}");
            self.props(&format!("{opath}/props"), &over.props, spec.fields, false);
            self.style(&format!("{opath}/style"), &over.style);
        }
        if let Some(rule) = &block.audience {
            self.rule(&format!("{path}/audience"), rule);
        }
        self.block_rules(&path, block);
    }

    /// Rules that span several props of one kind.
    pub(super) fn block_rules(&mut self, path: &str, block: &Block) {
        let props = &block.props;
        if block.kind == BlockKind::Button
            && props.get("action").and_then(Value::as_str) == Some("draw")
            && props.get("campaign").is_none_or(Value::is_null)
        {
            self.err(format!("{path}/props/campaign"), Reason::NoCampaign);
        }
        if let Some(game) = block.kind.game() {
            let Some(campaign) = props
                .get("campaign")
                .and_then(Value::as_str)
                .and_then(|c| self.doc.campaign(c))
            else {
                return; // a missing or unknown campaign is reported by the field check
            };
            if campaign.game != game {
                self.err(
                    format!("{path}/props/campaign"),
                    Reason::WrongGame {
                        campaign: campaign.name.clone(),
                        game: block.kind,
                    },
                );
            }
        }
        if block.kind == BlockKind::Quiz {
            let questions = props
                .get("questions")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for (i, q) in questions.iter().enumerate() {
                let options = q
                    .get("options")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                let answer = q.get("answer").and_then(Value::as_u64).unwrap_or(0) as usize;
                if answer > options {
                    self.err(
                        format!("{path}/props/questions/{i}/answer"),
                        Reason::NoSuchAnswer(options),
                    );
                }
            }
        }
    }
}
