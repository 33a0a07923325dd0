//! One row of a table read as a demand's fields: each cell by its column, each
//! problem said against the row's line and the column as the header writes it.

use super::numbers::{self, Convention};
use super::positions::{COLUMNS, ISSUE, PRIORITY, SIDE, TAGS, TEXT, TableProblem, UNIT, VALUE_MAX, VALUE_MIN, problem};
use crate::model::{Priority, Value};

/// A row's cells by column, and where its problems go.
pub(super) struct RowCells<'c, 'b> {
    pub line: u64,
    /// Each column's cell, trimmed ("" where the table has no such column).
    pub cells: [&'c str; COLUMNS.len()],
    /// Whether a workbook holds the column's cell as a number.
    pub typed: [bool; COLUMNS.len()],
    /// Each column's name as the header writes it.
    pub shown: &'b [String; COLUMNS.len()],
    pub problems: &'b mut Vec<TableProblem>,
}

impl<'c> RowCells<'c, '_> {
    pub fn optional(&self, column: usize) -> Option<&'c str> {
        Some(self.cells[column]).filter(|t| !t.is_empty())
    }

    fn here(&mut self, column: usize, message: String) {
        self.problems
            .push(problem(self.line, Some(&self.shown[column]), message));
    }

    /// The side, issue and text, each said when empty; `None` unless all three are there.
    pub fn required(&mut self) -> Option<(&'c str, &'c str, &'c str)> {
        let (side, issue, text) = (self.cells[SIDE], self.cells[ISSUE], self.cells[TEXT]);
        if side.is_empty() {
            self.here(
                SIDE,
                "no side named: every demand needs the side that stated it".to_owned(),
            );
        }
        if issue.is_empty() {
            self.here(
                ISSUE,
                "no issue named: every demand needs the issue it is about".to_owned(),
            );
        }
        if text.is_empty() {
            self.here(
                TEXT,
                "the demand's text is empty: write what the side demands".to_owned(),
            );
        }
        (!side.is_empty() && !issue.is_empty() && !text.is_empty()).then_some((side, issue, text))
    }

    pub fn priority(&mut self) -> Option<Priority> {
        let written = self.optional(PRIORITY)?;
        let found = Priority::from_name(written);
        if found.is_none() {
            self.here(
                PRIORITY,
                format!("`{written}` is not a priority; write Core, High, Medium or Low (or leave it empty)"),
            );
        }
        found
    }

    /// Tags, separated by `;`.
    pub fn tags(&self) -> Vec<String> {
        self.optional(TAGS)
            .map(|t| {
                t.split(';')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The value: its numbers read by the file's convention (`why` says how it
    /// was told, for messages), and its unit from the unit column or written
    /// beside the numbers, when they agree.
    pub fn value(&mut self, convention: Convention, why: &str) -> Option<Value> {
        let unit_cell = self.optional(UNIT);
        let mut refused = false;
        let mut readings = [(None, None); 2];
        for (reading, column) in readings.iter_mut().zip([VALUE_MIN, VALUE_MAX]) {
            match self.number(column, convention, why, unit_cell.is_none()) {
                Ok(read) => *reading = read,
                // A cell refused says so once: its missing unit is not said again.
                Err(()) => refused = true,
            }
        }
        let [(min, min_unit), (max, max_unit)] = readings;
        let same_unit = |a: &str, b: &str| super::cells::name_key(a) == super::cells::name_key(b);
        let mut unit = unit_cell;
        for (column, written) in [(VALUE_MIN, min_unit), (VALUE_MAX, max_unit)] {
            let Some(written) = written else { continue };
            match unit {
                None => unit = Some(written),
                Some(u) if same_unit(u, written) => {}
                Some(u) => {
                    let other = if unit_cell.is_some() {
                        "the unit column says"
                    } else {
                        "the other value says"
                    };
                    let message = format!(
                        "`{}` says the unit is `{written}`, but {other} `{u}`; write the number alone and the unit once in the unit column",
                        self.cells[column]
                    );
                    self.here(column, message);
                }
            }
        }
        if let (Some(a), Some(b)) = (min, max)
            && a > b
        {
            self.here(
                VALUE_MIN,
                format!("value_min ({a}) is above value_max ({b}); swap them"),
            );
        }
        let has_number = self.optional(VALUE_MIN).is_some() || self.optional(VALUE_MAX).is_some();
        match (unit, has_number) {
            (Some(unit), true) => (min.is_some() || max.is_some()).then(|| Value {
                min,
                max,
                unit: unit.to_owned(),
            }),
            (None, true) if refused => None,
            (None, true) => {
                self.here(
                    UNIT,
                    "a value needs a unit (days, km, troops, EUR bn, %…); write it in the unit column".to_owned(),
                );
                None
            }
            (Some(unit), false) => {
                self.here(
                    UNIT,
                    format!(
                        "the unit `{unit}` has no value; write value_min, value_max or both, or leave the unit empty"
                    ),
                );
                None
            }
            (None, false) => None,
        }
    }

    /// A number cell with the unit written in it, if any; `Err` when it was
    /// refused (and said). Where the unit column is empty, `30k` and `2.5M` are
    /// numbers with their multiplier.
    fn number(
        &mut self,
        column: usize,
        convention: Convention,
        why: &str,
        multipliers: bool,
    ) -> Result<(Option<f64>, Option<&'c str>), ()> {
        let Some(written) = self.optional(column) else {
            return Ok((None, None));
        };
        if self.typed[column] {
            // The workbook holds it as a number: taken as it is.
            return Ok((written.parse::<f64>().ok().filter(|x| x.is_finite()), None));
        }
        match numbers::read_number_with(written, convention, multipliers) {
            Ok(reading) => Ok((Some(reading.value), reading.unit)),
            Err(e) => {
                self.here(column, numbers::explain(&e, written, why));
                Err(())
            }
        }
    }
}
