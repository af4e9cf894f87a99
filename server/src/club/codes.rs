//! A member's codes as she shows them in store: prizes won in draws and points-mall items, with
//! the last day each works in the workspace's zone and whether a clerk has taken it.

use chrono_tz::Tz;
use cradle_wire::member::PrizeCode;

use crate::club::day;
use crate::db::Db;
use crate::draws::code;

/// `(block, prize name, code, expires at, redeemed at)`.
type CodeRow = (Option<String>, String, String, i64, Option<i64>);

/// How many of her codes a page lists.
const LISTED: i64 = 20;

/// `member`'s newest codes; a points-mall code names its block when it came from `document_id`.
pub async fn of(
    db: &Db,
    member: &str,
    document_id: &str,
    zone: Tz,
) -> Result<Vec<PrizeCode>, sqlx::Error> {
    let rows: Vec<CodeRow> = sqlx::query_as(
        "SELECT CASE WHEN o.document_id = $2 THEN o.block_id END, c.prize_name, c.code, \
         c.expires_at, c.redeemed_at FROM redemption_codes c \
         LEFT JOIN mall_orders o ON o.id = c.order_id \
         WHERE c.member_id = $1 ORDER BY c.issued_at DESC, c.code LIMIT $3",
    )
    .bind(member)
    .bind(document_id)
    .bind(LISTED)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(block, item, stored, expires_at, redeemed_at)| PrizeCode {
            block,
            item,
            code: code::display(&stored),
            // The last moment it works falls on this day.
            valid_until: day::local_day(zone, expires_at - 1).to_string(),
            redeemed: redeemed_at.is_some(),
        })
        .collect())
}
