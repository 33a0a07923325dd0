//! The application: owns the open comparison and its history, turns the UI's
//! actions into model edits, and handles files, shortcuts and quitting.

mod command;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText, Ui, ViewportCommand};

pub use command::{Action, Command};

use crate::model::alignment::Filter;
use crate::model::comparison_file::{self, COMPARISON_EXTENSION};
use crate::model::diagnostics::count;
use crate::model::mark::now_timestamp;
use crate::model::recovery::{Autosave, Recovered};
use crate::model::{Comparison, DemandIx, Edit, History, diagnostics, position_file};
use crate::ui::aligned_view::{self, AlignedView, Direction};
use crate::ui::details::{self, NoteEditor};
use crate::ui::dialogs::{FileAction, FileDialogs, UnsavedChoice, unsaved_prompt};
use crate::ui::toolbar;

/// The example opened when no file is given, built into the binary so that it
/// works wherever Stances is installed.
pub const BUNDLED_EXAMPLE: &str = include_str!("../data/istanbul-2025-06-02.ron");
pub const BUNDLED_EXAMPLE_PATH: &str = "data/istanbul-2025-06-02.ron";

const RECENT_KEY: &str = "stances.recent";
const MAX_RECENT: usize = 10;

/// How the app starts.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// Files named on the command line; none opens the bundled example.
    pub files: Vec<PathBuf>,
    /// Native file dialogs; tests use the typed-path prompt instead.
    pub native_dialogs: bool,
    /// Where autosaves for crash recovery go; `None` turns autosave off.
    pub autosave_dir: Option<PathBuf>,
}

/// How often unsaved work is autosaved, at most.
pub const AUTOSAVE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);
/// An autosave waits for this long a pause in the editing…
const AUTOSAVE_PAUSE: std::time::Duration = std::time::Duration::from_secs(1);
/// …but never longer than this since the last autosave.
const AUTOSAVE_LONGEST: std::time::Duration = std::time::Duration::from_secs(10);

/// Something that waits for the answer to "save changes?".
#[derive(Debug)]
enum Pending {
    Quit,
    New,
    Replace(Box<Comparison>, PathBuf),
}

impl Pending {
    fn describe(&self) -> &'static str {
        match self {
            Self::Quit => "closing",
            Self::New => "starting a new comparison",
            Self::Replace(..) => "opening another comparison",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum NoticeKind {
    Error,
    Info,
}

#[derive(Clone, Debug)]
struct Notice {
    kind: NoticeKind,
    text: String,
}

pub struct StancesApp {
    cmp: Comparison,
    history: History,
    /// Where the comparison was last saved or opened from.
    path: Option<PathBuf>,
    selection: Vec<DemandIx>,
    selection_layout: u64,
    filter: Filter,
    view: AlignedView,
    note: NoteEditor,
    dialogs: FileDialogs,
    /// Waiting for the user to answer the unsaved-changes prompt.
    pending: Option<Pending>,
    /// Carried out once a Save as… started by the prompt succeeds.
    after_save: Option<Pending>,
    notices: Vec<Notice>,
    recent: Vec<PathBuf>,
    allow_close: bool,
    /// Showing only the bundled example, untouched: opening a file replaces it.
    showing_example: bool,
    focus_search: bool,
    show_shortcuts: bool,
    title: String,
    autosave: Option<Autosave>,
    /// The revision last autosaved, and when.
    autosaved: Option<(u64, std::time::Instant)>,
    /// Work from a run that did not close cleanly, offered back at start.
    recovered: Option<Recovered>,
    disk: DiskWatch,
    /// The revision last seen and when it changed, to autosave in a pause.
    last_change: (u64, std::time::Instant),
    /// Marks per status, for the legend, and the revision they were counted at.
    counts: (u64, Vec<usize>),
}

/// Notices position files that change on disk while open (a co-author edits one),
/// by polling their modification times: a few `stat` calls every couple of seconds.
#[derive(Default)]
struct DiskWatch {
    /// Modification time of each document's file when it was read, by the path the comparison records.
    seen: std::collections::HashMap<String, std::time::SystemTime>,
    last_check: Option<std::time::Instant>,
    /// Files that changed and are waiting for the user to reload or ignore them.
    changed: Vec<String>,
}

const DISK_CHECK_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

fn modified(path: &str) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl DiskWatch {
    fn remember(&mut self, path: &str) {
        if let Some(time) = modified(path) {
            self.seen.insert(path.to_owned(), time);
        }
        self.changed.retain(|p| p != path);
    }

    fn check(&mut self, cmp: &Comparison, ctx: &egui::Context) {
        if self.last_check.is_some_and(|t| t.elapsed() < DISK_CHECK_INTERVAL) {
            return;
        }
        self.last_check = Some(std::time::Instant::now());
        for document in cmp.documents() {
            let (Some(seen), Some(now)) = (self.seen.get(&document.path), modified(&document.path)) else {
                continue;
            };
            if now != *seen && !self.changed.contains(&document.path) {
                self.changed.push(document.path.clone());
            }
        }
        ctx.request_repaint_after(DISK_CHECK_INTERVAL);
    }
}

impl StancesApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let recent = cc
            .storage
            .and_then(|s| eframe::get_value::<Vec<PathBuf>>(s, RECENT_KEY))
            .unwrap_or_default();
        let mut app = Self {
            cmp: Comparison::default(),
            history: History::default(),
            path: None,
            selection: Vec::new(),
            selection_layout: 0,
            filter: Filter::default(),
            view: AlignedView::default(),
            note: NoteEditor::default(),
            dialogs: FileDialogs::new(options.native_dialogs),
            pending: None,
            after_save: None,
            notices: Vec::new(),
            recent,
            allow_close: false,
            showing_example: false,
            focus_search: false,
            show_shortcuts: false,
            title: String::new(),
            autosave: options.autosave_dir.map(Autosave::new),
            autosaved: None,
            recovered: None,
            disk: DiskWatch::default(),
            counts: (u64::MAX, Vec::new()),
            last_change: (0, std::time::Instant::now()),
        };
        if let Some(autosave) = &app.autosave {
            match autosave.find_orphaned() {
                Some(Ok(recovered)) => app.recovered = Some(recovered),
                Some(Err(e)) => app.notify_error(format!("Autosaved work could not be read: {e}")),
                None => {}
            }
        }
        if options.files.is_empty() {
            app.open_bundled_example();
        } else {
            app.open_paths(&options.files);
            if app.cmp.side_count() == 0 && app.path.is_none() && app.pending.is_none() {
                app.notify_info("Nothing could be opened, so the bundled example is shown instead.");
                app.open_bundled_example();
            }
        }
        app
    }

    fn open_bundled_example(&mut self) {
        match position_file::parse_position_file(BUNDLED_EXAMPLE_PATH, BUNDLED_EXAMPLE)
            .map_err(|e| e.to_string())
            .and_then(|file| Comparison::from_positions(BUNDLED_EXAMPLE_PATH, file).map_err(|e| e.0))
        {
            Ok(cmp) => {
                self.replace_comparison(cmp, None);
                self.showing_example = true;
            }
            Err(e) => self.notify_error(format!("The bundled example does not load: {e}")),
        }
    }

    // ----- reading the state, for tests and the title -----

    pub fn comparison(&self) -> &Comparison {
        &self.cmp
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn selection(&self) -> &[DemandIx] {
        &self.selection
    }

    /// Selects a demand and scrolls it into view.
    pub fn select_and_reveal(&mut self, demand: DemandIx) {
        self.selection = vec![demand];
        self.view.reveal(demand);
    }

    /// Every message currently shown in the window.
    pub fn notices_text(&self) -> Vec<String> {
        self.notices.iter().map(|n| n.text.clone()).collect()
    }

    /// Error messages currently shown in the window.
    pub fn errors(&self) -> impl Iterator<Item = &str> {
        self.notices
            .iter()
            .filter(|n| n.kind == NoticeKind::Error)
            .map(|n| n.text.as_str())
    }

    pub fn window_title(&self) -> String {
        let name = match &self.path {
            Some(p) => p
                .file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
            None => match self.cmp.documents().first() {
                Some(d) => format!(
                    "Untitled comparison of {}",
                    Path::new(&d.path)
                        .file_name()
                        .map_or(d.path.clone(), |n| n.to_string_lossy().into_owned())
                ),
                None => "Untitled comparison".to_owned(),
            },
        };
        let dirty = if self.history.is_dirty() { "● " } else { "" };
        format!("{dirty}{name} — Stances")
    }

    // ----- notices -----

    fn notify_error(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.notices.retain(|n| n.text != text);
        self.notices.push(Notice {
            kind: NoticeKind::Error,
            text,
        });
        if self.notices.len() > 8 {
            self.notices.remove(0);
        }
    }

    fn notify_info(&mut self, text: impl Into<String>) {
        self.notices.retain(|n| n.kind == NoticeKind::Error);
        self.notices.push(Notice {
            kind: NoticeKind::Info,
            text: text.into(),
        });
    }

    // ----- files -----

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// The bundled example nobody has touched yet: opening a file replaces it rather than adding to it.
    fn is_pristine(&self) -> bool {
        self.showing_example && self.path.is_none() && !self.history.can_undo()
    }

    /// Opens position and comparison files. Each failure is reported and changes nothing.
    pub fn open_paths(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.open_path(path);
        }
    }

    fn open_path(&mut self, path: &Path) {
        let shown = diagnostics::display_path(path);
        let text = match diagnostics::read_text(path) {
            Ok(text) => text,
            Err(e) => return self.notify_error(e.to_string()),
        };
        if comparison_file::is_comparison_file(path, Some(&text)) {
            match comparison_file::parse(&shown, &text) {
                Ok(cmp) => {
                    self.remember_recent(path);
                    if self.history.is_dirty() {
                        self.pending = Some(Pending::Replace(Box::new(cmp), path.to_path_buf()));
                    } else {
                        self.replace_comparison(cmp, Some(path.to_path_buf()));
                    }
                }
                Err(e) => self.notify_error(e.to_string()),
            }
            return;
        }
        let file = match position_file::parse_position_file(&shown, &text) {
            Ok(file) => file,
            Err(e) => return self.notify_error(e.to_string()),
        };
        self.remember_recent(path);
        self.disk.remember(&shown);
        if self.is_pristine() {
            match Comparison::from_positions(shown.clone(), file) {
                Ok(cmp) => {
                    self.replace_comparison(cmp, None);
                    self.notify_info(format!("Opened {shown}"));
                }
                Err(e) => self.notify_error(e.0),
            }
            return;
        }
        // Adds the file to the comparison and shows its sides, as one undoable step.
        let mut edits = vec![Edit::InsertDocument {
            index: self.cmp.documents().len(),
            document: crate::model::PositionDocument {
                path: shown.clone(),
                data: file.clone(),
            },
        }];
        // A one-side file is compared with the side on the left; a file with more shows its first two.
        let first_panel = usize::from(file.sides.len() == 1);
        for (panel, side) in file.sides.iter().take(2).enumerate() {
            edits.push(Edit::ShowSide {
                panel: first_panel + panel,
                side: Some(side.id.clone()),
            });
        }
        match self.history.apply(&mut self.cmp, Edit::Batch(edits), None) {
            Ok(()) => self.notify_info(format!("Added {shown} to the comparison")),
            Err(e) => self.notify_error(format!("{shown}: {e}")),
        }
    }

    fn replace_comparison(&mut self, cmp: Comparison, path: Option<PathBuf>) {
        self.showing_example = false;
        self.cmp = cmp;
        self.history = History::default();
        self.path = path;
        self.selection.clear();
        self.note = NoteEditor::default();
        self.view = AlignedView::default();
        self.counts = (u64::MAX, Vec::new());
        self.disk = DiskWatch::default();
        let paths: Vec<String> = self.cmp.documents().iter().map(|d| d.path.clone()).collect();
        for path in paths {
            self.disk.remember(&path);
        }
        let orphans = self.cmp.orphans().count();
        if orphans > 0 {
            self.notify_error(format!(
                "{} not in the embedded position files; listed as orphaned in the details pane",
                count(orphans, "mark names a demand", "marks name demands")
            ));
        }
    }

    /// Saves to `path`; returns whether it worked.
    fn save_to(&mut self, path: &Path) -> bool {
        match comparison_file::save(&self.cmp, path) {
            Ok(()) => {
                self.history.mark_saved();
                if let Some(autosave) = &self.autosave {
                    autosave.clear();
                }
                self.path = Some(path.to_path_buf());
                self.remember_recent(path);
                self.notify_info(format!("Saved to {}", path.display()));
                true
            }
            Err(e) => {
                self.notify_error(e);
                false
            }
        }
    }

    fn suggested_save_path(&self) -> PathBuf {
        if let Some(path) = &self.path {
            return path.clone();
        }
        let stem = self
            .cmp
            .documents()
            .first()
            .and_then(|d| Path::new(&d.path).file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "comparison".to_owned());
        let dir = directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(Path::to_path_buf))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        dir.join(format!("{stem}.{COMPARISON_EXTENSION}"))
    }

    fn save(&mut self, ctx: &egui::Context) -> bool {
        match self.path.clone() {
            Some(path) => self.save_to(&path),
            None => {
                self.dialogs
                    .request(ctx, FileAction::SaveAs, Some(self.suggested_save_path()));
                false
            }
        }
    }

    fn carry_out(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Pending::New => {
                self.replace_comparison(Comparison::default(), None);
                self.notify_info("New comparison: open position files with File › Open… or drop them here.");
            }
            Pending::Replace(cmp, path) => self.replace_comparison(*cmp, Some(path)),
        }
    }

    /// Runs `pending` now, or asks first if there are unsaved changes.
    fn guard(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.history.is_dirty() {
            self.pending = Some(pending);
        } else {
            self.carry_out(ctx, pending);
        }
    }

    // ----- edits -----

    fn apply(&mut self, edit: Option<Edit>, merge_key: Option<String>) {
        if let Some(edit) = edit
            && let Err(e) = self.history.apply(&mut self.cmp, edit, merge_key)
        {
            self.notify_error(e.0);
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.guard(ctx, Pending::New),
            Command::Open => self.dialogs.request(ctx, FileAction::Open, self.path.clone()),
            Command::Save => {
                self.save(ctx);
            }
            Command::SaveAs => self
                .dialogs
                .request(ctx, FileAction::SaveAs, Some(self.suggested_save_path())),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo => {
                if let Err(e) = self.history.undo(&mut self.cmp) {
                    self.notify_error(format!("Cannot undo: {e}"));
                }
            }
            Command::Redo => {
                if let Err(e) = self.history.redo(&mut self.cmp) {
                    self.notify_error(format!("Cannot redo: {e}"));
                }
            }
            Command::RemoveMark => {
                if let Some(id) = self.cmp.mark_for_selection(&self.selection) {
                    self.apply(Some(Edit::RemoveMark(id)), None);
                }
            }
            Command::ClearSelection => self.selection.clear(),
            Command::Find => self.focus_search = true,
            Command::Shortcuts => self.show_shortcuts = !self.show_shortcuts,
        }
    }

    fn handle(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(command) => self.run(ctx, command),
            Action::OpenPaths(paths) => self.open_paths(&paths),
            Action::Select { demand, extend } => {
                self.history.seal();
                if extend {
                    if let Some(at) = self.selection.iter().position(|&d| d == demand) {
                        self.selection.remove(at);
                    } else {
                        self.selection.push(demand);
                    }
                } else {
                    self.selection = vec![demand];
                }
            }
            Action::SelectMark(id) => {
                if let Some(mark) = self.cmp.mark(id) {
                    self.selection = mark.demands.iter().filter_map(|r| self.cmp.resolve(r)).collect();
                }
            }
            Action::ApplyStatus(status) => {
                let edit = self.cmp.status_edit(&self.selection, &status, &now_timestamp());
                self.apply(edit, None);
            }
            Action::NewMark(status) => {
                let edit = self.cmp.new_mark_edit(&self.selection, &status, &now_timestamp());
                self.apply(edit, None);
            }
            Action::RemoveMark(id) => self.apply(Some(Edit::RemoveMark(id)), None),
            Action::SetNote { mark, note } => {
                let edit = self.cmp.note_edit(mark, &note, &now_timestamp());
                self.apply(edit, Some(format!("note {mark}")));
            }
            Action::SealNote => self.history.seal(),
            Action::ShowSide { panel, side } => {
                let other = 1 - panel.min(1);
                let current = self.cmp.shown_sides().get(panel).cloned().flatten();
                let edit = if side.is_some() && self.cmp.shown_sides().get(other) == Some(&side) {
                    // Choosing the side the other panel shows swaps the panels.
                    Edit::Batch(vec![
                        Edit::ShowSide {
                            panel: other,
                            side: current,
                        },
                        Edit::ShowSide { panel, side },
                    ])
                } else {
                    Edit::ShowSide { panel, side }
                };
                self.apply(Some(edit), None);
            }
            Action::SetQuery(query) => self.filter.query = query,
            Action::ToggleStatusFilter(status) => {
                if !self.filter.statuses.remove(&status) {
                    self.filter.statuses.insert(status);
                }
            }
            Action::ToggleUnmarkedFilter => self.filter.unmarked = !self.filter.unmarked,
            Action::ClearFilter => self.filter = Filter::default(),
            Action::Reload(path) => self.reload(&path),
            Action::IgnoreChange(path) => self.disk.remember(&path),
        }
    }

    /// Keyboard shortcuts. Plain keys (digits, arrows, Delete) are left to text fields that have focus.
    fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let typing = ctx.egui_wants_keyboard_input();
        for command in Command::ALL {
            let Some(shortcut) = command.shortcut() else { continue };
            if typing && (command.is_plain_key() || matches!(command, Command::Undo | Command::Redo)) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                actions.push(Action::Run(command));
            }
        }
        if !typing && ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Y)) {
            actions.push(Action::Run(Command::Redo));
        }
        if typing {
            return;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Backspace)) {
            actions.push(Action::Run(Command::RemoveMark));
        }
        const DIGITS: [Key; 9] = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (i, key) in DIGITS.into_iter().enumerate() {
            if ctx.input_mut(|inp| inp.consume_key(Modifiers::NONE, key))
                && let Some(status) = self.cmp.codebook().statuses.get(i)
            {
                actions.push(Action::ApplyStatus(status.id.clone()));
            }
        }
        for (key, direction) in [
            (Key::ArrowUp, Direction::Up),
            (Key::ArrowDown, Direction::Down),
            (Key::ArrowLeft, Direction::Left),
            (Key::ArrowRight, Direction::Right),
        ] {
            let extend = ctx.input(|i| i.modifiers.shift);
            let pressed =
                ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key));
            if !pressed {
                continue;
            }
            let target = match self.selection.last() {
                Some(&from) => self.view.neighbour(from, direction),
                None => self.view.first_demand(),
            };
            if let Some(demand) = target {
                self.view.reveal(demand);
                actions.push(Action::Select { demand, extend });
            }
        }
    }

    fn notices_ui(&mut self, ui: &mut Ui) {
        let mut dismiss = None;
        for (i, notice) in self.notices.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                    dismiss = Some(i);
                }
                let text = RichText::new(&notice.text);
                let text = match notice.kind {
                    NoticeKind::Error => text.color(ui.visuals().error_fg_color),
                    NoticeKind::Info => text.weak(),
                };
                ui.add(egui::Label::new(text).wrap().selectable(true));
            });
        }
        if let Some(i) = dismiss {
            self.notices.remove(i);
        }
    }

    /// Writes the autosave when there are unsaved changes not yet autosaved and
    /// the last autosave is older than [`AUTOSAVE_INTERVAL`].
    fn autosave_if_due(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &self.autosave else { return };
        if self.recovered.is_some() {
            return; // Never overwrite anything before the user has answered the restore offer.
        }
        if !self.history.is_dirty() {
            if self.autosaved.is_some() {
                autosave.clear();
                self.autosaved = None;
            }
            return;
        }
        let revision = self.cmp.revision();
        if self.last_change.0 != revision {
            self.last_change = (revision, std::time::Instant::now());
        }
        // Writing a big comparison takes a moment, so it waits for a pause in the
        // editing (or at most AUTOSAVE_LONGEST), rather than interrupt typing.
        let paused = self.last_change.1.elapsed() >= AUTOSAVE_PAUSE;
        let due = match self.autosaved {
            Some((done, _)) if done == revision => return,
            Some((_, at)) => at.elapsed() >= AUTOSAVE_INTERVAL && (paused || at.elapsed() >= AUTOSAVE_LONGEST),
            None => true,
        };
        if !due {
            ctx.request_repaint_after(AUTOSAVE_PAUSE);
            return;
        }
        match autosave.write(&self.cmp, self.path.as_deref()) {
            Ok(()) => self.autosaved = Some((revision, std::time::Instant::now())),
            Err(e) => {
                self.autosaved = Some((revision, std::time::Instant::now()));
                self.notify_error(format!("Autosave failed: {e}"));
            }
        }
    }

    fn recovery_prompt(&mut self, ctx: &egui::Context) {
        let Some(recovered) = &self.recovered else { return };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("recovery_prompt")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Restore unsaved work?");
            let whence = recovered
                .path
                .as_ref()
                .map_or("an unsaved comparison".to_owned(), |p| p.display().to_string());
            ui.label(format!(
                "Stances did not close cleanly last time. Work on {whence} was autosaved at {}, with {}.",
                recovered.written,
                count(recovered.comparison.marks().len(), "mark", "marks")
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    choice = Some(true);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(false);
                }
            });
        });
        if let Some(restore) = choice
            && let Some(recovered) = self.recovered.take()
        {
            Autosave::dismiss(&recovered);
            if restore {
                let path = recovered.path.clone();
                self.replace_comparison(recovered.comparison, path);
                self.history.mark_unsaved();
                self.notify_info("Restored the autosaved work. Save it to keep it.");
            }
        }
    }

    /// Reads a changed position file again and puts it in place of the old version.
    fn reload(&mut self, path: &str) {
        self.disk.remember(path);
        let Some(index) = self.cmp.documents().iter().position(|d| d.path == path) else {
            return;
        };
        let data = match position_file::load_position_file(Path::new(path)) {
            Ok(data) => data,
            Err(e) => return self.notify_error(format!("{e}\nThe version already open is kept.")),
        };
        let before = self.cmp.orphans().count();
        let document = crate::model::PositionDocument {
            path: path.to_owned(),
            data,
        };
        match self
            .history
            .apply(&mut self.cmp, Edit::ReplaceDocument { index, document }, None)
        {
            Ok(()) => {
                let orphaned = self.cmp.orphans().count().saturating_sub(before);
                if orphaned > 0 {
                    self.notify_error(format!(
                        "Reloaded {path}: {} no longer there. They are kept, listed as orphaned in the details pane (undo brings the old version back).",
                        count(orphaned, "mark names a demand", "marks name demands")
                    ));
                } else {
                    self.notify_info(format!("Reloaded {path}; every mark still finds its demands."));
                }
            }
            Err(e) => self.notify_error(format!("{path}: {e}")),
        }
    }

    fn changed_on_disk_ui(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        for path in &self.disk.changed {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{path} changed on disk.")).color(ui.visuals().warn_fg_color));
                if ui.button("Reload").clicked() {
                    actions.push(Action::Reload(path.clone()));
                }
                if ui.button("Ignore").clicked() {
                    actions.push(Action::IgnoreChange(path.clone()));
                }
            });
        }
    }

    fn shortcuts_window(&mut self, ctx: &egui::Context) {
        let mut open = self.show_shortcuts;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcut_grid")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for command in Command::ALL {
                            if let Some(shortcut) = command.shortcut() {
                                ui.label(command.label());
                                ui.label(RichText::new(ctx.format_shortcut(&shortcut)).monospace());
                                ui.end_row();
                            }
                        }
                        for (what, keys) in [
                            ("Give the selection status 1–9 of the codebook", "1 … 9"),
                            ("Move the selection", "Arrow keys"),
                            ("Add to the selection", "Ctrl+click, Shift+arrow"),
                            ("Redo (also)", "Ctrl+Y"),
                        ] {
                            ui.label(what);
                            ui.label(RichText::new(keys).monospace());
                            ui.end_row();
                        }
                    });
            });
        self.show_shortcuts = open;
    }
}

impl eframe::App for StancesApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.selection_layout != self.cmp.layout_revision() {
            self.selection.clear();
            self.selection_layout = self.cmp.layout_revision();
        }

        // Quitting with unsaved work asks first.
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.history.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            if self.pending.is_none() {
                self.pending = Some(Pending::Quit);
            }
        }

        let mut actions = Vec::new();
        let modal_open = self.dialogs.is_open() || self.pending.is_some() || self.recovered.is_some();
        if !modal_open {
            self.shortcuts(&ctx, &mut actions);
            let dropped: Vec<PathBuf> = ctx.input(|i| {
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect()
            });
            if !dropped.is_empty() {
                actions.push(Action::OpenPaths(dropped));
            }
        }

        self.view.update_rows(&self.cmp, &self.filter);
        if self.counts.0 != self.cmp.revision() || self.counts.1.len() != self.cmp.codebook().statuses.len() {
            // Counting walks every mark: done once per change, not per frame.
            self.counts = (self.cmp.revision(), self.cmp.status_counts());
        }
        let counts = std::mem::take(&mut self.counts.1);
        egui::Panel::top("menu").show(ui, |ui| {
            toolbar::menu_bar(
                ui,
                &self.recent,
                self.history.can_undo(),
                self.history.can_redo(),
                &mut actions,
            );
        });
        egui::Panel::top("filter").show(ui, |ui| {
            ui.add_space(4.0);
            toolbar::filter_bar(
                ui,
                &self.cmp,
                &counts,
                &self.filter,
                std::mem::take(&mut self.focus_search),
                &mut actions,
            );
            ui.add_space(2.0);
        });
        self.counts.1 = counts;
        self.disk.check(&self.cmp, &ctx);
        if !self.notices.is_empty() || !self.disk.changed.is_empty() {
            egui::Panel::bottom("notices").show(ui, |ui| {
                self.changed_on_disk_ui(ui, &mut actions);
                self.notices_ui(ui);
            });
        }
        egui::Panel::right("details")
            .default_size(330.0)
            .min_size(240.0)
            .resizable(true)
            .show(ui, |ui| {
                details::show(ui, &self.cmp, &self.selection, &mut self.note, &mut actions);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if self.cmp.side_count() == 0 {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.heading("No position files open");
                    ui.label("Open position files with File › Open… (Ctrl+O), or drop them onto this window.");
                });
                return;
            }
            aligned_view::side_headers(ui, &self.cmp, &mut actions);
            ui.separator();
            if self.view.rows().is_empty() {
                ui.label(RichText::new("No demand matches the search and filter.").weak());
            }
            self.view.show(ui, &self.cmp, &self.selection, &mut actions);
        });

        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop")));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop position or comparison files to open them",
                egui::FontId::proportional(22.0),
                egui::Color32::WHITE,
            );
        }

        if let Some((action, paths)) = self.dialogs.show(&ctx) {
            match action {
                FileAction::Open => actions.push(Action::OpenPaths(paths)),
                FileAction::SaveAs => {
                    if let Some(path) = paths.into_iter().next() {
                        let path = with_comparison_extension(path);
                        if self.save_to(&path)
                            && let Some(pending) = self.after_save.take()
                        {
                            self.carry_out(&ctx, pending);
                        }
                    }
                }
            }
        }
        if let Some(pending) = &self.pending {
            match unsaved_prompt(&ctx, pending.describe()) {
                Some(UnsavedChoice::Save) => {
                    let pending = self.pending.take();
                    if self.save(&ctx) {
                        if let Some(p) = pending {
                            self.carry_out(&ctx, p);
                        }
                    } else {
                        self.after_save = pending;
                    }
                }
                Some(UnsavedChoice::Discard) => {
                    if let Some(p) = self.pending.take() {
                        self.carry_out(&ctx, p);
                    }
                }
                Some(UnsavedChoice::Cancel) => self.pending = None,
                None => {}
            }
        }
        self.shortcuts_window(&ctx);
        self.recovery_prompt(&ctx);

        for action in actions {
            self.handle(&ctx, action);
        }
        if self.selection_layout != self.cmp.layout_revision() {
            // Demands moved (a file was added, removed or reloaded): the selection no longer points at them.
            self.selection.clear();
            self.selection_layout = self.cmp.layout_revision();
        }

        self.autosave_if_due(&ctx);

        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
    }

    fn on_exit(&mut self) {
        // Closing cleanly, either saved or after the user chose not to save.
        if let Some(autosave) = &self.autosave {
            autosave.clear();
        }
    }
}

/// Adds `.stances.ron` to a path typed without a `.ron` extension.
fn with_comparison_extension(path: PathBuf) -> PathBuf {
    let is_ron = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if is_ron {
        path
    } else {
        let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(format!(".{COMPARISON_EXTENSION}"));
        path.with_file_name(name)
    }
}

/// Opens the window.
pub fn run(files: Vec<PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Stances")
            .with_app_id("stances")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Stances",
        options,
        Box::new(move |cc| {
            Ok(Box::new(StancesApp::new(
                cc,
                AppOptions {
                    files,
                    native_dialogs: true,
                    autosave_dir: crate::model::recovery::default_dir(),
                },
            )))
        }),
    )
}
