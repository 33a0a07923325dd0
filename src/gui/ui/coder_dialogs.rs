//! Who is coding, in two dialogs: the question asked before changing another
//! coder's mark, and Edit › Set coder…, which gives a coder's marks to another
//! name.

use egui::{Context, Id, Key, RichText};

use crate::gui::command::Action;
use crate::model::{Comparison, MarkId};

/// Another coder's mark about to be changed: asked first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OthersMark {
    pub mark: MarkId,
    /// Whose mark it is.
    pub owner: String,
    /// The status the user gave.
    pub status: String,
}

/// What the user chose for another coder's mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OthersMarkChoice {
    /// A mark of the user's own on the same demands (the default).
    OwnMark,
    /// Change the other coder's mark after all.
    ChangeTheirs,
    Cancel,
}

/// Asks what to do about another coder's mark; `Some` once answered. Enter
/// makes a mark of one's own, Esc cancels.
pub fn ask_about_others_mark(ctx: &Context, question: &OthersMark, coder: &str) -> Option<OthersMarkChoice> {
    let mut choice = None;
    egui::Modal::new(Id::unique("others_mark")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(format!("This mark is {}'s", question.owner));
        ui.label(format!(
            "You are coding as {coder}. Changing {}'s mark would change {}'s coding. A mark of your own on the same demands keeps theirs as it is, and both count in a coding study.",
            question.owner, question.owner
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let own = ui.button(RichText::new("Make my own mark").strong());
            own.request_focus();
            if own.clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                choice = Some(OthersMarkChoice::OwnMark);
            }
            if ui.button(format!("Change {}'s mark", question.owner)).clicked() {
                choice = Some(OthersMarkChoice::ChangeTheirs);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                choice = Some(OthersMarkChoice::Cancel);
            }
        });
    });
    choice
}

/// Edit › Set coder…: whose marks, and the name to give them.
#[derive(Default)]
pub struct SetCoderDialog {
    pub open: bool,
    from: String,
    to: String,
}

impl SetCoderDialog {
    /// Opens on `from`'s marks (the selected mark's coder, or the first found).
    pub fn open(&mut self, from: &str) {
        self.open = true;
        from.clone_into(&mut self.from);
        self.to.clear();
    }

    pub fn show(&mut self, ctx: &Context, cmp: &Comparison, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let coders = cmp.coders_of_marks();
        let mut open = self.open;
        let mut done = false;
        egui::Window::new("Set coder")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                if coders.is_empty() {
                    ui.label("This comparison has no marks yet.");
                    return;
                }
                ui.label("Give the marks of");
                for (name, count) in &coders {
                    let shown = if name.is_empty() {
                        "no name recorded"
                    } else {
                        name.as_str()
                    };
                    let marks = if *count == 1 {
                        "1 mark".to_owned()
                    } else {
                        format!("{count} marks")
                    };
                    ui.radio_value(&mut self.from, name.clone(), format!("{shown} ({marks})"));
                }
                let label = ui.label("to the coder");
                ui.add(
                    egui::TextEdit::singleline(&mut self.to)
                        .desired_width(260.0)
                        .hint_text("Name"),
                )
                .labelled_by(label.id);
                ui.label(
                    RichText::new("For marks made under a wrong or default name. One step: Ctrl+Z gives them back.")
                        .weak(),
                );
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let ready = !self.to.trim().is_empty() && self.to.trim() != self.from.trim();
                    if ui.add_enabled(ready, egui::Button::new("Set coder")).clicked() {
                        actions.push(Action::SetMarksCoder {
                            from: self.from.clone(),
                            to: self.to.trim().to_owned(),
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
