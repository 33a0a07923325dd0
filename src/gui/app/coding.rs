//! Coding acts in the window: a status given to the selection (the user's own
//! mark, or a question before another coder's mark changes), a mark of one's own
//! on another's demands, a mark removed, and the question about another coder's
//! mark answered. Each is one edit of the document, stamped with who is coding.

use egui::Context;

use super::StancesApp;
use crate::gui::action::{Action, Settle};
use crate::model::Edit;
use crate::model::coders::Coding;
use crate::model::mark::now_timestamp;
use crate::model::mark::{Stamp, new_mark_id};

impl StancesApp {
    /// Coding acts: a status given, a mark made, noted, removed or settled, and
    /// who is credited with marks.
    pub(super) fn handle_coding(&mut self, action: Action) {
        match action {
            Action::SettleConflict { index, how } => {
                let cmp = self.comparison();
                let edit = match how {
                    Settle::Take(pick) => cmp.take_edit(index, pick),
                    Settle::TakePlace(place, pick) => cmp.take_place_edit(index, place, pick),
                    Settle::KeepBoth => cmp.keep_both_edit(index, new_mark_id()),
                    Settle::AsIs => cmp.settled_as_is_edit(index),
                };
                self.open.doc.seal();
                self.apply(edit, None);
            }
            Action::ApplyStatus(status) => self.apply_status(status),
            Action::NewMark(status) => {
                let edit =
                    self.comparison()
                        .new_mark_edit(&self.shown.selection, &status, &self.stamp(), new_mark_id());
                self.apply(edit, None);
            }
            Action::RemoveMark(id) => self.remove_mark(id),
            Action::SetNote { mark, note } => {
                let edit = self.comparison().note_edit(&mark, &note, &self.stamp());
                self.apply(edit, Some(format!("note {mark}")));
            }
            Action::SetCoder(name) => {
                self.notices.info(format!("New marks are recorded as coded by {name}."));
                self.computer_coder.clone_from(&name);
                self.coder = name;
            }
            Action::SetMarksCoder { from, to } => {
                let count = self
                    .comparison()
                    .coders_of_marks()
                    .into_iter()
                    .find(|(c, _)| *c == from.trim())
                    .map_or(0, |(_, n)| n);
                let edit = self.comparison().set_coder_edit(&from, &to, &now_timestamp());
                if edit.is_some() {
                    let from = if from.trim().is_empty() { "no name" } else { from.trim() };
                    self.notices.info(format!(
                        "Gave {} of {from} to {to} (Ctrl+Z gives them back).",
                        crate::format::diagnostics::count(count, "mark", "marks")
                    ));
                }
                self.apply(edit, None);
            }
            Action::GiveMarks { marks, to } => {
                let edit = self.comparison().set_marks_coder_edit(&marks, &to, &now_timestamp());
                if edit.is_some() {
                    self.notices.info(format!(
                        "Gave {} to {to} (Ctrl+Z gives them back).",
                        crate::format::diagnostics::count(marks.len(), "mark", "marks")
                    ));
                }
                self.apply(edit, None);
            }
            Action::OwnMark(of) => self.own_mark(&of, None),
            _ => {}
        }
    }

    /// A student starts coding the open hand-out: the student (the name typed,
    /// an id made now) is recorded in their copy as where it starts from, not as
    /// an edit to undo; the name codes their marks in this window only, never
    /// becoming the computer's coder.
    pub(super) fn start_as_student(&mut self, name: &str) {
        let student = crate::model::handout::Student::starting(name);
        if let Some(edit) = self.comparison().start_student_edit(student) {
            let mut cmp = self.open.doc.comparison().clone();
            match cmp.apply(edit) {
                Ok(_) => {
                    self.open.doc = crate::model::Document::new(cmp);
                    self.open.doc.mark_unsaved();
                }
                Err(e) => self.notices.error(format!("cannot record the student: {e}")),
            }
        }
        name.trim().clone_into(&mut self.coder);
        self.notices.info(format!(
            "You are coding as {}: your marks and your copy are recorded as yours. File › Save keeps your copy beside the hand-out.",
            self.coder
        ));
    }

    pub(super) fn stamp(&self) -> Stamp {
        Stamp::now(self.coder.clone())
    }

    /// Gives the selection `status`, as a coding act of the user's: their own
    /// mark on it, made or changed; another coder's mark with another status is
    /// asked about first (the user may have meant to change theirs).
    pub(super) fn apply_status(&mut self, status: String) {
        let cmp = self.comparison();
        if let Some(mark) = cmp.mark_for_selection_by(&self.shown.selection, &self.coder)
            && mark.is_by_other(&self.coder)
            && self.shown.note.unlocked.as_ref() == Some(&mark.id)
        {
            // The user chose to edit this coder's mark: the change is recorded as theirs.
            let edit = cmp.mark_status_edit(&mark.id.clone(), &status, &self.stamp());
            return self.apply(edit, None);
        }
        match cmp.coding_edit(&self.shown.selection, &status, &self.stamp(), new_mark_id()) {
            Coding::Nothing => {}
            Coding::Edit(edit) => self.apply(Some(edit), None),
            Coding::Ask { mark, owner } => {
                self.dialogs.others_mark = Some(crate::gui::ui::coder_dialogs::OthersMark { mark, owner, status });
            }
        }
    }

    /// A mark of the user's own on the demands of mark `of`, with `status` (or
    /// theirs) and no note yet; then selected, so that its note can be typed.
    pub(super) fn own_mark(&mut self, of: &str, status: Option<&str>) {
        let id = new_mark_id();
        let edit = self
            .comparison()
            .own_mark_edit(of, status, "", &self.stamp(), id.clone());
        self.apply(edit, None);
        if let Some(mark) = self.comparison().mark(&id) {
            let owner = self
                .comparison()
                .mark(of)
                .map(|m| m.coder.trim().to_owned())
                .unwrap_or_default();
            self.shown.selection = mark
                .demands
                .iter()
                .filter_map(|r| self.comparison().resolve(r))
                .collect();
            self.notices.info(format!(
                "Made a mark of your own ({}) on the same demands; {owner}'s stays as it was.",
                self.coder
            ));
        }
    }

    /// The question about another coder's mark, while one is open.
    pub(super) fn ask_about_others_mark(&mut self, ctx: &Context) {
        use crate::gui::ui::coder_dialogs::{OthersMarkChoice, ask_about_others_mark};
        let Some(question) = &self.dialogs.others_mark else {
            return;
        };
        let Some(choice) = ask_about_others_mark(ctx, self.open.doc.comparison(), question, &self.coder) else {
            return;
        };
        let question = question.clone();
        self.dialogs.others_mark = None;
        match choice {
            OthersMarkChoice::OwnMark => {
                let edit = self.comparison().new_mark_edit(
                    &self.shown.selection,
                    &question.status,
                    &self.stamp(),
                    new_mark_id(),
                );
                self.apply(edit, None);
                self.notices.info(format!(
                    "Made a mark of your own ({}); {}'s stays as it was.",
                    self.coder, question.owner
                ));
            }
            OthersMarkChoice::ChangeTheirs => {
                self.shown.note.unlocked = Some(question.mark.clone());
                let edit = self
                    .comparison()
                    .mark_status_edit(&question.mark, &question.status, &self.stamp());
                self.apply(edit, None);
                self.notices.info(format!(
                    "Changed {}'s mark; it stays theirs, and the change is recorded as yours ({}).",
                    question.owner, self.coder
                ));
            }
            OthersMarkChoice::Cancel => {}
        }
    }

    /// Removes a mark; another coder's is said to be theirs (and how to have it back).
    pub(super) fn remove_mark(&mut self, id: String) {
        let owner = self
            .comparison()
            .mark(&id)
            .filter(|m| m.is_by_other(&self.coder))
            .map(|m| m.coder.trim().to_owned());
        self.apply(Some(Edit::RemoveMark(id)), None);
        if let Some(owner) = owner {
            self.notices
                .info(format!("Removed {owner}'s mark (Ctrl+Z brings it back)."));
        }
    }

    /// The marks on the selected demands, the one the details pane shows first.
    pub(super) fn marks_on_selection(&self) -> Vec<crate::model::MarkId> {
        let cmp = self.open.doc.comparison();
        let mut ids: Vec<crate::model::MarkId> = cmp
            .mark_for_selection_by(&self.shown.selection, &self.coder)
            .map(|m| m.id.clone())
            .into_iter()
            .collect();
        for ix in &self.shown.selection {
            for id in cmp.marks_on(*ix) {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        ids
    }
}
