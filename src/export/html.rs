//! The comparison as one self-contained HTML page: the window's aligned columns,
//! statuses in the codebook's colours with a legend, the marks' notes and the
//! sources; styled for the screen and for paper, with no script and nothing
//! fetched from elsewhere.
//!
//! Every piece of user text goes through [`escape`], so a note holding `<script>`
//! shows as text; user text gets `dir="auto"` so that Hebrew or Arabic reads from
//! the right. The page is also well-formed XML (void elements closed, no named
//! entities), which the tests use to check that no user text became markup.

use std::fmt::Write as _;

use crate::model::codebook::{contrast_ratio, hex_color};
use crate::model::reliability::figure_text;
use crate::model::study::Breakdown;
use crate::model::{DemandIx, Mark};

use super::Report;
use super::markdown::{day, is_web_address};

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #ffffff; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 24px 28px 40px; color: var(--ink); background: var(--paper);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 28px 0 8px; }
.rounds { color: var(--muted); margin: 0 0 16px; }
.legend ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.legend li { color: var(--muted); }
.pill { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 0.82em; font-weight: 600;
  margin: 2px 4px 2px 0; border: 1px solid var(--line); background: var(--band); color: var(--ink); white-space: nowrap; }
.pill.core { background: #1f2328; color: #ffffff; border-color: #1f2328; }
.pill.status { border-color: transparent; }
table { border-collapse: collapse; width: 100%; }
table.columns { table-layout: fixed; margin-top: 18px; }
table.columns thead th { position: sticky; top: 0; background: var(--paper); text-align: start; vertical-align: top;
  font-size: 1.05em; padding: 8px 10px; border-bottom: 2px solid var(--ink); }
.by { font-weight: normal; font-size: 0.82em; color: var(--muted); }
tr.issue th { text-align: start; background: var(--band); padding: 10px 10px 6px; border-top: 1px solid var(--line); }
.num { color: var(--muted); font-weight: normal; margin-inline-end: 6px; }
.desc { font-weight: normal; color: var(--muted); margin: 2px 0 0; font-size: 0.9em; }
td { vertical-align: top; padding: 8px 10px; border-inline-start: 1px solid var(--line); }
td:first-child { border-inline-start: none; }
.card { border: 1px solid var(--line); border-inline-start: 5px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 0 0 8px; background: var(--paper); }
.card p { margin: 0; }
.text { white-space: pre-wrap; }
.pills { margin-top: 4px !important; }
blockquote { margin: 6px 0 0; padding: 2px 0 2px 10px; border-inline-start: 3px solid var(--line); color: var(--muted); font-style: italic; white-space: pre-wrap; }
.source, .coders, .meta { color: var(--muted); font-size: 0.85em; margin-top: 4px !important; }
.none { color: var(--muted); font-style: italic; }
tr.marks td { border-inline-start: none; padding-top: 0; }
.marks ol { list-style: none; margin: 0; padding: 0; }
.marks li { margin: 0 0 6px; padding: 6px 10px; border-inline-start: 4px solid var(--line); background: var(--band); border-radius: 0 6px 6px 0; }
.note { white-space: pre-wrap; margin: 2px 0 0; }
.mark-no { font-weight: 700; margin-inline-end: 4px; }
table.figures { width: auto; }
table.figures th, table.figures td { border: 1px solid var(--line); padding: 4px 10px; text-align: end; }
table.figures th:first-child, table.figures td:first-child { text-align: start; }
.sources li { margin-bottom: 4px; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.8em; }
@page { margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table.columns thead { display: table-header-group; }
  table.columns thead th { position: static; }
  .card, .marks li, tr.issue { break-inside: avoid; }
  tr.issue { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Black or white, whichever reads better on `rgb`.
fn ink_on([r, g, b]: [u8; 3]) -> &'static str {
    if contrast_ratio([r, g, b], [0, 0, 0]) >= contrast_ratio([r, g, b], [255, 255, 255]) {
        "#000000"
    } else {
        "#ffffff"
    }
}

pub(super) fn status_pill(report: &Report<'_>, status: &str, extra: &str) -> String {
    let rgb = report.status_rgb(status);
    format!(
        r#"<span class="pill status" style="background:{};color:{}">{}{extra}</span>"#,
        hex_color(rgb),
        ink_on(rgb),
        escape(report.status_label(status))
    )
}

/// The HTML report.
pub fn to_html(report: &Report<'_>) -> String {
    let cmp = report.comparison;
    let title = report.title();
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta name=\"generator\" content=\"Stances {}\" />\n<title dir=\"auto\">{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title),
        super::html_views::STYLE
    );
    let _ = writeln!(out, "<header>\n<h1 dir=\"auto\">{}</h1>", escape(&title));
    if let Some(warning) = report.conflict_warning() {
        let _ = writeln!(
            out,
            "<p class=\"warning\" role=\"alert\"><strong>{}</strong></p>",
            escape(&warning)
        );
    }
    let rounds: Vec<String> = report
        .rounds()
        .into_iter()
        .filter_map(|r| {
            let parts: Vec<String> = [r.round, r.date].into_iter().flatten().map(|s| escape(&s)).collect();
            (!parts.is_empty()).then(|| format!("<span dir=\"auto\">{}</span>", parts.join(", ")))
        })
        .collect();
    if !rounds.is_empty() {
        let _ = writeln!(out, "<p class=\"rounds\">{}</p>", rounds.join(" · "));
    }
    let one_source = single_source(report);
    if let Some(source) = one_source {
        let _ = writeln!(
            out,
            "<p class=\"rounds\" dir=\"auto\">Every demand from: {}</p>",
            escape(source)
        );
    }
    legend(report, &mut out);
    out.push_str("</header>\n");
    agreement(report, &mut out);
    super::html_views::overview_section(report, &mut out);
    columns(report, one_source.is_none(), &mut out);
    super::html_views::values_section(report, &mut out);
    super::decisions::html_section(report, &mut out);
    let orphans = report.orphans();
    if !orphans.is_empty() {
        out.push_str("<section class=\"marks\">\n<h2>Marks on demands no longer in the positions</h2>\n");
        marks_list(report, &orphans, &mut out);
        out.push_str("</section>\n");
    }
    sources(report, &mut out);
    let hidden = report.hidden_sides();
    let hidden = if hidden.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = hidden.iter().map(|&s| escape(&cmp.side_label(s))).collect();
        format!(" Hidden in the window and left out here: {}.", names.join(", "))
    };
    let _ = writeln!(
        out,
        "<footer>Made with Stances {}.{hidden}</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn legend(report: &Report<'_>, out: &mut String) {
    let codebook = report.comparison.codebook();
    let _ = writeln!(
        out,
        "<section class=\"legend\" aria-label=\"Codebook\">\n<h2 dir=\"auto\">Codebook: {}</h2>\n<ul>",
        escape(&codebook.name)
    );
    for status in &codebook.statuses {
        let description = status
            .description
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| format!(" <span dir=\"auto\">{}</span>", escape(d)))
            .unwrap_or_default();
        let _ = writeln!(out, "<li>{}{description}</li>", status_pill(report, &status.id, ""));
    }
    out.push_str("</ul>\n</section>\n");
}

fn agreement(report: &Report<'_>, out: &mut String) {
    let Some(study) = report.study else {
        return;
    };
    let _ = writeln!(
        out,
        "<section class=\"agreement\">\n<h2>Agreement between coders</h2>\n<p>{}. The unit is a demand; a demand a coder did not mark is not coded by them.</p>\n<table class=\"figures\">\n<thead><tr><th>Scope</th><th>Demands</th><th>Coded by 2+</th><th>Coded by 1</th><th>Not coded</th><th>Within-coder conflicts</th><th>% agreement</th><th>Cohen&#39;s κ</th><th>Krippendorff&#39;s α</th></tr></thead>\n<tbody>",
        escape(&super::markdown::capitalized(&study.headline()))
    );
    let rows = study.report(Some(Breakdown::Issue));
    for (scope, a) in &rows {
        let _ = writeln!(
            out,
            "<tr><td dir=\"auto\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(scope),
            a.units,
            a.pairable_units,
            a.coded_once,
            a.not_coded,
            a.within_coder_conflicts,
            figure_text(&a.percent_agreement, true),
            figure_text(&a.cohen_kappa, false),
            figure_text(&a.krippendorff_alpha, false)
        );
    }
    out.push_str("</tbody>\n</table>\n<ul class=\"meta\">\n");
    for note in study.notes(&rows) {
        let _ = writeln!(out, "<li>{}</li>", escape(&note));
    }
    out.push_str("</ul>\n</section>\n");
}

/// The aligned columns; `sources` says each card's source.
fn columns(report: &Report<'_>, sources: bool, out: &mut String) {
    let cmp = report.comparison;
    let sides = report.sides();
    out.push_str("<table class=\"columns\">\n<thead><tr>");
    for &side in &sides {
        let s = cmp.side(side);
        let by = s
            .represented_by
            .as_deref()
            .map(|r| format!("<div class=\"by\" dir=\"auto\">{}</div>", escape(r)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<th scope=\"col\"><div dir=\"auto\">{}</div>{by}</th>",
            escape(&cmp.side_label(side))
        );
    }
    out.push_str("</tr></thead>\n");
    for (i, issue) in cmp.issues().iter().enumerate() {
        let description = issue
            .description
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| format!("<p class=\"desc\" dir=\"auto\">{}</p>", escape(d)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tbody class=\"issue\">\n<tr class=\"issue\"><th colspan=\"{}\" scope=\"rowgroup\"><span class=\"num\">{}</span><span dir=\"auto\">{}</span>{description}</th></tr>\n<tr>",
            sides.len(),
            i + 1,
            escape(&issue.name)
        );
        for &side in &sides {
            out.push_str("<td>");
            let mut any = false;
            for ix in cmp.demands_on(side, i) {
                any = true;
                card(report, ix, sources, out);
            }
            if !any {
                out.push_str("<p class=\"none\">No stated position</p>");
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
        let marks = report.marks_on_issue(i);
        if !marks.is_empty() {
            let _ = writeln!(
                out,
                "<tr class=\"marks\"><td colspan=\"{}\"><div class=\"marks\">",
                sides.len()
            );
            marks_list(report, &marks, out);
            out.push_str("</div></td></tr>\n");
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

fn card(report: &Report<'_>, ix: DemandIx, source: bool, out: &mut String) {
    let cmp = report.comparison;
    let demand = cmp.demand(ix);
    let marks: Vec<&Mark> = report.marks_on(ix).collect();
    let border = marks
        .first()
        .map(|m| {
            format!(
                " style=\"border-inline-start-color:{}\"",
                hex_color(report.status_rgb(&m.status))
            )
        })
        .unwrap_or_default();
    let _ = write!(
        out,
        "<div class=\"card\"{border}><p class=\"text\" dir=\"auto\">{}</p>",
        escape(&demand.text)
    );
    let mut pills = String::new();
    if let Some(p) = demand.priority {
        let class = if p == crate::model::Priority::Core { " core" } else { "" };
        let _ = write!(pills, "<span class=\"pill{class}\">{}</span>", p.label());
    }
    if let Some(value) = &demand.value {
        let _ = write!(
            pills,
            "<span class=\"pill\" dir=\"auto\">{}</span>",
            escape(&value.to_string())
        );
    }
    for mark in &marks {
        let number = report.number(mark).map(|n| format!(" · M{n}")).unwrap_or_default();
        pills.push_str(&status_pill(report, &mark.status, &number));
    }
    if !pills.is_empty() {
        let _ = write!(out, "<p class=\"pills\">{pills}</p>");
    }
    if let Some(quote) = &demand.quote {
        let _ = write!(out, "<blockquote dir=\"auto\">“{}”</blockquote>", escape(quote));
    }
    if let Some(source) = cmp.source_title(ix).filter(|_| source) {
        let _ = write!(out, "<p class=\"source\" dir=\"auto\">Source: {}</p>", escape(source));
    }
    let said = report.coders_said(ix);
    if !said.is_empty() {
        let parts: Vec<String> = report
            .coders()
            .iter()
            .zip(&said)
            .map(|(coder, s)| {
                let s = if s.is_empty() { "not coded" } else { s.as_str() };
                format!("{}: {}", escape(coder), escape(s))
            })
            .collect();
        let _ = write!(out, "<p class=\"coders\">{}</p>", parts.join(" · "));
    }
    out.push_str("</div>");
}

fn marks_list(report: &Report<'_>, marks: &[&Mark], out: &mut String) {
    out.push_str("<ol>\n");
    for mark in marks {
        let rgb = report.status_rgb(&mark.status);
        let number = report
            .number(mark)
            .map(|n| format!("<span class=\"mark-no\">M{n}</span>"))
            .unwrap_or_default();
        let note = if mark.note.trim().is_empty() {
            String::new()
        } else {
            format!("<p class=\"note\" dir=\"auto\">{}</p>", escape(&mark.note))
        };
        let coder = if mark.coder.is_empty() {
            String::new()
        } else {
            format!("{} · ", escape(&mark.coder))
        };
        let _ = writeln!(
            out,
            "<li style=\"border-inline-start-color:{}\">{number}{} <span dir=\"auto\">{}</span>{note}<p class=\"meta\">{coder}{}</p></li>",
            hex_color(rgb),
            status_pill(report, &mark.status, ""),
            escape(&report.covered(mark).join("; ")),
            escape(day(&mark.changed))
        );
    }
    out.push_str("</ol>\n");
}

fn sources(report: &Report<'_>, out: &mut String) {
    let documents = report.comparison.documents();
    if documents.iter().all(|d| d.data.sources.is_empty()) {
        return;
    }
    out.push_str("<section class=\"sources\">\n<h2>Sources</h2>\n<ul>\n");
    for document in documents {
        for source in &document.data.sources {
            let title = escape(&source.title);
            let title = match source.url.as_deref() {
                Some(url) if is_web_address(url) => format!("<a href=\"{}\">{title}</a>", escape(url)),
                _ => title,
            };
            let mut line = format!("<li dir=\"auto\"><strong>{title}</strong>");
            if let Some(date) = &source.date {
                let _ = write!(line, ", {}", escape(date));
            }
            if let Some(url) = source.url.as_deref().filter(|u| !is_web_address(u)) {
                let _ = write!(line, ", {}", escape(url));
            }
            if let Some(note) = source.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let _ = write!(line, ". {}", escape(note));
            }
            line.push_str("</li>\n");
            out.push_str(&line);
        }
    }
    out.push_str("</ul>\n</section>\n");
}

/// The one source every demand cites, if they all cite the same: said once at the
/// top rather than on every card.
fn single_source<'a>(report: &Report<'a>) -> Option<&'a str> {
    let cmp = report.comparison;
    let mut titles = cmp.all_demands().map(|ix| cmp.source_title(ix));
    let first = titles.next()??;
    titles.all(|t| t == Some(first)).then_some(first)
}
