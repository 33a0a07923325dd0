//! The details pane: the selected demands in full, their mark's status and note.

use egui::{RichText, Ui};

use super::demand_form::{self, DemandEditor};
use super::theme;
use crate::gui::action::Action;
use crate::gui::quotes::QuoteStatus;
use crate::model::mark::local_time;
use crate::model::{Comparison, DemandIx, MarkId};

/// What the note editor is editing, kept between frames so typing is not lost.
#[derive(Default)]
pub struct NoteEditor {
    pub mark: Option<MarkId>,
    pub text: String,
    /// Another coder's mark the user chose to edit (otherwise theirs is read-only).
    pub unlocked: Option<MarkId>,
}

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
            status_buttons(ui, cmp, None, actions);
        } else {
            let focus = cmp.mark_for_selection_by(selection, coder).map(|m| m.id.clone());
            mark_section(ui, cmp, selection, focus.as_deref(), note, coder, actions);
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

fn status_buttons(ui: &mut Ui, cmp: &Comparison, current: Option<&str>, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        for status in &cmp.codebook().statuses {
            let color = theme::status_color(status);
            let selected = current == Some(status.id.as_str());
            let key = status.key.as_ref().map_or(String::new(), |k| format!("{k} "));
            let text = RichText::new(format!("{key}{}", status.label))
                .color(if selected { theme::text_on(color) } else { color })
                .strong();
            let text = super::text::widget_text(ui, text, egui::TextStyle::Button);
            let button = egui::Button::new(text).selected(selected).fill(if selected {
                color
            } else {
                theme::tint(color, ui.visuals())
            });
            let mut response = ui.add(button);
            if let Some(description) = &status.description {
                response = response.on_hover_text(description);
            }
            if response.clicked() {
                actions.push(Action::ApplyStatus(status.id.clone()));
            }
        }
    });
}

fn mark_section(
    ui: &mut Ui,
    cmp: &Comparison,
    selection: &[DemandIx],
    focus: Option<&str>,
    note: &mut NoteEditor,
    coder: &str,
    actions: &mut Vec<Action>,
) {
    let count = selection.len();
    let sides: std::collections::BTreeSet<u32> = selection.iter().map(|ix| ix.side).collect();
    ui.heading(if count == 1 {
        "1 demand selected".to_owned()
    } else {
        format!("{count} demands selected")
    });
    match focus.and_then(|id| cmp.mark(id)) {
        Some(mark) => {
            let status = cmp.codebook().get(&mark.status);
            let label = status.map_or(mark.status.as_str(), |s| s.label.as_str());
            let covers = if mark.demands.len() == 1 {
                "this demand".to_owned()
            } else {
                format!("{} demands", mark.demands.len())
            };
            super::text::label(ui, &format!("Marked {label}, covering {covers}"), None);
            // Another coder's mark is theirs: read, not changed, unless the user says so.
            // A worked example of a hand-out is never changed by the student.
            let example = cmp.is_read_only_example(&mark.id);
            let locked = example || (mark.is_by_other(coder) && note.unlocked.as_ref() != Some(&mark.id));
            if example {
                let strong = ui.visuals().strong_text_color();
                super::text::label(
                    ui,
                    &format!(
                        "A worked example from your teacher ({}): read only. A status you give these demands is your own mark.",
                        mark.coder.trim()
                    ),
                    Some(strong),
                );
            } else if locked {
                let owner = mark.coder.trim();
                let strong = ui.visuals().strong_text_color();
                super::text::label(ui, &format!("{owner}'s mark. You are coding as {coder}."), Some(strong));
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("Make my own mark")
                        .on_hover_text(format!("A mark of yours on the same demands, with {owner}'s status to start from; {owner}'s stays as it is"))
                        .clicked()
                    {
                        actions.push(Action::OwnMark(mark.id.clone()));
                    }
                    if ui
                        .button(format!("Edit {owner}'s mark"))
                        .on_hover_text(format!(
                            "Change {owner}'s status and note yourself: the mark stays {owner}'s, and your change is recorded in it"
                        ))
                        .clicked()
                    {
                        actions.push(Action::UnlockMark(mark.id.clone()));
                    }
                });
            }
            status_buttons(ui, cmp, Some(&mark.status), actions);
            if note.mark.as_ref() != Some(&mark.id) {
                note.mark = Some(mark.id.clone());
                note.text = mark.note.clone();
            } else if !ui.memory(|m| m.has_focus(ui.scope_id().with("note"))) && note.text != mark.note {
                // Undo or redo changed the note while the editor was not in use.
                note.text = mark.note.clone();
            }
            ui.add_space(4.0);
            let note_label = ui.label("Note");
            let align = if super::text::starts_rtl(&note.text) {
                egui::Align2::RIGHT_TOP
            } else {
                egui::Align2::LEFT_TOP
            };
            let edit = egui::TextEdit::multiline(&mut note.text)
                .id(ui.scope_id().with("note"))
                .hint_text("Why this status? e.g. “30 days everywhere vs. 2–3 days in chosen sectors”")
                .desired_rows(4)
                .desired_width(f32::INFINITY)
                .align(align);
            let response = ui.add_enabled(!locked, edit).labelled_by(note_label.id);
            if super::text::has_rtl(&note.text) {
                // The editor keeps egui's left-to-right lines (so the cursor stays where
                // it types, and the note is saved in the order it was typed); this shows
                // how it reads.
                let weak = ui.visuals().weak_text_color();
                ui.label(RichText::new("Reads:").weak().small());
                super::text::label(ui, &note.text, Some(weak));
            }
            if response.changed() {
                actions.push(Action::SetNote {
                    mark: mark.id.clone(),
                    note: note.text.clone(),
                });
            }
            if response.lost_focus() {
                actions.push(Action::SealTyping);
            }
            let coder = if mark.coder.is_empty() {
                "Coder not recorded".to_owned()
            } else {
                format!("Coded by {}", mark.coder)
            };
            let weak = ui.visuals().weak_text_color();
            super::text::label(ui, &coder, Some(weak));
            for change in &mark.changes {
                super::text::label(ui, &change_in_words(cmp, change), Some(weak));
            }
            ui.label(
                RichText::new(format!(
                    "Created {} · changed {}",
                    local_time(&mark.created),
                    local_time(&mark.changed)
                ))
                .weak()
                .small(),
            )
            .on_hover_text(format!("Mark {}", mark.id));
            ui.horizontal(|ui| {
                if ui.button("Remove mark").on_hover_text("Delete").clicked() {
                    actions.push(Action::RemoveMark(mark.id.clone()));
                }
            });
            if mark.demands.len() != count {
                ui.add_space(4.0);
                ui.label("Or give the selection a mark of its own:");
                ui.horizontal_wrapped(|ui| {
                    for status in &cmp.codebook().statuses {
                        let label = super::text::widget_text(ui, &status.label, egui::TextStyle::Button);
                        if ui.small_button(label).clicked() {
                            actions.push(Action::NewMark(status.id.clone()));
                        }
                    }
                });
            }
        }
        None => {
            note.mark = None;
            let hint = if sides.len() > 1 {
                "Not marked together. Give them a status:"
            } else if count == 1 {
                "Not marked. Give it a status (e.g. Unaddressed by the other side):"
            } else {
                "Not marked together. Give them a status:"
            };
            ui.label(hint);
            status_buttons(ui, cmp, None, actions);
        }
    }
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
    // A hand-out's positions are the class's: every student codes the same ones.
    if cmp.handout().is_none() {
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

/// A change someone other than a mark's coder made, as the details pane says it:
/// "Status changed by bob, 6 Dec 2026, 14:30 (was Disputed)".
pub fn change_in_words(cmp: &Comparison, change: &crate::model::MarkChange) -> String {
    use crate::model::MarkField;
    let was = match change.field {
        MarkField::Status => format!(
            "was {}",
            cmp.codebook()
                .get(&change.was)
                .map_or(change.was.as_str(), |s| s.label.as_str())
        ),
        _ if change.was.trim().is_empty() => "was empty".to_owned(),
        _ => format!("was “{}”", crate::model::words::one_line(&change.was)),
    };
    let field = match change.field {
        MarkField::Status => "Status",
        MarkField::Note => "Note",
        MarkField::Demands => "Demands",
        MarkField::Coder => "Coder",
        MarkField::CodersSaid => "What the coders said",
        MarkField::Removed => "Mark",
    };
    format!(
        "{field} changed by {}, {} ({was})",
        change.by.trim(),
        local_time(&change.at)
    )
}
