//! The window and git: a comparison git could not merge (offered to be merged
//! again now), unsaved work merged into the version someone else saved, and how
//! files are named in what the window says to run next.

use std::path::Path;

use egui::Context;

use super::{SavedFile, StancesApp};
use crate::format::comparison_file;
use crate::gui::ui::prompts;
use crate::io;
use crate::model::Comparison;

impl StancesApp {
    /// Whether git left `path` unmerged: its three versions in git's index, ours
    /// taken whole in a merge under way, or git's conflict markers in it.
    pub(super) fn git_left_unmerged(&self, path: &Path, text: &str) -> bool {
        if io::git::work_tree(path).is_none() {
            return false;
        }
        text.lines().any(|l| l.starts_with("<<<<<<<")) || io::git::not_merged(path).ok().flatten().is_some()
    }

    /// The question about a file git could not merge, while it is open: merged
    /// again with Stances and opened, or left as it is.
    pub(super) fn ask_to_merge_again(&mut self, ctx: &Context) {
        let Some(path) = &self.dialogs.git_unmerged else {
            return;
        };
        let Some(merge) = prompts::git_unmerged(ctx, &io::display_path(path)) else {
            return;
        };
        let path = path.clone();
        self.dialogs.git_unmerged = None;
        if !merge {
            self.notices.warning(format!(
                "{} is left as git left it; `stances resolve {}` merges it with Stances later.",
                io::display_path(&path),
                io::git::shown_for_shell(&path)
            ));
            return;
        }
        // Offered only for a file git left as it was: nothing of anyone's is replaced.
        match io::merge::resolve(&path, false) {
            Ok(io::merge::Resolved { outcome, from, .. }) => {
                // What is open came from the file as git left it: nothing of the user's is lost.
                self.open.doc.mark_saved();
                self.open(ctx, std::slice::from_ref(&path));
                self.notices.info(format!(
                    "Merged {} again with Stances, from {from}: {}.",
                    io::display_path(&path),
                    if outcome.conflicts.is_empty() {
                        "no conflict".to_owned()
                    } else {
                        crate::format::diagnostics::count(outcome.conflicts.len(), "conflict", "conflicts")
                            + " to settle in the Conflicts view"
                    }
                ));
            }
            Err(e) => self.notices.error(e),
        }
    }

    /// Merges the unsaved work into the version someone else saved at `path`
    /// since Stances read or wrote it (the common base): the result is open,
    /// unsaved, with what clashes in the Conflicts view; nothing is written.
    pub(super) fn merge_unsaved_into(&mut self, path: &Path) {
        let shown = io::display_path(path);
        let Some(base_text) = self.open.file.as_ref().and_then(|f| f.base.clone()) else {
            return;
        };
        let merged = (|| -> Result<(Comparison, String), String> {
            let theirs_text = io::read_text(path).map_err(|e| e.to_string())?;
            let theirs = comparison_file::parse(&shown, &theirs_text).map_err(|e| e.to_string())?;
            let base = comparison_file::parse(&shown, &base_text).map_err(|e| e.to_string())?;
            let merged = crate::model::merge::merge(&base, self.comparison(), &theirs).map_err(|e| e.0)?;
            Ok((merged, theirs_text))
        })();
        match merged {
            Ok((merged, theirs_text)) => {
                let conflicts = merged.conflicts().len();
                let sources = self.open.sources.clone();
                self.replace_document(merged, Some(SavedFile::holding(path.to_path_buf(), &theirs_text)), sources);
                // Opened on the Conflicts view when something clashed, as any merge.
                self.open.doc.mark_unsaved();
                self.notices.info(format!(
                    "Merged your unsaved work into the version on disk: {}. Save to keep the result.",
                    if conflicts == 0 {
                        "nothing clashed".to_owned()
                    } else {
                        crate::format::diagnostics::count(conflicts, "conflict", "conflicts") + " to settle in the Conflicts view"
                    }
                ));
            }
            Err(e) => self.notices.error(format!(
                "Could not merge your work into the version on disk: {e}. Your work is still open and unsaved: save it as another file, or overwrite."
            )),
        }
    }
}

/// A file as `git add` names it from the top of its repository (quoted for the
/// shell where needed); its name alone outside one.
pub(super) fn git_name(path: &Path) -> String {
    use crate::io::git::{repo_path, shell_quoted, work_tree};
    work_tree(path)
        .and_then(|root| repo_path(&root, path))
        .or_else(|| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .map(|name| shell_quoted(&name))
        .unwrap_or_default()
}
