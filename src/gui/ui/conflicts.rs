//! The Conflicts view: what a merge of two people's work left for a person to
//! settle, one row per conflict with the base, ours and theirs side by side in
//! words (demands by their text, statuses in their colours, notes, who and when),
//! and the choices: take ours, take theirs, keep both, or keep it as edited.

use egui::{Color32, RichText, Ui};

use super::text;
use crate::gui::action::{Action, Settle};
use crate::model::Comparison;
use crate::model::codebook::Status;
use crate::model::conflict::{CodebookName, Conflict, MergeSides, Pick};
use crate::model::diff::position_changes;
use crate::model::mark::{Mark, local_time};
use crate::model::merge_document::{Place, Slot, slot};
use crate::model::position::PositionFile;
use crate::model::words::{coder_in_words, demands_in_words, one_line, short_id};

/// Lines of a document's changes shown per version; the rest are counted.
const DOCUMENT_LINES: usize = 8;

/// `finish`: the git command that finishes the merge once the file is added
/// (`git commit`, or `git rebase --continue` during a rebase).
pub fn show(ui: &mut Ui, cmp: &Comparison, finish: &str, actions: &mut Vec<Action>) {
    ui.add_space(4.0);
    let conflicts = cmp.conflicts();
    let sides = cmp.merge_sides().cloned().unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        ui.heading("Merge conflicts");
        let explained = if sides.rebase {
            "A rebase found these changed differently on the branch you are rebasing onto (ours) and in your own commit being replayed (theirs). For each, take ours, theirs, or keep both; every choice can be undone."
        } else {
            "A merge found these changed differently on both sides. For each, take ours (this branch), theirs (the branch merged in), or keep both; every choice can be undone."
        };
        ui.label(RichText::new(explained).weak());
    });
    ui.add_space(6.0);
    if conflicts.is_empty() {
        ui.label(RichText::new("✔ No merge conflict remains.").strong());
        ui.label(format!(
            "Save the comparison, then run `git add` on its file (and `{finish}`) to finish."
        ));
        return;
    }
    ui.label(format!(
        "{} to settle. The columns point out the demands of conflicting marks with ⚠.",
        crate::format::diagnostics::count(conflicts.len(), "conflict", "conflicts")
    ));
    ui.add_space(4.0);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for (index, conflict) in conflicts.iter().enumerate() {
            ui.push_id(index, |ui| row(ui, cmp, index, conflict, actions));
            ui.add_space(8.0);
        }
    });
}

fn title(conflict: &Conflict) -> String {
    let fields = conflict.fields();
    let what = if fields.iter().any(|f| f == "removed") {
        "removed on one side, changed on the other".to_owned()
    } else {
        format!("{} changed differently", fields.join(", "))
    };
    match conflict {
        Conflict::Mark { id, .. } => format!("Mark {}: {what}", short_id(id)),
        Conflict::Status { id, .. } => format!("Status “{id}”: {what}"),
        Conflict::Document { id, places, .. } if !places.is_empty() => format!(
            "Document “{id}”: {} changed differently",
            crate::format::diagnostics::count(places.len(), "place", "places")
        ),
        Conflict::Document { id, .. } => format!("Document “{id}”: {what}"),
        Conflict::Path { id, .. } => format!("Document “{id}”: where it was opened from changed differently"),
        Conflict::Rounds { old, new, .. } => {
            format!("Rounds {old} → {new}: a demand matched differently on each side")
        }
        Conflict::Handout { .. } => format!("The hand-out: {what}"),
        Conflict::Codebook { .. } => format!("The codebook: {what}"),
    }
}

fn row(ui: &mut Ui, cmp: &Comparison, index: usize, conflict: &Conflict, actions: &mut Vec<Action>) {
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(format!("⚠ {}", title(conflict))).strong().size(15.0));
        if let Some(mark) = conflict.marks().first() {
            text::label(ui, &demands_in_words(cmp, &mark.demands), None);
        }
        ui.add_space(4.0);
        let fields = conflict.fields();
        let sides = cmp.merge_sides().cloned().unwrap_or_default();
        if let Conflict::Document {
            places,
            base,
            ours: Some(ours),
            theirs: Some(theirs),
            ..
        } = conflict
            && !places.is_empty()
        {
            places_table(
                ui,
                index,
                places,
                [base.as_ref(), Some(ours), Some(theirs)],
                &sides,
                actions,
            );
            ui.add_space(4.0);
        } else {
            three_versions(ui, cmp, conflict, &fields, &sides);
        }
        buttons(ui, index, conflict, actions);
    });
}

/// A document's places in conflict, one row each: the field, its three
/// versions, and the choice for that place alone.
fn places_table(
    ui: &mut Ui,
    index: usize,
    places: &[Place],
    [base, ours, theirs]: [Option<&PositionFile>; 3],
    sides: &MergeSides,
    actions: &mut Vec<Action>,
) {
    let in_words = |data: Option<&PositionFile>, place: &Place| {
        data.map_or_else(|| "(not there yet)".to_owned(), |d| slot_in_words(&slot(d, place)))
    };
    // The three versions share the width the place and the buttons leave, so that
    // a demand's text reads on a few lines, not in a narrow strip.
    const WHERE: f32 = 200.0;
    const CHOICE: f32 = 130.0;
    let version_width = ((ui.available_width() - WHERE - CHOICE - 4.0 * 14.0) / 3.0).clamp(140.0, 440.0);
    let cell = |ui: &mut Ui, width: f32, text: RichText| {
        ui.scope(|ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(text).wrap());
        });
    };
    egui::Grid::new(("places", index))
        .striped(true)
        .spacing([14.0, 6.0])
        .show(ui, |ui| {
            for heading in [
                "Where".to_owned(),
                "Base (before both)".to_owned(),
                sides.ours_heading(),
                sides.theirs_heading(),
                String::new(),
            ] {
                ui.label(RichText::new(heading).weak());
            }
            ui.end_row();
            for (n, place) in places.iter().enumerate() {
                cell(ui, WHERE, RichText::new(place.to_string()));
                for (data, strong) in [(base, false), (ours, true), (theirs, true)] {
                    let text = in_words(data, place);
                    let text = if strong {
                        RichText::new(text).strong()
                    } else {
                        RichText::new(text)
                    };
                    cell(ui, version_width, text);
                }
                ui.horizontal(|ui| {
                    for (label, pick) in [("Ours", Pick::Ours), ("Theirs", Pick::Theirs)] {
                        if ui
                            .small_button(label)
                            .on_hover_text(format!("Settle {place} with {}'s version", pick.label()))
                            .clicked()
                        {
                            actions.push(Action::SettleConflict {
                                index,
                                how: Settle::TakePlace(n, pick),
                            });
                        }
                    }
                });
                ui.end_row();
            }
        });
}

/// A place's value as people read it.
fn slot_in_words(slot: &Slot) -> String {
    let or_none = |t: Option<String>| {
        t.filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "(none)".to_owned())
    };
    match slot {
        Slot::Format(n) => n.to_string(),
        Slot::Text(t) => or_none(t.as_deref().map(one_line)),
        Slot::Priority(p) => or_none(p.map(|p| p.name().to_owned())),
        Slot::Value(v) => or_none(v.as_ref().map(ToString::to_string)),
        Slot::Tags(tags) => or_none(Some(tags.join("; "))),
        Slot::Source(s) => s
            .as_ref()
            .map_or_else(|| "(removed)".to_owned(), |s| one_line(&s.title)),
        Slot::Issue(i) => i.as_ref().map_or_else(|| "(removed)".to_owned(), |i| one_line(&i.name)),
        Slot::Side(s) => s.as_ref().map_or_else(
            || "(removed)".to_owned(),
            |s| format!("{} ({} demands)", one_line(&s.name), s.demands.len()),
        ),
        Slot::Demand(d) => d.as_ref().map_or_else(|| "(removed)".to_owned(), |d| one_line(&d.text)),
    }
}

/// Base, ours and theirs side by side.
fn three_versions(ui: &mut Ui, cmp: &Comparison, conflict: &Conflict, fields: &[String], sides: &MergeSides) {
    ui.columns(3, |columns| {
        for (column, (heading, role)) in columns.iter_mut().zip([
            ("Base (before both)".to_owned(), None),
            (sides.ours_heading(), Some(Pick::Ours)),
            (sides.theirs_heading(), Some(Pick::Theirs)),
        ]) {
            // A gutter between the three versions, so their texts never run together.
            column.set_max_width(column.available_width() - 12.0);
            column.label(RichText::new(heading).weak());
            version(column, cmp, conflict, role, fields);
        }
    });
    ui.add_space(4.0);
}

/// The choices for a conflict as a whole.
fn buttons(ui: &mut Ui, index: usize, conflict: &Conflict, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let take = |pick: Pick| Action::SettleConflict {
            index,
            how: Settle::Take(pick),
        };
        if ui
            .button("Take ours")
            .on_hover_text("Keep this branch's version of what differs")
            .clicked()
        {
            actions.push(take(Pick::Ours));
        }
        if ui
            .button("Take theirs")
            .on_hover_text("Keep the merged-in branch's version of what differs")
            .clicked()
        {
            actions.push(take(Pick::Theirs));
        }
        if conflict.can_keep_both()
            && ui
                .button("Keep both")
                .on_hover_text("Two marks: ours as it is, theirs as a new mark")
                .clicked()
        {
            actions.push(Action::SettleConflict {
                index,
                how: Settle::KeepBoth,
            });
        }
        if matches!(conflict, Conflict::Mark { .. })
            && ui
                .button("Show in columns")
                .on_hover_text("Select the mark's demands in the columns, to edit it by hand")
                .clicked()
        {
            actions.push(Action::ShowConflict(index));
        }
        if ui
            .button("Settled as it is")
            .on_hover_text("Keep what the comparison holds now (after editing it by hand)")
            .clicked()
        {
            actions.push(Action::SettleConflict {
                index,
                how: Settle::AsIs,
            });
        }
    });
}

/// One version of the thing in conflict; `role` is `None` for the base.
fn version(ui: &mut Ui, cmp: &Comparison, conflict: &Conflict, role: Option<Pick>, fields: &[String]) {
    let missing = if role.is_none() { "(not there yet)" } else { "(removed)" };
    match conflict {
        Conflict::Mark { base, ours, theirs, .. } => match pick(role, base, ours, theirs) {
            Some(mark) => mark_version(ui, cmp, mark, role.and(base.as_ref()), fields),
            None => absent(ui, missing),
        },
        Conflict::Status { base, ours, theirs, .. } => match pick(role, base, ours, theirs) {
            Some(status) => status_version(ui, status, fields),
            None => absent(ui, missing),
        },
        Conflict::Document { base, ours, theirs, .. } => match pick(role, base, ours, theirs) {
            Some(data) => document_version(ui, role, base.as_ref(), [ours.as_ref(), theirs.as_ref()], data),
            None => absent(ui, missing),
        },
        Conflict::Codebook { base, ours, theirs, .. } => codebook_version(ui, pick(role, base, ours, theirs)),
        Conflict::Path { base, ours, theirs, .. } => {
            let path = pick(role, base, ours, theirs);
            if path.is_empty() {
                absent(ui, "(no path)");
            } else {
                text::label(ui, path, None);
            }
        }
        Conflict::Rounds { ours, theirs, .. } => match role {
            None => absent(ui, "(no such match)"),
            Some(side) => {
                for link in side.of(ours, theirs) {
                    ui.label(format!(
                        "{}/{} ↔ {}/{}",
                        link.old.side(),
                        link.old.demand(),
                        link.new.side(),
                        link.new.demand()
                    ));
                }
            }
        },
        Conflict::Handout { base, ours, theirs, .. } => match pick(role, base, ours, theirs) {
            Some(handout) if handout.instructions.trim().is_empty() => absent(ui, "(no instruction)"),
            Some(handout) => {
                text::label(ui, &handout.instructions, None);
            }
            None => absent(ui, missing),
        },
    }
}

/// The base's version (`role` none), ours or theirs.
fn pick<'a, T>(role: Option<Pick>, base: &'a T, ours: &'a T, theirs: &'a T) -> &'a T {
    match role {
        None => base,
        Some(Pick::Ours) => ours,
        Some(Pick::Theirs) => theirs,
    }
}

fn absent(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).italics().weak());
}

/// A field's text, strong where it is one the sides changed differently.
fn field_text(text: String, clash: bool) -> RichText {
    if clash {
        RichText::new(text).strong()
    } else {
        RichText::new(text)
    }
}

fn status_chip(ui: &mut Ui, cmp: &Comparison, id: &str) {
    match cmp.codebook().get(id) {
        Some(status) => super::overview::status_chip(ui, status),
        None => {
            ui.label(format!("{id} (not in the codebook)"));
        }
    }
}

/// A version of a mark; `base` is the base's version when this is a side's, to
/// tell who made the side's change (its coder, or someone who changed their mark).
fn mark_version(ui: &mut Ui, cmp: &Comparison, mark: &Mark, base: Option<&Mark>, fields: &[String]) {
    let clash = |f: &str| fields.iter().any(|x| x == f);
    status_chip(ui, cmp, &mark.status);
    if clash("demands") {
        ui.label(field_text(demands_in_words(cmp, &mark.demands), true));
    }
    if mark.note.trim().is_empty() {
        ui.label(RichText::new("no note").italics().weak());
    } else {
        ui.label(field_text(format!("Note: {}", one_line(&mark.note)), clash("note")));
    }
    let maker = crate::model::conflict::maker(base, mark);
    let by = if maker != mark.coder.trim() {
        format!(
            "{}'s mark, changed by {maker}, {}",
            coder_in_words(mark),
            local_time(&mark.changed)
        )
    } else {
        format!("by {}, {}", coder_in_words(mark), local_time(&mark.changed))
    };
    ui.label(field_text(by, clash("coder") || maker != mark.coder.trim()).weak());
}

fn status_version(ui: &mut Ui, status: &Status, fields: &[String]) {
    let clash = |f: &str| fields.iter().any(|x| x == f);
    super::overview::status_chip(ui, status);
    ui.label(field_text(format!("Colour {}", status.color), clash("color")));
    ui.label(field_text(
        format!("Key {}", status.key.as_deref().unwrap_or("(none)")),
        clash("key"),
    ));
    if let Some(description) = &status.description {
        ui.label(field_text(one_line(description), clash("description")));
    }
}

/// A document's version: its size, then each field either side changed (from
/// the base), as this version has it, so the three columns read across.
fn document_version(
    ui: &mut Ui,
    role: Option<Pick>,
    base: Option<&PositionFile>,
    sides: [Option<&PositionFile>; 2],
    data: &PositionFile,
) {
    ui.label(format!("{} sides, {} demands", data.sides.len(), data.demand_count()));
    let Some(base) = base else { return };
    // The fields changed on either side, in order, each once.
    let mut fields: Vec<(String, String)> = Vec::new();
    for side in sides.into_iter().flatten() {
        for change in position_changes(base, side) {
            if !fields.iter().any(|(f, _)| *f == change.field) {
                fields.push((change.field, change.old));
            }
        }
    }
    let mine = role.map(|_| position_changes(base, data)).unwrap_or_default();
    for (field, old) in fields.iter().take(DOCUMENT_LINES) {
        ui.label(RichText::new(field.as_str()).weak());
        let value = match role {
            None => old.clone(),
            Some(_) => mine
                .iter()
                .find(|c| c.field == *field)
                .map_or_else(|| old.clone(), |c| c.new.clone()),
        };
        let changed = mine.iter().any(|c| c.field == *field);
        if value.is_empty() {
            absent(ui, "(none)");
        } else {
            ui.label(field_text(value, changed));
        }
    }
    if fields.len() > DOCUMENT_LINES {
        ui.label(RichText::new(format!("and {} more changes", fields.len() - DOCUMENT_LINES)).weak());
    }
}

fn codebook_version(ui: &mut Ui, name: &CodebookName) {
    ui.label(format!("{} (id {})", name.name, name.id));
}

/// The mark of a warning, for the columns' cards.
pub fn warning_color(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}
