//! Positions edited in the window: a demand's words changed, a demand added and
//! one deleted from the details pane, each undone with Ctrl+Z, and what the
//! window refuses said in the form.

mod common;

use common::{answer_path_prompt, fixture, harness_with, menu_item, run_stances};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
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

/// Adds a demand by clicking the `n`th empty slot ("No stated position") and typing its text.
fn add_in_slot(harness: &mut Harness<'static, StancesApp>, n: usize, text: &str) {
    harness
        .query_all(By::new().label("No stated position").role(Role::Button))
        .nth(n)
        .expect("an empty slot")
        .click();
    harness.run();
    harness.get_by_label("New demand");
    type_into(harness, "Text", text);
    click(harness, "Save changes");
}

#[test]
fn a_negotiation_made_from_nothing_is_saved_reopened_and_its_positions_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(Vec::new());
    // From the welcome screen (File › New negotiation… opens the same dialog).
    click(&mut harness, "New negotiation…");
    type_into(&mut harness, "Negotiation", "Лесные переговоры / Forest talks");
    type_into(&mut harness, "Date (optional)", "2026-12");
    type_into(&mut harness, "Side 1", "Ukraine");
    type_into(&mut harness, "Side 2", "ukraine ");
    type_into(&mut harness, "First issue", "Ceasefire");
    click(&mut harness, "Create");
    // Two sides of one name would be told apart by nothing: said, nothing made.
    harness.get_by_label("Side 2 is called “ukraine” like another side: give each side its own name.");
    type_into(&mut harness, "Side 2", "Russia");
    click(&mut harness, "Create");

    // Two empty columns under the first issue, each a place for a first demand.
    harness.get_by_label("Лесные переговоры / Forest talks");
    assert_eq!(
        harness
            .query_all(By::new().label("No stated position").role(Role::Button))
            .count(),
        2
    );
    add_in_slot(&mut harness, 0, "A ceasefire of thirty days.");
    harness.get_by_label("Ukraine: A ceasefire of thirty days.");
    add_in_slot(&mut harness, 0, "A truce of three days.");
    let ukraine = harness.get_by_label("Ukraine: A ceasefire of thirty days.").rect();
    let russia = harness.get_by_label("Russia: A truce of three days.").rect();
    assert_eq!(ukraine.top(), russia.top(), "one issue, one height");
    assert!(ukraine.left() < russia.left());

    // Saved, and reopened as it was.
    let saved = dir.path().join("forest.stances.ron");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    answer_path_prompt(&mut harness, "Path", &saved.display().to_string(), "Save");
    let mut reopened = harness_with(vec![saved]);
    reopened.get_by_label("Ukraine: A ceasefire of thirty days.");
    reopened.get_by_label("Russia: A truce of three days.");

    // Its positions as a position file, which `stances check` accepts.
    let positions = dir.path().join("forest.ron");
    menu_item(&mut reopened, "File", "Save positions as…");
    answer_path_prompt(&mut reopened, "Path", &positions.display().to_string(), "Save");
    reopened.get_by_label_contains("Saved the positions to");
    let (code, out, err) = run_stances(["check".as_ref(), positions.as_os_str()]);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(&positions).unwrap();
    assert!(text.contains("A truce of three days."), "{text}");
    assert!(text.contains("date: \"2026-12\""), "{text}");
}

/// Types into the field labelled `label` and moves the keyboard on (Tab), which makes the change.
fn type_and_tab(harness: &mut Harness<'static, StancesApp>, label: &str, text: &str) {
    type_into(harness, label, text);
    harness.key_press(Key::Tab);
    harness.run();
}

#[test]
fn sides_issues_and_sources_are_renamed_added_moved_and_deleted_in_place_and_undone() {
    let mut harness = harness_with(vec![fixture("spec-example.ron")]);
    // A mark on Russia's truce, to see what deleting its side does with it.
    click(&mut harness, TRUCE);
    harness.key_press(Key::Num3);
    harness.run();
    menu_item(&mut harness, "Edit", "Sides, issues and sources…");

    // A side renamed in place: its column says the new name.
    type_and_tab(&mut harness, "Name of side 2", "Russian Federation");
    harness.get_by_label_contains("Russian Federation: Temporary truce");
    // An issue added, and moved up above the one before it.
    type_into(&mut harness, "New issue", "Humanitarian corridors");
    click(&mut harness, "Add issue");
    harness.get_by_label("Move Humanitarian corridors up").click();
    harness.run();
    let issues = harness.query_all_by_label_contains("Name of issue").count();
    let name = format!("Name of issue {}", issues - 1);
    assert_eq!(
        harness.get_by_label(&name).value().as_deref(),
        Some("Humanitarian corridors")
    );

    // A side deleted: asked what becomes of its mark, kept as orphaned.
    harness
        .query_all(By::new().label("Delete").role(Role::Button))
        .nth(1)
        .expect("the second side's Delete")
        .click();
    harness.run();
    harness.get_by_label_contains("1 mark is on them");
    click(&mut harness, "Keep as orphaned marks");
    assert!(
        harness
            .query_by_label_contains("Russian Federation: Temporary truce")
            .is_none()
    );
    harness.get_by_label_contains("Side deleted. 1 mark on it is kept as orphaned.");

    // Each step undone in turn: the side, the move, the issue, the name.
    for _ in 0..4 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
    }
    harness.get_by_label(TRUCE);
    assert!(
        harness
            .query_all_by_label_contains("Name of issue")
            .all(|n| n.value().as_deref() != Some("Humanitarian corridors")),
        "the issue added is gone again"
    );
}

#[test]
fn a_demand_is_moved_up_its_issue_with_the_keyboard_and_back_with_undo() {
    const FULL: &str =
        "Ukraine: A full and unconditional ceasefire on land, at sea and in the air for at least 30 days.";
    const REJECTS: &str = "Ukraine: Rejects Russia's offer of a short truce limited to parts of the front line.";
    let mut harness = harness_with(vec![common::data("istanbul-2025-06-02.ron")]);
    let above = |harness: &Harness<'static, StancesApp>| {
        harness.get_by_label(REJECTS).rect().top() < harness.get_by_label(FULL).rect().top()
    };
    assert!(!above(&harness));
    click(&mut harness, REJECTS);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    assert!(above(&harness), "Alt+↑ moved it above the other ceasefire demand");
    // The first on its issue goes no further, and says so.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    harness.get_by_label_contains("It is the first of Ukraine's demands on this issue.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!above(&harness), "undone");
}
