//! Purchases the brand reports (`POST /api/orders`): each order id counts once. An order credits
//! the member one point per whole yuan times her tier's multiplier (`purchase_points`), as growth
//! too, and through the ledger pays her sharer 0.25 per point; it records the day of her last
//! purchase for audience rules, and grants a draw on each live spend-to-draw campaign (满额抽奖)
//! it qualifies for. A refund takes back what the order credited, never below zero, with the
//! reversal in the ledger, and the draws it earned that are not played yet.

use chrono_tz::Tz;
use cradle_model::club::purchase_points;
use cradle_wire::integration::{EarnedDraw, OrderRequest, OrderResult};
use sqlx::AnyConnection;

use crate::club::ledger::{self, Entry};
use crate::club::{day, settings, tiers};
use crate::db::Db;
use crate::draws::grants::Grants;

/// A draw an order earns: `(document, campaign, page slug)`.
pub type Earnable = (String, String, String);

/// Records `order` of member `member_id` for workspace `workspace` (time zone `zone`) at `now`,
/// granting a draw on each of `earns` (the live spend-to-draw campaigns it qualifies for): what it
/// credited and granted, and whether this call recorded it (false: the same order id was
/// reported before).
pub async fn record(
    db: &Db,
    (workspace, zone): (&str, Tz),
    (order, earns): (&OrderRequest, &[Earnable]),
    member_id: &str,
    now: i64,
) -> Result<(OrderResult, bool), sqlx::Error> {
    let ordered_at = order.ordered_at.unwrap_or(now);
    let mut tx = db.begin_write().await?;
    let recorded = sqlx::query(
        "INSERT INTO orders (workspace_id, order_id, member_id, amount_cents, body, points, \
         ordered_at, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(workspace)
    .bind(&order.order_id)
    .bind(member_id)
    .bind(i64::try_from(order.amount_cents).unwrap_or(i64::MAX))
    .bind(serde_json::to_string(order).unwrap_or_default())
    .bind(ordered_at)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if recorded.rows_affected() == 0 {
        drop(tx);
        let earlier = find(db, workspace, &order.order_id).await?;
        return Ok((earlier.ok_or(sqlx::Error::RowNotFound)?, false));
    }
    let club = settings::load(&mut tx, workspace).await?;
    let growth = growth_of(&mut tx, member_id).await?;
    let tier = tiers::info(&club, tiers::rank(&club, growth)).rank;
    let multiplier = club
        .tiers
        .get(tier as usize)
        .map_or(100, |t| t.points_multiplier_percent);
    let points = purchase_points(order.amount_cents, multiplier);
    let source = format!("order:{}", order.order_id);
    let entry = Entry {
        workspace_id: workspace,
        member_id,
        amount: points,
        reason: "purchase",
        source: &source,
        now_ms: now,
    };
    ledger::earn(&mut tx, &entry).await?;
    for (document, campaign, _) in earns {
        let grants = Grants {
            document_id: document,
            campaign_id: campaign,
        };
        grants.grant(&mut tx, member_id).await?;
    }
    sqlx::query(
        "UPDATE orders SET points = $1, grants = $2 WHERE workspace_id = $3 AND order_id = $4",
    )
    .bind(points)
    .bind(serde_json::to_string(earns).unwrap_or_default())
    .bind(workspace)
    .bind(&order.order_id)
    .execute(&mut *tx)
    .await?;
    // Days as `YYYY-MM-DD` compare as text.
    let bought_on = day::local_day(zone, ordered_at).to_string();
    sqlx::query(
        "UPDATE members SET last_purchase = $1 WHERE id = $2 \
         AND (last_purchase IS NULL OR last_purchase < $1)",
    )
    .bind(&bought_on)
    .bind(member_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((
        OrderResult {
            order_id: order.order_id.clone(),
            points,
            refunded_points: None,
            balance: ledger::balance(db, member_id).await?,
            draws: earned(earns),
        },
        true,
    ))
}

/// Refunds order `order_id` at `now`: takes back the points it credited (as many as her balance
/// holds) and the growth they gave. `None` when the brand never reported the order; a second
/// refund answers the first.
pub async fn refund(
    db: &Db,
    workspace: &str,
    order_id: &str,
    now: i64,
) -> Result<Option<OrderResult>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String, i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT member_id, points, refunded_points, grants FROM orders \
         WHERE workspace_id = $1 AND order_id = $2",
    )
    .bind(workspace)
    .bind(order_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((member, points, None, granted)) = row else {
        drop(tx);
        return find(db, workspace, order_id).await;
    };
    // The claim: of two refunds at once, one takes the points back.
    let claimed = sqlx::query(
        "UPDATE orders SET refunded_at = $1, refunded_points = 0 \
         WHERE workspace_id = $2 AND order_id = $3 AND refunded_points IS NULL",
    )
    .bind(now)
    .bind(workspace)
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 1 {
        let source = format!("order:{order_id}");
        let entry = Entry {
            workspace_id: workspace,
            member_id: &member,
            amount: points,
            reason: "refund",
            source: &source,
            now_ms: now,
        };
        let taken = ledger::take_back(&mut tx, &entry).await?;
        // Draws it earned and she has not played yet go too.
        for (document, campaign, _) in earns_of(granted.as_deref()) {
            let grants = Grants {
                document_id: &document,
                campaign_id: &campaign,
            };
            grants.revoke(&mut tx, &member).await?;
        }
        sqlx::query(
            "UPDATE members SET growth = CASE WHEN growth > $1 THEN growth - $1 ELSE 0 END \
             WHERE id = $2",
        )
        .bind(points)
        .bind(&member)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE orders SET refunded_points = $1 WHERE workspace_id = $2 AND order_id = $3",
        )
        .bind(taken)
        .bind(workspace)
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    find(db, workspace, order_id).await
}

/// Order `order_id` of `workspace` as recorded, with its member's balance now.
async fn find(
    db: &Db,
    workspace: &str,
    order_id: &str,
) -> Result<Option<OrderResult>, sqlx::Error> {
    let row: Option<(String, i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT member_id, points, refunded_points, grants FROM orders \
         WHERE workspace_id = $1 AND order_id = $2",
    )
    .bind(workspace)
    .bind(order_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((member, points, refunded_points, granted)) = row else {
        return Ok(None);
    };
    Ok(Some(OrderResult {
        order_id: order_id.to_owned(),
        points,
        refunded_points,
        balance: ledger::balance(db, &member).await?,
        draws: earned(&earns_of(granted.as_deref())),
    }))
}

/// The draws an order's `grants` column lists.
fn earns_of(granted: Option<&str>) -> Vec<Earnable> {
    granted
        .and_then(|g| serde_json::from_str(g).ok())
        .unwrap_or_default()
}

/// The draws as the brand sees them.
fn earned(earns: &[Earnable]) -> Vec<EarnedDraw> {
    earns
        .iter()
        .map(|(_, campaign, page)| EarnedDraw {
            page: page.clone(),
            campaign: campaign.clone(),
        })
        .collect()
}

async fn growth_of(conn: &mut AnyConnection, member: &str) -> Result<i64, sqlx::Error> {
    let (growth,): (i64,) = sqlx::query_as("SELECT growth FROM members WHERE id = $1")
        .bind(member)
        .fetch_one(&mut *conn)
        .await?;
    Ok(growth)
}
