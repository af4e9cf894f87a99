//! One draw, in one database transaction: limits by conditional updates, the points debit, the
//! sample, the stock reservation, the log entry, the prize. Replaying an idempotency key returns
//! the stored result and charges nothing (the draws table's UNIQUE key decides a race).

use chrono::{DateTime, NaiveDate, Utc};
use cradle_model::audience::{admits, MemberProfile};
use cradle_model::campaign::{PrizeKind, Stock};
use cradle_model::Campaign;
use sqlx::AnyConnection;

use crate::club::ledger::{self, Entry};
use crate::db::Db;
use crate::draws::outcome;
use crate::draws::published::PublishedVersion;
use crate::draws::record::{self, DrawRecord};
use crate::draws::{code, roll};
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
}

/// Why a draw was refused. Nothing was charged or recorded.
#[derive(Debug, thiserror::Error)]
pub enum DrawError {
    /// Before the campaign window (or page schedule) opens.
    #[error("not started")]
    NotStarted(DateTime<Utc>),
    /// After it closed.
    #[error("ended")]
    Ended(DateTime<Utc>),
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
    /// The campaign has no seed (published before the draw engine existed): republish it.
    #[error("campaign has no seed")]
    NoSeed,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The instant as a UTC time.
fn utc_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Checks the page schedule, the campaign window and the audience.
pub fn check_open(req: &DrawRequest<'_>, today: NaiveDate) -> Result<(), DrawError> {
    let now_ms = req.now.timestamp_millis();
    let window = req.campaign.window;
    let start = req.page.starts_at.map_or(window.start.to_utc(), |s| {
        utc_ms(s).max(window.start.to_utc())
    });
    let end = req
        .page
        .ends_at
        .map_or(window.end.to_utc(), |e| utc_ms(e).min(window.end.to_utc()));
    if now_ms < start.timestamp_millis() {
        return Err(DrawError::NotStarted(start));
    }
    if now_ms >= end.timestamp_millis() {
        return Err(DrawError::Ended(end));
    }
    if !admits(req.campaign.audience.as_ref(), req.profile, today) {
        return Err(DrawError::NotEligible);
    }
    Ok(())
}

/// Plays one draw, or returns the stored result of an earlier draw with the same key. The key
/// is claimed by the draws table's UNIQUE constraint inside the transaction, so the common case
/// (a new key) costs no lookup; any refusal first checks whether the key was already played.
pub async fn draw(db: &Db, req: &DrawRequest<'_>) -> Result<DrawRecord, DrawError> {
    match attempt(db, req).await {
        Ok(result) => Ok(result),
        Err(DrawError::Db(e)) if !is_unique_violation(&e) => Err(DrawError::Db(e)),
        Err(e) => record::by_key(db, req).await?.ok_or(e),
    }
}

async fn attempt(db: &Db, req: &DrawRequest<'_>) -> Result<DrawRecord, DrawError> {
    let today = req.now.with_timezone(&req.page.time_zone).date_naive();
    check_open(req, today)?;
    let (seed, _) = req
        .page
        .seeds
        .get(&req.campaign.id)
        .ok_or(DrawError::NoSeed)?;
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    match play(&mut tx, req, seed, today).await {
        Ok(result) => {
            tx.commit().await?;
            Ok(result)
        }
        Err(e) => {
            tx.rollback().await?;
            Err(e)
        }
    }
}

/// The transaction's body. The first statement writes, so SQLite takes its write lock at once
/// (a deferred read-then-write transaction could fail to upgrade under load).
async fn play(
    conn: &mut AnyConnection,
    req: &DrawRequest<'_>,
    seed: &str,
    today: NaiveDate,
) -> Result<DrawRecord, DrawError> {
    let campaign = req.campaign;
    let limits = campaign.limits;
    let day = today.to_string();
    let per_day = limits.per_member_per_day.map_or(i64::MAX, i64::from);
    let per_campaign = limits.per_member_total.map_or(i64::MAX, i64::from);
    if per_day == 0 {
        return Err(DrawError::DailyLimit(0));
    }
    if per_campaign == 0 {
        return Err(DrawError::CampaignLimit(0));
    }
    // Limits: count this draw only while under both limits (one conditional upsert).
    let counted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO draw_tallies (member_id, document_id, campaign_id, day, day_count, total, wins) \
         VALUES ($1, $2, $3, $4, 1, 1, 0) \
         ON CONFLICT (member_id, document_id, campaign_id) DO UPDATE SET \
         day_count = CASE WHEN draw_tallies.day = $4 THEN draw_tallies.day_count + 1 ELSE 1 END, \
         day = $4, total = draw_tallies.total + 1 \
         WHERE (CASE WHEN draw_tallies.day = $4 THEN draw_tallies.day_count ELSE 0 END) < $5 \
         AND draw_tallies.total < $6 \
         RETURNING day_count",
    )
    .bind(req.member_id)
    .bind(&req.page.document_id)
    .bind(&campaign.id)
    .bind(&day)
    .bind(per_day)
    .bind(per_campaign)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((today_count,)) = counted else {
        let (used_today, total): (i64, i64) = sqlx::query_as(
            "SELECT CASE WHEN day = $4 THEN day_count ELSE 0 END, total FROM draw_tallies \
             WHERE member_id = $1 AND document_id = $2 AND campaign_id = $3",
        )
        .bind(req.member_id)
        .bind(&req.page.document_id)
        .bind(&campaign.id)
        .bind(&day)
        .fetch_one(&mut *conn)
        .await?;
        return Err(match used_today >= per_day {
            true => DrawError::DailyLimit(u32::try_from(used_today).unwrap_or(u32::MAX)),
            false => DrawError::CampaignLimit(u32::try_from(total).unwrap_or(u32::MAX)),
        });
    };
    // Cost: today's first `free_draws_per_day` draws are free.
    let cost = match today_count <= i64::from(campaign.cost.free_draws_per_day) {
        true => 0,
        false => i64::from(campaign.cost.points_per_draw),
    };
    let draw_id = new_id();
    let source = format!("draw:{draw_id}");
    let now_ms = req.now.timestamp_millis();
    let entry = |amount: i64, reason: &'static str| Entry {
        workspace_id: &req.page.workspace_id,
        member_id: req.member_id,
        amount,
        reason,
        source: &source,
        now_ms,
    };
    if cost > 0 && !ledger::spend(&mut *conn, &entry(cost, "draw")).await? {
        return Err(DrawError::InsufficientPoints(cost));
    }
    // Sample: the roll is HMAC(seed, draw id); the draw id is fresh from the CSPRNG.
    let rolled = roll::roll(seed, &draw_id);
    let sampled = roll::pick(campaign, &rolled).unwrap_or(0);
    let win_allowed = !outcome::counts_as_win(campaign, sampled) || take_win(conn, req).await?;
    let stock_taken = win_allowed && take_stock(conn, req, sampled).await?;
    if win_allowed && !stock_taken && outcome::counts_as_win(campaign, sampled) {
        sqlx::query(
            "UPDATE draw_tallies SET wins = wins - 1 \
             WHERE member_id = $1 AND document_id = $2 AND campaign_id = $3",
        )
        .bind(req.member_id)
        .bind(&req.page.document_id)
        .bind(&campaign.id)
        .execute(&mut *conn)
        .await?;
    }
    let (awarded, reason) = outcome::resolve(campaign, sampled, win_allowed, stock_taken);
    let prize = &campaign.prizes[awarded];
    let code =
        matches!(prize.kind, PrizeKind::Coupon { .. } | PrizeKind::Physical).then(code::new_code);
    let record = DrawRecord {
        id: draw_id.clone(),
        campaign_id: campaign.id.clone(),
        version: req.page.number,
        sampled_prize: campaign.prizes[sampled].id.clone(),
        prize_id: prize.id.clone(),
        prize_index: awarded,
        fallback_reason: reason,
        cost,
        roll: rolled,
        code: code.clone(),
        created_at: now_ms,
        replayed: false,
    };
    record::insert(conn, req, &day, &record).await?;
    if let PrizeKind::Points { amount } = prize.kind {
        ledger::earn(&mut *conn, &entry(i64::from(amount), "prize")).await?;
    }
    if let Some(code) = code {
        let expires =
            req.campaign.window.end.timestamp_millis() + REDEEM_DAYS_AFTER_END * 24 * 3_600_000;
        sqlx::query(
            "INSERT INTO redemption_codes (code, workspace_id, draw_id, member_id, prize_name, \
             issued_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&code)
        .bind(&req.page.workspace_id)
        .bind(&draw_id)
        .bind(req.member_id)
        .bind(&prize.name)
        .bind(now_ms)
        .bind(expires)
        .execute(&mut *conn)
        .await?;
    }
    Ok(record)
}

/// Counts a win if the member is under the campaign's win limit.
async fn take_win(conn: &mut AnyConnection, req: &DrawRequest<'_>) -> Result<bool, sqlx::Error> {
    let max = req
        .campaign
        .limits
        .max_wins_per_member
        .map_or(i64::MAX, i64::from);
    let done = sqlx::query(
        "UPDATE draw_tallies SET wins = wins + 1 \
         WHERE member_id = $1 AND document_id = $2 AND campaign_id = $3 AND wins < $4",
    )
    .bind(req.member_id)
    .bind(&req.page.document_id)
    .bind(&req.campaign.id)
    .bind(max)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Reserves one of a limited prize (`remaining > 0` in the same statement); unlimited prizes
/// touch no row, so "thanks for taking part" never becomes a hot spot.
async fn take_stock(
    conn: &mut AnyConnection,
    req: &DrawRequest<'_>,
    index: usize,
) -> Result<bool, sqlx::Error> {
    let prize = &req.campaign.prizes[index];
    if prize.stock == Stock::Unlimited {
        return Ok(true);
    }
    let done = sqlx::query(
        "UPDATE prize_stock SET remaining = remaining - 1, issued = issued + 1 \
         WHERE document_id = $1 AND campaign_id = $2 AND prize_id = $3 AND remaining > 0",
    )
    .bind(&req.page.document_id)
    .bind(&req.campaign.id)
    .bind(&prize.id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
