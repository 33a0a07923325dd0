//! A class's hand-out: the teacher's comparison saved as the copy each student
//! opens, codes and saves as their own (File › Save hand-out…).

use std::path::Path;

use egui::Context;

use super::StancesApp;
use crate::format::comparison_file::{self, COMPARISON_EXTENSION};
use crate::gui::ui::file_dialogs::FileAction;
use crate::io;

impl StancesApp {
    /// Asks where the hand-out goes (beside the comparison, named after it),
    /// keeping what the dialog before chose until a place is given.
    pub(super) fn ask_where_to_save_handout(&mut self, ctx: &Context, instructions: String, keep_examples: bool) {
        self.dialogs.pending_handout = Some((instructions, keep_examples));
        let suggested = self.path().map(|p| {
            let stem = comparison_file::comparison_stem(p);
            p.with_file_name(format!("{stem}-handout.{COMPARISON_EXTENSION}"))
        });
        self.dialogs.files.request(ctx, FileAction::SaveHandout, suggested);
    }

    /// Writes the hand-out to `path`; a class's folder named but not made yet is
    /// made, since the hand-out starts it.
    pub(super) fn save_handout(&mut self, path: &Path) {
        let Some((instructions, keep)) = self.dialogs.pending_handout.take() else {
            return;
        };
        let path = comparison_file::with_comparison_extension(path);
        let folder = path.parent().filter(|f| !f.as_os_str().is_empty() && !f.exists());
        let made = match folder.map(std::fs::create_dir_all) {
            Some(Err(e)) => Err(format!(
                "{}: {}: the folder could not be created ({e}); choose another folder",
                path.display(),
                io::atomic::SAVE_FAILED
            )),
            Some(Ok(())) => Ok(folder.map(|f| format!(" (the folder {} was created)", f.display()))),
            None => Ok(None),
        };
        let written = made.and_then(|made| {
            self.comparison()
                .handout_copy(&instructions, keep)
                .map_err(|e| e.0)
                .and_then(|copy| io::save_comparison(&copy, &path))
                .map(|()| made.unwrap_or_default())
        });
        match written {
            Ok(made) => {
                self.notices.resolved(io::atomic::SAVE_FAILED);
                self.notices.info(format!(
                    "Hand-out saved to {}{made}: give it to the students; each opens it, gives their name, codes and saves their own copy; File › Open class… reads the folder of their files.",
                    path.display()
                ));
            }
            Err(e) => self.notices.error(e),
        }
    }
}
