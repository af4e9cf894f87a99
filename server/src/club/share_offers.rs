//! Consent to rights sharing: a member makes an offer (a link carrying its token) and gives it to
//! a family member, who becomes her receiver only by accepting it, once, within
//! [`OFFER_DAYS`]. Nobody can take a member's only sharing slot by knowing her code.

use chrono::Duration;
use cradle_wire::member::{Offer, OfferMade, OfferRefused};

use crate::db::Db;
use crate::store::{is_unique_violation, now_ms, random_hex};

/// Days an offer can be accepted in.
pub const OFFER_DAYS: i64 = 7;

/// Why an offer cannot be accepted.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    /// Accepting one's own offer.
    #[error("you cannot share rights with yourself")]
    SelfShare,
    /// She already receives rights from someone.
    #[error("someone already shares rights with you")]
    AlreadyShared,
    /// She shares her rights with the sharer.
    #[error("you already share your rights with this member")]
    Loop,
    /// No such offer, already accepted, or past its time.
    #[error("this offer was used or has expired: ask for a new link")]
    Gone,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl From<ShareError> for Option<OfferRefused> {
    fn from(e: ShareError) -> Option<OfferRefused> {
        match e {
            ShareError::SelfShare => Some(OfferRefused::Own),
            ShareError::AlreadyShared => Some(OfferRefused::AlreadyShared),
            ShareError::Loop => Some(OfferRefused::Loop),
            ShareError::Gone => Some(OfferRefused::Gone),
            ShareError::Db(_) => None,
        }
    }
}

/// A new offer from `sharer`.
pub async fn make(db: &Db, sharer: &str) -> Result<OfferMade, sqlx::Error> {
    let now = now_ms();
    let made = OfferMade {
        token: random_hex(16),
        expires_at: now + Duration::days(OFFER_DAYS).num_milliseconds(),
    };
    sqlx::query(
        "INSERT INTO share_offers (token, sharer_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&made.token)
    .bind(sharer)
    .bind(now)
    .bind(made.expires_at)
    .execute(&db.pool)
    .await?;
    Ok(made)
}

/// A member about to receive rights: her id and workspace.
#[derive(Clone, Copy, Debug)]
pub struct Receiver<'a> {
    /// Internal member id.
    pub id: &'a str,
    /// Her workspace (offers from other workspaces do not exist for her).
    pub workspace_id: &'a str,
}

/// The offer `token` as `receiver` sees it before answering: who offers, and why she cannot
/// accept when she cannot. `None` when no offer has this token in her workspace.
pub async fn view(
    db: &Db,
    token: &str,
    receiver: Receiver<'_>,
) -> Result<Option<Offer>, sqlx::Error> {
    let Some((sharer_id, sharer, growth, open)) = find(db, token, receiver).await? else {
        return Ok(None);
    };
    let refused = if !open {
        Some(OfferRefused::Gone)
    } else {
        match check(db, &sharer_id, receiver.id).await {
            Ok(()) => None,
            Err(ShareError::Db(e)) => return Err(e),
            Err(e) => e.into(),
        }
    };
    Ok(Some(Offer {
        token: token.to_owned(),
        sharer,
        growth: u64::try_from(growth).unwrap_or(0),
        refused,
    }))
}

/// `receiver` accepts the offer `token`: the sharer's code.
pub async fn accept(db: &Db, token: &str, receiver: Receiver<'_>) -> Result<String, ShareError> {
    let Some((sharer_id, sharer, _, true)) = find(db, token, receiver).await? else {
        return Err(ShareError::Gone);
    };
    check(db, &sharer_id, receiver.id).await?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let claimed = sqlx::query(
        "UPDATE share_offers SET accepted_by = $1 \
         WHERE token = $2 AND accepted_by IS NULL AND expires_at > $3",
    )
    .bind(receiver.id)
    .bind(token)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Err(ShareError::Gone);
    }
    sqlx::query(
        "INSERT INTO rights_shares (receiver_id, sharer_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(receiver.id)
    .bind(&sharer_id)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            ShareError::AlreadyShared
        } else {
            ShareError::Db(e)
        }
    })?;
    tx.commit().await?;
    Ok(sharer)
}

/// `(sharer id, sharer code, sharer growth, still open)` of the offer `token` in the receiver's
/// workspace.
async fn find(
    db: &Db,
    token: &str,
    receiver: Receiver<'_>,
) -> Result<Option<(String, String, i64, bool)>, sqlx::Error> {
    let row: Option<(String, String, i64, Option<String>, i64)> = sqlx::query_as(
        "SELECT m.id, m.code, m.growth, o.accepted_by, o.expires_at FROM share_offers o \
         JOIN members m ON m.id = o.sharer_id WHERE o.token = $1 AND m.workspace_id = $2",
    )
    .bind(token)
    .bind(receiver.workspace_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(id, code, growth, accepted, expires_at)| {
        (
            id,
            code,
            growth,
            accepted.is_none() && expires_at > now_ms(),
        )
    }))
}

/// Whether `receiver` may receive `sharer`'s rights.
async fn check(db: &Db, sharer: &str, receiver: &str) -> Result<(), ShareError> {
    if sharer == receiver {
        return Err(ShareError::SelfShare);
    }
    let links: Vec<(String, String)> = sqlx::query_as(
        "SELECT receiver_id, sharer_id FROM rights_shares WHERE receiver_id = $1 OR receiver_id = $2",
    )
    .bind(receiver)
    .bind(sharer)
    .fetch_all(&db.pool)
    .await?;
    if links.iter().any(|(r, s)| r == sharer && s == receiver) {
        return Err(ShareError::Loop);
    }
    if links.iter().any(|(r, _)| r == receiver) {
        return Err(ShareError::AlreadyShared);
    }
    Ok(())
}
