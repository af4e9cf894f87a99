//! The member's standing as her club blocks show it ([`ClubCard`]): balance, growth, points
//! lapsing soon, her sign-in streak on the workspace's day, who shares rights with her and her
//! lifecycle stage, what she has done (tasks) and her medals, whom she shares her rights with.

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use cradle_model::Stage;
use cradle_wire::member::{ClubCard, Expiring, SharedBy, EXPIRING_WITHIN_DAYS};

use crate::club::members::Member;
use crate::club::{codes, day, expiry, ledger, sharing, sign_in, tally};
use crate::db::Db;
use crate::store::now_ms;

/// The card of `found` (whose lifecycle stage and week today are `life`) on the page
/// `document_id` now, lapsed points expired first.
pub async fn of(
    db: &Db,
    found: &Member,
    life: (Option<Stage>, Option<u32>),
    document_id: &str,
    zone: Tz,
) -> Result<ClubCard, sqlx::Error> {
    let (stage, week) = life;
    let member = found.id.as_str();
    let points = ledger::balance(db, member).await?;
    let now = now_ms();
    let moves = ledger::moves(&mut *db.pool.acquire().await?, member).await?;
    let until = now + Duration::days(EXPIRING_WITHIN_DAYS).num_milliseconds();
    let expiring = expiry::upcoming(&moves, now, until).map(|(points, at)| Expiring {
        points,
        on: day::local_day(zone, at).to_string(),
    });
    let today = day::local_day(zone, now);
    let (signed_in_today, streak, today_points) = streak(db, member, today).await?;
    let shared_by = sharing::sharer_of(db, member)
        .await?
        .map(|(_, code, growth)| SharedBy {
            code,
            growth: u64::try_from(growth).unwrap_or(0),
        });
    Ok(ClubCard {
        tally: tally::of(db, found, streak, stage.is_some()).await?,
        medals: tally::medals(db, found, zone).await?,
        receivers: sharing::receivers(db, member).await?,
        offer: None,
        codes: codes::of(db, member, document_id, zone).await?,
        points,
        growth: u64::try_from(found.growth).unwrap_or(0),
        expiring,
        signed_in_today,
        streak,
        today_points,
        shared_by,
        stage,
        week,
    })
}

/// Whether she signed in `today`, her streak (today's, or yesterday's: it can go on) and the
/// points today's sign-in credited.
async fn streak(db: &Db, member: &str, today: NaiveDate) -> Result<(bool, i64, i64), sqlx::Error> {
    if let Some((streak, points)) = sign_in::on(db, member, today).await? {
        return Ok((true, streak, points));
    }
    let last = sign_in::last_before(db, member, today).await?;
    let going_on = last.filter(|(day, _)| *day + Duration::days(1) == today);
    Ok((false, going_on.map_or(0, |(_, streak)| streak), 0))
}
