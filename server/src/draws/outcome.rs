//! What a draw awards once the sampled prize meets stock and the member's win limit: the sampled
//! prize when both allow it, otherwise the campaign's fallback, with the reason recorded. The
//! fallback never changes the odds shown: it only replaces a prize that could not be given.

use cradle_model::campaign::PrizeKind;
use cradle_model::Campaign;
use serde::Serialize;
use utoipa::ToSchema;

/// Why the fallback prize replaced the sampled one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FallbackReason {
    /// The sampled prize's stock was used up.
    OutOfStock,
    /// The member already won as many prizes as the campaign allows.
    WinLimit,
}

impl FallbackReason {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            FallbackReason::OutOfStock => "out_of_stock",
            FallbackReason::WinLimit => "win_limit",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<FallbackReason> {
        [FallbackReason::OutOfStock, FallbackReason::WinLimit]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// Whether winning prize `index` counts toward the member's win limit: every prize except
/// "thanks for taking part" and the fallback (the consolation given when others cannot be).
pub fn counts_as_win(campaign: &Campaign, index: usize) -> bool {
    campaign
        .prizes
        .get(index)
        .is_some_and(|p| !matches!(p.kind, PrizeKind::Thanks) && p.id != campaign.fallback_prize)
}

/// The prize awarded for `sampled`: `(index, reason)`, where `win_allowed` and `stock_taken` are
/// the answers of the conditional updates for the sampled prize.
pub fn resolve(
    campaign: &Campaign,
    sampled: usize,
    win_allowed: bool,
    stock_taken: bool,
) -> (usize, Option<FallbackReason>) {
    let fallback = campaign
        .prize_index(&campaign.fallback_prize)
        .unwrap_or(sampled);
    if !win_allowed {
        (fallback, Some(FallbackReason::WinLimit))
    } else if !stock_taken {
        (fallback, Some(FallbackReason::OutOfStock))
    } else {
        (sampled, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draws::fixtures::{self, prize};
    use proptest::prelude::*;

    fn campaign() -> Campaign {
        let prizes = vec![
            prize("coupon", PrizeKind::Coupon { value_cents: 500 }, 1),
            prize("thanks", PrizeKind::Thanks, 1),
            prize("points", PrizeKind::Points { amount: 1 }, 1),
        ];
        fixtures::campaign(prizes, "points")
    }

    #[test]
    fn wins_exclude_thanks_and_the_fallback() {
        let c = campaign();
        assert!(counts_as_win(&c, 0));
        assert!(!counts_as_win(&c, 1));
        assert!(!counts_as_win(&c, 2));
        assert!(!counts_as_win(&c, 9));
    }

    #[test]
    fn reasons_round_trip() {
        for r in [FallbackReason::OutOfStock, FallbackReason::WinLimit] {
            assert_eq!(FallbackReason::parse(r.as_str()), Some(r));
        }
        assert_eq!(FallbackReason::parse("other"), None);
    }

    proptest! {
        /// The sampled prize is awarded exactly when both checks pass; otherwise the fallback,
        /// with the win limit named before stock.
        #[test]
        fn resolve_awards_sampled_or_fallback(sampled in 0usize..3, win in any::<bool>(), stock in any::<bool>()) {
            let c = campaign();
            let (awarded, reason) = resolve(&c, sampled, win, stock);
            if win && stock {
                prop_assert_eq!((awarded, reason), (sampled, None));
            } else {
                prop_assert_eq!(awarded, 2);
                prop_assert_eq!(reason, Some(if win { FallbackReason::OutOfStock } else { FallbackReason::WinLimit }));
            }
        }
    }
}
