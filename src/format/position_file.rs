//! Reading and checking position files: every rule of `docs/position-file.md`.

use std::collections::HashMap;

use super::diagnostics::{self, FileError, PathProblem, Problem, RECURSION_LIMIT};
use super::locate::{self, Step};
use crate::model::position::{POSITION_FORMAT, PositionFile};

/// RON options shared by every Stances file: `implicit_some` lets optional fields
/// be written bare, and a recursion limit keeps hostile nesting from overflowing the stack.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// Parses and checks position-file text; `shown` names the file in messages.
pub fn parse_position_file(shown: &str, text: &str) -> Result<PositionFile, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: PositionFile = ron_options().from_str(text).map_err(|e| {
        // Only a file that does not parse is sniffed further (empty, JSON, another
        // kind, a newer version), so valid files never pay for a second pass.
        let problem = preflight(text)
            .err()
            .unwrap_or_else(|| diagnostics::ron_problem(text, &e));
        FileError::new(shown, problem)
    })?;
    let problems = validate_positions(&file, &[]);
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(FileError {
            path: shown.to_owned(),
            problems: problems.into_iter().map(|p| p.locate(text)).collect(),
        })
    }
}

/// A position file as RON under a `heading` of comment lines, written as people
/// write them (a demand's value and tags on one line). Checked by reading it back,
/// so a written file always opens: the error says what did not.
pub fn to_ron(positions: &PositionFile, shown: &str, heading: &str) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ".to_owned())
        .depth_limit(5)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let body = ron_options()
        .to_string_pretty(positions, config)
        .map_err(|e| format!("the position file could not be written: {e}"))?;
    let text = format!("{heading}\n{body}\n");
    parse_position_file(shown, &text).map_err(|e| e.to_string())?;
    Ok(text)
}

/// Checks made when a position file does not parse, so that a file of another
/// kind or a newer version gets a message about that, not about the first field
/// it does not know.
pub fn preflight(text: &str) -> Result<(), Problem> {
    let kind = "position file";
    let start = check_shape(text, kind)?;
    let fields = locate::top_level_fields(text);
    let has = |name: &str| fields.iter().any(|(n, _, _)| n == name);
    if has("positions") || (has("documents") && has("codebook")) {
        return Err(Problem::at(
            start,
            "this is a comparison file (annotated comparison), not a position file; open it with File › Open…",
        ));
    }
    check_version(&fields, kind, POSITION_FORMAT)
}

/// What every Stances file must be before anything else: not empty, and RON rather
/// than JSON or YAML. Returns where the text starts.
pub fn check_shape(text: &str, kind: &str) -> Result<locate::LineCol, Problem> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Problem::at(
            locate::LineCol { line: 1, col: 1 },
            format!("the file is empty; a {kind} starts with `(` and holds at least `format: 1`"),
        ));
    }
    let start = locate::line_col(text, text.len() - trimmed.len());
    let body = skip_comments(trimmed);
    let other = if body.starts_with('{') || body.starts_with("[{") {
        Some("JSON")
    } else if trimmed.starts_with("---") || trimmed.starts_with("%YAML") {
        Some("YAML")
    } else if trimmed.starts_with('#') && !trimmed.starts_with("#![") {
        Some("YAML, TOML or a script (it starts with `#`; RON comments start with `//`)")
    } else if body.starts_with('<') {
        Some("XML or HTML")
    } else {
        None
    };
    if let Some(format) = other {
        return Err(Problem::at(
            start,
            format!("this looks like {format}; a {kind} is RON: it starts with `(` and writes fields as `name: value`"),
        ));
    }
    // RON allows a struct name before the parenthesis (`PositionFile(…)`).
    let after_name = body
        .trim_start_matches(|c: char| c == '_' || c.is_alphanumeric())
        .trim_start();
    if !body.is_empty() && !body.starts_with('(') && !body.starts_with("#![") && !after_name.starts_with('(') {
        let at = locate::line_col(text, text.len() - body.len());
        return Err(Problem::at(
            at,
            format!(
                "a {kind} is one record in parentheses: it starts with `(`, as in `(format: 1, …)`, and ends with `)`"
            ),
        ));
    }
    Ok(start)
}

/// `text` past leading blanks and RON comments.
fn skip_comments(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return text;
        }
    }
}

/// Refuses a top-level `format` other than `supported`, naming the version found.
pub fn check_version(fields: &[(String, String, locate::LineCol)], kind: &str, supported: u32) -> Result<(), Problem> {
    if let Some((_, raw, at)) = fields.iter().find(|(n, _, _)| n == "format")
        && let Ok(version) = raw.parse::<u64>()
        && version != u64::from(supported)
    {
        return Err(Problem::at(*at, diagnostics::version_message(kind, version, supported)));
    }
    Ok(())
}

pub fn format_message(kind: &str, version: u64) -> String {
    diagnostics::version_message(kind, version, POSITION_FORMAT)
}

fn path(prefix: &[Step], rest: &[Step]) -> Vec<Step> {
    let mut p = prefix.to_vec();
    p.extend_from_slice(rest);
    p
}

pub use crate::model::position::is_valid_date;

/// Every rule the format states beyond its shape. `prefix` is where the position
/// data sits in the document (empty for a position file, deeper in a comparison file).
pub fn validate_positions(file: &PositionFile, prefix: &[Step]) -> Vec<PathProblem> {
    use Step::{Field, Index};
    let mut problems = Vec::new();
    let mut push = |p: Vec<Step>, message: String| problems.push(PathProblem::value(p, message));

    if file.format != POSITION_FORMAT {
        push(
            path(prefix, &[Field("format")]),
            format_message("position file", file.format.into()),
        );
    }
    if let Some(date) = &file.date
        && !is_valid_date(date)
    {
        push(path(prefix, &[Field("date")]), date_message(date));
    }
    if file.sides.is_empty() {
        push(
            path(prefix, &[Field("sides")]),
            "`sides` is empty; a position file needs at least one side".into(),
        );
    }

    let mut source_ids: HashMap<&str, usize> = HashMap::new();
    for (i, source) in file.sources.iter().enumerate() {
        let at = path(prefix, &[Field("sources"), Index(i), Field("id")]);
        check_id(&mut push, &at, "source", &source.id, &mut source_ids, i);
        if let Some(date) = &source.date
            && !is_valid_date(date)
        {
            push(
                path(prefix, &[Field("sources"), Index(i), Field("date")]),
                date_message(date),
            );
        }
    }
    let mut issue_ids: HashMap<&str, usize> = HashMap::new();
    for (i, issue) in file.issues.iter().enumerate() {
        let at = path(prefix, &[Field("issues"), Index(i), Field("id")]);
        check_id(&mut push, &at, "issue", &issue.id, &mut issue_ids, i);
    }
    let mut side_ids: HashMap<&str, usize> = HashMap::new();
    let mut demand_ids: HashMap<&str, usize> = HashMap::new();
    let mut demand_n = 0;
    for (s, side) in file.sides.iter().enumerate() {
        let at = path(prefix, &[Field("sides"), Index(s), Field("id")]);
        check_id(&mut push, &at, "side", &side.id, &mut side_ids, s);
        for (d, demand) in side.demands.iter().enumerate() {
            let here = |f: &'static str| {
                path(
                    prefix,
                    &[Field("sides"), Index(s), Field("demands"), Index(d), Field(f)],
                )
            };
            check_id(&mut push, &here("id"), "demand", &demand.id, &mut demand_ids, demand_n);
            demand_n += 1;
            for (field, message) in demand_problems(file, demand, &issue_ids, &source_ids) {
                push(here(field), message);
            }
        }
    }
    problems
}

/// What is wrong with one demand beyond its id, as (field, message): an empty
/// text, an issue or a source not listed, a value without numbers or upside down.
fn demand_problems(
    file: &PositionFile,
    demand: &crate::model::Demand,
    issue_ids: &HashMap<&str, usize>,
    source_ids: &HashMap<&str, usize>,
) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    let mut push = |field: &'static str, message: String| problems.push((field, message));
    if demand.text.trim().is_empty() {
        push(
            "text",
            format!(
                "demand `{}` has an empty `text`; write the demand in a sentence or two",
                demand.id
            ),
        );
    }
    if !file.issues.is_empty() && !issue_ids.contains_key(demand.issue.as_str()) {
        push(
            "issue",
            format!(
                "demand `{}` names issue `{}`, which is not in `issues`; add it there or use one of {}",
                demand.id,
                demand.issue,
                short_list(file.issues.iter().map(|i| i.id.as_str()))
            ),
        );
    } else if file.issues.is_empty() && demand.issue.trim().is_empty() {
        push("issue", format!("demand `{}` has an empty `issue`", demand.id));
    }
    if let Some(source) = &demand.source
        && !source_ids.contains_key(source.as_str())
    {
        let known = if file.sources.is_empty() {
            "the file lists no `sources`; add one with this id".to_owned()
        } else {
            format!("use one of {}", short_list(file.sources.iter().map(|s| s.id.as_str())))
        };
        push(
            "source",
            format!(
                "demand `{}` names source `{source}`, which is not in `sources`; {known}",
                demand.id
            ),
        );
    }
    if let Some(value) = &demand.value {
        let finite = |x: Option<f64>| x.is_none_or(f64::is_finite);
        match (value.min, value.max) {
            (None, None) => push(
                "value",
                format!(
                    "the value of demand `{}` has neither `min` nor `max`; give at least one",
                    demand.id
                ),
            ),
            _ if !finite(value.min) || !finite(value.max) => push(
                "value",
                format!(
                    "the value of demand `{}` must be an ordinary number, not infinity or NaN",
                    demand.id
                ),
            ),
            (Some(min), Some(max)) if min > max => push(
                "value",
                format!(
                    "the value of demand `{}` has `min` ({min}) above `max` ({max}); swap them",
                    demand.id
                ),
            ),
            _ => {}
        }
    }
    problems
}

fn date_message(date: &str) -> String {
    format!("`{date}` is not a date; write YYYY-MM-DD (like 2025-06-02), YYYY-MM or YYYY")
}

fn short_list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    let mut shown: Vec<String> = ids.iter().take(8).map(|i| format!("`{i}`")).collect();
    if ids.len() > 8 {
        shown.push(format!("… ({} in all)", ids.len()));
    }
    shown.join(", ")
}

/// Flags an empty id or one already used (`seen` maps each id to its first index).
fn check_id<'a>(
    push: &mut impl FnMut(Vec<Step>, String),
    at: &[Step],
    what: &str,
    id: &'a str,
    seen: &mut HashMap<&'a str, usize>,
    index: usize,
) {
    if id.trim().is_empty() {
        push(
            at.to_vec(),
            format!("this {what} has an empty `id`; give it a short unique name"),
        );
    } else if seen.insert(id, index).is_some() {
        push(
            at.to_vec(),
            format!("the {what} id `{id}` is used twice; every {what} needs its own id"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for ok in ["2025", "2025-06", "2025-06-02", "2024-02-29"] {
            assert!(is_valid_date(ok), "{ok}");
        }
        for bad in ["25", "2025-13", "2025-6-2", "2023-02-29", "2025-06-31", "June 2025", ""] {
            assert!(!is_valid_date(bad), "{bad}");
        }
    }
}
