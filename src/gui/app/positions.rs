//! Positions edited in the window: the details pane's demand form turned into
//! changes through the one edit path, and the selection kept on the demand.

use super::StancesApp;
use crate::format::comparison_file::with_extension_unless;
use crate::gui::action::Action;
use crate::gui::ui::demand_form::{DemandEditor, DemandForm, FormPlace};
use crate::gui::ui::file_dialogs::FileAction;
use crate::io;
use crate::model::position_edit::PositionChange;
use crate::model::{DemandRef, Edit, MarkId};

impl StancesApp {
    /// Handles the actions of the demand form.
    pub(super) fn handle_positions(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::EditDemand(ix) => {
                self.open.doc.seal();
                self.shown.demand_editor = Some(DemandEditor::Editing(Box::new(DemandForm::of(self.comparison(), ix))));
            }
            Action::AddDemandAfter(ix) => {
                self.open.doc.seal();
                self.shown.demand_editor = Some(DemandEditor::Editing(Box::new(DemandForm::new_after(
                    self.comparison(),
                    ix,
                ))));
            }
            Action::AddDemandOn { side, issue } => {
                self.open.doc.seal();
                self.shown.details = true;
                self.shown.demand_editor = Some(DemandEditor::Editing(Box::new(DemandForm::new_on(
                    self.comparison(),
                    side,
                    issue,
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
            Action::NewNegotiation(file) => self.guard(ctx, super::flow::Pending::NewNegotiation(file)),
            Action::SaveDemandForm => self.save_demand_form(),
            Action::CloseDemandForm => self.shown.demand_editor = None,
            Action::DeleteDemand { demand, remove_marks } => self.delete_demand(&demand, remove_marks),
            Action::ChangePositions { document, change } => self.change_positions(document, *change),
            Action::DeleteSide {
                document,
                at,
                remove_marks,
            } => self.delete_side(document, at, remove_marks),
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
        let cmp = self.open.doc.comparison();
        let side_ix = form.place.side();
        let (change, document) = match form.place {
            FormPlace::Existing(ix) => {
                let (document, side, at) = cmp.demand_place(ix);
                (
                    PositionChange::ReplaceDemand {
                        side,
                        at,
                        demand: demand.clone(),
                    },
                    document,
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
                )
            }
            FormPlace::On { side, .. } => {
                let (document, side_in_doc) = cmp.side_place(side);
                let at = cmp.side(side).demands.len();
                (
                    PositionChange::InsertDemand {
                        side: side_in_doc,
                        at,
                        demand: demand.clone(),
                    },
                    document,
                )
            }
        };
        let side_id = cmp.side(side_ix).id.clone();
        let reference = DemandRef::new(cmp.documents()[document].id.clone(), side_id, demand.id.clone());
        let edit = Edit::Positions {
            document,
            change: Box::new(change),
        };
        match self.apply_step(edit) {
            Ok(()) => {
                self.shown.demand_editor = None;
                self.select_only(&reference);
            }
            Err(e) => {
                if let Some(DemandEditor::Editing(form)) = &mut self.shown.demand_editor {
                    form.error = Some(e);
                }
            }
        }
    }

    /// `edit` as one undoable step of its own (sealed before and after), or the
    /// model's refusal as a sentence.
    pub(super) fn apply_step(&mut self, edit: Edit) -> Result<(), String> {
        self.open.doc.seal();
        let applied = self.open.doc.apply(edit, None).map_err(|e| sentence(&e.0));
        self.open.doc.seal();
        applied
    }

    /// One change to a document's sides, issues or sources, as one undoable step;
    /// a refusal is said. A file whose issues are formed by its demands has them
    /// written out first, in the same step.
    fn change_positions(&mut self, document: usize, change: PositionChange) {
        if self.comparison().handout().is_some() {
            self.notices
                .info("A hand-out's positions are the class's: a student codes them and cannot change them.");
            return;
        }
        let issue_change = matches!(
            change,
            PositionChange::InsertIssue { .. }
                | PositionChange::RemoveIssue { .. }
                | PositionChange::RenameIssue { .. }
                | PositionChange::MoveIssue { .. }
        );
        let unlisted = self
            .comparison()
            .documents()
            .get(document)
            .is_some_and(|d| d.data.issues.is_empty());
        let edit = |change| Edit::Positions {
            document,
            change: Box::new(change),
        };
        let edit = if issue_change && unlisted {
            Edit::Batch(vec![edit(PositionChange::ListIssues), edit(change)])
        } else {
            edit(change)
        };
        match self.apply_step(edit) {
            Ok(()) => self.follow_layout_now(),
            Err(e) => self.notices.error(e),
        }
    }

    /// Moves the one selected demand past the next demand of its side on the same
    /// issue (Alt+↑, Alt+↓), as one undoable step; the selection stays on it.
    pub(super) fn move_selected_demand(&mut self, down: bool) {
        let [ix] = self.shown.selection[..] else {
            self.notices.info("Select one demand to move it (Alt+↑ or Alt+↓).");
            return;
        };
        let cmp = self.comparison();
        if cmp.handout().is_some() {
            self.notices
                .info("A hand-out's positions are the class's: a student codes them and cannot change them.");
            return;
        }
        let (document, side, at) = cmp.demand_place(ix);
        let demands = &cmp.documents()[document].data.sides[side].demands;
        let issue = &demands[at].issue;
        let target = if down {
            (at + 1..demands.len()).find(|&j| &demands[j].issue == issue)
        } else {
            (0..at).rev().find(|&j| &demands[j].issue == issue)
        };
        let Some(to) = target else {
            let side_name = cmp.side(ix.side as usize).name.clone();
            self.notices.info(format!(
                "It is the {} of {side_name}'s demands on this issue.",
                if down { "last" } else { "first" }
            ));
            return;
        };
        let reference = cmp.demand_ref(ix);
        self.change_positions(document, PositionChange::MoveDemand { side, from: at, to });
        self.select_only(&reference);
    }

    /// Deletes a side with its demands (and the marks on them, when asked) as one undoable step.
    fn delete_side(&mut self, document: usize, at: usize, remove_marks: bool) {
        let marks = crate::gui::ui::positions_dialog::side_mark_ids(self.comparison(), document, at);
        let removal = Edit::Positions {
            document,
            change: Box::new(PositionChange::RemoveSide { at }),
        };
        self.delete_with_marks("Side", marks.into_iter().collect(), remove_marks, removal);
    }

    /// Removes a demand or a side (`removal`) with the marks on it when asked, else
    /// keeping them as orphans, as one undoable step; says which, and how to undo.
    fn delete_with_marks(&mut self, what: &str, marks: Vec<MarkId>, remove_marks: bool, removal: Edit) {
        let count = marks.len();
        let mut edits: Vec<Edit> = if remove_marks {
            marks.into_iter().map(Edit::RemoveMark).collect()
        } else {
            Vec::new()
        };
        edits.push(removal);
        match self.apply_step(Edit::Batch(edits)) {
            Ok(()) => {
                self.follow_layout_now();
                let kept = if count > 0 && !remove_marks {
                    format!(
                        " {} kept as orphaned.",
                        crate::format::diagnostics::count(count, "mark on it is", "marks on it are")
                    )
                } else {
                    String::new()
                };
                self.notices
                    .info(format!("{what} deleted.{kept} Undo (Ctrl+Z) brings it back."));
            }
            Err(e) => self.notices.error(e),
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
        let marks = cmp.marks_on(ix).to_vec();
        let removal = Edit::Positions {
            document,
            change: Box::new(PositionChange::RemoveDemand { side, at }),
        };
        self.delete_with_marks("Demand", marks, remove_marks, removal);
    }

    /// Asks where to write the positions of document `document` (then of the next).
    pub(super) fn request_save_positions(&mut self, ctx: &egui::Context, document: usize) {
        let cmp = self.comparison();
        let Some(doc) = cmp.documents().get(document) else {
            return;
        };
        let suggested = self.suggested_dir().join(format!("{}.ron", file_stem_for(&doc.id)));
        self.dialogs
            .files
            .request(ctx, FileAction::SaveDocumentPositions(document), Some(suggested));
    }

    /// Writes a document's positions as a position file that `stances check`
    /// accepts, then asks for the next document's.
    pub(super) fn save_document_positions(&mut self, ctx: &egui::Context, document: usize, path: &std::path::Path) {
        let path = with_extension_unless(path, "ron", "ron");
        let shown = io::display_path(&path);
        let cmp = self.comparison();
        let Some(doc) = cmp.documents().get(document) else {
            return;
        };
        let heading = format!(
            "// Positions written by Stances {} from the comparison {}.\n// `stances check` checks this file; any text editor edits it.",
            env!("CARGO_PKG_VERSION"),
            self.path().map_or_else(|| "not saved yet".to_owned(), io::display_path)
        );
        let written = crate::format::position_file::to_ron(&doc.data, &shown, &heading)
            .and_then(|text| io::write_atomically(&path, text.as_bytes()));
        match written {
            Ok(()) => {
                self.remember_recent(&path);
                self.notices.info(format!(
                    "Saved the positions to {shown}: a position file, that `stances check` checks and any comparison can add."
                ));
                if document + 1 < self.comparison().documents().len() {
                    self.request_save_positions(ctx, document + 1);
                }
            }
            Err(e) => self
                .notices
                .error(format!("{shown}: the positions were not saved: {e}")),
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

/// A document's id as a file name: what no file system takes is a hyphen.
fn file_stem_for(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim_matches(['.', ' ']);
    if stem.is_empty() {
        "positions".to_owned()
    } else {
        stem.to_owned()
    }
}
