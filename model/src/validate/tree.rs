//! The page's tree: ids, slots, placement, nesting depth, hidden columns, block versions and
//! the rules between blocks and campaigns.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{is_valid_id, segment, Kind, Validator, MAX_BLOCKS, MAX_DEPTH};
use crate::catalogue::BlockKind;
use crate::document::{Block, NodeId};

impl Validator<'_> {
    pub(super) fn tree(&mut self) {
        let doc = self.doc;
        if doc.blocks.len() > MAX_BLOCKS {
            self.err(
                Kind::Count,
                "/blocks",
                format!("a page may hold at most {MAX_BLOCKS} blocks"),
            );
        }
        match doc.blocks.get(&doc.root) {
            None => self.err(
                Kind::UnknownReference,
                "/root",
                format!("the page block '{}' is missing", doc.root),
            ),
            Some(b) if b.kind != BlockKind::Page => {
                self.err(Kind::Placement, "/root", "the root block must be a page")
            }
            Some(_) => {}
        }
        let mut parents: HashMap<&NodeId, &NodeId> = HashMap::new();
        for (id, block) in &doc.blocks {
            let path = format!("/blocks/{}", segment(id.as_str()));
            if !is_valid_id(id.as_str()) {
                self.err(
                    Kind::Format,
                    &path,
                    "block id must be 1-64 letters, digits, '-' or '_'",
                );
            }
            if &block.id != id {
                self.err(
                    Kind::Inconsistent,
                    format!("{path}/id"),
                    format!("block id '{}' differs from its key '{id}'", block.id),
                );
            }
            if block.kind == BlockKind::Page && id != &doc.root {
                self.err(
                    Kind::Placement,
                    format!("{path}/kind"),
                    "only the root may be a page",
                );
            }
            let spec = block.kind.spec();
            for (slot, children) in &block.slots {
                let slot_path = format!("{path}/slots/{}", segment(slot));
                if !spec.slots.contains(&slot.as_str()) {
                    self.err(
                        Kind::UnknownReference,
                        &slot_path,
                        format!("{} has no slot '{slot}'", spec.label.en),
                    );
                    continue;
                }
                for (i, child) in children.iter().enumerate() {
                    let child_path = format!("{slot_path}/{i}");
                    let Some(child_block) = doc.blocks.get(child) else {
                        self.err(
                            Kind::UnknownReference,
                            child_path,
                            format!("block '{child}' does not exist"),
                        );
                        continue;
                    };
                    if let Some(previous) = parents.insert(child, id) {
                        self.err(
                            Kind::Duplicate,
                            child_path,
                            format!("block '{child}' is placed twice (also in '{previous}')"),
                        );
                    } else if let Some(why) = block.kind.refuses(child_block.kind).map(|l| l.en) {
                        self.err(
                            Kind::Placement,
                            child_path,
                            format!("{} cannot go here: {why}", child_block.kind.spec().label.en),
                        );
                    }
                }
            }
            if block.kind == BlockKind::Columns {
                let count = crate::facts::visible_columns(block);
                for (n, slot) in spec.slots.iter().enumerate().skip(count) {
                    if block.slots.get(*slot).is_some_and(|c| !c.is_empty()) {
                        self.err(Kind::Placement,
                            format!("{path}/slots/{slot}"),
                            format!("column {} is hidden (columns: {count}) but holds blocks: move them first", n + 1),
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
                    Kind::Count,
                    format!("/blocks/{}", segment(id.as_str())),
                    format!("blocks may nest at most {MAX_DEPTH} deep"),
                );
                continue;
            }
            if let Some(block) = doc.blocks.get(id) {
                stack.extend(block.children().map(|c| (c, depth + 1)));
            }
        }
        for id in doc.blocks.keys() {
            if !seen.contains(id) {
                let why = if parents.contains_key(id) {
                    "is inside a loop of blocks containing each other"
                } else {
                    "is not placed on the page"
                };
                self.err(
                    Kind::Placement,
                    format!("/blocks/{}", segment(id.as_str())),
                    format!("block '{id}' {why}"),
                );
            }
        }
    }

    pub(super) fn block(&mut self, id: &NodeId, block: &Block) {
        let path = format!("/blocks/{}", segment(id.as_str()));
        let spec = block.kind.spec();
        if block.version > spec.version {
            self.err(
                Kind::TooNew,
                format!("{path}/version"),
                format!(
                    "this {} was made by a newer Cradle (version {}); this one reads up to {}",
                    spec.label.en, block.version, spec.version
                ),
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
            self.err(
                Kind::Required,
                format!("{path}/props/campaign"),
                "choose the campaign this button plays",
            );
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
                    Kind::Inconsistent,
                    format!("{path}/props/campaign"),
                    format!(
                        "campaign '{}' is set up for another game; choose a {} campaign",
                        campaign.name,
                        block.kind.spec().label.en
                    ),
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
                        Kind::Inconsistent,
                        format!("{path}/props/questions/{i}/answer"),
                        format!("correct answer must be one of the {options} answers"),
                    );
                }
            }
        }
    }
}
