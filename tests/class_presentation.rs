//! The class's result on a projector, as a room sees it at 1280×720: the Good
//! Friday talks' five sides, thirty students who coded every demand (some with
//! notes) and the teacher's key. Walked with Page Down alone, as a clicker
//! does: every demand's tally, its counts and the key lie inside the window on
//! some step, the side names are in view, and with names shown (N) every note
//! is read in full on some step. The plain presentation of the Paris talks
//! (five blocs) shows every card whole.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{answer_path_prompt, data, harness_of, options};
use egui::{Key, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use stances::gui::{AppOptions, StancesApp};
use stances::io::{load_position_file, save_comparison};
use stances::model::{Comparison, Edit, Mark};

const STATUSES: [&str; 4] = ["agreed", "partial", "disputed", "unaddressed"];

fn mark(id: String, cmp: &Comparison, ix: stances::model::DemandIx, status: &str, coder: &str, note: &str) -> Mark {
    let r = cmp.demand_ref(ix);
    Mark {
        id,
        demands: vec![stances::model::mark::DemandRef::new(r.document(), r.side(), r.demand())],
        status: status.into(),
        note: note.into(),
        coder: coder.into(),
        created: "2026-12-03T09:00:00Z".into(),
        changed: "2026-12-03T09:00:00Z".into(),
        coders_said: Vec::new(),
        changes: Vec::new(),
    }
}

/// Thirty students' hand-ins of the Good Friday talks in `folder`, each coding
/// every demand, one in five with a note on each; the teacher's key in `key_dir`.
fn good_friday_class(folder: &Path, key_dir: &Path) -> (PathBuf, usize) {
    let file = load_position_file(&data("good-friday-1998-04-10.ron")).unwrap();
    let positions = Comparison::from_positions(vec![("data/good-friday-1998-04-10.ron".into(), file)]).unwrap();
    let demands: Vec<_> = positions.all_demands().collect();
    for s in 0..30usize {
        let mut cmp = positions.clone();
        let name = format!("Student {s:02}");
        for (d, &ix) in demands.iter().enumerate() {
            let status = STATUSES[(s * 7 + d * 3) % 11 % 4];
            let note = if s % 5 == 0 {
                format!("{name} reads demand {d} against the annex on prisoners and policing, line by line.")
            } else {
                String::new()
            };
            let m = mark(format!("s{s}-d{d}"), &cmp, ix, status, &name, &note);
            cmp.apply(Edit::AddMark(m)).unwrap();
        }
        save_comparison(&cmp, &folder.join(format!("good-friday - {name}.stances.ron"))).unwrap();
    }
    let mut key = positions.clone();
    for (d, &ix) in demands.iter().enumerate() {
        let m = mark(format!("key-d{d}"), &key, ix, STATUSES[d % 3], "Teacher", "");
        key.apply(Edit::AddMark(m)).unwrap();
    }
    let path = key_dir.join("key.stances.ron");
    save_comparison(&key, &path).unwrap();
    (path, demands.len())
}

/// A node's words: a label's are its value, as AccessKit has it.
fn text_of(node: &egui_kittest::kittest::AccessKitNode<'_>) -> Option<String> {
    node.label().or_else(|| node.value())
}

/// The footer's words for the step shown ("Issue 2 of 6 · the class · part 1 of 2").
fn footer(harness: &Harness<'static, StancesApp>) -> (String, Rect) {
    let node = harness
        .query_all(By::new().predicate(|n| {
            text_of(n).is_some_and(|l| l.starts_with("Issue ") && l.contains(" of ") || l.starts_with("Title · "))
        }))
        .next()
        .expect("the footer says the step");
    (text_of(&node.accesskit_node()).unwrap_or_default(), node.rect())
}

/// Every step and page from the title on, reached by Page Down alone: on each,
/// `look` is given the footer's words and the area the step may use.
fn walk(harness: &mut Harness<'static, StancesApp>, mut look: impl FnMut(&Harness<'static, StancesApp>, &str, Rect)) {
    let mut seen = Vec::new();
    for _ in 0..200 {
        let (words, at) = footer(harness);
        if seen.last() == Some(&words) {
            return;
        }
        let window = harness.ctx.content_rect();
        let area = Rect::from_min_max(window.min, egui::pos2(window.max.x, at.min.y));
        look(harness, &words, area);
        seen.push(words);
        harness.key_press(Key::PageDown);
        harness.run();
    }
    panic!("Page Down never reached the end: {seen:?}");
}

fn inside(rect: Rect, area: Rect) -> bool {
    rect.min.x >= area.min.x - 0.5
        && rect.max.x <= area.max.x + 0.5
        && rect.min.y >= area.min.y - 0.5
        && rect.max.y <= area.max.y + 0.5
}

/// The words shown that `keep` keeps, each with where it is (a label's text
/// runs, one a line, left out).
fn labels_of(harness: &Harness<'static, StancesApp>, keep: impl Fn(&str) -> bool) -> Vec<(String, Rect)> {
    let mut found: Vec<(String, Rect)> = harness
        .query_all(By::new().predicate(|n| n.role() != egui::Role::TextRun && text_of(n).is_some_and(|l| keep(&l))))
        .map(|n| (text_of(&n.accesskit_node()).unwrap_or_default(), n.rect()))
        .collect();
    found.dedup();
    found
}

fn is_count(label: &str) -> bool {
    let mut words = label.split(' ');
    words.next().is_some_and(|n| n.parse::<usize>().is_ok())
        && matches!(
            words.collect::<Vec<_>>().join(" ").as_str(),
            "Agreed" | "Partial" | "Disputed" | "Unaddressed" | "not coded"
        )
}

#[test]
fn every_tally_count_and_key_of_five_sides_and_thirty_students_is_inside_a_projectors_window() {
    let folder = tempfile::tempdir().unwrap();
    let key_dir = tempfile::tempdir().unwrap();
    let (key, demands) = good_friday_class(folder.path(), key_dir.path());
    let mut harness = harness_of(
        [1280.0, 720.0],
        AppOptions {
            class: true,
            ..options(vec![folder.path().to_path_buf()])
        },
    );
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
    harness.get_by_label_contains("Title · ");

    let cmp = harness.state().comparison().clone();
    let sides: Vec<String> = (0..cmp.side_count()).map(|s| cmp.side_label(s)).collect();
    let mut tallies_shown = 0;
    let mut keys_shown = 0;
    let mut steps = 0;
    walk(&mut harness, |harness, words, area| {
        steps += 1;
        if words.starts_with("Title") {
            return;
        }
        for side in &sides {
            let (_, rect) = labels_of(harness, |l| l == side)
                .pop()
                .expect("each side's name is shown");
            assert!(inside(rect, area), "{words}: {side} at {rect:?}, outside {area:?}");
        }
        let tallies = labels_of(harness, |l| l.starts_with("Tally: "));
        let counts = labels_of(harness, is_count);
        for (label, rect) in tallies.iter().chain(&counts) {
            assert!(inside(*rect, area), "{words}: {label} at {rect:?}, outside {area:?}");
        }
        // Each count under its own bar, never running into the next column.
        for (label, rect) in &counts {
            assert!(
                tallies
                    .iter()
                    .any(|(_, bar)| bar.min.x - 0.5 <= rect.min.x && rect.max.x <= bar.max.x + 0.5),
                "{words}: {label} at {rect:?} is under no tally bar: {tallies:?}"
            );
        }
        // The counts are read from the back of the room: as large as a demand's text.
        for (label, rect) in &counts {
            assert!(rect.height() >= 17.0, "{words}: {label} is {} high", rect.height());
        }
        if words.contains("the class") {
            tallies_shown += tallies.len();
            assert!(!counts.is_empty(), "{words}: the counts are in words");
        }
        if words.contains("the key") {
            let key_labels = labels_of(harness, |l| l.starts_with("Key: "));
            for (label, rect) in &key_labels {
                assert!(inside(*rect, area), "{words}: {label} at {rect:?}, outside {area:?}");
            }
            keys_shown += key_labels.len();
            // How many agree with the key: whole, under the demand's bar.
            for (label, rect) in labels_of(harness, |l| l.ends_with(" of 30 agree")) {
                assert!(
                    tallies
                        .iter()
                        .any(|(_, bar)| bar.min.x - 0.5 <= rect.min.x && rect.max.x <= bar.max.x + 0.5),
                    "{words}: {label} at {rect:?} is under no tally bar"
                );
            }
        }
    });
    assert_eq!(
        tallies_shown, demands,
        "every demand's tally is shown once on the class's steps"
    );
    assert_eq!(keys_shown, demands, "and the key of each");
    assert_eq!(
        steps,
        1 + 3 * cmp.issues().len(),
        "each issue: its positions, the class, the key"
    );

    // The students' names and notes (N): every note read whole, on some step.
    harness.key_press(Key::Home);
    harness.run();
    harness.key_press(Key::N);
    harness.run();
    let mut notes: BTreeMap<String, usize> = BTreeMap::new();
    let mut continued = 0;
    walk(&mut harness, |harness, words, area| {
        if !words.contains("the class") {
            return;
        }
        assert!(words.contains("names and notes shown"), "{words}: N is said to be on");
        if words.contains(" · part 2 of ") {
            continued += 1;
        }
        for (label, rect) in labels_of(harness, |l| l.contains("line by line.")) {
            assert!(inside(rect, area), "{words}: a note at {rect:?}, outside {area:?}");
            *notes.entry(label).or_default() += 1;
        }
    });
    // Six students in five wrote a note on each of the demands.
    assert_eq!(notes.len(), 6 * demands, "every note is shown: {notes:#?}");
    assert!(notes.values().all(|&n| n == 1), "each once on the class's steps");
    assert!(continued > 0, "notes too many for one screen go on to a next part");
}

#[test]
fn presenting_five_blocs_at_1280_by_720_cuts_no_card() {
    let paris = data("paris-2015-12-12.ron");
    let mut harness = harness_of([1280.0, 720.0], options(vec![paris.clone()]));
    harness.key_press(Key::F5);
    harness.run();
    let cmp = harness.state().comparison().clone();
    let texts: Vec<String> = cmp.all_demands().map(|ix| cmp.demand(ix).text.clone()).collect();
    let mut shown: BTreeMap<String, usize> = BTreeMap::new();
    walk(&mut harness, |harness, words, area| {
        for (label, rect) in labels_of(harness, |l| texts.iter().any(|t| t == l)) {
            assert!(
                inside(rect, area),
                "{words}: a card at {rect:?}, outside {area:?}: {label}"
            );
            *shown.entry(label).or_default() += 1;
        }
    });
    assert_eq!(shown.len(), texts.len(), "every demand of the five blocs is shown");
}
