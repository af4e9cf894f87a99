//! Days in the workspace's time zone: sign-ins, daily caps and vote limits turn over at local
//! midnight, not at UTC midnight.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// The workspace's time zone from its IANA name (checked when the workspace is created); UTC if
/// the stored name no longer parses.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// The local calendar day in `tz` at `now_ms` (Unix ms).
pub fn local_day(tz: Tz, now_ms: i64) -> NaiveDate {
    let utc = Utc
        .timestamp_millis_opt(now_ms)
        .single()
        .unwrap_or_default();
    utc.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shanghai_days_turn_over_at_local_midnight() {
        let tz = zone("Asia/Shanghai");
        // 2026-03-01 23:59 in Shanghai is 15:59 UTC; 00:00 the next day is 16:00 UTC.
        let before = Utc.with_ymd_and_hms(2026, 3, 1, 15, 59, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 3, 1, 16, 0, 0).unwrap();
        assert_eq!(
            local_day(tz, before.timestamp_millis()),
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        );
        assert_eq!(
            local_day(tz, after.timestamp_millis()),
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
        );
        // The same instants are one UTC day.
        assert_eq!(
            local_day(Tz::UTC, before.timestamp_millis()),
            local_day(Tz::UTC, after.timestamp_millis())
        );
    }

    #[test]
    fn unknown_zones_fall_back_to_utc() {
        assert_eq!(zone("Mars/Olympus"), Tz::UTC);
        assert_eq!(zone("Asia/Shanghai"), chrono_tz::Asia::Shanghai);
    }
}
