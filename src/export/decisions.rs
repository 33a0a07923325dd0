//! How a consensus settled the coders' disagreements, for every report: each
//! demand the coders coded differently (or only some coded), what each coder
//! said, the decision, its note and who made it; and, when the coders' files are
//! open, the disagreements still unsettled.

use std::fmt::Write as _;

use crate::format::csv_out::{CsvOut, CsvStyle};
use crate::model::mark::{CoderSaid, Mark};
use crate::model::{Comparison, DemandIx};

use super::Report;

/// The columns of `--format csv-decisions`, one row per coder per settled demand.
pub const DECISION_COLUMNS: [&str; 9] = [
    "demand",
    "side",
    "issue",
    "coder",
    "statuses",
    "note",
    "decision",
    "decision_note",
    "adjudicator",
];

/// One settled demand of a consensus.
pub struct Decision<'a> {
    pub demand: DemandIx,
    pub mark: &'a Mark,
    /// What each coder said about the demand, in the study's order.
    pub said: Vec<&'a CoderSaid>,
}

/// Whether the coders said different things: not every one of them gave the same one status.
fn disagreed(said: &[&CoderSaid]) -> bool {
    let mut codes = said.iter().map(|s| s.statuses.as_slice());
    match codes.next() {
        Some([first]) => codes.any(|c| c != [first.clone()]),
        Some(_) => true,
        None => false,
    }
}

/// Every demand a consensus decided where its coders had disagreed, in reading
/// order (issue by issue, side by side).
pub fn decisions<'a>(report: &Report<'a>) -> Vec<Decision<'a>> {
    let cmp: &'a Comparison = report.comparison;
    let mut out: Vec<Decision<'a>> = Vec::new();
    for issue in 0..cmp.issues().len() {
        for side in 0..cmp.side_count() {
            for ix in cmp.demands_on(side, issue) {
                for mark in report.marks_on(ix) {
                    if mark.coders_said.is_empty() {
                        continue;
                    }
                    let here = cmp.demand_ref(ix);
                    let said: Vec<&CoderSaid> = mark
                        .coders_said
                        .iter()
                        .filter(|s| s.demand.side() == here.side() && s.demand.demand() == here.demand())
                        .collect();
                    if disagreed(&said) {
                        out.push(Decision { demand: ix, mark, said });
                    }
                }
            }
        }
    }
    out
}

/// A settled demand's text, side and issue, as a report names them.
fn described<'a>(cmp: &'a Comparison, d: &Decision<'_>) -> (&'a str, String, &'a str) {
    let demand = cmp.demand(d.demand);
    let issue = cmp
        .demand_issue(d.demand)
        .map_or(demand.issue.as_str(), |i| cmp.issues()[i].name.as_str());
    (demand.text.as_str(), cmp.side_label(d.demand.side as usize), issue)
}

/// What a coder said, in words: "Disputed", "not coded", or "Agreed / Disputed".
pub fn said_text(report: &Report<'_>, said: &CoderSaid) -> String {
    if said.statuses.is_empty() {
        "not coded".to_owned()
    } else {
        said.statuses
            .iter()
            .map(|s| report.status_label(s).to_owned())
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// The sentence on what is still to settle: `None` when the report is not of a consensus.
pub fn unsettled_sentence(report: &Report<'_>) -> Option<String> {
    let consensus = report.comparison.marks().any(|m| !m.coders_said.is_empty());
    if !consensus {
        return None;
    }
    match report.unsettled() {
        Some(units) if units.is_empty() => Some("Every disagreement between the coders is settled.".to_owned()),
        Some(units) => Some(format!(
            "{} between the coders {} still unsettled:",
            crate::format::diagnostics::count(units.len(), "disagreement", "disagreements"),
            if units.len() == 1 { "is" } else { "are" }
        )),
        None => Some(
            "Which disagreements are still unsettled is known with the coders' files (--coders, or File › Compare coders…)."
                .to_owned(),
        ),
    }
}

/// `--format csv-decisions`: `demand,side,issue,coder,statuses,note,decision,decision_note,adjudicator`.
pub fn to_decisions_csv(report: &Report<'_>, style: CsvStyle) -> Result<String, ::csv::Error> {
    let cmp = report.comparison;
    let mut out = CsvOut::new(style);
    out.record(DECISION_COLUMNS)?;
    for decision in decisions(report) {
        let demand = cmp.demand(decision.demand);
        let r = cmp.demand_ref(decision.demand);
        for said in &decision.said {
            out.record_of(&[
                r.demand(),
                r.side(),
                demand.issue.as_str(),
                said.coder.as_str(),
                &said.statuses.join(";"),
                said.note.as_str(),
                decision.mark.status.as_str(),
                decision.mark.note.as_str(),
                decision.mark.coder.as_str(),
            ])?;
        }
    }
    out.finish()
}

/// The Markdown section: the settled disagreements as a table, then the unsettled ones.
pub fn markdown_section(report: &Report<'_>, out: &mut String) {
    use super::markdown::{cell, escape};
    let Some(sentence) = unsettled_sentence(report) else {
        return;
    };
    let cmp = report.comparison;
    let _ = writeln!(out, "\n## How disagreements were settled\n");
    let decided = decisions(report);
    if decided.is_empty() {
        let _ = writeln!(out, "No disagreement has been settled yet.\n");
    } else {
        let _ = writeln!(
            out,
            "| Demand | Side | Issue | What each coder said | Decision | Note on the decision | Adjudicator |"
        );
        let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |");
        for d in &decided {
            let (text, side, issue) = described(cmp, d);
            let said: Vec<String> = d
                .said
                .iter()
                .map(|s| {
                    let note = if s.note.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" (“{}”)", s.note.trim())
                    };
                    format!("{}: {}{note}", s.coder, said_text(report, s))
                })
                .collect();
            let said: Vec<String> = said.iter().map(|s| cell(s)).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(text),
                cell(&side),
                cell(issue),
                said.join("<br>"),
                cell(report.status_label(&d.mark.status)),
                cell(&d.mark.note),
                cell(&d.mark.coder)
            );
        }
    }
    let _ = writeln!(out, "\n{}", escape(&sentence));
    if let (Some(units), Some(study)) = (report.unsettled(), report.study) {
        out.push('\n');
        for unit in units {
            let _ = writeln!(out, "- {}", escape(&study.describe_unit(unit)));
        }
    }
}

/// The HTML section: the same as the Markdown one.
pub fn html_section(report: &Report<'_>, out: &mut String) {
    use super::html::escape;
    let Some(sentence) = unsettled_sentence(report) else {
        return;
    };
    let cmp = report.comparison;
    out.push_str("<section class=\"decisions\">\n<h2>How disagreements were settled</h2>\n");
    let decided = decisions(report);
    if decided.is_empty() {
        out.push_str("<p>No disagreement has been settled yet.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>Demand</th><th>Side</th><th>Issue</th><th>What each coder said</th><th>Decision</th><th>Note on the decision</th><th>Adjudicator</th></tr></thead>\n<tbody>\n");
        for d in &decided {
            let (text, side, issue) = described(cmp, d);
            let mut said = String::new();
            for s in &d.said {
                let note = if s.note.trim().is_empty() {
                    String::new()
                } else {
                    format!(" <q dir=\"auto\">{}</q>", escape(s.note.trim()))
                };
                let _ = write!(
                    said,
                    "<div><span dir=\"auto\">{}</span>: {}{note}</div>",
                    escape(&s.coder),
                    escape(&said_text(report, s))
                );
            }
            let _ = writeln!(
                out,
                "<tr><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td>{said}</td><td>{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td></tr>",
                escape(text),
                escape(&side),
                escape(issue),
                escape(report.status_label(&d.mark.status)),
                escape(&d.mark.note),
                escape(&d.mark.coder)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(out, "<p>{}</p>", escape(&sentence));
    if let (Some(units), Some(study)) = (report.unsettled(), report.study)
        && !units.is_empty()
    {
        out.push_str("<ul>\n");
        for unit in units {
            let _ = writeln!(out, "<li dir=\"auto\">{}</li>", escape(&study.describe_unit(unit)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}
