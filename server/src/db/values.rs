//! SQL text built from lists: placeholder lists for statements that touch many rows at once (the
//! batched draw engine), `VALUES ($3, $4), ($5, $6)` and `IN ($3, $4, $5)`, numbered from a given
//! parameter (both backends name the columns of a bare `VALUES` list `column1`, `column2`, …);
//! and column lists qualified by a table alias for joins.

use std::fmt::Write;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_rows_then_columns_from_the_first_parameter() {
        assert_eq!(tuples(3, 2, 2), "($3, $4), ($5, $6)");
        assert_eq!(tuples(1, 1, 3), "($1, $2, $3)");
        assert_eq!(list(4, 3), "$4, $5, $6");
        assert_eq!(qualified("m", "id, code"), "m.id, m.code");
    }
}
