//! Member sessions: like staff sessions, the cookie carries a random token and only its SHA-256
//! is stored, next to the CSRF token for the double-submit check.

use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::store::{now_ms, random_hex};

/// How long a member session lasts (the brand's system signs a fresh token on each visit).
pub const MEMBER_SESSION_HOURS: i64 = 24;

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A live member session.
#[derive(Clone, Debug)]
pub struct MemberSession {
    /// The member's internal id.
    pub member_id: String,
    /// The CSRF token to expect in `X-CSRF-Token`.
    pub csrf: String,
    /// Whether the session that created the member (only it may redeem an invite).
    pub joined: bool,
}

/// A new session for `member_id`: `(token, csrf_token)`.
pub async fn create(
    db: &Db,
    member_id: &str,
    joined: bool,
) -> Result<(String, String), sqlx::Error> {
    let token = random_hex(32);
    let csrf = random_hex(16);
    sqlx::query(
        "INSERT INTO member_sessions (token_hash, member_id, csrf_token, joined, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(digest(&token))
    .bind(member_id)
    .bind(&csrf)
    .bind(i64::from(joined))
    .bind(now_ms() + MEMBER_SESSION_HOURS * 3600 * 1000)
    .execute(&db.pool)
    .await?;
    Ok((token, csrf))
}

/// The live session for `token`.
pub async fn lookup(db: &Db, token: &str) -> Result<Option<MemberSession>, sqlx::Error> {
    let row: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT member_id, csrf_token, joined FROM member_sessions WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(digest(token))
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(member_id, csrf, joined)| MemberSession {
        member_id,
        csrf,
        joined: joined == 1,
    }))
}
