//! File › Import spreadsheet…: a table of demands opened as a new comparison, and
//! the position file it makes offered for saving.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use egui::Context;

use super::StancesApp;
use super::flow::Opened;
use crate::format::comparison_file::with_extension_unless;
use crate::format::diagnostics::count;
use crate::gui::ui::file_dialogs::FileAction;
use crate::gui::ui::import_dialog::ImportDialog;
use crate::import::{Imported, import_table, read_header, to_position_ron};
use crate::io;
use crate::model::Comparison;

/// What reading a table gives: its header (the first time), and what an import
/// with the dialog's choices makes of it.
struct Reading {
    header: Option<(Vec<String>, String)>,
    imported: Result<Imported, String>,
}

/// A table chosen for import, with the dialog that asks how to read it. The
/// table is read on a worker thread, never the window's: a large workbook does
/// not freeze the window, and the dialog says it is reading meanwhile.
pub(in crate::gui) struct PendingImport {
    path: PathBuf,
    bytes: Arc<Vec<u8>>,
    dialog: ImportDialog,
    /// The reading under way, for the choices shown.
    reading: Option<Receiver<Reading>>,
    /// What the last reading made, for the Import button.
    imported: Option<Imported>,
}

impl PendingImport {
    /// Reads the table again with the dialog's choices (and its header, the
    /// first time), on a worker thread; the answer wakes the window.
    fn start(&mut self, ctx: &Context, with_header: bool) {
        let (tx, rx) = std::sync::mpsc::channel();
        let bytes = Arc::clone(&self.bytes);
        let shown = self.dialog.shown.clone();
        let options = self.dialog.options();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let header = with_header.then(|| read_header(&shown, &bytes, None));
            let imported = import_table(&shown, &bytes, &options);
            // The dialog may be gone (cancelled): then nobody waits for this.
            let _ = tx.send(Reading { header, imported });
            ctx.request_repaint();
        });
        // A reading for older choices is dropped: its answer goes nowhere.
        self.reading = Some(rx);
        self.imported = None;
        self.dialog.reading = true;
    }

    /// Takes the reading's answer once it has come.
    fn receive(&mut self) {
        let Some(answer) = self.reading.as_ref().and_then(|rx| rx.try_recv().ok()) else {
            return;
        };
        self.reading = None;
        self.dialog.reading = false;
        if let Some((header, automatic)) = answer.header {
            self.dialog.columns = header.into_iter().map(|name| (name, true)).collect();
            self.dialog.automatic = automatic;
        }
        self.dialog.outcome = match answer.imported {
            Ok(imported) => {
                let p = &imported.positions;
                let mut lines = vec![format!(
                    "Ready: {} of {} on {}.",
                    count(p.demand_count(), "demand", "demands"),
                    count(p.sides.len(), "side", "sides"),
                    count(p.issues.len(), "issue", "issues")
                )];
                lines.extend(imported.notes.iter().cloned());
                self.imported = Some(imported);
                Ok(lines.join("\n"))
            }
            // The dialog's own words: its checkboxes, not the command line's flags.
            Err(problems) => Err(in_dialog_words(&problems)),
        };
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
pub(in crate::gui) struct ImportedPositions {
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
    pub(super) fn import_spreadsheet(&mut self, ctx: &Context, path: &Path) {
        let shown = io::display_path(path);
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.notices.error(format!("{shown}: cannot be read: {e}"));
                return;
            }
        };
        let mut pending = PendingImport {
            path: path.to_path_buf(),
            bytes: Arc::new(bytes),
            dialog: ImportDialog {
                shown,
                columns: Vec::new(),
                automatic: "as the table says".to_owned(),
                decimal: None,
                outcome: Err(String::new()),
                reading: true,
            },
            reading: None,
            imported: None,
        };
        pending.start(ctx, true);
        self.dialogs.import = Some(pending);
    }

    /// The import dialog, while one is open; imports when the user says so.
    pub(super) fn show_import_dialog(&mut self, ctx: &Context, actions: &mut Vec<crate::gui::action::Action>) {
        let Some(pending) = self.dialogs.import.as_mut() else {
            return;
        };
        pending.receive();
        if pending.reading.is_some() {
            // Looked at again soon, in case the worker's wake-up came before the frame.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        match pending.dialog.show(ctx, actions) {
            Some(true) => {
                if let Some(pending) = self.dialogs.import.take() {
                    self.finish_import(ctx, pending);
                }
            }
            Some(false) => self.dialogs.import = None,
            None => {}
        }
    }

    /// Reads the table again with the dialog's choices.
    pub(super) fn refresh_import(&mut self, ctx: &Context) {
        if let Some(pending) = self.dialogs.import.as_mut() {
            pending.start(ctx, false);
        }
    }

    /// Opens the table's demands as a new comparison (asking first if work would
    /// be lost); every problem is said, and nothing opens, when it has any.
    fn finish_import(&mut self, ctx: &Context, pending: PendingImport) {
        let path = pending.path.as_path();
        let shown = pending.dialog.shown.clone();
        let imported = pending
            .imported
            .ok_or_else(|| format!("{shown}: the table is still being read"))
            .and_then(|imported| {
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
        if let Some(suggested) = self.open.imported.as_mut().and_then(|i| i.offer.take()) {
            self.dialogs
                .files
                .request(ctx, FileAction::SavePositions, Some(suggested));
        }
    }

    /// Writes the imported position file to `path` (`.ron` added when missing).
    pub(super) fn save_imported_positions(&mut self, path: &Path) {
        let Some(imported) = &self.open.imported else {
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
