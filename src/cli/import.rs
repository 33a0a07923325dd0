//! `stances import`: a position file from a spreadsheet (CSV, xlsx, xls, ods).

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::export::source::is_standard_output;
use crate::format::diagnostics::count;
use crate::import::{ImportOptions, import_table, to_position_ron};
use crate::io;

/// Reads the table at `path` and returns the position file's text, with notes
/// and a summary to say.
pub fn import_file(path: &Path, options: &ImportOptions) -> Result<(String, Vec<String>), String> {
    let shown = io::display_path(path);
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: cannot be read: {e}"))?;
    let imported = import_table(&shown, &bytes, options)?;
    let text = to_position_ron(&imported.positions, &shown)?;
    let p = &imported.positions;
    let mut notes = imported.notes;
    notes.push(format!(
        "{shown}: {} of {} on {}",
        count(p.demand_count(), "demand", "demands"),
        count(p.sides.len(), "side", "sides"),
        count(p.issues.len(), "issue", "issues")
    ));
    Ok((text, notes))
}

/// Runs `stances import`: the position file to `output` (standard output when none).
#[expect(clippy::print_stderr, reason = "standard output may be the position file itself")]
pub fn run(table: &Path, output: Option<&Path>, options: &ImportOptions, force: bool) -> ExitCode {
    let result = import_file(table, options).and_then(|(text, notes)| {
        match output.filter(|o| !is_standard_output(Some(o))) {
            None => {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(text.as_bytes())
                    .and_then(|()| stdout.flush())
                    .map_err(|e| format!("standard output: {e}"))?;
            }
            Some(path) => {
                if path.exists() && !force {
                    return Err(format!(
                        "{}: the file exists already; choose another name, or add --force to overwrite it",
                        path.display()
                    ));
                }
                io::write_atomically(path, text.as_bytes())?;
            }
        }
        Ok(notes)
    });
    match result {
        Ok(notes) => {
            for note in notes {
                eprintln!("{note}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
