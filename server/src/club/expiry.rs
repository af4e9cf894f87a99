//! When points expire (points are earned and spent; the club's `PointsRules::expiry` policy says
//! when unspent points lapse).
//!
//! Each credit is a lot with an expiry time. A debit (spending, a staff deduction) takes from the
//! oldest lots still alive when it happens, and whatever is left of a lot lapses at its expiry.
//! Lots need not lapse in the order they were earned: a policy change gives lots earned after it
//! their own expiry (switching to `after_days: 0` makes new points lapse before old ones), so
//! the points lapsed are found by replaying the member's ledger ([`lapsed`]), not from totals.
//! The rule is applied lazily, on read and on spend, and each application writes an `expire`
//! ledger entry.

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

/// One line of a member's ledger, as the expiry rule reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Points credited, lapsing at `expires_at` (Unix ms; `None`: never).
    Credit {
        /// Points (positive).
        amount: i64,
        /// When the lot lapses.
        expires_at: Option<i64>,
    },
    /// Points debited (positive), other than by expiry.
    Debit(i64),
}

/// What is left of each lot (`(expires_at, points)`, in the order earned) once every debit in
/// `moves` (in the order written, each with its time) took from the oldest lots alive at its
/// time.
fn lots(moves: &[(i64, Move)]) -> Vec<(Option<i64>, i64)> {
    let mut lots: Vec<(Option<i64>, i64)> = Vec::new();
    for &(at, m) in moves {
        match m {
            Move::Credit { amount, expires_at } => lots.push((expires_at, amount)),
            Move::Debit(mut left) => {
                for lot in lots.iter_mut().filter(|(e, _)| alive(*e, at)) {
                    let take = left.min(lot.1);
                    lot.1 -= take;
                    left -= take;
                }
            }
        }
    }
    lots
}

fn alive(expires_at: Option<i64>, at: i64) -> bool {
    expires_at.is_none_or(|e| e > at)
}

/// Points lapsed by `now` (Unix ms) over the member's whole ledger: what is left of every lot
/// whose expiry has passed. `expire` lines are not moves: what they removed is this total's
/// earlier value, so the points due now are this minus them.
pub fn lapsed(moves: &[(i64, Move)], now: i64) -> i64 {
    lots(moves)
        .iter()
        .filter(|(e, _)| !alive(*e, now))
        .map(|(_, left)| left)
        .sum()
}

/// Points that lapse after `now` and by `until` unless spent first, and when the first of them
/// lapse.
pub fn upcoming(moves: &[(i64, Move)], now: i64, until: i64) -> Option<(i64, i64)> {
    let soon: Vec<(i64, i64)> = lots(moves)
        .into_iter()
        .filter_map(|(e, left)| Some((e?, left)))
        .filter(|(e, left)| *e > now && *e <= until && *left > 0)
        .collect();
    let first = soon.iter().map(|(e, _)| *e).min()?;
    Some((soon.iter().map(|(_, left)| left).sum(), first))
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

    fn earn(amount: i64, expires_at: Option<i64>) -> Move {
        Move::Credit { amount, expires_at }
    }

    #[test]
    fn spending_takes_the_oldest_points_first() {
        // 100 lapsing at day 10, 100 at day 20; 50 spent before day 10.
        let moves = [
            (0, earn(100, Some(10 * DAY))),
            (DAY, earn(100, Some(20 * DAY))),
            (2 * DAY, Move::Debit(50)),
        ];
        assert_eq!(lapsed(&moves, 9 * DAY), 0);
        assert_eq!(lapsed(&moves, 10 * DAY), 50);
        assert_eq!(lapsed(&moves, 20 * DAY), 150);
        // Spending more than the first lot leaves nothing of it to lapse.
        let moves = [(0, earn(100, Some(10 * DAY))), (DAY, Move::Debit(150))];
        assert_eq!(lapsed(&moves, 10 * DAY), 0);
        // A lot lapsed before a debit is not taken from.
        let moves = [
            (0, earn(100, Some(DAY))),
            (0, earn(100, None)),
            (2 * DAY, Move::Debit(60)),
        ];
        assert_eq!(lapsed(&moves, 3 * DAY), 100);
    }

    /// 100 points under a long policy, 60 spent, the policy switched to `after_days: 0`, 10
    /// earned: the 10 lapse at once and the 40 left of the first lot stay (balance 40, not 50).
    #[test]
    fn points_lapsing_soon_are_what_is_left_of_their_lots() {
        let moves = [
            (0, earn(100, Some(10 * DAY))),
            (0, earn(30, Some(12 * DAY))),
            (0, earn(50, Some(90 * DAY))),
            (DAY, Move::Debit(60)),
        ];
        assert_eq!(upcoming(&moves, 2 * DAY, 32 * DAY), Some((70, 10 * DAY)));
        assert_eq!(upcoming(&moves, 11 * DAY, 41 * DAY), Some((30, 12 * DAY)));
        assert_eq!(upcoming(&moves, 13 * DAY, 43 * DAY), None);
    }

    #[test]
    fn points_spent_before_a_lot_existed_do_not_shield_it() {
        let moves = [
            (0, earn(100, Some(365 * DAY))),
            (DAY, Move::Debit(60)),
            (2 * DAY, earn(10, Some(2 * DAY))),
        ];
        assert_eq!(lapsed(&moves, 2 * DAY), 10);
        assert_eq!(100 - 60 + 10 - lapsed(&moves, 2 * DAY), 40);
    }

    #[derive(Clone, Debug)]
    enum Op {
        Earn(i64),
        Spend(i64),
        Wait(i64),
        Policy(u32),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (1i64..100).prop_map(Op::Earn),
            (1i64..150).prop_map(Op::Spend),
            (0i64..20).prop_map(Op::Wait),
            (0u32..15).prop_map(Op::Policy),
        ]
    }

    proptest! {
        /// The replay equals an explicit model of lots spent oldest first and lapsed lazily, also
        /// when the policy changes between credits.
        #[test]
        fn replay_matches_explicit_lots(ops in proptest::collection::vec(op(), 1..60), days in 0u32..15) {
            let mut policy = Expiry::AfterDays(days);
            let tz = Tz::UTC;
            let mut now = 0i64;
            let mut lots: Vec<(i64, i64)> = Vec::new(); // (expires_at, remaining), earned order
            let mut moves: Vec<(i64, Move)> = Vec::new();
            let (mut expired, mut balance) = (0i64, 0i64);
            for op in ops {
                // Expire lazily, before anything else happens at `now`.
                let due = lapsed(&moves, now) - expired;
                let model: i64 = lots.iter().filter(|(e, _)| *e <= now).map(|(_, r)| r).sum();
                lots.retain(|(e, _)| *e > now);
                prop_assert_eq!(due, model);
                expired += due;
                balance -= due;
                prop_assert!(balance >= 0);
                match op {
                    Op::Earn(n) => {
                        let e = expires_at(policy, now, tz).unwrap();
                        lots.push((e, n));
                        moves.push((now, Move::Credit { amount: n, expires_at: Some(e) }));
                        balance += n;
                    }
                    Op::Spend(n) if n <= balance => {
                        let mut left = n;
                        for lot in lots.iter_mut() {
                            let take = left.min(lot.1);
                            lot.1 -= take;
                            left -= take;
                        }
                        moves.push((now, Move::Debit(n)));
                        balance -= n;
                    }
                    Op::Spend(_) => {}
                    Op::Wait(d) => now += d * DAY,
                    Op::Policy(d) => policy = Expiry::AfterDays(d),
                }
                prop_assert_eq!(balance, lots.iter().map(|(_, r)| r).sum::<i64>());
            }
        }
    }
}
