//! The details pane: the selected demands in full, their mark's status and note.

use egui::{RichText, Ui};

use super::demand_form::{self, DemandEditor};
pub use super::mark_details::NoteEditor;
use super::theme;
use crate::gui::action::Action;
use crate::gui::quotes::QuoteStatus;
use crate::model::{Comparison, DemandIx, MarkId};

/// What the details pane is typing into, kept by the app between frames.
pub struct Editors<'a> {
    pub note: &'a mut NoteEditor,
    pub demand: &'a mut Option<DemandEditor>,
}

/// What the app worked out for the selection: its issue's values, its quotes traced.
pub struct Worked<'a> {
    pub issue_values: &'a [crate::model::values::ValueAxis],
    pub quotes: &'a [(DemandIx, QuoteStatus)],
}

pub fn show(
    ui: &mut Ui,
    cmp: &Comparison,
    selection: &[DemandIx],
    worked: Worked<'_>,
    editors: Editors<'_>,
    coder: &str,
    actions: &mut Vec<Action>,
) {
    let Editors { note, demand: editor } = editors;
    let Worked { issue_values, quotes } = worked;
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        match editor {
            Some(DemandEditor::Editing(form)) => return demand_form::show_form(ui, cmp, form, actions),
            Some(DemandEditor::Deleting(ix)) => return demand_form::show_deleting(ui, cmp, *ix, actions),
            None => {}
        }
        if selection.is_empty() {
            ui.heading("Details");
            ui.label("Click a demand to see it in full. Ctrl+click (or Shift+click) adds demands from either side to the selection.");
            ui.add_space(6.0);
            ui.label("Then give the selection a status with a key or a button:");
            super::mark_details::status_buttons(ui, cmp, None, actions);
        } else {
            let focus = cmp.mark_for_selection_by(selection, coder).map(|m| m.id.clone());
            super::mark_details::show(ui, cmp, selection, focus.as_deref(), note, coder, actions);
            ui.separator();
            for &ix in selection {
                let quote = quotes.iter().find(|(d, _)| *d == ix).map(|(_, q)| q);
                demand_details(ui, cmp, ix, quote, focus.as_deref(), actions);
                ui.separator();
            }
            values_section(ui, cmp, issue_values);
        }
        orphans(ui, cmp, actions);
    });
}

fn demand_details(
    ui: &mut Ui,
    cmp: &Comparison,
    ix: DemandIx,
    quote_status: Option<&QuoteStatus>,
    focus: Option<&str>,
    actions: &mut Vec<Action>,
) {
    let demand = cmp.demand(ix);
    let issue = cmp
        .issue_index(&demand.issue)
        .map_or(demand.issue.as_str(), |i| cmp.issues()[i].name.as_str());
    let strong = ui.visuals().strong_text_color();
    // The side and the issue on lines of their own: names in different scripts
    // would otherwise share one line and one direction.
    super::text::label(ui, &cmp.side_label(ix.side as usize), Some(strong));
    let weak = ui.visuals().weak_text_color();
    super::text::label(ui, issue, Some(weak));
    super::text::label(ui, &demand.text, None);
    fields(ui, cmp, ix, quote_status, actions);
    // A hand-out's positions are the class's: every student codes the same ones.
    if cmp.handout().is_none() {
        edit_buttons(ui, ix, actions);
    }
    other_marks(ui, cmp, ix, focus, actions);
}

/// A demand's fields under its text: priority, value, quote (traced), source,
/// note, tags and id.
fn fields(ui: &mut Ui, cmp: &Comparison, ix: DemandIx, quote_status: Option<&QuoteStatus>, actions: &mut Vec<Action>) {
    let demand = cmp.demand(ix);
    egui::Grid::new(("demand_grid", ix.side, ix.demand))
        .num_columns(2)
        .spacing([8.0, 3.0])
        .show(ui, |ui| {
            let row = |ui: &mut Ui, key: &str, value: RichText| {
                ui.label(RichText::new(key).weak());
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            };
            // User text, in visual order whatever its script.
            let text_row = |ui: &mut Ui, key: &str, value: &str| {
                ui.label(RichText::new(key).weak());
                super::text::label(ui, value, None);
                ui.end_row();
            };
            if let Some(priority) = demand.priority {
                let text = RichText::new(priority.label());
                row(
                    ui,
                    "Priority",
                    if priority == crate::model::Priority::Core {
                        text.color(theme::red_line(ui.visuals())).strong()
                    } else {
                        text
                    },
                );
            }
            if let Some(value) = &demand.value {
                row(ui, "Value", RichText::new(value.to_string()));
            }
            if let Some(quote) = &demand.quote {
                text_row(ui, "Quote", &format!("“{quote}”"));
                if let Some(status) = quote_status {
                    ui.label("");
                    ui.vertical(|ui| {
                        quote_traced(ui, status);
                        if ui
                            .small_button("Show in source")
                            .on_hover_text("Open the source beside the columns, at the quoted passage")
                            .clicked()
                        {
                            actions.push(Action::ShowSourceOf(ix));
                        }
                    });
                    ui.end_row();
                }
            }
            if let Some(title) = cmp.source_title(ix) {
                text_row(ui, "Source", title);
            }
            if let Some(note) = &demand.note {
                text_row(ui, "File note", note);
            }
            if !demand.tags.is_empty() {
                text_row(ui, "Tags", &demand.tags.join(", "));
            }
            row(ui, "Id", RichText::new(&demand.id).monospace());
        });
}

/// Edit, add after, delete: a demand's own buttons.
fn edit_buttons(ui: &mut Ui, ix: DemandIx, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Edit demand")
            .on_hover_text("Its text, issue, priority, value, quote, source, tags and note")
            .clicked()
        {
            actions.push(Action::EditDemand(ix));
        }
        if ui
            .button("Add demand")
            .on_hover_text("A new demand of this side, on this issue, after this one")
            .clicked()
        {
            actions.push(Action::AddDemandAfter(ix));
        }
        if ui.button("Delete demand").clicked() {
            actions.push(Action::AskDeleteDemand(ix));
        }
    });
}

/// The demand's other marks (beside the one shown above), each a link to it.
fn other_marks(ui: &mut Ui, cmp: &Comparison, ix: DemandIx, focus: Option<&str>, actions: &mut Vec<Action>) {
    let others: Vec<MarkId> = cmp
        .marks_on(ix)
        .iter()
        .filter(|id| Some(id.as_str()) != focus)
        .cloned()
        .collect();
    if !others.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Also marked").weak());
            for id in others {
                if let Some(mark) = cmp.mark(&id) {
                    let label = cmp
                        .codebook()
                        .get(&mark.status)
                        .map_or(mark.status.clone(), |s| s.label.clone());
                    let with = mark.demands.len().saturating_sub(1);
                    let text = match with {
                        0 => format!("{label} (this demand alone)"),
                        _ => format!(
                            "{label} (with {})",
                            crate::format::diagnostics::count(with, "other demand", "other demands")
                        ),
                    };
                    if ui
                        .link(super::text::widget_text(ui, text, egui::TextStyle::Body))
                        .clicked()
                    {
                        actions.push(Action::SelectMark(id.clone()));
                    }
                }
            }
        });
    }
}

/// Whether the quote stands in its source's text, as `stances check` says it.
fn quote_traced(ui: &mut Ui, status: &QuoteStatus) {
    match status {
        QuoteStatus::Found { verbatim, place, file } => {
            let how = if *verbatim {
                "word for word"
            } else {
                "once quotes, dashes and spaces are set aside"
            };
            ui.add(egui::Label::new(RichText::new(format!("✔ In its source, {how} ({place} of {file})"))).wrap());
        }
        QuoteStatus::NotFound {
            file,
            closest,
            differences,
        } => {
            let mut said = format!("⚠ Not in its source ({file})");
            if let Some(closest) = closest {
                said.push_str(&format!(". Closest: “{closest}”"));
            }
            if !differences.is_empty() {
                said.push_str(&format!(". {differences}"));
            }
            let color = ui.visuals().warn_fg_color;
            ui.add(egui::Label::new(RichText::new(said).color(color)).wrap());
        }
    }
}

fn orphans(ui: &mut Ui, cmp: &Comparison, actions: &mut Vec<Action>) {
    let orphans: Vec<_> = cmp.orphans().collect();
    if orphans.is_empty() {
        return;
    }
    ui.separator();
    ui.label(
        RichText::new(format!("Orphaned marks ({})", orphans.len()))
            .strong()
            .color(ui.visuals().warn_fg_color),
    );
    ui.label(
        RichText::new(
            "These marks name demands that no open position file holds any more. They are kept until you remove them.",
        )
        .weak(),
    );
    for mark in orphans {
        ui.horizontal_wrapped(|ui| {
            let names: Vec<String> = mark
                .demands
                .iter()
                .map(|r| format!("{}/{}/{}", r.document(), r.side(), r.demand()))
                .collect();
            let status = cmp
                .codebook()
                .get(&mark.status)
                .map_or(mark.status.as_str(), |s| s.label.as_str());
            super::text::label(ui, &format!("{status} · {}", names.join(", ")), None);
            if ui.small_button("Remove").clicked() {
                actions.push(Action::RemoveMark(mark.id.clone()));
            }
        });
        if !mark.note.is_empty() {
            let weak = ui.visuals().weak_text_color();
            super::text::label(ui, &mark.note, Some(weak));
        }
    }
}

/// How far apart the sides' values are on the selected demand's issue.
fn values_section(ui: &mut Ui, cmp: &Comparison, axes: &[crate::model::values::ValueAxis]) {
    for axis in axes {
        let issue = &cmp.issues()[axis.issue].name;
        ui.label(super::text::widget_text(
            ui,
            RichText::new(format!("Values on {issue} ({})", axis.unit)).strong(),
            egui::TextStyle::Body,
        ));
        super::values::axis(ui, cmp, axis, true);
        ui.separator();
    }
}
