//! `stances tally` run as a process on a small class whose figures are worked out
//! by hand below, and on a folder of thirty students.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use common::{assert_golden, run_stances};
use stances::io::{load_position_file, save_comparison};
use stances::model::mark::DemandRef;
use stances::model::{Comparison, Edit, Mark};

const DOC: &str = "istanbul-2025-06-02";

fn mark(id: &str, demand: &str, status: &str, coder: &str) -> Mark {
    let side = if demand.starts_with("ua") { "ua" } else { "ru" };
    Mark {
        id: id.into(),
        demands: vec![DemandRef::new(DOC, side, demand)],
        status: status.into(),
        note: format!("{coder}'s reason"),
        coder: coder.into(),
        created: "2026-12-03T09:00:00Z".into(),
        changed: "2026-12-03T09:00:00Z".into(),
        coders_said: Vec::new(),
        changes: Vec::new(),
    }
}

fn handout() -> Comparison {
    let file = load_position_file(&common::example_path()).unwrap();
    Comparison::from_positions(vec![("data/istanbul-2025-06-02.ron".into(), file)]).unwrap()
}

/// Five students: s5 handed in without coding; s3 gave the children's demand two statuses.
fn small_class() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let codes: [(&str, &[(&str, &str)]); 5] = [
        ("s1", &[("ua-ceasefire", "disputed"), ("ru-limited-truce", "partial")]),
        ("s2", &[("ua-ceasefire", "disputed"), ("ru-limited-truce", "agreed")]),
        (
            "s3",
            &[
                ("ua-ceasefire", "partial"),
                ("ua-children", "disputed"),
                ("ua-children", "unaddressed"),
            ],
        ),
        ("s4", &[("ua-ceasefire", "disputed"), ("ua-children", "unaddressed")]),
        ("s5", &[]),
    ];
    for (student, marks) in codes {
        let mut cmp = handout();
        for (n, (demand, status)) in marks.iter().enumerate() {
            cmp.apply(Edit::AddMark(mark(&format!("{student}-{n}"), demand, status, student)))
                .unwrap();
        }
        save_comparison(&cmp, &dir.path().join(format!("{student}.stances.ron"))).unwrap();
    }
    dir
}

fn row<'a>(csv: &'a str, demand: &str) -> Vec<&'a str> {
    csv.lines()
        .find(|l| l.split(',').nth(2) == Some(demand))
        .unwrap_or_else(|| panic!("no row for {demand}:\n{csv}"))
        .split(',')
        .collect()
}

#[test]
fn a_small_class_tallied_by_hand() {
    let dir = small_class();
    let (code, csv, err) = run_stances([
        "tally".into(),
        dir.path().as_os_str().to_owned(),
        "--format".into(),
        "csv".into(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        csv.lines().next(),
        Some(
            "document,side,demand,issue,students,not_coded,agreed,partial,disputed,unaddressed,most_given,most_given_share,majority,pairwise_agreement"
        )
    );
    // 3 disputed, 1 partial, s5 not coded: majority 3/4, pairs agreeing 3 of 6.
    assert_eq!(
        row(&csv, "ua-ceasefire"),
        [
            "istanbul-2025-06-02",
            "ua",
            "ua-ceasefire",
            "ceasefire",
            "5",
            "1",
            "0",
            "1",
            "3",
            "0",
            "disputed",
            "0.7500",
            "disputed",
            "0.5000"
        ]
    );
    // A tie: no status given most, no majority; the one pair disagrees.
    assert_eq!(
        row(&csv, "ru-limited-truce")[4..],
        ["5", "3", "1", "1", "0", "0", "", "", "", "0.0000"]
    );
    // s3's two statuses count as not coding it: one student coded it, no pair.
    assert_eq!(
        row(&csv, "ua-children")[4..],
        ["5", "4", "0", "0", "0", "1", "unaddressed", "1.0000", "unaddressed", ""]
    );
    // Nobody coded it.
    assert_eq!(
        row(&csv, "ru-no-nato")[4..],
        ["5", "5", "0", "0", "0", "0", "", "", "", ""]
    );
    assert_golden("tally.csv", &csv);
    let (code, table, _) = run_stances(["tally".into(), dir.path().as_os_str().to_owned()]);
    assert_eq!(code, 0);
    assert!(table.contains("Class: 5 students; 15 demands."), "{table}");
    assert!(
        table.contains("3 Disputed · 1 Partial · 1 not coded — majority Disputed (75 %), 50 % of pairs agree"),
        "{table}"
    );
}

#[test]
fn students_on_the_list_who_did_not_hand_in_count_as_not_coding() {
    let dir = small_class();
    // Excel on Windows: a BOM and CRLF; s1 in other case; "Tomás" has no file.
    std::fs::write(
        dir.path().join("students.txt"),
        "\u{feff}S1\r\ns2\r\ns3\r\ns4\r\ns5\r\nTomás\r\n",
    )
    .unwrap();
    let (code, csv, err) = run_stances([
        "tally".into(),
        dir.path().as_os_str().to_owned(),
        "--format".into(),
        "csv".into(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("not handed in") && err.contains("Tomás"), "{err}");
    assert!(!err.contains("S1"), "s1 handed in: {err}");
    // Six students now: the ceasefire's 3 disputed and 1 partial of 6, two not coded.
    assert_eq!(row(&csv, "ua-ceasefire")[4..6], ["6", "2"]);
}

#[test]
fn thirty_students_in_a_folder_and_a_stray_file_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let statuses = ["disputed", "partial", "agreed"];
    for s in 0..30 {
        let mut cmp = handout();
        // 18 disputed, 9 partial, 3 agreed.
        let status = statuses[usize::from(s >= 18) + usize::from(s >= 27)];
        cmp.apply(Edit::AddMark(mark(
            &format!("m{s}"),
            "ua-ceasefire",
            status,
            &format!("student {s}"),
        )))
        .unwrap();
        save_comparison(&cmp, &dir.path().join(format!("student-{s:02}.stances.ron"))).unwrap();
    }
    let other = dir.path().join("zz-other.stances.ron");
    std::fs::write(
        &other,
        std::fs::read_to_string(dir.path().join("student-00.stances.ron"))
            .unwrap()
            .replace("ua-ceasefire", "ua-truce"),
    )
    .unwrap();
    let (code, table, err) = run_stances(["tally".into(), dir.path().as_os_str().to_owned()]);
    assert_eq!(code, 0, "{err}");
    assert!(table.contains("Class: 30 students"), "{table}");
    assert!(table.contains("18 Disputed · 9 Partial · 3 Agreed"), "{table}");
    assert!(
        err.contains("Not counted: student 0's file") && err.contains("zz-other.stances.ron"),
        "{err}"
    );
}

/// A FIFO in the class's folder is skipped and said: reading it would wait for a
/// writer forever. Names keep every dot.
#[cfg(unix)]
#[test]
fn a_fifo_in_the_folder_is_skipped_and_a_dotted_name_kept() {
    let dir = small_class();
    let fifo = dir.path().join("pipe.stances.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::fs::rename(dir.path().join("s5.stances.ron"), dir.path().join("J. Doe.stances.ron")).unwrap();
    let (code, table, err) = run_stances(["tally".into(), dir.path().as_os_str().to_owned()]);
    assert_eq!(code, 0, "{err}");
    assert!(table.contains("Class: 5 students"), "{table}");
    assert!(err.contains("pipe.stances.ron: not a regular file, skipped."), "{err}");
    assert!(
        err.contains("Handed in with no mark (counted as coding nothing): J. Doe."),
        "{err}"
    );
}

/// "Majority" only where more than half agree: a demand 2–1–1 has a status
/// given most (Disputed, 50 %) and no majority; the CSV says both.
#[test]
fn the_status_most_given_is_a_majority_only_over_half() {
    let dir = tempfile::tempdir().unwrap();
    for (student, status) in [("a", "disputed"), ("b", "disputed"), ("c", "partial"), ("d", "agreed")] {
        let mut cmp = handout();
        cmp.apply(Edit::AddMark(mark(
            &format!("{student}-0"),
            "ua-ceasefire",
            status,
            student,
        )))
        .unwrap();
        save_comparison(&cmp, &dir.path().join(format!("{student}.stances.ron"))).unwrap();
    }
    let (code, csv, err) = run_stances([
        "tally".into(),
        dir.path().as_os_str().to_owned(),
        "--format".into(),
        "csv".into(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        row(&csv, "ua-ceasefire")[4..],
        ["4", "0", "1", "1", "2", "0", "disputed", "0.5000", "", "0.1667"]
    );
    let (_, table, _) = run_stances(["tally".into(), dir.path().as_os_str().to_owned()]);
    assert!(
        table.contains("2 Disputed · 1 Agreed · 1 Partial — most given Disputed (50 %)"),
        "{table}"
    );
}
