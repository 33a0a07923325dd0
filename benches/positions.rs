//! Positions edited in the window, measured beside a mark's edit on the same
//! comparison (the baseline: an edit users already make all day). `cargo bench
//! --bench positions`; results are in CONTRIBUTING.md.

use criterion::{Criterion, criterion_group, criterion_main};
use stances::model::mark::Stamp;
use stances::model::position_edit::PositionChange;
use stances::model::synthetic::{Language, Spec, comparison};
use stances::model::{DemandIx, Document, Edit};

/// A change to document 0's positions and its undo, through the one edit path.
fn apply_and_undo(doc: &mut Document, change: PositionChange) {
    doc.apply(
        Edit::Positions {
            document: 0,
            change: Box::new(change),
        },
        None,
    )
    .expect("applies");
    doc.undo().expect("undoes");
}

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
            apply_and_undo(
                &mut doc,
                PositionChange::ReplaceDemand {
                    side: 0,
                    at: 4242,
                    demand: reworded.clone(),
                },
            );
        });
    });
    let mut added = reworded.clone();
    added.id = "bench-new-demand".into();
    group.bench_function("stances: a new demand + undo (demands move)", |b| {
        b.iter(|| {
            apply_and_undo(
                &mut doc,
                PositionChange::InsertDemand {
                    side: 0,
                    at: 4242,
                    demand: added.clone(),
                },
            );
        });
    });
    group.finish();
}

/// 1,000 quotes traced in 10 MB of sources (ten texts of 1 MB): most found word
/// for word, one in ten retyped with straight quotes and another spacing (found
/// after normalising), one in a hundred changed (not found: the closest passage
/// is looked for). Baseline: `str::find` of every quote as it is, same run.
fn quote_tracing(c: &mut Criterion) {
    use stances::model::position::{Demand, PositionFile, Side, Source};
    use stances::model::quote_trace::trace_positions;
    let words = [
        "ceasefire",
        "delegation",
        "memorandum",
        "prisoners",
        "exchange",
        "territory",
        "guarantees",
        "sanctions",
        "withdrawal",
        "monitoring",
        "agreement",
        "humanitarian",
        "corridor",
        "referendum",
        "sovereignty",
    ];
    let mut seed = 7u64;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let texts: Vec<String> = (0..10)
        .map(|_| {
            let mut text = String::with_capacity(1 << 20);
            while text.len() < 1 << 20 {
                for _ in 0..40 {
                    text.push_str(words[next() % words.len()]);
                    text.push(' ');
                }
                text.push_str("“quoted words” — and so on.\n\n");
            }
            text
        })
        .collect();
    let demands: Vec<Demand> = (0..1_000)
        .map(|i| {
            let source = i % 10;
            let text = &texts[source];
            let mut at = next() % (text.len() - 200);
            while !text.is_char_boundary(at) {
                at += 1;
            }
            let mut end = at + 120;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let mut quote = text[at..end].trim().to_owned();
            if i % 10 == 3 {
                quote = quote.replace(['“', '”'], "\"").replace(' ', "  ");
            }
            if i % 100 == 7 {
                quote.push_str(" invented");
            }
            Demand {
                id: format!("d{i}"),
                issue: "i".into(),
                text: "t".into(),
                priority: None,
                quote: Some(quote),
                source: Some(format!("s{source}")),
                value: None,
                tags: Vec::new(),
                note: None,
            }
        })
        .collect();
    let file = PositionFile {
        format: 1,
        negotiation: None,
        round: None,
        date: None,
        sources: (0..10)
            .map(|s| Source {
                id: format!("s{s}"),
                title: "t".into(),
                url: None,
                date: None,
                note: None,
            })
            .collect(),
        issues: Vec::new(),
        sides: vec![Side {
            id: "a".into(),
            name: "A".into(),
            represented_by: None,
            demands,
        }],
    };
    let text_of = |id: &str| id[1..].parse::<usize>().ok().map(|n| texts[n].as_str());
    let mut group = c.benchmark_group("quotes 1000 in 10 MB of sources");
    group.sample_size(10);
    group.bench_function("baseline: str::find of each quote as it is", |b| {
        b.iter(|| {
            file.sides[0]
                .demands
                .iter()
                .filter(|d| {
                    text_of(d.source.as_deref().unwrap_or(""))
                        .is_some_and(|t| t.contains(d.quote.as_deref().unwrap_or("")))
                })
                .count()
        });
    });
    group.bench_function(
        "stances: trace every quote (verbatim, normalised, closest passage)",
        |b| {
            b.iter(|| trace_positions(&file, text_of));
        },
    );
    group.finish();
}

/// A 323-page PDF (LibreOffice's, of 2,400 paragraphs) read by Stances, beside
/// poppler's `pdftotext` reading it in the same run, where it is installed.
fn pdf_extraction(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/fixtures/323-pages.pdf");
    let bytes = std::fs::read(&path).expect("the benchmark's PDF");
    let mut group = c.benchmark_group("sources");
    group.sample_size(10);
    group.bench_function("323-page PDF: stances", |b| {
        b.iter(|| stances::format::source::extract("323-pages.pdf", &bytes).expect("its text"));
    });
    let poppler = std::process::Command::new("pdftotext").arg("-v").output().is_ok();
    if poppler {
        group.bench_function("323-page PDF: pdftotext (baseline)", |b| {
            b.iter(|| {
                std::process::Command::new("pdftotext")
                    .arg(&path)
                    .arg("-")
                    .output()
                    .expect("pdftotext runs")
            });
        });
    }
    group.finish();
}

criterion_group!(benches, position_edit, quote_tracing, pdf_extraction);
criterion_main!(benches);
