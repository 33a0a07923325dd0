//! `stances mergetool BASE LOCAL REMOTE MERGED`: what `git mergetool
//! --tool=stances` runs (set up by `stances git-setup`). A comparison the merge
//! driver already merged is kept as it is (settling it again from the three
//! versions would undo what the user settled); one git merged line by line is
//! merged again with Stances; then, while conflicts remain, the window opens on
//! the Conflicts view, and git counts the file as resolved only once none remain.

use std::path::Path;
use std::process::ExitCode;

use crate::format::comparison_file;
use crate::io;
use crate::io::merge::{Version, merge_versions};

/// Runs `stances mergetool`.
#[expect(clippy::print_stderr, reason = "git mergetool shows what its tool says")]
pub fn run(base: &Path, local: &Path, remote: &Path, merged: &Path) -> ExitCode {
    let shown = io::git::shown_for_shell(merged);
    let already = io::read_text(merged)
        .ok()
        .and_then(|text| comparison_file::parse(&shown, &text).ok());
    let conflicts = match already {
        Some(cmp) => cmp.conflicts().len(),
        None => {
            let read = |path: &Path, role: &str| -> Result<Version, String> {
                Ok(Version {
                    shown: format!("{shown} ({role})"),
                    text: io::read_text(path).map_err(|e| e.to_string())?,
                })
            };
            let merged_again = read(base, "base").and_then(|b| {
                let ours = read(local, "ours")?;
                let theirs = read(remote, "theirs")?;
                merge_versions(&b, &ours, &theirs, merged, None)
            });
            match merged_again {
                Ok(outcome) => outcome.conflicts.len(),
                Err(e) => {
                    eprintln!("stances mergetool: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    if conflicts == 0 {
        eprintln!("stances mergetool: {shown} is merged, with no conflict left.");
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "stances mergetool: {shown}: {} to settle; opening it in the Conflicts view (save, then close the window).",
        crate::format::diagnostics::count(conflicts, "conflict", "conflicts")
    );
    let window = std::env::current_exe().and_then(|exe| std::process::Command::new(exe).arg(merged).status());
    if let Err(e) = &window {
        eprintln!("stances mergetool: the window could not open ({e})");
    }
    let left = io::read_text(merged)
        .ok()
        .and_then(|text| comparison_file::parse(&shown, &text).ok())
        .map_or(conflicts, |cmp| cmp.conflicts().len());
    if left == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "stances mergetool: {shown} still holds {} (kept in the file, nothing lost); open it with `stances {shown}` to settle them.",
            crate::format::diagnostics::count(left, "conflict", "conflicts")
        );
        ExitCode::from(1)
    }
}
