//! A coding study in the window, driven as a user would: open two coders' files,
//! read the agreement figures, go through the disagreements, settle them and save
//! the consensus, then go on with it later.

mod common;

use common::{
    answer_path_prompt, class_of_thirty, example_path, fixture, harness_study, harness_with, study_files, write_temp,
};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use stances::gui::StancesApp;
use stances::model::consensus::Adjudication;

const ALICE_CEASEFIRE_NOTE: &str = "30 days everywhere vs. 2–3 days in chosen sectors";

fn tab(harness: &mut Harness<'static, StancesApp>, name: &str) {
    harness.get_by_label_contains(name).click();
    harness.run();
}

#[test]
fn compare_coders_opens_a_study_with_the_figures_a_reviewer_needs() {
    let mut harness = harness_with(vec![example_path()]);
    harness.get(By::new().label("File").role(Role::Button)).click();
    harness.run();
    harness.get_by_label("Compare coders…").click();
    harness.run();
    let [alice, bob] = &study_files()[..] else {
        unreachable!()
    };
    answer_path_prompt(
        &mut harness,
        "Paths of the coders' comparisons",
        &format!("{};{}", alice.display(), bob.display()),
        "Compare",
    );
    harness.get_by_label("Coding study");
    harness.get_by_label("Agreement between coders");
    // The whole study: 15 demands, 10 coded by both, 2 coders, and the figures of the README.
    harness.get_by_label("Whole study");
    harness.get_by_label("60.0 %");
    harness.get_by_label("0.420");
    harness.get_by_label("0.445");
    assert!(
        harness
            .state()
            .window_title()
            .contains("Untitled consensus of alice and bob")
    );

    // Broken down by issue, each issue gets a row.
    harness.get_by_label("By issue").click();
    harness.run();
    harness.get_by_label("Prisoners of war");
}

#[test]
fn files_of_different_positions_are_refused_saying_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let bob = std::fs::read_to_string(fixture("study/bob.stances.ron")).unwrap();
    let changed = bob.replacen("A full and unconditional ceasefire", "A full ceasefire", 1);
    assert_ne!(bob, changed);
    let bob = write_temp(&dir, "bob.stances.ron", &changed);
    let harness = harness_study(vec![fixture("study/alice.stances.ron"), bob]);
    let errors: Vec<String> = harness.state().errors().map(str::to_owned).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("are not codings of the same positions")
                && e.contains("demand ua-ceasefire of side ua reads differently")),
        "{errors:?}"
    );
    assert!(harness.query_by_label("Coding study").is_none());
}

#[test]
fn the_disagreement_view_shows_each_coders_status_and_note_and_filters() {
    let mut harness = harness_study(study_files());
    tab(&mut harness, "Disagreements (");
    // alice and bob side by side on the ceasefire (her mark covers both sides'
    // demands, so two rows): her note, and a way to take either coder's code.
    assert_eq!(harness.get_all_by_label(ALICE_CEASEFIRE_NOTE).count(), 2);
    assert!(harness.get_all_by_label("Take alice's").count() >= 2);
    assert!(harness.get_all_by_label("Take bob's").count() >= 2);

    // Only bob's disagreements on another issue: the ceasefire row goes.
    harness.get_by_label("Issue").click();
    harness.run();
    harness.get_all_by_label("Prisoners of war").last().unwrap().click();
    harness.run();
    assert!(harness.query_by_label(ALICE_CEASEFIRE_NOTE).is_none());
    harness.get_by_label("Show all").click();
    harness.run();
    assert_eq!(harness.get_all_by_label(ALICE_CEASEFIRE_NOTE).count(), 2);

    // Demands only one coder coded are listed apart.
    tab(&mut harness, "Coded by one coder (");
    harness.get_by_label_contains("Demands only one coder coded");
}

/// Settles the ceasefire as bob coded it, writes a note, and saves the consensus.
#[test]
fn adjudication_is_saved_as_a_consensus_that_records_each_coder() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_study(study_files());
    tab(&mut harness, "Disagreements (");
    let before = harness.state().comparison().marks().len();
    harness.get_all_by_label("Take bob's").next().unwrap().click();
    harness.run();
    assert_eq!(harness.state().comparison().marks().len(), before + 1);
    // The coders linked Ukraine's ceasefire with Russia's truce: both are settled.
    assert_eq!(harness.get_all_by_label_contains("Settled as bob coded it").count(), 2);

    // Undo takes the decision back; redo brings it again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.query_by_label_contains("Settled as bob coded it").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(harness.get_all_by_label_contains("Settled as bob coded it").count(), 2);

    // A note of the adjudicator's own.
    let note = harness.get_all_by_label("Note on the decision").next().unwrap();
    note.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_label("Note on the decision")
        .next()
        .unwrap()
        .type_text("Kyiv's 30 days against Moscow's 2–3: partial at best");
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    // Undo and redo of the typed note (0.2: "Cannot redo: there is no mark").
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    let said = harness.state().notices_text().join("\n");
    assert!(!said.contains("Cannot redo"), "{said}");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let path = dir.path().join("consensus.stances.ron");
    answer_path_prompt(&mut harness, "Path to save to", &path.display().to_string(), "Save");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("format: 3,"), "{}", &text[..200]);
    let saved = stances::format::comparison_file::parse("consensus", &text).unwrap();
    assert!(Adjudication::is_consensus(&saved));
    let decided = saved
        .marks()
        .find(|m| m.note == "Kyiv's 30 days against Moscow's 2–3: partial at best")
        .expect("the decision is saved");
    assert_eq!(decided.status, "partial");
    let said: Vec<(&str, Vec<&str>)> = decided
        .coders_said
        .iter()
        .map(|s| (s.coder.as_str(), s.statuses.iter().map(String::as_str).collect()))
        .collect();
    // What each coder said of each demand of the linked group.
    assert_eq!(
        said,
        [
            ("alice", vec!["disputed"]),
            ("bob", vec!["partial"]),
            ("alice", vec!["disputed"]),
            ("bob", vec!["partial"])
        ]
    );
    assert_eq!(decided.demands.len(), 2);

    // Later: the coders' files and the consensus open again where it was left.
    let mut files = study_files();
    files.push(path);
    let mut again = harness_study(files);
    again.get_by_label_contains("Going on with the consensus of alice and bob: 2 of");
    tab(&mut again, "Disagreements (");
    assert!(again.query_all_by_label_contains("Settled by").count() >= 2);
}

#[test]
fn a_status_of_the_adjudicators_own_settles_a_demand() {
    let mut harness = harness_study(study_files());
    tab(&mut harness, "Disagreements (");
    // Keys that select and mark demands in the columns do nothing unseen here.
    let marks = harness.state().comparison().marks().len();
    harness.key_press(Key::ArrowDown);
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(harness.state().comparison().marks().len(), marks);
    assert!(harness.query_by_label_contains("Settled by").is_none());
    // The first row's status buttons: Agreed is neither alice's nor bob's code for the ceasefire.
    harness.get_all_by_label("Agreed").next().unwrap().click();
    harness.run();
    // The ceasefire's linked group (both sides' demands) is settled at once…
    assert_eq!(harness.get_all_by_label_contains("Settled by").count(), 2);
    // …and cleared at once.
    harness.get_all_by_label("Clear").next().unwrap().click();
    harness.run();
    assert!(harness.query_by_label_contains("Settled by").is_none());
}

#[test]
fn thirty_coders_are_shown_as_tallies_not_thirty_columns() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut harness = common::harness_study(class_of_thirty(&dir));
    tab(&mut harness, "Disagreements (");
    harness.get_by_label("The 30 coders");
    harness.get_by_label("18 Disputed · 9 Partial · 3 Agreed");
    harness.get_by_label_contains("Majority: Disputed (60 %)");
    assert!(harness.query_by_label("student 07").is_none(), "no column per student");
}

#[test]
fn a_class_folder_opens_with_stray_and_empty_files_said() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files = class_of_thirty(&dir);
    let first = std::fs::read_to_string(&files[0]).expect("a student's file");
    // A file of other positions, and a student who handed in without coding.
    std::fs::write(
        dir.path().join("zz-other.stances.ron"),
        first.replace("ua-ceasefire", "ua-truce"),
    )
    .expect("written");
    let handout = first.split("    marks: [").next().expect("the file's start").to_owned()
        + "    marks: [],\n"
        + first
            .split("    view: (")
            .nth(1)
            .map(|v| format!("    view: ({v}"))
            .expect("the view")
            .as_str();
    std::fs::write(dir.path().join("student-30.stances.ron"), handout).expect("written");
    let mut harness = common::harness_of(
        [1280.0, 720.0],
        stances::gui::AppOptions {
            class: true,
            ..common::options(vec![dir.path().to_path_buf()])
        },
    );
    let notices = harness.state().notices_text();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("Not counted: student 00's file") && n.contains("zz-other.stances.ron")),
        "{notices:?}"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.contains("Handed in with no mark") && n.contains("student-30")),
        "{notices:?}"
    );
    tab(&mut harness, "Disagreements (");
    harness.get_by_label("The 30 coders");
    harness.get_by_label("18 Disputed · 9 Partial · 3 Agreed");
}

#[test]
fn a_tally_segment_lists_who_gave_that_status_with_their_notes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files = class_of_thirty(&dir);
    // The one who said Agreed gives a reason.
    let last = &files[29];
    let text = std::fs::read_to_string(last).expect("a student's file");
    std::fs::write(
        last,
        text.replacen("note: \"\"", "note: \"Both want the killing to stop\"", 1),
    )
    .expect("written");
    let mut harness = common::harness_study(files);
    tab(&mut harness, "Disagreements (");
    harness.get_by_label("Agreed: 3").click();
    harness.run();
    harness.get_by_label("Agreed (3)");
    harness.get_by_label("student 29: Both want the killing to stop");
    harness.get_by_label("No note: student 27, student 28");
    harness.get_by_label("Agreed: 3").click();
    harness.run();
    assert!(
        harness.query_by_label("Agreed (3)").is_none(),
        "a second click closes the list"
    );
}

#[test]
fn a_class_sorted_most_divided_first() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files = class_of_thirty(&dir);
    // A second demand the class splits on three ways: 10 Disputed, 10 Agreed, 10
    // Partial (pairs agreeing: 3 × 45 of 435, fewer than the ceasefire's 192).
    for (s, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("a student's file");
        let status = ["disputed", "agreed", "partial"][s % 3];
        let mark = format!(
            "        (\n            id: \"n{s}\",\n            demands: [\n                (\"istanbul-2025-06-02\", \"ru\", \"ru-no-nato\"),\n            ],\n            status: \"{status}\",\n            note: \"\",\n            coder: \"student {s:02}\",\n            created: \"2026-12-03T09:00:00Z\",\n            changed: \"2026-12-03T09:00:00Z\",\n        ),\n    ],\n    view:"
        );
        std::fs::write(path, text.replacen("    ],\n    view:", &mark, 1)).expect("written");
    }
    let mut harness = common::harness_study(files);
    tab(&mut harness, "Disagreements (");
    let top = |harness: &Harness<'static, StancesApp>| {
        harness.get_by_label("18 Disputed · 9 Partial · 3 Agreed").rect().top()
            < harness
                .get_by_label("10 Agreed · 10 Partial · 10 Disputed")
                .rect()
                .top()
    };
    assert!(top(&harness), "by issue: the ceasefire comes first");
    harness.get_by_label("Most divided first").click();
    harness.run();
    assert!(!top(&harness), "most divided first: the three-way split comes first");
}

#[test]
fn the_coders_tab_says_who_coded_what_and_how_often_with_the_majority() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut files = class_of_thirty(&dir);
    // A student who handed in without coding.
    let text = std::fs::read_to_string(&files[0]).expect("a student's file");
    let start = text.find("    marks: [").expect("marks");
    let end = text.find("    view: (").expect("view");
    let empty = dir.path().join("student-30.stances.ron");
    std::fs::write(&empty, format!("{}    marks: [],\n{}", &text[..start], &text[end..])).expect("written");
    files.push(empty);
    let mut harness = common::harness_study(files);
    tab(&mut harness, "Coders (30)");
    harness.get_by_label("Coded nothing (files with no mark): student-30");
    // 18 gave the majority's Disputed; the 12 others did not.
    assert_eq!(harness.query_all_by_label("100 % (1 of 1)").count(), 18);
    assert_eq!(harness.query_all_by_label("0 % (0 of 1)").count(), 12);
}
