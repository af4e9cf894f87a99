//! Several writes sent as one statement, so a draw batch pays one round trip for them instead of
//! one each: on PostgreSQL as data-modifying `WITH` parts of one statement (each part writes its
//! own table and none reads what another writes), on SQLite as statements run by one call (the
//! driver runs them in turn on its worker thread, the numbered parameters shared by all).

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Any, AnyConnection, Arguments, Encode, Type};

use crate::db::values::numbered;

/// Statements gathered with their parameters, numbered in one sequence.
#[derive(Default)]
pub struct Writes<'q> {
    parts: Vec<String>,
    args: AnyArguments<'q>,
    bound: usize,
}

impl<'q> Writes<'q> {
    /// The number of the next parameter bound: a statement pushed next numbers its parameters
    /// from here (`$n`), in the order they are bound.
    pub fn next(&self) -> usize {
        self.bound + 1
    }

    /// Adds a statement; on PostgreSQL only the last one may return rows.
    pub fn push(&mut self, sql: String) {
        self.parts.push(sql);
    }

    /// Binds the next parameter.
    pub fn bind<T>(&mut self, value: T) -> Result<(), sqlx::Error>
    where
        T: 'q + Encode<'q, Any> + Type<Any>,
    {
        self.args.add(value).map_err(sqlx::Error::Encode)?;
        self.bound += 1;
        Ok(())
    }

    /// Runs every statement, in the order pushed: the rows the last one returns.
    pub async fn run(self, conn: &mut AnyConnection) -> Result<Vec<AnyRow>, sqlx::Error> {
        let Some((last, first)) = self.parts.split_last() else {
            return Ok(Vec::new());
        };
        let sql = match conn.backend_name() {
            "PostgreSQL" if !first.is_empty() => {
                let parts: Vec<String> = first
                    .iter()
                    .enumerate()
                    .map(|(i, part)| format!("w{i} AS ({part})"))
                    .collect();
                format!("WITH {} {last}", parts.join(", "))
            }
            _ => self.parts.join(";\n"),
        };
        let sql = numbered(conn, sql);
        sqlx::query_with(&sql, self.args)
            .fetch_all(&mut *conn)
            .await
    }
}
