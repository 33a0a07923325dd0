//! Adjudication: settling a coding study into one consensus comparison.
//!
//! The consensus holds the study's positions, a codebook with every status a coder
//! used, one mark for each group of demands the coders agreed on, and the
//! adjudicator's decision for each demand they did not. Each of these marks
//! records what every coder had said about each of its demands
//! ([`Mark::coders_said`]), so that a paper can report how each disagreement was
//! settled. Decisions are edits of the consensus like any other: undoable, autosaved.

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

    /// The edit that settles a unit with `status` and `note`: the demand leaves any
    /// mark covering it and gets a mark of its own recording what each coder said.
    /// A mark of its own already there is changed in place, so that typing a note
    /// is one mark (and one undo step). `None` when nothing would change.
    pub fn decide_edit(
        &self,
        consensus: &Comparison,
        unit: usize,
        status: &str,
        note: &str,
        stamp: &Stamp,
        new_id: MarkId,
    ) -> Option<Edit> {
        let group = self.linked_units(unit);
        if group.len() > 1 {
            return self.decide_group_edit(consensus, &group, status, note, stamp, new_id);
        }
        let ix = self.demand_in(consensus, unit)?;
        let covering = covering(consensus, ix);
        if let [own] = covering[..]
            && own.demands.len() == 1
        {
            return redecided(own, status, note, stamp, self.said(unit));
        }
        let mut edits = self.leave_marks(consensus, ix, &covering, stamp);
        edits.push(Edit::AddMark(Mark {
            id: new_id,
            demands: vec![consensus.demand_ref(ix)],
            status: status.to_owned(),
            note: note.to_owned(),
            coder: stamp.coder.clone(),
            created: stamp.now.clone(),
            changed: stamp.now.clone(),
            coders_said: self.said(unit),
        }));
        Some(one_step(edits))
    }

    /// The units a coder linked with `unit`: those sharing a mark of any coder
    /// with it (itself included, in unit order). Settling one settles them all,
    /// as the coders coded them together.
    pub fn linked_units(&self, unit: usize) -> Vec<usize> {
        let marks_of = |u: usize| -> Vec<&MarkId> {
            self.study
                .cells(u)
                .iter()
                .flat_map(|cell| match cell {
                    Cell::Coded { marks, .. } => marks.iter().collect::<Vec<_>>(),
                    _ => Vec::new(),
                })
                .collect()
        };
        let mine = marks_of(unit);
        if mine.is_empty() {
            return vec![unit];
        }
        (0..self.study.units().len())
            .filter(|&u| u == unit || marks_of(u).iter().any(|m| mine.contains(m)))
            .collect()
    }

    /// A decision on a linked group: one mark over all its demands, recording what
    /// each coder said of each; a mark already covering exactly them is changed in place.
    fn decide_group_edit(
        &self,
        consensus: &Comparison,
        group: &[usize],
        status: &str,
        note: &str,
        stamp: &Stamp,
        new_id: MarkId,
    ) -> Option<Edit> {
        let ixs: Vec<DemandIx> = group.iter().filter_map(|&u| self.demand_in(consensus, u)).collect();
        let said: Vec<CoderSaid> = group.iter().flat_map(|&u| self.said(u)).collect();
        let mut marks: Vec<&Mark> = Vec::new();
        for &ix in &ixs {
            for mark in covering(consensus, ix) {
                if !marks.iter().any(|m| m.id == mark.id) {
                    marks.push(mark);
                }
            }
        }
        let exact = |m: &&Mark| {
            m.demands.len() == ixs.len()
                && m.demands
                    .iter()
                    .all(|r| consensus.resolve(r).is_some_and(|ix| ixs.contains(&ix)))
        };
        if let [own] = marks[..]
            && exact(&own)
        {
            return redecided(own, status, note, stamp, said);
        }
        let mut edits = leave_group(&marks, consensus, &ixs, stamp);
        edits.push(Edit::AddMark(Mark {
            id: new_id,
            demands: ixs.iter().map(|&ix| consensus.demand_ref(ix)).collect(),
            status: status.to_owned(),
            note: note.to_owned(),
            coder: stamp.coder.clone(),
            created: stamp.now.clone(),
            changed: stamp.now.clone(),
            coders_said: said,
        }));
        Some(one_step(edits))
    }

    /// The edit that takes a unit's decision back: the demand (and those linked
    /// with it, settled together) leaves every mark covering it. `None` when it has none.
    pub fn clear_edit(&self, consensus: &Comparison, unit: usize, stamp: &Stamp) -> Option<Edit> {
        let group = self.linked_units(unit);
        if group.len() > 1 {
            let ixs: Vec<DemandIx> = group.iter().filter_map(|&u| self.demand_in(consensus, u)).collect();
            let mut marks: Vec<&Mark> = Vec::new();
            for &ix in &ixs {
                for mark in covering(consensus, ix) {
                    if !marks.iter().any(|m| m.id == mark.id) {
                        marks.push(mark);
                    }
                }
            }
            let edits = leave_group(&marks, consensus, &ixs, stamp);
            return (!edits.is_empty()).then(|| one_step(edits));
        }
        let ix = self.demand_in(consensus, unit)?;
        let covering = covering(consensus, ix);
        let edits = self.leave_marks(consensus, ix, &covering, stamp);
        (!edits.is_empty()).then(|| one_step(edits))
    }

    /// Edits that take demand `ix` out of `marks`: a mark of that demand alone is
    /// removed, a mark of several loses it (and its record of what coders said).
    fn leave_marks(&self, consensus: &Comparison, ix: DemandIx, marks: &[&Mark], stamp: &Stamp) -> Vec<Edit> {
        let target = consensus.demand_ref(ix);
        marks
            .iter()
            .map(|mark| {
                let rest: Vec<DemandRef> = mark
                    .demands
                    .iter()
                    .filter(|r| consensus.resolve(r) != Some(ix))
                    .cloned()
                    .collect();
                if rest.is_empty() {
                    Edit::RemoveMark(mark.id.clone())
                } else {
                    let mut changed = (*mark).clone();
                    changed.demands = rest;
                    changed.coders_said.retain(|s| s.demand != target);
                    changed.changed.clone_from(&stamp.now);
                    Edit::ReplaceMark(changed)
                }
            })
            .collect()
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

/// A decision already there changed in place (so that typing a note is one mark
/// and one undo step); `None` when nothing would change.
fn redecided(own: &Mark, status: &str, note: &str, stamp: &Stamp, said: Vec<CoderSaid>) -> Option<Edit> {
    if own.status == status && own.note == note {
        return None;
    }
    let mut changed = own.clone();
    status.clone_into(&mut changed.status);
    note.clone_into(&mut changed.note);
    changed.coder.clone_from(&stamp.coder);
    changed.changed.clone_from(&stamp.now);
    changed.coders_said = said;
    Some(Edit::ReplaceMark(changed))
}

/// Edits that take the demands `ixs` out of `marks`: a mark of theirs alone is
/// removed, a mark of others too loses them (and its records of them).
fn leave_group(marks: &[&Mark], consensus: &Comparison, ixs: &[DemandIx], stamp: &Stamp) -> Vec<Edit> {
    let outside = |r: &DemandRef| consensus.resolve(r).is_none_or(|ix| !ixs.contains(&ix));
    marks
        .iter()
        .map(|mark| {
            let rest: Vec<DemandRef> = mark.demands.iter().filter(|r| outside(r)).cloned().collect();
            if rest.is_empty() {
                Edit::RemoveMark(mark.id.clone())
            } else {
                let mut changed = (*mark).clone();
                changed.demands = rest;
                changed.coders_said.retain(|s| outside(&s.demand));
                changed.changed.clone_from(&stamp.now);
                Edit::ReplaceMark(changed)
            }
        })
        .collect()
}

/// The marks on a demand of the consensus.
fn covering(consensus: &Comparison, ix: DemandIx) -> Vec<&Mark> {
    consensus
        .marks_on(ix)
        .iter()
        .filter_map(|id| consensus.mark(id))
        .collect()
}

fn one_step(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::study::CodedCopy;

    /// Two coders over three demands of the spec example: they agree on the first
    /// two (marked together by both), differ on the third.
    fn study() -> Study {
        let positions = crate::model::synthetic::position_file(&crate::model::synthetic::Spec {
            sides: 2,
            demands: 4,
            issues: 2,
            seed: 7,
            language: crate::model::synthetic::Language::English,
        });
        let base = Comparison::from_positions(vec![("talks.ron".into(), positions)]).unwrap();
        let units: Vec<DemandIx> = base.all_demands().collect();
        let coded = |coder: &str, marks: &[(&str, &[usize], &str)]| {
            let mut cmp = base.clone();
            for (id, demands, status) in marks {
                let mark = Mark {
                    id: (*id).to_owned(),
                    demands: demands.iter().map(|&u| cmp.demand_ref(units[u])).collect(),
                    status: (*status).to_owned(),
                    note: format!("{coder} on {id}"),
                    coder: coder.to_owned(),
                    created: "2026-11-26T09:00:00Z".into(),
                    changed: "2026-11-26T09:00:00Z".into(),
                    coders_said: Vec::new(),
                };
                cmp.apply(Edit::AddMark(mark)).unwrap();
            }
            CodedCopy {
                file: format!("{coder}.stances.ron"),
                comparison: cmp,
            }
        };
        Study::new(vec![
            coded(
                "alice",
                &[
                    ("a1", &[0, 1], "agreed"),
                    ("a2", &[2], "disputed"),
                    ("a3", &[3], "agreed"),
                ],
            ),
            coded("bob", &[("b1", &[0, 1], "agreed"), ("b2", &[2], "partial")]),
        ])
        .unwrap()
    }

    fn stamp() -> Stamp {
        Stamp {
            coder: "carol".into(),
            now: "2026-11-26T10:00:00Z".into(),
        }
    }

    fn ids() -> impl FnMut() -> MarkId {
        let mut n = 0;
        move || {
            n += 1;
            format!("c{n}")
        }
    }

    #[test]
    fn a_new_consensus_holds_what_coders_agreed_on_as_one_mark_with_their_record() {
        let (adj, consensus) = Adjudication::start(study(), &stamp(), ids());
        let marks: Vec<&Mark> = consensus.marks().collect();
        assert_eq!(marks.len(), 1, "{marks:#?}");
        assert_eq!(marks[0].status, "agreed");
        assert_eq!(marks[0].demands.len(), 2, "linked demands stay linked");
        assert_eq!(marks[0].note, "alice: alice on a1\nbob: bob on b1");
        assert_eq!(marks[0].coders_said.len(), 4, "two coders on two demands");
        assert_eq!(marks[0].coder, "carol");
        assert_eq!(adj.rows(List::Disputed, &RowFilter::default()), [2]);
        assert_eq!(adj.rows(List::CodedByOne, &RowFilter::default()), [3]);
        assert_eq!(
            adj.progress(&consensus),
            Progress {
                disputed: 1,
                disputed_decided: 0,
                coded_by_one: 1,
                coded_by_one_decided: 0
            }
        );
    }

    #[test]
    fn deciding_records_each_coder_and_deciding_again_changes_the_same_mark() {
        let (adj, mut consensus) = Adjudication::start(study(), &stamp(), ids());
        let (status, note) = adj.coder_code(2, 1).unwrap();
        assert_eq!((status.as_str(), note.as_str()), ("partial", "bob on b2"));
        let edit = adj
            .decide_edit(&consensus, 2, &status, &note, &stamp(), "d1".into())
            .unwrap();
        consensus.apply(edit).unwrap();
        let mark = adj.decision(&consensus, 2).unwrap();
        assert_eq!(mark.status, "partial");
        let said: Vec<(&str, &[String])> = mark
            .coders_said
            .iter()
            .map(|s| (s.coder.as_str(), &s.statuses[..]))
            .collect();
        assert_eq!(
            said,
            [
                ("alice", &["disputed".to_owned()][..]),
                ("bob", &["partial".to_owned()][..])
            ]
        );
        let again = adj
            .decide_edit(&consensus, 2, "partial", "settled", &stamp(), "d2".into())
            .unwrap();
        assert!(matches!(again, Edit::ReplaceMark(ref m) if m.id == "d1"));
        consensus.apply(again).unwrap();
        assert_eq!(adj.progress(&consensus).disputed_decided, 1);
        consensus
            .apply(adj.clear_edit(&consensus, 2, &stamp()).unwrap())
            .unwrap();
        assert!(adj.decision(&consensus, 2).is_none());
    }

    /// The coders linked units 0 and 1 (alice's a1, bob's b1): deciding one settles
    /// both, with one mark over the group recording what each coder said of each.
    #[test]
    fn deciding_one_demand_of_a_linked_group_settles_the_group() {
        let (adj, mut consensus) = Adjudication::start(study(), &stamp(), ids());
        assert_eq!(adj.linked_units(0), [0, 1]);
        assert_eq!(adj.linked_units(2), [2]);
        let edit = adj
            .decide_edit(&consensus, 0, "disputed", "", &stamp(), "d1".into())
            .unwrap();
        consensus.apply(edit).unwrap();
        // The group's mark (made when the coders agreed) now says the decision.
        assert!(consensus.mark("d1").is_none(), "no second mark");
        let decided = consensus.mark("c1").unwrap();
        assert_eq!((decided.demands.len(), decided.status.as_str()), (2, "disputed"));
        assert_eq!(decided.coders_said.len(), 4, "two coders on each of two demands");
        assert_eq!(adj.decision(&consensus, 0).unwrap().id, "c1");
        assert_eq!(adj.decision(&consensus, 1).unwrap().id, "c1");
        // Typing a note from the other demand changes the same mark.
        let edit = adj
            .decide_edit(&consensus, 1, "disputed", "why", &stamp(), "d2".into())
            .unwrap();
        consensus.apply(edit).unwrap();
        assert!(consensus.mark("d2").is_none());
        assert_eq!(consensus.mark("c1").unwrap().note, "why");
    }

    /// A decision's first keystroke makes its mark; undo then redo of the merged
    /// typing makes it again (0.2 said "Cannot redo: there is no mark").
    #[test]
    fn redo_after_typing_a_decision_note_makes_the_mark_again() {
        let (adj, consensus) = Adjudication::start(study(), &stamp(), ids());
        let mut doc = crate::model::Document::new(consensus);
        for (i, note) in ["w", "wh", "why"].iter().enumerate() {
            let edit = adj
                .decide_edit(doc.comparison(), 2, "partial", note, &stamp(), format!("n{i}"))
                .unwrap();
            doc.apply(edit, Some("decision 2".into())).unwrap();
        }
        assert_eq!(adj.decision(doc.comparison(), 2).unwrap().note, "why");
        assert!(doc.undo().unwrap());
        assert_ne!(adj.decision(doc.comparison(), 2).map(|m| m.note.as_str()), Some("why"));
        assert!(doc.redo().unwrap());
        assert_eq!(adj.decision(doc.comparison(), 2).unwrap().note, "why");
    }

    #[test]
    fn filters_narrow_the_rows() {
        let (adj, _) = Adjudication::start(study(), &stamp(), ids());
        let by_status = |s: &str| {
            let code = adj.study().statuses().iter().position(|x| x.id == s).map(|c| c as Code);
            adj.rows(
                List::Disputed,
                &RowFilter {
                    status: code,
                    ..RowFilter::default()
                },
            )
        };
        assert_eq!(by_status("partial"), [2]);
        assert!(by_status("agreed").is_empty());
        let other_side = RowFilter {
            side: Some(1),
            ..RowFilter::default()
        };
        assert_eq!(
            adj.study().units()[2].side,
            0,
            "the fixture's third demand is on the first side"
        );
        assert!(adj.rows(List::Disputed, &other_side).is_empty());
    }
}
