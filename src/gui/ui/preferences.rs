//! The preferences window: who is coding (recorded on every mark they make).

use egui::{Context, RichText};

use crate::gui::action::Action;

/// What the window edits, kept between frames.
#[derive(Default)]
pub struct PreferencesWindow {
    pub open: bool,
    coder: String,
}

impl PreferencesWindow {
    pub fn open(&mut self, coder: &str) {
        self.open = true;
        coder.clone_into(&mut self.coder);
    }

    pub fn show(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        let mut done = false;
        egui::Window::new("Preferences")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label("Coder name");
                ui.add(egui::TextEdit::singleline(&mut self.coder).desired_width(260.0))
                    .labelled_by(label.id);
                ui.label(
                    RichText::new("Recorded on every mark you make, so that several coders' work can be told apart.")
                        .weak(),
                );
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let ready = !self.coder.trim().is_empty();
                    if ui.add_enabled(ready, egui::Button::new("Apply")).clicked() {
                        actions.push(Action::SetCoder(self.coder.trim().to_owned()));
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            });
        self.open = open && !done;
    }
}
