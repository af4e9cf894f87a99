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
