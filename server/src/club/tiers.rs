//! Lifelong tiers and the benefits a member enjoys (tiers
//! come from lifetime growth value and are kept for life, "会员终身制"; "Rights sharing" rules 1-2).

use cradle_model::ClubSettings;
use serde::Serialize;
use utoipa::ToSchema;

/// A rung of the ladder as members see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct TierInfo {
    /// Tier id, e.g. `gold`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Rank on the ladder (0 = lowest).
    pub rank: u32,
}

/// The tier rank reached with `growth`. Growth only ever grows (spending and expiry never lower
/// it), so a member's tier is never downgraded.
pub fn rank(settings: &ClubSettings, growth: i64) -> u32 {
    settings.rank_for_growth(growth.max(0) as u64)
}

/// The tier at `rank`, clamped to the ladder (the ladder may have been shortened since).
pub fn info(settings: &ClubSettings, rank: u32) -> TierInfo {
    let last = settings.tiers.len().saturating_sub(1);
    let index = (rank as usize).min(last);
    settings.tiers.get(index).map_or_else(
        || TierInfo {
            id: String::new(),
            name: String::new(),
            rank: 0,
        },
        |t| TierInfo {
            id: t.id.clone(),
            name: t.name.clone(),
            rank: index as u32,
        },
    )
}

pub use cradle_model::club::benefit_rank;

/// The benefits of the tier at `rank`.
pub fn benefits(settings: &ClubSettings, rank: u32) -> Vec<String> {
    let index = info(settings, rank).rank as usize;
    settings
        .tiers
        .get(index)
        .map(|t| t.benefits.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ladder() -> ClubSettings {
        let mut s = ClubSettings::default();
        for t in &mut s.tiers {
            t.benefits = vec![format!("{} gift", t.id)];
        }
        s
    }

    #[test]
    fn sharing_rules_one_level_only() {
        let s = ladder();
        let diamond_a = rank(&s, 30_000);
        let bronze_b = rank(&s, 600);
        let fan_c = rank(&s, 0);
        assert_eq!((diamond_a, bronze_b, fan_c), (5, 1, 0));
        // A shares with B: B enjoys diamond rights, B's tier stays bronze.
        let b = benefit_rank(bronze_b, Some(diamond_a));
        assert_eq!(benefits(&s, b), ["diamond gift"]);
        assert_eq!(info(&s, bronze_b).id, "bronze");
        // B shares with C: C gets B's own (bronze) rights, never A's.
        let c = benefit_rank(fan_c, Some(bronze_b));
        assert_eq!(benefits(&s, c), ["bronze gift"]);
        // Sharing a lower tier never lowers the receiver.
        assert_eq!(benefit_rank(diamond_a, Some(bronze_b)), diamond_a);
    }

    #[test]
    fn ranks_beyond_a_shortened_ladder_clamp() {
        let mut s = ladder();
        s.tiers.truncate(2);
        assert_eq!(info(&s, 5).id, "bronze");
        assert_eq!(info(&s, 5).rank, 1);
    }

    proptest! {
        /// Growth only grows, so the tier follows it up and never down: any sequence of earnings
        /// (spending does not touch growth) gives a non-decreasing rank.
        #[test]
        fn tier_never_goes_down(earnings in proptest::collection::vec(0i64..5_000, 0..40)) {
            let s = ClubSettings::default();
            let mut growth = 0i64;
            let mut last = rank(&s, growth);
            for e in earnings {
                growth += e;
                let now = rank(&s, growth);
                prop_assert!(now >= last);
                last = now;
            }
        }
    }
}
