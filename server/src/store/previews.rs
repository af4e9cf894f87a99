//! Preview links. A token is `{link id}.{HMAC-SHA256(workspace secret, id:document:expiry)}`: it
//! cannot be forged or altered without the secret, it expires, and the link row can be revoked.

pub use cradle_wire::publishing::PreviewLink;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::Db;
use crate::store::{new_id, now_ms, workspaces};

/// Why a token does not open a preview.
#[derive(Debug, PartialEq, Eq)]
pub enum PreviewError {
    /// Malformed, forged or unknown.
    NotFound,
    /// Past its expiry.
    Expired,
    /// Revoked by an editor.
    Revoked,
}

fn signature(secret: &str, id: &str, document: &str, expires_at: i64) -> Option<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(format!("preview:{id}:{document}:{expires_at}").as_bytes());
    Some(mac)
}

fn token(secret: &str, id: &str, document: &str, expires_at: i64) -> String {
    let sig =
        signature(secret, id, document, expires_at).map(|m| hex::encode(m.finalize().into_bytes()));
    format!("{id}.{}", sig.unwrap_or_default())
}

/// Creates a link to `document` valid for `hours`.
pub async fn create(
    db: &Db,
    workspace: &str,
    document: &str,
    user: &str,
    hours: i64,
) -> Result<PreviewLink, sqlx::Error> {
    let secret = workspaces::secret(db, workspace).await?.unwrap_or_default();
    let id = new_id();
    let now = now_ms();
    let expires_at = now + hours * 3600 * 1000;
    sqlx::query(
        "INSERT INTO preview_links (id, workspace_id, document_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(workspace)
    .bind(document)
    .bind(user)
    .bind(now)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    let url = format!("/preview/{}", token(&secret, &id, document, expires_at));
    Ok(PreviewLink {
        id,
        url,
        created_at: now,
        expires_at,
        revoked: false,
    })
}

/// A document's links, newest first.
pub async fn list(
    db: &Db,
    workspace: &str,
    document: &str,
) -> Result<Vec<PreviewLink>, sqlx::Error> {
    let secret = workspaces::secret(db, workspace).await?.unwrap_or_default();
    let rows: Vec<(String, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, created_at, expires_at, revoked_at FROM preview_links \
         WHERE workspace_id = $1 AND document_id = $2 ORDER BY created_at DESC, id",
    )
    .bind(workspace)
    .bind(document)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, created_at, expires_at, revoked_at)| PreviewLink {
            url: format!("/preview/{}", token(&secret, &id, document, expires_at)),
            id,
            created_at,
            expires_at,
            revoked: revoked_at.is_some(),
        })
        .collect())
}

/// Revokes link `id` of `workspace`; false when there is no such live link.
pub async fn revoke(db: &Db, workspace: &str, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE preview_links SET revoked_at = $1 WHERE id = $2 AND workspace_id = $3 AND revoked_at IS NULL")
        .bind(now_ms())
        .bind(id)
        .bind(workspace)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The `(workspace, document)` a token opens at time `now` (Unix ms).
pub async fn open(
    db: &Db,
    token: &str,
    now: i64,
) -> Result<Result<(String, String), PreviewError>, sqlx::Error> {
    let Some((id, sig)) = token.split_once('.') else {
        return Ok(Err(PreviewError::NotFound));
    };
    let Ok(sig) = hex::decode(sig) else {
        return Ok(Err(PreviewError::NotFound));
    };
    let row: Option<(String, String, i64, Option<i64>, String)> = sqlx::query_as(
        "SELECT p.workspace_id, p.document_id, p.expires_at, p.revoked_at, w.secret \
         FROM preview_links p JOIN workspaces w ON w.id = p.workspace_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((workspace, document, expires_at, revoked_at, secret)) = row else {
        return Ok(Err(PreviewError::NotFound));
    };
    let genuine = signature(&secret, id, &document, expires_at)
        .is_some_and(|mac| mac.verify_slice(&sig).is_ok());
    Ok(if !genuine {
        Err(PreviewError::NotFound)
    } else if revoked_at.is_some() {
        Err(PreviewError::Revoked)
    } else if now >= expires_at {
        Err(PreviewError::Expired)
    } else {
        Ok((workspace, document))
    })
}
