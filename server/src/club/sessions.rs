//! Member sessions: like staff sessions, the cookie carries a random token and only its SHA-256
//! is stored, next to the CSRF token for the double-submit check.

use std::sync::LazyLock;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::club::members::{self, Member};
use crate::db::values::qualified;
use crate::db::Db;
use crate::store::ttl::TtlCache;
use crate::store::{now_ms, random_hex};

/// How long a member session lasts (the brand's system signs a fresh token on each visit).
pub const MEMBER_SESSION_HOURS: i64 = 24;

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A live member session.
#[derive(Clone, Debug)]
pub struct MemberSession {
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

/// A session row joined with its member.
#[derive(sqlx::FromRow)]
struct SessionRow {
    csrf_token: String,
    joined: i64,
    #[sqlx(flatten)]
    member: members::Stored,
}

/// How long a session and its member, once read, answer from memory: every member request asks,
/// and a member's profile or tier changed elsewhere (a newer token, points earned on another
/// server) shows within this time. Member sessions are never revoked, only expire.
pub const CACHE_TTL: Duration = Duration::from_secs(2);

static CACHE: LazyLock<TtlCache<(MemberSession, Member)>> =
    LazyLock::new(|| TtlCache::new(CACHE_TTL, 100_000));

/// The live session for `token` and its member, in one query (or from memory for
/// [`CACHE_TTL`]).
pub async fn lookup(db: &Db, token: &str) -> Result<Option<(MemberSession, Member)>, sqlx::Error> {
    let digest = digest(token);
    if let Some(hit) = CACHE.get(&digest) {
        return Ok(Some(hit));
    }
    let columns = qualified("m", members::COLUMNS);
    let row: Option<SessionRow> = sqlx::query_as(&format!(
        "SELECT s.csrf_token, s.joined, {columns} FROM member_sessions s \
         JOIN members m ON m.id = s.member_id WHERE s.token_hash = $1 AND s.expires_at > $2"
    ))
    .bind(&digest)
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let found = (
        MemberSession {
            csrf: row.csrf_token,
            joined: row.joined == 1,
        },
        Member::from(row.member),
    );
    CACHE.put(&digest, found.clone());
    Ok(Some(found))
}
