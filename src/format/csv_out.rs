//! Every CSV Stances writes goes through here, so that none can run in a
//! spreadsheet: a cell whose text starts with `=`, `+`, `-`, `@` (or their
//! full-width forms `＝＋－＠`), also after leading spaces or no-break spaces,
//! or with a tab or a carriage return, is what Excel, LibreOffice and Google
//! Sheets may take for a formula, so it is written with a leading `'` (OWASP's
//! rule for CSV injection). A cell the user began with `'` gets one more, so
//! that reading it back ([`unguarded`]) removes exactly what the writer added.
//! Plain numbers (`-0.25`) are numbers, not formulas, and stay as they are so
//! that R and pandas read them as numbers. `raw` writes every cell as it is, for
//! scripts; `bom` starts the file with a UTF-8 byte order mark, which Excel on
//! Windows needs to read UTF-8.

use std::borrow::Cow;

/// How a CSV is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CsvStyle {
    /// Cells as they are, even those a spreadsheet would run as a formula.
    pub raw: bool,
    /// A UTF-8 byte order mark first, for Excel on Windows.
    pub bom: bool,
}

/// Whether a cell is written with a leading `'`: a spreadsheet could run it as a
/// formula, or it starts with a `'` of the user's own (which the reader would
/// otherwise take for the writer's).
pub fn needs_guard(cell: &str) -> bool {
    if cell.starts_with(['\'', '\t', '\r']) {
        return true;
    }
    let text = cell.trim_start_matches([' ', '\u{a0}', '\u{3000}']);
    text.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']) && !is_plain_number(cell)
}

/// A cell that a spreadsheet would not run (see [`needs_guard`]).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_guard(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as written by [`neutralise`], read back: the `'` it added removed,
/// and nothing else.
pub fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// `-4`, `+2.5`, `-0.1234`: a number, which a spreadsheet reads as one.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit())
}

/// A cell as the csv crate takes it (bytes).
struct CsvCell<'a>(Cow<'a, str>);

impl AsRef<[u8]> for CsvCell<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// A CSV being written in memory, with the csv crate (quoted as needed).
pub struct CsvOut {
    writer: csv::Writer<Vec<u8>>,
    raw: bool,
}

impl CsvOut {
    pub fn new(style: CsvStyle) -> Self {
        let start = if style.bom {
            "\u{feff}".as_bytes().to_vec()
        } else {
            Vec::new()
        };
        Self {
            writer: csv::Writer::from_writer(start),
            raw: style.raw,
        }
    }

    /// Writes one row.
    pub fn record<I, T>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        if self.raw {
            self.writer
                .write_record(cells.into_iter().map(|c| c.as_ref().to_owned()))
        } else {
            self.writer
                .write_record(cells.into_iter().map(|c| neutralise(c.as_ref()).into_owned()))
        }
    }

    /// Writes one row of borrowed cells without copying those that need no `'`.
    pub fn record_of(&mut self, cells: &[&str]) -> Result<(), csv::Error> {
        if self.raw {
            self.writer.write_record(cells)
        } else {
            self.writer.write_record(cells.iter().map(|c| CsvCell(neutralise(c))))
        }
    }

    /// The text written.
    pub fn finish(self) -> Result<String, csv::Error> {
        let bytes = self.writer.into_inner().map_err(|e| e.into_error())?;
        // Every field written is a `&str`, so the bytes are UTF-8.
        Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_a_quote_and_numbers_do_not() {
        for cell in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "=HYPERLINK(\"x\")"] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["-4", "-0.1234", "+2.5", "plain", "", "a=b"] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
        // A `'` of the user's own gets one more, which reading back removes.
        assert_eq!(neutralise("'=1"), "''=1");
        assert_eq!(unguarded("''=1"), "'=1");
        assert_eq!(neutralise("-"), "'-");
    }

    #[test]
    fn raw_writes_as_is_and_bom_starts_the_file() {
        let mut out = CsvOut::new(CsvStyle { raw: true, bom: true });
        out.record(["=1"]).expect("written");
        assert_eq!(out.finish().expect("text"), "\u{feff}=1\n");
        let mut out = CsvOut::new(CsvStyle::default());
        out.record_of(&["=1", "-4"]).expect("written");
        assert_eq!(out.finish().expect("text"), "'=1,-4\n");
    }
}
