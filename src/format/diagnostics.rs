//! Problems found in a file, located by line and column, in words a non-programmer can act on.

use std::fmt;

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

pub use crate::model::words::count;

/// What a struct is called in messages.
fn struct_word(name: &str) -> &str {
    match name {
        "PositionFile" => "the position file",
        "ComparisonFile" => "the comparison file",
        "CodebookFile" => "the codebook file",
        "EmbeddedPositions" => "an embedded position file",
        "Source" => "a source",
        "Issue" => "an issue",
        "Side" => "a side",
        "Demand" => "a demand",
        "Value" => "a value",
        "Codebook" => "the codebook",
        "Status" => "a status",
        "Mark" => "a mark",
        "ComparisonFileV1" => "the comparison file",
        "EmbeddedDocument" => "a document",
        "ViewState" => "the view",
        "Column" => "a column of the view",
        other => other,
    }
}

/// The closest allowed name to a misspelt one, if any is close.
fn suggestion<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (strsim::levenshtein(found, e), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
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
    // A quote left open runs on into the next fields; the parser gives up far
    // below, where the next quote turns the file inside out. Say where it began.
    if let Some(at) = unclosed_string(text)
        && (at.line, at.col) <= (err.span.start.line, err.span.start.col)
    {
        return Problem::at(
            at,
            "this text is never closed: add `\"` where it ends (the text runs on into the lines below)",
        );
    }
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
    let field = field_before(text, start_offset);
    let message = message_for(&err.code, field.as_deref(), text, start_offset);
    Problem::at(start, message)
}

/// A RON error's words, for the value of `field` (when it is known) starting at
/// `start_offset` of `text`.
fn message_for(code: &ron::error::Error, field: Option<&str>, text: &str, start_offset: usize) -> String {
    use ron::error::Error as E;
    match (code, field) {
        (E::ExpectedIdentifier | E::ExpectedString, Some("priority")) => {
            let found = token_at(text, start_offset);
            let bare = found.trim_matches('"');
            let hint = ["Core", "High", "Medium", "Low"]
                .iter()
                .find(|p| p.eq_ignore_ascii_case(bare))
                .map_or(String::new(), |p| format!(" (write `priority: {p}`)"));
            format!("`priority` takes one of Core, High, Medium, Low without quotes{hint}")
        }
        (E::NoSuchStructField { expected, found, outer }, _) => {
            let within = outer.as_deref().map(struct_word).unwrap_or("this place");
            let hint = suggestion(found, expected).map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
            format!(
                "unknown field `{found}` in {within}{hint}; the fields allowed here are {}",
                list(expected)
            )
        }
        (E::MissingStructField { field, outer }, _) => {
            let within = outer.as_deref().map(struct_word).unwrap_or("this place");
            format!("{within} is missing the required field `{field}`; add `{field}: …`")
        }
        (E::DuplicateStructField { field, outer }, _) => {
            let within = outer.as_deref().map(struct_word).unwrap_or("this place");
            format!("the field `{field}` is written twice in {within}; keep one")
        }
        (E::NoSuchEnumVariant { expected, found, .. }, _) => {
            let hint = suggestion(found, expected).map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
            format!("`{found}` is not allowed here{hint}; use one of {}", list(expected))
        }
        (E::InvalidValueForType { expected, found }, Some(f)) => {
            format!("`{f}` takes {expected}, but this is {found}")
        }
        (E::InvalidValueForType { expected, found }, None) => format!("expected {expected} here, but found {found}"),
        (E::ExpectedString | E::ExpectedStringEnd, Some(f)) => {
            format!("`{f}` takes a text in double quotes, like `{f}: \"…\"`")
        }
        (E::ExpectedString | E::ExpectedStringEnd, None) => {
            "expected a text in double quotes, like \"Ceasefire\"".into()
        }
        (E::ExpectedInteger | E::IntegerOutOfBounds, Some(f)) => format!("`{f}` takes a whole number, like `{f}: 1`"),
        (E::ExpectedInteger | E::IntegerOutOfBounds, None) => "expected a whole number here".into(),
        (E::ExpectedFloat, Some(f)) => format!("`{f}` takes a number without quotes, like `{f}: 30`"),
        (E::ExpectedFloat, None) => "expected a number here".into(),
        (E::ExpectedArray, Some(f)) => format!("`{f}` takes a list in square brackets, like `{f}: [ … ]`"),
        (E::ExpectedArray, None) => "expected a list in square brackets, like [ … ]".into(),
        (E::ExpectedArrayEnd, _) => "expected `,` or `]` to continue or close the list".into(),
        (E::ExpectedStructLike | E::ExpectedNamedStructLike(_), field) => {
            if text.trim_start().starts_with('{') {
                "this looks like JSON; a Stances file is RON: it starts with `(` and writes fields as `name: value`"
                    .into()
            } else if let Some(f) = field {
                format!("`{f}` takes a record in parentheses, like `{f}: (id: \"…\", …)`")
            } else {
                "expected a record in parentheses, like (id: \"…\", …)".into()
            }
        }
        (E::ExpectedStructLikeEnd, _) => "expected `,` or `)` to continue or close this record".into(),
        (E::ExpectedMapColon, _) => "expected `:` between a field name and its value".into(),
        (E::ExpectedComma, _) => {
            "expected `,` or a closing bracket here; check that brackets and parentheses are balanced".into()
        }
        (E::ExpectedIdentifier, Some(f)) => format!(
            "`{}` is not a value `{f}` can take here; texts go in double quotes, lists in [ ], records in ( )",
            token_at(text, start_offset)
        ),
        (E::ExpectedIdentifier, None) => {
            "expected a field name, like `text:`; field names are written without quotes".into()
        }
        (E::ExpectedOption | E::ExpectedOptionEnd, _) => "expected a value here".into(),
        (E::Eof, _) => "the file ends too early: a bracket, parenthesis or quote is not closed".into(),
        (E::UnclosedBlockComment, _) => "a `/*` comment is never closed with `*/`".into(),
        (E::UnexpectedChar(c), _) => format!("unexpected character `{}` here", c.escape_debug()),
        (E::TrailingCharacters, _) => {
            "unexpected text after the end of the document; a file holds one ( … ) record".into()
        }
        (E::ExceededRecursionLimit, _) => format!(
            "brackets are nested more than {RECURSION_LIMIT} levels deep here; a Stances file needs only a few levels"
        ),
        (E::Utf8Error(_), _) => "the text is not valid UTF-8 here; save the file as UTF-8".into(),
        (E::InvalidEscape(what), _) => format!("invalid escape in a text: {what}"),
        (E::Message(m), _) => m.clone(),
        (other, _) => other.to_string(),
    }
}

/// The name of the field whose value starts at `offset` (`priority` in
/// `priority: "high"`), looking back past blanks, the colon and a `Some(`.
/// The start of the first string that swallowed what look like fields of the
/// file (a line inside it reading `name: …`): a closing quote was forgotten.
fn unclosed_string(text: &str) -> Option<LineCol> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' => {
                let start = i;
                let mut end = text.len();
                while let Some((j, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => {
                            end = j;
                            break;
                        }
                        _ => {}
                    }
                }
                let inside = &text[start + 1..end];
                if inside.lines().skip(1).any(looks_like_a_field) {
                    return Some(locate::line_col(text, start));
                }
            }
            _ => {}
        }
    }
    None
}

/// `    name: …` or `    (id: …`: a line of RON fields, not of prose.
fn looks_like_a_field(line: &str) -> bool {
    let line = line.trim_start().trim_start_matches(['(', '[']);
    let name_len = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    name_len > 0
        && line[..name_len].starts_with(|c: char| c.is_ascii_lowercase())
        && line[name_len..].trim_start().starts_with(':')
        && !line[name_len..].trim_start().starts_with("::")
}

fn field_before(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset.min(text.len()))?.trim_end();
    let before = before.strip_suffix("Some(").map_or(before, str::trim_end);
    let before = before.strip_suffix(':')?.trim_end();
    let start = before
        .rfind(|c: char| !(c == '_' || c.is_alphanumeric()))
        .map_or(0, |i| i + 1);
    let name = &before[start..];
    (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit())).then(|| name.to_owned())
}

/// The token starting at `offset`, for quoting it in a message (at most 40 characters).
fn token_at(text: &str, offset: usize) -> String {
    let rest = text.get(offset.min(text.len())..).unwrap_or("");
    let end = if let Some(inner) = rest.strip_prefix('"') {
        inner.find('"').map_or(rest.len(), |i| i + 2)
    } else {
        rest.find(|c: char| c.is_whitespace() || ",()[]".contains(c))
            .unwrap_or(rest.len())
    };
    rest[..end].chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(suggestion("txt", &["id", "text", "issue"]), Some("text"));
        assert_eq!(suggestion("colour", &["id", "text"]), None);
    }

    #[test]
    fn finds_the_field_a_value_belongs_to() {
        let text = "(id: \"x\", priority: \"high\")";
        let at = text.find("\"high").unwrap();
        assert_eq!(field_before(text, at).as_deref(), Some("priority"));
        assert_eq!(token_at(text, at), "\"high\"");
        assert_eq!(field_before("[1, 2]", 4), None);
    }
}
