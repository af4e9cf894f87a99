//! Text a member can read whatever colours a brand picks: WCAG 2 contrast between two colours, and
//! a brand colour shifted (darker on a light background, lighter on a dark one) just enough to
//! reach AA (4.5:1) when it carries text. The renderer draws text with these shifted colours and
//! keeps the brand's own for decoration.

/// The contrast AA asks of body text.
pub const AA: f64 = 4.5;

/// `#rgb` or `#rrggbb` as RGB bytes.
fn rgb(hex: &str) -> Option<[u8; 3]> {
    let hex = hex.strip_prefix('#')?;
    let digits: Vec<u8> = match hex.len() {
        3 => hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8 * 17))
            .collect::<Option<_>>()?,
        6 => (0..3)
            .map(|i| u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok())
            .collect::<Option<_>>()?,
        _ => return None,
    };
    Some([digits[0], digits[1], digits[2]])
}

/// WCAG relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The contrast ratio of two colours (1 to 21); `None` when either is not a hex colour.
pub fn ratio(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(rgb(a)?), luminance(rgb(b)?));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// `colour`, or the nearest shade of it (mixed towards black when the first background is light,
/// towards white when it is dark) that reads at AA on every one of `backgrounds` (a page and the
/// tinted cards on it). Colours that are not hex come back unchanged.
pub fn readable(colour: &str, backgrounds: &[&str]) -> String {
    let Some(c) = rgb(colour) else {
        return colour.to_owned();
    };
    let Some(first) = backgrounds.first().and_then(|b| rgb(b)) else {
        return colour.to_owned();
    };
    let target: f64 = if luminance(first) > 0.18 { 0.0 } else { 255.0 };
    for step in 0..=20 {
        let t = step as f64 / 20.0;
        let mixed = c.map(|v| (v as f64 + (target - v as f64) * t).round() as u8);
        let hex = format!("#{:02x}{:02x}{:02x}", mixed[0], mixed[1], mixed[2]);
        if backgrounds
            .iter()
            .all(|b| ratio(&hex, b).is_none_or(|r| r >= AA))
        {
            return hex;
        }
    }
    if target == 0.0 { "#000000" } else { "#ffffff" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_ratios() {
        assert!((ratio("#000", "#fff").unwrap() - 21.0).abs() < 0.01);
        // The brand pink the old pages put white text on: 3.4:1, not AA.
        assert!((ratio("#e8578a", "#ffffff").unwrap() - 3.4).abs() < 0.1);
        assert_eq!(ratio("pink", "#fff"), None);
    }

    #[test]
    fn a_readable_colour_is_left_alone() {
        assert_eq!(readable("#1f2330", &["#ffffff"]), "#1f2330");
    }

    #[test]
    fn reads_on_every_tinted_surface() {
        // The accent on the default theme's cream page and white cards: AA on both.
        let ink = readable("#f4a259", &["#fff8f3", "#ffffff"]);
        assert!(ratio(&ink, "#fff8f3").unwrap() >= AA && ratio(&ink, "#ffffff").unwrap() >= AA);
    }

    proptest! {
        /// Whatever a brand picks, the shifted colour reads at AA on the background and on the
        /// light surfaces drawn over a light one.
        #[test]
        fn shifted_colours_reach_aa(c in "#[0-9a-f]{6}", bg in "#[0-9a-f]{6}") {
            let light = luminance(rgb(&bg).unwrap()) > 0.18;
            let surfaces: &[&str] = if light { &[&bg, "#ffffff", "#fff4f8"] } else { &[&bg] };
            let shifted = readable(&c, surfaces);
            for s in surfaces {
                prop_assert!(ratio(&shifted, s).unwrap() >= AA, "{c} on {s} gave {shifted}");
            }
        }
    }
}
