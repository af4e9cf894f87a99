//! Lifecycle stages, the key audience dimension: derived from a
//! due date or the baby's birth date plus "today".
//!
//! Rules, with the clinical conventions they imply:
//! - Pregnancy week = completed weeks of gestation, counting the due date as 40w0d (day 280);
//!   shown as at least week 1. Early = weeks 1-12, mid = 13-27, late = 28 up to the due date.
//! - A due date more than 280 days away means "preparing for pregnancy".
//! - Overdue: still late pregnancy until 14 days after the due date (42 weeks); after that, with
//!   no birth date recorded, the baby is taken as born on the due date.
//! - Baby age = full calendar months since birth (a month after Jan 31 is Feb 28/29).
//!   Newborn 0-5 months, infant 6-11, toddler 12-35 (1-3 y), preschool 36-71 (3-6 y),
//!   graduated from 72 months (6 y), when membership usually ends.

use chrono::{Datelike, Months, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a member is in the journey from preparing for pregnancy to preschool.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 备孕: preparing for pregnancy.
    Preparing,
    /// 孕早期: weeks 1-12.
    EarlyPregnancy,
    /// 孕中期: weeks 13-27.
    MidPregnancy,
    /// 孕晚期: week 28 to birth.
    LatePregnancy,
    /// Postpartum / newborn: 0-5 months.
    Newborn,
    /// Infant: 6-11 months.
    Infant,
    /// Toddler: 1-3 years.
    Toddler,
    /// Preschool: 3-6 years.
    Preschool,
    /// Older than 6 years.
    Graduated,
}

impl Stage {
    /// Every stage in journey order.
    pub const ALL: [Stage; 9] = [
        Stage::Preparing,
        Stage::EarlyPregnancy,
        Stage::MidPregnancy,
        Stage::LatePregnancy,
        Stage::Newborn,
        Stage::Infant,
        Stage::Toddler,
        Stage::Preschool,
        Stage::Graduated,
    ];

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Stage::Preparing => "Preparing for pregnancy",
            Stage::EarlyPregnancy => "Early pregnancy (weeks 1-12)",
            Stage::MidPregnancy => "Mid pregnancy (weeks 13-27)",
            Stage::LatePregnancy => "Late pregnancy (week 28+)",
            Stage::Newborn => "Newborn (0-6 months)",
            Stage::Infant => "Infant (6-12 months)",
            Stage::Toddler => "Toddler (1-3 years)",
            Stage::Preschool => "Preschool (3-6 years)",
            Stage::Graduated => "Over 6 years",
        }
    }

    /// Simplified Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Stage::Preparing => "备孕",
            Stage::EarlyPregnancy => "孕早期（1-12周）",
            Stage::MidPregnancy => "孕中期（13-27周）",
            Stage::LatePregnancy => "孕晚期（28周起）",
            Stage::Newborn => "新生儿（0-6个月）",
            Stage::Infant => "婴儿（6-12个月）",
            Stage::Toddler => "幼儿（1-3岁）",
            Stage::Preschool => "学龄前（3-6岁）",
            Stage::Graduated => "6岁以上",
        }
    }
}

/// Days from conception-dating day 0 to the due date.
pub const TERM_DAYS: i64 = 280;
/// Days after the due date still counted as (overdue) pregnancy.
pub const OVERDUE_DAYS: i64 = 14;

/// Completed weeks of pregnancy on `today` (at least 1), or `None` when the due date is more than
/// 280 days away or more than 14 days past.
pub fn pregnancy_week(due: NaiveDate, today: NaiveDate) -> Option<u32> {
    let days_to_due = (due - today).num_days();
    if !(-OVERDUE_DAYS..=TERM_DAYS).contains(&days_to_due) {
        return None;
    }
    let gestation_days = TERM_DAYS - days_to_due;
    Some(((gestation_days / 7) as u32).max(1))
}

/// Full months since `birth` on `today`, or `None` when `birth` is after `today`.
pub fn age_in_months(birth: NaiveDate, today: NaiveDate) -> Option<u32> {
    if birth > today {
        return None;
    }
    let mut months = (today.year() as i64 - birth.year() as i64) * 12
        + (today.month0() as i64 - birth.month0() as i64);
    // The calendar difference may overshoot by one when the day of month is not reached yet.
    while months > 0 && add_months(birth, months as u32).is_none_or(|d| d > today) {
        months -= 1;
    }
    Some(months.max(0) as u32)
}

fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// The stage for a baby of `months` full months.
pub fn stage_for_age(months: u32) -> Stage {
    match months {
        0..=5 => Stage::Newborn,
        6..=11 => Stage::Infant,
        12..=35 => Stage::Toddler,
        36..=71 => Stage::Preschool,
        _ => Stage::Graduated,
    }
}

/// The stage for pregnancy week `week`.
pub fn stage_for_week(week: u32) -> Stage {
    match week {
        0..=12 => Stage::EarlyPregnancy,
        13..=27 => Stage::MidPregnancy,
        _ => Stage::LatePregnancy,
    }
}

/// The baby's effective birth date: the recorded one (if not in the future), else the due date
/// once it is more than 14 days past.
pub fn effective_birth(
    due: Option<NaiveDate>,
    birth: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    match birth {
        Some(b) if b <= today => Some(b),
        _ => due.filter(|d| (today - *d).num_days() > OVERDUE_DAYS),
    }
}

/// The member's stage on `today` from a due date and/or birth date; `preparing` marks a member
/// who said they are preparing for pregnancy. `None` when nothing is known.
pub fn stage_from_dates(
    due: Option<NaiveDate>,
    birth: Option<NaiveDate>,
    preparing: bool,
    today: NaiveDate,
) -> Option<Stage> {
    if let Some(born) = effective_birth(due, birth, today) {
        return age_in_months(born, today).map(stage_for_age);
    }
    if let Some(due) = due {
        if let Some(week) = pregnancy_week(due, today) {
            return Some(stage_for_week(week));
        }
        if (due - today).num_days() > TERM_DAYS {
            return Some(Stage::Preparing);
        }
    }
    preparing.then_some(Stage::Preparing)
}

/// The stage of a member profile on `today`.
pub fn stage_of(profile: &crate::audience::MemberProfile, today: NaiveDate) -> Option<Stage> {
    stage_from_dates(
        profile.due_date,
        profile.baby_birth_date,
        profile.preparing,
        today,
    )
}

/// The week a member is in on `today`: her week of pregnancy while pregnant, her baby's age in
/// full weeks once born; `None` when her profile tells neither.
pub fn week_of(profile: &crate::audience::MemberProfile, today: NaiveDate) -> Option<u32> {
    match effective_birth(profile.due_date, profile.baby_birth_date, today) {
        Some(born) => u32::try_from((today - born).num_days() / 7).ok(),
        None => pregnancy_week(profile.due_date?, today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn the_week_is_of_pregnancy_then_of_the_baby() {
        let today = d(2026, 3, 1);
        let mut profile = crate::audience::MemberProfile {
            due_date: Some(today + Duration::days(TERM_DAYS - 17 * 7)),
            ..Default::default()
        };
        assert_eq!(week_of(&profile, today), Some(17));
        profile.baby_birth_date = Some(today - Duration::days(20));
        assert_eq!(
            week_of(&profile, today),
            Some(2),
            "20 days old: 2 full weeks"
        );
        assert_eq!(week_of(&Default::default(), today), None);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn stage_with_due_in(days: i64) -> Option<Stage> {
        let today = d(2026, 3, 1);
        stage_from_dates(Some(today + Duration::days(days)), None, false, today)
    }

    #[test]
    fn pregnancy_boundaries_by_day() {
        // gestation day = 280 - days to due.
        assert_eq!(stage_with_due_in(281), Some(Stage::Preparing));
        assert_eq!(stage_with_due_in(280), Some(Stage::EarlyPregnancy)); // day 0
        assert_eq!(stage_with_due_in(280 - 90), Some(Stage::EarlyPregnancy)); // 12w6d
        assert_eq!(stage_with_due_in(280 - 91), Some(Stage::MidPregnancy)); // 13w0d
        assert_eq!(stage_with_due_in(280 - 195), Some(Stage::MidPregnancy)); // 27w6d
        assert_eq!(stage_with_due_in(280 - 196), Some(Stage::LatePregnancy)); // 28w0d
        assert_eq!(stage_with_due_in(0), Some(Stage::LatePregnancy)); // due date: 40w0d
        assert_eq!(stage_with_due_in(-14), Some(Stage::LatePregnancy)); // 42w0d, overdue
        assert_eq!(stage_with_due_in(-15), Some(Stage::Newborn)); // taken as born on the due date
    }

    #[test]
    fn pregnancy_weeks() {
        let today = d(2026, 3, 1);
        let week = |days| pregnancy_week(today + Duration::days(days), today);
        assert_eq!(week(280), Some(1));
        assert_eq!(week(280 - 17 * 7), Some(17));
        assert_eq!(week(0), Some(40));
        assert_eq!(week(281), None);
        assert_eq!(week(-15), None);
    }

    #[test]
    fn baby_age_boundaries() {
        let birth = d(2025, 3, 15);
        let stage = |today| stage_from_dates(None, Some(birth), false, today);
        assert_eq!(stage(birth), Some(Stage::Newborn));
        assert_eq!(stage(d(2025, 9, 14)), Some(Stage::Newborn)); // 5 months
        assert_eq!(stage(d(2025, 9, 15)), Some(Stage::Infant)); // 6 months
        assert_eq!(stage(d(2026, 3, 14)), Some(Stage::Infant));
        assert_eq!(stage(d(2026, 3, 15)), Some(Stage::Toddler)); // 1 year
        assert_eq!(stage(d(2028, 3, 14)), Some(Stage::Toddler));
        assert_eq!(stage(d(2028, 3, 15)), Some(Stage::Preschool)); // 3 years
        assert_eq!(stage(d(2031, 3, 14)), Some(Stage::Preschool));
        assert_eq!(stage(d(2031, 3, 15)), Some(Stage::Graduated)); // 6 years
    }

    #[test]
    fn month_ends_clamp() {
        assert_eq!(age_in_months(d(2025, 1, 31), d(2025, 2, 27)), Some(0));
        assert_eq!(age_in_months(d(2025, 1, 31), d(2025, 2, 28)), Some(1));
        assert_eq!(age_in_months(d(2024, 2, 29), d(2025, 2, 28)), Some(12));
        assert_eq!(age_in_months(d(2025, 5, 2), d(2025, 5, 1)), None);
    }

    #[test]
    fn birth_date_wins_over_due_date_and_future_births_are_ignored() {
        let today = d(2026, 3, 1);
        let stage = stage_from_dates(Some(d(2026, 4, 1)), Some(d(2026, 2, 20)), false, today);
        assert_eq!(stage, Some(Stage::Newborn)); // born early
        let stage = stage_from_dates(Some(d(2026, 4, 1)), Some(d(2026, 5, 1)), false, today);
        assert_eq!(stage, Some(Stage::LatePregnancy));
    }

    #[test]
    fn unknown_or_preparing() {
        let today = d(2026, 3, 1);
        assert_eq!(stage_from_dates(None, None, false, today), None);
        assert_eq!(
            stage_from_dates(None, None, true, today),
            Some(Stage::Preparing)
        );
    }

    proptest::proptest! {
        #[test]
        fn age_is_monotonic(offset in 0i64..3000, step in 0i64..400) {
            let birth = d(2020, 1, 31);
            let a = age_in_months(birth, birth + Duration::days(offset)).unwrap();
            let b = age_in_months(birth, birth + Duration::days(offset + step)).unwrap();
            proptest::prop_assert!(a <= b);
            proptest::prop_assert!(stage_for_age(a) <= stage_for_age(b));
        }
    }
}
