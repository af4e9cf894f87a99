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

/// `sql` with `$N` outside quotes written `?N`, or just `?` when the parameters occur once each
/// and in order (`$1`, `$2`, …): SQLite then binds them by position and keeps no names at all,
/// where each name would be looked up one by one again when binding.
fn question_marks(sql: &str) -> String {
    let mut numbers = Vec::new();
    let mut pieces = Vec::new();
    let mut quoted = false;
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        quoted ^= c == '\'';
        let digits = match (c, quoted) {
            ('$', false) => rest[1..]
                .find(|d: char| !d.is_ascii_digit())
                .unwrap_or(rest.len() - 1),
            _ => 0,
        };
        if digits > 0 {
            numbers.push(rest[1..=digits].parse::<usize>().unwrap_or(0));
            pieces.push(None);
            rest = &rest[1 + digits..];
        } else {
            pieces.push(Some(&rest[..c.len_utf8()]));
            rest = &rest[c.len_utf8()..];
        }
    }
    let in_order = numbers.iter().enumerate().all(|(i, &n)| n == i + 1);
    let mut numbers = numbers.into_iter();
    let mut out = String::with_capacity(sql.len());
    for piece in pieces {
        match (piece, in_order) {
            (Some(text), _) => out.push_str(text),
            (None, true) => out.push('?'),
            (None, false) => {
                let _ = write!(out, "?{}", numbers.next().unwrap_or(0));
            }
        }
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
            question_marks("SELECT '$1', $2 FROM t WHERE a = $12 AND b = 'x$'"),
            "SELECT '$1', ?2 FROM t WHERE a = ?12 AND b = 'x$'"
        );
        assert_eq!(
            question_marks("INSERT INTO t VALUES ($1, $2), ($3, '$9'), ($4, 'é')"),
            "INSERT INTO t VALUES (?, ?), (?, '$9'), (?, 'é')"
        );
        assert_eq!(question_marks("a = $1 OR b = $1"), "a = ?1 OR b = ?1");
    }
}
