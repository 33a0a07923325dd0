//! Position files from spreadsheets (PA-X style tables, a class's shared sheet):
//! one row per demand, read from CSV, xlsx, xls or ods, checked cell by cell, and
//! written as a position file that `stances check` accepts.

pub(crate) mod cells;
pub mod numbers;
pub mod positions;
mod row;
pub mod table;

use crate::model::PositionFile;

pub use numbers::DecimalMark;
pub use positions::{COLUMNS, PositionsBuilder, TableProblem};
pub use table::{Rows, read_table};

/// How a table is read: which sheet, which decimal mark for numbers written as
/// text (by default the CSV file's convention), which columns to leave out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub sheet: Option<String>,
    pub decimal: Option<DecimalMark>,
    pub ignore_columns: Vec<String>,
}

/// A spreadsheet made into positions, with what is worth saying about the reading.
#[derive(Clone, Debug)]
pub struct Imported {
    pub positions: PositionFile,
    pub notes: Vec<String>,
}

/// Reads the spreadsheet `bytes` (named `shown` in messages) as positions. Errors
/// are whole messages, one per line, each `file:line:column: message`.
pub fn import_table(shown: &str, bytes: &[u8], options: &ImportOptions) -> Result<Imported, String> {
    let mut builder = PositionsBuilder::ignoring(&options.ignore_columns);
    let mut notes = read_table(shown, bytes, options.sheet.as_deref(), options.decimal, &mut builder)
        .map_err(|e| format!("{shown}:{e}"))?;
    for absent in builder.ignored_but_absent(&options.ignore_columns) {
        notes.push(format!(
            "{shown}: there is no column `{absent}` to leave out; its columns are {}",
            builder.header_names().join(", ")
        ));
    }
    match builder.finish() {
        Ok(positions) => Ok(Imported { positions, notes }),
        Err(problems) => {
            let mut lines: Vec<String> = problems.iter().map(|p| p.located(shown)).collect();
            lines.push(format!(
                "{shown}: {} found; nothing was written",
                crate::format::diagnostics::count(problems.len(), "problem", "problems")
            ));
            Err(lines.join("\n"))
        }
    }
}

/// A table's header row as written (empty when it has none or cannot be read),
/// and how its text numbers are read when no decimal mark is chosen: for the
/// import dialog, which lists the columns to import.
pub fn read_header(shown: &str, bytes: &[u8], sheet: Option<&str>) -> (Vec<String>, String) {
    #[derive(Default)]
    struct Header {
        names: Vec<String>,
        convention: String,
    }
    impl Rows for Header {
        fn convention(&mut self, convention: numbers::Convention, why: String) {
            self.convention = match convention {
                numbers::Convention::Known(mark) => format!("{}: {why}", mark.described()),
                numbers::Convention::Unknown => why,
            };
        }
        fn header(&mut self, _line: u64, names: &[String]) {
            self.names = names.to_vec();
        }
        fn row(&mut self, _line: u64, _cells: &csv::StringRecord, _numbers: &[bool]) {}
    }
    let mut header = Header::default();
    let _ = read_table(shown, bytes, sheet, None, &mut header);
    (header.names, header.convention)
}

/// The position file as RON, with a comment saying where it came from. Checked by
/// reading it back, so a written file always opens.
pub fn to_position_ron(positions: &PositionFile, origin: &str) -> Result<String, String> {
    let origin = origin.replace(['\n', '\r'], " ");
    let heading = format!(
        "// Positions imported by Stances {} from {origin}: one demand per row of the table.\n\
         // Add `negotiation`, `round` and `date` below `format` to name the talks.",
        env!("CARGO_PKG_VERSION")
    );
    crate::format::position_file::to_ron(positions, &origin, &heading)
        .map_err(|e| format!("the imported positions do not read back as a position file (please report this): {e}"))
}
