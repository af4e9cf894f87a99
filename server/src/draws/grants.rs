//! Draws earned by spending (满额抽奖): on a campaign with `spend_over_cents`, every draw uses a
//! grant, and each order of at least that amount grants one. Grants are taken inside the draw's
//! transaction by one conditional update for the whole batch (never below zero, never twice);
//! a refund takes back the grants its order gave that are still unused.

use sqlx::AnyConnection;

use crate::db::values::list;

/// One campaign's grants.
#[derive(Clone, Copy, Debug)]
pub struct Grants<'a> {
    /// The published document.
    pub document_id: &'a str,
    /// The campaign.
    pub campaign_id: &'a str,
}

impl Grants<'_> {
    /// Uses one grant of each of `members` that has one left: those who did.
    pub async fn take(
        &self,
        conn: &mut AnyConnection,
        members: &[&str],
    ) -> Result<Vec<String>, sqlx::Error> {
        if members.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "UPDATE draw_grants SET used = used + 1 WHERE document_id = $1 AND campaign_id = $2 \
             AND used < granted AND member_id IN ({}) RETURNING member_id",
            list(3, members.len())
        );
        let mut query = sqlx::query_as::<_, (String,)>(&sql)
            .bind(self.document_id)
            .bind(self.campaign_id);
        for member in members {
            query = query.bind(*member);
        }
        let taken = query.fetch_all(&mut *conn).await?;
        Ok(taken.into_iter().map(|(m,)| m).collect())
    }

    /// Grants `member` one more draw.
    pub async fn grant(&self, conn: &mut AnyConnection, member: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO draw_grants (member_id, document_id, campaign_id, granted, used) \
             VALUES ($1, $2, $3, 1, 0) ON CONFLICT (member_id, document_id, campaign_id) \
             DO UPDATE SET granted = draw_grants.granted + 1",
        )
        .bind(member)
        .bind(self.document_id)
        .bind(self.campaign_id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Takes back one of `member`'s grants if it is unused: whether one was.
    pub async fn revoke(
        &self,
        conn: &mut AnyConnection,
        member: &str,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE draw_grants SET granted = granted - 1 WHERE member_id = $1 \
             AND document_id = $2 AND campaign_id = $3 AND used < granted",
        )
        .bind(member)
        .bind(self.document_id)
        .bind(self.campaign_id)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
