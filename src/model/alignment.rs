//! Rows of the side-by-side view: each issue's demands from the two shown sides,
//! lined up so the same issue sits at the same height on both sides.

use std::collections::BTreeSet;

use super::comparison::{Comparison, DemandIx, SideIx};

/// What narrows the panels: statuses (none chosen means all) and a text query.
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

/// What one panel shows in a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Demand(DemandIx),
    /// The side states nothing on this issue.
    NoPosition,
    /// The side has demands on this issue, but the filter hides them all.
    Hidden,
    /// The row has no demand for this side beyond the first.
    Blank,
    /// No side is shown in this panel.
    NoSide,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// An issue heading.
    Issue(usize),
    Pair {
        issue: usize,
        left: Slot,
        right: Slot,
    },
}

/// Builds the rows for the sides shown in the two panels. Runs when the data, the
/// sides shown or the filter change, never per frame.
pub fn align(cmp: &Comparison, left: Option<SideIx>, right: Option<SideIx>, filter: &Filter) -> Vec<Row> {
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
                .filter_map(|id| cmp.mark(*id))
                .any(|m| filter.statuses.contains(&m.status))
    };
    let column = |side: Option<SideIx>, issue: usize| -> (Vec<DemandIx>, bool) {
        match side {
            None => (Vec::new(), false),
            Some(s) => {
                let mut any = false;
                let kept = cmp
                    .demands_on(s, issue)
                    .inspect(|_| any = true)
                    .filter(|&ix| keep(ix))
                    .collect();
                (kept, any)
            }
        }
    };
    let empty_slot = |side: Option<SideIx>, any: bool, first: bool| match (side, any, first) {
        (None, _, _) => Slot::NoSide,
        (_, _, false) => Slot::Blank,
        (_, true, true) => Slot::Hidden,
        (_, false, true) => Slot::NoPosition,
    };
    let mut rows = Vec::new();
    for issue in 0..cmp.issues().len() {
        let (l, l_any) = column(left, issue);
        let (r, r_any) = column(right, issue);
        if l.is_empty() && r.is_empty() {
            continue;
        }
        rows.push(Row::Issue(issue));
        for i in 0..l.len().max(r.len()) {
            let slot = |list: &[DemandIx], side, any| {
                list.get(i)
                    .map_or_else(|| empty_slot(side, any, i == 0), |&ix| Slot::Demand(ix))
            };
            rows.push(Row::Pair {
                issue,
                left: slot(&l, left, l_any),
                right: slot(&r, right, r_any),
            });
        }
    }
    rows
}
