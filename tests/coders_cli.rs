//! Who coded what, on the command line: a study finds its coders by the names on
//! their marks, refuses one name in two files unless each file is taken as one
//! coder, and every exported row is named by its mark's coder, never by the
//! position of a file in the list.

mod common;

use std::path::PathBuf;

use common::fixture;
use stances::format::comparison_file::{parse_loaded, to_ron};
use stances::model::{Comparison, Mark};

fn stances(args: &[&str]) -> (i32, String, String) {
    common::run_stances(args)
}

fn read(path: &std::path::Path) -> Comparison {
    let text = std::fs::read_to_string(path).expect("fixture");
    parse_loaded("fixture", &text).expect("loads").comparison
}

/// The study fixture's positions with `marks` only, written to `dir/name`.
fn with_marks(dir: &tempfile::TempDir, name: &str, marks: Vec<Mark>) -> PathBuf {
    let base = read(&fixture("study/alice.stances.ron"));
    let cmp = Comparison::new(
        base.documents().to_vec(),
        base.codebook().clone(),
        marks,
        base.view().clone(),
    )
    .expect("valid");
    let path = dir.path().join(name);
    std::fs::write(&path, to_ron(&cmp).expect("serializes")).expect("written");
    path
}

fn marks_of(file: &str) -> Vec<Mark> {
    read(&fixture(file)).marks().cloned().collect()
}

fn p(path: &std::path::Path) -> String {
    path.display().to_string()
}

/// Today's main labelled bob's rows alice and dropped alice's when a coder's file
/// held no marks: rows follow the marks' coders, whatever the order of the files.
#[test]
fn tidy_rows_are_named_by_the_marks_coder_whatever_the_order_of_the_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = with_marks(&dir, "empty.stances.ron", Vec::new());
    let alice = fixture("study/alice.stances.ron");
    let bob = fixture("study/bob.stances.ron");
    let (code, out, err) = stances(&[
        "export",
        &p(&alice),
        "--format",
        "csv",
        "--coders",
        &p(&empty),
        &p(&bob),
        &p(&alice),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().expect("header").clone();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (mark, coder) = (at("mark"), at("coder"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    for expected in ["alice", "bob"] {
        let ids: Vec<&str> = rows
            .iter()
            .filter(|r| &r[coder] == expected && !r[mark].is_empty())
            .map(|r| &r[mark])
            .collect();
        assert!(!ids.is_empty(), "{expected} has rows");
        // Each coder's rows carry their own marks' ids (bob's are …-bb…, alice's …-aa…).
        let tag = if expected == "bob" { "-bb" } else { "-aa" };
        assert!(ids.iter().all(|id| id.contains(tag)), "{expected}: {ids:?}");
    }
}

#[test]
fn one_coder_name_in_two_files_is_refused_naming_both_and_the_way_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = with_marks(&dir, "alice.stances.ron", marks_of("study/alice.stances.ron"));
    let retest = with_marks(
        &dir,
        "alice-retest.stances.ron",
        marks_of("study/bob.stances.ron")
            .into_iter()
            .map(|mut m| {
                m.coder = "alice".into();
                m
            })
            .collect(),
    );
    let (code, _, err) = stances(&["agreement", &p(&first), &p(&retest)]);
    assert_eq!(code, 1);
    assert!(err.contains("alice has marks in both"), "{err}");
    assert!(
        err.contains("alice.stances.ron") && err.contains("alice-retest.stances.ron"),
        "{err}"
    );
    assert!(err.contains("--coder-per-file"), "the way out is said: {err}");

    // Taken as one coder per file: two coders, named by their files.
    let (code, out, err) = stances(&["agreement", &p(&first), &p(&retest), "--coder-per-file"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 coders (alice, alice (alice-retest))"), "{out}");
}

#[test]
fn one_file_may_hold_several_coders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut both = marks_of("study/alice.stances.ron");
    both.extend(marks_of("study/bob.stances.ron"));
    let team = with_marks(&dir, "team.stances.ron", both);
    let (code, out, err) = stances(&["agreement", &p(&team)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 coders (alice, bob) in 1 file;"), "{out}");
}

/// The consensus's documents may carry other ids than the coders' (a renamed
/// file): the report still finds what each coder said.
#[test]
fn a_report_finds_the_coders_demands_through_renamed_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(fixture("study/alice.stances.ron")).expect("fixture");
    let renamed = text.replace("\"istanbul-2025-06-02\"", "\"june-round\"");
    let report = dir.path().join("renamed.stances.ron");
    std::fs::write(&report, renamed).expect("written");
    let alice = fixture("study/alice.stances.ron");
    let bob = fixture("study/bob.stances.ron");
    let (code, out, err) = stances(&[
        "export",
        &p(&report),
        "--format",
        "csv-wide",
        "--coders",
        &p(&alice),
        &p(&bob),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().expect("header").clone();
    let bob_col = header.iter().position(|h| h == "Ukraine: bob").expect("bob's column");
    let said: String = reader.records().map(|r| r.expect("row")[bob_col].to_owned()).collect();
    assert!(said.contains("Partial"), "bob's statuses are found: {said:?}");
}

#[test]
fn coder_names_are_escaped_in_markdown_tables() {
    let dir = tempfile::tempdir().expect("temp dir");
    let piped: Vec<Mark> = marks_of("study/bob.stances.ron")
        .into_iter()
        .map(|mut m| {
            m.coder = "bob|smith".into();
            m
        })
        .collect();
    let bob = with_marks(&dir, "bob.stances.ron", piped);
    let alice = fixture("study/alice.stances.ron");
    let (code, out, err) = stances(&["export", &p(&alice), "--format", "md", "--coders", &p(&alice), &p(&bob)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("bob\\|smith"), "{out}");
    assert!(!out.contains("bob|smith"), "{out}");
}
