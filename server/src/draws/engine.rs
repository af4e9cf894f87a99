//! Draws in one database transaction, one or a whole batch at a time: limits by conditional
//! updates, the points debit, the sample, the stock reservation, the log entry, the prize. Every
//! step is one statement for all the batch's members (see [`crate::draws::queue`]), so a batch
//! costs about as many statements as a single draw. Replaying an idempotency key returns the
//! stored result and charges nothing (the draws table's UNIQUE key decides a race).

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use cradle_model::audience::{admits, MemberProfile};
use cradle_model::campaign::PrizeKind;
use cradle_model::{Campaign, Closed};
use sqlx::AnyConnection;

use crate::club::ledger::{self, Entry, Pending, Spent};
use crate::db::writes::Writes;
use crate::db::Db;
use crate::draws::code::{self, Issued};
use crate::draws::grants::Grants;
use crate::draws::published::PublishedVersion;
use crate::draws::record::{self, DrawRecord};
use crate::draws::tally::Tallies;
use crate::draws::{outcome, roll, stock};
use crate::store::{is_unique_violation, new_id};

/// Days after the campaign ends that a redemption code stays valid.
pub const REDEEM_DAYS_AFTER_END: i64 = 30;

/// Who draws, on what, with which key.
#[derive(Clone, Copy, Debug)]
pub struct DrawRequest<'a> {
    /// The member's internal id.
    pub member_id: &'a str,
    /// What the audience rule sees about the member.
    pub profile: &'a MemberProfile,
    /// The live version played on.
    pub page: &'a PublishedVersion,
    /// The campaign.
    pub campaign: &'a Campaign,
    /// The client's idempotency key.
    pub key: &'a str,
    /// The server's clock.
    pub now: DateTime<Utc>,
    /// The workspace's time zone, deciding which day's limits apply.
    pub zone: Tz,
}

/// A draw waiting to be played: owns what [`DrawRequest`] borrows.
#[derive(Debug)]
pub struct Job {
    member_id: String,
    profile: MemberProfile,
    page: Arc<PublishedVersion>,
    campaign: usize,
    key: String,
    now: DateTime<Utc>,
    zone: Tz,
}

impl Job {
    /// A draw by `member_id` on campaign `campaign_id` of `page` at `now` (a day of `zone`);
    /// `None` when the page has no such campaign.
    pub fn new(
        member_id: &str,
        profile: &MemberProfile,
        page: Arc<PublishedVersion>,
        campaign_id: &str,
        key: &str,
        now: DateTime<Utc>,
        zone: Tz,
    ) -> Option<Job> {
        let campaign = page
            .doc
            .campaigns
            .iter()
            .position(|c| c.id == campaign_id)?;
        Some(Job {
            member_id: member_id.to_owned(),
            profile: profile.clone(),
            page,
            campaign,
            key: key.to_owned(),
            now,
            zone,
        })
    }

    /// The draw as the engine reads it.
    pub fn request(&self) -> DrawRequest<'_> {
        DrawRequest {
            member_id: &self.member_id,
            profile: &self.profile,
            page: &self.page,
            // In bounds: found in this immutable page by `new`.
            campaign: &self.page.doc.campaigns[self.campaign],
            key: &self.key,
            now: self.now,
            zone: self.zone,
        }
    }
}

/// A played draw, or why it was refused.
pub type Outcome = Result<DrawRecord, DrawError>;

/// Why a draw was refused. Nothing was charged or recorded.
#[derive(Debug, thiserror::Error)]
pub enum DrawError {
    /// Outside the campaign window (within the page schedule).
    #[error("closed")]
    Closed(Closed),
    /// The member is outside the campaign's audience.
    #[error("not eligible")]
    NotEligible,
    /// The member used today's draws.
    #[error("daily limit")]
    DailyLimit(u32),
    /// The member used all draws of the campaign.
    #[error("campaign limit")]
    CampaignLimit(u32),
    /// The points balance is below the cost.
    #[error("insufficient points")]
    InsufficientPoints(i64),
    /// A spend-to-draw campaign, and no draw earned by spending is left: an order of at least
    /// this many cents earns one.
    #[error("no draw earned")]
    NoGrant(u64),
    /// The campaign has no seed (published before the draw engine existed): republish it.
    #[error("campaign has no seed")]
    NoSeed,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Checks the page schedule, the campaign window and the audience.
fn check_open(req: &DrawRequest<'_>, today: NaiveDate) -> Result<(), DrawError> {
    req.page
        .campaign_schedule(req.campaign)
        .check(req.now)
        .map_err(DrawError::Closed)?;
    if !admits(req.campaign.audience.as_ref(), req.profile, today) {
        return Err(DrawError::NotEligible);
    }
    Ok(())
}

/// A draw that passed the checks needing no database, with its day.
struct Ready<'a> {
    req: DrawRequest<'a>,
    day: String,
}

/// Checks what needs no database (schedule, audience, seed, limits of zero).
fn prepare<'a>(req: DrawRequest<'a>) -> Result<Ready<'a>, DrawError> {
    let today = req.now.with_timezone(&req.zone).date_naive();
    check_open(&req, today)?;
    if !req.page.seeds.contains_key(&req.campaign.id) {
        return Err(DrawError::NoSeed);
    }
    let limits = req.campaign.limits;
    if limits.per_member_per_day == Some(0) {
        return Err(DrawError::DailyLimit(0));
    }
    if limits.per_member_total == Some(0) {
        return Err(DrawError::CampaignLimit(0));
    }
    Ok(Ready {
        req,
        day: today.to_string(),
    })
}

/// Plays one draw in its own transaction on `conn`, or returns the stored result of an earlier
/// draw with the same key: a refusal or a unique violation on the key first checks whether the
/// key was already played.
pub async fn draw_alone(db: &Db, conn: &mut AnyConnection, job: &Job) -> Outcome {
    let played = async {
        let mut tx = db.begin_write_on(conn).await?;
        let outcome = play(&mut tx, &[job]).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(outcome)
    }
    .await;
    let refusal = match played.map(|outcomes| outcomes.into_iter().next()) {
        Ok(Some(Ok(record))) => return Ok(record),
        Ok(Some(Err(refusal))) => refusal,
        Ok(None) => DrawError::Db(sqlx::Error::RowNotFound),
        Err(e) if !is_unique_violation(&e) => return Err(DrawError::Db(e)),
        Err(e) => DrawError::Db(e),
    };
    record::by_key(conn, &job.request()).await?.ok_or(refusal)
}

/// Plays `jobs` in the open transaction `conn`: one outcome per job, in order. A member may
/// appear at most once. Refusals leave no trace (counters counted for them are taken back); an
/// error means the transaction must be rolled back.
pub async fn play(conn: &mut AnyConnection, jobs: &[&Job]) -> Result<Vec<Outcome>, sqlx::Error> {
    let mut outcomes: Vec<Option<Outcome>> = jobs.iter().map(|_| None).collect();
    // Open draws grouped by campaign and day, each group played with set-wide statements.
    let mut groups: Vec<Vec<(usize, Ready)>> = Vec::new();
    for (at, job) in jobs.iter().enumerate() {
        match prepare(job.request()) {
            Err(refusal) => outcomes[at] = Some(Err(refusal)),
            Ok(ready) => match groups.iter_mut().find(|g| same_group(&g[0].1, &ready)) {
                Some(group) => group.push((at, ready)),
                None => groups.push(vec![(at, ready)]),
            },
        }
    }
    // Campaigns in id order, as publishing locks them, so the two never wait on each other.
    groups.sort_by(|a, b| {
        let key = |g: &Vec<(usize, Ready)>| {
            (
                g[0].1.req.page.document_id.clone(),
                g[0].1.req.campaign.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    for group in &groups {
        let ready: Vec<&Ready> = group.iter().map(|(_, r)| r).collect();
        let played = play_campaign(conn, &ready).await?;
        for ((at, _), outcome) in group.iter().zip(played) {
            outcomes[*at] = Some(outcome);
        }
    }
    Ok(settled(outcomes))
}

/// Outcomes filled in step by step; every slot is filled by construction (an empty one would be
/// a bug, answered as a database error rather than a panic).
fn settled(outcomes: Vec<Option<Outcome>>) -> Vec<Outcome> {
    outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Err(DrawError::Db(sqlx::Error::RowNotFound))))
        .collect()
}

fn same_group(a: &Ready, b: &Ready) -> bool {
    a.req.page.document_id == b.req.page.document_id
        && a.req.page.number == b.req.page.number
        && a.req.campaign.id == b.req.campaign.id
        && a.day == b.day
}

/// One counted draw on its way through the steps.
struct Play<'a> {
    /// Position in the group.
    at: usize,
    req: &'a DrawRequest<'a>,
    day: &'a str,
    cost: i64,
    draw_id: String,
    source: String,
    /// Paid by the batch debit, its ledger line still to write.
    unlogged: bool,
    /// Number in the campaign's sequence, set once the draw is paid.
    seq: i64,
    rolled: String,
    sampled: usize,
}

impl Play<'_> {
    fn entry(&self, amount: i64, reason: &'static str) -> Entry<'_> {
        Entry {
            workspace_id: &self.req.page.workspace_id,
            member_id: self.req.member_id,
            amount,
            reason,
            source: &self.source,
            now_ms: self.req.now.timestamp_millis(),
        }
    }
}

/// Plays draws of one campaign on one day (distinct members): every step is one statement for
/// the whole group. The first statement writes, so SQLite takes its write lock at once.
async fn play_campaign(
    conn: &mut AnyConnection,
    group: &[&Ready<'_>],
) -> Result<Vec<Outcome>, sqlx::Error> {
    let first = &group[0].req;
    let (campaign, page) = (first.campaign, first.page);
    let tallies = Tallies {
        document_id: &page.document_id,
        campaign_id: &campaign.id,
        day: &group[0].day,
    };
    let limits = campaign.limits;
    let per_day = limits.per_member_per_day.map_or(i64::MAX, i64::from);
    let per_campaign = limits.per_member_total.map_or(i64::MAX, i64::from);
    let mut outcomes: Vec<Option<Outcome>> = group.iter().map(|_| None).collect();

    // Limits: count each draw only while its member is under both.
    let members: Vec<&str> = group.iter().map(|r| r.req.member_id).collect();
    let counted = tallies.count(conn, &members, per_day, per_campaign).await?;
    let mut plays = Vec::with_capacity(group.len());
    for (at, ready) in group.iter().enumerate() {
        let Some(&today_count) = counted.get(ready.req.member_id) else {
            let refusal = tallies.refusal(conn, ready.req.member_id, per_day).await?;
            outcomes[at] = Some(Err(refusal));
            continue;
        };
        // Cost: today's first `free_draws_per_day` draws are free.
        let cost = match today_count <= i64::from(campaign.cost.free_draws_per_day) {
            true => 0,
            false => i64::from(campaign.cost.points_per_draw),
        };
        let draw_id = new_id();
        plays.push(Play {
            at,
            req: &ready.req,
            day: &ready.day,
            cost,
            source: format!("draw:{draw_id}"),
            draw_id,
            unlogged: false,
            seq: 0,
            rolled: String::new(),
            sampled: 0,
        });
    }

    // Draws earned by spending: each play uses a grant; those without one are refused, uncounted.
    if let Some(spend) = campaign.spend_over_cents {
        let grants = Grants {
            document_id: &page.document_id,
            campaign_id: &campaign.id,
        };
        let wanting: Vec<&str> = plays.iter().map(|p| p.req.member_id).collect();
        let granted: HashSet<String> = grants.take(conn, &wanting).await?.into_iter().collect();
        let without: Vec<&str> = wanting
            .into_iter()
            .filter(|m| !granted.contains(*m))
            .collect();
        tallies.uncount(conn, &without).await?;
        plays.retain(|p| {
            let refused = !granted.contains(p.req.member_id);
            if refused {
                outcomes[p.at] = Some(Err(DrawError::NoGrant(spend)));
            }
            !refused
        });
    }

    // Points: debit the paying draws; those short of points are refused and uncounted.
    let paying: Vec<&Play> = plays.iter().filter(|p| p.cost > 0).collect();
    let debits: Vec<Entry> = paying.iter().map(|p| p.entry(p.cost, "draw")).collect();
    let spent = ledger::spend_many(conn, &debits).await?;
    let short: HashSet<&str> = paying
        .iter()
        .zip(&spent)
        .filter(|(_, spent)| **spent == Spent::Refused)
        .map(|(p, _)| p.req.member_id)
        .collect();
    let unlogged: HashSet<&str> = paying
        .iter()
        .zip(&spent)
        .filter(|(_, spent)| **spent == Spent::Unlogged)
        .map(|(p, _)| p.req.member_id)
        .collect();
    tallies
        .uncount(conn, &short.iter().copied().collect::<Vec<_>>())
        .await?;
    for play in &mut plays {
        play.unlogged = unlogged.contains(play.req.member_id);
    }
    plays.retain(|p| {
        let refused = short.contains(p.req.member_id);
        if refused {
            outcomes[p.at] = Some(Err(DrawError::InsufficientPoints(p.cost)));
        }
        !refused
    });

    // Sample: the paid draws take the campaign's next sequence numbers, in batch order, and each
    // rolls HMAC(seed, "seq:member:key"), inputs fixed before the server could see the roll.
    // The seed comes from the row that numbers the draws, so it is always the current one.
    if !plays.is_empty() {
        let count = i64::try_from(plays.len()).unwrap_or(i64::MAX);
        let (last, seed): (i64, String) = sqlx::query_as(
            "UPDATE campaign_seeds SET draws = draws + $3 WHERE document_id = $1 \
             AND campaign_id = $2 RETURNING draws, seed",
        )
        .bind(&page.document_id)
        .bind(&campaign.id)
        .bind(count)
        .fetch_one(&mut *conn)
        .await?;
        for (seq, play) in (last - count + 1..).zip(plays.iter_mut()) {
            play.seq = seq;
            play.rolled = roll::roll(&seed, &roll::message(seq, play.req.member_id, play.req.key));
            play.sampled = roll::pick(campaign, &play.rolled).unwrap_or(0);
        }
    }

    // Win limit, then stock, prize by prize in batch order; a win counted on a prize that ran
    // out is taken back. Without a win limit the wins are counted with the last writes, once
    // the stock decided them: two round trips fewer.
    let wins: Vec<&str> = plays
        .iter()
        .filter(|p| outcome::counts_as_win(campaign, p.sampled))
        .map(|p| p.req.member_id)
        .collect();
    let max_wins = limits.max_wins_per_member.map(i64::from);
    let counted_wins: HashSet<String> = match max_wins {
        Some(max) => tallies.win(conn, &wins, max).await?,
        None => wins.iter().map(|m| (*m).to_owned()).collect(),
    };
    let win_allowed: Vec<bool> = plays
        .iter()
        .map(|p| {
            !outcome::counts_as_win(campaign, p.sampled) || counted_wins.contains(p.req.member_id)
        })
        .collect();
    // The stock rows decide, not this version's stock (see `stock`): a change published a
    // moment ago binds draws still playing on the previous version.
    let mut stock_taken = vec![false; plays.len()];
    let mut sampled = Vec::new();
    for (index, prize) in campaign.prizes.iter().enumerate() {
        let wanting: Vec<usize> = (0..plays.len())
            .filter(|&k| win_allowed[k] && plays[k].sampled == index)
            .collect();
        if !wanting.is_empty() {
            sampled.push((prize.id.as_str(), wanting));
        }
    }
    // Prizes in id order, the same in every batch, so concurrent batches lock rows alike.
    sampled.sort_by_key(|(prize, _)| *prize);
    let wanted: Vec<(&str, i64)> = sampled
        .iter()
        .map(|(prize, wanting)| (*prize, i64::try_from(wanting.len()).unwrap_or(i64::MAX)))
        .collect();
    let taken = stock::take_all(conn, &page.document_id, &campaign.id, &wanted).await?;
    for ((_, wanting), taken) in sampled.iter().zip(taken) {
        let granted = usize::try_from(taken).unwrap_or_default();
        wanting
            .iter()
            .take(granted)
            .for_each(|&k| stock_taken[k] = true);
    }
    let unwon: Vec<&str> = (0..plays.len())
        .filter(|&k| counted_wins.contains(plays[k].req.member_id) && !stock_taken[k])
        .map(|k| plays[k].req.member_id)
        .collect();
    let mut writes = Writes::new(conn);
    match max_wins {
        Some(_) => tallies.unwin(conn, &unwon).await?,
        None => {
            let won: Vec<&str> = (0..plays.len())
                .filter(|&k| counted_wins.contains(plays[k].req.member_id) && stock_taken[k])
                .map(|k| plays[k].req.member_id)
                .collect();
            tallies.count_wins(&mut writes, &won)?;
        }
    }

    // The log, the prizes, the codes and the ledger: one round trip ([`Writes`]).
    let mut records = Vec::with_capacity(plays.len());
    for (k, play) in plays.iter().enumerate() {
        let (awarded, reason) =
            outcome::resolve(campaign, play.sampled, win_allowed[k], stock_taken[k]);
        let prize = &campaign.prizes[awarded];
        let code = matches!(
            prize.kind,
            PrizeKind::Coupon { .. } | PrizeKind::Physical { .. }
        )
        .then(code::new_code);
        records.push(DrawRecord {
            id: play.draw_id.clone(),
            campaign_id: campaign.id.clone(),
            version: page.number,
            sampled_prize: campaign.prizes[play.sampled].id.clone(),
            prize_id: prize.id.clone(),
            prize_index: awarded,
            fallback_reason: reason,
            cost: play.cost,
            roll: play.rolled.clone(),
            code,
            created_at: play.req.now.timestamp_millis(),
            seq: Some(play.seq),
            replayed: false,
        });
    }
    let logged: Vec<_> = plays
        .iter()
        .zip(&records)
        .map(|(p, r)| (p.req, p.day, r))
        .collect();
    let credits: Vec<Entry> = plays
        .iter()
        .zip(&records)
        .filter_map(|(p, r)| match campaign.prizes[r.prize_index].kind {
            PrizeKind::Points { amount } => Some(p.entry(i64::from(amount), "prize")),
            _ => None,
        })
        .collect();
    let expires_at = campaign.window.end.timestamp_millis() + REDEEM_DAYS_AFTER_END * 86_400_000;
    let issued: Vec<Issued> = plays
        .iter()
        .zip(&records)
        .filter_map(|(p, r)| {
            Some(Issued {
                code: r.code.as_deref()?,
                workspace_id: &page.workspace_id,
                draw_id: &r.id,
                member_id: p.req.member_id,
                prize_name: &campaign.prizes[r.prize_index].name,
                issued_at: r.created_at,
                expires_at,
            })
        })
        .collect();
    let debited: Vec<Entry> = plays
        .iter()
        .filter(|p| p.unlogged)
        .map(|p| p.entry(p.cost, "draw"))
        .collect();
    let mut lines: Vec<Pending> = debited
        .iter()
        .map(|e| (e, "spend", -e.amount, None))
        .collect();
    record::log_many(&mut writes, &logged)?;
    code::store(&mut writes, &issued)?;
    ledger::earn_many(conn, &credits, &mut writes, &mut lines).await?;
    ledger::append_pending(&mut writes, &lines)?;
    ledger::count_shares(&mut writes, &credits)?;
    let linked = writes.run(conn).await?;
    ledger::pay_sharers(conn, &credits, &linked).await?;
    for (play, record) in plays.iter().zip(records) {
        outcomes[play.at] = Some(Ok(record));
    }
    Ok(settled(outcomes))
}
