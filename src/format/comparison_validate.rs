//! Checking a comparison file's fields once it has parsed: formats, ids that
//! must be unique or known, codebooks, marks, rounds, conflicts, the student of
//! a hand-out. Each problem names its field's path, located in the text by the
//! caller.

use std::collections::HashMap;

use super::comparison_file::{COMPARISON_FORMAT, ComparisonFile, OLDEST_NATIVE_FORMAT};
use super::diagnostics::{self, PathProblem};
use super::locate::Step;
use super::position_file::validate_positions;
use crate::model::codebook::{Codebook, is_valid_key, parse_hex_color};
use crate::model::conflict::Conflict;
use crate::model::mark::{Mark, is_valid_timestamp};
use crate::model::rounds::RoundDecisions;

pub(super) fn validate(file: &ComparisonFile) -> Vec<PathProblem> {
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
