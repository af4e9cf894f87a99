//! Draw rate limits: a token bucket per member and per client address, so a script hammering the
//! draw endpoint gets 429 with `Retry-After` long before it can strain the database.
//!
//! Kept in memory per server process: behind a balancer each server limits on its own.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests allowed per minute, with bursts up to the same number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Requests per minute; 0 turns the limit off.
    pub per_minute: u32,
}

/// Token buckets keyed by member id or client address.
#[derive(Debug)]
pub struct RateLimiter {
    rate: Rate,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    /// A limiter allowing `rate`.
    pub fn new(rate: Rate) -> RateLimiter {
        RateLimiter {
            rate,
            buckets: Mutex::default(),
        }
    }

    /// Takes one token for `key`, or says how long to wait for the next one.
    pub fn take(&self, key: &str, now: Instant) -> Result<(), Duration> {
        if self.rate.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.rate.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > 100_000 {
            buckets.retain(|_, (_, at)| now.duration_since(*at) < Duration::from_secs(60));
        }
        let (tokens, at) = buckets.entry(key.to_owned()).or_insert((capacity, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(capacity);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / per_second).max(Duration::from_secs(1)))
        }
    }
}

/// The draw endpoint's two limiters.
#[derive(Debug)]
pub struct DrawLimits {
    /// Per member id.
    pub per_member: RateLimiter,
    /// Per client address.
    pub per_ip: RateLimiter,
}

impl DrawLimits {
    /// Limiters allowing these rates per minute.
    pub fn new(per_member: u32, per_ip: u32) -> DrawLimits {
        DrawLimits {
            per_member: RateLimiter::new(Rate {
                per_minute: per_member,
            }),
            per_ip: RateLimiter::new(Rate { per_minute: per_ip }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_a_burst_then_refills_over_time() {
        let limiter = RateLimiter::new(Rate { per_minute: 3 });
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.take("m1", t0), Ok(()));
        }
        let wait = limiter.take("m1", t0).unwrap_err();
        assert_eq!(wait, Duration::from_secs(20));
        assert_eq!(limiter.take("m2", t0), Ok(()), "other keys are separate");
        assert!(limiter.take("m1", t0 + Duration::from_secs(19)).is_err());
        assert_eq!(limiter.take("m1", t0 + Duration::from_secs(40)), Ok(()));
    }

    #[test]
    fn zero_turns_the_limit_off() {
        let limiter = RateLimiter::new(Rate { per_minute: 0 });
        let t0 = Instant::now();
        assert!((0..1000).all(|_| limiter.take("m", t0).is_ok()));
    }
}
