//! Edit commands: the closed set of changes the editor makes, applied by pure functions over the
//! document. Each returns its inverse, so undo is applying the inverse.
//!
//! A command either applies completely or not at all: it is checked before anything changes.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::audience::Rule;
use crate::campaign::Campaign;
use crate::catalogue::BlockKind;
use crate::document::{Device, Document, Fragment, NodeId, PageSchedule, Position, Theme};
use crate::fields::Label;
use crate::language::Language;
use crate::style::Style;
use crate::validate::{MAX_BLOCKS, MAX_DEPTH};

/// One change to a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Command {
    /// Put a detached subtree into `parent`'s `slot` at `index`.
    Insert {
        /// Container.
        parent: NodeId,
        /// Slot name.
        slot: String,
        /// Index in the slot (0 = first; the slot's length = last).
        index: usize,
        /// What to insert; its ids must be new to the document.
        fragment: Fragment,
    },
    /// Move a block (with its children) to `parent`'s `slot` at `index`, counted after the block
    /// has left its old place.
    Move {
        /// The block.
        id: NodeId,
        /// New container.
        parent: NodeId,
        /// New slot.
        slot: String,
        /// New index.
        index: usize,
    },
    /// Remove a block and everything inside it.
    Remove {
        /// The block.
        id: NodeId,
    },
    /// Copy a block (with its children) with fresh ids, right after the original.
    Duplicate {
        /// The block.
        id: NodeId,
    },
    /// Set a prop, on every device (`device: None`) or as one device's override.
    UpdateProp {
        /// The block.
        id: NodeId,
        /// Device override, or `None` for the base value.
        #[serde(default)]
        device: Option<Device>,
        /// Field key.
        key: String,
        /// New value; `None` resets to the default (base) or removes the override (device).
        value: Option<Value>,
    },
    /// Replace the style, on every device or as one device's override.
    UpdateStyle {
        /// The block.
        id: NodeId,
        /// Device override, or `None` for the base style.
        #[serde(default)]
        device: Option<Device>,
        /// New style.
        style: Style,
    },
    /// Set or clear who sees a block.
    SetAudience {
        /// The block.
        id: NodeId,
        /// The rule; `None` = everyone.
        audience: Option<Rule>,
    },
    /// Set the page's title.
    SetTitle {
        /// New title.
        title: String,
    },
    /// Set the page's member address (`/c/{slug}`).
    SetSlug {
        /// New slug.
        slug: String,
    },
    /// Set the language members read the page in.
    SetLanguage {
        /// New language.
        language: Language,
    },
    /// Replace the page's theme.
    SetTheme {
        /// New theme.
        theme: Theme,
    },
    /// Set when members may open the page once published.
    SetSchedule {
        /// New schedule.
        schedule: PageSchedule,
    },
    /// Replace the campaign with the same id, or add it at `index` (the end when `None`).
    PutCampaign {
        /// The campaign.
        campaign: Campaign,
        /// Where a new campaign goes.
        #[serde(default)]
        index: Option<usize>,
    },
    /// Remove a campaign.
    RemoveCampaign {
        /// Its id.
        id: String,
    },
    /// Several commands as one step (multi-select move, delete, duplicate).
    Batch(Vec<Command>),
}

/// What applying a command did.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The command that undoes it.
    pub inverse: Command,
    /// Blocks whose content, children or existence changed (for targeted re-rendering).
    pub changed: Vec<NodeId>,
    /// Page-level parts that changed (title, theme, campaigns…), sorted, each once.
    pub parts: Vec<Part>,
}

/// Why a command was refused, in words the editor can show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    /// No block has this id.
    UnknownBlock(NodeId),
    /// The target cannot hold this block here; the reason says why.
    InvalidDrop(Refusal),
    /// The index is past the end of the slot.
    IndexOutOfRange {
        /// Requested.
        index: usize,
        /// The slot's length.
        len: usize,
    },
    /// The page block cannot be removed, moved or duplicated.
    RootIsFixed,
    /// Inserted ids already exist (re-id the fragment first).
    IdCollision(NodeId),
    /// The fragment is malformed (its root missing, or blocks outside its tree).
    BadFragment(String),
    /// The block kind has no such prop.
    UnknownProp(String),
    /// The page would exceed the block limit.
    TooManyBlocks,
    /// No campaign has this id.
    UnknownCampaign(String),
}

/// Why a block cannot go where it was dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A block dropped into itself or its own children.
    IntoItself,
    /// The target is not a container.
    HoldsNothing(BlockKind),
    /// The target has no slot of that name.
    NoSuchSlot(BlockKind, String),
    /// The nesting rules refuse the kind here (see [`BlockKind::refuses`]).
    Refused(BlockKind, Label),
    /// The slot is a column the block hides (`count` columns show).
    HiddenColumn(String, usize),
    /// The drop would nest deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl Refusal {
    /// The reason in `language`, for the editor's drop line and screen readers.
    pub fn message(&self, language: Language) -> String {
        let label = |kind: BlockKind| kind.spec().label.get(language);
        match (self, language) {
            (Refusal::IntoItself, Language::En) => "a block cannot go inside itself".into(),
            (Refusal::IntoItself, Language::ZhCn) => "组件不能放进它自己里面".into(),
            (Refusal::HoldsNothing(k), Language::En) => {
                format!("a {} does not hold other blocks", label(*k))
            }
            (Refusal::HoldsNothing(k), Language::ZhCn) => format!("{}不能容纳其他组件", label(*k)),
            (Refusal::NoSuchSlot(k, slot), Language::En) => {
                format!("a {} has no place called '{slot}'", label(*k))
            }
            (Refusal::NoSuchSlot(k, slot), Language::ZhCn) => {
                format!("{}没有名为“{slot}”的位置", label(*k))
            }
            (Refusal::Refused(k, why), Language::En) => {
                format!("{} cannot go here: {}", label(*k), why.en)
            }
            (Refusal::Refused(k, why), Language::ZhCn) => {
                format!("{}不能放在这里：{}", label(*k), why.zh)
            }
            (Refusal::HiddenColumn(slot, count), Language::En) => {
                format!("column {slot} is hidden: these columns show {count}")
            }
            (Refusal::HiddenColumn(slot, count), Language::ZhCn) => {
                format!("{slot} 栏已隐藏：当前只显示 {count} 栏")
            }
            (Refusal::TooDeep, Language::En) => format!("blocks may nest at most {MAX_DEPTH} deep"),
            (Refusal::TooDeep, Language::ZhCn) => format!("组件最多只能嵌套 {MAX_DEPTH} 层"),
        }
    }
}

impl CommandError {
    /// What went wrong in `language`: the editor's own refusals (drops) in both languages; the
    /// rest are programming errors the marketer should not meet, so they stay in English.
    pub fn message(&self, language: Language) -> String {
        match self {
            CommandError::InvalidDrop(why) => why.message(language),
            other => other.to_string(),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommandError::UnknownBlock(id) => write!(f, "block '{id}' no longer exists"),
            CommandError::InvalidDrop(why) => f.write_str(&why.message(Language::En)),
            CommandError::IndexOutOfRange { index, len } => {
                write!(f, "position {index} is past the end ({len} blocks there)")
            }
            CommandError::RootIsFixed => {
                f.write_str("the page itself cannot be moved, removed or copied")
            }
            CommandError::IdCollision(id) => write!(f, "a block with id '{id}' already exists"),
            CommandError::BadFragment(why) => write!(f, "the pasted blocks are malformed: {why}"),
            CommandError::UnknownProp(key) => write!(f, "this block has no setting '{key}'"),
            CommandError::TooManyBlocks => write!(f, "a page may hold at most {MAX_BLOCKS} blocks"),
            CommandError::UnknownCampaign(id) => write!(f, "campaign '{id}' no longer exists"),
        }
    }
}

impl std::error::Error for CommandError {}

/// Applies `command` to `doc` in place; on error `doc` is unchanged. Games added or removed take
/// their campaigns with them (`commands/campaigns.rs`), in the same step.
pub fn apply(doc: &mut Document, command: &Command) -> Result<Applied, CommandError> {
    if !campaigns::follows(command) {
        return apply_plain(doc, command);
    }
    let before = campaigns::Before::of(doc);
    let applied = apply_plain(doc, command)?;
    Ok(campaigns::follow_up(doc, &before, applied))
}

/// Applies `command` alone, with no follow-up.
fn apply_plain(doc: &mut Document, command: &Command) -> Result<Applied, CommandError> {
    match command {
        Command::Insert {
            parent,
            slot,
            index,
            fragment,
        } => insert(doc, parent, slot, *index, fragment),
        Command::Move {
            id,
            parent,
            slot,
            index,
        } => move_block(doc, id, parent, slot, *index),
        Command::Remove { id } => remove(doc, id),
        Command::Duplicate { id } => duplicate(doc, id),
        Command::UpdateProp {
            id,
            device,
            key,
            value,
        } => update_prop(doc, id, *device, key, value.clone()),
        Command::UpdateStyle { id, device, style } => update_style(doc, id, *device, style.clone()),
        Command::SetAudience { id, audience } => {
            let block = doc
                .blocks
                .get_mut(id)
                .ok_or_else(|| CommandError::UnknownBlock(id.clone()))?;
            let old = std::mem::replace(&mut block.audience, audience.clone());
            Ok(Applied {
                inverse: Command::SetAudience {
                    id: id.clone(),
                    audience: old,
                },
                changed: vec![id.clone()],
                parts: Vec::new(),
            })
        }
        Command::Batch(commands) => batch(doc, commands),
        Command::SetTitle { title } => set(&mut doc.title, title.clone(), Part::Title, |title| {
            Command::SetTitle { title }
        }),
        Command::SetSlug { slug } => set(&mut doc.slug, slug.clone(), Part::Slug, |slug| {
            Command::SetSlug { slug }
        }),
        Command::SetLanguage { language } => {
            set(&mut doc.language, *language, Part::Language, |language| {
                Command::SetLanguage { language }
            })
        }
        Command::SetTheme { theme } => set(&mut doc.theme, theme.clone(), Part::Theme, |theme| {
            Command::SetTheme { theme }
        }),
        Command::SetSchedule { schedule } => {
            set(&mut doc.schedule, *schedule, Part::Schedule, |schedule| {
                Command::SetSchedule { schedule }
            })
        }
        Command::PutCampaign { campaign, index } => Ok(put_campaign(doc, campaign, *index)),
        Command::RemoveCampaign { id } => remove_campaign(doc, id),
    }
}

/// Applies `command` to a copy of `doc`, returning the new document and what changed.
pub fn apply_to(doc: &Document, command: &Command) -> Result<(Document, Applied), CommandError> {
    let mut next = doc.clone();
    let applied = apply(&mut next, command)?;
    Ok((next, applied))
}

/// What is being dropped, for [`drop_check`].
#[derive(Clone, Copy, Debug)]
pub enum Dropped<'a> {
    /// A new block of this kind (from the palette).
    New(BlockKind),
    /// A block of the document, moved with its children.
    Block(&'a NodeId),
    /// Detached subtrees (pasted blocks, a saved section), inserted side by side.
    Fragments(&'a [Fragment]),
}

/// Whether `dropped` may go into `parent`'s `slot` at `index` (counted as the insert or move
/// command counts it), and if not, why: the same rule the commands apply, so the editor's drag
/// preview refuses exactly what the drop would.
pub fn drop_check(
    doc: &Document,
    dropped: Dropped<'_>,
    parent: &NodeId,
    slot: &str,
    index: usize,
) -> Result<(), CommandError> {
    match dropped {
        Dropped::New(kind) => check_target(doc, parent, slot, index, kind, 0, None),
        Dropped::Block(id) => {
            let kind = doc
                .blocks
                .get(id)
                .ok_or_else(|| CommandError::UnknownBlock(id.clone()))?
                .kind;
            if *id == doc.root {
                return Err(CommandError::RootIsFixed);
            }
            if doc.is_ancestor_or_self(id, parent) {
                return Err(CommandError::InvalidDrop(Refusal::IntoItself));
            }
            let height = height(&doc.blocks, id, MAX_DEPTH + 1);
            check_target(doc, parent, slot, index, kind, height, Some(id))
        }
        Dropped::Fragments(fragments) => fragments.iter().try_for_each(|f| {
            let kind = f
                .blocks
                .get(&f.root)
                .ok_or_else(|| CommandError::BadFragment("its top block is missing".into()))?
                .kind;
            let height = height(&f.blocks, &f.root, MAX_DEPTH + 1);
            check_target(doc, parent, slot, index, kind, height, None)
        }),
    }
}

/// Checks that `parent`'s `slot` can take a block of `kind` at `index`, the subtree staying within
/// the depth limit. `leaving` is a block that will have left its place first (a move), so it does
/// not count in its old slot's length.
fn check_target(
    doc: &Document,
    parent: &NodeId,
    slot: &str,
    index: usize,
    kind: BlockKind,
    subtree_height: usize,
    leaving: Option<&NodeId>,
) -> Result<(), CommandError> {
    let target = doc
        .blocks
        .get(parent)
        .ok_or_else(|| CommandError::UnknownBlock(parent.clone()))?;
    let spec = target.kind.spec();
    if spec.slots.is_empty() {
        return Err(CommandError::InvalidDrop(Refusal::HoldsNothing(
            target.kind,
        )));
    }
    if !spec.slots.contains(&slot) {
        return Err(CommandError::InvalidDrop(Refusal::NoSuchSlot(
            target.kind,
            slot.to_owned(),
        )));
    }
    if let Some(why) = target.kind.refuses(kind) {
        return Err(CommandError::InvalidDrop(Refusal::Refused(kind, why)));
    }
    if target.kind == BlockKind::Columns {
        let count = crate::facts::visible_columns(target);
        if spec
            .slots
            .iter()
            .position(|s| *s == slot)
            .is_some_and(|n| n >= count)
        {
            return Err(CommandError::InvalidDrop(Refusal::HiddenColumn(
                slot.to_owned(),
                count,
            )));
        }
    }
    let len = target.slots.get(slot).map_or(0, |ids| {
        ids.len() - leaving.map_or(0, |l| ids.iter().filter(|id| *id == l).count())
    });
    if index > len {
        return Err(CommandError::IndexOutOfRange { index, len });
    }
    if doc.depth(parent) + 1 + subtree_height > MAX_DEPTH {
        return Err(CommandError::InvalidDrop(Refusal::TooDeep));
    }
    Ok(())
}

/// Levels below the top of a fragment (0 for a single block).
fn height(
    blocks: &std::collections::BTreeMap<NodeId, crate::Block>,
    id: &NodeId,
    limit: usize,
) -> usize {
    if limit == 0 {
        return 0;
    }
    blocks
        .get(id)
        .map(|b| {
            b.children()
                .map(|c| 1 + height(blocks, c, limit - 1))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
}

fn insert(
    doc: &mut Document,
    parent: &NodeId,
    slot: &str,
    index: usize,
    fragment: &Fragment,
) -> Result<Applied, CommandError> {
    let top = fragment.blocks.get(&fragment.root).ok_or_else(|| {
        CommandError::BadFragment(format!("its top block '{}' is missing", fragment.root))
    })?;
    for (id, block) in &fragment.blocks {
        if doc.blocks.contains_key(id) {
            return Err(CommandError::IdCollision(id.clone()));
        }
        if &block.id != id {
            return Err(CommandError::BadFragment(format!(
                "block '{}' is filed under '{id}'",
                block.id
            )));
        }
    }
    let reachable = {
        let mut probe = Document {
            blocks: fragment.blocks.clone(),
            ..Document::blank("probe", "probe", "probe")
        };
        probe.root = fragment.root.clone();
        probe.subtree(&fragment.root)
    };
    if reachable.len() != fragment.blocks.len()
        || reachable.iter().any(|id| !fragment.blocks.contains_key(id))
    {
        return Err(CommandError::BadFragment(
            "it holds blocks outside its tree or refers to missing ones".into(),
        ));
    }
    if doc.blocks.len() + fragment.blocks.len() > MAX_BLOCKS {
        return Err(CommandError::TooManyBlocks);
    }
    check_target(
        doc,
        parent,
        slot,
        index,
        top.kind,
        height(&fragment.blocks, &fragment.root, MAX_DEPTH + 1),
        None,
    )?;
    doc.blocks
        .extend(fragment.blocks.iter().map(|(k, v)| (k.clone(), v.clone())));
    let target = doc.blocks.get_mut(parent).expect("checked by check_target");
    target
        .slots
        .entry(slot.to_owned())
        .or_default()
        .insert(index, fragment.root.clone());
    let mut changed = vec![parent.clone()];
    changed.extend(fragment.blocks.keys().cloned());
    Ok(Applied {
        inverse: Command::Remove {
            id: fragment.root.clone(),
        },
        changed,
        parts: Vec::new(),
    })
}

fn detach(doc: &mut Document, pos: &Position) {
    if let Some(ids) = doc
        .blocks
        .get_mut(&pos.parent)
        .and_then(|p| p.slots.get_mut(&pos.slot))
    {
        ids.remove(pos.index);
    }
}

fn move_block(
    doc: &mut Document,
    id: &NodeId,
    parent: &NodeId,
    slot: &str,
    index: usize,
) -> Result<Applied, CommandError> {
    // Checks the target as it will be once the block has left its old place.
    drop_check(doc, Dropped::Block(id), parent, slot, index)?;
    let from = doc.position(id).ok_or(CommandError::RootIsFixed)?;
    detach(doc, &from);
    let target = doc.blocks.get_mut(parent).expect("checked by check_target");
    target
        .slots
        .entry(slot.to_owned())
        .or_default()
        .insert(index, id.clone());
    Ok(Applied {
        inverse: Command::Move {
            id: id.clone(),
            parent: from.parent.clone(),
            slot: from.slot,
            index: from.index,
        },
        changed: vec![from.parent, parent.clone(), id.clone()],
        parts: Vec::new(),
    })
}

fn remove(doc: &mut Document, id: &NodeId) -> Result<Applied, CommandError> {
    if !doc.blocks.contains_key(id) {
        return Err(CommandError::UnknownBlock(id.clone()));
    }
    let pos = doc.position(id).ok_or(CommandError::RootIsFixed)?;
    let fragment = doc
        .fragment(id)
        .ok_or_else(|| CommandError::UnknownBlock(id.clone()))?;
    detach(doc, &pos);
    for gone in fragment.blocks.keys() {
        doc.blocks.remove(gone);
    }
    let mut changed = vec![pos.parent.clone()];
    changed.extend(fragment.blocks.keys().cloned());
    Ok(Applied {
        inverse: Command::Insert {
            parent: pos.parent,
            slot: pos.slot,
            index: pos.index,
            fragment,
        },
        changed,
        parts: Vec::new(),
    })
}

fn duplicate(doc: &mut Document, id: &NodeId) -> Result<Applied, CommandError> {
    let fragment = doc
        .fragment(id)
        .ok_or_else(|| CommandError::UnknownBlock(id.clone()))?;
    let pos = doc.position(id).ok_or(CommandError::RootIsFixed)?;
    let copy = fragment.with_fresh_ids(doc);
    insert(doc, &pos.parent, &pos.slot, pos.index + 1, &copy)
}

pub(super) fn update_prop(
    doc: &mut Document,
    id: &NodeId,
    device: Option<Device>,
    key: &str,
    value: Option<Value>,
) -> Result<Applied, CommandError> {
    let language = doc.language;
    let block = doc
        .blocks
        .get_mut(id)
        .ok_or_else(|| CommandError::UnknownBlock(id.clone()))?;
    let field = block
        .kind
        .spec()
        .field(key)
        .ok_or_else(|| CommandError::UnknownProp(key.to_owned()))?;
    let old = match device {
        None => {
            let new = value.unwrap_or_else(|| field.default_value(language));
            block.props.insert(key.to_owned(), new)
        }
        Some(d) => {
            let over = block.overrides.entry(d).or_default();
            let old = match value {
                Some(v) => over.props.insert(key.to_owned(), v),
                None => over.props.remove(key),
            };
            if over.is_empty() {
                block.overrides.remove(&d);
            }
            old
        }
    };
    Ok(Applied {
        inverse: Command::UpdateProp {
            id: id.clone(),
            device,
            key: key.to_owned(),
            value: old,
        },
        changed: vec![id.clone()],
        parts: Vec::new(),
    })
}

fn update_style(
    doc: &mut Document,
    id: &NodeId,
    device: Option<Device>,
    style: Style,
) -> Result<Applied, CommandError> {
    let block = doc
        .blocks
        .get_mut(id)
        .ok_or_else(|| CommandError::UnknownBlock(id.clone()))?;
    let old = match device {
        None => std::mem::replace(&mut block.style, style),
        Some(d) => {
            let over = block.overrides.entry(d).or_default();
            let old = std::mem::replace(&mut over.style, style);
            if over.is_empty() {
                block.overrides.remove(&d);
            }
            old
        }
    };
    Ok(Applied {
        inverse: Command::UpdateStyle {
            id: id.clone(),
            device,
            style: old,
        },
        changed: vec![id.clone()],
        parts: Vec::new(),
    })
}

fn batch(doc: &mut Document, commands: &[Command]) -> Result<Applied, CommandError> {
    let mut next = doc.clone();
    let mut inverses = Vec::with_capacity(commands.len());
    let mut changed = Vec::new();
    let mut parts = Vec::new();
    for command in commands {
        let applied = apply_plain(&mut next, command)?;
        inverses.push(applied.inverse);
        changed.extend(applied.changed);
        parts.extend(applied.parts);
    }
    inverses.reverse();
    changed.sort();
    changed.dedup();
    parts.sort();
    parts.dedup();
    *doc = next;
    Ok(Applied {
        inverse: Command::Batch(inverses),
        changed,
        parts,
    })
}

mod campaigns;
mod group;
mod settings;
pub use campaigns::give_campaign;
pub use group::move_group;
pub use settings::Part;
use settings::{put_campaign, remove_campaign, set};

#[cfg(test)]
mod tests;
