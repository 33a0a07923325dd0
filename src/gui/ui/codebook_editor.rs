//! The codebook editor: add, rename, recolour, reorder, describe and delete
//! statuses, and set their keys. Every change is an edit of the comparison (so it
//! can be undone and is autosaved); typing in one field is one undo step.

use std::collections::HashMap;

use egui::{Context, Id, RichText, Ui};

use super::theme;
use crate::gui::action::Action;
use crate::model::Comparison;
use crate::model::codebook::{Codebook, contrast_warning, hex_color, is_valid_key, parse_hex_color};

/// Colours offered to new statuses, in turn: mid-tones that read on both themes.
const NEW_COLORS: [&str; 6] = ["#1971c2", "#2b8a3e", "#c2255c", "#5f3dc4", "#0c8599", "#e8590c"];

/// What the window keeps between frames: the fields being typed in, and the
/// status whose deletion waits for a choice.
#[derive(Default)]
pub struct CodebookEditor {
    pub open: bool,
    /// Key and colour fields as typed, by status id, while they are not (yet) valid.
    keys: HashMap<String, String>,
    colors: HashMap<String, String>,
    /// A status in use that the user asked to delete, and the status its marks go to.
    deleting: Option<(String, String)>,
}

impl CodebookEditor {
    pub fn show(&mut self, ctx: &Context, cmp: &Comparison, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Codebook")
            .open(&mut open)
            .default_width(620.0)
            .resizable(true)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
                    self.contents(ui, cmp, actions);
                });
                // Outside the scrolled list, so it is always in reach.
                ui.separator();
                if ui.button("Add status").clicked() {
                    let statuses = cmp.codebook().statuses.len();
                    let color = NEW_COLORS[statuses % NEW_COLORS.len()];
                    actions.push(Action::AddStatus { color: color.into() });
                }
            });
        self.open = open;
    }

    fn contents(&mut self, ui: &mut Ui, cmp: &Comparison, actions: &mut Vec<Action>) {
        let codebook = cmp.codebook();
        name_field(ui, codebook, actions);
        ui.label(
            RichText::new(
                "Statuses are stored by id in the marks, so renaming or recolouring one changes every mark that has it. Keys give the selection a status.",
            )
            .weak(),
        );
        ui.add_space(6.0);
        for (i, status) in codebook.statuses.iter().enumerate() {
            let marks = cmp.marks_with_status(&status.id);
            ui.separator();
            ui.horizontal(|ui| {
                self.colour_fields(ui, codebook, i, actions);
                label_field(ui, codebook, i, actions);
                self.key_field(ui, codebook, i, actions);
                self.order_and_delete(ui, codebook, i, marks, actions);
            });
            description_field(ui, codebook, i, actions);
            self.status_facts(ui, codebook, i, marks);
            self.delete_prompt(ui, codebook, &status.id, marks, actions);
        }
    }

    /// Colour: a picker, and the hex code for exact colours from a group's codebook.
    fn colour_fields(&mut self, ui: &mut Ui, codebook: &Codebook, i: usize, actions: &mut Vec<Action>) {
        let status = &codebook.statuses[i];
        let id = status.id.clone();
        let mut rgb = status.rgb();
        if ui.color_edit_button_srgb(&mut rgb).on_hover_text("Colour").changed() {
            self.colors.remove(&id);
            let mut changed = codebook.clone();
            changed.statuses[i].color = hex_color(rgb);
            set(changed, format!("colour {id}"), actions);
        }
        let hex = self.colors.entry(id.clone()).or_insert_with(|| status.color.clone());
        let hex_id = field_id("colour", &id);
        if !ui.memory(|m| m.has_focus(hex_id)) {
            hex.clone_from(&status.color);
        }
        let response = ui.add(
            egui::TextEdit::singleline(hex)
                .id(hex_id)
                .desired_width(70.0)
                .font(egui::TextStyle::Monospace),
        );
        let response = response.on_hover_text("Colour as #rrggbb");
        if response.changed()
            && let Some(rgb) = parse_hex_color(hex.trim())
        {
            let mut changed = codebook.clone();
            changed.statuses[i].color = hex_color(rgb);
            set(changed, format!("colour {id}"), actions);
        }
        seal_on_exit(&response, actions);
    }

    /// The key that gives the selection this status (one letter or digit).
    fn key_field(&mut self, ui: &mut Ui, codebook: &Codebook, i: usize, actions: &mut Vec<Action>) {
        let status = &codebook.statuses[i];
        let id = status.id.clone();
        let key_label = ui.label("Key");
        let key = self
            .keys
            .entry(id.clone())
            .or_insert_with(|| status.key.clone().unwrap_or_default());
        let key_id = field_id("key", &id);
        if !ui.memory(|m| m.has_focus(key_id)) {
            *key = status.key.clone().unwrap_or_default();
        }
        let response = ui.add(
            egui::TextEdit::singleline(key)
                .id(key_id)
                .char_limit(1)
                .desired_width(22.0),
        );
        let response = response.labelled_by(key_label.id);
        if response.changed() {
            let wanted = key.trim().to_owned();
            let mut changed = codebook.clone();
            changed.statuses[i].key = (!wanted.is_empty()).then_some(wanted);
            if changed.problems().is_empty() {
                set(changed, format!("key {id}"), actions);
            }
        }
    }

    /// Up and Down in the legend, and Delete (asking where a status in use's marks go).
    fn order_and_delete(
        &mut self,
        ui: &mut Ui,
        codebook: &Codebook,
        i: usize,
        marks: usize,
        actions: &mut Vec<Action>,
    ) {
        let status = &codebook.statuses[i];
        let id = status.id.clone();
        let count = codebook.statuses.len();
        if ui
            .add_enabled(i > 0, egui::Button::new("Up").small())
            .on_hover_text("Move up in the legend")
            .clicked()
        {
            let mut changed = codebook.clone();
            changed.statuses.swap(i, i - 1);
            actions.push(Action::SetCodebook {
                codebook: changed,
                merge_key: None,
            });
        }
        if ui
            .add_enabled(i + 1 < count, egui::Button::new("Down").small())
            .on_hover_text("Move down in the legend")
            .clicked()
        {
            let mut changed = codebook.clone();
            changed.statuses.swap(i, i + 1);
            actions.push(Action::SetCodebook {
                codebook: changed,
                merge_key: None,
            });
        }
        let can_delete = count > 1;
        let delete = ui
            .add_enabled(can_delete, egui::Button::new("Delete…").small())
            .on_hover_text(if marks > 0 {
                "Delete this status, re-coding its marks to another (a merge)"
            } else {
                "Delete this status"
            });
        if delete.clicked() {
            if marks == 0 {
                actions.push(Action::RemoveStatus {
                    id: id.clone(),
                    recode_to: None,
                });
            } else {
                let other = codebook.statuses.iter().find(|s| s.id != id).map(|s| s.id.clone());
                self.deleting = other.map(|o| (id.clone(), o));
            }
        }
    }

    /// Under a status: how many marks have it, its id, and what is wrong with its colour or key.
    fn status_facts(&self, ui: &mut Ui, codebook: &Codebook, i: usize, marks: usize) {
        let status = &codebook.statuses[i];
        let id = status.id.clone();
        let mut facts = vec![match marks {
            0 => "no marks".to_owned(),
            1 => "1 mark".to_owned(),
            n => format!("{n} marks"),
        }];
        facts.push(format!("id {id}"));
        ui.label(RichText::new(facts.join(" · ")).weak().small());
        if let Some(warning) = contrast_warning(status.rgb()) {
            ui.label(RichText::new(format!("Colour {warning}.")).color(ui.visuals().warn_fg_color));
        }
        if let Some(key) = self.keys.get(&id)
            && !key.trim().is_empty()
        {
            let wanted = key.trim();
            if !is_valid_key(wanted) {
                ui.label(RichText::new("A key is one letter or digit.").color(ui.visuals().warn_fg_color));
            } else if let Some(other) = codebook.by_key(wanted).filter(|o| o.id != id) {
                ui.label(
                    RichText::new(format!("{wanted} is the key of {}; choose another.", other.label))
                        .color(ui.visuals().warn_fg_color),
                );
            }
        }
    }

    /// Under a status in use that the user asked to delete: where its marks go.
    fn delete_prompt(&mut self, ui: &mut Ui, codebook: &Codebook, id: &str, marks: usize, actions: &mut Vec<Action>) {
        let Some((deleting, target)) = &mut self.deleting else {
            return;
        };
        if deleting != id {
            return;
        }
        let Some(status) = codebook.get(id) else {
            self.deleting = None;
            return;
        };
        let mut done = false;
        egui::Frame::group(ui.style())
            .fill(theme::tint(ui.visuals().warn_fg_color, ui.visuals()))
            .show(ui, |ui| {
                let (marks_are, them) = if marks == 1 {
                    ("mark is", "it")
                } else {
                    ("marks are", "them")
                };
                ui.label(format!(
                    "{marks} {marks_are} {}. Re-code {them} to another status, then delete {}:",
                    status.label, status.label
                ));
                ui.horizontal(|ui| {
                    let shown = codebook.get(target).map_or(target.as_str(), |s| s.label.as_str());
                    let to = ui.label("Re-code to");
                    egui::ComboBox::from_id_salt(("recode", id))
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for other in codebook.statuses.iter().filter(|s| s.id != id) {
                                ui.selectable_value(target, other.id.clone(), &other.label);
                            }
                        })
                        .response
                        .labelled_by(to.id);
                    if ui.button("Re-code and delete").clicked() {
                        actions.push(Action::RemoveStatus {
                            id: id.to_owned(),
                            recode_to: Some(target.clone()),
                        });
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            });
        if done {
            self.deleting = None;
        }
    }
}

/// The id of a status's field in the editor (`label`, `key`, `colour`, `description`).
pub fn field_id(field: &str, status: &str) -> Id {
    Id::unique(("codebook", field, status))
}

/// Leaving a field ends its undo step: the next change is a step of its own.
fn seal_on_exit(response: &egui::Response, actions: &mut Vec<Action>) {
    if response.lost_focus() {
        actions.push(Action::SealTyping);
    }
}

/// Records a change of the codebook; `field` merges a field's keystrokes into one undo step.
fn set(codebook: Codebook, field: String, actions: &mut Vec<Action>) {
    actions.push(Action::SetCodebook {
        codebook,
        merge_key: Some(field),
    });
}

/// The codebook's name.
fn name_field(ui: &mut Ui, codebook: &Codebook, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        let mut name = codebook.name.clone();
        let response = ui
            .add(egui::TextEdit::singleline(&mut name).desired_width(320.0))
            .labelled_by(label.id);
        if response.changed() {
            let mut changed = codebook.clone();
            changed.name = name;
            set(changed, "codebook name".into(), actions);
        }
        seal_on_exit(&response, actions);
    });
}

/// A status's label.
fn label_field(ui: &mut Ui, codebook: &Codebook, i: usize, actions: &mut Vec<Action>) {
    let status = &codebook.statuses[i];
    let id = status.id.clone();
    let mut label = status.label.clone();
    let response = ui.add(
        egui::TextEdit::singleline(&mut label)
            .id(field_id("label", &id))
            .hint_text("Label")
            .desired_width(170.0),
    );
    if response.changed() {
        let mut changed = codebook.clone();
        changed.statuses[i].label = label;
        set(changed, format!("label {id}"), actions);
    }
    seal_on_exit(&response, actions);
}

/// What a status means, for coders (shown on hover).
fn description_field(ui: &mut Ui, codebook: &Codebook, i: usize, actions: &mut Vec<Action>) {
    let status = &codebook.statuses[i];
    let id = status.id.clone();
    let mut description = status.description.clone().unwrap_or_default();
    let response = ui.add(
        egui::TextEdit::singleline(&mut description)
            .id(field_id("description", &id))
            .hint_text("What this status means, for coders (shown on hover)")
            .desired_width(f32::INFINITY),
    );
    if response.changed() {
        let mut changed = codebook.clone();
        changed.statuses[i].description = (!description.trim().is_empty()).then_some(description);
        set(changed, format!("description {id}"), actions);
    }
    seal_on_exit(&response, actions);
}
