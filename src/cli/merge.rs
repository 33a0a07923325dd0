//! `stances merge BASE OURS THEIRS`: the three-way merge of comparison files, as
//! git's merge driver for `*.stances.ron`. Exit 0: merged cleanly; 1: merged with
//! conflicts, recorded in the (valid) merged file for the window to settle; 2: an
//! input cannot be read as a comparison, and nothing was written.

use std::path::Path;
use std::process::ExitCode;

use crate::format::comparison_file::{self, Loaded};
use crate::format::diagnostics::count;
use crate::io;
use crate::model::merge::{merge, unrelated};
use crate::model::words::short_id;

/// What a merge did, for its report.
pub struct Outcome {
    /// Where the result went.
    pub written: String,
    /// Unsettled conflicts in the result (this merge's and any the inputs held).
    pub conflicts: Vec<String>,
    pub marks: usize,
}

/// Merges and writes the result (over OURS without `output`). `name` is the file's
/// name in the repository (git's `%P`), for messages about git's temporary files.
pub fn merge_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
    name: Option<&str>,
) -> Result<Outcome, String> {
    let read = |path: &Path, role: &str| -> Result<(String, Loaded), String> {
        let shown = match name {
            Some(name) => format!("{name} ({role})"),
            None => io::display_path(path),
        };
        let text = io::read_text(path).map_err(|e| with_role(e.to_string(), role))?;
        let loaded = comparison_file::parse_loaded(&shown, &text).map_err(|e| with_role(e.to_string(), role))?;
        Ok((text, loaded))
    };
    let (base_text, base_cmp) = read(base, "base")?;
    let (ours_text, ours_cmp) = read(ours, "ours")?;
    let (theirs_text, theirs_cmp) = read(theirs, "theirs")?;
    let shown = |path: &Path, role: &str| name.map_or_else(|| io::display_path(path), |n| format!("{n} ({role})"));
    for ((a, a_cmp), (b, b_cmp)) in [
        ((shown(ours, "ours"), &ours_cmp), (shown(theirs, "theirs"), &theirs_cmp)),
        ((shown(base, "base"), &base_cmp), (shown(ours, "ours"), &ours_cmp)),
        ((shown(base, "base"), &base_cmp), (shown(theirs, "theirs"), &theirs_cmp)),
    ] {
        if unrelated(&a_cmp.comparison, &b_cmp.comparison) {
            return Err(format!(
                "{a} and {b} share no document: they are not versions of one comparison, so they cannot be merged; nothing was written"
            ));
        }
    }
    let target = output.unwrap_or(ours);
    let written = io::display_path(target);
    // Nothing new on their side: ours is the result, byte for byte.
    if theirs_text == base_text || theirs_text == ours_text {
        if output.is_some_and(|o| o != ours) {
            io::write_atomically(target, ours_text.as_bytes())?;
        }
        let cmp = &ours_cmp.comparison;
        return Ok(Outcome {
            written,
            conflicts: cmp.conflicts().iter().map(describe_conflict).collect(),
            marks: cmp.marks().len(),
        });
    }
    let merged = merge(&base_cmp.comparison, &ours_cmp.comparison, &theirs_cmp.comparison).map_err(|e| {
        format!(
            "{}: the merged comparison is not valid ({e}); nothing was written",
            written
        )
    })?;
    let text = comparison_file::to_ron(&merged)?;
    // What Stances writes must open again: check before anything is overwritten.
    comparison_file::parse(&written, &text).map_err(|e| {
        format!("the merged comparison would not open again ({e}); nothing was written; please report this")
    })?;
    io::write_atomically(target, text.as_bytes())?;
    Ok(Outcome {
        written,
        conflicts: merged.conflicts().iter().map(describe_conflict).collect(),
        marks: merged.marks().len(),
    })
}

fn with_role(message: String, role: &str) -> String {
    format!("{message}\n(this is the {role} version given to `stances merge`)")
}

fn describe_conflict(c: &crate::model::conflict::Conflict) -> String {
    let id = if c.kind() == "mark" { short_id(c.id()) } else { c.id() };
    format!("{} {id} ({})", c.kind(), c.fields().join(", "))
}

/// Runs `stances merge`; reports on standard error, as git shows a driver's output.
#[expect(clippy::print_stderr, reason = "a merge driver reports on standard error")]
pub fn run(base: &Path, ours: &Path, theirs: &Path, output: Option<&Path>, name: Option<&str>) -> ExitCode {
    match merge_files(base, ours, theirs, output, name) {
        Ok(outcome) if outcome.conflicts.is_empty() => {
            eprintln!(
                "stances merge: {}: merged cleanly ({})",
                name.unwrap_or(&outcome.written),
                count(outcome.marks, "mark", "marks")
            );
            ExitCode::SUCCESS
        }
        Ok(outcome) => {
            let shown = name.unwrap_or(&outcome.written);
            eprintln!(
                "stances merge: {shown}: merged with {} ({}); the file is a valid comparison that records them:",
                count(outcome.conflicts.len(), "conflict", "conflicts"),
                count(outcome.marks, "mark", "marks")
            );
            for c in &outcome.conflicts {
                eprintln!("  {c}");
            }
            eprintln!("Open it in Stances to settle them (the Conflicts view), save, then `git add {shown}`.");
            ExitCode::from(1)
        }
        Err(message) => {
            eprintln!("stances merge: {message}");
            ExitCode::from(2)
        }
    }
}
