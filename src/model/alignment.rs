//! Rows of the column view: each issue's demands from every shown side, lined up
//! so the same issue sits at the same height in every column.

use std::collections::BTreeSet;

use super::comparison::{Comparison, DemandIx, SideIx};

/// What narrows the columns: statuses (none chosen means all) and a text query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Codebook status ids to show; demands must carry a mark with one of them.
    pub statuses: BTreeSet<String>,
    /// Also show demands that carry no mark at all (with `statuses` non-empty).
    pub unmarked: bool,
    /// Case-insensitive words, all of which must appear in the demand.
    pub query: String,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        !self.statuses.is_empty() || self.unmarked || !self.query.trim().is_empty()
    }
}

/// What one column shows in a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Demand(DemandIx),
    /// The side states nothing on this issue.
    NoPosition,
    /// The side has demands on this issue, but the filter hides them all.
    Hidden,
    /// The row has no demand for this side beyond the first.
    Blank,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// An issue heading.
    Issue(usize),
    /// One slot per shown column, left first.
    Slots { issue: usize, slots: Vec<Slot> },
}

impl Row {
    pub fn issue(&self) -> usize {
        match self {
            Self::Issue(issue) | Self::Slots { issue, .. } => *issue,
        }
    }
}

/// Builds the rows for the sides shown as `columns`. Runs when the data, the
/// columns or the filter change, never per frame.
pub fn align(cmp: &Comparison, columns: &[SideIx], filter: &Filter) -> Vec<Row> {
    let words: Vec<String> = filter.query.split_whitespace().map(str::to_lowercase).collect();
    let keep = |ix: DemandIx| -> bool {
        if !words.iter().all(|w| cmp.haystack(ix).contains(w.as_str())) {
            return false;
        }
        if filter.statuses.is_empty() && !filter.unmarked {
            return true;
        }
        let marks = cmp.marks_on(ix);
        (filter.unmarked && marks.is_empty())
            || marks
                .iter()
                .filter_map(|id| cmp.mark(id))
                .any(|m| filter.statuses.contains(&m.status))
    };
    let mut rows = Vec::new();
    let mut kept: Vec<Vec<DemandIx>> = vec![Vec::new(); columns.len()];
    let mut any: Vec<bool> = vec![false; columns.len()];
    for issue in 0..cmp.issues().len() {
        for (c, &side) in columns.iter().enumerate() {
            kept[c].clear();
            any[c] = false;
            for ix in cmp.demands_on(side, issue) {
                any[c] = true;
                if keep(ix) {
                    kept[c].push(ix);
                }
            }
        }
        let mut height = kept.iter().map(Vec::len).max().unwrap_or(0);
        if height == 0 {
            // An issue nobody has a position on yet is shown, unless a search or
            // a filter is narrowing what is seen: it is where the first demand goes.
            let narrowing = !words.is_empty() || !filter.statuses.is_empty() || filter.unmarked;
            if narrowing || any.iter().any(|&a| a) {
                continue;
            }
            height = 1;
        }
        rows.push(Row::Issue(issue));
        for i in 0..height {
            let slots = (0..columns.len())
                .map(|c| match kept[c].get(i) {
                    Some(&ix) => Slot::Demand(ix),
                    None if i > 0 => Slot::Blank,
                    None if any[c] => Slot::Hidden,
                    None => Slot::NoPosition,
                })
                .collect();
            rows.push(Row::Slots { issue, slots });
        }
    }
    rows
}
