//! Problems found in a file, located by line and column, in words a non-programmer can act on.

use std::fmt;
use std::path::Path;

use super::locate::{self, LineCol, Step};

/// Files larger than this are refused before reading: a position file of 100,000
/// demands a side is about 60 MB, so this leaves room while keeping the memory a
/// stray multi-gigabyte file could take within bounds (loading takes about three
/// times the file's size).
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// How deep brackets may nest. Real files need five or six levels; the limit keeps
/// a hostile file from exhausting the stack.
pub const RECURSION_LIMIT: usize = 64;

/// One thing wrong with a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<LineCol>,
    pub message: String,
}

impl Problem {
    pub fn at(at: LineCol, message: impl Into<String>) -> Self {
        Self {
            at: Some(at),
            message: message.into(),
        }
    }

    pub fn whole_file(message: impl Into<String>) -> Self {
        Self {
            at: None,
            message: message.into(),
        }
    }
}

/// Everything wrong with one file. `Display` gives one `path:line:col: message` line per problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub problems: Vec<Problem>,
}

impl FileError {
    pub fn new(path: &str, problem: Problem) -> Self {
        Self {
            path: path.to_owned(),
            problems: vec![problem],
        }
    }

    /// The first problem's location, for tests and for jumping to it.
    pub fn first_at(&self) -> Option<LineCol> {
        self.problems.first().and_then(|p| p.at)
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match p.at {
                Some(at) => write!(f, "{}:{}: {}", self.path, at, p.message)?,
                None => write!(f, "{}: {}", self.path, p.message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for FileError {}

/// A problem found by a check that runs after parsing: it knows the path of the
/// offending value and is placed in the text only when reported.
#[derive(Clone, Debug)]
pub struct PathProblem {
    pub path: Vec<Step>,
    /// Point at the field's name rather than its value.
    pub at_key: bool,
    pub message: String,
}

impl PathProblem {
    pub fn value(path: Vec<Step>, message: impl Into<String>) -> Self {
        Self {
            path,
            at_key: false,
            message: message.into(),
        }
    }

    pub fn locate(self, text: &str) -> Problem {
        let at = if self.at_key {
            locate::locate_key(text, &self.path)
        } else {
            locate::locate(text, &self.path)
        };
        Problem::at(at, self.message)
    }
}

/// How a path is shown to users: the file as it was given, or just its name.
pub fn display_path(path: &Path) -> String {
    path.display().to_string()
}

/// Reads a file as text: refuses huge files, binary data and invalid UTF-8 with a
/// located message, drops a UTF-8 byte-order mark.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let shown = display_path(path);
    let fail = |message: String| FileError::new(&shown, Problem::whole_file(message));
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail(
            "this is a folder, not a file; choose a .ron file inside it".into(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "the file is {} MB, larger than the {} MB Stances opens; split it into several position files",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(io_message(&e)))?;
    text_from_bytes(&shown, bytes)
}

/// Turns raw bytes into text, as [`read_text`] does for a file.
pub fn text_from_bytes(shown: &str, bytes: Vec<u8>) -> Result<String, FileError> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            if let Some(nul) = text.find('\0') {
                return Err(FileError::new(
                    shown,
                    Problem::at(
                        locate::line_col(&text, nul),
                        "this is not a text file (it contains a NUL byte); a position file is plain UTF-8 text",
                    ),
                ));
            }
            Ok(text)
        }
        Err(err) => {
            let good = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let at = locate::line_col(&prefix, prefix.len());
            let binary = bytes.iter().take(4096).filter(|&&b| b == 0).count() > 0;
            let message = if binary {
                "this is not a text file (it holds binary data); a position file is plain UTF-8 text".to_owned()
            } else {
                "the text is not valid UTF-8 here; save the file as UTF-8 in your editor".to_owned()
            };
            Err(FileError::new(shown, Problem::at(at, message)))
        }
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied: Stances may not read this file".into(),
        _ => format!("cannot read the file: {e}"),
    }
}

/// The message for a `format` this version cannot read: newer files say which
/// version is needed, impossible ones say which version is expected.
pub fn version_message(kind: &str, found: u64, supported: u32) -> String {
    if found > u64::from(supported) {
        format!(
            "this {kind} is format {found}, written by a newer version of Stances; this version reads format {supported}: update Stances to open it"
        )
    } else {
        format!("`format: {found}` is not a {kind} version; this version of Stances reads `format: {supported}`")
    }
}

/// "1 mark", "3 marks": counts in messages read as sentences.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What a struct is called in messages.
fn struct_word(name: &str) -> &str {
    match name {
        "PositionFile" => "the position file",
        "ComparisonFile" => "the comparison file",
        "EmbeddedPositions" => "an embedded position file",
        "Source" => "a source",
        "Issue" => "an issue",
        "Side" => "a side",
        "Demand" => "a demand",
        "Value" => "a value",
        "Codebook" => "the codebook",
        "Status" => "a status",
        "Mark" => "a mark",
        other => other,
    }
}

/// The closest allowed name to a misspelt one, if any is close.
fn suggestion<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (edit_distance(found, e), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn list(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// Byte offset of a line and column in `text`.
fn offset_of(text: &str, at: LineCol) -> usize {
    let line_start = text
        .match_indices('\n')
        .nth(at.line.saturating_sub(2))
        .map_or(0, |(i, _)| if at.line <= 1 { 0 } else { i + 1 });
    text[line_start..]
        .char_indices()
        .nth(at.col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// Moves a position past spaces and line breaks, so that it points at the token
/// the parser stopped at rather than the blank before it.
fn skip_blanks(text: &str, at: LineCol) -> LineCol {
    let offset = offset_of(text, at);
    let rest = &text[offset..];
    let skipped = rest.len() - rest.trim_start().len();
    if skipped == rest.len() {
        at
    } else {
        locate::line_col(text, offset + skipped)
    }
}

/// Turns a RON parse error into a located problem in plain words.
pub fn ron_problem(text: &str, err: &ron::error::SpannedError) -> Problem {
    use ron::error::Error as E;
    let start = skip_blanks(
        text,
        LineCol {
            line: err.span.start.line,
            col: err.span.start.col,
        },
    );
    let end = offset_of(
        text,
        LineCol {
            line: err.span.end.line,
            col: err.span.end.col,
        },
    );
    let start_offset = offset_of(text, start);
    // An unterminated string swallows the rest of the file: that is a truncated file too.
    let open_string = matches!(err.code, E::ExpectedString | E::ExpectedStringEnd)
        && text[start_offset.min(text.len())..].starts_with('"')
        && !text[(start_offset + 1).min(text.len())..].contains('"');
    let at_end = open_string || text[end.min(text.len())..].trim().is_empty();
    if at_end && !matches!(err.code, E::MissingStructField { .. } | E::TrailingCharacters) {
        let at = locate::line_col(text, text.trim_end().len());
        return Problem::at(
            at,
            "the file ends too early: a bracket, parenthesis or quote is not closed",
        );
    }
    let message = match &err.code {
        E::NoSuchStructField { expected, found, outer } => {
            let within = outer.as_deref().map(struct_word).unwrap_or("this place");
            let hint = suggestion(found, expected).map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
            format!(
                "unknown field `{found}` in {within}{hint}; the fields allowed here are {}",
                list(expected)
            )
        }
        E::MissingStructField { field, outer } => {
            let within = outer.as_deref().map(struct_word).unwrap_or("this place");
            format!("{within} is missing the required field `{field}`; add `{field}: …`")
        }
        E::DuplicateStructField { field, outer } => {
            let within = outer.as_deref().map(struct_word).unwrap_or("this place");
            format!("the field `{field}` is written twice in {within}; keep one")
        }
        E::NoSuchEnumVariant { expected, found, .. } => {
            let hint = suggestion(found, expected).map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
            format!("`{found}` is not allowed here{hint}; use one of {}", list(expected))
        }
        E::InvalidValueForType { expected, found } => format!("expected {expected} here, but found {found}"),
        E::ExpectedString | E::ExpectedStringEnd => "expected a text in double quotes, like \"Ceasefire\"".into(),
        E::ExpectedInteger | E::IntegerOutOfBounds => "expected a whole number here".into(),
        E::ExpectedFloat => "expected a number here".into(),
        E::ExpectedArray => "expected a list in square brackets, like [ … ]".into(),
        E::ExpectedArrayEnd => "expected `,` or `]` to continue or close the list".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            if text.trim_start().starts_with('{') {
                "this looks like JSON; a Stances file is RON: it starts with `(` and writes fields as `name: value`"
                    .into()
            } else {
                "expected a record in parentheses, like (id: \"…\", …)".into()
            }
        }
        E::ExpectedStructLikeEnd => "expected `,` or `)` to continue or close this record".into(),
        E::ExpectedMapColon => "expected `:` between a field name and its value".into(),
        E::ExpectedComma => {
            "expected `,` or a closing bracket here; check that brackets and parentheses are balanced".into()
        }
        E::ExpectedIdentifier => "expected a field name".into(),
        E::ExpectedOption | E::ExpectedOptionEnd => "expected a value here".into(),
        E::Eof => "the file ends too early: a bracket, parenthesis or quote is not closed".into(),
        E::UnclosedBlockComment => "a `/*` comment is never closed with `*/`".into(),
        E::UnexpectedChar(c) => format!("unexpected character `{}` here", c.escape_debug()),
        E::TrailingCharacters => "unexpected text after the end of the document; a file holds one ( … ) record".into(),
        E::ExceededRecursionLimit => format!(
            "brackets are nested more than {RECURSION_LIMIT} levels deep here; a Stances file needs only a few levels"
        ),
        E::Utf8Error(_) => "the text is not valid UTF-8 here; save the file as UTF-8".into(),
        E::InvalidEscape(what) => format!("invalid escape in a text: {what}"),
        E::Message(m) => m.clone(),
        other => other.to_string(),
    };
    Problem::at(start, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(suggestion("txt", &["id", "text", "issue"]), Some("text"));
        assert_eq!(suggestion("colour", &["id", "text"]), None);
    }
}
