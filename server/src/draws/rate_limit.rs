//! Draw rate limits: a bucket per member and per client address (see [`crate::limits`], shared by
//! every server on PostgreSQL), so a script hammering the draw endpoint gets 429 with
//! `Retry-After` long before it can strain the database. The client address is read as
//! [`crate::limits::client`] says, so members behind one balancer do not share its allowance.

use std::net::IpAddr;
use std::sync::Arc;

use crate::limits::{Bucket, Limiter, Rate, Verdict};

/// The draw endpoint's two limits.
#[derive(Clone, Debug)]
pub struct DrawLimits {
    limiter: Arc<Limiter>,
    per_member: Rate,
    per_ip: Rate,
}

impl DrawLimits {
    /// Limits of these many draws per minute (0 = none) kept in `limiter`.
    pub fn new(limiter: Arc<Limiter>, per_member: u32, per_ip: u32) -> DrawLimits {
        DrawLimits {
            limiter,
            per_member: Rate::per_minute(per_member),
            per_ip: Rate::per_minute(per_ip),
        }
    }

    /// Takes a draw from the member's allowance and the address's, or from neither; with both
    /// limits off, asks nothing of the database.
    pub async fn take(
        &self,
        member: &str,
        ip: Option<IpAddr>,
        now_ms: i64,
    ) -> Result<Verdict, sqlx::Error> {
        let mut buckets: Vec<Bucket> = vec![(format!("draw/member/{member}"), self.per_member)];
        if let Some(ip) = ip {
            buckets.push((format!("draw/ip/{ip}"), self.per_ip));
        }
        self.limiter.take(&buckets, now_ms).await
    }
}
