//! Invites (invite cards drive fission): a member who
//! joins through another member's code rewards the inviter with `PointsRules::invite_reward`.
//! Refused: inviting oneself, members not new to the club (see [`is_new`]), a second invite, and
//! loops (the inviter was themselves invited, directly or up the chain, by this member).

use crate::club::ledger::{self, Entry};
use crate::club::member::CurrentMember;
use crate::club::{members, settings};
use crate::db::Db;
use crate::store::now_ms;

/// Why an invite is refused.
#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    /// No member of this workspace has the code.
    #[error("no member has this invite code")]
    UnknownCode,
    /// The code is the member's own.
    #[error("you cannot invite yourself")]
    SelfInvite,
    /// The member is not new to the club.
    #[error("only members new to the club (joined in the last 7 days, no points yet) can join through an invite")]
    NotNew,
    /// The member already joined through an invite.
    #[error("you already joined through an invite")]
    AlreadyInvited,
    /// The inviter joined through this member (directly or up the chain).
    #[error("this member joined through you: invites cannot go in a circle")]
    Loop,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// How long after joining a member may still join through an invite.
pub const NEW_FOR_MS: i64 = 7 * 24 * 3600 * 1000;

/// Whether the member is new to the club: joined less than [`NEW_FOR_MS`] ago and has not earned
/// or spent a point yet. Whichever session or device she opens the invite in.
async fn is_new(db: &Db, member: &str) -> Result<bool, sqlx::Error> {
    let (created_at, lines): (i64, i64) = sqlx::query_as(
        "SELECT created_at, (SELECT COUNT(*) FROM points_ledger WHERE member_id = $1) \
         FROM members WHERE id = $1",
    )
    .bind(member)
    .fetch_one(&db.pool)
    .await?;
    Ok(created_at > now_ms() - NEW_FOR_MS && lines == 0)
}

/// Whether `member` appears in the chain of who invited `inviter`.
async fn in_chain(db: &Db, inviter: &str, member: &str) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "WITH RECURSIVE chain(id) AS ( \
           SELECT invited_by FROM members WHERE id = $1 \
           UNION SELECT m.invited_by FROM members m JOIN chain c ON m.id = c.id) \
         SELECT COUNT(*) FROM chain WHERE id = $2",
    )
    .bind(inviter)
    .bind(member)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// Records that `member` joined through the invite `code`; the inviter's id and reward.
pub async fn redeem(
    db: &Db,
    member: &CurrentMember,
    code: &str,
) -> Result<(String, i64), InviteError> {
    let inviter = members::by_code(db, &member.workspace_id, code)
        .await?
        .ok_or(InviteError::UnknownCode)?;
    if inviter.id == member.id {
        return Err(InviteError::SelfInvite);
    }
    if in_chain(db, &inviter.id, &member.id).await? {
        return Err(InviteError::Loop);
    }
    if !is_new(db, &member.id).await? {
        return Err(InviteError::NotNew);
    }
    let reward = i64::from(
        settings::get(db, &member.workspace_id)
            .await?
            .points
            .invite_reward,
    );
    let mut tx = db.begin_write().await?;
    let bound =
        sqlx::query("UPDATE members SET invited_by = $1 WHERE id = $2 AND invited_by IS NULL")
            .bind(&inviter.id)
            .bind(&member.id)
            .execute(&mut *tx)
            .await?;
    if bound.rows_affected() == 0 {
        return Err(InviteError::AlreadyInvited);
    }
    let source = format!("member:{}", member.id);
    let entry = Entry {
        workspace_id: &member.workspace_id,
        member_id: &inviter.id,
        amount: reward,
        reason: "invite",
        source: &source,
        now_ms: now_ms(),
    };
    ledger::earn(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok((inviter.id, reward))
}
