//! What each file dialog's answer does: the path chosen handed to the feature
//! that asked (each owns what it does with it); a dialog closed without a
//! choice cancels what waited on it.

use std::path::PathBuf;

use egui::Context;

use super::StancesApp;
use crate::gui::ui::file_dialogs::{DialogOutcome, FileAction};

impl StancesApp {
    pub(super) fn on_dialog(&mut self, ctx: &Context, outcome: DialogOutcome) {
        match outcome {
            DialogOutcome::Chosen(action, paths) => self.on_chosen(ctx, action, paths),
            DialogOutcome::Cancelled(action) => self.on_cancelled(action),
        }
    }

    fn on_chosen(&mut self, ctx: &Context, action: FileAction, paths: Vec<PathBuf>) {
        // The dialogs that take several files.
        match action {
            FileAction::Open => return self.open(ctx, &paths),
            FileAction::Add => return self.add(&paths),
            FileAction::CompareCoders => return self.compare_coders(ctx, &paths),
            FileAction::OpenClass => return self.open_class(ctx, &paths),
            _ => {}
        }
        // The others take one; an answer without one is no answer.
        let Some(path) = paths.into_iter().next() else {
            return self.on_cancelled(action);
        };
        match action {
            FileAction::Open | FileAction::Add | FileAction::CompareCoders | FileAction::OpenClass => {}
            FileAction::OpenKey => self.open_key(&path),
            FileAction::SaveAs => self.save_as_chosen(ctx, &path),
            FileAction::SaveHandout => self.save_handout(&path),
            FileAction::SaveCodebook => self.save_codebook(&path),
            FileAction::ApplyCodebook => self.apply_codebook_file(&path),
            FileAction::ExportQdc => self.export_qdc(&path),
            FileAction::Export(format) => self.export_to(ctx, format, &path),
            FileAction::ImportTable => self.import_spreadsheet(ctx, &path),
            FileAction::SavePositions => self.save_imported_positions(&path),
            FileAction::SaveDocumentPositions(document) => self.save_document_positions(ctx, document, &path),
            FileAction::AddSource => self.read_source(ctx, &path),
        }
    }

    fn on_cancelled(&mut self, action: FileAction) {
        match action {
            FileAction::SaveAs => self.save_as_cancelled(),
            FileAction::SaveHandout => self.dialogs.pending_handout = None,
            FileAction::SavePositions => self.notices.info(
                "The position file was not saved; the comparison holds the positions, and File › Save keeps them.",
            ),
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
            | FileAction::SaveDocumentPositions(_)
            | FileAction::AddSource => {}
        }
    }
}
