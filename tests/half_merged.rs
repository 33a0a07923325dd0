//! No figure from a half-merged file: `stances agreement`, `export` and `tally`
//! refuse a comparison whose merge conflicts are not settled yet, naming the file,
//! the count and the way out; `--allow-conflicts` computes anyway and the report
//! says so; the window's Export and Compare coders refuse the same way.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use std::path::{Path, PathBuf};

use common::{answer_path_prompt, fixture, harness_with};
use egui::accesskit::Role;
use egui_kittest::kittest::{By, Queryable as _};
use stances::io::{load_comparison, save_comparison};
use stances::model::Stamp;

/// Alice's coding, merged from two branches that recoded her ceasefire mark
/// differently: one conflict left to settle, saved as `alice.stances.ron` in `dir`.
fn half_merged(dir: &Path) -> PathBuf {
    let base = load_comparison(&fixture("study/alice.stances.ron")).unwrap().comparison;
    let id = base
        .marks()
        .find(|m| m.demands.iter().any(|d| d.demand() == "ua-ceasefire"))
        .unwrap()
        .id
        .clone();
    let stamp = Stamp {
        coder: "alice".into(),
        now: "2026-12-02T09:00:00Z".into(),
    };
    let mut ours = base.clone();
    ours.apply(ours.mark_status_edit(&id, "agreed", &stamp).unwrap())
        .unwrap();
    let mut theirs = base.clone();
    theirs
        .apply(theirs.mark_status_edit(&id, "partial", &stamp).unwrap())
        .unwrap();
    let merged = stances::model::merge::merge(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts().len(), 1);
    let path = dir.join("alice.stances.ron");
    save_comparison(&merged, &path).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn agreement_refuses_a_half_merged_file_unless_asked_and_then_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let alice = half_merged(dir.path());
    let bob = fixture("study/bob.stances.ron");
    let (code, out, err) = common::run_stances(["agreement", s(&alice), s(&bob)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.is_empty(), "no figure is printed: {out}");
    assert!(
        err.contains("alice.stances.ron holds 1 unsettled merge conflict"),
        "{err}"
    );
    assert!(err.contains("Conflicts view"), "{err}");
    assert!(err.contains("--allow-conflicts"), "{err}");

    let (code, out, err) = common::run_stances(["agreement", s(&alice), s(&bob), "--allow-conflicts"]);
    assert_eq!(code, 0, "{err}");
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("Warning: ") && first.contains("alice.stances.ron holds 1 unsettled merge conflict"),
        "{out}"
    );
    let (code, csv, err) =
        common::run_stances(["agreement", s(&alice), s(&bob), "--allow-conflicts", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(csv.starts_with("scope,"), "the CSV stays a table: {csv}");
    assert!(err.contains("Warning: "), "the warning goes beside it: {err}");
}

#[test]
fn export_and_tally_refuse_a_half_merged_file_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let alice = half_merged(dir.path());
    for format in ["md", "html", "csv"] {
        let (code, out, err) = common::run_stances(["export", s(&alice), "--format", format]);
        assert_eq!(code, 1, "{format}: {out}");
        assert!(err.contains("holds 1 unsettled merge conflict"), "{format}: {err}");
    }
    let (code, md, err) = common::run_stances(["export", s(&alice), "--format", "md", "--allow-conflicts"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        md.contains("> **Warning: ") && md.contains("holds 1 unsettled merge conflict"),
        "{md}"
    );
    let (code, html, err) = common::run_stances(["export", s(&alice), "--format", "html", "--allow-conflicts"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        html.contains("<p class=\"warning\" role=\"alert\"><strong>Warning: "),
        "{html}"
    );

    let class = dir.path().join("class");
    std::fs::create_dir(&class).unwrap();
    std::fs::copy(&alice, class.join("alice.stances.ron")).unwrap();
    std::fs::copy(fixture("study/bob.stances.ron"), class.join("bob.stances.ron")).unwrap();
    let (code, out, err) = common::run_stances(["tally", s(&class)]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("holds 1 unsettled merge conflict"), "{err}");
    let (code, out, err) = common::run_stances(["tally", s(&class), "--allow-conflicts"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Warning: "), "{out}");
}

#[test]
fn the_windows_export_and_compare_coders_refuse_a_half_merged_file() {
    let dir = tempfile::tempdir().unwrap();
    let alice = half_merged(dir.path());
    let mut harness = harness_with(vec![alice.clone()]);
    harness.run();
    harness.get(By::new().label("File").role(Role::Button)).click();
    harness.run();
    // A menu item's label carries its shortcut too ("Export… Ctrl+E").
    harness.get_by_label_contains("Export…").click();
    harness.run();
    harness.get_by_label("Markdown report (.md)").click();
    harness.run();
    harness.get(By::new().label("Export…").role(Role::Button)).click();
    harness.run();
    let notices = harness.state().notices_text();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("alice.stances.ron holds 1 unsettled merge conflict") && n.contains("export again")),
        "{notices:?}"
    );
    assert!(
        harness.query_by_label_contains("Path to export to").is_none(),
        "no path is asked"
    );

    harness.get(By::new().label("File").role(Role::Button)).click();
    harness.run();
    harness.get_by_label("Compare coders…").click();
    harness.run();
    let paths = format!("{};{}", alice.display(), fixture("study/bob.stances.ron").display());
    harness
        .get_by_label_contains("Paths of the coders' comparisons")
        .focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    answer_path_prompt(&mut harness, "Paths of the coders' comparisons", &paths, "Compare");
    let notices = harness.state().notices_text();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("holds 1 unsettled merge conflict") && n.contains("compare the coders again")),
        "{notices:?}"
    );
    assert!(!harness.state().window_title().contains("consensus"));
}
