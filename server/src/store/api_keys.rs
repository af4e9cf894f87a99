//! API keys for the brand's systems: `crk_` and 48 hex characters, shown once when created;
//! only its SHA-256 is kept (a leaked database leaks no key), with the scopes it grants and when
//! it was last used. A revoked key opens nothing.

use cradle_wire::integration::{ApiKeyView, CreatedApiKey, NewApiKey, Scope};

use crate::db::Db;
use crate::store::sessions::digest;
use crate::store::{new_id, now_ms, random_hex};

/// Characters of a key kept to recognise it in the list.
const PREFIX_LEN: usize = 12;

/// The key a caller presented, once recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHolder {
    /// The key's workspace.
    pub workspace_id: String,
    /// The key's id.
    pub key_id: String,
    /// What it may do.
    pub scopes: Vec<Scope>,
}

type Row = (
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
);

fn scopes(text: &str) -> Vec<Scope> {
    text.split(' ').filter_map(Scope::parse).collect()
}

fn view((id, name, prefix, granted, created_at, last_used_at, revoked_at): Row) -> ApiKeyView {
    ApiKeyView {
        id,
        name,
        prefix,
        scopes: scopes(&granted),
        created_at,
        last_used_at,
        revoked_at,
    }
}

/// A new key for `workspace`, made by user `by`.
pub async fn create(
    db: &Db,
    workspace: &str,
    by: &str,
    new: &NewApiKey,
) -> Result<CreatedApiKey, sqlx::Error> {
    let key = format!("crk_{}", random_hex(24));
    let granted: Vec<&str> = new.scopes.iter().map(|s| s.as_str()).collect();
    let row: Row = (
        new_id(),
        new.name.trim().to_owned(),
        key[..PREFIX_LEN].to_owned(),
        granted.join(" "),
        now_ms(),
        None,
        None,
    );
    sqlx::query(
        "INSERT INTO api_keys (id, workspace_id, name, prefix, hash, scopes, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&row.0)
    .bind(workspace)
    .bind(&row.1)
    .bind(&row.2)
    .bind(digest(&key))
    .bind(&row.3)
    .bind(by)
    .bind(row.4)
    .execute(&db.pool)
    .await?;
    Ok(CreatedApiKey {
        key,
        view: view(row),
    })
}

/// The workspace's keys, newest first.
pub async fn list(db: &Db, workspace: &str) -> Result<Vec<ApiKeyView>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, prefix, scopes, created_at, last_used_at, revoked_at FROM api_keys \
         WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(workspace)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(view).collect())
}

/// Revokes key `id` of `workspace`: false when there is no such key (revoking twice is fine).
pub async fn revoke(db: &Db, workspace: &str, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 AND workspace_id = $3",
    )
    .bind(now_ms())
    .bind(id)
    .bind(workspace)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Who holds `key`, if it is a live key; marks it used now.
pub async fn holder(db: &Db, key: &str) -> Result<Option<KeyHolder>, sqlx::Error> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "UPDATE api_keys SET last_used_at = $1 WHERE hash = $2 AND revoked_at IS NULL \
         RETURNING id, workspace_id, scopes",
    )
    .bind(now_ms())
    .bind(digest(key))
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(key_id, workspace_id, granted)| KeyHolder {
        workspace_id,
        key_id,
        scopes: scopes(&granted),
    }))
}
