//! Posts recorded deliveries to the brand's system, on every server: each takes a few due
//! deliveries at a time by a conditional update (a lease), so two servers never post the same
//! delivery at once. A 2xx answer ends a delivery; anything else (or no answer within
//! [`TIMEOUT`]) retries after 1 s, 2 s, 4 s … up to an hour, [`MAX_ATTEMPTS`] times in all.
//!
//! Each POST carries `X-Cradle-Event`, `X-Cradle-Delivery` (the same on every retry: the
//! receiver can drop repeats), `X-Cradle-Timestamp` (Unix ms) and `X-Cradle-Signature`:
//! `sha256=` and the hex HMAC-SHA256 of `{timestamp}.{body}` with the webhook's secret.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::Db;
use crate::store::now_ms;

/// Attempts before a delivery is given up.
pub const MAX_ATTEMPTS: i64 = 10;
/// How long one attempt may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How often the sender looks for due deliveries.
const EVERY: Duration = Duration::from_millis(250);
/// Deliveries one look takes.
const BATCH: i64 = 20;
/// Longest wait between two attempts.
const MAX_BACKOFF_MS: i64 = 3_600_000;

/// The signature of `body` sent at `timestamp` with `secret`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// The wait before attempt `attempts + 1`, after `attempts` failed.
pub fn backoff_ms(attempts: i64) -> i64 {
    1_000_i64
        .saturating_mul(1 << attempts.clamp(0, 30))
        .min(MAX_BACKOFF_MS)
}

/// Starts posting deliveries in the background (call inside a Tokio runtime).
pub fn start(db: &Db) {
    let db = db.clone();
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default();
    tokio::spawn(async move {
        loop {
            match round(&db, &client).await {
                Ok(0) | Err(_) => tokio::time::sleep(EVERY).await,
                Ok(_) => {}
            }
        }
    });
}

type Due = (String, String, String, String, i64);

/// Posts the due deliveries it can lease: how many.
async fn round(db: &Db, client: &reqwest::Client) -> Result<usize, sqlx::Error> {
    let now = now_ms();
    // A read first: an idle sender writes nothing.
    let any: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM webhook_deliveries WHERE delivered_at IS NULL AND next_at <= $1 \
         AND attempts < $2 LIMIT 1",
    )
    .bind(now)
    .bind(MAX_ATTEMPTS)
    .fetch_optional(&db.pool)
    .await?;
    if any.is_none() {
        return Ok(0);
    }
    let lease = now + TIMEOUT.as_millis() as i64 * 2;
    // The outer `next_at <= $1` makes the lease exclusive: a row another server leased since the
    // inner select no longer matches.
    let due: Vec<Due> = sqlx::query_as(
        "UPDATE webhook_deliveries SET next_at = $2, attempts = attempts + 1 \
         WHERE next_at <= $1 AND delivered_at IS NULL AND attempts < $3 AND id IN \
         (SELECT id FROM webhook_deliveries WHERE delivered_at IS NULL AND next_at <= $1 \
          AND attempts < $3 ORDER BY next_at LIMIT $4) \
         RETURNING id, webhook_id, event, body, attempts",
    )
    .bind(now)
    .bind(lease)
    .bind(MAX_ATTEMPTS)
    .bind(BATCH)
    .fetch_all(&db.pool)
    .await?;
    for (id, webhook, event, body, attempts) in &due {
        let (url, secret): (String, String) =
            sqlx::query_as("SELECT url, secret FROM webhooks WHERE id = $1")
                .bind(webhook)
                .fetch_one(&db.pool)
                .await?;
        let stamp = now_ms();
        let sent = client
            .post(&url)
            .header("content-type", "application/json")
            .header("x-cradle-event", event)
            .header("x-cradle-delivery", id)
            .header("x-cradle-timestamp", stamp.to_string())
            .header("x-cradle-signature", signature(&secret, stamp, body))
            .body(body.clone())
            .send()
            .await;
        let (status, error) = match sent {
            Ok(r) if r.status().is_success() => (Some(i64::from(r.status().as_u16())), None),
            Ok(r) => (
                Some(i64::from(r.status().as_u16())),
                Some(format!("answered {}", r.status())),
            ),
            Err(e) => (None, Some(e.to_string())),
        };
        let done = now_ms();
        sqlx::query(
            "UPDATE webhook_deliveries SET delivered_at = $1, last_status = $2, last_error = $3, \
             next_at = $4 WHERE id = $5",
        )
        .bind(error.is_none().then_some(done))
        .bind(status)
        .bind(&error)
        .bind(done + backoff_ms(attempts - 1))
        .bind(id)
        .execute(&db.pool)
        .await?;
    }
    Ok(due.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff_ms(0), 1_000);
        assert_eq!(backoff_ms(1), 2_000);
        assert_eq!(backoff_ms(3), 8_000);
        assert_eq!(backoff_ms(12), 3_600_000);
        assert_eq!(backoff_ms(99), 3_600_000);
    }

    #[test]
    fn the_signature_covers_the_timestamp_and_the_body() {
        let a = signature("s", 1, "{}");
        assert!(a.starts_with("sha256=") && a.len() == 7 + 64);
        assert_ne!(a, signature("s", 2, "{}"));
        assert_ne!(a, signature("s", 1, "{ }"));
        assert_ne!(a, signature("t", 1, "{}"));
    }
}
