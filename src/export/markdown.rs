//! The comparison as Markdown, for papers and handouts: the negotiation, its
//! rounds and sources, then each issue in order with every shown side's demands
//! and the marks on them.
//!
//! User text is escaped so that it reads as written: Markdown's and HTML's special
//! characters are backslash-escaped, and in tables `|` cannot end a cell and a
//! line break becomes `<br>`, so tables stay tables whatever the notes hold.

use std::fmt::Write as _;

use crate::model::reliability::figure_text;
use crate::model::study::Breakdown;

use super::Report;

/// Text escaped for running Markdown (headings, list items, paragraphs): line
/// breaks kept as hard breaks, and nothing at a line's start read as a heading,
/// list or quote.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines(text).enumerate() {
        if i > 0 {
            out.push_str("  \n");
        }
        let line = line.trim();
        if line.starts_with(['#', '+', '-', '=']) {
            out.push('\\');
        }
        // "1. " or "1) " would start a numbered list: escape the dot or bracket.
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && line[digits..].starts_with(['.', ')']) {
            out.push_str(&line[..digits]);
            out.push('\\');
            out.push_str(&escape_inline(&line[digits..]));
        } else {
            out.push_str(&escape_inline(line));
        }
    }
    out
}

/// The lines of `text`, ended by `\n`, `\r\n` or a lone `\r` (Markdown ends a line at each).
/// A break at the very end ends the last line and starts none, as with `str::lines`.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let text = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix(['\n', '\r']))
        .unwrap_or(text);
    text.split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
}

/// Text escaped for a table cell: also no line break (`<br>` instead).
pub fn cell(text: &str) -> String {
    let lines: Vec<String> = lines(text).map(|l| escape_inline(l.trim())).collect();
    lines.join("<br>")
}

/// One line of text escaped where it cannot start a block (inside a table cell).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn table_row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        out.push(' ');
        out.push_str(if c.is_empty() { " " } else { c });
        out.push_str(" |");
    }
    out.push('\n');
}

fn table_header(out: &mut String, names: &[&str]) {
    table_row(out, &names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>());
    table_row(out, &vec!["---".to_owned(); names.len()]);
}

/// The Markdown report.
pub fn to_markdown(report: &Report<'_>) -> String {
    let cmp = report.comparison;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&report.title()));
    if let Some(warning) = report.conflict_warning() {
        let _ = writeln!(out, "> **{}**\n", escape(&warning));
    }
    for round in report.rounds() {
        let parts: Vec<String> = [round.round, round.date]
            .into_iter()
            .flatten()
            .map(|s| escape(&s))
            .collect();
        if !parts.is_empty() {
            let _ = writeln!(out, "- {}", parts.join(", "));
        }
    }
    let sides = report.sides();
    let _ = writeln!(out, "\n## Sides\n");
    for &side in &sides {
        let s = cmp.side(side);
        let by = s
            .represented_by
            .as_deref()
            .map(|r| format!(", represented by {}", escape(r)))
            .unwrap_or_default();
        let _ = writeln!(out, "- **{}**{by}", escape(&cmp.side_label(side)));
    }
    let hidden = report.hidden_sides();
    if !hidden.is_empty() {
        let names: Vec<String> = hidden.iter().map(|&s| escape(&cmp.side_label(s))).collect();
        let _ = writeln!(out, "\nHidden in this view and left out: {}.", names.join(", "));
    }
    codebook(report, &mut out);
    agreement(report, &mut out);
    for (i, issue) in cmp.issues().iter().enumerate() {
        let _ = writeln!(out, "\n## {}. {}\n", i + 1, escape(&issue.name));
        if let Some(description) = issue.description.as_deref().filter(|d| !d.trim().is_empty()) {
            let _ = writeln!(out, "{}\n", escape(description));
        }
        demands_table(report, i, &mut out);
        marks_table(report, &report.marks_on_issue(i), &mut out, "Marks on this issue");
    }
    super::decisions::markdown_section(report, &mut out);
    let orphans = report.orphans();
    if !orphans.is_empty() {
        let _ = writeln!(out, "\n## Marks on demands no longer in the positions\n");
        marks_table(report, &orphans, &mut out, "");
    }
    sources(report, &mut out);
    out
}

fn codebook(report: &Report<'_>, out: &mut String) {
    let codebook = report.comparison.codebook();
    let _ = writeln!(out, "\n## Codebook: {}\n", escape(&codebook.name));
    for status in &codebook.statuses {
        match status.description.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(d) => {
                let _ = writeln!(out, "- **{}**: {}", escape(&status.label), escape(d));
            }
            None => {
                let _ = writeln!(out, "- **{}**", escape(&status.label));
            }
        }
    }
}

fn agreement(report: &Report<'_>, out: &mut String) {
    let Some(study) = report.study else {
        return;
    };
    let _ = writeln!(out, "\n## Agreement between coders\n");
    let _ = writeln!(
        out,
        "{}. The unit is a demand; a demand a coder did not mark is not coded by them.\n",
        escape(&capitalized(&study.headline()))
    );
    table_header(
        out,
        &[
            "Scope",
            "Demands",
            "Coded by 2+",
            "Coded by 1",
            "Not coded",
            "Within-coder conflicts",
            "% agreement",
            "Cohen's κ",
            "Krippendorff's α",
        ],
    );
    let rows = study.report(Some(Breakdown::Issue));
    for (scope, a) in &rows {
        table_row(
            out,
            &[
                cell(scope),
                a.units.to_string(),
                a.pairable_units.to_string(),
                a.coded_once.to_string(),
                a.not_coded.to_string(),
                a.within_coder_conflicts.to_string(),
                figure_text(&a.percent_agreement, true),
                figure_text(&a.cohen_kappa, false),
                figure_text(&a.krippendorff_alpha, false),
            ],
        );
    }
    out.push('\n');
    for note in study.notes(&rows) {
        let _ = writeln!(out, "- {}", escape(&note));
    }
}

/// "2 coders …" → "2 coders …"; "alice …" → "Alice …": a sentence's first letter.
pub(super) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn demands_table(report: &Report<'_>, issue: usize, out: &mut String) {
    let cmp = report.comparison;
    let coders = report.coders();
    let mut names: Vec<String> = ["Side", "Demand", "Priority", "Value", "Quote", "Source", "Marks"]
        .map(str::to_owned)
        .to_vec();
    // Coder names are typed by people: escaped, so that `bob|smith` stays one column.
    names.extend(coders.iter().map(|c| cell(c)));
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    table_header(out, &names);
    for side in report.sides() {
        let label = cell(&cmp.side_label(side));
        let mut any = false;
        for ix in cmp.demands_on(side, issue) {
            any = true;
            let d = cmp.demand(ix);
            let marks: Vec<String> = report
                .marks_on(ix)
                .map(|m| {
                    let status = cell(report.status_label(&m.status));
                    match report.number(m) {
                        Some(n) => format!("{status} (M{n})"),
                        None => status,
                    }
                })
                .collect();
            let mut row = vec![
                label.clone(),
                cell(&d.text),
                d.priority.map(|p| p.label().to_owned()).unwrap_or_default(),
                d.value.as_ref().map(|v| cell(&v.to_string())).unwrap_or_default(),
                d.quote.as_deref().map(|q| format!("“{}”", cell(q))).unwrap_or_default(),
                cmp.source_title(ix).map(cell).unwrap_or_default(),
                marks.join(", "),
            ];
            row.extend(report.coders_said(ix).iter().map(|s| cell(s)));
            table_row(out, &row);
        }
        if !any {
            let mut row = vec![label, "*No stated position*".to_owned()];
            row.resize(names.len(), String::new());
            table_row(out, &row);
        }
    }
}

fn marks_table(report: &Report<'_>, marks: &[&crate::model::Mark], out: &mut String, title: &str) {
    if marks.is_empty() {
        return;
    }
    if !title.is_empty() {
        let _ = writeln!(out, "\n{title}:\n");
    }
    table_header(out, &["Mark", "Status", "Demands", "Note", "Coder", "Changed"]);
    for mark in marks {
        table_row(
            out,
            &[
                report.number(mark).map(|n| format!("M{n}")).unwrap_or_default(),
                cell(report.status_label(&mark.status)),
                cell(&report.covered(mark).join("; ")),
                cell(&mark.note),
                cell(&mark.coder),
                cell(day(&mark.changed)),
            ],
        );
    }
}

fn sources(report: &Report<'_>, out: &mut String) {
    let documents = report.comparison.documents();
    if documents.iter().all(|d| d.data.sources.is_empty()) {
        return;
    }
    let _ = writeln!(out, "\n## Sources\n");
    for document in documents {
        for source in &document.data.sources {
            let mut line = format!("- **{}**", escape(&source.title));
            if let Some(date) = &source.date {
                let _ = write!(line, ", {}", escape(date));
            }
            if let Some(url) = &source.url {
                // Only web addresses become links; anything else stays text.
                if is_web_address(url) {
                    let _ = write!(line, ", <{url}>");
                } else {
                    let _ = write!(line, ", {}", escape(url));
                }
            }
            if let Some(note) = source.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let _ = write!(line, ". {}", escape(note));
            }
            let _ = writeln!(out, "{line}");
        }
    }
}

/// The day of a timestamp (`2025-06-03T10:00:00Z` → `2025-06-03`), in UTC as
/// stored, so that a report reads the same wherever it is made.
pub fn day(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// An `http` or `https` address with nothing in it that could end a link.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'))
}

#[cfg(test)]
mod tests {
    use super::cell;

    /// A note typed on Windows, on an old Mac, or ended with Enter stays one table cell.
    #[test]
    fn every_kind_of_line_break_becomes_br_and_a_final_one_none() {
        assert_eq!(cell("one\r\ntwo\rthree\nfour\n"), "one<br>two<br>three<br>four");
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell(""), "");
    }
}
