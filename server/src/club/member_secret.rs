//! The secret a brand's system signs member tokens with (see [`crate::club::token`]). Owners read
//! it and rotate it; after a rotation, tokens signed with the secret before still open sessions
//! for [`GRACE_HOURS`], so the brand can deploy the new one without locking members out. A
//! workspace that never rotated signs with its original secret (the one preview links use).

use chrono::Duration;
use cradle_wire::integration::MemberSecret;

use crate::club::token::{self, Claims, TokenError};
use crate::db::Db;
use crate::store::random_hex;

/// Hours the secret before a rotation keeps working.
pub const GRACE_HOURS: i64 = 24;

/// A workspace's current secret and, while its grace period lasts, the one before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secrets {
    /// Signs new tokens.
    pub current: String,
    /// The secret before the last rotation and the Unix ms it stops working.
    pub previous: Option<(String, i64)>,
}

impl Secrets {
    /// The claims of `token` if either secret (the previous one only in its grace period) signed
    /// it and it has not expired at `now`.
    pub fn verify(&self, token: &str, now: i64) -> Result<Claims, TokenError> {
        match token::verify(&self.current, token, now) {
            Err(TokenError::Forged) => match &self.previous {
                Some((previous, until)) if now < *until => token::verify(previous, token, now),
                _ => Err(TokenError::Forged),
            },
            verified => verified,
        }
    }

    /// What the owner sees at `now`.
    pub fn view(&self, workspace_id: &str, now: i64) -> MemberSecret {
        MemberSecret {
            workspace_id: workspace_id.to_owned(),
            secret: self.current.clone(),
            previous_valid_until: self.previous.as_ref().map(|p| p.1).filter(|u| *u > now),
        }
    }
}

/// The secrets of workspace `id`.
pub async fn of(db: &Db, id: &str) -> Result<Option<Secrets>, sqlx::Error> {
    let row: Option<(String, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT COALESCE(member_secret, secret), previous_member_secret, \
         previous_member_secret_until FROM workspaces WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(current, previous, until)| Secrets {
        current,
        previous: previous.zip(until),
    }))
}

/// Replaces workspace `id`'s secret at `now`; the old one works for [`GRACE_HOURS`] more.
pub async fn rotate(db: &Db, id: &str, now: i64) -> Result<Option<Secrets>, sqlx::Error> {
    sqlx::query(
        "UPDATE workspaces SET previous_member_secret = COALESCE(member_secret, secret), \
         previous_member_secret_until = $1, member_secret = $2 WHERE id = $3",
    )
    .bind(now + Duration::hours(GRACE_HOURS).num_milliseconds())
    .bind(random_hex(32))
    .bind(id)
    .execute(&db.pool)
    .await?;
    of(db, id).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::club::token::{sign, ProfileClaims};

    fn token(secret: &str) -> String {
        let claims = Claims {
            workspace_id: "ws".into(),
            member: "m".into(),
            expires_at: 10_000,
            profile: ProfileClaims::default(),
        };
        sign(secret, &claims)
    }

    #[test]
    fn the_previous_secret_works_only_in_its_grace_period() {
        let secrets = Secrets {
            current: "new".into(),
            previous: Some(("old".into(), 5_000)),
        };
        assert!(secrets.verify(&token("new"), 6_000).is_ok());
        assert!(secrets.verify(&token("old"), 4_999).is_ok());
        assert_eq!(
            secrets.verify(&token("old"), 5_000),
            Err(TokenError::Forged)
        );
        assert_eq!(secrets.verify(&token("other"), 0), Err(TokenError::Forged));
        assert_eq!(secrets.view("ws", 5_000).previous_valid_until, None);
        assert_eq!(secrets.view("ws", 1).previous_valid_until, Some(5_000));
    }
}
