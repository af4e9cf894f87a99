//! Login sessions. The cookie carries a random token; only its SHA-256 is stored, so a leaked
//! database does not leak live sessions.

use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::store::users::{self, User};
use crate::store::{now_ms, random_hex};

/// How long a session lasts.
pub const SESSION_DAYS: i64 = 14;

/// The SHA-256 of a secret token, as stored in its place.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new session for `user_id`: `(token, csrf_token)`.
pub async fn create(db: &Db, user_id: &str) -> Result<(String, String), sqlx::Error> {
    let token = random_hex(32);
    let csrf = random_hex(16);
    let expires = now_ms() + SESSION_DAYS * 24 * 3600 * 1000;
    sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(digest(&token))
        .bind(user_id)
        .bind(&csrf)
        .bind(expires)
        .execute(&db.pool)
        .await?;
    Ok((token, csrf))
}

/// The live session for `token`: its user and CSRF token.
pub async fn lookup(db: &Db, token: &str) -> Result<Option<(User, String)>, sqlx::Error> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT user_id, csrf_token FROM sessions WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(digest(token))
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await?;
    let Some((user_id, csrf)) = row else {
        return Ok(None);
    };
    Ok(users::by_id(db, &user_id).await?.map(|u| (u, csrf)))
}

/// Ends the session for `token`.
pub async fn delete(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(digest(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}
