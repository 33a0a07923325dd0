//! The open document and everything tied to it: its file, the position files
//! it was read from, the spreadsheet it was imported from, the merge it comes
//! out of, the hand-out it was opened from, the study whose consensus it is.
//! Replaced whole when another document opens, so that nothing of the old one
//! carries over to the new (an import's offer to save its positions, a merge's
//! git command, a teacher's hand-out kept from being overwritten).

use std::collections::HashMap;
use std::path::PathBuf;

use super::app::SavedFile;
use super::import::ImportedPositions;
use super::study::StudyState;
use crate::model::Document;

pub(super) struct OpenDocument {
    /// The comparison, changed only through its edits (undo, redo and autosave follow).
    pub doc: Document,
    pub file: Option<SavedFile>,
    /// Where each document's position file was read from (canonical), for watching and reloading.
    pub sources: HashMap<String, PathBuf>,
    /// The position file of the spreadsheet import that is open, until saved or replaced.
    pub imported: Option<ImportedPositions>,
    /// The open comparison came from a merge with conflicts: the git command that
    /// finishes it (`git commit`, `git rebase --continue`), which saving it says
    /// once none remain.
    pub merging: Option<&'static str>,
    /// The hand-out file the open comparison was opened from: saving goes to a
    /// copy of the student's own, never over the teacher's hand-out.
    pub handout_from: Option<PathBuf>,
    /// The coding study (or class) whose consensus is the open document, if one is open.
    pub study: Option<StudyState>,
}

impl OpenDocument {
    /// `doc`, saved at `file` (if anywhere), read from the position files `sources`:
    /// nothing imported, merged, handed out or studied until its opener says so.
    pub fn new(doc: Document, file: Option<SavedFile>, sources: HashMap<String, PathBuf>) -> Self {
        Self {
            doc,
            file,
            sources,
            imported: None,
            merging: None,
            handout_from: None,
            study: None,
        }
    }
}

impl Default for OpenDocument {
    /// Nothing open: the empty comparison.
    fn default() -> Self {
        Self::new(Document::default(), None, HashMap::new())
    }
}
