//! The shortcut sheet (F1): every command of the command table in a sensible
//! order, with its keys or the menu it is in, then the keys that are not commands
//! (status keys, zoom, presentation).

use egui::{RichText, Ui};

use crate::gui::command::Command;
use crate::model::Codebook;

pub fn show(ctx: &egui::Context, open: &mut bool, codebook: &Codebook) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .vscroll(true)
        .default_height(560.0)
        .show(ctx, |ui| sheet(ui, codebook));
}

fn sheet(ui: &mut Ui, codebook: &Codebook) {
    let ctx = ui.ctx().clone();
    egui::Grid::new("shortcut_grid")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let mut group = "";
            for command in Command::ALL {
                if command.group() != group {
                    group = command.group();
                    heading(ui, group);
                    if group == "View and zoom" {
                        // Before the commands of the view: the keys egui gives every window.
                        row(ui, "Zoom in, zoom out, back to 100 %", "Ctrl+Plus, Ctrl+Minus, Ctrl+0");
                        row(ui, "Light or dark theme", "View menu");
                    }
                }
                let keys: Vec<String> = command.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect();
                if keys.is_empty() {
                    ui.label(command.label());
                    ui.label(RichText::new(command.menu()).weak());
                    ui.end_row();
                } else {
                    row(ui, command.label(), &keys.join(", "));
                }
                if command == Command::ExtendRight {
                    row(ui, "Add a demand to the selection", "Ctrl+click");
                    for status in &codebook.statuses {
                        if let Some(key) = &status.key {
                            row(ui, &format!("Give the selection the status {}", status.label), key);
                        }
                    }
                }
                if command == Command::Present {
                    row(ui, "While presenting: next step", "Space, →, Page Down");
                    row(ui, "While presenting: step back", "←, Backspace, Page Up");
                    row(ui, "While presenting: title, last issue", "Home, End");
                    row(ui, "While presenting: go to issue N", "N then Enter");
                    row(ui, "While presenting: hide or show marks", "M");
                    row(ui, "While presenting: leave", "Esc");
                }
            }
        });
}

fn heading(ui: &mut Ui, group: &str) {
    ui.label(RichText::new(group).strong().size(15.0));
    ui.label("");
    ui.end_row();
}

fn row(ui: &mut Ui, what: &str, keys: &str) {
    ui.label(what);
    ui.label(RichText::new(keys).monospace());
    ui.end_row();
}
