//! `stances git-setup [--global]`: makes git merge comparison files with
//! `stances merge` and show their diffs through `stances describe`: the
//! `.gitattributes` line and the matching `git config` entries. Running it again
//! changes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The attributes line: which files Stances merges and describes.
pub const ATTRIBUTES_LINE: &str = "*.stances.ron merge=stances diff=stances";

/// Runs git with `args` in `dir`; its standard output, trimmed, or what went wrong.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run git ({e}); install git and try again"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

/// The command git runs: this very program, so that it works whether or not
/// `stances` is on the PATH, quoted for the shell git runs it through.
fn stances_command() -> String {
    let exe = std::env::current_exe().map_or_else(|_| "stances".to_owned(), |p| p.display().to_string());
    if exe.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c)) {
        exe
    } else {
        format!("'{}'", exe.replace('\'', r"'\''"))
    }
}

/// Sets up git in (the repository around) `dir`, or for every repository of the
/// user with `global`; returns what it did, one line per step.
pub fn setup(dir: &Path, global: bool) -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    let attributes = if global {
        global_attributes_file(dir)?
    } else {
        let root = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
            format!(
                "{} is not inside a git repository; run this in your repository's folder (or `git init` first), or add --global to set up git for all your repositories",
                dir.display()
            )
        })?;
        PathBuf::from(root).join(".gitattributes")
    };
    let existing = std::fs::read_to_string(&attributes).unwrap_or_default();
    if existing.lines().any(|l| l.trim() == ATTRIBUTES_LINE) {
        done.push(format!("{}: already has `{ATTRIBUTES_LINE}`", attributes.display()));
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES_LINE);
        text.push('\n');
        if let Some(parent) = attributes.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot make {}: {e}", parent.display()))?;
        }
        std::fs::write(&attributes, text).map_err(|e| format!("cannot write {}: {e}", attributes.display()))?;
        done.push(format!("{}: added `{ATTRIBUTES_LINE}`", attributes.display()));
    }
    let exe = stances_command();
    let scope = if global { "--global" } else { "--local" };
    for (key, value) in [
        (
            "merge.stances.name",
            "Stances: three-way merge of comparisons".to_owned(),
        ),
        ("merge.stances.driver", format!("{exe} merge %O %A %B --path %P")),
        ("diff.stances.textconv", format!("{exe} describe")),
    ] {
        let now = git(dir, &["config", scope, "--get", key]).unwrap_or_default();
        if now == value {
            done.push(format!("git config {scope} {key}: already `{value}`"));
        } else {
            git(dir, &["config", scope, key, &value]).map_err(|e| format!("git config {scope} {key} failed: {e}"))?;
            done.push(format!("git config {scope} {key} = `{value}`"));
        }
    }
    if !global {
        done.push("Commit .gitattributes so that everyone's clone knows comparison files; each member runs `stances git-setup` once in their clone.".into());
    }
    Ok(done)
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
pub fn run(global: bool) -> ExitCode {
    let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match setup(&dir, global) {
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
