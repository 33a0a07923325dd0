//! `stances agreement` run as a process on coders' comparison files built for the
//! published reference examples (Krippendorff's worked example; two coders over
//! ten demands), and on files it must refuse.

mod common;

use std::path::{Path, PathBuf};

use common::write_temp;
use stances::format::comparison_file::to_ron;
use stances::model::codebook::{Codebook, Status};
use stances::model::position::{Demand, Issue, PositionFile, Side};
use stances::model::{Comparison, DemandRef, Mark, PositionDocument, ViewState};

/// Runs `stances agreement ARGS…`: (exit code, standard output, standard error).
fn agreement(args: &[&str], files: &[PathBuf]) -> (i32, String, String) {
    let mut all: Vec<std::ffi::OsString> = vec!["agreement".into()];
    all.extend(files.iter().map(|f| f.as_os_str().to_owned()));
    all.extend(args.iter().map(std::ffi::OsString::from));
    common::run_stances(all)
}

/// Positions with one side of `units` demands, spread over two issues.
fn positions(units: usize) -> PositionFile {
    let demand = |i: usize| Demand {
        id: format!("d{}", i + 1),
        issue: if i.is_multiple_of(2) { "odd" } else { "even" }.into(),
        text: format!("Demand number {}.", i + 1),
        priority: None,
        quote: None,
        source: None,
        value: None,
        tags: Vec::new(),
        note: None,
    };
    PositionFile {
        format: 1,
        negotiation: Some("Agreement test".into()),
        round: None,
        date: None,
        sources: Vec::new(),
        issues: vec![
            Issue {
                id: "odd".into(),
                name: "Odd demands".into(),
                description: None,
            },
            Issue {
                id: "even".into(),
                name: "Even demands".into(),
                description: None,
            },
        ],
        sides: vec![Side {
            id: "s".into(),
            name: "The side".into(),
            represented_by: None,
            demands: (0..units).map(demand).collect(),
        }],
    }
}

fn codebook(statuses: &[&str]) -> Codebook {
    Codebook {
        id: "test".into(),
        name: "Test".into(),
        statuses: statuses
            .iter()
            .map(|s| Status {
                id: (*s).into(),
                label: (*s).into(),
                color: "#2f9e44".into(),
                key: None,
                description: None,
            })
            .collect(),
    }
}

/// A coder's comparison file: `codes[i]` is the status of demand i, `None` left unmarked.
fn coder_file(dir: &Path, coder: &str, data: &PositionFile, statuses: &[&str], codes: &[Option<&str>]) -> PathBuf {
    let marks = codes
        .iter()
        .enumerate()
        .filter_map(|(i, code)| {
            code.map(|status| Mark {
                id: format!("{coder}-{i:03}"),
                demands: vec![DemandRef::new("positions", "s", format!("d{}", i + 1))],
                status: status.into(),
                note: String::new(),
                coder: coder.into(),
                created: "2026-11-26T09:00:00Z".into(),
                changed: "2026-11-26T09:00:00Z".into(),
                coders_said: Vec::new(),
                changes: Vec::new(),
            })
        })
        .collect();
    let document = PositionDocument {
        id: "positions".into(),
        path: "positions.ron".into(),
        data: data.clone(),
    };
    let cmp = Comparison::new(vec![document], codebook(statuses), marks, ViewState::default()).expect("valid");
    let path = dir.join(format!("{coder}.stances.ron"));
    std::fs::write(&path, to_ron(&cmp).expect("serializes")).expect("written");
    path
}

fn csv_rows(out: &str) -> Vec<Vec<String>> {
    out.lines().map(|l| l.split(',').map(str::to_owned).collect()).collect()
}

#[test]
fn krippendorffs_worked_example_gives_alpha_0_743() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = positions(12);
    let values = ["1", "2", "3", "4", "5"];
    let n = None;
    let coders: [(&str, [Option<&str>; 12]); 4] = [
        (
            "A",
            [
                Some("1"),
                Some("2"),
                Some("3"),
                Some("3"),
                Some("2"),
                Some("1"),
                Some("4"),
                Some("1"),
                Some("2"),
                n,
                n,
                n,
            ],
        ),
        (
            "B",
            [
                Some("1"),
                Some("2"),
                Some("3"),
                Some("3"),
                Some("2"),
                Some("2"),
                Some("4"),
                Some("1"),
                Some("2"),
                Some("5"),
                n,
                Some("3"),
            ],
        ),
        (
            "C",
            [
                n,
                Some("3"),
                Some("3"),
                Some("3"),
                Some("2"),
                Some("3"),
                Some("4"),
                Some("2"),
                Some("2"),
                Some("5"),
                Some("1"),
                n,
            ],
        ),
        (
            "D",
            [
                Some("1"),
                Some("2"),
                Some("3"),
                Some("3"),
                Some("2"),
                Some("4"),
                Some("4"),
                Some("1"),
                Some("2"),
                Some("5"),
                Some("1"),
                n,
            ],
        ),
    ];
    let files: Vec<PathBuf> = coders
        .iter()
        .map(|(coder, codes)| coder_file(dir.path(), coder, &data, &values, codes))
        .collect();
    let (code, out, err) = agreement(&["--format", "csv"], &files);
    assert_eq!(code, 0, "{err}");
    let rows = csv_rows(&out);
    assert_eq!(
        rows[0].join(","),
        "scope,units,pairable_units,coders,percent_agreement,cohen_kappa,krippendorff_alpha"
    );
    assert_eq!(rows[1][..4].join(","), "all,12,11,4", "{out}");
    assert_eq!(rows[1][5], "", "κ is only for two coders: {out}");
    let alpha: f64 = rows[1][6].parse().expect("α is a number");
    assert!((alpha - 0.743).abs() < 0.0005, "{out}");
    assert_eq!(
        rows[1][6].split('.').nth(1).map(str::len),
        Some(4),
        "four decimals: {out}"
    );
    assert_eq!(rows.len(), 2, "no breakdown asked for: {out}");

    let (code, table, _) = agreement(&[], &files);
    assert_eq!(code, 0);
    assert!(table.contains("4 coders (A, B, C, D)"), "{table}");
    assert!(table.contains("0.743"), "{table}");
    assert!(table.contains("κ needs exactly two coders"), "{table}");
}

const A: [&str; 10] = [
    "agreed",
    "disputed",
    "partial",
    "disputed",
    "agreed",
    "unaddressed",
    "disputed",
    "agreed",
    "partial",
    "disputed",
];
const B: [&str; 10] = [
    "agreed",
    "disputed",
    "disputed",
    "disputed",
    "agreed",
    "unaddressed",
    "partial",
    "agreed",
    "partial",
    "agreed",
];
const STATUSES: [&str; 4] = ["agreed", "partial", "disputed", "unaddressed"];

#[test]
fn two_coders_over_ten_demands_give_kappa_0_5775_and_70_percent_by_issue_and_status() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = positions(10);
    let files = vec![
        coder_file(dir.path(), "alice", &data, &STATUSES, &A.map(Some)),
        coder_file(dir.path(), "bob", &data, &STATUSES, &B.map(Some)),
    ];
    let (code, out, err) = agreement(&["--format", "csv"], &files);
    assert_eq!(code, 0, "{err}");
    let rows = csv_rows(&out);
    assert_eq!(
        rows[1].join(","),
        format!("all,10,10,2,70.0000,0.5775,{}", rows[1][6]),
        "{out}"
    );

    let (_, by_issue, _) = agreement(&["--format", "csv", "--by", "issue"], &files);
    let rows = csv_rows(&by_issue);
    let scopes: Vec<&str> = rows.iter().skip(1).map(|r| r[0].as_str()).collect();
    assert_eq!(scopes, ["all", "Odd demands", "Even demands"], "{by_issue}");
    // Demands 1, 3, 5, 7, 9: agreed/agreed, partial/disputed, agreed/agreed, disputed/partial, partial/partial.
    assert_eq!(rows[2][..5].join(","), "Odd demands,5,5,2,60.0000", "{by_issue}");

    let (_, by_status, _) = agreement(&["--format", "csv", "--by", "status"], &files);
    let rows = csv_rows(&by_status);
    // Agreed against the rest: the coders differ on demand 10 only.
    let agreed = rows.iter().find(|r| r[0] == "agreed").expect("a row per status");
    assert_eq!(agreed[..5].join(","), "agreed,10,10,2,90.0000", "{by_status}");
}

#[test]
fn demands_only_one_coder_marked_are_counted_apart_not_as_agreement() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = positions(10);
    let mut half = A.map(Some);
    for code in &mut half[5..] {
        *code = None;
    }
    let files = vec![
        coder_file(dir.path(), "alice", &data, &STATUSES, &A.map(Some)),
        coder_file(dir.path(), "bob", &data, &STATUSES, &half),
    ];
    let (code, out, err) = agreement(&[], &files);
    assert_eq!(code, 0, "{err}");
    // Bob coded the first five like Alice: perfect agreement on 5 units, 5 coded once.
    let all = out
        .lines()
        .find(|l| l.starts_with("all"))
        .expect("a row for the whole study");
    let cells: Vec<&str> = all.split_whitespace().collect();
    assert_eq!(cells[..6], ["all", "10", "5", "5", "0", "2"], "{out}");
    assert!(all.contains("100.0 %"), "{out}");
}

#[test]
fn no_pairable_unit_is_said_in_words_not_nan() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = positions(4);
    let files = vec![
        coder_file(
            dir.path(),
            "alice",
            &data,
            &STATUSES,
            &[Some("agreed"), None, None, None],
        ),
        coder_file(dir.path(), "bob", &data, &STATUSES, &[None, Some("agreed"), None, None]),
    ];
    let (code, csv, _) = agreement(&["--format", "csv"], &files);
    assert_eq!(code, 0);
    assert_eq!(csv.lines().nth(1), Some("all,4,0,2,,,"), "{csv}");
    assert!(!csv.to_lowercase().contains("nan"));
    let (_, table, _) = agreement(&[], &files);
    assert!(table.contains("no unit coded by two coders"), "{table}");
}

#[test]
fn files_of_other_positions_and_position_files_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = positions(4);
    let mut changed = data.clone();
    changed.sides[0].demands[2].text = "Another text.".into();
    let files = vec![
        coder_file(dir.path(), "alice", &data, &STATUSES, &[Some("agreed"); 4]),
        coder_file(dir.path(), "bob", &changed, &STATUSES, &[Some("agreed"); 4]),
    ];
    let (code, out, err) = agreement(&[], &files);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("are not codings of the same positions"), "{err}");
    assert!(err.contains("demand d3 of side s reads differently"), "{err}");

    let position = write_temp(&dir, "positions.ron", &ron::to_string(&data).expect("serializes"));
    let (code, _, err) = agreement(&[], &[files[0].clone(), position]);
    assert_eq!(code, 1);
    assert!(err.contains("positions.ron: this is a position file"), "{err}");
}

#[test]
fn the_readme_study_of_two_coders_gives_the_figures_the_readme_shows() {
    let files = vec![
        common::fixture("study/alice.stances.ron"),
        common::fixture("study/bob.stances.ron"),
    ];
    let (code, csv, err) = agreement(&["--format", "csv", "--by", "side"], &files);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[1], "all,15,10,2,60.0000,0.4203,0.4453", "{csv}");
    assert_eq!(lines[2], "Ukraine,5,4,2,50.0000,0.2727,0.3333", "{csv}");
    let (_, table, _) = agreement(&[], &files);
    assert!(
        table.contains(
            "all       15           10           2          3       2             0       60.0 %      0.420             0.445"
        ),
        "{table}"
    );
}

/// Two coders, one scope nobody coded: κ is undefined because no unit was coded
/// by two coders, not because of the number of coders; an issue named `all` is
/// told apart from the whole study.
#[test]
fn an_uncoded_scope_says_why_and_an_issue_named_all_is_not_the_whole_study() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut data = positions(4);
    data.issues[1].name = "all".into();
    // Both coders code the odd issue's demands (d1, d3) only.
    let alice = coder_file(
        dir.path(),
        "alice",
        &data,
        &["a", "b"],
        &[Some("a"), None, Some("b"), None],
    );
    let bob = coder_file(
        dir.path(),
        "bob",
        &data,
        &["a", "b"],
        &[Some("a"), None, Some("a"), None],
    );
    let (code, out, err) = agreement(&["--by", "issue", "--format", "csv"], &[alice.clone(), bob.clone()]);
    assert_eq!(code, 0, "{err}");
    let rows = csv_rows(&out);
    let scopes: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(scopes, ["scope", "all", "Odd demands", "all (issue)"]);
    // The even issue: no κ, for want of a unit coded by two coders.
    assert_eq!(rows[3][5], "");
    let (_, table, _) = agreement(&["--by", "issue"], &[alice, bob]);
    assert!(table.contains("no unit coded by two coders"), "{table}");
    assert!(!table.contains("needs exactly two coders"), "{table}");
}

/// A comparison of two rounds gives a row per round with `--by document`.
#[test]
fn by_document_gives_a_row_per_round() {
    let alice = common::fixture("rounds-v4.stances.ron");
    let (code, out, err) = agreement(&["--by", "document", "--format", "csv"], &[alice]);
    assert_eq!(code, 0, "{err}");
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 4, "header, all, then one row per round: {out}");
}
