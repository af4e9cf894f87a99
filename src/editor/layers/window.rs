//! Which outline rows are drawn: those the side panel shows, and a margin above and below. A
//! 500-block page has a 500-row outline of which some thirty are in view; drawing only those keeps
//! the other rows' elements and effects out of the page's load and out of every change of its
//! shape. Scrolling the panel (by wheel, by Tab reaching a row in the margin, by a drag near its
//! edge) draws the rows it brings into view.

use std::ops::Range;

/// Height of a block's row, in CSS pixels (`.layers__item` in `style/main.css` holds it to this:
/// a touch target's height).
pub const BLOCK_ROW: f64 = 44.0;
/// Height of a column's row (`.layers__column`).
pub const COLUMN_ROW: f64 = 24.0;
/// Rows drawn before the panel has been measured: more than a tall screen shows.
pub const FIRST: usize = 48;
/// Rows drawn beyond each edge of the view, so Tab and a drag's next row are already there.
const MARGIN: usize = 8;

/// Where each row starts, from the top of the list, then where the last one ends.
pub fn offsets(heights: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut out = vec![0.0];
    let mut y = 0.0;
    for h in heights {
        y += h;
        out.push(y);
    }
    out
}

/// The rows that meet the span `from..to` (pixels from the top of the list), with the margin.
pub fn in_view(offsets: &[f64], from: f64, to: f64) -> Range<usize> {
    let rows = offsets.len().saturating_sub(1);
    // Row i spans offsets[i]..offsets[i + 1].
    let first = offsets
        .get(1..)
        .map_or(0, |ends| ends.partition_point(|&end| end <= from));
    let past = offsets[..rows].partition_point(|&start| start < to);
    let end = (past + MARGIN).min(rows);
    first.saturating_sub(MARGIN).min(end)..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(n: usize) -> Vec<f64> {
        offsets(std::iter::repeat_n(BLOCK_ROW, n))
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn the_rows_in_view_and_a_margin() {
        let o = list(500);
        // The top 300 px: rows 0-6 meet it (row 6 starts at 264).
        assert_eq!(in_view(&o, 0.0, 300.0), 0..7 + MARGIN);
        // Scrolled to row 250's top, ten rows tall: rows 250-259.
        let top = 250.0 * BLOCK_ROW;
        assert_eq!(
            in_view(&o, top, top + 10.0 * BLOCK_ROW),
            250 - MARGIN..260 + MARGIN
        );
        // A row that only touches the span's edge is not in view.
        assert_eq!(in_view(&o, BLOCK_ROW, 2.0 * BLOCK_ROW), 0..2 + MARGIN);
        // The end of the list.
        assert_eq!(
            in_view(&o, 499.0 * BLOCK_ROW, 600.0 * BLOCK_ROW),
            499 - MARGIN..500
        );
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn out_of_view_and_empty() {
        let o = list(100);
        // The list starts below the panel's bottom: nothing in view but the margin.
        assert_eq!(in_view(&o, -900.0, -100.0), 0..MARGIN);
        // Scrolled past its end: the margin above it.
        assert_eq!(in_view(&o, 5000.0, 6000.0), 100 - MARGIN..100);
        assert_eq!(in_view(&offsets(std::iter::empty()), 0.0, 900.0), 0..0);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn columns_rows_are_shorter() {
        let o = offsets([BLOCK_ROW, COLUMN_ROW, COLUMN_ROW, BLOCK_ROW].into_iter());
        assert_eq!(o, [0.0, 44.0, 68.0, 92.0, 136.0]);
        assert_eq!(in_view(&o, 70.0, 80.0).end, 4);
    }
}
