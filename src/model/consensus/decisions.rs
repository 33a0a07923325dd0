//! Settling a study's units into the consensus: a decision (for a unit, or the
//! group of units its coders linked), changed in place while typing, and cleared.

use super::{Adjudication, Cell, CoderSaid, Comparison, DemandIx, DemandRef, Edit, Mark, MarkId, Stamp};

impl Adjudication {
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
        let mut edits = leave_group(&covering, consensus, &[ix], stamp);
        edits.push(Edit::AddMark(Mark {
            id: new_id,
            demands: vec![consensus.demand_ref(ix)],
            status: status.to_owned(),
            note: note.to_owned(),
            coder: stamp.coder.clone(),
            created: stamp.now.clone(),
            changed: stamp.now.clone(),
            coders_said: self.said(unit),
            changes: Vec::new(),
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
        let marks = covering_all(consensus, &ixs);
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
            changes: Vec::new(),
        }));
        Some(one_step(edits))
    }

    /// The edit that takes a unit's decision back: the demand (and those linked
    /// with it, settled together) leaves every mark covering it. `None` when it has none.
    pub fn clear_edit(&self, consensus: &Comparison, unit: usize, stamp: &Stamp) -> Option<Edit> {
        let ixs: Vec<DemandIx> = self
            .linked_units(unit)
            .iter()
            .filter_map(|&u| self.demand_in(consensus, u))
            .collect();
        let edits = leave_group(&covering_all(consensus, &ixs), consensus, &ixs, stamp);
        (!edits.is_empty()).then(|| one_step(edits))
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

/// The marks covering any of the demands `ixs`, each once.
fn covering_all<'a>(consensus: &'a Comparison, ixs: &[DemandIx]) -> Vec<&'a Mark> {
    let mut marks: Vec<&Mark> = Vec::new();
    for &ix in ixs {
        for mark in covering(consensus, ix) {
            if !marks.iter().any(|m| m.id == mark.id) {
                marks.push(mark);
            }
        }
    }
    marks
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
