//! Property tests of the positions edited in the window: any sequence of edits,
//! undone, gives back the file byte for byte; positions saved as a position file
//! read back equal; the indexes followed edit by edit find what indexes built
//! anew find.
#![allow(
    clippy::unwrap_used,
    reason = "strategies in a test crate fail the test loudly, as #[test]s do"
)]

use proptest::prelude::*;
use stances::format::comparison_file::{parse, to_ron};
use stances::format::parse_position_file;
use stances::format::position_file;
use stances::io::load_position_file;
use stances::model::mark::Stamp;
use stances::model::position_edit::PositionChange as C;
use stances::model::{Comparison, Demand, DemandIx, Edit, Issue, Priority, Side, Source, Value};

/// Words as people type them, in any script.
fn words() -> impl Strategy<Value = String> {
    "[a-zA-Zа-яА-Я ,.'–“”مرحبا停火שלום]{1,24}".prop_filter("non-blank", |s| !s.trim().is_empty())
}

/// What the user does, as numbers the test turns into a change that fits the
/// comparison as it is then (most are accepted; the refused change nothing).
#[derive(Clone, Debug)]
struct Act {
    kind: u8,
    a: usize,
    b: usize,
    words: String,
    flag: bool,
}

fn act() -> impl Strategy<Value = Act> {
    (0u8..16, 0usize..40, 0usize..40, words(), any::<bool>()).prop_map(|(kind, a, b, words, flag)| Act {
        kind,
        a,
        b,
        words,
        flag,
    })
}

fn start() -> Comparison {
    let file = load_position_file(std::path::Path::new("data/istanbul-2025-06-02.ron")).unwrap();
    Comparison::from_positions(vec![("data/istanbul-2025-06-02.ron".into(), file)]).unwrap()
}

/// The change an act asks for, made to fit document 0 as it is now.
fn change_for(cmp: &Comparison, act: &Act, serial: usize) -> C {
    let file = &cmp.documents()[0].data;
    let sides = file.sides.len();
    let side = act.a % sides;
    let demands = file.sides[side].demands.len();
    let issues = file.issues.len().max(1);
    let issue_id = file
        .issues
        .get(act.b % issues)
        .map_or("ceasefire".to_owned(), |i| i.id.clone());
    let new_demand = |id: String| Demand {
        id,
        issue: issue_id.clone(),
        text: act.words.clone(),
        priority: act.flag.then_some(Priority::High),
        quote: (!act.flag).then(|| act.words.clone()),
        source: None,
        value: act.flag.then(|| Value {
            min: Some(act.b as f64),
            max: None,
            unit: "days".into(),
        }),
        tags: vec![act.words.clone()],
        note: None,
    };
    match act.kind {
        0 => C::InsertDemand {
            side,
            at: act.b % (demands + 1),
            demand: new_demand(format!("new-{serial}")),
        },
        1 if demands > 0 => C::RemoveDemand {
            side,
            at: act.b % demands,
        },
        2 | 3 if demands > 0 => {
            let at = act.b % demands;
            let mut demand = file.sides[side].demands[at].clone();
            demand.text = act.words.clone();
            if act.kind == 3 {
                demand.issue = issue_id.clone();
                demand.note = Some(act.words.clone());
            }
            C::ReplaceDemand { side, at, demand }
        }
        4 if demands > 0 => C::MoveDemand {
            side,
            from: act.a % demands,
            to: act.b % demands,
        },
        5 => C::InsertSide {
            at: act.b % (sides + 1),
            side: Side {
                id: format!("side-{serial}"),
                name: act.words.clone(),
                represented_by: None,
                demands: vec![new_demand(format!("side-{serial}-d"))],
            },
        },
        6 => C::RemoveSide { at: side },
        7 => C::RenameSide {
            at: side,
            name: act.words.clone(),
            represented_by: act.flag.then(|| act.words.clone()),
        },
        8 => C::MoveSide {
            from: side,
            to: act.b % sides,
        },
        9 => C::InsertIssue {
            at: act.b % (file.issues.len() + 1),
            issue: Issue {
                id: format!("issue-{serial}"),
                name: act.words.clone(),
                description: None,
            },
        },
        10 => C::RemoveIssue { at: act.b % issues },
        11 => C::RenameIssue {
            at: act.b % issues,
            name: act.words.clone(),
            description: Some(act.words.clone()),
        },
        12 => C::MoveIssue {
            from: act.a % issues,
            to: act.b % issues,
        },
        13 => C::InsertSource {
            at: 0,
            source: Source {
                id: format!("source-{serial}"),
                title: act.words.clone(),
                url: None,
                date: act.flag.then(|| "2025-06".to_owned()),
                note: None,
            },
        },
        14 if !file.sources.is_empty() => C::RemoveSource {
            at: act.b % file.sources.len(),
        },
        _ => C::Header {
            negotiation: Some(act.words.clone()),
            round: None,
            date: act.flag.then(|| "2025-06-02".to_owned()),
        },
    }
}

/// What a user sees of the comparison's indexes: each side's demands on each
/// issue (the columns' rows), each demand found by its id (marks), its marks,
/// what the filter searches, and which marks are orphaned.
fn what_the_indexes_give(cmp: &Comparison) -> Vec<String> {
    let mut seen = Vec::new();
    for side in 0..cmp.side_count() {
        for issue in 0..cmp.issues().len() {
            let on: Vec<u32> = cmp.demands_on(side, issue).map(|ix| ix.demand).collect();
            seen.push(format!("side {side} issue {issue}: {on:?}"));
        }
    }
    for ix in cmp.all_demands() {
        seen.push(format!(
            "{ix:?} found at {:?}, issue {:?}, marks {:?}, searched as {:?}",
            cmp.resolve(&cmp.demand_ref(ix)),
            cmp.demand_issue(ix),
            cmp.marks_on(ix),
            cmp.haystack(ix)
        ));
    }
    seen.extend(cmp.orphans().map(|m| format!("orphan {}", m.id)));
    seen
}

/// The Istanbul round with a mark on each side's first demands, and the search
/// index built (as after the first search), so edits must follow both.
fn start_with_marks() -> Comparison {
    let mut cmp = start();
    let stamp = Stamp {
        coder: "coder".into(),
        now: "2026-12-06T10:00:00Z".into(),
    };
    for (n, demand) in [0u32, 1, 2].into_iter().enumerate() {
        let pair = [DemandIx { side: 0, demand }, DemandIx { side: 1, demand }];
        let edit = cmp
            .new_mark_edit(&pair, "disputed", &stamp, format!("mark-{n}"))
            .unwrap();
        cmp.apply(edit).unwrap();
    }
    let _ = cmp.haystack(DemandIx { side: 0, demand: 0 });
    cmp
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// However many positions are changed, undoing every change gives back the
    /// file the user started from, byte for byte, marks and all.
    #[test]
    fn position_edits_undone_give_back_the_file(acts in prop::collection::vec(act(), 1..24)) {
        let mut cmp = start();
        let before = to_ron(&cmp).unwrap();
        let mut undo = Vec::new();
        for (serial, act) in acts.iter().enumerate() {
            let change = change_for(&cmp, act, serial);
            if let Ok(inverse) = cmp.apply(Edit::Positions { document: 0, change: Box::new(change) }) {
                undo.push(inverse);
                // Every state the edits lead to saves and opens again.
                let saved = to_ron(&cmp).unwrap();
                let reopened = parse("edited.stances.ron", &saved).unwrap();
                prop_assert_eq!(to_ron(&reopened).unwrap(), saved);
            }
        }
        // A header change is always accepted: the sequence did change something.
        if acts.iter().any(|a| a.kind == 15) {
            prop_assert!(!undo.is_empty());
        }
        for inverse in undo.into_iter().rev() {
            cmp.apply(inverse).unwrap();
        }
        prop_assert_eq!(to_ron(&cmp).unwrap(), before);
    }

    /// Positions made by edits and saved as a position file read back equal,
    /// as `stances check` reads them.
    #[test]
    fn positions_saved_as_a_position_file_read_back_equal(acts in prop::collection::vec(act(), 1..24)) {
        let mut cmp = start();
        for (serial, act) in acts.iter().enumerate() {
            let _ = cmp.apply(Edit::Positions { document: 0, change: Box::new(change_for(&cmp, act, serial)) });
        }
        let positions = &cmp.documents()[0].data;
        let text = position_file::to_ron(positions, "edited.ron", "// Edited.").unwrap();
        let read = parse_position_file("edited.ron", &text).unwrap();
        prop_assert_eq!(&read, positions);
    }

    /// After every edit (demands inserted, removed, moved, put on another issue,
    /// sides and issues changed) and every undo, the indexes the comparison
    /// keeps up to date give what indexes built from scratch give.
    #[test]
    fn indexes_followed_edit_by_edit_match_indexes_built_anew(acts in prop::collection::vec(act(), 1..24)) {
        let mut cmp = start_with_marks();
        let mut undo = Vec::new();
        let rebuilt = |cmp: &Comparison| parse("edited.stances.ron", &to_ron(cmp).unwrap()).unwrap();
        for (serial, act) in acts.iter().enumerate() {
            if let Ok(inverse) = cmp.apply(Edit::Positions { document: 0, change: Box::new(change_for(&cmp, act, serial)) }) {
                undo.push(inverse);
                prop_assert_eq!(what_the_indexes_give(&cmp), what_the_indexes_give(&rebuilt(&cmp)));
            }
        }
        for inverse in undo.into_iter().rev() {
            cmp.apply(inverse).unwrap();
            prop_assert_eq!(what_the_indexes_give(&cmp), what_the_indexes_give(&rebuilt(&cmp)));
        }
    }
}
