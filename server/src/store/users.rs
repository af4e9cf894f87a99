//! Users: marketers and clerks who log in to a workspace.

use serde::Serialize;

use crate::auth::role::Role;
use crate::db::Db;
use crate::store::{new_id, now_ms};

/// A user as the API shows it (never the password hash).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct User {
    /// Id.
    pub id: String,
    /// Their workspace.
    pub workspace_id: String,
    /// Login email, lowercased.
    pub email: String,
    /// What they may do.
    pub role: Role,
}

type Row = (String, String, String, String, String);

fn from_row((id, workspace_id, email, role, _hash): Row) -> Option<User> {
    Some(User {
        id,
        workspace_id,
        email,
        role: Role::parse(&role)?,
    })
}

/// Why a user could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddUserError {
    /// The email is taken.
    #[error("a user with this email already exists")]
    EmailTaken,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Adds a user.
pub async fn add(
    db: &Db,
    workspace_id: &str,
    email: &str,
    password_hash: &str,
    role: Role,
) -> Result<User, AddUserError> {
    let user = User {
        id: new_id(),
        workspace_id: workspace_id.into(),
        email: email.trim().to_lowercase(),
        role,
    };
    sqlx::query(
        "INSERT INTO users (id, workspace_id, email, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&user.id)
    .bind(&user.workspace_id)
    .bind(&user.email)
    .bind(password_hash)
    .bind(role.as_str())
    .bind(now_ms())
    .execute(&db.pool)
    .await
    .map_err(|e| if super::is_unique_violation(&e) { AddUserError::EmailTaken } else { AddUserError::Db(e) })?;
    Ok(user)
}

/// The user with `email` and their password hash.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<(User, String)>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, workspace_id, email, role, password_hash FROM users WHERE email = $1",
    )
    .bind(email.trim().to_lowercase())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|r| {
        let hash = r.4.clone();
        from_row(r).map(|u| (u, hash))
    }))
}

/// The user with `id`.
pub async fn by_id(db: &Db, id: &str) -> Result<Option<User>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, workspace_id, email, role, password_hash FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(from_row))
}

/// How many users exist (the run command explains `user add` when there are none).
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}
