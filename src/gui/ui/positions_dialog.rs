//! Edit › Sides, issues and sources…: a document's sides (name, who speaks for
//! it), issues (name, description) and sources (title, address, date, note),
//! each edited in place. A field's change is made when it loses focus (Tab or a
//! click elsewhere), each one an undoable edit; the buttons move, add and delete.

use std::collections::{HashMap, HashSet};

use egui::{Context, RichText, Ui};

use super::demand_form::{MarksChoice, marks_choice};
use crate::gui::action::Action;
use crate::import::cells::{slug, unique};
use crate::model::position::{Issue, Side, Source};
use crate::model::position_edit::PositionChange;
use crate::model::{Comparison, DemandIx};

/// Which field of which row a draft is.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
enum Field {
    SideName(usize),
    SideSpeaker(usize),
    IssueName(usize),
    IssueDescription(usize),
    SourceTitle(usize),
    SourceUrl(usize),
    SourceDate(usize),
    SourceNote(usize),
}

/// The dialog, while open.
#[derive(Default)]
pub struct PositionsDialog {
    pub open: bool,
    /// The comparison's document (round) edited.
    pub document: usize,
    /// What is being typed, until its field loses focus.
    drafts: HashMap<Field, String>,
    new_side: String,
    new_issue: String,
    /// A side whose deletion waits for what becomes of the marks on its demands.
    deleting_side: Option<usize>,
}

fn change(document: usize, change: PositionChange) -> Action {
    Action::ChangePositions {
        document,
        change: Box::new(change),
    }
}

impl PositionsDialog {
    pub fn show(&mut self, ctx: &Context, cmp: &Comparison, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        if cmp.documents().is_empty() {
            self.open = false;
            return;
        }
        self.document = self.document.min(cmp.documents().len() - 1);
        let mut open = self.open;
        egui::Window::new("Sides, issues and sources")
            .open(&mut open)
            .collapsible(false)
            .default_width(620.0)
            .max_height(ctx.content_rect().height() - 120.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                ui.label("Each change is made when its field loses focus (Tab), and Ctrl+Z takes it back.");
                self.round_choice(ui, cmp);
                egui::ScrollArea::vertical()
                    .max_height((ctx.content_rect().height() - 220.0).max(200.0))
                    .show(ui, |ui| {
                        self.sides(ui, cmp, actions);
                        ui.separator();
                        self.issues(ui, cmp, actions);
                        ui.separator();
                        self.sources(ui, cmp, actions);
                    });
            });
        self.open = open;
    }

    fn round_choice(&mut self, ui: &mut Ui, cmp: &Comparison) {
        if cmp.documents().len() < 2 {
            return;
        }
        let name = |i: usize| {
            let doc = &cmp.documents()[i];
            let talks = doc.data.negotiation.clone().unwrap_or_else(|| doc.id.clone());
            doc.data
                .round
                .as_ref()
                .map_or(talks.clone(), |r| format!("{talks} · {r}"))
        };
        ui.horizontal(|ui| {
            let label = ui.label("Round");
            egui::ComboBox::from_id_salt("positions_round")
                .selected_text(name(self.document))
                .show_ui(ui, |ui| {
                    for i in 0..cmp.documents().len() {
                        if ui.selectable_value(&mut self.document, i, name(i)).changed() {
                            self.drafts.clear();
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    /// A text field for `field`, showing `value` unless a draft is being typed;
    /// `Some(text)` when the typing is done and changed something.
    fn field(&mut self, ui: &mut Ui, field: Field, value: &str, label: &str, width: f32) -> Option<String> {
        let mut text = self.drafts.get(&field).cloned().unwrap_or_else(|| value.to_owned());
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(label)
                .desired_width(width),
        );
        let response = response.on_hover_text(label);
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::text_edit(true, value, &text, label);
            info.label = Some(label.to_owned());
            info
        });
        if response.changed() {
            self.drafts.insert(field, text.clone());
        }
        if response.lost_focus() {
            self.drafts.remove(&field);
            if text.trim() != value.trim() {
                return Some(text.trim().to_owned());
            }
        }
        None
    }

    fn sides(&mut self, ui: &mut Ui, cmp: &Comparison, actions: &mut Vec<Action>) {
        let document = self.document;
        let sides: Vec<Side> = cmp.documents()[document].data.sides.clone();
        ui.label(RichText::new("Sides").strong());
        for (at, side) in sides.iter().enumerate() {
            ui.horizontal(|ui| {
                let speaker = side.represented_by.clone().unwrap_or_default();
                if let Some(name) = self.field(
                    ui,
                    Field::SideName(at),
                    &side.name,
                    &format!("Name of side {}", at + 1),
                    170.0,
                ) {
                    actions.push(change(
                        document,
                        PositionChange::RenameSide {
                            at,
                            name,
                            represented_by: side.represented_by.clone(),
                        },
                    ));
                }
                if let Some(by) = self.field(
                    ui,
                    Field::SideSpeaker(at),
                    &speaker,
                    &format!("Who speaks for {}", side.name),
                    220.0,
                ) {
                    actions.push(change(
                        document,
                        PositionChange::RenameSide {
                            at,
                            name: side.name.clone(),
                            represented_by: (!by.is_empty()).then_some(by),
                        },
                    ));
                }
                move_buttons(ui, at, sides.len(), &side.name, |from, to| {
                    actions.push(change(document, PositionChange::MoveSide { from, to }));
                });
                if ui
                    .add_enabled(sides.len() > 1, egui::Button::new("Delete"))
                    .on_hover_text(format!("Delete {} and its demands", side.name))
                    .clicked()
                {
                    self.deleting_side = Some(at);
                }
            });
            if self.deleting_side == Some(at) {
                self.ask_delete_side(ui, cmp, at, side, actions);
            }
        }
        if let Some(name) = add_row(ui, &mut self.new_side, "New side", "Add side") {
            let mut taken: HashSet<String> = cmp
                .documents()
                .iter()
                .flat_map(|d| d.data.sides.iter().map(|s| s.id.clone()))
                .collect();
            let id = unique(slug(&name, "side", 30), &mut taken);
            actions.push(change(
                document,
                PositionChange::InsertSide {
                    at: sides.len(),
                    side: Side {
                        id,
                        name,
                        represented_by: None,
                        demands: Vec::new(),
                    },
                },
            ));
        }
    }

    fn ask_delete_side(&mut self, ui: &mut Ui, cmp: &Comparison, at: usize, side: &Side, actions: &mut Vec<Action>) {
        let marks = side_marks(cmp, self.document, at);
        ui.group(|ui| {
            ui.label(format!(
                "Delete {} and its {}? {}",
                side.name,
                crate::format::diagnostics::count(side.demands.len(), "demand", "demands"),
                if marks == 0 {
                    "No mark uses them.".to_owned()
                } else {
                    format!(
                        "{} on them: keep them as orphaned marks, or remove them too?",
                        crate::format::diagnostics::count(marks, "mark is", "marks are")
                    )
                }
            ));
            let delete = |remove_marks| Action::DeleteSide {
                document: self.document,
                at,
                remove_marks,
            };
            let Some(choice) = marks_choice(ui, marks) else {
                return;
            };
            match choice {
                MarksChoice::Keep => actions.push(delete(false)),
                MarksChoice::Remove => actions.push(delete(true)),
                MarksChoice::Cancel => {}
            }
            self.deleting_side = None;
        });
    }

    fn issues(&mut self, ui: &mut Ui, cmp: &Comparison, actions: &mut Vec<Action>) {
        let document = self.document;
        let data = &cmp.documents()[document].data;
        let issues: Vec<Issue> = data.issue_list();
        let used = |id: &str| {
            data.sides
                .iter()
                .flat_map(|s| &s.demands)
                .filter(|d| d.issue == id)
                .count()
        };
        ui.label(RichText::new("Issues").strong());
        for (at, issue) in issues.iter().enumerate() {
            ui.horizontal(|ui| {
                let description = issue.description.clone().unwrap_or_default();
                if let Some(name) = self.field(
                    ui,
                    Field::IssueName(at),
                    &issue.name,
                    &format!("Name of issue {}", at + 1),
                    170.0,
                ) {
                    actions.push(change(
                        document,
                        PositionChange::RenameIssue {
                            at,
                            name,
                            description: issue.description.clone(),
                        },
                    ));
                }
                if let Some(text) = self.field(
                    ui,
                    Field::IssueDescription(at),
                    &description,
                    &format!("What {} is about", issue.name),
                    220.0,
                ) {
                    actions.push(change(
                        document,
                        PositionChange::RenameIssue {
                            at,
                            name: issue.name.clone(),
                            description: (!text.is_empty()).then_some(text),
                        },
                    ));
                }
                move_buttons(ui, at, issues.len(), &issue.name, |from, to| {
                    actions.push(change(document, PositionChange::MoveIssue { from, to }));
                });
                let demands = used(&issue.id);
                let in_use = format!(
                    "{} on it: move or delete them first",
                    crate::format::diagnostics::count(demands, "demand is", "demands are")
                );
                if delete_button(ui, demands == 0, &issue.name, &in_use) {
                    actions.push(change(document, PositionChange::RemoveIssue { at }));
                }
            });
        }
        if let Some(name) = add_row(ui, &mut self.new_issue, "New issue", "Add issue") {
            let mut taken: HashSet<String> = issues.iter().map(|i| i.id.clone()).collect();
            let id = unique(slug(&name, "issue", 30), &mut taken);
            actions.push(change(
                document,
                PositionChange::InsertIssue {
                    at: issues.len(),
                    issue: Issue {
                        id,
                        name,
                        description: None,
                    },
                },
            ));
        }
    }

    fn sources(&mut self, ui: &mut Ui, cmp: &Comparison, actions: &mut Vec<Action>) {
        let document = self.document;
        let data = &cmp.documents()[document].data;
        let sources: Vec<Source> = data.sources.clone();
        ui.label(RichText::new("Sources").strong());
        for (at, source) in sources.iter().enumerate() {
            let used = data
                .sides
                .iter()
                .flat_map(|s| &s.demands)
                .filter(|d| d.source.as_deref() == Some(source.id.as_str()))
                .count();
            ui.horizontal_wrapped(|ui| self.source_row(ui, cmp, at, source, used, actions));
        }
        if ui
            .button("Add source…")
            .on_hover_text("Read a document (PDF, DOCX, ODT, HTML, text) into a new source")
            .clicked()
        {
            actions.push(Action::Run(crate::gui::command::Command::AddSource));
        }
    }

    /// One source's fields, Show (its text in the source pane) and Delete.
    fn source_row(
        &mut self,
        ui: &mut Ui,
        cmp: &Comparison,
        at: usize,
        source: &Source,
        used: usize,
        actions: &mut Vec<Action>,
    ) {
        let document = self.document;
        let replace = |s: Source| change(document, PositionChange::ReplaceSource { at, source: s });
        if let Some(title) = self.field(
            ui,
            Field::SourceTitle(at),
            &source.title,
            &format!("Title of source {}", at + 1),
            220.0,
        ) {
            actions.push(replace(Source {
                title,
                ..source.clone()
            }));
        }
        // The optional fields: an emptied one is taken out of the file.
        let optional: [OptionalField<'_>; 3] = [
            (
                Field::SourceUrl(at),
                &source.url,
                format!("Address of {}", source.title),
                160.0,
                |s, v| s.url = v,
            ),
            (
                Field::SourceDate(at),
                &source.date,
                format!("Date of {}", source.title),
                90.0,
                |s, v| s.date = v,
            ),
            (
                Field::SourceNote(at),
                &source.note,
                format!("Note on {}", source.title),
                160.0,
                |s, v| s.note = v,
            ),
        ];
        for (field, value, label, width, set) in optional {
            let value = value.clone().unwrap_or_default();
            if let Some(text) = self.field(ui, field, &value, &label, width) {
                let mut changed = source.clone();
                set(&mut changed, (!text.is_empty()).then_some(text));
                actions.push(replace(changed));
            }
        }
        if ui
            .button("Show")
            .on_hover_text("Open its text in the source pane")
            .clicked()
        {
            actions.push(Action::ShowSource {
                document: cmp.documents()[document].id.clone(),
                source: source.id.clone(),
                at: None,
            });
        }
        let in_use = format!(
            "{} it: change their source first",
            crate::format::diagnostics::count(used, "demand names", "demands name")
        );
        if delete_button(ui, used == 0, &source.title, &in_use) {
            actions.push(change(document, PositionChange::RemoveSource { at }));
        }
    }
}

/// An optional field of a source: which field, its value, its label, its
/// width, and how a new value is put in the source.
type OptionalField<'s> = (Field, &'s Option<String>, String, f32, fn(&mut Source, Option<String>));

/// A Delete button, enabled only when nothing uses the item: hovering it says
/// what it deletes, or (disabled) what uses it. Whether it was clicked.
fn delete_button(ui: &mut Ui, free: bool, name: &str, in_use: &str) -> bool {
    let delete = ui.add_enabled(free, egui::Button::new("Delete"));
    let delete = if free {
        delete.on_hover_text(format!("Delete {name}"))
    } else {
        delete.on_disabled_hover_text(in_use)
    };
    delete.clicked()
}

/// The row that adds a side or an issue: its name typed, then the button; the
/// name (trimmed) when the button is clicked, and the field emptied.
fn add_row(ui: &mut Ui, name: &mut String, label: &str, button: &str) -> Option<String> {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(name)
                .hint_text("its name")
                .desired_width(170.0),
        )
        .labelled_by(label.id);
        let add = ui.add_enabled(!name.trim().is_empty(), egui::Button::new(button));
        add.clicked().then(|| std::mem::take(name).trim().to_owned())
    })
    .inner
}

/// ↑ and ↓ for row `at` of `count`.
fn move_buttons(ui: &mut Ui, at: usize, count: usize, name: &str, mut moved: impl FnMut(usize, usize)) {
    let up = ui.add_enabled(at > 0, egui::Button::new("↑"));
    up.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, at > 0, format!("Move {name} up")));
    if up.clicked() {
        moved(at, at - 1);
    }
    let down = ui.add_enabled(at + 1 < count, egui::Button::new("↓"));
    down.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, at + 1 < count, format!("Move {name} down")));
    if down.clicked() {
        moved(at, at + 1);
    }
}

/// The marks on the demands of side `at` of document `document` (a mark on two
/// of its demands counted once).
pub fn side_marks(cmp: &Comparison, document: usize, at: usize) -> usize {
    side_mark_ids(cmp, document, at).len()
}

/// The ids of the marks on the demands of side `at` of document `document`.
pub fn side_mark_ids(cmp: &Comparison, document: usize, at: usize) -> std::collections::BTreeSet<crate::model::MarkId> {
    (0..cmp.side_count())
        .filter(|&s| cmp.side_place(s) == (document, at))
        .flat_map(|s| {
            (0..cmp.side(s).demands.len()).map(move |d| DemandIx {
                side: u32::try_from(s).unwrap_or(u32::MAX),
                demand: u32::try_from(d).unwrap_or(u32::MAX),
            })
        })
        .flat_map(|ix| cmp.marks_on(ix).iter().cloned())
        .collect()
}
