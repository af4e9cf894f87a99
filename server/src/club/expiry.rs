//! When points expire (points are earned and spent; the
//! club's `PointsRules::expiry` policy says when unspent points lapse).
//!
//! Each credit is a lot with an expiry time. Spending takes the earliest-expiring points first
//! (FIFO), so by time `T` the points expired are
//! `max(0, credits in lots expiring at or before T − everything spent − everything already expired)`.
//! This holds while lots expire in the order they were earned, which every policy guarantees
//! (a policy change only affects lots earned after it). The rule is applied lazily, on read and on
//! spend, and each application writes an `expire` ledger entry.

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use cradle_model::club::Expiry;

/// When a lot earned at `earned_at` (Unix ms) expires under `policy`; `None` = never. Calendar
/// years are the workspace's (`tz`): under `EndOfFollowingYear` points earned in 2026 lapse at
/// local midnight starting 2028-01-01.
pub fn expires_at(policy: Expiry, earned_at: i64, tz: Tz) -> Option<i64> {
    match policy {
        Expiry::Never => None,
        Expiry::AfterDays(days) => Some(earned_at + Duration::days(days.into()).num_milliseconds()),
        Expiry::EndOfFollowingYear => {
            let earned = Utc
                .timestamp_millis_opt(earned_at)
                .single()?
                .with_timezone(&tz);
            let lapse = NaiveDate::from_ymd_opt(earned.year() + 2, 1, 1)?.and_hms_opt(0, 0, 0)?;
            tz.from_local_datetime(&lapse)
                .earliest()
                .map(|t| t.timestamp_millis())
        }
    }
}

/// Points to expire now: lots expiring by now (`expiring`) not yet covered by what was spent or
/// already expired.
pub fn due(expiring: i64, spent: i64, expired: i64) -> i64 {
    (expiring - spent - expired).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: i64 = 24 * 3600 * 1000;

    #[test]
    fn policies() {
        let tz = chrono_tz::Asia::Shanghai;
        assert_eq!(expires_at(Expiry::Never, 0, tz), None);
        assert_eq!(expires_at(Expiry::AfterDays(30), 5, tz), Some(5 + 30 * DAY));
        // Earned 2026-12-31 23:30 in Shanghai (15:30 UTC): still 2026 locally.
        let earned = Utc.with_ymd_and_hms(2026, 12, 31, 15, 30, 0).unwrap();
        let lapse = expires_at(Expiry::EndOfFollowingYear, earned.timestamp_millis(), tz);
        // 2028-01-01 00:00 in Shanghai = 2027-12-31 16:00 UTC.
        let expected = Utc.with_ymd_and_hms(2027, 12, 31, 16, 0, 0).unwrap();
        assert_eq!(lapse, Some(expected.timestamp_millis()));
        // Half an hour later it is 2027 locally: a year more.
        let later = earned + Duration::minutes(30);
        let lapse = expires_at(Expiry::EndOfFollowingYear, later.timestamp_millis(), tz);
        let expected = Utc.with_ymd_and_hms(2028, 12, 31, 16, 0, 0).unwrap();
        assert_eq!(lapse, Some(expected.timestamp_millis()));
    }

    #[test]
    fn spending_takes_the_oldest_points_first() {
        // 100 expiring at day 10, 100 at day 20; 50 spent before day 10.
        assert_eq!(due(100, 50, 0), 50);
        // At day 20 both lots are due; 50 spent + 50 expired already → the second lot expires.
        assert_eq!(due(200, 50, 50), 100);
        // Spending more than the due lots leaves nothing to expire.
        assert_eq!(due(100, 150, 0), 0);
    }

    #[derive(Clone, Debug)]
    enum Op {
        Earn(i64),
        Spend(i64),
        Wait(i64),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (1i64..100).prop_map(Op::Earn),
            (1i64..150).prop_map(Op::Spend),
            (0i64..20).prop_map(Op::Wait),
        ]
    }

    proptest! {
        /// The formula equals an explicit model of lots spent earliest-expiring first.
        #[test]
        fn formula_matches_explicit_fifo_lots(ops in proptest::collection::vec(op(), 1..60), days in 1u32..15) {
            let policy = Expiry::AfterDays(days);
            let tz = Tz::UTC;
            let mut now = 0i64;
            let mut lots: Vec<(i64, i64)> = Vec::new(); // (expires_at, remaining)
            let mut credited: Vec<(i64, i64)> = Vec::new(); // (expires_at, amount)
            let (mut spent, mut expired, mut balance) = (0i64, 0i64, 0i64);
            for op in ops {
                // Expire lazily, before anything else happens at `now`.
                let expiring: i64 = credited.iter().filter(|(e, _)| *e <= now).map(|(_, a)| a).sum();
                let formula = due(expiring, spent, expired);
                let model: i64 = lots.iter().filter(|(e, _)| *e <= now).map(|(_, r)| r).sum();
                lots.retain(|(e, _)| *e > now);
                prop_assert_eq!(formula, model);
                expired += formula;
                balance -= formula;
                prop_assert!(balance >= 0);
                match op {
                    Op::Earn(n) => {
                        let e = expires_at(policy, now, tz).unwrap();
                        lots.push((e, n));
                        credited.push((e, n));
                        balance += n;
                    }
                    Op::Spend(n) if n <= balance => {
                        let mut left = n;
                        for lot in lots.iter_mut() {
                            let take = left.min(lot.1);
                            lot.1 -= take;
                            left -= take;
                        }
                        spent += n;
                        balance -= n;
                    }
                    Op::Spend(_) => {}
                    Op::Wait(d) => now += d * DAY,
                }
                prop_assert_eq!(balance, lots.iter().map(|(_, r)| r).sum::<i64>());
            }
        }
    }
}
