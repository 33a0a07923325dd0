//! `stances rounds` run as a process: two rounds built for the test, each demand
//! meeting its own fate (kept, priority lowered, reworded under another id,
//! added, dropped, a range moved), as CSV and as a table; a comparison file's
//! confirmed match counting as a match; and what it says to bad arguments.

mod common;

use common::{data, fixture, run_stances};

fn rounds(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["rounds"];
    all.extend_from_slice(args);
    run_stances(all)
}

fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

#[test]
fn two_position_files_give_one_row_per_demand_with_its_change_and_fields() {
    let (code, out, err) = rounds(&[&path("rounds/old.ron"), &path("rounds/new.ron"), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(header, ["side", "demand", "change", "fields"]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    let expected = [
        ["ua", "ua-ceasefire", "kept", ""],
        ["ua", "ua-prisoners", "changed", "priority"],
        ["ua", "ua-leaders-meeting", "added", ""],
        ["ua", "ua-children", "added", ""],
        ["ua", "ua-summit", "not restated", ""],
        ["ua", "ua-sanctions", "not restated", ""],
        ["ru", "ru-truce", "changed", "value"],
        ["ru", "ru-memorandum", "kept", ""],
        ["ru", "ru-territory", "kept", ""],
    ];
    assert_eq!(rows, expected.map(|r| r.map(str::to_owned).to_vec()));
}

#[test]
fn the_table_says_concessions_and_suggests_the_reworded_demand() {
    let (code, out, err) = rounds(&[&path("rounds/old.ron"), &path("rounds/new.ron")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Rounds: First round (16 May 2025) → Second round (2 June 2025)"),
        "{out}"
    );
    assert!(
        out.contains("Ukraine: 2 added, 2 not restated, 1 changed, 1 kept; 1 concession, 0 hardenings"),
        "{out}"
    );
    assert!(
        out.contains("concession  ua-prisoners: priority lowered from High to Medium"),
        "{out}"
    );
    assert!(
        out.contains("suggested match (") && out.contains("ua-summit → ua-leaders-meeting"),
        "{out}"
    );
    assert!(
        out.contains("concession  ru-truce: range moved towards Ukraine: the gap to Ukraine went from 27 to 23 days"),
        "{out}"
    );
}

/// The committed format 4 file holds a confirmed match and a rejected suggestion.
#[test]
fn a_comparison_files_confirmed_match_counts_as_a_match() {
    let (code, out, err) = rounds(&[&path("rounds-v4.stances.ron"), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ua,ua-leaders-meeting,changed,text\n"), "{out}");
    assert!(!out.contains("ua-summit"), "matched, so not dropped: {out}");
    let (_, table, _) = rounds(&[&path("rounds-v4.stances.ron")]);
    assert!(!table.contains("suggested match"), "nothing left to suggest: {table}");
}

#[test]
fn the_founding_examples_rounds_compare() {
    let (code, out, err) = rounds(&[
        &data("istanbul-2025-05-16.ron").display().to_string(),
        &data("istanbul-2025-06-02.ron").display().to_string(),
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ua,ua-ceasefire,changed,"), "{out}");
    assert!(out.contains("ru,ru-leaders-noted,not restated,\n"), "{out}");
}

#[test]
fn bad_arguments_are_told_what_to_give() {
    let (code, _, err) = rounds(&[&path("rounds/old.ron")]);
    assert_eq!(code, 1);
    assert!(
        err.contains("holds one position file; rounds are compared between two"),
        "{err}"
    );

    let (code, _, err) = rounds(&[&path("rounds-v4.stances.ron"), "--old", "first"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("has no document `first`; its documents are `old`, `new`"),
        "{err}"
    );

    let (code, _, err) = rounds(&[&path("rounds-v4.stances.ron"), &path("rounds/new.ron")]);
    assert_eq!(code, 1);
    assert!(err.contains("holds 2 position files"), "{err}");

    let (code, _, err) = rounds(&[&path("rounds/old.ron"), "missing.ron"]);
    assert_eq!(code, 1);
    assert!(err.contains("missing.ron"), "{err}");
}

/// Each round's gap is measured within that round: Ukraine at least 30 days
/// against Russia's 2–3 is 27 days; in the next round at least 10 against 5, a
/// gap of 5. Both sides' moves say so, and each says how far it moved itself.
#[test]
fn a_gap_is_measured_within_each_round_and_each_sides_move_said_apart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let new = std::fs::read_to_string(path("rounds/new.ron"))
        .expect("fixture")
        .replace(
            "priority: Core, value: (min: 30, unit: \"days\")",
            "priority: Core, value: (min: 10, unit: \"days\")",
        )
        .replace(
            "value: (min: 2, max: 7, unit: \"days\")",
            "value: (min: 5, max: 5, unit: \"days\")",
        );
    let new_path = dir.path().join("new.ron");
    std::fs::write(&new_path, new).expect("written");
    let (code, out, err) = rounds(&[&path("rounds/old.ron"), &new_path.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("ua-ceasefire: range moved towards Russia: the gap to Russia went from 27 to 5 days (its own value went from at least 30 days to at least 10 days)"),
        "{out}"
    );
    assert!(
        out.contains("ru-truce: range moved towards Ukraine: the gap to Ukraine went from 27 to 5 days (its own value went from 2–3 days to 5 days)"),
        "{out}"
    );
}
