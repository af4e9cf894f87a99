//! A workspace's club settings (tier ladder and points rules), stored as JSON of
//! [`ClubSettings`]; `ClubSettings::default()` until staff save their own.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use chrono_tz::Tz;
use cradle_model::{validate, ClubSettings, Document, ValidationError};
use sqlx::AnyConnection;

use crate::club::day;
use crate::db::Db;
use crate::store::now_ms;

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

/// The workspace's settings and time zone: what crediting points needs.
pub async fn with_zone(
    conn: &mut AnyConnection,
    workspace: &str,
) -> Result<(ClubSettings, Tz), sqlx::Error> {
    let settings = load(conn, workspace).await?;
    let (zone,): (String,) = sqlx::query_as("SELECT time_zone FROM workspaces WHERE id = $1")
        .bind(workspace)
        .fetch_one(&mut *conn)
        .await?;
    Ok((settings, day::zone(&zone)))
}

/// The workspace's settings, from the pool.
/// Served from a per-process cache for up to [`CACHE_TTL`] (every member request reads them;
/// a change made on another server shows within that time).
pub async fn get(db: &Db, workspace: &str) -> Result<ClubSettings, sqlx::Error> {
    if let Some(hit) = cache()
        .get(workspace)
        .filter(|(at, _)| at.elapsed() < CACHE_TTL)
    {
        return Ok(hit.1.clone());
    }
    let settings = load(&mut *db.pool.acquire().await?, workspace).await?;
    let mut map = cache();
    if map.len() > 10_000 {
        map.clear();
    }
    map.insert(workspace.to_owned(), (Instant::now(), settings.clone()));
    Ok(settings)
}

/// How long a cached copy of a workspace's settings is used.
pub const CACHE_TTL: Duration = Duration::from_secs(5);

type Cache = HashMap<String, (Instant, ClubSettings)>;

fn cache() -> MutexGuard<'static, Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

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
    cache().remove(workspace);
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
            Some(ValidationError::new(path, e.message))
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
