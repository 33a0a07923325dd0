//! File › Import spreadsheet…: a table of demands opened as a new comparison, and
//! the position file it makes offered for saving.

use std::path::{Path, PathBuf};

use egui::Context;

use super::app::StancesApp;
use super::flow::Opened;
use super::ui::file_dialogs::FileAction;
use super::ui::import_dialog::ImportDialog;
use crate::format::comparison_file::with_extension_unless;
use crate::format::diagnostics::count;
use crate::import::{import_table, read_header, to_position_ron};
use crate::io;
use crate::model::Comparison;

/// A table chosen for import, with the dialog that asks how to read it.
pub(super) struct PendingImport {
    path: PathBuf,
    bytes: Vec<u8>,
    dialog: ImportDialog,
}

impl PendingImport {
    /// What the import gives with the dialog's choices, said in the dialog.
    fn refresh(&mut self) {
        let shown = &self.dialog.shown;
        self.dialog.outcome = import_table(shown, &self.bytes, &self.dialog.options()).map(|imported| {
            let p = &imported.positions;
            let mut lines = vec![format!(
                "Ready: {} of {} on {}.",
                count(p.demand_count(), "demand", "demands"),
                count(p.sides.len(), "side", "sides"),
                count(p.issues.len(), "issue", "issues")
            )];
            lines.extend(imported.notes);
            lines.join("\n")
        });
        // The dialog's own words: its checkboxes, not the command line's flags.
        if let Err(problems) = &mut self.dialog.outcome {
            *problems = in_dialog_words(problems);
        }
    }
}

/// The importer's messages as the dialog says them: a column is left out by
/// unticking it, a decimal mark chosen above, and nothing is written yet anyway.
fn in_dialog_words(problems: &str) -> String {
    problems
        .lines()
        .filter(|line| !line.ends_with("; nothing was written"))
        .map(|line| {
            let line = match line.find("; --ignore-column \"") {
                Some(at) => format!("{}; untick it under Columns to import)", &line[..at]),
                None => line.to_owned(),
            };
            line.replace("--decimal comma|point", "the decimal mark above")
                .replace("--decimal comma", "Comma is the decimal mark above")
                .replace("--decimal point", "Point is the decimal mark above")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The position file an import made, waiting to be saved.
pub(super) struct ImportedPositions {
    /// Where to offer to save it; taken once the offer is made.
    pub offer: Option<PathBuf>,
    pub text: String,
}

/// `table.ron` beside the table, or `table-imported.ron` where that exists already.
fn suggested_positions_path(table: &Path) -> PathBuf {
    let plain = table.with_extension("ron");
    if plain.exists() {
        let stem = table
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        table.with_file_name(format!("{stem}-imported.ron"))
    } else {
        plain
    }
}

impl StancesApp {
    pub(super) fn request_import(&mut self, ctx: &Context) {
        let near = self.path().map(Path::to_path_buf);
        self.dialogs.files.request(ctx, FileAction::ImportTable, near);
    }

    /// Reads the spreadsheet at `path` and shows the import dialog: how to read
    /// its numbers, which columns to import, and what that gives.
    pub(super) fn import_spreadsheet(&mut self, _ctx: &Context, path: &Path) {
        let shown = io::display_path(path);
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.notices.error(format!("{shown}: cannot be read: {e}"));
                return;
            }
        };
        let (header, automatic) = read_header(&shown, &bytes, None);
        let mut pending = PendingImport {
            path: path.to_path_buf(),
            bytes,
            dialog: ImportDialog {
                shown,
                columns: header.into_iter().map(|name| (name, true)).collect(),
                automatic,
                decimal: None,
                outcome: Err(String::new()),
            },
        };
        pending.refresh();
        self.dialogs.import = Some(pending);
    }

    /// The import dialog, while one is open; imports when the user says so.
    pub(super) fn show_import_dialog(&mut self, ctx: &Context, actions: &mut Vec<super::command::Action>) {
        let Some(pending) = self.dialogs.import.as_mut() else {
            return;
        };
        match pending.dialog.show(ctx, actions) {
            Some(true) => {
                if let Some(pending) = self.dialogs.import.take() {
                    self.finish_import(ctx, &pending);
                }
            }
            Some(false) => self.dialogs.import = None,
            None => {}
        }
    }

    /// Reads the table again with the dialog's choices.
    pub(super) fn refresh_import(&mut self) {
        if let Some(pending) = self.dialogs.import.as_mut() {
            pending.refresh();
        }
    }

    /// Opens the table's demands as a new comparison (asking first if work would
    /// be lost); every problem is said, and nothing opens, when it has any.
    fn finish_import(&mut self, ctx: &Context, pending: &PendingImport) {
        let path = pending.path.as_path();
        let shown = pending.dialog.shown.clone();
        let imported = import_table(&shown, &pending.bytes, &pending.dialog.options()).and_then(|imported| {
            let text = to_position_ron(&imported.positions, &shown)?;
            Ok((imported, text))
        });
        let (imported, text) = match imported {
            Ok(done) => done,
            Err(e) => {
                self.notices.error(e);
                return;
            }
        };
        let p = &imported.positions;
        let mut notes = imported.notes.clone();
        notes.push(format!(
            "Imported {} of {} on {} from {shown}. Save the position file to share it or add it to other comparisons.",
            count(p.demand_count(), "demand", "demands"),
            count(p.sides.len(), "side", "sides"),
            count(p.issues.len(), "issue", "issues")
        ));
        match Comparison::from_positions(vec![(shown, imported.positions)]) {
            Ok(comparison) => {
                let positions = ImportedPositions {
                    offer: Some(suggested_positions_path(path)),
                    text,
                };
                self.guard(
                    ctx,
                    super::flow::Pending::Open(Box::new(Opened::imported(comparison, notes, positions))),
                );
            }
            Err(e) => self.notices.error(e.0),
        }
    }

    /// Offers to save the position file of an import just opened.
    pub(super) fn offer_imported_positions(&mut self, ctx: &Context) {
        if self.dialogs.files.is_open() || !self.flow.is_idle() {
            return;
        }
        if let Some(suggested) = self.imported.as_mut().and_then(|i| i.offer.take()) {
            self.dialogs
                .files
                .request(ctx, FileAction::SavePositions, Some(suggested));
        }
    }

    /// Writes the imported position file to `path` (`.ron` added when missing).
    pub(super) fn save_imported_positions(&mut self, path: &Path) {
        let Some(imported) = &self.imported else {
            return;
        };
        let path = with_extension_unless(path, "ron", "ron");
        let shown = io::display_path(&path);
        match io::write_atomically(&path, imported.text.as_bytes()) {
            Ok(()) => {
                self.remember_recent(&path);
                self.notices.info(format!(
                    "Saved the position file to {shown}. Edit it in any text editor; `stances check` checks it."
                ));
            }
            Err(e) => self
                .notices
                .error(format!("{shown}: the position file was not saved: {e}")),
        }
    }
}
