//! The member's standing as her club blocks show it ([`ClubCard`]): balance, growth, points
//! lapsing soon and her sign-in streak, on the workspace's day.

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use cradle_wire::member::{ClubCard, Expiring, EXPIRING_WITHIN_DAYS};

use crate::club::{day, expiry, ledger, members, sign_in};
use crate::db::Db;
use crate::store::now_ms;

/// The card of `member` now (lapsed points expired first); `None` if there is no such member.
pub async fn of(db: &Db, member: &str, zone: Tz) -> Result<Option<ClubCard>, sqlx::Error> {
    let points = ledger::balance(db, member).await?;
    let Some(found) = members::get(db, member).await? else {
        return Ok(None);
    };
    let now = now_ms();
    let moves = ledger::moves(&mut *db.pool.acquire().await?, member).await?;
    let until = now + Duration::days(EXPIRING_WITHIN_DAYS).num_milliseconds();
    let expiring = expiry::upcoming(&moves, now, until).map(|(points, at)| Expiring {
        points,
        on: day::local_day(zone, at).to_string(),
    });
    let today = day::local_day(zone, now);
    let (signed_in_today, streak) = streak(db, member, today).await?;
    Ok(Some(ClubCard {
        points,
        growth: u64::try_from(found.growth).unwrap_or(0),
        expiring,
        signed_in_today,
        streak,
    }))
}

/// Whether she signed in `today`, and her streak: today's, or yesterday's (it can go on).
async fn streak(db: &Db, member: &str, today: NaiveDate) -> Result<(bool, i64), sqlx::Error> {
    if let Some((streak, _)) = sign_in::on(db, member, today).await? {
        return Ok((true, streak));
    }
    let last = sign_in::last_before(db, member, today).await?;
    let going_on = last.filter(|(day, _)| *day + Duration::days(1) == today);
    Ok((false, going_on.map_or(0, |(_, streak)| streak)))
}
