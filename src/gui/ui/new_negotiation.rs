//! File › New negotiation…: a negotiation started from nothing, with its name,
//! its date, its sides and its first issue; its demands are then added in the
//! columns (a click on an empty slot) or the details pane.

use egui::{Context, RichText};

use super::fields::labelled_line;
use crate::gui::action::Action;
use crate::import::cells::{slug, unique};
use crate::model::position::{POSITION_FORMAT, is_valid_date};
use crate::model::{Issue, PositionFile, Side};

/// The dialog, while open.
pub struct NewNegotiationDialog {
    pub open: bool,
    name: String,
    date: String,
    sides: Vec<String>,
    issue: String,
    error: Option<String>,
}

impl Default for NewNegotiationDialog {
    fn default() -> Self {
        Self {
            open: false,
            name: String::new(),
            date: String::new(),
            sides: vec![String::new(), String::new()],
            issue: String::new(),
            error: None,
        }
    }
}

impl NewNegotiationDialog {
    pub fn show(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        let mut done = false;
        egui::Window::new("New negotiation")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                ui.set_width(440.0);
                ui.label("The talks, their sides and a first issue. Demands are added after, in the columns.");
                ui.add_space(6.0);
                labelled_line(ui, "Negotiation", &mut self.name, "e.g. Russia-Ukraine direct talks");
                labelled_line(ui, "Date (optional)", &mut self.date, "2025-06-02, 2025-06 or 2025");
                let count = self.sides.len();
                let mut remove = None;
                for (i, side) in self.sides.iter_mut().enumerate() {
                    ui.horizontal(|ui| {
                        let label = ui.label(format!("Side {}", i + 1));
                        ui.add(
                            egui::TextEdit::singleline(side)
                                .hint_text(if i == 0 { "e.g. Ukraine" } else { "e.g. Russia" })
                                .desired_width(320.0),
                        )
                        .labelled_by(label.id);
                        if count > 2 && ui.small_button("Remove").clicked() {
                            remove = Some(i);
                        }
                    });
                }
                if let Some(i) = remove {
                    self.sides.remove(i);
                }
                if ui.button("Add a side").clicked() {
                    self.sides.push(String::new());
                }
                labelled_line(ui, "First issue", &mut self.issue, "e.g. Ceasefire");
                if let Some(error) = &self.error {
                    ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Create").strong()).clicked() {
                        match self.positions() {
                            Ok(file) => {
                                actions.push(Action::NewNegotiation(Box::new(file)));
                                done = true;
                            }
                            Err(e) => self.error = Some(e),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            });
        self.open = open && !done;
        if !self.open {
            *self = Self::default();
        }
    }

    /// The position file the fields make, or what to write instead.
    fn positions(&self) -> Result<PositionFile, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("Name the negotiation: what the talks are.".into());
        }
        let date = self.date.trim();
        if !date.is_empty() && !is_valid_date(date) {
            return Err(format!(
                "`{date}` is not a date: write it as 2025-06-02, 2025-06 or 2025."
            ));
        }
        let names: Vec<&str> = self.sides.iter().map(|s| s.trim()).collect();
        if names.iter().any(|n| n.is_empty()) {
            return Err("Name every side, or remove the empty one.".into());
        }
        if let Some((i, name)) = names
            .iter()
            .enumerate()
            .find(|(i, n)| names[..*i].iter().any(|m| crate::model::position::same_name(m, n)))
        {
            return Err(format!(
                "Side {} is called “{name}” like another side: give each side its own name.",
                i + 1
            ));
        }
        let issue = self.issue.trim();
        if issue.is_empty() {
            return Err("Name a first issue: what the sides negotiate about (more can be added later).".into());
        }
        // Ids as an import makes them from names (`united-states`), any script kept.
        let mut ids = std::collections::HashSet::new();
        let sides = names
            .iter()
            .map(|name| {
                let id = unique(slug(name, "side", usize::MAX), &mut ids);
                Side {
                    id,
                    name: (*name).to_owned(),
                    represented_by: None,
                    demands: Vec::new(),
                }
            })
            .collect();
        Ok(PositionFile {
            format: POSITION_FORMAT,
            negotiation: Some(name.to_owned()),
            round: None,
            date: (!date.is_empty()).then(|| date.to_owned()),
            sources: Vec::new(),
            issues: vec![Issue {
                id: slug(issue, "issue", usize::MAX),
                name: issue.to_owned(),
                description: None,
            }],
            sides,
        })
    }
}
