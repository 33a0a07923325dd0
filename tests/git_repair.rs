//! The git driver that cannot fail silently, with real repositories: a driver
//! found through PATH keeps working when the program moves and says so when it
//! is gone; an AppImage records its own path; a clone without the set-up, or a
//! driver that cannot run, leaves a file `stances resolve` merges again (from
//! git's index, or from the merge commit that committed git's markers); both
//! sides adding the file merge by identity; a rebase names its sides and says
//! `git rebase --continue`; the pre-commit hook refuses an unmerged or conflicted
//! comparison; `git mergetool --tool=stances` merges what git merged line by line.
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]

mod common;

use std::path::{Path, PathBuf};

use common::git::{FILE, edit_and_commit, git, mark, repository, restatus, run_in, run_with, stances};
use stances::io::load_comparison;
use stances::model::Edit;

const STANCES: &str = env!("CARGO_BIN_EXE_stances");

/// A copy of the program in `dir/bin`, as an installed `stances` would be.
fn installed_copy(dir: &Path, folder: &str) -> PathBuf {
    let bin = dir.join(folder);
    std::fs::create_dir_all(&bin).unwrap();
    let copy = bin.join("stances");
    std::fs::copy(STANCES, &copy).unwrap();
    copy
}

/// `PATH` with `first` before the system's folders (git itself must stay reachable).
fn path_with(first: &Path) -> std::ffi::OsString {
    let system = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(first.to_path_buf()).chain(std::env::split_paths(&system))).unwrap()
}

/// Two branches that each add a mark of their own right after the base's: a
/// clean merge by identity, but a clash line by line.
fn two_additions(dir: &Path) {
    git(dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(dir, "bob codes", |_| {
        vec![Edit::AddMark(mark(
            "m-c2",
            ("ru", "ru-limited-truce"),
            "disputed",
            "bob",
        ))]
    });
    git(dir, &["checkout", "-q", "main"]);
    edit_and_commit(dir, "alice codes", |_| {
        vec![Edit::AddMark(mark(
            "m-c1",
            ("ua", "ua-prisoner-exchange"),
            "agreed",
            "alice",
        ))]
    });
}

fn mark_ids(path: &Path) -> Vec<String> {
    load_comparison(path)
        .unwrap()
        .comparison
        .marks()
        .map(|m| m.id.clone())
        .collect()
}

#[test]
fn a_driver_found_through_path_survives_the_program_moving_and_is_said_when_gone() {
    let (tmp, dir) = repository();
    let first = installed_copy(tmp.path(), "bin1");
    let path = path_with(first.parent().unwrap());
    let (code, out, err) = run_with(&dir, first.to_str().unwrap(), &["git-setup"], &[("PATH", &path)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Checked: `stances --version` runs"), "{out}");
    let driver = git(&dir, &["config", "--get", "merge.stances.driver"]);
    assert_eq!(
        driver.trim(),
        "stances merge %O %A %B --path=%P --ours-label=%X --theirs-label=%Y"
    );
    // The program moves to another folder on PATH: git still finds it.
    let second = installed_copy(tmp.path(), "bin2");
    std::fs::remove_file(&first).unwrap();
    let moved = path_with(second.parent().unwrap());
    two_additions(&dir);
    let (code, out, err) = run_with(&dir, "git", &["merge", "--no-edit", "bob"], &[("PATH", &moved)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("merged cleanly") || out.contains("merged cleanly"),
        "{out}{err}"
    );
    assert_eq!(mark_ids(&dir.join(FILE)), ["m-base", "m-c1", "m-c2"]);
    // Gone from PATH altogether: every command opening the file says so.
    let (code, out, err) = run_with(&dir, STANCES, &["check", FILE], &[("PATH", &path_with(tmp.path()))]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("merges comparisons with `stances`, which cannot be run any more"),
        "{err}"
    );
    assert!(err.contains(" git-setup` here"), "{err}");
}

#[test]
fn an_appimage_records_its_own_path_and_the_setup_checks_it_runs() {
    let (tmp, dir) = repository();
    let appimage = installed_copy(tmp.path(), "Applications dir");
    let (code, out, err) = run_with(&dir, STANCES, &["git-setup"], &[("APPIMAGE", appimage.as_os_str())]);
    assert_eq!(code, 0, "{out}{err}");
    let driver = git(&dir, &["config", "--get", "merge.stances.driver"]);
    assert!(
        driver.starts_with(&format!("'{}' merge ", appimage.display())),
        "the AppImage's own path, quoted: {driver}"
    );
    // A command that does not run is refused before anything is written.
    let (_tmp2, dir2) = repository();
    let before = git(&dir2, &["config", "--get", "merge.stances.driver"]);
    let broken = tmp.path().join("not-stances");
    std::fs::write(&broken, "#!/bin/sh\nexit 3\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&broken, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (code, _, err) = run_with(&dir2, STANCES, &["git-setup"], &[("APPIMAGE", broken.as_os_str())]);
    assert_eq!(code, 1);
    assert!(err.contains("did not answer as Stances"), "{err}");
    assert_eq!(git(&dir2, &["config", "--get", "merge.stances.driver"]), before);
}

#[test]
fn a_driver_that_cannot_run_leaves_a_file_check_refuses_and_resolve_merges() {
    let (_tmp, dir) = repository();
    git(
        &dir,
        &[
            "config",
            "merge.stances.driver",
            "/gone/stances merge %O %A %B --path=%P",
        ],
    );
    two_additions(&dir);
    let (code, out, err) = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    assert_ne!(code, 0, "{out}{err}");
    // Git left ours: bob's mark is not in the file.
    assert_eq!(mark_ids(&dir.join(FILE)), ["m-base", "m-c1"]);
    let (code, out, err) = stances(&dir, &["check", "--strict", FILE]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("git has not merged it"), "{out}");
    assert!(out.contains(&format!("`stances resolve {FILE}`")), "{out}");
    assert!(err.contains("`/gone/stances`, which cannot be run any more"), "{err}");
    let (code, _, err) = stances(&dir, &["resolve", FILE]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("from git's index"), "{err}");
    assert!(err.contains(&format!("`git add {FILE}` and `git commit`")), "{err}");
    assert_eq!(mark_ids(&dir.join(FILE)), ["m-base", "m-c1", "m-c2"]);
}

#[test]
fn a_clone_without_the_setup_is_said_and_its_line_merge_is_merged_again() {
    let (tmp, origin) = repository();
    let dir = tmp.path().join("clone");
    git(tmp.path(), &["clone", "-q", origin.to_str().unwrap(), "clone"]);
    git(&dir, &["config", "commit.gpgsign", "false"]);
    let (_, _, err) = stances(&dir, &["check", FILE]);
    assert!(err.contains("this clone was never set up"), "{err}");
    two_additions(&dir);
    let (code, out, err) = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    assert_ne!(code, 0, "git merged line by line and stopped: {out}{err}");
    let text = std::fs::read_to_string(dir.join(FILE)).unwrap();
    assert!(text.contains("<<<<<<<"), "{text}");
    let (code, out, _) = stances(&dir, &["check", FILE]);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("Run `stances resolve {FILE}`")), "{out}");
    let (code, _, err) = stances(&dir, &["resolve", FILE]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mark_ids(&dir.join(FILE)), ["m-base", "m-c1", "m-c2"]);
}

#[test]
fn committed_conflict_markers_are_merged_again_from_the_merge_commit() {
    let (tmp, origin) = repository();
    let dir = tmp.path().join("clone");
    git(tmp.path(), &["clone", "-q", origin.to_str().unwrap(), "clone"]);
    git(&dir, &["config", "commit.gpgsign", "false"]);
    two_additions(&dir);
    let _ = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    git(&dir, &["add", FILE]);
    git(&dir, &["commit", "-q", "--no-edit"]);
    edit_and_commit_text(&dir, "an unrelated change", "README", "notes\n");
    let (code, _, err) = stances(&dir, &["resolve", FILE]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("from the two sides of merge commit"), "{err}");
    assert_eq!(mark_ids(&dir.join(FILE)), ["m-base", "m-c1", "m-c2"]);
    // Nothing left to resolve afterwards: said, not guessed.
    git(&dir, &["commit", "-q", "-am", "merged again with Stances"]);
    let (code, _, err) = stances(&dir, &["resolve", FILE]);
    assert_eq!(code, 2);
    assert!(err.contains("nothing to resolve"), "{err}");
}

fn edit_and_commit_text(dir: &Path, message: &str, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
    git(dir, &["add", name]);
    git(dir, &["commit", "-q", "-m", message]);
}

#[test]
fn two_branches_that_both_added_the_comparison_merge_by_identity() {
    let (_tmp, dir) = repository();
    let other = "second.stances.ron";
    let data = common::example_path();
    let add = |branch: &str, id: &str, coder: &str| {
        git(&dir, &["checkout", "-q", "-b", branch, "main"]);
        let (code, out, err) = stances(&dir, &["new", data.to_str().unwrap(), "-o", other]);
        assert_eq!(code, 0, "{out}{err}");
        let path = dir.join(other);
        let mut cmp = load_comparison(&path).unwrap().comparison;
        cmp.apply(Edit::AddMark(mark(id, ("ua", "ua-ceasefire"), "disputed", coder)))
            .unwrap();
        stances::io::save_comparison(&cmp, &path).unwrap();
        git(&dir, &["add", other]);
        git(&dir, &["commit", "-q", "-m", &format!("{coder} adds")]);
    };
    add("alice", "m-alice", "alice");
    add("bob", "m-bob", "bob");
    git(&dir, &["checkout", "-q", "alice"]);
    let (code, out, err) = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(mark_ids(&dir.join(other)), ["m-alice", "m-bob"]);
}

#[test]
fn a_rebase_names_its_sides_and_says_how_to_go_on() {
    let (_tmp, dir) = repository();
    git(&dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(&dir, "bob recodes", restatus("m-base", "partial", "alice"));
    git(&dir, &["checkout", "-q", "main"]);
    edit_and_commit(&dir, "alice recodes", restatus("m-base", "agreed", "alice"));
    git(&dir, &["checkout", "-q", "bob"]);
    let (code, out, err) = run_in(&dir, "git", &["rebase", "main"]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(err.contains("git rebase --continue"), "{err}");
    let text = std::fs::read_to_string(dir.join(FILE)).unwrap();
    assert!(text.contains("rebase: true"), "{text}");
    assert!(text.contains("(bob recodes)"), "{text}");
    let cmp = load_comparison(&dir.join(FILE)).unwrap().comparison;
    let sides = cmp.merge_sides().unwrap();
    assert_eq!(sides.ours_heading(), "Ours: the branch you are rebasing onto");
    assert!(sides.theirs_heading().starts_with("Theirs: your commit "), "{sides:?}");
    assert!(sides.theirs_heading().ends_with("(bob recodes)"), "{sides:?}");
}

#[test]
fn the_pre_commit_hook_refuses_an_unmerged_or_conflicted_comparison() {
    let (_tmp, dir) = repository();
    let (code, out, err) = stances(&dir, &["git-setup", "--hook"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("pre-commit: installed"), "{out}");
    // Installing again changes nothing.
    let (_, out, _) = stances(&dir, &["git-setup", "--hook"]);
    assert!(out.contains("already checks comparisons"), "{out}");
    // A merge with a conflict recorded in the file: git add works, commit is refused.
    git(&dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(&dir, "bob recodes", restatus("m-base", "partial", "alice"));
    git(&dir, &["checkout", "-q", "main"]);
    edit_and_commit(&dir, "alice recodes", restatus("m-base", "agreed", "alice"));
    let _ = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    git(&dir, &["add", FILE]);
    let (code, out, err) = run_in(&dir, "git", &["commit", "--no-edit"]);
    assert_ne!(code, 0, "the hook refuses: {out}{err}");
    assert!(
        format!("{out}{err}").contains("unresolved merge conflict"),
        "{out}{err}"
    );
    git(&dir, &["merge", "--abort"]);
    // A merge git could not do (no driver): ours added as it was, refused too.
    git(
        &dir,
        &["config", "merge.stances.driver", "/gone/stances merge %O %A %B"],
    );
    let _ = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    git(&dir, &["add", FILE]);
    let (code, out, err) = run_in(&dir, "git", &["commit", "--no-edit"]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(format!("{out}{err}").contains("git has not merged it"), "{out}{err}");
}

#[test]
fn an_existing_hook_is_kept_and_the_check_added_to_it() {
    let (_tmp, dir) = repository();
    let hooks = dir.join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::write(hooks.join("pre-commit"), "#!/bin/sh\necho mine\n").unwrap();
    let (code, out, err) = stances(&dir, &["git-setup", "--hook"]);
    assert_eq!(code, 0, "{out}{err}");
    let hook = std::fs::read_to_string(hooks.join("pre-commit")).unwrap();
    assert!(hook.starts_with("#!/bin/sh\necho mine\n"), "{hook}");
    assert!(hook.contains("check --strict"), "{hook}");
    // A hook in another language is not touched: what to add is said.
    std::fs::write(hooks.join("pre-commit"), "#!/usr/bin/env python3\nprint('mine')\n").unwrap();
    let (code, out, _) = stances(&dir, &["git-setup", "--hook"]);
    assert_eq!(code, 0);
    assert!(out.contains("is left as it is"), "{out}");
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit")).unwrap(),
        "#!/usr/bin/env python3\nprint('mine')\n"
    );
}

#[test]
fn git_mergetool_merges_with_stances_what_git_merged_line_by_line() {
    let (tmp, origin) = repository();
    let dir = tmp.path().join("clone");
    git(tmp.path(), &["clone", "-q", origin.to_str().unwrap(), "clone"]);
    git(&dir, &["config", "commit.gpgsign", "false"]);
    two_additions(&dir);
    let _ = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    assert!(std::fs::read_to_string(dir.join(FILE)).unwrap().contains("<<<<<<<"));
    // Set up now, the mergetool settles it with Stances (no window: nothing clashes).
    let (code, out, err) = stances(&dir, &["git-setup"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run_in(&dir, "git", &["mergetool", "--tool=stances", "--no-prompt", FILE]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(mark_ids(&dir.join(FILE)), ["m-base", "m-c1", "m-c2"]);
    let status = git(&dir, &["status", "--porcelain", "--", FILE]);
    assert!(status.starts_with("M "), "git counts it as resolved: {status}");
}

#[test]
fn git_setup_keeps_every_byte_of_an_attributes_file_it_cannot_read_as_text() {
    let (_tmp, dir) = repository();
    let latin1 = b"# Vorg\xe4nge\n*.csv text\n".to_vec();
    std::fs::write(dir.join(".gitattributes"), &latin1).unwrap();
    let (code, out, err) = stances(&dir, &["git-setup"]);
    assert_eq!(code, 0, "{out}{err}");
    let after = std::fs::read(dir.join(".gitattributes")).unwrap();
    let mut expected = latin1;
    expected.extend_from_slice(b"*.stances.ron merge=stances diff=stances\n");
    assert_eq!(after, expected);
}

/// Settled on our side after the driver's merge, the file is ours byte for byte,
/// yet merged: check --strict and the hook let it be committed (the driver noted
/// its merge). `stances resolve` will not replace a settled file unless forced,
/// and then keeps it beside.
#[test]
fn a_clash_settled_on_our_side_commits_and_resolve_keeps_settled_work() {
    let (_tmp, dir) = repository();
    let (code, out, err) = stances(&dir, &["git-setup", "--hook"]);
    assert_eq!(code, 0, "{out}{err}");
    git(&dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(&dir, "bob recodes", restatus("m-base", "partial", "alice"));
    git(&dir, &["checkout", "-q", "main"]);
    edit_and_commit(&dir, "alice recodes", restatus("m-base", "agreed", "alice"));
    let (code, _, _) = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    assert_ne!(code, 0);
    // resolve will not replace the driver's merge (conflicts recorded, valid).
    let (code, _, err) = stances(&dir, &["resolve", FILE]);
    assert_eq!(code, 2);
    assert!(err.contains("holds more than git left in it"), "{err}");
    assert!(err.contains(&format!("stances resolve --force {FILE}")), "{err}");
    // Settled by taking ours: the file is HEAD's again.
    git(&dir, &["checkout", "--ours", "--", FILE]);
    git(&dir, &["add", FILE]);
    let (code, out, err) = stances(&dir, &["check", "--strict", FILE]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run_in(&dir, "git", &["commit", "--no-edit"]);
    assert_eq!(code, 0, "the hook lets a settled merge in: {out}{err}");
}

#[test]
fn resolve_forced_keeps_the_file_as_it_was_and_the_hook_says_it_refuses() {
    let (_tmp, dir) = repository();
    let (code, out, err) = stances(&dir, &["git-setup", "--hook"]);
    assert_eq!(code, 0, "{out}{err}");
    git(&dir, &["checkout", "-q", "-b", "bob"]);
    edit_and_commit(&dir, "bob recodes", restatus("m-base", "partial", "alice"));
    git(&dir, &["checkout", "-q", "main"]);
    edit_and_commit(&dir, "alice recodes", restatus("m-base", "agreed", "alice"));
    let _ = run_in(&dir, "git", &["merge", "--no-edit", "bob"]);
    let merged = std::fs::read(dir.join(FILE)).unwrap();
    let (code, _, err) = stances(&dir, &["resolve", "--force", FILE]);
    assert_eq!(code, 1, "merged again, with its conflict: {err}");
    assert!(err.contains(&format!("kept as {FILE}.orig")), "{err}");
    assert_eq!(std::fs::read(dir.join(format!("{FILE}.orig"))).unwrap(), merged);
    // Committing with the conflict left: refused, and said.
    git(&dir, &["add", FILE]);
    let (code, out, err) = run_in(&dir, "git", &["commit", "--no-edit"]);
    assert_ne!(code, 0);
    let said = format!("{out}{err}");
    assert!(said.contains("pre-commit (stances): commit refused"), "{said}");
    assert!(said.contains("check --strict: not ready to commit"), "{said}");
}

#[test]
fn the_way_out_names_the_folder_and_the_program_that_runs() {
    let (_tmp, dir) = repository();
    git(
        &dir,
        &["config", "merge.stances.driver", "/gone/stances merge %O %A %B"],
    );
    let (_, _, err) = stances(&dir, &["check", FILE]);
    assert!(err.contains(" git-setup` here"), "run from the repository: {err}");
    assert!(!err.contains("''"), "{err}");
    assert!(err.contains("would keep our side only"), "{err}");
    // Not on PATH: the full path of the program, which runs.
    assert!(err.contains(&format!("run `{STANCES} git-setup`")), "{err}");
}
