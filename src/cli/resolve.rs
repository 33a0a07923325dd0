//! `stances resolve FILE`: merges again, with Stances, a comparison that git
//! could not merge: the driver was missing (git left ours in the file and the
//! three versions in its index, or the file was added as ours), or git merged it
//! line by line and the conflict markers were committed. The result is a valid
//! comparison whose conflicts, if any, the window settles.

use std::path::Path;
use std::process::ExitCode;

use super::merge::report;
use crate::io::git;
use crate::io::merge::{Resolved, resolve};

/// Runs `stances resolve`; with `force`, a file holding more than git left in
/// it is merged over too (kept beside as `FILE.orig`).
#[expect(clippy::print_stderr, reason = "a command-line report")]
pub fn run(path: &Path, force: bool) -> ExitCode {
    match resolve(path, force) {
        Ok(Resolved { outcome, from, kept }) => {
            let shown = git::shown_for_shell(path);
            eprintln!("stances resolve: merged {shown} again from {from}.");
            if let Some(kept) = kept {
                eprintln!("The file as it was is kept as {}.", git::shown_for_shell(&kept));
            }
            let finish = git::operation(&git::folder_of(path)).map_or("git commit", git::Operation::finish);
            let code = report(&outcome, &shown, finish);
            if outcome.conflicts.is_empty() {
                eprintln!("Then `git add {shown}` and `{finish}`.");
            }
            code
        }
        Err(message) => {
            eprintln!("stances resolve: {message}");
            ExitCode::from(2)
        }
    }
}
