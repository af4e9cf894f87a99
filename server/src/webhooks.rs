//! Webhooks to the brand's system: the owner names a URL and the events it wants (a prize won, a
//! code redeemed, a tier reached); each event becomes one delivery per webhook (one statement,
//! none when no webhook wants it), which [`sender`] posts, signed with the webhook's secret, and
//! retries with backoff. Events are recorded after what caused them has committed: a server that
//! dies in between loses that event (at most once up to the record, at least once after it).

pub mod sender;

use cradle_wire::integration::{CreatedWebhook, Delivery, Event, NewWebhook, WebhookView};
use serde_json::Value;

use std::sync::LazyLock;
use std::time::Duration;

use crate::db::Db;
use crate::store::ttl::TtlCache;
use crate::store::{new_id, now_ms, random_hex};

/// Deliveries a webhook's log lists.
const LOGGED: i64 = 50;

/// How long this server trusts what it read of a workspace's webhooks (a draw asks on every
/// win; another server's change shows within this).
const CACHE_TTL: Duration = Duration::from_secs(5);

/// The events some webhook of a workspace wants.
static WANTED: LazyLock<TtlCache<Vec<Event>>> = LazyLock::new(|| TtlCache::new(CACHE_TTL, 10_000));

fn events(text: &str) -> Vec<Event> {
    text.split(' ').filter_map(Event::parse).collect()
}

/// A new webhook for `workspace`.
pub async fn create(
    db: &Db,
    workspace: &str,
    new: &NewWebhook,
) -> Result<CreatedWebhook, sqlx::Error> {
    let view = WebhookView {
        id: new_id(),
        url: new.url.trim().to_owned(),
        events: new.events.clone(),
        created_at: now_ms(),
    };
    let secret = random_hex(32);
    let names: Vec<&str> = new.events.iter().map(|e| e.as_str()).collect();
    sqlx::query(
        "INSERT INTO webhooks (id, workspace_id, url, secret, events, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&view.id)
    .bind(workspace)
    .bind(&view.url)
    .bind(&secret)
    .bind(names.join(" "))
    .bind(view.created_at)
    .execute(&db.pool)
    .await?;
    WANTED.remove(workspace);
    Ok(CreatedWebhook { secret, view })
}

/// The workspace's webhooks, oldest first.
pub async fn list(db: &Db, workspace: &str) -> Result<Vec<WebhookView>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, url, events, created_at FROM webhooks \
         WHERE workspace_id = $1 AND removed_at IS NULL ORDER BY created_at, id",
    )
    .bind(workspace)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, url, names, created_at)| WebhookView {
            id,
            url,
            events: events(&names),
            created_at,
        })
        .collect())
}

/// Removes webhook `id` of `workspace`: nothing more is sent to it. False when there is none.
pub async fn remove(db: &Db, workspace: &str, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhooks SET removed_at = $1 WHERE id = $2 AND workspace_id = $3 AND removed_at IS NULL",
    )
    .bind(now_ms())
    .bind(id)
    .bind(workspace)
    .execute(&db.pool)
    .await?;
    WANTED.remove(workspace);
    Ok(done.rows_affected() == 1)
}

/// The latest deliveries to webhook `id` of `workspace`, newest first; `None` when there is no
/// such webhook.
pub async fn deliveries(
    db: &Db,
    workspace: &str,
    id: &str,
) -> Result<Option<Vec<Delivery>>, sqlx::Error> {
    let owned: Option<(String,)> =
        sqlx::query_as("SELECT id FROM webhooks WHERE id = $1 AND workspace_id = $2")
            .bind(id)
            .bind(workspace)
            .fetch_optional(&db.pool)
            .await?;
    if owned.is_none() {
        return Ok(None);
    }
    type Row = (
        String,
        String,
        i64,
        Option<i64>,
        Option<i64>,
        Option<String>,
        i64,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, event, attempts, delivered_at, last_status, last_error, next_at, created_at \
         FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(id)
    .bind(LOGGED)
    .fetch_all(&db.pool)
    .await?;
    Ok(Some(
        rows.into_iter()
            .map(
                |(
                    id,
                    event,
                    attempts,
                    delivered_at,
                    last_status,
                    last_error,
                    next_at,
                    created_at,
                )| {
                    let pending = delivered_at.is_none() && attempts < sender::MAX_ATTEMPTS;
                    Delivery {
                        id,
                        event,
                        attempts,
                        delivered_at,
                        last_status,
                        last_error,
                        next_at: pending.then_some(next_at),
                        created_at,
                    }
                },
            )
            .collect(),
    ))
}

/// Whether some webhook of `workspace` wants `event` (cached for [`CACHE_TTL`]).
async fn wanted(db: &Db, workspace: &str, event: Event) -> Result<bool, sqlx::Error> {
    if let Some(wanted) = WANTED.get(workspace) {
        return Ok(wanted.contains(&event));
    }
    let wanted: Vec<Event> = list(db, workspace)
        .await?
        .into_iter()
        .flat_map(|w| w.events)
        .collect();
    WANTED.put(workspace, wanted.clone());
    Ok(wanted.contains(&event))
}

/// Records `event` with `data` for every webhook of `workspace` that wants it. Failing to record
/// never fails what caused it: the error is logged.
pub async fn emit(db: &Db, workspace: &str, event: Event, data: Value) {
    match wanted(db, workspace, event).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => return tracing::error!(error = %e, "webhooks: reading a workspace's webhooks"),
    }
    let now = now_ms();
    let body = serde_json::json!({ "event": event.as_str(), "at": now, "data": data }).to_string();
    // Events are listed space-separated: the padded LIKE matches whole names only.
    let recorded = sqlx::query(
        "INSERT INTO webhook_deliveries (id, webhook_id, event, body, next_at, created_at) \
         SELECT $1 || id, id, $2, $3, $4, $4 FROM webhooks \
         WHERE workspace_id = $5 AND removed_at IS NULL AND ' ' || events || ' ' LIKE $6",
    )
    .bind(format!("{}-", new_id()))
    .bind(event.as_str())
    .bind(&body)
    .bind(now)
    .bind(workspace)
    .bind(format!("% {} %", event.as_str()))
    .execute(&db.pool)
    .await;
    if let Err(e) = recorded {
        tracing::error!(error = %e, event = event.as_str(), "webhooks: recording an event");
    }
}
