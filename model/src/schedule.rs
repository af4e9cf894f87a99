//! When something is open: the one rule for a page's publishing schedule, a campaign's window and
//! both together. The server's every path (page, draws, sign-in, quiz, vote, odds) and the
//! member page's states and countdown ask [`Schedule::check`], so they cannot disagree.
//!
//! A schedule is half-open: open from `start` (included) until `end` (excluded); a missing bound
//! is no bound.

use chrono::{DateTime, Utc};

use crate::campaign::Window;

/// An interval of time in which something is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    /// First open instant; `None` = open since ever.
    pub start: Option<DateTime<Utc>>,
    /// First closed instant; `None` = open for ever.
    pub end: Option<DateTime<Utc>>,
}

/// Why a schedule is closed at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closed {
    /// It opens at this instant.
    NotStarted(DateTime<Utc>),
    /// It closed at this instant.
    Ended(DateTime<Utc>),
}

impl Schedule {
    /// Open at every instant.
    pub const ALWAYS: Schedule = Schedule {
        start: None,
        end: None,
    };

    /// A schedule from Unix-millisecond bounds, as the server stores them.
    pub fn from_millis(start: Option<i64>, end: Option<i64>) -> Schedule {
        Schedule {
            start: start.and_then(DateTime::from_timestamp_millis),
            end: end.and_then(DateTime::from_timestamp_millis),
        }
    }

    /// Open only when both are: the later start and the earlier end.
    pub fn and(self, other: Schedule) -> Schedule {
        let later = |a: Option<DateTime<Utc>>, b| match (a, b) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let earlier = |a: Option<DateTime<Utc>>, b| match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Schedule {
            start: later(self.start, other.start),
            end: earlier(self.end, other.end),
        }
    }

    /// Whether it is open at `now`, and if not, why.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), Closed> {
        if let Some(start) = self.start.filter(|s| now < *s) {
            return Err(Closed::NotStarted(start));
        }
        if let Some(end) = self.end.filter(|e| now >= *e) {
            return Err(Closed::Ended(end));
        }
        Ok(())
    }

    /// Whether it has closed for good at `now` (what allows revealing a campaign's seed).
    pub fn has_ended(&self, now: DateTime<Utc>) -> bool {
        matches!(self.check(now), Err(Closed::Ended(_)))
    }

    /// Whole seconds from `now` until the next change of state (opening or closing), for
    /// countdowns and cache lifetimes; `None` when nothing will change.
    pub fn seconds_to_change(&self, now: DateTime<Utc>) -> Option<i64> {
        let next = match self.check(now) {
            Err(Closed::NotStarted(start)) => start,
            Err(Closed::Ended(_)) => return None,
            Ok(()) => self.end?,
        };
        Some((next - now).num_milliseconds().saturating_add(999) / 1000)
    }
}

impl From<Window> for Schedule {
    fn from(window: Window) -> Schedule {
        Schedule {
            start: Some(window.start.to_utc()),
            end: Some(window.end.to_utc()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(ms: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(ms).unwrap()
    }

    #[test]
    fn half_open_with_missing_bounds_unbounded() {
        let s = Schedule::from_millis(Some(1_000), Some(2_000));
        assert_eq!(s.check(at(999)), Err(Closed::NotStarted(at(1_000))));
        assert_eq!(s.check(at(1_000)), Ok(()));
        assert_eq!(s.check(at(1_999)), Ok(()));
        assert_eq!(s.check(at(2_000)), Err(Closed::Ended(at(2_000))));
        assert!(s.has_ended(at(2_000)) && !s.has_ended(at(999)));
        assert_eq!(Schedule::ALWAYS.check(at(0)), Ok(()));
        assert_eq!(Schedule::from_millis(None, Some(5)).check(at(-5)), Ok(()));
    }

    #[test]
    fn countdown_to_the_next_change() {
        let s = Schedule::from_millis(Some(10_000), Some(20_000));
        assert_eq!(s.seconds_to_change(at(8_500)), Some(2));
        assert_eq!(s.seconds_to_change(at(10_000)), Some(10));
        assert_eq!(s.seconds_to_change(at(20_000)), None);
        assert_eq!(Schedule::ALWAYS.seconds_to_change(at(0)), None);
    }

    proptest! {
        /// Open under both schedules exactly when open under their intersection.
        #[test]
        fn and_is_intersection(
            a in proptest::option::of(0i64..100), b in proptest::option::of(0i64..100),
            c in proptest::option::of(0i64..100), d in proptest::option::of(0i64..100),
            now in 0i64..100,
        ) {
            let x = Schedule::from_millis(a, b);
            let y = Schedule::from_millis(c, d);
            let both = x.check(at(now)).is_ok() && y.check(at(now)).is_ok();
            prop_assert_eq!(x.and(y).check(at(now)).is_ok(), both);
        }
    }
}
