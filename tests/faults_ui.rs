//! The faults found in 0.1, each driven through the real window: saves that could
//! not be reopened, a cancelled save that re-ran a stale action, lost updates,
//! false "unsaved changes", a filter carried over, Open that added, piled-up
//! notices, a mark's note hidden on hover.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use common::{
    UA_CEASEFIRE, UA_PRISONERS, answer_path_prompt, example_path, harness_on_example, harness_with, write_temp,
};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

const ONE_SIDE: &str = "(format: 1, issues: [(id: \"x\", name: \"Issue X\")], sides: [(id: \"ua\", name: \"Alpha\", demands: [(id: \"a1\", issue: \"x\", text: \"Alpha wants X.\")])])";
const OTHER_SIDE: &str = "(format: 1, issues: [(id: \"x\", name: \"Issue X\")], sides: [(id: \"ru\", name: \"Beta\", demands: [(id: \"b1\", issue: \"x\", text: \"Beta refuses X.\")])])";

fn save_as(harness: &mut egui_kittest::Harness<'static, stances::gui::StancesApp>, path: &std::path::Path) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    answer_path_prompt(harness, "Path to save to", path.to_str().unwrap(), "Save");
}

#[test]
fn a_new_empty_comparison_saves_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("empty.stances.ron");
    let mut harness = harness_on_example();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("No position files open");
    save_as(&mut harness, &saved);
    assert!(saved.exists());
    let reopened = harness_with(vec![saved]);
    assert_eq!(
        reopened.state().errors().count(),
        0,
        "{:?}",
        reopened.state().notices_text()
    );
    reopened.get_by_label("No position files open");
}

#[test]
fn adding_a_file_then_undoing_saves_a_file_that_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_temp(&dir, "a.ron", ONE_SIDE);
    let b = write_temp(&dir, "b.ron", OTHER_SIDE);
    let saved = dir.path().join("ab.stances.ron");
    let mut harness = harness_with(vec![a]);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    harness.run();
    answer_path_prompt(&mut harness, "Path of a position file", b.to_str().unwrap(), "Add");
    harness.get_by_label("Beta: Beta refuses X.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.query_by_label("Beta: Beta refuses X.").is_none());
    save_as(&mut harness, &saved);
    let reopened = harness_with(vec![saved]);
    assert_eq!(
        reopened.state().errors().count(),
        0,
        "{:?}",
        reopened.state().notices_text()
    );
    reopened.get_by_label("Alpha: Alpha wants X.");
}

#[test]
fn a_cancelled_save_cancels_what_waited_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num3);
    harness.run();
    // New asks first; choose Save, then cancel the save dialog.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    harness.get_by_label_contains("Path to save to");
    harness.get_by_label("Cancel").click();
    harness.run();
    harness.get_by_label(UA_CEASEFIRE);
    // A later, unrelated Save as… must not start the new comparison.
    save_as(&mut harness, &dir.path().join("kept.stances.ron"));
    harness.get_by_label(UA_CEASEFIRE);
    harness.get_by_label("Disputed 1");
    assert!(!harness.state().has_unsaved_work());
}

#[test]
fn a_failed_save_cancels_closing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    // A folder cannot be saved over: the save fails, and the new comparison does not start.
    let folder = dir.path().join("folder.stances.ron");
    std::fs::create_dir(&folder).unwrap();
    answer_path_prompt(&mut harness, "Path to save to", folder.to_str().unwrap(), "Save");
    harness.get_by_label(UA_CEASEFIRE);
    assert!(harness.state().has_unsaved_work());
    assert!(harness.state().errors().any(|e| e.contains("could not save")));
}

#[test]
fn saving_over_a_file_changed_by_someone_else_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("shared.stances.ron");
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num3);
    harness.run();
    save_as(&mut harness, &saved);
    // A colleague's version arrives (a git pull, a shared drive).
    let theirs = std::fs::read_to_string(&saved)
        .unwrap()
        .replace("status: \"disputed\"", "status: \"partial\"");
    std::fs::write(&saved, &theirs).unwrap();
    harness.get_by_label(UA_PRISONERS).click();
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("The file changed on disk");
    assert_eq!(
        std::fs::read_to_string(&saved).unwrap(),
        theirs,
        "nothing is overwritten before the answer"
    );
    harness.get_by_label("Open the other version");
    harness.get_by_label("Save as another file…");
    harness.get_by_label("Overwrite").click();
    harness.run();
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains("status: \"agreed\"") && text.contains("status: \"disputed\""),
        "{text}"
    );
    // Saved now: a further save needs no question.
    harness.get_by_label(UA_PRISONERS).click();
    harness.run();
    harness.key_press(Key::Num2);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.query_by_label("The file changed on disk").is_none());
    assert!(!harness.state().has_unsaved_work());
}

#[test]
fn opening_files_or_arranging_columns_is_not_unsaved_work() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_temp(&dir, "a.ron", ONE_SIDE);
    let b = write_temp(&dir, "b.ron", OTHER_SIDE);
    let mut harness = harness_with(vec![a, b]);
    assert!(!harness.state().window_title().starts_with("● "));
    harness.get_by_label("Column options for Beta").click();
    harness.run();
    harness.get_by_label("Move left").click();
    harness.run();
    assert!(!harness.state().has_unsaved_work());
    assert!(!harness.state().window_title().starts_with("● "));
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
        !commands.contains(&egui::ViewportCommand::CancelClose),
        "closes without asking"
    );
}

#[test]
fn search_and_filter_do_not_carry_over_to_another_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_temp(&dir, "a.ron", ONE_SIDE);
    let mut harness = harness_on_example();
    harness.get_by_label("Search").focus();
    harness.get_by_label("Search").type_text("prisoners");
    harness.run();
    assert!(harness.query_by_label(UA_CEASEFIRE).is_none());
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    answer_path_prompt(&mut harness, "Path of a comparison", a.to_str().unwrap(), "Open");
    harness.get_by_label("Alpha: Alpha wants X.");
    assert!(
        harness
            .query_by_label("No demand matches the search and filter.")
            .is_none()
    );
}

#[test]
fn open_replaces_the_comparison_and_add_adds_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_temp(&dir, "a.ron", ONE_SIDE);
    let b = write_temp(&dir, "b.ron", OTHER_SIDE);
    let mut harness = harness_on_example();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    answer_path_prompt(&mut harness, "Path of a comparison", a.to_str().unwrap(), "Open");
    assert!(
        harness.query_by_label(UA_CEASEFIRE).is_none(),
        "Open replaced the example"
    );
    assert_eq!(harness.state().comparison().documents().len(), 1);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Add position files").click();
    harness.run();
    answer_path_prompt(&mut harness, "Path of a position file", b.to_str().unwrap(), "Add");
    assert_eq!(harness.state().comparison().documents().len(), 2);
    harness.get_by_label("Alpha: Alpha wants X.");
    harness.get_by_label("Beta: Beta refuses X.");
    harness.get_by_label_contains("Added");
}

#[test]
fn opening_over_unsaved_marks_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_temp(&dir, "a.ron", ONE_SIDE);
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    answer_path_prompt(&mut harness, "Path of a comparison", a.to_str().unwrap(), "Open");
    harness.get_by_label("Save changes to this comparison?");
    harness.get_by_label("Cancel").click();
    harness.run();
    harness.get_by_label(UA_CEASEFIRE);
}

#[test]
fn load_errors_share_one_strip_and_clear_with_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let bad: Vec<String> = (0..4)
        .map(|i| {
            write_temp(
                &dir,
                &format!("bad{i}.ron"),
                "(format: 1, sides: [(id: \"a\", nmae: \"A\")])",
            )
            .display()
            .to_string()
        })
        .collect();
    let mut harness = harness_on_example();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    answer_path_prompt(&mut harness, "Path of a comparison", &bad.join(";"), "Open");
    assert_eq!(harness.state().errors().count(), 4);
    harness.get_by_label("Show 3 more problems");
    // Each message's path:line:col stays readable and copyable.
    harness.get_by_label_contains(&format!("{}:1:", bad[3]));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert_eq!(
        harness.state().errors().count(),
        0,
        "a new document starts without old messages"
    );
}

#[test]
fn hovering_a_marked_demand_shows_the_marks_note() {
    let mut harness = harness_on_example();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num3);
    harness.run();
    harness.get_by_label("Note").focus();
    harness.run();
    harness
        .get_by_label("Note")
        .type_text("Thirty days against two or three.");
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label(UA_CEASEFIRE).hover();
    harness.run();
    harness.get_by_label("Thirty days against two or three.");
}

#[test]
fn the_coder_set_in_preferences_is_recorded_on_new_marks() {
    let mut harness = harness_with(vec![example_path()]);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Preferences").click();
    harness.run();
    harness.get_by_label("Coder name").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Coder name").type_text("Dana Researcher");
    harness.run();
    harness.get_by_label("Apply").click();
    harness.run();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label("Coded by Dana Researcher");
    assert_eq!(
        harness.state().comparison().marks().next().unwrap().coder,
        "Dana Researcher"
    );
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut egui_kittest::Harness<'static, stances::gui::StancesApp>, path: &std::path::Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_path_buf())));
    harness.run();
}

#[test]
fn a_dropped_position_file_is_added_and_a_dropped_comparison_opens() {
    let dir = tempfile::tempdir().unwrap();
    let b = write_temp(&dir, "b.ron", OTHER_SIDE);
    let mut harness = harness_on_example();
    drop_file(&mut harness, &b);
    // Added beside the example (its issue comes last, below the fold), with a notice.
    assert_eq!(harness.state().comparison().documents().len(), 2);
    harness.get_by_label("Beta");
    harness.get_by_label(UA_CEASEFIRE);
    harness.get_by_label_contains("Added");
    let comparison = common::fixture("istanbul-v2.stances.ron");
    drop_file(&mut harness, &comparison);
    assert!(
        harness.query_by_label("Beta: Beta refuses X.").is_none(),
        "the comparison replaced what was open"
    );
    harness.get_by_label("Disputed 1");
}
