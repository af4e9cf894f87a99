//! The draw queue: requests wait here and one writer task per server plays them in batches, one
//! transaction per batch (group commit), so a busy campaign costs a dozen statements per batch
//! instead of a dozen per draw. While one batch plays, the next one fills. Servers behind a
//! balancer each run their own writer; their batches meet only in row locks (taken in member
//! and prize order) and the UNIQUE key.
//!
//! A batch names each member at most once (a member's second draw waits for the next batch).
//! If a batch fails as a whole (a replayed key, a deadlock, a lost connection), each of its draws
//! is played alone, where replays and refusals are decided one by one: the batch is an
//! optimisation, never a different answer.

use std::collections::HashSet;

use tokio::sync::{mpsc, oneshot};

use crate::db::Db;
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
    sender: mpsc::Sender<Queued>,
}

impl DrawQueue {
    /// Starts the writer. Must be called inside a Tokio runtime.
    pub fn start(db: &Db) -> DrawQueue {
        let (sender, receiver) = mpsc::channel(DEPTH);
        tokio::spawn(write(db.clone(), receiver));
        DrawQueue { sender }
    }

    /// Plays `job` in the next batch. The draw is played even if the caller stops waiting (the
    /// client retries with the same key and gets the stored result).
    pub async fn draw(&self, job: Job) -> Outcome {
        let (reply, answer) = oneshot::channel();
        let closed = || DrawError::Db(sqlx::Error::PoolClosed);
        self.sender
            .send(Queued { job, reply })
            .await
            .map_err(|_| closed())?;
        answer.await.map_err(|_| closed())?
    }
}

/// The writer: takes the next batch, plays it, answers, until the queue closes.
async fn write(db: Db, mut receiver: mpsc::Receiver<Queued>) {
    let mut waiting: Vec<Queued> = Vec::new();
    loop {
        let batch = next_batch(&mut receiver, &mut waiting).await;
        if batch.is_empty() {
            return;
        }
        answer(&db, batch).await;
    }
}

/// Up to [`MAX_BATCH`] draws of distinct members: first those left waiting by the last batch,
/// then whatever is queued, waiting for one draw only when there is nothing at all. Empty once
/// the queue is closed and drained.
async fn next_batch(
    receiver: &mut mpsc::Receiver<Queued>,
    waiting: &mut Vec<Queued>,
) -> Vec<Queued> {
    let mut batch: Vec<Queued> = Vec::new();
    let mut members = HashSet::new();
    let mut later = Vec::new();
    let mut admit = |queued: Queued, batch: &mut Vec<Queued>| {
        if members.insert(queued.job.request().member_id.to_owned()) {
            batch.push(queued);
        } else {
            later.push(queued);
        }
    };
    for queued in waiting.drain(..) {
        admit(queued, &mut batch);
    }
    if batch.is_empty() {
        match receiver.recv().await {
            Some(queued) => admit(queued, &mut batch),
            None => return batch,
        }
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
async fn answer(db: &Db, mut batch: Vec<Queued>) {
    // Rows are locked in member order, the same in every batch.
    batch.sort_by(|a, b| a.job.request().member_id.cmp(b.job.request().member_id));
    let (jobs, replies): (Vec<Job>, Vec<_>) = batch.into_iter().map(|q| (q.job, q.reply)).unzip();
    let started = std::time::Instant::now();
    let played = play_batch(db, &jobs).await;
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    tracing::debug!(draws = jobs.len(), micros, "draw batch");
    let outcomes = match played {
        Ok(outcomes) => outcomes,
        Err(e) => {
            tracing::warn!(error = %e, draws = jobs.len(), "draw batch failed; playing its draws one by one");
            let mut outcomes = Vec::with_capacity(jobs.len());
            for job in &jobs {
                outcomes.push(engine::draw_alone(db, job).await);
            }
            outcomes
        }
    };
    for (reply, outcome) in replies.into_iter().zip(outcomes) {
        // A caller that stopped waiting finds its draw by key when it retries.
        let _ = reply.send(outcome);
    }
}

/// Plays a batch in one transaction. A key already played makes the draws insert fail (UNIQUE),
/// and with it the batch, whose draws are then played alone; so the common case (new keys) costs
/// no lookup. A refused draw may repeat a key played earlier: it gets the stored result.
async fn play_batch(db: &Db, jobs: &[Job]) -> Result<Vec<Outcome>, sqlx::Error> {
    let all: Vec<&Job> = jobs.iter().collect();
    let mut tx = db.pool.begin().await?;
    let mut outcomes = engine::play(&mut tx, &all).await?;
    tx.commit().await?;
    for (job, outcome) in jobs.iter().zip(&mut outcomes) {
        if matches!(outcome, Err(refusal) if !matches!(refusal, DrawError::Db(_))) {
            if let Some(earlier) = record::by_key(db, &job.request()).await? {
                *outcome = Ok(earlier);
            }
        }
    }
    Ok(outcomes)
}
