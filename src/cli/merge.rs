//! `stances merge BASE OURS THEIRS`: the three-way merge of comparison files, as
//! git's merge driver for `*.stances.ron`. Exit 0: merged cleanly; 1: merged with
//! conflicts, recorded in the (valid) merged file for the window to settle; 2: an
//! input cannot be read as a comparison, and nothing was written.

use std::path::Path;
use std::process::ExitCode;

use crate::format::diagnostics::count;
use crate::io::merge::{Outcome, merge_files};
use crate::model::conflict::MergeSides;

/// What git named the two sides: its labels (`%X`, `%Y`, git 2.44 and later;
/// an older git passes the placeholders themselves), else the branch names it
/// puts in `GITHEAD_*`; and whether the merge is a step of a rebase.
pub fn merge_sides(ours: Option<&str>, theirs: Option<&str>) -> Option<MergeSides> {
    let given = |label: Option<&str>| {
        label
            .map(|l| l.trim().trim_matches('\'').to_owned())
            .filter(|l| !l.is_empty() && !l.starts_with('%'))
    };
    let from_env = || {
        std::env::vars()
            .filter(|(k, _)| k.starts_with("GITHEAD_"))
            .map(|(_, v)| v)
            .find(|v| v != "HEAD")
    };
    let here = std::env::current_dir().ok()?;
    let rebase = crate::io::git::operation(&here) == Some(crate::io::git::Operation::Rebase);
    // Git says `HEAD` for our side of a merge: the branch it is on says more.
    let ours = given(ours).map(|label| {
        if label == "HEAD" && !rebase {
            crate::io::git::git(&here, &["symbolic-ref", "--short", "-q", "HEAD"]).unwrap_or(label)
        } else {
            label
        }
    });
    let sides = MergeSides {
        ours: ours.unwrap_or_default(),
        theirs: given(theirs).or_else(from_env).unwrap_or_default(),
        rebase,
    };
    (sides != MergeSides::default()).then_some(sides)
}

/// How a merge's outcome is said, on standard error as git shows a driver's
/// output: `shown` names the file; `finish` is what git needs once it is settled.
#[expect(clippy::print_stderr, reason = "a merge driver reports on standard error")]
pub fn report(outcome: &Outcome, shown: &str, finish: &str) -> ExitCode {
    if outcome.conflicts.is_empty() {
        eprintln!(
            "stances merge: {shown}: merged cleanly ({})",
            count(outcome.marks, "mark", "marks")
        );
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "stances merge: {shown}: merged with {} ({}); the file is a valid comparison that records them:",
        count(outcome.conflicts.len(), "conflict", "conflicts"),
        count(outcome.marks, "mark", "marks")
    );
    for c in &outcome.conflicts {
        eprintln!("  {c}");
    }
    let quoted = crate::io::git::shell_quoted(shown);
    eprintln!("Open it in Stances to settle them (the Conflicts view), save, then `git add {quoted}` and `{finish}`.");
    if finish == "git rebase --continue" {
        eprintln!(
            "Git runs no pre-commit hook while it rebases: `stances check --strict {quoted}` says whether any is left before you continue."
        );
    }
    ExitCode::from(1)
}

/// The arguments of `stances merge`.
pub struct MergeArgs<'a> {
    pub base: &'a Path,
    pub ours: &'a Path,
    pub theirs: &'a Path,
    pub output: Option<&'a Path>,
    /// The file's name in the repository (git's `%P`).
    pub name: Option<&'a str>,
    /// What git calls our and their side (`%X`, `%Y`).
    pub ours_label: Option<&'a str>,
    pub theirs_label: Option<&'a str>,
}

/// Runs `stances merge`.
#[expect(clippy::print_stderr, reason = "a merge driver reports on standard error")]
pub fn run(args: &MergeArgs<'_>) -> ExitCode {
    let sides = merge_sides(args.ours_label, args.theirs_label);
    let finish = if sides.as_ref().is_some_and(|s| s.rebase) {
        "git rebase --continue"
    } else {
        "git commit"
    };
    match merge_files(args.base, args.ours, args.theirs, args.output, args.name, sides) {
        Ok(outcome) => {
            let shown = args.name.map_or_else(|| outcome.written.clone(), str::to_owned);
            report(&outcome, &shown, finish)
        }
        Err(message) => {
            eprintln!("stances merge: {message}");
            ExitCode::from(2)
        }
    }
}
