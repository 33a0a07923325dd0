//! The two sides of a hand-out: File › Hand out to students… (the teacher's
//! instruction, and whether their marks go along as worked examples), and what a
//! student sees on opening one (the instruction, and their name, asked once
//! before the first mark, as the class will know them).

use egui::{Context, RichText};

use crate::gui::action::Action;

/// File › Hand out to students…
#[derive(Default)]
pub struct HandoutDialog {
    pub open: bool,
    instructions: String,
    keep_examples: bool,
}

impl HandoutDialog {
    pub fn show(&mut self, ctx: &Context, marks: usize, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        let mut done = false;
        egui::Window::new("Hand out to students")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.set_width(460.0);
                ui.label(
                    "A copy for students: the positions and the codebook. Each student opens it, gives their name, codes, and saves their own copy; File › Open class… then reads the folder of their files.",
                );
                ui.add_space(6.0);
                let label = ui.label("Instruction shown when a student opens it");
                ui.add(
                    egui::TextEdit::multiline(&mut self.instructions)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .hint_text("e.g. Mark where Ukraine and Russia agree and where they clash; say why in a note."),
                )
                .labelled_by(label.id);
                ui.add_enabled_ui(marks > 0, |ui| {
                    ui.checkbox(
                        &mut self.keep_examples,
                        format!("Keep my {marks} marks as worked examples (read-only for students, left out of the class's figures)"),
                    );
                });
                if marks == 0 {
                    self.keep_examples = false;
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button("Save hand-out…").clicked() {
                        actions.push(Action::SaveHandout {
                            instructions: self.instructions.trim().to_owned(),
                            keep_examples: self.keep_examples,
                        });
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

/// What a student sees on opening a hand-out, until they start.
pub struct HandoutWelcome {
    pub instructions: String,
    pub name: String,
    /// The name field has had the keyboard once (the student types at once).
    pub focused: bool,
}

impl HandoutWelcome {
    /// The prompt; `Some(name)` once the student starts.
    pub fn show(&mut self, ctx: &Context) -> Option<String> {
        let mut start = None;
        egui::Modal::new(egui::Id::unique("handout_welcome")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("A hand-out from your teacher");
            if self.instructions.is_empty() {
                ui.label("Code the demands: select them, give them a status, and say why in a note.");
            } else {
                super::text::label(ui, &self.instructions, None);
            }
            ui.add_space(8.0);
            let label = ui.label("Your name, as your teacher will see it on your marks");
            let response = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if !self.focused {
                response.request_focus();
                self.focused = true;
            }
            ui.label(
                RichText::new("Asked each time a hand-out opens, as a computer may be shared. File › Save then asks where to keep your own copy.")
                    .weak(),
            );
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ready = !self.name.trim().is_empty();
            if (ui.add_enabled(ready, egui::Button::new("Start coding")).clicked() || (enter && ready))
                && start.is_none()
            {
                start = Some(self.name.trim().to_owned());
            }
        });
        start
    }
}
