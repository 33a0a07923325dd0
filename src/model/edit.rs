//! Edits: every change to the annotation (marks and documents) as a value that,
//! applied, returns its inverse; and the edits the window asks for (give the
//! selection a status, a new mark, a note).

use std::collections::BTreeSet;

use super::codebook::Codebook;
use super::comparison::{Comparison, DemandIx, PositionDocument};
use super::conflict::Conflict;
use super::mark::{Mark, MarkId, Stamp};
use super::rounds::RoundDecisions;

/// One change to the annotation. Applying an edit returns its inverse.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddMark(Mark),
    RemoveMark(MarkId),
    /// Replaces the mark with the same id (a new status, note or set of demands).
    ReplaceMark(Mark),
    InsertDocument {
        index: usize,
        document: PositionDocument,
    },
    RemoveDocument {
        index: usize,
    },
    /// Puts a new version of a position file in place of the old (a reload after it
    /// changed on disk). Marks on demands that are gone become orphans; none is dropped.
    ReplaceDocument {
        index: usize,
        document: PositionDocument,
    },
    /// Makes this the comparison's codebook (every status a mark uses must be in it).
    SetCodebook(Codebook),
    /// Puts in what the user decided about matching rounds' demands (every pair of documents).
    SetRounds(Vec<RoundDecisions>),
    /// Puts in the merge conflicts left to settle (settling one removes it).
    SetConflicts(Vec<Conflict>),
    /// Makes this the comparison's hand-out (or none): a merge conflict about it settled.
    SetHandout(Option<super::handout::Handout>),
    /// A change to the positions of the document at `document` (its sides,
    /// issues, demands, sources or header).
    /// (Boxed: a demand is large, and every edit would be as large as it.)
    Positions {
        document: usize,
        change: Box<super::position_edit::PositionChange>,
    },
    /// Several edits as one step. If one is refused, those before it are undone.
    Batch(Vec<Edit>),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

impl Edit {
    /// Whether the edit changes the positions (sides, issues, demands, sources).
    pub fn changes_positions(&self) -> bool {
        match self {
            Edit::Positions { .. } => true,
            Edit::Batch(edits) => edits.iter().any(Edit::changes_positions),
            _ => false,
        }
    }
}

impl Comparison {
    /// The mark a selection refers to: the one covering exactly these demands,
    /// or, for a single demand, the newest mark on it.
    pub fn mark_for_selection(&self, selection: &[DemandIx]) -> Option<&Mark> {
        self.mark_for_selection_where(selection, |_| true)
    }

    /// As [`Self::mark_for_selection`], among the marks `keep` accepts.
    pub(super) fn mark_for_selection_where(
        &self,
        selection: &[DemandIx],
        keep: impl Fn(&Mark) -> bool,
    ) -> Option<&Mark> {
        let first = *selection.first()?;
        let wanted: BTreeSet<DemandIx> = selection.iter().copied().collect();
        let exact = self.marks_on(first).iter().rev().find_map(|id| {
            self.marks.get(id).filter(|m| {
                keep(m)
                    && m.demands.len() == wanted.len()
                    && m.demands
                        .iter()
                        .all(|r| self.resolve(r).is_some_and(|ix| wanted.contains(&ix)))
            })
        });
        exact.or_else(|| {
            (selection.len() == 1)
                .then(|| {
                    self.marks_on(first)
                        .iter()
                        .rev()
                        .find_map(|id| self.marks.get(id).filter(|m| keep(m)))
                })
                .flatten()
        })
    }

    /// The edit that adds a new mark over the selection.
    pub fn new_mark_edit(&self, selection: &[DemandIx], status: &str, stamp: &Stamp, id: MarkId) -> Option<Edit> {
        if selection.is_empty() || self.codebook().get(status).is_none() {
            return None;
        }
        Some(Edit::AddMark(Mark {
            id,
            demands: selection.iter().map(|&ix| self.demand_ref(ix)).collect(),
            status: status.to_owned(),
            note: String::new(),
            coder: stamp.coder.clone(),
            created: stamp.now.clone(),
            changed: stamp.now.clone(),
            coders_said: Vec::new(),
            changes: Vec::new(),
        }))
    }

    /// Applies an edit and returns the edit that undoes it. A refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let inverse = match edit {
            Edit::AddMark(mark) => self.add_mark(mark)?,
            Edit::RemoveMark(id) => self.remove_mark(&id)?,
            Edit::ReplaceMark(mark) => self.replace_mark(mark)?,
            Edit::InsertDocument { index, document } => self.insert_document(index, document)?,
            Edit::ReplaceDocument { index, document } => self.replace_document(index, document)?,
            Edit::RemoveDocument { index } => self.remove_document(index)?,
            Edit::SetCodebook(codebook) => {
                self.check_codebook(&codebook)?;
                let old = self.replace_codebook(codebook);
                Edit::SetCodebook(old)
            }
            Edit::SetRounds(rounds) => {
                check_rounds(&rounds)?;
                Edit::SetRounds(std::mem::replace(&mut self.rounds, rounds))
            }
            Edit::SetConflicts(conflicts) => Edit::SetConflicts(std::mem::replace(&mut self.conflicts, conflicts)),
            Edit::SetHandout(handout) => Edit::SetHandout(std::mem::replace(&mut self.handout, handout)),
            Edit::Positions { document, change } => {
                let inverse = self.change_positions(document, *change)?;
                Edit::Positions {
                    document,
                    change: Box::new(inverse),
                }
            }
            Edit::Batch(edits) => self.apply_batch(edits)?,
        };
        self.revision += 1;
        Ok(inverse)
    }

    /// Adds a mark (its id new, its statuses and demands checked).
    fn add_mark(&mut self, mark: Mark) -> Result<Edit, EditError> {
        if self.marks.contains_key(&mark.id) {
            return Err(EditError(format!("mark `{}` already exists", mark.id)));
        }
        self.check_mark(&mark)?;
        self.index_mark(&mark);
        let id = mark.id.clone();
        self.marks.insert(id.clone(), mark);
        Ok(Edit::RemoveMark(id))
    }

    /// Removes a mark.
    fn remove_mark(&mut self, id: &str) -> Result<Edit, EditError> {
        let mark = self
            .marks
            .remove(id)
            .ok_or_else(|| EditError(format!("there is no mark `{id}`")))?;
        self.unindex_mark(&mark);
        Ok(Edit::AddMark(mark))
    }

    /// Puts a new version of a mark in place of the one with its id.
    fn replace_mark(&mut self, mark: Mark) -> Result<Edit, EditError> {
        self.check_mark(&mark)?;
        let old = self
            .marks
            .remove(&mark.id)
            .ok_or_else(|| EditError(format!("there is no mark `{}`", mark.id)))?;
        self.unindex_mark(&old);
        self.index_mark(&mark);
        self.marks.insert(mark.id.clone(), mark);
        Ok(Edit::ReplaceMark(old))
    }

    /// Inserts a document at `index` (its id new).
    fn insert_document(&mut self, index: usize, document: PositionDocument) -> Result<Edit, EditError> {
        if index > self.documents.len() {
            return Err(EditError(format!("there is no place {index} for a document")));
        }
        self.check_document_id(&document.id, self.document_index(&document.id).is_some())?;
        self.documents.insert(index, document);
        self.documents_changed();
        Ok(Edit::RemoveDocument { index })
    }

    /// Puts a new version of document `index` in its place (it keeps its id).
    fn replace_document(&mut self, index: usize, document: PositionDocument) -> Result<Edit, EditError> {
        if index >= self.documents.len() {
            return Err(EditError(format!("there is no document {index}")));
        }
        if document.id != self.documents[index].id {
            return Err(EditError(format!(
                "a new version of document `{}` must keep its id, not `{}`",
                self.documents[index].id, document.id
            )));
        }
        let old = std::mem::replace(&mut self.documents[index], document);
        self.documents_changed();
        Ok(Edit::ReplaceDocument { index, document: old })
    }

    /// Removes document `index`.
    fn remove_document(&mut self, index: usize) -> Result<Edit, EditError> {
        if index >= self.documents.len() {
            return Err(EditError(format!("there is no document {index}")));
        }
        let document = self.documents.remove(index);
        self.documents_changed();
        Ok(Edit::InsertDocument { index, document })
    }

    /// Applies edits in turn as one: a refused one undoes those before it.
    fn apply_batch(&mut self, edits: Vec<Edit>) -> Result<Edit, EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.apply(edit) {
                Ok(inverse) => inverses.push(inverse),
                Err(e) => {
                    for inverse in inverses.into_iter().rev() {
                        let _ = self.apply(inverse);
                    }
                    return Err(e);
                }
            }
        }
        inverses.reverse();
        Ok(Edit::Batch(inverses))
    }

    pub(super) fn documents_changed(&mut self) {
        self.reindex_documents();
        self.reindex_marks();
    }

    pub(super) fn check_document_id(&self, id: &str, taken: bool) -> Result<(), EditError> {
        if id.trim().is_empty() {
            return Err(EditError("a document needs a non-empty id".into()));
        }
        if taken {
            return Err(EditError(format!(
                "two documents have the id `{id}`; each document of a comparison needs its own id"
            )));
        }
        Ok(())
    }

    fn check_mark(&self, mark: &Mark) -> Result<(), EditError> {
        if mark.id.trim().is_empty() {
            return Err(EditError("a mark needs a non-empty id".into()));
        }
        if mark.demands.is_empty() {
            return Err(EditError("a mark needs at least one demand".into()));
        }
        if self.codebook().get(&mark.status).is_none() {
            return Err(EditError(format!("`{}` is not a status in the codebook", mark.status)));
        }
        Ok(())
    }
}

/// Each pair of rounds compares two different documents, and is listed once.
pub(super) fn check_rounds(rounds: &[RoundDecisions]) -> Result<(), EditError> {
    for (i, pair) in rounds.iter().enumerate() {
        if pair.old == pair.new {
            return Err(EditError(format!(
                "a comparison of rounds needs two documents, not `{}` twice",
                pair.old
            )));
        }
        if rounds[..i].iter().any(|p| p.old == pair.old && p.new == pair.new) {
            return Err(EditError(format!(
                "the rounds `{}` and `{}` are compared twice; keep one",
                pair.old, pair.new
            )));
        }
    }
    Ok(())
}
