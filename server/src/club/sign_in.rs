//! Daily sign-in (签到, for stickiness): one per member per local day
//! (a `UNIQUE(member, day)` row), streaks of consecutive days, and rewards from the page's
//! SignInCalendar block (`cradle_model::facts::SignIn`).

use chrono::{Duration, NaiveDate};
use sqlx::AnyConnection;

use crate::db::Db;
use crate::store::{inserted_once, now_ms};

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

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn streaks_continue_only_from_yesterday() {
        assert_eq!(next_streak(None, d(3, 1)), 1);
        assert_eq!(next_streak(Some((d(2, 28), 4)), d(3, 1)), 5); // across a month end
        assert_eq!(next_streak(Some((d(2, 27), 4)), d(3, 1)), 1); // a day missed
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
