//! File › Import spreadsheet…: after the file is chosen, how to read it: the
//! decimal mark of numbers written as text, and which columns to import; with
//! what the import would give (or every problem it finds) before anything opens.

use egui::{Context, Id, RichText};

use crate::gui::action::Action;
use crate::import::{DecimalMark, ImportOptions};

/// What the dialog shows and edits.
pub struct ImportDialog {
    /// The table, as messages name it.
    pub shown: String,
    /// The header's cells, each with whether it is imported.
    pub columns: Vec<(String, bool)>,
    /// How numbers are read when no mark is chosen, in words.
    pub automatic: String,
    pub decimal: Option<DecimalMark>,
    /// What an import with these options gives: a summary, or its problems.
    pub outcome: Result<String, String>,
    /// The table is being read (on a worker thread) for the choices shown.
    pub reading: bool,
}

impl ImportDialog {
    /// The options the dialog's choices make.
    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            sheet: None,
            decimal: self.decimal,
            ignore_columns: self
                .columns
                .iter()
                .filter(|(name, on)| !on && !name.trim().is_empty())
                .map(|(name, _)| name.clone())
                .collect(),
        }
    }

    /// Draws the dialog; `Some(true)` to import, `Some(false)` to cancel. A
    /// changed choice is reported as [`Action::ImportOptionsChanged`].
    pub fn show(&mut self, ctx: &Context, actions: &mut Vec<Action>) -> Option<bool> {
        let mut answer = None;
        let mut changed = false;
        egui::Modal::new(Id::unique("import_dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Import spreadsheet");
            ui.label(RichText::new(&self.shown).weak());
            ui.add_space(6.0);
            ui.label(RichText::new("Numbers written as text").strong());
            let automatic = format!("Automatic ({})", self.automatic);
            for (choice, label) in [
                (None, automatic.as_str()),
                (Some(DecimalMark::Comma), "Comma is the decimal mark (2,5 and 12.000)"),
                (Some(DecimalMark::Point), "Point is the decimal mark (2.5 and 12,000)"),
            ] {
                if ui.radio_value(&mut self.decimal, choice, label).changed() {
                    changed = true;
                }
            }
            ui.add_space(6.0);
            ui.label(RichText::new("Columns to import").strong());
            ui.horizontal_wrapped(|ui| {
                for (name, on) in &mut self.columns {
                    if name.trim().is_empty() {
                        continue;
                    }
                    if ui.checkbox(on, name.trim()).changed() {
                        changed = true;
                    }
                }
            });
            ui.add_space(6.0);
            match &self.outcome {
                _ if self.reading => {
                    // No spinner: it would keep the window drawing while it waits.
                    ui.label(RichText::new("Reading the table…").weak());
                }
                Ok(summary) => {
                    ui.label(summary);
                }
                Err(problems) => {
                    ui.label(RichText::new("Not ready to import:").strong());
                    egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                        for line in problems.lines().take(50) {
                            ui.label(RichText::new(line).color(ui.visuals().warn_fg_color));
                        }
                    });
                }
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!self.reading && self.outcome.is_ok(), egui::Button::new("Import"))
                    .clicked()
                {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(false);
                }
            });
        });
        if changed {
            actions.push(Action::ImportOptionsChanged);
        }
        answer
    }
}
