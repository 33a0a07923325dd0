//! A spreadsheet read as rows of text cells, each row with the line (or sheet
//! row) it starts on: CSV with the `csv` crate, workbooks (xlsx, xls, ods) with
//! `calamine`. Nothing here knows what the columns mean.

use std::io::Cursor;

use calamine::{Data, Reader as _};

use super::numbers::{Convention, DecimalMark};

/// Where a table's rows go as they are read: how its text numbers are written,
/// then the header row, then each row with text in a cell, with the line (or
/// sheet row) it starts on (a quoted cell with line breaks counts its lines).
/// Rows are handed over one at a time, so a large table is never held in memory
/// as cells.
pub trait Rows {
    /// The convention of the table's numbers written as text, and why it is that one.
    fn convention(&mut self, convention: Convention, why: String);
    fn header(&mut self, line: u64, names: &[String]);
    /// `numbers[i]` is true where the workbook holds cell `i` as a number (written
    /// plainly, with `.` as the decimal mark); CSV cells are all text.
    fn row(&mut self, line: u64, cells: &csv::StringRecord, numbers: &[bool]);
}

/// The kind of a table file, by its name and its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    Csv,
    Workbook,
}

impl TableKind {
    pub fn of(name: &str, bytes: &[u8]) -> Self {
        let lower = name.to_ascii_lowercase();
        // xlsx and ods are zip files, xls an OLE compound file.
        let zip = bytes.starts_with(b"PK\x03\x04");
        let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        if zip
            || ole
            || [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
                .iter()
                .any(|e| lower.ends_with(e))
        {
            Self::Workbook
        } else {
            Self::Csv
        }
    }
}

/// Reads `bytes` as a table into `rows`: a workbook's sheet (`sheet`, or the
/// first), or CSV. Numbers written as text are read with `decimal` as their
/// decimal mark, or, where none is given, the CSV file's convention (see
/// [`read_csv`]). Returns what is worth saying about the reading (a guessed
/// encoding, the sheet read, the decimal mark).
pub fn read_table(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    decimal: Option<DecimalMark>,
    rows: &mut impl Rows,
) -> Result<Vec<String>, String> {
    match TableKind::of(name, bytes) {
        TableKind::Workbook => {
            match decimal {
                Some(mark) => rows.convention(Convention::Known(mark), "as chosen".to_owned()),
                None => rows.convention(
                    Convention::Unknown,
                    "the workbook's text cells say no decimal mark".to_owned(),
                ),
            }
            read_workbook(bytes, sheet, rows)
        }
        TableKind::Csv => {
            if let Some(sheet) = sheet {
                return Err(format!(
                    "--sheet {sheet}: a CSV file has no sheets; --sheet is for .xlsx, .xls and .ods files"
                ));
            }
            read_csv(bytes, decimal, rows)
        }
    }
}

/// CSV as text: UTF-8 (a byte-order mark dropped), or, where the bytes are not
/// UTF-8, Windows-1252, which spreadsheets on Windows write for "CSV".
fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.into(), None),
        Err(_) => (
            crate::format::text::decode_windows_1252(bytes).into(),
            Some("The file is not UTF-8; it was read as Windows-1252 (\"CSV\" from Excel on Windows). If letters look wrong, save it as \"CSV UTF-8\" and import it again.".to_owned()),
        ),
    }
}

/// The separator of a CSV file, from its first line: `,` unless the line holds
/// semicolons or tabs and no comma (spreadsheets in many languages write `;`).
fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs >= semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// The line of the file each byte offset is on, for offsets asked in order: a
/// line ends at LF, CRLF or a lone CR, as editors and spreadsheets count them.
struct LineCounter<'t> {
    text: &'t [u8],
    at: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t [u8]) -> Self {
        Self { text, at: 0, line: 1 }
    }

    fn line_at(&mut self, offset: usize) -> u64 {
        // The csv crate starts a record after a CRLF at its LF: a record never
        // starts with a line break (empty lines are skipped), so step over them.
        let mut offset = offset.min(self.text.len());
        while matches!(self.text.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset > self.at {
            let span = &self.text[self.at..offset];
            // Counted with memchr: a table of 20,000 rows has millions of bytes and few breaks.
            let lf = memchr::memchr_iter(b'\n', span).count();
            // CRLF counts once, at its LF; a CR alone counts by itself.
            let lone_cr = memchr::memchr_iter(b'\r', span)
                .filter(|&i| self.text.get(self.at + i + 1) != Some(&b'\n'))
                .count();
            self.line += (lf + lone_cr) as u64;
            self.at = offset;
        }
        self.line
    }
}

/// Reads CSV (any line endings, `,` `;` or tab separated, quoted cells may hold
/// line breaks). Rows with no text in any cell are skipped, before the header too.
/// Numbers written as text are read with `decimal` as their decimal mark, or
/// where none is given by the separator: a `;`-separated file (what Excel writes
/// where the comma is the decimal mark) has `,` as its decimal mark; a `,`- or
/// tab-separated one has `.`.
pub fn read_csv(bytes: &[u8], decimal: Option<DecimalMark>, rows: &mut impl Rows) -> Result<Vec<String>, String> {
    let (text, note) = decode(bytes);
    let separator = separator(&text);
    let mut notes: Vec<String> = note.into_iter().collect();
    match decimal {
        Some(mark) => rows.convention(Convention::Known(mark), "as chosen".to_owned()),
        None => {
            let (mark, why) = if separator == b';' {
                (
                    DecimalMark::Comma,
                    "the file is `;`-separated, as Excel writes it where the comma is the decimal mark",
                )
            } else if separator == b'\t' {
                (DecimalMark::Point, "the file is tab-separated")
            } else {
                (DecimalMark::Point, "the file is `,`-separated")
            };
            rows.convention(Convention::Known(mark), why.to_owned());
            if mark == DecimalMark::Comma {
                notes.push(
                    "Numbers were read with `,` as the decimal mark and `.` grouping thousands, since the file is `;`-separated (--decimal point reads them the other way).".to_owned(),
                );
            }
        }
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut first = true;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                return Err(format!("{line}: the file is not readable as CSV: {e}"));
            }
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte() as usize));
        if first {
            let names: Vec<String> = record.iter().map(str::to_owned).collect();
            rows.header(line, &names);
            first = false;
        } else {
            rows.row(line, &record, &[]);
        }
    }
    Ok(notes)
}

/// A spreadsheet cell as text: numbers without a needless `.0`.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        // Plain digits with `.` as the decimal mark: the importer reads number cells so.
        Data::Float(x) => {
            if x.fract() == 0.0 && x.abs() < 1e15 {
                format!("{x:.0}")
            } else {
                x.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads a workbook's sheet (`sheet`, or the first): the first non-empty row is
/// the header; rows are numbered as the spreadsheet numbers them.
pub fn read_workbook(bytes: &[u8], sheet: Option<&str>, rows: &mut impl Rows) -> Result<Vec<String>, String> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("the file is not a spreadsheet Stances can read (.xlsx, .xls, .ods): {e}"))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "the workbook has no sheet named \"{wanted}\"; its sheets are {}",
                    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_owned())?,
    };
    let cells = sheet_cells(&mut workbook, &name)?;
    let mut notes = Vec::new();
    if sheet.is_none() && names.len() > 1 {
        notes.push(format!(
            "Read the first sheet, \"{name}\", of {} (the command line's --sheet reads another).",
            names.len()
        ));
    }
    let mut first = true;
    for (row, row_cells) in cells {
        let width = row_cells.iter().map(|(c, _)| *c as usize + 1).max().unwrap_or(0);
        let mut texts = vec![String::new(); width];
        let mut numbers = vec![false; width];
        for (col, data) in &row_cells {
            texts[*col as usize] = cell_text(data);
            numbers[*col as usize] = matches!(data, Data::Float(_) | Data::Int(_));
        }
        if texts.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = u64::from(row) + 1;
        if first {
            rows.header(line, &texts);
            first = false;
        } else {
            rows.row(line, &texts.into(), &numbers);
        }
    }
    Ok(notes)
}

/// The most cells with something in them a sheet may hold to be imported: far
/// more than any position file, far less than a computer's memory.
const MAX_CELLS: usize = 2_000_000;

/// A sheet's cells that hold something, row by row (rows and columns counted
/// from 0), each row's cells left to right. A workbook (.xlsx) is read cell by
/// cell, never as the rectangle its used range spans: one cell at A1 and one at
/// XFD1048576 are two cells, not seventeen billion.
fn sheet_cells(
    workbook: &mut calamine::Sheets<Cursor<&[u8]>>,
    name: &str,
) -> Result<std::collections::BTreeMap<u32, Vec<(u32, Data)>>, String> {
    let mut rows: std::collections::BTreeMap<u32, Vec<(u32, Data)>> = std::collections::BTreeMap::new();
    let mut count = 0usize;
    let mut add = |(row, col): (u32, u32), data: Data| -> Result<(), String> {
        if matches!(data, Data::Empty) {
            return Ok(());
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(format!(
                "sheet \"{name}\" holds more than {MAX_CELLS} cells with something in them, more than a position file's table; copy the demands' rows and columns to a new sheet and import that"
            ));
        }
        rows.entry(row).or_default().push((col, data));
        Ok(())
    };
    let unreadable = |e: &dyn std::fmt::Display| format!("sheet \"{name}\" could not be read: {e}");
    if let calamine::Sheets::Xlsx(xlsx) = workbook {
        let mut reader = xlsx.worksheet_cells_reader(name).map_err(|e| unreadable(&e))?;
        while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
            add(cell.get_position(), Data::from(cell.get_value().clone()))?;
        }
    } else {
        // Older workbooks (.xls, at most 65,536 × 256) and OpenDocument sheets,
        // whose reader refuses a sheet past its own limit of cells.
        let range = workbook.worksheet_range(name).map_err(|e| unreadable(&e))?;
        for (row, col, data) in range.used_cells() {
            let (top, left) = range.start().unwrap_or((0, 0));
            add((top + row as u32, left + col as u32), data.clone())?;
        }
    }
    for cells in rows.values_mut() {
        cells.sort_by_key(|(col, _)| *col);
    }
    Ok(rows)
}
