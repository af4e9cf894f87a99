//! Members of a workspace's club: one row per member of the brand's system
//! (`UNIQUE(workspace_id, external_id)`), holding the points balance, lifetime growth and the
//! member's own code (for invites and for being named when rights are shared).

use crate::club::token::ProfileClaims;
use crate::db::Db;
use crate::store::{new_id, now_ms, random_hex};

/// A member as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// Internal id.
    pub id: String,
    /// Their workspace.
    pub workspace_id: String,
    /// Their id in the brand's system.
    pub external_id: String,
    /// Their code: invites and rights sharing name members by it.
    pub code: String,
    /// Profile facts from their latest token.
    pub profile: ProfileClaims,
    /// Points they can spend.
    pub balance: i64,
    /// Lifetime growth value (decides the tier; never decreases).
    pub growth: i64,
    /// Who invited them.
    pub invited_by: Option<String>,
}

/// A members row as read.
#[derive(sqlx::FromRow)]
pub(crate) struct Stored {
    id: String,
    workspace_id: String,
    external_id: String,
    code: String,
    profile: String,
    balance: i64,
    growth: i64,
    invited_by: Option<String>,
    last_purchase: Option<String>,
}

/// The columns of [`Stored`].
pub(crate) const COLUMNS: &str =
    "id, workspace_id, external_id, code, profile, balance, growth, invited_by, last_purchase";

impl From<Stored> for Member {
    /// The profile's last purchase is the later of the token's and the orders the brand reported.
    fn from(row: Stored) -> Member {
        let mut profile: ProfileClaims = serde_json::from_str(&row.profile).unwrap_or_default();
        let reported = row.last_purchase.and_then(|d| d.parse().ok());
        profile.last_purchase = profile.last_purchase.max(reported);
        Member {
            id: row.id,
            workspace_id: row.workspace_id,
            external_id: row.external_id,
            code: row.code,
            profile,
            balance: row.balance,
            growth: row.growth,
            invited_by: row.invited_by,
        }
    }
}

/// The member `external_id` of `workspace`, created if new, with `profile` refreshed; and whether
/// this call created them.
pub async fn upsert(
    db: &Db,
    workspace: &str,
    external_id: &str,
    profile: &ProfileClaims,
) -> Result<(Member, bool), sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    let (stored,): (String,) = sqlx::query_as(
        "INSERT INTO members (id, workspace_id, external_id, profile, code, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (workspace_id, external_id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at \
         RETURNING id",
    )
    .bind(&id)
    .bind(workspace)
    .bind(external_id)
    .bind(serde_json::to_string(profile).unwrap_or_default())
    .bind(random_hex(5))
    .bind(now)
    .fetch_one(&db.pool)
    .await?;
    let found = get(db, &stored).await?.ok_or(sqlx::Error::RowNotFound)?;
    Ok((found, stored == id))
}

/// The member `external_id` of `workspace`, created (with an empty profile) if the brand reports
/// them before they ever opened a page.
pub async fn ensure(db: &Db, workspace: &str, external_id: &str) -> Result<Member, sqlx::Error> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO members (id, workspace_id, external_id, profile, code, created_at, updated_at) \
         VALUES ($1, $2, $3, '{}', $4, $5, $5) ON CONFLICT (workspace_id, external_id) DO NOTHING",
    )
    .bind(new_id())
    .bind(workspace)
    .bind(external_id)
    .bind(random_hex(5))
    .bind(now)
    .execute(&db.pool)
    .await?;
    by_external(db, workspace, external_id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

/// The member `external_id` (the brand's id) of `workspace`.
pub async fn by_external(
    db: &Db,
    workspace: &str,
    external_id: &str,
) -> Result<Option<Member>, sqlx::Error> {
    let row: Option<Stored> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM members WHERE workspace_id = $1 AND external_id = $2"
    ))
    .bind(workspace)
    .bind(external_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(Member::from))
}

/// The member with internal id `id`.
pub async fn get(db: &Db, id: &str) -> Result<Option<Member>, sqlx::Error> {
    let row: Option<Stored> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM members WHERE id = $1"))
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(Member::from))
}

/// The member of `workspace` whose code is `code`.
pub async fn by_code(db: &Db, workspace: &str, code: &str) -> Result<Option<Member>, sqlx::Error> {
    let row: Option<Stored> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM members WHERE workspace_id = $1 AND code = $2"
    ))
    .bind(workspace)
    .bind(code.trim().to_lowercase())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(Member::from))
}
