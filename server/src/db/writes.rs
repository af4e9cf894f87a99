//! Several writes sent as one statement, so a draw batch pays one round trip for them instead of
//! one each: on PostgreSQL as data-modifying `WITH` parts of one statement (each part writes its
//! own table and none reads what another writes), on SQLite as statements run by one call (the
//! driver runs them in turn on its worker thread, the numbered parameters shared by all).
//!
//! Rows come as one JSON parameter per statement ([`Writes::rows`]), so a statement's text does
//! not change with the number of rows: PostgreSQL prepares each new text in a round trip of its
//! own, and SQLite parses it again.

use serde_json::Value;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Any, AnyConnection, Arguments, Encode, Type};

use crate::db::values::numbered;

/// Statements gathered with their parameters, numbered in one sequence.
pub struct Writes<'q> {
    parts: Vec<String>,
    args: AnyArguments<'q>,
    bound: usize,
    postgres: bool,
}

impl<'q> Writes<'q> {
    /// Writes to run on `conn` (read for its backend only).
    pub fn new(conn: &AnyConnection) -> Writes<'q> {
        Writes {
            parts: Vec::new(),
            args: AnyArguments::default(),
            bound: 0,
            postgres: conn.backend_name() == "PostgreSQL",
        }
    }

    /// Binds `rows` (objects) as the next parameter and returns the table they make, `v`, for a
    /// statement's `FROM`: its columns are `columns`, each named and typed (`text`, `bigint`).
    pub fn rows(
        &mut self,
        rows: Vec<Value>,
        columns: &[(&str, &str)],
    ) -> Result<String, sqlx::Error> {
        let param = self.next();
        self.bind(Value::Array(rows).to_string())?;
        Ok(match self.postgres {
            true => {
                let typed: Vec<String> = columns.iter().map(|(n, t)| format!("{n} {t}")).collect();
                format!(
                    "json_to_recordset(${param}::json) AS v({})",
                    typed.join(", ")
                )
            }
            false => {
                let read: Vec<String> = columns
                    .iter()
                    .map(|(n, _)| format!("json_extract(value, '$.{n}') AS {n}"))
                    .collect();
                format!("(SELECT {} FROM json_each(${param})) AS v", read.join(", "))
            }
        })
    }

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
        let sql = match self.postgres {
            true if !first.is_empty() => {
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
