//! Publishing: immutable numbered versions, the live page per member address, and prize stock
//! materialised so that republishing never forgets what was issued.

use std::collections::HashSet;

use chrono::DateTime;
use cradle_model::campaign::Stock;
use cradle_model::parse::decode_document;
use cradle_model::validate::Kind;
use cradle_model::{Campaign, Document, Schedule, ValidationError};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use utoipa::ToSchema;

use crate::db::Db;
use crate::draws::roll;
use crate::draws::verify::{SeedSpan, StockChange};
use crate::store::{is_unique_violation, new_id, now_ms};

/// A published version, as listed.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VersionInfo {
    /// 1, 2, 3… per document.
    pub number: i64,
    /// SHA-256 of the published JSON, hex.
    pub content_hash: String,
    /// Member address it went live at.
    pub slug: String,
    /// Email of the publisher.
    pub published_by: String,
    /// Unix ms.
    pub published_at: i64,
    /// Opens to members at (Unix ms), if scheduled.
    pub starts_at: Option<i64>,
    /// Closes to members at (Unix ms), if scheduled.
    pub ends_at: Option<i64>,
    /// Whether this is the version members get now.
    pub live: bool,
}

/// Why publishing failed.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// Another page is live at this address.
    #[error("another page is live at /c/{0}")]
    SlugTaken(String),
    /// Stock would drop below what was already issued.
    #[error("stock below issued")]
    StockBelowIssued(Vec<ValidationError>),
    /// Someone else published this document at the same moment.
    #[error("published concurrently")]
    Concurrent,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// SHA-256 of `body`, hex.
pub fn content_hash(body: &str) -> String {
    hex::encode(Sha256::digest(body.as_bytes()))
}

/// Publishes `doc` as the next version of document `document_id` and makes it live at its slug,
/// materialising prize stock, all in one transaction.
///
/// Draws go on while a page is republished, so stock moves only by statements evaluated on the
/// locked row (never a value read earlier), and each campaign's seed row is locked first, in
/// campaign id order as the draw writer does: the publish waits for a batch in flight and the
/// next batch waits for the publish, and the stock history records after which draw it applies.
pub async fn publish(
    db: &Db,
    workspace: &str,
    user: &str,
    doc: &Document,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
) -> Result<i64, PublishError> {
    let body = serde_json::to_string(doc).unwrap_or_default();
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let (last,): (i64,) =
        sqlx::query_as("SELECT CAST(COALESCE(MAX(number), 0) AS BIGINT) FROM published_versions WHERE document_id = $1")
            .bind(&doc.id)
            .fetch_one(&mut *tx)
            .await?;
    let number = last + 1;
    let holder: Option<(String,)> =
        sqlx::query_as("SELECT document_id FROM live_pages WHERE slug = $1")
            .bind(&doc.slug)
            .fetch_optional(&mut *tx)
            .await?;
    if holder.is_some_and(|(other,)| other != doc.id) {
        return Err(PublishError::SlugTaken(doc.slug.clone()));
    }
    let revealed = revealed_seeds(&mut tx, &doc.id, now).await?;
    let mut campaigns: Vec<(usize, &Campaign)> = doc.campaigns.iter().enumerate().collect();
    campaigns.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    let mut at_seq = Vec::with_capacity(campaigns.len());
    for (_, campaign) in &campaigns {
        let reveal = revealed.contains(&campaign.id);
        at_seq.push(lock_seed(&mut tx, &doc.id, &campaign.id, reveal, now).await?);
    }
    let mut stock_errors = Vec::new();
    for ((ci, campaign), at_seq) in campaigns.iter().zip(at_seq) {
        for (pi, prize) in campaign.prizes.iter().enumerate() {
            let total = match prize.stock {
                Stock::Unlimited => None,
                Stock::Limited(n) => Some(i64::from(n)),
            };
            // What is left follows from what was issued, on the locked row; a stock below it is
            // refused by the same statement.
            let issued: Option<(i64,)> = sqlx::query_as(
                "INSERT INTO prize_stock (document_id, campaign_id, prize_id, total, issued, remaining) \
                 VALUES ($1, $2, $3, $4, 0, $4) \
                 ON CONFLICT (document_id, campaign_id, prize_id) DO UPDATE SET total = excluded.total, \
                 remaining = CASE WHEN excluded.total IS NULL THEN NULL \
                 ELSE excluded.total - prize_stock.issued END \
                 WHERE excluded.total IS NULL OR excluded.total >= prize_stock.issued \
                 RETURNING issued",
            )
            .bind(&doc.id)
            .bind(&campaign.id)
            .bind(&prize.id)
            .bind(total)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((issued,)) = issued else {
                let (issued,): (i64,) = sqlx::query_as(
                    "SELECT issued FROM prize_stock WHERE document_id = $1 AND campaign_id = $2 \
                     AND prize_id = $3",
                )
                .bind(&doc.id)
                .bind(&campaign.id)
                .bind(&prize.id)
                .fetch_one(&mut *tx)
                .await?;
                stock_errors.push(ValidationError::in_english(
                    format!("/campaigns/{ci}/prizes/{pi}/stock"),
                    Kind::Inconsistent,
                    format!("{issued} of '{}' are already issued, so its stock cannot be lower than {issued}", prize.name),
                ));
                continue;
            };
            sqlx::query(
                "INSERT INTO stock_changes (document_id, campaign_id, prize_id, version_number, \
                 at_seq, total, issued) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&doc.id)
            .bind(&campaign.id)
            .bind(&prize.id)
            .bind(number)
            .bind(at_seq)
            .bind(total)
            .bind(issued)
            .execute(&mut *tx)
            .await?;
        }
    }
    if !stock_errors.is_empty() {
        return Err(PublishError::StockBelowIssued(stock_errors));
    }
    let version_id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO published_versions (id, workspace_id, document_id, number, slug, body, content_hash, \
         published_by, published_at, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&version_id)
    .bind(workspace)
    .bind(&doc.id)
    .bind(number)
    .bind(&doc.slug)
    .bind(&body)
    .bind(content_hash(&body))
    .bind(user)
    .bind(now)
    .bind(starts_at)
    .bind(ends_at)
    .execute(&mut *tx)
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => return Err(PublishError::Concurrent),
        other => other?,
    };
    sqlx::query("DELETE FROM live_pages WHERE document_id = $1")
        .bind(&doc.id)
        .execute(&mut *tx)
        .await?;
    let live = sqlx::query("INSERT INTO live_pages (slug, workspace_id, document_id, version_id) VALUES ($1, $2, $3, $4)")
        .bind(&doc.slug)
        .bind(workspace)
        .bind(&doc.id)
        .bind(&version_id)
        .execute(&mut *tx)
        .await;
    match live {
        Err(e) if is_unique_violation(&e) => return Err(PublishError::SlugTaken(doc.slug.clone())),
        other => other?,
    };
    tx.commit().await?;
    Ok(number)
}

/// Campaigns of the version live until now that have ended: their seeds may have been revealed
/// (the odds show a seed once its campaign ended), so they must not roll again.
async fn revealed_seeds(
    conn: &mut AnyConnection,
    document: &str,
    now: i64,
) -> Result<HashSet<String>, sqlx::Error> {
    let previous: Option<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT v.body, v.starts_at, v.ends_at FROM live_pages l \
         JOIN published_versions v ON v.id = l.version_id WHERE l.document_id = $1",
    )
    .bind(document)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((body, starts_at, ends_at)) = previous else {
        return Ok(HashSet::new());
    };
    let Some(doc) = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|json| decode_document(&json).ok())
    else {
        return Ok(HashSet::new());
    };
    // The one schedule rule, as the odds use it to decide when a seed is revealed.
    let schedule = Schedule::from_millis(starts_at, ends_at);
    let now = DateTime::from_timestamp_millis(now).unwrap_or_default();
    Ok(doc
        .campaigns
        .iter()
        .filter(|campaign| schedule.and(campaign.window.into()).has_ended(now))
        .map(|c| c.id.clone())
        .collect())
}

/// Locks the campaign's seed row (made with a new seed at first publish) and returns the number
/// of its last draw. A `revealed` seed is retired, kept for verifying the draws it rolled, and
/// replaced by a new one from the next draw on.
async fn lock_seed(
    conn: &mut AnyConnection,
    document: &str,
    campaign: &str,
    revealed: bool,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let seed = roll::new_seed();
    let (draws,): (i64,) = sqlx::query_as(
        "INSERT INTO campaign_seeds (document_id, campaign_id, seed, seed_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (document_id, campaign_id) \
         DO UPDATE SET draws = campaign_seeds.draws RETURNING draws",
    )
    .bind(document)
    .bind(campaign)
    .bind(&seed)
    .bind(roll::seed_hash(&seed))
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    if revealed {
        // A seed retired before any draw used it needs no keeping.
        sqlx::query(
            "INSERT INTO retired_seeds (document_id, campaign_id, seed, seed_hash, first_seq, \
             last_seq, retired_at) SELECT document_id, campaign_id, seed, seed_hash, first_seq, \
             draws, $3 FROM campaign_seeds WHERE document_id = $1 AND campaign_id = $2 \
             ON CONFLICT DO NOTHING",
        )
        .bind(document)
        .bind(campaign)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE campaign_seeds SET seed = $3, seed_hash = $4, created_at = $5, \
             first_seq = draws + 1 WHERE document_id = $1 AND campaign_id = $2",
        )
        .bind(document)
        .bind(campaign)
        .bind(&seed)
        .bind(roll::seed_hash(&seed))
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(draws)
}

type VersionRow = (
    i64,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    i64,
);

/// Every published version of a document, newest first.
pub async fn versions(
    db: &Db,
    workspace: &str,
    document: &str,
) -> Result<Vec<VersionInfo>, sqlx::Error> {
    let rows: Vec<VersionRow> = sqlx::query_as(
        "SELECT v.number, v.content_hash, v.slug, u.email, v.published_at, v.starts_at, v.ends_at, \
         CAST(CASE WHEN l.version_id IS NULL THEN 0 ELSE 1 END AS BIGINT) \
         FROM published_versions v JOIN users u ON u.id = v.published_by \
         LEFT JOIN live_pages l ON l.version_id = v.id \
         WHERE v.document_id = $1 AND v.workspace_id = $2 ORDER BY v.number DESC",
    )
    .bind(document)
    .bind(workspace)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(number, content_hash, slug, published_by, published_at, starts_at, ends_at, live)| {
                VersionInfo {
                    number,
                    content_hash,
                    slug,
                    published_by,
                    published_at,
                    starts_at,
                    ends_at,
                    live: live == 1,
                }
            },
        )
        .collect())
}

/// Version `number` of a document: its JSON and schedule.
pub async fn version_body(
    db: &Db,
    workspace: &str,
    document: &str,
    number: i64,
) -> Result<Option<(String, Option<i64>, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT body, starts_at, ends_at FROM published_versions WHERE document_id = $1 AND workspace_id = $2 AND number = $3",
    )
    .bind(document)
    .bind(workspace)
    .bind(number)
    .fetch_optional(&db.pool)
    .await
}

/// Remaining stock per prize of a document's campaign: `(prize_id, total, issued, remaining)`.
pub async fn stock(
    db: &Db,
    document: &str,
    campaign: &str,
) -> Result<Vec<(String, Option<i64>, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT prize_id, total, issued, remaining FROM prize_stock WHERE document_id = $1 AND campaign_id = $2 ORDER BY prize_id",
    )
    .bind(document)
    .bind(campaign)
    .fetch_all(&db.pool)
    .await
}

/// A campaign's seeds, the current one (`last_seq: None`) and the retired ones, and the number
/// of its last draw.
pub async fn seeds(
    db: &Db,
    document: &str,
    campaign: &str,
) -> Result<(Vec<SeedSpan>, i64), sqlx::Error> {
    let rows: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT seed, seed_hash, first_seq, CAST(NULL AS BIGINT) FROM campaign_seeds \
         WHERE document_id = $1 AND campaign_id = $2 UNION ALL \
         SELECT seed, seed_hash, first_seq, last_seq FROM retired_seeds \
         WHERE document_id = $1 AND campaign_id = $2",
    )
    .bind(document)
    .bind(campaign)
    .fetch_all(&db.pool)
    .await?;
    let (last,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(MAX(draws), 0) AS BIGINT) FROM campaign_seeds \
         WHERE document_id = $1 AND campaign_id = $2",
    )
    .bind(document)
    .bind(campaign)
    .fetch_one(&db.pool)
    .await?;
    let spans = rows
        .into_iter()
        .map(|(seed, seed_hash, first_seq, last_seq)| SeedSpan {
            seed,
            seed_hash,
            first_seq,
            last_seq,
        })
        .collect();
    Ok((spans, last))
}

/// A campaign's stock history, in the order it took effect.
pub async fn stock_history(
    db: &Db,
    document: &str,
    campaign: &str,
) -> Result<Vec<StockChange>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT prize_id, version_number, at_seq, total, issued FROM stock_changes \
         WHERE document_id = $1 AND campaign_id = $2 ORDER BY at_seq, version_number, prize_id",
    )
    .bind(document)
    .bind(campaign)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(prize_id, version, at_seq, total, issued)| StockChange {
            prize_id,
            version,
            at_seq,
            total,
            issued,
        })
        .collect())
}
