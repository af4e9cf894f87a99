//! The points mall: a member spends points on an item of a page's points-redemption block and
//! gets a code to show in store. One transaction takes a unit of stock (a conditional update, so
//! stock never goes below zero), debits the points (conditional too) and issues the code; either
//! all of it happens or none. The same idempotency key answers the first redemption again, so a
//! retried tap never spends twice.

use std::collections::HashMap;

use chrono::Duration;
use cradle_model::facts::MallItem;
use sqlx::AnyConnection;

use crate::club::ledger::{self, Entry};
use crate::db::Db;
use crate::draws::code;
use crate::store::{is_unique_violation, new_id};

/// Where an item is offered: the page and the block.
#[derive(Clone, Copy, Debug)]
pub struct Shelf<'a> {
    /// The member's (and the page's) workspace.
    pub workspace_id: &'a str,
    /// The page.
    pub document_id: &'a str,
    /// The points-redemption block.
    pub block_id: &'a str,
}

/// A redemption as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    /// The item's name.
    pub item: String,
    /// Points spent.
    pub points: i64,
    /// The code, without dashes.
    pub code: String,
    /// Unix ms it was made (an earlier one for a replayed key).
    pub issued_at: i64,
    /// Unix ms the code stops working.
    pub expires_at: i64,
}

/// Why an item cannot be redeemed.
#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    /// No unit left.
    #[error("sold out")]
    SoldOut,
    /// Her balance is this many points short.
    #[error("{0} points short")]
    Short(i64),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Redeems `item` on `shelf` for `member` at `now` (Unix ms), once per `key`.
pub async fn redeem(
    db: &Db,
    shelf: Shelf<'_>,
    member: &str,
    item: &MallItem,
    key: &str,
    now: i64,
) -> Result<Order, OrderError> {
    if let Some(order) = earlier(&mut *db.pool.acquire().await?, member, key).await? {
        return Ok(order);
    }
    let mut tx = db.begin_write().await?;
    if !take(&mut tx, shelf, item).await? {
        return Err(OrderError::SoldOut);
    }
    let source = format!("mall:{}/{}", shelf.document_id, shelf.block_id);
    let entry = Entry {
        workspace_id: shelf.workspace_id,
        member_id: member,
        amount: item.points,
        reason: "redeem",
        source: &source,
        now_ms: now,
    };
    if !ledger::spend(&mut tx, &entry).await? {
        drop(tx);
        let balance = ledger::balance(db, member).await?;
        return Err(OrderError::Short((item.points - balance).max(1)));
    }
    let order = Order {
        item: item.name.clone(),
        points: item.points,
        code: code::new_code(),
        issued_at: now,
        expires_at: now + Duration::days(item.valid_days.max(1)).num_milliseconds(),
    };
    let id = new_id();
    let stored = sqlx::query(
        "INSERT INTO mall_orders (id, workspace_id, member_id, document_id, block_id, item, \
         points, code, idempotency_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(shelf.workspace_id)
    .bind(member)
    .bind(shelf.document_id)
    .bind(shelf.block_id)
    .bind(&order.item)
    .bind(order.points)
    .bind(&order.code)
    .bind(key)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match stored {
        Ok(_) => {}
        // The same key won in another transaction: answer its redemption.
        Err(e) if is_unique_violation(&e) => {
            drop(tx);
            let mut conn = db.pool.acquire().await?;
            return earlier(&mut conn, member, key)
                .await?
                .ok_or(OrderError::Db(e));
        }
        Err(e) => return Err(e.into()),
    }
    sqlx::query(
        "INSERT INTO redemption_codes (code, workspace_id, order_id, member_id, prize_name, \
         issued_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&order.code)
    .bind(shelf.workspace_id)
    .bind(&id)
    .bind(member)
    .bind(&order.item)
    .bind(now)
    .bind(order.expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(order)
}

/// Takes one unit of `item`: false when none is left.
async fn take(
    conn: &mut AnyConnection,
    shelf: Shelf<'_>,
    item: &MallItem,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO mall_stock (document_id, block_id, item, taken) VALUES ($1, $2, $3, 0) \
         ON CONFLICT DO NOTHING",
    )
    .bind(shelf.document_id)
    .bind(shelf.block_id)
    .bind(&item.name)
    .execute(&mut *conn)
    .await?;
    let taken = sqlx::query(
        "UPDATE mall_stock SET taken = taken + 1 \
         WHERE document_id = $1 AND block_id = $2 AND item = $3 AND taken < $4",
    )
    .bind(shelf.document_id)
    .bind(shelf.block_id)
    .bind(&item.name)
    .bind(item.stock)
    .execute(&mut *conn)
    .await?;
    Ok(taken.rows_affected() == 1)
}

/// The redemption made earlier with `key`, if any.
async fn earlier(
    conn: &mut AnyConnection,
    member: &str,
    key: &str,
) -> Result<Option<Order>, sqlx::Error> {
    let row: Option<(String, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT o.item, o.points, o.code, o.created_at, c.expires_at FROM mall_orders o \
         JOIN redemption_codes c ON c.order_id = o.id \
         WHERE o.member_id = $1 AND o.idempotency_key = $2",
    )
    .bind(member)
    .bind(key)
    .fetch_optional(conn)
    .await?;
    Ok(
        row.map(|(item, points, code, issued_at, expires_at)| Order {
            item,
            points,
            code,
            issued_at,
            expires_at,
        }),
    )
}

/// Units taken of each item of a page's points-redemption blocks, by `(block, item name)`.
pub async fn taken(
    db: &Db,
    document_id: &str,
) -> Result<HashMap<(String, String), i64>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT block_id, item, taken FROM mall_stock WHERE document_id = $1")
            .bind(document_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(block, item, taken)| ((block, item), taken))
        .collect())
}
