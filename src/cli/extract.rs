//! `stances extract`: a source document's text as Stances reads it, on standard
//! output, for scripts and to see what a document gives before quoting it.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::format::source;
use crate::io;

/// The largest source read (a statement, a treaty, a transcript: far less).
const SIZE_LIMIT: u64 = 100 * 1024 * 1024;

/// Prints each file's text (headed `==> file <==` when there are several); what
/// the document is and its title go to standard error.
#[expect(
    clippy::print_stderr,
    reason = "what a document is, and errors, are said on standard error"
)]
pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for (i, path) in files.iter().enumerate() {
        let shown = io::display_path(path);
        let read = std::fs::metadata(path)
            .map_err(|e| format!("{shown}: cannot read it: {e}"))
            .and_then(|meta| {
                if !meta.is_file() {
                    Err(format!("{shown}: not a file"))
                } else if meta.len() > SIZE_LIMIT {
                    Err(format!(
                        "{shown}: {} MB is more than a source can be ({} MB); split it, or extract the part quoted",
                        meta.len() / (1024 * 1024),
                        SIZE_LIMIT / (1024 * 1024)
                    ))
                } else {
                    std::fs::read(path).map_err(|e| format!("{shown}: cannot read it: {e}"))
                }
            })
            .and_then(|bytes| {
                let name = path
                    .file_name()
                    .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
                source::extract(&name, &bytes).map_err(|e| e.replacen(&name, &shown, 1))
            });
        match read {
            Ok(extracted) => {
                let heading = match (files.len() > 1, i > 0) {
                    (true, true) => format!("\n==> {shown} <==\n"),
                    (true, false) => format!("==> {shown} <==\n"),
                    (false, _) => String::new(),
                };
                let title = extracted
                    .title
                    .as_ref()
                    .map_or_else(String::new, |t| format!(", titled “{t}”"));
                eprintln!("{shown}: {}{title}", extracted.kind);
                if let Some(note) = &extracted.note {
                    eprintln!("{note}");
                }
                // A reader that stops early (`| head`) is no error.
                let mut out = std::io::stdout().lock();
                if writeln!(out, "{heading}{}", extracted.text).is_err() {
                    return ExitCode::SUCCESS;
                }
            }
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
