//! Saving and reopening annotated comparisons.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use stances::model::comparison_file::{self, load, save, to_ron};
use stances::model::mark::DemandRef;
use stances::model::{Comparison, Edit, History, Mark, load_position_file};

fn example() -> Comparison {
    let file = load_position_file(&common::example_path()).unwrap();
    Comparison::from_positions("data/istanbul-2025-06-02.ron", file).unwrap()
}

fn mark(id: u64, demands: &[(&str, &str)], status: &str, note: &str) -> Mark {
    Mark {
        id,
        demands: demands.iter().map(|(s, d)| DemandRef::new(*s, *d)).collect(),
        status: status.into(),
        note: note.into(),
        created: "2026-11-25T10:00:00Z".into(),
        changed: "2026-11-25T10:05:00Z".into(),
    }
}

fn annotated() -> Comparison {
    let mut cmp = example();
    cmp.apply(Edit::AddMark(mark(
        1,
        &[("ua", "ua-ceasefire"), ("ru", "ru-limited-truce")],
        "disputed",
        "30 days everywhere vs. 2–3 days in chosen sectors",
    )))
    .unwrap();
    cmp.apply(Edit::AddMark(mark(
        2,
        &[("ua", "ua-prisoner-exchange"), ("ru", "ru-prisoner-exchange")],
        "agreed",
        "",
    )))
    .unwrap();
    cmp.apply(Edit::AddMark(mark(
        3,
        &[("ua", "ua-children")],
        "unaddressed",
        "No Russian answer reported.\nSecond line, \"quoted\".",
    )))
    .unwrap();
    cmp
}

#[test]
fn save_then_load_gives_the_same_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.stances.ron");
    let cmp = annotated();
    save(&cmp, &path).unwrap();
    let back = load(&path).unwrap();
    assert_eq!(back.documents(), cmp.documents());
    assert_eq!(
        back.marks().cloned().collect::<Vec<_>>(),
        cmp.marks().cloned().collect::<Vec<_>>()
    );
    assert_eq!(back.shown_sides(), cmp.shown_sides());
    assert_eq!(back.codebook(), cmp.codebook());
    // Same content, same bytes.
    assert_eq!(to_ron(&back).unwrap(), std::fs::read_to_string(&path).unwrap());
}

#[test]
fn the_saved_file_is_readable_and_one_mark_per_block() {
    let text = to_ron(&annotated()).unwrap();
    assert!(
        text.starts_with("#![enable(implicit_some)]\n(\n    format: 1,\n"),
        "{}",
        &text[..80]
    );
    assert!(text.contains("path: \"data/istanbul-2025-06-02.ron\""));
    assert!(text.contains("shown_sides: [\n        \"ua\",\n        \"ru\",\n    ],"));
    let block = "        (\n            id: 1,\n            demands: [\n                (\"ua\", \"ua-ceasefire\"),\n                (\"ru\", \"ru-limited-truce\"),\n            ],\n            status: \"disputed\",\n";
    assert!(text.contains(block), "{text}");
}

#[test]
fn changing_one_note_changes_one_line() {
    let mut cmp = annotated();
    let before = to_ron(&cmp).unwrap();
    let mut m = cmp.mark(2).unwrap().clone();
    m.note = "Swap took place on 9 June.".into();
    cmp.apply(Edit::ReplaceMark(m)).unwrap();
    let after = to_ron(&cmp).unwrap();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(before.lines().count(), after.lines().count());
}

#[test]
fn a_failed_save_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.stances.ron");
    save(&annotated(), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // A temporary file that cannot be created (a folder is in its place) stops the save before the rename.
    let tmp = dir.path().join(format!(".x.stances.ron.{}.tmp", std::process::id()));
    std::fs::create_dir(&tmp).unwrap();
    let err = save(&example(), &path).unwrap_err();
    assert!(err.contains("could not save"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn marks_naming_missing_demands_load_as_orphans() {
    let mut text = to_ron(&annotated()).unwrap();
    text = text.replace("(\"ua\", \"ua-children\")", "(\"ua\", \"ua-children-gone\")");
    let cmp = comparison_file::parse("x.stances.ron", &text).unwrap();
    let orphans: Vec<u64> = cmp.orphans().map(|m| m.id).collect();
    assert_eq!(orphans, [3]);
    assert_eq!(cmp.marks().len(), 3, "nothing is dropped");
}

#[test]
fn a_newer_format_is_refused_with_the_version_needed() {
    let text = to_ron(&annotated()).unwrap().replacen("format: 1,", "format: 2,", 1);
    let err = comparison_file::parse("x.stances.ron", &text).unwrap_err();
    assert_eq!(err.first_at().map(|a| (a.line, a.col)), Some((3, 13)));
    assert!(
        err.to_string()
            .contains("format 2, written by a newer version of Stances"),
        "{err}"
    );
}

#[test]
fn a_status_not_in_the_codebook_is_located() {
    let text = to_ron(&annotated())
        .unwrap()
        .replacen("status: \"agreed\"", "status: \"agreeed\"", 1);
    let err = comparison_file::parse("x.stances.ron", &text).unwrap_err();
    let line = text.lines().position(|l| l.contains("\"agreeed\"")).unwrap() + 1;
    assert_eq!(err.first_at().map(|a| a.line), Some(line), "{err}");
    assert!(
        err.to_string()
            .contains("status `agreeed`, which is not in the codebook"),
        "{err}"
    );
}

#[test]
fn an_error_in_embedded_positions_points_into_the_comparison_file() {
    let text = to_ron(&annotated())
        .unwrap()
        .replacen("issue: \"children\"", "issue: \"kids\"", 1);
    let err = comparison_file::parse("x.stances.ron", &text).unwrap_err();
    let line = text.lines().position(|l| l.contains("\"kids\"")).unwrap() + 1;
    assert_eq!(err.first_at().map(|a| a.line), Some(line), "{err}");
}

#[test]
fn the_committed_sample_comparison_still_loads() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/istanbul-v1.stances.ron");
    let cmp = load(&path).unwrap();
    assert_eq!(cmp.marks().len(), 3);
    assert_eq!(cmp.mark(1).unwrap().status, "disputed");
}

#[test]
fn undo_and_redo_are_inverses() {
    let mut cmp = example();
    let mut history = History::default();
    let original = to_ron(&cmp).unwrap();
    let edits = vec![
        Edit::AddMark(mark(1, &[("ua", "ua-ceasefire")], "disputed", "")),
        Edit::ShowSide {
            panel: 0,
            side: Some("ru".into()),
        },
        Edit::RemoveMark(1),
        Edit::RemoveDocument { index: 0 },
    ];
    let mut states = vec![original.clone()];
    for edit in edits {
        history.apply(&mut cmp, edit, None).unwrap();
        states.push(to_ron(&cmp).unwrap_or_default());
    }
    for state in states.iter().rev().skip(1) {
        assert!(history.undo(&mut cmp).unwrap());
        assert_eq!(&to_ron(&cmp).unwrap_or_default(), state);
    }
    assert!(!history.is_dirty());
    for state in states.iter().skip(1) {
        assert!(history.redo(&mut cmp).unwrap());
        assert_eq!(&to_ron(&cmp).unwrap_or_default(), state);
    }
}
