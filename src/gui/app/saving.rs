//! Saving the open comparison: where to (the file it lives in, a student's own
//! copy beside the hand-out, a consensus beside the coders' files), and never
//! over someone else's work without asking (a file changed since it was read,
//! another student's hand-in).

use std::path::{Path, PathBuf};

use egui::Context;

use super::flow::{Flow, Pending, canonical};
use super::git_flow::git_name;
use super::{SavedFile, StancesApp};
use crate::format::comparison_file::{self, COMPARISON_EXTENSION};
use crate::gui::ui::file_dialogs::FileAction;
use crate::io::{self, Fingerprint};

impl StancesApp {
    /// File › Save: to where the comparison lives, or through Save as… if nowhere yet.
    pub(super) fn save(&mut self, ctx: &Context, then: Option<Pending>) {
        // A student never saves over the teacher's hand-out: the first save asks
        // where to keep their own copy.
        if self.open.handout_from.is_some()
            && self.open.file.as_ref().map(|f| &f.path) == self.open.handout_from.as_ref()
        {
            self.save_as(ctx, then);
            return;
        }
        match self.open.file.as_ref().map(|f| f.path.clone()) {
            Some(path) => self.save_to(ctx, &path, then, true),
            None => self.save_as(ctx, then),
        }
    }

    pub(super) fn save_as(&mut self, ctx: &Context, then: Option<Pending>) {
        self.flow = Flow::SavingAs(then);
        self.dialogs
            .files
            .request(ctx, FileAction::SaveAs, Some(self.suggested_save_path()));
    }

    /// Save as…'s dialog answered: the comparison written there (named
    /// `.stances.ron`), then what waited on the save.
    pub(super) fn save_as_chosen(&mut self, ctx: &Context, path: &Path) {
        let then = match std::mem::replace(&mut self.flow, Flow::Idle) {
            Flow::SavingAs(then) => then,
            _ => None,
        };
        let path = comparison_file::with_comparison_extension(path);
        self.save_to(ctx, &path, then, true);
    }

    /// Save as…'s dialog closed: what waited on the save is cancelled, and said so.
    pub(super) fn save_as_cancelled(&mut self) {
        if let Flow::SavingAs(Some(then)) = std::mem::replace(&mut self.flow, Flow::Idle) {
            self.notices
                .info(format!("Not saved, so {} was cancelled.", then.describe()));
        }
    }

    /// Writes to `path`, unless it is the open file and someone else changed it
    /// since (`check`): then asks. On success runs `then`; on failure drops it.
    pub(super) fn save_to(&mut self, ctx: &Context, path: &Path, then: Option<Pending>, check: bool) {
        let path = canonical(path);
        if check && self.changed_by_someone_else(&path) {
            self.flow = Flow::Conflict { path, then };
            return;
        }
        if check && let Some(theirs) = self.other_students_file(&path) {
            self.flow = Flow::ReplaceStudent { path, then, theirs };
            return;
        }
        self.flow = Flow::Idle;
        let written = comparison_file::to_ron(self.comparison())
            .and_then(|text| io::write_atomically(&path, text.as_bytes()).map(|()| text));
        match written {
            Ok(text) => {
                self.open.doc.mark_saved();
                self.autosave.clear();
                let old = self.open.file.as_ref().map(|f| f.path.clone());
                self.open.file = Some(SavedFile::holding(path.clone(), &text));
                self.remember_recent(&path);
                self.notices.resolved(io::atomic::SAVE_FAILED);
                self.notices.info(format!("Saved to {}", path.display()));
                // Saved somewhere new: the sources' texts kept beside the old file go along.
                if let Some(old) = old
                    && old != path
                {
                    match io::sources::copy_texts(&old, &path) {
                        Ok(0) => {}
                        Ok(n) => self.notices.info(format!(
                            "{} of the sources copied beside the new file, into {}.",
                            crate::format::diagnostics::count(n, "text", "texts"),
                            io::display_path(&io::sources::sources_dir(&path))
                        )),
                        Err(e) => self.notices.error(e),
                    }
                }
                for problem in self.shown.quotes.write_added(self.open.doc.comparison(), &path) {
                    self.notices.error(problem);
                }
                self.say_quotes();
                let conflicts = self.comparison().conflicts().len();
                if let Some(finish) = self.open.merging
                    && conflicts == 0
                {
                    self.open.merging = None;
                    let name = git_name(&path);
                    self.notices.info(format!(
                        "Every merge conflict is settled and saved: run `git add {name}`, then `{finish}`, to finish."
                    ));
                } else if conflicts > 0 {
                    self.notices.warning(format!(
                        "Saved with {} still to settle (the Conflicts view); git counts the file as merged only once you `git add {}` it.",
                        crate::format::diagnostics::count(conflicts, "merge conflict", "merge conflicts"),
                        git_name(&path)
                    ));
                }
                if let Some(then) = then {
                    self.carry_out(ctx, then);
                }
            }
            Err(e) => {
                self.notices.error(e);
                if let Some(then) = then {
                    self.notices
                        .info(format!("Not saved, so {} was cancelled.", then.describe()));
                }
            }
        }
    }

    /// Whose work `path` holds, when saving the open student's copy there would
    /// replace another student's: a hand-in recorded for another student, or
    /// (from 0.3) marks by another name. Never asked for the file already open.
    fn other_students_file(&self, path: &Path) -> Option<String> {
        let me = self.comparison().student()?;
        if self
            .open
            .file
            .as_ref()
            .is_some_and(|f| f.path == path && self.open.handout_from.as_ref() != Some(&f.path))
        {
            return None;
        }
        let there = io::load_comparison(path).ok()?.comparison;
        match there.student() {
            Some(other) if other.id == me.id => None,
            Some(other) => Some(other.name.clone()),
            None => there
                .marks()
                .filter(|m| !there.is_example(&m.id))
                .map(|m| m.coder.trim().to_owned())
                .find(|c| !c.is_empty() && c != me.name.trim()),
        }
    }

    /// Whether `path` is the open comparison's file and holds something else than
    /// what Stances last read or wrote there.
    fn changed_by_someone_else(&self, path: &Path) -> bool {
        let Some(file) = self.open.file.as_ref().filter(|f| f.path == path) else {
            return false;
        };
        match Fingerprint::of_file(path) {
            Some(now) => Some(now) != file.fingerprint,
            None => false,
        }
    }

    /// Where to offer to write a file made from the open one (a codebook, a
    /// position file): beside it, else in the folder comparisons are offered in.
    pub(super) fn suggested_dir(&self) -> PathBuf {
        self.path()
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_path_buf)
            .unwrap_or_else(|| {
                self.suggested_save_path()
                    .parent()
                    .map(std::path::Path::to_path_buf)
                    .unwrap_or_default()
            })
    }

    pub(super) fn suggested_save_path(&self) -> PathBuf {
        if let Some(file) = &self.open.file {
            if self.open.handout_from.as_ref() == Some(&file.path) {
                // A student's own copy, beside the hand-out, named after them,
                // and never the name of another student's file.
                return free_handout_copy_path(&file.path, &self.coder, self.comparison().student());
            }
            return file.path.clone();
        }
        if let Some(study) = &self.open.study
            && let Some(first) = study.adjudication.study().copies().first()
        {
            // Beside the coders' files.
            let folder = Path::new(&first.file)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            return folder.join(format!("consensus.{COMPARISON_EXTENSION}"));
        }
        let stem = self
            .comparison()
            .documents()
            .first()
            .map_or_else(|| "comparison".to_owned(), |d| d.id.clone());
        let dir = directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(Path::to_path_buf))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        dir.join(format!("{stem}.{COMPARISON_EXTENSION}"))
    }
}

/// As [`handout_copy_path`], numbered (`… - Maria (2)`) past a file that holds
/// another student's work (another id, or any file not this student's).
fn free_handout_copy_path(handout: &Path, student: &str, who: Option<&crate::model::handout::Student>) -> PathBuf {
    let first = handout_copy_path(handout, student);
    let theirs = |path: &Path| {
        crate::io::load_comparison(path).is_ok_and(|l| match (l.comparison.student(), who) {
            (Some(there), Some(me)) => there.id == me.id,
            _ => false,
        })
    };
    if !first.exists() || theirs(&first) {
        return first;
    }
    (2..)
        .map(|n| handout_copy_path(handout, &format!("{} ({n})", student.trim())))
        .find(|p| !p.exists() || theirs(p))
        .unwrap_or(first)
}

/// Where a student's copy of the hand-out at `handout` goes: beside it, named
/// after the student (`istanbul-handout - Ana.stances.ron`).
fn handout_copy_path(handout: &Path, student: &str) -> PathBuf {
    let stem = crate::format::comparison_file::comparison_stem(handout);
    let student: String = student
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '(' | ')' | ',') {
                c
            } else {
                '_'
            }
        })
        .collect();
    handout.with_file_name(format!("{stem} - {}.{COMPARISON_EXTENSION}", student.trim()))
}
