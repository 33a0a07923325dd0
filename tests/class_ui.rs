//! The class view, driven as a teacher would: open a folder of thirty students'
//! files with the class's list, read a demand's tally, see who gave a status and
//! why, narrow and reorder, open the key, see each student against it, and
//! present the class's result with the students' names hidden.

mod common;

use std::path::{Path, PathBuf};

use common::{answer_path_prompt, class_of_thirty, harness_of, options};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use stances::gui::{AppOptions, StancesApp};

/// The class of thirty (18 Disputed, 9 Partial, 3 Agreed on Ukraine's
/// ceasefire), the one who said Agreed last giving a reason, and a list of
/// students naming one more, Zoe, who has not handed in.
fn class_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files = class_of_thirty(&dir);
    let last = &files[29];
    let text = std::fs::read_to_string(last).expect("a student's file");
    std::fs::write(
        last,
        text.replacen("note: \"\"", "note: \"Both want the killing to stop\"", 1),
    )
    .expect("written");
    let mut roster = String::from("# Negotiation seminar, group B\n");
    for s in 0..30 {
        roster.push_str(&format!("Student {s:02}\n"));
    }
    roster.push_str("Zoe\n");
    std::fs::write(dir.path().join("students.txt"), roster).expect("written");
    dir
}

fn open_class(folder: &Path) -> Harness<'static, StancesApp> {
    open_class_in(folder, [1280.0, 720.0])
}

/// Rows out of view are not drawn: a window tall enough for all fifteen, to count them.
fn open_class_in(folder: &Path, size: [f32; 2]) -> Harness<'static, StancesApp> {
    harness_of(
        size,
        AppOptions {
            class: true,
            ..options(vec![folder.to_path_buf()])
        },
    )
}

/// The teacher's own coding: the ceasefire Partial, Russia's limited truce Agreed.
fn teacher_key(dir: &Path) -> PathBuf {
    use stances::io::{load_position_file, save_comparison};
    use stances::model::mark::DemandRef;
    use stances::model::{Comparison, Edit, Mark};
    let file = load_position_file(&common::example_path()).expect("the example loads");
    let mut cmp =
        Comparison::from_positions(vec![("data/istanbul-2025-06-02.ron".into(), file)]).expect("a comparison");
    for (id, side, demand, status) in [
        ("k1", "ua", "ua-ceasefire", "partial"),
        ("k2", "ru", "ru-limited-truce", "agreed"),
    ] {
        cmp.apply(Edit::AddMark(Mark {
            id: id.into(),
            demands: vec![DemandRef::new("istanbul-2025-06-02", side, demand)],
            status: status.into(),
            note: String::new(),
            coder: "the teacher".into(),
            created: "2026-12-03T08:00:00Z".into(),
            changed: "2026-12-03T08:00:00Z".into(),
            coders_said: Vec::new(),
            changes: Vec::new(),
        }))
        .expect("a new mark");
    }
    let path = dir.join("key.stances.ron");
    save_comparison(&cmp, &path).expect("saved");
    path
}

/// Opens the drop-down labelled `label`.
fn combo(harness: &mut Harness<'static, StancesApp>, label: &str) {
    harness
        .get(By::new().label(label).role(egui::accesskit::Role::ComboBox))
        .click();
    harness.run();
}

fn tab(harness: &mut Harness<'static, StancesApp>, name: &str) {
    harness.get_by_label_contains(name).click();
    harness.run();
}

#[test]
fn a_class_opens_on_its_tallies_with_who_said_what_a_click_away() {
    let dir = class_folder();
    let mut harness = open_class(dir.path());
    // Thirty who handed in and Zoe, who did not: 31 students.
    harness.get_by_label("31 students in 30 files, over 15 demands");
    harness.get_by_label("The class (31)");
    harness.get_by_label("18 Disputed · 9 Partial · 3 Agreed · 1 not coded");
    harness.get_by_label_contains("Majority: Disputed (60 %)");
    assert!(
        harness
            .query_by_label("Student 29: Both want the killing to stop")
            .is_none(),
        "notes wait for a click"
    );
    harness.get_by_label("Agreed: 3").click();
    harness.run();
    harness.get_by_label("Student 29: Both want the killing to stop");
    harness.get_by_label("No note: Student 27, Student 28");

    tab(&mut harness, "Students (31)");
    harness.get_by_label("Not handed in (1 on the list, no file): Zoe");
    assert_eq!(
        harness.query_all_by_label("100 % (1 of 1)").count(),
        18,
        "the 18 who gave the status the rest of the class gave most"
    );
}

#[test]
fn rows_out_of_view_are_reached_by_scrolling() {
    // Rows far out of view are not drawn (a frame stays fast with thousands of
    // demands), but skipped over by their height: scrolling reaches the last.
    let dir = class_folder();
    let mut harness = open_class(dir.path());
    let last = "International sanctions on Russia are lifted.";
    assert!(harness.query_by_label(last).is_none(), "the last demand is far below");
    harness.event(egui::Event::PointerMoved(egui::pos2(640.0, 400.0)));
    for _ in 0..20 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -300.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.run();
    }
    harness.get_by_label(last);
}

#[test]
fn a_class_without_a_list_says_how_to_see_who_has_not_handed_in() {
    let dir = class_folder();
    std::fs::remove_file(dir.path().join("students.txt")).expect("removed");
    let mut harness = open_class(dir.path());
    harness.get_by_label("30 students in 30 files, over 15 demands");
    harness.get_by_label("18 Disputed · 9 Partial · 3 Agreed");
    tab(&mut harness, "Students (30)");
    harness.get_by_label_contains("put a list of the students in the class folder: students.txt");
}

#[test]
fn the_class_view_narrows_by_majority_and_issue() {
    let dir = class_folder();
    let mut harness = open_class(dir.path());
    harness.get_by_label("15 demands shown of 15; click a bar's colour to see who gave that status, with their notes.");
    combo(&mut harness, "Most given");
    harness.run();
    harness.get_by_label("Disputed").click();
    harness.run();
    harness.get_by_label("1 demand shown of 15; click a bar's colour to see who gave that status, with their notes.");
    harness.get_by_label("18 Disputed · 9 Partial · 3 Agreed · 1 not coded");
    harness.get_by_label("Show all").click();
    harness.run();
    combo(&mut harness, "Issue");
    harness.run();
    harness
        .get(By::new().label("Prisoners of war").role(egui::accesskit::Role::Button))
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label("18 Disputed · 9 Partial · 3 Agreed · 1 not coded")
            .is_none()
    );
}

#[test]
fn the_key_shows_beside_each_demand_and_each_student() {
    let dir = class_folder();
    let key_dir = tempfile::tempdir().expect("a temporary folder");
    let key = teacher_key(key_dir.path());
    let mut harness = open_class_in(dir.path(), [1280.0, 2400.0]);
    harness.get_by_label("Open key…").click();
    harness.run();
    answer_path_prompt(
        &mut harness,
        "to compare the class with",
        &key.display().to_string(),
        "Open key",
    );
    harness.get_by_label("Key: key");
    harness.get_by_label("9 of 30 agree with it (30 %)");
    // Every demand but the two in the key (the window is tall enough for all fifteen).
    assert_eq!(harness.query_all_by_label("Not in the key").count(), 13);

    tab(&mut harness, "Students (31)");
    harness.get_by_label("With the key");
    // The nine who said Partial agree with the key; everyone else's one code does not.
    assert_eq!(harness.query_all_by_label("100 % (1 of 1)").count(), 18 + 9);
    assert_eq!(harness.query_all_by_label("0 % (0 of 1)").count(), 12 + 21);

    tab(&mut harness, "Tally");
    harness.get_by_label("Put the key away").click();
    harness.run();
    harness.get_by_label("Open key…");
    assert!(harness.query_by_label("9 of 30 agree with it (30 %)").is_none());
}

#[test]
fn a_key_of_other_positions_is_refused_with_why() {
    let dir = class_folder();
    let key_dir = tempfile::tempdir().expect("a temporary folder");
    let key = teacher_key(key_dir.path());
    let text = std::fs::read_to_string(&key).expect("the key");
    std::fs::write(&key, text.replace("ua-ceasefire", "ua-truce")).expect("written");
    let mut harness = open_class(dir.path());
    harness.get_by_label("Open key…").click();
    harness.run();
    answer_path_prompt(
        &mut harness,
        "to compare the class with",
        &key.display().to_string(),
        "Open key",
    );
    let errors: Vec<String> = harness.state().errors().map(str::to_owned).collect();
    assert!(
        errors.iter().any(|e| e.contains("key.stances.ron")),
        "the key's file is named: {errors:?}"
    );
    harness.get_by_label("Open key…");
}

#[test]
fn the_class_result_is_presented_without_names_then_the_key() {
    let dir = class_folder();
    let key_dir = tempfile::tempdir().expect("a temporary folder");
    let key = teacher_key(key_dir.path());
    let mut harness = open_class(dir.path());
    harness.get_by_label("Open key…").click();
    harness.run();
    answer_path_prompt(
        &mut harness,
        "to compare the class with",
        &key.display().to_string(),
        "Open key",
    );
    harness.get_by_label("Present the result").click();
    harness.run();
    harness.get_by_label_contains("Title ·");
    harness.key_press(Key::Space);
    harness.run();
    harness.get_by_label_contains("Issue 1 of");
    harness.get_by_label_contains("· the positions");
    assert!(
        harness.query_by_label("18 Disputed").is_none(),
        "the tallies wait for the next step"
    );

    harness.key_press(Key::Space);
    harness.run();
    harness.get_by_label_contains("· the class");
    for count in ["18 Disputed", "9 Partial", "3 Agreed", "1 not coded"] {
        harness.get_by_label(count);
    }
    assert!(
        harness.query_by_label_contains("Student 29").is_none(),
        "the students' names are hidden on the projector"
    );
    assert!(
        harness.query_by_label("Key: Partial").is_none(),
        "the key waits for its step"
    );
    // N shows who said what, and hides it again.
    harness.key_press(Key::N);
    harness.run();
    harness.get_by_label("Student 29 (Agreed)");
    harness.get_by_label("Both want the killing to stop");
    harness.key_press(Key::N);
    harness.run();
    assert!(harness.query_by_label_contains("Student 29").is_none());

    harness.key_press(Key::Space);
    harness.run();
    harness.get_by_label_contains("· the key");
    harness.get_by_label("Key: Partial");
    harness.get_by_label("9 of 30 agree");
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("Put the key away");
}

#[test]
fn the_tally_follows_the_columns_order() {
    let dir = class_folder();
    let top = |harness: &Harness<'static, StancesApp>, text: &str| harness.get_by_label(text).rect().top();
    let ukraine = "A full and unconditional ceasefire on land, at sea and in the air for at least 30 days.";
    let russia = "Rejects an unconditional ceasefire.";
    let harness = open_class_in(dir.path(), [1280.0, 2400.0]);
    assert!(top(&harness, ukraine) < top(&harness, russia), "Ukraine's column first");
    drop(harness);
    // The hand-out showed Russia's column first: so does the Tally, issue by issue.
    for entry in std::fs::read_dir(dir.path()).expect("the folder") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            let text = std::fs::read_to_string(&path).expect("a student's file");
            let swapped = text
                .replacen(
                    "side: \"ua\",\n            ),\n            (",
                    "side: \"@\",\n            ),\n            (",
                    1,
                )
                .replacen(
                    "side: \"ru\",\n            ),\n        ],",
                    "side: \"ua\",\n            ),\n        ],",
                    1,
                )
                .replacen("side: \"@\",", "side: \"ru\",", 1);
            assert_ne!(swapped, text, "the columns were swapped");
            std::fs::write(&path, swapped).expect("written");
        }
    }
    let harness = open_class_in(dir.path(), [1280.0, 2400.0]);
    assert!(top(&harness, russia) < top(&harness, ukraine), "Russia's column first");
}

#[test]
fn the_welcome_screen_opens_a_class_folder() {
    let dir = class_folder();
    let mut harness = common::harness_of([1280.0, 720.0], options(Vec::new()));
    harness.get_by_label("Open class…").click();
    harness.run();
    answer_path_prompt(
        &mut harness,
        "or of the files themselves separated with",
        &dir.path().display().to_string(),
        "Open class",
    );
    harness.get_by_label("31 students in 30 files, over 15 demands");
    harness.get_by_label("18 Disputed · 9 Partial · 3 Agreed · 1 not coded");
}
