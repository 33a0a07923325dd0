//! Who coded what: a mark belongs to its coder. Changing another coder's mark is
//! a choice the user makes (by default the change becomes a mark of their own),
//! and a coder's marks can be given to another name in one step.

use super::comparison::{Comparison, DemandIx};
use super::edit::Edit;
use super::mark::{Mark, MarkId, Stamp};

impl Mark {
    /// Whether the mark was made by a named coder other than `coder`. A mark with
    /// no coder recorded (format 1 files) belongs to whoever has the file.
    pub fn is_by_other(&self, coder: &str) -> bool {
        let by = self.coder.trim();
        !by.is_empty() && by != coder.trim()
    }
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
        let (from, to) = (from.trim(), to.trim());
        if from == to || to.is_empty() {
            return None;
        }
        let edits: Vec<Edit> = self
            .marks()
            .filter(|m| m.coder.trim() == from)
            .map(|m| {
                let mut given = m.clone();
                to.clone_into(&mut given.coder);
                now.clone_into(&mut given.changed);
                Edit::ReplaceMark(given)
            })
            .collect();
        (!edits.is_empty()).then_some(Edit::Batch(edits))
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
        }))
    }

    /// The edit giving mark `id` the status `status` (keeping its coder).
    pub fn mark_status_edit(&self, id: &str, status: &str, now: &str) -> Option<Edit> {
        let mark = self.mark(id)?;
        if mark.status == status || self.codebook().get(status).is_none() {
            return None;
        }
        let mut changed = mark.clone();
        status.clone_into(&mut changed.status);
        now.clone_into(&mut changed.changed);
        Some(Edit::ReplaceMark(changed))
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
}
