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

/// Writes rich text as the editor's markup: `**bold**`, `*italic*`, `[text](link)`, one paragraph
/// per line.
pub fn to_markup(text: &RichText) -> String {
    text.iter()
        .map(|para| {
            para.iter()
                .map(|s| {
                    let mut t = s.text.clone();
                    if s.italic {
                        t = format!("*{t}*");
                    }
                    if s.bold {
                        t = format!("**{t}**");
                    }
                    match &s.link {
                        Some(link) => format!("[{t}]({link})"),
                        None => t,
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads the editor's markup back into rich text. Anything that is not a complete mark is kept
/// as plain text, so no input is lost or rejected.
pub fn from_markup(markup: &str) -> RichText {
    markup.split('\n').map(parse_line).collect()
}

fn parse_line(line: &str) -> Paragraph {
    let mut spans: Paragraph = Vec::new();
    let mut plain = String::new();
    let mut rest = line;
    let flush = |plain: &mut String, spans: &mut Paragraph| {
        if !plain.is_empty() {
            spans.push(Span {
                text: std::mem::take(plain),
                ..Span::default()
            });
        }
    };
    while let Some(c) = rest.chars().next() {
        if let Some((span, after)) = parse_link(rest).or_else(|| parse_marked(rest)) {
            flush(&mut plain, &mut spans);
            spans.push(span);
            rest = after;
        } else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    flush(&mut plain, &mut spans);
    spans
}

/// `**bold**`, `*italic*` or `***both***` at the start of `s`.
fn parse_marked(s: &str) -> Option<(Span, &str)> {
    for (marker, bold, italic) in [("***", true, true), ("**", true, false), ("*", false, true)] {
        if let Some(inner) = s.strip_prefix(marker) {
            if let Some(end) = inner.find(marker) {
                let text = &inner[..end];
                let trimmed = text.trim() == text;
                if !text.is_empty() && trimmed && !text.starts_with('*') {
                    return Some((
                        Span {
                            text: text.to_owned(),
                            bold,
                            italic,
                            link: None,
                        },
                        &inner[end + marker.len()..],
                    ));
                }
            }
        }
    }
    None
}

/// `[text](link)` at the start of `s`, text possibly marked.
fn parse_link(s: &str) -> Option<(Span, &str)> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find("](")?;
    let after = &inner[close + 2..];
    let end = after.find(')')?;
    let label = &inner[..close];
    let mut span = match parse_marked(label) {
        Some((span, "")) => span,
        _ => Span {
            text: label.to_owned(),
            ..Span::default()
        },
    };
    if span.text.is_empty() {
        return None;
    }
    span.link = Some(after[..end].to_owned());
    Some((span, &after[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_round_trips() {
        let text = vec![
            vec![
                Span {
                    text: "Spin once a day, then ".into(),
                    ..Span::default()
                },
                Span {
                    text: "10 points".into(),
                    bold: true,
                    ..Span::default()
                },
                Span {
                    text: " per spin. ".into(),
                    ..Span::default()
                },
                Span {
                    text: "Rules".into(),
                    italic: true,
                    link: Some("/rules".into()),
                    ..Span::default()
                },
            ],
            vec![Span {
                text: "Second line".into(),
                ..Span::default()
            }],
        ];
        let markup = to_markup(&text);
        assert_eq!(
            markup,
            "Spin once a day, then **10 points** per spin. [*Rules*](/rules)\nSecond line"
        );
        assert_eq!(from_markup(&markup), text);
    }

    #[test]
    fn unfinished_marks_stay_text() {
        assert_eq!(
            plain_text(&from_markup("2 * 3 = 6 and **open")),
            "2 * 3 = 6 and **open"
        );
        assert_eq!(plain_text(&from_markup("[no link]")), "[no link]");
        assert_eq!(from_markup("<b>x</b>")[0][0].text, "<b>x</b>");
    }

    proptest! {
        #[test]
        fn parsing_never_loses_plain_text(s in "[a-z *\\[\\]()/]{0,40}") {
            let text = from_markup(&s);
            // Every character is either text or part of a recognised mark: reparsing the markup
            // we write gives the same rich text.
            prop_assert_eq!(from_markup(&to_markup(&text)), text);
        }
    }
}
