//! The selected demands' mark in the details pane: its status, whose it is,
//! its note (typed in place) and its record; or the statuses to give it.

use egui::{RichText, Ui};

use super::theme;
use crate::gui::action::Action;
use crate::model::mark::local_time;
use crate::model::{Comparison, DemandIx, Mark, MarkId};

/// What the note editor is editing, kept between frames so typing is not lost.
#[derive(Default)]
pub struct NoteEditor {
    pub mark: Option<MarkId>,
    pub text: String,
    /// Another coder's mark the user chose to edit (otherwise theirs is read-only).
    pub unlocked: Option<MarkId>,
}

/// The selection's mark: its status, whose it is, its note and its record;
/// or, unmarked, the statuses to give it.
pub fn show(
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
            whose(ui, mark, coder, example, locked, actions);
            status_buttons(ui, cmp, Some(&mark.status), actions);
            note_editor(ui, mark, note, locked, actions);
            record(ui, cmp, mark, actions);
            if mark.demands.len() != count {
                own_mark_for_selection(ui, cmp, actions);
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

/// Whose mark it is, when it is not the coder's own to change: a teacher's
/// worked example, or another coder's mark (with the ways to take it on).
fn whose(ui: &mut Ui, mark: &Mark, coder: &str, example: bool, locked: bool, actions: &mut Vec<Action>) {
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
}

/// The mark's note, typed in place (read only when locked); a right-to-left
/// note is shown again as it reads.
fn note_editor(ui: &mut Ui, mark: &Mark, note: &mut NoteEditor, locked: bool, actions: &mut Vec<Action>) {
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
}

/// Who coded the mark, who changed it since, when, and its removal.
fn record(ui: &mut Ui, cmp: &Comparison, mark: &Mark, actions: &mut Vec<Action>) {
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
}

/// A mark of the selection's own, where the mark shown covers other demands.
fn own_mark_for_selection(ui: &mut Ui, cmp: &Comparison, actions: &mut Vec<Action>) {
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

pub(super) fn status_buttons(ui: &mut Ui, cmp: &Comparison, current: Option<&str>, actions: &mut Vec<Action>) {
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

/// A change someone other than a mark's coder made, as the details pane says it:
/// "Status changed by bob, 6 Dec 2026, 14:30 (was Disputed)".
fn change_in_words(cmp: &Comparison, change: &crate::model::MarkChange) -> String {
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
