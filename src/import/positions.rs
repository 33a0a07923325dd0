//! A table's rows made into a position file: one row per demand, columns named by
//! the header in any order and case. Every problem is found and said at once, as
//! `file:line:column: message`; a table with any problem gives no file.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::cells::{DerivedIds, Names, name_key, slug, trim, unescape_formula, unique};
use super::numbers::{Convention, DecimalMark};
use super::row::RowCells;

use crate::model::position::POSITION_FORMAT;
use crate::model::{Demand, Issue, PositionFile, Side, Source};

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
// The places of the columns in `COLUMNS`.
pub(super) const SIDE: usize = 0;
pub(super) const ISSUE: usize = 1;
pub(super) const TEXT: usize = 2;
const ID: usize = 3;
pub(super) const PRIORITY: usize = 4;
const QUOTE: usize = 5;
const SOURCE: usize = 6;
pub(super) const VALUE_MIN: usize = 7;
pub(super) const VALUE_MAX: usize = 8;
pub(super) const UNIT: usize = 9;
pub(super) const TAGS: usize = 10;
const NOTE: usize = 11;

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
pub fn normalise(name: &str) -> String {
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

/// A position file made row by row as a table is read, so that a large table
/// is never held twice (once as cells, once as demands).
#[derive(Default)]
pub struct PositionsBuilder {
    /// Columns to leave out, as [`normalise`] writes their names.
    ignored: Vec<String>,
    /// How numbers written as text are read, and why, for messages.
    convention: Option<(Convention, String)>,
    /// Whether a header row was read (an empty file has none).
    has_header: bool,
    /// The header row's cells as written.
    header_names: Vec<String>,
    /// How many cells the header row has: a row with text past them is refused.
    header_len: usize,
    /// Problems of the header row: when there is one, the rows are not looked at.
    problems: Vec<TableProblem>,
    row_problems: Vec<TableProblem>,
    header_line: u64,
    /// Where each column of `COLUMNS` is, by its place there.
    col: [Option<usize>; COLUMNS.len()],
    /// Each column's name as the header writes it, for messages.
    shown: [String; COLUMNS.len()],
    /// Columns with no name in the header, and the first line with data in one.
    unnamed: Vec<(usize, Option<u64>)>,
    /// Whether the header has a problem (then rows are only looked at for data
    /// in unnamed columns).
    header_failed: bool,
    rows: usize,
    sides: Names,
    issues: Names,
    sources: Names,
    side_list: Vec<Side>,
    issue_list: Vec<Issue>,
    source_list: Vec<Source>,
    /// Every demand as `(side, place, line)`, in row order; whether its id was given.
    /// A row left out for a problem has `SKIPPED` as its side and its id in `skipped_ids`.
    demands: Vec<(usize, usize, u64, bool)>,
    skipped_ids: Vec<String>,
}

/// The side of a row left out for a problem, whose given id is still checked.
const SKIPPED: usize = usize::MAX;

pub(super) fn problem(line: u64, column: Option<&str>, message: String) -> TableProblem {
    TableProblem {
        line,
        column: column.map(str::to_owned),
        message,
    }
}

impl PositionsBuilder {
    /// A builder that leaves out the columns named `ignored` (in any case and spacing).
    pub fn ignoring(ignored: &[String]) -> Self {
        Self {
            ignored: ignored.iter().map(|n| normalise(n)).filter(|n| !n.is_empty()).collect(),
            ..Self::default()
        }
    }

    /// The columns to leave out that the header did not name, as given.
    pub fn ignored_but_absent<'n>(&self, given: &'n [String]) -> Vec<&'n str> {
        given
            .iter()
            .filter(|g| !self.header_names.iter().any(|h| normalise(h) == normalise(g)))
            .map(String::as_str)
            .collect()
    }

    /// The header row's cells as written.
    pub fn header_names(&self) -> &[String] {
        &self.header_names
    }

    /// Reads the header row: which cell holds which column.
    pub fn new(header_line: u64, header: &[String]) -> Self {
        Self::default().with_header(header_line, header)
    }

    fn with_header(self, header_line: u64, header: &[String]) -> Self {
        let mut builder = Self {
            has_header: true,
            header_line: header_line.max(1),
            header_len: header.len(),
            header_names: header.to_vec(),
            shown: COLUMNS.map(str::to_owned),
            ignored: self.ignored,
            convention: self.convention,
            ..Self::default()
        };
        // Columns an unknown name was taken for, so a typo is said once, not twice.
        let mut suggested: HashSet<&'static str> = HashSet::new();
        for (i, raw) in header.iter().enumerate() {
            let name = normalise(raw);
            if name.is_empty() {
                builder.unnamed.push((i, None));
                continue;
            }
            if builder.ignored.contains(&name) {
                continue;
            }
            match COLUMNS.iter().position(|&known| known == name) {
                Some(c) => {
                    if builder.col[c].is_some() {
                        builder.problems.push(problem(
                            builder.header_line,
                            Some(raw.trim()),
                            format!("the column `{}` appears twice; keep one", COLUMNS[c]),
                        ));
                    }
                    builder.col[c] = Some(i);
                    builder.shown[c] = raw.trim().to_owned();
                }
                None => {
                    let hint = match nearest_column(&name) {
                        Some(near) => {
                            suggested.insert(near);
                            format!("did you mean `{near}`?")
                        }
                        None => format!("the columns Stances knows are {}", COLUMNS.join(", ")),
                    };
                    builder.problems.push(problem(
                        builder.header_line,
                        Some(raw.trim()),
                        format!(
                            "unknown column `{}`: {hint} (an unknown column is refused so that no data is dropped; --ignore-column \"{}\" imports without it)",
                            raw.trim(),
                            raw.trim()
                        ),
                    ));
                }
            }
        }
        for (c, required) in COLUMNS[..REQUIRED].iter().enumerate() {
            if builder.col[c].is_none() && !suggested.contains(required) {
                builder.problems.push(problem(
                    builder.header_line,
                    None,
                    format!("the header row has no `{required}` column; the table needs `side`, `issue` and `text`, one row per demand"),
                ));
            }
        }
        builder.header_failed = !builder.problems.is_empty();
        builder
    }

    /// Takes one row under the header, `line` being where it starts in the file;
    /// `numbers[i]` says that a workbook holds cell `i` as a number.
    pub fn row(&mut self, line: u64, cells: &csv::StringRecord, numbers: &[bool]) {
        self.rows += 1;
        self.stray_cells(line, cells, !numbers.is_empty());
        if self.header_failed {
            return;
        }
        let (convention, why) = self
            .convention
            .as_ref()
            .map_or((Convention::Known(DecimalMark::Point), ""), |(c, why)| {
                (*c, why.as_str())
            });
        let mut row = RowCells {
            line,
            cells: std::array::from_fn(|c| {
                self.col[c]
                    .and_then(|i| cells.get(i))
                    .map_or("", |cell| unescape_formula(trim(cell)))
            }),
            typed: std::array::from_fn(|c| self.col[c].is_some_and(|i| numbers.get(i).copied().unwrap_or(false))),
            shown: &self.shown,
            problems: &mut self.row_problems,
        };
        // Every field is looked at, so that a row's problems are said at once.
        let required = row.required();
        let priority = row.priority();
        let value = row.value(convention, why);
        let Some((side_name, issue_name, text)) = required else {
            // Its id is still checked against the others: a repeat is said now, not
            // after the row is fixed.
            if let Some(id) = row.optional(ID) {
                self.demands.push((SKIPPED, self.skipped_ids.len(), line, true));
                self.skipped_ids.push(id.to_owned());
            }
            return;
        };
        let (quote, source, note, given, tags) = (
            row.optional(QUOTE),
            row.optional(SOURCE),
            row.optional(NOTE),
            row.optional(ID),
            row.tags(),
        );
        let (side, issue, source) = self.place_names(side_name, issue_name, source);
        let demands = &mut self.side_list[side].demands;
        self.demands.push((side, demands.len(), line, given.is_some()));
        demands.push(Demand {
            // Where the table gives none, made from the side and issue when all rows are in.
            id: given.map(str::to_owned).unwrap_or_default(),
            issue: self.issue_list[issue].id.clone(),
            text: text.to_owned(),
            priority,
            quote: quote.map(str::to_owned),
            source,
            value,
            tags,
            note: note.map(str::to_owned),
        });
    }

    /// Data outside the named columns: in a column the header leaves unnamed
    /// (its first line remembered), or past the header's last cell (said now).
    fn stray_cells(&mut self, line: u64, cells: &csv::StringRecord, workbook: bool) {
        for (i, first) in &mut self.unnamed {
            if first.is_none() && cells.get(*i).is_some_and(|c| !c.trim().is_empty()) {
                *first = Some(line);
            }
        }
        if let Some((i, extra)) = cells
            .iter()
            .enumerate()
            .skip(self.header_len)
            .find(|(_, c)| !c.trim().is_empty())
        {
            // A workbook's cells are named by their column; a CSV's by their place.
            let message = if !workbook {
                format!(
                    "this row has text in cell {} (`{}`), past the {} columns the header names; name that column in the header row, or, if a cell holds the separator, put the cell in double quotes",
                    i + 1,
                    short(extra),
                    self.header_len
                )
            } else {
                format!(
                    "this row has text in column {} (`{}`), past the {} columns the header names; name that column in the header row, or delete the stray cell",
                    column_letters(i),
                    short(extra),
                    self.header_len
                )
            };
            self.row_problems.push(problem(line, None, message));
        }
    }

    /// The places of a row's side, issue and source in their lists, each added
    /// where new (two spellings of one name are one: `name_key`); the source as its id.
    fn place_names(
        &mut self,
        side_name: &str,
        issue_name: &str,
        source: Option<&str>,
    ) -> (usize, usize, Option<String>) {
        let side_list = &mut self.side_list;
        let side = self.sides.place(side_name, name_key, |id| {
            side_list.push(Side {
                id: unique(slug(side_name, "side", 32), id),
                name: side_name.to_owned(),
                represented_by: None,
                demands: Vec::new(),
            });
        });
        let issue_list = &mut self.issue_list;
        let issue = self.issues.place(issue_name, name_key, |id| {
            issue_list.push(Issue {
                id: unique(slug(issue_name, "issue", 32), id),
                name: issue_name.to_owned(),
                description: None,
            });
        });
        let source_list = &mut self.source_list;
        let sources = &mut self.sources;
        let source = source.map(|title| {
            let i = sources.place(title, str::to_owned, |id| {
                source_list.push(Source {
                    id: unique(slug(title, "source", 40), id),
                    title: title.to_owned(),
                    url: None,
                    date: None,
                    note: None,
                });
            });
            source_list[i].id.clone()
        });
        (side, issue, source)
    }

    /// The position file; `Err` with every problem found when there is one.
    pub fn finish(mut self) -> Result<PositionFile, Vec<TableProblem>> {
        if !self.has_header {
            self = Self::new(1, &[]);
        }
        for &(i, first) in &self.unnamed {
            if first.is_some() {
                self.problems.push(problem(
                    self.header_line,
                    None,
                    format!(
                        "column {} has data but no name in the header row; name it (one of: {})",
                        i + 1,
                        COLUMNS.join(", ")
                    ),
                ));
            }
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        if self.rows == 0 {
            return Err(vec![problem(
                self.header_line,
                None,
                "the table has a header row but no demands under it".to_owned(),
            )]);
        }
        // Ids the table gives must be unique; those made for the other demands
        // avoid every given one, so they are made once all are known.
        let mut problems = self.row_problems;
        let mut derived: Vec<(usize, usize, String)> = Vec::new();
        {
            let mut given: FxHashMap<&str, u64> = FxHashMap::default();
            given.reserve(self.demands.len());
            for &(side, place, line, is_given) in &self.demands {
                if !is_given {
                    continue;
                }
                let id = if side == SKIPPED {
                    self.skipped_ids[place].as_str()
                } else {
                    self.side_list[side].demands[place].id.as_str()
                };
                if let Some(first) = given.get(id) {
                    problems.push(problem(
                        line,
                        Some(&self.shown[ID]),
                        format!("the id `{id}` is already the id of the demand on line {first}; ids must be unique"),
                    ));
                } else {
                    given.insert(id, line);
                }
            }
            let mut ids = DerivedIds::default();
            for &(side, place, _, is_given) in &self.demands {
                if !is_given {
                    let demand = &self.side_list[side].demands[place];
                    let id = ids.next(&self.side_list[side].id, &demand.issue, &given);
                    derived.push((side, place, id));
                }
            }
        }
        for (side, place, id) in derived {
            self.side_list[side].demands[place].id = id;
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
            sources: self.source_list,
            issues: self.issue_list,
            sides: self.side_list,
        })
    }
}

/// A cell as a message quotes it: its first 40 characters.
fn short(cell: &str) -> String {
    let cell = cell.trim();
    match cell.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &cell[..at]),
        None => cell.to_owned(),
    }
}

impl super::table::Rows for PositionsBuilder {
    fn convention(&mut self, convention: Convention, why: String) {
        self.convention = Some((convention, why));
    }

    fn header(&mut self, line: u64, names: &[String]) {
        *self = std::mem::take(self).with_header(line, names);
    }

    fn row(&mut self, line: u64, cells: &csv::StringRecord, numbers: &[bool]) {
        Self::row(self, line, cells, numbers);
    }
}
/// A spreadsheet's name for column `index` (from 0): A, Z, AA, XFD.
fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}
