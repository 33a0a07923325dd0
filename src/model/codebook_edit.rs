//! Edits of the codebook: rename, recolour, reorder, describe, set keys (one
//! `SetCodebook` edit each), and delete or merge a status, which re-codes the marks
//! that use it first, in the same undo step.

use super::codebook::{Codebook, Status};
use super::comparison::Comparison;
use super::edit::{Edit, EditError};

impl Comparison {
    /// How many marks have status `id`.
    pub fn marks_with_status(&self, id: &str) -> usize {
        self.marks.values().filter(|m| m.status == id).count()
    }

    /// The edit that makes `codebook` the comparison's, or `None` when nothing
    /// changes. Refused when the codebook is unusable or would leave a mark
    /// without its status.
    pub fn codebook_edit(&self, codebook: Codebook) -> Result<Option<Edit>, EditError> {
        if codebook == *self.codebook() {
            return Ok(None);
        }
        self.check_codebook(&codebook)?;
        Ok(Some(Edit::SetCodebook(codebook)))
    }

    /// The edit that adds a status named `label` at the end, with a free digit as its key.
    pub fn add_status_edit(&self, label: &str, color: &str) -> Result<Option<Edit>, EditError> {
        let mut codebook = self.codebook().clone();
        codebook.statuses.push(Status {
            id: codebook.new_status_id(label),
            label: label.to_owned(),
            color: color.to_owned(),
            key: codebook.free_key(),
            description: None,
        });
        self.codebook_edit(codebook)
    }

    /// The edit that deletes status `id`. Marks that use it are re-coded to
    /// `recode_to` (a merge) in the same step; without one, a status in use is
    /// refused, saying how many marks use it.
    pub fn remove_status_edit(&self, id: &str, recode_to: Option<&str>, now: &str) -> Result<Edit, EditError> {
        let codebook = self.codebook();
        let status = codebook
            .get(id)
            .ok_or_else(|| EditError(format!("there is no status `{id}`")))?;
        let mut remaining = codebook.clone();
        remaining.statuses.retain(|s| s.id != id);
        let using: Vec<_> = self.marks.values().filter(|m| m.status == id).collect();
        let mut edits = Vec::with_capacity(using.len() + 1);
        if !using.is_empty() {
            let target = match recode_to {
                Some(target) if target == id => {
                    return Err(EditError(format!("{} cannot be merged into itself", status.label)));
                }
                Some(target) => remaining
                    .get(target)
                    .ok_or_else(|| EditError(format!("there is no status `{target}` to re-code to")))?,
                None => {
                    return Err(EditError(format!(
                        "{} marks are {}; choose a status to re-code them to",
                        using.len(),
                        status.label
                    )));
                }
            };
            for mark in using {
                let mut recoded = mark.clone();
                recoded.status.clone_from(&target.id);
                recoded.changed = now.to_owned();
                edits.push(Edit::ReplaceMark(recoded));
            }
        }
        // The marks move first and the status goes last; undo runs the batch's
        // inverse in reverse, so the status is back before the marks return to it.
        if let Some(problem) = remaining.problems().into_iter().next() {
            return Err(EditError(format!("{} cannot be deleted: {problem}", status.label)));
        }
        edits.push(Edit::SetCodebook(remaining));
        Ok(Edit::Batch(edits))
    }

    /// Whether `codebook` can be the comparison's: usable, and holding every status a mark uses.
    pub(super) fn check_codebook(&self, codebook: &Codebook) -> Result<(), EditError> {
        if let Some(problem) = codebook.problems().into_iter().next() {
            return Err(EditError(problem));
        }
        if let Some(mark) = self.marks.values().find(|m| codebook.get(&m.status).is_none()) {
            return Err(EditError(format!(
                "{} marks are `{}`, which the codebook would no longer hold",
                self.marks_with_status(&mark.status),
                mark.status
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mark::{DemandRef, Mark};
    use crate::model::synthetic::{Language, Spec, comparison};

    fn marked() -> Comparison {
        comparison(
            &Spec {
                sides: 2,
                demands: 30,
                issues: 3,
                seed: 3,
                language: Language::English,
            },
            40,
        )
    }

    #[test]
    fn deleting_a_status_in_use_asks_where_its_marks_go_and_undo_restores_them() {
        let mut cmp = marked();
        let partial = cmp.marks_with_status("partial");
        assert!(partial > 0);
        let refused = cmp.remove_status_edit("partial", None, "2026-11-26T10:00:00Z");
        assert_eq!(
            refused.expect_err("in use").0,
            format!("{partial} marks are Partial; choose a status to re-code them to")
        );
        let disputed = cmp.marks_with_status("disputed");
        let edit = cmp
            .remove_status_edit("partial", Some("disputed"), "2026-11-26T10:00:00Z")
            .expect("a merge");
        let before = cmp.clone();
        let undo = cmp.apply(edit).expect("applies");
        assert!(cmp.codebook().get("partial").is_none());
        assert_eq!(cmp.marks_with_status("disputed"), disputed + partial);
        cmp.apply(undo).expect("undoes");
        assert_eq!(cmp.codebook(), before.codebook());
        assert_eq!(cmp.marks_with_status("partial"), partial);
        assert!(cmp.marks().eq(before.marks()));
    }

    #[test]
    fn a_codebook_that_would_orphan_marks_or_repeat_a_key_is_refused() {
        let cmp = marked();
        let mut without = cmp.codebook().clone();
        without.statuses.retain(|s| s.id != "agreed");
        let err = cmp.codebook_edit(without).expect_err("marks use it").0;
        assert!(
            err.ends_with("are `agreed`, which the codebook would no longer hold"),
            "{err}"
        );
        let mut twice = cmp.codebook().clone();
        twice.statuses[1].key = Some("1".into());
        let err = cmp.codebook_edit(twice).expect_err("a repeated key").0;
        assert_eq!(err, "the key 1 is used by Agreed and Partial");
    }

    #[test]
    fn an_added_status_gets_a_free_id_and_key() {
        let mut cmp = Comparison::default();
        let edit = cmp
            .add_status_edit("Agreed", "#1971c2")
            .expect("valid")
            .expect("a change");
        cmp.apply(edit).expect("applies");
        let added = cmp.codebook().statuses.last().expect("added");
        assert_eq!((added.id.as_str(), added.key.as_deref()), ("agreed-2", Some("5")));
        let mark = Mark {
            id: "m".into(),
            demands: vec![DemandRef::new("d", "s", "x")],
            status: "agreed-2".into(),
            note: String::new(),
            coder: String::new(),
            created: String::new(),
            changed: String::new(),
            coders_said: Vec::new(),
            changes: Vec::new(),
        };
        cmp.apply(Edit::AddMark(mark)).expect("the new status can be used");
    }
}
