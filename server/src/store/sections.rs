//! Saved sections: a workspace's reusable blocks, stored as the JSON of their fragments.

use crate::db::Db;
use crate::store::now_ms;

/// A stored section.
#[derive(Clone, Debug)]
pub struct Stored {
    /// Id.
    pub id: String,
    /// Name the marketer gave it.
    pub name: String,
    /// The fragments' JSON.
    pub body: String,
    /// When it was saved, Unix ms.
    pub created_at: i64,
}

/// The workspace's sections, oldest first.
pub async fn list(db: &Db, workspace: &str) -> Result<Vec<Stored>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, name, body, created_at FROM sections WHERE workspace_id = $1 \
         ORDER BY created_at, id",
    )
    .bind(workspace)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, body, created_at)| Stored {
            id,
            name,
            body,
            created_at,
        })
        .collect())
}

/// How many sections the workspace has.
pub async fn count(db: &Db, workspace: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sections WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

/// Stores a new section.
pub async fn insert(
    db: &Db,
    workspace: &str,
    user: &str,
    id: &str,
    name: &str,
    body: &str,
) -> Result<Stored, sqlx::Error> {
    let created_at = now_ms();
    sqlx::query(
        "INSERT INTO sections (id, workspace_id, name, body, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(workspace)
    .bind(name)
    .bind(body)
    .bind(user)
    .bind(created_at)
    .execute(&db.pool)
    .await?;
    Ok(Stored {
        id: id.to_owned(),
        name: name.to_owned(),
        body: body.to_owned(),
        created_at,
    })
}

/// Deletes one of the workspace's sections; false when it has no such section.
pub async fn delete(db: &Db, workspace: &str, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sections WHERE workspace_id = $1 AND id = $2")
        .bind(workspace)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() > 0)
}
