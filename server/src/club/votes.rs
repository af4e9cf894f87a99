//! Votes: each member casts up to the block's `votes_per_day` votes per
//! local day (a counter row raised by a conditional update), and counts are served per option.

use chrono::NaiveDate;
use sqlx::AnyConnection;

use crate::db::Db;
use crate::store::{new_id, now_ms};

/// Casts the member's vote for option `option` (from 1): false when they used today's votes.
pub async fn cast(
    conn: &mut AnyConnection,
    member: &str,
    document: &str,
    block: &str,
    day: NaiveDate,
    option: i64,
    per_day: i64,
) -> Result<bool, sqlx::Error> {
    let day = day.to_string();
    sqlx::query(
        "INSERT INTO vote_days (member_id, document_id, block_id, day, used) VALUES ($1, $2, $3, $4, 0) \
         ON CONFLICT (member_id, document_id, block_id, day) DO NOTHING",
    )
    .bind(member)
    .bind(document)
    .bind(block)
    .bind(&day)
    .execute(&mut *conn)
    .await?;
    let counted = sqlx::query(
        "UPDATE vote_days SET used = used + 1 \
         WHERE member_id = $1 AND document_id = $2 AND block_id = $3 AND day = $4 AND used < $5",
    )
    .bind(member)
    .bind(document)
    .bind(block)
    .bind(&day)
    .bind(per_day)
    .execute(&mut *conn)
    .await?;
    if counted.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO votes (id, document_id, block_id, option_number, member_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(document)
    .bind(block)
    .bind(option)
    .bind(member)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// Votes per option (index 0 = option 1) for a block with `options` options.
pub async fn counts(
    db: &Db,
    document: &str,
    block: &str,
    options: usize,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT option_number, COUNT(*) FROM votes WHERE document_id = $1 AND block_id = $2 GROUP BY option_number",
    )
    .bind(document)
    .bind(block)
    .fetch_all(&db.pool)
    .await?;
    let mut counts = vec![0; options];
    for (option, n) in rows {
        if let Some(slot) = usize::try_from(option - 1)
            .ok()
            .and_then(|i| counts.get_mut(i))
        {
            *slot = n;
        }
    }
    Ok(counts)
}

/// Votes the member has left today.
pub async fn left_today(
    db: &Db,
    member: &str,
    document: &str,
    block: &str,
    day: NaiveDate,
    per_day: i64,
) -> Result<i64, sqlx::Error> {
    let used: Option<(i64,)> = sqlx::query_as(
        "SELECT used FROM vote_days WHERE member_id = $1 AND document_id = $2 AND block_id = $3 AND day = $4",
    )
    .bind(member)
    .bind(document)
    .bind(block)
    .bind(day.to_string())
    .fetch_optional(&db.pool)
    .await?;
    Ok((per_day - used.map_or(0, |(u,)| u)).max(0))
}
