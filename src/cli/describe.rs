//! `stances describe FILE` (a comparison in words, git's textconv) and
//! `stances diff OLD NEW` (what changed between two comparisons).

use std::path::Path;
use std::process::ExitCode;

use crate::format::csv_out::{CsvOut, CsvStyle};
use crate::format::describe::describe;
use crate::io;
use crate::model::diff::{Change, diff};
use crate::model::words::short_id;

/// How `stances diff` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One sentence per change, to read.
    #[default]
    Table,
    /// `kind,id,coder,field,old,new`, for scripts and spreadsheets.
    Csv,
}

/// Runs `stances describe`. Git runs it on every version of a comparison in
/// its history (`git log -p`), so it never fails: a version it cannot read as a
/// comparison (git's conflict markers committed, a half-written file) is said
/// to be one, then shown as its lines, and the exit code stays 0.
pub fn run_describe(path: &Path) -> ExitCode {
    let text = match io::load_comparison(path) {
        Ok(loaded) => describe(&loaded.comparison, loaded.format),
        Err(e) => unreadable(path, &e.to_string()),
    };
    use std::io::Write as _;
    // A reader that stopped early (git's pager closed) is no error either.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// A version `describe` cannot read: what is wrong, then its text as it is.
fn unreadable(path: &Path, problem: &str) -> String {
    let mut out = format!(
        "(this version cannot be read as a comparison: {})\n",
        problem.lines().next().unwrap_or_default()
    );
    if let Ok(bytes) = std::fs::read(path) {
        let text = String::from_utf8_lossy(&bytes);
        for line in text.lines() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The changes from `old` to `new`, as `format` prints them.
pub fn diff_text(old: &Path, new: &Path, format: OutputFormat, style: CsvStyle) -> Result<(String, usize), String> {
    let a = io::load_comparison(old).map_err(|e| e.to_string())?;
    let b = io::load_comparison(new).map_err(|e| e.to_string())?;
    let changes = diff(&a.comparison, &b.comparison);
    let text = match format {
        OutputFormat::Table => changes.iter().map(|c| sentence(c) + "\n").collect(),
        OutputFormat::Csv => {
            if changes.is_empty() {
                String::new()
            } else {
                let fail = |e: csv::Error| format!("cannot write the CSV: {e}");
                let mut csv = CsvOut::new(style);
                csv.record_of(&["kind", "id", "coder", "field", "old", "new"])
                    .map_err(fail)?;
                for c in &changes {
                    csv.record_of(&[c.kind, &c.id, &c.coder, &c.field, &c.old, &c.new])
                        .map_err(fail)?;
                }
                csv.finish().map_err(fail)?
            }
        }
    };
    Ok((text, changes.len()))
}

/// A change as a sentence: `mark 1a2b3c4d (alice): status Agreed → Disputed`.
fn sentence(c: &Change) -> String {
    let id = if c.kind == "mark" { short_id(&c.id) } else { &c.id };
    let by = if c.coder.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", c.coder)
    };
    let quote = |s: &str| {
        if s.is_empty() {
            "(none)".to_owned()
        } else {
            s.to_owned()
        }
    };
    let what = match c.field.as_str() {
        "added" | "settled" if c.old.is_empty() || c.field == "settled" => {
            if c.new.is_empty() {
                c.field.clone()
            } else {
                format!("{}: {}", c.field, c.new)
            }
        }
        "removed" => format!("removed: {}", c.old),
        field if c.old.is_empty() && field.ends_with(" added") => format!("{field}: {}", c.new),
        field if c.new.is_empty() && field.ends_with(" removed") => format!("{field}: {}", c.old),
        field if c.old.is_empty() && (c.kind == "round") => format!("{field} added: {}", c.new),
        field if c.new.is_empty() && (c.kind == "round") => format!("{field} removed: {}", c.old),
        field => format!("{field}: {} → {}", quote(&c.old), quote(&c.new)),
    };
    format!("{} {id}{by}: {what}", c.kind)
}

/// Runs `stances diff`: exit 0 (whether or not anything changed, as `git diff`
/// does), 2 when a file cannot be read.
#[expect(clippy::print_stdout, clippy::print_stderr, reason = "a command-line report")]
pub fn run_diff(old: &Path, new: &Path, format: OutputFormat, style: CsvStyle) -> ExitCode {
    match diff_text(old, new, format, style) {
        Ok((text, _)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
