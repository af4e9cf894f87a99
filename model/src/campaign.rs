//! Campaigns: the prizes, odds, stock, cost, limits, window and audience behind a page's game.
//!
//! The displayed odds come from [`Campaign::odds`], computed from the same integer weights the
//! server samples from ([`Campaign::weights`]), so what members read is what the server does.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::audience::Rule;

/// Largest number of points one ledger entry may move (a prize, a draw's cost, a staff
/// adjustment): far above any real campaign, far below where balances could overflow.
pub const MAX_POINTS: u32 = 10_000_000;
/// Largest prize weight: odds as lopsided as a billion to one stay expressible, and the sum of
/// twelve weights stays far inside the sampler's `u64`.
pub const MAX_WEIGHT: u32 = 1_000_000_000;
/// Largest stock of one prize.
pub const MAX_STOCK: u32 = 10_000_000;
/// Largest coupon face value, in cents (¥1,000,000).
pub const MAX_VALUE_CENTS: u32 = 100_000_000;
/// Largest per-member draw limit or free draws per day.
pub const MAX_DRAWS: u32 = 100_000;

/// Which game a campaign drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GameKind {
    /// 大转盘: 2-12 prizes.
    Wheel,
    /// 九宫格: exactly 8 prizes around a start button.
    NineGrid,
    /// 刮刮卡.
    ScratchCard,
    /// 砸金蛋.
    SmashEgg,
    /// Slot machine.
    SlotMachine,
}

impl GameKind {
    /// How many prizes this game can show: `(min, max)`.
    pub fn prize_count(self) -> (usize, usize) {
        match self {
            GameKind::Wheel => (2, 12),
            GameKind::NineGrid => (8, 8),
            GameKind::ScratchCard | GameKind::SmashEgg => (1, 12),
            // A losing spin must show a line that is not a win: that needs two symbols.
            GameKind::SlotMachine => (2, 12),
        }
    }
}

/// What a prize gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum PrizeKind {
    /// Points credited to the member's ledger.
    Points {
        /// How many.
        amount: u32,
    },
    /// A coupon, redeemed with a single-use code.
    Coupon {
        /// Face value in cents (0 for a gift coupon).
        #[serde(default)]
        value_cents: u32,
    },
    /// A physical gift, collected in store with a redemption code (draw online, redeem offline).
    Physical {
        /// What one gift costs the brand, in cents (for the economics and the legal cap).
        #[serde(default)]
        value_cents: u32,
    },
    /// "Thanks for taking part": nothing won.
    Thanks,
}

/// How many of a prize may be issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stock {
    /// No limit.
    Unlimited,
    /// At most this many, over the whole campaign.
    Limited(u32),
}

/// One prize of a campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prize {
    /// Unique within the campaign.
    pub id: String,
    /// Shown to members.
    pub name: String,
    /// What it gives.
    pub kind: PrizeKind,
    /// Picture URL (http(s) or relative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Relative chance; the probability is weight / sum of weights. At least 1.
    pub weight: u32,
    /// Issue limit.
    pub stock: Stock,
}

/// What a draw costs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Cost {
    /// Points debited per draw once free draws are used.
    pub points_per_draw: u32,
    /// Draws per member per day that cost nothing.
    pub free_draws_per_day: u32,
}

/// How much one member may play and win.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Draws per member per day (workspace time zone); `None` = no daily limit.
    pub per_member_per_day: Option<u32>,
    /// Draws per member over the campaign; `None` = no limit.
    pub per_member_total: Option<u32>,
    /// Non-"thanks" prizes one member may win over the campaign; `None` = no limit.
    pub max_wins_per_member: Option<u32>,
}

// Whether a window is open now is decided by `crate::Schedule`, the one schedule rule.
/// When a campaign runs: instants with their UTC offset, end after start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// First instant draws are accepted.
    pub start: DateTime<FixedOffset>,
    /// First instant draws are no longer accepted.
    pub end: DateTime<FixedOffset>,
}

/// A lottery campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// Unique within the document.
    pub id: String,
    /// Shown to marketers and members.
    pub name: String,
    /// The game that plays it.
    pub game: GameKind,
    /// When it runs.
    pub window: Window,
    /// Who may play; `None` = every member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Rule>,
    /// What a draw costs.
    #[serde(default)]
    pub cost: Cost,
    /// Per-member limits.
    #[serde(default)]
    pub limits: Limits,
    /// Spend over this much (cents) in one order to earn a draw (满额抽奖): each such order the
    /// brand reports grants one draw, and every draw uses one. `None`: no purchase needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spend_over_cents: Option<u64>,
    /// Prizes in the order the game shows them.
    pub prizes: Vec<Prize>,
    /// The prize awarded when the sampled prize is out of stock (or the member reached the win
    /// limit). Must have unlimited stock.
    pub fallback_prize: String,
}

/// One prize's disclosed chance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrizeOdds {
    /// The prize.
    pub prize_id: String,
    /// Its weight.
    pub weight: u32,
    /// weight / total weight, in 0..=1.
    pub probability: f64,
}

impl Campaign {
    /// The integer weights the server samples from, in prize order.
    pub fn weights(&self) -> Vec<u32> {
        self.prizes.iter().map(|p| p.weight).collect()
    }

    /// Each prize's probability, from [`Campaign::weights`]. Empty when the weights sum to 0.
    pub fn odds(&self) -> Vec<PrizeOdds> {
        let total: u64 = self.weights().iter().map(|&w| u64::from(w)).sum();
        if total == 0 {
            return Vec::new();
        }
        self.prizes
            .iter()
            .map(|p| PrizeOdds {
                prize_id: p.id.clone(),
                weight: p.weight,
                probability: f64::from(p.weight) / total as f64,
            })
            .collect()
    }

    /// The prize with `id`.
    pub fn prize(&self, id: &str) -> Option<&Prize> {
        self.prizes.iter().find(|p| p.id == id)
    }

    /// Index of the prize with `id` in the game's prize list.
    pub fn prize_index(&self, id: &str) -> Option<usize> {
        self.prizes.iter().position(|p| p.id == id)
    }

    /// Picks the prize index for a uniform `roll` in `0..total_weight` (the server draws `roll`
    /// from a CSPRNG or the commit-reveal HMAC). `None` when the weights sum to 0.
    pub fn pick(&self, roll: u64) -> Option<usize> {
        let total: u64 = self.weights().iter().map(|&w| u64::from(w)).sum();
        if total == 0 {
            return None;
        }
        let mut roll = roll % total;
        for (i, w) in self.weights().into_iter().enumerate() {
            if roll < u64::from(w) {
                return Some(i);
            }
            roll -= u64::from(w);
        }
        None
    }

    /// The sum of all weights.
    pub fn total_weight(&self) -> u64 {
        self.weights().iter().map(|&w| u64::from(w)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn campaign(weights: &[u32]) -> Campaign {
        let start = DateTime::parse_from_rfc3339("2026-06-01T00:00:00+08:00").unwrap();
        let end = DateTime::parse_from_rfc3339("2026-06-19T00:00:00+08:00").unwrap();
        Campaign {
            id: "c1".into(),
            name: "618".into(),
            game: GameKind::Wheel,
            window: Window { start, end },
            audience: None,
            cost: Cost::default(),
            limits: Limits::default(),
            spend_over_cents: None,
            prizes: weights
                .iter()
                .enumerate()
                .map(|(i, &w)| Prize {
                    id: format!("p{i}"),
                    name: format!("Prize {i}"),
                    kind: PrizeKind::Thanks,
                    image: None,
                    weight: w,
                    stock: Stock::Unlimited,
                })
                .collect(),
            fallback_prize: "p0".into(),
        }
    }

    #[test]
    fn odds_are_weight_shares() {
        let odds = campaign(&[1, 3]).odds();
        assert_eq!(odds[0].probability, 0.25);
        assert_eq!(odds[1].probability, 0.75);
    }

    #[test]
    fn pick_walks_the_cumulative_weights() {
        let c = campaign(&[1, 3, 6]);
        assert_eq!(c.pick(0), Some(0));
        assert_eq!(c.pick(1), Some(1));
        assert_eq!(c.pick(3), Some(1));
        assert_eq!(c.pick(4), Some(2));
        assert_eq!(c.pick(9), Some(2));
        assert_eq!(campaign(&[]).pick(0), None);
    }

    #[test]
    fn window_is_half_open() {
        let c = campaign(&[1]);
        let schedule = crate::Schedule::from(c.window);
        assert!(schedule.check(c.window.start.to_utc()).is_ok());
        assert!(schedule.has_ended(c.window.end.to_utc()));
    }

    proptest! {
        #[test]
        fn odds_sum_to_one_and_pick_matches_counts(weights in proptest::collection::vec(1u32..1000, 1..12)) {
            let c = campaign(&weights);
            let sum: f64 = c.odds().iter().map(|o| o.probability).sum();
            prop_assert!((sum - 1.0).abs() < 1e-9);
            // Every roll maps to a prize, and each prize receives exactly `weight` rolls.
            let mut counts = vec![0u32; weights.len()];
            for roll in 0..c.total_weight() {
                counts[c.pick(roll).unwrap()] += 1;
            }
            prop_assert_eq!(counts, weights);
        }
    }
}
