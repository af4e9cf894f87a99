//! Daily sign-in (签到, domain.md "Interactions": for stickiness): one per member per local day
//! (a `UNIQUE(member, day)` row), streaks of consecutive days, and rewards from the page's
//! SignInCalendar block: `daily_points` every day, `rewards` `[{day, points}]` on given days of
//! the streak, and `streak_bonus` on completing `streak_days` in a row. The calendar then starts
//! over: streak day 8 of a 7-day calendar is calendar day 1 again.

use chrono::{Duration, NaiveDate};
use cradle_model::document::Props;
use serde::Deserialize;
use sqlx::AnyConnection;

use crate::db::Db;
use crate::store::{inserted_once, now_ms};

/// Extra points on one day of the streak.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DayReward {
    /// Day of the streak, from 1.
    pub day: i64,
    /// Points.
    pub points: i64,
}

/// A SignInCalendar block's reward settings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Calendar {
    /// Points for every sign-in.
    pub daily_points: i64,
    /// Extra points on given streak days.
    pub rewards: Vec<DayReward>,
    /// Days in one streak calendar.
    pub streak_days: i64,
    /// Extra points on completing the calendar.
    pub streak_bonus: i64,
}

impl Calendar {
    /// The settings of a SignInCalendar block.
    pub fn from_props(props: &Props) -> Calendar {
        serde_json::from_value(serde_json::Value::Object(props.clone())).unwrap_or_default()
    }

    /// The day of the calendar a streak of `streak` days (from 1) falls on.
    pub fn calendar_day(&self, streak: i64) -> i64 {
        (streak - 1).rem_euclid(self.streak_days.max(1)) + 1
    }

    /// Points for signing in on day `streak` of a streak.
    pub fn reward(&self, streak: i64) -> i64 {
        let day = self.calendar_day(streak);
        let extra: i64 = self
            .rewards
            .iter()
            .filter(|r| r.day == day)
            .map(|r| r.points)
            .sum();
        let bonus = if day == self.streak_days.max(1) {
            self.streak_bonus
        } else {
            0
        };
        self.daily_points + extra + bonus
    }
}

/// The streak on `today` given the last sign-in `(day, streak)`: one more if it was yesterday,
/// else a new streak of 1.
pub fn next_streak(last: Option<(NaiveDate, i64)>, today: NaiveDate) -> i64 {
    match last {
        Some((day, streak)) if day + Duration::days(1) == today => streak + 1,
        _ => 1,
    }
}

/// The member's latest sign-in before `today`: `(day, streak)`.
pub async fn last_before(
    db: &Db,
    member: &str,
    today: NaiveDate,
) -> Result<Option<(NaiveDate, i64)>, sqlx::Error> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT day, streak FROM sign_ins WHERE member_id = $1 AND day < $2 ORDER BY day DESC LIMIT 1",
    )
    .bind(member)
    .bind(today.to_string())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|(day, streak)| Some((day.parse().ok()?, streak))))
}

/// The member's sign-in on `day`: `(streak, points)`.
pub async fn on(db: &Db, member: &str, day: NaiveDate) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT streak, points FROM sign_ins WHERE member_id = $1 AND day = $2")
        .bind(member)
        .bind(day.to_string())
        .fetch_optional(&db.pool)
        .await
}

/// Records the sign-in of `day`: false when the member already signed in that day.
pub async fn record(
    conn: &mut AnyConnection,
    member: &str,
    day: NaiveDate,
    streak: i64,
    document: &str,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO sign_ins (member_id, day, streak, points, document_id, created_at) VALUES ($1, $2, $3, 0, $4, $5)",
    )
    .bind(member)
    .bind(day.to_string())
    .bind(streak)
    .bind(document)
    .bind(now_ms())
    .execute(&mut *conn)
    .await;
    inserted_once(inserted)
}

/// Stores the points a sign-in credited.
pub async fn set_points(
    conn: &mut AnyConnection,
    member: &str,
    day: NaiveDate,
    points: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sign_ins SET points = $1 WHERE member_id = $2 AND day = $3")
        .bind(points)
        .bind(member)
        .bind(day.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn streaks_continue_only_from_yesterday() {
        assert_eq!(next_streak(None, d(3, 1)), 1);
        assert_eq!(next_streak(Some((d(2, 28), 4)), d(3, 1)), 5); // across a month end
        assert_eq!(next_streak(Some((d(2, 27), 4)), d(3, 1)), 1); // a day missed
    }

    #[test]
    fn rewards_follow_the_block_props() {
        let props = json!({"title": "Daily", "daily_points": 5, "rewards": [{"day": 3, "points": 10}],
                           "streak_days": 7, "streak_bonus": 50});
        let calendar = Calendar::from_props(props.as_object().unwrap());
        let points: Vec<i64> = (1..=9).map(|s| calendar.reward(s)).collect();
        assert_eq!(points, [5, 5, 15, 5, 5, 5, 55, 5, 5]);
        assert_eq!(calendar.reward(10), 15); // day 3 of the second week
    }

    proptest! {
        /// Signing in every day for n days gives streak n; any gap restarts at 1.
        #[test]
        fn streak_counts_consecutive_days(gaps in proptest::collection::vec(1i64..3, 1..40)) {
            let mut today = d(1, 1);
            let mut last = None;
            let mut expected = 0;
            for (i, gap) in gaps.into_iter().enumerate() {
                today += Duration::days(gap);
                expected = if i > 0 && gap == 1 { expected + 1 } else { 1 };
                let streak = next_streak(last, today);
                prop_assert_eq!(streak, expected);
                last = Some((today, streak));
            }
        }
    }
}
