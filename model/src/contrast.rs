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

/// `colour`, or the nearest shade of it (mixed towards black on a light `background`, towards
/// white on a dark one) that reads at AA on `background`. Colours that are not hex come back
/// unchanged.
pub fn readable(colour: &str, background: &str) -> String {
    let (Some(c), Some(bg)) = (rgb(colour), rgb(background)) else {
        return colour.to_owned();
    };
    let target: f64 = if luminance(bg) > 0.18 { 0.0 } else { 255.0 };
    for step in 0..=20 {
        let t = step as f64 / 20.0;
        let mixed = c.map(|v| (v as f64 + (target - v as f64) * t).round() as u8);
        let hex = format!("#{:02x}{:02x}{:02x}", mixed[0], mixed[1], mixed[2]);
        if ratio(&hex, background).is_some_and(|r| r >= AA) {
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
        assert_eq!(readable("#1f2330", "#ffffff"), "#1f2330");
    }

    proptest! {
        /// Whatever a brand picks, the shifted colour reads at AA on the background.
        #[test]
        fn shifted_colours_reach_aa(c in "#[0-9a-f]{6}", bg in "#[0-9a-f]{6}") {
            let shifted = readable(&c, &bg);
            prop_assert!(ratio(&shifted, &bg).unwrap() >= AA, "{c} on {bg} gave {shifted}");
        }
    }
}
