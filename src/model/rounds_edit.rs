//! The rounds of a comparison: which two documents are compared as rounds, their
//! comparison, and the edits that record the user's decisions about matches.

use super::comparison::{Comparison, Edit, EditError, PositionDocument};
use super::edit::check_rounds;
use super::position::human_date;
use super::rounds::{RoundDecisions, RoundsComparison, compare_rounds};

impl Comparison {
    /// What the user decided about each pair of rounds compared.
    pub fn rounds(&self) -> &[RoundDecisions] {
        &self.rounds
    }

    /// Puts in decisions read from a file (checked as an edit would be).
    pub fn with_rounds(mut self, rounds: Vec<RoundDecisions>) -> Result<Self, EditError> {
        check_rounds(&rounds)?;
        self.rounds = rounds;
        Ok(self)
    }

    /// The decisions about comparing document `old` with document `new` (none yet: empty).
    pub fn round_decisions(&self, old: &str, new: &str) -> RoundDecisions {
        if let Some(found) = self.rounds.iter().find(|r| r.old == old && r.new == new) {
            return found.clone();
        }
        // Decided the other way round (the rounds were swapped): the same decisions.
        self.rounds
            .iter()
            .find(|r| r.old == new && r.new == old)
            .map_or_else(|| RoundDecisions::new(old, new), RoundDecisions::swapped)
    }

    /// The two documents compared as rounds when the user has not chosen: the pair
    /// last decided about, or else the two latest by date (earlier first), or the
    /// last two opened.
    pub fn default_rounds(&self) -> Option<(usize, usize)> {
        let documents = self.documents();
        if documents.len() < 2 {
            return None;
        }
        let decided = self
            .rounds
            .iter()
            .rev()
            .find_map(|r| Some((self.document_index(&r.old)?, self.document_index(&r.new)?)));
        decided.or_else(|| {
            let mut order: Vec<usize> = (0..documents.len()).collect();
            // Dates are ISO 8601 (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): their text sorts by time.
            order.sort_by(|&a, &b| {
                let date = |i: usize| documents[i].data.date.as_deref();
                match (date(a), date(b)) {
                    (Some(x), Some(y)) => x.cmp(y).then(a.cmp(&b)),
                    _ => a.cmp(&b),
                }
            });
            let n = order.len();
            Some((order[n - 2], order[n - 1]))
        })
    }

    /// Document `old` and document `new` compared as rounds, with the user's decisions.
    pub fn compare_documents(&self, old: usize, new: usize) -> RoundsComparison {
        let (Some(a), Some(b)) = (self.documents().get(old), self.documents().get(new)) else {
            return RoundsComparison::default();
        };
        compare_rounds(&a.data, &b.data, &self.round_decisions(&a.id, &b.id))
    }

    /// The edit that changes the decisions about documents `old` and `new` as
    /// `change` does; `None` when it changes nothing. A pair left with no decision
    /// is dropped, so that a file without decisions stays in the older format.
    pub fn round_decision_edit(&self, old: &str, new: &str, change: impl FnOnce(&mut RoundDecisions)) -> Option<Edit> {
        let mut decisions = self.round_decisions(old, new);
        let before = decisions.clone();
        change(&mut decisions);
        if decisions == before {
            return None;
        }
        let mut rounds = self.rounds.clone();
        // One record per pair of documents, whichever way round it was decided.
        match rounds
            .iter()
            .position(|r| (r.old == old && r.new == new) || (r.old == new && r.new == old))
        {
            Some(at) if decisions.is_empty() => {
                rounds.remove(at);
            }
            Some(at) => rounds[at] = decisions,
            None => rounds.push(decisions),
        }
        Some(Edit::SetRounds(rounds))
    }
}

impl PositionDocument {
    /// The round as a heading: "Istanbul, second round (2 June 2025)", or what the
    /// file has of it, or its id.
    pub fn round_title(&self) -> String {
        match (&self.data.round, &self.data.date) {
            (Some(round), Some(date)) => format!("{round} ({})", human_date(date)),
            (Some(round), None) => round.clone(),
            (None, Some(date)) => human_date(date),
            (None, None) => self.id.clone(),
        }
    }
}
