//! Undo and redo over [`Edit`]s, and whether the comparison has unsaved changes.

use super::comparison::{Comparison, Edit, EditError};

#[derive(Clone, Debug)]
struct Entry {
    /// Undoes the change.
    inverse: Edit,
    /// Redoes it.
    forward: Edit,
    /// Consecutive edits with the same key merge into one undo step (typing a note).
    merge_key: Option<String>,
    /// Identifies the state this entry leads to, for the unsaved-changes check.
    state: u64,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next_state: u64,
    saved_state: u64,
    /// Set after undo/redo or save, so that the next note keystroke starts a new step.
    seal_merge: bool,
}

/// One forward edit doing what `earlier` then `later` did, for a merged undo
/// step: redo must make again what the first keystroke made (a decision's mark
/// created by its first letter), not only apply the last keystroke to it.
fn merged(earlier: Edit, later: Edit) -> Edit {
    match (earlier, later) {
        // The same mark replaced again: the later replacement is the whole of it.
        (Edit::ReplaceMark(a), Edit::ReplaceMark(b)) if a.id == b.id => Edit::ReplaceMark(b),
        // A mark made, then changed: made as it is now.
        (Edit::AddMark(a), Edit::ReplaceMark(b)) if a.id == b.id => Edit::AddMark(b),
        (Edit::Batch(mut edits), later) => {
            match edits.pop() {
                Some(last) => edits.push(merged(last, later)),
                None => edits.push(later),
            }
            Edit::Batch(edits)
        }
        (earlier, later) => Edit::Batch(vec![earlier, later]),
    }
}

impl History {
    /// Applies `edit` and records it. Edits with the same `merge_key` in a row become one step.
    pub fn apply(&mut self, cmp: &mut Comparison, edit: Edit, merge_key: Option<String>) -> Result<(), EditError> {
        let inverse = cmp.apply(edit.clone())?;
        self.redo.clear();
        if let Some(top) = self.undo.last_mut()
            && !self.seal_merge
            && merge_key.is_some()
            && top.merge_key == merge_key
            && top.state != self.saved_state
        {
            let earlier = std::mem::replace(&mut top.forward, Edit::Batch(Vec::new()));
            top.forward = merged(earlier, edit);
            return Ok(());
        }
        self.seal_merge = false;
        self.next_state += 1;
        self.undo.push(Entry {
            inverse,
            forward: edit,
            merge_key,
            state: self.next_state,
        });
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self, cmp: &mut Comparison) -> Result<bool, EditError> {
        let Some(entry) = self.undo.pop() else {
            return Ok(false);
        };
        if let Err(e) = cmp.apply(entry.inverse.clone()) {
            self.undo.push(entry);
            return Err(e);
        }
        self.redo.push(entry);
        self.seal_merge = true;
        Ok(true)
    }

    pub fn redo(&mut self, cmp: &mut Comparison) -> Result<bool, EditError> {
        let Some(entry) = self.redo.pop() else {
            return Ok(false);
        };
        if let Err(e) = cmp.apply(entry.forward.clone()) {
            self.redo.push(entry);
            return Err(e);
        }
        self.undo.push(entry);
        self.seal_merge = true;
        Ok(true)
    }

    /// Ends the current merge run (the note editor lost focus, another mark was chosen).
    pub fn seal(&mut self) {
        self.seal_merge = true;
    }

    fn current_state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.state)
    }

    pub fn mark_saved(&mut self) {
        self.saved_state = self.current_state();
        self.seal_merge = true;
    }

    /// Marks the current state as unsaved, e.g. after recovering autosaved work.
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    pub fn is_dirty(&self) -> bool {
        self.current_state() != self.saved_state
    }

    /// Whether an edit not undone changed the positions (typed work, even with no mark).
    pub fn has_position_edits(&self) -> bool {
        self.undo.iter().any(|entry| entry.forward.changes_positions())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mark::{DemandRef, Mark};

    #[test]
    fn undoing_back_to_the_saved_state_is_clean() {
        let mut cmp = Comparison::default();
        let mut history = History::default();
        let mark = Mark {
            id: "m".into(),
            demands: vec![DemandRef::new("d", "s", "x")],
            status: "agreed".into(),
            note: String::new(),
            coder: String::new(),
            created: "2026-11-25T10:00:00Z".into(),
            changed: "2026-11-25T10:00:00Z".into(),
            coders_said: Vec::new(),
            changes: Vec::new(),
        };
        history.apply(&mut cmp, Edit::AddMark(mark), None).unwrap();
        assert!(history.is_dirty());
        history.undo(&mut cmp).unwrap();
        assert!(!history.is_dirty());
    }
}
