//! Comparison files of format 1 (Stances 0.1): read, checked by their own rules,
//! and converted to the current model. They are never written any more.
//!
//! Conversion: each embedded position file becomes a document whose id is made
//! from its path; a mark's `(side, demand)` becomes `(document, side, demand)`
//! through the one document that had the side (side ids were unique across files
//! then); integer mark ids become `v1-mark-N`, so that two copies converted from
//! the same file agree; the shown sides come first among the columns.

use std::collections::HashMap;

use serde::Deserialize;

use super::comparison_file::{MarkFields, validate_codebook, validate_marks};
use super::diagnostics::{FileError, PathProblem, Problem};
use super::locate::Step;
use super::position_file::{ron_options, validate_positions};
use crate::model::codebook::{Codebook, DEFAULT_CODEBOOK_ID};
use crate::model::comparison::{Comparison, PositionDocument, document_id_for};
use crate::model::mark::{DemandRef, Mark};
use crate::model::position::PositionFile;
use crate::model::view::{Column, ViewState};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "ComparisonFile")]
struct ComparisonFileV1 {
    #[expect(dead_code, reason = "checked by the caller before this struct is read")]
    format: u32,
    positions: Vec<EmbeddedPositions>,
    #[serde(default)]
    shown_sides: Vec<String>,
    codebook: CodebookV1,
    #[serde(default)]
    marks: Vec<MarkV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "EmbeddedPositions")]
struct EmbeddedPositions {
    path: String,
    data: PositionFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Codebook")]
struct CodebookV1 {
    statuses: Vec<StatusV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Status")]
struct StatusV1 {
    id: String,
    label: String,
    color: String,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Mark")]
struct MarkV1 {
    id: u64,
    demands: Vec<(String, String)>,
    status: String,
    #[serde(default)]
    note: String,
    created: String,
    changed: String,
}

impl MarkFields for MarkV1 {
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

/// Parses a format 1 comparison file and converts it.
pub fn parse(shown: &str, text: &str) -> Result<Comparison, FileError> {
    let file: ComparisonFileV1 = ron_options()
        .from_str(text)
        .map_err(|e| FileError::new(shown, super::diagnostics::ron_problem(text, &e)))?;
    let codebook = convert_codebook(file.codebook);
    let problems = validate(&file.positions, &file.shown_sides, &codebook, &file.marks);
    if !problems.is_empty() {
        return Err(FileError {
            path: shown.to_owned(),
            problems: problems.into_iter().map(|p| p.locate(text)).collect(),
        });
    }
    let mut documents: Vec<PositionDocument> = Vec::new();
    let mut document_of_side: HashMap<String, String> = HashMap::new();
    for embedded in file.positions {
        let id = document_id_for(&embedded.path, documents.iter().map(|d| d.id.as_str()));
        for side in &embedded.data.sides {
            document_of_side.insert(side.id.clone(), id.clone());
        }
        documents.push(PositionDocument {
            id,
            path: embedded.path,
            data: embedded.data,
        });
    }
    let marks = file
        .marks
        .into_iter()
        .map(|m| Mark {
            id: format!("v1-mark-{}", m.id),
            demands: m
                .demands
                .into_iter()
                .map(|(side, demand)| {
                    // A side no document has stays unresolved: the mark is an orphan, as it was.
                    let document = document_of_side.get(&side).cloned().unwrap_or_default();
                    DemandRef::new(document, side, demand)
                })
                .collect(),
            status: m.status,
            note: m.note,
            coder: String::new(),
            created: m.created,
            changed: m.changed,
            coders_said: Vec::new(),
            changes: Vec::new(),
        })
        .collect();
    let columns = file
        .shown_sides
        .iter()
        .filter_map(|side| document_of_side.get(side).map(|d| Column::new(d.clone(), side.clone())))
        .collect();
    Comparison::new(documents, codebook, marks, ViewState { columns })
        .map_err(|e| FileError::new(shown, Problem::whole_file(e.0)))
}

fn convert_codebook(codebook: CodebookV1) -> Codebook {
    Codebook {
        id: DEFAULT_CODEBOOK_ID.into(),
        name: "Codebook of a format 1 comparison".into(),
        statuses: codebook
            .statuses
            .into_iter()
            .enumerate()
            .map(|(i, s)| crate::model::Status {
                id: s.id,
                label: s.label,
                color: s.color,
                // Format 1 gave the keys 1–9 by position in the legend.
                key: (i < 9).then(|| (i + 1).to_string()),
                description: s.description,
            })
            .collect(),
    }
}

fn validate(
    positions: &[EmbeddedPositions],
    shown: &[String],
    codebook: &Codebook,
    marks: &[MarkV1],
) -> Vec<PathProblem> {
    use Step::{Field, Index};
    let mut problems = Vec::new();
    let mut side_files: HashMap<&str, &str> = HashMap::new();
    for (i, embedded) in positions.iter().enumerate() {
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
    for (i, side) in shown.iter().enumerate() {
        if !side_files.contains_key(side.as_str()) {
            problems.push(PathProblem::value(
                vec![Field("shown_sides"), Index(i)],
                format!("`shown_sides` names side `{side}`, which no embedded position file has"),
            ));
        }
    }
    problems.extend(validate_codebook(codebook, &[Field("codebook")]));
    let status_ids: Vec<&str> = codebook.statuses.iter().map(|s| s.id.as_str()).collect();
    problems.extend(validate_marks(marks, &status_ids, |_| false, |m| m.id.to_string()));
    problems
}
