//! Club settings a page carries: the tier ladder and the points rules.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One rung of the tier ladder. Tiers are lifelong: reached by lifetime growth value, never lost
/// by spending points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Unique id, e.g. `gold`.
    pub id: String,
    /// Shown to members, e.g. 黄金.
    pub name: String,
    /// Lifetime growth value needed (the first tier needs 0).
    pub threshold: u64,
    /// Benefits members of this tier enjoy.
    #[serde(default)]
    pub benefits: Vec<String>,
    /// Multiplier on purchase points, in percent (100 = ×1).
    #[serde(default = "hundred")]
    pub points_multiplier_percent: u32,
}

fn hundred() -> u32 {
    100
}

/// When earned points expire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Expiry {
    /// Never.
    Never,
    /// At the end of the calendar year after the one they were earned in.
    EndOfFollowingYear,
    /// This many days after being earned.
    AfterDays(u32),
}

/// Points earned by interactions, with a daily cap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PointsRules {
    /// Points for sharing a page.
    pub share_points: u32,
    /// Points for playing a game (win or not).
    pub game_points: u32,
    /// Most interaction points (sign-in, games, sharing) one member earns per day.
    pub daily_interaction_cap: u32,
    /// Expiry policy.
    pub expiry: Expiry,
    /// Points an inviter earns when a new member joins through their invite.
    pub invite_reward: u32,
}

impl Default for PointsRules {
    fn default() -> PointsRules {
        PointsRules {
            share_points: 5,
            game_points: 0,
            daily_interaction_cap: 50,
            expiry: Expiry::EndOfFollowingYear,
            invite_reward: 100,
        }
    }
}

/// The club a page belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ClubSettings {
    /// Tier ladder, lowest first, thresholds strictly increasing from 0.
    pub tiers: Vec<Tier>,
    /// Points rules.
    pub points: PointsRules,
    /// Whether members may share their tier's benefits with another member (one level down).
    pub rights_sharing: bool,
}

impl Default for ClubSettings {
    fn default() -> ClubSettings {
        let tier = |id: &str, name: &str, threshold: u64, multiplier: u32| Tier {
            id: id.into(),
            name: name.into(),
            threshold,
            benefits: Vec::new(),
            points_multiplier_percent: multiplier,
        };
        ClubSettings {
            tiers: vec![
                tier("fan", "粉丝 Fan", 0, 100),
                tier("bronze", "青铜 Bronze", 500, 100),
                tier("silver", "白银 Silver", 2_000, 110),
                tier("gold", "黄金 Gold", 5_000, 120),
                tier("platinum", "白金 Platinum", 12_000, 150),
                tier("diamond", "钻石 Diamond", 30_000, 200),
            ],
            points: PointsRules::default(),
            rights_sharing: true,
        }
    }
}

impl ClubSettings {
    /// The rank (index in the ladder) reached with `growth` lifetime growth value.
    pub fn rank_for_growth(&self, growth: u64) -> u32 {
        self.tiers
            .iter()
            .take_while(|t| t.threshold <= growth)
            .count()
            .saturating_sub(1) as u32
    }
}

/// Points a purchase earns per whole yuan paid, before the tier's multiplier.
pub const POINTS_PER_YUAN: u64 = 1;

/// Points a purchase of `amount_cents` earns a member whose tier multiplies purchase points by
/// `multiplier_percent`: one per whole yuan, times the multiplier, rounded down.
pub fn purchase_points(amount_cents: u64, multiplier_percent: u32) -> i64 {
    let points = amount_cents / 100 * POINTS_PER_YUAN * u64::from(multiplier_percent) / 100;
    i64::try_from(points).unwrap_or(i64::MAX)
}

/// The rank whose benefits a member enjoys: their own, or their sharer's *own* rank when higher
/// (rule 1: rights are shared, the receiver's tier is unchanged; rule 2: one level only, so the
/// caller passes the sharer's own rank, never what the sharer receives).
pub fn benefit_rank(own: u32, sharer_own: Option<u32>) -> u32 {
    sharer_own.map_or(own, |s| s.max(own))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purchases_earn_a_point_per_yuan_times_the_tier() {
        assert_eq!(purchase_points(10_000, 110), 110, "¥100 as silver");
        assert_eq!(purchase_points(9_999, 100), 99, "whole yuan only");
        assert_eq!(purchase_points(1_050, 150), 15, "¥10 × 1.5");
        assert_eq!(purchase_points(0, 200), 0);
    }

    /// Settings saved before the switch existed keep sharing on.
    #[test]
    fn sharing_is_on_unless_turned_off() {
        let old: ClubSettings =
            serde_json::from_str(r#"{"tiers": [{"id": "fan", "name": "Fan", "threshold": 0}]}"#)
                .unwrap();
        assert!(old.rights_sharing);
        let off: ClubSettings = serde_json::from_str(r#"{"rights_sharing": false}"#).unwrap();
        assert!(!off.rights_sharing);
    }

    #[test]
    fn ranks_follow_thresholds() {
        let club = ClubSettings::default();
        assert_eq!(club.rank_for_growth(0), 0);
        assert_eq!(club.rank_for_growth(499), 0);
        assert_eq!(club.rank_for_growth(500), 1);
        assert_eq!(club.rank_for_growth(30_000), 5);
        assert_eq!(club.rank_for_growth(u64::MAX), 5);
    }
}
