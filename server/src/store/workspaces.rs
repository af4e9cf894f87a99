//! Workspaces (brands): every document, asset and member belongs to one.
pub use cradle_wire::auth::Workspace;

use crate::db::Db;
use crate::store::{new_id, now_ms, random_hex};

/// The workspace named `name`, created with `time_zone` (and a new signing secret) if missing.
pub async fn find_or_create(
    db: &Db,
    name: &str,
    time_zone: &str,
) -> Result<Workspace, sqlx::Error> {
    if let Some(ws) = by_name(db, name).await? {
        return Ok(ws);
    }
    let ws = Workspace {
        id: new_id(),
        name: name.to_owned(),
        time_zone: time_zone.to_owned(),
    };
    sqlx::query("INSERT INTO workspaces (id, name, time_zone, secret, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&ws.id)
        .bind(&ws.name)
        .bind(&ws.time_zone)
        .bind(random_hex(32))
        .bind(now_ms())
        .execute(&db.pool)
        .await?;
    Ok(ws)
}

/// The workspace named `name`.
pub async fn by_name(db: &Db, name: &str) -> Result<Option<Workspace>, sqlx::Error> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT id, name, time_zone FROM workspaces WHERE name = $1")
            .bind(name)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(id, name, time_zone)| Workspace {
        id,
        name,
        time_zone,
    }))
}

/// The workspace with `id`.
pub async fn get(db: &Db, id: &str) -> Result<Option<Workspace>, sqlx::Error> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT id, name, time_zone FROM workspaces WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(id, name, time_zone)| Workspace {
        id,
        name,
        time_zone,
    }))
}

/// The workspace's signing secret (preview links, member tokens).
pub async fn secret(db: &Db, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT secret FROM workspaces WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|(s,)| s))
}

/// The sites allowed to frame the workspace's member pages (checked origins).
pub async fn framing(db: &Db, id: &str) -> Result<Vec<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT frame_ancestors FROM workspaces WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row
        .map(|(list,)| list.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default())
}

/// Replaces the sites allowed to frame the workspace's member pages (already checked).
pub async fn set_framing(db: &Db, id: &str, origins: &[String]) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE workspaces SET frame_ancestors = $1 WHERE id = $2")
        .bind(origins.join(" "))
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Sets the workspace's time zone (an IANA name, already checked).
pub async fn set_time_zone(db: &Db, id: &str, zone: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE workspaces SET time_zone = $1 WHERE id = $2")
        .bind(zone)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
