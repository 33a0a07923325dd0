//! Who is coding, in three dialogs: the question asked before changing another
//! coder's mark, the coder's name asked before the first mark when none is known,
//! and Edit › Set coder…, which gives a coder's marks (or chosen marks) to another
//! name.

use egui::{Context, Id, Key, RichText};

use crate::gui::action::Action;
use crate::model::{Comparison, Mark, MarkId};

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
pub fn ask_about_others_mark(
    ctx: &Context,
    cmp: &Comparison,
    question: &OthersMark,
    coder: &str,
) -> Option<OthersMarkChoice> {
    let mut choice = None;
    let owner = &question.owner;
    let label = |id: &str| cmp.codebook().get(id).map_or(id.to_owned(), |s| s.label.clone());
    let theirs = cmp.mark(&question.mark).map(|m| label(&m.status)).unwrap_or_default();
    let given = label(&question.status);
    egui::Modal::new(Id::unique("others_mark")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(format!("This mark is {owner}'s"));
        super::text::label(
            ui,
            &format!(
                "You are coding as {coder}. {owner}'s mark says {theirs}; you gave it {given}. As a mark of your own, your coding counts as yours and {owner}'s stays as it is."
            ),
            None,
        );
        super::text::label(
            ui,
            &format!("Changing {owner}'s mark keeps it {owner}'s, with your change recorded in it (who, when, what it was)."),
            Some(ui.visuals().weak_text_color()),
        );
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            let own = ui.button(RichText::new("Make my own mark").strong());
            own.request_focus();
            if own.clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                choice = Some(OthersMarkChoice::OwnMark);
            }
            if ui.button(format!("Change {owner}'s mark")).clicked() {
                choice = Some(OthersMarkChoice::ChangeTheirs);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                choice = Some(OthersMarkChoice::Cancel);
            }
        });
    });
    choice
}

/// Asked before the first mark when nobody has said who is coding (no name set
/// and none from the system): coding as a made-up name would make two coders who
/// both forgot one.
pub struct CoderNamePrompt {
    pub name: String,
    focused: bool,
    /// What the user did, carried out once they have a name.
    pub then: Action,
}

impl CoderNamePrompt {
    pub fn new(then: Action) -> Self {
        Self {
            name: String::new(),
            focused: false,
            then,
        }
    }

    /// The question; `Some(Some(name))` once answered, `Some(None)` when cancelled.
    pub fn show(&mut self, ctx: &Context) -> Option<Option<String>> {
        let mut answer = None;
        egui::Modal::new(Id::unique("coder_name")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading("Who is coding?");
            ui.label("Every mark records who made it, so that several coders' work is told apart and agreement counts each coder once.");
            ui.add_space(6.0);
            let label = ui.label("Your name");
            let response = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if !self.focused {
                response.request_focus();
                self.focused = true;
            }
            ui.label(RichText::new("Kept for your next sessions; Edit › Preferences… changes it.").weak());
            ui.add_space(6.0);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let ready = !self.name.trim().is_empty();
            ui.horizontal(|ui| {
                if ui.add_enabled(ready, egui::Button::new("Start coding")).clicked() || (enter && ready) {
                    answer = Some(Some(self.name.trim().to_owned()));
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    answer = Some(None);
                }
            });
        });
        answer
    }
}

/// Whose marks Set coder gives to another name.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Given {
    /// Every mark of this coder ("" for marks with no name).
    Coder(String),
    /// These marks alone.
    Marks(Vec<MarkId>),
}

/// Edit › Set coder…: whose marks (a coder's, or the selected ones), and the name to give them.
pub struct SetCoderDialog {
    pub open: bool,
    from: Given,
    to: String,
}

impl Default for SetCoderDialog {
    fn default() -> Self {
        Self {
            open: false,
            from: Given::Coder(String::new()),
            to: String::new(),
        }
    }
}

impl SetCoderDialog {
    /// Opens on the selected mark `mark` when there is one, else on `from`'s marks
    /// (the first coder found).
    pub fn open(&mut self, mark: Option<&Mark>, from: &str) {
        self.open = true;
        self.from = match mark {
            Some(mark) => Given::Marks(vec![mark.id.clone()]),
            None => Given::Coder(from.to_owned()),
        };
        self.to.clear();
    }

    /// `on_selection`: the marks on the selected demands, the user's choice first.
    pub fn show(&mut self, ctx: &Context, cmp: &Comparison, on_selection: &[MarkId], actions: &mut Vec<Action>) {
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
                ui.label("Give");
                self.marks_to_give(ui, cmp, on_selection, &coders);
                let label = ui.label("to the coder");
                ui.add(
                    egui::TextEdit::singleline(&mut self.to)
                        .desired_width(260.0)
                        .hint_text("Name"),
                )
                .labelled_by(label.id);
                ui.label(
                    RichText::new(
                        "For marks made under a wrong or default name, or a mark given back to the coder who made it. One step: Ctrl+Z gives them back.",
                    )
                    .weak(),
                );
                ui.add_space(6.0);
                done = self.buttons(ui, cmp, actions);
            });
        self.open = open && !done;
    }

    /// The choice of marks: the selected mark (or marks), or every mark of a coder.
    fn marks_to_give(
        &mut self,
        ui: &mut egui::Ui,
        cmp: &Comparison,
        on_selection: &[MarkId],
        coders: &[(String, usize)],
    ) {
        let shown_name = |name: &str| {
            if name.trim().is_empty() {
                "no name recorded".to_owned()
            } else {
                name.trim().to_owned()
            }
        };
        for id in on_selection {
            let Some(mark) = cmp.mark(id) else { continue };
            let status = cmp
                .codebook()
                .get(&mark.status)
                .map_or(mark.status.as_str(), |s| s.label.as_str());
            let demands = crate::format::diagnostics::count(mark.demands.len(), "demand", "demands");
            let text = format!(
                "only the selected mark: {}'s {status} on {demands}",
                shown_name(&mark.coder)
            );
            let text = super::text::widget_text(ui, text, egui::TextStyle::Body);
            ui.radio_value(&mut self.from, Given::Marks(vec![id.clone()]), text);
        }
        if on_selection.len() > 1 {
            ui.radio_value(
                &mut self.from,
                Given::Marks(on_selection.to_vec()),
                format!("the {} marks on the selected demands", on_selection.len()),
            );
        }
        for (name, count) in coders {
            let marks = crate::format::diagnostics::count(*count, "mark", "marks");
            let text = super::text::widget_text(
                ui,
                format!("every mark of {} ({marks})", shown_name(name)),
                egui::TextStyle::Body,
            );
            ui.radio_value(&mut self.from, Given::Coder(name.clone()), text);
        }
    }

    /// Set coder (when there is a coder to give them to, who is not theirs already) and Cancel; whether done.
    fn buttons(&mut self, ui: &mut egui::Ui, cmp: &Comparison, actions: &mut Vec<Action>) -> bool {
        let mut done = false;
        ui.horizontal(|ui| {
            let to = self.to.trim();
            let ready = !to.is_empty()
                && match &self.from {
                    Given::Coder(from) => from.trim() != to,
                    Given::Marks(ids) => ids.iter().filter_map(|id| cmp.mark(id)).any(|m| m.coder.trim() != to),
                };
            if ui.add_enabled(ready, egui::Button::new("Set coder")).clicked() {
                actions.push(match &self.from {
                    Given::Coder(from) => Action::SetMarksCoder {
                        from: from.clone(),
                        to: to.to_owned(),
                    },
                    Given::Marks(ids) => Action::GiveMarks {
                        marks: ids.clone(),
                        to: to.to_owned(),
                    },
                });
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        done
    }
}
