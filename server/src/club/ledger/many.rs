//! The ledger for many members at once (the batched draw engine): one statement moves every
//! member's balance and one appends every entry, however many members there are. A member the
//! one-statement path cannot settle (a lot has lapsed, the balance is short, a sharer is owed)
//! takes the one-by-one path of the parent module, in the same transaction.
//!
//! Each slice must name every member at most once (an `UPDATE … FROM` joins one row per member).

use std::collections::{HashMap, HashSet};

use chrono_tz::Tz;
use cradle_model::ClubSettings;
use sqlx::AnyConnection;

use super::{credit_sharer, debit, Entry};
use crate::club::{expiry, settings, sharing};
use crate::db::values::{numbered, tuples};
use crate::store::new_id;

/// A ledger line to append: the entry, its kind, the signed amount and its lot's expiry.
type Line<'e, 'a> = (&'e Entry<'a>, &'static str, i64, Option<i64>);

async fn append_all(conn: &mut AnyConnection, lines: &[Line<'_, '_>]) -> Result<(), sqlx::Error> {
    if lines.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO points_ledger (id, workspace_id, member_id, kind, amount, reason, source, \
         expires_at, created_at) VALUES {}",
        tuples(1, lines.len(), 9)
    );
    let sql = numbered(conn, sql);
    let mut query = sqlx::query(&sql);
    for (entry, kind, amount, expires_at) in lines {
        query = query
            .bind(new_id())
            .bind(entry.workspace_id)
            .bind(entry.member_id)
            .bind(*kind)
            .bind(*amount)
            .bind(entry.reason)
            .bind(entry.source)
            .bind(*expires_at)
            .bind(entry.now_ms);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// Spends each entry's amount (like [`super::spend`]): for each entry, whether it was debited.
/// Members with no lapsed lot and enough points are debited by one conditional statement; the
/// others are tried one by one, expiring lapsed points first.
pub async fn spend_many(
    conn: &mut AnyConnection,
    entries: &[Entry<'_>],
) -> Result<Vec<bool>, sqlx::Error> {
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
    let mut lines = Vec::new();
    for entry in entries {
        spent.push(if entry.amount <= 0 {
            entry.amount == 0
        } else if quick.contains(entry.member_id) {
            lines.push((entry, "spend", -entry.amount, None));
            true
        } else {
            debit(conn, entry, "spend").await?
        });
    }
    append_all(conn, &lines).await?;
    Ok(spent)
}

/// Credits each entry as earned points (like [`super::earn`]): balances and growth in one
/// statement, lot expiries in one more, and the rights-sharing bonus for the few members who
/// have a sharer.
pub async fn earn_many(conn: &mut AnyConnection, entries: &[Entry<'_>]) -> Result<(), sqlx::Error> {
    let entries: Vec<&Entry> = entries.iter().filter(|e| e.amount > 0).collect();
    if entries.is_empty() {
        return Ok(());
    }
    let pairs = tuples(1, entries.len(), 2);
    let sql = format!(
        "UPDATE members SET balance = balance + v.column2, growth = growth + v.column2 \
         FROM (VALUES {pairs}) AS v WHERE members.id = v.column1"
    );
    let sql = numbered(conn, sql);
    let mut query = sqlx::query(&sql);
    for entry in &entries {
        query = query.bind(entry.member_id).bind(entry.amount);
    }
    query.execute(&mut *conn).await?;

    let mut policies: HashMap<&str, (ClubSettings, Tz)> = HashMap::new();
    let mut lines = Vec::with_capacity(entries.len());
    for entry in &entries {
        if !policies.contains_key(entry.workspace_id) {
            let policy = settings::with_zone(conn, entry.workspace_id).await?;
            policies.insert(entry.workspace_id, policy);
        }
        let (club, zone) = &policies[entry.workspace_id];
        let expires_at = expiry::expires_at(club.points.expiry, entry.now_ms, *zone);
        lines.push((*entry, "earn", entry.amount, expires_at));
    }
    let expiring: Vec<(&str, i64)> = lines
        .iter()
        .filter_map(|(entry, _, _, at)| at.map(|at| (entry.member_id, at)))
        .collect();
    if !expiring.is_empty() {
        let sql = format!(
            "UPDATE members SET next_expiry = v.column2 FROM (VALUES {}) AS v \
             WHERE members.id = v.column1 \
             AND (members.next_expiry IS NULL OR members.next_expiry > v.column2)",
            tuples(1, expiring.len(), 2)
        );
        let sql = numbered(conn, sql);
        let mut query = sqlx::query(&sql);
        for (member, at) in &expiring {
            query = query.bind(*member).bind(*at);
        }
        query.execute(&mut *conn).await?;
    }
    append_all(conn, &lines).await?;

    // Rights sharing (rule 3): count every receiver's quarters at once; claim for those linked.
    let sql = format!(
        "UPDATE rights_shares SET quarters = quarters + v.column2 FROM (VALUES {pairs}) AS v \
         WHERE rights_shares.receiver_id = v.column1 RETURNING receiver_id"
    );
    let sql = numbered(conn, sql);
    let mut query = sqlx::query_as::<_, (String,)>(&sql);
    for entry in &entries {
        query = query.bind(entry.member_id).bind(entry.amount);
    }
    let linked = query.fetch_all(&mut *conn).await?;
    for (receiver,) in linked {
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
        earn_many(&mut conn, &[make(0, 10), make(1, 3)])
            .await
            .unwrap();
        let spent = spend_many(&mut conn, &[make(0, 4), make(1, 5), make(2, 0)])
            .await
            .unwrap();
        assert_eq!(spent, vec![true, false, true]);
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
