//! Positions edited in the window: a demand's words changed, a demand added and
//! one deleted from the details pane, each undone with Ctrl+Z, and what the
//! window refuses said in the form.

mod common;

use common::{fixture, harness_with};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stances::gui::StancesApp;

const TRUCE: &str = "Russia: Temporary truce of two to three days in specific areas of the front line.";

/// Replaces what the form's field labelled `label` holds with `text`.
fn type_into(harness: &mut Harness<'static, StancesApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn click(harness: &mut Harness<'static, StancesApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn a_demand_is_reworded_in_the_details_pane_and_undone() {
    let mut harness = harness_with(vec![fixture("spec-example.ron")]);
    click(&mut harness, TRUCE);
    click(&mut harness, "Edit demand");
    type_into(&mut harness, "Text", "A truce of three days along the whole front.");
    click(&mut harness, "Save changes");
    // The card says the new words, the old are gone, and the form has closed.
    harness.get_by_label("Russia: A truce of three days along the whole front.");
    assert!(harness.query_by_label(TRUCE).is_none());
    assert!(harness.query_by_label("Save changes").is_none());
    assert!(harness.state().has_unsaved_work());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label(TRUCE);
    assert!(
        harness
            .query_by_label("Russia: A truce of three days along the whole front.")
            .is_none()
    );
}

#[test]
fn a_new_demand_is_added_after_the_selected_one_and_a_bad_value_is_said() {
    let mut harness = harness_with(vec![fixture("spec-example.ron")]);
    click(&mut harness, TRUCE);
    click(&mut harness, "Add demand");
    harness.get_by_label("New demand");
    type_into(&mut harness, "Text", "Exchange all prisoners of war.");
    type_into(&mut harness, "lowest", "about a thousand");
    harness.get_by_label("unit").focus();
    harness.run();
    harness.get_by_label("unit").type_text("prisoners");
    harness.run();
    click(&mut harness, "Save changes");
    // Refused in words, nothing added, the form still open with what was typed.
    harness.get_by_label_contains("`aboutathousand` is not a number");
    assert!(
        harness
            .query_by_label("Russia: Exchange all prisoners of war.")
            .is_none()
    );

    type_into(&mut harness, "lowest", "1000");
    click(&mut harness, "Save changes");
    let added = harness.get_by_label("Russia: Exchange all prisoners of war.").rect();
    let truce = harness.get_by_label(TRUCE).rect();
    assert!(added.top() > truce.top(), "the new demand comes after the selected one");
    harness.get_by_label_contains("at least 1,000 prisoners");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        harness
            .query_by_label("Russia: Exchange all prisoners of war.")
            .is_none()
    );
    harness.get_by_label(TRUCE);
}

#[test]
fn deleting_a_marked_demand_asks_what_becomes_of_its_mark() {
    let mut harness = harness_with(vec![fixture("spec-example.ron")]);
    click(&mut harness, TRUCE);
    harness.key_press(Key::Num3);
    harness.run();
    click(&mut harness, "Delete demand");
    // Nothing is deleted before the user says what becomes of the mark.
    harness.get_by_label("1 mark uses this demand. What becomes of it?");
    harness.get_by_label(TRUCE);
    click(&mut harness, "Keep as orphaned marks");
    assert!(harness.query_by_label(TRUCE).is_none());
    harness.get_by_label("Orphaned marks (1)");
    harness.get_by_label_contains("Demand deleted. 1 mark on it is kept as orphaned.");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label(TRUCE);
    assert!(harness.query_by_label("Orphaned marks (1)").is_none());

    // Removing the mark with the demand: both come back with one undo.
    click(&mut harness, TRUCE);
    click(&mut harness, "Delete demand");
    click(&mut harness, "Remove the mark");
    assert!(harness.query_by_label(TRUCE).is_none());
    assert!(harness.query_by_label("Orphaned marks (1)").is_none());
    assert_eq!(harness.state().comparison().marks().count(), 0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label(TRUCE);
    assert_eq!(harness.state().comparison().marks().count(), 1);
}
