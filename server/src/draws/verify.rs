//! Verifying a campaign's draws after its seed is revealed. Each draw's logged random value must
//! be HMAC-SHA256(seed, "seq:member:key") with the seed in use at its number, must select the
//! logged sampled prize under the weights of the version played, and the awarded prize must be
//! that prize or the fallback. The numbers must run without gaps (a deleted or re-rolled draw
//! leaves one). Every fallback must be true: replaying the draws in order against the stock
//! history (each publish's stock and issued count) and each member's wins, an "out of stock"
//! must meet an empty stock and a "win limit" a member at the limit.

use std::collections::HashMap;

use cradle_model::Campaign;
use serde::Serialize;
use utoipa::ToSchema;

use crate::draws::outcome::{self, FallbackReason};
use crate::draws::record::AuditedDraw;
use crate::draws::roll;

/// A draw (or, for `sequence` and `stock`, the campaign) whose log does not match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Mismatch {
    /// The draw, or `sequence` / `stock` for findings about the log as a whole.
    pub draw_id: String,
    /// What does not match.
    pub problem: String,
}

/// A seed and the draw numbers it rolled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct SeedSpan {
    /// The seed.
    pub seed: String,
    /// Its SHA-256, as committed.
    pub seed_hash: String,
    /// First draw number rolled with it.
    pub first_seq: i64,
    /// Last draw number rolled with it; `None` for the current seed.
    pub last_seq: Option<i64>,
}

/// A prize's stock as set by a publish, after draw `at_seq`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct StockChange {
    /// The prize.
    pub prize_id: String,
    /// The version published.
    pub version: i64,
    /// The last draw number before it took effect.
    pub at_seq: i64,
    /// Stock; `None` = unlimited.
    pub total: Option<i64>,
    /// Issued when it took effect.
    pub issued: i64,
}

/// The outcome of verifying a campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Verification {
    /// The revealed seed.
    pub seed: String,
    /// Its SHA-256, as committed at publish.
    pub seed_hash: String,
    /// Whether every seed (this one and earlier ones) matches its commitment.
    pub seed_matches_hash: bool,
    /// Seeds used before this one (replaced when an ended campaign was published again).
    pub earlier_seeds: Vec<SeedSpan>,
    /// Draws checked.
    pub draws_checked: usize,
    /// Draws that do not match (empty when all is well).
    pub mismatches: Vec<Mismatch>,
}

/// What verification reads: the seeds, the draws in order, the stock history in order and the
/// campaign's last draw number.
#[derive(Clone, Copy, Debug)]
pub struct Audit<'a> {
    /// The current seed (`last_seq: None`) and the retired ones.
    pub seeds: &'a [SeedSpan],
    /// Every draw, as [`crate::draws::record::for_campaign`] orders them.
    pub draws: &'a [AuditedDraw],
    /// Every stock change, by `at_seq` then version.
    pub stock: &'a [StockChange],
    /// The sequence's last number as the campaign's counter says.
    pub last_seq: i64,
}

impl Audit<'_> {
    /// The seed that rolled draw `seq` (`None`: logged before numbering, the first seed).
    fn seed_for(&self, seq: Option<i64>) -> Option<&SeedSpan> {
        match seq {
            None => self.seeds.iter().min_by_key(|s| s.first_seq),
            Some(n) => self
                .seeds
                .iter()
                .find(|s| s.first_seq <= n && s.last_seq.is_none_or(|last| n <= last)),
        }
    }
}

/// Checks one draw's roll and award against its seed and the campaign as published in its
/// version.
pub fn check(seed: &str, campaign: Option<&Campaign>, audited: &AuditedDraw) -> Option<String> {
    let draw = &audited.draw;
    let Some(campaign) = campaign else {
        return Some(format!("version {} has no such campaign", draw.version));
    };
    let expected = match draw.seq {
        Some(seq) => roll::roll(seed, &roll::message(seq, &audited.member_id, &audited.key)),
        None => roll::roll(seed, &draw.id),
    };
    if expected != draw.roll {
        return Some(format!(
            "random value {} is not HMAC(seed, seq:member:key) {expected}",
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

/// A prize's stock while replaying: what it was set to and what was issued since.
#[derive(Clone, Copy, Debug)]
struct Level {
    total: Option<i64>,
    issued: i64,
}

/// Replays the draws in order against the stock history and each member's wins: the findings
/// of fallbacks that were not true, of issues beyond the stock, and of publishes whose issued
/// count disagrees with the log.
fn replay<'a>(
    audit: &Audit<'_>,
    campaign_in: &impl Fn(i64) -> Option<&'a Campaign>,
) -> Vec<Mismatch> {
    let mut found = Vec::new();
    let mut levels: HashMap<String, Level> = HashMap::new();
    let mut changes = audit.stock.iter().peekable();
    let mut wins: HashMap<&str, i64> = HashMap::new();
    for audited in audit.draws {
        let draw = &audited.draw;
        let Some(campaign) = campaign_in(draw.version) else {
            continue;
        };
        if let Some(seq) = draw.seq {
            apply(&mut changes, seq, &mut levels, &mut found);
        }
        let mut problem = None;
        let won = wins.entry(audited.member_id.as_str()).or_default();
        let max_wins = campaign.limits.max_wins_per_member.map(i64::from);
        match draw.fallback_reason {
            Some(FallbackReason::WinLimit) if max_wins.is_none_or(|max| *won < max) => {
                problem = Some(format!(
                    "logged the win limit but the member had won {} of {}",
                    won,
                    max_wins.map_or("unlimited".into(), |m| m.to_string())
                ));
            }
            Some(FallbackReason::OutOfStock) => {
                let level = draw.seq.and(levels.get(&draw.sampled_prize));
                if let Some(level) = level.filter(|l| l.total.is_none_or(|t| l.issued < t)) {
                    problem = Some(format!(
                        "logged {} out of stock but {} were left",
                        draw.sampled_prize,
                        level
                            .total
                            .map_or("unlimited".into(), |t| (t - level.issued).to_string())
                    ));
                }
            }
            None => {
                let index = campaign.prize_index(&draw.sampled_prize);
                if index.is_some_and(|i| outcome::counts_as_win(campaign, i)) {
                    if max_wins.is_some_and(|max| *won >= max) {
                        problem = Some(format!("a win beyond the limit of {won}"));
                    }
                    *won += 1;
                }
                if let Some(level) = draw.seq.and_then(|_| levels.get_mut(&draw.sampled_prize)) {
                    level.issued += 1;
                    if level.total.is_some_and(|t| level.issued > t) {
                        problem = Some(format!(
                            "{} issued beyond its stock of {}",
                            draw.sampled_prize,
                            level.total.unwrap_or_default()
                        ));
                    }
                }
            }
            _ => {}
        }
        if let Some(problem) = problem {
            found.push(Mismatch {
                draw_id: draw.id.clone(),
                problem,
            });
        }
    }
    apply(&mut changes, i64::MAX, &mut levels, &mut found);
    found
}

/// Applies the stock changes made before draw `upto`, checking each publish's issued count
/// against the replay.
fn apply<'c>(
    changes: &mut std::iter::Peekable<impl Iterator<Item = &'c StockChange>>,
    upto: i64,
    levels: &mut HashMap<String, Level>,
    found: &mut Vec<Mismatch>,
) {
    while let Some(change) = changes.next_if(|c| c.at_seq < upto) {
        if let Some(level) = levels.get(&change.prize_id) {
            if level.issued != change.issued {
                found.push(Mismatch {
                    draw_id: "stock".into(),
                    problem: format!(
                        "version {} recorded {} of {} issued after draw {}, the log shows {}",
                        change.version, change.issued, change.prize_id, change.at_seq, level.issued
                    ),
                });
            }
        }
        let level = Level {
            total: change.total,
            issued: change.issued,
        };
        levels.insert(change.prize_id.clone(), level);
    }
}

/// Draw numbers that are missing: gaps between logged draws, or beyond the last one.
fn gaps(audit: &Audit<'_>) -> Vec<Mismatch> {
    let mut found = Vec::new();
    let mut last = 0;
    for draw in audit.draws.iter().map(|a| &a.draw) {
        let Some(seq) = draw.seq else { continue };
        if seq != last + 1 {
            found.push(Mismatch {
                draw_id: "sequence".into(),
                problem: format!("draws {} to {} are missing from the log", last + 1, seq - 1),
            });
        }
        last = seq;
    }
    if audit.last_seq > last {
        found.push(Mismatch {
            draw_id: "sequence".into(),
            problem: format!(
                "draws {} to {} are missing from the log",
                last + 1,
                audit.last_seq
            ),
        });
    }
    found
}

/// Verifies every draw; `campaign_in(version)` gives the campaign as published in a version.
pub fn verify<'a>(
    audit: &Audit<'_>,
    campaign_in: impl Fn(i64) -> Option<&'a Campaign>,
) -> Verification {
    let mut mismatches: Vec<Mismatch> = audit
        .draws
        .iter()
        .filter_map(|d| {
            let problem = match audit.seed_for(d.draw.seq) {
                None => Some("no seed covers this draw's number".to_owned()),
                Some(span) => check(&span.seed, campaign_in(d.draw.version), d),
            };
            problem.map(|problem| Mismatch {
                draw_id: d.draw.id.clone(),
                problem,
            })
        })
        .collect();
    mismatches.extend(gaps(audit));
    mismatches.extend(replay(audit, &campaign_in));
    let current = audit.seeds.iter().find(|s| s.last_seq.is_none());
    let mut earlier: Vec<SeedSpan> = audit
        .seeds
        .iter()
        .filter(|s| s.last_seq.is_some())
        .cloned()
        .collect();
    earlier.sort_by_key(|s| s.first_seq);
    Verification {
        seed: current.map(|s| s.seed.clone()).unwrap_or_default(),
        seed_hash: current.map(|s| s.seed_hash.clone()).unwrap_or_default(),
        seed_matches_hash: !audit.seeds.is_empty()
            && audit
                .seeds
                .iter()
                .all(|s| roll::seed_hash(&s.seed) == s.seed_hash),
        earlier_seeds: earlier,
        draws_checked: audit.draws.len(),
        mismatches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draws::fixtures::{self, prize};
    use crate::draws::record::DrawRecord;
    use cradle_model::campaign::{PrizeKind, Stock};

    /// The record of an honest draw.
    fn honest(seed: &str, c: &Campaign, seq: i64, member: &str) -> AuditedDraw {
        let key = format!("key-{seq}");
        let rolled = roll::roll(seed, &roll::message(seq, member, &key));
        let index = roll::pick(c, &rolled).unwrap();
        AuditedDraw {
            draw: DrawRecord {
                id: format!("d{seq}"),
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
                seq: Some(seq),
                replayed: false,
            },
            member_id: member.into(),
            key,
        }
    }

    fn campaign() -> Campaign {
        let mut prizes = vec![
            prize("a", PrizeKind::Thanks, 1),
            prize("b", PrizeKind::Coupon { value_cents: 1 }, 1),
            prize("thanks", PrizeKind::Thanks, 2),
        ];
        prizes[1].stock = Stock::Limited(1_000);
        fixtures::campaign(prizes, "thanks")
    }

    fn seeds(seed: &str) -> Vec<SeedSpan> {
        vec![SeedSpan {
            seed: seed.into(),
            seed_hash: roll::seed_hash(seed),
            first_seq: 1,
            last_seq: None,
        }]
    }

    fn stock(c: &Campaign) -> Vec<StockChange> {
        c.prizes
            .iter()
            .map(|p| StockChange {
                prize_id: p.id.clone(),
                version: 1,
                at_seq: 0,
                total: match p.stock {
                    Stock::Limited(n) => Some(i64::from(n)),
                    Stock::Unlimited => None,
                },
                issued: 0,
            })
            .collect()
    }

    fn run(seeds: &[SeedSpan], draws: &[AuditedDraw], stock: &[StockChange]) -> Verification {
        let c = campaign();
        let audit = Audit {
            seeds,
            draws,
            stock,
            last_seq: draws.len() as i64,
        };
        verify(&audit, |_| Some(&c))
    }

    fn draws(seed: &str, c: &Campaign) -> Vec<AuditedDraw> {
        (1..=50)
            .map(|i| honest(seed, c, i, &format!("m{}", i % 7)))
            .collect()
    }

    #[test]
    fn honest_logs_verify_and_tampering_is_found() {
        let c = campaign();
        let seed = "s".repeat(64);
        let seeds = seeds(&seed);
        let mut draws = draws(&seed, &c);
        let ok = run(&seeds, &draws, &stock(&c));
        assert!(ok.seed_matches_hash);
        assert_eq!((ok.draws_checked, ok.mismatches.len()), (50, 0), "{ok:?}");

        // A re-rolled draw: same number, another member's key.
        draws[1].key = "other".into();
        let bad = run(&seeds, &draws, &stock(&c));
        assert_eq!(bad.mismatches.len(), 1, "{bad:?}");
        assert_eq!(bad.mismatches[0].draw_id, draws[1].draw.id);
        assert!(check(&seed, None, &draws[2]).is_some());

        // A deleted draw leaves a gap.
        let mut deleted = super::tests::draws(&seed, &c);
        deleted.remove(10);
        let bad = run(&seeds, &deleted, &stock(&c));
        assert!(bad
            .mismatches
            .iter()
            .any(|m| m.draw_id == "sequence" && m.problem.contains("11 to 11")));
    }

    #[test]
    fn a_false_fallback_reason_is_found() {
        let c = campaign();
        let seed = "s".repeat(64);
        let mut draws = draws(&seed, &c);
        // A coupon win (stock 1,000) rewritten as "out of stock".
        let won = draws
            .iter()
            .position(|d| d.draw.prize_id == "b")
            .expect("a coupon win");
        draws[won].draw.prize_id = "thanks".into();
        draws[won].draw.fallback_reason = Some(FallbackReason::OutOfStock);
        let bad = run(&seeds(&seed), &draws, &stock(&c));
        assert_eq!(bad.mismatches.len(), 1, "{bad:?}");
        assert_eq!(bad.mismatches[0].draw_id, draws[won].draw.id);
        assert!(bad.mismatches[0].problem.contains("out of stock"));

        // True when the stock had run out: published with exactly the wins before it.
        let before = draws[..won]
            .iter()
            .filter(|d| d.draw.prize_id == "b")
            .count() as i64;
        let mut empty = stock(&c);
        empty[1].total = Some(before);
        let ok = run(&seeds(&seed), &draws[..=won], &empty);
        assert!(ok.mismatches.is_empty(), "{ok:?}");

        // A false win limit (no limit set) too.
        draws[won].draw.fallback_reason = Some(FallbackReason::WinLimit);
        let bad = run(&seeds(&seed), &draws, &stock(&c));
        assert_eq!(bad.mismatches.len(), 1, "{bad:?}");
        assert!(bad.mismatches[0].problem.contains("win limit"));
    }

    #[test]
    fn draws_roll_with_the_seed_in_use_at_their_number() {
        let c = campaign();
        let (old, new) = ("o".repeat(64), "n".repeat(64));
        let mut draws: Vec<AuditedDraw> = (1..=4).map(|i| honest(&old, &c, i, "m")).collect();
        draws.extend((5..=8).map(|i| honest(&new, &c, i, "m")));
        let mut spans = seeds(&new);
        spans[0].first_seq = 5;
        spans.push(SeedSpan {
            seed: old.clone(),
            seed_hash: roll::seed_hash(&old),
            first_seq: 1,
            last_seq: Some(4),
        });
        let ok = run(&spans, &draws, &stock(&c));
        assert!(ok.mismatches.is_empty(), "{ok:?}");
        assert_eq!(ok.seed, new);
        assert_eq!(ok.earlier_seeds.len(), 1);
        // Rolled with the old seed after it was replaced: found.
        draws[5] = honest(&old, &c, 6, "m");
        assert_eq!(run(&spans, &draws, &stock(&c)).mismatches.len(), 1);
    }
}
