//! Redeeming prize codes in store ("draw online, redeem offline"): a clerk looks a code up and
//! redeems it once. The redeem is one conditional update, so of two clerks scanning the same
//! code at once exactly one succeeds.

use crate::db::Db;
use crate::draws::code;

pub use cradle_wire::draws::CodeInfo;

/// Why a code cannot be redeemed.
#[derive(Debug, thiserror::Error)]
pub enum RedeemError {
    /// No such code in the clerk's workspace (or not a code at all).
    #[error("unknown code")]
    Unknown,
    /// Redeemed before, at this time (Unix ms).
    #[error("already redeemed")]
    AlreadyRedeemed(i64),
    /// Past its expiry (Unix ms).
    #[error("expired")]
    Expired(i64),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

type CodeRow = (String, String, String, i64, i64, Option<i64>);

/// Looks up a typed code in `workspace`.
pub async fn lookup(db: &Db, workspace: &str, typed: &str) -> Result<CodeInfo, RedeemError> {
    let stored = code::normalise(typed).ok_or(RedeemError::Unknown)?;
    let row: Option<CodeRow> = sqlx::query_as(
        "SELECT r.code, r.prize_name, COALESCE(m.external_id, r.member_id), r.issued_at, \
         r.expires_at, r.redeemed_at FROM redemption_codes r \
         LEFT JOIN members m ON m.id = r.member_id WHERE r.code = $1 AND r.workspace_id = $2",
    )
    .bind(&stored)
    .bind(workspace)
    .fetch_optional(&db.pool)
    .await?;
    let (code, prize_name, member, issued_at, expires_at, redeemed_at) =
        row.ok_or(RedeemError::Unknown)?;
    Ok(CodeInfo {
        code: code::display(&code),
        prize_name,
        member,
        issued_at,
        expires_at,
        redeemed_at,
    })
}

/// Redeems a typed code once, by `clerk`, at `now` (Unix ms).
pub async fn redeem(
    db: &Db,
    workspace: &str,
    typed: &str,
    clerk: &str,
    now: i64,
) -> Result<CodeInfo, RedeemError> {
    let stored = code::normalise(typed).ok_or(RedeemError::Unknown)?;
    let done = sqlx::query(
        "UPDATE redemption_codes SET redeemed_at = $1, redeemed_by = $2 \
         WHERE code = $3 AND workspace_id = $4 AND redeemed_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(clerk)
    .bind(&stored)
    .bind(workspace)
    .execute(&db.pool)
    .await?;
    let info = lookup(db, workspace, typed).await?;
    if done.rows_affected() == 1 {
        return Ok(info);
    }
    match info.redeemed_at {
        Some(at) => Err(RedeemError::AlreadyRedeemed(at)),
        None => Err(RedeemError::Expired(info.expires_at)),
    }
}
