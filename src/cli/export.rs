//! `stances export`: a report of a comparison (Markdown, HTML, tidy or wide CSV)
//! for a paper, a handout or a script, written to a file or to standard output.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::export::source::is_standard_output;
use crate::export::{ExportFormat, ReportRequest};
use crate::io;

/// Runs `stances export` for the text formats; the window draws PNGs.
#[expect(clippy::print_stderr, reason = "standard output may be the report itself")]
pub fn run(request: &ReportRequest, format: ExportFormat, output: Option<&Path>) -> ExitCode {
    let written = request.text(format).and_then(|text| {
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
