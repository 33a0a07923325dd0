//! A document: a comparison and its undo history. It is the only way the app changes
//! a comparison, so undo/redo, unsaved-work tracking and autosave all hang off it.

use super::comparison::{Comparison, Edit, EditError};
use super::history::History;
use super::view::ViewState;

#[derive(Clone, Debug, Default)]
pub struct Document {
    cmp: Comparison,
    history: History,
}

impl Document {
    /// A document with nothing to undo and nothing unsaved.
    pub fn new(cmp: Comparison) -> Self {
        Self {
            cmp,
            history: History::default(),
        }
    }

    pub fn comparison(&self) -> &Comparison {
        &self.cmp
    }

    /// Applies an edit as one undo step; consecutive edits with the same `merge_key`
    /// (typing a note) become one step.
    pub fn apply(&mut self, edit: Edit, merge_key: Option<String>) -> Result<(), EditError> {
        self.history.apply(&mut self.cmp, edit, merge_key)
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        self.history.undo(&mut self.cmp)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        self.history.redo(&mut self.cmp)
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Ends the current merge run, so the next note keystroke starts a new undo step.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// Changes the columns shown, their order or widths: saved with the comparison,
    /// but neither an undo step nor unsaved work.
    pub fn set_view(&mut self, view: ViewState) {
        self.cmp.set_view(view);
    }

    /// Whether the annotation changed since it was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Whether closing now would lose work. A comparison that was never saved holds
    /// work only once it has marks (or a codebook of its own, or decisions about
    /// rounds): position files alone are already on disk.
    pub fn has_unsaved_work(&self, saved_somewhere: bool) -> bool {
        if !self.history.is_dirty() {
            return false;
        }
        saved_somewhere
            || self.history.has_position_edits()
            || self.cmp.marks().len() > 0
            || *self.cmp.codebook() != super::Codebook::default()
            || !self.cmp.rounds().is_empty()
    }

    pub fn mark_saved(&mut self) {
        self.history.mark_saved();
    }

    /// Marks the current state as unsaved, e.g. after recovering autosaved work.
    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }
}
