//! Merging comparison files as git hands them over: three versions (from
//! files, from git's index, from commits), merged by identity with
//! [`crate::model::merge`], checked to open again, and only then written. Shared
//! by `stances merge` (git's driver), `stances resolve`, `stances mergetool` and
//! the window's "merge it now".

use std::path::Path;

use crate::format::comparison_file::{self, Loaded};
use crate::io::git::{self, Versions};
use crate::io::{display_path, read_text, write_atomically};
use crate::model::Comparison;
use crate::model::conflict::MergeSides;
use crate::model::merge::{merge, unrelated};
use crate::model::words::short_id;

/// What a merge did, for its report.
pub struct Outcome {
    /// Where the result went.
    pub written: String,
    /// Unsettled conflicts in the result (this merge's and any the inputs held).
    pub conflicts: Vec<String>,
    pub marks: usize,
}

/// One version given to a merge: its text, and how messages name it.
pub struct Version {
    pub shown: String,
    pub text: String,
}

impl Version {
    /// A version read from `path`, named `name (role)` when git gave the file's
    /// name (its versions are temporary files), else by its path.
    fn read(path: &Path, role: &str, name: Option<&str>) -> Result<Self, String> {
        let shown = match name {
            Some(name) => format!("{name} ({role})"),
            None => display_path(path),
        };
        let text = read_text(path).map_err(|e| with_role(e.to_string(), role))?;
        Ok(Self { shown, text })
    }

    /// A version from bytes git keeps (its index, a commit).
    pub fn from_bytes(shown: String, bytes: Vec<u8>) -> Result<Self, String> {
        let text = crate::format::diagnostics::text_from_bytes(&shown, bytes).map_err(|e| e.to_string())?;
        Ok(Self { shown, text })
    }
}

/// Merges the files and writes the result (over OURS without `output`). `name`
/// is the file's name in the repository (git's `%P`), for messages about git's
/// temporary files; `sides` what git named the two sides.
pub fn merge_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
    name: Option<&str>,
    sides: Option<MergeSides>,
) -> Result<Outcome, String> {
    let base = Version::read(base, "base", name)?;
    let ours_version = Version::read(ours, "ours", name)?;
    let theirs_version = Version::read(theirs, "theirs", name)?;
    let target = output.unwrap_or(ours);
    let outcome = merge_versions(&base, &ours_version, &theirs_version, target, sides)?;
    // As git's driver: noted, so that a file later settled on our side is not
    // taken for one the driver never merged.
    if let (Some(name), Ok(bytes)) = (name, std::fs::read(theirs)) {
        git::note_driver_merge(name, &bytes);
    }
    Ok(outcome)
}

/// Merges three versions and writes the result to `target`, only once
/// everything that can fail has succeeded. An empty base is a file both sides
/// added: their additions are merged by identity.
pub fn merge_versions(
    base: &Version,
    ours: &Version,
    theirs: &Version,
    target: &Path,
    sides: Option<MergeSides>,
) -> Result<Outcome, String> {
    let parse = |v: &Version, role: &str| -> Result<Loaded, String> {
        comparison_file::parse_loaded(&v.shown, &v.text).map_err(|e| with_role(e.to_string(), role))
    };
    let added = base.text.trim().is_empty();
    let base_cmp = if added {
        None
    } else {
        Some(parse(base, "base")?.comparison)
    };
    let ours_cmp = parse(ours, "ours")?.comparison;
    let theirs_cmp = parse(theirs, "theirs")?.comparison;
    let mut pairs = vec![((&ours.shown, &ours_cmp), (&theirs.shown, &theirs_cmp))];
    if let Some(b) = &base_cmp {
        pairs.push(((&base.shown, b), (&ours.shown, &ours_cmp)));
        pairs.push(((&base.shown, b), (&theirs.shown, &theirs_cmp)));
    }
    for ((a, a_cmp), (b, b_cmp)) in pairs {
        if unrelated(a_cmp, b_cmp) {
            return Err(format!(
                "{a} and {b} share no document: they are not versions of one comparison, so they cannot be merged; nothing was written"
            ));
        }
    }
    let written = display_path(target);
    let describe = |cmp: &Comparison| Outcome {
        written: written.clone(),
        conflicts: cmp.conflicts().iter().map(describe_conflict).collect(),
        marks: cmp.marks().len(),
    };
    // Nothing new on their side: ours is the result, byte for byte.
    if !added && (theirs.text == base.text || theirs.text == ours.text) {
        write_atomically(target, ours.text.as_bytes())?;
        return Ok(describe(&ours_cmp));
    }
    let base_cmp = base_cmp.unwrap_or_default();
    let merged = merge(&base_cmp, &ours_cmp, &theirs_cmp)
        .map_err(|e| format!("{written}: the merged comparison is not valid ({e}); nothing was written"))?;
    let merged = if merged.conflicts().is_empty() {
        merged
    } else {
        merged.with_merge_sides(sides.or_else(|| ours_cmp.merge_sides().cloned()))
    };
    let text = comparison_file::to_ron(&merged)?;
    // What Stances writes must open again: check before anything is overwritten.
    comparison_file::parse(&written, &text).map_err(|e| {
        format!("the merged comparison would not open again ({e}); nothing was written; please report this")
    })?;
    write_atomically(target, text.as_bytes())?;
    Ok(describe(&merged))
}

fn with_role(message: String, role: &str) -> String {
    format!("{message}\n(this is the {role} version given to `stances merge`)")
}

fn describe_conflict(c: &crate::model::conflict::Conflict) -> String {
    let id = if c.kind() == "mark" { short_id(c.id()) } else { c.id() };
    format!("{} {id} ({})", c.kind(), c.fields().join(", "))
}

/// What resolving found to merge, or why there is nothing to.
pub fn versions_to_merge(path: &Path) -> Result<Versions, String> {
    let shown = git::shown_for_shell(path);
    if git::work_tree(path).is_none() {
        return Err(format!(
            "{shown} is not inside a git repository: there is no merge to resolve"
        ));
    }
    if let Some(versions) = git::unmerged_versions(path)? {
        return Ok(versions);
    }
    if let Some(versions) = git::ours_taken_whole(path)? {
        return Ok(versions);
    }
    let text = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
    if text.split(|&b| b == b'\n').any(|l| l.starts_with(b"<<<<<<<")) {
        return git::marked_merge(path)?.ok_or_else(|| {
            format!(
                "{shown} holds git's conflict markers, but no merge commit in its history made them; restore a version without them (`git log -- {shown}`) and merge again"
            )
        });
    }
    Err(format!(
        "{shown}: nothing to resolve: git lists it as merged, and it holds no conflict markers"
    ))
}

/// What resolving did: the merge's outcome, where the versions came from, and
/// where the file as it was is kept (when it held work of its own).
pub struct Resolved {
    pub outcome: Outcome,
    pub from: String,
    pub kept: Option<std::path::PathBuf>,
}

/// Merges the versions git keeps of `path` and writes the result over it. A
/// file that holds more than git left in it (a merge already made, a person's
/// settling or edits since) is not replaced unless `force`, and then it is kept
/// beside, as `FILE.orig`.
pub fn resolve(path: &Path, force: bool) -> Result<Resolved, String> {
    let versions = versions_to_merge(path)?;
    let shown = git::shown_for_shell(path);
    let now = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
    let has_markers = now.split(|&b| b == b'\n').any(|l| l.starts_with(b"<<<<<<<"));
    let left_by_git = now == versions.ours || has_markers;
    let kept = if left_by_git {
        None
    } else if force {
        let backup = backup_path(path);
        std::fs::write(&backup, &now).map_err(|e| format!("{}: {e}", backup.display()))?;
        Some(backup)
    } else {
        return Err(format!(
            "{shown} holds more than git left in it (a merge already made, or changes since): merging again from git's versions would replace them. Settle what is left in the window; or, to start the merge over, run `stances resolve --force {shown}` (the file as it is now is kept as {shown}.orig)"
        ));
    };
    let Versions {
        base,
        ours,
        theirs,
        from,
    } = versions;
    let version = |role: &str, bytes: Vec<u8>| Version::from_bytes(format!("{shown} ({role}, from {from})"), bytes);
    let base = version("base", base.unwrap_or_default())?;
    let ours = version("ours", ours)?;
    let theirs = version("theirs", theirs)?;
    let outcome = merge_versions(&base, &ours, &theirs, path, git::sides_under_way(path))?;
    Ok(Resolved { outcome, from, kept })
}

/// `FILE.orig`, or `FILE.orig.2`… where that is taken.
fn backup_path(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut candidate = path.with_file_name(format!("{name}.orig"));
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.orig.{n}"));
        n += 1;
    }
    candidate
}
