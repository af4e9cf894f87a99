//! Draft documents with optimistic concurrency: a save names the version it started from and
//! only succeeds if that is still the current one.

use std::collections::HashSet;

use cradle_model::Document;
pub use cradle_wire::documents::Summary;

use crate::db::Db;
use crate::store::now_ms;

/// A stored draft.
#[derive(Clone, Debug)]
pub struct Stored {
    /// Its summary.
    pub summary: Summary,
    /// The page JSON.
    pub body: String,
}

type Row = (String, String, String, i64, i64, Option<i64>, String);

fn stored((id, title, slug, version, updated_at, deleted_at, body): Row) -> Stored {
    Stored {
        summary: Summary {
            id,
            title,
            slug,
            version,
            updated_at,
            deleted_at,
        },
        body,
    }
}

const COLUMNS: &str = "id, title, slug, version, updated_at, deleted_at, body";

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
fn like_pattern(q: &str) -> String {
    let escaped = q
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// One page of a workspace's documents, newest first, optionally filtered by title, and the total.
pub async fn list(
    db: &Db,
    workspace: &str,
    query: &str,
    deleted: bool,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Summary>, i64), sqlx::Error> {
    let bin = if deleted {
        "deleted_at IS NOT NULL"
    } else {
        "deleted_at IS NULL"
    };
    let filter = format!("workspace_id = $1 AND {bin} AND LOWER(title) LIKE $2 ESCAPE '\\'");
    let pattern = like_pattern(query);
    let (total,): (i64,) =
        sqlx::query_as(&format!("SELECT COUNT(*) FROM documents WHERE {filter}"))
            .bind(workspace)
            .bind(&pattern)
            .fetch_one(&db.pool)
            .await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM documents WHERE {filter} ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4"
    ))
    .bind(workspace)
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.pool)
    .await?;
    Ok((rows.into_iter().map(|r| stored(r).summary).collect(), total))
}

/// Stores a new document at version 1.
pub async fn insert(
    db: &Db,
    workspace: &str,
    user: &str,
    doc: &Document,
) -> Result<Summary, sqlx::Error> {
    let now = now_ms();
    let body = serde_json::to_string(doc).unwrap_or_default();
    sqlx::query(
        "INSERT INTO documents (id, workspace_id, title, slug, body, version, created_at, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7)",
    )
    .bind(&doc.id)
    .bind(workspace)
    .bind(&doc.title)
    .bind(&doc.slug)
    .bind(body)
    .bind(now)
    .bind(user)
    .execute(&db.pool)
    .await?;
    Ok(Summary {
        id: doc.id.clone(),
        title: doc.title.clone(),
        slug: doc.slug.clone(),
        version: 1,
        updated_at: now,
        deleted_at: None,
    })
}

/// The document `id` of `workspace` (deleted ones included).
pub async fn get(db: &Db, workspace: &str, id: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM documents WHERE id = $1 AND workspace_id = $2"
    ))
    .bind(id)
    .bind(workspace)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(stored))
}

/// What a save did.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// Saved; the new version.
    Ok(i64),
    /// Someone saved first; the current version.
    Conflict(i64),
    /// No such live document in this workspace.
    NotFound,
}

/// Saves `doc` over version `expected`, atomically: the `WHERE version = expected` makes a
/// concurrent save fail instead of overwriting.
pub async fn save(
    db: &Db,
    workspace: &str,
    user: &str,
    expected: i64,
    doc: &Document,
) -> Result<Saved, sqlx::Error> {
    let body = serde_json::to_string(doc).unwrap_or_default();
    let done = sqlx::query(
        "UPDATE documents SET body = $1, title = $2, slug = $3, version = version + 1, updated_at = $4, updated_by = $5 \
         WHERE id = $6 AND workspace_id = $7 AND version = $8 AND deleted_at IS NULL",
    )
    .bind(body)
    .bind(&doc.title)
    .bind(&doc.slug)
    .bind(now_ms())
    .bind(user)
    .bind(&doc.id)
    .bind(workspace)
    .bind(expected)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(Saved::Ok(expected + 1));
    }
    Ok(match get(db, workspace, &doc.id).await? {
        Some(s) if s.summary.deleted_at.is_none() => Saved::Conflict(s.summary.version),
        _ => Saved::NotFound,
    })
}

/// Moves a document to the bin (`deleted = true`) or back; false when there is no such document
/// in that state.
pub async fn set_deleted(
    db: &Db,
    workspace: &str,
    id: &str,
    deleted: bool,
) -> Result<bool, sqlx::Error> {
    let sql = if deleted {
        "UPDATE documents SET deleted_at = $1 WHERE id = $2 AND workspace_id = $3 AND deleted_at IS NULL"
    } else {
        "UPDATE documents SET deleted_at = NULL, updated_at = $1 WHERE id = $2 AND workspace_id = $3 AND deleted_at IS NOT NULL"
    };
    let done = sqlx::query(sql)
        .bind(now_ms())
        .bind(id)
        .bind(workspace)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Addresses starting with `prefix` that pages other than `except` hold: live on the server (any
/// workspace, since `/c/{slug}` names no workspace) or as a draft's address in `workspace`.
pub async fn addresses_in_use(
    db: &Db,
    workspace: &str,
    prefix: &str,
    except: &str,
) -> Result<HashSet<String>, sqlx::Error> {
    let pattern = format!("{}%", prefix.replace(['%', '_', '\\'], ""));
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT slug FROM live_pages WHERE slug LIKE $1 AND document_id <> $2 \
         UNION SELECT slug FROM documents WHERE workspace_id = $3 AND slug LIKE $1 \
         AND id <> $2 AND deleted_at IS NULL",
    )
    .bind(pattern)
    .bind(except)
    .bind(workspace)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|(slug,)| slug).collect())
}
