//! A table's rows made into a position file: one row per demand, columns named by
//! the header in any order and case. Every problem is found and said at once, as
//! `file:line:column: message`; a table with any problem gives no file.

use std::collections::{HashMap, HashSet};

use crate::model::position::POSITION_FORMAT;
use crate::model::{Demand, Issue, PositionFile, Priority, Side, Source, Value};

use super::table::Table;

/// The columns a table may have; the first three are required.
pub const COLUMNS: [&str; 12] = [
    "side",
    "issue",
    "text",
    "id",
    "priority",
    "quote",
    "source",
    "value_min",
    "value_max",
    "unit",
    "tags",
    "note",
];
const REQUIRED: usize = 3;

/// One problem, located in the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableProblem {
    pub line: u64,
    /// The column's name as the header writes it, if the problem is in one column.
    pub column: Option<String>,
    pub message: String,
}

impl TableProblem {
    /// `file:line:column: message`.
    pub fn located(&self, file: &str) -> String {
        match &self.column {
            Some(column) => format!("{file}:{}:{column}: {}", self.line, self.message),
            None => format!("{file}:{}: {}", self.line, self.message),
        }
    }
}

/// A header name as compared: trimmed, lower case, spaces and hyphens as `_`.
fn normalise(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// The known column nearest to an unknown name, if one is near enough to be a typo.
fn nearest_column(name: &str) -> Option<&'static str> {
    COLUMNS
        .iter()
        .map(|&known| (known, strsim::normalized_damerau_levenshtein(name, known)))
        .filter(|&(known, score)| score >= 0.5 || known.starts_with(name) || name.starts_with(known))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(known, _)| known)
}

/// What makes two names in a table the same side or issue: case and runs of
/// spaces do not count ("Ceasefire", "ceasefire " and "CEASEFIRE" are one issue,
/// named as first written), since a shared sheet is typed by many hands.
fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// An id made from a name: lower case, words joined by `-`, any script kept.
pub fn slug(name: &str, fallback: &str, max_chars: usize) -> String {
    let mut id = String::new();
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !id.is_empty() {
            if id.chars().count() + 1 + word.chars().count() > max_chars {
                break;
            }
            id.push('-');
        }
        id.extend(word.chars().flat_map(char::to_lowercase));
    }
    if id.is_empty() { fallback.to_owned() } else { id }
}

/// `base`, or `base-2`, `base-3`… whichever is not taken yet; then taken.
fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// A number as a table may write it: `30`, `2.5`, `-4`, `12,000` or `12 000`.
fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let grouped = |sep: char| {
        let mut groups = text.split(sep);
        let first = groups.next().unwrap_or("");
        let rest: Vec<&str> = groups.collect();
        !rest.is_empty()
            && (1..=3).contains(&first.trim_start_matches('-').len())
            && rest
                .iter()
                .all(|g| g.len() == 3 || (g.len() > 3 && g[3..].starts_with('.')))
    };
    let plain = if grouped(',') {
        text.replace(',', "")
    } else if grouped(' ') || grouped('\u{a0}') || grouped('\u{202f}') {
        text.replace([' ', '\u{a0}', '\u{202f}'], "")
    } else {
        text.to_owned()
    };
    plain.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The position file of `table`; `Err` with every problem found when there is one.
pub fn positions_from_table(table: &Table) -> Result<PositionFile, Vec<TableProblem>> {
    let mut problems = Vec::new();
    let header_line = table.header_line.max(1);
    let problem = |line: u64, column: Option<&str>, message: String| TableProblem {
        line,
        column: column.map(str::to_owned),
        message,
    };

    // Which cell holds which column.
    let mut at: HashMap<&'static str, usize> = HashMap::new();
    // Columns an unknown name was taken for, so a typo is said once, not twice.
    let mut suggested: HashSet<&'static str> = HashSet::new();
    let mut names: HashMap<&'static str, String> = HashMap::new();
    for (i, raw) in table.header.iter().enumerate() {
        let name = normalise(raw);
        if name.is_empty() {
            let holds_data = table
                .rows
                .iter()
                .any(|r| r.cells.get(i).is_some_and(|c| !c.trim().is_empty()));
            if holds_data {
                problems.push(problem(
                    header_line,
                    None,
                    format!(
                        "column {} has data but no name in the header row; name it (one of: {})",
                        i + 1,
                        COLUMNS.join(", ")
                    ),
                ));
            }
            continue;
        }
        match COLUMNS.iter().find(|&&known| known == name) {
            Some(&known) => {
                if at.insert(known, i).is_some() {
                    problems.push(problem(
                        header_line,
                        Some(raw.trim()),
                        format!("the column `{known}` appears twice; keep one"),
                    ));
                }
                names.insert(known, raw.trim().to_owned());
            }
            None => {
                let hint = match nearest_column(&name) {
                    Some(near) => {
                        suggested.insert(near);
                        format!("did you mean `{near}`?")
                    }
                    None => format!("the columns Stances knows are {}", COLUMNS.join(", ")),
                };
                problems.push(problem(
                    header_line,
                    Some(raw.trim()),
                    format!(
                        "unknown column `{}`: {hint} (an unknown column is refused so that no data is dropped)",
                        raw.trim()
                    ),
                ));
            }
        }
    }
    for required in &COLUMNS[..REQUIRED] {
        if !at.contains_key(required) && !suggested.contains(required) {
            problems.push(problem(
                header_line,
                None,
                format!("the header row has no `{required}` column; the table needs `side`, `issue` and `text`, one row per demand"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if table.rows.is_empty() {
        return Err(vec![problem(
            header_line,
            None,
            "the table has a header row but no demands under it".to_owned(),
        )]);
    }

    let mut sides: Vec<Side> = Vec::new();
    let mut side_of: HashMap<String, usize> = HashMap::new();
    let mut side_ids = HashSet::new();
    let mut issues: Vec<Issue> = Vec::new();
    let mut issue_of: HashMap<String, usize> = HashMap::new();
    let mut issue_ids = HashSet::new();
    let mut sources: Vec<Source> = Vec::new();
    let mut source_of: HashMap<String, usize> = HashMap::new();
    let mut source_ids = HashSet::new();
    // Demand ids: those the table gives are checked for repeats; derived ones
    // avoid every given one, so they are reserved first.
    let mut given_ids: HashMap<String, u64> = HashMap::new();
    if let Some(&col) = at.get("id") {
        for row in &table.rows {
            let id = row.cells.get(col).map_or("", |c| c.trim());
            if id.is_empty() {
                continue;
            }
            if let Some(first) = given_ids.get(id) {
                problems.push(problem(
                    row.line,
                    Some(&names["id"]),
                    format!("the id `{id}` is already the id of the demand on line {first}; ids must be unique"),
                ));
            } else {
                given_ids.insert(id.to_owned(), row.line);
            }
        }
    }
    let mut demand_ids: HashSet<String> = given_ids.keys().cloned().collect();

    for row in &table.rows {
        let cell = |column: &str| -> &str { at.get(column).and_then(|&i| row.cells.get(i)).map_or("", |c| c.trim()) };
        let optional = |column: &str| Some(cell(column).to_owned()).filter(|c| !c.is_empty());
        let mut here = |column: &'static str, message: String| {
            problems.push(problem(
                row.line,
                Some(names.get(column).map_or(column, String::as_str)),
                message,
            ));
        };
        let (side_name, issue_name, text) = (cell("side"), cell("issue"), cell("text"));
        if side_name.is_empty() {
            here(
                "side",
                "no side named: every demand needs the side that stated it".to_owned(),
            );
        }
        if issue_name.is_empty() {
            here(
                "issue",
                "no issue named: every demand needs the issue it is about".to_owned(),
            );
        }
        if text.is_empty() {
            here(
                "text",
                "the demand's text is empty: write what the side demands".to_owned(),
            );
        }
        let priority = match optional("priority") {
            None => None,
            Some(p) => {
                let found = Priority::from_name(&p);
                if found.is_none() {
                    here(
                        "priority",
                        format!("`{p}` is not a priority; write Core, High, Medium or Low (or leave it empty)"),
                    );
                }
                found
            }
        };
        let mut number = |column: &'static str| match optional(column) {
            None => None,
            Some(n) => {
                let parsed = parse_number(&n);
                if parsed.is_none() {
                    here(
                        column,
                        format!("`{n}` is not a number; write digits such as 30, 2.5 or 12000"),
                    );
                }
                parsed
            }
        };
        let (min, max) = (number("value_min"), number("value_max"));
        let unit = optional("unit");
        let mut here = |column: &'static str, message: String| {
            problems.push(problem(
                row.line,
                Some(names.get(column).map_or(column, String::as_str)),
                message,
            ));
        };
        if let (Some(a), Some(b)) = (min, max)
            && a > b
        {
            here(
                "value_min",
                format!("value_min ({a}) is above value_max ({b}); swap them"),
            );
        }
        let has_number = optional("value_min").is_some() || optional("value_max").is_some();
        let value = match (&unit, has_number) {
            (Some(unit), true) => (min.is_some() || max.is_some()).then(|| Value {
                min,
                max,
                unit: unit.clone(),
            }),
            (None, true) => {
                here(
                    "unit",
                    "a value needs a unit (days, km, troops, EUR bn, %…); write it in the unit column".to_owned(),
                );
                None
            }
            (Some(unit), false) => {
                here(
                    "unit",
                    format!(
                        "the unit `{unit}` has no value; write value_min, value_max or both, or leave the unit empty"
                    ),
                );
                None
            }
            (None, false) => None,
        };
        if side_name.is_empty() || issue_name.is_empty() || text.is_empty() {
            continue;
        }

        let side = *side_of.entry(name_key(side_name)).or_insert_with(|| {
            sides.push(Side {
                id: unique(slug(side_name, "side", 32), &mut side_ids),
                name: side_name.to_owned(),
                represented_by: None,
                demands: Vec::new(),
            });
            sides.len() - 1
        });
        let issue = *issue_of.entry(name_key(issue_name)).or_insert_with(|| {
            issues.push(Issue {
                id: unique(slug(issue_name, "issue", 32), &mut issue_ids),
                name: issue_name.to_owned(),
                description: None,
            });
            issues.len() - 1
        });
        let source = optional("source").map(|title| {
            let i = *source_of.entry(title.clone()).or_insert_with(|| {
                sources.push(Source {
                    id: unique(slug(&title, "source", 40), &mut source_ids),
                    title: title.clone(),
                    url: None,
                    date: None,
                    note: None,
                });
                sources.len() - 1
            });
            sources[i].id.clone()
        });
        let id = match optional("id") {
            Some(id) => id,
            // Derived from the side and issue: the same table gives the same ids.
            None => unique(format!("{}-{}", sides[side].id, issues[issue].id), &mut demand_ids),
        };
        let tags = optional("tags")
            .map(|t| {
                t.split(';')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        sides[side].demands.push(Demand {
            id,
            issue: issues[issue].id.clone(),
            text: text.to_owned(),
            priority,
            quote: optional("quote"),
            source,
            value,
            tags,
            note: optional("note"),
        });
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(problems);
    }
    Ok(PositionFile {
        format: POSITION_FORMAT,
        negotiation: None,
        round: None,
        date: None,
        sources,
        issues,
        sides,
    })
}
