//! Merges complete, field by field: documents (a side renamed on one side and an
//! issue on the other merge cleanly; one field changed differently is a conflict
//! at that place, settled alone), a clashing path, the hand-out (its instruction
//! and its worked examples), and round decisions (one demand matched to two
//! different demands is a conflict, never two matches). The Conflicts view
//! settles a document's places one by one.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use egui_kittest::kittest::Queryable as _;
use stances::io::{load_comparison, save_comparison};
use stances::model::conflict::{Conflict, Pick};
use stances::model::handout::Handout;
use stances::model::merge::merge;
use stances::model::merge_document::{DemandField, Place};
use stances::model::rounds::{RoundDecisions, RoundDemand, RoundLink};
use stances::model::{Comparison, Edit, PositionDocument};

fn base() -> Comparison {
    load_comparison(&common::fixture("study/alice.stances.ron"))
        .unwrap()
        .comparison
}

/// `cmp` with its first document's data changed by `change`.
fn with_data(cmp: &Comparison, change: impl FnOnce(&mut stances::model::PositionFile)) -> Comparison {
    let mut out = cmp.clone();
    let mut document = out.documents()[0].clone();
    change(&mut document.data);
    out.apply(Edit::ReplaceDocument { index: 0, document }).unwrap();
    out
}

#[test]
fn a_side_and_an_issue_renamed_apart_merge_cleanly_and_one_field_twice_is_one_place() {
    let base = base();
    let ours = with_data(&base, |d| {
        d.sides[0].name = "Ukraine (delegation)".into();
        d.sides[0].demands[0].text = "ours".into();
    });
    let theirs = with_data(&base, |d| {
        d.issues[1].name = "POWs".into();
        d.sides[0].demands[0].text = "theirs".into();
    });
    let merged = merge(&base, &ours, &theirs).unwrap();
    let data = &merged.documents()[0].data;
    assert_eq!(data.sides[0].name, "Ukraine (delegation)");
    assert_eq!(data.issues[1].name, "POWs");
    assert_eq!(merged.conflicts().len(), 1);
    let Conflict::Document { places, .. } = &merged.conflicts()[0] else {
        panic!("a document's conflict");
    };
    assert_eq!(
        places,
        &[Place::DemandField(
            "ua".into(),
            "ua-ceasefire".into(),
            DemandField::Text
        )]
    );
    // Settled alone: theirs at that place, the rest as merged.
    let mut settled = merged.clone();
    settled
        .apply(settled.take_place_edit(0, 0, Pick::Theirs).unwrap())
        .unwrap();
    let data = &settled.documents()[0].data;
    assert_eq!(data.sides[0].demands[0].text, "theirs");
    assert_eq!(data.issues[1].name, "POWs");
    assert!(settled.conflicts().is_empty());
    // The merged file saves and opens again, as format 7 while the conflict is open.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("merged.stances.ron");
    save_comparison(&merged, &path).unwrap();
    let again = load_comparison(&path).unwrap();
    assert_eq!(again.format, 7);
    assert_eq!(again.comparison.conflicts(), merged.conflicts());
}

#[test]
fn a_path_changed_differently_is_a_conflict_not_ours_in_silence() {
    let base = base();
    let moved = |cmp: &Comparison, path: &str| {
        let mut out = cmp.clone();
        let document = PositionDocument {
            path: path.into(),
            ..out.documents()[0].clone()
        };
        out.apply(Edit::ReplaceDocument { index: 0, document }).unwrap();
        out
    };
    let merged = merge(
        &base,
        &moved(&base, "ours/talks.ron"),
        &moved(&base, "theirs/talks.ron"),
    )
    .unwrap();
    assert!(
        matches!(merged.conflicts(), [Conflict::Path { ours, theirs, .. }] if ours == "ours/talks.ron" && theirs == "theirs/talks.ron")
    );
    let mut settled = merged.clone();
    settled.apply(settled.take_edit(0, Pick::Theirs).unwrap()).unwrap();
    assert_eq!(settled.documents()[0].path, "theirs/talks.ron");
}

#[test]
fn the_hand_out_merges_field_by_field_and_a_worked_example_stays_one() {
    let base = base().with_handout(Some(Handout {
        instructions: "Code every demand.".into(),
        examples: Vec::new(),
        student: None,
    }));
    let example = base.marks().next().unwrap().id.clone();
    let mut ours = base.clone();
    ours.apply(Edit::SetHandout(Some(Handout {
        instructions: "Code every demand.".into(),
        examples: vec![example.clone()],
        student: None,
    })))
    .unwrap();
    let mut theirs = base.clone();
    theirs
        .apply(Edit::SetHandout(Some(Handout {
            instructions: "Code every demand, with a note.".into(),
            examples: Vec::new(),
            student: None,
        })))
        .unwrap();
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert!(merged.conflicts().is_empty(), "{:?}", merged.conflicts());
    let handout = merged.handout().unwrap();
    assert_eq!(handout.instructions, "Code every demand, with a note.");
    assert_eq!(handout.examples, std::slice::from_ref(&example));
    assert!(merged.is_example(&example));
    // The instruction changed on both sides: a conflict, ours held.
    let mut ours2 = base.clone();
    ours2
        .apply(Edit::SetHandout(Some(Handout {
            instructions: "Ours.".into(),
            examples: Vec::new(),
            student: None,
        })))
        .unwrap();
    let merged = merge(&base, &ours2, &theirs).unwrap();
    assert!(matches!(merged.conflicts(), [Conflict::Handout { fields, .. }] if fields == &["instructions"]));
    assert_eq!(merged.handout().unwrap().instructions, "Ours.");
    // A hand-out's conflict (it has no id of its own) saves and opens again.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("merged.stances.ron");
    save_comparison(&merged, &path).unwrap();
    assert_eq!(
        load_comparison(&path).unwrap().comparison.conflicts(),
        merged.conflicts()
    );
}

#[test]
fn one_demand_matched_differently_on_each_side_is_a_conflict_never_two_matches() {
    let base = base();
    let id = base.documents()[0].id.clone();
    let link = |new: &str| RoundLink {
        old: RoundDemand::new("ua", "ua-ceasefire"),
        new: RoundDemand::new("ua", new),
    };
    let decided = |new: &str| {
        let mut out = base.clone();
        let mut pair = RoundDecisions::new(id.clone(), "later".to_owned());
        pair.matches.push(link(new));
        out.apply(Edit::SetRounds(vec![pair])).unwrap();
        out
    };
    let merged = merge(&base, &decided("ua-truce"), &decided("ua-ceasefire-2")).unwrap();
    assert_eq!(merged.rounds()[0].matches, [link("ua-truce")], "ours held, not both");
    assert!(matches!(merged.conflicts(), [Conflict::Rounds { .. }]));
    let mut settled = merged.clone();
    settled.apply(settled.take_edit(0, Pick::Theirs).unwrap()).unwrap();
    assert_eq!(settled.rounds()[0].matches, [link("ua-ceasefire-2")]);
    assert!(settled.conflicts().is_empty());
}

#[test]
fn the_conflicts_view_settles_a_documents_places_one_by_one() {
    let base = base();
    let ours = with_data(&base, |d| {
        d.sides[0].name = "Ukraine A".into();
        d.issues[0].name = "Ceasefire A".into();
    });
    let theirs = with_data(&base, |d| {
        d.sides[0].name = "Ukraine B".into();
        d.issues[0].name = "Ceasefire B".into();
    });
    let merged = merge(&base, &ours, &theirs).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("merged.stances.ron");
    save_comparison(&merged, &path).unwrap();
    let mut harness = common::harness_with(vec![path]);
    harness.run();
    harness.get_by_label_contains("2 places changed differently");
    harness.get_by_label("side ua name");
    harness.get_by_label("Ukraine A");
    harness.get_by_label("Ukraine B");
    // Theirs for the side's name alone.
    let theirs_buttons = harness.query_all_by_label("Theirs").count();
    assert_eq!(theirs_buttons, 2, "one choice per place");
    harness.query_all_by_label("Theirs").nth(1).unwrap().click();
    harness.run();
    let cmp = harness.state().comparison();
    assert_eq!(cmp.documents()[0].data.sides[0].name, "Ukraine B");
    assert_eq!(
        cmp.documents()[0].data.issues[0].name,
        "Ceasefire A",
        "the other place waits"
    );
    harness.get_by_label_contains("1 place changed differently");
}
