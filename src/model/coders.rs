//! Who coded what: a mark belongs to its coder. Giving a status is a coding act of
//! the person giving it: it makes or changes their own mark, never another
//! coder's. Changing another coder's mark is a choice the user makes, and is
//! recorded in the mark as their change (who, when, what it was). A coder's marks,
//! or chosen marks, can be given to another name in one step.

use super::comparison::{Comparison, DemandIx};
use super::edit::Edit;
use super::mark::{Mark, MarkChange, MarkField, MarkId, Stamp};

impl Mark {
    /// Whether the mark was made by a named coder other than `coder`. A mark with
    /// no coder recorded (format 1 files) belongs to whoever has the file.
    pub fn is_by_other(&self, coder: &str) -> bool {
        let by = self.coder.trim();
        !by.is_empty() && by != coder.trim()
    }

    /// The changes someone other than the mark's coder made to it.
    pub fn changes_by_others(&self) -> impl Iterator<Item = &MarkChange> {
        self.changes.iter().filter(|c| c.by.trim() != self.coder.trim())
    }

    /// Whether someone other than its coder changed the mark.
    pub fn is_changed_by_other(&self) -> bool {
        self.changes_by_others().next().is_some()
    }

    /// Records that `stamp`'s coder set `field` (which held `was`) to `now`: the
    /// mark's change time moves, and when they are not its coder, the change is
    /// kept as theirs. A run of changes by one person to one field stays one record
    /// (with what the field held before the run), and one taken back to what the
    /// field held before is dropped.
    pub fn record_change(&mut self, stamp: &Stamp, field: MarkField, was: &str, now: &str) {
        stamp.now.clone_into(&mut self.changed);
        if !self.is_by_other(&stamp.coder) {
            return;
        }
        let by = stamp.coder.trim();
        match self.changes.last_mut() {
            Some(last) if last.by == by && last.field == field => {
                if last.was == now {
                    self.changes.pop();
                } else {
                    stamp.now.clone_into(&mut last.at);
                }
            }
            _ => self.changes.push(MarkChange {
                at: stamp.now.clone(),
                by: by.to_owned(),
                field,
                was: was.to_owned(),
            }),
        }
    }
}

/// What a coder giving a status to the selection comes to.
#[derive(Clone, Debug, PartialEq)]
pub enum Coding {
    /// Nothing to change: the coder's own mark has this status already.
    Nothing,
    /// The coder's own mark on the selection, made or given the status.
    Edit(Edit),
    /// The selection shows another coder's mark with another status: before
    /// anything changes the coder is asked (a mark of their own, or that coder's
    /// mark changed, recorded as their change).
    Ask { mark: MarkId, owner: String },
}

impl Comparison {
    /// The mark a selection refers to for `coder`: their own mark on it if they
    /// have one, otherwise the one [`Comparison::mark_for_selection`] finds.
    pub fn mark_for_selection_by(&self, selection: &[DemandIx], coder: &str) -> Option<&Mark> {
        self.mark_for_selection_where(selection, |m| !m.is_by_other(coder))
            .or_else(|| self.mark_for_selection(selection))
    }

    /// The names on the comparison's marks with how many marks each has, in the
    /// order first met ("" for marks with no name).
    pub fn coders_of_marks(&self) -> Vec<(String, usize)> {
        let mut coders: Vec<(String, usize)> = Vec::new();
        for mark in self.marks() {
            let name = mark.coder.trim();
            match coders.iter_mut().find(|(c, _)| c == name) {
                Some((_, n)) => *n += 1,
                None => coders.push((name.to_owned(), 1)),
            }
        }
        coders
    }

    /// One edit giving every mark of `from` ("" for marks with no name) to `to`;
    /// `None` when there is nothing to change.
    pub fn set_coder_edit(&self, from: &str, to: &str, now: &str) -> Option<Edit> {
        let from = from.trim();
        let ids: Vec<MarkId> = self
            .marks()
            .filter(|m| m.coder.trim() == from)
            .map(|m| m.id.clone())
            .collect();
        self.set_marks_coder_edit(&ids, to, now)
    }

    /// One edit giving the marks `ids` to the coder `to` (a mark given back to
    /// the coder who made it); `None` when none of them changes.
    pub fn set_marks_coder_edit(&self, ids: &[MarkId], to: &str, now: &str) -> Option<Edit> {
        let to = to.trim();
        if to.is_empty() {
            return None;
        }
        let edits: Vec<Edit> = ids
            .iter()
            .filter_map(|id| self.mark(id))
            .filter(|m| m.coder.trim() != to)
            .map(|m| {
                let mut given = m.clone();
                to.clone_into(&mut given.coder);
                now.clone_into(&mut given.changed);
                Edit::ReplaceMark(given)
            })
            .collect();
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// What giving `status` to the selection comes to for the stamp's coder: a
    /// coding act of theirs. Their own mark on it is given the status; otherwise
    /// they get a new mark of their own (also when they agree with another
    /// coder's mark on it, which stays as it is); another coder's mark with another
    /// status is asked about first.
    pub fn coding_edit(&self, selection: &[DemandIx], status: &str, stamp: &Stamp, new_id: MarkId) -> Coding {
        if selection.is_empty() || self.codebook().get(status).is_none() {
            return Coding::Nothing;
        }
        if let Some(own) = self.mark_for_selection_where(selection, |m| !m.is_by_other(&stamp.coder)) {
            return self
                .mark_status_edit(&own.id, status, stamp)
                .map_or(Coding::Nothing, Coding::Edit);
        }
        // A worked example is the teacher's: a student's status on its demands
        // is their own mark, asked about nothing.
        if let Some(other) = self.mark_for_selection(selection)
            && other.status != status
            && !self.is_example(&other.id)
        {
            return Coding::Ask {
                mark: other.id.clone(),
                owner: other.coder.trim().to_owned(),
            };
        }
        self.new_mark_edit(selection, status, stamp, new_id)
            .map_or(Coding::Nothing, Coding::Edit)
    }

    /// A mark of the stamp's coder on the demands of mark `of`, with `status`
    /// (theirs when none is given) and `note`: how a coder changes another's
    /// coding without touching it.
    pub fn own_mark_edit(&self, of: &str, status: Option<&str>, note: &str, stamp: &Stamp, id: MarkId) -> Option<Edit> {
        let theirs = self.mark(of)?;
        let status = status.unwrap_or(&theirs.status);
        self.codebook().get(status)?;
        Some(Edit::AddMark(Mark {
            id,
            demands: theirs.demands.clone(),
            status: status.to_owned(),
            note: note.to_owned(),
            coder: stamp.coder.clone(),
            created: stamp.now.clone(),
            changed: stamp.now.clone(),
            coders_said: Vec::new(),
            changes: Vec::new(),
        }))
    }

    /// The edit giving mark `id` the status `status`. The mark stays its coder's;
    /// a change by someone else is recorded in it as theirs.
    pub fn mark_status_edit(&self, id: &str, status: &str, stamp: &Stamp) -> Option<Edit> {
        let mark = self.mark(id)?;
        if self.is_read_only_example(id) || mark.status == status || self.codebook().get(status).is_none() {
            return None;
        }
        let mut changed = mark.clone();
        status.clone_into(&mut changed.status);
        changed.record_change(stamp, MarkField::Status, &mark.status, status);
        Some(Edit::ReplaceMark(changed))
    }

    /// The edit giving mark `id` the note `note`, recorded as for a status.
    pub fn note_edit(&self, id: &str, note: &str, stamp: &Stamp) -> Option<Edit> {
        let mark = self.mark(id)?;
        if self.is_read_only_example(id) || mark.note == note {
            return None;
        }
        let mut changed = mark.clone();
        note.clone_into(&mut changed.note);
        changed.record_change(stamp, MarkField::Note, &mark.note, note);
        Some(Edit::ReplaceMark(changed))
    }

    /// How many marks someone other than their coder changed.
    pub fn marks_changed_by_others(&self) -> usize {
        self.marks().filter(|m| m.is_changed_by_other()).count()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::comparison::DemandIx;
    use crate::model::mark::Stamp;
    use crate::model::synthetic::{Spec, comparison};

    fn spec(sides: usize, demands: usize) -> Spec {
        Spec {
            sides,
            demands,
            issues: 3,
            seed: 7,
            language: Default::default(),
        }
    }

    #[test]
    fn a_coders_marks_are_given_to_another_name_in_one_edit() {
        let mut cmp = comparison(&spec(2, 10), 4);
        let coders = cmp.coders_of_marks();
        let (from, count) = coders[0].clone();
        let edit = cmp
            .set_coder_edit(&from, "carol", "2026-12-03T09:00:00Z")
            .expect("an edit");
        let undo = cmp.apply(edit).expect("applies");
        assert_eq!(cmp.coders_of_marks()[0], ("carol".to_owned(), count));
        cmp.apply(undo).expect("undoes");
        assert_eq!(cmp.coders_of_marks(), coders);
    }

    #[test]
    fn the_own_mark_comes_first_and_theirs_stays_theirs() {
        let mut cmp = comparison(&spec(2, 10), 4);
        let theirs = cmp.marks().next().expect("a mark").clone();
        let ix: Vec<DemandIx> = theirs.demands.iter().filter_map(|r| cmp.resolve(r)).collect();
        let me = "someone else";
        assert!(theirs.is_by_other(me) || theirs.coder.trim().is_empty());
        let status = cmp.codebook().statuses.last().expect("a status").id.clone();
        let stamp = Stamp {
            coder: me.to_owned(),
            now: "2026-12-03T09:00:00Z".to_owned(),
        };
        let edit = cmp
            .own_mark_edit(&theirs.id, Some(&status), "mine", &stamp, "new-id".to_owned())
            .expect("an edit");
        cmp.apply(edit).expect("applies");
        assert_eq!(cmp.mark(&theirs.id), Some(&theirs), "theirs is untouched");
        let found = cmp.mark_for_selection_by(&ix, me).expect("a mark");
        assert_eq!((found.id.as_str(), found.coder.as_str()), ("new-id", me));
    }

    fn stamp(coder: &str, now: &str) -> Stamp {
        Stamp {
            coder: coder.to_owned(),
            now: now.to_owned(),
        }
    }

    /// A comparison with no mark, and alice's `disputed` on its first demand.
    fn with_alices_mark() -> (crate::model::Comparison, DemandIx) {
        let mut cmp = comparison(&spec(2, 6), 0);
        let first = cmp.all_demands().next().expect("a demand");
        let edit = cmp
            .new_mark_edit(
                &[first],
                "disputed",
                &stamp("alice", "2026-12-01T09:00:00Z"),
                "a1".into(),
            )
            .expect("an edit");
        cmp.apply(edit).expect("applies");
        (cmp, first)
    }

    #[test]
    fn agreeing_with_another_coder_is_a_mark_of_ones_own() {
        use super::Coding;
        let (mut cmp, first) = with_alices_mark();
        let bob = stamp("bob", "2026-12-01T10:00:00Z");
        let Coding::Edit(edit) = cmp.coding_edit(&[first], "disputed", &bob, "b1".into()) else {
            panic!("agreeing makes an edit, without a question");
        };
        cmp.apply(edit).expect("applies");
        let bobs = cmp.mark("b1").expect("bob's own mark");
        assert_eq!((bobs.coder.as_str(), bobs.status.as_str()), ("bob", "disputed"));
        assert_eq!(cmp.mark("a1").expect("alice's").coder, "alice");
        // Bob's own mark is his from now on: another status changes it, nobody asked.
        let Coding::Edit(edit) = cmp.coding_edit(&[first], "partial", &bob, "b2".into()) else {
            panic!("his own mark changes");
        };
        cmp.apply(edit).expect("applies");
        assert_eq!(cmp.mark("b1").expect("bob's").status, "partial");
        assert_eq!(cmp.mark("a1").expect("alice's").status, "disputed");
        assert!(cmp.mark("b2").is_none());
    }

    #[test]
    fn another_status_on_another_coders_mark_is_asked_about() {
        use super::Coding;
        let (cmp, first) = with_alices_mark();
        let asked = cmp.coding_edit(&[first], "agreed", &stamp("bob", "2026-12-01T10:00:00Z"), "b1".into());
        assert_eq!(
            asked,
            Coding::Ask {
                mark: "a1".into(),
                owner: "alice".into()
            }
        );
    }

    #[test]
    fn changing_another_coders_mark_is_recorded_as_theirs() {
        let (mut cmp, _) = with_alices_mark();
        let bob = stamp("bob", "2026-12-01T10:00:00Z");
        let edit = cmp.mark_status_edit("a1", "agreed", &bob).expect("an edit");
        cmp.apply(edit).expect("applies");
        let mark = cmp.mark("a1").expect("alice's").clone();
        assert_eq!(mark.coder, "alice", "the mark stays alice's");
        assert_eq!(mark.changes.len(), 1);
        let change = &mark.changes[0];
        assert_eq!(
            (
                change.by.as_str(),
                change.field,
                change.was.as_str(),
                change.at.as_str()
            ),
            (
                "bob",
                crate::model::MarkField::Status,
                "disputed",
                "2026-12-01T10:00:00Z"
            )
        );
        assert_eq!(cmp.marks_changed_by_others(), 1);
        // A note typed letter by letter is one change; the first text is kept.
        for (i, note) in ["n", "no", "not"].iter().enumerate() {
            let edit = cmp
                .note_edit("a1", note, &stamp("bob", &format!("2026-12-01T10:0{}:00Z", i + 1)))
                .expect("an edit");
            cmp.apply(edit).expect("applies");
        }
        let mark = cmp.mark("a1").expect("alice's").clone();
        assert_eq!(mark.changes.len(), 2);
        assert_eq!(
            (mark.changes[1].was.as_str(), mark.changes[1].at.as_str()),
            ("", "2026-12-01T10:03:00Z")
        );
        // Taken back to what it was: no change is left to record.
        let edit = cmp
            .note_edit("a1", "", &stamp("bob", "2026-12-01T10:05:00Z"))
            .expect("an edit");
        cmp.apply(edit).expect("applies");
        assert_eq!(cmp.mark("a1").expect("alice's").changes.len(), 1);
        // Alice's own changes are hers: nothing recorded.
        let edit = cmp
            .note_edit("a1", "mine", &stamp("alice", "2026-12-01T11:00:00Z"))
            .expect("an edit");
        cmp.apply(edit).expect("applies");
        assert_eq!(cmp.mark("a1").expect("alice's").changes.len(), 1);
    }

    #[test]
    fn a_single_mark_is_given_back_to_its_coder() {
        let (mut cmp, first) = with_alices_mark();
        let edit = cmp
            .new_mark_edit(&[first], "agreed", &stamp("alice", "2026-12-01T09:30:00Z"), "a2".into())
            .expect("an edit");
        cmp.apply(edit).expect("applies");
        let edit = cmp
            .set_marks_coder_edit(&["a2".to_owned()], "bob", "2026-12-01T12:00:00Z")
            .expect("an edit");
        cmp.apply(edit).expect("applies");
        assert_eq!(cmp.mark("a2").expect("a2").coder, "bob");
        assert_eq!(
            cmp.mark("a1").expect("a1").coder,
            "alice",
            "the other mark stays alice's"
        );
        assert!(cmp.set_marks_coder_edit(&["a2".to_owned()], "bob", "now").is_none());
    }
}
