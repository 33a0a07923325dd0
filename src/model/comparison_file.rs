//! The comparison file (`.stances.ron`): an annotated comparison, self-contained
//! (it embeds the position data it annotates), saved atomically and deterministically.
//! The format is documented in `docs/comparison-file.md`.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::codebook::{Codebook, parse_hex_color};
use super::comparison::{Comparison, PositionDocument};
use super::diagnostics::{self, FileError, PathProblem, Problem};
use super::locate::{self, Step};
use super::mark::{Mark, is_valid_timestamp};
use super::position::PositionFile;
use super::position_file::{check_shape, check_version, ron_options, validate_positions};

/// The comparison file format this version writes; it reads this one too.
pub const COMPARISON_FORMAT: u32 = 1;

/// The extension comparison files are saved with.
pub const COMPARISON_EXTENSION: &str = "stances.ron";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ComparisonFile {
    format: u32,
    positions: Vec<EmbeddedPositions>,
    #[serde(default)]
    shown_sides: Vec<String>,
    codebook: Codebook,
    #[serde(default)]
    marks: Vec<Mark>,
}

/// The same shape as [`ComparisonFile`], borrowing the comparison: saving copies nothing.
#[derive(Serialize)]
struct ComparisonFileRef<'a> {
    format: u32,
    positions: Vec<EmbeddedPositionsRef<'a>>,
    shown_sides: Vec<&'a String>,
    codebook: &'a Codebook,
    marks: Vec<&'a Mark>,
}

#[derive(Serialize)]
struct EmbeddedPositionsRef<'a> {
    path: &'a String,
    data: &'a PositionFile,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmbeddedPositions {
    /// Where the position file was opened from, as it was given.
    path: String,
    data: PositionFile,
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
        fields.iter().any(|(n, _, _)| n == "marks") || fields.iter().any(|(n, _, _)| n == "positions")
    })
}

/// Writes a comparison as RON text: the same comparison always gives the same bytes.
pub fn to_ron(cmp: &Comparison) -> Result<String, String> {
    let file = ComparisonFileRef {
        format: COMPARISON_FORMAT,
        positions: cmp
            .documents()
            .iter()
            .map(|d| EmbeddedPositionsRef {
                path: &d.path,
                data: &d.data,
            })
            .collect(),
        shown_sides: cmp.shown_sides().iter().flatten().collect(),
        codebook: cmp.codebook(),
        marks: cmp.marks().collect(),
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

/// Saves atomically: writes a temporary file beside the target, flushes it to disk,
/// then renames it over the target, so a crash never leaves a half-written file.
pub fn save(cmp: &Comparison, path: &Path) -> Result<(), String> {
    let text = to_ron(cmp)?;
    write_atomically(path, text.as_bytes())
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = diagnostics::display_path(path);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(&dir) {
            // Makes the rename itself durable.
            let _ = d.sync_all();
        }
        Ok::<(), std::io::Error>(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{shown}: could not save: {e}; the previous file, if any, is unchanged")
    })
}

/// Reads a comparison file.
pub fn load(path: &Path) -> Result<Comparison, FileError> {
    let text = diagnostics::read_text(path)?;
    parse(&diagnostics::display_path(path), &text)
}

/// Parses comparison-file text; `shown` names the file in messages.
pub fn parse(shown: &str, text: &str) -> Result<Comparison, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: ComparisonFile = ron_options().from_str(text).map_err(|e| {
        let problem = preflight_comparison(text)
            .err()
            .unwrap_or_else(|| diagnostics::ron_problem(text, &e));
        FileError::new(shown, problem)
    })?;
    let problems = validate(&file);
    if !problems.is_empty() {
        return Err(FileError {
            path: shown.to_owned(),
            problems: problems.into_iter().map(|p| p.locate(text)).collect(),
        });
    }
    let documents = file
        .positions
        .into_iter()
        .map(|p| PositionDocument {
            path: p.path,
            data: p.data,
        })
        .collect();
    let shown_sides = file.shown_sides.into_iter().map(Some).collect();
    Comparison::new(documents, shown_sides, file.codebook, file.marks)
        .map_err(|e| FileError::new(shown, Problem::whole_file(e.0)))
}

fn format_message(version: u64) -> String {
    diagnostics::version_message("comparison file", version, COMPARISON_FORMAT)
}

fn preflight_comparison(text: &str) -> Result<(), Problem> {
    let kind = "comparison file";
    check_shape(text, kind)?;
    let fields = locate::top_level_fields(text);
    check_version(&fields, kind, COMPARISON_FORMAT)?;
    let has = |name: &str| fields.iter().any(|(n, _, _)| n == name);
    if has("sides") && !has("positions") {
        return Err(Problem::at(
            locate::LineCol { line: 1, col: 1 },
            "this is a position file, not a comparison file; open it to start a new comparison",
        ));
    }
    Ok(())
}

fn validate(file: &ComparisonFile) -> Vec<PathProblem> {
    use Step::{Field, Index};
    let mut problems = Vec::new();
    if file.format != COMPARISON_FORMAT {
        problems.push(PathProblem::value(
            vec![Field("format")],
            format_message(file.format.into()),
        ));
        return problems;
    }
    if file.positions.is_empty() {
        problems.push(PathProblem::value(
            vec![Field("positions")],
            "`positions` is empty; a comparison embeds at least one position file",
        ));
    }
    let mut side_files: HashMap<&str, &str> = HashMap::new();
    for (i, embedded) in file.positions.iter().enumerate() {
        problems.extend(validate_positions(
            &embedded.data,
            &[Field("positions"), Index(i), Field("data")],
        ));
        for (s, side) in embedded.data.sides.iter().enumerate() {
            if let Some(other) = side_files.insert(&side.id, &embedded.path) {
                problems.push(PathProblem::value(
                    vec![
                        Field("positions"),
                        Index(i),
                        Field("data"),
                        Field("sides"),
                        Index(s),
                        Field("id"),
                    ],
                    format!(
                        "side id `{}` is used by both {other} and {}; side ids must be unique across files",
                        side.id, embedded.path
                    ),
                ));
            }
        }
    }
    for (i, shown) in file.shown_sides.iter().enumerate() {
        if !side_files.contains_key(shown.as_str()) {
            problems.push(PathProblem::value(
                vec![Field("shown_sides"), Index(i)],
                format!("`shown_sides` names side `{shown}`, which no embedded position file has"),
            ));
        }
    }
    let mut status_ids = HashMap::new();
    if file.codebook.statuses.is_empty() {
        problems.push(PathProblem::value(
            vec![Field("codebook"), Field("statuses")],
            "the codebook has no statuses; add at least one",
        ));
    }
    for (i, status) in file.codebook.statuses.iter().enumerate() {
        let at = |f| vec![Field("codebook"), Field("statuses"), Index(i), Field(f)];
        if status.id.trim().is_empty() {
            problems.push(PathProblem::value(at("id"), "this status has an empty `id`"));
        } else if status_ids.insert(status.id.as_str(), i).is_some() {
            problems.push(PathProblem::value(
                at("id"),
                format!("the status id `{}` is used twice", status.id),
            ));
        }
        if parse_hex_color(&status.color).is_none() {
            problems.push(PathProblem::value(
                at("color"),
                format!("`{}` is not a colour; write it as #rrggbb, like #e03131", status.color),
            ));
        }
    }
    let mut mark_ids = HashMap::new();
    for (i, mark) in file.marks.iter().enumerate() {
        let at = |f| vec![Field("marks"), Index(i), Field(f)];
        if mark_ids.insert(mark.id, i).is_some() {
            problems.push(PathProblem::value(
                at("id"),
                format!("the mark id {} is used twice", mark.id),
            ));
        }
        if mark.demands.is_empty() {
            problems.push(PathProblem::value(
                at("demands"),
                format!("mark {} covers no demands", mark.id),
            ));
        }
        if !status_ids.contains_key(mark.status.as_str()) && !file.codebook.statuses.is_empty() {
            let known: Vec<String> = file.codebook.statuses.iter().map(|s| format!("`{}`", s.id)).collect();
            problems.push(PathProblem::value(
                at("status"),
                format!(
                    "mark {} has status `{}`, which is not in the codebook; use one of {}",
                    mark.id,
                    mark.status,
                    known.join(", ")
                ),
            ));
        }
        for (f, value) in [("created", &mark.created), ("changed", &mark.changed)] {
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
