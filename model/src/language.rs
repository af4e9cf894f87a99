//! The languages pages and the builder speak: zh-CN first, English second.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A language a page (and the builder) is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Language {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Language {
    /// The BCP 47 tag, as used in `<html lang>`, in the page JSON and in storage.
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }

    /// Parses a tag.
    pub fn from_tag(tag: &str) -> Option<Language> {
        match tag {
            "zh-CN" => Some(Language::ZhCn),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The language for a reader who prefers `languages`, in order of preference: Chinese of
    /// any region reads zh-CN, anything else English.
    pub fn preferred<'a>(languages: impl IntoIterator<Item = &'a str>) -> Language {
        match languages.into_iter().next() {
            Some(first) if first.to_ascii_lowercase().starts_with("zh") => Language::ZhCn,
            _ => Language::En,
        }
    }
}

/// Test helpers that tell which language a member-facing text is written in.
#[cfg(test)]
pub(crate) mod check {
    use serde_json::Value;

    use crate::fields::{Field, FieldKind};

    /// Whether `c` is a CJK ideograph or CJK punctuation.
    pub fn is_cjk(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
    }

    /// Whether `s` holds an English word (two Latin letters in a row: "选项 A" and "¥20" do not).
    pub fn has_english_word(s: &str) -> bool {
        s.as_bytes()
            .windows(2)
            .any(|w| w.iter().all(u8::is_ascii_alphabetic))
    }

    /// The texts members read in `props`, by the fields' kinds (plain, multi-line and rich text,
    /// in lists too); links, pictures and choices are not words.
    pub fn texts(props: &Value, fields: &[Field]) -> Vec<String> {
        let mut out = Vec::new();
        for field in fields {
            let Some(value) = props.get(field.key) else {
                continue;
            };
            match field.kind {
                FieldKind::Text { .. } | FieldKind::Multiline { .. } => {
                    out.extend(value.as_str().map(str::to_owned));
                }
                FieldKind::RichText { .. } => rich(value, &mut out),
                FieldKind::List { item, .. } => {
                    for row in value.as_array().into_iter().flatten() {
                        out.extend(texts(row, item));
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn rich(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| rich(v, out)),
            Value::Object(span) => {
                out.extend(span.get("text").and_then(Value::as_str).map(str::to_owned))
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_chinese_of_any_region_reads_zh_cn() {
        for lang in [Language::ZhCn, Language::En] {
            assert_eq!(Language::from_tag(lang.tag()), Some(lang));
            assert_eq!(serde_json::to_value(lang).unwrap(), lang.tag());
        }
        assert_eq!(Language::from_tag("fr"), None);
        assert_eq!(Language::preferred(["zh-TW"]), Language::ZhCn);
        assert_eq!(Language::preferred(["en-US", "zh-CN"]), Language::En);
        assert_eq!(Language::preferred([]), Language::En);
    }
}
