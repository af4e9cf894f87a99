//! Per member and campaign counters (`draw_tallies`): draws today, draws in all and wins. Limits
//! are enforced by conditional statements over every member of a batch at once, never by
//! reading then writing.

use std::collections::{HashMap, HashSet};

use serde_json::json;
use sqlx::AnyConnection;

use crate::db::values::{list, numbered};
use crate::db::writes::Writes;
use crate::draws::engine::DrawError;

/// One campaign's counters on one day (in the workspace time zone).
#[derive(Clone, Copy, Debug)]
pub struct Tallies<'a> {
    /// The published document.
    pub document_id: &'a str,
    /// The campaign.
    pub campaign_id: &'a str,
    /// `YYYY-MM-DD` in the workspace time zone.
    pub day: &'a str,
}

impl<'a> Tallies<'a> {
    /// Counts one draw for each member still under both limits (one upsert for all): each
    /// counted member's draws today, this one included. Members not returned are at a limit.
    pub async fn count(
        &self,
        conn: &mut AnyConnection,
        members: &[&str],
        per_day: i64,
        per_campaign: i64,
    ) -> Result<HashMap<String, i64>, sqlx::Error> {
        if members.is_empty() {
            return Ok(HashMap::new());
        }
        let rows = (0..members.len())
            .map(|i| format!("(${}, $1, $2, $3, 1, 1, 0)", i + 6))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO draw_tallies (member_id, document_id, campaign_id, day, day_count, total, \
             wins) VALUES {rows} \
             ON CONFLICT (member_id, document_id, campaign_id) DO UPDATE SET \
             day_count = CASE WHEN draw_tallies.day = $3 THEN draw_tallies.day_count + 1 ELSE 1 END, \
             day = $3, total = draw_tallies.total + 1 \
             WHERE (CASE WHEN draw_tallies.day = $3 THEN draw_tallies.day_count ELSE 0 END) < $4 \
             AND draw_tallies.total < $5 \
             RETURNING member_id, day_count"
        );
        let sql = numbered(conn, sql);
        let mut query = sqlx::query_as::<_, (String, i64)>(&sql)
            .bind(self.document_id)
            .bind(self.campaign_id)
            .bind(self.day)
            .bind(per_day)
            .bind(per_campaign);
        for member in members {
            query = query.bind(*member);
        }
        Ok(query.fetch_all(&mut *conn).await?.into_iter().collect())
    }

    /// `member`'s counters: draws today, draws in all and wins (zeros before her first draw).
    pub async fn of(
        &self,
        conn: &mut AnyConnection,
        member: &str,
    ) -> Result<(i64, i64, i64), sqlx::Error> {
        let counters: Option<(i64, i64, i64)> = sqlx::query_as(
            "SELECT CASE WHEN day = $4 THEN day_count ELSE 0 END, total, wins FROM draw_tallies \
             WHERE member_id = $1 AND document_id = $2 AND campaign_id = $3",
        )
        .bind(member)
        .bind(self.document_id)
        .bind(self.campaign_id)
        .bind(self.day)
        .fetch_optional(&mut *conn)
        .await?;
        Ok(counters.unwrap_or_default())
    }

    /// Why `member` was not counted: the daily limit or the campaign's.
    pub async fn refusal(
        &self,
        conn: &mut AnyConnection,
        member: &str,
        per_day: i64,
    ) -> Result<DrawError, sqlx::Error> {
        let (used_today, total): (i64, i64) = sqlx::query_as(
            "SELECT CASE WHEN day = $4 THEN day_count ELSE 0 END, total FROM draw_tallies \
             WHERE member_id = $1 AND document_id = $2 AND campaign_id = $3",
        )
        .bind(member)
        .bind(self.document_id)
        .bind(self.campaign_id)
        .bind(self.day)
        .fetch_one(&mut *conn)
        .await?;
        Ok(match used_today >= per_day {
            true => DrawError::DailyLimit(u32::try_from(used_today).unwrap_or(u32::MAX)),
            false => DrawError::CampaignLimit(u32::try_from(total).unwrap_or(u32::MAX)),
        })
    }

    /// Takes back the draw counted for each of `members` (refused after counting).
    pub async fn uncount(
        &self,
        conn: &mut AnyConnection,
        members: &[&str],
    ) -> Result<(), sqlx::Error> {
        self.update(
            conn,
            "day_count = day_count - 1, total = total - 1",
            members,
        )
        .await
    }

    /// Counts a win for each of `members` under `max_wins`: those counted.
    pub async fn win(
        &self,
        conn: &mut AnyConnection,
        members: &[&str],
        max_wins: i64,
    ) -> Result<HashSet<String>, sqlx::Error> {
        if members.is_empty() {
            return Ok(HashSet::new());
        }
        let sql = format!(
            "UPDATE draw_tallies SET wins = wins + 1 WHERE document_id = $1 AND campaign_id = $2 \
             AND wins < $3 AND member_id IN ({}) RETURNING member_id",
            list(4, members.len())
        );
        let sql = numbered(conn, sql);
        let mut query = sqlx::query_as::<_, (String,)>(&sql)
            .bind(self.document_id)
            .bind(self.campaign_id)
            .bind(max_wins);
        for member in members {
            query = query.bind(*member);
        }
        Ok(query
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|(m,)| m)
            .collect())
    }

    /// Counts a win for each of `members` with `writes` (no win limit to check).
    pub fn count_wins(&self, writes: &mut Writes<'a>, members: &[&str]) -> Result<(), sqlx::Error> {
        if members.is_empty() {
            return Ok(());
        }
        let rows = members.iter().map(|m| json!({ "member_id": m })).collect();
        let from = writes.rows(rows, &[("member_id", "text")])?;
        let (document, campaign) = (writes.next(), writes.next() + 1);
        writes.push(format!(
            "UPDATE draw_tallies SET wins = wins + 1 FROM {from} \
             WHERE draw_tallies.member_id = v.member_id AND draw_tallies.document_id = ${document} \
             AND draw_tallies.campaign_id = ${campaign}"
        ));
        writes.bind(self.document_id)?;
        writes.bind(self.campaign_id)?;
        Ok(())
    }

    /// Takes back the win counted for each of `members` (their prize was out of stock).
    pub async fn unwin(
        &self,
        conn: &mut AnyConnection,
        members: &[&str],
    ) -> Result<(), sqlx::Error> {
        self.update(conn, "wins = wins - 1", members).await
    }

    async fn update(
        &self,
        conn: &mut AnyConnection,
        set: &str,
        members: &[&str],
    ) -> Result<(), sqlx::Error> {
        if members.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "UPDATE draw_tallies SET {set} WHERE document_id = $1 AND campaign_id = $2 \
             AND member_id IN ({})",
            list(3, members.len())
        );
        let sql = numbered(conn, sql);
        let mut query = sqlx::query(&sql)
            .bind(self.document_id)
            .bind(self.campaign_id);
        for member in members {
            query = query.bind(*member);
        }
        query.execute(&mut *conn).await?;
        Ok(())
    }
}
