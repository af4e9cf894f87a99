//! Audience rules: stages, pregnancy weeks, baby ages, tiers, tags and date windows.

use super::{Kind, Validator};
use crate::audience::Rule;

impl Validator<'_> {
    pub(super) fn rule(&mut self, path: &str, rule: &Rule) {
        match rule {
            Rule::All(rules) | Rule::Any(rules) => {
                let key = if matches!(rule, Rule::All(_)) {
                    "all"
                } else {
                    "any"
                };
                for (i, r) in rules.iter().enumerate() {
                    self.rule(&format!("{path}/{key}/{i}"), r);
                }
            }
            Rule::Not(r) => self.rule(&format!("{path}/not"), r),
            Rule::Stage(stages) if stages.is_empty() => {
                self.err(
                    Kind::Required,
                    format!("{path}/stage"),
                    "choose at least one stage",
                );
            }
            Rule::PregnancyWeek { min, max } if *min < 1 || *max > 42 || min > max => {
                self.err(
                    Kind::OutOfRange,
                    format!("{path}/pregnancy_week"),
                    "pregnancy weeks must be a range within 1-42",
                );
            }
            Rule::BabyAgeMonths { min, max } | Rule::RecencyDays { min, max } if min > max => {
                let key = if matches!(rule, Rule::BabyAgeMonths { .. }) {
                    "baby_age_months"
                } else {
                    "recency_days"
                };
                self.err(
                    Kind::Inconsistent,
                    format!("{path}/{key}"),
                    "the range's minimum must not exceed its maximum",
                );
            }
            Rule::TierAtLeast(rank) if *rank as usize >= self.doc.club.tiers.len() => {
                self.err(
                    Kind::UnknownReference,
                    format!("{path}/tier_at_least"),
                    format!("tier {rank} does not exist in this club's ladder"),
                );
            }
            Rule::Tag(tag) if tag.trim().is_empty() || tag.chars().count() > 40 => {
                self.err(
                    Kind::TooLong,
                    format!("{path}/tag"),
                    "a tag must be 1-40 characters",
                );
            }
            Rule::DateWindow { from, to } if from > to => {
                self.err(
                    Kind::Inconsistent,
                    format!("{path}/date_window/to"),
                    "the last day must not be before the first",
                );
            }
            _ => {}
        }
    }
}
