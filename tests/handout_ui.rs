//! The class exercise through the window: a teacher hands out a marked
//! comparison, two students open it, give their names, code and save their own
//! copies, and the class opens with the teacher's examples left out.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use std::path::Path;

use common::{answer_path_prompt, fixture, harness_with};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stances::gui::StancesApp;
use stances::io::load_comparison;

use common::student;

/// A student opens the hand-out, gives `name`, gives one demand the status of
/// `key`, and saves their copy to `to`.
fn student_codes(handout: &Path, name: &str, key: Key, to: &Path) {
    let mut harness = harness_with(vec![handout.to_path_buf()]);
    harness.get_by_label("Mark where the sides meet and clash; say why in a note.");
    student::start_as(&mut harness, name);
    student::code_and_ask_to_save(&mut harness, key);
    answer_path_prompt(&mut harness, "Path to save to", to.to_str().unwrap(), "Save");
    assert!(to.exists(), "the student's own copy is saved");
}

fn hand_out(harness: &mut Harness<'static, StancesApp>, to: &Path) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Hand out to students…").click();
    harness.run();
    let field = "Instruction shown when a student opens it";
    harness.get_by_label(field).focus();
    harness.run();
    harness
        .get_by_label(field)
        .type_text("Mark where the sides meet and clash; say why in a note.");
    harness.run();
    harness.get_by_label_contains("as worked examples").click();
    harness.run();
    harness.get_by_label("Save hand-out…").click();
    harness.run();
    answer_path_prompt(harness, "Path to save the hand-out to", to.to_str().unwrap(), "Save");
}

#[test]
fn a_handout_is_coded_by_two_students_and_read_as_a_class() {
    let dir = tempfile::tempdir().unwrap();
    let handout = dir.path().join("istanbul-handout.stances.ron");
    let mut teacher = harness_with(vec![fixture("study/alice.stances.ron")]);
    hand_out(&mut teacher, &handout);
    teacher.get_by_label_contains("Hand-out saved to");
    let loaded = load_comparison(&handout).unwrap();
    assert_eq!(loaded.format, 6);
    let h = loaded.comparison.handout().unwrap();
    assert_eq!(
        h.instructions,
        "Mark where the sides meet and clash; say why in a note."
    );
    assert_eq!(
        h.examples.len(),
        loaded.comparison.marks().len(),
        "alice's marks kept as examples"
    );
    let before = std::fs::read(&handout).unwrap();

    let class = dir.path().join("class");
    std::fs::create_dir(&class).unwrap();
    student_codes(&handout, "Ana", Key::Num3, &class.join("ana.stances.ron"));
    student_codes(&handout, "Ben", Key::Num4, &class.join("ben.stances.ron"));
    assert_eq!(
        std::fs::read(&handout).unwrap(),
        before,
        "the hand-out itself is untouched"
    );
    let ana = load_comparison(&class.join("ana.stances.ron")).unwrap().comparison;
    assert!(ana.marks().any(|m| m.coder == "Ana" && m.status == "disputed"));

    let mut harness = common::harness_of(
        [1280.0, 720.0],
        stances::gui::AppOptions {
            class: true,
            ..common::options(vec![class.clone()])
        },
    );
    harness.get_by_label_contains("Disagreements (1)").click();
    harness.run();
    // The students are the coders; the teacher's worked examples are no one's coding.
    harness.get_by_label("Ana");
    harness.get_by_label("Ben");
    assert!(
        harness.query_by_label("alice").is_none(),
        "{:?}",
        harness.state().notices_text()
    );
    // A demand the teacher marked as an example is said to be one, its status
    // the teacher's and counted for nobody (not "Majority Disputed (100 %)").
    harness.get_by_label("Tally").click();
    harness.run();
    assert!(
        !harness
            .query_all_by_label_contains("Worked example (the teacher's): ")
            .collect::<Vec<_>>()
            .is_empty(),
        "the class's tally shows the worked examples"
    );
    let (code, out, err) = common::run_stances(["tally".as_ref(), class.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    let mut example_demands: Vec<_> = loaded
        .comparison
        .marks()
        .filter(|m| loaded.comparison.is_example(&m.id))
        .flat_map(|m| m.demands.clone())
        .collect();
    example_demands.sort();
    example_demands.dedup();
    assert_eq!(
        out.matches("Worked example (the teacher's): ").count(),
        example_demands.len(),
        "{out}"
    );
    // Ana and Ben disagree on the one demand they coded: no status has every vote.
    assert!(!out.contains("100 %"), "{out}");
}

/// A hand-out saved into a class folder not made yet makes it; a save that
/// failed says why in words, and its message leaves once a save succeeds.
#[test]
fn a_handout_makes_its_folder_and_a_resolved_save_error_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let mut teacher = harness_with(vec![fixture("study/alice.stances.ron")]);
    let handout = dir.path().join("seminar B").join("istanbul-handout.stances.ron");
    hand_out(&mut teacher, &handout);
    assert!(handout.exists(), "{:?}", teacher.state().notices_text());
    teacher.get_by_label_contains("was created");

    let nowhere = dir.path().join("no such folder").join("mine.stances.ron");
    teacher.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    teacher.run();
    let hint = "Path to save to";
    teacher.get_by_label_contains(hint).focus();
    teacher.run();
    teacher.key_press_modifiers(Modifiers::COMMAND, Key::A);
    teacher.get_by_label_contains(hint).type_text(nowhere.to_str().unwrap());
    teacher.run();
    teacher.get_by_label("Save").click();
    teacher.run();
    let said = teacher
        .state()
        .errors()
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(said.contains("does not exist; choose a folder that does"), "{said}");

    let mine = dir.path().join("mine.stances.ron");
    teacher.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    teacher.run();
    teacher.get_by_label_contains(hint).focus();
    teacher.run();
    teacher.key_press_modifiers(Modifiers::COMMAND, Key::A);
    teacher.get_by_label_contains(hint).type_text(mine.to_str().unwrap());
    teacher.run();
    teacher.get_by_label("Save").click();
    teacher.run();
    assert!(mine.exists());
    assert_eq!(teacher.state().errors().count(), 0, "the failed save's message is gone");
}

/// The teacher's worked examples are read only for a student: shown as such,
/// and a status the student gives their demands is the student's own mark,
/// with no question about changing the teacher's.
#[test]
fn worked_examples_are_read_only_and_a_students_status_is_their_own_mark() {
    const UA_CEASEFIRE: &str =
        "Ukraine: A full and unconditional ceasefire on land, at sea and in the air for at least 30 days.";
    let dir = tempfile::tempdir().unwrap();
    let handout = dir.path().join("istanbul-handout.stances.ron");
    std::fs::copy(fixture("handout-v6.stances.ron"), &handout).unwrap();
    let mut harness = harness_with(vec![handout.clone()]);
    let field = "Your name, as your teacher will see it on your marks";
    harness.get_by_label(field).focus();
    harness.run();
    harness.get_by_label(field).type_text("Ana");
    harness.run();
    harness.get_by_label("Start coding").click();
    harness.run();
    harness.get_by_label(UA_CEASEFIRE).click();
    harness.run();
    harness.get_by_label_contains("A worked example from your teacher (alice): read only.");
    harness.key_press(Key::Num1);
    harness.run();
    assert!(
        harness.query_by_label_contains("alice's mark").is_none(),
        "nothing is asked about the teacher's example"
    );
    let cmp = harness.state().comparison();
    let example = cmp
        .marks()
        .find(|m| m.coder == "alice" && m.id.ends_with("aa0000000000"))
        .unwrap();
    assert_eq!(example.status, "disputed", "the worked example is unchanged");
    assert!(example.changes.is_empty());
    assert!(
        cmp.marks().any(|m| m.coder == "Ana" && m.status == "agreed"),
        "Ana's own mark"
    );
}
