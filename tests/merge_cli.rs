//! `stances merge`, `describe` and `diff` run as processes: goldens, the promises
//! about bytes, and bad input.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use std::path::PathBuf;

use common::{assert_golden, fixture, run_stances};
use stances::format::comparison_file::to_ron;
use stances::io::load_comparison;

fn merge_fixture(name: &str) -> PathBuf {
    fixture(&format!("merge/{name}.stances.ron"))
}

/// Copies a fixture into a temporary folder, so a merge may write over it.
fn copy(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    let to = dir.path().join(format!("{name}.stances.ron"));
    std::fs::copy(merge_fixture(name), &to).unwrap();
    to
}

#[test]
fn a_merge_with_conflicts_writes_a_valid_file_over_ours_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let ours = copy(&dir, "ours");
    let (code, out, err) = run_stances([
        "merge".into(),
        merge_fixture("base").into_os_string(),
        ours.clone().into_os_string(),
        merge_fixture("theirs").into_os_string(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("merged with 3 conflicts (5 marks)"), "{err}");
    assert!(err.contains("mark 9e0d4a11 (status)"), "{err}");
    assert!(err.contains("mark 8b9c0d12 (removed)"), "{err}");
    assert!(err.contains("status partial (label)"), "{err}");
    // The result is the fixture every later version must open.
    assert_eq!(
        std::fs::read_to_string(&ours).unwrap(),
        std::fs::read_to_string(fixture("conflicts-v5.stances.ron")).unwrap()
    );
}

#[test]
fn the_format_5_fixture_loads_and_saves_byte_for_byte() {
    let path = fixture("conflicts-v5.stances.ron");
    let loaded = load_comparison(&path).unwrap();
    assert_eq!(loaded.format, 5);
    let cmp = &loaded.comparison;
    assert_eq!(cmp.conflicts().len(), 3);
    // Non-clashing changes of both sides are in: their note, our status in place.
    let truce = cmp.mark("019ac1a0-5b4e-7d2a-8f31-2c6b9e0d4a11").unwrap();
    assert_eq!(truce.status, "partial");
    assert_eq!(truce.note, "Both accept a truce in principle");
    assert_eq!(to_ron(cmp).unwrap(), std::fs::read_to_string(&path).unwrap());
}

#[test]
fn merging_with_an_untouched_or_identical_side_returns_ours_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let expected = std::fs::read_to_string(merge_fixture("ours")).unwrap();
    for theirs in ["base", "ours"] {
        let ours = copy(&dir, "ours");
        let out = dir.path().join("out.stances.ron");
        let (code, _, err) = run_stances([
            "merge".into(),
            merge_fixture("base").into_os_string(),
            ours.clone().into_os_string(),
            merge_fixture(theirs).into_os_string(),
            "-o".into(),
            out.clone().into_os_string(),
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("merged cleanly"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), expected, "theirs = {theirs}");
        assert_eq!(
            std::fs::read_to_string(&ours).unwrap(),
            expected,
            "ours untouched with -o"
        );
    }
}

#[test]
fn a_clean_merge_exits_0_with_both_sides_marks() {
    let dir = tempfile::tempdir().unwrap();
    let ours = copy(&dir, "ours");
    // Theirs is our own base plus bob's new mark only: nothing clashes.
    let base = std::fs::read_to_string(merge_fixture("base")).unwrap();
    let theirs_text = std::fs::read_to_string(merge_fixture("theirs")).unwrap();
    let bob_mark = &theirs_text[theirs_text.find("        (\n            id: \"019ad001").unwrap()
        ..theirs_text.find("    ],\n    view:").unwrap()];
    let theirs = dir.path().join("theirs.stances.ron");
    std::fs::write(
        &theirs,
        base.replacen("    ],\n    view:", &format!("{bob_mark}    ],\n    view:"), 1),
    )
    .unwrap();
    let (code, _, err) = run_stances([
        "merge".into(),
        merge_fixture("base").into_os_string(),
        ours.clone().into_os_string(),
        theirs.into_os_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let merged = load_comparison(&ours).unwrap().comparison;
    assert_eq!(merged.marks().len(), 5);
    assert!(
        merged.mark("019ad001-2222-7ccc-9ddd-000000000b02").is_some(),
        "bob's mark"
    );
    assert!(
        merged.mark("019ad000-1111-7aaa-8bbb-000000000a01").is_some(),
        "alice's mark"
    );
}

#[test]
fn a_merge_refuses_what_is_not_a_comparison_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ours = copy(&dir, "ours");
    let before = std::fs::read_to_string(&ours).unwrap();
    let broken = common::write_temp(&dir, "broken.stances.ron", "(\n    format: 2,\n    documents: [\n");
    let other = common::write_temp(
        &dir,
        "other.stances.ron",
        &std::fs::read_to_string(merge_fixture("theirs"))
            .unwrap()
            .replace("istanbul-2025-06-02", "minsk-2015"),
    );
    let position = common::example_path();
    for (theirs, says) in [
        (position.as_path(), "this is a position file, not a comparison file"),
        (broken.as_path(), "broken.stances.ron:"),
        (other.as_path(), "share no document"),
    ] {
        let (code, out, err) = run_stances([
            "merge".into(),
            merge_fixture("base").into_os_string(),
            ours.clone().into_os_string(),
            theirs.as_os_str().to_owned(),
        ]);
        assert_eq!(code, 2, "{says}: {out}{err}");
        assert!(err.contains(says), "{err}");
        let name = theirs.file_name().unwrap().to_string_lossy();
        assert!(err.contains(&*name), "names which input: {err}");
        assert_eq!(std::fs::read_to_string(&ours).unwrap(), before, "nothing written");
    }
}

#[test]
fn describe_matches_its_golden_file() {
    let (code, out, err) = run_stances(["describe".into(), fixture("conflicts-v5.stances.ron").into_os_string()]);
    assert_eq!(code, 0, "{err}");
    assert_golden("describe-conflicts.txt", &out);
}

#[test]
fn diff_matches_its_golden_files_in_words_and_csv() {
    let args = |format: &str| {
        vec![
            "diff".into(),
            merge_fixture("ours").into_os_string(),
            merge_fixture("theirs").into_os_string(),
            "--format".into(),
            format.into(),
        ]
    };
    let (code, table, err) = run_stances(args("table"));
    assert_eq!(code, 0, "{err}");
    assert_golden("diff.txt", &table);
    assert!(
        table.contains("status partial: label: Partly agreed → Partial agreement"),
        "{table}"
    );
    let (code, csv, _) = run_stances(args("csv"));
    assert_eq!(code, 0);
    assert_eq!(csv.lines().next(), Some("kind,id,coder,field,old,new"));
    assert_golden("diff.csv", &csv);
}

#[test]
fn diff_of_a_file_with_itself_prints_nothing() {
    let path = fixture("conflicts-v5.stances.ron");
    for format in ["table", "csv"] {
        let (code, out, err) = run_stances([
            "diff".into(),
            path.clone().into_os_string(),
            path.clone().into_os_string(),
            "--format".into(),
            format.into(),
        ]);
        assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    }
}
