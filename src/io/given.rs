//! One reader of any path given to Stances (named on the command line, chosen
//! with File › Open…, dropped on the window): what kind of file it is, told by
//! its name and by what it holds, so that every command and the window read a
//! path the same way and say the same thing when it is not what was asked for.

use std::path::Path;

use super::read::{display_path, read_text};
use crate::format::comparison_file::{self, Loaded};
use crate::format::diagnostics::FileError;
use crate::format::{locate, position_file};
use crate::model::{Comparison, PositionFile};

/// What a file given to Stances is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A comparison (`.stances.ron`, or RON with `documents`, `positions` or `marks`).
    Comparison,
    /// A position file: one or more sides' demands (any other RON).
    Positions,
    /// A codebook: Stances' own (RON with `statuses`) or REFI-QDA's `.qdc`.
    Codebook,
    /// A statement, a treaty, a web page: a source's text (PDF, DOCX, ODT, HTML, Markdown, text).
    Document,
    /// A spreadsheet of positions (CSV, Excel, OpenDocument).
    Spreadsheet,
}

impl FileKind {
    /// The kind in words, as a message names it ("this is a codebook").
    pub fn in_words(self) -> &'static str {
        match self {
            Self::Comparison => "a comparison",
            Self::Positions => "a position file",
            Self::Codebook => "a codebook",
            Self::Document => "a document (a source's text)",
            Self::Spreadsheet => "a spreadsheet",
        }
    }

    /// Where in the window a file of this kind is used, for a message about a
    /// file given where another kind was asked for.
    pub fn where_it_goes(self) -> &'static str {
        match self {
            Self::Comparison => "open it with File › Open…",
            Self::Positions => "add it with File › Add position files…",
            Self::Codebook => "use it with Codebook › Apply codebook…",
            Self::Document => "add it as a source with File › Add source…",
            Self::Spreadsheet => "read it with File › Import spreadsheet…",
        }
    }
}

/// The extensions of documents a source is read from.
pub const DOCUMENT_EXTENSIONS: [&str; 8] = ["pdf", "docx", "odt", "html", "htm", "md", "markdown", "txt"];

/// The extensions of spreadsheets positions are imported from.
pub const SPREADSHEET_EXTENSIONS: [&str; 6] = ["csv", "tsv", "xlsx", "xls", "xlsm", "ods"];

/// The kind a file's name says, where the name is enough: documents and
/// spreadsheets (binary, or not Stances' to look into), `.qdc` codebooks and
/// `.stances.ron` comparisons. `None` for a name that leaves it to the text.
pub fn kind_by_name(path: &Path) -> Option<FileKind> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.ends_with(&format!(".{}", comparison_file::COMPARISON_EXTENSION)) {
        return Some(FileKind::Comparison);
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    if DOCUMENT_EXTENSIONS.contains(&extension) {
        Some(FileKind::Document)
    } else if SPREADSHEET_EXTENSIONS.contains(&extension) {
        Some(FileKind::Spreadsheet)
    } else if extension == "qdc" {
        Some(FileKind::Codebook)
    } else {
        None
    }
}

/// The kind of a Stances file by its name, else by its top-level fields. A
/// file whose fields cannot be told (broken RON) is taken as a position file,
/// whose reader then says where it is broken.
pub fn kind_of(path: &Path, text: &str) -> FileKind {
    kind_by_name(path)
        .or_else(|| stances_fields(text))
        .unwrap_or(FileKind::Positions)
}

/// A file given to Stances: its text and its kind, not parsed yet (the window
/// looks at a comparison's git state first). Documents and spreadsheets are
/// told by their names and not read here (their readers take bytes).
#[derive(Clone, Debug)]
pub struct Given {
    /// The path as the user gave it, for messages.
    pub shown: String,
    pub kind: FileKind,
    /// The text of a comparison, position file or codebook; empty for the others.
    pub text: String,
}

/// Reads a file given to Stances and tells its kind. A `.txt` is looked into:
/// a position file saved by a text editor that added `.txt` (Notepad does) is
/// still a position file.
pub fn read_given(path: &Path) -> Result<Given, FileError> {
    let shown = display_path(path);
    let by_name = kind_by_name(path);
    if let Some(kind @ (FileKind::Document | FileKind::Spreadsheet)) = by_name
        && !has_extension(path, "txt")
    {
        return Ok(Given {
            shown,
            kind,
            text: String::new(),
        });
    }
    let text = read_text(path)?;
    let kind = match by_name {
        Some(FileKind::Document) => match stances_fields(&text) {
            Some(kind) => kind,
            None => {
                return Ok(Given {
                    shown,
                    kind: FileKind::Document,
                    text: String::new(),
                });
            }
        },
        _ => kind_of(path, &text),
    };
    Ok(Given { shown, kind, text })
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// The kind a text's top-level fields say, when they are a Stances file's.
fn stances_fields(text: &str) -> Option<FileKind> {
    let fields = locate::top_level_fields(text);
    let has = |name: &str| fields.iter().any(|(n, _, _)| n == name);
    if has("documents") || has("positions") || has("marks") {
        Some(FileKind::Comparison)
    } else if has("sides") {
        Some(FileKind::Positions)
    } else if has("statuses") {
        Some(FileKind::Codebook)
    } else {
        None
    }
}

impl Given {
    /// Said when the file is not the kind asked for: what it is, and where it goes.
    pub fn not_what_was_asked(&self, asked: &str) -> String {
        format!(
            "{}: this is {}, not {asked}; {}",
            self.shown,
            self.kind.in_words(),
            self.kind.where_it_goes()
        )
    }

    /// The comparison file, read (any format; format 1 converted).
    pub fn comparison(&self) -> Result<Loaded, FileError> {
        comparison_file::parse_loaded(&self.shown, &self.text)
    }

    /// The position file, read.
    pub fn positions(&self) -> Result<PositionFile, FileError> {
        position_file::parse_position_file(&self.shown, &self.text)
    }

    /// A comparison as it is, or a position file's demands as a comparison
    /// without marks: what a report or an export reads.
    pub fn into_comparison(self) -> Result<Comparison, String> {
        match self.kind {
            FileKind::Comparison => Ok(self.comparison().map_err(|e| e.to_string())?.comparison),
            FileKind::Positions => {
                let data = self.positions().map_err(|e| e.to_string())?;
                Comparison::from_positions(vec![(self.shown, data)]).map_err(|e| e.0)
            }
            _ => Err(self.not_what_was_asked("a comparison or a position file")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_by_name_then_by_fields() {
        let p = Path::new;
        assert_eq!(kind_by_name(p("Joint statement.PDF")), Some(FileKind::Document));
        assert_eq!(kind_by_name(p("positions.xlsx")), Some(FileKind::Spreadsheet));
        assert_eq!(kind_by_name(p("codes.qdc")), Some(FileKind::Codebook));
        assert_eq!(kind_by_name(p("talks.stances.ron")), Some(FileKind::Comparison));
        assert_eq!(kind_by_name(p("talks.ron")), None);
        assert_eq!(kind_of(p("talks.ron"), "(format: 1, sides: [])"), FileKind::Positions);
        assert_eq!(
            kind_of(p("codes.ron"), "(format: 1, id: \"c\", name: \"C\", statuses: [])"),
            FileKind::Codebook
        );
        assert_eq!(
            kind_of(p("old.ron"), "(format: 3, documents: [], marks: [])"),
            FileKind::Comparison
        );
        // Broken RON: left to the position file's reader, which says where.
        assert_eq!(kind_of(p("broken.ron"), "(format: 1, sides: [("), FileKind::Positions);
    }

    #[test]
    fn a_position_file_saved_as_txt_is_still_one_and_prose_is_a_document() {
        let dir = tempfile::tempdir().unwrap();
        let positions = dir.path().join("positions.txt");
        std::fs::write(&positions, "\u{feff}(\r\n    format: 1,\r\n    sides: [],\r\n)\r\n").unwrap();
        assert_eq!(read_given(&positions).unwrap().kind, FileKind::Positions);
        let statement = dir.path().join("statement.txt");
        std::fs::write(&statement, "The parties agree to a ceasefire (of 30 days).\n").unwrap();
        assert_eq!(read_given(&statement).unwrap().kind, FileKind::Document);
        assert_eq!(
            read_given(&dir.path().join("statement.pdf")).unwrap().kind,
            FileKind::Document
        );
    }
}
