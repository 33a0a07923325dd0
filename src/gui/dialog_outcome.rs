//! What each file dialog's answer does: a path chosen for opening, adding,
//! saving, exporting, importing or a source, handed to the feature that asked;
//! a dialog closed without a choice cancels what waited on it.

use egui::Context;

use super::app::StancesApp;
use super::flow::Flow;
use super::ui::file_dialogs::{DialogOutcome, FileAction};
use crate::format::comparison_file;
use crate::io;

impl StancesApp {
    pub(super) fn on_dialog(&mut self, ctx: &Context, outcome: DialogOutcome) {
        match outcome {
            DialogOutcome::Chosen(FileAction::Open, paths) => self.open(ctx, &paths),
            DialogOutcome::Chosen(FileAction::Add, paths) => self.add(&paths),
            DialogOutcome::Chosen(FileAction::CompareCoders, paths) => {
                let source = if self.dialogs.files.coder_per_file {
                    crate::model::study::CoderSource::EachFile
                } else {
                    crate::model::study::CoderSource::MarkNames
                };
                self.open_study(ctx, &paths, source);
            }
            DialogOutcome::Chosen(FileAction::OpenClass, paths) => self.open_class(ctx, &paths),
            DialogOutcome::Chosen(FileAction::OpenKey, paths) => {
                if let Some(path) = paths.first() {
                    self.open_key(path);
                }
            }
            DialogOutcome::Chosen(FileAction::SaveAs, paths) => {
                let then = match std::mem::replace(&mut self.flow, Flow::Idle) {
                    Flow::SavingAs(then) => then,
                    _ => None,
                };
                if let Some(path) = paths.into_iter().next() {
                    let path = comparison_file::with_comparison_extension(&path);
                    self.save_to(ctx, &path, then, true);
                }
            }
            DialogOutcome::Cancelled(FileAction::SaveAs) => {
                if let Flow::SavingAs(Some(then)) = std::mem::replace(&mut self.flow, Flow::Idle) {
                    self.notices
                        .info(format!("Not saved, so {} was cancelled.", then.describe()));
                }
            }
            DialogOutcome::Chosen(FileAction::SaveHandout, paths) => {
                if let (Some(path), Some((instructions, keep))) = (paths.first(), self.dialogs.pending_handout.take()) {
                    let path = comparison_file::with_comparison_extension(path);
                    // A class's folder named but not made yet is made: the hand-out starts it.
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
            DialogOutcome::Cancelled(FileAction::SaveHandout) => self.dialogs.pending_handout = None,
            DialogOutcome::Chosen(FileAction::SaveCodebook, paths) => {
                if let Some(path) = paths.first() {
                    self.save_codebook(path);
                }
            }
            DialogOutcome::Chosen(FileAction::ApplyCodebook, paths) => {
                if let Some(path) = paths.first() {
                    self.apply_codebook_file(path);
                }
            }
            DialogOutcome::Chosen(FileAction::ExportQdc, paths) => {
                if let Some(path) = paths.first() {
                    self.export_qdc(path);
                }
            }
            DialogOutcome::Chosen(FileAction::Export(format), paths) => {
                if let Some(path) = paths.first() {
                    self.export_to(ctx, format, path);
                }
            }
            DialogOutcome::Chosen(FileAction::ImportTable, paths) => {
                if let Some(path) = paths.first() {
                    self.import_spreadsheet(ctx, path);
                }
            }
            DialogOutcome::Chosen(FileAction::SavePositions, paths) => {
                if let Some(path) = paths.first() {
                    self.save_imported_positions(path);
                }
            }
            DialogOutcome::Chosen(FileAction::SaveDocumentPositions(document), paths) => {
                if let Some(path) = paths.first() {
                    self.save_document_positions(ctx, document, path);
                }
            }
            DialogOutcome::Cancelled(FileAction::SaveDocumentPositions(_)) => {}
            DialogOutcome::Chosen(FileAction::AddSource, paths) => {
                if let Some(path) = paths.first() {
                    self.read_source(ctx, path);
                }
            }
            DialogOutcome::Cancelled(FileAction::SavePositions) => self.notices.info(
                "The position file was not saved; the comparison holds the positions, and File › Save keeps them.",
            ),
            DialogOutcome::Cancelled(
                FileAction::Open
                | FileAction::Add
                | FileAction::CompareCoders
                | FileAction::OpenClass
                | FileAction::OpenKey
                | FileAction::SaveCodebook
                | FileAction::ApplyCodebook
                | FileAction::ExportQdc
                | FileAction::Export(_)
                | FileAction::ImportTable
                | FileAction::AddSource,
            ) => {}
        }
    }
}
