//! What a chat app shows when a member page's link is shared: title, a line of description and a
//! picture, read from the page itself (its first text and its first picture, in page order) so a
//! marketer gets a good preview without filling anything in.

use crate::catalogue::BlockKind;
use crate::document::Document;
use crate::rich_text::{plain_text, RichText};

/// A link preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareCard {
    /// The page title.
    pub title: String,
    /// The page's first text, shortened to [`DESCRIPTION_CHARS`] characters.
    pub description: String,
    /// The page's first picture (as the page gives it: absolute or site-relative).
    pub image: Option<String>,
}

/// Longest description, in characters (chat apps show about two lines).
pub const DESCRIPTION_CHARS: usize = 80;

/// The link preview of `doc` (pass the page as the visitor receives it, so nothing targeted
/// leaks into a preview).
pub fn share_card(doc: &Document) -> ShareCard {
    let mut description = None;
    let mut image = None;
    for id in doc.in_order() {
        let Some(block) = doc.block(&id) else {
            continue;
        };
        let text = |key: &str| block.props.get(key).and_then(|v| v.as_str());
        match block.kind {
            BlockKind::RichText if description.is_none() => {
                let rich: Option<RichText> = block
                    .props
                    .get("text")
                    .and_then(|v| serde_json::from_value(v.clone()).ok());
                description = rich
                    .map(|r| plain_text(&r))
                    .filter(|t| !t.trim().is_empty());
            }
            BlockKind::Image if image.is_none() => {
                image = text("src").map(str::to_owned);
            }
            _ => {}
        }
    }
    let description = description.unwrap_or_else(|| doc.title.clone());
    ShareCard {
        title: doc.title.clone(),
        description: shorten(description.trim(), DESCRIPTION_CHARS),
        image,
    }
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, NodeId};
    use crate::rich_text::paragraph;

    fn page_with(blocks: Vec<Block>) -> Document {
        let mut doc = Document::blank("d", "双11抽奖", "s");
        let ids: Vec<NodeId> = blocks.iter().map(|b| b.id.clone()).collect();
        for b in blocks {
            doc.blocks.insert(b.id.clone(), b);
        }
        let root = doc.root.clone();
        doc.blocks
            .get_mut(&root)
            .unwrap()
            .slots
            .insert("main".into(), ids);
        doc
    }

    fn block(id: &str, kind: BlockKind, key: &str, value: serde_json::Value) -> Block {
        let mut b = Block::new(NodeId::new(id), kind, crate::Language::En);
        b.props.insert(key.into(), value);
        b
    }

    #[test]
    fn reads_the_first_text_and_picture_in_page_order() {
        let doc = page_with(vec![
            block("i1", BlockKind::Image, "src", "/uploads/a.png".into()),
            block(
                "t1",
                BlockKind::RichText,
                "text",
                serde_json::to_value(paragraph("宝妈专享：每天签到领积分")).unwrap(),
            ),
            block("i2", BlockKind::Image, "src", "/uploads/b.png".into()),
        ]);
        let card = share_card(&doc);
        assert_eq!(card.title, "双11抽奖");
        assert_eq!(card.description, "宝妈专享：每天签到领积分");
        assert_eq!(card.image.as_deref(), Some("/uploads/a.png"));
    }

    #[test]
    fn falls_back_to_the_title_and_shortens_long_text() {
        assert_eq!(share_card(&page_with(vec![])).description, "双11抽奖");
        let long = "好".repeat(100);
        let doc = page_with(vec![block(
            "t1",
            BlockKind::RichText,
            "text",
            serde_json::to_value(paragraph(&long)).unwrap(),
        )]);
        let d = share_card(&doc).description;
        assert_eq!(d.chars().count(), DESCRIPTION_CHARS + 1);
        assert!(d.ends_with('…'));
    }
}
