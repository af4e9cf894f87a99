//! Rate limits (draws per member and per client address, failed logins) as token buckets kept the
//! GCRA way (generic cell rate algorithm): one number per key, the moment its bucket is full
//! again (its "theoretical arrival time", TAT). A take moves the TAT one step (period ÷ burst) on
//! from the later of itself and now, and is allowed while the TAT stays within `burst` steps of
//! now.
//!
//! On PostgreSQL, where several servers may stand behind a balancer, the TATs live in the
//! `rate_limits` table and a take is one statement for all its keys (an upsert returning the new
//! TATs), so a client has one allowance however its requests are spread over the servers. On
//! SQLite, which one server owns, they live in the process. A take from several buckets is all or
//! nothing: a request refused by one limit spends nothing of the others. (On PostgreSQL the
//! refused take is given back by a second statement, so for that moment the buckets look one
//! token emptier than they are.)

pub mod client;

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::db::{values, Backend, Db};

/// `burst` takes at once, given back at `burst` per `period`; a burst of 0 turns the limit off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Takes allowed at once.
    pub burst: u32,
    /// How long a full burst takes to come back.
    pub period: Duration,
}

impl Rate {
    /// `n` per minute, in bursts of up to `n`.
    pub const fn per_minute(n: u32) -> Rate {
        Rate {
            burst: n,
            period: Duration::from_secs(60),
        }
    }

    /// Milliseconds between two tokens (at least 1).
    fn step(self) -> i64 {
        let period = i64::try_from(self.period.as_millis()).unwrap_or(i64::MAX);
        (period / i64::from(self.burst.max(1))).max(1)
    }

    /// How long to wait when a take left the bucket's TAT at `tat`; `None` when it was allowed.
    fn wait(self, tat: i64, now: i64) -> Option<Duration> {
        let over = tat.saturating_sub(now) - self.step() * i64::from(self.burst);
        u64::try_from(over)
            .ok()
            .filter(|ms| *ms > 0)
            .map(Duration::from_millis)
    }
}

/// One bucket a request takes from: its key, named by what it counts (`draw/member/…`), and its
/// rate.
pub type Bucket = (String, Rate);

/// A take's answer: allowed, or how long to wait.
pub type Verdict = Result<(), Duration>;

/// Where the buckets are kept.
#[derive(Debug)]
pub enum Limiter {
    /// In this process: one server on SQLite.
    Memory(Mutex<HashMap<String, i64>>),
    /// In the `rate_limits` table, shared by every server on the database.
    Shared {
        /// The database.
        db: Db,
        /// When this server last deleted full buckets (Unix ms).
        swept_at: AtomicI64,
    },
}

/// Keys kept in memory before full buckets are dropped.
const MEMORY_KEYS: usize = 100_000;
/// How often each server deletes the table's full buckets (a full bucket and no row are alike).
const SWEEP_EVERY_MS: i64 = 60_000;

impl Limiter {
    /// Buckets in the table on PostgreSQL, in memory on SQLite.
    pub fn for_db(db: &Db) -> Limiter {
        match db.backend {
            Backend::Sqlite => Limiter::Memory(Mutex::default()),
            Backend::Postgres => Limiter::Shared {
                db: db.clone(),
                swept_at: AtomicI64::new(0),
            },
        }
    }

    /// Takes one token from each bucket at `now` (Unix ms), or from none: then the longest wait
    /// among the buckets that refused.
    pub async fn take(&self, buckets: &[Bucket], now: i64) -> Result<Verdict, sqlx::Error> {
        let mut buckets: Vec<&Bucket> = buckets.iter().filter(|(_, r)| r.burst > 0).collect();
        if buckets.is_empty() {
            return Ok(Ok(()));
        }
        match self {
            Limiter::Memory(tats) => {
                let mut tats = lock(tats);
                if tats.len() > MEMORY_KEYS {
                    tats.retain(|_, tat| *tat > now);
                }
                let next: Vec<i64> = buckets
                    .iter()
                    .map(|(key, rate)| tats.get(key).map_or(now, |t| *t.max(&now)) + rate.step())
                    .collect();
                let verdict = verdict(&buckets, &next, now);
                if verdict.is_ok() {
                    for ((key, _), tat) in buckets.iter().zip(next) {
                        tats.insert(key.clone(), tat);
                    }
                }
                Ok(verdict)
            }
            Limiter::Shared { db, swept_at } => {
                // The memory arm's rule as one statement, `tat = max(tat, now) + step` (a new
                // row's `excluded.tat` is `now + step`), rows locked in one order: by key.
                buckets.sort_by(|a, b| a.0.cmp(&b.0));
                let sql = format!(
                    "INSERT INTO rate_limits (key, tat) VALUES {} ON CONFLICT (key) DO UPDATE \
                     SET tat = CASE WHEN rate_limits.tat > $1 THEN rate_limits.tat ELSE $1 END \
                     + excluded.tat - $1 RETURNING key, tat",
                    values::tuples(2, buckets.len(), 2)
                );
                let mut query = sqlx::query_as::<_, (String, i64)>(&sql).bind(now);
                for (key, rate) in &buckets {
                    query = query.bind(key).bind(now + rate.step());
                }
                let tats: HashMap<String, i64> =
                    query.fetch_all(&db.pool).await?.into_iter().collect();
                let next: Vec<i64> = buckets
                    .iter()
                    .map(|(key, _)| tats.get(key).copied().unwrap_or(now))
                    .collect();
                let verdict = verdict(&buckets, &next, now);
                if verdict.is_err() {
                    self.give_back_sorted(&buckets).await?;
                }
                sweep(db, swept_at, now);
                Ok(verdict)
            }
        }
    }

    /// Gives back the token a [`Limiter::take`] of the same buckets took (a login that proved
    /// the password was not a failure).
    pub async fn give_back(&self, buckets: &[Bucket]) -> Result<(), sqlx::Error> {
        let mut buckets: Vec<&Bucket> = buckets.iter().filter(|(_, r)| r.burst > 0).collect();
        buckets.sort_by(|a, b| a.0.cmp(&b.0));
        self.give_back_sorted(&buckets).await
    }

    async fn give_back_sorted(&self, buckets: &[&Bucket]) -> Result<(), sqlx::Error> {
        match self {
            Limiter::Memory(tats) => {
                let mut tats = lock(tats);
                for (key, rate) in buckets {
                    if let Some(tat) = tats.get_mut(key) {
                        *tat -= rate.step();
                    }
                }
                Ok(())
            }
            Limiter::Shared { .. } if buckets.is_empty() => Ok(()),
            Limiter::Shared { db, .. } => {
                let steps: String = (0..buckets.len())
                    .map(|i| format!(" WHEN ${} THEN ${}", 2 * i + 1, 2 * i + 2))
                    .collect();
                let keys = (0..buckets.len())
                    .map(|i| format!("${}", 2 * i + 1))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!(
                    "UPDATE rate_limits SET tat = tat - CASE key{steps} END WHERE key IN ({keys})"
                );
                let mut query = sqlx::query(&sql);
                for (key, rate) in buckets {
                    query = query.bind(key).bind(rate.step());
                }
                query.execute(&db.pool).await?;
                Ok(())
            }
        }
    }
}

/// Allowed when every bucket allowed its take, else the longest wait.
fn verdict(buckets: &[&Bucket], tats: &[i64], now: i64) -> Verdict {
    buckets
        .iter()
        .zip(tats)
        .filter_map(|((_, rate), tat)| rate.wait(*tat, now))
        .max()
        .map_or(Ok(()), Err)
}

/// Deletes full buckets, at most once per [`SWEEP_EVERY_MS`] on this server, in the background.
fn sweep(db: &Db, swept_at: &AtomicI64, now: i64) {
    let last = swept_at.load(Ordering::Relaxed);
    if now - last < SWEEP_EVERY_MS
        || swept_at
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
    {
        return;
    }
    let db = db.clone();
    tokio::spawn(async move {
        let swept = sqlx::query("DELETE FROM rate_limits WHERE tat < $1")
            .bind(now)
            .execute(&db.pool)
            .await;
        if let Err(e) = swept {
            tracing::warn!(error = %e, "could not delete full rate-limit buckets");
        }
    });
}

fn lock(tats: &Mutex<HashMap<String, i64>>) -> MutexGuard<'_, HashMap<String, i64>> {
    tats.lock().unwrap_or_else(|e| e.into_inner())
}
