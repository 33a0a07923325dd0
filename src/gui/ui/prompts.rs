//! Questions the app must ask before going on: save before losing work, what to do
//! when the file on disk changed, whether to restore autosaved work.

use egui::{Context, Id};

/// What the user answered when unsaved changes were about to be lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}

/// Asks whether to save before `what` ("closing", "opening another comparison").
pub fn unsaved(ctx: &Context, what: &str) -> Option<UnsavedChoice> {
    let mut choice = None;
    let response = egui::Modal::new(Id::unique("unsaved_prompt")).show(ctx, |ui| {
        ui.set_width(440.0);
        ui.heading("Save changes to this comparison?");
        ui.label(format!(
            "Your marks and notes have unsaved changes. If you don't save before {what}, they are lost."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                choice = Some(UnsavedChoice::Save);
            }
            if ui.button("Don't save").clicked() {
                choice = Some(UnsavedChoice::Discard);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(UnsavedChoice::Cancel);
            }
        });
    });
    if response.should_close() && choice.is_none() {
        choice = Some(UnsavedChoice::Cancel);
    }
    choice
}

/// What to do when the file about to be saved over changed since Stances read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    /// A three-way merge: the version on disk, with the unsaved work merged in
    /// (the version Stances read or wrote last is their common base).
    MergeMine,
    Overwrite,
    SaveAs,
    OpenOther,
    Cancel,
}

/// `can_merge`: the version Stances read or wrote last is known, so the unsaved
/// work can be merged into the version on disk.
/// What to do when a save would replace another student's hand-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplaceChoice {
    SaveAs,
    Replace,
    Cancel,
}

/// Asks before a student's copy replaces the file of `theirs` (another student).
pub fn replace_student(ctx: &Context, shown_path: &str, theirs: &str, mine: &str) -> Option<ReplaceChoice> {
    let mut choice = None;
    let response = egui::Modal::new(Id::unique("replace_student_prompt")).show(ctx, |ui| {
        ui.set_width(500.0);
        ui.heading("Another student's file");
        ui.label(format!(
            "{shown_path} holds {theirs}'s work. Saving {mine}'s copy there would replace it."
        ));
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(egui::RichText::new("Save as another file…").strong())
                .on_hover_text("Keep both students' work")
                .clicked()
            {
                choice = Some(ReplaceChoice::SaveAs);
            }
            if ui.button(format!("Replace {theirs}'s file")).clicked() {
                choice = Some(ReplaceChoice::Replace);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(ReplaceChoice::Cancel);
            }
        });
    });
    if response.should_close() && choice.is_none() {
        choice = Some(ReplaceChoice::Cancel);
    }
    choice
}

pub fn conflict(ctx: &Context, shown_path: &str, can_merge: bool) -> Option<ConflictChoice> {
    let mut choice = None;
    let response = egui::Modal::new(Id::unique("conflict_prompt")).show(ctx, |ui| {
        ui.set_width(500.0);
        ui.heading("The file changed on disk");
        ui.label(format!(
            "{shown_path} was changed by someone or something else since Stances opened or last saved it \
             (another window, a git pull, a colleague on a shared drive). Saving now would replace their version."
        ));
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if can_merge
                && ui
                    .button(egui::RichText::new("Merge my work into their version").strong())
                    .on_hover_text(
                        "Their version, with your unsaved changes merged in by identity, field by field; what clashes is shown in the Conflicts view. Nothing is written until you save.",
                    )
                    .clicked()
            {
                choice = Some(ConflictChoice::MergeMine);
            }
            if ui
                .button("Save as another file…")
                .on_hover_text("Keep both versions")
                .clicked()
            {
                choice = Some(ConflictChoice::SaveAs);
            }
            if ui
                .button("Open the other version")
                .on_hover_text("Opens the version on disk in a second window, beside this one")
                .clicked()
            {
                choice = Some(ConflictChoice::OpenOther);
            }
            if ui
                .button("Overwrite")
                .on_hover_text("Replace the version on disk with yours")
                .clicked()
            {
                choice = Some(ConflictChoice::Overwrite);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(ConflictChoice::Cancel);
            }
        });
    });
    if response.should_close() && choice.is_none() {
        choice = Some(ConflictChoice::Cancel);
    }
    choice
}

/// Whether to restore work autosaved by a Stances that did not close cleanly.
pub fn recovery(ctx: &Context, whence: &str, written: &str, marks: usize) -> Option<bool> {
    let mut choice = None;
    egui::Modal::new(Id::unique("recovery_prompt")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "Stances did not close cleanly last time. Work on {whence} was autosaved at {written}, with {}.",
            crate::format::diagnostics::count(marks, "mark", "marks")
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                choice = Some(true);
            }
            if ui.button("Discard").clicked() {
                choice = Some(false);
            }
        });
    });
    choice
}

/// Asks about a comparison git could not merge (its merge driver was missing, or
/// the clone was never set up): `Some(true)` to merge it now with Stances.
pub fn git_unmerged(ctx: &Context, shown_path: &str) -> Option<bool> {
    let mut choice = None;
    let response = egui::Modal::new(Id::unique("git_unmerged_prompt")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading("git could not merge this file");
        super::text::label(
            ui,
            &format!(
                "{shown_path}: git could not merge it with Stances (the merge driver was missing, or this clone was never set up with `stances git-setup`), so it holds one side's version only, or git's conflict markers. The other side's work is kept by git."
            ),
            None,
        );
        ui.label("Merge it now: Stances merges the versions git kept, writes a valid file, and shows what clashes in the Conflicts view.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let merge = ui.button(egui::RichText::new("Merge it now").strong());
            merge.request_focus();
            if merge.clicked() {
                choice = Some(true);
            }
            if ui.button("Not now").clicked() {
                choice = Some(false);
            }
        });
    });
    if response.should_close() && choice.is_none() {
        choice = Some(false);
    }
    choice
}
