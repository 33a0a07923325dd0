//! The whole negotiation at a glance: a matrix of issues × sides, each cell saying
//! how many demands the side states on the issue, the strongest priority among
//! them, and the statuses of the marks on them; or that the side states nothing.

use std::collections::BTreeSet;

use super::comparison::{Comparison, DemandIx, SideIx};
use super::mark::MarkId;
use super::position::Priority;

/// One side's stance on one issue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The side's demands on the issue, in file order; none is "no stated position".
    pub demands: Vec<DemandIx>,
    /// The strongest priority among them (Core first), where any has one.
    pub strongest: Option<Priority>,
    /// How many marks on these demands have each status, in codebook order (a mark
    /// covering two of them counts once).
    pub statuses: Vec<usize>,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.demands.is_empty()
    }

    pub fn mark_count(&self) -> usize {
        self.statuses.iter().sum()
    }

    /// "2 demands", "1 demand", "No stated position".
    pub fn count_text(&self) -> String {
        match self.demands.len() {
            0 => "No stated position".to_owned(),
            1 => "1 demand".to_owned(),
            n => format!("{n} demands"),
        }
    }

    /// "2 demands · Core", "1 demand", "No stated position".
    pub fn summary(&self) -> String {
        match self.strongest {
            Some(p) if !self.is_empty() => format!("{} · {}", self.count_text(), p.name()),
            _ => self.count_text(),
        }
    }
}

/// The matrix for the sides shown as `columns`, one row per issue of the comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overview {
    pub sides: Vec<SideIx>,
    /// `(issue, one cell per side of `sides`)`, in issue order.
    pub rows: Vec<(usize, Vec<Cell>)>,
}

pub fn overview(cmp: &Comparison, columns: &[SideIx]) -> Overview {
    let statuses = cmp.codebook().statuses.len();
    let rows = (0..cmp.issues().len())
        .map(|issue| {
            let cells = columns
                .iter()
                .map(|&side| {
                    let demands: Vec<DemandIx> = cmp.demands_on(side, issue).collect();
                    let strongest = demands.iter().filter_map(|&ix| cmp.demand(ix).priority).min();
                    let marks: BTreeSet<&MarkId> = demands.iter().flat_map(|&ix| cmp.marks_on(ix)).collect();
                    let mut counts = vec![0; statuses];
                    for id in marks {
                        if let Some(i) = cmp.mark(id).and_then(|m| cmp.codebook().index_of(&m.status)) {
                            counts[i] += 1;
                        }
                    }
                    Cell {
                        demands,
                        strongest,
                        statuses: counts,
                    }
                })
                .collect();
            (issue, cells)
        })
        .collect();
    Overview {
        sides: columns.to_vec(),
        rows,
    }
}
