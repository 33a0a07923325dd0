//! Real git repositories in temporary folders, for the tests of working as a team.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use stances::io::{load_comparison, save_comparison};
use stances::model::mark::DemandRef;
use stances::model::{Comparison, Edit, Mark};

pub const DOC: &str = "istanbul-2025-06-02";
pub const FILE: &str = "talks.stances.ron";

/// Runs a program in `dir`, with git's user and no global or system config, so the
/// machine's own settings cannot change the outcome.
pub fn run_in(dir: &Path, program: &str, args: &[&str]) -> (i32, String, String) {
    run_with(dir, program, args, &[])
}

/// As [`run_in`], with more environment variables (`PATH`, `APPIMAGE`…).
pub fn run_with(dir: &Path, program: &str, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> (i32, String, String) {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .envs(env.iter().copied())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.join(".no-global-gitconfig"))
        .env("GIT_AUTHOR_NAME", "Tester")
        .env("GIT_AUTHOR_EMAIL", "tester@example.org")
        .env("GIT_COMMITTER_NAME", "Tester")
        .env("GIT_COMMITTER_EMAIL", "tester@example.org")
        .env("GIT_PAGER", "cat");
    // A program a test copied a moment ago may still be open for writing in a
    // process another test is starting (a fork keeps the parent's descriptors
    // until it runs its program): "Text file busy" (ETXTBSY) passes in a moment.
    let mut tries = 0;
    let out = loop {
        match command.output() {
            Err(e) if e.raw_os_error() == Some(26) && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            result => break result.unwrap_or_else(|e| panic!("{program} runs: {e}")),
        }
    };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn git(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run_in(dir, "git", args);
    assert_eq!(code, 0, "git {args:?} failed:\n{out}\n{err}");
    out
}

pub fn stances(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_in(dir, env!("CARGO_BIN_EXE_stances"), args)
}

pub fn mark(id: &str, demand: (&str, &str), status: &str, coder: &str) -> Mark {
    Mark {
        id: id.into(),
        demands: vec![DemandRef::new(DOC, demand.0, demand.1)],
        status: status.into(),
        note: String::new(),
        coder: coder.into(),
        created: "2026-12-01T10:00:00Z".into(),
        changed: "2026-12-01T10:00:00Z".into(),
        coders_said: Vec::new(),
        changes: Vec::new(),
    }
}

/// Changes the comparison in `dir` and commits it.
pub fn edit_and_commit(dir: &Path, message: &str, edit: impl FnOnce(&Comparison) -> Vec<Edit>) {
    let path = dir.join(FILE);
    let mut cmp = load_comparison(&path).unwrap().comparison;
    for e in edit(&cmp.clone()) {
        cmp.apply(e).unwrap();
    }
    save_comparison(&cmp, &path).unwrap();
    git(dir, &["commit", "-q", "-am", message]);
}

/// A repository set up by `stances git-setup`, holding one comparison with one mark
/// (`m-base`, by alice) on the `main` branch.
pub fn repository() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("study");
    std::fs::create_dir(&dir).unwrap();
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["config", "commit.gpgsign", "false"]);
    let (code, out, err) = stances(&dir, &["git-setup"]);
    assert_eq!(code, 0, "{out}{err}");
    let data = super::example_path();
    let (code, out, err) = stances(&dir, &["new", data.to_str().unwrap(), "-o", FILE]);
    assert_eq!(code, 0, "{out}{err}");
    let path = dir.join(FILE);
    let mut cmp = load_comparison(&path).unwrap().comparison;
    cmp.apply(Edit::AddMark(mark(
        "m-base",
        ("ua", "ua-ceasefire"),
        "disputed",
        "alice",
    )))
    .unwrap();
    save_comparison(&cmp, &path).unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "start"]);
    (tmp, dir)
}

pub fn restatus(id: &str, status: &str, coder: &str) -> impl FnOnce(&Comparison) -> Vec<Edit> {
    let (id, status, coder) = (id.to_owned(), status.to_owned(), coder.to_owned());
    move |cmp| {
        let mut m = cmp.mark(&id).unwrap().clone();
        m.status = status;
        m.coder = coder;
        m.changed = "2026-12-02T09:00:00Z".into();
        vec![Edit::ReplaceMark(m)]
    }
}

/// Two branches whose changes to the base's mark clash: alice says agreed, bob
/// partial. `git merge bob` is run on alice's branch; its exit code and output.
pub fn conflicting_merge() -> (tempfile::TempDir, PathBuf, i32, String) {
    let (tmp, dir) = repository();
    git(&dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(&dir, "bob recodes", restatus("m-base", "partial", "alice"));
    git(&dir, &["checkout", "-q", "main"]);
    edit_and_commit(&dir, "alice recodes", restatus("m-base", "agreed", "alice"));
    let (code, out, err) = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    (tmp, dir, code, format!("{out}{err}"))
}
