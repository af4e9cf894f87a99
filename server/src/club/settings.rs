//! A workspace's club settings (tier ladder and points rules), stored as JSON of
//! [`ClubSettings`]; `ClubSettings::default()` until staff save their own.

use std::sync::LazyLock;
use std::time::Duration;

use chrono_tz::Tz;
use cradle_model::{validate, ClubSettings, Document, ValidationError};
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
/// another server shows within that time; a workspace's time zone never changes).
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

/// How long a cached copy of a workspace's settings is used.
pub const CACHE_TTL: Duration = Duration::from_secs(5);

static ZONED: LazyLock<TtlCache<(ClubSettings, Tz)>> =
    LazyLock::new(|| TtlCache::new(CACHE_TTL, 10_000));

/// Saves the workspace's settings (validate them first).
pub async fn save(db: &Db, workspace: &str, settings: &ClubSettings) -> Result<(), sqlx::Error> {
    let body = serde_json::to_string(settings).unwrap_or_default();
    sqlx::query(
        "INSERT INTO club_settings (workspace_id, body, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (workspace_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
    )
    .bind(workspace)
    .bind(body)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    ZONED.remove(workspace);
    Ok(())
}

/// Every problem in `settings`, with paths into the settings JSON (`/tiers/1/threshold`): the
/// page validator's club rules (1-N tiers, unique ids, names, thresholds strictly increasing
/// from 0), applied to the settings alone.
pub fn problems(settings: &ClubSettings) -> Vec<ValidationError> {
    let mut doc = Document::blank("club", "Club", "club");
    doc.club = settings.clone();
    validate(&doc)
        .into_iter()
        .filter_map(|e| {
            let path = e.path.strip_prefix("/club")?.to_owned();
            Some(ValidationError { path, ..e })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_must_rise_strictly_from_zero() {
        assert!(problems(&ClubSettings::default()).is_empty());
        let mut settings = ClubSettings::default();
        settings.tiers[0].threshold = 10;
        settings.tiers[2].threshold = settings.tiers[1].threshold;
        let paths: Vec<String> = problems(&settings).into_iter().map(|e| e.path).collect();
        assert_eq!(paths, ["/tiers/0/threshold", "/tiers/2/threshold"]);
        settings.tiers.clear();
        assert_eq!(problems(&settings)[0].path, "/tiers");
    }
}
