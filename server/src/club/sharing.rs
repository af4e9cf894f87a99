//! Rights sharing:
//! 1. A member shares *rights*, never *tier*: the receiver enjoys the sharer's tier benefits when
//!    higher (see [`crate::club::tiers::benefit_rank`]) and keeps their own tier.
//! 2. One level only: what passes is the sharer's *own* tier; a receiver's credits do not cascade.
//! 3. Each point the receiver earns gives the sharer an extra 0.25 points.
//!
//! Rounding for rule 3: the link row counts the receiver's earned points as quarter-points for the
//! sharer (`quarters`) and the whole points already paid (`credited`); the sharer is paid
//! `floor(quarters / 4) − credited`, so fractions accumulate and are never lost or rounded up
//! (earning 1, 1, 1, 1 pays one point after the fourth).
//!
//! A receiver has at most one sharer (the link's key), so the 0.25 credit is unambiguous. She
//! becomes one only by accepting the sharer's offer (`crate::club::share_offers`), and either of
//! them can end it.

use sqlx::AnyConnection;

use crate::db::Db;

/// Quarter-points per whole point.
pub const QUARTERS_PER_POINT: i64 = 4;

/// Whole points still owed to the sharer after the receiver earned `quarters` points in all
/// (each worth a quarter) and `credited` were paid.
pub fn owed(quarters: i64, credited: i64) -> i64 {
    quarters.div_euclid(QUARTERS_PER_POINT) - credited
}

/// Ends the sharing between `me` and `other`, whichever of them shares with the other: false
/// when they did not share. Quarter-points not yet paid go with it.
pub async fn end(db: &Db, me: &str, other: &str) -> Result<bool, sqlx::Error> {
    let ended = sqlx::query(
        "DELETE FROM rights_shares WHERE (receiver_id = $1 AND sharer_id = $2) \
         OR (receiver_id = $2 AND sharer_id = $1)",
    )
    .bind(me)
    .bind(other)
    .execute(&db.pool)
    .await?;
    Ok(ended.rows_affected() > 0)
}

/// Codes of the members `sharer` shares rights with, earliest first.
pub async fn receivers(db: &Db, sharer: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT m.code FROM rights_shares s JOIN members m ON m.id = s.receiver_id \
         WHERE s.sharer_id = $1 ORDER BY s.created_at, m.code",
    )
    .bind(sharer)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|(code,)| code).collect())
}

/// Who shares rights with `receiver`: `(sharer id, sharer code, sharer growth)`.
pub async fn sharer_of(
    db: &Db,
    receiver: &str,
) -> Result<Option<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.id, m.code, m.growth FROM rights_shares s JOIN members m ON m.id = s.sharer_id \
         WHERE s.receiver_id = $1",
    )
    .bind(receiver)
    .fetch_optional(&db.pool)
    .await
}

/// Records that `receiver` earned `points` (rule 3) and claims the whole points now owed to their
/// sharer: `(sharer id, points to credit)`, or `None` without a sharer or when nothing is owed.
/// The claim is a compare-and-set on `credited`, so concurrent earnings never pay twice; a lost
/// race re-reads and claims what is left.
pub async fn record_earning(
    conn: &mut AnyConnection,
    receiver: &str,
    points: i64,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    let linked =
        sqlx::query("UPDATE rights_shares SET quarters = quarters + $1 WHERE receiver_id = $2")
            .bind(points)
            .bind(receiver)
            .execute(&mut *conn)
            .await?;
    if linked.rows_affected() == 0 {
        return Ok(None);
    }
    claim(conn, receiver).await
}

/// Claims the whole points `receiver`'s sharer is owed now (after their quarters were counted):
/// `(sharer id, points to credit)`, or `None` when nothing is owed.
pub async fn claim(
    conn: &mut AnyConnection,
    receiver: &str,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    loop {
        let (sharer, quarters, credited): (String, i64, i64) = sqlx::query_as(
            "SELECT sharer_id, quarters, credited FROM rights_shares WHERE receiver_id = $1",
        )
        .bind(receiver)
        .fetch_one(&mut *conn)
        .await?;
        let due = owed(quarters, credited);
        if due <= 0 {
            return Ok(None);
        }
        let claimed = sqlx::query(
            "UPDATE rights_shares SET credited = credited + $1 WHERE receiver_id = $2 AND credited = $3",
        )
        .bind(due)
        .bind(receiver)
        .bind(credited)
        .execute(&mut *conn)
        .await?;
        if claimed.rows_affected() == 1 {
            return Ok(Some((sharer, due)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_quarter_point_per_point_with_fractions_accumulating() {
        // B earns 1, 1, 1, 1: A gets one point after the fourth.
        let (mut quarters, mut credited) = (0, 0);
        let mut paid = Vec::new();
        for earned in [1, 1, 1, 1] {
            quarters += earned;
            let due = owed(quarters, credited);
            credited += due;
            paid.push(due);
        }
        assert_eq!(paid, [0, 0, 0, 1]);
        // 10 points → 2 paid, half a point carried; 2 more → the third point.
        assert_eq!(owed(10, 0), 2);
        assert_eq!(owed(12, 2), 1);
    }

    proptest! {
        /// Whatever the split of earnings, the sharer is paid floor(total / 4) in all.
        #[test]
        fn paid_total_is_a_quarter_of_all_earnings(earnings in proptest::collection::vec(0i64..40, 0..50)) {
            let (mut quarters, mut credited) = (0i64, 0i64);
            for e in &earnings {
                quarters += e;
                let due = owed(quarters, credited);
                prop_assert!(due >= 0);
                credited += due;
            }
            prop_assert_eq!(credited, earnings.iter().sum::<i64>() / 4);
        }
    }
}
