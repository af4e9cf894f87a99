//! Audience rules: stages, pregnancy weeks, baby ages, tiers, tags and date windows.

use super::{Reason, Validator};
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
                self.err(format!("{path}/stage"), Reason::NoStage);
            }
            Rule::PregnancyWeek { min, max } if *min < 1 || *max > 42 || min > max => {
                self.err(format!("{path}/pregnancy_week"), Reason::PregnancyWeeks);
            }
            Rule::BabyAgeMonths { min, max } | Rule::RecencyDays { min, max } if min > max => {
                let key = if matches!(rule, Rule::BabyAgeMonths { .. }) {
                    "baby_age_months"
                } else {
                    "recency_days"
                };
                self.err(format!("{path}/{key}"), Reason::RangeReversed);
            }
            Rule::TierAtLeast(rank) if *rank as usize >= super::MAX_TIERS => {
                self.err(format!("{path}/tier_at_least"), Reason::NoSuchTier(*rank));
            }
            Rule::Tag(tag) if tag.trim().is_empty() || tag.chars().count() > 40 => {
                self.err(format!("{path}/tag"), Reason::BadTag);
            }
            Rule::DateWindow { from, to } if from > to => {
                self.err(format!("{path}/date_window/to"), Reason::DaysReversed);
            }
            _ => {}
        }
    }
}
