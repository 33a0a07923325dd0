//! Splitting a presentation step into pages: each side's column is a list of
//! blocks (cards, notes) of known heights; a page holds, in every column, the
//! blocks that fit under the previous page's. A clicker's Page Down reaches the
//! next page, so nothing sits below the screen's edge waiting for a mouse.

use std::ops::Range;

/// The blocks of each column on each page: `pages[p][c]` is the range of column
/// `c`'s blocks shown on page `p` (empty where that column has no more). Every
/// page holds at least one block of some column, and a block taller than a
/// page gets a page of its own.
pub fn paginate(columns: &[Vec<f32>], height: f32, gap: f32) -> Vec<Vec<Range<usize>>> {
    let per_column: Vec<Vec<Range<usize>>> = columns
        .iter()
        .map(|heights| {
            let mut pages = Vec::new();
            let mut start = 0;
            let mut used = 0.0;
            for (i, &h) in heights.iter().enumerate() {
                let needed = if i == start { h } else { used + gap + h };
                if i > start && needed > height {
                    pages.push(start..i);
                    start = i;
                    used = h;
                } else {
                    used = needed;
                }
            }
            if start < heights.len() {
                pages.push(start..heights.len());
            }
            pages
        })
        .collect();
    let count = per_column.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..count)
        .map(|p| {
            per_column
                .iter()
                .zip(columns)
                .map(|(pages, heights)| pages.get(p).cloned().unwrap_or(heights.len()..heights.len()))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::paginate;

    #[test]
    fn columns_that_fit_take_one_page() {
        let pages = paginate(&[vec![100.0, 100.0], vec![50.0], vec![]], 300.0, 10.0);
        assert_eq!(pages, vec![vec![0..2, 0..1, 0..0]]);
    }

    #[test]
    fn a_long_column_continues_on_the_next_page_and_the_others_are_empty_there() {
        // 3 × 100 with gaps of 10 is 320: the third card goes on.
        let pages = paginate(&[vec![100.0, 100.0, 100.0], vec![80.0]], 300.0, 10.0);
        assert_eq!(pages, vec![vec![0..2, 0..1], vec![2..3, 1..1]]);
    }

    #[test]
    fn a_block_taller_than_a_page_has_a_page_of_its_own() {
        let pages = paginate(&[vec![50.0, 500.0, 50.0]], 300.0, 10.0);
        assert_eq!(pages, vec![vec![0..1], vec![1..2], vec![2..3]]);
    }

    #[test]
    fn no_blocks_is_one_empty_page() {
        assert_eq!(paginate(&[vec![], vec![]], 300.0, 10.0), vec![vec![0..0, 0..0]]);
    }
}
