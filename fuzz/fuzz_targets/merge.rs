//! The three-way merge on any two lines of work from one base: the fuzzer's
//! bytes drive two sequences of edits (marks added, recoded, renoted, removed or
//! changed by another coder; demand texts, side and issue names, sources and
//! paths changed; statuses relabelled; round decisions; the hand-out) made from
//! the same comparison. The merge never panics, what it gives always saves and
//! opens again, and no one's work is dropped in silence: every mark either side
//! holds is in the result, or was removed on one side and left untouched on the
//! other, or is named in a conflict.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stances::format::comparison_file::{parse, to_ron};
use stances::model::handout::Handout;
use stances::model::mark::{DemandRef, Mark, Stamp};
use stances::model::merge::merge;
use stances::model::rounds::{RoundDecisions, RoundDemand, RoundLink};
use stances::model::{Comparison, Edit};

const BASE: &str = include_str!("../../tests/fixtures/merge/base.stances.ron");

/// One edit made from `byte` and the next, on `cmp`; refused edits change nothing.
fn edit(cmp: &mut Comparison, op: u8, arg: u8, n: usize) {
    let marks: Vec<Mark> = cmp.marks().cloned().collect();
    let statuses: Vec<String> = cmp.codebook().statuses.iter().map(|s| s.id.clone()).collect();
    let demands: Vec<_> = cmp.all_demands().collect();
    let pick = |len: usize| usize::from(arg) % len.max(1);
    let who = if arg & 1 == 0 { "alice" } else { "bob" };
    let stamp = Stamp {
        coder: who.into(),
        now: format!("2026-12-0{}T10:00:00Z", 1 + n % 9),
    };
    let made: Option<Edit> = match op % 10 {
        0 if !demands.is_empty() => cmp.new_mark_edit(
            &[demands[pick(demands.len())]],
            &statuses[pick(statuses.len())],
            &stamp,
            format!("m{n}-{arg}"),
        ),
        1 if !marks.is_empty() => cmp.mark_status_edit(
            &marks[pick(marks.len())].id,
            &statuses[usize::from(arg / 7) % statuses.len()],
            &stamp,
        ),
        2 if !marks.is_empty() => cmp.note_edit(&marks[pick(marks.len())].id, &format!("note {arg}"), &stamp),
        3 if !marks.is_empty() => Some(Edit::RemoveMark(marks[pick(marks.len())].id.clone())),
        4 | 5 if !cmp.documents().is_empty() => {
            let mut document = cmp.documents()[0].clone();
            let data = &mut document.data;
            match (op % 10, arg % 6) {
                (4, 0) => document.path = format!("moved-{arg}.ron"),
                (4, 1) if !data.sides.is_empty() => data.sides[0].name = format!("Side {arg}"),
                (4, 2) if !data.issues.is_empty() => data.issues[0].name = format!("Issue {arg}"),
                (4, _) if !data.sources.is_empty() => data.sources[0].title = format!("Source {arg}"),
                (5, 0) if !data.sides.is_empty() && !data.sides[0].demands.is_empty() => {
                    data.sides[0].demands.remove(0);
                }
                (5, _) => {
                    if let Some(side) = data.sides.get_mut(pick(2)) {
                        let at = usize::from(arg / 3) % side.demands.len().max(1);
                        if let Some(d) = side.demands.get_mut(at) {
                            d.text = format!("{} ({arg})", d.text);
                        }
                    }
                }
                _ => data.round = Some(format!("Round {arg}")),
            }
            Some(Edit::ReplaceDocument { index: 0, document })
        }
        6 => {
            let mut codebook = cmp.codebook().clone();
            let at = pick(codebook.statuses.len());
            codebook.statuses[at].label = format!("Label {arg}");
            Some(Edit::SetCodebook(codebook))
        }
        7 if !cmp.documents().is_empty() => {
            let mut pair = RoundDecisions::new(cmp.documents()[0].id.clone(), "later".to_owned());
            pair.matches.push(RoundLink {
                old: RoundDemand::new("ua", "ua-ceasefire"),
                new: RoundDemand::new("ua", format!("d{}", arg % 3)),
            });
            Some(Edit::SetRounds(vec![pair]))
        }
        8 => Some(Edit::SetHandout(Some(Handout {
            instructions: format!("Instruction {}", arg % 4),
            examples: marks.iter().take(usize::from(arg % 3)).map(|m| m.id.clone()).collect(),
            student: (arg % 5 == 0).then(|| stances::model::handout::Student {
                name: format!("Student {}", arg % 2),
                id: format!("s-{}", arg % 3),
                started: "2025-06-02T14:30:00Z".into(),
            }),
        }))),
        9 if !marks.is_empty() => {
            let mut mark = marks[pick(marks.len())].clone();
            mark.demands.push(DemandRef::new("elsewhere", "x", format!("{arg}")));
            Some(Edit::ReplaceMark(mark))
        }
        _ => None,
    };
    if let Some(made) = made {
        let _ = cmp.apply(made);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(base) = parse("base.stances.ron", BASE) else {
        return;
    };
    // The first byte says where ours ends and theirs begins.
    let Some((&split, rest)) = data.split_first() else {
        return;
    };
    let at = usize::from(split) * 2 % (rest.len() + 1);
    let (ours_ops, theirs_ops) = rest.split_at(at - at % 2);
    let line = |ops: &[u8]| {
        let mut cmp = base.clone();
        for (n, pair) in ops.chunks_exact(2).enumerate() {
            edit(&mut cmp, pair[0], pair[1], n);
        }
        cmp
    };
    let (ours, theirs) = (line(ours_ops), line(theirs_ops));
    let merged = merge(&base, &ours, &theirs).expect("a merge of two lines of one base is a comparison");
    let text = to_ron(&merged).expect("the merge saves");
    parse("merged.stances.ron", &text).expect("the merge opens again");
    // Nobody's mark vanishes in silence.
    let in_conflict = |id: &str| merged.conflicts().iter().any(|c| c.id() == id);
    for (side, other) in [(&ours, &theirs), (&theirs, &ours)] {
        for mark in side.marks() {
            let kept = merged.mark(&mark.id).is_some();
            let removed_by_other = other.mark(&mark.id).is_none() && base.mark(&mark.id) == Some(mark);
            assert!(
                kept || removed_by_other || in_conflict(&mark.id),
                "mark {} was dropped without a word",
                mark.id
            );
        }
    }
});
