//! The page document: theme, a tree of blocks stored flat (keyed by id, containers holding
//! ordered id lists per named slot), campaigns and club settings.
//!
//! Editor state (selection, viewport, persona) never enters the document.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::audience::Rule;
use crate::campaign::Campaign;
use crate::catalogue::{first_date, BlockKind};
use crate::fields::FieldKind;
use crate::language::Language;
use crate::migrate::CURRENT_SCHEMA_VERSION;
use crate::style::Style;

/// A block's id: unique in its document, `[A-Za-z0-9_-]{1,64}`.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct NodeId(pub String);

impl NodeId {
    /// Wraps a string.
    pub fn new(id: impl Into<String>) -> NodeId {
        NodeId(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for NodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A block's props: field key → JSON value, typed by its kind's [`crate::fields::Field`]s.
pub type Props = serde_json::Map<String, Value>;

/// The three device classes a page is previewed and overridden on.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Device {
    /// Up to 599 px wide.
    Phone,
    /// 600-1023 px.
    Tablet,
    /// 1024 px and wider.
    Desktop,
}

impl Device {
    /// Every device, smallest first.
    pub const ALL: [Device; 3] = [Device::Phone, Device::Tablet, Device::Desktop];
}

/// What differs on one device: only the props and style fields set here.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeviceOverride {
    /// Props that differ.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub props: Props,
    /// Style fields that differ.
    #[serde(default, skip_serializing_if = "Style::is_empty")]
    pub style: Style,
}

impl DeviceOverride {
    /// Whether it overrides nothing.
    pub fn is_empty(&self) -> bool {
        self.props.is_empty() && self.style.is_empty()
    }
}

/// One block of the page tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Its id (equal to its key in [`Document::blocks`]).
    pub id: NodeId,
    /// What it is.
    pub kind: BlockKind,
    /// Version of the kind's props this block was written with (see [`crate::migrate`]).
    #[serde(default = "one")]
    pub version: u32,
    /// Typed props (see [`crate::catalogue`]).
    #[serde(default)]
    pub props: Props,
    /// Spacing, background, alignment.
    #[serde(default, skip_serializing_if = "Style::is_empty")]
    pub style: Style,
    /// Who sees it; `None` = everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Rule>,
    /// Child ids per named slot, in order (containers only).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub slots: BTreeMap<String, Vec<NodeId>>,
    /// Per-device differences.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<Device, DeviceOverride>,
}

fn one() -> u32 {
    1
}

impl Block {
    /// A block of `kind` with the default props of a page in `language`, and empty slots.
    pub fn new(id: NodeId, kind: BlockKind, language: Language) -> Block {
        let spec = kind.spec();
        Block {
            id,
            kind,
            version: spec.version,
            props: spec
                .fields
                .iter()
                .map(|f| (f.key.to_owned(), f.default_value(language)))
                .collect(),
            style: Style::default(),
            audience: None,
            slots: spec
                .slots
                .iter()
                .map(|s| (s.to_string(), Vec::new()))
                .collect(),
            overrides: BTreeMap::new(),
        }
    }

    /// Every child id, slot by slot.
    pub fn children(&self) -> impl DoubleEndedIterator<Item = &NodeId> {
        self.slots.values().flatten()
    }

    /// A prop's value on `device` (its override, else the base value).
    pub fn prop_on(&self, key: &str, device: Option<Device>) -> Option<&Value> {
        device
            .and_then(|d| self.overrides.get(&d))
            .and_then(|o| o.props.get(key))
            .or_else(|| self.props.get(key))
    }

    /// The style on `device`: the base style with the device's override applied.
    pub fn style_on(&self, device: Option<Device>) -> Style {
        match device.and_then(|d| self.overrides.get(&d)) {
            Some(o) => self.style.merged(&o.style),
            None => self.style.clone(),
        }
    }

    /// Fills props missing from the block with their defaults on a page in `language` (unknown
    /// props are kept, for validation to report).
    pub fn fill_defaults(&mut self, language: Language) {
        for field in self.kind.spec().fields {
            self.props
                .entry(field.key)
                .or_insert_with(|| field.default_value(language));
        }
        for slot in self.kind.spec().slots {
            self.slots.entry(slot.to_string()).or_default();
        }
    }
}

/// Base font of a theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Font {
    /// The phone's own UI font.
    System,
    /// A rounded sans-serif, friendly for family brands.
    Rounded,
    /// A serif.
    Serif,
}

/// Colours, font, corner radius and page background.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Brand colour: buttons, highlights.
    pub primary: String,
    /// Second colour: badges, prices.
    pub accent: String,
    /// Body text colour.
    pub text: String,
    /// Page background colour.
    pub background: String,
    /// Base font.
    pub font: Font,
    /// Corner radius in px (0-32).
    pub radius: u8,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            primary: "#e85d75".into(),
            accent: "#f4a259".into(),
            text: "#2d2a32".into(),
            background: "#fff8f3".into(),
            font: Font::Rounded,
            radius: 12,
        }
    }
}

/// When members may open the published page: instants with their UTC offset, either bound
/// optional (none: open from publishing, for ever). Publishing applies it; times sent with a
/// publish request win.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageSchedule {
    /// First instant members may open the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime<FixedOffset>>,
    /// First instant the page is closed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTime<FixedOffset>>,
}

impl PageSchedule {
    /// Whether neither bound is set.
    pub fn is_always(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }
}

/// A page: what a marketer builds and members open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Version of this document format (see [`crate::migrate`]).
    pub schema_version: u32,
    /// The document's id.
    pub id: String,
    /// Title shown in the projects list and the browser tab.
    pub title: String,
    /// Address segment members open: `/c/{slug}`.
    pub slug: String,
    /// The language members read the page in.
    #[serde(default)]
    pub language: Language,
    /// Look and feel.
    #[serde(default)]
    pub theme: Theme,
    /// When members may open the page once published.
    #[serde(default, skip_serializing_if = "PageSchedule::is_always")]
    pub schedule: PageSchedule,
    /// Id of the page block, the tree's root.
    pub root: NodeId,
    /// Every block, keyed by id.
    pub blocks: BTreeMap<NodeId, Block>,
    /// Campaigns the page's games play.
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
}

/// A detached subtree: what is inserted, removed, copied and pasted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragment {
    /// The subtree's top block.
    pub root: NodeId,
    /// The subtree's blocks, keyed by id.
    pub blocks: BTreeMap<NodeId, Block>,
}

impl Fragment {
    /// A fragment holding a single new block of `kind` with id `id`, for a page in `language`,
    /// placed at `now`: its dates (a countdown's target) start at [`first_date`] of `now`, not at
    /// the catalogue's fixed example, which would soon be past.
    pub fn single(id: NodeId, kind: BlockKind, language: Language, now: DateTime<Utc>) -> Fragment {
        let mut block = Block::new(id.clone(), kind, language);
        let first = Value::String(first_date(now).to_rfc3339());
        for field in kind.spec().fields {
            if field.kind == FieldKind::DateTime {
                block.props.insert(field.key.to_owned(), first.clone());
            }
        }
        Fragment {
            root: id.clone(),
            blocks: BTreeMap::from([(id, block)]),
        }
    }

    /// The same subtree with every id replaced by one unused in `doc` (for paste and duplicate).
    pub fn with_fresh_ids(&self, doc: &Document) -> Fragment {
        let mut taken: BTreeSet<NodeId> = doc.blocks.keys().cloned().collect();
        let mut renamed = BTreeMap::new();
        for old in self.blocks.keys() {
            let new = fresh_id(&taken, self.blocks[old].kind);
            taken.insert(new.clone());
            renamed.insert(old.clone(), new);
        }
        let rename = |id: &NodeId| renamed.get(id).cloned().unwrap_or_else(|| id.clone());
        let blocks = self
            .blocks
            .values()
            .map(|b| {
                let mut b = b.clone();
                b.id = rename(&b.id);
                for ids in b.slots.values_mut() {
                    ids.iter_mut().for_each(|id| *id = rename(id));
                }
                (b.id.clone(), b)
            })
            .collect();
        Fragment {
            root: rename(&self.root),
            blocks,
        }
    }
}

/// The first id of the form `{kind}-{n}` not in `taken`.
pub fn fresh_id(taken: &BTreeSet<NodeId>, kind: BlockKind) -> NodeId {
    let prefix = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', "-")));
    let prefix = prefix.unwrap_or_else(|| "block".into());
    let mut n = 1u64;
    loop {
        let id = NodeId(format!("{prefix}-{n}"));
        if !taken.contains(&id) {
            return id;
        }
        n += 1;
    }
}

/// Where a block sits: its parent, the slot and its index there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    /// The container.
    pub parent: NodeId,
    /// The slot name.
    pub slot: String,
    /// Index within the slot.
    pub index: usize,
}

impl Document {
    /// A new empty page.
    pub fn blank(id: &str, title: &str, slug: &str) -> Document {
        let root = NodeId::new("page");
        Document {
            schema_version: CURRENT_SCHEMA_VERSION,
            id: id.into(),
            title: title.into(),
            slug: slug.into(),
            language: Language::default(),
            theme: Theme::default(),
            schedule: PageSchedule::default(),
            root: root.clone(),
            blocks: BTreeMap::from([(
                root.clone(),
                Block::new(root, BlockKind::Page, Language::default()),
            )]),
            campaigns: Vec::new(),
        }
    }

    /// The block with `id`.
    pub fn block(&self, id: &NodeId) -> Option<&Block> {
        self.blocks.get(id)
    }

    /// Where `id` sits; `None` for the root and unknown ids.
    pub fn position(&self, id: &NodeId) -> Option<Position> {
        self.blocks.values().find_map(|parent| {
            parent.slots.iter().find_map(|(slot, ids)| {
                ids.iter().position(|c| c == id).map(|index| Position {
                    parent: parent.id.clone(),
                    slot: slot.clone(),
                    index,
                })
            })
        })
    }

    /// `id` and all blocks below it, parents before children.
    pub fn subtree(&self, id: &NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![id.clone()];
        while let Some(next) = stack.pop() {
            if out.contains(&next) {
                continue; // a malformed (cyclic) tree must not loop
            }
            if let Some(block) = self.blocks.get(&next) {
                stack.extend(block.children().rev().cloned());
            }
            out.push(next);
        }
        out
    }

    /// Whether `ancestor` is `id` or above it.
    pub fn is_ancestor_or_self(&self, ancestor: &NodeId, id: &NodeId) -> bool {
        self.subtree(ancestor).contains(id)
    }

    /// The subtree at `id` as a detached fragment.
    pub fn fragment(&self, id: &NodeId) -> Option<Fragment> {
        self.blocks.get(id)?;
        let blocks = self
            .subtree(id)
            .into_iter()
            .filter_map(|i| self.blocks.get(&i).map(|b| (i, b.clone())))
            .collect();
        Some(Fragment {
            root: id.clone(),
            blocks,
        })
    }

    /// How many containers lie above `id` (the root has depth 0).
    pub fn depth(&self, id: &NodeId) -> usize {
        let mut depth = 0;
        let mut current = id.clone();
        while let Some(pos) = self.position(&current) {
            depth += 1;
            current = pos.parent;
            if depth > self.blocks.len() {
                break; // cyclic: validation reports it
            }
        }
        depth
    }

    /// The campaign with `id`.
    pub fn campaign(&self, id: &str) -> Option<&Campaign> {
        self.campaigns.iter().find(|c| c.id == id)
    }

    /// The document as members receive it: quiz answers removed (the server checks them).
    pub fn for_members(&self) -> Document {
        let mut doc = self.clone();
        for block in doc
            .blocks
            .values_mut()
            .filter(|b| b.kind == BlockKind::Quiz)
        {
            let questions = block
                .props
                .get_mut("questions")
                .and_then(Value::as_array_mut);
            for question in questions.into_iter().flatten() {
                if let Some(q) = question.as_object_mut() {
                    q.remove("answer");
                }
            }
        }
        doc
    }

    /// Block ids in page order (depth-first from the root).
    pub fn in_order(&self) -> Vec<NodeId> {
        self.subtree(&self.root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_do_not_collide() {
        let mut doc = Document::blank("d", "T", "t");
        let f = Fragment::single(
            NodeId::new("x"),
            BlockKind::Heading,
            Language::En,
            Utc::now(),
        )
        .with_fresh_ids(&doc);
        assert_eq!(f.root.as_str(), "heading-1");
        doc.blocks.extend(f.blocks.clone());
        let g = f.with_fresh_ids(&doc);
        assert_eq!(g.root.as_str(), "heading-2");
    }

    /// A new countdown counts down to a week from when it is placed, at 20:00 in China.
    #[test]
    fn a_new_countdown_counts_down_to_an_evening_a_week_ahead() {
        for (now, target) in [
            ("2027-03-01T10:00:00Z", "2027-03-08T20:00:00+08:00"),
            // 02:00 on 2 March in China: a week from the Chinese day.
            ("2027-03-01T18:00:00Z", "2027-03-09T20:00:00+08:00"),
            ("2030-12-28T00:00:00+08:00", "2031-01-04T20:00:00+08:00"),
        ] {
            let now = DateTime::parse_from_rfc3339(now).unwrap().to_utc();
            let f = Fragment::single(NodeId::new("c"), BlockKind::Countdown, Language::ZhCn, now);
            assert_eq!(f.blocks[&f.root].props["target"], target, "placed at {now}");
        }
    }

    #[test]
    fn members_never_receive_quiz_answers() {
        let mut doc = Document::blank("d", "T", "t");
        let quiz = Block::new(NodeId::new("q"), BlockKind::Quiz, Language::En);
        assert_eq!(quiz.props["questions"][0]["answer"], 1);
        doc.blocks.insert(quiz.id.clone(), quiz);
        let json = serde_json::to_string(&doc.for_members()).unwrap();
        assert!(!json.contains("\"answer\""), "{json}");
        assert!(json.contains("\"question\""));
    }

    #[test]
    fn new_blocks_have_every_default_prop_in_the_page_language() {
        let b = Block::new(NodeId::new("w"), BlockKind::Wheel, Language::En);
        assert_eq!(b.props["button_label"], "Spin");
        assert!(b.props["campaign"].is_null());
        let zh = Block::new(NodeId::new("w"), BlockKind::Wheel, Language::ZhCn);
        assert_eq!(zh.props["button_label"], "转一转");
        let c = Block::new(NodeId::new("c"), BlockKind::Columns, Language::ZhCn);
        assert_eq!(c.slots.len(), 4);
    }

    /// Every text a new block shows is written in its page's language: no Chinese on an English
    /// page, no English words on a Chinese one (units and values such as "¥20" or "A" aside).
    #[test]
    fn every_default_text_reads_in_the_page_language() {
        for spec in BlockKind::palette() {
            let en = Block::new(NodeId::new("b"), spec.kind, Language::En);
            let zh = Block::new(NodeId::new("b"), spec.kind, Language::ZhCn);
            for text in crate::language::check::texts(&Value::Object(en.props), spec.fields) {
                assert!(
                    !text.chars().any(crate::language::check::is_cjk),
                    "{:?}: {text}",
                    spec.kind
                );
            }
            for text in crate::language::check::texts(&Value::Object(zh.props), spec.fields) {
                assert!(
                    !crate::language::check::has_english_word(&text),
                    "{:?}: {text}",
                    spec.kind
                );
            }
        }
    }
}
