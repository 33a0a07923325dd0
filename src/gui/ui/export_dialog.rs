//! File › Export…: which report to write, chosen before the file dialog asks where.

use egui::{Context, RichText};

use crate::export::ExportFormat;
use crate::gui::action::Action;

/// What each format is for, said under its name.
fn purpose(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Md => {
            "The issues in order with every side's demands and the marks on them, as tables: for a paper or a wiki."
        }
        ExportFormat::Html => {
            "One page with the aligned columns in the codebook's colours, for a browser or for printing a handout."
        }
        ExportFormat::Csv => {
            "One row per demand covered by a mark, with its status, note and coder, then one per unmarked demand: for R, pandas or a spreadsheet."
        }
        ExportFormat::CsvWide => {
            "One row per issue, each side's demands and their statuses in columns: for a spreadsheet."
        }
        ExportFormat::CsvDecisions => {
            "For a consensus: each disagreement settled, what every coder said, the decision, its note and the adjudicator."
        }
        ExportFormat::Png => "The window as it shows now, for slides.",
    }
}

pub struct ExportDialog {
    pub open: bool,
    format: ExportFormat,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: ExportFormat::Html,
        }
    }
}

impl ExportDialog {
    /// `with_coders`: a coding study is open, so reports carry its coders too.
    pub fn show(&mut self, ctx: &Context, with_coders: bool, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut done = false;
        let response = egui::Modal::new(egui::Id::unique("export_dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Export");
            ui.label("Choose what to write; the next step asks where.");
            ui.add_space(6.0);
            for format in ExportFormat::ALL {
                ui.radio_value(&mut self.format, format, format.label());
                ui.indent(format.extension(), |ui| {
                    ui.label(RichText::new(purpose(format)).weak());
                });
                ui.add_space(3.0);
            }
            if with_coders && self.format != ExportFormat::Png {
                ui.add_space(4.0);
                ui.label(
                    "With the coding study open, the report carries each coder's statuses and the agreement figures.",
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    actions.push(Action::Export(self.format));
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
        });
        if done || response.should_close() {
            self.open = false;
        }
    }
}
