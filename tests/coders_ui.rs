//! Who coded what, in the window: who is coding is always shown, another coder's
//! mark is not changed before the user says so (by default the change becomes a
//! mark of their own), a coder's marks can be given to another name in one step,
//! and one coder name in two files of a study is settled by taking each file as
//! one coder.

mod common;

use common::{UA_CEASEFIRE, answer_path_prompt, fixture, harness_with};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use stances::gui::StancesApp;

/// The study fixture's first coder: seven marks of alice on the Istanbul round.
fn alices_file() -> std::path::PathBuf {
    fixture("study/alice.stances.ron")
}

/// Sets who is coding through the toolbar's "Coding as" button.
fn code_as(harness: &mut Harness<'static, StancesApp>, name: &str) {
    harness.get_by_label_contains("Coding as").click();
    harness.run();
    harness.get_by_label("Coder name").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Coder name").type_text(name);
    harness.run();
    harness.get_by_label("Apply").click();
    harness.run();
}

fn alices_ceasefire_status(harness: &Harness<'static, StancesApp>) -> String {
    let cmp = harness.state().comparison();
    let mark = cmp
        .marks()
        .find(|m| m.coder == "alice" && m.demands.iter().any(|d| d.demand() == "ua-ceasefire"))
        .expect("alice's ceasefire mark");
    mark.status.clone()
}

#[test]
fn the_window_shows_who_is_coding_and_one_click_changes_it() {
    let mut harness = harness_with(vec![alices_file()]);
    harness.run();
    code_as(&mut harness, "bob");
    harness.get_by_label("Coding as bob");
}

#[test]
fn recoding_another_coders_mark_asks_and_by_default_makes_a_mark_of_ones_own() {
    let mut harness = harness_with(vec![alices_file()]);
    harness.run();
    code_as(&mut harness, "bob");
    // Alice gave one demand Partial.
    harness.get_by_label("Partial 1");
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    // Alice's mark is shown as hers, its note not editable.
    harness.get_by_label("alice's mark. You are coding as bob.");
    // Agreed (key 1) on alice's disputed mark: asked first; Cancel changes nothing.
    harness.key_press(Key::Num1);
    harness.run();
    harness.get_by_label("This mark is alice's");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("This mark is alice's").is_none());
    assert_eq!(alices_ceasefire_status(&harness), "disputed");
    // Partial (key 2): asked again; Enter makes a mark of one's own.
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label("This mark is alice's");
    harness.key_press(Key::Enter);
    harness.run();
    // Bob's mark is new; alice's is untouched.
    harness.get_by_label("Partial 2");
    harness.get_by_label("Coded by bob");
    assert_eq!(alices_ceasefire_status(&harness), "disputed");
    // Undo takes bob's mark away, alice's still hers.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label("Partial 1");
    assert_eq!(alices_ceasefire_status(&harness), "disputed");
}

#[test]
fn changing_another_coders_mark_is_possible_when_chosen_and_undone_in_one_step() {
    let mut harness = harness_with(vec![alices_file()]);
    harness.run();
    code_as(&mut harness, "bob");
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label("Change alice's mark").click();
    harness.run();
    assert_eq!(alices_ceasefire_status(&harness), "partial");
    harness.get_by_label("Coded by alice");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(alices_ceasefire_status(&harness), "disputed");
}

#[test]
fn set_coder_gives_a_coders_marks_to_another_name_in_one_undo_step() {
    let mut harness = harness_with(vec![alices_file()]);
    harness.run();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.get_by_label("Coded by alice");
    harness.get(By::new().label("Edit").role(Role::Button)).click();
    harness.run();
    harness.get_by_label("Set coder…").click();
    harness.run();
    harness.get_by_label_contains("alice (").click();
    harness.get_by_label("to the coder").focus();
    harness.get_by_label("to the coder").type_text("carol");
    harness.run();
    harness.get(By::new().label("Set coder").role(Role::Button)).click();
    harness.run();
    harness.get_by_label("Coded by carol");
    assert!(harness.state().comparison().marks().all(|m| m.coder == "carol"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label("Coded by alice");
    assert!(harness.state().comparison().marks().all(|m| m.coder == "alice"));
}

/// Two files whose marks both say "alice" (a test–retest): refused as one coder,
/// then read with each file as one coder, from the prompt's question or its checkbox.
#[test]
fn one_coder_name_in_two_files_is_settled_by_taking_each_file_as_one_coder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let retest = dir.path().join("alice-retest.stances.ron");
    let bob = std::fs::read_to_string(fixture("study/bob.stances.ron")).expect("fixture");
    std::fs::write(&retest, bob.replace("coder: \"bob\"", "coder: \"alice\"")).expect("written");
    let paths = format!("{};{}", alices_file().display(), retest.display());

    let compare = |harness: &mut Harness<'static, StancesApp>| {
        harness.get(By::new().label("File").role(Role::Button)).click();
        harness.run();
        harness.get_by_label("Compare coders…").click();
        harness.run();
    };

    let mut harness = harness_with(vec![alices_file()]);
    harness.run();
    compare(&mut harness);
    answer_path_prompt(&mut harness, "Paths of the coders' comparisons", &paths, "Compare");
    harness.get_by_label("One coder name in two files");
    harness.get_by_label_contains("alice has marks in both");
    harness.get_by_label("Take each file as one coder").click();
    harness.run();
    assert!(
        harness
            .state()
            .window_title()
            .contains("consensus of alice and alice (alice-retest)"),
        "{}",
        harness.state().window_title()
    );

    // The checkbox of the prompt does the same at once.
    let mut harness = harness_with(vec![alices_file()]);
    harness.run();
    compare(&mut harness);
    harness.get_by_label_contains("Each file is one coder").click();
    harness.run();
    // The suggested path is no longer selected once the checkbox took the click.
    harness
        .get_by_label_contains("Paths of the coders' comparisons")
        .focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    answer_path_prompt(&mut harness, "Paths of the coders' comparisons", &paths, "Compare");
    assert!(harness.query_by_label("One coder name in two files").is_none());
    assert!(
        harness
            .state()
            .window_title()
            .contains("consensus of alice and alice (alice-retest)"),
        "{}",
        harness.state().window_title()
    );
}

/// The adjudicator is not a coder: coding as alice, a study of alice and bob asks
/// for the adjudicator's name, and the consensus records it apart.
#[test]
fn a_coder_who_opens_the_study_is_asked_for_the_adjudicators_name() {
    let mut harness = harness_with(vec![alices_file()]);
    harness.run();
    code_as(&mut harness, "alice");
    harness.get(By::new().label("File").role(Role::Button)).click();
    harness.run();
    harness.get_by_label("Compare coders…").click();
    harness.run();
    harness
        .get_by_label_contains("Paths of the coders' comparisons")
        .focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    let paths = format!(
        "{};{}",
        alices_file().display(),
        fixture("study/bob.stances.ron").display()
    );
    answer_path_prompt(&mut harness, "Paths of the coders' comparisons", &paths, "Compare");
    harness.get_by_label("Who is adjudicating?");
    harness.get_by_label("Adjudicator's name").focus();
    harness.get_by_label("Adjudicator's name").type_text("carol");
    harness.run();
    harness.get_by_label("Adjudicate").click();
    harness.run();
    assert!(harness.state().window_title().contains("consensus of alice and bob"));
    let cmp = harness.state().comparison();
    assert!(cmp.marks().len() > 0);
    assert!(
        cmp.marks().all(|m| m.coder == "carol"),
        "the consensus's marks are the adjudicator's"
    );
}
