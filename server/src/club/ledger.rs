//! The points ledger: append-only entries (`earn`, `spend`,
//! `expire`, `adjust`) with a reason and a source, and the member row's running `balance`, which
//! can never go negative (a `CHECK`, and every debit is the conditional
//! `UPDATE … SET balance = balance - $1 WHERE id = $2 AND balance >= $1`).
//!
//! Growth: Cradle has no purchase feed yet, so lifetime growth value is every point credited
//! (earned, won, or adjusted in by staff, e.g. purchase points from a store's till). Spending and
//! expiry never lower it, so tiers are for life.
//!
//! Every function takes a connection so callers can run it inside their own transaction (the draw
//! engine does); on SQLite such a transaction should begin with a write.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::AnyConnection;
use utoipa::ToSchema;

use crate::club::expiry::{self, Move};
use crate::club::{settings, sharing};
use crate::db::Db;
use crate::store::{new_id, now_ms};

mod many;
pub use many::{append_pending, count_shares, earn_many, pay_sharers, spend_many, Pending, Spent};

/// One movement of points.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// The member's workspace.
    pub workspace_id: &'a str,
    /// The member (internal id).
    pub member_id: &'a str,
    /// Points moved (positive).
    pub amount: i64,
    /// Why, in words or a stable key (`sign_in`, `quiz`, `draw`…).
    pub reason: &'a str,
    /// What caused it, e.g. `page:{document}/{block}` or `staff:{user}`.
    pub source: &'a str,
    /// When (Unix ms).
    pub now_ms: i64,
}

/// A ledger entry as members and staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Line {
    /// `earn`, `spend`, `expire` or `adjust`.
    pub kind: String,
    /// Signed: credits positive, debits negative.
    pub amount: i64,
    /// Why.
    pub reason: String,
    /// What caused it.
    pub source: String,
    /// When the credited points lapse (Unix ms), for credits under an expiry policy.
    pub expires_at: Option<i64>,
    /// Unix ms.
    pub created_at: i64,
}

async fn append(
    conn: &mut AnyConnection,
    entry: &Entry<'_>,
    kind: &str,
    amount: i64,
    expires_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO points_ledger (id, workspace_id, member_id, kind, amount, reason, source, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(new_id())
    .bind(entry.workspace_id)
    .bind(entry.member_id)
    .bind(kind)
    .bind(amount)
    .bind(entry.reason)
    .bind(entry.source)
    .bind(expires_at)
    .bind(entry.now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Credits `entry.amount` as a lot expiring under the workspace's policy; adds to growth.
async fn credit(
    conn: &mut AnyConnection,
    entry: &Entry<'_>,
    kind: &str,
) -> Result<(), sqlx::Error> {
    // The write comes first, so a SQLite transaction holds the write lock before it reads.
    sqlx::query("UPDATE members SET balance = balance + $1, growth = growth + $1 WHERE id = $2")
        .bind(entry.amount)
        .bind(entry.member_id)
        .execute(&mut *conn)
        .await?;
    let (club, zone) = settings::with_zone(conn, entry.workspace_id).await?;
    let expires_at = expiry::expires_at(club.points.expiry, entry.now_ms, zone);
    if let Some(at) = expires_at {
        sqlx::query(
            "UPDATE members SET next_expiry = $1 WHERE id = $2 \
             AND (next_expiry IS NULL OR next_expiry > $1)",
        )
        .bind(at)
        .bind(entry.member_id)
        .execute(&mut *conn)
        .await?;
    }
    append(conn, entry, kind, entry.amount, expires_at).await
}

/// Writes `expire` entries for points lapsed by `now_ms` (the lazy rule of
/// [`crate::club::expiry`], replayed over the member's ledger). The debit is conditional on the
/// `spent` and `expired` totals it was computed from, so concurrent callers never expire twice; a
/// lost race recomputes.
async fn expire_due(
    conn: &mut AnyConnection,
    member_id: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let mut last = None;
    loop {
        let (workspace_id, spent, expired, next_expiry): (String, i64, i64, Option<i64>) =
            sqlx::query_as(
                "SELECT workspace_id, spent, expired, next_expiry FROM members WHERE id = $1",
            )
            .bind(member_id)
            .fetch_one(&mut *conn)
            .await?;
        // No lot has reached its expiry since the last evaluation: nothing can be newly due
        // (the earned-by-now total is unchanged and spending only lowers what is due).
        if next_expiry.is_none_or(|at| at > now_ms) {
            return Ok(());
        }
        let moves = moves(conn, member_id).await?;
        let due = (expiry::lapsed(&moves, now_ms) - expired).max(0);
        // Nothing due, or the totals did not move since a failed attempt (the balance no longer
        // covers `due`, which only a hand-edited row can cause): nothing to do.
        if due == 0 || last == Some((spent, expired)) {
            return settle_next_expiry(conn, member_id, now_ms).await;
        }
        last = Some((spent, expired));
        let done = sqlx::query(
            "UPDATE members SET balance = balance - $1, expired = expired + $1 \
             WHERE id = $2 AND spent = $3 AND expired = $4 AND balance >= $1",
        )
        .bind(due)
        .bind(member_id)
        .bind(spent)
        .bind(expired)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 1 {
            let entry = Entry {
                workspace_id: &workspace_id,
                member_id,
                amount: due,
                reason: "expired",
                source: "expiry",
                now_ms,
            };
            append(conn, &entry, "expire", -due, None).await?;
            return settle_next_expiry(conn, member_id, now_ms).await;
        }
    }
}

/// The member's ledger as the expiry rule reads it: credits and debits in the order written, each
/// with its time (`expire` lines left out).
pub async fn moves(
    conn: &mut AnyConnection,
    member_id: &str,
) -> Result<Vec<(i64, Move)>, sqlx::Error> {
    let lines: Vec<(String, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT kind, amount, expires_at, created_at FROM points_ledger \
         WHERE member_id = $1 ORDER BY created_at, id",
    )
    .bind(member_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(lines
        .into_iter()
        .filter(|(kind, ..)| kind != "expire")
        .map(|(_, amount, expires_at, at)| match amount > 0 {
            true => (at, Move::Credit { amount, expires_at }),
            false => (at, Move::Debit(-amount)),
        })
        .collect())
}

/// Points `next_expiry` at the first lot expiring after `now_ms` (none: NULL).
async fn settle_next_expiry(
    conn: &mut AnyConnection,
    member_id: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE members SET next_expiry = (SELECT MIN(expires_at) FROM points_ledger \
         WHERE member_id = $1 AND amount > 0 AND expires_at > $2) WHERE id = $1",
    )
    .bind(member_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Debits `entry.amount` as `kind` after expiring lapsed points; false (nothing written) when
/// the balance is too low.
async fn debit(
    conn: &mut AnyConnection,
    entry: &Entry<'_>,
    kind: &str,
) -> Result<bool, sqlx::Error> {
    // Fast path: no lot has reached its expiry, so the debit alone decides (one statement).
    let quick = sqlx::query(
        "UPDATE members SET balance = balance - $1, spent = spent + $1 \
         WHERE id = $2 AND balance >= $1 AND (next_expiry IS NULL OR next_expiry > $3)",
    )
    .bind(entry.amount)
    .bind(entry.member_id)
    .bind(entry.now_ms)
    .execute(&mut *conn)
    .await?;
    if quick.rows_affected() == 0 {
        // Takes the member's row lock (PostgreSQL) or the write lock (SQLite) first, so the
        // reads in `expire_due` see a settled row inside the caller's transaction.
        sqlx::query("UPDATE members SET balance = balance WHERE id = $1")
            .bind(entry.member_id)
            .execute(&mut *conn)
            .await?;
        expire_due(conn, entry.member_id, entry.now_ms).await?;
        let done = sqlx::query(
            "UPDATE members SET balance = balance - $1, spent = spent + $1 WHERE id = $2 AND balance >= $1",
        )
        .bind(entry.amount)
        .bind(entry.member_id)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
    }
    append(conn, entry, kind, -entry.amount, None).await?;
    Ok(true)
}

/// Spends `entry.amount` points (positive): false, writing nothing, when the balance (after
/// expiring lapsed points) is too low. Correct under concurrency: the debit is conditional.
pub async fn spend(conn: &mut AnyConnection, entry: &Entry<'_>) -> Result<bool, sqlx::Error> {
    if entry.amount <= 0 {
        return Ok(entry.amount == 0);
    }
    debit(conn, entry, "spend").await
}

/// Credits earned points (not interaction points: see [`earn_interaction`]), e.g. a points prize
/// or an invite reward: balance and growth grow, the entry's lot expires under the workspace's
/// policy, and the member's sharer, if any, is credited 0.25 per point ("Rights sharing" rule 3).
pub async fn earn(conn: &mut AnyConnection, entry: &Entry<'_>) -> Result<(), sqlx::Error> {
    if entry.amount <= 0 {
        return Ok(());
    }
    credit(conn, entry, "earn").await?;
    if let Some((sharer, points)) =
        sharing::record_earning(conn, entry.member_id, entry.amount).await?
    {
        credit_sharer(conn, entry, &sharer, points).await?;
    }
    Ok(())
}

/// Credits `sharer` the `points` they are owed for `entry`'s earning. Rule 2, one level only:
/// the bonus is credited directly, never passed on.
async fn credit_sharer(
    conn: &mut AnyConnection,
    entry: &Entry<'_>,
    sharer: &str,
    points: i64,
) -> Result<(), sqlx::Error> {
    let source = format!("member:{}", entry.member_id);
    let bonus = Entry {
        member_id: sharer,
        amount: points,
        reason: "rights_sharing",
        source: &source,
        ..entry.clone()
    };
    credit(conn, &bonus, "earn").await
}

/// Like [`earn`] for interaction points (sign-in, games, sharing), capped at `daily_cap` per
/// member per `day` (in the workspace time zone): returns the points actually credited. The cap
/// is a compare-and-set on the day's counter, never read-then-write: a lost race re-reads, and
/// each loss means another caller moved the counter toward the cap, so the loop ends.
pub async fn earn_interaction(
    conn: &mut AnyConnection,
    entry: &Entry<'_>,
    daily_cap: i64,
    day: NaiveDate,
) -> Result<i64, sqlx::Error> {
    let day = day.to_string();
    sqlx::query(
        "INSERT INTO interaction_days (member_id, day, points) VALUES ($1, $2, 0) \
         ON CONFLICT (member_id, day) DO NOTHING",
    )
    .bind(entry.member_id)
    .bind(&day)
    .execute(&mut *conn)
    .await?;
    loop {
        let (used,): (i64,) =
            sqlx::query_as("SELECT points FROM interaction_days WHERE member_id = $1 AND day = $2")
                .bind(entry.member_id)
                .bind(&day)
                .fetch_one(&mut *conn)
                .await?;
        let granted = entry.amount.min(daily_cap - used);
        if granted <= 0 {
            return Ok(0);
        }
        let done = sqlx::query(
            "UPDATE interaction_days SET points = points + $1 WHERE member_id = $2 AND day = $3 AND points = $4",
        )
        .bind(granted)
        .bind(entry.member_id)
        .bind(&day)
        .bind(used)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 1 {
            earn(
                conn,
                &Entry {
                    amount: granted,
                    ..entry.clone()
                },
            )
            .await?;
            return Ok(granted);
        }
    }
}

/// A staff adjustment: `amount > 0` credits (and counts as growth, like purchase points),
/// `amount < 0` debits conditionally; false when a debit exceeds the balance.
pub async fn adjust(conn: &mut AnyConnection, entry: &Entry<'_>) -> Result<bool, sqlx::Error> {
    if entry.amount == 0 {
        return Ok(true);
    }
    if entry.amount > 0 {
        credit(conn, entry, "adjust").await?;
        return Ok(true);
    }
    let debit_entry = Entry {
        amount: -entry.amount,
        ..entry.clone()
    };
    debit(conn, &debit_entry, "adjust").await
}

/// Takes back up to `entry.amount` points (a refund): what her balance holds after expiring
/// lapsed points, never below zero; the points taken. Call inside the refund's transaction.
pub async fn take_back(conn: &mut AnyConnection, entry: &Entry<'_>) -> Result<i64, sqlx::Error> {
    if entry.amount <= 0 {
        return Ok(0);
    }
    if debit(conn, entry, "adjust").await? {
        return Ok(entry.amount);
    }
    // The refused debit expired her lapsed points and holds her row: the balance read is hers.
    let (balance,): (i64,) = sqlx::query_as("SELECT balance FROM members WHERE id = $1")
        .bind(entry.member_id)
        .fetch_one(&mut *conn)
        .await?;
    let taken = Entry {
        amount: entry.amount.min(balance),
        ..entry.clone()
    };
    if taken.amount > 0 && debit(conn, &taken, "adjust").await? {
        return Ok(taken.amount);
    }
    Ok(0)
}

/// The member's balance now, after expiring lapsed points.
pub async fn balance(db: &Db, member_id: &str) -> Result<i64, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    expire_due(&mut conn, member_id, now_ms()).await?;
    let (balance,): (i64,) = sqlx::query_as("SELECT balance FROM members WHERE id = $1")
        .bind(member_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(balance)
}

/// The member's latest `limit` entries, newest first.
pub async fn recent(db: &Db, member_id: &str, limit: i64) -> Result<Vec<Line>, sqlx::Error> {
    let rows: Vec<(String, i64, String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT kind, amount, reason, source, expires_at, created_at FROM points_ledger \
         WHERE member_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(member_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(kind, amount, reason, source, expires_at, created_at)| Line {
                kind,
                amount,
                reason,
                source,
                expires_at,
                created_at,
            },
        )
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::club::token::ProfileClaims;
    use crate::club::{members, tiers};
    use crate::store::workspaces;
    use cradle_model::ClubSettings;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    #[derive(Clone, Debug)]
    enum Op {
        Earn(i64),
        Spend(i64),
    }

    /// Against a real (SQLite) ledger: any mix of earning and spending keeps the balance exact and
    /// never negative, refuses overspending, and never lowers growth or the tier.
    #[test]
    fn spending_never_lowers_growth_or_tier_nor_overdraws() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
        let (db, workspace) = rt.block_on(async {
            let db = Db::connect(&url).await.unwrap();
            let ws = workspaces::find_or_create(&db, "Brand", "Asia/Shanghai")
                .await
                .unwrap();
            (db, ws.id)
        });
        let club = ClubSettings::default();
        let op = prop_oneof![
            (1i64..3_000).prop_map(Op::Earn),
            (1i64..3_000).prop_map(Op::Spend)
        ];
        let mut runner = TestRunner::new(Config {
            cases: 24,
            ..Config::default()
        });
        let n = std::sync::atomic::AtomicU32::new(0);
        runner
            .run(&proptest::collection::vec(op, 1..25), |ops| {
                let case = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                rt.block_on(async {
                    let external = format!("m{case}");
                    let (member, _) =
                        members::upsert(&db, &workspace, &external, &ProfileClaims::default())
                            .await
                            .unwrap();
                    let mut conn = db.pool.acquire().await.unwrap();
                    let (mut expected, mut last_growth, mut last_rank) = (0i64, 0i64, 0u32);
                    for op in ops {
                        let (kind, amount) = match op {
                            Op::Earn(a) => ("earn", a),
                            Op::Spend(a) => ("spend", a),
                        };
                        let entry = Entry {
                            workspace_id: &workspace,
                            member_id: &member.id,
                            amount,
                            reason: kind,
                            source: "test",
                            now_ms: now_ms(),
                        };
                        if kind == "earn" {
                            earn(&mut conn, &entry).await.unwrap();
                            expected += amount;
                        } else {
                            let spent = spend(&mut conn, &entry).await.unwrap();
                            prop_assert_eq!(spent, amount <= expected);
                            if spent {
                                expected -= amount;
                            }
                        }
                        let now = members::get(&db, &member.id).await.unwrap().unwrap();
                        prop_assert_eq!(now.balance, expected);
                        prop_assert!(now.growth >= last_growth);
                        let rank = tiers::rank(&club, now.growth);
                        prop_assert!(rank >= last_rank);
                        (last_growth, last_rank) = (now.growth, rank);
                    }
                    prop_assert_eq!(balance(&db, &member.id).await.unwrap(), expected);
                    Ok(())
                })
            })
            .unwrap();
    }
}
