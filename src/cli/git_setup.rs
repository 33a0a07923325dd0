//! `stances git-setup [--global] [--hook]`: makes git merge comparison files
//! with `stances merge`, show their diffs through `stances describe` and settle
//! them with `git mergetool --tool=stances`: the `.gitattributes` line and the
//! matching `git config` entries, and on request a pre-commit hook. The command
//! recorded keeps working when the program moves (found through `PATH` where
//! that is the program running; an AppImage's own path; a Flatpak's `flatpak
//! run`), and it is run once before anything is written. Running it again
//! changes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::io::git::{git, program_of, runnable};

/// The attributes line: which files Stances merges and describes.
pub const ATTRIBUTES_LINE: &str = "*.stances.ron merge=stances diff=stances";

/// The line that marks Stances's part of a pre-commit hook.
const HOOK_MARK: &str = "# stances: refuse a comparison git has not merged or whose conflicts are not settled";

/// How git should start this very program, in a form that survives it moving
/// (see [`crate::io::git::this_program`]).
pub fn recorded_command() -> String {
    crate::io::git::this_program()
}

/// Runs `command --version` as git would (through the shell): refused, with
/// what it said, when it does not answer as Stances.
fn try_command(command: &str) -> Result<(), String> {
    let line = format!("{command} --version");
    let out = if runnable("sh") {
        Command::new("sh").args(["-c", &line]).output()
    } else {
        Command::new(program_of(command)).arg("--version").output()
    }
    .map_err(|e| format!("`{line}` could not be run ({e})"))?;
    let said = String::from_utf8_lossy(&out.stdout);
    if out.status.success() && said.starts_with("stances ") {
        Ok(())
    } else {
        Err(format!(
            "`{line}` did not answer as Stances ({}); nothing was set up. Run git-setup from the Stances you use (or put it on your PATH), then try again",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Sets up git in (the repository around) `dir`, or for every repository of the
/// user with `global`, with a pre-commit hook on `hook`; returns what it did,
/// one line per step.
pub fn setup(dir: &Path, global: bool, hook: bool) -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    let root = if global {
        None
    } else {
        Some(PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
            format!(
                "{} is not inside a git repository; run this in your repository's folder (or `git init` first), or add --global to set up git for all your repositories",
                dir.display()
            )
        })?))
    };
    let exe = recorded_command();
    // Nothing is written before the command git will run is known to run.
    try_command(&exe)?;
    let attributes = match &root {
        Some(root) => root.join(".gitattributes"),
        None => global_attributes_file(dir)?,
    };
    done.push(add_attributes_line(&attributes)?);
    let scope = if global { "--global" } else { "--local" };
    for (key, value) in [
        (
            "merge.stances.name",
            "Stances: three-way merge of comparisons".to_owned(),
        ),
        (
            "merge.stances.driver",
            format!("{exe} merge %O %A %B --path=%P --ours-label=%X --theirs-label=%Y"),
        ),
        ("diff.stances.textconv", format!("{exe} describe")),
        (
            "mergetool.stances.cmd",
            format!("{exe} mergetool \"$BASE\" \"$LOCAL\" \"$REMOTE\" \"$MERGED\""),
        ),
        ("mergetool.stances.trustExitCode", "true".to_owned()),
    ] {
        let now = git(dir, &["config", scope, "--get", key]).unwrap_or_default();
        if now == value {
            done.push(format!("git config {scope} {key}: already `{value}`"));
        } else {
            git(dir, &["config", scope, key, &value]).map_err(|e| format!("git config {scope} {key} failed: {e}"))?;
            done.push(format!("git config {scope} {key} = `{value}`"));
        }
    }
    done.push(format!("Checked: `{exe} --version` runs, as git will run it."));
    if hook && let Some(root) = &root {
        done.push(install_hook(root, &exe)?);
    }
    if !global {
        done.push("Commit .gitattributes so that everyone's clone knows comparison files; each member runs `stances git-setup` once in their clone. A comparison git still could not merge is merged again with `stances resolve FILE`; `git mergetool --tool=stances` settles one in the window.".into());
    }
    Ok(done)
}

/// Adds the attributes line to `path` unless it is there; every byte already in
/// the file is kept as it was (a file in another encoding too).
fn add_attributes_line(path: &Path) -> Result<String, String> {
    let existing = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let has_line = existing
        .split(|&b| b == b'\n')
        .any(|line| line.trim_ascii() == ATTRIBUTES_LINE.as_bytes());
    if has_line {
        return Ok(format!("{}: already has `{ATTRIBUTES_LINE}`", path.display()));
    }
    let mut bytes = existing;
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(ATTRIBUTES_LINE.as_bytes());
    bytes.push(b'\n');
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot make {}: {e}", parent.display()))?;
    }
    crate::io::write_atomically(path, &bytes)?;
    Ok(format!("{}: added `{ATTRIBUTES_LINE}`", path.display()))
}

/// The part of a pre-commit hook that checks the comparisons being committed:
/// the staged ones, or, while a merge or rebase is under way, every comparison
/// (a file git could not merge and left as ours is not a change to commit, and
/// would slip through otherwise).
fn hook_lines(exe: &str) -> String {
    format!(
        "{HOOK_MARK} (added by `stances git-setup --hook`)\n\
         stances_files() {{\n\
         \x20   if git rev-parse -q --verify MERGE_HEAD >/dev/null 2>&1 || git rev-parse -q --verify REBASE_HEAD >/dev/null 2>&1; then\n\
         \x20       git ls-files -z -- '*.stances.ron'\n\
         \x20   else\n\
         \x20       git diff --cached --name-only -z --diff-filter=ACMR -- '*.stances.ron'\n\
         \x20   fi\n\
         }}\n\
         if stances_files | tr '\\0' '\\n' | grep -q .; then\n\
         \x20   stances_files | xargs -0 {exe} check --strict || {{\n\
         \x20       echo \"pre-commit (stances): commit refused: a comparison above is not merged, or holds conflicts to settle. Settle them in Stances, git add, and commit again.\" >&2\n\
         \x20       exit 1\n\
         \x20   }}\n\
         fi\n"
    )
}

/// Installs the pre-commit hook, or adds its lines to the shell hook there is;
/// a hook in another language is left as it is, with what to add said.
fn install_hook(root: &Path, exe: &str) -> Result<String, String> {
    let hooks = PathBuf::from(git(root, &["rev-parse", "--git-path", "hooks"])?);
    let hooks = if hooks.is_absolute() { hooks } else { root.join(hooks) };
    let path = hooks.join("pre-commit");
    let lines = hook_lines(exe);
    let text = match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let written = match text {
        Some(bytes) if String::from_utf8_lossy(&bytes).contains(HOOK_MARK) => {
            return Ok(format!("{}: already checks comparisons", path.display()));
        }
        Some(bytes) => {
            let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
            let shell = [
                &b"#!/bin/sh"[..],
                b"#!/bin/bash",
                b"#!/usr/bin/env sh",
                b"#!/usr/bin/env bash",
            ]
            .iter()
            .any(|s| first.trim_ascii() == *s);
            if !shell {
                return Ok(format!(
                    "{}: a pre-commit hook that is not a shell script is there already, and is left as it is; add to it what runs `{exe} check --strict` on the comparisons being committed:\n{lines}",
                    path.display()
                ));
            }
            let mut bytes = bytes;
            if !bytes.ends_with(b"\n") {
                bytes.push(b'\n');
            }
            bytes.extend_from_slice(lines.as_bytes());
            crate::io::write_atomically(&path, &bytes)?;
            format!(
                "{}: added the check of comparisons to the hook there was",
                path.display()
            )
        }
        None => {
            std::fs::create_dir_all(&hooks).map_err(|e| format!("cannot make {}: {e}", hooks.display()))?;
            crate::io::write_atomically(&path, format!("#!/bin/sh\n{lines}").as_bytes())?;
            format!(
                "{}: installed: a commit of a comparison git has not merged, or whose conflicts are not settled, is refused",
                path.display()
            )
        }
    };
    make_executable(&path)?;
    Ok(written)
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt as _;
    let mut permissions = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .permissions();
    permissions.set_mode(permissions.mode() | 0o755);
    std::fs::set_permissions(path, permissions).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<(), String> {
    Ok(())
}

/// The user's own attributes file: `core.attributesFile`, or git's default.
fn global_attributes_file(dir: &Path) -> Result<PathBuf, String> {
    if let Ok(path) = git(dir, &["config", "--global", "--get", "core.attributesFile"])
        && !path.is_empty()
    {
        let expanded = match path.strip_prefix("~/") {
            Some(rest) => home()?.join(rest),
            None => PathBuf::from(path),
        };
        return Ok(expanded);
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .map_or_else(|| home().map(|h| h.join(".config")), Ok)?;
    Ok(config.join("git").join("attributes"))
}

fn home() -> Result<PathBuf, String> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .ok_or_else(|| "cannot tell your home folder (HOME is not set)".to_owned())
}

/// Runs `stances git-setup`.
#[expect(clippy::print_stdout, clippy::print_stderr, reason = "a command-line report")]
pub fn run(global: bool, hook: bool) -> ExitCode {
    let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match setup(&dir, global, hook) {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("stances git-setup: {e}");
            ExitCode::from(1)
        }
    }
}
