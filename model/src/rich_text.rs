//! Rich text limited to bold, italic and links: paragraphs of styled spans, never HTML, so what a
//! marketer types is drawn as text nodes and cannot inject markup.

use serde::{Deserialize, Serialize};

/// One run of text with the same marks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// The text, shown as typed.
    pub text: String,
    /// Bold.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// Italic.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    /// Link target (http(s) or relative only; checked by validation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// A paragraph: spans in order.
pub type Paragraph = Vec<Span>;

/// Paragraphs in order.
pub type RichText = Vec<Paragraph>;

/// Plain text of a rich text value, paragraphs separated by newlines (for length limits and
/// previews).
pub fn plain_text(text: &RichText) -> String {
    text.iter()
        .map(|p| p.iter().map(|s| s.text.as_str()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A rich text value holding one plain paragraph.
pub fn paragraph(text: &str) -> RichText {
    vec![vec![Span {
        text: text.to_owned(),
        ..Span::default()
    }]]
}
