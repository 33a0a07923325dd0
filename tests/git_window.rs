//! What the window does with a comparison git could not merge, a rebase's
//! conflicts, and work saved over by someone else: never a silent loss.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use common::git::{FILE, edit_and_commit, git, mark, repository, restatus, run_in};
use common::{UA_PRISONERS, harness_with};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use stances::io::{load_comparison, save_comparison};
use stances::model::Edit;

/// A repository whose merge driver cannot run, in the middle of a merge that
/// left the comparison as ours (bob's mark missing from the file).
fn left_unmerged() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = repository();
    git(
        &dir,
        &["config", "merge.stances.driver", "/gone/stances merge %O %A %B"],
    );
    git(&dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(&dir, "bob codes", |_| {
        vec![Edit::AddMark(mark(
            "m-c2",
            ("ru", "ru-limited-truce"),
            "disputed",
            "bob",
        ))]
    });
    git(&dir, &["checkout", "-q", "main"]);
    edit_and_commit(&dir, "alice codes", |_| {
        vec![Edit::AddMark(mark(
            "m-c1",
            ("ua", "ua-prisoner-exchange"),
            "agreed",
            "alice",
        ))]
    });
    let (code, out, err) = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    assert_ne!(code, 0, "{out}{err}");
    (tmp, dir)
}

#[test]
fn opening_a_file_git_could_not_merge_offers_to_merge_it_now() {
    let (_tmp, dir) = left_unmerged();
    let path = dir.join(FILE);
    let mut harness = harness_with(vec![path.clone()]);
    harness.run();
    harness.get_by_label("git could not merge this file");
    let notices = harness.state().notices_text();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("`/gone/stances`, which cannot be run any more")),
        "the missing driver is said: {notices:?}"
    );
    harness.get_by_label("Merge it now").click();
    harness.run();
    assert!(harness.query_by_label("git could not merge this file").is_none());
    let notices = harness.state().notices_text();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("Merged") && n.contains("again with Stances")),
        "{notices:?}"
    );
    let marks: Vec<String> = load_comparison(&path)
        .unwrap()
        .comparison
        .marks()
        .map(|m| m.id.clone())
        .collect();
    assert_eq!(marks, ["m-base", "m-c1", "m-c2"], "bob's work is back");
    assert_eq!(harness.state().comparison().marks().len(), 3);
}

#[test]
fn a_rebases_conflicts_name_its_sides_and_saving_says_to_continue_the_rebase() {
    let (_tmp, dir) = repository();
    git(&dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(&dir, "bob recodes", restatus("m-base", "partial", "alice"));
    git(&dir, &["checkout", "-q", "main"]);
    edit_and_commit(&dir, "alice recodes", restatus("m-base", "agreed", "alice"));
    git(&dir, &["checkout", "-q", "bob"]);
    let (code, _, _) = run_in(&dir, "git", &["rebase", "main"]);
    assert_ne!(code, 0);
    let mut harness = harness_with(vec![dir.join(FILE)]);
    harness.run();
    harness.get_by_label("Ours: the branch you are rebasing onto");
    harness.get_by_label_contains("Theirs: your commit");
    harness.get_by_label("Take theirs").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let notices = harness.state().notices_text();
    assert!(
        notices
            .iter()
            .any(|n| n.contains(&format!("run `git add {FILE}`, then `git rebase --continue`"))),
        "{notices:?}"
    );
}

#[test]
fn unsaved_work_is_merged_into_the_version_someone_else_saved() {
    let (_tmp, dir) = repository();
    let path = dir.join(FILE);
    let mut harness = harness_with(vec![path.clone()]);
    harness.run();
    // The user codes in the window, unsaved...
    harness.get_by_label(UA_PRISONERS).click();
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    // ...while a colleague's version lands on disk (a git pull).
    let mut theirs = load_comparison(&path).unwrap().comparison;
    theirs
        .apply(Edit::AddMark(mark(
            "m-bob",
            ("ru", "ru-limited-truce"),
            "disputed",
            "bob",
        )))
        .unwrap();
    save_comparison(&theirs, &path).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("The file changed on disk");
    harness.get_by_label("Merge my work into their version").click();
    harness.run();
    let cmp = harness.state().comparison();
    assert!(cmp.mark("m-bob").is_some(), "their mark is there");
    assert_eq!(cmp.marks().len(), 3, "theirs, the base's and the user's own");
    assert!(harness.state().window_title().contains('●'), "merged, not saved yet");
    // Saving now writes the merge, with no question: it is made from what is on disk.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.query_by_label("The file changed on disk").is_none());
    assert_eq!(load_comparison(&path).unwrap().comparison.marks().len(), 3);
}
