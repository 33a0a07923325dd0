//! Scale benchmarks. Each measure runs beside its baseline in the same run, so the
//! ratio holds on a noisy machine. `cargo bench`; results are in the README.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use stances::export::Report;
use stances::export::csv::to_tidy_csv;
use stances::format::comparison_file::to_ron;
use stances::format::csv_out::CsvStyle;
use stances::format::parse_position_file;
use stances::format::position_file::ron_options;
use stances::gui::{AppOptions, StancesApp};
use stances::import::{ImportOptions, import_table};
use stances::io::save_comparison;
use stances::model::alignment::{Filter, align};
use stances::model::mark::Stamp;
use stances::model::reliability::{Code, agreement};
use stances::model::rounds::{RoundDecisions, compare_rounds};
use stances::model::synthetic::{Language, Spec, comparison, position_file};
use stances::model::{Comparison, DemandIx, Document, PositionFile, Priority};

fn spec(sides: usize, demands: usize) -> Spec {
    Spec {
        sides,
        demands,
        issues: 40,
        seed: 1,
        language: Language::English,
    }
}

fn position_text(sides: usize, demands: usize) -> String {
    ron::ser::to_string_pretty(
        &position_file(&spec(sides, demands)),
        ron::ser::PrettyConfig::new().struct_names(false),
    )
    .expect("synthetic data serializes")
}

/// 1. Load: read, validate and index, against a plain `ron::from_str` into the same structs.
fn load(c: &mut Criterion) {
    for (sides, demands) in [(5, 10_000), (2, 100_000)] {
        let text = position_text(sides, demands);
        let mut group = c.benchmark_group(format!("load {sides}x{demands}"));
        group.sample_size(10);
        group.bench_function("baseline: ron::from_str (same options)", |b| {
            b.iter(|| {
                black_box(
                    ron_options()
                        .from_str::<PositionFile>(black_box(&text))
                        .expect("parses"),
                )
            });
        });
        group.bench_function("stances: parse + validate + index", |b| {
            b.iter(|| {
                let file = parse_position_file("big.ron", black_box(&text)).expect("valid");
                black_box(Comparison::from_positions(vec![("big.ron".into(), file)]).expect("indexes"))
            });
        });
        group.finish();
    }
}

/// The real app on a comparison of `sides` × `demands` with `marks` marks, scrolled to the middle.
fn app_with(sides: usize, demands: usize, marks: usize, dir: &tempfile::TempDir) -> Harness<'static, StancesApp> {
    app_in(spec(sides, demands), marks, dir)
}

/// The real app on the synthetic comparison of `spec`, with a Hebrew font installed
/// (a 7 KB DejaVu subset from the tests) as a system font would be.
fn app_in(spec: Spec, marks: usize, dir: &tempfile::TempDir) -> Harness<'static, StancesApp> {
    let (sides, demands) = (spec.sides, spec.demands);
    let path: PathBuf = dir
        .path()
        .join(format!("bench-{sides}x{demands}-{:?}.stances.ron", spec.language));
    save_comparison(&comparison(&spec, marks), &path).expect("saves");
    let mut harness = Harness::builder().with_size([1600.0, 1000.0]).build_eframe(move |cc| {
        cc.egui_ctx.add_font(egui::epaint::text::FontInsert::new(
            "test-hebrew",
            egui::FontData::from_static(include_bytes!("../tests/fixtures/fonts/dejavu-sans-hebrew-subset.ttf")),
            vec![egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: egui::epaint::text::FontPriority::Lowest,
            }],
        ));
        StancesApp::new(
            cc,
            AppOptions {
                files: vec![path],
                coders: false,
                class: false,
                coder_source: Default::default(),
                native_dialogs: false,
                autosave_dir: None,
                new_windows: false,
                figure: false,
                coder: Some("coder".to_owned()),
            },
        )
    });
    harness.run_steps(3);
    let middle = DemandIx {
        side: 0,
        demand: (demands / 2) as u32,
    };
    harness.state_mut().select_and_reveal(middle);
    harness.run_steps(5);
    harness
}

/// One full frame of the window: the egui pass and tessellation, no GPU.
fn frame_of(harness: &mut Harness<'static, StancesApp>) -> Vec<egui::epaint::ClippedPrimitive> {
    harness.step();
    let output = harness.output();
    black_box(harness.ctx.tessellate(output.shapes.clone(), output.pixels_per_point))
}

/// 2. Frame: CPU time of one full frame (egui pass and tessellation, no GPU).
fn frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("frame");
    for (sides, demands, marks) in [(2, 50, 25), (5, 10_000, 5_000), (2, 10_000, 5_000), (2, 100_000, 5_000)] {
        let mut harness = app_with(sides, demands, marks, &dir);
        let name = if demands == 50 {
            "baseline: 2x50".to_owned()
        } else {
            format!("{sides}x{demands}, {marks} marks")
        };
        group.bench_function(name, |b| {
            b.iter(|| frame_of(&mut harness));
        });
    }
    group.finish();
}

/// 2b. Right-to-left frame: 2 × 10,000 Hebrew demands and 5,000 marks, against the
/// same comparison in English (same structure, same seed), in the same run.
fn frame_rtl(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("frame, right to left");
    for language in [Language::English, Language::Hebrew] {
        let mut harness = app_in(
            Spec {
                language,
                ..spec(2, 10_000)
            },
            5_000,
            &dir,
        );
        let name = match language {
            Language::English => "baseline: 2x10000 English, 5000 marks",
            Language::Hebrew => "2x10000 Hebrew, 5000 marks",
        };
        group.bench_function(name, |b| {
            b.iter(|| frame_of(&mut harness));
        });
    }
    group.finish();
}

/// 3. Edit: mark and undo, and search, with few and with 5,000 marks present.
fn edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    for marks in [50, 5_000] {
        let cmp = comparison(&spec(2, 10_000), marks);
        let mut doc = Document::new(cmp.clone());
        let selection = [DemandIx { side: 0, demand: 17 }, DemandIx { side: 1, demand: 4242 }];
        let stamp = Stamp {
            coder: "bench".into(),
            now: "2026-11-25T10:00:00Z".into(),
        };
        group.bench_function(format!("mark + undo, {marks} marks"), |b| {
            b.iter(|| {
                let edit = doc
                    .comparison()
                    .new_mark_edit(&selection, "disputed", &stamp, "bench-mark".into())
                    .expect("an edit");
                doc.apply(edit, None).expect("applies");
                doc.undo().expect("undoes");
            });
        });
        let filter = Filter {
            query: "ceasefire troops".into(),
            ..Filter::default()
        };
        group.bench_function(format!("search 2x10000, {marks} marks"), |b| {
            b.iter(|| black_box(align(&cmp, &[0, 1], black_box(&filter))));
        });
        let by_status = Filter {
            statuses: ["disputed".to_owned()].into(),
            ..Filter::default()
        };
        group.bench_function(format!("filter by status 2x10000, {marks} marks"), |b| {
            b.iter(|| black_box(align(&cmp, &[0, 1], black_box(&by_status))));
        });
    }
    group.finish();
}

/// 4. Save: writing the comparison file, against `ron::to_string` of the same data.
fn save_bench(c: &mut Criterion) {
    let cmp = comparison(&spec(2, 10_000), 5_000);
    let mut group = c.benchmark_group("save 2x10000, 5000 marks");
    group.sample_size(10);
    group.bench_function("baseline: ron::to_string", |b| {
        b.iter_batched(
            || (),
            |()| {
                let marks: Vec<_> = cmp.marks().collect();
                black_box(ron::to_string(&(&cmp.documents()[0].data, marks, cmp.codebook())).expect("serializes"))
            },
            BatchSize::SmallInput,
        );
    });
    group.bench_function("stances: to_ron (pretty, deterministic)", |b| {
        b.iter(|| black_box(to_ron(&cmp).expect("serializes")));
    });
    group.finish();
}

/// A units × coders table of codes (4 statuses), 70 % of cells coded, deterministic.
fn coded_table(units: usize, coders: usize) -> Vec<Vec<Option<Code>>> {
    let mut state: u64 = 42;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u32
    };
    (0..units)
        .map(|_| (0..coders).map(|_| (next() % 10 < 7).then(|| next() % 4)).collect())
        .collect()
}

/// Agreement (5): α, κ and percent agreement, against one pass that only counts
/// the coded cells of the same table; 10,000 and 20,000 units show how it grows.
fn agreement_bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("agreement");
    group.sample_size(20);
    for (units, coders) in [(10_000, 30), (20_000, 30), (20_000, 2)] {
        let table = coded_table(units, coders);
        group.bench_function(format!("baseline: count coded cells, {coders} coders x {units}"), |b| {
            b.iter(|| black_box(table.iter().flatten().filter(|c| c.is_some()).count()));
        });
        group.bench_function(format!("alpha, kappa, % agreement, {coders} coders x {units}"), |b| {
            b.iter(|| black_box(agreement(black_box(&table))));
        });
    }
    group.finish();
}

/// Export (6): the tidy CSV of 2 × 100,000 demands with 50,000 marks, against
/// writing the same rows, gathered beforehand, with the `csv` crate alone.
fn export_bench(c: &mut Criterion) {
    let cmp = comparison(&spec(2, 100_000), 50_000);
    let csv_text = to_tidy_csv(&Report::new(&cmp), CsvStyle::default()).expect("writes");
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.expect("row"))
        .collect();
    let mut group = c.benchmark_group("export csv 2x100000, 50000 marks");
    group.sample_size(10);
    group.bench_function("baseline: csv::Writer of the same rows", |b| {
        b.iter(|| {
            let mut writer = csv::Writer::from_writer(Vec::new());
            for row in &rows {
                writer.write_record(row).expect("writes");
            }
            black_box(writer.into_inner().expect("flushes"))
        });
    });
    // The same rows again, each field borrowed from where the comparison keeps it.
    let borrowed: Vec<[&str; 17]> = {
        let mut v = Vec::new();
        for mark in cmp.marks() {
            for r in &mark.demands {
                let ix = cmp.resolve(r).expect("resolves");
                let d = cmp.demand(ix);
                v.push([
                    mark.id.as_str(),
                    mark.status.as_str(),
                    "label",
                    mark.coder.as_str(),
                    mark.note.as_str(),
                    mark.created.as_str(),
                    mark.changed.as_str(),
                    r.document(),
                    r.side(),
                    cmp.side(ix.side as usize).name.as_str(),
                    d.issue.as_str(),
                    d.issue.as_str(),
                    r.demand(),
                    d.text.as_str(),
                    d.priority.map_or("", |p| p.name()),
                    "",
                    "",
                ]);
            }
        }
        // And a row per unmarked demand.
        for ix in cmp.all_demands() {
            if cmp.marks_on(ix).is_empty() {
                let d = cmp.demand(ix);
                v.push([
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    cmp.side_document(ix.side as usize).id.as_str(),
                    cmp.side(ix.side as usize).id.as_str(),
                    cmp.side(ix.side as usize).name.as_str(),
                    d.issue.as_str(),
                    d.issue.as_str(),
                    d.id.as_str(),
                    d.text.as_str(),
                    d.priority.map_or("", |p| p.name()),
                    "",
                    "",
                ]);
            }
        }
        v
    };
    group.bench_function("baseline 2: csv::Writer of the same rows, borrowed", |b| {
        b.iter(|| {
            let mut writer = csv::Writer::from_writer(Vec::new());
            for row in &borrowed {
                writer.write_record(row).expect("writes");
            }
            black_box(writer.into_inner().expect("flushes"))
        });
    });
    group.bench_function("stances: tidy CSV from the comparison", |b| {
        b.iter(|| black_box(to_tidy_csv(&Report::new(&cmp), CsvStyle::default()).expect("writes")));
    });
    group.finish();
}

/// Import (7): a 20,000-row CSV table made into positions, against reading its
/// records with the `csv` crate alone.
fn import_bench(c: &mut Criterion) {
    let file = position_file(&spec(2, 10_000));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "side",
            "issue",
            "text",
            "id",
            "priority",
            "quote",
            "value_min",
            "value_max",
            "unit",
        ])
        .expect("writes");
    for side in &file.sides {
        for d in &side.demands {
            let number = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
            let value = d.value.as_ref();
            writer
                .write_record([
                    side.name.as_str(),
                    d.issue.as_str(),
                    d.text.as_str(),
                    d.id.as_str(),
                    d.priority.map_or("", |p| p.name()),
                    d.quote.as_deref().unwrap_or(""),
                    &number(value.and_then(|v| v.min)),
                    &number(value.and_then(|v| v.max)),
                    value.map_or("", |v| v.unit.as_str()),
                ])
                .expect("writes");
        }
    }
    let table = writer.into_inner().expect("flushes");
    let mut group = c.benchmark_group("import csv 20000 rows");
    group.sample_size(20);
    group.bench_function("baseline: csv::Reader of the same file", |b| {
        b.iter(|| {
            let mut reader = csv::Reader::from_reader(table.as_slice());
            let mut record = csv::StringRecord::new();
            let mut rows = 0;
            while reader.read_record(&mut record).expect("reads") {
                rows += record.len();
            }
            black_box(rows)
        });
    });
    // What a program reading the table with the csv crate keeps: every row as
    // owned text and numbers, by the header's names.
    #[derive(serde::Deserialize)]
    #[allow(dead_code, reason = "read to be kept, as an importer would")]
    struct TableRow {
        side: String,
        issue: String,
        text: String,
        id: Option<String>,
        priority: Option<String>,
        quote: Option<String>,
        value_min: Option<f64>,
        value_max: Option<f64>,
        unit: Option<String>,
    }
    group.bench_function(
        "baseline 2: csv::Reader deserializing every row into owned fields",
        |b| {
            b.iter(|| {
                let rows: Vec<TableRow> = csv::Reader::from_reader(table.as_slice())
                    .deserialize()
                    .collect::<Result<_, _>>()
                    .expect("reads");
                black_box(rows)
            });
        },
    );
    group.bench_function("stances: table to positions, every cell checked", |b| {
        b.iter(|| black_box(import_table("table.csv", &table, &ImportOptions::default()).expect("imports")));
    });
    group.finish();
}

/// Two rounds of 2 sides × `demands`: the later has every demand's id, a tenth
/// with a lower priority and a tenth reworded; with `new_ids`, every id is new
/// (so that every match must be suggested from the texts).
fn two_rounds(demands: usize, new_ids: bool) -> (PositionFile, PositionFile) {
    let old = position_file(&spec(2, demands));
    let mut new = old.clone();
    for side in &mut new.sides {
        for (i, d) in side.demands.iter_mut().enumerate() {
            if i % 10 == 3 {
                d.priority = Some(Priority::Low);
            }
            if i % 10 == 7 {
                d.text = format!("{} and no later than June", d.text.trim_end_matches('.'));
            }
            if new_ids {
                d.id = format!("later-{}", d.id);
            }
        }
    }
    (old, new)
}

/// Comparing rounds (12): 2 × 10,000 demands matched by id, against looking each
/// new id up among the old ones and nothing more; and suggestions for 2 × 1,000
/// demands whose ids all changed, against splitting their texts into words.
fn rounds_bench(c: &mut Criterion) {
    let none = RoundDecisions::new("old", "new");
    let (old, new) = two_rounds(10_000, false);
    let mut group = c.benchmark_group("rounds 2x10000, ids matched");
    group.sample_size(20);
    group.bench_function("baseline: each new id looked up among the old", |b| {
        b.iter(|| {
            let mut found = 0;
            for (old_side, new_side) in old.sides.iter().zip(&new.sides) {
                let ids: std::collections::HashMap<&str, usize> = old_side
                    .demands
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (d.id.as_str(), i))
                    .collect();
                found += new_side
                    .demands
                    .iter()
                    .filter(|d| ids.contains_key(d.id.as_str()))
                    .count();
            }
            black_box(found)
        });
    });
    group.bench_function("stances: compare_rounds (changes, fields, movements)", |b| {
        b.iter(|| black_box(compare_rounds(&old, &new, &none)));
    });
    group.finish();

    let (old, new) = two_rounds(1_000, true);
    let mut group = c.benchmark_group("rounds 2x1000, every id changed");
    group.sample_size(10);
    group.bench_function("baseline: the texts split into lower-cased words", |b| {
        b.iter(|| {
            let words: usize = old
                .sides
                .iter()
                .chain(&new.sides)
                .flat_map(|s| &s.demands)
                .map(|d| d.text.split_whitespace().map(str::to_lowercase).count())
                .sum();
            black_box(words)
        });
    });
    group.bench_function("stances: compare_rounds with suggestions from the texts", |b| {
        b.iter(|| {
            let compared = compare_rounds(&old, &new, &none);
            assert!(
                compared.sides.iter().all(|s| s.suggestions.len() > 900),
                "the reworded demands are suggested"
            );
            black_box(compared)
        });
    });
    group.finish();
}

/// Three versions of a comparison of 2 × 10,000 demands with 5,000 marks: the
/// base, ours with 1,000 marks re-noted and theirs with another 1,000 re-coded (as
/// two coders working apart), as the texts git hands the merge driver. With
/// `documents`, each side also rewords 500 demands of its own (and ours renames
/// a side), so that the documents merge field by field.
fn three_versions(documents: bool) -> [String; 3] {
    let base = comparison(&spec(2, 10_000), 5_000);
    let marks: Vec<_> = base.marks().cloned().collect();
    let changed = |range: std::ops::Range<usize>, note: bool| {
        let mut cmp = base.clone();
        if documents {
            let mut document = cmp.documents()[0].clone();
            let side = usize::from(!note);
            for demand in document.data.sides[side].demands.iter_mut().step_by(20) {
                demand.text.push_str(" (reworded)");
            }
            if note {
                document.data.sides[0].name.push_str(" (delegation)");
            }
            cmp.apply(stances::model::Edit::ReplaceDocument { index: 0, document })
                .expect("the document");
        }
        for mark in &marks[range] {
            let mut m = mark.clone();
            if note {
                m.note = format!("re-read on the second pass: {}", m.note);
            } else {
                m.status = if m.status == "agreed" {
                    "disputed".into()
                } else {
                    "agreed".into()
                };
            }
            cmp.apply(stances::model::Edit::ReplaceMark(m))
                .expect("a mark of the comparison");
        }
        cmp
    };
    [base.clone(), changed(0..1_000, true), changed(4_000..5_000, false)].map(|c| to_ron(&c).expect("serializes"))
}

/// The merge driver's work (read three files, merge, write the result) against
/// reading the three files; `describe` against saving.
fn merge_bench(c: &mut Criterion) {
    use stances::format::comparison_file::parse;
    use stances::format::describe::describe;
    use stances::model::merge::merge;
    let texts = three_versions(false);
    let reworded = three_versions(true);
    let mut group = c.benchmark_group("merge 2x10000, 5000 marks, 1000 changed a side");
    group.sample_size(10);
    group.bench_function("baseline: load the three files", |b| {
        b.iter(|| black_box(texts.each_ref().map(|t| parse("x.stances.ron", t).expect("loads"))));
    });
    group.bench_function("stances: load the three, merge, write the result", |b| {
        b.iter(|| {
            let [o, a, t] = texts.each_ref().map(|t| parse("x.stances.ron", t).expect("loads"));
            let merged = merge(&o, &a, &t).expect("merges");
            black_box(to_ron(&merged).expect("serializes"))
        });
    });
    group.bench_function(
        "stances: the same, both sides rewording 500 demands (documents field by field)",
        |b| {
            b.iter(|| {
                let [o, a, t] = reworded.each_ref().map(|t| parse("x.stances.ron", t).expect("loads"));
                let merged = merge(&o, &a, &t).expect("merges");
                assert!(merged.conflicts().is_empty(), "the rewordings do not clash");
                black_box(to_ron(&merged).expect("serializes"))
            });
        },
    );
    group.finish();
    let merged = parse("x.stances.ron", &texts[1]).expect("loads");
    let mut group = c.benchmark_group("describe 2x10000, 5000 marks");
    group.sample_size(10);
    group.bench_function("baseline: save (to_ron)", |b| {
        b.iter(|| black_box(to_ron(&merged).expect("serializes")));
    });
    group.bench_function("stances: describe", |b| {
        b.iter(|| black_box(describe(&merged, 2)));
    });
    group.finish();
}

/// A class of 30 students over 2 × 10,000 demands, each coding 70 % of them.
fn class_study() -> stances::model::study::Study {
    class_study_coding(usize::MAX)
}

/// As [`class_study`], each student's marks cut to the first `marks` they made.
fn class_study_coding(marks: usize) -> stances::model::study::Study {
    use stances::model::mark::DemandRef;
    use stances::model::study::{CodedCopy, CoderSource, Study};
    let base = comparison(&spec(2, 10_000), 0);
    let units: Vec<DemandRef> = base.all_demands().map(|ix| base.demand_ref(ix)).collect();
    let statuses: Vec<String> = base.codebook().statuses.iter().map(|s| s.id.clone()).collect();
    let table = coded_table(units.len(), 30);
    let copies = (0..30)
        .map(|student| {
            let marks = units
                .iter()
                .zip(&table)
                .filter_map(|(demand, row)| {
                    row[student].map(|code| stances::model::Mark {
                        id: format!("s{student}-{}", demand.demand()),
                        demands: vec![demand.clone()],
                        status: statuses[code as usize].clone(),
                        note: String::new(),
                        coder: format!("student {student}"),
                        created: "2026-12-03T09:00:00Z".into(),
                        changed: "2026-12-03T09:00:00Z".into(),
                        coders_said: Vec::new(),
                        changes: Vec::new(),
                    })
                })
                .take(marks)
                .collect();
            let cmp = Comparison::new(
                base.documents().to_vec(),
                base.codebook().clone(),
                marks,
                base.view().clone(),
            )
            .expect("a valid comparison");
            CodedCopy {
                file: format!("student-{student}.stances.ron"),
                comparison: cmp,
            }
        })
        .collect();
    Study::with_coders(copies, CoderSource::EachFile).expect("one class")
}

/// The class view's figures (counts, majority, pairwise agreement per demand)
/// against one pass counting the codes.
fn tally_bench(c: &mut Criterion) {
    use stances::model::study::Cell;
    use stances::model::tally::tally;
    let study = class_study();
    let mut group = c.benchmark_group("class 30 students x 20000 demands");
    group.sample_size(20);
    group.bench_function("baseline: one pass counting the codes", |b| {
        b.iter(|| {
            let coded: usize = (0..study.units().len())
                .map(|u| {
                    study
                        .cells(u)
                        .iter()
                        .filter(|c| matches!(c, Cell::Coded { .. }))
                        .count()
                })
                .sum();
            black_box(coded)
        });
    });
    group.bench_function("stances: tally (counts, majority, pairwise agreement)", |b| {
        b.iter(|| black_box(tally(&study, 30)));
    });
    group.bench_function(
        "stances: the class view's figures (tally, then the rows most divided first)",
        |b| {
            use stances::model::class::{ClassFilter, Order, rows};
            b.iter(|| {
                let tallies = tally(&study, 30);
                black_box(rows(&study, &tallies, &ClassFilter::default(), Order::MostDivided))
            });
        },
    );
    group.finish();
}

/// Opening a class's folder (`stances tally`, File › Open class…): 30 hand-ins
/// of 2 × 10,000 demands read, the hand-out told apart, the students worked
/// out, one study built; against reading the same 30 files alone.
fn open_class_bench(c: &mut Criterion) {
    open_class_of(c, "class 30 students x 20000 demands: open", class_study());
    open_class_of(
        c,
        "class 30 students x 20000 demands, 300 marks each: open",
        class_study_coding(300),
    );
}

fn open_class_of(c: &mut Criterion, name: &str, study: stances::model::study::Study) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files: Vec<PathBuf> = study
        .copies()
        .iter()
        .map(|copy| {
            let path = dir.path().join(&copy.file);
            save_comparison(&copy.comparison, &path).expect("saved");
            path
        })
        .collect();
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.bench_function("baseline: reading the 30 files", |b| {
        b.iter(|| {
            for file in &files {
                black_box(stances::io::load_comparison(file).expect("loads"));
            }
        });
    });
    group.bench_function("stances: the class read (io::class::read_class)", |b| {
        b.iter(|| black_box(stances::io::class::read_class(&[dir.path().to_path_buf()]).expect("a class")));
    });
    group.finish();
}

/// The real app with the class of `study` opened from a folder (File › Open class…).
fn class_app(study: &stances::model::study::Study, dir: &tempfile::TempDir) -> Harness<'static, StancesApp> {
    for copy in study.copies() {
        save_comparison(&copy.comparison, &dir.path().join(&copy.file)).expect("saves");
    }
    let folder = dir.path().to_path_buf();
    let mut harness = Harness::builder().with_size([1280.0, 720.0]).build_eframe(move |cc| {
        StancesApp::new(
            cc,
            AppOptions {
                files: vec![folder],
                coders: false,
                class: true,
                coder_source: Default::default(),
                native_dialogs: false,
                autosave_dir: None,
                new_windows: false,
                figure: false,
                coder: Some("coder".to_owned()),
            },
        )
    });
    harness.run_steps(5);
    harness
}

/// A class of 30 students over the founding example, each coding most of it.
fn small_class_study() -> stances::model::study::Study {
    use stances::model::study::{CodedCopy, CoderSource, Study};
    let text = std::fs::read_to_string("data/istanbul-2025-06-02.ron").expect("the founding example");
    let file = parse_position_file("istanbul.ron", &text).expect("valid");
    let base = Comparison::from_positions(vec![("istanbul.ron".into(), file)]).expect("indexes");
    let units: Vec<_> = base.all_demands().map(|ix| base.demand_ref(ix)).collect();
    let statuses: Vec<String> = base.codebook().statuses.iter().map(|s| s.id.clone()).collect();
    let table = coded_table(units.len(), 30);
    let copies = (0..30)
        .map(|student| {
            let marks = units
                .iter()
                .zip(&table)
                .filter_map(|(demand, row)| {
                    row[student].map(|code| stances::model::Mark {
                        id: format!("s{student}-{}", demand.demand()),
                        demands: vec![demand.clone()],
                        status: statuses[code as usize].clone(),
                        note: format!("Student {student}'s reason"),
                        coder: format!("student {student}"),
                        created: "2026-12-03T09:00:00Z".into(),
                        changed: "2026-12-03T09:00:00Z".into(),
                        coders_said: Vec::new(),
                        changes: Vec::new(),
                    })
                })
                .collect();
            let cmp = Comparison::new(
                base.documents().to_vec(),
                base.codebook().clone(),
                marks,
                base.view().clone(),
            )
            .expect("a valid comparison");
            CodedCopy {
                file: format!("student-{student:02}.stances.ron"),
                comparison: cmp,
            }
        })
        .collect();
    Study::with_coders(copies, CoderSource::EachFile).expect("one class")
}

/// A frame of the class view (the Tally) with 30 students, against a frame of
/// the columns of a small comparison, in the same run.
fn class_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame, class view");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut columns = app_with(2, 50, 25, &dir);
    group.bench_function("baseline: columns 2x50", |b| b.iter(|| frame_of(&mut columns)));
    let small = tempfile::tempdir().expect("temp dir");
    let mut istanbul = class_app(&small_class_study(), &small);
    group.bench_function("stances: 30 students, the founding example (15 demands)", |b| {
        b.iter(|| frame_of(&mut istanbul))
    });
    let big = tempfile::tempdir().expect("temp dir");
    let mut large = class_app(&class_study(), &big);
    group.bench_function("stances: 30 students, 2 x 10,000 demands", |b| {
        b.iter(|| frame_of(&mut large))
    });
    group.finish();
}

/// A frame with the source pane showing a 1 MB text beside the columns of
/// 2 × 10,000 demands, against the frame of those columns alone, same run.
fn source_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame, source pane");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut columns = app_with(2, 10_000, 5_000, &dir);
    group.bench_function("baseline: columns 2x10000, 5000 marks", |b| {
        b.iter(|| frame_of(&mut columns))
    });
    drop(columns);
    // A treaty's worth of text: 1 MB in paragraphs of 40 to 120 words.
    let words = [
        "the",
        "parties",
        "agree",
        "to",
        "a",
        "ceasefire",
        "along",
        "line",
        "of",
        "contact",
        "under",
        "international",
        "monitoring",
        "prisoners",
        "exchange",
        "all",
        "for",
        "guarantees",
    ];
    let mut text = String::new();
    let mut n = 7usize;
    while text.len() < 1_000_000 {
        let length = 40 + n % 80;
        for i in 0..length {
            n = n.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push_str(words[(n >> 33) % words.len()]);
            text.push(if i + 1 == length { '.' } else { ' ' });
        }
        text.push_str("\n\n");
    }
    let path = dir
        .path()
        .join(format!("bench-2x10000-{:?}.stances.ron", Language::English));
    let kept = stances::io::sources::sources_dir(&path).join(stances::model::synthetic::SYNTHETIC_DOCUMENT);
    std::fs::create_dir_all(&kept).expect("the sources' folder");
    std::fs::write(kept.join("report.txt"), &text).expect("the text");
    let mut with_source = app_with(2, 10_000, 5_000, &dir);
    with_source
        .state_mut()
        .open_source(stances::model::synthetic::SYNTHETIC_DOCUMENT, "report");
    with_source.run_steps(5);
    group.bench_function("stances: source pane, 1 MB text, beside columns 2x10000", |b| {
        b.iter(|| frame_of(&mut with_source))
    });
    group.finish();
}

criterion_group!(
    benches,
    source_frame,
    class_frame,
    open_class_bench,
    tally_bench,
    merge_bench,
    rounds_bench,
    load,
    frame,
    frame_rtl,
    edit,
    save_bench,
    agreement_bench,
    export_bench,
    import_bench
);
criterion_main!(benches);
