//! A block's presentation: spacing, background, alignment and text colour. Every field is
//! optional so per-device overrides hold only what differs from the base style.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Horizontal alignment of a block's content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Start of the line.
    Left,
    /// Centred.
    Center,
    /// End of the line.
    Right,
}

/// Space around or inside a block, in CSS pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spacing {
    /// Top.
    pub top: u16,
    /// Right.
    pub right: u16,
    /// Bottom.
    pub bottom: u16,
    /// Left.
    pub left: u16,
}

impl Spacing {
    /// The same space on all four sides.
    pub fn all(px: u16) -> Spacing {
        Spacing {
            top: px,
            right: px,
            bottom: px,
            left: px,
        }
    }

    /// The largest side, for limit checks.
    pub fn max_side(&self) -> u16 {
        self.top.max(self.right).max(self.bottom).max(self.left)
    }
}

/// Largest padding or margin a side may have.
pub const MAX_SPACING: u16 = 200;

/// A block's style; `None` means "inherit the default".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// Inner space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub padding: Option<Spacing>,
    /// Outer space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<Spacing>,
    /// Background colour, `#rgb` or `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
    /// Text colour, `#rgb` or `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_colour: Option<String>,
    /// Content alignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<Align>,
}

impl Style {
    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        *self == Style::default()
    }

    /// This style with `over`'s set fields taking precedence.
    pub fn merged(&self, over: &Style) -> Style {
        Style {
            padding: over.padding.or(self.padding),
            margin: over.margin.or(self.margin),
            background: over.background.clone().or_else(|| self.background.clone()),
            text_colour: over
                .text_colour
                .clone()
                .or_else(|| self.text_colour.clone()),
            align: over.align.or(self.align),
        }
    }
}

/// Whether `s` is a CSS hex colour: `#rgb` or `#rrggbb`.
pub fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win_only_where_set() {
        let base = Style {
            padding: Some(Spacing::all(8)),
            align: Some(Align::Left),
            ..Style::default()
        };
        let phone = Style {
            align: Some(Align::Center),
            ..Style::default()
        };
        let merged = base.merged(&phone);
        assert_eq!(merged.padding, Some(Spacing::all(8)));
        assert_eq!(merged.align, Some(Align::Center));
    }

    #[test]
    fn hex_colours() {
        assert!(is_hex_colour("#fff"));
        assert!(is_hex_colour("#E85D75"));
        assert!(!is_hex_colour("red"));
        assert!(!is_hex_colour("#ffff"));
        assert!(!is_hex_colour("#ggg"));
    }
}
