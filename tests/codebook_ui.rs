//! The codebook editor, driven as a user would: add a status, name it, give it a
//! key, move it up the legend, recolour, delete a status that marks use (re-coding
//! them), and undo each step.

mod common;

use common::{example_path, fixture, harness_with};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use stances::gui::StancesApp;

/// Codebook › `item` (the menu, not the editor window of the same name).
fn codebook_menu(harness: &mut Harness<'static, StancesApp>, item: &str) {
    harness.get(By::new().label("Codebook").role(Role::Button)).click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

/// Codebook › Apply codebook…, with `path` typed into the prompt.
fn apply_codebook(harness: &mut Harness<'static, StancesApp>, path: &std::path::Path) {
    codebook_menu(harness, "Apply codebook…");
    common::answer_path_prompt(harness, "Path of a codebook file", &path.display().to_string(), "Apply");
}

fn open_editor(harness: &mut Harness<'static, StancesApp>) {
    codebook_menu(harness, "Edit codebook…");
}

/// The text field holding `value`.
fn field<'a>(harness: &'a Harness<'static, StancesApp>, value: &'a str) -> egui_kittest::Node<'a> {
    harness.get(By::new().value(value).role(Role::TextInput))
}

/// Replaces the text of the field that holds `old` with `new`.
fn retype(harness: &mut Harness<'static, StancesApp>, old: &str, new: &str) {
    field(harness, old).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    field(harness, old).type_text(new);
    harness.run();
}

fn undo(harness: &mut Harness<'static, StancesApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

#[test]
fn a_new_status_is_named_keyed_moved_up_the_legend_and_undone() {
    let mut harness = harness_with(vec![example_path()]);
    open_editor(&mut harness);
    harness.get_by_label("Add status").click();
    harness.run();
    harness.get_by_label("New status 0");
    retype(&mut harness, "New status", "Deferred");
    // The legend follows the codebook as it is typed.
    harness.get_by_label("Deferred 0");
    assert!(harness.query_by_label("New status 0").is_none());

    // Its key: D gives the selected demand this status.
    retype(&mut harness, "5", "d");
    harness.key_press(Key::Escape);
    harness.run();
    // (The editor stays open over the columns: the keyboard selects the first demand.)
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::D);
    harness.run();
    harness.get_by_label("Deferred 1");
    undo(&mut harness);
    harness.get_by_label("Deferred 0");

    // Up: the new status moves before Unaddressed in the legend.
    let ups: Vec<_> = harness.query_all_by_label("Up").collect();
    ups.last().expect("an Up button per status").click();
    harness.run();
    let deferred = harness.get_by_label("Deferred 0").rect().left();
    let unaddressed = harness.get_by_label("Unaddressed 0").rect().left();
    assert!(
        deferred < unaddressed,
        "Deferred now comes first: {deferred} vs {unaddressed}"
    );

    // Undo, step by step: the move, the key, the name (one step for all its letters), the status.
    undo(&mut harness);
    assert!(harness.get_by_label("Deferred 0").rect().left() > harness.get_by_label("Unaddressed 0").rect().left());
    undo(&mut harness);
    field(&harness, "5");
    undo(&mut harness);
    harness.get_by_label("New status 0");
    undo(&mut harness);
    assert!(harness.query_by_label("New status 0").is_none());
    assert!(harness.query_by_label_contains("Deferred").is_none());
}

#[test]
fn a_status_in_use_is_deleted_only_after_its_marks_are_re_coded_and_undo_restores_them() {
    let mut harness = harness_with(vec![fixture("istanbul-v2.stances.ron")]);
    harness.get_by_label("Disputed 1");
    harness.get_by_label("Agreed 1");
    open_editor(&mut harness);
    let deletes: Vec<_> = harness.query_all_by_label("Delete…").collect();
    // Agreed, Partial, Disputed, Unaddressed: the third is Disputed.
    deletes[2].click();
    harness.run();
    harness.get_by_label("1 mark is Disputed. Re-code it to another status, then delete Disputed:");
    // Nothing is deleted until the user chooses.
    harness.get_by_label("Disputed 1");
    harness.get_by_label("Re-code and delete").click();
    harness.run();
    assert!(
        harness.query_by_label_contains("Disputed").is_none(),
        "Disputed is gone from the legend"
    );
    harness.get_by_label("Agreed 2");

    undo(&mut harness);
    harness.get_by_label("Disputed 1");
    harness.get_by_label("Agreed 1");
}

#[test]
fn cancelling_the_deletion_of_a_status_in_use_keeps_everything() {
    let mut harness = harness_with(vec![fixture("istanbul-v2.stances.ron")]);
    open_editor(&mut harness);
    let deletes: Vec<_> = harness.query_all_by_label("Delete…").collect();
    deletes[0].click();
    harness.run();
    harness.get_by_label("Cancel").click();
    harness.run();
    harness.get_by_label("Agreed 1");
    assert!(harness.query_by_label_contains("Re-code them").is_none());
    assert!(!harness.state().has_unsaved_work(), "nothing changed");
}

#[test]
fn a_colour_hard_to_read_on_a_theme_is_flagged_and_recolouring_undoes() {
    let mut harness = harness_with(vec![example_path()]);
    open_editor(&mut harness);
    assert!(
        harness
            .query_by_label_contains("too light for the light theme")
            .is_none()
    );
    retype(&mut harness, "#7950f2", "#ffd43b");
    harness.get_by_label_contains("Colour too light for the light theme (contrast 1.3:1, needs 3:1)");
    // The legend still names the status; its colour is the new one until undone.
    harness.get_by_label("Unaddressed 0");
    field(&harness, "#ffd43b");
    // Leave the field (Esc), then undo the recolouring.
    harness.key_press(Key::Escape);
    harness.run();
    undo(&mut harness);
    field(&harness, "#7950f2");
    assert!(
        harness
            .query_by_label_contains("too light for the light theme")
            .is_none()
    );
}

#[test]
fn a_codebook_saved_on_its_own_is_applied_to_another_comparison_by_id() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let shared = dir.path().join("study");

    // A research group's codebook: Agreed renamed "Accepted", Partial deleted.
    let mut group = harness_with(vec![example_path()]);
    open_editor(&mut group);
    retype(&mut group, "Agreed", "Accepted");
    group.key_press(Key::Escape);
    group.run();
    let deletes: Vec<_> = group.query_all_by_label("Delete…").collect();
    deletes[1].click();
    group.run();
    group.get_by_label("Accepted 0");
    assert!(group.query_by_label_contains("Partial").is_none());
    codebook_menu(&mut group, "Save codebook as…");
    common::answer_path_prompt(
        &mut group,
        "Path to save the codebook to",
        &shared.display().to_string(),
        "Save",
    );
    let written = dir.path().join("study.codebook.ron");
    assert!(written.is_file(), "saved with the codebook extension added");

    // A coder's comparison with marks: applying the shared codebook renames by id.
    let mut coder = harness_with(vec![fixture("istanbul-v2.stances.ron")]);
    coder.get_by_label("Agreed 1");
    apply_codebook(&mut coder, &written);
    coder.get_by_label("Accepted 1");
    let said = coder.state().notices_text().join("\n");
    assert!(said.contains("3 statuses matched by id"), "{said}");
    assert!(
        said.contains("not in the new codebook and unused, so removed: partial"),
        "{said}"
    );
    undo(&mut coder);
    coder.get_by_label("Agreed 1");

    // A file that is not a codebook is named with what is wrong, and nothing changes.
    let wrong = fixture("istanbul-v2.stances.ron");
    apply_codebook(&mut coder, &wrong);
    let said = coder.state().notices_text().join("\n");
    assert!(
        said.contains("this is a comparison file, not a codebook file"),
        "{said}"
    );
    coder.get_by_label("Agreed 1");
}

#[test]
fn a_codebook_exported_for_qda_tools_comes_back_by_id() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut group = harness_with(vec![example_path()]);
    open_editor(&mut group);
    retype(&mut group, "Agreed", "Accepted");
    group.key_press(Key::Escape);
    group.run();
    codebook_menu(&mut group, "Export for QDA tools (.qdc)…");
    let target = dir.path().join("study");
    common::answer_path_prompt(&mut group, "Path to export to", &target.display().to_string(), "Export");
    let written = dir.path().join("study.qdc");
    let xml = std::fs::read_to_string(&written).expect("exported with .qdc added");
    assert!(
        xml.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Stances\">"),
        "{xml}"
    );
    assert!(xml.contains("name=\"Accepted\" isCodable=\"true\""), "{xml}");

    // Imported into a coder's comparison: the codes' guids map back to the same status ids.
    let mut coder = harness_with(vec![fixture("istanbul-v2.stances.ron")]);
    apply_codebook(&mut coder, &written);
    coder.get_by_label("Accepted 1");
    coder.get_by_label("Disputed 1");
    let said = coder.state().notices_text().join("\n");
    assert!(said.contains("4 statuses matched by id"), "{said}");
}
