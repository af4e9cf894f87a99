//! Validation: every problem in a document, each with a JSON-pointer path and a message a
//! marketer understands, e.g. `/campaigns/0/prizes/1/weight: weight must be at least 1`.
//! Never panics, whatever the document holds.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::audience::Rule;
use crate::campaign::{Campaign, PrizeKind, Stock};
use crate::catalogue::BlockKind;
use crate::club::ClubSettings;
use crate::document::{Block, Document, NodeId};
use crate::fields::{Field, FieldKind};
use crate::rich_text::{plain_text, RichText};
use crate::style::{is_hex_colour, Style, MAX_SPACING};
use crate::url::is_safe_url;

/// Most blocks a page may hold.
pub const MAX_BLOCKS: usize = 2_000;
/// Deepest nesting below the page.
pub const MAX_DEPTH: usize = 8;
/// Largest serialized document, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 2_000_000;
/// Most campaigns a page may use.
pub const MAX_CAMPAIGNS: usize = 20;
/// Most tiers in a ladder.
pub const MAX_TIERS: usize = 10;

/// One problem, where it is, what kind it is and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationError {
    /// JSON pointer to the bad value, e.g. `/blocks/hero/props/title`.
    pub path: String,
    /// What kind of problem, for code (tests, the editor's field hints) that must not read the
    /// English message.
    pub kind: Kind,
    /// What is wrong, in words.
    pub message: String,
}

/// The closed set of problem kinds, stable on the wire (`snake_case`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A required value is absent or empty.
    Required,
    /// The value has the wrong JSON type (text where a number belongs, …).
    WrongType,
    /// Text or a list is longer than allowed, or the whole input is too large.
    TooLong,
    /// Too few or too many items (blocks, prizes, tiers, campaigns, nesting depth).
    Count,
    /// A number outside its bounds.
    OutOfRange,
    /// Text in the wrong shape (id, address, colour, date, one of a fixed set).
    Format,
    /// A link with a scheme other than http(s) or a relative path.
    UnsafeLink,
    /// Names a block, slot, campaign, prize, tier, setting or option that does not exist.
    UnknownReference,
    /// An id or placement used twice.
    Duplicate,
    /// A block where it may not go (nesting rules, hidden columns, cycles).
    Placement,
    /// Values that contradict each other (end before start, stock below what was issued, …).
    Inconsistent,
    /// Written by a newer Cradle than this one.
    TooNew,
}

impl ValidationError {
    /// An error of `kind` at `path`.
    pub fn new(path: impl Into<String>, kind: Kind, message: impl Into<String>) -> ValidationError {
        ValidationError {
            path: path.into(),
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Escapes one JSON-pointer segment (`~` → `~0`, `/` → `~1`).
pub fn segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Whether `s` is a valid id: 1-64 of `A-Z a-z 0-9 _ -`.
pub fn is_valid_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Whether `s` is a valid slug: 1-64 of `a-z 0-9 -`, not starting or ending with `-`.
pub fn is_valid_slug(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Every problem in `doc`; empty when it is valid.
pub fn validate(doc: &Document) -> Vec<ValidationError> {
    let mut v = Validator {
        doc,
        errors: Vec::new(),
    };
    v.header();
    v.tree();
    for (id, block) in &doc.blocks {
        v.block(id, block);
    }
    v.campaigns();
    v.club(&doc.club);
    v.errors
}

struct Validator<'a> {
    doc: &'a Document,
    errors: Vec<ValidationError>,
}

impl Validator<'_> {
    fn err(&mut self, kind: Kind, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(ValidationError::new(path, kind, message));
    }

    fn header(&mut self) {
        let doc = self.doc;
        if !is_valid_id(&doc.id) {
            self.err(
                Kind::Format,
                "/id",
                "id must be 1-64 letters, digits, '-' or '_'",
            );
        }
        self.text("/title", &doc.title, "title", 80, true);
        if !is_valid_slug(&doc.slug) {
            self.err(
                Kind::Format,
                "/slug",
                "address must be 1-64 lowercase letters, digits or '-' (not at either end)",
            );
        }
        let theme = &doc.theme;
        for (key, value) in [
            ("primary", &theme.primary),
            ("accent", &theme.accent),
            ("text", &theme.text),
            ("background", &theme.background),
        ] {
            self.colour(&format!("/theme/{key}"), value);
        }
        if theme.radius > 32 {
            self.err(
                Kind::OutOfRange,
                "/theme/radius",
                "corner radius must be at most 32 px",
            );
        }
    }

    fn tree(&mut self) {
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
                    } else if let Some(why) = block.kind.refuses(child_block.kind) {
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

    fn block(&mut self, id: &NodeId, block: &Block) {
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
    fn block_rules(&mut self, path: &str, block: &Block) {
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

    fn props(&mut self, path: &str, props: &Map<String, Value>, fields: &[Field], complete: bool) {
        for key in props.keys() {
            if !fields.iter().any(|f| f.key == key) {
                self.err(
                    Kind::UnknownReference,
                    format!("{path}/{}", segment(key)),
                    format!("unknown setting '{key}'"),
                );
            }
        }
        for field in fields {
            let fpath = format!("{path}/{}", field.key);
            match props.get(field.key) {
                Some(value) => self.field(&fpath, field, value, props),
                None if complete => self.err(
                    Kind::Required,
                    fpath,
                    format!("{} is missing", field.label.en),
                ),
                None => {}
            }
        }
    }

    fn field(&mut self, path: &str, field: &Field, value: &Value, siblings: &Map<String, Value>) {
        let name = field.label.en;
        match field.kind {
            FieldKind::Text { max, required } => match value.as_str() {
                Some(s) => self.text(path, s, name, max, required),
                None => self.err(Kind::WrongType, path, format!("{name} must be text")),
            },
            FieldKind::Multiline { max } => match value.as_str() {
                Some(s) => self.text(path, s, name, max, false),
                None => self.err(Kind::WrongType, path, format!("{name} must be text")),
            },
            FieldKind::RichText { max } => {
                match serde_json::from_value::<RichText>(value.clone()) {
                    Ok(text) => {
                        if plain_text(&text).chars().count() > max {
                            self.err(
                                Kind::TooLong,
                                path,
                                format!("{name} must be at most {max} characters"),
                            );
                        }
                        for (p, para) in text.iter().enumerate() {
                            for (s, span) in para.iter().enumerate() {
                                if let Some(link) = &span.link {
                                    if !is_safe_url(link) {
                                        self.err(
                                            Kind::UnsafeLink,
                                            format!("{path}/{p}/{s}/link"),
                                            "links must start with http://, https:// or /",
                                        );
                                    }
                                }
                            }
                        }
                    }
                    Err(_) => self.err(
                        Kind::WrongType,
                        path,
                        format!("{name} must be paragraphs of text spans"),
                    ),
                }
            }
            FieldKind::Number { min, max } => match value.as_i64() {
                Some(n) if n < min => self.err(
                    Kind::OutOfRange,
                    path,
                    format!("{} must be at least {min}", name.to_lowercase()),
                ),
                Some(n) if n > max => self.err(
                    Kind::OutOfRange,
                    path,
                    format!("{} must be at most {max}", name.to_lowercase()),
                ),
                Some(_) => {}
                None => self.err(
                    Kind::WrongType,
                    path,
                    format!("{name} must be a whole number"),
                ),
            },
            FieldKind::Toggle => {
                if !value.is_boolean() {
                    self.err(
                        Kind::WrongType,
                        path,
                        format!("{name} must be on or off (true/false)"),
                    );
                }
            }
            FieldKind::Select(choices) => match value.as_str() {
                Some(s) if choices.iter().any(|c| c.value == s) => {}
                _ => {
                    let allowed: Vec<_> = choices.iter().map(|c| c.value).collect();
                    self.err(
                        Kind::Format,
                        path,
                        format!("{name} must be one of: {}", allowed.join(", ")),
                    );
                }
            },
            FieldKind::Colour => match value.as_str() {
                Some(s) => self.colour(path, s),
                None => self.err(
                    Kind::Format,
                    path,
                    format!("{name} must be a colour like #e85d75"),
                ),
            },
            FieldKind::Url => match value.as_str() {
                Some(s) => self.url(path, s),
                None => self.err(Kind::WrongType, path, format!("{name} must be a link")),
            },
            FieldKind::Image { required, alt } => match value.as_str() {
                Some(s) if s.trim().is_empty() => {
                    if required {
                        self.err(
                            Kind::Required,
                            path,
                            format!("{name} is required: upload a picture or paste its link"),
                        );
                    }
                }
                Some(s) => {
                    self.url(path, s);
                    let has_alt = siblings
                        .get(alt)
                        .and_then(Value::as_str)
                        .is_some_and(|a| !a.trim().is_empty());
                    if !has_alt {
                        let alt_path = match path.rsplit_once('/') {
                            Some((parent, _)) => format!("{parent}/{alt}"),
                            None => alt.to_owned(),
                        };
                        self.err(
                            Kind::Required,
                            alt_path,
                            "describe the picture for people who cannot see it (alt text)",
                        );
                    }
                }
                None => self.err(
                    Kind::WrongType,
                    path,
                    format!("{name} must be a picture link"),
                ),
            },
            FieldKind::DateTime => {
                let ok = value
                    .as_str()
                    .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok());
                if !ok {
                    self.err(Kind::Format, path, format!("{name} must be a date and time with its offset, e.g. 2026-06-18T20:00:00+08:00"));
                }
            }
            FieldKind::Campaign { required } => match value {
                Value::Null if required => {
                    self.err(Kind::Required, path, "choose the campaign this game plays")
                }
                Value::Null => {}
                Value::String(id) if self.doc.campaign(id).is_some() => {}
                Value::String(id) => self.err(
                    Kind::UnknownReference,
                    path,
                    format!("campaign '{id}' does not exist in this page"),
                ),
                _ => self.err(
                    Kind::WrongType,
                    path,
                    format!("{name} must be a campaign id"),
                ),
            },
            FieldKind::List { item, min, max } => match value.as_array() {
                Some(rows) => {
                    if rows.len() < min {
                        self.err(
                            Kind::Count,
                            path,
                            format!("{name} needs at least {min} rows"),
                        );
                    }
                    if rows.len() > max {
                        self.err(
                            Kind::TooLong,
                            path,
                            format!("{name} may have at most {max} rows"),
                        );
                    }
                    for (i, row) in rows.iter().enumerate() {
                        match row.as_object() {
                            Some(obj) => self.props(&format!("{path}/{i}"), obj, item, true),
                            None => self.err(
                                Kind::WrongType,
                                format!("{path}/{i}"),
                                "each row must be an object",
                            ),
                        }
                    }
                }
                None => self.err(Kind::WrongType, path, format!("{name} must be a list")),
            },
        }
    }

    fn text(&mut self, path: &str, s: &str, name: &str, max: usize, required: bool) {
        if required && s.trim().is_empty() {
            self.err(Kind::Required, path, format!("{name} must not be empty"));
        }
        if s.chars().count() > max {
            self.err(
                Kind::TooLong,
                path,
                format!("{name} must be at most {max} characters"),
            );
        }
    }

    fn colour(&mut self, path: &str, s: &str) {
        if !is_hex_colour(s) {
            self.err(
                Kind::Format,
                path,
                format!("'{s}' is not a colour: use #rgb or #rrggbb, e.g. #e85d75"),
            );
        }
    }

    fn url(&mut self, path: &str, s: &str) {
        if !is_safe_url(s) {
            self.err(Kind::UnsafeLink, path, "links must start with http://, https:// or / (no javascript:, data: or other schemes)");
        }
    }

    fn style(&mut self, path: &str, style: &Style) {
        for (key, spacing) in [("padding", style.padding), ("margin", style.margin)] {
            if spacing.is_some_and(|s| s.max_side() > MAX_SPACING) {
                self.err(
                    Kind::OutOfRange,
                    format!("{path}/{key}"),
                    format!("{key} must be at most {MAX_SPACING} px per side"),
                );
            }
        }
        if let Some(c) = &style.background {
            self.colour(&format!("{path}/background"), c);
        }
        if let Some(c) = &style.text_colour {
            self.colour(&format!("{path}/text_colour"), c);
        }
    }

    fn rule(&mut self, path: &str, rule: &Rule) {
        match rule {
            Rule::All(rules) | Rule::Any(rules) => {
                let key = if matches!(rule, Rule::All(_)) {
                    "all"
                } else {
                    "any"
                };
                for (i, r) in rules.iter().enumerate() {
                    self.rule(&format!("{path}/{key}/{i}"), r);
                }
            }
            Rule::Not(r) => self.rule(&format!("{path}/not"), r),
            Rule::Stage(stages) if stages.is_empty() => {
                self.err(
                    Kind::Required,
                    format!("{path}/stage"),
                    "choose at least one stage",
                );
            }
            Rule::PregnancyWeek { min, max } if *min < 1 || *max > 42 || min > max => {
                self.err(
                    Kind::OutOfRange,
                    format!("{path}/pregnancy_week"),
                    "pregnancy weeks must be a range within 1-42",
                );
            }
            Rule::BabyAgeMonths { min, max } | Rule::RecencyDays { min, max } if min > max => {
                let key = if matches!(rule, Rule::BabyAgeMonths { .. }) {
                    "baby_age_months"
                } else {
                    "recency_days"
                };
                self.err(
                    Kind::Inconsistent,
                    format!("{path}/{key}"),
                    "the range's minimum must not exceed its maximum",
                );
            }
            Rule::TierAtLeast(rank) if *rank as usize >= self.doc.club.tiers.len() => {
                self.err(
                    Kind::UnknownReference,
                    format!("{path}/tier_at_least"),
                    format!("tier {rank} does not exist in this club's ladder"),
                );
            }
            Rule::Tag(tag) if tag.trim().is_empty() || tag.chars().count() > 40 => {
                self.err(
                    Kind::TooLong,
                    format!("{path}/tag"),
                    "a tag must be 1-40 characters",
                );
            }
            Rule::DateWindow { from, to } if from > to => {
                self.err(
                    Kind::Inconsistent,
                    format!("{path}/date_window/to"),
                    "the last day must not be before the first",
                );
            }
            _ => {}
        }
    }

    fn campaigns(&mut self) {
        let doc = self.doc;
        if doc.campaigns.len() > MAX_CAMPAIGNS {
            self.err(
                Kind::Count,
                "/campaigns",
                format!("a page may use at most {MAX_CAMPAIGNS} campaigns"),
            );
        }
        let mut ids = HashSet::new();
        for (i, c) in doc.campaigns.iter().enumerate() {
            let path = format!("/campaigns/{i}");
            if !is_valid_id(&c.id) {
                self.err(
                    Kind::Format,
                    format!("{path}/id"),
                    "campaign id must be 1-64 letters, digits, '-' or '_'",
                );
            } else if !ids.insert(c.id.as_str()) {
                self.err(
                    Kind::Duplicate,
                    format!("{path}/id"),
                    format!("campaign id '{}' is used twice", c.id),
                );
            }
            self.campaign(&path, c);
        }
    }

    fn campaign(&mut self, path: &str, c: &Campaign) {
        self.text(&format!("{path}/name"), &c.name, "name", 40, true);
        if c.window.end <= c.window.start {
            self.err(
                Kind::Inconsistent,
                format!("{path}/window/end"),
                "the campaign must end after it starts",
            );
        }
        if let Some(rule) = &c.audience {
            self.rule(&format!("{path}/audience"), rule);
        }
        let (min, max) = c.game.prize_count();
        let n = c.prizes.len();
        if n < min || n > max {
            let need = if min == max {
                format!("exactly {min}")
            } else {
                format!("{min}-{max}")
            };
            self.err(
                Kind::Count,
                format!("{path}/prizes"),
                format!("this game needs {need} prizes; it has {n}"),
            );
        }
        if let (Some(per_day), Some(total)) =
            (c.limits.per_member_per_day, c.limits.per_member_total)
        {
            if per_day > total {
                self.err(
                    Kind::Inconsistent,
                    format!("{path}/limits/per_member_per_day"),
                    "the daily limit cannot exceed the campaign limit",
                );
            }
        }
        let mut prize_ids = HashSet::new();
        for (j, p) in c.prizes.iter().enumerate() {
            let ppath = format!("{path}/prizes/{j}");
            if !is_valid_id(&p.id) {
                self.err(
                    Kind::Format,
                    format!("{ppath}/id"),
                    "prize id must be 1-64 letters, digits, '-' or '_'",
                );
            } else if !prize_ids.insert(p.id.as_str()) {
                self.err(
                    Kind::Duplicate,
                    format!("{ppath}/id"),
                    format!("prize id '{}' is used twice", p.id),
                );
            }
            self.text(&format!("{ppath}/name"), &p.name, "name", 30, true);
            if p.weight < 1 {
                self.err(
                    Kind::OutOfRange,
                    format!("{ppath}/weight"),
                    "weight must be at least 1",
                );
            }
            if let Some(image) = &p.image {
                self.url(&format!("{ppath}/image"), image);
            }
            if let PrizeKind::Points { amount: 0 } = p.kind {
                self.err(
                    Kind::OutOfRange,
                    format!("{ppath}/kind/amount"),
                    "a points prize must give at least 1 point",
                );
            }
        }
        match c.prize(&c.fallback_prize) {
            None => self.err(
                Kind::UnknownReference,
                format!("{path}/fallback_prize"),
                format!(
                    "fallback prize '{}' is not one of this campaign's prizes",
                    c.fallback_prize
                ),
            ),
            Some(p) if p.stock != Stock::Unlimited => self.err(
                Kind::Inconsistent,
                format!("{path}/fallback_prize"),
                "the fallback prize is given when others run out, so it needs unlimited stock",
            ),
            Some(_) => {}
        }
    }

    fn club(&mut self, club: &ClubSettings) {
        if club.tiers.is_empty() || club.tiers.len() > MAX_TIERS {
            self.err(
                Kind::Count,
                "/club/tiers",
                format!("the tier ladder needs 1-{MAX_TIERS} tiers"),
            );
        }
        let mut ids = BTreeMap::new();
        for (i, tier) in club.tiers.iter().enumerate() {
            let path = format!("/club/tiers/{i}");
            if !is_valid_id(&tier.id) {
                self.err(
                    Kind::Format,
                    format!("{path}/id"),
                    "tier id must be 1-64 letters, digits, '-' or '_'",
                );
            } else if ids.insert(tier.id.as_str(), i).is_some() {
                self.err(
                    Kind::Duplicate,
                    format!("{path}/id"),
                    format!("tier id '{}' is used twice", tier.id),
                );
            }
            self.text(&format!("{path}/name"), &tier.name, "name", 20, true);
            if i == 0 && tier.threshold != 0 {
                self.err(
                    Kind::OutOfRange,
                    format!("{path}/threshold"),
                    "the first tier starts at 0 growth",
                );
            }
            if i > 0 && tier.threshold <= club.tiers[i - 1].threshold {
                self.err(
                    Kind::Inconsistent,
                    format!("{path}/threshold"),
                    "each tier needs more growth than the one below",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests;
