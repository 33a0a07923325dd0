//! Work is never lost: a real process is killed mid-work, and the next start offers it back.

mod common;

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{RU_TRUCE, UA_CEASEFIRE, harness_with_autosave, open_founding_example};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

const CHILD_DIR: &str = "STANCES_TEST_CHILD_DIR";
const NOTE: &str = "typed just before the crash";

fn autosaves(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".stances.ron"))
                .collect()
        })
        .unwrap_or_default()
}

/// Steps the app in real time until `done` holds or 10 s pass.
fn step_until(harness: &mut egui_kittest::Harness<'_, stances::gui::StancesApp>, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
        harness.step();
    }
    assert!(done(), "timed out");
}

/// Runs only as the child of `a_killed_process_loses_at_most_the_last_seconds`.
#[test]
#[ignore = "run by another test as a separate process"]
fn child_marks_then_waits_to_be_killed() {
    let Some(dir) = std::env::var_os(CHILD_DIR).map(PathBuf::from) else {
        return;
    };
    let mut harness = harness_with_autosave(vec![], Some(dir.clone()));
    open_founding_example(&mut harness);
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.get_by_label(RU_TRUCE).click_modifiers(Modifiers::COMMAND);
    harness.run();
    harness.key_press(Key::Num3);
    harness.run();
    step_until(&mut harness, || !autosaves(&dir).is_empty());
    let first = std::fs::read_to_string(&autosaves(&dir)[0]).unwrap();
    harness.get_by_label("Note").focus();
    harness.get_by_label("Note").type_text(NOTE);
    harness.run();
    // The note reaches the autosave within the autosave interval.
    step_until(&mut harness, || {
        autosaves(&dir)
            .first()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .is_some_and(|t| t != first && t.contains(NOTE))
    });
    #[expect(clippy::print_stdout, reason = "tells the parent test process the work is autosaved")]
    {
        println!("READY");
    }
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn a_killed_process_loses_at_most_the_last_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_marks_then_waits_to_be_killed",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR, dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let ready = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains("READY"));
    assert!(ready, "the child process got ready");
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    assert_eq!(autosaves(dir.path()).len(), 1, "the killed process left its autosave");

    let mut harness = harness_with_autosave(vec![], Some(dir.path().to_path_buf()));
    harness.get_by_label("Restore unsaved work?");
    harness.get_by_label("Restore").click();
    harness.run();
    harness.get_by_label("Disputed 1");
    let mark = harness.state().comparison().marks().next().unwrap().clone();
    assert_eq!(mark.note, NOTE);
    assert!(
        harness.state().has_unsaved_work(),
        "restored work is unsaved until saved"
    );
    // The child's autosave is gone; the restored, still unsaved work has this process's own.
    let left = autosaves(dir.path());
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(
        left[0]
            .to_string_lossy()
            .contains(&format!("autosave-{}-", std::process::id())),
        "{left:?}"
    );
}

#[test]
fn saving_removes_the_autosave_and_discard_forgets_it() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("work.stances.ron");
    let autosave_dir = dir.path().join("autosave");
    let mut harness = harness_with_autosave(vec![], Some(autosave_dir.clone()));
    open_founding_example(&mut harness);
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(autosaves(&autosave_dir).len(), 1, "unsaved work is autosaved");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness
        .get_by_label_contains("Path to save to")
        .type_text(saved.to_str().unwrap());
    harness.get_by_label("Save").click();
    harness.run();
    assert!(saved.exists());
    assert!(autosaves(&autosave_dir).is_empty(), "saved work needs no autosave");
}

#[test]
fn a_position_file_changed_on_disk_is_offered_for_reload_and_keeps_every_mark() {
    let dir = tempfile::tempdir().unwrap();
    let two = "(format: 1, sides: [(id: \"a\", name: \"Alpha\", demands: [(id: \"a1\", issue: \"x\", text: \"Keep this.\"), (id: \"a2\", issue: \"x\", text: \"Drop this.\")]), (id: \"b\", name: \"Beta\", demands: [(id: \"b1\", issue: \"x\", text: \"Other side.\")])])";
    let path = common::write_temp(&dir, "talks.ron", two);
    let mut harness = harness_with_autosave(vec![path.clone()], None);
    harness.get_by_label("Alpha: Keep this.").click();
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    harness.get_by_label("Alpha: Drop this.").click();
    harness.run();
    harness.key_press(Key::Num3);
    harness.run();

    // A co-author removes one demand and edits another.
    let edited = two
        .replace(", (id: \"a2\", issue: \"x\", text: \"Drop this.\")", "")
        .replace("Keep this.", "Keep this, reworded.");
    std::fs::write(&path, edited).unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    // Shown as the user gave it; watched and reloaded through its canonical path.
    let shown = format!("{} changed on disk.", path.display());
    let start = Instant::now();
    while harness.query_by_label(&shown).is_none() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(200));
        harness.step();
    }
    harness.get_by_label(&shown);
    harness.get_by_label("Reload").hover();
    harness.run();
    harness.get_by_label("Reload").click();
    harness.run();

    harness.get_by_label("Alpha: Keep this, reworded.");
    assert!(harness.query_by_label("Alpha: Drop this.").is_none());
    let cmp = harness.state().comparison();
    assert_eq!(cmp.marks().len(), 2, "no mark is dropped");
    let orphans: Vec<_> = cmp.orphans().map(|m| m.status.clone()).collect();
    assert_eq!(orphans, ["disputed"], "the mark on the removed demand is orphaned");
    harness.get_by_label("Orphaned marks (1)");
    harness.get_by_label_contains("1 mark names a demand no longer there");

    // Undo brings the old version back, and with it the orphan's demand.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label("Alpha: Drop this.");
    assert_eq!(harness.state().comparison().orphans().count(), 0);
}

#[test]
fn another_running_windows_autosave_is_neither_offered_nor_deleted() {
    let dir = tempfile::tempdir().unwrap();
    // Another window, still running: it holds the lock of its autosave slot.
    let other = stances::io::autosave::Autosave::new(dir.path().to_path_buf());
    let mut cmp = stances::model::Comparison::default();
    let file = stances::io::load_position_file(&common::example_path()).unwrap();
    cmp = stances::model::Comparison::from_positions(vec![("x.ron".into(), file)]).unwrap_or(cmp);
    other.write(&cmp, None).unwrap();
    assert_eq!(autosaves(dir.path()).len(), 1);

    let harness = harness_with_autosave(vec![], Some(dir.path().to_path_buf()));
    assert!(
        harness.query_by_label("Restore unsaved work?").is_none(),
        "work of a window still open is not offered"
    );
    drop(harness);
    assert_eq!(autosaves(dir.path()).len(), 1, "and it is not deleted");

    // Once that window is gone (its lock released), the work is offered.
    drop(other);
    let harness = harness_with_autosave(vec![], Some(dir.path().to_path_buf()));
    harness.get_by_label("Restore unsaved work?");
}
