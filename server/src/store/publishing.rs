//! Publishing: immutable numbered versions, the live page per member address, and prize stock
//! materialised so that republishing never forgets what was issued.

use cradle_model::campaign::Stock;
use cradle_model::validate::Kind;
use cradle_model::{Document, ValidationError};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::db::Db;
use crate::draws::roll;
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
pub async fn publish(
    db: &Db,
    workspace: &str,
    user: &str,
    doc: &Document,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
) -> Result<i64, PublishError> {
    let body = serde_json::to_string(doc).unwrap_or_default();
    let mut tx = db.pool.begin().await?;
    let (last,): (i64,) =
        sqlx::query_as("SELECT CAST(COALESCE(MAX(number), 0) AS BIGINT) FROM published_versions WHERE document_id = $1")
            .bind(&doc.id)
            .fetch_one(&mut *tx)
            .await?;
    let holder: Option<(String,)> =
        sqlx::query_as("SELECT document_id FROM live_pages WHERE slug = $1")
            .bind(&doc.slug)
            .fetch_optional(&mut *tx)
            .await?;
    if holder.is_some_and(|(other,)| other != doc.id) {
        return Err(PublishError::SlugTaken(doc.slug.clone()));
    }
    let mut stock_errors = Vec::new();
    for (ci, campaign) in doc.campaigns.iter().enumerate() {
        // Commit-reveal: the campaign's secret seed is made once and kept across republishes.
        let seed = roll::new_seed();
        sqlx::query(
            "INSERT INTO campaign_seeds (document_id, campaign_id, seed, seed_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (document_id, campaign_id) DO NOTHING",
        )
        .bind(&doc.id)
        .bind(&campaign.id)
        .bind(&seed)
        .bind(roll::seed_hash(&seed))
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        for (pi, prize) in campaign.prizes.iter().enumerate() {
            // Issued so far: the stock counter of a limited prize, or the draw log for a prize
            // that was unlimited (whose issues no counter tracked).
            let (counted, logged): (i64, i64) = sqlx::query_as(
                "SELECT CAST(COALESCE((SELECT issued FROM prize_stock WHERE document_id = $1 \
                 AND campaign_id = $2 AND prize_id = $3), 0) AS BIGINT), \
                 CAST((SELECT COUNT(*) FROM draws WHERE document_id = $1 AND campaign_id = $2 \
                 AND prize_id = $3) AS BIGINT)",
            )
            .bind(&doc.id)
            .bind(&campaign.id)
            .bind(&prize.id)
            .fetch_one(&mut *tx)
            .await?;
            let issued = counted.max(logged);
            let total = match prize.stock {
                Stock::Unlimited => None,
                Stock::Limited(n) => Some(i64::from(n)),
            };
            if total.is_some_and(|t| t < issued) {
                stock_errors.push(ValidationError::new(
                    format!("/campaigns/{ci}/prizes/{pi}/stock"),
                    Kind::Inconsistent,
                    format!("{issued} of '{}' are already issued, so its stock cannot be lower than {issued}", prize.name),
                ));
                continue;
            }
            sqlx::query(
                "INSERT INTO prize_stock (document_id, campaign_id, prize_id, total, issued, remaining) \
                 VALUES ($1, $2, $3, $4, 0, $4) \
                 ON CONFLICT (document_id, campaign_id, prize_id) DO UPDATE SET total = excluded.total, \
                 issued = $5, remaining = CASE WHEN excluded.total IS NULL THEN NULL ELSE excluded.total - $5 END",
            )
            .bind(&doc.id)
            .bind(&campaign.id)
            .bind(&prize.id)
            .bind(total)
            .bind(issued)
            .execute(&mut *tx)
            .await?;
        }
    }
    if !stock_errors.is_empty() {
        return Err(PublishError::StockBelowIssued(stock_errors));
    }
    let number = last + 1;
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
    .bind(now_ms())
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
