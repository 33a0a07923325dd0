//! Property tests: any comparison survives save → load unchanged, and no input,
#![allow(
    clippy::unwrap_used,
    reason = "strategies in a test crate fail the test loudly, as #[test]s do"
)]
//! however broken, makes a loader panic.

use proptest::prelude::*;
use stances::format::comparison_file::{parse, to_ron};
use stances::format::diagnostics::text_from_bytes;
use stances::format::parse_position_file;
use stances::model::rounds::{RoundDemand, RoundLink};
use stances::model::{
    Comparison, Demand, DemandIx, Document, Edit, Issue, Mark, PositionDocument, PositionFile, Priority, Side, Source,
    Stamp, Value,
};

/// Text as users type it: any script, quotes, backslashes, line breaks, tabs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{1,40}", "[a-zA-Zа-яА-Я ,.\"'\\\\\n\t–—“”🕊مرحبا停火]{1,40}",]
        .prop_filter("non-blank", |s| !s.trim().is_empty())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn value() -> impl Strategy<Value = Value> {
    (prop::option::of(-1e12f64..1e12), prop::option::of(0f64..1e12), text()).prop_filter_map(
        "a range",
        |(min, extra, unit)| match (min, extra) {
            (None, None) => None,
            (Some(a), Some(e)) => Some(Value {
                min: Some(a),
                max: Some(a + e),
                unit,
            }),
            (min, None) => Some(Value { min, max: None, unit }),
            (None, max) => Some(Value { min: None, max, unit }),
        },
    )
}

prop_compose! {
    fn demand()(
        text in text(), quote in opt_text(), note in opt_text(),
        priority in prop::option::of(prop::sample::select(Priority::ALL.to_vec())),
        value in prop::option::of(value()),
        tags in prop::collection::vec(text(), 0..3),
        issue in 0usize..3, sourced in any::<bool>(),
    ) -> (Demand, usize) {
        (Demand { id: String::new(), issue: String::new(), text, priority, quote, source: sourced.then(|| "s".to_owned()), value, tags, note }, issue)
    }
}

prop_compose! {
    fn position_file()(
        sides in prop::collection::vec((text(), opt_text(), prop::collection::vec(demand(), 0..5)), 1..4),
        negotiation in opt_text(), round in opt_text(),
        issue_names in prop::collection::vec(text(), 3),
    ) -> PositionFile {
        let issues: Vec<Issue> = issue_names.into_iter().enumerate().map(|(i, name)| Issue { id: format!("issue {i} ✓"), name, description: None }).collect();
        let sides = sides.into_iter().enumerate().map(|(s, (name, represented_by, demands))| Side {
            id: format!("side-{s}-ид"),
            name,
            represented_by,
            demands: demands.into_iter().enumerate().map(|(d, (mut demand, issue))| {
                demand.id = format!("{s}/{d} «id»");
                demand.issue = issues[issue].id.clone();
                demand
            }).collect(),
        }).collect();
        PositionFile {
            format: 1, negotiation, round, date: Some("2025-06-02".into()),
            sources: vec![Source { id: "s".into(), title: "Source".into(), url: None, date: Some("2025".into()), note: None }],
            issues, sides,
        }
    }
}

/// One step a user can take: an edit, undo, redo, or a change of the columns.
#[derive(Clone, Debug)]
enum Step {
    AddDocument(usize),
    RemoveDocument(prop::sample::Index),
    ReplaceDocument(prop::sample::Index, usize),
    Mark(Vec<prop::sample::Index>, usize),
    Restatus(prop::sample::Index, usize),
    Note(prop::sample::Index, String),
    DeleteMark(prop::sample::Index),
    Undo,
    Redo,
    Hide(prop::sample::Index, bool),
    Move(prop::sample::Index, isize),
    Resize(prop::sample::Index, Option<f32>),
    /// Codebook editor: rename, recolour, add, move up, delete (re-coding to another).
    Relabel(prop::sample::Index, String),
    Recolour(prop::sample::Index, [u8; 3]),
    AddStatus(String),
    MoveStatusUp(prop::sample::Index),
    DeleteStatus(prop::sample::Index, prop::sample::Index),
    /// Compare rounds: match a demand of one document with one of another (confirm
    /// or draw), reject such a pair, or undo a match.
    RoundMatch(
        prop::sample::Index,
        prop::sample::Index,
        prop::sample::Index,
        prop::sample::Index,
    ),
    RoundReject(
        prop::sample::Index,
        prop::sample::Index,
        prop::sample::Index,
        prop::sample::Index,
    ),
    RoundUnmatch(prop::sample::Index),
    /// A hand-out made of the comparison (its marks kept as worked examples or
    /// not), and a student starting on it under a name.
    HandOut(String, bool),
    StartStudent(String),
}

fn step() -> impl Strategy<Value = Step> {
    let ix = any::<prop::sample::Index>;
    prop_oneof![
        3 => (0usize..3).prop_map(Step::AddDocument),
        1 => ix().prop_map(Step::RemoveDocument),
        1 => (ix(), 0usize..3).prop_map(|(i, p)| Step::ReplaceDocument(i, p)),
        4 => (prop::collection::vec(ix(), 1..4), 0usize..4).prop_map(|(d, s)| Step::Mark(d, s)),
        2 => (ix(), 0usize..4).prop_map(|(m, s)| Step::Restatus(m, s)),
        2 => (ix(), text()).prop_map(|(m, t)| Step::Note(m, t)),
        1 => ix().prop_map(Step::DeleteMark),
        3 => Just(Step::Undo),
        2 => Just(Step::Redo),
        1 => (ix(), any::<bool>()).prop_map(|(c, h)| Step::Hide(c, h)),
        1 => (ix(), -2isize..3).prop_map(|(c, b)| Step::Move(c, b)),
        1 => (ix(), prop::option::of(-10.0f32..3000.0)).prop_map(|(c, w)| Step::Resize(c, w)),
        1 => (ix(), prop_oneof![text(), Just(String::new())]).prop_map(|(s, t)| Step::Relabel(s, t)),
        1 => (ix(), any::<[u8; 3]>()).prop_map(|(s, c)| Step::Recolour(s, c)),
        1 => text().prop_map(Step::AddStatus),
        1 => ix().prop_map(Step::MoveStatusUp),
        1 => (ix(), ix()).prop_map(|(s, t)| Step::DeleteStatus(s, t)),
        2 => (ix(), ix(), ix(), ix()).prop_map(|(a, b, o, n)| Step::RoundMatch(a, b, o, n)),
        1 => (ix(), ix(), ix(), ix()).prop_map(|(a, b, o, n)| Step::RoundReject(a, b, o, n)),
        1 => ix().prop_map(Step::RoundUnmatch),
        1 => (text(), any::<bool>()).prop_map(|(t, k)| Step::HandOut(t, k)),
        1 => text().prop_map(Step::StartStudent),
    ]
}

/// Carries out a step as the app would; refused edits change nothing, as in the app.
fn take(doc: &mut Document, pool: &[PositionFile], step: Step, next_id: &mut u32) {
    let cmp = doc.comparison();
    let stamp = Stamp {
        coder: "coder ✓".into(),
        now: "2026-11-25T10:00:00Z".into(),
    };
    let statuses = &cmp.codebook().statuses;
    let all_demands: Vec<DemandIx> = (0..cmp.side_count())
        .flat_map(|s| {
            (0..cmp.side(s).demands.len()).map(move |d| DemandIx {
                side: s as u32,
                demand: d as u32,
            })
        })
        .collect();
    let marks: Vec<Mark> = cmp.marks().cloned().collect();
    let mut view = cmp.view().clone();
    let edit = match step {
        Step::AddDocument(p) => {
            let path = format!("rounds/talks {p}.ron");
            Some(Edit::InsertDocument {
                index: cmp.documents().len(),
                document: PositionDocument {
                    id: cmp.new_document_id(&path),
                    path,
                    data: pool[p].clone(),
                },
            })
        }
        Step::RemoveDocument(i) if !cmp.documents().is_empty() => Some(Edit::RemoveDocument {
            index: i.index(cmp.documents().len()),
        }),
        Step::ReplaceDocument(i, p) if !cmp.documents().is_empty() => {
            let index = i.index(cmp.documents().len());
            let old = &cmp.documents()[index];
            Some(Edit::ReplaceDocument {
                index,
                document: PositionDocument {
                    id: old.id.clone(),
                    path: old.path.clone(),
                    data: pool[p].clone(),
                },
            })
        }
        Step::Mark(picks, status) if !all_demands.is_empty() => {
            let mut selection: Vec<DemandIx> = picks.iter().map(|i| all_demands[i.index(all_demands.len())]).collect();
            selection.dedup();
            *next_id += 1;
            let status = &statuses[status % statuses.len()].id;
            // Two coders take turns; a question about the other's mark is answered
            // by changing it (recorded as a change by the other coder).
            let stamp = Stamp {
                coder: if next_id.is_multiple_of(2) { "alice" } else { "bob" }.into(),
                ..stamp
            };
            match cmp.coding_edit(&selection, status, &stamp, format!("mark-{next_id:04}")) {
                stances::model::coders::Coding::Edit(edit) => Some(edit),
                stances::model::coders::Coding::Ask { mark, .. } => cmp.mark_status_edit(&mark, status, &stamp),
                stances::model::coders::Coding::Nothing => None,
            }
        }
        Step::Restatus(m, status) if !marks.is_empty() => {
            let mut mark = marks[m.index(marks.len())].clone();
            mark.status.clone_from(&statuses[status % statuses.len()].id);
            Some(Edit::ReplaceMark(mark))
        }
        Step::Note(m, note) if !marks.is_empty() => {
            let stamp = Stamp {
                coder: if m.index(2) == 0 { "alice" } else { "carol" }.into(),
                ..stamp
            };
            cmp.note_edit(&marks[m.index(marks.len())].id, &note, &stamp)
        }
        Step::DeleteMark(m) if !marks.is_empty() => Some(Edit::RemoveMark(marks[m.index(marks.len())].id.clone())),
        Step::Undo => {
            let _ = doc.undo();
            None
        }
        Step::Redo => {
            let _ = doc.redo();
            None
        }
        Step::Hide(c, hidden) if !view.columns.is_empty() => {
            let n = view.columns.len();
            view.columns[c.index(n)].hidden = hidden;
            doc.set_view(view);
            None
        }
        Step::Move(c, by) if !view.columns.is_empty() => {
            let n = view.columns.len();
            let from = c.index(n);
            let to = (from as isize + by).clamp(0, n as isize - 1) as usize;
            let column = view.columns.remove(from);
            view.columns.insert(to, column);
            doc.set_view(view);
            None
        }
        Step::Resize(c, width) if !view.columns.is_empty() => {
            let n = view.columns.len();
            view.columns[c.index(n)].width = width;
            doc.set_view(view);
            None
        }
        Step::Relabel(s, label) => {
            let mut codebook = cmp.codebook().clone();
            codebook.statuses[s.index(statuses.len())].label = label;
            cmp.codebook_edit(codebook).ok().flatten()
        }
        Step::Recolour(s, [r, g, b]) => {
            let mut codebook = cmp.codebook().clone();
            codebook.statuses[s.index(statuses.len())].color = format!("#{r:02x}{g:02x}{b:02x}");
            cmp.codebook_edit(codebook).ok().flatten()
        }
        Step::AddStatus(label) => cmp.add_status_edit(&label, "#1971c2").ok().flatten(),
        Step::MoveStatusUp(s) => {
            let mut codebook = cmp.codebook().clone();
            let i = s.index(statuses.len());
            codebook.statuses.swap(i, i.saturating_sub(1));
            cmp.codebook_edit(codebook).ok().flatten()
        }
        Step::DeleteStatus(s, t) => {
            let id = &statuses[s.index(statuses.len())].id;
            let target = &statuses[t.index(statuses.len())].id;
            cmp.remove_status_edit(id, Some(target), &stamp.now).ok()
        }
        Step::RoundMatch(a, b, o, n) | Step::RoundReject(a, b, o, n) if cmp.documents().len() >= 2 => {
            let reject = matches!(step, Step::RoundReject(..));
            round_link(cmp, a, b, o, n).and_then(|(old, new, link)| {
                cmp.round_decision_edit(&old, &new, |d| if reject { d.reject(link) } else { d.confirm(link) })
            })
        }
        Step::RoundUnmatch(i) => {
            let links: Vec<_> = cmp
                .rounds()
                .iter()
                .flat_map(|r| r.matches.iter().map(move |l| (r.old.clone(), r.new.clone(), l.clone())))
                .collect();
            (!links.is_empty())
                .then(|| links[i.index(links.len())].clone())
                .and_then(|(old, new, link)| cmp.round_decision_edit(&old, &new, |d| d.unmatch(&link)))
        }
        Step::HandOut(instructions, keep) => cmp
            .handout_copy(&instructions, keep)
            .ok()
            .map(|h| stances::model::Edit::SetHandout(h.handout().cloned())),
        Step::StartStudent(name) if !name.trim().is_empty() => {
            cmp.start_student_edit(stances::model::handout::Student::starting(&name))
        }
        _ => None,
    };
    if let Some(edit) = edit {
        let _ = doc.apply(edit, None);
    }
}

/// Two different documents and a demand of each (old, new): a pair to match or reject.
fn round_link(
    cmp: &Comparison,
    a: prop::sample::Index,
    b: prop::sample::Index,
    o: prop::sample::Index,
    n: prop::sample::Index,
) -> Option<(String, String, RoundLink)> {
    let documents = cmp.documents();
    let first = a.index(documents.len());
    let second = (first + 1 + b.index(documents.len() - 1)) % documents.len();
    let pick = |d: &PositionDocument, i: prop::sample::Index| {
        let all: Vec<RoundDemand> = d
            .data
            .sides
            .iter()
            .flat_map(|s| s.demands.iter().map(|x| RoundDemand::new(s.id.clone(), x.id.clone())))
            .collect();
        (!all.is_empty()).then(|| all[i.index(all.len())].clone())
    };
    let (old, new) = (&documents[first], &documents[second]);
    Some((
        old.id.clone(),
        new.id.clone(),
        RoundLink {
            old: pick(old, o)?,
            new: pick(new, n)?,
        },
    ))
}

fn same(a: &Comparison, b: &Comparison) -> bool {
    a.documents() == b.documents()
        && a.marks().eq(b.marks())
        && a.codebook() == b.codebook()
        && a.view() == b.view()
        && a.rounds() == b.rounds()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every state reachable through edits, undo, redo and column changes, the empty
    /// comparison included, saves to a file that loads back equal and saves the same bytes.
    #[test]
    fn every_reachable_state_saves_and_loads_back_equal(
        pool in prop::collection::vec(position_file(), 3),
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let mut doc = Document::new(Comparison::default());
        let mut next_id = 0;
        for (n, step) in steps.into_iter().enumerate() {
            let described = format!("{step:?}");
            take(&mut doc, &pool, step, &mut next_id);
            let text = to_ron(doc.comparison()).unwrap();
            let back = parse("x.stances.ron", &text)
                .map_err(|e| TestCaseError::fail(format!("after step {n} ({described}): {e}\n{text}")))?;
            prop_assert!(same(&back, doc.comparison()), "after step {} ({}) the reloaded comparison differs", n, described);
            prop_assert_eq!(to_ron(&back).unwrap(), text);
        }
    }

    /// Every consensus reachable by adjudicating a study (the coders' agreed codes,
    /// then taking a coder's code, choosing a status, writing a note, clearing,
    /// undoing and redoing, in any order) saves to a file that loads back equal.
    #[test]
    fn every_consensus_saves_and_loads_back_equal(
        positions in position_file(),
        coders in prop::collection::vec((text(), prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, text()), 0..8)), 2..4),
        steps in prop::collection::vec((0u8..6, any::<prop::sample::Index>(), any::<prop::sample::Index>(), text()), 1..30),
    ) {
        use stances::model::consensus::Adjudication;
        use stances::model::study::{CodedCopy, Study};
        let base = Comparison::from_positions(vec![("talks.ron".into(), positions)]).unwrap();
        let units: Vec<DemandIx> = base.all_demands().collect();
        prop_assume!(!units.is_empty());
        let statuses: Vec<String> = base.codebook().statuses.iter().map(|s| s.id.clone()).collect();
        let mut next_id = 0;
        let copies: Vec<CodedCopy> = coders.into_iter().enumerate().map(|(c, (coder, marks))| {
            let mut doc = Document::new(base.clone());
            for (unit, status, note) in marks {
                next_id += 1;
                let stamp = Stamp { coder: format!("{c} {coder}"), now: "2026-11-26T09:00:00Z".into() };
                let edit = doc.comparison().new_mark_edit(&[units[unit.index(units.len())]], &statuses[status % statuses.len()], &stamp, format!("m{next_id}"));
                let _ = doc.apply(edit.unwrap(), None);
                let id = format!("m{next_id}");
                if let Some(edit) = doc.comparison().note_edit(&id, &note, &stamp) {
                    let _ = doc.apply(edit, None);
                }
            }
            CodedCopy { file: format!("coder{c}.stances.ron"), comparison: doc.comparison().clone() }
        }).collect();
        let study = Study::new(copies).unwrap();
        let coder_count = study.coders().len();
        let stamp = Stamp { coder: "adjudicator".into(), now: "2026-11-26T10:00:00Z".into() };
        let (adjudication, consensus) = Adjudication::start(study, &stamp, || { next_id += 1; format!("c{next_id}") });
        let mut doc = Document::new(consensus);
        let mut next = 0;
        for (n, (kind, unit, pick, note)) in steps.into_iter().enumerate() {
            let unit = unit.index(units.len());
            let cmp = doc.comparison();
            next += 1;
            let id = format!("d{next}");
            let decided = adjudication.decision(cmp, unit).map(|m| (m.status.clone(), m.note.clone()));
            let edit = match kind {
                0 if coder_count > 0 => adjudication.coder_code(unit, pick.index(coder_count)).and_then(|(status, note)| adjudication.decide_edit(cmp, unit, &status, &note, &stamp, id)),
                1 => adjudication.decide_edit(cmp, unit, &statuses[pick.index(statuses.len())], &decided.map(|d| d.1).unwrap_or_default(), &stamp, id),
                2 => decided.and_then(|(status, _)| adjudication.decide_edit(cmp, unit, &status, &note, &stamp, id)),
                3 => adjudication.clear_edit(cmp, unit, &stamp),
                4 => { let _ = doc.undo(); None }
                _ => { let _ = doc.redo(); None }
            };
            if let Some(edit) = edit {
                doc.apply(edit, None).map_err(|e| TestCaseError::fail(format!("step {n}: {e}")))?;
            }
            let text = to_ron(doc.comparison()).unwrap();
            let back = parse("consensus.stances.ron", &text)
                .map_err(|e| TestCaseError::fail(format!("after step {n}: {e}\n{text}")))?;
            prop_assert!(same(&back, doc.comparison()), "after step {} the reloaded consensus differs", n);
            prop_assert_eq!(to_ron(&back).unwrap(), text);
        }
    }

    #[test]
    fn any_position_file_survives_writing_and_reading(file in position_file()) {
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new()).unwrap();
        let back = parse_position_file("x.ron", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, file);
    }

    /// A codebook file Stances wrote always opens again, equal, whatever its labels and descriptions hold.
    #[test]
    fn any_codebook_file_survives_writing_and_reading(
        id in text(),
        name in text(),
        statuses in prop::collection::vec((text(), opt_text(), any::<[u8; 3]>(), prop::option::of("[a-z0-9]")), 1..12),
    ) {
        let mut codebook = stances::model::Codebook { id, name, statuses: Vec::new() };
        for (i, (label, description, [r, g, b], key)) in statuses.into_iter().enumerate() {
            let taken = key.as_ref().is_some_and(|k| codebook.by_key(k).is_some());
            codebook.statuses.push(stances::model::Status {
                id: format!("s{i}-{label}"),
                label,
                color: format!("#{r:02x}{g:02x}{b:02x}"),
                key: if taken { None } else { key },
                description,
            });
        }
        let text = stances::format::codebook_file::to_ron(&codebook).unwrap();
        let back = stances::format::codebook_file::parse("x.codebook.ron", &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, codebook);
    }

    /// A codebook exported for QDA tools imports back with the same statuses (ids
    /// through their guids), whatever the labels and descriptions hold; descriptions
    /// come back trimmed, as other tools indent them.
    #[test]
    fn any_codebook_exported_as_qdc_imports_back(
        statuses in prop::collection::vec((text(), opt_text(), any::<[u8; 3]>()), 1..10),
    ) {
        let mut codebook = stances::model::Codebook { id: "study".into(), name: "Study".into(), statuses: Vec::new() };
        for (i, (label, description, [r, g, b])) in statuses.into_iter().enumerate() {
            codebook.statuses.push(stances::model::Status {
                id: format!("s{i}"),
                label,
                color: format!("#{r:02x}{g:02x}{b:02x}"),
                key: codebook.free_key(),
                description: description.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()),
            });
        }
        let xml = stances::format::qdc::to_qdc(&codebook);
        let back = stances::format::qdc::parse_qdc("x.qdc", &xml, &codebook)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        prop_assert_eq!(back, codebook);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = text_from_bytes("x.ron", bytes) {
            let _ = parse_position_file("x.ron", &text);
            let _ = parse("x.stances.ron", &text);
            let _ = stances::format::codebook_file::parse("x.codebook.ron", &text);
            let _ = stances::format::qdc::parse_qdc("x.qdc", &text, &stances::model::Codebook::default());
        }
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(vec![
        "(", ")", "[", "]", "{", "}", ":", ",", "format", "1", "2", "sides", "positions", "marks", "codebook",
        "statuses", "id", "name", "demands", "documents", "view", "columns", "key", "issue", "text", "\"a\"", "\"\"", "r#\"x\"#", "Some", "Core", "value",
        "min", "max", "unit", "-1e400", "/*", "*/", "//", "\n", "#![enable(implicit_some)]", "'", "\\", "\"",
    ]), 0..80)) {
        let text = tokens.join(" ");
        let _ = parse_position_file("x.ron", &text);
        let _ = parse("x.stances.ron", &text);
        let _ = stances::format::locate::top_level_fields(&text);
        let _ = stances::format::locate::locate(&text, &[stances::format::locate::Step::Field("sides"), stances::format::locate::Step::Index(3)]);
    }
}

/// A comparison reached from `base` by `steps`, its new marks numbered from `first_id`
/// (each side of a merge makes its own ids, as UUIDs would be).
fn edited(base: &Comparison, pool: &[PositionFile], steps: Vec<Step>, first_id: u32) -> Comparison {
    let mut doc = Document::new(base.clone());
    let mut next_id = first_id;
    for step in steps {
        take(&mut doc, pool, step, &mut next_id);
    }
    doc.comparison().clone()
}

/// Everything but the view, which is personal.
fn same_but_view(a: &Comparison, b: &Comparison) -> bool {
    a.documents() == b.documents()
        && a.marks().eq(b.marks())
        && a.codebook() == b.codebook()
        && a.rounds() == b.rounds()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The three-way merge of two random edit sequences from one random base: it
    /// loads; it holds every mark either side added and none one side removed and
    /// the other left alone; merging with an untouched or identical side gives the
    /// other; swapping the sides swaps the conflicts; settled, it merges onward cleanly.
    #[test]
    fn merges_of_two_edit_sequences_keep_both_sides_work(
        pool in prop::collection::vec(position_file(), 3),
        base_steps in prop::collection::vec(step(), 0..20),
        ours_steps in prop::collection::vec(step(), 0..20),
        theirs_steps in prop::collection::vec(step(), 0..20),
    ) {
        use stances::model::conflict::Pick;
        use stances::model::merge::merge;
        let o = edited(&Comparison::default(), &pool, base_steps, 0);
        let a = edited(&o, &pool, ours_steps, 10_000);
        let b = edited(&o, &pool, theirs_steps, 20_000);
        let m = merge(&o, &a, &b).unwrap();
        let text = to_ron(&m).unwrap();
        let back = parse("merged.stances.ron", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert!(same(&back, &m));
        prop_assert_eq!(back.conflicts(), m.conflicts());
        for side in [&a, &b] {
            for mark in side.marks().filter(|x| o.mark(&x.id).is_none()) {
                prop_assert!(m.mark(&mark.id).is_some(), "mark {} added on one side is lost", mark.id);
            }
        }
        for mark in o.marks() {
            let (in_a, in_b) = (a.mark(&mark.id), b.mark(&mark.id));
            if (in_a.is_none() && in_b == Some(mark)) || (in_b.is_none() && in_a == Some(mark)) {
                prop_assert!(m.mark(&mark.id).is_none(), "mark {} removed on one side came back", mark.id);
            }
        }
        prop_assert!(same(&merge(&o, &a, &o).unwrap(), &a), "merge(O, A, O) = A");
        prop_assert!(same(&merge(&o, &a, &a).unwrap(), &a), "merge(O, A, A) = A");
        prop_assert!(same_but_view(&merge(&o, &o, &b).unwrap(), &b), "merge(O, O, B) = B");
        let swapped = merge(&o, &b, &a).unwrap();
        let ids = |c: &Comparison| c.marks().map(|x| x.id.clone()).collect::<Vec<_>>();
        prop_assert_eq!(ids(&swapped), ids(&m));
        let mut conflicts: Vec<_> = m.conflicts().iter().map(|c| (c.key(), c.swapped())).collect();
        let mut other: Vec<_> = swapped.conflicts().iter().map(|c| (c.key(), c.clone())).collect();
        conflicts.sort_by(|x, y| x.0.cmp(&y.0));
        other.sort_by(|x, y| x.0.cmp(&y.0));
        prop_assert_eq!(conflicts, other, "swapping the sides swaps the conflicts");
        // Settle every conflict by taking ours (or, where that is refused, as it is).
        let mut doc = Document::new(m);
        while !doc.comparison().conflicts().is_empty() {
            let edit = doc.comparison().take_edit(0, Pick::Ours).unwrap();
            if doc.apply(edit, None).is_err() {
                let edit = doc.comparison().settled_as_is_edit(0).unwrap();
                doc.apply(edit, None).unwrap();
            }
        }
        let settled = doc.comparison();
        let text = to_ron(settled).unwrap();
        prop_assert!(!text.contains("conflicts:"));
        parse("settled.stances.ron", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        // Merged onward with the same theirs (now the merge base, as git sees it): clean.
        let onward = merge(&b, settled, &b).unwrap();
        prop_assert!(onward.conflicts().is_empty());
        prop_assert!(same(&onward, settled));
    }
}
