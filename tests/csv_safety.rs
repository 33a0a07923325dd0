//! Every CSV Stances writes is safe to open in a spreadsheet (no cell runs as a
//! formula unless `--raw`), ready for R (round and date columns, a row per
//! unmarked demand), and the wide CSV keeps each demand's statuses beside it.

mod common;

use common::fixture;

fn stances(args: &[&str]) -> (i32, String, String) {
    common::run_stances(args)
}

/// The report fixture with its first mark's note made a formula, and a demand's
/// text given a line break, written to a temporary folder.
fn dangerous(dir: &tempfile::TempDir) -> String {
    let text = std::fs::read_to_string(fixture("report.stances.ron")).expect("fixture");
    let text = text
        .replacen(
            "note: \"30 days everywhere vs. 2–3 days in chosen sectors\"",
            "note: \"=HYPERLINK(\\\"http://example.invalid\\\",\\\"click\\\")\"",
            1,
        )
        .replacen(
            "\"Rejects an unconditional ceasefire.\"",
            "\"Rejects an unconditional\\nceasefire.\"",
            1,
        );
    let path = dir.path().join("dangerous.stances.ron");
    std::fs::write(&path, text).expect("written");
    path.display().to_string()
}

fn records(text: &str) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.expect("row"))
        .collect()
}

#[test]
fn no_exported_cell_starts_a_formula_unless_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dangerous(&dir);
    for format in ["csv", "csv-wide"] {
        let (code, out, err) = stances(&["export", &file, "--format", format]);
        assert_eq!(code, 0, "{err}");
        for row in records(&out) {
            for cell in &row {
                let runs = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!runs, "{format}: a cell would run: {cell:?}");
            }
        }
    }
    let (_, out, _) = stances(&["export", &file, "--format", "csv"]);
    assert!(out.contains("'=HYPERLINK("), "{out}");
    let (_, raw, _) = stances(&["export", &file, "--format", "csv", "--raw"]);
    assert!(raw.contains(",\"=HYPERLINK(") && !raw.contains("'=HYPERLINK("), "{raw}");
}

#[test]
fn bom_starts_the_file_for_excel_on_windows() {
    let (code, out, err) = stances(&[
        "export",
        &fixture("report.stances.ron").display().to_string(),
        "--format",
        "csv",
        "--bom",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("\u{feff}mark,"), "{out}");
    let (_, plain, _) = stances(&[
        "export",
        &fixture("report.stances.ron").display().to_string(),
        "--format",
        "csv",
    ]);
    assert!(plain.starts_with("mark,"));
}

#[test]
fn the_tidy_csv_has_round_and_date_and_a_row_per_unmarked_demand() {
    let (code, out, err) = stances(&[
        "export",
        &fixture("report.stances.ron").display().to_string(),
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows = records(&out);
    let header: Vec<&str> = rows[0].iter().collect();
    assert_eq!(&header[header.len() - 2..], ["round", "date"]);
    let body = &rows[1..];
    assert!(
        body.iter()
            .all(|r| &r[15] == "Istanbul, second round" && &r[16] == "2025-06-02")
    );
    let marked = body.iter().filter(|r| !r[0].is_empty()).count();
    let unmarked: Vec<&str> = body.iter().filter(|r| r[0].is_empty()).map(|r| &r[12]).collect();
    assert!(marked > 0 && !unmarked.is_empty(), "{out}");
    // Every demand of the positions appears, marked or not.
    let demands: std::collections::BTreeSet<&str> = body.iter().map(|r| &r[12]).collect();
    assert_eq!(demands.len(), 15, "{demands:?}");
    // An unmarked demand is not also a marked one.
    for id in &unmarked {
        assert!(!body.iter().any(|r| !r[0].is_empty() && &r[12] == *id), "{id}");
    }
}

#[test]
fn the_wide_csv_joins_statuses_by_semicolons_and_keeps_them_beside_their_demands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = stances(&["export", &dangerous(&dir), "--format", "csv-wide"]);
    assert_eq!(code, 0, "{err}");
    let rows = records(&out);
    let header: Vec<&str> = rows[0].iter().collect();
    let (ru_demands, ru_statuses) = (
        header.iter().position(|h| *h == "Russia: demands").expect("column"),
        header.iter().position(|h| *h == "Russia: statuses").expect("column"),
    );
    let ceasefire = rows.iter().find(|r| &r[0] == "ceasefire").expect("ceasefire row");
    let demands: Vec<&str> = ceasefire[ru_demands].lines().collect();
    // The text with a line break is one line of the cell.
    assert_eq!(demands[0], "Rejects an unconditional ceasefire.");
    assert!(!ceasefire[ru_statuses].contains('\n'), "{:?}", &ceasefire[ru_statuses]);
    let statuses: Vec<&str> = ceasefire[ru_statuses].split("; ").collect();
    assert_eq!(
        statuses.len(),
        demands.len(),
        "one entry per demand: {statuses:?} / {demands:?}"
    );
    // The truce (second demand) is the disputed one; the first has none.
    assert_eq!(statuses, ["(none)", "Disputed"]);
}

#[test]
fn agreement_and_rounds_csvs_go_through_the_same_writer() {
    let alice = fixture("study/alice.stances.ron").display().to_string();
    let bob = fixture("study/bob.stances.ron").display().to_string();
    let (code, out, err) = stances(&["agreement", &alice, &bob, "--format", "csv", "--bom"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("\u{feff}scope,"), "{out}");
    let old = "data/istanbul-2025-05-16.ron";
    let new = "data/istanbul-2025-06-02.ron";
    let (code, out, err) = stances(&["rounds", old, new, "--format", "csv", "--bom"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("\u{feff}side,demand,change,fields"), "{out}");
}

/// What the writer guards, the reader unguards, and nothing else: any text, a
/// leading `'` of the user's own included, reads back as it was written.
#[test]
fn reading_back_removes_exactly_what_the_writer_added() {
    use proptest::prelude::*;
    use stances::format::csv_out::{needs_guard, neutralise, unguarded};
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(&"['=+\\-@＝＋－＠ \u{a0}\t\ra-z0-9.]{0,8}", |text| {
            let written = neutralise(&text);
            prop_assert_eq!(unguarded(&written), text.as_str());
            Ok(())
        })
        .expect("the property holds");
    for cell in [" =1+1", "\u{a0}=SUM(A1)", "＝1+1", "＠cmd", "－2", "'=x", "'quoted"] {
        assert!(needs_guard(cell), "{cell:?}");
        assert!(neutralise(cell).starts_with('\''), "{cell:?}");
    }
    for cell in ["-4", "+2.5", "plain", "a=b"] {
        assert!(!needs_guard(cell), "{cell:?}");
    }
}
