//! Validation: every problem in a document, each with a JSON-pointer path and a message a
//! marketer understands, e.g. `/campaigns/0/prizes/1/weight: weight must be at least 1`.
//! Never panics, whatever the document holds.

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::language::Language;
pub use reason::{name, Reason, Shape};

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
    /// What is wrong, in English words (what the API sends).
    pub message: String,
    /// Why, typed, so the builder can say it in its own language. `None` for problems worded
    /// only in English (some server checks) and after a trip through JSON, which carries the
    /// English alone.
    #[serde(skip)]
    pub reason: Option<Reason>,
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

impl Kind {
    /// What a problem of this kind is, in `lang`: the builder's words for a problem only the
    /// server checks (its specifics come in the server's English).
    pub fn describe(self, lang: Language) -> &'static str {
        use Kind::*;
        match (lang, self) {
            (Language::ZhCn, Required) => "缺少必填内容",
            (Language::ZhCn, WrongType) => "类型不对",
            (Language::ZhCn, TooLong) => "内容太长",
            (Language::ZhCn, Count) => "数量不在允许范围内",
            (Language::ZhCn, OutOfRange) => "数值超出允许范围",
            (Language::ZhCn, Format) => "格式不正确",
            (Language::ZhCn, UnsafeLink) => "链接只能是 http(s) 或站内地址",
            (Language::ZhCn, UnknownReference) => "引用的内容不存在",
            (Language::ZhCn, Duplicate) => "重复了",
            (Language::ZhCn, Placement) => "不能放在这里",
            (Language::ZhCn, Inconsistent) => "与其他设置相互矛盾",
            (Language::ZhCn, TooNew) => "由更新版本的 Cradle 创建，无法打开",
            (Language::En, Required) => "something required is missing",
            (Language::En, WrongType) => "the wrong type",
            (Language::En, TooLong) => "too long",
            (Language::En, Count) => "too few or too many",
            (Language::En, OutOfRange) => "out of range",
            (Language::En, Format) => "not in the right format",
            (Language::En, UnsafeLink) => "links must be http(s) or relative",
            (Language::En, UnknownReference) => "refers to something that does not exist",
            (Language::En, Duplicate) => "used twice",
            (Language::En, Placement) => "cannot go here",
            (Language::En, Inconsistent) => "contradicts another setting",
            (Language::En, TooNew) => "written by a newer Cradle",
        }
    }
}

impl ValidationError {
    /// The problem `reason` at `path`; its kind and English message follow from the reason.
    pub fn new(path: impl Into<String>, reason: Reason) -> ValidationError {
        ValidationError {
            path: path.into(),
            kind: reason.kind(),
            message: reason.message(Language::En),
            reason: Some(reason),
        }
    }

    /// An error of `kind` at `path` worded only in English, for checks outside the model.
    pub fn in_english(
        path: impl Into<String>,
        kind: Kind,
        message: impl Into<String>,
    ) -> ValidationError {
        ValidationError {
            path: path.into(),
            kind,
            message: message.into(),
            reason: None,
        }
    }

    /// What is wrong in `language` (English when the reason is not known).
    pub fn message_in(&self, language: Language) -> String {
        match &self.reason {
            Some(reason) => reason.message(language),
            None => self.message.clone(),
        }
    }

    /// Where and what, in `language`: `/blocks/b1/props/title: …`, or only what when the problem
    /// has no path (the page as a whole, or decoded without `error-paths`).
    pub fn located_in(&self, language: Language) -> String {
        located(&self.path, &self.message_in(language))
    }
}

fn located(path: &str, message: &str) -> String {
    match path {
        "" => message.to_owned(),
        path => format!("{path}: {message}"),
    }
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&located(&self.path, &self.message))
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
    v.errors
}

/// Every problem in a workspace's club settings, with paths into their JSON
/// (`/tiers/1/threshold`): 1-N tiers with unique ids and names, thresholds rising strictly from 0,
/// amounts within bounds.
pub fn club_settings(club: &crate::club::ClubSettings) -> Vec<ValidationError> {
    let doc = Document::blank("club", "Club", "club");
    let mut v = Validator {
        doc: &doc,
        errors: Vec::new(),
    };
    v.club(club);
    v.errors
}

struct Validator<'a> {
    doc: &'a Document,
    errors: Vec<ValidationError>,
}

impl Validator<'_> {
    fn err(&mut self, path: impl Into<String>, reason: Reason) {
        self.errors.push(ValidationError::new(path, reason));
    }

    fn header(&mut self) {
        let doc = self.doc;
        if !is_valid_id(&doc.id) {
            self.err("/id", Reason::BadId(name::PAGE));
        }
        self.text("/title", &doc.title, name::TITLE, 80, true);
        if !is_valid_slug(&doc.slug) {
            self.err("/slug", Reason::BadSlug);
        }
        if let (Some(start), Some(end)) = (doc.schedule.start, doc.schedule.end) {
            if end <= start {
                self.err("/schedule/end", Reason::EndsBeforeStart);
            }
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
            self.err("/theme/radius", Reason::AtMost(name::CORNER_RADIUS, 32));
        }
    }
}

mod audience;
mod campaigns;
mod fields;
mod reason;
#[cfg(test)]
mod tests;
mod tree;
