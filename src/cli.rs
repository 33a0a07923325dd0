//! The command line: `stances [FILES…]` and `stances check FILES…`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::model::diagnostics::count;
use crate::model::{comparison_file, diagnostics, position_file};

#[derive(Debug, Parser)]
#[command(
    name = "stances",
    version,
    about = "Compare negotiation positions side by side and mark where the sides meet and clash."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Position files (.ron) and comparison files (.stances.ron) to open. With none,
    /// the bundled example (the Istanbul round of June 2025) opens.
    pub files: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check position and comparison files without opening a window. Prints one line
    /// per valid file and one per problem; exits 0 only when every file is valid.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// What `check` says about one file.
pub fn check_file(path: &Path) -> Result<String, String> {
    let shown = diagnostics::display_path(path);
    let text = diagnostics::read_text(path).map_err(|e| e.to_string())?;
    if comparison_file::is_comparison_file(path, Some(&text)) {
        let cmp = comparison_file::parse(&shown, &text).map_err(|e| e.to_string())?;
        let sides = cmp.side_count();
        let demands: usize = cmp.documents().iter().map(|d| d.data.demand_count()).sum();
        let orphans = cmp.orphans().count();
        let orphan_note = if orphans > 0 {
            format!(", {orphans} orphaned (naming demands that are not there)")
        } else {
            String::new()
        };
        Ok(format!(
            "{shown}: ok (comparison: {}, {}, {}, {}{orphan_note})",
            count(sides, "side", "sides"),
            count(demands, "demand", "demands"),
            count(cmp.issues().len(), "issue", "issues"),
            count(cmp.marks().len(), "mark", "marks"),
        ))
    } else {
        let file = position_file::parse_position_file(&shown, &text).map_err(|e| e.to_string())?;
        let (sides, demands, issues) = (file.sides.len(), file.demand_count(), file.issue_list().len());
        Ok(format!(
            "{shown}: ok ({}, {}, {})",
            count(sides, "side", "sides"),
            count(demands, "demand", "demands"),
            count(issues, "issue", "issues"),
        ))
    }
}

/// Runs `stances check`: prints results, returns the exit code.
#[expect(clippy::print_stdout, reason = "the check command reports on standard output")]
pub fn check(files: &[PathBuf]) -> ExitCode {
    let mut all_ok = true;
    for path in files {
        match check_file(path) {
            Ok(line) => println!("{line}"),
            Err(problems) => {
                all_ok = false;
                println!("{problems}");
            }
        }
    }
    if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
