//! Drives the real app as a user would: click, type, press keys, and look at what is shown.

mod common;

use common::{RU_PRISONERS, RU_TRUCE, UA_CEASEFIRE, UA_PRISONERS, harness_on_example, harness_with, write_temp};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const NOTE: &str = "30 days everywhere vs. 2-3 days in chosen sectors";

#[test]
fn opens_the_bundled_example_with_both_sides_aligned_by_issue() {
    let harness = harness_on_example();
    harness.get_by_label("Ukraine");
    harness.get_by_label("Russia");
    harness.get_by_label(UA_CEASEFIRE);
    harness.get_by_label(RU_TRUCE);
    // The same issue sits at the same height on both sides.
    let ua = harness.get_by_label(UA_PRISONERS).rect();
    let ru = harness.get_by_label(RU_PRISONERS).rect();
    assert_eq!(ua.top(), ru.top(), "prisoner exchange rows are aligned");
    assert!(ua.right() < ru.left(), "Ukraine is on the left, Russia on the right");
    // Russia says nothing about children: an explicit empty slot.
    assert!(
        !harness
            .query_all_by_label("No stated position")
            .collect::<Vec<_>>()
            .is_empty()
    );
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("Untitled comparison of istanbul-2025-06-02.ron")
    );
}

#[test]
fn mark_note_undo_redo_save_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("istanbul.stances.ron");
    let mut harness = harness_on_example();

    // Select a demand on each side and mark the pair disputed with the key 3.
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.get_by_label(RU_TRUCE).click_modifiers(Modifiers::COMMAND);
    harness.run();
    harness.get_by_label("2 demands selected");
    harness.key_press(Key::Num3);
    harness.run();
    harness.get_by_label("Disputed 1");
    assert!(
        harness.state().window_title().starts_with("● "),
        "unsaved changes show in the title"
    );

    // Type a note in the details pane.
    harness.get_by_label("Note").focus();
    harness.run();
    harness.get_by_label("Note").type_text(NOTE);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    let mark = harness.state().comparison().marks().next().unwrap().clone();
    assert_eq!(mark.status, "disputed");
    assert_eq!(mark.note, NOTE);
    assert_eq!(mark.demands.len(), 2);
    assert_eq!(mark.coder, harness.state().coder(), "the mark records who made it");

    // Undo the note (one step for the whole typing), then the mark; redo both.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().comparison().marks().next().unwrap().note, "");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label("Disputed 0");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    harness.get_by_label("Disputed 1");
    assert_eq!(harness.state().comparison().marks().next().unwrap().note, NOTE);

    // Mark the prisoner exchange agreed with the button in the details pane.
    harness.get_by_label(UA_PRISONERS).click();
    harness.run();
    harness.get_by_label(RU_PRISONERS).click_modifiers(Modifiers::COMMAND);
    harness.run();
    harness.get_by_label("1 Agreed").click();
    harness.run();
    harness.get_by_label("Agreed 1");

    // Save: no native dialog in tests, so the typed-path prompt opens.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label_contains("Path to save to").focus();
    harness
        .get_by_label_contains("Path to save to")
        .type_text(saved.to_str().unwrap());
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let errors: Vec<&str> = harness.state().errors().collect();
    assert!(saved.exists(), "the comparison was saved: {errors:?}");
    assert!(
        !harness.state().window_title().starts_with("● "),
        "saved: no unsaved marker"
    );
    assert!(!harness.state().has_unsaved_work());

    // A fresh app on the saved file shows the same marks and the note.
    let mut reopened = harness_with(vec![saved.clone()]);
    reopened.get_by_label("Disputed 1");
    reopened.get_by_label("Agreed 1");
    reopened.get_by_label(UA_CEASEFIRE).click();
    reopened.run();
    assert_eq!(reopened.get_by_label("Note").value().as_deref(), Some(NOTE));
    assert_eq!(reopened.state().path(), Some(saved.canonicalize().unwrap().as_path()));
    assert!(reopened.state().window_title().starts_with("istanbul.stances.ron"));
}

#[test]
fn delete_removes_the_mark_and_arrow_keys_move_the_selection() {
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num4);
    harness.run();
    harness.get_by_label("Unaddressed 1");
    harness.key_press(Key::Delete);
    harness.run();
    harness.get_by_label("Unaddressed 0");

    // Right moves to the other side's demand in the same row; down to the next demand.
    harness.key_press(Key::ArrowRight);
    harness.run();
    let cmp = harness.state().comparison();
    let selected = harness.state().selection()[0];
    assert_eq!(cmp.demand(selected).id, "ru-rejects-ceasefire");
    harness.key_press(Key::ArrowDown);
    harness.run();
    let selected = harness.state().selection()[0];
    assert_eq!(harness.state().comparison().demand(selected).id, "ru-limited-truce");
}

#[test]
fn search_narrows_both_panels() {
    let mut harness = harness_on_example();
    harness.get_by_label("Search").focus();
    harness.get_by_label("Search").type_text("prisoners");
    harness.run();
    harness.get_by_label(UA_PRISONERS);
    harness.get_by_label(RU_PRISONERS);
    assert!(
        harness.query_by_label(UA_CEASEFIRE).is_none(),
        "non-matching demands are hidden"
    );
    assert!(harness.query_by_label(RU_TRUCE).is_none());
}

#[test]
fn a_broken_file_shows_a_located_error_and_leaves_the_comparison_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_temp(
        &dir,
        "bad.ron",
        "(\n    format: 1,\n    sides: [(id: \"a\", name: \"A\", demands: [(id: \"d\", issue: \"x\", txt: \"hi\")])],\n)\n",
    );
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();

    open_by_prompt(&mut harness, bad.to_str().unwrap());

    let shown = format!("{}:3:", bad.display());
    let error = harness.get_by_label_contains(&shown);
    let text = format!("{:?}", error.accesskit_node());
    assert!(text.contains("unknown field `txt`"), "{text}");
    assert!(text.contains("did you mean `text`?"), "{text}");
    // What was open is still there, mark included.
    harness.get_by_label(UA_CEASEFIRE);
    harness.get_by_label("Agreed 1");
    assert_eq!(harness.state().comparison().documents().len(), 1);
}

#[test]
fn closing_with_unsaved_marks_asks_first() {
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num2);
    harness.run();
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let commands = &harness.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::CancelClose),
        "the window stays open"
    );
    harness.run();
    harness.get_by_label("Save changes to this comparison?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Save changes to this comparison?").is_none());
    assert!(harness.state().has_unsaved_work(), "cancel keeps the work");
}

#[test]
fn opening_another_comparison_with_unsaved_work_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let other = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/istanbul-v1.stances.ron");
    let copy = dir.path().join("other.stances.ron");
    std::fs::copy(other, &copy).unwrap();
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num4);
    harness.run();
    open_by_prompt(&mut harness, copy.to_str().unwrap());
    harness.get_by_label("Save changes to this comparison?");
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(harness.state().path(), Some(copy.canonicalize().unwrap().as_path()));
    // A comparison of format 1 says it is converted.
    harness.get_by_label_contains("was written by Stances 0.1 (comparison format 1)");
    harness.get_by_label("Disputed 1");
    harness.get_by_label("Agreed 1");
    harness.get_by_label("Unaddressed 1");
}

#[test]
fn the_view_menu_switches_to_the_light_theme() {
    let mut harness = harness_on_example();
    harness.ctx.set_theme(egui::ThemePreference::Dark);
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Light theme (projectors)").click();
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

#[test]
fn a_text_left_unclosed_is_shown_where_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_temp(
        &dir,
        "unclosed.ron",
        "(\n    format: 1,\n    sides: [\n        (\n            id: \"ua\",\n            name: \"Ukraine,\n            demands: [\n                (id: \"d1\", issue: \"ceasefire\", text: \"A ceasefire\"),\n            ],\n        ),\n    ],\n)\n",
    );
    let mut harness = harness_on_example();
    open_by_prompt(&mut harness, bad.to_str().unwrap());
    let shown = format!("{}:6:19", bad.display());
    let error = harness.get_by_label_contains(&shown);
    let text = format!("{:?}", error.accesskit_node());
    assert!(text.contains("this text is never closed"), "{text}");
}

#[test]
fn broken_files_given_at_start_say_why_first_and_count_the_rest_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let one = write_temp(&dir, "one.ron", "(format: 1, sides: [(id: \"a\", nmae: \"A\")])");
    let harness = harness_with(vec![one.clone()]);
    let shown = format!("{}:1:", one.display());
    harness.get_by_label_contains(&shown);
    let two = write_temp(&dir, "two.ron", "(format: 1, sides: [(id: \"b\", nmae: \"B\")])");
    let harness = harness_with(vec![one, two]);
    let notices = harness.state().notices_text();
    assert_eq!(notices.len(), 2, "{notices:?}");
    harness.get_by_label("Show 1 more problem");
}

#[test]
fn esc_closes_a_menu_or_the_shortcut_sheet_before_the_selection() {
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.get_by_label_contains("1 demand selected");
    harness.get_by_label("Present").click();
    harness.run();
    harness.get_by_label("Hide marks until revealed");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("Hide marks until revealed").is_none(),
        "the menu closed"
    );
    harness.get_by_label_contains("1 demand selected");
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label_contains("Select the demand above");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label_contains("Select the demand above").is_none(),
        "the sheet closed"
    );
    harness.get_by_label_contains("1 demand selected");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label_contains("1 demand selected").is_none(),
        "then Esc clears the selection"
    );
}

#[test]
fn a_newly_opened_document_starts_at_the_top() {
    let options = common::options(vec![common::example_path()]);
    let mut harness = common::harness_of([1100.0, 420.0], options);
    harness.get_by_label(RU_TRUCE).click();
    harness.run();
    // Down through Russia's column to its last demand: the columns scroll.
    for _ in 0..10 {
        harness.key_press(Key::ArrowDown);
        harness.run();
    }
    assert!(
        harness.query_by_label(RU_TRUCE).is_none(),
        "scrolled past the first demands"
    );
    open_by_prompt(&mut harness, common::data("istanbul-2025-05-16.ron").to_str().unwrap());
    harness.run();
    harness.get_by_label_contains("Ukraine: A full and unconditional ceasefire for at least 30 days, as proposed");
}

/// File › Open through the typed-path prompt (no native dialog in tests).
fn open_by_prompt(harness: &mut egui_kittest::Harness<'static, stances::gui::StancesApp>, path: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.get_by_label_contains("Path of a comparison").type_text(path);
    harness.run();
    harness.get_by_label("Open").click();
    harness.run();
}
