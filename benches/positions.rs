//! Positions edited in the window, measured beside a mark's edit on the same
//! comparison (the baseline: an edit users already make all day). `cargo bench
//! --bench positions`; results are in CONTRIBUTING.md.

use criterion::{Criterion, criterion_group, criterion_main};
use stances::model::mark::Stamp;
use stances::model::position_edit::PositionChange;
use stances::model::synthetic::{Language, Spec, comparison};
use stances::model::{DemandIx, Document, Edit};

/// One edit and its undo through the window's one edit path, on 2 × 10,000 demands.
fn position_edit(c: &mut Criterion) {
    let spec = Spec {
        sides: 2,
        demands: 10_000,
        issues: 40,
        seed: 1,
        language: Language::English,
    };
    let mut doc = Document::new(comparison(&spec, 50));
    let mut group = c.benchmark_group("position edit + undo, 2x10000, 50 marks");
    let selection = [DemandIx { side: 0, demand: 17 }];
    let stamp = Stamp {
        coder: "bench".into(),
        now: "2026-12-06T10:00:00Z".into(),
    };
    group.bench_function("baseline: mark + undo", |b| {
        b.iter(|| {
            let edit = doc
                .comparison()
                .new_mark_edit(&selection, "disputed", &stamp, "bench-mark".into())
                .expect("an edit");
            doc.apply(edit, None).expect("applies");
            doc.undo().expect("undoes");
        });
    });
    let mut reworded = doc.comparison().documents()[0].data.sides[0].demands[4242].clone();
    reworded.text.push_str(" (as reworded)");
    group.bench_function("stances: a demand's text + undo", |b| {
        b.iter(|| {
            let change = PositionChange::ReplaceDemand {
                side: 0,
                at: 4242,
                demand: reworded.clone(),
            };
            doc.apply(
                Edit::Positions {
                    document: 0,
                    change: Box::new(change),
                },
                None,
            )
            .expect("applies");
            doc.undo().expect("undoes");
        });
    });
    let mut added = reworded.clone();
    added.id = "bench-new-demand".into();
    group.bench_function("stances: a new demand + undo (demands move)", |b| {
        b.iter(|| {
            let change = PositionChange::InsertDemand {
                side: 0,
                at: 4242,
                demand: added.clone(),
            };
            doc.apply(
                Edit::Positions {
                    document: 0,
                    change: Box::new(change),
                },
                None,
            )
            .expect("applies");
            doc.undo().expect("undoes");
        });
    });
    group.finish();
}

criterion_group!(benches, position_edit);
criterion_main!(benches);
