//! What a member has done ([`Tally`], for task progress) and the medals it earned her, dated by
//! the first time each rule held. Medals are read from the records themselves (sign-ins, invites,
//! draws, redemptions, quizzes), so a medal can never be missing for something she did, nor be
//! dated after it.

use chrono_tz::Tz;
use cradle_model::progress::{MedalRule, Tally};
use cradle_wire::member::Earned;

use crate::club::day;
use crate::club::members::Member;
use crate::db::Db;

/// `(invited, quizzes, shares, purchases, redeemed, wins, shared points)`.
type Counts = (i64, i64, i64, i64, i64, i64, i64);

/// Counts of `member`'s club life, with her sign-in `streak` (already known to the card) and
/// whether her profile tells her stage.
pub async fn of(
    db: &Db,
    member: &Member,
    streak: i64,
    profile: bool,
) -> Result<Tally, sqlx::Error> {
    let (invited, quizzes, shares, purchases, redeemed, wins, shared_points): Counts =
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM members WHERE invited_by = $1), \
         (SELECT COUNT(*) FROM quiz_rewards WHERE member_id = $1), \
         (SELECT COUNT(*) FROM points_ledger WHERE member_id = $1 AND reason = 'share'), \
         (SELECT COUNT(*) FROM orders WHERE member_id = $1 AND refunded_at IS NULL), \
         (SELECT COUNT(*) FROM mall_orders WHERE member_id = $1 AND points > 0), \
         (SELECT CAST(COALESCE(SUM(wins), 0) AS BIGINT) FROM draw_tallies WHERE member_id = $1), \
         (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM points_ledger \
          WHERE member_id = $1 AND reason = 'rights_sharing')",
        )
        .bind(&member.id)
        .fetch_one(&db.pool)
        .await?;
    Ok(Tally {
        streak,
        invited,
        quizzes,
        shares,
        purchases,
        redeemed,
        wins,
        shared_points,
        profile,
    })
}

/// The first moment (Unix ms) each medal rule held, in [`MedalRule::ALL`]'s order (a win twice:
/// by a code, by points).
type Firsts = (
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

/// The medals `member` has earned, each with the workspace's day it was first earned.
pub async fn medals(db: &Db, member: &Member, zone: Tz) -> Result<Vec<Earned>, sqlx::Error> {
    // Each rule's first moment (Unix ms).
    let (sign_in, streak, invite, code_win, points_win, redeem, quiz): Firsts = sqlx::query_as(
        "SELECT (SELECT MIN(created_at) FROM sign_ins WHERE member_id = $1), \
         (SELECT MIN(created_at) FROM sign_ins WHERE member_id = $1 AND streak >= $2), \
         (SELECT MIN(created_at) FROM members WHERE invited_by = $1), \
         (SELECT MIN(issued_at) FROM redemption_codes WHERE member_id = $1 AND draw_id IS NOT NULL), \
         (SELECT MIN(created_at) FROM points_ledger WHERE member_id = $1 AND reason = 'prize'), \
         (SELECT MIN(created_at) FROM mall_orders WHERE member_id = $1 AND points > 0), \
         (SELECT MIN(created_at) FROM quiz_rewards WHERE member_id = $1)",
    )
    .bind(&member.id)
    .bind(MedalRule::STREAK)
    .fetch_one(&db.pool)
    .await?;
    let win = match (code_win, points_win) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let firsts = [sign_in, streak, invite, win, redeem, quiz];
    Ok(MedalRule::ALL
        .into_iter()
        .zip(firsts)
        .filter_map(|(rule, at)| {
            Some(Earned {
                rule,
                on: day::local_day(zone, at?).to_string(),
            })
        })
        .collect())
}
