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

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::comparison_v1;
use super::diagnostics::{self, FileError, PathProblem, Problem};
use super::locate::{self, Step};
use super::position_file::{check_shape, check_version, ron_options, validate_positions};
use crate::model::codebook::{Codebook, is_valid_key, parse_hex_color};
use crate::model::comparison::{Comparison, PositionDocument};
use crate::model::conflict::{Conflict, MergeSides};
use crate::model::handout::Handout;
use crate::model::mark::{Mark, is_valid_timestamp};
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
struct ComparisonFile {
    format: u32,
    #[serde(default)]
    documents: Vec<EmbeddedDocument>,
    codebook: Codebook,
    #[serde(default)]
    marks: Vec<Mark>,
    #[serde(default)]
    view: ViewState,
    #[serde(default)]
    rounds: Vec<RoundDecisions>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
    #[serde(default)]
    handout: Option<Handout>,
    #[serde(default)]
    merge: Option<MergeSides>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmbeddedDocument {
    id: String,
    /// Where the position file was opened from, as it was given.
    #[serde(default)]
    path: String,
    data: PositionFile,
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

/// Whether a path names a comparison file rather than a position file: by its
/// extension, or failing that by its top-level fields.
pub fn is_comparison_file(path: &Path, text: Option<&str>) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.ends_with(&format!(".{COMPARISON_EXTENSION}")) {
        return true;
    }
    text.is_some_and(|t| {
        let fields = locate::top_level_fields(t);
        let has = |name: &str| fields.iter().any(|(n, _, _)| n == name);
        has("positions") || has("documents") || has("marks")
    })
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

fn validate(file: &ComparisonFile) -> Vec<PathProblem> {
    use Step::{Field, Index};
    let mut problems = Vec::new();
    if !(OLDEST_NATIVE_FORMAT..=COMPARISON_FORMAT).contains(&file.format) {
        problems.push(PathProblem::value(
            vec![Field("format")],
            diagnostics::version_message("comparison file", file.format.into(), COMPARISON_FORMAT),
        ));
        return problems;
    }
    let mut document_ids: HashMap<&str, usize> = HashMap::new();
    for (i, embedded) in file.documents.iter().enumerate() {
        let at = vec![Field("documents"), Index(i), Field("id")];
        if embedded.id.trim().is_empty() {
            problems.push(PathProblem::value(
                at,
                "this document has an empty `id`; give it a short unique name, like \"istanbul-2025-06-02\"",
            ));
        } else if document_ids.insert(&embedded.id, i).is_some() {
            problems.push(PathProblem::value(
                at,
                format!(
                    "the document id `{}` is used twice; every document needs its own id",
                    embedded.id
                ),
            ));
        }
        problems.extend(validate_positions(
            &embedded.data,
            &[Field("documents"), Index(i), Field("data")],
        ));
    }
    problems.extend(validate_codebook(&file.codebook, &[Field("codebook")]));
    let status_ids: Vec<&str> = file.codebook.statuses.iter().map(|s| s.id.as_str()).collect();
    problems.extend(validate_marks(
        &file.marks,
        &status_ids,
        |m| m.id.trim().is_empty(),
        |m| format!("`{}`", m.id),
    ));
    problems.extend(validate_changes(&file.marks));
    if let Some(student) = file.handout.as_ref().and_then(|h| h.student.as_ref()) {
        problems.extend(validate_student(student));
    }
    problems.extend(validate_rounds(&file.rounds));
    problems.extend(validate_conflicts(&file.conflicts));
    problems
}

/// Each change by someone other than a mark's coder says when it was made.
fn validate_changes(marks: &[Mark]) -> Vec<PathProblem> {
    use Step::{Field, Index};
    let mut problems = Vec::new();
    for (i, mark) in marks.iter().enumerate() {
        for (j, change) in mark.changes.iter().enumerate() {
            let at = |f| vec![Field("marks"), Index(i), Field("changes"), Index(j), Field(f)];
            if !is_valid_timestamp(&change.at) {
                problems.push(PathProblem::value(
                    at("at"),
                    format!("`{}` is not a timestamp; write it like 2025-06-02T14:30:00Z", change.at),
                ));
            }
        }
    }
    problems
}

/// A hand-in's student has a name, an id and a time they started.
fn validate_student(student: &crate::model::handout::Student) -> Vec<PathProblem> {
    use Step::Field;
    let at = |f| vec![Field("handout"), Field("student"), Field(f)];
    let mut problems = Vec::new();
    if student.name.trim().is_empty() {
        problems.push(PathProblem::value(
            at("name"),
            "the student's name is empty; write the name the student gave, like \"Maria Lopez\"",
        ));
    }
    if student.id.trim().is_empty() {
        problems.push(PathProblem::value(
            at("id"),
            "the student's id is empty; it tells apart two students of one name: give any text no other hand-in uses",
        ));
    }
    if !is_valid_timestamp(&student.started) {
        problems.push(PathProblem::value(
            at("started"),
            format!(
                "`{}` is not a timestamp; write it like 2025-06-02T14:30:00Z",
                student.started
            ),
        ));
    }
    problems
}

/// Each conflict is about one thing, named by a non-empty id, once.
fn validate_conflicts(conflicts: &[Conflict]) -> Vec<PathProblem> {
    use Step::{Field, Index};
    let mut problems = Vec::new();
    for (i, conflict) in conflicts.iter().enumerate() {
        if !matches!(conflict, Conflict::Codebook { .. } | Conflict::Handout { .. }) && conflict.id().trim().is_empty()
        {
            problems.push(PathProblem::value(
                vec![Field("conflicts"), Index(i)],
                format!(
                    "this {} conflict has an empty `id`; write the id of the {} it is about",
                    conflict.kind(),
                    conflict.kind()
                ),
            ));
        } else if conflicts[..i].iter().any(|c| c.key() == conflict.key()) {
            problems.push(PathProblem::value(
                vec![Field("conflicts"), Index(i)],
                format!(
                    "two conflicts are about {} `{}`; keep one",
                    conflict.kind(),
                    conflict.id()
                ),
            ));
        }
    }
    problems
}

/// Each comparison of rounds names two different documents, once. (A document
/// that is not in the file is no error: its decisions wait, like orphaned marks.)
fn validate_rounds(rounds: &[RoundDecisions]) -> Vec<PathProblem> {
    use Step::{Field, Index};
    let mut problems = Vec::new();
    for (i, pair) in rounds.iter().enumerate() {
        let at = |f| vec![Field("rounds"), Index(i), Field(f)];
        for (f, id) in [("old", &pair.old), ("new", &pair.new)] {
            if id.trim().is_empty() {
                problems.push(PathProblem::value(
                    at(f),
                    format!("`{f}` is empty; write the id of a document of this file"),
                ));
            }
        }
        if pair.old == pair.new {
            problems.push(PathProblem::value(
                at("new"),
                format!(
                    "`old` and `new` are both `{}`; rounds compared are two different documents",
                    pair.old
                ),
            ));
        } else if rounds[..i].iter().any(|p| p.old == pair.old && p.new == pair.new) {
            problems.push(PathProblem::value(
                at("old"),
                format!(
                    "the rounds `{}` and `{}` are listed twice; merge their matches into one entry",
                    pair.old, pair.new
                ),
            ));
        }
    }
    problems
}

/// The codebook's rules: a name and id, at least one status, unique non-empty status
/// ids, `#rrggbb` colours, unique one-character keys.
pub fn validate_codebook(codebook: &Codebook, prefix: &[Step]) -> Vec<PathProblem> {
    use Step::{Field, Index};
    let mut problems = Vec::new();
    let at = |rest: &[Step]| {
        let mut p = prefix.to_vec();
        p.extend_from_slice(rest);
        p
    };
    if codebook.id.trim().is_empty() {
        problems.push(PathProblem::value(
            at(&[Field("id")]),
            "the codebook has an empty `id`; give it a short unique name, like \"ceasefire-study\"",
        ));
    }
    if codebook.statuses.is_empty() {
        problems.push(PathProblem::value(
            at(&[Field("statuses")]),
            "the codebook has no statuses; add at least one",
        ));
    }
    let mut ids = HashMap::new();
    let mut keys = HashMap::new();
    for (i, status) in codebook.statuses.iter().enumerate() {
        let here = |f| at(&[Field("statuses"), Index(i), Field(f)]);
        if status.id.trim().is_empty() {
            problems.push(PathProblem::value(here("id"), "this status has an empty `id`"));
        } else if ids.insert(status.id.as_str(), i).is_some() {
            problems.push(PathProblem::value(
                here("id"),
                format!("the status id `{}` is used twice", status.id),
            ));
        }
        if parse_hex_color(&status.color).is_none() {
            problems.push(PathProblem::value(
                here("color"),
                format!("`{}` is not a colour; write it as #rrggbb, like #e03131", status.color),
            ));
        }
        if let Some(key) = &status.key {
            if !is_valid_key(key) {
                problems.push(PathProblem::value(
                    here("key"),
                    format!("`{key}` cannot be a key; use one letter or digit, like \"1\" or \"a\""),
                ));
            } else if keys.insert(key.to_ascii_lowercase(), i).is_some() {
                problems.push(PathProblem::value(
                    here("key"),
                    format!("the key `{key}` is given to two statuses; give each its own"),
                ));
            }
        }
    }
    problems
}

/// The marks' rules, shared by both formats: unique ids, at least one demand, a
/// status from the codebook, RFC 3339 timestamps.
pub(super) fn validate_marks<M: MarkFields>(
    marks: &[M],
    status_ids: &[&str],
    empty_id: impl Fn(&M) -> bool,
    id_text: impl Fn(&M) -> String,
) -> Vec<PathProblem> {
    use Step::{Field, Index};
    let mut problems = Vec::new();
    let mut ids = HashMap::new();
    for (i, mark) in marks.iter().enumerate() {
        let at = |f| vec![Field("marks"), Index(i), Field(f)];
        let id = id_text(mark);
        if empty_id(mark) {
            problems.push(PathProblem::value(at("id"), "this mark has an empty `id`"));
        } else if ids.insert(id.clone(), i).is_some() {
            problems.push(PathProblem::value(at("id"), format!("the mark id {id} is used twice")));
        }
        if mark.demand_count() == 0 {
            problems.push(PathProblem::value(
                at("demands"),
                format!("mark {id} covers no demands"),
            ));
        }
        if !status_ids.contains(&mark.status()) && !status_ids.is_empty() {
            let known: Vec<String> = status_ids.iter().map(|s| format!("`{s}`")).collect();
            problems.push(PathProblem::value(
                at("status"),
                format!(
                    "mark {id} has status `{}`, which is not in the codebook; use one of {}",
                    mark.status(),
                    known.join(", ")
                ),
            ));
        }
        for (f, value) in [("created", mark.created()), ("changed", mark.changed())] {
            if !is_valid_timestamp(value) {
                problems.push(PathProblem::value(
                    at(f),
                    format!("`{value}` is not a timestamp; write it like 2025-06-02T14:30:00Z"),
                ));
            }
        }
    }
    problems
}

/// What [`validate_marks`] reads of a mark of either format.
pub(super) trait MarkFields {
    fn demand_count(&self) -> usize;
    fn status(&self) -> &str;
    fn created(&self) -> &str;
    fn changed(&self) -> &str;
}

impl MarkFields for Mark {
    fn demand_count(&self) -> usize {
        self.demands.len()
    }
    fn status(&self) -> &str {
        &self.status
    }
    fn created(&self) -> &str {
        &self.created
    }
    fn changed(&self) -> &str {
        &self.changed
    }
}
