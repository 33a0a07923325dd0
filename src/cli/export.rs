//! `stances export`: a report of a comparison (Markdown, HTML, tidy or wide CSV)
//! for a paper, a handout or a script, written to a file or to standard output.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::export::{ExportFormat, Report};
use crate::format::comparison_file;
use crate::io;
use crate::model::Comparison;
use crate::model::study::{CodedCopy, Study};

/// Reads a comparison file, or position files' demands as a comparison without marks.
pub fn read_comparison(path: &Path) -> Result<Comparison, String> {
    let shown = io::display_path(path);
    let text = io::read_text(path).map_err(|e| e.to_string())?;
    if comparison_file::is_comparison_file(path, Some(&text)) {
        Ok(comparison_file::parse_loaded(&shown, &text)
            .map_err(|e| e.to_string())?
            .comparison)
    } else {
        let data = crate::format::parse_position_file(&shown, &text).map_err(|e| e.to_string())?;
        Comparison::from_positions(vec![(shown, data)]).map_err(|e| e.0)
    }
}

/// Whether `output` means standard output: none, or `-`.
pub fn is_standard_output(output: Option<&Path>) -> bool {
    output.is_none_or(|p| p.as_os_str() == "-")
}

/// The report of `file` in `format`, with the coders of `coders` when given.
pub fn report_text(file: &Path, format: ExportFormat, coders: &[PathBuf]) -> Result<String, String> {
    let comparison = read_comparison(file)?;
    let study = if coders.is_empty() {
        None
    } else {
        let study = Study::new(io::study::read_coded_copies(coders)?).map_err(|e| e.to_string())?;
        // The coders must have coded the positions the report is about.
        study
            .match_positions(&CodedCopy {
                file: io::display_path(file),
                comparison: comparison.clone(),
            })
            .map_err(|e| e.to_string())?;
        Some(study)
    };
    format.text(&Report::with_study(&comparison, study.as_ref()))
}

/// Runs `stances export` for the text formats; the window draws PNGs.
#[expect(clippy::print_stderr, reason = "standard output may be the report itself")]
pub fn run(file: &Path, format: ExportFormat, output: Option<&Path>, coders: &[PathBuf]) -> ExitCode {
    let written = report_text(file, format, coders).and_then(|text| {
        if is_standard_output(output) {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| format!("standard output: {e}"))
        } else {
            let path = output.unwrap_or(Path::new("-"));
            io::write_atomically(path, text.as_bytes())
        }
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stances export: {e}");
            ExitCode::from(1)
        }
    }
}
