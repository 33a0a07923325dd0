//! `stances new`: a comparison of position files, made without a window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::format::comparison_file::{self, with_comparison_extension};
use crate::format::diagnostics::count;
use crate::io;
use crate::model::Comparison;

/// Builds the comparison of `files` and writes it to `output`; returns what to print.
pub fn new_comparison(files: &[PathBuf], output: &Path, force: bool) -> Result<String, String> {
    let output = with_comparison_extension(output);
    if output.exists() && !force {
        return Err(format!(
            "{}: the file exists already; choose another name, or add --force to overwrite it",
            output.display()
        ));
    }
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        match io::load_position_file(path) {
            Ok(data) => loaded.push((io::display_path(path), data)),
            Err(e) => problems.push(e.to_string()),
        }
    }
    if !problems.is_empty() {
        problems.push("nothing was written".into());
        return Err(problems.join("\n"));
    }
    let cmp = Comparison::from_positions(loaded).map_err(|e| e.0)?;
    let text = comparison_file::to_ron(&cmp)?;
    io::write_atomically(&output, text.as_bytes())?;
    let demands: usize = cmp.documents().iter().map(|d| d.data.demand_count()).sum();
    Ok(format!(
        "{}: wrote a comparison of {} in {}, {}",
        output.display(),
        count(cmp.side_count(), "side", "sides"),
        count(cmp.documents().len(), "document", "documents"),
        count(demands, "demand", "demands"),
    ))
}

/// Runs `stances new`: prints what was written or what is wrong, returns the exit code.
#[expect(clippy::print_stdout, reason = "the command line reports on standard output")]
pub fn run(files: &[PathBuf], output: &Path, force: bool) -> ExitCode {
    match new_comparison(files, output, force) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            println!("{problems}");
            ExitCode::from(1)
        }
    }
}
