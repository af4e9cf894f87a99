//! Field descriptors: the typed props of every block kind, one table that drives defaults,
//! validation and the editor's generated inspector (as Puck's `fields` config does).

use serde_json::Value;

use crate::language::Language;

/// A text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Label {
    /// The text in `language`.
    pub fn get(self, language: Language) -> &'static str {
        match language {
            Language::ZhCn => self.zh,
            Language::En => self.en,
        }
    }
}

/// One option of a select field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The stored value.
    pub value: &'static str,
    /// What the marketer sees.
    pub label: Label,
}

/// What a field holds and how it is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Single-line text, at most `max` characters; `required` means not blank.
    Text {
        /// Longest allowed, in characters.
        max: usize,
        /// Must not be blank.
        required: bool,
    },
    /// Multi-line plain text.
    Multiline {
        /// Longest allowed, in characters.
        max: usize,
    },
    /// Bold/italic/link text (see [`crate::rich_text`]).
    RichText {
        /// Longest allowed plain text, in characters.
        max: usize,
    },
    /// Whole number within bounds.
    Number {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// On/off.
    Toggle,
    /// One of fixed choices.
    Select(&'static [Choice]),
    /// `#rgb` / `#rrggbb`.
    Colour,
    /// Picture URL; when set, the sibling text field `alt` must describe it.
    Image {
        /// Must be set.
        required: bool,
        /// Key of the sibling alt-text field.
        alt: &'static str,
    },
    /// Link: http(s) or relative only.
    Url,
    /// An instant with its UTC offset (RFC 3339).
    DateTime,
    /// Id of one of the document's campaigns (`null` when none).
    Campaign {
        /// Must be set.
        required: bool,
    },
    /// Rows of sub-fields (prizes, options, benefits…).
    List {
        /// The fields of each row.
        item: &'static [Field],
        /// Fewest rows.
        min: usize,
        /// Most rows.
        max: usize,
    },
}

/// One prop of a block kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Key in the block's `props`.
    pub key: &'static str,
    /// Inspector label.
    pub label: Label,
    /// Type and limits.
    pub kind: FieldKind,
    /// Default value, as JSON, per page language: a block added to a zh-CN page reads Chinese.
    pub default: Label,
}

impl Field {
    /// The default value on a page in `language` (the catalogue's tests check every default
    /// parses and validates).
    pub fn default_value(&self, language: Language) -> Value {
        serde_json::from_str(self.default.get(language)).unwrap_or(Value::Null)
    }
}

/// Builds a [`Field`] in one line: one default for values that read the same in every language
/// (numbers, choices, empty text), or an English and a Chinese one.
macro_rules! field {
    ($key:literal, $en:literal, $zh:literal, $kind:expr, $default:literal) => {
        $crate::fields::field!($key, $en, $zh, $kind, $default, $default)
    };
    ($key:literal, $en:literal, $zh:literal, $kind:expr, $default_en:literal, $default_zh:literal) => {
        $crate::fields::Field {
            key: $key,
            label: $crate::fields::Label { en: $en, zh: $zh },
            kind: $kind,
            default: $crate::fields::Label {
                en: $default_en,
                zh: $default_zh,
            },
        }
    };
}
pub(crate) use field;

/// Builds a select [`Choice`].
macro_rules! choice {
    ($value:literal, $en:literal, $zh:literal) => {
        $crate::fields::Choice {
            value: $value,
            label: $crate::fields::Label { en: $en, zh: $zh },
        }
    };
}
pub(crate) use choice;
