//! The ledger for many members at once (the batched draw engine): one statement moves every
//! member's balance and one appends every entry, however many members there are. The appends and
//! the credits join the batch's other writes ([`Writes`]), so they cost no round trip of their
//! own. A member the one-statement path cannot settle (a lot has lapsed, the balance is short, a
//! sharer is owed) takes the one-by-one path of the parent module, in the same transaction.
//!
//! Each slice must name every member at most once (an `UPDATE … FROM` joins one row per member).

use std::collections::{HashMap, HashSet};

use chrono_tz::Tz;
use cradle_model::ClubSettings;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{credit_sharer, debit, Entry};
use crate::club::{expiry, settings, sharing};
use crate::db::values::{numbered, tuples};
use crate::db::writes::Writes;
use crate::store::new_id;

/// A ledger line to append: the entry, its kind, the signed amount and its lot's expiry.
pub type Pending<'e, 'a> = (&'e Entry<'a>, &'static str, i64, Option<i64>);

/// Appends `lines` with `writes` (nothing when there are none).
pub fn append_pending(
    writes: &mut Writes<'_>,
    lines: &[Pending<'_, '_>],
) -> Result<(), sqlx::Error> {
    if lines.is_empty() {
        return Ok(());
    }
    let rows = lines
        .iter()
        .map(|(entry, kind, amount, expires_at)| {
            json!({
                "id": new_id(), "workspace_id": entry.workspace_id, "member_id": entry.member_id,
                "kind": kind, "amount": amount, "reason": entry.reason, "source": entry.source,
                "expires_at": expires_at, "created_at": entry.now_ms,
            })
        })
        .collect();
    let from = writes.rows(
        rows,
        &[
            ("id", "text"),
            ("workspace_id", "text"),
            ("member_id", "text"),
            ("kind", "text"),
            ("amount", "bigint"),
            ("reason", "text"),
            ("source", "text"),
            ("expires_at", "bigint"),
            ("created_at", "bigint"),
        ],
    )?;
    writes.push(format!(
        "INSERT INTO points_ledger (id, workspace_id, member_id, kind, amount, reason, source, \
         expires_at, created_at) SELECT v.id, v.workspace_id, v.member_id, v.kind, v.amount, \
         v.reason, v.source, v.expires_at, v.created_at FROM {from}"
    ));
    Ok(())
}

/// How a spend went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spent {
    /// Debited; its ledger line is the caller's to [`append_pending`].
    Unlogged,
    /// Debited and logged, or nothing to debit.
    Logged,
    /// The balance is too low: nothing written.
    Refused,
}

/// Spends each entry's amount (like [`super::spend`]): how each went. Members with no lapsed lot
/// and enough points are debited by one conditional statement, their ledger lines left to the
/// caller (they join the batch's last writes); the others are tried one by one, expiring lapsed
/// points first.
pub async fn spend_many(
    conn: &mut AnyConnection,
    entries: &[Entry<'_>],
) -> Result<Vec<Spent>, sqlx::Error> {
    let positive: Vec<&Entry> = entries.iter().filter(|e| e.amount > 0).collect();
    let mut quick = HashSet::new();
    if !positive.is_empty() {
        let sql = format!(
            "UPDATE members SET balance = balance - v.column2, spent = spent + v.column2 \
             FROM (VALUES {}) AS v WHERE members.id = v.column1 AND members.balance >= v.column2 \
             AND (members.next_expiry IS NULL OR members.next_expiry > v.column3) RETURNING id",
            tuples(1, positive.len(), 3)
        );
        let sql = numbered(conn, sql);
        let mut query = sqlx::query_as::<_, (String,)>(&sql);
        for entry in &positive {
            query = query
                .bind(entry.member_id)
                .bind(entry.amount)
                .bind(entry.now_ms);
        }
        quick = query
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|(id,)| id)
            .collect();
    }
    let mut spent = Vec::with_capacity(entries.len());
    for entry in entries {
        spent.push(if entry.amount < 0 {
            Spent::Refused
        } else if entry.amount == 0 {
            Spent::Logged
        } else if quick.contains(entry.member_id) {
            Spent::Unlogged
        } else if debit(conn, entry, "spend").await? {
            Spent::Logged
        } else {
            Spent::Refused
        });
    }
    Ok(spent)
}

/// Credits each entry as earned points (like [`super::earn`]) with `writes`: balances, growth
/// and lot expiries in one statement; the ledger lines are left in `lines` to [`append_pending`].
pub async fn earn_many<'q>(
    conn: &mut AnyConnection,
    entries: &'q [Entry<'q>],
    writes: &mut Writes<'q>,
    lines: &mut Vec<Pending<'q, 'q>>,
) -> Result<(), sqlx::Error> {
    let entries: Vec<&Entry> = entries.iter().filter(|e| e.amount > 0).collect();
    if entries.is_empty() {
        return Ok(());
    }
    let mut policies: HashMap<&str, (ClubSettings, Tz)> = HashMap::new();
    let mut rows = Vec::with_capacity(entries.len());
    for entry in entries {
        if !policies.contains_key(entry.workspace_id) {
            let policy = settings::with_zone(conn, entry.workspace_id).await?;
            policies.insert(entry.workspace_id, policy);
        }
        let (club, zone) = &policies[entry.workspace_id];
        let expires_at = expiry::expires_at(club.points.expiry, entry.now_ms, *zone);
        rows.push(json!({"id": entry.member_id, "amount": entry.amount, "expires_at": expires_at}));
        lines.push((entry, "earn", entry.amount, expires_at));
    }
    let from = writes.rows(
        rows,
        &[
            ("id", "text"),
            ("amount", "bigint"),
            ("expires_at", "bigint"),
        ],
    )?;
    writes.push(format!(
        "UPDATE members SET balance = balance + v.amount, growth = growth + v.amount, \
         next_expiry = CASE WHEN v.expires_at IS NOT NULL AND (members.next_expiry IS NULL \
         OR members.next_expiry > v.expires_at) THEN v.expires_at ELSE members.next_expiry END \
         FROM {from} WHERE members.id = v.id"
    ));
    Ok(())
}

/// Counts the rights-sharing quarters of every earning (rule 3) as the last of `writes`: its
/// rows, once run, name the receivers linked to a sharer, for [`pay_sharers`].
pub fn count_shares<'q>(
    writes: &mut Writes<'q>,
    entries: &'q [Entry<'q>],
) -> Result<(), sqlx::Error> {
    let entries: Vec<&Entry> = entries.iter().filter(|e| e.amount > 0).collect();
    if entries.is_empty() {
        return Ok(());
    }
    let rows = entries
        .iter()
        .map(|e| json!({"receiver_id": e.member_id, "amount": e.amount}))
        .collect();
    let from = writes.rows(rows, &[("receiver_id", "text"), ("amount", "bigint")])?;
    writes.push(format!(
        "UPDATE rights_shares SET quarters = quarters + v.amount FROM {from} \
         WHERE rights_shares.receiver_id = v.receiver_id RETURNING rights_shares.receiver_id"
    ));
    Ok(())
}

/// Credits the sharers owed by the receivers [`count_shares`] returned.
pub async fn pay_sharers(
    conn: &mut AnyConnection,
    entries: &[Entry<'_>],
    linked: &[AnyRow],
) -> Result<(), sqlx::Error> {
    for row in linked {
        let receiver: String = row.try_get(0)?;
        let Some(entry) = entries.iter().find(|e| e.member_id == receiver) else {
            continue;
        };
        if let Some((sharer, points)) = sharing::claim(conn, &receiver).await? {
            credit_sharer(conn, entry, &sharer, points).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::club::members;
    use crate::club::token::ProfileClaims;
    use crate::db::Db;
    use crate::store::{now_ms, workspaces};

    /// Many members at once give the same balances, growth and ledger as one by one: a member
    /// short of points is refused and charged nothing, the others are debited, earnings land.
    #[tokio::test]
    async fn many_members_move_like_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
        let db = Db::connect(&url).await.unwrap();
        let ws = workspaces::find_or_create(&db, "Brand", "Asia/Shanghai")
            .await
            .unwrap()
            .id;
        let mut ids = Vec::new();
        for i in 0..3 {
            let (m, _) = members::upsert(&db, &ws, &format!("m{i}"), &ProfileClaims::default())
                .await
                .unwrap();
            ids.push(m.id);
        }
        let mut conn = db.pool.acquire().await.unwrap();
        let now = now_ms();
        let make = |i: usize, amount: i64| Entry {
            workspace_id: &ws,
            member_id: &ids[i],
            amount,
            reason: "test",
            source: "test",
            now_ms: now,
        };
        let credits = [make(0, 10), make(1, 3)];
        let (mut writes, mut lines) = (Writes::new(&conn), Vec::new());
        earn_many(&mut conn, &credits, &mut writes, &mut lines)
            .await
            .unwrap();
        append_pending(&mut writes, &lines).unwrap();
        writes.run(&mut conn).await.unwrap();
        let debits = [make(0, 4), make(1, 5), make(2, 0)];
        let spent = spend_many(&mut conn, &debits).await.unwrap();
        assert_eq!(spent, vec![Spent::Unlogged, Spent::Refused, Spent::Logged]);
        let lines: Vec<Pending> = vec![(&debits[0], "spend", -4, None)];
        let mut writes = Writes::new(&conn);
        append_pending(&mut writes, &lines).unwrap();
        writes.run(&mut conn).await.unwrap();
        let balances: Vec<(i64, i64)> = {
            let mut out = Vec::new();
            for id in &ids {
                let m = members::get(&db, id).await.unwrap().unwrap();
                out.push((m.balance, m.growth));
            }
            out
        };
        assert_eq!(balances, vec![(6, 10), (3, 3), (0, 0)]);
        let (lines,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM points_ledger")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(
            lines, 3,
            "two earnings and one spend are logged, the refusal is not"
        );
    }
}
