//! Adjudication: settling a coding study into one consensus comparison.
//!
//! The consensus holds the study's positions, a codebook with every status a coder
//! used, one mark for each group of demands the coders agreed on, and the
//! adjudicator's decision for each demand they did not. Each of these marks
//! records what every coder had said about each of its demands
//! ([`Mark::coders_said`]), so that a paper can report how each disagreement was
//! settled. Decisions are edits of the consensus like any other: undoable, autosaved.

mod decisions;

use std::collections::HashMap;

use super::codebook::{Codebook, Status};
use super::comparison::{Comparison, DemandIx};
use super::edit::Edit;
use super::mark::{CoderSaid, DemandRef, Mark, MarkId, Stamp};
use super::reliability::Code;
use super::study::{Cell, CodedCopy, Study, StudyError};

/// Which demands of a study a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// Coders who coded the demand gave different statuses, or one coder gave it two.
    Disputed,
    /// Exactly one coder coded the demand: nothing to agree or disagree with.
    CodedByOne,
}

/// Narrows a list to one issue, side, status or coder (each `None` for all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// An index into the positions' issues.
    pub issue: Option<usize>,
    pub side: Option<usize>,
    /// Demands some coder gave this status.
    pub status: Option<Code>,
    /// Demands this coder coded.
    pub coder: Option<usize>,
}

/// How far adjudication has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub disputed: usize,
    pub disputed_decided: usize,
    pub coded_by_one: usize,
    pub coded_by_one_decided: usize,
}

/// A coding study being settled into a consensus comparison.
#[derive(Clone, Debug)]
pub struct Adjudication {
    study: Study,
    /// The study's document ids → the consensus's (the same, unless the consensus
    /// was reopened from a file made from renamed position files).
    documents: HashMap<String, String>,
    disputed: Vec<usize>,
    coded_by_one: Vec<usize>,
}

impl Adjudication {
    /// Starts a consensus of `study`, with the demands the coders agreed on already
    /// marked, each group of them marked alike by every coder as one mark.
    pub fn start(study: Study, stamp: &Stamp, mut new_id: impl FnMut() -> MarkId) -> (Self, Comparison) {
        let documents = study
            .base()
            .documents()
            .iter()
            .map(|d| (d.id.clone(), d.id.clone()))
            .collect();
        let this = Self::with_documents(study, documents);
        let study = &this.study;
        let base = study.base();

        // Demands covered by the very same marks of every coder, with the same status, become one mark.
        let mut groups: Vec<(Code, Vec<usize>)> = Vec::new();
        let mut group_of: HashMap<(Code, Vec<Vec<MarkId>>), usize> = HashMap::new();
        for unit in 0..study.units().len() {
            let Some(code) = this.agreed(unit) else {
                continue;
            };
            let key = (
                code,
                study
                    .cells(unit)
                    .iter()
                    .map(|cell| match cell {
                        Cell::Coded { marks, .. } => {
                            let mut marks = marks.clone();
                            marks.sort();
                            marks
                        }
                        _ => Vec::new(),
                    })
                    .collect(),
            );
            match group_of.get(&key) {
                Some(&g) => groups[g].1.push(unit),
                None => {
                    group_of.insert(key, groups.len());
                    groups.push((code, vec![unit]));
                }
            }
        }
        let marks = groups
            .into_iter()
            .map(|(code, units)| Mark {
                id: new_id(),
                demands: units.iter().map(|&u| this.consensus_ref(u)).collect(),
                status: study.statuses()[code as usize].id.clone(),
                note: this.joined_note(units[0]),
                coder: stamp.coder.clone(),
                created: stamp.now.clone(),
                changed: stamp.now.clone(),
                coders_said: units.iter().flat_map(|&u| this.said(u)).collect(),
                changes: Vec::new(),
            })
            .collect();
        let consensus = Comparison::new(base.documents().to_vec(), this.codebook(), marks, base.view().clone())
            .unwrap_or_else(|_| base.clone());
        (this, consensus)
    }

    /// Goes on settling `study` into a consensus saved earlier; refused when the
    /// consensus holds other positions.
    pub fn resume(study: Study, consensus: &CodedCopy) -> Result<Self, StudyError> {
        let documents = study
            .match_positions(consensus)?
            .into_iter()
            .map(|(theirs, ours)| (ours, theirs))
            .collect();
        Ok(Self::with_documents(study, documents))
    }

    fn with_documents(study: Study, documents: HashMap<String, String>) -> Self {
        let mut disputed = Vec::new();
        let mut coded_by_one = Vec::new();
        for unit in 0..study.units().len() {
            let cells = study.cells(unit);
            let conflict = cells.iter().any(|c| matches!(c, Cell::Conflict { .. }));
            let mut codes: Vec<Code> = cells.iter().filter_map(Cell::code).collect();
            let coded = codes.len();
            codes.sort_unstable();
            codes.dedup();
            if conflict || codes.len() > 1 {
                disputed.push(unit);
            } else if coded == 1 {
                coded_by_one.push(unit);
            }
        }
        Self {
            study,
            documents,
            disputed,
            coded_by_one,
        }
    }

    pub fn study(&self) -> &Study {
        &self.study
    }

    /// Whether a comparison is a consensus (some mark records what coders said).
    pub fn is_consensus(cmp: &Comparison) -> bool {
        cmp.marks().any(|m| !m.coders_said.is_empty())
    }

    /// The codebook a new consensus starts with: the first coder's, with any status
    /// another coder used that it lacks.
    fn codebook(&self) -> Codebook {
        let mut codebook = self.study.base().codebook().clone();
        for status in self.study.statuses() {
            if codebook.get(&status.id).is_none() {
                codebook.statuses.push(Status {
                    id: status.id.clone(),
                    label: status.label.clone(),
                    color: status.color.clone(),
                    key: None,
                    description: None,
                });
            }
        }
        codebook
    }

    /// The status every coder who coded `unit` gave it, if at least two did and none contradicted themselves.
    fn agreed(&self, unit: usize) -> Option<Code> {
        let cells = self.study.cells(unit);
        if cells.iter().any(|c| matches!(c, Cell::Conflict { .. })) {
            return None;
        }
        let mut codes = cells.iter().filter_map(Cell::code);
        let first = codes.next()?;
        let mut count = 1;
        for code in codes {
            if code != first {
                return None;
            }
            count += 1;
        }
        (count >= 2).then_some(first)
    }

    /// The demands to adjudicate (or only coded by one coder) that `filter` lets
    /// through, grouped by issue in the order of the positions' issues.
    pub fn rows(&self, list: List, filter: &RowFilter) -> Vec<usize> {
        let units = match list {
            List::Disputed => &self.disputed,
            List::CodedByOne => &self.coded_by_one,
        };
        let mut rows: Vec<(usize, usize)> = units
            .iter()
            .copied()
            .filter(|&u| self.passes(u, filter))
            .map(|u| (self.study.issue_of(u).unwrap_or(usize::MAX), u))
            .collect();
        rows.sort_unstable();
        rows.into_iter().map(|(_, u)| u).collect()
    }

    fn passes(&self, unit: usize, filter: &RowFilter) -> bool {
        let cells = self.study.cells(unit);
        filter.issue.is_none_or(|i| self.study.issue_of(unit) == Some(i))
            && filter.side.is_none_or(|s| self.study.units()[unit].side as usize == s)
            && filter.status.is_none_or(|s| {
                cells.iter().any(|c| match c {
                    Cell::Coded { status, .. } => *status == s,
                    Cell::Conflict { statuses, .. } => statuses.contains(&s),
                    Cell::NotCoded => false,
                })
            })
            && filter
                .coder
                .is_none_or(|c| !matches!(cells.get(c), None | Some(Cell::NotCoded)))
    }

    /// A unit's demand as the consensus names it.
    fn consensus_ref(&self, unit: usize) -> DemandRef {
        let base = self.study.base();
        let r = base.demand_ref(self.study.units()[unit]);
        let document = self
            .documents
            .get(r.document())
            .cloned()
            .unwrap_or_else(|| r.document().to_owned());
        DemandRef(document, r.1, r.2)
    }

    /// Where a unit's demand is in the consensus.
    pub fn demand_in(&self, consensus: &Comparison, unit: usize) -> Option<DemandIx> {
        consensus.resolve(&self.consensus_ref(unit))
    }

    /// What the consensus says of a unit: its newest mark there.
    pub fn decision<'a>(&self, consensus: &'a Comparison, unit: usize) -> Option<&'a Mark> {
        let ix = self.demand_in(consensus, unit)?;
        consensus.marks_on(ix).last().and_then(|id| consensus.mark(id))
    }

    /// What each coder said about a unit, as a consensus mark records it.
    pub fn said(&self, unit: usize) -> Vec<CoderSaid> {
        let demand = self.consensus_ref(unit);
        let statuses = self.study.statuses();
        self.study
            .coders()
            .iter()
            .zip(self.study.cells(unit))
            .map(|(coder, cell)| CoderSaid {
                demand: demand.clone(),
                coder: coder.clone(),
                statuses: match cell {
                    Cell::NotCoded => Vec::new(),
                    Cell::Coded { status, .. } => vec![statuses[*status as usize].id.clone()],
                    Cell::Conflict { statuses: codes, .. } => {
                        codes.iter().map(|&c| statuses[c as usize].id.clone()).collect()
                    }
                },
                note: cell.note().to_owned(),
            })
            .collect()
    }

    /// A coder's status id and note for a unit, when they gave it exactly one status.
    pub fn coder_code(&self, unit: usize, coder: usize) -> Option<(String, String)> {
        match self.study.cells(unit).get(coder)? {
            Cell::Coded { status, note, .. } => {
                Some((self.study.statuses()[*status as usize].id.clone(), note.clone()))
            }
            _ => None,
        }
    }

    /// The coders' notes on a unit: the note if they all wrote the same one, else
    /// each coder's, named.
    fn joined_note(&self, unit: usize) -> String {
        let mut notes: Vec<(&str, &str)> = Vec::new();
        for (coder, cell) in self.study.coders().iter().zip(self.study.cells(unit)) {
            let note = cell.note().trim();
            if !note.is_empty() {
                notes.push((coder, note));
            }
        }
        let first = notes.first().map(|n| n.1);
        if notes.iter().all(|n| Some(n.1) == first) {
            return first.unwrap_or_default().to_owned();
        }
        notes
            .iter()
            .map(|(coder, note)| format!("{coder}: {note}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// How many of the demands to settle the consensus has a status for.
    pub fn progress(&self, consensus: &Comparison) -> Progress {
        let decided = |units: &[usize]| units.iter().filter(|&&u| self.decision(consensus, u).is_some()).count();
        Progress {
            disputed: self.disputed.len(),
            disputed_decided: decided(&self.disputed),
            coded_by_one: self.coded_by_one.len(),
            coded_by_one_decided: decided(&self.coded_by_one),
        }
    }
}

#[cfg(test)]
mod tests;
