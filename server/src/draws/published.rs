//! The published pages members open and play on, decoded once per version and kept in memory. A
//! version is immutable, so caching it is safe on any number of stateless servers. Which version
//! is live at a slug is asked of the database at most once per [`LIVE_TTL`]: a publish on
//! another server reaches this one within that time, this server's own publishes at once
//! ([`VersionCache::forget_live`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use cradle_model::parse::decode_document;
use cradle_model::{visibility, Campaign, Document, Schedule};

use crate::db::Db;
use crate::store::ttl::TtlCache;

/// One published version with what draws need around it.
#[derive(Debug)]
pub struct PublishedVersion {
    /// Owning workspace.
    pub workspace_id: String,
    /// The document.
    pub document_id: String,
    /// Version number.
    pub number: i64,
    /// The page as published (quiz answers included: server side only).
    pub doc: Document,
    /// When the page is open.
    pub schedule: Schedule,
    /// SHA-256 of the published JSON (the page's ETag).
    pub content_hash: String,
    /// Unix ms.
    pub published_at: i64,
    /// The page as every member gets it (no quiz answers), serialised once per version; `None`
    /// when targeted blocks make what is sent depend on who asks (see `visibility`).
    pub for_everyone: Option<serde_json::Value>,
    /// Campaign id → (seed, seed hash).
    pub seeds: HashMap<String, (String, String)>,
}

impl PublishedVersion {
    /// The campaign with `id`.
    pub fn campaign(&self, id: &str) -> Option<&Campaign> {
        self.doc.campaign(id)
    }

    /// When a campaign of this page can be played: its window within the page's schedule.
    pub fn campaign_schedule(&self, campaign: &Campaign) -> Schedule {
        self.schedule.and(campaign.window.into())
    }
}

/// Decoded versions keyed by `(document id, number)`, and the version live at each slug.
#[derive(Debug)]
pub struct VersionCache {
    versions: Mutex<HashMap<(String, i64), Arc<PublishedVersion>>>,
    live: TtlCache<Located>,
}

/// Most versions (and slugs) kept before the cache starts over.
const CAPACITY: usize = 512;
/// How long the version found live at a slug is trusted.
pub const LIVE_TTL: Duration = Duration::from_secs(1);

type Located = (String, String, i64);

impl Default for VersionCache {
    fn default() -> VersionCache {
        VersionCache {
            versions: Mutex::default(),
            live: TtlCache::new(LIVE_TTL, CAPACITY),
        }
    }
}

impl VersionCache {
    /// The version live at `slug`: `(workspace, document, number)` from the database (or what
    /// it said less than [`LIVE_TTL`] ago), the body from the cache.
    pub async fn live(
        &self,
        db: &Db,
        slug: &str,
    ) -> Result<Option<Arc<PublishedVersion>>, sqlx::Error> {
        if let Some((workspace, document, number)) = self.live.get(slug) {
            return self.version(db, &workspace, &document, number).await;
        }
        let located: Option<Located> = sqlx::query_as(
            "SELECT l.workspace_id, l.document_id, v.number FROM live_pages l \
             JOIN published_versions v ON v.id = l.version_id WHERE l.slug = $1",
        )
        .bind(slug)
        .fetch_optional(&db.pool)
        .await?;
        let Some((workspace, document, number)) = located else {
            return Ok(None);
        };
        let located = (workspace.clone(), document.clone(), number);
        self.live.put(slug, located);
        self.version(db, &workspace, &document, number).await
    }

    /// Every live page of `workspace`.
    pub async fn live_in(
        &self,
        db: &Db,
        workspace: &str,
    ) -> Result<Vec<Arc<PublishedVersion>>, sqlx::Error> {
        let slugs: Vec<(String,)> =
            sqlx::query_as("SELECT slug FROM live_pages WHERE workspace_id = $1 ORDER BY slug")
                .bind(workspace)
                .fetch_all(&db.pool)
                .await?;
        let mut live = Vec::with_capacity(slugs.len());
        for (slug,) in slugs {
            live.extend(self.live(db, &slug).await?);
        }
        Ok(live)
    }

    /// Forgets which versions are live (after this server published one).
    pub fn forget_live(&self) {
        self.live.clear();
    }

    /// Version `number` of a document in `workspace`.
    pub async fn version(
        &self,
        db: &Db,
        workspace: &str,
        document: &str,
        number: i64,
    ) -> Result<Option<Arc<PublishedVersion>>, sqlx::Error> {
        let key = (document.to_owned(), number);
        if let Some(hit) = lock(&self.versions)
            .get(&key)
            .filter(|v| v.workspace_id == workspace)
        {
            return Ok(Some(hit.clone()));
        }
        let Some(loaded) = load(db, workspace, document, number).await? else {
            return Ok(None);
        };
        let loaded = Arc::new(loaded);
        let mut map = lock(&self.versions);
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(key, loaded.clone());
        Ok(Some(loaded))
    }
}

fn lock<T>(map: &Mutex<T>) -> MutexGuard<'_, T> {
    map.lock().unwrap_or_else(|e| e.into_inner())
}

type VersionRow = (String, Option<i64>, Option<i64>, String, i64);

async fn load(
    db: &Db,
    workspace: &str,
    document: &str,
    number: i64,
) -> Result<Option<PublishedVersion>, sqlx::Error> {
    let row: Option<VersionRow> = sqlx::query_as(
        "SELECT v.body, v.starts_at, v.ends_at, v.content_hash, v.published_at \
         FROM published_versions v \
         WHERE v.document_id = $1 AND v.workspace_id = $2 AND v.number = $3",
    )
    .bind(document)
    .bind(workspace)
    .bind(number)
    .fetch_optional(&db.pool)
    .await?;
    let Some((body, starts_at, ends_at, content_hash, published_at)) = row else {
        return Ok(None);
    };
    let json: serde_json::Value =
        serde_json::from_str(&body).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let doc = decode_document(&json).map_err(|errors| {
        sqlx::Error::Protocol(format!("published version no longer decodes: {errors:?}"))
    })?;
    let for_everyone = match visibility::is_targeted(&doc) {
        true => None,
        false => Some(
            serde_json::to_value(doc.for_members())
                .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        ),
    };
    let seeds: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT campaign_id, seed, seed_hash FROM campaign_seeds WHERE document_id = $1",
    )
    .bind(document)
    .fetch_all(&db.pool)
    .await?;
    Ok(Some(PublishedVersion {
        workspace_id: workspace.to_owned(),
        document_id: document.to_owned(),
        number,
        doc,
        schedule: Schedule::from_millis(starts_at, ends_at),
        content_hash,
        published_at,
        for_everyone,
        seeds: seeds
            .into_iter()
            .map(|(campaign, seed, hash)| (campaign, (seed, hash)))
            .collect(),
    }))
}
