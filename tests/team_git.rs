//! Working as a team through git: real repositories in temporary folders,
//! `stances git-setup`, branches coding in parallel, `git merge` through the
//! driver, `git diff` and `git log -p` through `stances describe`.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use common::git::{FILE, conflicting_merge, edit_and_commit, git, mark, repository, restatus, run_in, stances};
use stances::io::{load_comparison, save_comparison};
use stances::model::Edit;

#[test]
fn git_setup_writes_the_attributes_and_config_and_is_idempotent() {
    let (_tmp, dir) = repository();
    let attributes = std::fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.stances.ron merge=stances diff=stances\n");
    let driver = git(&dir, &["config", "--get", "merge.stances.driver"]);
    assert!(
        driver
            .trim()
            .ends_with("merge %O %A %B --path=%P --ours-label=%X --theirs-label=%Y"),
        "{driver}"
    );
    let textconv = git(&dir, &["config", "--get", "diff.stances.textconv"]);
    assert!(textconv.trim().ends_with("describe"), "{textconv}");
    let (code, out, _) = stances(&dir, &["git-setup"]);
    assert_eq!(code, 0);
    assert!(out.contains("already has"), "{out}");
    assert!(out.contains("already `"), "{out}");
    assert_eq!(std::fs::read_to_string(dir.join(".gitattributes")).unwrap(), attributes);
}

#[test]
fn git_setup_outside_a_repository_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = stances(tmp.path(), &["git-setup"]);
    assert_eq!(code, 1);
    assert!(err.contains("not inside a git repository"), "{err}");
    assert!(err.contains("--global"), "{err}");
    assert!(!tmp.path().join(".gitattributes").exists());
}

#[test]
fn two_branches_adding_and_changing_marks_merge_cleanly() {
    let (_tmp, dir) = repository();
    git(&dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(&dir, "bob codes", |cmp| {
        let mut m = cmp.mark("m-base").unwrap().clone();
        m.note = "bob: 30 days against 2–3 days".into();
        vec![
            Edit::AddMark(mark("m-bob-1", ("ru", "ru-limited-truce"), "disputed", "bob")),
            Edit::AddMark(mark("m-bob-2", ("ua", "ua-children"), "unaddressed", "bob")),
            Edit::ReplaceMark(m),
        ]
    });
    git(&dir, &["checkout", "-q", "main"]);
    edit_and_commit(&dir, "alice codes", |cmp| {
        let mut m = cmp.mark("m-base").unwrap().clone();
        m.status = "partial".into();
        vec![
            Edit::AddMark(mark("m-alice-1", ("ua", "ua-prisoner-exchange"), "agreed", "alice")),
            // The same demand bob coded, by another coder: two coders' marks, no conflict.
            Edit::AddMark(mark("m-alice-2", ("ru", "ru-limited-truce"), "partial", "alice")),
            Edit::ReplaceMark(m),
        ]
    });
    let (code, out, err) = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("CONFLICT"), "{out}");
    let merged = load_comparison(&dir.join(FILE)).unwrap().comparison;
    let ids: Vec<&str> = merged.marks().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["m-alice-1", "m-alice-2", "m-base", "m-bob-1", "m-bob-2"]);
    let base = merged.mark("m-base").unwrap();
    assert_eq!(base.status, "partial", "alice's change");
    assert_eq!(
        base.note, "bob: 30 days against 2–3 days",
        "bob's change to another field"
    );
    assert!(merged.conflicts().is_empty());
    let (code, out, _) = stances(&dir, &["check", "--strict", FILE]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_clashing_merge_leaves_a_valid_file_git_reports_as_conflicted() {
    let (_tmp, dir, code, output) = conflicting_merge();
    assert_ne!(code, 0, "git must stop the merge: {output}");
    assert!(output.contains("merged with 1 conflict"), "{output}");
    let status = git(&dir, &["status", "--porcelain"]);
    assert!(status.contains(&format!("UU {FILE}")), "{status}");
    let text = std::fs::read_to_string(dir.join(FILE)).unwrap();
    assert!(!text.contains("<<<<<<<"), "no line-merge markers:\n{text}");
    let loaded = load_comparison(&dir.join(FILE)).unwrap();
    // Format 7: the conflicts, and what git called the two sides.
    assert_eq!(loaded.format, 7);
    assert_eq!(loaded.comparison.conflicts().len(), 1);
    assert_eq!(loaded.comparison.merge_sides().unwrap().theirs, "bob");
    let (code, out, _) = stances(&dir, &["check", FILE]);
    assert_eq!(code, 0);
    assert!(out.contains("1 unresolved merge conflict"), "{out}");
    let (code, _, _) = stances(&dir, &["check", "--strict", FILE]);
    assert_eq!(code, 1, "--strict fails while a conflict remains");
}

#[test]
fn git_diff_and_log_show_the_comparison_in_words() {
    let (_tmp, dir) = repository();
    edit_and_commit(&dir, "recode", restatus("m-base", "agreed", "alice"));
    let log = git(&dir, &["log", "-p", "-1"]);
    assert!(
        log.contains("-mark m-base by alice: Disputed — Ukraine: “A full and unconditional ceasefire"),
        "{log}"
    );
    assert!(log.contains("+mark m-base by alice: Agreed — Ukraine:"), "{log}");
    assert!(!log.contains("marks: ["), "the RON itself is not shown:\n{log}");
    std::fs::write(dir.join("notes.txt"), "x").unwrap();
    let mut cmp = load_comparison(&dir.join(FILE)).unwrap().comparison;
    let mut m = cmp.mark("m-base").unwrap().clone();
    m.note = "both accept a truce in principle".into();
    cmp.apply(Edit::ReplaceMark(m)).unwrap();
    save_comparison(&cmp, &dir.join(FILE)).unwrap();
    let diff = git(&dir, &["diff"]);
    assert!(
        diff.contains("+mark m-base note: both accept a truce in principle"),
        "{diff}"
    );
}

#[test]
fn a_file_git_merged_line_by_line_says_how_to_merge_it_again() {
    let (_tmp, dir) = repository();
    // Without the driver git merges the RON line by line and leaves markers.
    std::fs::remove_file(dir.join(".gitattributes")).unwrap();
    git(&dir, &["commit", "-q", "-am", "no attributes"]);
    git(&dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(&dir, "bob recodes", restatus("m-base", "partial", "bob"));
    git(&dir, &["checkout", "-q", "main"]);
    edit_and_commit(&dir, "alice recodes", restatus("m-base", "agreed", "alice"));
    let (code, _, _) = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    assert_ne!(code, 0);
    let (code, out, _) = stances(&dir, &["check", FILE]);
    assert_eq!(code, 1);
    assert!(out.contains("conflict markers"), "{out}");
    assert!(out.contains(&format!("Run `stances resolve {FILE}`")), "{out}");
    // What the message says works: Stances merges it again from git's index.
    let (code, out, err) = stances(&dir, &["resolve", FILE]);
    assert_eq!(code, 1, "merged with a conflict: {out}{err}");
    let loaded = load_comparison(&dir.join(FILE)).unwrap();
    assert_eq!(
        loaded.comparison.conflicts().len(),
        1,
        "the clash is now inside a valid file"
    );
}

#[test]
fn git_setup_global_writes_the_users_attributes_and_config() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path();
    let global_config = home.join("gitconfig");
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_stances"))
            .arg("git-setup")
            .arg("--global")
            .current_dir(home)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("GIT_CONFIG_GLOBAL", &global_config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, out) = run();
    assert_eq!(code, Some(0), "{out}");
    let attributes = std::fs::read_to_string(home.join("config/git/attributes")).unwrap();
    assert_eq!(attributes, "*.stances.ron merge=stances diff=stances\n");
    let config = std::fs::read_to_string(&global_config).unwrap();
    assert!(config.contains("[merge \"stances\"]"), "{config}");
    assert!(config.contains("merge %O %A %B --path=%P"), "{config}");
    assert!(config.contains("textconv"), "{config}");
    let (code, out) = run();
    assert_eq!(code, Some(0));
    assert!(out.contains("already has"), "{out}");
    assert_eq!(
        std::fs::read_to_string(&global_config).unwrap(),
        config,
        "nothing changed the second time"
    );
}
