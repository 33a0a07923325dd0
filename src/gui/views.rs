//! The main views of a comparison (the columns, the overview, the values, the
//! rounds compared), which one is shown, and what each has worked out from the
//! model, kept until the comparison changes so that no frame works it out again.

use crate::model::overview::{Overview, overview};
use crate::model::rounds::{Change, RoundsComparison};
use crate::model::values::{ValueAxis, all_axes, axes_for_issue};
use crate::model::{Comparison, DemandIx};

/// What the central panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MainView {
    /// Every side in its own column, aligned by issue.
    #[default]
    Columns,
    /// Issues × sides at a glance.
    Overview,
    /// Every issue whose sides state values in the same unit, on one axis each.
    Values,
    /// Two rounds of the talks: what each side added, dropped, changed or kept.
    Rounds,
}

impl MainView {
    pub const ALL: [Self; 4] = [Self::Columns, Self::Overview, Self::Values, Self::Rounds];

    pub fn label(self) -> &'static str {
        match self {
            Self::Columns => "Columns",
            Self::Overview => "Overview",
            Self::Values => "Values",
            Self::Rounds => "Compare rounds",
        }
    }

    pub fn hover(self) -> &'static str {
        match self {
            Self::Columns => "Every side's demands side by side, aligned by issue",
            Self::Overview => "Issues × sides: how many demands, the strongest priority, the marks",
            Self::Values => "Where sides state numbers in the same unit: the gap or overlap between them",
            Self::Rounds => "Two rounds of the talks: what each side added, dropped, changed or kept",
        }
    }
}

/// Which demands the comparison of rounds lists, and how many of each side's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundsFilter {
    /// The kinds of change listed.
    pub shown: Vec<Change>,
    /// How many rows of each side are listed (more on asking): a frame lays out
    /// only so many, however large the rounds.
    pub rows: usize,
}

/// Rows of a side listed at first, and added by each "Show more".
pub const ROUNDS_PAGE: usize = 100;

impl Default for RoundsFilter {
    fn default() -> Self {
        Self {
            shown: Change::ALL.to_vec(),
            rows: ROUNDS_PAGE,
        }
    }
}

/// The view shown and what the views have worked out, each with the revision of
/// the comparison it was worked out at.
#[derive(Default)]
pub struct Views {
    pub main: MainView,
    /// The documents compared as rounds (ids), when the user chose them.
    pub rounds_pair: Option<(String, String)>,
    pub rounds_filter: RoundsFilter,
    overview: Option<(u64, Overview)>,
    values: Option<(u64, Vec<ValueAxis>)>,
    rounds: Option<(u64, usize, usize, RoundsComparison)>,
    issue_values: Option<(u64, usize, Vec<ValueAxis>)>,
}

impl Views {
    pub fn overview(&mut self, cmp: &Comparison) -> &Overview {
        let fresh = self.overview.as_ref().is_some_and(|(r, _)| *r == cmp.revision());
        if !fresh {
            self.overview = Some((cmp.revision(), overview(cmp, &cmp.visible_sides())));
        }
        &self.overview.get_or_insert_with(|| (0, Overview::default())).1
    }

    pub fn values(&mut self, cmp: &Comparison) -> &[ValueAxis] {
        let fresh = self.values.as_ref().is_some_and(|(r, _)| *r == cmp.revision());
        if !fresh {
            self.values = Some((cmp.revision(), all_axes(cmp, &cmp.visible_sides())));
        }
        &self.values.get_or_insert_with(|| (0, Vec::new())).1
    }

    /// The axes of the issue the selection is on (its first demand's), for the details pane.
    pub fn issue_values(&mut self, cmp: &Comparison, selection: &[DemandIx]) -> &[ValueAxis] {
        let Some(issue) = selection.first().and_then(|&ix| cmp.demand_issue(ix)) else {
            return &[];
        };
        let fresh = self
            .issue_values
            .as_ref()
            .is_some_and(|(r, i, _)| *r == cmp.revision() && *i == issue);
        if !fresh {
            self.issue_values = Some((cmp.revision(), issue, axes_for_issue(cmp, issue, &cmp.visible_sides())));
        }
        self.issue_values.as_ref().map_or(&[], |(_, _, axes)| axes.as_slice())
    }

    /// The documents compared as rounds: the user's choice while both are open,
    /// else the comparison's default.
    pub fn rounds_documents(&self, cmp: &Comparison) -> Option<(usize, usize)> {
        let chosen = self
            .rounds_pair
            .as_ref()
            .and_then(|(old, new)| Some((cmp.document_index(old)?, cmp.document_index(new)?)))
            .filter(|(old, new)| old != new);
        chosen.or_else(|| cmp.default_rounds())
    }

    /// The rounds compared, with the documents they are.
    pub fn rounds(&mut self, cmp: &Comparison) -> Option<(usize, usize, &RoundsComparison)> {
        let (old, new) = self.rounds_documents(cmp)?;
        let fresh = self
            .rounds
            .as_ref()
            .is_some_and(|(r, o, n, _)| *r == cmp.revision() && *o == old && *n == new);
        if !fresh {
            self.rounds = Some((cmp.revision(), old, new, cmp.compare_documents(old, new)));
        }
        self.rounds.as_ref().map(|(_, o, n, changes)| (*o, *n, changes))
    }

    /// Forgets what was worked out and chosen for another comparison (the view shown stays).
    pub fn forget(&mut self) {
        *self = Self {
            main: self.main,
            ..Self::default()
        };
    }
}
