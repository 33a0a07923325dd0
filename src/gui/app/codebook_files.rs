//! Codebook › Save codebook as… and Apply codebook…: a research group's shared
//! codebook, written on its own and applied to a comparison by status id.

use std::path::{Path, PathBuf};

use egui::Context;

use super::StancesApp;
use crate::format::codebook_file::{self, CODEBOOK_EXTENSION, apply_codebook};
use crate::format::comparison_file::with_extension_unless;
use crate::format::qdc::{self, QDC_EXTENSION};
use crate::gui::ui::file_dialogs::FileAction;
use crate::io;

impl StancesApp {
    /// Where to offer to write the codebook: beside the open file (else in the
    /// folder comparisons are offered in), named after the codebook's id.
    fn suggested_codebook_path(&self, extension: &str) -> PathBuf {
        self.suggested_dir()
            .join(format!("{}.{extension}", self.comparison().codebook().id))
    }

    pub(super) fn request_save_codebook(&mut self, ctx: &Context) {
        let suggested = self.suggested_codebook_path(CODEBOOK_EXTENSION);
        self.dialogs
            .files
            .request(ctx, FileAction::SaveCodebook, Some(suggested));
    }

    pub(super) fn request_export_qdc(&mut self, ctx: &Context) {
        let suggested = self.suggested_codebook_path(QDC_EXTENSION);
        self.dialogs.files.request(ctx, FileAction::ExportQdc, Some(suggested));
    }

    /// Writes the comparison's codebook as a REFI-QDA codebook (`.qdc` added when missing).
    pub(super) fn export_qdc(&mut self, path: &Path) {
        let path = with_extension_unless(path, QDC_EXTENSION, QDC_EXTENSION);
        let shown = io::display_path(&path);
        let text = qdc::to_qdc(self.comparison().codebook());
        match io::atomic::write_atomically(&path, text.as_bytes()) {
            Ok(()) => self.notices.info(format!(
                "Exported the codebook to {shown} (REFI-QDA), for ATLAS.ti, MAXQDA, NVivo, QualCoder and other QDA tools."
            )),
            Err(e) => self.notices.error(format!("{shown}: the codebook was not exported: {e}")),
        }
    }

    pub(super) fn request_apply_codebook(&mut self, ctx: &Context) {
        let dir = self.path().and_then(Path::parent).map(Path::to_path_buf);
        self.dialogs.files.request(ctx, FileAction::ApplyCodebook, dir);
    }

    /// Writes the comparison's codebook to `path` (`.codebook.ron` added when it has no `.ron`).
    pub(super) fn save_codebook(&mut self, path: &Path) {
        let path = with_extension_unless(path, "ron", CODEBOOK_EXTENSION);
        let shown = io::display_path(&path);
        let written = codebook_file::to_ron(self.comparison().codebook())
            .and_then(|text| io::atomic::write_atomically(&path, text.as_bytes()));
        match written {
            Ok(()) => self.notices.info(format!("Saved the codebook to {shown}.")),
            Err(e) => self.notices.error(format!("{shown}: the codebook was not saved: {e}")),
        }
    }

    /// Reads a codebook file (Stances' own, or a REFI-QDA `.qdc`) and makes it the
    /// comparison's, matching statuses by id.
    pub(super) fn apply_codebook_file(&mut self, path: &Path) {
        let shown = io::display_path(path);
        let is_qdc = |text: &str| {
            path.extension().is_some_and(|e| e.eq_ignore_ascii_case(QDC_EXTENSION))
                || text.trim_start_matches('\u{feff}').trim_start().starts_with('<')
        };
        let current = self.comparison().codebook();
        let read = io::read_text(path).and_then(|text| {
            if is_qdc(&text) {
                qdc::parse_qdc(&shown, &text, current)
            } else {
                codebook_file::parse(&shown, &text)
            }
        });
        let codebook = match read {
            Ok(codebook) => codebook,
            Err(e) => {
                self.notices.error(e.to_string());
                return;
            }
        };
        let cmp = self.comparison();
        let (result, report) = apply_codebook(cmp.codebook(), &codebook, |id| cmp.marks_with_status(id));
        match cmp.codebook_edit(result) {
            Ok(Some(edit)) => {
                self.open.doc.seal();
                match self.open.doc.apply(edit, None) {
                    Ok(()) => self.notices.info(format!(
                        "Applied the codebook “{}” from {shown}: {}.",
                        codebook.name,
                        report.summary()
                    )),
                    Err(e) => self.notices.error(format!("{shown}: {}", e.0)),
                }
            }
            Ok(None) => self
                .notices
                .info(format!("{shown} holds the codebook this comparison already has.")),
            Err(e) => self.notices.error(format!("{shown}: {}", e.0)),
        }
    }
}
