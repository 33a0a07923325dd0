//! Positions edited in the window: the details pane's demand form turned into
//! changes through the one edit path, and the selection kept on the demand.

use super::StancesApp;
use super::command::Action;
use super::ui::demand_form::{DemandEditor, DemandForm, FormPlace};
use crate::model::position_edit::PositionChange;
use crate::model::{DemandRef, Edit};

impl StancesApp {
    /// Handles the actions of the demand form.
    pub(super) fn handle_positions(&mut self, action: Action) {
        match action {
            Action::EditDemand(ix) => {
                self.doc.seal();
                self.shown.demand_editor = Some(DemandEditor::Editing(Box::new(DemandForm::of(self.comparison(), ix))));
            }
            Action::AddDemandAfter(ix) => {
                self.doc.seal();
                self.shown.demand_editor = Some(DemandEditor::Editing(Box::new(DemandForm::new_after(
                    self.comparison(),
                    ix,
                ))));
            }
            Action::AskDeleteDemand(ix) => {
                if self.comparison().marks_on(ix).is_empty() {
                    let demand = self.comparison().demand_ref(ix);
                    self.delete_demand(&demand, false);
                } else {
                    self.shown.demand_editor = Some(DemandEditor::Deleting(ix));
                }
            }
            Action::SaveDemandForm => self.save_demand_form(),
            Action::CloseDemandForm => self.shown.demand_editor = None,
            Action::DeleteDemand { demand, remove_marks } => self.delete_demand(&demand, remove_marks),
            _ => {}
        }
    }

    fn save_demand_form(&mut self) {
        let Some(DemandEditor::Editing(form)) = &mut self.shown.demand_editor else {
            return;
        };
        let demand = match form.to_demand() {
            Ok(demand) => demand,
            Err(e) => {
                form.error = Some(e);
                return;
            }
        };
        let cmp = self.doc.comparison();
        let (change, document, side_id) = match form.place {
            FormPlace::Existing(ix) => {
                let (document, side, at) = cmp.demand_place(ix);
                (
                    PositionChange::ReplaceDemand {
                        side,
                        at,
                        demand: demand.clone(),
                    },
                    document,
                    cmp.side(ix.side as usize).id.clone(),
                )
            }
            FormPlace::After(ix) => {
                let (document, side, at) = cmp.demand_place(ix);
                (
                    PositionChange::InsertDemand {
                        side,
                        at: at + 1,
                        demand: demand.clone(),
                    },
                    document,
                    cmp.side(ix.side as usize).id.clone(),
                )
            }
        };
        let reference = DemandRef::new(cmp.documents()[document].id.clone(), side_id, demand.id.clone());
        self.doc.seal();
        match self.doc.apply(
            Edit::Positions {
                document,
                change: Box::new(change),
            },
            None,
        ) {
            Ok(()) => {
                self.doc.seal();
                self.shown.demand_editor = None;
                self.select_only(&reference);
            }
            Err(e) => form.error = Some(sentence(&e.0)),
        }
    }

    /// Deletes a demand (and the marks on it, when asked) as one undoable step.
    fn delete_demand(&mut self, demand: &DemandRef, remove_marks: bool) {
        self.shown.demand_editor = None;
        let cmp = self.comparison();
        let Some(ix) = cmp.resolve(demand) else {
            return;
        };
        let (document, side, at) = cmp.demand_place(ix);
        let mut edits: Vec<Edit> = if remove_marks {
            cmp.marks_on(ix).iter().map(|id| Edit::RemoveMark(id.clone())).collect()
        } else {
            Vec::new()
        };
        let marks = cmp.marks_on(ix).len();
        edits.push(Edit::Positions {
            document,
            change: Box::new(PositionChange::RemoveDemand { side, at }),
        });
        self.doc.seal();
        match self.doc.apply(Edit::Batch(edits), None) {
            Ok(()) => {
                self.doc.seal();
                let kept = if marks > 0 && !remove_marks {
                    format!(
                        " {} kept as orphaned.",
                        crate::format::diagnostics::count(marks, "mark on it is", "marks on it are")
                    )
                } else {
                    String::new()
                };
                self.notices
                    .info(format!("Demand deleted.{kept} Undo (Ctrl+Z) brings it back."));
                self.follow_layout_now();
            }
            Err(e) => self.notices.error(sentence(&e.0)),
        }
    }

    /// Selects one demand, after an edit that may have moved demands.
    fn select_only(&mut self, demand: &DemandRef) {
        self.follow_layout_now();
        if let Some(ix) = self.comparison().resolve(demand) {
            self.shown.selection = vec![ix];
            self.shown.columns.reveal(ix);
        }
    }

    fn follow_layout_now(&mut self) {
        let layout = self.comparison().layout_revision();
        self.shown.follow_layout(layout);
    }
}

/// A refusal from the model as a sentence: capitalised, with its full stop.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    let rest = chars.as_str();
    if rest.ends_with('.') {
        format!("{first}{rest}")
    } else {
        format!("{first}{rest}.")
    }
}
