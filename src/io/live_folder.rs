//! Where a live class lives on the teacher's disk: a folder beside the
//! teacher's comparison (`istanbul-live-2026-12-06-1015/`) holding the class's
//! journal while it runs, and, once it stops, one hand-in per student, which
//! File › Open class… and `stances tally` read as any class.

use std::path::{Path, PathBuf};

use crate::format::comparison_file::{COMPARISON_EXTENSION, comparison_stem};
use crate::model::Comparison;

/// The folder for a live class of the comparison at `comparison`, started at
/// `started` (RFC 3339): beside the comparison, named after it and the time;
/// a second class in the same minute gets `(2)`.
pub fn live_folder(comparison: &Path, started: &str) -> PathBuf {
    let stem = comparison_stem(comparison);
    // 2026-12-06T10:15:00Z → 2026-12-06-1015
    let minute: String = started
        .chars()
        .take(16)
        .filter(|c| c.is_ascii_digit() || *c == '-' || *c == 'T')
        .map(|c| if c == 'T' { '-' } else { c })
        .collect();
    let first = comparison.with_file_name(format!("{stem}-live-{minute}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| comparison.with_file_name(format!("{stem}-live-{minute} ({n})")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Writes each hand-in into `folder` (atomically, as every save), named
/// after its student as the class shows them (`Maria`, `Maria (2)`: see
/// `LiveClass::shown_names`); two names that make one file name once a file
/// system's characters are replaced (or that differ only in case) are told
/// apart by a further `(2)`. The files written.
pub fn write_hand_ins<'a>(
    folder: &Path,
    hand_ins: impl IntoIterator<Item = (&'a str, &'a Comparison)>,
) -> Result<Vec<PathBuf>, String> {
    let mut taken: Vec<String> = Vec::new();
    let mut written = Vec::new();
    for (shown_name, copy) in hand_ins {
        let base = file_name_of(shown_name);
        let mut name = base.clone();
        let mut n = 2;
        while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
            name = format!("{base} ({n})");
            n += 1;
        }
        taken.push(name.clone());
        let path = folder.join(format!("{name}.{COMPARISON_EXTENSION}"));
        super::save_comparison(copy, &path)?;
        written.push(path);
    }
    Ok(written)
}

/// A name as a file name: letters of any script kept, what a file system
/// refuses (separators, `:`, control characters) replaced, never empty.
fn file_name_of(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '(' | ')' | ',' | '\'') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_owned();
    if cleaned.is_empty() {
        "student".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_file_names_in_any_script() {
        assert_eq!(file_name_of("Maria"), "Maria");
        assert_eq!(file_name_of("מריה כהן"), "מריה כהן");
        assert_eq!(file_name_of("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_name_of("a:b\\c"), "a_b_c");
        assert_eq!(file_name_of("..."), "student");
    }

    #[test]
    fn a_class_folder_is_named_after_the_comparison_and_the_minute() {
        let dir = tempfile::tempdir().unwrap();
        let comparison = dir.path().join("istanbul.stances.ron");
        let folder = live_folder(&comparison, "2026-12-06T10:15:42Z");
        assert_eq!(folder, dir.path().join("istanbul-live-2026-12-06-1015"));
        std::fs::create_dir(&folder).unwrap();
        assert_eq!(
            live_folder(&comparison, "2026-12-06T10:15:59Z"),
            dir.path().join("istanbul-live-2026-12-06-1015 (2)")
        );
    }
}
