//! A workspace's club settings (tier ladder and points rules), stored as JSON of
//! [`ClubSettings`]; `ClubSettings::default()` until staff save their own.

use std::sync::LazyLock;
use std::time::Duration;

use chrono_tz::Tz;
use cradle_model::{ClubSettings, ValidationError};
use cradle_wire::club::SettingsVersion;
use sqlx::AnyConnection;

use crate::club::day;
use crate::db::Db;
use crate::store::now_ms;
use crate::store::ttl::TtlCache;

/// The workspace's settings (the default ladder when none are saved).
pub async fn load(conn: &mut AnyConnection, workspace: &str) -> Result<ClubSettings, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT body FROM club_settings WHERE workspace_id = $1")
            .bind(workspace)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row
        .and_then(|(body,)| serde_json::from_str(&body).ok())
        .unwrap_or_default())
}

/// The workspace's settings and time zone: what crediting points needs. Served from a
/// per-process cache for up to [`CACHE_TTL`] (every member request reads them; a change made on
/// another server shows within that time).
pub async fn with_zone(
    conn: &mut AnyConnection,
    workspace: &str,
) -> Result<(ClubSettings, Tz), sqlx::Error> {
    if let Some(hit) = ZONED.get(workspace) {
        return Ok(hit);
    }
    let settings = load(conn, workspace).await?;
    let (zone,): (String,) = sqlx::query_as("SELECT time_zone FROM workspaces WHERE id = $1")
        .bind(workspace)
        .fetch_one(&mut *conn)
        .await?;
    let zoned = (settings, day::zone(&zone));
    ZONED.put(workspace, zoned.clone());
    Ok(zoned)
}

/// The workspace's settings, from the pool (through the cache of [`with_zone`]).
pub async fn get(db: &Db, workspace: &str) -> Result<ClubSettings, sqlx::Error> {
    if let Some((settings, _)) = ZONED.get(workspace) {
        return Ok(settings);
    }
    let (settings, _) = with_zone(&mut *db.pool.acquire().await?, workspace).await?;
    Ok(settings)
}

/// The workspace's time zone, deciding where its days start (through the cache of
/// [`with_zone`]).
pub async fn zone(db: &Db, workspace: &str) -> Result<Tz, sqlx::Error> {
    if let Some((_, zone)) = ZONED.get(workspace) {
        return Ok(zone);
    }
    let (_, zone) = with_zone(&mut *db.pool.acquire().await?, workspace).await?;
    Ok(zone)
}

/// Drops this server's cached settings and zone of `workspace` after a change.
pub fn forget(workspace: &str) {
    ZONED.remove(workspace);
}

/// How long a cached copy of a workspace's settings is used.
pub const CACHE_TTL: Duration = Duration::from_secs(5);

static ZONED: LazyLock<TtlCache<(ClubSettings, Tz)>> =
    LazyLock::new(|| TtlCache::new(CACHE_TTL, 10_000));

/// Why settings could not be saved.
#[derive(Debug)]
pub enum SaveError {
    /// Someone else saved the same version number first.
    Raced,
    /// The database failed.
    Db(sqlx::Error),
}

impl From<sqlx::Error> for SaveError {
    fn from(e: sqlx::Error) -> SaveError {
        SaveError::Db(e)
    }
}

/// Saves the workspace's settings (validate them first) as its next version, by `saved_by`
/// (an email); returns the version. Two saves at once: the second to commit is refused by the
/// version's primary key and its transaction rolls back, so no version is ever overwritten.
pub async fn save(
    db: &Db,
    workspace: &str,
    settings: &ClubSettings,
    saved_by: &str,
) -> Result<u32, SaveError> {
    let body = serde_json::to_string(settings).unwrap_or_default();
    let now = now_ms();
    let mut tx = db.pool.begin().await?;
    // One statement reads the last version and writes the next, so SQLite takes its write lock
    // at once (a read first would let two savers deadlock on the upgrade); on PostgreSQL two
    // savers may pick the same number, and the primary key refuses the second.
    let (version,): (i64,) = sqlx::query_as(
        "INSERT INTO club_settings_versions (workspace_id, version, body, saved_at, saved_by) \
         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4 FROM club_settings_versions \
         WHERE workspace_id = $1 RETURNING version",
    )
    .bind(workspace)
    .bind(&body)
    .bind(now)
    .bind(saved_by)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => SaveError::Raced,
        e => SaveError::Db(e),
    })?;
    sqlx::query(
        "INSERT INTO club_settings (workspace_id, body, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (workspace_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
    )
    .bind(workspace)
    .bind(&body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    forget(workspace);
    Ok(version as u32)
}

/// Every saved version of the workspace's settings, oldest first.
pub async fn versions(db: &Db, workspace: &str) -> Result<Vec<SettingsVersion>, sqlx::Error> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT version, saved_at, saved_by FROM club_settings_versions \
         WHERE workspace_id = $1 ORDER BY version",
    )
    .bind(workspace)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(version, saved_at, saved_by)| SettingsVersion {
            version: version as u32,
            saved_at,
            saved_by,
        })
        .collect())
}

/// Every problem in `settings`, with paths into the settings JSON (`/tiers/1/threshold`): the
/// model's rule, the one the club settings page checks as staff type.
pub fn problems(settings: &ClubSettings) -> Vec<ValidationError> {
    cradle_model::validate::club_settings(settings)
}
