//! Login attempt limiting: at most [`MAX_FAILURES`] failed logins per email per
//! [`WINDOW`]; then 429 with `Retry-After` until the oldest failure leaves the window.
//!
//! Kept in memory per server process: behind a balancer each server limits on its own, which still
//! bounds guessing to `MAX_FAILURES` × servers per window.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per window.
pub const MAX_FAILURES: usize = 5;
/// The window.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Recent failed logins per key (the lowercased email).
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// `Some(wait)` when `key` must wait before trying again.
    pub fn check(&self, key: &str, now: Instant) -> Option<Duration> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let list = map.get_mut(key)?;
        while list
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            list.pop_front();
        }
        if list.len() >= MAX_FAILURES {
            list.front().map(|oldest| {
                WINDOW
                    .saturating_sub(now.duration_since(*oldest))
                    .max(Duration::from_secs(1))
            })
        } else {
            None
        }
    }

    /// Records a failed attempt.
    pub fn fail(&self, key: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, l| l.back().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
        map.entry(key.to_owned()).or_default().push_back(now);
    }

    /// Forgets failures after a successful login.
    pub fn succeed(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_five_failures_until_the_window_passes() {
        let limiter = LoginLimiter::default();
        let t0 = Instant::now();
        for i in 0..MAX_FAILURES {
            assert_eq!(limiter.check("a@b.c", t0), None, "attempt {i}");
            limiter.fail("a@b.c", t0);
        }
        let wait = limiter
            .check("a@b.c", t0 + Duration::from_secs(60))
            .unwrap();
        assert_eq!(wait, WINDOW - Duration::from_secs(60));
        assert_eq!(limiter.check("other@b.c", t0), None);
        assert_eq!(limiter.check("a@b.c", t0 + WINDOW), None);
        limiter.fail("x", t0);
        limiter.succeed("x");
        assert_eq!(limiter.check("x", t0), None);
    }
}
