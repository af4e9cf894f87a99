//! Verifying a campaign's draws after its seed is revealed: each logged random value must be
//! HMAC-SHA256(seed, draw id), must select the logged sampled prize under the weights of the
//! version played, and the awarded prize must be that prize or the logged fallback.

use cradle_model::Campaign;
use serde::Serialize;
use utoipa::ToSchema;

use crate::draws::outcome::FallbackReason;
use crate::draws::record::DrawRecord;
use crate::draws::roll;

/// A draw whose log does not match what its seed implies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Mismatch {
    /// The draw.
    pub draw_id: String,
    /// What does not match.
    pub problem: String,
}

/// The outcome of verifying a campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Verification {
    /// The revealed seed.
    pub seed: String,
    /// Its SHA-256, as committed at publish.
    pub seed_hash: String,
    /// Whether the seed matches the commitment.
    pub seed_matches_hash: bool,
    /// Draws checked.
    pub draws_checked: usize,
    /// Draws that do not match (empty when all is well).
    pub mismatches: Vec<Mismatch>,
}

/// Checks one draw against the seed and the campaign as published in its version.
pub fn check(seed: &str, campaign: Option<&Campaign>, draw: &DrawRecord) -> Option<String> {
    let Some(campaign) = campaign else {
        return Some(format!("version {} has no such campaign", draw.version));
    };
    let expected = roll::roll(seed, &draw.id);
    if expected != draw.roll {
        return Some(format!(
            "random value {} is not HMAC(seed, id) {expected}",
            draw.roll
        ));
    }
    let picked = roll::pick(campaign, &expected).map(|i| campaign.prizes[i].id.as_str());
    if picked != Some(draw.sampled_prize.as_str()) {
        return Some(format!(
            "the random value selects {} but the log says {}",
            picked.unwrap_or("nothing"),
            draw.sampled_prize
        ));
    }
    let awarded_ok = match draw.fallback_reason {
        None => draw.prize_id == draw.sampled_prize,
        Some(FallbackReason::OutOfStock | FallbackReason::WinLimit) => {
            draw.prize_id == campaign.fallback_prize
        }
    };
    if !awarded_ok {
        return Some(format!(
            "awarded {} for a sampled {}",
            draw.prize_id, draw.sampled_prize
        ));
    }
    None
}

/// Verifies every draw; `campaign_in(version)` gives the campaign as published in a version.
pub fn verify<'a>(
    seed: &str,
    seed_hash: &str,
    draws: &[DrawRecord],
    campaign_in: impl Fn(i64) -> Option<&'a Campaign>,
) -> Verification {
    let mismatches = draws
        .iter()
        .filter_map(|d| {
            check(seed, campaign_in(d.version), d).map(|problem| Mismatch {
                draw_id: d.id.clone(),
                problem,
            })
        })
        .collect();
    Verification {
        seed: seed.to_owned(),
        seed_hash: seed_hash.to_owned(),
        seed_matches_hash: roll::seed_hash(seed) == seed_hash,
        draws_checked: draws.len(),
        mismatches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draws::fixtures::{self, prize};
    use cradle_model::campaign::PrizeKind;

    fn campaign() -> Campaign {
        let prizes = vec![
            prize("a", PrizeKind::Thanks, 1),
            prize("b", PrizeKind::Thanks, 1),
            prize("thanks", PrizeKind::Thanks, 2),
        ];
        fixtures::campaign(prizes, "thanks")
    }

    fn honest(seed: &str, c: &Campaign, id: &str) -> DrawRecord {
        let rolled = roll::roll(seed, id);
        let index = roll::pick(c, &rolled).unwrap();
        DrawRecord {
            id: id.into(),
            campaign_id: "c".into(),
            version: 1,
            sampled_prize: c.prizes[index].id.clone(),
            prize_id: c.prizes[index].id.clone(),
            prize_index: index,
            fallback_reason: None,
            cost: 0,
            roll: rolled,
            code: None,
            created_at: 0,
            replayed: false,
        }
    }

    #[test]
    fn honest_logs_verify_and_tampering_is_found() {
        let c = campaign();
        let seed = "s".repeat(64);
        let mut draws: Vec<DrawRecord> = (0..50)
            .map(|i| honest(&seed, &c, &format!("d{i}")))
            .collect();
        let ok = verify(&seed, &roll::seed_hash(&seed), &draws, |_| Some(&c));
        assert!(ok.seed_matches_hash);
        assert_eq!((ok.draws_checked, ok.mismatches.len()), (50, 0));

        // A fallback for a stock-out is honest; an unexplained swap is not.
        let out = draws.iter().position(|d| d.prize_id != "thanks").unwrap();
        draws[out].prize_id = "thanks".into();
        draws[out].fallback_reason = Some(FallbackReason::OutOfStock);
        assert!(verify(&seed, "", &draws, |_| Some(&c))
            .mismatches
            .is_empty());
        draws[out].fallback_reason = None;
        draws[1].roll = roll::roll("other seed", &draws[1].id);
        let bad = verify(&seed, "wrong", &draws, |_| Some(&c));
        assert!(!bad.seed_matches_hash);
        let mut found: Vec<&str> = bad.mismatches.iter().map(|m| m.draw_id.as_str()).collect();
        let mut expected = vec![draws[1].id.as_str(), draws[out].id.as_str()];
        found.sort_unstable();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(found, expected);
        assert!(check(&seed, None, &draws[2]).is_some());
    }
}
