//! Audience rules ("千人千面": each member sees what fits them): all/any/not over predicates on
//! the member's lifecycle stage, pregnancy week, baby age, tier, segment, purchase recency, tags
//! and the date.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::lifecycle::{self, Stage};

/// Rule-based member segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// Buys repeatedly.
    Loyal,
    /// Interacts often.
    Active,
    /// Spreads the word (medals, UGC, invites).
    Seed,
    /// Has gone quiet.
    Sleeping,
}

impl Segment {
    /// Every segment.
    pub const ALL: [Segment; 4] = [
        Segment::Loyal,
        Segment::Active,
        Segment::Seed,
        Segment::Sleeping,
    ];
}

/// The RFM recency windows marketers pick from (days since the last purchase, both ends
/// included): bought recently, due to repurchase, lapsing, lapsed, lost.
pub const RECENCY_WINDOWS: [(u32, u32); 5] =
    [(0, 45), (46, 90), (91, 180), (181, 360), (361, 36_500)];

/// Who a block or campaign is for. Serialized as `{"all": [...]}`, `{"stage": ["newborn"]}`, …
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Every sub-rule holds (an empty list always holds).
    All(Vec<Rule>),
    /// At least one sub-rule holds (an empty list never holds).
    Any(Vec<Rule>),
    /// The sub-rule does not hold.
    Not(Box<Rule>),
    /// The member's lifecycle stage is one of these.
    Stage(Vec<Stage>),
    /// Pregnant, in a week within `min..=max`.
    PregnancyWeek {
        /// First week included.
        min: u32,
        /// Last week included.
        max: u32,
    },
    /// Baby's age in full months within `min..=max`.
    BabyAgeMonths {
        /// Youngest included.
        min: u32,
        /// Oldest included.
        max: u32,
    },
    /// Tier rank (0 = lowest rung of the club's ladder) at least this.
    TierAtLeast(u32),
    /// Member is in this segment.
    Segment(Segment),
    /// Days since last purchase within `min..=max` (RFM recency; e.g. 45-90 = repurchase window).
    RecencyDays {
        /// Fewest days included.
        min: u32,
        /// Most days included.
        max: u32,
    },
    /// Member carries this tag.
    Tag(String),
    /// Today is within `from..=to`.
    DateWindow {
        /// First day included.
        from: NaiveDate,
        /// Last day included.
        to: NaiveDate,
    },
}

/// What the rules can see about a member.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberProfile {
    /// Expected due date, while pregnant.
    pub due_date: Option<NaiveDate>,
    /// Baby's birth date.
    pub baby_birth_date: Option<NaiveDate>,
    /// Said they are preparing for pregnancy.
    pub preparing: bool,
    /// Tier rank on the club's ladder (0 = lowest).
    pub tier: u32,
    /// Segments the member is in.
    pub segments: Vec<Segment>,
    /// Day of the last purchase.
    pub last_purchase: Option<NaiveDate>,
    /// Tags.
    pub tags: Vec<String>,
}

/// Whether `rule` holds for `member` on `today`. Predicates needing data the member lacks (no
/// due date for a pregnancy-week rule, say) do not hold.
pub fn evaluate(rule: &Rule, member: &MemberProfile, today: NaiveDate) -> bool {
    match rule {
        Rule::All(rules) => rules.iter().all(|r| evaluate(r, member, today)),
        Rule::Any(rules) => rules.iter().any(|r| evaluate(r, member, today)),
        Rule::Not(rule) => !evaluate(rule, member, today),
        Rule::Stage(stages) => {
            lifecycle::stage_of(member, today).is_some_and(|stage| stages.contains(&stage))
        }
        Rule::PregnancyWeek { min, max } => {
            let born = lifecycle::effective_birth(member.due_date, member.baby_birth_date, today);
            born.is_none()
                && member
                    .due_date
                    .and_then(|due| lifecycle::pregnancy_week(due, today))
                    .is_some_and(|week| (*min..=*max).contains(&week))
        }
        Rule::BabyAgeMonths { min, max } => {
            lifecycle::effective_birth(member.due_date, member.baby_birth_date, today)
                .and_then(|born| lifecycle::age_in_months(born, today))
                .is_some_and(|months| (*min..=*max).contains(&months))
        }
        Rule::TierAtLeast(rank) => member.tier >= *rank,
        Rule::Segment(segment) => member.segments.contains(segment),
        Rule::RecencyDays { min, max } => member.last_purchase.is_some_and(|day| {
            let days = (today - day).num_days();
            days >= 0 && (i64::from(*min)..=i64::from(*max)).contains(&days)
        }),
        Rule::Tag(tag) => member.tags.iter().any(|t| t == tag),
        Rule::DateWindow { from, to } => (*from..=*to).contains(&today),
    }
}

/// Whether an optional rule holds: no rule means everyone.
pub fn admits(rule: Option<&Rule>, member: &MemberProfile, today: NaiveDate) -> bool {
    rule.is_none_or(|r| evaluate(r, member, today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pregnant_week_17() -> (MemberProfile, NaiveDate) {
        let today = d(2026, 6, 1);
        let due = today + chrono::Duration::days(280 - 17 * 7);
        (
            MemberProfile {
                due_date: Some(due),
                tier: 2,
                tags: vec!["vip".into()],
                ..Default::default()
            },
            today,
        )
    }

    #[test]
    fn pregnancy_targeting() {
        let (m, today) = pregnant_week_17();
        assert!(evaluate(&Rule::Stage(vec![Stage::MidPregnancy]), &m, today));
        assert!(evaluate(
            &Rule::PregnancyWeek { min: 17, max: 17 },
            &m,
            today
        ));
        assert!(!evaluate(
            &Rule::PregnancyWeek { min: 18, max: 40 },
            &m,
            today
        ));
        assert!(!evaluate(
            &Rule::BabyAgeMonths { min: 0, max: 72 },
            &m,
            today
        ));
    }

    #[test]
    fn combinators() {
        let (m, today) = pregnant_week_17();
        let tier_and_tag = Rule::All(vec![Rule::TierAtLeast(2), Rule::Tag("vip".into())]);
        assert!(evaluate(&tier_and_tag, &m, today));
        assert!(!evaluate(&Rule::Not(Box::new(tier_and_tag)), &m, today));
        assert!(evaluate(
            &Rule::Any(vec![Rule::TierAtLeast(5), Rule::Tag("vip".into())]),
            &m,
            today
        ));
        assert!(!evaluate(&Rule::Any(vec![]), &m, today));
        assert!(evaluate(&Rule::All(vec![]), &m, today));
        assert!(!evaluate(&Rule::TierAtLeast(3), &m, today));
    }

    #[test]
    fn recency_windows() {
        let today = d(2026, 6, 1);
        let member = MemberProfile {
            last_purchase: Some(d(2026, 4, 1)),
            ..Default::default()
        }; // 61 days
        assert!(evaluate(
            &Rule::RecencyDays { min: 45, max: 90 },
            &member,
            today
        ));
        assert!(!evaluate(
            &Rule::RecencyDays { min: 0, max: 45 },
            &member,
            today
        ));
        assert!(!evaluate(
            &Rule::RecencyDays { min: 0, max: 999 },
            &MemberProfile::default(),
            today
        ));
    }

    #[test]
    fn date_window_is_inclusive() {
        let rule = Rule::DateWindow {
            from: d(2026, 6, 1),
            to: d(2026, 6, 18),
        };
        let m = MemberProfile::default();
        assert!(evaluate(&rule, &m, d(2026, 6, 1)));
        assert!(evaluate(&rule, &m, d(2026, 6, 18)));
        assert!(!evaluate(&rule, &m, d(2026, 6, 19)));
    }

    #[test]
    fn json_shape() {
        let rule: Rule = serde_json::from_str(
            r#"{"all":[{"stage":["newborn","infant"]},{"not":{"segment":"sleeping"}},{"tier_at_least":1}]}"#,
        )
        .unwrap();
        let back = serde_json::to_value(&rule).unwrap();
        assert_eq!(back["all"][0]["stage"][1], "infant");
    }

    proptest! {
        #[test]
        fn not_negates(tier in 0u32..6, rank in 0u32..6, tagged: bool) {
            let member = MemberProfile { tier, tags: if tagged { vec!["a".into()] } else { vec![] }, ..Default::default() };
            let today = d(2026, 1, 1);
            for rule in [Rule::TierAtLeast(rank), Rule::Tag("a".into())] {
                let negated = Rule::Not(Box::new(rule.clone()));
                prop_assert_eq!(evaluate(&rule, &member, today), !evaluate(&negated, &member, today));
            }
        }
    }
}
