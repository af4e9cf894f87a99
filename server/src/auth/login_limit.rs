//! Login limiting: failed logins are counted per email and per client address (buckets of
//! [`crate::limits`], shared by every server on PostgreSQL), [`PER_EMAIL`] and [`PER_ADDRESS`];
//! past either, 429 with `Retry-After`. So one client cannot guess at many emails, nor many
//! clients at one email.
//!
//! An attempt takes its tokens before the password is checked, so parallel guesses cannot overrun
//! a limit, and a login that proves the password gives them back: only failures count.
//!
//! A stranger's failures lock the email, but not its owner: an attempt from a known device
//! ([`crate::auth::known_device`]) counts against the device instead of the email. The device's
//! own wrong passwords are limited like an email's ([`PER_DEVICE`]), and the address limit holds
//! for every attempt.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::limits::{Bucket, Limiter, Rate};
use crate::store::now_ms;

/// Failed logins per email: 5, one more every 3 minutes.
pub const PER_EMAIL: Rate = Rate {
    burst: 5,
    period: Duration::from_secs(15 * 60),
};
/// Failed logins per known device, as per email.
pub const PER_DEVICE: Rate = PER_EMAIL;
/// Failed logins per client address, over every email (an office shares one address).
pub const PER_ADDRESS: Rate = Rate {
    burst: 20,
    period: Duration::from_secs(15 * 60),
};

/// The login limits.
#[derive(Clone, Debug)]
pub struct LoginLimits {
    limiter: Arc<Limiter>,
}

/// A login attempt that was let through: dropped, it stays counted as a failure.
#[derive(Debug)]
pub struct Attempt {
    limiter: Arc<Limiter>,
    buckets: Vec<Bucket>,
}

impl LoginLimits {
    /// Limits kept in `limiter`.
    pub fn new(limiter: Arc<Limiter>) -> LoginLimits {
        LoginLimits { limiter }
    }

    /// Lets an attempt at `email` (lowercased) from `ip`, on a known `device` if any, through,
    /// or says how long to wait.
    pub async fn attempt(
        &self,
        email: &str,
        ip: Option<IpAddr>,
        device: Option<&str>,
    ) -> Result<Result<Attempt, Duration>, sqlx::Error> {
        let mut buckets = match device {
            Some(device) => vec![(format!("login/device/{device}"), PER_DEVICE)],
            // Hashed: a fixed length whatever was typed, and no addresses in the table.
            None => vec![(
                format!("login/email/{}", hex::encode(Sha256::digest(email))),
                PER_EMAIL,
            )],
        };
        if let Some(ip) = ip {
            buckets.push((format!("login/ip/{ip}"), PER_ADDRESS));
        }
        Ok(self
            .limiter
            .take(&buckets, now_ms())
            .await?
            .map(|()| Attempt {
                limiter: self.limiter.clone(),
                buckets,
            }))
    }
}

impl Attempt {
    /// The password was right: the attempt was no failure.
    pub async fn succeeded(self) -> Result<(), sqlx::Error> {
        self.limiter.give_back(&self.buckets).await
    }
}
