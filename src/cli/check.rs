//! `stances check`: validates files and says what each holds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::format::comparison_file;
use crate::format::diagnostics::count;
use crate::format::position_file;
use crate::io;

/// What `check` says about one file, and how many merge conflicts it leaves to
/// settle (one more when git has not merged it at all).
pub fn check_file(path: &Path) -> Result<(String, usize), String> {
    let shown = io::display_path(path);
    let text = io::read_text(path).map_err(|e| e.to_string())?;
    if comparison_file::is_comparison_file(path, Some(&text)) {
        let loaded = comparison_file::parse_loaded(&shown, &text).map_err(|e| e.to_string())?;
        let cmp = &loaded.comparison;
        let demands: usize = cmp.documents().iter().map(|d| d.data.demand_count()).sum();
        let orphans = cmp.orphans().count();
        let orphan_note = if orphans > 0 {
            format!(", {orphans} orphaned (naming demands that are not there)")
        } else {
            String::new()
        };
        let converts = if loaded.format < comparison_file::OLDEST_NATIVE_FORMAT {
            format!(
                "; Stances saves it as format {}",
                comparison_file::format_for(&loaded.comparison)
            )
        } else {
            String::new()
        };
        let conflicts = cmp.conflicts().len();
        let conflict_note = if conflicts > 0 {
            format!(
                ", {} (settle {} in the window's Conflicts view)",
                count(conflicts, "unresolved merge conflict", "unresolved merge conflicts"),
                if conflicts == 1 { "it" } else { "them" }
            )
        } else {
            String::new()
        };
        // A valid file git has not merged (the driver was missing): ours alone; or
        // one git still lists as unmerged (settled, not yet added).
        let not_merged = io::git::not_merged(path).ok().flatten().is_some();
        let listed = !not_merged && io::git::unmerged_versions(path).ok().flatten().is_some();
        let conflicts = conflicts + usize::from(not_merged || listed);
        let quoted = io::git::shown_for_shell(path);
        let conflict_note = if not_merged {
            format!(
                "{conflict_note}; git has not merged it (it holds our version only): run `stances resolve {quoted}` to merge it with Stances"
            )
        } else if listed {
            let finish = io::git::operation(&io::git::folder_of(path)).map_or("git commit", io::git::Operation::finish);
            format!(
                "{conflict_note}; git still lists it as unmerged: once its conflicts are settled, `git add {quoted}`, then `{finish}`"
            )
        } else {
            conflict_note
        };
        let handout_note = match cmp.handout() {
            Some(h) if h.examples.is_empty() => ", a hand-out for students".to_owned(),
            Some(h) => format!(
                ", a hand-out for students with {}",
                count(h.examples.len(), "worked example", "worked examples")
            ),
            None => String::new(),
        };
        let line = format!(
            "{shown}: ok (comparison format {}: {} in {}, {}, {}, {}{orphan_note}{conflict_note}{handout_note}{converts})",
            loaded.format,
            count(cmp.side_count(), "side", "sides"),
            count(cmp.documents().len(), "document", "documents"),
            count(demands, "demand", "demands"),
            count(cmp.issues().len(), "issue", "issues"),
            count(cmp.marks().len(), "mark", "marks"),
        );
        Ok((line, conflicts))
    } else {
        let file = position_file::parse_position_file(&shown, &text).map_err(|e| e.to_string())?;
        let (sides, demands, issues) = (file.sides.len(), file.demand_count(), file.issue_list().len());
        let line = format!(
            "{shown}: ok ({}, {}, {})",
            count(sides, "side", "sides"),
            count(demands, "demand", "demands"),
            count(issues, "issue", "issues"),
        );
        Ok((line, 0))
    }
}

/// Runs `stances check`: prints results, returns the exit code. With `strict`, a
/// file with merge conflicts left to settle fails too, and so does one git has
/// not merged.
#[expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the check command reports on standard output, what --strict refuses on standard error"
)]
pub fn check(files: &[PathBuf], strict: bool) -> ExitCode {
    let mut all_ok = true;
    let mut not_ready = Vec::new();
    for path in files {
        match check_file(path) {
            Ok((line, conflicts)) => {
                println!("{line}");
                if strict && conflicts > 0 {
                    all_ok = false;
                    not_ready.push(io::display_path(path));
                }
            }
            Err(problems) => {
                all_ok = false;
                println!("{problems}");
            }
        }
    }
    if !not_ready.is_empty() {
        eprintln!(
            "check --strict: not ready to commit (a merge left to settle): {}",
            not_ready.join(", ")
        );
    }
    if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
