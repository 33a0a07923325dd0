//! `stances import` run as a process on spreadsheets: CSV, xlsx and ods read to
//! the same positions; every problem of a bad table said with its line and column,
//! with nothing written; and import → export csv-wide giving the same demands.

mod common;

use std::path::{Path, PathBuf};

use common::write_temp;
use stances::format::parse_position_file;
use stances::model::PositionFile;

fn stances(args: &[&str]) -> (i32, String, String) {
    common::run_stances(args)
}

fn table(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// Imports `path` to standard output and reads the result as a position file.
fn import(args: &[&str]) -> PositionFile {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let (code, out, err) = stances(&all);
    assert_eq!(code, 0, "stances import failed: {err}");
    parse_position_file("imported", &out).unwrap_or_else(|e| panic!("the import does not read back: {e}\n{out}"))
}

/// (side name, issue name, text) of every demand, in file order.
fn demands(p: &PositionFile) -> Vec<(String, String, String)> {
    let issue_name = |id: &str| p.issues.iter().find(|i| i.id == id).expect("issue").name.clone();
    p.sides
        .iter()
        .flat_map(|s| {
            s.demands
                .iter()
                .map(|d| (s.name.clone(), issue_name(&d.issue), d.text.clone()))
        })
        .collect()
}

#[test]
fn a_csv_table_becomes_positions_that_check_accepts() {
    let p = import(&[&table("positions.csv")]);
    let names: Vec<&str> = p.sides.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ukraine", "Russia"], "sides in order of first appearance");
    let issues: Vec<(&str, &str)> = p.issues.iter().map(|i| (i.id.as_str(), i.name.as_str())).collect();
    assert_eq!(
        issues,
        [
            ("ceasefire", "Ceasefire"),
            ("prisoners-of-war", "Prisoners of war"),
            ("fallen-soldiers", "Fallen soldiers")
        ]
    );
    let ua = &p.sides[0].demands[0];
    assert_eq!(ua.id, "ukraine-ceasefire", "an id derived from side and issue");
    assert_eq!(ua.priority, Some(stances::model::Priority::Core));
    assert_eq!(ua.quote.as_deref(), Some("put an end to the killings immediately"));
    assert_eq!(ua.tags, ["ceasefire", "security"]);
    let value = ua.value.as_ref().expect("value");
    assert_eq!((value.min, value.max, value.unit.as_str()), (Some(30.0), None, "days"));
    assert_eq!(p.sources.len(), 1, "one source per distinct title");
    assert_eq!(ua.source.as_deref(), Some(p.sources[0].id.as_str()));
    let truce = &p.sides[1].demands[0];
    assert_eq!(truce.id, "ru-truce", "an id given in the table is kept");
    assert_eq!(truce.note.as_deref(), Some("Offered in the talks,\nnot before."));
    let remains = p.sides[1].demands.last().expect("remains");
    assert_eq!(
        remains.value.as_ref().and_then(|v| v.min),
        Some(12_000.0),
        "12,000 is a number"
    );

    // The written file passes `stances check`, and says where it came from.
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("positions.ron");
    let (code, _, err) = stances(&["import", &table("positions.csv"), "-o", &out.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("5 demands of 2 sides on 3 issues"), "{err}");
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.starts_with("// Positions imported by Stances"), "{text}");
    assert!(text.contains("positions.csv"));
    let (code, checked, _) = stances(&["check", &out.display().to_string()]);
    assert_eq!(code, 0, "{checked}");
    // Importing the same table again gives the same file, ids and all.
    let again = dir.path().join("again.ron");
    stances(&["import", &table("positions.csv"), "-o", &again.display().to_string()]);
    assert_eq!(std::fs::read_to_string(&again).expect("written"), text);
    // An existing file is not overwritten without --force.
    let (code, _, err) = stances(&["import", &table("positions.csv"), "-o", &out.display().to_string()]);
    assert_eq!(code, 1);
    assert!(err.contains("--force"), "{err}");
}

#[test]
fn xlsx_and_ods_read_as_the_same_demands() {
    let xlsx = import(&[&table("positions.xlsx")]);
    let ods = import(&[&table("positions.ods")]);
    assert_eq!(demands(&xlsx), demands(&ods));
    assert_eq!(xlsx, ods, "the same positions, values and priorities");
    assert_eq!(demands(&xlsx).len(), 5);
    assert_eq!(demands(&xlsx)[4].2, "Повернення 12 000 тіл загиблих.");
    let ua = &xlsx.sides[0].demands[0];
    assert_eq!(ua.value.as_ref().and_then(|v| v.min), Some(30.0));
    // Another sheet by name; a sheet that is not there is named with those that are.
    let second = import(&[&table("positions.xlsx"), "--sheet", "Second sheet"]);
    assert_eq!(
        demands(&second),
        [(
            "Ukraine".into(),
            "Sanctions".into(),
            "Keep sanctions until a ceasefire holds.".into()
        )]
    );
    let (code, _, err) = stances(&["import", &table("positions.xlsx"), "--sheet", "Oslo"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no sheet named \"Oslo\"") && err.contains("\"Istanbul\", \"Second sheet\""),
        "{err}"
    );
}

/// Imports `csv` from a file; (exit code, standard error, whether `-o` was written).
fn import_bad(csv: &str) -> (i32, String, bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_temp(&dir, "table.csv", csv);
    let out: PathBuf = dir.path().join("out.ron");
    let (code, _, err) = stances(&["import", &path.display().to_string(), "-o", &out.display().to_string()]);
    // Messages name the file as given; the folder is a temporary one.
    let err = err.replace(&format!("{}/", dir.path().display()), "");
    (code, err, out.exists())
}

#[test]
fn an_unknown_column_is_refused_with_the_nearest_known_one() {
    let (code, err, written) = import_bad("side,issue,txt\nUkraine,Ceasefire,Stop\n");
    assert_eq!(code, 1);
    assert!(!written, "nothing is written");
    assert!(
        err.contains("table.csv:1:txt: unknown column `txt`: did you mean `text`?"),
        "{err}"
    );
    let (_, err, _) = import_bad("side,issue,text,Region\nUkraine,Ceasefire,Stop,Donbas\n");
    assert!(err.contains("table.csv:1:Region: unknown column `Region`"), "{err}");
    assert!(
        err.contains("side, issue, text, id, priority"),
        "the known columns are listed: {err}"
    );
    let (_, err, _) = import_bad("side,text\nUkraine,Stop\n");
    assert!(
        err.contains("table.csv:1: the header row has no `issue` column"),
        "{err}"
    );
}

#[test]
fn every_problem_of_a_bad_table_is_said_with_its_line_and_column() {
    let csv = "side,issue,text,priority,value_min,value_max,unit\n\
               Ukraine,Ceasefire,,High,,,\n\
               Ukraine,Ceasefire,\"A truce\nover two lines\",urgent,,,\n\
               Russia,Ceasefire,Truce,,ten,,days\n\
               Russia,Ceasefire,Truce,,5,3,days\n\
               Russia,Ceasefire,Truce,,30,,\n";
    let (code, err, written) = import_bad(csv);
    assert_eq!(code, 1);
    assert!(!written, "nothing is written when any problem is found");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "table.csv:2:text: the demand's text is empty: write what the side demands",
            "table.csv:3:priority: `urgent` is not a priority; write Core, High, Medium or Low (or leave it empty)",
            // The quoted cell over two lines counts both: the next row is on line 5.
            "table.csv:5:value_min: `ten` is not a number; write digits such as 30, 2.5 or 12000",
            "table.csv:6:value_min: value_min (5) is above value_max (3); swap them",
            "table.csv:7:unit: a value needs a unit (days, km, troops, EUR bn, %…); write it in the unit column",
            "table.csv: 5 problems found; nothing was written",
        ],
        "{err}"
    );
}

#[test]
fn repeated_ids_and_rows_without_side_or_issue_are_refused() {
    let (_, err, _) = import_bad("side,issue,text,id\nUkraine,Ceasefire,Stop,a\nRussia,,Truce,a\n");
    assert!(err.contains("table.csv:3:issue: no issue named"), "{err}");
    assert!(
        err.contains("table.csv:3:id: the id `a` is already the id of the demand on line 2"),
        "{err}"
    );
}

#[test]
fn semicolon_separated_and_windows_1252_tables_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("excel.csv");
    // "Café" and "€" in Windows-1252, separated by semicolons, as Excel writes in much of Europe.
    std::fs::write(&path, b"Side;Issue;Text\r\nCaf\xe9;Money;Pay 5 \x80bn\r\n").expect("written");
    let (code, out, err) = stances(&["import", &path.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Windows-1252"), "the guess is said: {err}");
    let p = parse_position_file("x", &out).expect("reads back");
    assert_eq!(p.sides[0].name, "Café");
    assert_eq!(p.sides[0].demands[0].text, "Pay 5 €bn");
}

#[test]
fn import_then_export_csv_wide_gives_the_same_demands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ron = dir.path().join("positions.ron");
    let (code, _, err) = stances(&["import", &table("positions.csv"), "-o", &ron.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let (code, wide, err) = stances(&["export", &ron.display().to_string(), "--format", "csv-wide"]);
    assert_eq!(code, 0, "{err}");

    // The table's demands, read with the csv crate…
    let mut given: Vec<(String, String, String)> = csv::Reader::from_path(table("positions.csv"))
        .expect("table")
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[0].to_owned(), r[1].to_owned(), r[2].to_owned())
        })
        .collect();
    // …and the wide CSV's, a line per demand in each side's column.
    let mut reader = csv::Reader::from_reader(wide.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    let mut exported = Vec::new();
    for row in reader.records() {
        let row = row.expect("row");
        for (i, name) in header.iter().enumerate() {
            if let Some(side) = name.strip_suffix(": demands") {
                exported.extend(
                    row[i]
                        .lines()
                        .map(|text| (side.to_owned(), row[1].to_owned(), text.to_owned())),
                );
            }
        }
    }
    given.sort();
    exported.sort();
    assert_eq!(exported, given);
}

/// A shared sheet typed by many hands: "Ceasefire", "ceasefire " and "CEASEFIRE"
/// are one issue (named as first written), not three rows of the same issue apart.
#[test]
fn names_that_differ_only_in_case_or_spacing_are_one_side_and_one_issue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_temp(
        &dir,
        "class.csv",
        "side,issue,text\nUkraine,Ceasefire,Thirty days\nukraine , ceasefire ,Everywhere\nUKRAINE,Prisoners,All for all\n",
    );
    let p = import(&[&path.display().to_string()]);
    assert_eq!(p.sides.len(), 1, "one side: {:?}", p.sides);
    assert_eq!(p.sides[0].name, "Ukraine");
    let issues: Vec<&str> = p.issues.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(issues, ["Ceasefire", "Prisoners"]);
    assert_eq!(p.sides[0].demands.len(), 3);
}

/// A workbook whose used range spans the whole grid (one stray cell at
/// XFD1048576) is read cell by cell: three rows, the stray one named by its
/// column, never a rectangle of seventeen billion cells.
#[test]
fn a_workbook_with_a_huge_used_range_is_read_cell_by_cell() {
    let table = common::fixture("import/huge-range.xlsx");
    let (code, _, err) = common::run_stances([std::ffi::OsStr::new("import"), table.as_os_str()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("huge-range.xlsx:1048576: this row has text in column XFD (`stray`)"),
        "{err}"
    );
}

/// `1.5E+06` is a number, and `30k troops` thirty thousand troops where the unit
/// column is empty.
#[test]
fn exponents_and_multipliers_import_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let table = common::write_temp(
        &dir,
        "values.csv",
        "side,issue,text,value_min,unit\nUkraine,Money,Funds,1.5E+06,EUR\nRussia,Troops,Troops,30k troops,\n",
    );
    let (code, out, err) = common::run_stances([std::ffi::OsStr::new("import"), table.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    let positions = stances::format::parse_position_file("out.ron", &out).unwrap();
    let values: Vec<(Option<f64>, String)> = positions
        .sides
        .iter()
        .flat_map(|s| &s.demands)
        .map(|d| {
            let v = d.value.clone().unwrap();
            (v.min, v.unit)
        })
        .collect();
    assert_eq!(
        values,
        [(Some(1.5e6), "EUR".to_owned()), (Some(30_000.0), "troops".to_owned())]
    );
}
