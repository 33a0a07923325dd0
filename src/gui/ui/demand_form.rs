//! The details pane's form for a demand's words: edit one, add one, or confirm
//! deleting one that marks use. It only gathers what the user typed; the change
//! goes through the one edit path (an [`Action`]), which checks it.

use egui::{RichText, Ui};

use crate::gui::action::Action;
use crate::model::{Comparison, Demand, DemandIx, Priority, SideIx, Value};

/// What the details pane is doing to a demand's positions.
pub enum DemandEditor {
    /// The form, filled with a demand's fields (or empty, for a new demand).
    Editing(Box<DemandForm>),
    /// Asking what becomes of the marks on a demand being deleted.
    Deleting(DemandIx),
}

/// Where the form's demand goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormPlace {
    /// This demand, changed.
    Existing(DemandIx),
    /// A new demand of the same side, after this one.
    After(DemandIx),
    /// A new demand of this side on this issue (of the comparison's issues), last in the side.
    On { side: SideIx, issue: usize },
}

impl FormPlace {
    pub fn side(self) -> SideIx {
        match self {
            Self::Existing(ix) | Self::After(ix) => ix.side as usize,
            Self::On { side, .. } => side,
        }
    }
}

/// A demand as fields being typed.
pub struct DemandForm {
    pub place: FormPlace,
    pub id: String,
    pub text: String,
    pub issue: String,
    pub priority: Option<Priority>,
    pub min: String,
    pub max: String,
    pub unit: String,
    pub quote: String,
    pub source: Option<String>,
    pub tags: String,
    pub note: String,
    /// Why the last "Save" was refused, shown above the buttons.
    pub error: Option<String>,
}

impl DemandForm {
    /// The form of a demand as it is.
    pub fn of(cmp: &Comparison, ix: DemandIx) -> Self {
        let demand = cmp.demand(ix);
        let number = |x: Option<f64>| x.map_or(String::new(), |x| x.to_string());
        Self {
            place: FormPlace::Existing(ix),
            id: demand.id.clone(),
            text: demand.text.clone(),
            issue: demand.issue.clone(),
            priority: demand.priority,
            min: number(demand.value.as_ref().and_then(|v| v.min)),
            max: number(demand.value.as_ref().and_then(|v| v.max)),
            unit: demand.value.as_ref().map_or(String::new(), |v| v.unit.clone()),
            quote: demand.quote.clone().unwrap_or_default(),
            source: demand.source.clone(),
            tags: demand.tags.join(", "),
            note: demand.note.clone().unwrap_or_default(),
            error: None,
        }
    }

    /// An empty form for a new demand of `after`'s side, on its issue.
    pub fn new_after(cmp: &Comparison, after: DemandIx) -> Self {
        let issue = cmp.demand(after).issue.clone();
        Self::new_in(cmp, after.side as usize, issue, FormPlace::After(after))
    }

    /// An empty form for a new demand of `side` on the comparison's issue `issue`.
    pub fn new_on(cmp: &Comparison, side: SideIx, issue: usize) -> Self {
        let id = cmp.issues().get(issue).map_or_else(String::new, |i| i.id.clone());
        Self::new_in(cmp, side, id, FormPlace::On { side, issue })
    }

    /// An empty form with an id no demand of the side's document has.
    fn new_in(cmp: &Comparison, side: SideIx, issue: String, place: FormPlace) -> Self {
        let of_side = cmp.side(side);
        let document = cmp.side_document(side);
        let taken = |id: &str| document.data.sides.iter().flat_map(|s| &s.demands).any(|d| d.id == id);
        let id = (of_side.demands.len() + 1..)
            .map(|n| format!("{}-{n}", of_side.id))
            .find(|id| !taken(id))
            .unwrap_or_default();
        Self {
            place,
            id,
            text: String::new(),
            issue,
            priority: None,
            min: String::new(),
            max: String::new(),
            unit: String::new(),
            quote: String::new(),
            source: None,
            tags: String::new(),
            note: String::new(),
            error: None,
        }
    }

    /// The demand the fields say, or what to write instead.
    pub fn to_demand(&self) -> Result<Demand, String> {
        let number = |field: &str, what: &str| -> Result<Option<f64>, String> {
            let field = field.trim().replace(['\u{a0}', ' ', '\u{202f}'], "");
            if field.is_empty() {
                return Ok(None);
            }
            field.parse::<f64>().map(Some).map_err(|_| {
                format!("The {what} number `{field}` is not a number: write it with a point, like 2.5 or 12000.")
            })
        };
        let min = number(&self.min, "lowest")?;
        let max = number(&self.max, "highest")?;
        let unit = self.unit.trim();
        let value = match (min, max) {
            (None, None) if unit.is_empty() => None,
            (None, None) => return Err("A value needs a lowest or a highest number; or clear its unit.".into()),
            _ if unit.is_empty() => return Err("A value needs a unit: days, km, troops, EUR…".into()),
            _ => Some(Value {
                min,
                max,
                unit: unit.to_owned(),
            }),
        };
        let optional = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        Ok(Demand {
            id: self.id.clone(),
            issue: self.issue.clone(),
            text: self.text.trim().to_owned(),
            priority: self.priority,
            // A quote is kept as typed: it must stand verbatim in its source.
            quote: (!self.quote.trim().is_empty()).then(|| self.quote.clone()),
            source: self.source.clone(),
            value,
            tags: self
                .tags
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            note: optional(&self.note),
        })
    }
}

/// The form, in the details pane.
pub fn show_form(ui: &mut Ui, cmp: &Comparison, form: &mut DemandForm, actions: &mut Vec<Action>) {
    let side = form.place.side();
    ui.heading(match form.place {
        FormPlace::Existing(_) => "Edit demand",
        FormPlace::After(_) | FormPlace::On { .. } => "New demand",
    });
    super::text::label(ui, &cmp.side_label(side), Some(ui.visuals().strong_text_color()));
    let document = &cmp.side_document(side).data;
    let wide = ui.available_width();
    let field = |ui: &mut Ui, label: &str, text: &mut String, lines: usize| {
        let name = ui.label(RichText::new(label).weak());
        let edit = egui::TextEdit::multiline(text).desired_rows(lines).desired_width(wide);
        let edit = if lines == 1 { edit.return_key(None) } else { edit };
        ui.add(edit).labelled_by(name.id);
    };
    field(ui, "Text", &mut form.text, 3);
    issue_choice(ui, document, &mut form.issue, wide);
    priority_choice(ui, &mut form.priority);
    ui.label(RichText::new("Value: lowest, highest, unit").weak());
    ui.horizontal(|ui| {
        let small = |ui: &mut Ui, text: &mut String, hint: &str, width: f32| {
            ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(width))
                .on_hover_text(hint);
        };
        small(ui, &mut form.min, "lowest", 64.0);
        small(ui, &mut form.max, "highest", 64.0);
        small(ui, &mut form.unit, "unit", 80.0);
    });
    field(ui, "Quote (verbatim from the source)", &mut form.quote, 2);
    source_choice(ui, document, &mut form.source, wide);
    field(ui, "Tags (separated by commas)", &mut form.tags, 1);
    field(ui, "File note", &mut form.note, 2);
    if let Some(error) = &form.error {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
    }
    ui.horizontal(|ui| {
        let save = ui
            .button(RichText::new("Save changes").strong())
            .on_hover_text("Ctrl+Enter. Undo (Ctrl+Z) takes the change back.");
        if save.clicked() || ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter)) {
            actions.push(Action::SaveDemandForm);
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDemandForm);
        }
    });
}

/// The demand's issue, one of the file's.
fn issue_choice(ui: &mut Ui, document: &crate::model::PositionFile, issue: &mut String, wide: f32) {
    let issues = document.issue_list();
    let issue_name = issues
        .iter()
        .find(|i| i.id == *issue)
        .map_or(issue.clone(), |i| i.name.clone());
    let name = ui.label(RichText::new("Issue").weak());
    egui::ComboBox::from_id_salt("form issue")
        .selected_text(issue_name)
        .width(wide.min(280.0))
        .show_ui(ui, |ui| {
            for listed in &issues {
                ui.selectable_value(issue, listed.id.clone(), &listed.name);
            }
        })
        .response
        .labelled_by(name.id);
}

fn priority_choice(ui: &mut Ui, priority: &mut Option<Priority>) {
    let name = ui.label(RichText::new("Priority").weak());
    egui::ComboBox::from_id_salt("form priority")
        .selected_text(priority.map_or("None given", |p| p.label()))
        .show_ui(ui, |ui| {
            ui.selectable_value(priority, None, "None given");
            for p in Priority::ALL {
                ui.selectable_value(priority, Some(p), p.label());
            }
        })
        .response
        .labelled_by(name.id);
}

/// The demand's source, one of the file's, or none.
fn source_choice(ui: &mut Ui, document: &crate::model::PositionFile, source: &mut Option<String>, wide: f32) {
    let name = ui.label(RichText::new("Source").weak());
    let source_title = |id: &Option<String>| {
        id.as_ref().map_or("None".to_owned(), |id| {
            document
                .sources
                .iter()
                .find(|s| &s.id == id)
                .map_or(id.clone(), |s| s.title.clone())
        })
    };
    egui::ComboBox::from_id_salt("form source")
        .selected_text(source_title(source))
        .width(wide.min(280.0))
        .show_ui(ui, |ui| {
            ui.selectable_value(source, None, "None");
            for listed in &document.sources {
                ui.selectable_value(source, Some(listed.id.clone()), &listed.title);
            }
        })
        .response
        .labelled_by(name.id);
}

/// The question asked before deleting a demand that marks use.
pub fn show_deleting(ui: &mut Ui, cmp: &Comparison, ix: DemandIx, actions: &mut Vec<Action>) {
    let marks = cmp.marks_on(ix).len();
    ui.heading("Delete demand");
    super::text::label(ui, &cmp.demand(ix).text, None);
    ui.label(format!(
        "{} this demand. What becomes of {}?",
        crate::format::diagnostics::count(marks, "mark uses", "marks use"),
        if marks == 1 { "it" } else { "them" }
    ));
    match marks_choice(ui, marks) {
        Some(MarksChoice::Keep) => actions.push(Action::DeleteDemand {
            demand: cmp.demand_ref(ix),
            remove_marks: false,
        }),
        Some(MarksChoice::Remove) => actions.push(Action::DeleteDemand {
            demand: cmp.demand_ref(ix),
            remove_marks: true,
        }),
        Some(MarksChoice::Cancel) => actions.push(Action::CloseDemandForm),
        None => {}
    }
}

/// What becomes of the marks on what is being deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarksChoice {
    /// Kept, as orphaned marks.
    Keep,
    Remove,
    /// Nothing is deleted.
    Cancel,
}

/// The buttons asking what becomes of `marks` marks on what is deleted (with no
/// mark, a plain Delete, taken as Keep); the one clicked, if any.
pub fn marks_choice(ui: &mut Ui, marks: usize) -> Option<MarksChoice> {
    let mut choice = None;
    ui.horizontal_wrapped(|ui| {
        if marks == 0 {
            if ui.button("Delete").clicked() {
                choice = Some(MarksChoice::Keep);
            }
        } else {
            if ui
                .button("Keep as orphaned marks")
                .on_hover_text("The marks stay, listed under Orphaned marks, until you remove them")
                .clicked()
            {
                choice = Some(MarksChoice::Keep);
            }
            if ui
                .button(format!("Remove the {}", if marks == 1 { "mark" } else { "marks" }))
                .clicked()
            {
                choice = Some(MarksChoice::Remove);
            }
        }
        if ui.button("Cancel").clicked() {
            choice = Some(MarksChoice::Cancel);
        }
    });
    choice
}
