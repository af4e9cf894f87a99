//! Reserving prizes: `remaining` only ever moves by a conditional update in the same statement
//! (`WHERE remaining >= n`), so no two draws can take the last one. The stock row, not the
//! version a draw plays on, decides: a prize is unlimited when its `remaining` is NULL, so a
//! stock change published a moment ago binds draws still playing on the previous version. Every
//! prize counts what it issued (`issued`), unlimited ones too, so making a prize limited later
//! starts from the true count.

use std::collections::HashSet;

use sqlx::AnyConnection;

use crate::db::values::{numbered, tuples};

/// Reserves units of several prizes of one campaign, `(prize id, wanted)` each: how many of each
/// were reserved, in order. One statement when every prize has enough left; a prize near the end
/// of its stock goes on with [`take`]. A prize without a stock row gets nothing.
pub async fn take_all(
    conn: &mut AnyConnection,
    document_id: &str,
    campaign_id: &str,
    wanted: &[(&str, i64)],
) -> Result<Vec<i64>, sqlx::Error> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "UPDATE prize_stock SET remaining = remaining - v.column2, issued = issued + v.column2 \
         FROM (VALUES {}) AS v WHERE prize_stock.document_id = $1 \
         AND prize_stock.campaign_id = $2 AND prize_stock.prize_id = v.column1 \
         AND (prize_stock.remaining IS NULL OR prize_stock.remaining >= v.column2) \
         RETURNING prize_id",
        tuples(3, wanted.len(), 2)
    );
    let sql = numbered(conn, sql);
    let mut query = sqlx::query_as::<_, (String,)>(&sql)
        .bind(document_id)
        .bind(campaign_id);
    for (prize, n) in wanted {
        query = query.bind(*prize).bind(*n);
    }
    let full: HashSet<String> = query
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(p,)| p)
        .collect();
    let mut taken = Vec::with_capacity(wanted.len());
    for (prize, n) in wanted {
        taken.push(match full.contains(*prize) {
            true => *n,
            false => take(conn, document_id, campaign_id, prize, *n).await?,
        });
    }
    Ok(taken)
}

/// Reserves up to `wanted` units of a limited prize: how many were reserved. Near the end of
/// the stock: reads what is left (one statement when nothing is), then takes at most that by a
/// conditional update; a lost race reads again.
async fn take(
    conn: &mut AnyConnection,
    document_id: &str,
    campaign_id: &str,
    prize_id: &str,
    wanted: i64,
) -> Result<i64, sqlx::Error> {
    let mut taken = 0;
    while taken < wanted {
        let left: Option<(Option<i64>,)> = sqlx::query_as(
            "SELECT remaining FROM prize_stock \
             WHERE document_id = $1 AND campaign_id = $2 AND prize_id = $3",
        )
        .bind(document_id)
        .bind(campaign_id)
        .bind(prize_id)
        .fetch_optional(&mut *conn)
        .await?;
        // No row, none left, or unlimited since the batch's first statement (it binds the next).
        let step = match left {
            Some((Some(left),)) if left > 0 => left.min(wanted - taken),
            _ => break,
        };
        let done = sqlx::query(
            "UPDATE prize_stock SET remaining = remaining - $4, issued = issued + $4 \
             WHERE document_id = $1 AND campaign_id = $2 AND prize_id = $3 AND remaining >= $4",
        )
        .bind(document_id)
        .bind(campaign_id)
        .bind(prize_id)
        .bind(step)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 1 {
            taken += step;
        }
    }
    Ok(taken)
}
