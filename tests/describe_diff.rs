//! `describe` and `diff` see every field of a comparison: any single edit of
//! any field (a document's path, its negotiation, sources, issues, sides and
//! demands, the codebook and its statuses, every field of a mark, round
//! decisions, the hand-out, the columns, conflicts and what a merge's sides
//! were) gives a diff that is not empty and a description that changes. And
//! `describe` never fails git's log.
#![allow(
    clippy::unwrap_used,
    reason = "strategies in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use proptest::prelude::*;
use stances::format::describe::describe;
use stances::model::conflict::{Conflict, MergeSides};
use stances::model::handout::Handout;
use stances::model::mark::{CoderSaid, MarkChange, MarkField};
use stances::model::rounds::{RoundDecisions, RoundDemand, RoundLink};
use stances::model::synthetic::{Spec, comparison};
use stances::model::{Comparison, Edit, Priority, Source, Value};

/// How many kinds of edit [`edited`] makes.
const EDITS: usize = 43;

fn demand(data: &mut stances::model::PositionFile) -> &mut stances::model::Demand {
    &mut data.sides[0].demands[0]
}

/// `cmp` with one field changed, by edit `kind`, to something with `text` in it.
fn edited(cmp: &Comparison, kind: usize, text: &str) -> Comparison {
    let mut out = cmp.clone();
    let new = format!("{text} ✎");
    let document = cmp.documents()[0].clone();
    let mut data = document.data.clone();
    let mark = cmp.marks().next().unwrap().clone();
    let mut edited_mark = mark.clone();
    let mut codebook = cmp.codebook().clone();
    let mut view = cmp.view().clone();
    let replace_data = |out: &mut Comparison, data| {
        let document = stances::model::PositionDocument {
            data,
            ..out.documents()[0].clone()
        };
        out.apply(Edit::ReplaceDocument { index: 0, document }).unwrap();
    };
    match kind {
        0 => {
            let document = stances::model::PositionDocument { path: new, ..document };
            out.apply(Edit::ReplaceDocument { index: 0, document }).unwrap();
        }
        1 => data.negotiation = Some(new),
        2 => data.round = Some(new),
        3 => data.date = Some(new),
        4..=7 => {
            let source = &mut data.sources[0];
            match kind {
                4 => source.title = new,
                5 => source.url = Some(new),
                6 => source.date = Some(new),
                _ => source.note = Some(new),
            }
        }
        8 => data.issues[0].name = new,
        9 => data.issues[0].description = Some(new),
        10 => data.sides[0].name = new,
        11 => data.sides[0].represented_by = Some(new),
        12 => demand(&mut data).text = new,
        13 => {
            let other = data
                .issues
                .iter()
                .find(|i| i.id != data.sides[0].demands[0].issue)
                .unwrap()
                .id
                .clone();
            demand(&mut data).issue = other;
        }
        14 => {
            let d = demand(&mut data);
            d.priority = Some(if d.priority == Some(Priority::Low) {
                Priority::Core
            } else {
                Priority::Low
            });
        }
        15 => demand(&mut data).quote = Some(new),
        16 => demand(&mut data).source = Some(new),
        17 => {
            demand(&mut data).value = Some(Value {
                min: Some(text.chars().count() as f64 + 0.5),
                max: None,
                unit: new,
            });
        }
        18 => demand(&mut data).tags.push(new),
        19 => demand(&mut data).note = Some(new),
        20 => codebook.id = new,
        21 => codebook.name = new,
        22 => codebook.statuses[0].label = new,
        23 => codebook.statuses[0].color = "#123456".into(),
        24 => codebook.statuses[0].key = Some("z".into()),
        25 => codebook.statuses[0].description = Some(new),
        26 => {
            edited_mark.status = codebook
                .statuses
                .iter()
                .find(|s| s.id != mark.status)
                .unwrap()
                .id
                .clone()
        }
        27 => edited_mark.note = new,
        28 => edited_mark.coder = new,
        29 => edited_mark.created = "2020-01-01T00:00:00Z".into(),
        30 => edited_mark.changed = "2030-01-01T00:00:00Z".into(),
        31 => edited_mark
            .demands
            .push(stances::model::DemandRef::new("elsewhere", "x", new)),
        32 => edited_mark.coders_said.push(CoderSaid {
            demand: mark.demands[0].clone(),
            coder: new,
            statuses: vec![mark.status.clone()],
            note: String::new(),
        }),
        33 => edited_mark.changes.push(MarkChange {
            at: "2030-01-01T00:00:00Z".into(),
            by: new,
            field: MarkField::Note,
            was: String::new(),
        }),
        34 => {
            let mut pair = RoundDecisions::new(document.id.clone(), "later".to_owned());
            pair.matches.push(RoundLink {
                old: RoundDemand::new("a", "b"),
                new: RoundDemand::new("c", new),
            });
            out.apply(Edit::SetRounds(vec![pair])).unwrap();
        }
        35 => {
            out.apply(Edit::SetHandout(Some(Handout {
                instructions: new,
                examples: Vec::new(),
                student: None,
            })))
            .unwrap();
        }
        36 => {
            out.apply(Edit::SetHandout(Some(Handout {
                instructions: String::new(),
                examples: vec![mark.id.clone()],
                student: None,
            })))
            .unwrap();
        }
        37 => view.columns.reverse(),
        38 => view.columns[0].hidden = !view.columns[0].hidden,
        39 => view.columns[0].width = Some(text.chars().count() as f32 + 123.0),
        40 => {
            let mut theirs = mark.clone();
            theirs.note = new;
            out.apply(Edit::SetConflicts(vec![Conflict::Mark {
                id: mark.id.clone(),
                fields: vec![MarkField::Note],
                base: Some(mark.clone()),
                ours: Some(mark.clone()),
                theirs: Some(theirs),
            }]))
            .unwrap();
        }
        41 => {
            out = out.with_merge_sides(Some(MergeSides {
                ours: "HEAD".into(),
                theirs: new,
                rebase: true,
            }));
        }
        42 => {
            out.apply(Edit::SetHandout(Some(Handout {
                instructions: String::new(),
                examples: Vec::new(),
                student: Some(stances::model::handout::Student {
                    name: new,
                    id: "s-1".into(),
                    started: "2025-06-02T14:30:00Z".into(),
                }),
            })))
            .unwrap();
        }
        _ => unreachable!("{kind} is not an edit"),
    }
    if (1..=19).contains(&kind) {
        replace_data(&mut out, data);
    }
    if (20..=25).contains(&kind) {
        out.apply(Edit::SetCodebook(codebook)).unwrap();
    }
    if (26..=33).contains(&kind) {
        out.apply(Edit::ReplaceMark(edited_mark)).unwrap();
    }
    if (37..=39).contains(&kind) {
        out.set_view(view);
    }
    out
}

/// `cmp` whose first document cites a source with every field, for edits of them.
fn with_source(mut cmp: Comparison) -> Comparison {
    let mut document = cmp.documents()[0].clone();
    document.data.sources.push(Source {
        id: "report".into(),
        title: "A report".into(),
        url: Some("https://example.org".into()),
        date: Some("2025-06-02".into()),
        note: Some("read in full".into()),
    });
    cmp.apply(Edit::ReplaceDocument { index: 0, document }).unwrap();
    cmp
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_single_edit_shows_in_the_diff_and_the_description(
        kind in 0..EDITS,
        text in "[a-zA-Zа-я\\- ]{1,12}",
        seed in 0u64..50,
    ) {
        let spec = Spec { sides: 2, demands: 6, issues: 3, seed, language: Default::default() };
        let before = with_source(comparison(&spec, 3));
        let after = edited(&before, kind, &text);
        let changes = stances::model::diff::diff(&before, &after);
        prop_assert!(!changes.is_empty(), "edit {kind}: the diff sees nothing");
        prop_assert_ne!(describe(&before, 7), describe(&after, 7), "edit {}: the description did not change", kind);
    }
}

#[test]
fn describe_says_what_it_cannot_read_and_still_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let broken = common::write_temp(
        &dir,
        "talks.stances.ron",
        "(\n    format: 2,\n<<<<<<< HEAD\n    marks: [],\n=======\n>>>>>>> bob\n)\n",
    );
    let (code, out, _) = common::run_stances([std::ffi::OsStr::new("describe"), broken.as_os_str()]);
    assert_eq!(code, 0, "git's log goes on");
    assert!(
        out.starts_with("(this version cannot be read as a comparison:"),
        "{out}"
    );
    assert!(out.contains("<<<<<<< HEAD"), "its lines follow: {out}");
}
