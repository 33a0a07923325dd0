//! The comparison file (`.stances.ron`), formats 2 to 5: an annotated comparison,
//! self-contained (it embeds the position data it annotates) and deterministic.
//! Format 3 is format 2 with marks that record what each coder of a study had said
//! (a consensus); format 4 adds decisions about rounds, format 5 the conflicts a
//! merge left to settle, format 6 a teacher's hand-out, format 7 the changes made
//! to marks by someone other than their coder, format 8 the student coding a
//! copy of a hand-out. A file is written in the oldest format that holds it, so
//! that earlier versions keep opening it. Format 1 files are read by
//! [`super::comparison_v1`] and converted. The format is documented in
//! `docs/comparison-file.md`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::comparison_v1;
use super::comparison_validate::validate;
pub use super::comparison_validate::validate_codebook;
pub(super) use super::comparison_validate::{MarkFields, validate_marks};
use super::diagnostics::{self, FileError, Problem};
use super::locate;
use super::position_file::{check_shape, check_version, ron_options};
use crate::model::codebook::Codebook;
use crate::model::comparison::{Comparison, PositionDocument};
use crate::model::conflict::{Conflict, MergeSides};
use crate::model::handout::Handout;
use crate::model::mark::Mark;
use crate::model::position::PositionFile;
use crate::model::rounds::RoundDecisions;
use crate::model::view::ViewState;

/// The newest comparison file format this version reads and writes.
pub const COMPARISON_FORMAT: u32 = 8;

/// The format whose hand-outs may record the student coding them.
pub const STUDENT_FORMAT: u32 = 8;

/// The format whose marks may record changes made by someone other than their
/// coder, and whose conflicts may say what the merge's two sides were.
pub const CHANGES_FORMAT: u32 = 7;

/// The format whose files may be a teacher's hand-out.
pub const HANDOUT_FORMAT: u32 = 6;

/// The format whose files may hold merge conflicts left to settle.
pub const CONFLICTS_FORMAT: u32 = 5;

/// The format whose files may hold decisions about rounds.
pub const ROUNDS_FORMAT: u32 = 4;

/// The format whose marks may record what each coder said (a consensus).
pub const CONSENSUS_FORMAT: u32 = 3;

/// The oldest format read as it is; older ones are converted.
pub const OLDEST_NATIVE_FORMAT: u32 = 2;

/// The format a comparison is written in: the oldest that holds it.
pub fn format_for(cmp: &Comparison) -> u32 {
    if cmp.student().is_some() {
        STUDENT_FORMAT
    } else if cmp.marks().any(|m| !m.changes.is_empty())
        || written_merge_sides(cmp).is_some()
        || cmp.conflicts().iter().any(Conflict::needs_format_7)
    {
        CHANGES_FORMAT
    } else if cmp.handout().is_some() {
        HANDOUT_FORMAT
    } else if !cmp.conflicts().is_empty() {
        CONFLICTS_FORMAT
    } else if !cmp.rounds().is_empty() {
        ROUNDS_FORMAT
    } else if cmp.marks().any(|m| !m.coders_said.is_empty()) {
        CONSENSUS_FORMAT
    } else {
        OLDEST_NATIVE_FORMAT
    }
}

/// What the merge's two sides were, written while its conflicts remain.
fn written_merge_sides(cmp: &Comparison) -> Option<&MergeSides> {
    cmp.merge_sides().filter(|_| !cmp.conflicts().is_empty())
}

/// The extension comparison files are saved with.
pub const COMPARISON_EXTENSION: &str = "stances.ron";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "ComparisonFile")]
pub(super) struct ComparisonFile {
    pub format: u32,
    #[serde(default)]
    pub documents: Vec<EmbeddedDocument>,
    pub codebook: Codebook,
    #[serde(default)]
    pub marks: Vec<Mark>,
    #[serde(default)]
    pub view: ViewState,
    #[serde(default)]
    pub rounds: Vec<RoundDecisions>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub handout: Option<Handout>,
    #[serde(default)]
    pub merge: Option<MergeSides>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EmbeddedDocument {
    pub id: String,
    /// Where the position file was opened from, as it was given.
    #[serde(default)]
    pub path: String,
    pub data: PositionFile,
}

/// The same shape, borrowing the comparison: saving copies nothing.
#[derive(Serialize)]
struct ComparisonFileRef<'a> {
    format: u32,
    documents: Vec<EmbeddedDocumentRef<'a>>,
    codebook: &'a Codebook,
    marks: Vec<&'a Mark>,
    view: &'a ViewState,
    /// Written only when there is a decision (format 4), so that a comparison
    /// without one keeps opening in earlier versions.
    #[serde(skip_serializing_if = "<[RoundDecisions]>::is_empty")]
    rounds: &'a [RoundDecisions],
    /// Written only while a merge's conflicts are unsettled (format 5).
    #[serde(skip_serializing_if = "<[Conflict]>::is_empty")]
    conflicts: &'a [Conflict],
    /// Written only for a teacher's hand-out (format 6).
    #[serde(skip_serializing_if = "Option::is_none")]
    handout: Option<&'a Handout>,
    /// Written only while a merge's conflicts remain, where git named its sides (format 7).
    #[serde(skip_serializing_if = "Option::is_none")]
    merge: Option<&'a MergeSides>,
}

#[derive(Serialize)]
struct EmbeddedDocumentRef<'a> {
    id: &'a String,
    path: &'a String,
    data: &'a PositionFile,
}

/// A comparison read from a file, and what the reader should know about it.
#[derive(Debug)]
pub struct Loaded {
    pub comparison: Comparison,
    /// The format the file was written in (1 files are converted on load).
    pub format: u32,
}

/// A comparison's file name without `.stances.ron` (or `.ron`): what files made
/// from it are named after (`istanbul.stances.ron` → `istanbul`).
pub fn comparison_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.strip_suffix(&format!(".{COMPARISON_EXTENSION}"))
        .or_else(|| name.strip_suffix(".ron"))
        .unwrap_or(&name)
        .to_owned()
}

/// Adds `.stances.ron` to a path given without a `.ron` extension.
pub fn with_comparison_extension(path: &Path) -> PathBuf {
    with_extension_unless(path, "ron", COMPARISON_EXTENSION)
}

/// `path` as it is when its extension is `last` (any case), else with `.full` added
/// to its name: what a user typed without an extension gets the one Stances writes.
pub fn with_extension_unless(path: &Path, last: &str, full: &str) -> PathBuf {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case(last)) {
        path.to_path_buf()
    } else {
        let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(format!(".{full}"));
        path.with_file_name(name)
    }
}

/// Writes a comparison as RON text: the same comparison always gives the same bytes.
pub fn to_ron(cmp: &Comparison) -> Result<String, String> {
    let file = ComparisonFileRef {
        format: format_for(cmp),
        documents: cmp
            .documents()
            .iter()
            .map(|d| EmbeddedDocumentRef {
                id: &d.id,
                path: &d.path,
                data: &d.data,
            })
            .collect(),
        codebook: cmp.codebook(),
        marks: cmp.marks().collect(),
        view: cmp.view(),
        rounds: cmp.rounds(),
        conflicts: cmp.conflicts(),
        handout: cmp.handout(),
        merge: written_merge_sides(cmp),
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ")
        .separate_tuple_members(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut text = ron::Options::default()
        .to_string_pretty(&file, config)
        .map_err(|e| format!("cannot write the comparison: {e}"))?;
    text.push('\n');
    Ok(text)
}

/// Parses comparison-file text of any supported format; `shown` names the file in messages.
pub fn parse(shown: &str, text: &str) -> Result<Comparison, FileError> {
    parse_loaded(shown, text).map(|l| l.comparison)
}

/// As [`parse`], also telling which format the file was in.
pub fn parse_loaded(shown: &str, text: &str) -> Result<Loaded, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: ComparisonFile = match ron_options().from_str(text) {
        Ok(file) => file,
        Err(e) => {
            // Only a file that does not parse is sniffed further: an older format,
            // another kind of file, a newer version.
            let fields = locate::top_level_fields(text);
            let has = |name: &str| fields.iter().any(|(n, _, _)| n == name);
            if fields.iter().any(|(n, v, _)| n == "format" && v == "1") && has("positions") {
                return comparison_v1::parse(shown, text).map(|comparison| Loaded { comparison, format: 1 });
            }
            let problem = preflight(shown, text, &fields)
                .err()
                .unwrap_or_else(|| diagnostics::ron_problem(text, &e));
            return Err(FileError::new(shown, problem));
        }
    };
    loaded(shown, text, file)
}

/// A parsed file, checked and made a comparison.
fn loaded(shown: &str, text: &str, file: ComparisonFile) -> Result<Loaded, FileError> {
    let problems = validate(&file);
    if !problems.is_empty() {
        return Err(FileError {
            path: shown.to_owned(),
            problems: problems.into_iter().map(|p| p.locate(text)).collect(),
        });
    }
    let documents = file
        .documents
        .into_iter()
        .map(|d| PositionDocument {
            id: d.id,
            path: d.path,
            data: d.data,
        })
        .collect();
    let format = file.format;
    let conflicts = file.conflicts;
    let handout = file.handout;
    let merge = file.merge;
    Comparison::new(documents, file.codebook, file.marks, file.view)
        .and_then(|comparison| comparison.with_rounds(file.rounds))
        .map(|comparison| {
            comparison
                .with_conflicts(conflicts)
                .with_handout(handout)
                .with_merge_sides(merge)
        })
        .map(|comparison| Loaded { comparison, format })
        .map_err(|e| FileError::new(shown, Problem::whole_file(e.0)))
}

/// Position documents already read, by the exact text of a file's `documents`
/// field: a class's thirty hand-ins embed the same positions, parsed once.
#[derive(Default)]
pub struct SharedDocuments {
    read: std::sync::Mutex<Vec<(String, Vec<PositionDocument>)>>,
}

/// The span of the `documents` field's value (`[` to `]`) as Stances writes it
/// (four spaces in, one document list), or `None` in any other layout.
fn documents_span(text: &str) -> Option<(usize, usize)> {
    let key = "\n    documents: [";
    let start = text.find(key)? + key.len() - 1;
    let end = text[start..].find("\n    ],")? + start + "\n    ]".len();
    Some((start, end))
}

/// As [`parse`], parsing the positions of a file only when `shared` has not
/// read the same text before. Anything not in Stances's own layout, or not
/// parsing so, is parsed whole: the result is always what [`parse`] gives.
pub fn parse_sharing(shown: &str, text: &str, shared: &SharedDocuments) -> Result<Comparison, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some((start, end)) = documents_span(text) else {
        return parse(shown, text);
    };
    let span = &text[start..end];
    let known = shared
        .read
        .lock()
        .ok()
        .and_then(|read| read.iter().find(|(t, _)| t == span).map(|(_, d)| d.clone()));
    let Some(documents) = known else {
        let comparison = parse(shown, text)?;
        if let Ok(mut read) = shared.read.lock() {
            read.push((span.to_owned(), comparison.documents().to_vec()));
        }
        return Ok(comparison);
    };
    let spliced = format!("{}[]{}", &text[..start], &text[end..]);
    let Ok(mut file) = ron_options().from_str::<ComparisonFile>(&spliced) else {
        return parse(shown, text);
    };
    file.documents = documents
        .into_iter()
        .map(|d| EmbeddedDocument {
            id: d.id,
            path: d.path,
            data: d.data,
        })
        .collect();
    loaded(shown, text, file).map(|l| l.comparison)
}

fn preflight(shown: &str, text: &str, fields: &[(String, String, locate::LineCol)]) -> Result<(), Problem> {
    let kind = "comparison file";
    if let Some(line) = text.lines().position(|l| l.starts_with("<<<<<<<")) {
        return Err(Problem::at(
            locate::LineCol { line: line + 1, col: 1 },
            format!(
                "this file holds git's conflict markers (<<<<<<<): git merged it line by line. Run `stances resolve {}` to merge it again with Stances (a valid file whose conflicts the window settles), and `stances git-setup` in the repository so that git merges comparisons with Stances from now on",
                crate::model::words::shell_quoted(shown)
            ),
        ));
    }
    check_shape(text, kind)?;
    let has = |name: &str| fields.iter().any(|(n, _, _)| n == name);
    if has("sides") && !has("documents") {
        return Err(Problem::at(
            locate::LineCol { line: 1, col: 1 },
            "this is a position file, not a comparison file; open it to start a new comparison",
        ));
    }
    if fields.iter().any(|(n, v, _)| {
        n == "format"
            && v.parse::<u32>()
                .is_ok_and(|v| (OLDEST_NATIVE_FORMAT..=COMPARISON_FORMAT).contains(&v))
    }) {
        return Ok(());
    }
    check_version(fields, kind, COMPARISON_FORMAT)
}
