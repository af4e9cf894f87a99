//! The draw queue: requests wait here and one writer task per server plays them in batches, one
//! transaction per batch (group commit), so a busy campaign costs a dozen statements per batch
//! instead of a dozen per draw. While one batch plays, the next one fills. Servers behind a
//! balancer each run their own writer; their batches meet only in row locks (taken in member
//! and prize order) and the UNIQUE key.
//!
//! A batch names each member at most once (a member's second draw waits for the next batch).
//! Replayed keys are looked up before the batch plays (one query), so a client retrying its key
//! never fails the batch. If a batch fails as a whole anyway (a key played on another server
//! that very moment, a deadlock, a lost connection), each of its draws is played alone, where
//! replays and refusals are decided one by one: the batch is an optimisation, never a different
//! answer.
//!
//! On shutdown the queue drains ([`DrawQueue::drain`]): it takes no new draws, and the writer
//! plays and answers every draw already queued, even those whose callers stopped waiting, before
//! the process exits.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use sqlx::AnyConnection;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::db::{Backend, Db};
use crate::draws::engine::{self, DrawError, Job, Outcome};
use crate::draws::record;

/// Most draws played in one transaction.
pub const MAX_BATCH: usize = 128;
/// Draws waiting before new requests wait to enter the queue.
const DEPTH: usize = 4096;

struct Queued {
    job: Job,
    reply: oneshot::Sender<Outcome>,
}

/// Hands draws to the writer and their outcomes back.
#[derive(Clone, Debug)]
pub struct DrawQueue {
    /// `None` once draining: the writer ends when the last sender queued its draw.
    sender: Arc<Mutex<Option<mpsc::Sender<Queued>>>>,
    writer: Arc<Mutex<Option<JoinHandle<()>>>>,
    stats: Arc<Stats>,
}

/// What the writer did so far.
#[derive(Debug, Default)]
pub struct Stats {
    /// Batches played.
    pub batches: AtomicU64,
    /// Batches that failed as a whole, their draws then played one by one.
    pub failed_batches: AtomicU64,
}

impl DrawQueue {
    /// Starts the writer. Must be called inside a Tokio runtime.
    pub fn start(db: &Db) -> DrawQueue {
        let (sender, receiver) = mpsc::channel(DEPTH);
        let stats = Arc::new(Stats::default());
        let writer = tokio::spawn(write(db.clone(), receiver, stats.clone()));
        DrawQueue {
            sender: Arc::new(Mutex::new(Some(sender))),
            writer: Arc::new(Mutex::new(Some(writer))),
            stats,
        }
    }

    /// Batches played and batches that failed as a whole, so far.
    pub fn stats(&self) -> (u64, u64) {
        (
            self.stats.batches.load(Ordering::Relaxed),
            self.stats.failed_batches.load(Ordering::Relaxed),
        )
    }

    /// Plays `job` in the next batch. The draw is played even if the caller stops waiting (the
    /// client retries with the same key and gets the stored result).
    pub async fn draw(&self, job: Job) -> Outcome {
        let (reply, answer) = oneshot::channel();
        let closed = || DrawError::Db(sqlx::Error::PoolClosed);
        let sender = lock(&self.sender).clone().ok_or_else(closed)?;
        sender
            .send(Queued { job, reply })
            .await
            .map_err(|_| closed())?;
        drop(sender);
        answer.await.map_err(|_| closed())?
    }

    /// Takes no more draws (they fail as if the database were closed), plays and answers every
    /// draw already queued, and returns once the writer has ended.
    pub async fn drain(&self) {
        lock(&self.sender).take();
        let writer = lock(&self.writer).take();
        if let Some(writer) = writer {
            if let Err(e) = writer.await {
                tracing::error!(error = %e, "the draw writer failed");
            }
        }
    }
}

fn lock<T>(slot: &Mutex<T>) -> MutexGuard<'_, T> {
    slot.lock().unwrap_or_else(|e| e.into_inner())
}

/// Batches in flight at once. On PostgreSQL a second batch plays its statements while the first
/// waits for its commit's log flush; the rows every batch writes (the campaign's sequence, then
/// its stock) are locked in the same order and held only from there to the commit, and the two
/// batches never name the same member, so they cannot deadlock. SQLite has one write lock, held
/// through the sync, so a second batch would only wait for it.
fn lanes(db: &Db) -> usize {
    match db.backend {
        Backend::Postgres => 2,
        Backend::Sqlite => 1,
    }
}

/// A lane's connection and the members of the batch it played, back from the lane's task.
type Played = (Option<AnyConnection>, Vec<String>);

/// The writer: takes the next batch whenever a lane is free, plays it there and answers, until
/// the queue closes and every lane is done. Each lane writes on a connection of its own
/// ([`Db::connect_writer`]), made anew after a batch fails.
async fn write(db: Db, mut receiver: mpsc::Receiver<Queued>, stats: Arc<Stats>) {
    let lanes = lanes(&db);
    let mut idle: Vec<Option<AnyConnection>> = (0..lanes).map(|_| None).collect();
    let (done, mut finished) = mpsc::channel::<Played>(lanes);
    let mut playing: HashSet<String> = HashSet::new();
    let mut waiting: Vec<Queued> = Vec::new();
    let mut closed = false;
    loop {
        while let Ok((conn, members)) = finished.try_recv() {
            free(&mut idle, &mut playing, conn, members);
        }
        if closed && waiting.is_empty() && idle.len() == lanes {
            return;
        }
        let batch = match idle.is_empty() {
            true => Vec::new(),
            false => next_batch(&mut receiver, &mut waiting, &playing),
        };
        if batch.is_empty() {
            // Nothing to play now: wait for a draw or for a lane to finish.
            tokio::select! {
                queued = receiver.recv(), if !closed && !idle.is_empty() => match queued {
                    Some(queued) => waiting.push(queued),
                    None => closed = true,
                },
                Some((conn, members)) = finished.recv(), if idle.len() < lanes => {
                    free(&mut idle, &mut playing, conn, members);
                }
            }
            continue;
        }
        let members: Vec<String> = batch
            .iter()
            .map(|q| q.job.request().member_id.to_owned())
            .collect();
        playing.extend(members.iter().cloned());
        let mut conn = idle.pop().flatten();
        let (db, stats, done) = (db.clone(), stats.clone(), done.clone());
        tokio::spawn(async move {
            answer(&db, &mut conn, batch, &stats).await;
            // The writer holds the receiver until every lane is back.
            let _ = done.send((conn, members)).await;
        });
    }
}

fn free(
    idle: &mut Vec<Option<AnyConnection>>,
    playing: &mut HashSet<String>,
    conn: Option<AnyConnection>,
    members: Vec<String>,
) {
    idle.push(conn);
    for member in &members {
        playing.remove(member);
    }
}

/// The writer's connection, connecting when there is none.
async fn writer<'c>(
    db: &Db,
    conn: &'c mut Option<AnyConnection>,
) -> Result<&'c mut AnyConnection, sqlx::Error> {
    if conn.is_none() {
        *conn = Some(db.connect_writer().await?);
    }
    conn.as_mut().ok_or(sqlx::Error::PoolClosed)
}

/// Up to [`MAX_BATCH`] draws of distinct members not in a batch still playing: first those left
/// waiting, then whatever is queued now. The others wait for a later batch.
fn next_batch(
    receiver: &mut mpsc::Receiver<Queued>,
    waiting: &mut Vec<Queued>,
    playing: &HashSet<String>,
) -> Vec<Queued> {
    let mut batch: Vec<Queued> = Vec::new();
    let mut members = HashSet::new();
    let mut later = Vec::new();
    let mut admit = |queued: Queued, batch: &mut Vec<Queued>| {
        let member = queued.job.request().member_id;
        if batch.len() < MAX_BATCH && !playing.contains(member) && members.insert(member.to_owned())
        {
            batch.push(queued);
        } else {
            later.push(queued);
        }
    };
    for queued in waiting.drain(..) {
        admit(queued, &mut batch);
    }
    while batch.len() < MAX_BATCH {
        match receiver.try_recv() {
            Ok(queued) => admit(queued, &mut batch),
            Err(_) => break,
        }
    }
    *waiting = later;
    batch
}

/// Plays a batch and sends each draw its outcome.
async fn answer(db: &Db, conn: &mut Option<AnyConnection>, mut batch: Vec<Queued>, stats: &Stats) {
    // Rows are locked in member order, the same in every batch.
    batch.sort_by(|a, b| a.job.request().member_id.cmp(b.job.request().member_id));
    let (jobs, replies): (Vec<Job>, Vec<_>) = batch.into_iter().map(|q| (q.job, q.reply)).unzip();
    let started = std::time::Instant::now();
    let played = match writer(db, conn).await {
        Ok(c) => play_batch(db, c, &jobs).await,
        Err(e) => Err(e),
    };
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    tracing::debug!(draws = jobs.len(), micros, "draw batch");
    stats.batches.fetch_add(1, Ordering::Relaxed);
    let outcomes = match played {
        Ok(outcomes) => outcomes,
        Err(e) => {
            stats.failed_batches.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(error = %e, draws = jobs.len(), "draw batch failed; playing its draws one by one");
            // The failure may have broken the connection: start afresh.
            *conn = None;
            let mut outcomes = Vec::with_capacity(jobs.len());
            for job in &jobs {
                outcomes.push(match writer(db, conn).await {
                    Ok(c) => engine::draw_alone(db, c, job).await,
                    Err(e) => Err(DrawError::Db(e)),
                });
            }
            outcomes
        }
    };
    for (reply, outcome) in replies.into_iter().zip(outcomes) {
        // A caller that stopped waiting finds its draw by key when it retries.
        let _ = reply.send(outcome);
    }
}

/// Plays a batch in one transaction: keys already played are answered from the log (looked up
/// first, in the same transaction), the rest are played. A refused draw may repeat a key played
/// elsewhere meanwhile: it gets the stored result.
async fn play_batch(
    db: &Db,
    conn: &mut AnyConnection,
    jobs: &[Job],
) -> Result<Vec<Outcome>, sqlx::Error> {
    let reqs: Vec<_> = jobs.iter().map(Job::request).collect();
    let mut tx = db.begin_write_on(conn).await?;
    let earlier = record::by_keys(&mut tx, &reqs).await?;
    let fresh: Vec<&Job> = jobs
        .iter()
        .zip(&earlier)
        .filter(|(_, e)| e.is_none())
        .map(|(job, _)| job)
        .collect();
    let mut played = engine::play(&mut tx, &fresh).await?.into_iter();
    let committing = std::time::Instant::now();
    tx.commit().await?;
    // Beside `draw batch`: how much of the batch's time its commit (the log sync) took.
    let micros = u64::try_from(committing.elapsed().as_micros()).unwrap_or(u64::MAX);
    tracing::debug!(micros, "draw commit");
    let mut outcomes = Vec::with_capacity(jobs.len());
    for (job, earlier) in jobs.iter().zip(earlier) {
        let outcome = match earlier {
            Some(record) => Ok(record),
            None => played
                .next()
                .unwrap_or(Err(DrawError::Db(sqlx::Error::RowNotFound))),
        };
        outcomes.push(match outcome {
            Err(refusal) if !matches!(refusal, DrawError::Db(_)) => {
                match record::by_key(conn, &job.request()).await? {
                    Some(earlier) => Ok(earlier),
                    None => Err(refusal),
                }
            }
            other => other,
        });
    }
    Ok(outcomes)
}
