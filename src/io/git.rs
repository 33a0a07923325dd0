//! Git, as Stances meets it around a comparison file: the repository a file is
//! in, whether the merge driver that repository records for comparisons can still
//! run (a program moved or uninstalled leaves git merging line by line, in
//! silence), whether git could not merge the file (its three versions waiting in
//! git's index, or ours taken whole), and the merge or rebase under way. Git is
//! run as a program, never linked: every answer is what `git` itself says.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs git with `args` in `dir`: its standard output (without the final line
/// break), or what went wrong in git's words.
pub fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = git_bytes(dir, args)?;
    Ok(String::from_utf8_lossy(&out).trim_end().to_owned())
}

/// As [`git`], the output as it is (a file's bytes from `git show`).
pub fn git_bytes(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run git ({e}); install git and try again"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

/// The folder `path` is in (a folder: itself), absolute where it can be told.
pub fn folder_of(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if absolute.is_dir() {
        absolute
    } else {
        absolute.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}

/// The work tree `path` is in: the nearest folder above it with a `.git`
/// (a folder, or a file for worktrees and submodules). Found without running
/// git, so that files outside any repository cost nothing.
pub fn work_tree(path: &Path) -> Option<PathBuf> {
    folder_of(path)
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `path` as git names it from the root of its work tree (`/` between folders).
pub fn repo_path(root: &Path, path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let folder = absolute.parent()?.canonicalize().ok()?;
    let relative = folder.strip_prefix(&root).ok()?.join(absolute.file_name()?);
    Some(
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// A path as the user would type it from where they are: relative to the
/// current folder when it is below it (`.` for the folder itself), and quoted for
/// the shell when it needs to be.
pub fn shown_for_shell(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let here = std::env::current_dir().ok();
    let shown = here
        .as_deref()
        .and_then(|here| absolute.strip_prefix(here).ok())
        .map_or(absolute.clone(), Path::to_path_buf);
    let shown = shown.display().to_string();
    if shown.is_empty() {
        ".".to_owned()
    } else {
        shell_quoted(&shown)
    }
}

/// Where to run a command for the repository at `root`: "here", or "in FOLDER".
fn in_folder(root: &Path) -> String {
    match shown_for_shell(root).as_str() {
        "." => "here".to_owned(),
        folder => format!("in {folder}"),
    }
}

/// How the user starts the program running now, as one shell word or command:
/// an AppImage by its own path, a Flatpak by `flatpak run`, `stances` when that
/// name on `PATH` is this program, else its full path. What git records, and
/// what messages tell the user to run.
pub fn this_program() -> String {
    if let Some(appimage) = std::env::var_os("APPIMAGE").filter(|p| Path::new(p).is_file()) {
        return shell_quoted(&Path::new(&appimage).display().to_string());
    }
    if std::env::var("FLATPAK_ID").is_ok_and(|id| id == crate::APP_ID) {
        return format!("flatpak run --command=stances {}", crate::APP_ID);
    }
    let exe = std::env::current_exe().ok();
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(if cfg!(windows) { "stances.exe" } else { "stances" }))
            .find(|candidate| candidate.is_file())
    });
    match (&exe, on_path) {
        (Some(exe), Some(found)) if canonical(exe) == canonical(&found) => "stances".to_owned(),
        (Some(exe), _) => shell_quoted(&exe.display().to_string()),
        (None, _) => "stances".to_owned(),
    }
}

pub use crate::model::words::shell_quoted;

/// The program a shell command line starts: its first word, unquoted (git runs
/// drivers through the shell).
pub fn program_of(command: &str) -> String {
    let mut word = String::new();
    let mut chars = command.trim_start().chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => break,
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None | Some('"'), '\\') => {
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            (_, c) => word.push(c),
        }
    }
    word
}

/// Whether `program` can be started: a path to an executable file, or a name
/// found on `PATH`.
pub fn runnable(program: &str) -> bool {
    if program.is_empty() {
        return false;
    }
    let executable = |path: &Path| {
        path.is_file() && {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                path.metadata().is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
            }
            #[cfg(not(unix))]
            {
                true
            }
        }
    };
    if program.contains('/') || program.contains('\\') {
        return executable(Path::new(program));
    }
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            executable(&dir.join(program)) || (cfg!(windows) && executable(&dir.join(format!("{program}.exe"))))
        })
    })
}

/// Why git cannot merge `path` (a comparison in a repository) with Stances, in
/// a sentence with the way out; `None` when it can, or when the file is in no
/// repository. Two ways it fails: the driver the repository records names a
/// program that is not there any more (moved, uninstalled, an old AppImage), or
/// `.gitattributes` asks for the driver in a clone that was never set up.
pub fn driver_problem(path: &Path) -> Option<String> {
    let root = work_tree(path)?;
    let dir = folder_of(path);
    let shown = shown_for_shell(path);
    let setup = format!("run `{} git-setup` {}", this_program(), in_folder(&root));
    match git(&dir, &["config", "--get", "merge.stances.driver"]) {
        Ok(command) if !command.trim().is_empty() => {
            let program = program_of(&command);
            (!runnable(&program)).then(|| {
                format!(
                    "{shown}: this repository merges comparisons with `{program}`, which cannot be run any more (moved or uninstalled?), so a merge of this file would keep our side only (git keeps the other side's version, and `stances resolve` merges them); {setup} to record the Stances you use now"
                )
            })
        }
        _ => {
            // For a folder, what a comparison in it would be.
            let file = if path.is_dir() {
                path.join("any.stances.ron")
            } else {
                path.to_path_buf()
            };
            let name = repo_path(&root, &file)?;
            let attributes = git(&root, &["check-attr", "merge", "--", &name]).ok()?;
            attributes.trim_end().ends_with(": stances").then(|| {
                format!(
                    "{shown}: this repository's .gitattributes merges comparisons with Stances, but this clone was never set up for it, so git would merge this file line by line; {setup}"
                )
            })
        }
    }
}

/// Where the merge driver notes which merges it made: in the repository's git
/// folder, never in the work tree.
fn merges_made(root: &Path) -> Option<PathBuf> {
    let dir = PathBuf::from(git(root, &["rev-parse", "--git-path", "stances-merges"]).ok()?);
    Some(if dir.is_absolute() { dir } else { root.join(dir) })
}

/// A short, stable name for a merge of the file `name` with their version `theirs`.
fn merge_key(name: &str, theirs: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes().chain([0]).chain(theirs.iter().copied()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Notes that the merge driver merged `name` (the file's name in the repository)
/// with their version `theirs`: a file of ours alone is then what a person
/// settled, not what a missing driver left. Done from the driver, in the work
/// tree git runs it in; nothing is noted outside a repository.
pub fn note_driver_merge(name: &str, theirs: &[u8]) {
    let Ok(here) = std::env::current_dir() else { return };
    let Some(dir) = work_tree(&here).and_then(|root| merges_made(&root)) else {
        return;
    };
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join(merge_key(name, theirs)), name);
    }
}

/// Whether the merge driver merged `name` with their version `theirs`.
fn driver_merged(root: &Path, name: &str, theirs: &[u8]) -> bool {
    merges_made(root).is_some_and(|dir| dir.join(merge_key(name, theirs)).is_file())
}

/// What git is doing in a repository that can leave a file to merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Merge,
    Rebase,
    CherryPick,
    Revert,
}

impl Operation {
    /// The git command that finishes it once every file is settled and added.
    pub fn finish(self) -> &'static str {
        match self {
            Self::Merge => "git commit",
            Self::Rebase => "git rebase --continue",
            Self::CherryPick => "git cherry-pick --continue",
            Self::Revert => "git revert --continue",
        }
    }

    /// The commit whose changes are being brought in (git's "theirs").
    fn other_head(self) -> &'static str {
        match self {
            Self::Merge => "MERGE_HEAD",
            Self::Rebase => "REBASE_HEAD",
            Self::CherryPick => "CHERRY_PICK_HEAD",
            Self::Revert => "REVERT_HEAD",
        }
    }
}

/// What the merge or rebase under way around `path` calls its two sides, for a
/// merge made outside git's driver (`stances resolve`): the branch or commit
/// being brought in, and whether ours is the branch being rebased onto.
pub fn sides_under_way(path: &Path) -> Option<crate::model::conflict::MergeSides> {
    let root = work_tree(path)?;
    let operation = operation(&root)?;
    let theirs = match operation {
        Operation::Merge => git(&root, &["name-rev", "--name-only", "--no-undefined", "MERGE_HEAD"]).ok(),
        other => git(&root, &["log", "-1", "--format=%h (%s)", other.other_head()]).ok(),
    }
    .unwrap_or_default();
    let ours = git(&root, &["symbolic-ref", "--short", "-q", "HEAD"]).unwrap_or_else(|_| "HEAD".to_owned());
    Some(crate::model::conflict::MergeSides {
        ours,
        theirs,
        rebase: operation == Operation::Rebase,
    })
}

/// The merge, rebase, cherry-pick or revert under way in the repository of `dir`.
pub fn operation(dir: &Path) -> Option<Operation> {
    let exists = |name: &str| {
        git(dir, &["rev-parse", "--git-path", name])
            .ok()
            .is_some_and(|p| dir.join(p).exists())
    };
    if exists("rebase-merge") || exists("rebase-apply") {
        Some(Operation::Rebase)
    } else if exists("MERGE_HEAD") {
        Some(Operation::Merge)
    } else if exists("CHERRY_PICK_HEAD") {
        Some(Operation::CherryPick)
    } else if exists("REVERT_HEAD") {
        Some(Operation::Revert)
    } else {
        None
    }
}

/// The three versions of a file to merge again: the common ancestor's (none
/// when both sides added the file), ours and theirs, and where they come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versions {
    pub base: Option<Vec<u8>>,
    pub ours: Vec<u8>,
    pub theirs: Vec<u8>,
    /// Where they were found, for messages ("git's index", "merge commit 1a2b3c4").
    pub from: String,
}

/// The file's versions in git's index when git lists it as unmerged (stages 1,
/// 2 and 3, as git leaves them when it could not merge the file); `None` otherwise.
pub fn unmerged_versions(path: &Path) -> Result<Option<Versions>, String> {
    let Some(root) = work_tree(path) else {
        return Ok(None);
    };
    let name = repo_path(&root, path).ok_or_else(|| format!("{}: not inside its repository", path.display()))?;
    let listed = git(&root, &["ls-files", "--unmerged", "--", &name])?;
    let stages: Vec<&str> = listed.lines().filter_map(|l| l.split_whitespace().nth(2)).collect();
    if !stages.contains(&"2") || !stages.contains(&"3") {
        return Ok(None);
    }
    let stage = |n: &str| git_bytes(&root, &["show", &format!(":{n}:{name}")]);
    Ok(Some(Versions {
        base: if stages.contains(&"1") { Some(stage("1")?) } else { None },
        ours: stage("2")?,
        theirs: stage("3")?,
        from: "git's index (stages 1, 2 and 3)".to_owned(),
    }))
}

/// Whether git could not merge `path` with Stances: it left our version alone
/// (byte for byte) although their side changed the file, whether the file is
/// still listed as unmerged or was `git add`ed since; or its versions, to merge
/// again. A file the driver merged, or one the user settled, is not this.
pub fn not_merged(path: &Path) -> Result<Option<Versions>, String> {
    let found = match unmerged_versions(path)? {
        Some(versions) => {
            let now = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let they_changed = versions.base.as_ref() != Some(&versions.theirs) && versions.theirs != versions.ours;
            (they_changed && now == versions.ours).then_some(versions)
        }
        None => ours_taken_whole(path)?,
    };
    // The driver merged it, and a person settled on our side: merged after all.
    // (Unless the driver cannot run now: then its note is from an earlier try.)
    let merged_by_driver = |versions: &Versions| {
        work_tree(path)
            .and_then(|root| Some((repo_path(&root, path)?, root)))
            .is_some_and(|(name, root)| driver_merged(&root, &name, &versions.theirs))
            && driver_problem(path).is_none()
    };
    Ok(found.filter(|versions| !merged_by_driver(versions)))
}

/// During a merge or rebase, a file git took whole from our side although the
/// other side changed it too: what a missing merge driver leaves once the file
/// was `git add`ed. The three versions to merge again, or `None`.
pub fn ours_taken_whole(path: &Path) -> Result<Option<Versions>, String> {
    let Some(root) = work_tree(path) else {
        return Ok(None);
    };
    let Some(operation) = operation(&root) else {
        return Ok(None);
    };
    let name = repo_path(&root, path).ok_or_else(|| format!("{}: not inside its repository", path.display()))?;
    let other = operation.other_head();
    let base_commit = match operation {
        Operation::Merge => git(&root, &["merge-base", "HEAD", other])?,
        _ => format!("{other}^"),
    };
    let at = |commit: &str| git_bytes(&root, &["show", &format!("{commit}:{name}")]).ok();
    let (Some(ours), Some(theirs)) = (at("HEAD"), at(other)) else {
        return Ok(None);
    };
    let base = at(&base_commit);
    let now = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let they_changed = base.as_ref() != Some(&theirs) && theirs != ours;
    Ok((they_changed && now == ours).then(|| Versions {
        base,
        ours,
        theirs,
        from: format!("HEAD and {other}"),
    }))
}

/// The merge commit that left git's conflict markers in `path` (its version
/// has them, its parents' do not), newest first, with its parents' versions
/// and their merge base's: what to merge again with Stances.
pub fn marked_merge(path: &Path) -> Result<Option<Versions>, String> {
    let Some(root) = work_tree(path) else {
        return Ok(None);
    };
    let name = repo_path(&root, path).ok_or_else(|| format!("{}: not inside its repository", path.display()))?;
    let merges = git(&root, &["log", "--merges", "--format=%H", "--", &name])?;
    let marked = |bytes: &[u8]| bytes.split(|&b| b == b'\n').any(|l| l.starts_with(b"<<<<<<<"));
    for commit in merges.lines() {
        let at = |rev: &str| git_bytes(&root, &["show", &format!("{rev}:{name}")]).ok();
        let Some(merged) = at(commit) else { continue };
        let (Some(ours), Some(theirs)) = (at(&format!("{commit}^1")), at(&format!("{commit}^2"))) else {
            continue;
        };
        if !marked(&merged) || marked(&ours) || marked(&theirs) {
            continue;
        }
        let base = git(&root, &["merge-base", &format!("{commit}^1"), &format!("{commit}^2")])
            .ok()
            .and_then(|b| at(&b));
        let short = commit.get(..7).unwrap_or(commit);
        return Ok(Some(Versions {
            base,
            ours,
            theirs,
            from: format!("the two sides of merge commit {short}"),
        }));
    }
    Ok(None)
}
