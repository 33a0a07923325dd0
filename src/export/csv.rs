//! The comparison as CSV for R, pandas and spreadsheets, written with the `csv`
//! crate (UTF-8, quoted as needed, no cell a spreadsheet would run: see
//! [`crate::format::csv_out`]).
//!
//! - Tidy: one row per demand covered by a mark, then one per demand no mark
//!   covers (its mark fields empty), so that shares can be computed; exactly the
//!   columns of [`TIDY_COLUMNS`]. With a coding study open, each coder's rows
//!   follow the report's own, each row named by its mark's coder; only the
//!   adjudicated marks of a consensus say `consensus` as their coder.
//! - Wide: one row per issue; for each side a column of its demands' texts, one
//!   line per demand (a line break within a text written as a space), and one of
//!   their statuses, one entry per demand joined by `; ` (`(none)` for none; a demand's
//!   several statuses joined by `, `); with a study, one such column per coder.

use crate::format::csv_out::{CsvOut, CsvStyle};
use crate::model::{Comparison, DemandIx, Mark};

use super::Report;

pub const TIDY_COLUMNS: [&str; 17] = [
    "mark",
    "status",
    "status_label",
    "coder",
    "note",
    "created",
    "changed",
    "document",
    "side",
    "side_name",
    "issue",
    "issue_name",
    "demand",
    "text",
    "priority",
    "round",
    "date",
];

/// The coder named in the consensus's rows of a study's tidy CSV.
pub const CONSENSUS_CODER: &str = "consensus";

/// Who a copy's rows name as coder.
enum Coders<'a> {
    /// Each mark's own coder.
    Marks,
    /// The report's own file beside a study: each mark's coder, `consensus` for
    /// an adjudicated mark (one that records what each coder said).
    Consensus,
    /// A study's coder file: each mark's coder as the study names it.
    Study(&'a crate::model::study::Study, usize),
}

/// Tidy CSV: a header, then one row per demand covered by a mark, then one per
/// demand no mark covers.
pub fn to_tidy_csv(report: &Report<'_>, style: CsvStyle) -> Result<String, ::csv::Error> {
    let mut out = CsvOut::new(style);
    out.record(TIDY_COLUMNS)?;
    let coders = report.study.map_or(Coders::Marks, |_| Coders::Consensus);
    write_marks(&mut out, report.comparison, &coders)?;
    if let Some(study) = report.study {
        for (c, copy) in study.copies().iter().enumerate() {
            write_marks(&mut out, &copy.comparison, &Coders::Study(study, c))?;
        }
    }
    finish(out)
}

fn finish(out: CsvOut) -> Result<String, ::csv::Error> {
    out.finish()
}

/// One row per demand covered by a mark of `cmp`, marks in the order they were
/// made, each named by its coder as `coders` says; then one row per demand of
/// `cmp` no mark covers (for a study's coder file: per coder of the file, the
/// demands that coder did not mark).
///
/// Rows are gathered a few hundred at a time, then written: the demands a mark
/// names lie anywhere in memory, and read in a tight loop those reads overlap,
/// where between the writing of two rows each would wait on its own. (Measured
/// on 2 × 100,000 demands with 50,000 marks: 115 ms row by row, 73 ms so.)
fn write_marks(out: &mut CsvOut, cmp: &Comparison, coders: &Coders<'_>) -> Result<(), ::csv::Error> {
    // Each side's document id, round and date, found once.
    let side_round: Vec<(&str, &str, &str)> = (0..cmp.side_count())
        .map(|side| {
            let document = cmp.side_document(side);
            (
                document.id.as_str(),
                document.data.round.as_deref().unwrap_or(""),
                document.data.date.as_deref().unwrap_or(""),
            )
        })
        .collect();
    let covered = write_marked(out, cmp, coders, &side_round)?;
    write_unmarked(out, cmp, coders, &covered, &side_round)
}

/// The coders of a study's coder file, and the demands each covered.
type Covered<'a> = Vec<(&'a str, rustc_hash::FxHashSet<DemandIx>)>;

/// The rows of the demands marks cover, a mark's demands in its order; for a
/// study's coder file, what each coder covered.
fn write_marked<'a>(
    out: &mut CsvOut,
    cmp: &'a Comparison,
    coders: &Coders<'a>,
    side_round: &[(&str, &'a str, &'a str)],
) -> Result<Covered<'a>, ::csv::Error> {
    const BATCH: usize = 256;
    let codebook = cmp.codebook();
    let round_of = |ix: DemandIx| {
        let (_, round, date) = side_round[ix.side as usize];
        (round, date)
    };
    let mut rows: Vec<[&str; TIDY_COLUMNS.len()]> = Vec::with_capacity(BATCH);
    // The coders of this file, and the demands each covered (a study's coder file).
    let mut covered: Covered<'a> = Vec::new();
    for (mark, found) in cmp.marks_resolved() {
        let status_label = codebook.get(&mark.status).map_or("", |s| s.label.as_str());
        let coder = coder_of(coders, mark);
        if matches!(coders, Coders::Study(..)) {
            let at = match covered.iter().position(|(c, _)| *c == coder) {
                Some(at) => at,
                None => {
                    covered.push((coder, rustc_hash::FxHashSet::default()));
                    covered.len() - 1
                }
            };
            covered[at].1.extend(found.iter().flatten().copied());
        }
        for (r, found) in mark.demands.iter().zip(found) {
            let (side_name, issue, issue_name, text, priority, (round, date)) = match *found {
                Some(ix) => {
                    let demand = cmp.demand(ix);
                    let issue_name = cmp.demand_issue(ix).map_or("", |i| cmp.issues()[i].name.as_str());
                    (
                        cmp.side(ix.side as usize).name.as_str(),
                        demand.issue.as_str(),
                        issue_name,
                        demand.text.as_str(),
                        demand.priority.map_or("", |p| p.name()),
                        round_of(ix),
                    )
                }
                None => ("", "", "", "", "", ("", "")),
            };
            rows.push([
                mark.id.as_str(),
                mark.status.as_str(),
                status_label,
                coder,
                mark.note.as_str(),
                mark.created.as_str(),
                mark.changed.as_str(),
                r.document(),
                r.side(),
                side_name,
                issue,
                issue_name,
                r.demand(),
                text,
                priority,
                round,
                date,
            ]);
        }
        if rows.len() >= BATCH {
            prefetch(&rows);
            for row in rows.drain(..) {
                out.record_of(&row)?;
            }
        }
    }
    for row in rows {
        out.record_of(&row)?;
    }
    Ok(covered)
}

/// Each mark's coder as the file's rows name it.
fn coder_of<'a>(coders: &Coders<'a>, mark: &'a crate::model::Mark) -> &'a str {
    match coders {
        Coders::Marks => &mark.coder,
        Coders::Consensus if !mark.coders_said.is_empty() => CONSENSUS_CODER,
        Coders::Consensus => &mark.coder,
        Coders::Study(study, copy) => study.coder_of(*copy, mark),
    }
}

/// Each row's longest fields, read once here so that they are fetched from
/// memory together, not one row at a time as the writer reaches them.
fn prefetch(rows: &[[&str; TIDY_COLUMNS.len()]]) {
    let mut touched = 0u8;
    for row in rows {
        for field in [row[4], row[13]] {
            // A byte of each cache line (64 bytes) the field spans.
            touched ^= field.bytes().step_by(64).fold(0, |a, b| a ^ b);
        }
    }
    std::hint::black_box(touched);
}

/// The rows of the demands left unmarked: by everyone, or, in a coder's file,
/// by each coder.
fn write_unmarked(
    out: &mut CsvOut,
    cmp: &Comparison,
    coders: &Coders<'_>,
    covered: &Covered<'_>,
    side_round: &[(&str, &str, &str)],
) -> Result<(), ::csv::Error> {
    let unmarked_by: Vec<(&str, Option<&rustc_hash::FxHashSet<DemandIx>>)> = match coders {
        Coders::Study(..) => covered.iter().map(|(c, set)| (*c, Some(set))).collect(),
        Coders::Marks => vec![("", None)],
        // What a consensus left unsettled is the consensus's.
        Coders::Consensus if cmp.marks().any(|m| !m.coders_said.is_empty()) => vec![(CONSENSUS_CODER, None)],
        Coders::Consensus => vec![("", None)],
    };
    for (coder, covered) in unmarked_by {
        for ix in cmp.all_demands() {
            let unmarked = match covered {
                Some(set) => !set.contains(&ix),
                None => cmp.marks_on(ix).is_empty(),
            };
            if !unmarked {
                continue;
            }
            let demand = cmp.demand(ix);
            let side = cmp.side(ix.side as usize);
            let issue_name = cmp.demand_issue(ix).map_or("", |i| cmp.issues()[i].name.as_str());
            let (document, round, date) = side_round[ix.side as usize];
            out.record_of(&[
                "",
                "",
                "",
                coder,
                "",
                "",
                "",
                document,
                side.id.as_str(),
                side.name.as_str(),
                demand.issue.as_str(),
                issue_name,
                demand.id.as_str(),
                demand.text.as_str(),
                demand.priority.map_or("", |p| p.name()),
                round,
                date,
            ])?;
        }
    }
    Ok(())
}

/// Wide CSV: a header, then one row per issue.
pub fn to_wide_csv(report: &Report<'_>, style: CsvStyle) -> Result<String, ::csv::Error> {
    let cmp = report.comparison;
    let coders = report.coders();
    let sides: Vec<usize> = (0..cmp.side_count()).collect();
    let mut out = CsvOut::new(style);
    let mut header = vec!["issue".to_owned(), "issue_name".to_owned()];
    for &side in &sides {
        let label = cmp.side_label(side);
        header.push(format!("{label}: demands"));
        header.push(format!("{label}: statuses"));
        for coder in coders {
            header.push(format!("{label}: {coder}"));
        }
    }
    out.record(&header)?;
    for (i, issue) in cmp.issues().iter().enumerate() {
        let mut row = vec![issue.id.clone(), issue.name.clone()];
        for &side in &sides {
            let demands: Vec<_> = cmp.demands_on(side, i).collect();
            row.push(lines(demands.iter().map(|&ix| one_line(&cmp.demand(ix).text))));
            row.push(aligned(
                demands
                    .iter()
                    .map(|&ix| statuses(report, report.marks_on(ix)))
                    .collect(),
            ));
            let said: Vec<Vec<String>> = demands.iter().map(|&ix| report.coders_said(ix)).collect();
            for c in 0..coders.len() {
                row.push(aligned(
                    said.iter().map(|s| s.get(c).cloned().unwrap_or_default()).collect(),
                ));
            }
        }
        out.record(&row)?;
    }
    finish(out)
}

/// The labels of the statuses of `marks`, joined by ", ".
fn statuses<'m>(report: &Report<'_>, marks: impl Iterator<Item = &'m Mark>) -> String {
    marks
        .map(|m| report.status_label(&m.status).to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line per demand in a demands cell.
fn lines(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("\n")
}

/// A demand's text on one line: its line breaks (CR, LF or CRLF) as spaces, so
/// that line *n* of a demands cell is demand *n*. The tidy CSV keeps the text whole.
fn one_line(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.split(['\n', '\r'])
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text.to_owned()
    }
}

/// Entry *n* for demand *n* of a demands cell, joined by `; ` (`(none)` for a demand
/// with none), or nothing when no demand has one.
fn aligned(items: Vec<String>) -> String {
    if items.iter().all(String::is_empty) {
        String::new()
    } else {
        items
            .iter()
            .map(|s| if s.is_empty() { "(none)" } else { s.as_str() })
            .collect::<Vec<_>>()
            .join("; ")
    }
}
