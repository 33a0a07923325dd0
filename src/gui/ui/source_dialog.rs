//! File › Add source…: the document read (on a worker thread, said meanwhile),
//! then what the source is called and where it came from, before it is added.

use egui::{Context, RichText};

use super::fields::labelled_line;
use crate::gui::action::Action;

/// The dialog's fields, filled from the document where it says them.
pub struct SourceDialog {
    /// The document's file name, as the user knows it.
    pub shown: String,
    /// What reading it gave: what it is ("a PDF") and a note, or why it could not be read.
    pub read: Option<Result<(&'static str, Option<String>), String>>,
    /// The comparison's documents (rounds), when there are several: the source goes to one.
    pub documents: Vec<String>,
    pub document: usize,
    pub title: String,
    pub id: String,
    pub url: String,
    pub date: String,
    pub note: String,
    /// Why the last "Add" was refused.
    pub error: Option<String>,
    /// The id follows the title until the user types one.
    id_typed: bool,
}

impl SourceDialog {
    pub fn new(shown: String, documents: Vec<String>) -> Self {
        Self {
            shown,
            read: None,
            documents,
            document: 0,
            title: String::new(),
            id: String::new(),
            url: String::new(),
            date: String::new(),
            note: String::new(),
            error: None,
            id_typed: false,
        }
    }

    /// Draws the dialog; `Add` and `Cancel` come back as actions.
    pub fn show(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        let mut open = true;
        egui::Window::new("Add source")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                ui.set_width(460.0);
                match &self.read {
                    None => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(format!("Reading {}…", self.shown));
                        });
                        if ui.button("Cancel").clicked() {
                            actions.push(Action::CloseSourceDialog);
                        }
                        return;
                    }
                    Some(Err(problem)) => {
                        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
                        if ui.button("Close").clicked() {
                            actions.push(Action::CloseSourceDialog);
                        }
                        return;
                    }
                    Some(Ok((kind, note))) => {
                        ui.label(format!("{} is {kind}. Its text is kept beside the comparison, so that every quote from it can be checked.", self.shown));
                        if let Some(note) = note {
                            ui.label(RichText::new(note).color(ui.visuals().warn_fg_color));
                        }
                    }
                }
                ui.add_space(6.0);
                self.fields(ui);
                if let Some(error) = &self.error {
                    ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Add").strong()).clicked() {
                        actions.push(Action::AddSourceNow);
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseSourceDialog);
                    }
                });
            });
        if !open {
            actions.push(Action::CloseSourceDialog);
        }
    }

    fn fields(&mut self, ui: &mut egui::Ui) {
        if self.documents.len() > 1 {
            let label = ui.label("Round");
            let chosen = self.documents.get(self.document).cloned().unwrap_or_default();
            egui::ComboBox::from_id_salt("source_document")
                .selected_text(chosen)
                .show_ui(ui, |ui| {
                    for (i, name) in self.documents.iter().enumerate() {
                        ui.selectable_value(&mut self.document, i, name);
                    }
                })
                .response
                .labelled_by(label.id);
        }
        let title_before = self.title.clone();
        labelled_line(ui, "Title", &mut self.title, "e.g. Joint statement of the delegations");
        if self.title != title_before && !self.id_typed {
            self.id = crate::import::cells::slug(&self.title, "source", 40);
        }
        if labelled_line(ui, "Id (how demands name it)", &mut self.id, "e.g. joint-statement").changed() {
            self.id_typed = true;
        }
        labelled_line(ui, "Address (optional)", &mut self.url, "https://…");
        labelled_line(ui, "Date (optional)", &mut self.date, "2025-06-02, 2025-06 or 2025");
        labelled_line(
            ui,
            "Note (optional)",
            &mut self.note,
            "e.g. the Russian delegation's copy",
        );
    }

    /// The title and id, once read: the document's own title, else its file name.
    pub fn fill(&mut self, title: Option<&str>) {
        let stem = std::path::Path::new(&self.shown)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.title = title.map_or(stem, str::to_owned);
        self.id = crate::import::cells::slug(&self.title, "source", 40);
    }
}
