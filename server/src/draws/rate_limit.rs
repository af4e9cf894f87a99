//! Draw rate limits: a token bucket per member and per client address, so a script hammering the
//! draw endpoint gets 429 with `Retry-After` long before it can strain the database.
//!
//! Kept in memory per server process: behind a balancer each server limits on its own. Behind a
//! proxy the TCP peer is the proxy, so the client address is read from a header the configured
//! trusted proxies set (see [`client_ip`]); otherwise every member would share one allowance.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;

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
        let mut buckets = self.lock();
        if let Some(tokens) = self.refill(&mut buckets, key, now)? {
            *tokens -= 1.0;
        }
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, (f64, Instant)>> {
        self.buckets.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Refills `key`'s bucket up to `now`: its tokens when one is there to take (not taken yet),
    /// `None` when the limit is off, or how long to wait for a token.
    fn refill<'b>(
        &self,
        buckets: &'b mut HashMap<String, (f64, Instant)>,
        key: &str,
        now: Instant,
    ) -> Result<Option<&'b mut f64>, Duration> {
        if self.rate.per_minute == 0 {
            return Ok(None);
        }
        let capacity = f64::from(self.rate.per_minute);
        let per_second = capacity / 60.0;
        if buckets.len() > 100_000 {
            buckets.retain(|_, (_, at)| now.duration_since(*at) < Duration::from_secs(60));
        }
        let (tokens, at) = buckets.entry(key.to_owned()).or_insert((capacity, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(capacity);
        *at = now;
        if *tokens >= 1.0 {
            Ok(Some(tokens))
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

    /// Takes a token from the member's bucket and the address's, or neither: a draw refused by
    /// one limit does not spend the other's allowance. The wait is the longer of the two.
    pub fn take(&self, member: &str, ip: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        // Always the address first, then the member: one lock order.
        let mut by_ip = self.per_ip.lock();
        let mut by_member = self.per_member.lock();
        let ip = ip.map(|ip| ip.to_string());
        let ip_tokens = match &ip {
            Some(ip) => self.per_ip.refill(&mut by_ip, ip, now),
            None => Ok(None),
        };
        let member_tokens = self.per_member.refill(&mut by_member, member, now);
        match (ip_tokens, member_tokens) {
            (Ok(a), Ok(b)) => {
                a.into_iter().chain(b).for_each(|t| *t -= 1.0);
                Ok(())
            }
            (Err(a), Err(b)) => Err(a.max(b)),
            (Err(wait), Ok(_)) | (Ok(_), Err(wait)) => Err(wait),
        }
    }
}

/// An address or network (`10.0.0.0/8`) whose requests may name the client in a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrustedProxy {
    net: IpAddr,
    prefix: u8,
}

impl FromStr for TrustedProxy {
    type Err = String;

    fn from_str(s: &str) -> Result<TrustedProxy, String> {
        let (addr, prefix) = s.trim().split_once('/').unwrap_or((s.trim(), ""));
        let net: IpAddr = addr
            .parse()
            .map_err(|_| format!("not an IP address or network: {s}"))?;
        let bits = if net.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            "" => bits,
            p => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= bits)
                .ok_or_else(|| format!("bad prefix length in {s}"))?,
        };
        Ok(TrustedProxy { net, prefix })
    }
}

impl TrustedProxy {
    /// Whether `ip` is this address or inside this network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let bits = |ip: IpAddr| match ip {
            IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32u32),
            IpAddr::V6(v6) => (u128::from(v6), 128u32),
        };
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        let ((net, width), (addr, addr_width)) = (bits(self.net), bits(ip));
        if width != addr_width {
            return false;
        }
        let host_bits = width - u32::from(self.prefix);
        let mask = if host_bits >= 128 {
            0
        } else {
            u128::MAX << host_bits
        };
        net & mask == addr & mask
    }
}

/// The client's address: the TCP peer, or, when the peer is a trusted proxy, the nearest address
/// in `header` (e.g. `X-Forwarded-For`, read right to left) that is not a trusted proxy itself.
/// Addresses left of it were written by the client and prove nothing.
pub fn client_ip(
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    trusted: &[TrustedProxy],
    header: &str,
) -> Option<IpAddr> {
    let peer = peer?.ip();
    let is_trusted = |ip: IpAddr| trusted.iter().any(|t| t.contains(ip));
    if !is_trusted(peer) {
        return Some(peer);
    }
    let hops = headers
        .get_all(header)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        let Ok(ip) = hop
            .parse::<IpAddr>()
            .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        else {
            return Some(peer);
        };
        if !is_trusted(ip) {
            return Some(ip);
        }
    }
    Some(peer)
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
    fn a_refusal_by_one_limit_spends_nothing_of_the_other() {
        let limits = DrawLimits::new(2, 3);
        let t0 = Instant::now();
        let ip = Some("10.1.2.3".parse().unwrap());
        assert!(limits.take("m1", ip, t0).is_ok());
        assert!(limits.take("m1", ip, t0).is_ok());
        // m1 is out; the address keeps its third draw for another member.
        assert!(limits.take("m1", ip, t0).is_err());
        assert!(limits.take("m2", ip, t0).is_ok());
        // Now the address is out: m3 keeps both of its draws for later.
        assert!(limits.take("m3", ip, t0).is_err());
        assert!(limits.take("m3", None, t0).is_ok());
        assert!(limits.take("m3", None, t0).is_ok());
    }

    #[test]
    fn the_client_address_comes_from_trusted_proxies_only() {
        let trusted: Vec<TrustedProxy> = ["10.0.0.0/8", "::1"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let peer = |s: &str| Some(SocketAddr::new(s.parse().unwrap(), 443));
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "6.6.6.6, 1.2.3.4, 10.0.0.7".parse().unwrap(),
        );
        let ip = |p, h: &HeaderMap| client_ip(peer(p), h, &trusted, "x-forwarded-for");
        // Through two trusted hops: the first untrusted address from the right.
        assert_eq!(ip("10.9.9.9", &headers), "1.2.3.4".parse().ok());
        assert_eq!(ip("::1", &headers), "1.2.3.4".parse().ok());
        // A client talking directly cannot pick its address.
        assert_eq!(ip("5.5.5.5", &headers), "5.5.5.5".parse().ok());
        // No header, or garbage: the proxy's own address.
        assert_eq!(ip("10.9.9.9", &HeaderMap::new()), "10.9.9.9".parse().ok());
        headers.insert("x-forwarded-for", "nonsense".parse().unwrap());
        assert_eq!(ip("10.9.9.9", &headers), "10.9.9.9".parse().ok());
        assert!("10.0.0.0/33".parse::<TrustedProxy>().is_err());
        assert!("0.0.0.0/0"
            .parse::<TrustedProxy>()
            .unwrap()
            .contains("8.8.8.8".parse().unwrap()));
    }

    #[test]
    fn zero_turns_the_limit_off() {
        let limiter = RateLimiter::new(Rate { per_minute: 0 });
        let t0 = Instant::now();
        assert!((0..1000).all(|_| limiter.take("m", t0).is_ok()));
    }
}
