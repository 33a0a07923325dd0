//! Shared test helpers: a harness that drives the real app, and temporary files.

#![allow(dead_code, reason = "each test file uses a different subset")]

pub mod git;
pub mod http;
pub mod live;
pub mod student;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stances::gui::{AppOptions, StancesApp};

/// The real app in a 1600×1000 window, opening `files` (the welcome screen when empty),
/// with typed-path prompts in place of native dialogs and no autosave.
pub fn harness_with(files: Vec<PathBuf>) -> Harness<'static, StancesApp> {
    harness_with_autosave(files, None)
}

/// As [`harness_with`], autosaving to `autosave_dir`.
pub fn harness_with_autosave(files: Vec<PathBuf>, autosave_dir: Option<PathBuf>) -> Harness<'static, StancesApp> {
    harness_of(
        [1600.0, 1000.0],
        AppOptions {
            autosave_dir,
            ..options(files)
        },
    )
}

/// What the tests start the app with: `files`, typed-path prompts in place of
/// native dialogs, no autosave, no new windows, coding as "coder".
pub fn options(files: Vec<PathBuf>) -> AppOptions {
    AppOptions {
        files,
        coders: false,
        class: false,
        coder_source: Default::default(),
        native_dialogs: false,
        autosave_dir: None,
        new_windows: false,
        figure: false,
        // Who codes in tests: named, whatever the machine's environment says.
        coder: Some("coder".to_owned()),
    }
}

/// The real app started with `options` in a window of `size`, after its first frame.
pub fn harness_of(size: [f32; 2], options: AppOptions) -> Harness<'static, StancesApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        // As on a computer without Hebrew or Arabic fonts: the welcome screen's Oslo
        // card draws boxes (and the app says which font to install) rather than failing.
        .allow_missing_glyphs()
        .build_eframe(move |cc| StancesApp::new(cc, options));
    harness.run();
    harness
}

/// Runs the `stances` binary with `args`: (exit code, standard output, standard error).
pub fn run_stances<S: AsRef<std::ffi::OsStr>>(args: impl IntoIterator<Item = S>) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stances"))
        .args(args)
        .output()
        .expect("stances runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

/// Writes `text` to `name` in a fresh temporary folder.
pub fn write_temp(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("temporary file");
    path
}

pub fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/istanbul-2025-06-02.ron")
}

pub const UA_CEASEFIRE: &str =
    "Ukraine: A full and unconditional ceasefire on land, at sea and in the air for at least 30 days.";
pub const RU_TRUCE: &str =
    "Russia: A temporary truce of two to three days in specific areas of the front line, without further details.";
pub const UA_PRISONERS: &str =
    "Ukraine: Exchange all sick and severely wounded prisoners of war, including those under the age of 25.";
pub const RU_PRISONERS: &str =
    "Russia: Exchange all sick and severely wounded prisoners of war, including those under the age of 25.";

/// As [`harness_with`], in a window of `width` × 1000 (wide enough for many columns).
pub fn harness_wide(files: Vec<PathBuf>, width: f32) -> Harness<'static, StancesApp> {
    harness_of([width, 1000.0], options(files))
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(name)
}

/// Opens the menu bar's `menu` and clicks its item whose label contains `item`
/// (an item's label carries its shortcut too: "Export… Ctrl+E").
pub fn menu_item(harness: &mut Harness<'static, StancesApp>, menu: &str, item: &str) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::By;
    harness.get(By::new().label(menu).role(Role::Button)).click();
    harness.run();
    harness.get_by_label_contains(item).click();
    harness.run();
}

/// Types `path` into the open path prompt (whose hint contains `hint`) and presses its `button`.
pub fn answer_path_prompt(harness: &mut Harness<'static, StancesApp>, hint: &str, path: &str, button: &str) {
    harness.get_by_label_contains(hint).focus();
    harness.run();
    harness.get_by_label_contains(hint).type_text(path);
    harness.run();
    harness.get_by_label(button).click();
    // What the answer starts may read on a worker thread (a spreadsheet, a
    // class): its wake-up can ask for more frames than `run` allows.
    let _ = harness.try_run();
}

/// The real app opening `files` as one coding study (`stances --coders FILES…`).
pub fn harness_study(files: Vec<PathBuf>) -> Harness<'static, StancesApp> {
    harness_of(
        [1600.0, 1000.0],
        AppOptions {
            coders: true,
            ..options(files)
        },
    )
}

/// The two coders of the study fixture: alice and bob, coding the Istanbul round.
pub fn study_files() -> Vec<PathBuf> {
    vec![fixture("study/alice.stances.ron"), fixture("study/bob.stances.ron")]
}

/// The real app started with no file (the welcome screen), after one click on the
/// founding example's card: the Istanbul round of June 2025, as a new comparison.
pub fn harness_on_example() -> Harness<'static, StancesApp> {
    let mut harness = harness_with(vec![]);
    open_founding_example(&mut harness);
    harness
}

/// Clicks the founding example's card on the welcome screen.
pub fn open_founding_example(harness: &mut Harness<'static, StancesApp>) {
    harness
        .get_by_label("Open Russia-Ukraine direct talks, Istanbul, second round, 2 June 2025")
        .click();
    harness.run();
}

pub fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)
}

/// Compares `text` with the golden file, or writes it under `UPDATE_GOLDEN=1`.
pub fn assert_golden(name: &str, text: &str) {
    let path = golden(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1 to write it)", path.display()));
    if expected != text {
        let line = expected
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(text.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  now:    {:?}",
            line + 1,
            expected.lines().nth(line),
            text.lines().nth(line)
        );
    }
}

/// Thirty students' files: on Ukraine's ceasefire demand 18 say Disputed, 9
/// Partial, 3 Agreed.
pub fn class_of_thirty(dir: &tempfile::TempDir) -> Vec<std::path::PathBuf> {
    use stances::io::{load_position_file, save_comparison};
    use stances::model::mark::DemandRef;
    use stances::model::{Comparison, Edit, Mark};
    let file = load_position_file(&example_path()).expect("the example loads");
    let handout =
        Comparison::from_positions(vec![("data/istanbul-2025-06-02.ron".into(), file)]).expect("a comparison");
    (0..30)
        .map(|s| {
            let status = ["disputed", "partial", "agreed"][usize::from(s >= 18) + usize::from(s >= 27)];
            let mut cmp = handout.clone();
            cmp.apply(Edit::AddMark(Mark {
                id: format!("m{s}"),
                demands: vec![DemandRef::new("istanbul-2025-06-02", "ua", "ua-ceasefire")],
                status: status.into(),
                note: String::new(),
                coder: format!("student {s:02}"),
                created: "2026-12-03T09:00:00Z".into(),
                changed: "2026-12-03T09:00:00Z".into(),
                coders_said: Vec::new(),
                changes: Vec::new(),
            }))
            .expect("a new mark");
            let path = dir.path().join(format!("student-{s:02}.stances.ron"));
            save_comparison(&cmp, &path).expect("saved");
            path
        })
        .collect()
}

/// Steps the window until the import dialog has read its table: it reads on a
/// worker thread, never the window's, and says "Reading the table…" meanwhile.
pub fn until_read(harness: &mut Harness<'static, StancesApp>) {
    for _ in 0..2000 {
        // The worker's wake-up may land while the window settles: that asks for
        // more frames than `run` allows, which is no failure here.
        let _ = harness.try_run();
        if harness.query_by_label("Reading the table…").is_none() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the table was never read");
}
