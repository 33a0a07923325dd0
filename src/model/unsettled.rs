//! No figure from a half-merged file: a comparison with merge conflicts left to
//! settle holds two versions of some codings (or misses one), so every figure
//! counted from it (agreement, a report, a class's tally) is refused until they
//! are settled, unless the user asks to compute anyway, and then the report says
//! so. The sentences live here so that the command line and the window say the
//! same.

use super::comparison::Comparison;
use super::words::count;

/// A file with merge conflicts left to settle, and how many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsettled {
    pub file: String,
    pub conflicts: usize,
}

/// The files among `files` (name, comparison) that hold unsettled merge conflicts.
pub fn unsettled<'a>(files: impl IntoIterator<Item = (&'a str, &'a Comparison)>) -> Vec<Unsettled> {
    files
        .into_iter()
        .filter(|(_, cmp)| !cmp.conflicts().is_empty())
        .map(|(file, cmp)| Unsettled {
            file: file.to_owned(),
            conflicts: cmp.conflicts().len(),
        })
        .collect()
}

fn listed(found: &[Unsettled]) -> String {
    found
        .iter()
        .map(|u| {
            format!(
                "{} holds {}",
                u.file,
                count(u.conflicts, "unsettled merge conflict", "unsettled merge conflicts")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why the figures are refused, and the way out (`anyway`: how to compute them
/// all the same, e.g. "add --allow-conflicts"); `None` when nothing is unsettled.
pub fn refusal(found: &[Unsettled], anyway: &str) -> Option<String> {
    (!found.is_empty()).then(|| {
        format!(
            "{}: a merge left two versions of some codings, so figures from {} could count a coding twice or miss one. Open {} in Stances, settle each conflict in the Conflicts view and save; {anyway}.",
            listed(found),
            if found.len() == 1 { "it" } else { "them" },
            if found.len() == 1 { "it" } else { "each" },
        )
    })
}

/// The line a report computed anyway carries; `None` when nothing is unsettled.
pub fn warning(found: &[Unsettled]) -> Option<String> {
    (!found.is_empty()).then(|| {
        format!(
            "Warning: {}; where they clash, this report shows one side's version (ours), and figures from it may count a coding twice or miss one.",
            listed(found)
        )
    })
}
