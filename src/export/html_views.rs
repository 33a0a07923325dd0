//! The overview and the values of the HTML report: the matrix of issues × sides
//! as the window's Overview shows it, and each comparable issue's values on one
//! scale (drawn with positioned boxes, no script or picture) with the gaps and
//! overlaps in words.

use std::fmt::Write as _;

use super::Report;
use super::html::{escape, status_pill};
use crate::model::codebook::hex_color;
use crate::model::overview::overview;
use crate::model::position::format_number;
use crate::model::values::{ValueAxis, all_axes, side_rgb, statement, ticks};

pub const STYLE: &str = r"
table.overview { table-layout: fixed; margin-top: 8px; }
table.overview thead th:first-child { width: 22%; }
table.overview th, table.overview td { border: 1px solid var(--line); padding: 6px 8px; text-align: start; vertical-align: top; }
table.overview thead th { background: var(--band); }
table.overview td.none { color: var(--muted); font-style: italic; border-style: dashed; }
.count { font-weight: 600; margin-inline-end: 4px; }
.axis { margin: 6px 0 4px; }
.axis .row { display: flex; align-items: center; gap: 10px; min-height: 30px; }
.axis .who { flex: 0 0 220px; line-height: 1.2; }
.axis .who .said { display: block; color: var(--muted); font-size: 0.85em; }
.axis .track { position: relative; flex: 1; height: 14px; border-bottom: 1px solid var(--line); }
.axis .range { position: absolute; top: 2px; height: 10px; border-radius: 3px; min-width: 4px; }
.axis .range.open-max { border-radius: 3px 0 0 3px; }
.axis .range.open-min { border-radius: 0 3px 3px 0; }
.axis .point { position: absolute; top: 0; width: 14px; height: 14px; margin-inline-start: -7px; border-radius: 50%; }
.axis .scale { position: relative; height: 1.2em; margin-inline-start: 230px; color: var(--muted); font-size: 0.8em; }
.axis .scale span { position: absolute; transform: translateX(-50%); }
.values ul { margin: 4px 0 14px; }
@media print { .values .axis-block, table.overview tr { break-inside: avoid; } }
";

/// The matrix of issues × sides: demands, strongest priority and the marks by status.
pub fn overview_section(report: &Report<'_>, out: &mut String) {
    let cmp = report.comparison;
    let matrix = overview(cmp, &report.sides());
    out.push_str("<section class=\"overview\">\n<h2>Overview</h2>\n<table class=\"overview\">\n<thead><tr><th scope=\"col\">Issue</th>");
    for &side in &matrix.sides {
        let _ = write!(
            out,
            "<th scope=\"col\" dir=\"auto\">{}</th>",
            escape(&cmp.side_label(side))
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (issue, cells) in &matrix.rows {
        let _ = write!(
            out,
            "<tr><th scope=\"row\" dir=\"auto\">{}</th>",
            escape(&cmp.issues()[*issue].name)
        );
        for cell in cells {
            if cell.is_empty() {
                out.push_str("<td class=\"none\">No stated position</td>");
                continue;
            }
            let _ = write!(out, "<td><span class=\"count\">{}</span>", cell.count_text());
            if let Some(priority) = cell.strongest {
                let class = if priority == crate::model::Priority::Core {
                    "pill core"
                } else {
                    "pill"
                };
                let _ = write!(out, "<span class=\"{class}\">{}</span>", priority.name());
            }
            for (status, &n) in cmp.codebook().statuses.iter().zip(&cell.statuses) {
                if n > 0 {
                    out.push_str(&status_pill(report, &status.id, &format!(" {n}")));
                }
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// Each issue with values of two sides or more in one unit: the ranges on one
/// scale, and the gap or overlap between them in words. Nothing where none has.
pub fn values_section(report: &Report<'_>, out: &mut String) {
    let cmp = report.comparison;
    let sides = report.sides();
    let axes = all_axes(cmp, &sides);
    if axes.is_empty() {
        return;
    }
    out.push_str("<section class=\"values\">\n<h2>Values</h2>\n");
    for axis in &axes {
        axis_block(report, axis, &sides, out);
    }
    out.push_str("</section>\n");
}

fn axis_block(report: &Report<'_>, axis: &ValueAxis, sides: &[usize], out: &mut String) {
    let cmp = report.comparison;
    let (lo, hi) = axis.scale(cmp);
    let at = |x: f64| ((x - lo) / (hi - lo) * 100.0).clamp(0.0, 100.0);
    let _ = writeln!(
        out,
        "<div class=\"axis-block\">\n<p><strong dir=\"auto\">{} · {}</strong></p>\n<div class=\"axis\">",
        escape(&cmp.issues()[axis.issue].name),
        escape(&axis.unit)
    );
    for &ix in &axis.points {
        let Some(value) = &cmp.demand(ix).value else {
            continue;
        };
        let color = hex_color(side_rgb(sides, ix.side as usize));
        let shape = if value.min.is_some() && value.min == value.max {
            format!(
                "<span class=\"point\" style=\"left:{:.2}%;background:{color}\"></span>",
                at(value.min.unwrap_or_default())
            )
        } else {
            let start = value.min.map_or(0.0, at);
            let end = value.max.map_or(100.0, at);
            let open = match (value.min, value.max) {
                (_, None) => " open-max",
                (None, _) => " open-min",
                _ => "",
            };
            format!(
                "<span class=\"range{open}\" style=\"left:{start:.2}%;width:{:.2}%;background:{color}\"></span>",
                (end - start).max(0.5)
            )
        };
        let _ = writeln!(
            out,
            "<div class=\"row\"><span class=\"who\"><span dir=\"auto\">{}</span><span class=\"said\" dir=\"auto\">{}</span></span><span class=\"track\">{shape}</span></div>",
            escape(&cmp.side_label(ix.side as usize)),
            escape(&value.to_string())
        );
    }
    out.push_str("<div class=\"scale\">");
    for tick in ticks(lo, hi) {
        let _ = write!(
            out,
            "<span style=\"left:{:.2}%\">{}</span>",
            at(tick),
            escape(&format_number(tick))
        );
    }
    out.push_str("</div>\n</div>\n<ul>\n");
    for pair in &axis.pairs {
        let _ = writeln!(out, "<li dir=\"auto\">{}</li>", escape(&statement(cmp, pair)));
    }
    if axis.pair_count > axis.pairs.len() {
        let _ = writeln!(out, "<li>… and {} more pairs</li>", axis.pair_count - axis.pairs.len());
    }
    out.push_str("</ul>\n</div>\n");
}
