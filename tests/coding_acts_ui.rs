//! Two coders on one shared comparison, in the window: every coding act is the
//! act of who made it. Agreeing by key makes a mark of one's own; changing
//! another coder's mark keeps it theirs and records the change as one's own;
//! Keep both on a merge conflict gives each person their own mark; a single
//! mark is given back to its coder; Compare coders opens the shared file; with
//! no name known, the first mark asks for one.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use std::path::{Path, PathBuf};

use common::{RU_TRUCE, UA_CEASEFIRE, answer_path_prompt, fixture, harness_of, options};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use stances::gui::{AppOptions, StancesApp};
use stances::io::{load_comparison, save_comparison};
use stances::model::{Comparison, Stamp};

/// Alice's coding of the Istanbul round, copied to `dir` as the team's shared file.
fn shared_file(dir: &Path) -> PathBuf {
    let path = dir.join("shared.stances.ron");
    std::fs::copy(fixture("study/alice.stances.ron"), &path).unwrap();
    path
}

/// The real app opening `files`, coding as `coder` ("" for nobody named).
fn harness_as(coder: &str, files: Vec<PathBuf>) -> Harness<'static, StancesApp> {
    harness_of(
        [1600.0, 1000.0],
        AppOptions {
            coder: Some(coder.to_owned()),
            ..options(files)
        },
    )
}

fn menu(harness: &mut Harness<'static, StancesApp>, menu: &str, item: &str) {
    harness.get(By::new().label(menu).role(Role::Button)).click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

/// The marks on Ukraine's ceasefire demand, as (coder, status), oldest first.
fn ceasefire_marks(cmp: &Comparison) -> Vec<(String, String)> {
    cmp.marks()
        .filter(|m| m.demands.iter().any(|d| d.demand() == "ua-ceasefire"))
        .map(|m| (m.coder.clone(), m.status.clone()))
        .collect()
}

#[test]
fn agreeing_by_key_makes_a_mark_of_ones_own_that_agreement_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = shared_file(dir.path());
    let mut harness = harness_as("bob", vec![path.clone()]);
    // Alice's Disputed link between the two ceasefire demands: bob selects the
    // same two and presses Disputed (3).
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.get_by_label(RU_TRUCE).click_modifiers(Modifiers::COMMAND);
    harness.run();
    harness.get_by_label("Disputed 4");
    harness.key_press(Key::Num3);
    harness.run();
    // No question: bob agrees, and that is bob's own coding.
    assert!(harness.query_by_label("This mark is alice's").is_none());
    harness.get_by_label("Disputed 5");
    harness.get_by_label("Coded by bob");
    // Pressing it again changes nothing; another status changes bob's mark alone.
    harness.key_press(Key::Num2);
    harness.run();
    assert!(harness.query_by_label("This mark is alice's").is_none());
    harness.get_by_label("Disputed 4");
    harness.key_press(Key::Num3);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = load_comparison(&path).unwrap().comparison;
    assert_eq!(
        ceasefire_marks(&saved),
        [("alice".into(), "disputed".into()), ("bob".into(), "disputed".into())]
    );

    // The shared file alone is a study of two coders.
    menu(&mut harness, "File", "Compare coders…");
    harness
        .get_by_label_contains("Paths of the coders' comparisons")
        .focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    answer_path_prompt(
        &mut harness,
        "Paths of the coders' comparisons",
        path.to_str().unwrap(),
        "Compare",
    );
    // Bob is one of the coders: the adjudicator is asked for.
    harness.get_by_label("Adjudicator's name").focus();
    harness.get_by_label("Adjudicator's name").type_text("carol");
    harness.run();
    harness.get_by_label("Adjudicate").click();
    harness.run();
    assert!(
        harness.state().window_title().contains("consensus of alice and bob"),
        "{} {:?}",
        harness.state().window_title(),
        harness.state().notices_text()
    );
    harness.get_by_label_contains("alice and bob coded");
    harness.get_by_label("No mark was changed by someone other than its coder.");
}

#[test]
fn changing_another_coders_mark_is_shown_as_that_persons_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = shared_file(dir.path());
    let before = dir.path().join("before.stances.ron");
    std::fs::copy(&path, &before).unwrap();
    let mut harness = harness_as("bob", vec![path.clone()]);
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    // Partial (2) on alice's Disputed: asked, and bob chooses to change hers.
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label("This mark is alice's");
    harness.get_by_label("Change alice's mark").click();
    harness.run();
    // Still alice's mark, with bob's change said under it.
    harness.get_by_label("Coded by alice");
    harness.get_by_label_contains("Status changed by bob");
    harness.get_by_label_contains("(was Disputed)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = load_comparison(&path).unwrap();
    assert_eq!(saved.format, 7);
    // The command line says it too: describe, diff and the agreement report.
    let (code, described, err) = common::run_stances([std::ffi::OsStr::new("describe"), path.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    assert!(described.contains("status changed by bob"), "{described}");
    let (code, diff, err) = common::run_stances([std::ffi::OsStr::new("diff"), before.as_os_str(), path.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    assert!(diff.contains("changed by others"), "{diff}");
    assert!(diff.contains("status changed by bob"), "{diff}");
    let other = fixture("study/bob.stances.ron");
    let (code, report, err) =
        common::run_stances([std::ffi::OsStr::new("agreement"), path.as_os_str(), other.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        report.contains("1 mark was changed by someone other than its coder (alice's, changed by bob)"),
        "{report}"
    );
}

#[test]
fn keep_both_gives_each_person_their_own_mark() {
    let dir = tempfile::tempdir().unwrap();
    let base = load_comparison(&fixture("study/alice.stances.ron")).unwrap().comparison;
    let id = base
        .marks()
        .find(|m| m.demands.iter().any(|d| d.demand() == "ua-ceasefire"))
        .unwrap()
        .id
        .clone();
    // Alice recodes her mark Agreed on one branch; bob changes it to Partial on another.
    let mut ours = base.clone();
    let alice = Stamp {
        coder: "alice".into(),
        now: "2026-12-02T09:00:00Z".into(),
    };
    ours.apply(ours.mark_status_edit(&id, "agreed", &alice).unwrap())
        .unwrap();
    let mut theirs = base.clone();
    let bob = Stamp {
        coder: "bob".into(),
        now: "2026-12-02T10:00:00Z".into(),
    };
    theirs
        .apply(theirs.mark_status_edit(&id, "partial", &bob).unwrap())
        .unwrap();
    let merged = stances::model::merge::merge(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts().len(), 1);
    let path = dir.path().join("merged.stances.ron");
    save_comparison(&merged, &path).unwrap();

    let mut harness = harness_as("carol", vec![path.clone()]);
    harness.get_by_label("⚠ Conflicts (1)");
    harness.get_by_label_contains("alice's mark, changed by bob");
    harness.get_by_label("Keep both").click();
    harness.run();
    harness.get_by_label("✔ No merge conflict remains.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = load_comparison(&path).unwrap().comparison;
    let mut marks = ceasefire_marks(&saved);
    marks.sort();
    assert_eq!(
        marks,
        [("alice".into(), "agreed".into()), ("bob".into(), "partial".into())],
        "alice's own version stays hers, bob's change becomes bob's mark"
    );
    assert_eq!(saved.mark(&id).unwrap().coder, "alice");
    assert!(
        saved.marks().all(|m| m.changes.is_empty()),
        "each is now its maker's own"
    );
}

#[test]
fn set_coder_gives_one_selected_mark_back_to_its_coder() {
    let dir = tempfile::tempdir().unwrap();
    let path = shared_file(dir.path());
    // Bob coded a demand on alice's computer, as alice.
    let mut harness = harness_as("alice", vec![path]);
    harness
        .get_by_label("Ukraine: Rejects Russia's offer of a short truce limited to parts of the front line.")
        .click();
    harness.run();
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label("Partial 2");
    menu(&mut harness, "Edit", "Set coder…");
    harness.get_by_label_contains("only the selected mark: alice's Partial on 1 demand");
    harness.get_by_label("to the coder").focus();
    harness.get_by_label("to the coder").type_text("bob");
    harness.run();
    harness.get(By::new().label("Set coder").role(Role::Button)).click();
    harness.run();
    harness.get_by_label("Coded by bob");
    let cmp = harness.state().comparison();
    assert_eq!(cmp.marks().filter(|m| m.coder == "bob").count(), 1);
    assert_eq!(cmp.marks().filter(|m| m.coder == "alice").count(), 8);
}

#[test]
fn with_no_name_known_the_first_mark_asks_who_is_coding() {
    let mut harness = harness_as("", vec![common::example_path()]);
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    harness.get_by_label("Who is coding?");
    assert_eq!(
        harness.state().comparison().marks().len(),
        0,
        "nothing is coded as nobody"
    );
    harness.get_by_label("Your name").type_text("Dana");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.query_by_label("Who is coding?").is_none());
    // The mark was made, as Dana's.
    harness.get_by_label("Coded by Dana");
    harness.get_by_label("Coding as Dana");
    assert_eq!(harness.state().comparison().marks().len(), 1);
}
