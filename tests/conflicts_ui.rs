//! Settling a merge's conflicts in the window: a real `git merge` through the
//! driver, the Conflicts view, the choice, save, `git add`, and the merge onward.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use common::git as team_git;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use stances::io::load_comparison;
use stances::model::Edit;

#[test]
fn a_conflicting_git_merge_is_settled_in_the_window_and_merges_cleanly_onward() {
    let (_tmp, dir, code, output) = team_git::conflicting_merge();
    assert_ne!(code, 0, "{output}");
    let path = dir.join(team_git::FILE);
    let mut harness = common::harness_with(vec![path.clone()]);
    harness.run();
    // Opened on the Conflicts view, saying why.
    harness.get_by_label_contains("comes from a merge with 1 conflict");
    harness.get_by_label("Merge conflicts");
    harness.get_by_label("⚠ Conflicts (1)");
    harness.get_by_label_contains("Mark m-base: status changed differently");
    harness.get_by_label("Ours (main)");
    harness.get_by_label("Theirs (bob)");
    harness.get_by_label(" Agreed ");
    harness.get_by_label(" Partial ");
    // Keep both is offered for a mark; take theirs (bob's partial).
    harness.get_by_label("Keep both");
    harness.get_by_label("Take theirs").click();
    harness.run();
    harness.get_by_label("✔ No merge conflict remains.");
    // Undo brings the conflict back, redo settles it again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label("⚠ Conflicts (1)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    harness.get_by_label("✔ No merge conflict remains.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label_contains("run `git add talks.stances.ron`");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("conflicts:"),
        "no conflicts list once all are settled:\n{text}"
    );
    let settled = load_comparison(&path).unwrap();
    assert_eq!(settled.format, 2, "the oldest format that holds it");
    assert_eq!(settled.comparison.mark("m-base").unwrap().status, "partial");
    team_git::git(&dir, &["add", team_git::FILE]);
    team_git::git(&dir, &["commit", "-q", "--no-edit"]);
    // Bob goes on coding; his next merge into main is clean.
    team_git::git(&dir, &["checkout", "-q", "bob"]);
    team_git::edit_and_commit(&dir, "bob codes on", |_| {
        vec![Edit::AddMark(team_git::mark(
            "m-bob-3",
            ("ru", "ru-no-nato"),
            "disputed",
            "bob",
        ))]
    });
    team_git::git(&dir, &["checkout", "-q", "main"]);
    let (code, out, err) = team_git::run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    assert_eq!(code, 0, "{out}{err}");
    let merged = load_comparison(&path).unwrap().comparison;
    assert!(merged.conflicts().is_empty());
    assert_eq!(merged.mark("m-base").unwrap().status, "partial");
    assert!(merged.mark("m-bob-3").is_some());
}

#[test]
fn the_columns_point_out_a_conflicting_marks_demands() {
    let (_tmp, dir, _, _) = team_git::conflicting_merge();
    let mut harness = common::harness_with(vec![dir.join(team_git::FILE)]);
    harness.run();
    harness.get_by_label("Show in columns").click();
    harness.run();
    let card = harness.get_by_label(common::UA_CEASEFIRE);
    let value = card.value().unwrap_or_default();
    assert!(value.contains("Merge conflict to settle"), "{value}");
    harness.get_by_label_contains("1 demand selected");
    // Settled by hand in the columns, then marked as settled.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num5);
    harness.run();
    harness.get_by_label("Settled as it is").click();
    harness.run();
    harness.get_by_label("✔ No merge conflict remains.");
}

#[test]
fn a_document_changed_on_both_sides_is_settled_by_taking_theirs() {
    use stances::format::comparison_file::to_ron;
    use stances::model::merge::merge;
    let base = load_comparison(&common::fixture("merge/base.stances.ron"))
        .unwrap()
        .comparison;
    let text = to_ron(&base).unwrap();
    let version = |days: &str| {
        let changed = text.replace("for at least 30 days.", &format!("for at least {days} days."));
        stances::format::comparison_file::parse("x.stances.ron", &changed).unwrap()
    };
    let merged = merge(&base, &version("60"), &version("45")).unwrap();
    assert_eq!(merged.conflicts().len(), 1);
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_temp(&dir, "talks.stances.ron", &to_ron(&merged).unwrap());
    let mut harness = common::harness_with(vec![path]);
    harness.run();
    // Settled where the sides clash: the demand's text alone, its three versions in a row.
    harness.get_by_label_contains("Document “istanbul-2025-06-02”: 1 place changed differently");
    assert_eq!(harness.query_all_by_label("demand ua/ua-ceasefire text").count(), 1);
    harness.get_by_label_contains("at least 60 days.");
    harness.get_by_label_contains("at least 45 days.");
    harness.get_by_label("Take theirs").click();
    harness.run();
    harness.get_by_label("✔ No merge conflict remains.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    harness.get_by_label_contains(
        "Ukraine: A full and unconditional ceasefire on land, at sea and in the air for at least 45 days.",
    );
}
