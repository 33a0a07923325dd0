//! The consensus model on a study of two coders built here.

use super::*;
use crate::model::study::CodedCopy;

/// Two coders over three demands of the spec example: they agree on the first
/// two (marked together by both), differ on the third.
fn study() -> Study {
    let positions = crate::model::synthetic::position_file(&crate::model::synthetic::Spec {
        sides: 2,
        demands: 4,
        issues: 2,
        seed: 7,
        language: crate::model::synthetic::Language::English,
    });
    let base = Comparison::from_positions(vec![("talks.ron".into(), positions)]).unwrap();
    let units: Vec<DemandIx> = base.all_demands().collect();
    let coded = |coder: &str, marks: &[(&str, &[usize], &str)]| {
        let mut cmp = base.clone();
        for (id, demands, status) in marks {
            let mark = Mark {
                id: (*id).to_owned(),
                demands: demands.iter().map(|&u| cmp.demand_ref(units[u])).collect(),
                status: (*status).to_owned(),
                note: format!("{coder} on {id}"),
                coder: coder.to_owned(),
                created: "2026-11-26T09:00:00Z".into(),
                changed: "2026-11-26T09:00:00Z".into(),
                coders_said: Vec::new(),
                changes: Vec::new(),
            };
            cmp.apply(Edit::AddMark(mark)).unwrap();
        }
        CodedCopy {
            file: format!("{coder}.stances.ron"),
            comparison: cmp,
        }
    };
    Study::new(vec![
        coded(
            "alice",
            &[
                ("a1", &[0, 1], "agreed"),
                ("a2", &[2], "disputed"),
                ("a3", &[3], "agreed"),
            ],
        ),
        coded("bob", &[("b1", &[0, 1], "agreed"), ("b2", &[2], "partial")]),
    ])
    .unwrap()
}

fn stamp() -> Stamp {
    Stamp {
        coder: "carol".into(),
        now: "2026-11-26T10:00:00Z".into(),
    }
}

fn ids() -> impl FnMut() -> MarkId {
    let mut n = 0;
    move || {
        n += 1;
        format!("c{n}")
    }
}

#[test]
fn a_new_consensus_holds_what_coders_agreed_on_as_one_mark_with_their_record() {
    let (adj, consensus) = Adjudication::start(study(), &stamp(), ids());
    let marks: Vec<&Mark> = consensus.marks().collect();
    assert_eq!(marks.len(), 1, "{marks:#?}");
    assert_eq!(marks[0].status, "agreed");
    assert_eq!(marks[0].demands.len(), 2, "linked demands stay linked");
    assert_eq!(marks[0].note, "alice: alice on a1\nbob: bob on b1");
    assert_eq!(marks[0].coders_said.len(), 4, "two coders on two demands");
    assert_eq!(marks[0].coder, "carol");
    assert_eq!(adj.rows(List::Disputed, &RowFilter::default()), [2]);
    assert_eq!(adj.rows(List::CodedByOne, &RowFilter::default()), [3]);
    assert_eq!(
        adj.progress(&consensus),
        Progress {
            disputed: 1,
            disputed_decided: 0,
            coded_by_one: 1,
            coded_by_one_decided: 0
        }
    );
}

#[test]
fn deciding_records_each_coder_and_deciding_again_changes_the_same_mark() {
    let (adj, mut consensus) = Adjudication::start(study(), &stamp(), ids());
    let (status, note) = adj.coder_code(2, 1).unwrap();
    assert_eq!((status.as_str(), note.as_str()), ("partial", "bob on b2"));
    let edit = adj
        .decide_edit(&consensus, 2, &status, &note, &stamp(), "d1".into())
        .unwrap();
    consensus.apply(edit).unwrap();
    let mark = adj.decision(&consensus, 2).unwrap();
    assert_eq!(mark.status, "partial");
    let said: Vec<(&str, &[String])> = mark
        .coders_said
        .iter()
        .map(|s| (s.coder.as_str(), &s.statuses[..]))
        .collect();
    assert_eq!(
        said,
        [
            ("alice", &["disputed".to_owned()][..]),
            ("bob", &["partial".to_owned()][..])
        ]
    );
    let again = adj
        .decide_edit(&consensus, 2, "partial", "settled", &stamp(), "d2".into())
        .unwrap();
    assert!(matches!(again, Edit::ReplaceMark(ref m) if m.id == "d1"));
    consensus.apply(again).unwrap();
    assert_eq!(adj.progress(&consensus).disputed_decided, 1);
    consensus
        .apply(adj.clear_edit(&consensus, 2, &stamp()).unwrap())
        .unwrap();
    assert!(adj.decision(&consensus, 2).is_none());
}

/// The coders linked units 0 and 1 (alice's a1, bob's b1): deciding one settles
/// both, with one mark over the group recording what each coder said of each.
#[test]
fn deciding_one_demand_of_a_linked_group_settles_the_group() {
    let (adj, mut consensus) = Adjudication::start(study(), &stamp(), ids());
    assert_eq!(adj.linked_units(0), [0, 1]);
    assert_eq!(adj.linked_units(2), [2]);
    let edit = adj
        .decide_edit(&consensus, 0, "disputed", "", &stamp(), "d1".into())
        .unwrap();
    consensus.apply(edit).unwrap();
    // The group's mark (made when the coders agreed) now says the decision.
    assert!(consensus.mark("d1").is_none(), "no second mark");
    let decided = consensus.mark("c1").unwrap();
    assert_eq!((decided.demands.len(), decided.status.as_str()), (2, "disputed"));
    assert_eq!(decided.coders_said.len(), 4, "two coders on each of two demands");
    assert_eq!(adj.decision(&consensus, 0).unwrap().id, "c1");
    assert_eq!(adj.decision(&consensus, 1).unwrap().id, "c1");
    // Typing a note from the other demand changes the same mark.
    let edit = adj
        .decide_edit(&consensus, 1, "disputed", "why", &stamp(), "d2".into())
        .unwrap();
    consensus.apply(edit).unwrap();
    assert!(consensus.mark("d2").is_none());
    assert_eq!(consensus.mark("c1").unwrap().note, "why");
}

/// A decision's first keystroke makes its mark; undo then redo of the merged
/// typing makes it again (0.2 said "Cannot redo: there is no mark").
#[test]
fn redo_after_typing_a_decision_note_makes_the_mark_again() {
    let (adj, consensus) = Adjudication::start(study(), &stamp(), ids());
    let mut doc = crate::model::Document::new(consensus);
    for (i, note) in ["w", "wh", "why"].iter().enumerate() {
        let edit = adj
            .decide_edit(doc.comparison(), 2, "partial", note, &stamp(), format!("n{i}"))
            .unwrap();
        doc.apply(edit, Some("decision 2".into())).unwrap();
    }
    assert_eq!(adj.decision(doc.comparison(), 2).unwrap().note, "why");
    assert!(doc.undo().unwrap());
    assert_ne!(adj.decision(doc.comparison(), 2).map(|m| m.note.as_str()), Some("why"));
    assert!(doc.redo().unwrap());
    assert_eq!(adj.decision(doc.comparison(), 2).unwrap().note, "why");
}

#[test]
fn filters_narrow_the_rows() {
    let (adj, _) = Adjudication::start(study(), &stamp(), ids());
    let by_status = |s: &str| {
        let code = adj.study().statuses().iter().position(|x| x.id == s).map(|c| c as Code);
        adj.rows(
            List::Disputed,
            &RowFilter {
                status: code,
                ..RowFilter::default()
            },
        )
    };
    assert_eq!(by_status("partial"), [2]);
    assert!(by_status("agreed").is_empty());
    let other_side = RowFilter {
        side: Some(1),
        ..RowFilter::default()
    };
    assert_eq!(
        adj.study().units()[2].side,
        0,
        "the fixture's third demand is on the first side"
    );
    assert!(adj.rows(List::Disputed, &other_side).is_empty());
}
