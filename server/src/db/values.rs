//! SQL text built from lists: placeholder lists for statements that touch many rows at once (the
//! batched draw engine), `VALUES ($3, $4), ($5, $6)` and `IN ($3, $4, $5)`, numbered from a given
//! parameter (both backends name the columns of a bare `VALUES` list `column1`, `column2`, …);
//! and column lists qualified by a table alias for joins.

use std::fmt::Write;

use sqlx::AnyConnection;

/// `($first, …), (…)`: `rows` tuples of `cols` parameters each, numbered from `first`.
pub fn tuples(first: usize, rows: usize, cols: usize) -> String {
    let mut out = String::with_capacity(rows * cols * 5);
    for row in 0..rows {
        out.push_str(if row == 0 { "(" } else { ", (" });
        for col in 0..cols {
            let sep = if col == 0 { "" } else { ", " };
            let _ = write!(out, "{sep}${}", first + row * cols + col);
        }
        out.push(')');
    }
    out
}

/// `$first, …`: `count` parameters for an `IN (…)` list.
pub fn list(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `columns` ("a, b") with each name prefixed by `alias` ("m.a, m.b").
pub fn qualified(alias: &str, columns: &str) -> String {
    columns
        .split(", ")
        .map(|c| format!("{alias}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `sql` with its `$N` parameters written `?N` on SQLite. Both name the same parameter, but
/// SQLite's parser finds each `$N` by comparing names one by one, which is quadratic in the
/// hundreds of parameters of a batch statement; `?N` it finds by number. Left as is elsewhere.
pub fn numbered(conn: &AnyConnection, sql: String) -> String {
    match conn.backend_name() {
        "SQLite" => question_marks(&sql),
        _ => sql,
    }
}

/// `sql` with `$N` outside quotes written `?N`.
fn question_marks(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        quoted ^= c == '\'';
        let parameter = c == '$' && !quoted && chars.peek().is_some_and(char::is_ascii_digit);
        out.push(if parameter { '?' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_rows_then_columns_from_the_first_parameter() {
        assert_eq!(tuples(3, 2, 2), "($3, $4), ($5, $6)");
        assert_eq!(tuples(1, 1, 3), "($1, $2, $3)");
        assert_eq!(list(4, 3), "$4, $5, $6");
        assert_eq!(qualified("m", "id, code"), "m.id, m.code");
        assert_eq!(
            question_marks("SELECT '$1', $1 FROM t WHERE a = $12 AND b = 'x$'"),
            "SELECT '$1', ?1 FROM t WHERE a = ?12 AND b = 'x$'"
        );
    }
}
