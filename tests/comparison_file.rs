//! Saving and reopening annotated comparisons (formats 2 and 3), and format 1 files converted.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use stances::format::comparison_file::{self, parse, to_ron};
use stances::io::{load_comparison, load_position_file, save_comparison};
use stances::model::mark::DemandRef;
use stances::model::{Column, Comparison, Document, Edit, Mark, PositionDocument, ViewState};

const DOC: &str = "istanbul-2025-06-02";

fn example() -> Comparison {
    let file = load_position_file(&common::example_path()).unwrap();
    Comparison::from_positions(vec![("data/istanbul-2025-06-02.ron".into(), file)]).unwrap()
}

fn mark(id: &str, demands: &[(&str, &str)], status: &str, note: &str) -> Mark {
    Mark {
        id: id.into(),
        demands: demands.iter().map(|(s, d)| DemandRef::new(DOC, *s, *d)).collect(),
        status: status.into(),
        note: note.into(),
        coder: "alice".into(),
        created: "2026-11-25T10:00:00Z".into(),
        changed: "2026-11-25T10:05:00Z".into(),
        coders_said: Vec::new(),
        changes: Vec::new(),
    }
}

fn annotated() -> Comparison {
    let mut cmp = example();
    cmp.apply(Edit::AddMark(mark(
        "m1",
        &[("ua", "ua-ceasefire"), ("ru", "ru-limited-truce")],
        "disputed",
        "30 days everywhere vs. 2–3 days in chosen sectors",
    )))
    .unwrap();
    cmp.apply(Edit::AddMark(mark(
        "m2",
        &[("ua", "ua-prisoner-exchange"), ("ru", "ru-prisoner-exchange")],
        "agreed",
        "",
    )))
    .unwrap();
    cmp.apply(Edit::AddMark(mark(
        "m3",
        &[("ua", "ua-children")],
        "unaddressed",
        "No Russian answer reported.\nSecond line, \"quoted\".",
    )))
    .unwrap();
    cmp
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[track_caller]
fn assert_same(a: &Comparison, b: &Comparison) {
    assert_eq!(a.documents(), b.documents());
    assert_eq!(
        a.marks().cloned().collect::<Vec<_>>(),
        b.marks().cloned().collect::<Vec<_>>()
    );
    assert_eq!(a.codebook(), b.codebook());
    assert_eq!(a.view(), b.view());
}

#[test]
fn save_then_load_gives_the_same_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.stances.ron");
    let cmp = annotated();
    save_comparison(&cmp, &path).unwrap();
    let back = load_comparison(&path).unwrap();
    assert_eq!(back.format, 2);
    assert_same(&back.comparison, &cmp);
    // Same content, same bytes.
    assert_eq!(
        to_ron(&back.comparison).unwrap(),
        std::fs::read_to_string(&path).unwrap()
    );
}

#[test]
fn the_empty_comparison_saves_and_opens() {
    let text = to_ron(&Comparison::default()).unwrap();
    let back = parse("empty.stances.ron", &text).unwrap();
    assert_same(&back, &Comparison::default());
}

#[test]
fn the_saved_file_is_readable_and_one_mark_per_block() {
    let text = to_ron(&annotated()).unwrap();
    assert!(
        text.starts_with("#![enable(implicit_some)]\n(\n    format: 2,\n    documents: [\n"),
        "{}",
        &text[..80]
    );
    assert!(text.contains("id: \"istanbul-2025-06-02\",\n            path: \"data/istanbul-2025-06-02.ron\""));
    let block = "        (\n            id: \"m1\",\n            demands: [\n                (\"istanbul-2025-06-02\", \"ua\", \"ua-ceasefire\"),\n                (\"istanbul-2025-06-02\", \"ru\", \"ru-limited-truce\"),\n            ],\n            status: \"disputed\",\n";
    assert!(text.contains(block), "{text}");
    assert!(text.contains("            coder: \"alice\",\n"), "{text}");
    assert!(text.contains("    view: (\n        columns: [\n"), "{text}");
}

#[test]
fn changing_one_note_changes_one_line() {
    let mut cmp = annotated();
    let before = to_ron(&cmp).unwrap();
    let mut m = cmp.mark("m2").unwrap().clone();
    m.note = "Swap took place on 9 June.".into();
    cmp.apply(Edit::ReplaceMark(m)).unwrap();
    let after = to_ron(&cmp).unwrap();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(before.lines().count(), after.lines().count());
}

#[test]
fn a_failed_save_leaves_what_was_there_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should go: the rename at the end of the save fails.
    let path = dir.path().join("x.stances.ron");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("keep.txt"), "kept").unwrap();
    let err = save_comparison(&annotated(), &path).unwrap_err();
    assert!(err.contains("could not save"), "{err}");
    assert!(err.contains("the previous file, if any, is unchanged"), "{err}");
    assert_eq!(std::fs::read_to_string(path.join("keep.txt")).unwrap(), "kept");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "the temporary file is removed: {left:?}");
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.stances.ron");
    save_comparison(&annotated(), &path).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o644);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    save_comparison(&annotated(), &path).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o664);
}

#[test]
fn marks_naming_missing_demands_load_as_orphans() {
    let mut text = to_ron(&annotated()).unwrap();
    text = text.replace("\"ua\", \"ua-children\")", "\"ua\", \"ua-children-gone\")");
    let cmp = parse("x.stances.ron", &text).unwrap();
    let orphans: Vec<String> = cmp.orphans().map(|m| m.id.clone()).collect();
    assert_eq!(orphans, ["m3"]);
    assert_eq!(cmp.marks().len(), 3, "nothing is dropped");
}

#[test]
fn a_newer_format_is_refused_with_the_version_needed() {
    let newer = stances::format::comparison_file::COMPARISON_FORMAT + 1;
    let text = to_ron(&annotated())
        .unwrap()
        .replacen("format: 2,", &format!("format: {newer},"), 1);
    let err = parse("x.stances.ron", &text).unwrap_err();
    assert_eq!(err.first_at().map(|a| (a.line, a.col)), Some((3, 13)));
    assert!(
        err.to_string()
            .contains(&format!("format {newer}, written by a newer version of Stances")),
        "{err}"
    );
}

#[test]
fn a_status_not_in_the_codebook_is_located() {
    let text = to_ron(&annotated())
        .unwrap()
        .replacen("status: \"agreed\"", "status: \"agreeed\"", 1);
    let err = parse("x.stances.ron", &text).unwrap_err();
    let line = text.lines().position(|l| l.contains("\"agreeed\"")).unwrap() + 1;
    assert_eq!(err.first_at().map(|a| a.line), Some(line), "{err}");
    assert!(
        err.to_string()
            .contains("status `agreeed`, which is not in the codebook"),
        "{err}"
    );
}

#[test]
fn duplicate_document_ids_and_keys_are_located() {
    let text = to_ron(&annotated()).unwrap().replacen("key: \"2\"", "key: \"1\"", 1);
    let err = parse("x.stances.ron", &text).unwrap_err();
    let line = text.lines().position(|l| l.contains("key: \"1\"")).unwrap() + 1;
    assert!(
        err.to_string().contains("the key `1` is given to two statuses"),
        "{err}"
    );
    assert!(err.problems.iter().any(|p| p.at.is_some_and(|a| a.line > line)));
}

#[test]
fn an_error_in_embedded_positions_points_into_the_comparison_file() {
    let text = to_ron(&annotated())
        .unwrap()
        .replacen("issue: \"children\"", "issue: \"kids\"", 1);
    let err = parse("x.stances.ron", &text).unwrap_err();
    let line = text.lines().position(|l| l.contains("\"kids\"")).unwrap() + 1;
    assert_eq!(err.first_at().map(|a| a.line), Some(line), "{err}");
}

#[test]
fn two_rounds_with_the_same_side_ids_sit_in_one_comparison() {
    let file = load_position_file(&common::example_path()).unwrap();
    let mut earlier = file.clone();
    earlier.round = Some("Istanbul, first round".into());
    earlier.date = Some("2025-05-16".into());
    let mut cmp = Comparison::from_positions(vec![
        ("rounds/istanbul.ron".into(), earlier),
        ("data/istanbul.ron".into(), file),
    ])
    .unwrap();
    assert_eq!(cmp.side_count(), 4);
    let ids: Vec<&str> = cmp.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["istanbul", "istanbul-2"]);
    // Sides of the same name are told apart by their round.
    assert_eq!(cmp.side_label(0), "Ukraine · Istanbul, first round");
    assert_eq!(cmp.side_label(2), "Ukraine · Istanbul, second round");
    // A mark across the rounds: the same side's demand in each.
    let across = Mark {
        demands: vec![
            DemandRef::new("istanbul", "ua", "ua-ceasefire"),
            DemandRef::new("istanbul-2", "ua", "ua-ceasefire"),
        ],
        ..mark("x", &[], "agreed", "unchanged between rounds")
    };
    cmp.apply(Edit::AddMark(across)).unwrap();
    assert_eq!(cmp.orphans().count(), 0);
    let back = parse("r.stances.ron", &to_ron(&cmp).unwrap()).unwrap();
    assert_same(&back, &cmp);
    let first = back.resolve(&DemandRef::new("istanbul", "ua", "ua-ceasefire")).unwrap();
    let second = back
        .resolve(&DemandRef::new("istanbul-2", "ua", "ua-ceasefire"))
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(back.marks_on(first), back.marks_on(second));
}

#[test]
fn the_view_saves_and_reopens_and_never_names_a_missing_side() {
    let mut cmp = annotated();
    cmp.set_view(ViewState {
        columns: vec![
            Column {
                width: Some(333.0),
                ..Column::new(DOC, "ru")
            },
            Column {
                hidden: true,
                ..Column::new(DOC, "ua")
            },
            Column::new("gone", "eu"),
        ],
    });
    assert_eq!(cmp.view().columns.len(), 2, "a column naming no side is dropped");
    assert_eq!(cmp.visible_sides().len(), 1);
    let back = parse("v.stances.ron", &to_ron(&cmp).unwrap()).unwrap();
    assert_eq!(back.view(), cmp.view());
    // Removing the document removes its columns from what is saved.
    cmp.apply(Edit::RemoveDocument { index: 0 }).unwrap();
    assert!(cmp.view().columns.is_empty());
    let back = parse("v.stances.ron", &to_ron(&cmp).unwrap()).unwrap();
    assert_same(&back, &cmp);
}

#[test]
fn the_committed_v2_sample_still_loads_and_saves_unchanged() {
    let text = std::fs::read_to_string(fixture("istanbul-v2.stances.ron")).unwrap();
    let cmp = parse("istanbul-v2.stances.ron", &text).unwrap();
    assert_eq!(cmp.marks().len(), 3);
    assert!(cmp.marks().any(|m| m.status == "disputed" && m.coder == "alice"));
    assert_eq!(
        to_ron(&cmp).unwrap(),
        text,
        "files of this version save byte for byte as they were"
    );
}

/// A consensus (format 3): its marks record what each coder of the study said.
#[test]
fn the_committed_v3_consensus_still_loads_and_saves_unchanged() {
    let loaded = load_comparison(&fixture("consensus-v3.stances.ron")).unwrap();
    assert_eq!(loaded.format, 3);
    let cmp = loaded.comparison;
    let settled = cmp
        .marks()
        .find(|m| m.note == "Settled in discussion")
        .expect("the adjudicator's own decision");
    assert_eq!(settled.status, "disputed");
    assert_eq!(settled.coder, "carol");
    let said: Vec<(&str, &[String])> = settled
        .coders_said
        .iter()
        .map(|s| (s.coder.as_str(), &s.statuses[..]))
        .collect();
    assert_eq!(said.len(), 2, "alice and bob");
    assert!(said.iter().all(|(_, statuses)| statuses.len() == 1));
    let text = std::fs::read_to_string(fixture("consensus-v3.stances.ron")).unwrap();
    assert_eq!(
        to_ron(&cmp).unwrap(),
        text,
        "files of this version save byte for byte as they were"
    );
}

/// Without records of coders, a comparison is still written as format 2, so that
/// the version before consensus files keeps opening it.
#[test]
fn a_comparison_without_a_consensus_is_still_written_as_format_2() {
    let text = to_ron(&example()).unwrap();
    assert!(text.contains("format: 2,"));
    assert!(!text.contains("coders_said"));
}

#[test]
fn the_committed_v1_sample_still_loads_converted() {
    let loaded = load_comparison(&fixture("istanbul-v1.stances.ron")).unwrap();
    assert_eq!(loaded.format, 1);
    let cmp = loaded.comparison;
    assert_eq!(cmp.marks().len(), 3);
    let disputed = cmp.mark("v1-mark-1").unwrap();
    assert_eq!(disputed.status, "disputed");
    assert_eq!(disputed.demands[0], DemandRef::new(DOC, "ua", "ua-ceasefire"));
    assert_eq!(cmp.orphans().count(), 0, "every converted mark finds its demands");
    assert_eq!(cmp.codebook().statuses[2].key.as_deref(), Some("3"));
    // Saved again, it is format 2 and loads back the same.
    let text = to_ron(&cmp).unwrap();
    assert!(text.contains("format: 2,"));
    assert_same(&parse("c.stances.ron", &text).unwrap(), &cmp);
}

#[test]
fn undo_and_redo_are_inverses() {
    let mut doc = Document::new(example());
    let original = to_ron(doc.comparison()).unwrap();
    let extra = PositionDocument {
        id: "other".into(),
        path: "other.ron".into(),
        data: load_position_file(&common::example_path()).unwrap(),
    };
    let edits = vec![
        Edit::AddMark(mark("a", &[("ua", "ua-ceasefire")], "disputed", "")),
        Edit::InsertDocument {
            index: 1,
            document: extra,
        },
        Edit::RemoveMark("a".into()),
        Edit::RemoveDocument { index: 0 },
    ];
    let mut states = vec![original.clone()];
    for edit in edits {
        doc.apply(edit, None).unwrap();
        states.push(to_ron(doc.comparison()).unwrap());
    }
    for state in states.iter().rev().skip(1) {
        assert!(doc.undo().unwrap());
        assert_eq!(&to_ron(doc.comparison()).unwrap(), state);
    }
    assert!(!doc.is_dirty());
    for state in states.iter().skip(1) {
        assert!(doc.redo().unwrap());
        assert_eq!(&to_ron(doc.comparison()).unwrap(), state);
    }
}

#[test]
fn the_view_is_neither_an_undo_step_nor_unsaved_work() {
    let mut doc = Document::new(annotated());
    doc.mark_saved();
    let mut view = doc.comparison().view().clone();
    view.columns.reverse();
    doc.set_view(view.clone());
    assert!(!doc.is_dirty());
    assert!(!doc.can_undo());
    assert_eq!(doc.comparison().view(), &view);
}

#[test]
fn a_comparison_never_saved_holds_work_only_once_marked() {
    let mut doc = Document::new(Comparison::default());
    let document = PositionDocument {
        id: DOC.into(),
        path: "x.ron".into(),
        data: load_position_file(&common::example_path()).unwrap(),
    };
    doc.apply(Edit::InsertDocument { index: 0, document }, None).unwrap();
    assert!(!doc.has_unsaved_work(false), "position files alone are on disk already");
    assert!(doc.has_unsaved_work(true), "a saved comparison lacks the added file");
    doc.apply(Edit::AddMark(mark("m", &[("ua", "ua-ceasefire")], "agreed", "")), None)
        .unwrap();
    assert!(doc.has_unsaved_work(false));
}

#[test]
fn comparison_files_are_told_from_position_files() {
    use stances::io::given::{FileKind, kind_of};
    let p = std::path::Path::new("a.ron");
    assert_eq!(kind_of(std::path::Path::new("a.stances.ron"), ""), FileKind::Comparison);
    assert_eq!(
        kind_of(p, "(format: 2, documents: [], codebook: ())"),
        FileKind::Comparison
    );
    assert_eq!(kind_of(p, "(format: 1, sides: [])"), FileKind::Positions);
}

#[test]
fn a_format_6_handout_loads_and_saves_byte_for_byte() {
    let path = fixture("handout-v6.stances.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = stances::io::load_comparison(&path).unwrap();
    assert_eq!(loaded.format, 6);
    let handout = loaded.comparison.handout().expect("a hand-out");
    assert!(handout.instructions.starts_with("Mark where Ukraine and Russia meet"));
    assert_eq!(handout.examples.len(), loaded.comparison.marks().len());
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, to_ron(&loaded.comparison).unwrap()).unwrap();
        return;
    }
    assert_eq!(to_ron(&loaded.comparison).unwrap(), text);
}

/// Format 7: a mark someone other than its coder changed keeps its coder, and
/// records who changed what, when, and what it was.
#[test]
fn a_format_7_file_with_changes_by_another_coder_loads_and_saves_byte_for_byte() {
    use stances::model::MarkField;
    let path = fixture("changes-v7.stances.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = stances::io::load_comparison(&path).unwrap();
    assert_eq!(loaded.format, 7);
    let mark = loaded
        .comparison
        .mark("019ac1a0-5b4e-7d2a-8f31-2c6b9e0d4a11")
        .unwrap()
        .clone();
    assert_eq!(mark.coder, "alice", "the mark stays its coder's");
    let changes: Vec<(&str, MarkField, &str)> = mark
        .changes
        .iter()
        .map(|c| (c.by.as_str(), c.field, c.was.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            ("bob", MarkField::Status, "disputed"),
            (
                "bob",
                MarkField::Note,
                "30 days everywhere vs. 2–3 days in chosen sectors"
            ),
        ]
    );
    assert_eq!(loaded.comparison.marks_changed_by_others(), 1);
    assert_eq!(to_ron(&loaded.comparison).unwrap(), text);
    // Without a change by another coder, the same comparison is format 2 again.
    let mut cmp = loaded.comparison;
    let mut plain = mark.clone();
    plain.changes.clear();
    cmp.apply(stances::model::Edit::ReplaceMark(plain)).unwrap();
    assert!(to_ron(&cmp).unwrap().contains("format: 2,"));
}

/// A change that names a time that is not one is refused where it stands.
#[test]
fn a_change_with_a_broken_time_is_refused_at_its_line() {
    let text = std::fs::read_to_string(fixture("changes-v7.stances.ron"))
        .unwrap()
        .replacen("at: \"2026-12-06T09:12:00Z\"", "at: \"yesterday\"", 1);
    let err = parse("broken.stances.ron", &text).unwrap_err().to_string();
    assert!(err.contains("`yesterday` is not a timestamp"), "{err}");
    let line = text.lines().position(|l| l.contains("yesterday")).unwrap() + 1;
    assert!(err.contains(&format!(":{line}:")), "{err}");
}

/// Format 8: a student's copy of a hand-out records the student (name as typed,
/// an id made when they started), so that two students of one name are two.
#[test]
fn a_format_8_hand_in_records_its_student_and_saves_byte_for_byte() {
    let path = fixture("handin-v8.stances.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = stances::io::load_comparison(&path).unwrap();
    assert_eq!(loaded.format, 8);
    let student = loaded.comparison.student().expect("a student");
    assert_eq!(student.name, "María José");
    assert_eq!(student.id, "019af2b0-0000-7000-8000-cc0000000000");
    assert_eq!(
        loaded
            .comparison
            .marks()
            .filter(|m| !loaded.comparison.is_example(&m.id))
            .count(),
        1,
        "her one mark, besides the worked examples"
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, to_ron(&loaded.comparison).unwrap()).unwrap();
        return;
    }
    assert_eq!(to_ron(&loaded.comparison).unwrap(), text);
    // An empty name is refused where it stands, saying what to write.
    let bad = text.replace("name: \"María José\"", "name: \"\"");
    let e = stances::format::comparison_file::parse("x.stances.ron", &bad)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("the student's name is empty") && e.contains("x.stances.ron:"),
        "{e}"
    );
}

/// A class's hand-ins are read with their positions parsed once: what is read
/// is exactly what reading each file alone gives, for files of the same
/// positions, of other positions, of an older format and in another layout.
#[test]
fn positions_shared_between_files_read_as_each_file_alone() {
    let shared = comparison_file::SharedDocuments::default();
    let first = to_ron(&annotated()).unwrap();
    let mut other = annotated();
    other
        .apply(Edit::AddMark(mark(
            "m9",
            &[("istanbul-2025-06-02", "ua-ceasefire")],
            "agreed",
            "second",
        )))
        .unwrap();
    let second = to_ron(&other).unwrap();
    // Another version of the positions, in the same layout: read whole, not reused.
    let reworded = first.replacen("ceasefire", "cease-fire", 1);
    // The same positions on one line: another layout, read whole.
    let one_line = first.replace("\n    documents: [", "\n    documents:[");
    let v2 = std::fs::read_to_string(fixture("istanbul-v2.stances.ron")).unwrap();
    for (name, text) in [
        ("first", &first),
        ("second", &second),
        ("first again", &first),
        ("reworded", &reworded),
        ("one line", &one_line),
        ("format 2", &v2),
    ] {
        let alone = parse(name, text).map(|c| to_ron(&c).unwrap());
        let sharing = comparison_file::parse_sharing(name, text, &shared).map(|c| to_ron(&c).unwrap());
        assert_eq!(
            sharing.as_ref().map_err(ToString::to_string),
            alone.as_ref().map_err(ToString::to_string),
            "{name}"
        );
    }
}
