//! What a campaign will cost, worked out from the same weights the server samples from
//! ([`Campaign::odds`]), so the figures the marketer reads while editing are the draw engine's.
//!
//! These are expectations before stock runs out: once a limited prize is gone its share goes to
//! the fallback prize, which the stock-out day makes visible.

pub mod rewards;

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::campaign::{Campaign, PrizeKind, Stock};

/// The most one prize of a prize promotion may be worth under China's Anti-Unfair Competition
/// Law (¥50,000), in cents: the default cap the economics warn against.
pub const LEGAL_PRIZE_CAP_CENTS: u64 = 5_000_000;

/// Draws per campaign the per-prize and per-campaign figures are given for.
pub const PER: f64 = 1_000.0;

/// One prize's outlook.
#[derive(Clone, Debug, PartialEq)]
pub struct PrizeOutlook {
    /// The prize.
    pub prize_id: String,
    /// Its chance per draw, in 0..=1.
    pub probability: f64,
    /// How many are expected per [`PER`] draws.
    pub per_thousand: f64,
    /// What one is worth to the brand, in cents (coupons and gifts; 0 otherwise).
    pub value_cents: u32,
    /// When a limited stock is expected to run out at the given daily volume, if before the
    /// campaign ends.
    pub runs_out: Option<DateTime<FixedOffset>>,
}

/// A campaign's expected costs.
#[derive(Clone, Debug, PartialEq)]
pub struct Outlook {
    /// Each prize, in the campaign's order.
    pub prizes: Vec<PrizeOutlook>,
    /// Points credited to members per [`PER`] draws.
    pub points_per_thousand: f64,
    /// Coupon and gift value given away per [`PER`] draws, in yuan.
    pub yuan_per_thousand: f64,
    /// The most valuable prize and its value in cents, when any prize has a value.
    pub top_prize: Option<(String, u32)>,
    /// Whether that prize is worth more than the cap asked about.
    pub over_cap: bool,
}

/// What one issued prize costs the brand, in cents.
pub fn value_cents(kind: &PrizeKind) -> u32 {
    match kind {
        PrizeKind::Coupon { value_cents } | PrizeKind::Physical { value_cents } => *value_cents,
        PrizeKind::Points { .. } | PrizeKind::Thanks => 0,
    }
}

/// An amount in cents as a marketer types it in yuan: `12`, `12.5`, `12.50`.
pub fn format_yuan(cents: u32) -> String {
    match cents % 100 {
        0 => (cents / 100).to_string(),
        c => format!("{}.{c:02}", cents / 100),
    }
}

/// Cents from yuan typed as `12`, `12.5`, `¥12.50` or `1,299`; `None` for anything else (more
/// than two decimals, signs, letters, too large).
pub fn parse_yuan(typed: &str) -> Option<u32> {
    let t: String = typed
        .trim()
        .trim_start_matches(['¥', '￥'])
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (whole, part) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(part) || part.len() > 2 {
        return None;
    }
    let fraction = format!("{part:0<2}").parse::<u32>().ok()?;
    whole
        .parse::<u32>()
        .ok()?
        .checked_mul(100)?
        .checked_add(fraction)
}

impl Campaign {
    /// The expected costs at `draws_per_day` draws a day from the start of the window, warning
    /// when a prize is worth more than `cap_cents`.
    pub fn outlook(&self, draws_per_day: u32, cap_cents: u64) -> Outlook {
        let odds = self.odds();
        let mut points = 0.0;
        let mut cents = 0.0;
        let prizes: Vec<PrizeOutlook> = self
            .prizes
            .iter()
            .zip(
                odds.iter()
                    .map(|o| o.probability)
                    .chain(std::iter::repeat(0.0)),
            )
            .map(|(prize, probability)| {
                let value = value_cents(&prize.kind);
                if let PrizeKind::Points { amount } = prize.kind {
                    points += probability * f64::from(amount) * PER;
                }
                cents += probability * f64::from(value) * PER;
                let per_day = probability * f64::from(draws_per_day);
                let runs_out = match prize.stock {
                    Stock::Limited(n) if per_day > 0.0 => {
                        let seconds = f64::from(n) / per_day * 86_400.0;
                        let at = TimeDelta::try_seconds(seconds.ceil() as i64)
                            .and_then(|d| self.window.start.checked_add_signed(d));
                        at.filter(|at| *at < self.window.end)
                    }
                    _ => None,
                };
                PrizeOutlook {
                    prize_id: prize.id.clone(),
                    probability,
                    per_thousand: probability * PER,
                    value_cents: value,
                    runs_out,
                }
            })
            .collect();
        let top_prize = prizes
            .iter()
            .filter(|p| p.value_cents > 0)
            .max_by_key(|p| p.value_cents)
            .map(|p| (p.prize_id.clone(), p.value_cents));
        Outlook {
            over_cap: top_prize
                .as_ref()
                .is_some_and(|(_, v)| u64::from(*v) > cap_cents),
            prizes,
            points_per_thousand: points,
            yuan_per_thousand: cents / 100.0,
            top_prize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::{Cost, GameKind, Limits, Prize, Window};
    use proptest::prelude::*;

    fn prize(id: &str, kind: PrizeKind, weight: u32, stock: Stock) -> Prize {
        Prize {
            id: id.into(),
            name: id.into(),
            kind,
            image: None,
            weight,
            stock,
        }
    }

    fn campaign(prizes: Vec<Prize>) -> Campaign {
        Campaign {
            id: "c".into(),
            name: "c".into(),
            game: GameKind::Wheel,
            window: Window {
                start: DateTime::parse_from_rfc3339("2027-01-01T00:00:00+08:00").unwrap(),
                end: DateTime::parse_from_rfc3339("2027-01-31T00:00:00+08:00").unwrap(),
            },
            audience: None,
            cost: Cost::default(),
            limits: Limits::default(),
            spend_over_cents: None,
            fallback_prize: prizes[0].id.clone(),
            prizes,
        }
    }

    #[test]
    fn expected_costs_follow_the_weights() {
        let c = campaign(vec![
            prize("thanks", PrizeKind::Thanks, 50, Stock::Unlimited),
            prize(
                "pts",
                PrizeKind::Points { amount: 20 },
                40,
                Stock::Unlimited,
            ),
            prize(
                "coupon",
                PrizeKind::Coupon { value_cents: 1_000 },
                9,
                Stock::Limited(90),
            ),
            prize(
                "pram",
                PrizeKind::Physical {
                    value_cents: 200_000,
                },
                1,
                Stock::Limited(5),
            ),
        ]);
        let o = c.outlook(1_000, LEGAL_PRIZE_CAP_CENTS);
        assert_eq!(o.prizes[1].per_thousand, 400.0);
        // 400 wins of 20 points.
        assert!((o.points_per_thousand - 8_000.0).abs() < 1e-6);
        // 90 coupons of ¥10 and 10 prams of ¥2,000.
        assert!((o.yuan_per_thousand - 20_900.0).abs() < 1e-6);
        assert_eq!(o.top_prize, Some(("pram".into(), 200_000)));
        assert!(!o.over_cap);
        // 90 coupons a day: the 90 in stock last one day; 10 prams a day: 5 last half a day.
        let start = c.window.start;
        assert_eq!(o.prizes[2].runs_out, Some(start + TimeDelta::days(1)));
        assert_eq!(o.prizes[3].runs_out, Some(start + TimeDelta::hours(12)));
        assert_eq!(o.prizes[0].runs_out, None);
    }

    #[test]
    fn stock_that_outlasts_the_window_does_not_run_out() {
        let c = campaign(vec![
            prize("thanks", PrizeKind::Thanks, 99, Stock::Unlimited),
            prize(
                "gift",
                PrizeKind::Physical { value_cents: 0 },
                1,
                Stock::Limited(1_000),
            ),
        ]);
        // 10 gifts a day over 30 days: 300 of 1,000.
        assert_eq!(
            c.outlook(1_000, LEGAL_PRIZE_CAP_CENTS).prizes[1].runs_out,
            None
        );
        // No one plays: nothing runs out.
        assert_eq!(c.outlook(0, LEGAL_PRIZE_CAP_CENTS).prizes[1].runs_out, None);
    }

    #[test]
    fn a_prize_above_the_cap_is_flagged() {
        let car = PrizeKind::Physical {
            value_cents: 5_000_001,
        };
        let c = campaign(vec![
            prize("thanks", PrizeKind::Thanks, 99, Stock::Unlimited),
            prize("car", car, 1, Stock::Limited(1)),
        ]);
        assert!(c.outlook(100, LEGAL_PRIZE_CAP_CENTS).over_cap);
        assert!(!c.outlook(100, 10_000_000).over_cap);
        let exactly = PrizeKind::Coupon {
            value_cents: 5_000_000,
        };
        let at_cap = campaign(vec![prize("c", exactly, 1, Stock::Unlimited)]);
        assert!(!at_cap.outlook(100, LEGAL_PRIZE_CAP_CENTS).over_cap);
    }

    #[test]
    fn yuan_as_typed() {
        assert_eq!(parse_yuan("12"), Some(1_200));
        assert_eq!(parse_yuan(" ¥12.5 "), Some(1_250));
        assert_eq!(parse_yuan("1,299.99"), Some(129_999));
        assert_eq!(parse_yuan("0.05"), Some(5));
        for bad in ["", "-1", "1.234", "abc", ".5", "99999999999"] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
        assert_eq!(format_yuan(1_250), "12.50");
        assert_eq!(format_yuan(5_000_000), "50000");
    }

    proptest! {
        /// What is shown reads back as the same amount.
        #[test]
        fn yuan_round_trip(cents in 0u32..u32::MAX) {
            prop_assert_eq!(parse_yuan(&format_yuan(cents)), Some(cents));
        }

        /// Expected counts per 1,000 draws add up to 1,000, whatever the weights.
        #[test]
        fn counts_add_up(weights in proptest::collection::vec(1u32..1_000_000, 1..12)) {
            let prizes = weights
                .iter()
                .enumerate()
                .map(|(i, &w)| prize(&format!("p{i}"), PrizeKind::Thanks, w, Stock::Unlimited))
                .collect();
            let o = campaign(prizes).outlook(500, LEGAL_PRIZE_CAP_CENTS);
            let sum: f64 = o.prizes.iter().map(|p| p.per_thousand).sum();
            prop_assert!((sum - PER).abs() < 1e-6);
        }
    }
}
