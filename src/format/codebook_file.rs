//! The codebook file (`.codebook.ron`): a codebook on its own, so a research
//! group can share one coding scheme across comparisons and coders.
//!
//! ```ron
//! (
//!     format: 1,
//!     id: "ceasefire-study",
//!     name: "Ceasefire study",
//!     statuses: [
//!         (id: "agreed", label: "Agreed", color: "#2f9e44", key: "1", description: "Both sides accept this point."),
//!     ],
//! )
//! ```

use serde::{Deserialize, Serialize};

use super::comparison_file::validate_codebook;
use super::diagnostics::{self, FileError, Problem};
use super::locate::{self, Step};
use super::position_file::{check_shape, check_version, ron_options};
use crate::model::codebook::{Codebook, Status};

/// The codebook file format this version writes.
pub const CODEBOOK_FORMAT: u32 = 1;

/// The extension codebook files are saved with.
pub const CODEBOOK_EXTENSION: &str = "codebook.ron";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "CodebookFile")]
struct CodebookFile {
    format: u32,
    id: String,
    name: String,
    statuses: Vec<Status>,
}

#[derive(Serialize)]
struct CodebookFileRef<'a> {
    format: u32,
    id: &'a str,
    name: &'a str,
    statuses: &'a [Status],
}

/// Writes a codebook file: the same codebook always gives the same bytes.
pub fn to_ron(codebook: &Codebook) -> Result<String, String> {
    let file = CodebookFileRef {
        format: CODEBOOK_FORMAT,
        id: &codebook.id,
        name: &codebook.name,
        statuses: &codebook.statuses,
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ")
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut text = ron::Options::default()
        .to_string_pretty(&file, config)
        .map_err(|e| format!("cannot write the codebook: {e}"))?;
    text.push('\n');
    Ok(text)
}

/// Parses codebook-file text; `shown` names the file in messages.
pub fn parse(shown: &str, text: &str) -> Result<Codebook, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: CodebookFile = match ron_options().from_str(text) {
        Ok(file) => file,
        Err(e) => {
            let problem = preflight(text)
                .err()
                .unwrap_or_else(|| diagnostics::ron_problem(text, &e));
            return Err(FileError::new(shown, problem));
        }
    };
    let mut problems = Vec::new();
    if file.format != CODEBOOK_FORMAT {
        problems.push(diagnostics::PathProblem::value(
            vec![Step::Field("format")],
            diagnostics::version_message("codebook file", file.format.into(), CODEBOOK_FORMAT),
        ));
    }
    let codebook = Codebook {
        id: file.id,
        name: file.name,
        statuses: file.statuses,
    };
    problems.extend(validate_codebook(&codebook, &[]));
    if problems.is_empty() {
        Ok(codebook)
    } else {
        Err(FileError {
            path: shown.to_owned(),
            problems: problems.into_iter().map(|p| p.locate(text)).collect(),
        })
    }
}

/// What is wrong with a file that does not parse as a codebook, when it is another
/// kind of Stances file or a newer version.
fn preflight(text: &str) -> Result<(), Problem> {
    let kind = "codebook file";
    check_shape(text, kind)?;
    let fields = locate::top_level_fields(text);
    let has = |name: &str| fields.iter().any(|(n, _, _)| n == name);
    let start = locate::LineCol { line: 1, col: 1 };
    if has("documents") || has("marks") {
        return Err(Problem::at(
            start,
            "this is a comparison file, not a codebook file; open it in Stances and use Codebook › Save codebook as… to write its codebook on its own",
        ));
    }
    if has("sides") {
        return Err(Problem::at(start, "this is a position file, not a codebook file"));
    }
    check_version(&fields, kind, CODEBOOK_FORMAT)
}

/// What applying a codebook to a comparison's did: statuses are matched by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodebookMatch {
    /// Statuses of both, by id (their label, colour, key and description now come from the new codebook).
    pub matched: Vec<String>,
    /// Statuses only the new codebook has: added.
    pub added: Vec<String>,
    /// Statuses only the old codebook has, with how many marks use each. Those
    /// with marks are kept (at the end) so that no mark loses its status; those
    /// without are dropped.
    pub unmatched: Vec<(String, usize)>,
}

impl CodebookMatch {
    /// One sentence for the window or the command line.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!(
            "{} matched by id",
            diagnostics::count(self.matched.len(), "status", "statuses")
        )];
        if !self.added.is_empty() {
            parts.push(format!("added {}", self.added.join(", ")));
        }
        let kept: Vec<String> = self
            .unmatched
            .iter()
            .filter(|(_, marks)| *marks > 0)
            .map(|(id, marks)| format!("{id} ({})", diagnostics::count(*marks, "mark", "marks")))
            .collect();
        let dropped: Vec<&str> = self
            .unmatched
            .iter()
            .filter(|(_, marks)| *marks == 0)
            .map(|(id, _)| id.as_str())
            .collect();
        if !kept.is_empty() {
            parts.push(format!(
                "not in the new codebook but kept because marks use them: {}",
                kept.join(", ")
            ));
        }
        if !dropped.is_empty() {
            parts.push(format!(
                "not in the new codebook and unused, so removed: {}",
                dropped.join(", ")
            ));
        }
        parts.join("; ")
    }
}

/// The codebook that applying `new` to `old` gives, and what matched.
/// `marks_using(id)` tells how many marks use a status of the old codebook.
pub fn apply_codebook(
    old: &Codebook,
    new: &Codebook,
    marks_using: impl Fn(&str) -> usize,
) -> (Codebook, CodebookMatch) {
    let mut result = new.clone();
    let mut report = CodebookMatch::default();
    for status in &new.statuses {
        if old.get(&status.id).is_some() {
            report.matched.push(status.id.clone());
        } else {
            report.added.push(status.id.clone());
        }
    }
    for status in &old.statuses {
        if new.get(&status.id).is_none() {
            let marks = marks_using(&status.id);
            report.unmatched.push((status.id.clone(), marks));
            if marks > 0 {
                let mut kept = status.clone();
                // Its key may now belong to a status of the new codebook.
                if kept.key.as_ref().is_some_and(|k| result.by_key(k).is_some()) {
                    kept.key = None;
                }
                result.statuses.push(kept);
            }
        }
    }
    (result, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_codebook_reads_back_equal() {
        let codebook = Codebook::default();
        let text = to_ron(&codebook).expect("writes");
        assert!(
            text.starts_with("#![enable(implicit_some)]\n(\n    format: 1,\n    id: \"stances-default\","),
            "{text}"
        );
        assert_eq!(parse("x.codebook.ron", &text).expect("reads"), codebook);
    }

    #[test]
    fn bad_colours_and_comparison_files_are_named_with_line_and_column() {
        let text = to_ron(&Codebook::default()).expect("writes").replace("#e03131", "red");
        let err = parse("x.codebook.ron", &text).expect_err("a bad colour").to_string();
        assert!(err.contains("`red` is not a colour; write it as #rrggbb"), "{err}");
        assert!(err.starts_with("x.codebook.ron:"), "{err}");
        let err = parse(
            "c.ron",
            "(format: 2, documents: [], codebook: (id: \"x\", name: \"x\", statuses: []))",
        )
        .expect_err("not a codebook")
        .to_string();
        assert!(err.contains("this is a comparison file, not a codebook file"), "{err}");
        let err = parse(
            "x.codebook.ron",
            "(\n    format: 1,\n    id: \"x\",\n    nmae: \"X\",\n    statuses: [],\n)",
        )
        .expect_err("a misspelt field")
        .to_string();
        assert!(
            err.starts_with("x.codebook.ron:4:5: unknown field `nmae` in the codebook file (did you mean `name`?)"),
            "{err}"
        );
        let err = parse("x.codebook.ron", "(format: 2, id: \"x\", name: \"X\", statuses: [])")
            .expect_err("a newer format")
            .to_string();
        assert!(err.contains("newer"), "{err}");
    }

    #[test]
    fn applying_a_codebook_keeps_statuses_that_marks_use_and_says_so() {
        let old = Codebook::default();
        let mut new = Codebook::default();
        new.statuses.retain(|s| s.id != "partial" && s.id != "unaddressed");
        new.statuses[0].label = "Accepted".into();
        new.statuses.push(Status {
            id: "deferred".into(),
            label: "Deferred".into(),
            color: "#1971c2".into(),
            key: Some("5".into()),
            description: None,
        });
        let (result, report) = apply_codebook(&old, &new, |id| usize::from(id == "partial") * 3);
        let ids: Vec<&str> = result.statuses.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["agreed", "disputed", "deferred", "partial"]);
        assert_eq!(result.statuses[0].label, "Accepted");
        assert_eq!(
            report.summary(),
            "2 statuses matched by id; added deferred; not in the new codebook but kept because marks use them: partial (3 marks); not in the new codebook and unused, so removed: unaddressed"
        );
    }
}
