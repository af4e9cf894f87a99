//! The draw log: one row per draw with the version, the random value, the sampled and the
//! awarded prize, the cost and the redemption code. It is what replays answer from and what
//! verification recomputes.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::json;
use sqlx::AnyConnection;
use utoipa::ToSchema;

use crate::db::values::{numbered, qualified, tuples};
use crate::db::writes::Writes;
use crate::db::Db;
use crate::draws::engine::DrawRequest;
use crate::draws::outcome::FallbackReason;

/// One logged draw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct DrawRecord {
    /// Draw id.
    pub id: String,
    /// Campaign.
    pub campaign_id: String,
    /// Published version number played on.
    pub version: i64,
    /// The prize the roll selected.
    pub sampled_prize: String,
    /// The prize awarded.
    pub prize_id: String,
    /// Its index in the game's prize list (where the animation stops).
    pub prize_index: usize,
    /// Why the fallback replaced the sampled prize, if it did.
    pub fallback_reason: Option<FallbackReason>,
    /// Points debited.
    pub cost: i64,
    /// HMAC-SHA256(seed, "seq:member:idempotency key"), hex.
    pub roll: String,
    /// Redemption code for a coupon or physical prize.
    pub code: Option<String>,
    /// Unix ms.
    pub created_at: i64,
    /// Number in the campaign's sequence of draws (none for draws logged before it existed).
    pub seq: Option<i64>,
    /// True when this answer repeats an earlier draw with the same idempotency key.
    pub replayed: bool,
}

/// Columns read back into [`Logged`].
const COLUMNS: &str = "id, campaign_id, version_number, sampled_prize, prize_id, prize_index, \
     fallback_reason, cost, roll, code, created_at, seq";

/// A draws row as read.
#[derive(sqlx::FromRow)]
struct Logged {
    id: String,
    campaign_id: String,
    version_number: i64,
    sampled_prize: String,
    prize_id: String,
    prize_index: i64,
    fallback_reason: Option<String>,
    cost: i64,
    roll: String,
    code: Option<String>,
    created_at: i64,
    seq: Option<i64>,
}

impl From<Logged> for DrawRecord {
    fn from(row: Logged) -> DrawRecord {
        DrawRecord {
            id: row.id,
            campaign_id: row.campaign_id,
            version: row.version_number,
            sampled_prize: row.sampled_prize,
            prize_id: row.prize_id,
            prize_index: usize::try_from(row.prize_index).unwrap_or_default(),
            fallback_reason: row
                .fallback_reason
                .as_deref()
                .and_then(FallbackReason::parse),
            cost: row.cost,
            roll: row.roll,
            code: row.code,
            created_at: row.created_at,
            seq: row.seq,
            replayed: false,
        }
    }
}

/// The earlier draw with the request's idempotency key, marked `replayed`.
pub async fn by_key(
    conn: &mut AnyConnection,
    req: &DrawRequest<'_>,
) -> Result<Option<DrawRecord>, sqlx::Error> {
    let row: Option<Logged> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM draws WHERE member_id = $1 AND document_id = $2 \
         AND campaign_id = $3 AND idempotency_key = $4"
    ))
    .bind(req.member_id)
    .bind(&req.page.document_id)
    .bind(&req.campaign.id)
    .bind(req.key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|row| DrawRecord {
        replayed: true,
        ..row.into()
    }))
}

/// The earlier draws with the jobs' idempotency keys, marked `replayed`, in one query: one slot
/// per request, `None` for a new key. Members are distinct (a batch names each at most once).
/// On PostgreSQL document and campaign are compared as expressions (`|| ''`) so that no index
/// serves them alone: without statistics it would otherwise pick a campaign index and scan every
/// draw of the campaign for each key. SQLite finds the four columns on the unique key as they are.
pub async fn by_keys(
    conn: &mut AnyConnection,
    reqs: &[DrawRequest<'_>],
) -> Result<Vec<Option<DrawRecord>>, sqlx::Error> {
    if reqs.is_empty() {
        return Ok(Vec::new());
    }
    let opaque = match conn.backend_name() {
        "PostgreSQL" => " || ''",
        _ => "",
    };
    let sql = format!(
        "SELECT {}, d.member_id FROM draws d JOIN (VALUES {}) AS v ON d.member_id = v.column1 \
         AND d.document_id{opaque} = v.column2 AND d.campaign_id{opaque} = v.column3 \
         AND d.idempotency_key = v.column4",
        qualified("d", COLUMNS),
        tuples(1, reqs.len(), 4)
    );
    let sql = numbered(conn, sql);
    let mut query = sqlx::query_as::<_, KeyedRow>(&sql);
    for req in reqs {
        query = query
            .bind(req.member_id)
            .bind(&req.page.document_id)
            .bind(&req.campaign.id)
            .bind(req.key);
    }
    let mut found: HashMap<String, DrawRecord> = query
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|row| {
            let draw = DrawRecord {
                replayed: true,
                ..row.draw.into()
            };
            (row.member_id, draw)
        })
        .collect();
    Ok(reqs.iter().map(|r| found.remove(r.member_id)).collect())
}

/// A draws row with its member.
#[derive(sqlx::FromRow)]
struct KeyedRow {
    #[sqlx(flatten)]
    draw: Logged,
    member_id: String,
}

/// The columns a draw is logged with, and those of them that hold integers.
const LOGGED: [&str; 17] = [
    "id",
    "workspace_id",
    "document_id",
    "campaign_id",
    "version_number",
    "member_id",
    "idempotency_key",
    "day",
    "cost",
    "sampled_prize",
    "prize_id",
    "prize_index",
    "fallback_reason",
    "roll",
    "code",
    "created_at",
    "seq",
];
const INTEGERS: [&str; 5] = ["version_number", "cost", "prize_index", "created_at", "seq"];

/// Logs draws, `(request, day, record)` each, with `writes` (the statement fails with a unique
/// violation when a key was used).
pub fn log_many(
    writes: &mut Writes<'_>,
    draws: &[(&DrawRequest<'_>, &str, &DrawRecord)],
) -> Result<(), sqlx::Error> {
    if draws.is_empty() {
        return Ok(());
    }
    let rows = draws
        .iter()
        .map(|(req, day, record)| {
            json!({
                "id": record.id, "workspace_id": req.page.workspace_id,
                "document_id": req.page.document_id, "campaign_id": record.campaign_id,
                "version_number": record.version, "member_id": req.member_id,
                "idempotency_key": req.key, "day": day, "cost": record.cost,
                "sampled_prize": record.sampled_prize, "prize_id": record.prize_id,
                "prize_index": i64::try_from(record.prize_index).unwrap_or_default(),
                "fallback_reason": record.fallback_reason.map(FallbackReason::as_str),
                "roll": record.roll, "code": record.code, "created_at": record.created_at,
                "seq": record.seq,
            })
        })
        .collect();
    let columns: Vec<(&str, &str)> = LOGGED
        .iter()
        .map(|c| {
            (
                *c,
                if INTEGERS.contains(c) {
                    "bigint"
                } else {
                    "text"
                },
            )
        })
        .collect();
    let from = writes.rows(rows, &columns)?;
    let names = LOGGED.join(", ");
    writes.push(format!(
        "INSERT INTO draws ({names}) SELECT {} FROM {from}",
        qualified("v", &names)
    ));
    Ok(())
}

/// A logged draw with what its roll hashed besides its number.
#[derive(Clone, Debug)]
pub struct AuditedDraw {
    /// The draw.
    pub draw: DrawRecord,
    /// The member who drew.
    pub member_id: String,
    /// The member's idempotency key.
    pub key: String,
}

/// A draws row with its member and key.
#[derive(sqlx::FromRow)]
struct AuditRow {
    #[sqlx(flatten)]
    draw: Logged,
    member_id: String,
    idempotency_key: String,
}

/// Every draw of a campaign in the order played: those logged before the sequence existed
/// first (by time), then by sequence number.
pub async fn for_campaign(
    db: &Db,
    document: &str,
    campaign: &str,
) -> Result<Vec<AuditedDraw>, sqlx::Error> {
    let rows: Vec<AuditRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, member_id, idempotency_key FROM draws \
         WHERE document_id = $1 AND campaign_id = $2 \
         ORDER BY CASE WHEN seq IS NULL THEN 0 ELSE 1 END, seq, created_at, id"
    ))
    .bind(document)
    .bind(campaign)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| AuditedDraw {
            draw: row.draw.into(),
            member_id: row.member_id,
            key: row.idempotency_key,
        })
        .collect())
}

/// A member's draw with its document and its code's state.
#[derive(Clone, Debug)]
pub struct MemberDraw {
    /// The draw.
    pub draw: DrawRecord,
    /// Its document.
    pub document_id: String,
    /// When its code was redeemed.
    pub redeemed_at: Option<i64>,
    /// When its code expires.
    pub expires_at: Option<i64>,
}

/// A member's draws row with its document and code state.
#[derive(sqlx::FromRow)]
struct MemberRow {
    #[sqlx(flatten)]
    draw: Logged,
    document_id: String,
    redeemed_at: Option<i64>,
    expires_at: Option<i64>,
}

/// A member's 100 most recent draws, newest first.
pub async fn recent_for_member(db: &Db, member: &str) -> Result<Vec<MemberDraw>, sqlx::Error> {
    let columns = qualified("d", COLUMNS);
    let rows: Vec<MemberRow> = sqlx::query_as(&format!(
        "SELECT {columns}, d.document_id, r.redeemed_at, r.expires_at FROM draws d \
         LEFT JOIN redemption_codes r ON r.draw_id = d.id WHERE d.member_id = $1 \
         ORDER BY d.created_at DESC LIMIT 100"
    ))
    .bind(member)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| MemberDraw {
            draw: row.draw.into(),
            document_id: row.document_id,
            redeemed_at: row.redeemed_at,
            expires_at: row.expires_at,
        })
        .collect())
}
