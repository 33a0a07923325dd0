//! `stances import` on spreadsheets as people export them: Excel in Germany
//! (`;`, decimal commas, CRLF, a byte order mark), numbers with their unit in the
//! cell, quoted cells with line breaks, rows longer than the header, empty rows,
//! columns to leave out, and Stances' own CSV read back.

mod common;

use common::write_temp;
use stances::format::parse_position_file;
use stances::model::PositionFile;

fn stances(args: &[&str]) -> (i32, String, String) {
    common::run_stances(args)
}

/// Imports `bytes` saved as `name`: (exit code, the positions if any, standard error).
fn import_bytes(name: &str, bytes: &[u8], extra: &[&str]) -> (i32, Option<PositionFile>, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("written");
    let mut args = vec!["import", path.to_str().expect("path")];
    args.extend(extra);
    let (code, out, err) = stances(&args);
    let positions = (code == 0).then(|| parse_position_file("imported", &out).expect("reads back"));
    (code, positions, err)
}

/// Each demand's (text, min, max, unit).
fn values(p: &PositionFile) -> Vec<(String, Option<f64>, Option<f64>, String)> {
    p.sides
        .iter()
        .flat_map(|s| &s.demands)
        .filter_map(|d| {
            let v = d.value.as_ref()?;
            Some((d.text.clone(), v.min, v.max, v.unit.clone()))
        })
        .collect()
}

#[test]
fn excel_in_germany_reads_decimal_commas_and_thousands_points() {
    let csv = "\u{feff}Side;Issue;Text;value_min;value_max;Unit\r\n\
               Ukraine;Money;Reparations;12.000;;EUR bn\r\n\
               Russia;Money;Fees;2,5 €;;\r\n\
               Russia;Time;Pause;0,125;1.234,5;years\r\n\
               Ukraine;Time;Truce;1,5€;;\r\n";
    let (code, p, err) = import_bytes("excel.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    let mut got = values(&p.expect("positions"));
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        [
            ("Fees".to_owned(), Some(2.5), None, "€".to_owned()),
            ("Pause".to_owned(), Some(0.125), Some(1234.5), "years".to_owned()),
            ("Reparations".to_owned(), Some(12000.0), None, "EUR bn".to_owned()),
            ("Truce".to_owned(), Some(1.5), None, "€".to_owned()),
        ]
    );
    assert!(err.contains("`,` as the decimal mark"), "the convention is said: {err}");
}

#[test]
fn a_comma_separated_file_reads_commas_as_thousands() {
    let csv = "side,issue,text,value_min,unit\nUkraine,Troops,Withdraw,\"12,000\",troops\nRussia,Time,Wait,30 days,\n";
    let (code, p, err) = import_bytes("points.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    let got = values(&p.expect("positions"));
    assert_eq!(got[0].1, Some(12000.0));
    assert_eq!((got[1].1, got[1].3.as_str()), (Some(30.0), "days"));
}

#[test]
fn decimal_overrides_the_files_convention() {
    let csv = "side;issue;text;value_min;unit\r\nUkraine;Troops;Withdraw;12.000;km\r\n";
    let (code, p, err) = import_bytes("points.csv", csv.as_bytes(), &["--decimal", "point"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(values(&p.expect("positions"))[0].1, Some(12.0));
}

#[test]
fn a_number_of_the_other_convention_is_refused_with_both_readings() {
    let csv = "side;issue;text;value_min;unit\r\nUkraine;Troops;Withdraw;2.5;km\r\n";
    let (code, _, err) = import_bytes("mixed.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 1);
    assert!(err.contains("mixed.csv:2:value_min:"), "{err}");
    assert!(
        err.contains("`2.5` is not a number with `,` as the decimal mark"),
        "{err}"
    );
    assert!(err.contains("write 2,5") && err.contains("--decimal point"), "{err}");
}

#[test]
fn a_unit_in_the_cell_must_agree_with_the_unit_column() {
    let csv = "side,issue,text,value_min,unit\nUkraine,Time,Wait,30 days,km\n";
    let (code, _, err) = import_bytes("units.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("units.csv:2:value_min:") && err.contains("`days`") && err.contains("`km`"),
        "{err}"
    );
    // The same unit in both is fine.
    let csv = "side,issue,text,value_min,unit\nUkraine,Time,Wait,30 days,Days\n";
    assert_eq!(import_bytes("units.csv", csv.as_bytes(), &[]).0, 0);
}

#[test]
fn no_cell_crashes_the_import() {
    for cell in [
        "2,5 €",
        "1,5€",
        "€",
        "5€€",
        "12,€00",
        "٣٠",
        "３０ 日",
        "−4,5 ₴",
        "30–40 days",
    ] {
        let csv = format!("side;issue;text;value_min;unit\r\nA;B;C;{cell};\r\n");
        let (code, _, err) = import_bytes("cells.csv", csv.as_bytes(), &[]);
        assert!(code == 0 || code == 1, "{cell}: exit {code}: {err}");
        assert!(!err.contains("panicked"), "{cell}: {err}");
    }
}

#[test]
fn error_lines_are_the_files_lines_with_crlf_and_quoted_line_breaks() {
    let csv = "side;issue;text\r\nUkraine;Ceasefire;\"Thirty days,\r\nthen talks\"\r\nRussia;;Truce\r\n";
    let (code, _, err) = import_bytes("lines.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 1);
    assert!(err.contains("lines.csv:4:issue:"), "the row starts on line 4: {err}");
}

#[test]
fn a_row_longer_than_the_header_is_refused_and_a_shorter_one_read() {
    let csv = "side,issue,text\nUkraine,Ceasefire,Thirty days,everywhere\nRussia,Ceasefire\n";
    let (code, _, err) = import_bytes("long.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 1);
    assert!(err.contains("long.csv:2:") && err.contains("`everywhere`"), "{err}");
    // The short row is read, its text missing.
    assert!(err.contains("long.csv:3:text:"), "{err}");
}

#[test]
fn empty_rows_and_a_leading_empty_row_are_skipped() {
    let csv = ";;\r\nside;issue;text\r\n;;\r\nUkraine;Ceasefire;Thirty days\r\n\r\n";
    let (code, p, err) = import_bytes("gaps.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(p.expect("positions").demand_count(), 1);
}

#[test]
fn an_ignored_column_imports_without_it() {
    let csv = "side,issue,text,Region\nUkraine,Ceasefire,Stop,Donbas\n";
    let (code, _, err) = import_bytes("extra.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 1);
    assert!(err.contains("--ignore-column \"Region\""), "the way out is said: {err}");
    let (code, p, err) = import_bytes("extra.csv", csv.as_bytes(), &["--ignore-column", "region"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(p.expect("positions").demand_count(), 1);
}

#[test]
fn stances_own_csv_escaping_is_undone_on_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    let table = write_temp(&dir, "t.csv", "side,issue,text,note\nA,B,'=1+1,'@mention\n");
    let (code, out, err) = stances(&["import", table.to_str().expect("path")]);
    assert_eq!(code, 0, "{err}");
    let p = parse_position_file("x", &out).expect("reads");
    assert_eq!(p.sides[0].demands[0].text, "=1+1");
    assert_eq!(p.sides[0].demands[0].note.as_deref(), Some("@mention"));
}
