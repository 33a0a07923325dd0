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
    /// Two rounds of the talks: what each side added, did not restate, changed or kept.
    Rounds,
    /// What a merge left to settle: base, ours and theirs side by side.
    Conflicts,
}

impl MainView {
    pub fn hover(self) -> &'static str {
        match self {
            Self::Columns => "Every side's demands side by side, aligned by issue",
            Self::Overview => "Issues × sides: how many demands, the strongest priority, the marks",
            Self::Values => "Where sides state numbers in the same unit: the gap or overlap between them",
            Self::Rounds => "Two rounds of the talks: what each side added, did not restate, changed or kept",
            Self::Conflicts => "What a merge of two people's work left to settle: base, ours and theirs side by side",
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
    overview: Cached<(), Overview>,
    values: Cached<(), Vec<ValueAxis>>,
    /// By the documents compared (old, new).
    rounds: Cached<(usize, usize), RoundsComparison>,
    /// By the issue.
    /// The details pane's axes, by issue and the selected demand's document (its round).
    issue_values: Cached<(usize, usize), Vec<ValueAxis>>,
}

/// What was worked out for a revision of the comparison and a key, until either changes.
struct Cached<K, T>(Option<(u64, K, T)>);

impl<K, T> Default for Cached<K, T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<K: PartialEq, T> Cached<K, T> {
    /// The value for `revision` and `key`, made by `make` where it is not kept.
    fn get(&mut self, revision: u64, key: K, make: impl FnOnce() -> T) -> &T {
        if !matches!(&self.0, Some((r, k, _)) if *r == revision && *k == key) {
            self.0 = None;
        }
        &self.0.get_or_insert_with(|| (revision, key, make())).2
    }
}

impl Views {
    pub fn overview(&mut self, cmp: &Comparison) -> &Overview {
        self.overview
            .get(cmp.revision(), (), || overview(cmp, &cmp.visible_sides()))
    }

    pub fn values(&mut self, cmp: &Comparison) -> &[ValueAxis] {
        self.values
            .get(cmp.revision(), (), || all_axes(cmp, &cmp.visible_sides()))
    }

    /// The axes of the issue the selection is on (its first demand's), for the details pane.
    pub fn issue_values(&mut self, cmp: &Comparison, selection: &[DemandIx]) -> &[ValueAxis] {
        let Some(&first) = selection.first() else {
            return &[];
        };
        let Some(issue) = cmp.demand_issue(first) else {
            return &[];
        };
        let document = cmp
            .document_index(&cmp.side_document(first.side as usize).id)
            .unwrap_or(0);
        self.issue_values.get(cmp.revision(), (issue, document), || {
            // The selected demand's round only: another round's values are compared in Compare rounds.
            let columns = crate::model::values::columns_of_round(cmp, &cmp.visible_sides(), document);
            axes_for_issue(cmp, issue, &columns)
        })
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
        let changes = self
            .rounds
            .get(cmp.revision(), (old, new), || cmp.compare_documents(old, new));
        Some((old, new, changes))
    }

    /// Forgets what was worked out and chosen for another comparison (the view shown stays).
    pub fn forget(&mut self) {
        *self = Self {
            main: self.main,
            ..Self::default()
        };
    }
}
