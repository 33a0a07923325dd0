//! A class day, as a teacher runs it: the hand-out in a folder; three students
//! in a row on one lab computer (two of them called Maria), each file kept; a
//! list of students saved by Windows Notepad in its "ANSI" code page, with
//! accents; an unchanged copy of the hand-out, another negotiation's file, a
//! half-copied file and a hand-in of 0.3 in the folder. `stances tally` and the
//! window read the same class: its size, who is missing, and the tallies.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use std::path::{Path, PathBuf};

use common::student::{self, UA_REJECTS};
use common::{answer_path_prompt, example_path, harness_of, options, run_stances};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stances::gui::{AppOptions, StancesApp};
use stances::io::{load_comparison, load_position_file, save_comparison};
use stances::model::mark::DemandRef;
use stances::model::{Comparison, Edit, Mark};

/// The teacher's hand-out of the Istanbul round, in the class's folder.
fn hand_out(folder: &Path) -> PathBuf {
    let file = load_position_file(&example_path()).unwrap();
    let cmp = Comparison::from_positions(vec![("data/istanbul-2025-06-02.ron".into(), file)]).unwrap();
    let handout = cmp.handout_copy("Code the two sides' demands.", false).unwrap();
    let path = folder.join("istanbul-handout.stances.ron");
    save_comparison(&handout, &path).unwrap();
    path
}

/// On the open window, a student opens the hand-out, types `name`, gives the
/// Ukrainian rejection the status of `key`, and saves where the window proposes.
fn student_codes(harness: &mut Harness<'static, StancesApp>, handout: &Path, name: &str, key: Key) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    answer_path_prompt(harness, "Path of a comparison", handout.to_str().unwrap(), "Open");
    student::start_as(harness, name);
    student::code_and_ask_to_save(harness, key);
    // The path proposed is the student's; it is taken as it stands.
    harness.get_by_label("Save").click();
    harness.run();
}

fn class_window(folder: &Path) -> Harness<'static, StancesApp> {
    harness_of(
        [1280.0, 720.0],
        AppOptions {
            class: true,
            ..options(vec![folder.to_path_buf()])
        },
    )
}

#[test]
fn a_class_day_is_counted_the_same_by_the_command_line_and_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("seminar");
    std::fs::create_dir(&folder).unwrap();
    let handout = hand_out(&folder);
    let handout_bytes = std::fs::read(&handout).unwrap();

    // Three students in a row on one computer, which remembers no coder.
    let mut lab = harness_of([1280.0, 720.0], options(Vec::new()));
    student_codes(&mut lab, &handout, "Maria", Key::Num3);
    let first_maria = folder.join("istanbul-handout - Maria.stances.ron");
    assert!(first_maria.exists(), "{:?}", lab.state().notices_text());
    student_codes(&mut lab, &handout, "Maria", Key::Num1);
    let second_maria = folder.join("istanbul-handout - Maria (2).stances.ron");
    assert!(
        second_maria.exists(),
        "the second Maria's copy is proposed beside the first's, not over it: {:?}",
        lab.state().notices_text()
    );
    student_codes(&mut lab, &handout, "Zoe", Key::Num3);
    assert_eq!(
        std::fs::read(&handout).unwrap(),
        handout_bytes,
        "the hand-out is untouched"
    );
    assert_eq!(lab.state().coder(), "Zoe", "the student codes in this window…");
    let maria = load_comparison(&first_maria).unwrap();
    assert_eq!(maria.format, 8, "a hand-in records its student");
    let (one, two) = (
        maria.comparison.student().unwrap().clone(),
        load_comparison(&second_maria)
            .unwrap()
            .comparison
            .student()
            .unwrap()
            .clone(),
    );
    assert_eq!((one.name.as_str(), two.name.as_str()), ("Maria", "Maria"));
    assert_ne!(one.id, two.id, "two Marias are two students");

    // The rest of the folder: a list saved as Windows-1252, an unchanged copy of
    // the hand-out, a file of another negotiation, a half-copied file, and a
    // hand-in of 0.3 (no student recorded: the name on its marks).
    let list = "# Seminar B\r\nMaria Lopez\r\nMaria Garcia\r\nZoë Dubois\r\nPriya Nair\r\nTom Byrne\r\nSiobhán O'Connor\r\nKwame Mensah\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(list);
    std::fs::write(folder.join("students.txt"), &bytes).unwrap();
    std::fs::copy(&handout, folder.join("istanbul-handout (1).stances.ron")).unwrap();
    let paris = load_position_file(Path::new("data/paris-2015-12-12.ron")).unwrap();
    let mut other = Comparison::from_positions(vec![("data/paris-2015-12-12.ron".into(), paris)]).unwrap();
    let paris_demand = other.all_demands().next().unwrap();
    let r = other.demand_ref(paris_demand);
    other
        .apply(Edit::AddMark(mark(
            "p1",
            DemandRef::new(r.document(), r.side(), r.demand()),
            "Priya Nair",
        )))
        .unwrap();
    save_comparison(&other, &folder.join("istanbul-handout - Priya Nair.stances.ron")).unwrap();
    let text = std::fs::read_to_string(&first_maria).unwrap();
    std::fs::write(
        folder.join("istanbul-handout - Tom Byrne.stances.ron"),
        &text[..text.len() / 2],
    )
    .unwrap();
    let mut old = load_comparison(&handout).unwrap().comparison;
    old.apply(Edit::AddMark(mark(
        "o1",
        DemandRef::new("istanbul-2025-06-02", "ua", "ua-rejects-limited-truce"),
        "Siobhan O'Connor",
    )))
    .unwrap();
    save_comparison(&old, &folder.join("istanbul-handout - Siobhan O_Connor.stances.ron")).unwrap();

    // The command line.
    let (code, table, err) = run_stances(["tally".as_ref(), folder.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    // Seven on the list, and two Marias the list cannot tell apart (it holds two).
    assert!(table.contains("Class: 9 students;"), "{table}\n{err}");
    // Both Marias, Zoe and Siobhán coded the rejection; five did not.
    assert!(table.contains("3 Disputed · 1 Agreed · 5 not coded"), "{table}");
    for said in [
        "istanbul-handout.stances.ron is the hand-out",
        "1 copy of the hand-out with no student's name",
        "Priya Nair's file",
        "is of another negotiation: UN climate talks (COP21), where the class codes Russia-Ukraine direct talks",
        "Tom Byrne's file cannot be read",
        "but not handed in (3): Maria Lopez, Maria Garcia, Kwame Mensah",
        "not on the list of 7 (2): Maria (istanbul-handout - Maria (2)), Maria (istanbul-handout - Maria)",
    ] {
        assert!(err.contains(said), "`{said}` not in:\n{err}");
    }
    assert!(!err.contains("Zoë"), "Zoe is Zoë Dubois: {err}");
    assert!(!err.contains("Siob"), "Siobhan O_Connor is Siobhán O'Connor: {err}");

    // The window: the same class.
    let mut window = class_window(&folder);
    window.get_by_label("The class (9)");
    window.get_by_label("3 Disputed · 1 Agreed · 5 not coded");
    window.get_by_label_contains("Students (").click();
    window.run();
    window.get_by_label("Not handed in (3 on the list, no file): Maria Lopez, Maria Garcia, Kwame Mensah");
    window.get_by_label(
        "Handed in under a name not on the list (2): Maria (istanbul-handout - Maria (2)), Maria (istanbul-handout - Maria)",
    );
    let notices = window.state().notices_text().join("\n");
    for said in [
        "is the hand-out",
        "Priya Nair's file",
        "Tom Byrne's file cannot be read",
    ] {
        assert!(notices.contains(said), "`{said}` not in:\n{notices}");
    }
    assert!(
        window.state().coder() != "Zoe",
        "a student's name never becomes the computer's coder"
    );
}

#[test]
fn a_save_over_another_students_file_asks_first_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let handout = hand_out(dir.path());
    let mut lab = harness_of([1280.0, 720.0], options(Vec::new()));
    student_codes(&mut lab, &handout, "Ana", Key::Num3);
    let ana = dir.path().join("istanbul-handout - Ana.stances.ron");
    let before = std::fs::read(&ana).unwrap();
    // Ben opens the hand-out and saves, typing Ana's file as his.
    lab.key_press_modifiers(Modifiers::COMMAND, Key::O);
    lab.run();
    answer_path_prompt(&mut lab, "Path of a comparison", handout.to_str().unwrap(), "Open");
    let field = "Your name, as your teacher will see it on your marks";
    assert_eq!(
        lab.get_by_label(field).value().as_deref(),
        Some(""),
        "the name box starts empty for the next student"
    );
    lab.get_by_label(field).focus();
    lab.run();
    lab.get_by_label(field).type_text("Ben");
    lab.run();
    lab.get_by_label("Start coding").click();
    lab.run();
    lab.get_by_label(UA_REJECTS).click();
    lab.run();
    lab.key_press(Key::Num1);
    lab.run();
    lab.key_press_modifiers(Modifiers::COMMAND, Key::S);
    lab.run();
    let hint = "Path to save to";
    lab.get_by_label_contains(hint).focus();
    lab.run();
    lab.key_press_modifiers(Modifiers::COMMAND, Key::A);
    lab.get_by_label_contains(hint).type_text(ana.to_str().unwrap());
    lab.run();
    lab.get_by_label("Save").click();
    lab.run();
    lab.get_by_label_contains("holds Ana's work. Saving Ben's copy there would replace it.");
    lab.get_by_label("Cancel").click();
    lab.run();
    assert_eq!(std::fs::read(&ana).unwrap(), before, "Ana's file is kept");
}

fn mark(id: &str, demand: DemandRef, coder: &str) -> Mark {
    Mark {
        id: id.into(),
        demands: vec![demand],
        status: "disputed".into(),
        note: String::new(),
        coder: coder.into(),
        created: "2026-12-03T09:00:00Z".into(),
        changed: "2026-12-03T09:00:00Z".into(),
        coders_said: Vec::new(),
        changes: Vec::new(),
    }
}
