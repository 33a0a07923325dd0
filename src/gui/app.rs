//! The application: what is open, and the layout of one frame. What happens in
//! response lives beside this file, one concern a file.

mod autosave;
pub(super) mod class;
mod codebook_edits;
mod codebook_files;
mod coding;
mod dialog_outcome;
pub(super) mod export;
pub(super) mod flow;
mod fonts;
mod frame;
mod git_flow;
mod handle;
mod handout;
pub(super) mod import;
mod keys;
mod live;
mod navigation;
mod panels;
mod positions;
pub(super) mod present;
mod saving;
pub(super) mod screen;
pub(super) mod sources;
pub(super) mod study;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{Ui, ViewportCommand};

use self::autosave::AutosaveState;
use self::flow::Flow;
use self::present::Presenter;
use self::screen::Screen;
use super::dialogs::Dialogs;
use super::notices::Notices;
use super::open_document::OpenDocument;
use super::shown::Shown;
use super::views::MainView;
use super::welcome::Welcome;
use crate::io::Fingerprint;
use crate::io::watch::FileWatcher;
use crate::model::{Comparison, DemandIx, Document};

const RECENT_KEY: &str = "stances.recent";
const CODER_KEY: &str = "stances.coder";
const PRESENTATION_ZOOM_KEY: &str = "stances.presentation_zoom";
const HIDE_MARKS_KEY: &str = "stances.hide_marks";
const DETAILS_KEY: &str = "stances.details_pane";
const WELCOMED_KEY: &str = "stances.welcomed";
const MAX_RECENT: usize = 10;

/// How the app starts.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// Files named on the command line; none opens the welcome screen.
    pub files: Vec<PathBuf>,
    /// Open `files` as a coding study: each a coder's comparison (`--coders`).
    pub coders: bool,
    /// Open `files` (folders of students' files, or the files) as a class (`--class`).
    pub class: bool,
    /// How that study finds its coders (`--coder-per-file`).
    pub coder_source: crate::model::study::CoderSource,
    /// Drawn as a figure (`stances export --format png`): the comparison alone,
    /// without the menu bar, the search and legend, the details pane or messages.
    pub figure: bool,
    /// Native file dialogs; tests use the typed-path prompt instead.
    pub native_dialogs: bool,
    /// Where autosaves for crash recovery go; `None` turns autosave off.
    pub autosave_dir: Option<PathBuf>,
    /// Whether "open the other version" may start a second window (not in tests).
    pub new_windows: bool,
    /// Who is coding, instead of the name kept from the last session or the
    /// system's; `Some("")` is nobody yet (the first mark asks).
    pub coder: Option<String>,
}

/// Where the open comparison is saved.
#[derive(Clone, Debug)]
pub(super) struct SavedFile {
    /// For reading and writing: absolute, links resolved where the file exists.
    pub path: PathBuf,
    /// What it held when Stances last read or wrote it, to notice others' changes.
    pub fingerprint: Option<Fingerprint>,
    /// That text itself: the common base when unsaved work is merged into a
    /// version someone else wrote there meanwhile.
    pub base: Option<std::sync::Arc<str>>,
}

impl SavedFile {
    /// The file at `path` that holds `text`, as just read or written.
    pub fn holding(path: PathBuf, text: &str) -> Self {
        Self {
            path,
            fingerprint: Some(Fingerprint::of_bytes(text.as_bytes())),
            base: Some(text.into()),
        }
    }

    /// The file at `path` as it is on disk now.
    pub fn on_disk(path: PathBuf) -> Self {
        let text = std::fs::read(&path).ok().and_then(|b| String::from_utf8(b).ok());
        Self {
            fingerprint: Fingerprint::of_file(&path),
            base: text.map(Into::into),
            path,
        }
    }
}

/// The window. Each part owns what it says; a newcomer finds where a field
/// lives from these types: the open document, its file, its study or class in
/// [`OpenDocument`], what the middle shows in [`Screen`], what is shown and
/// selected in [`Shown`], the dialogs in [`Dialogs`], a presentation in
/// [`Presenter`], the welcome screen in [`Welcome`]. The document changes only
/// through `open.doc`'s edits (undo, redo and autosave follow from that).
pub struct StancesApp {
    // ----- the open document -----
    /// The document and what is tied to it, replaced whole when another opens.
    open: OpenDocument,

    // ----- the window's parts -----
    /// What the middle of the window shows: see [`Screen`].
    screen: Screen,
    shown: Shown,
    dialogs: Dialogs,
    presenter: Presenter,
    welcome: Welcome,
    /// The question under way before work could be lost (open, close, quit).
    flow: Flow,
    notices: Notices,
    /// The live class under way, if one is (it goes on when the presentation is left).
    live: Option<live::LiveSession>,

    // ----- who works, and what they opened -----
    recent: Vec<PathBuf>,
    /// Who codes in this window now: the computer's coder, or the student coding
    /// the open hand-out.
    coder: String,
    /// The coder this computer remembers (Edit › Preferences): a student's name
    /// typed for a hand-out never becomes it.
    computer_coder: String,
    /// The adjudicator's name for this window, when the coder's is one of a study's coders.
    adjudicator: Option<String>,

    // ----- keeping work safe -----
    watcher: FileWatcher,
    autosave: AutosaveState,
    fonts: self::fonts::FontCheck,
    allow_close: bool,

    // ----- how the window was started -----
    /// The window drawn as a figure: see [`AppOptions::figure`].
    figure: bool,
    new_windows: bool,
    title: String,
}

impl StancesApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let recent = cc
            .storage
            .and_then(|s| eframe::get_value::<Vec<PathBuf>>(s, RECENT_KEY))
            .unwrap_or_default();
        // Nobody, when no name was ever given and the system has none: the first
        // mark asks, rather than coding two forgetful coders as one made-up name.
        let coder = options.coder.clone().unwrap_or_else(|| {
            cc.storage
                .and_then(|s| eframe::get_value::<String>(s, CODER_KEY))
                .filter(|s| !s.trim().is_empty())
                .or_else(crate::model::mark::system_user_name)
                .unwrap_or_default()
        });
        let ctx = cc.egui_ctx.clone();
        let stored = |key: &str| cc.storage.and_then(|s| eframe::get_value::<bool>(s, key));
        let mut app = Self {
            open: OpenDocument::default(),
            shown: Shown::new(stored(DETAILS_KEY).unwrap_or(true)),
            dialogs: Dialogs::new(options.native_dialogs),
            presenter: Presenter {
                presenting: None,
                zoom: cc
                    .storage
                    .and_then(|s| eframe::get_value::<f32>(s, PRESENTATION_ZOOM_KEY))
                    .filter(|z| (0.5..=4.0).contains(z))
                    .unwrap_or(self::present::DEFAULT_ZOOM),
                hide_marks: stored(HIDE_MARKS_KEY).unwrap_or(true),
            },
            screen: Screen::Comparison,
            welcome: Welcome {
                cards: None,
                welcomed: stored(WELCOMED_KEY).unwrap_or(false),
            },
            flow: Flow::Idle,
            notices: Notices::default(),
            live: None,
            recent,
            computer_coder: coder.clone(),
            coder,
            adjudicator: None,
            watcher: FileWatcher::new(move || ctx.request_repaint()),
            autosave: AutosaveState::new(options.autosave_dir),
            fonts: self::fonts::FontCheck::default(),
            allow_close: false,
            figure: options.figure,
            new_windows: options.new_windows,
            title: String::new(),
        };
        if let Some(Err(e)) = app.autosave.look_for_orphans() {
            app.notices.error(format!("Autosaved work could not be read: {e}"));
        }
        if options.files.is_empty() {
            app.show_screen(Screen::Welcome);
        } else if options.class {
            app.open_class_at_start(&options.files);
        } else if options.coders {
            app.open_study_at_start(&options.files, options.coder_source);
        } else {
            app.open_at_start(&options.files);
        }
        app
    }

    // ----- reading the state, for tests and the title -----

    pub fn comparison(&self) -> &Comparison {
        self.open.doc.comparison()
    }

    /// Whether closing now would lose work (the ● in the title).
    pub fn has_unsaved_work(&self) -> bool {
        self.open.doc.has_unsaved_work(self.open.file.is_some())
    }

    pub fn path(&self) -> Option<&Path> {
        self.open.file.as_ref().map(|f| f.path.as_path())
    }

    pub fn selection(&self) -> &[DemandIx] {
        &self.shown.selection
    }

    pub fn coder(&self) -> &str {
        &self.coder
    }

    /// Selects a demand and scrolls it into view.
    pub fn select_and_reveal(&mut self, demand: DemandIx) {
        self.shown.selection = vec![demand];
        self.shown.columns.reveal(demand);
    }

    /// Opens source `source` of document `document` in the source pane (as a
    /// quote's *Show in source* does), for benchmarks.
    pub fn open_source(&mut self, document: &str, source: &str) {
        self.shown.source = Some(super::ui::source_view::OpenSource::new(
            document.to_owned(),
            source.to_owned(),
            0,
        ));
    }

    /// Every message currently kept for the notice strip.
    pub fn notices_text(&self) -> Vec<String> {
        self.notices.all().iter().map(|n| n.text.clone()).collect()
    }

    /// Error messages currently kept for the notice strip.
    pub fn errors(&self) -> impl Iterator<Item = &str> {
        self.notices
            .all()
            .iter()
            .filter(|n| n.kind == super::notices::NoticeKind::Error)
            .map(|n| n.text.as_str())
    }

    pub fn window_title(&self) -> String {
        if self.screen() == Screen::Welcome && self.comparison().side_count() == 0 {
            return "Stances".to_owned();
        }
        let dirty = if self.has_unsaved_work() { "● " } else { "" };
        format!("{dirty}{} — Stances", self.document_name())
    }

    /// What the open document is called: its file's name, or what it is made of.
    pub(super) fn document_name(&self) -> String {
        if let Some(f) = &self.open.file {
            return f
                .path
                .file_name()
                .map_or_else(|| f.path.display().to_string(), |n| n.to_string_lossy().into_owned());
        }
        if let Some(study) = &self.open.study {
            return format!(
                "Untitled consensus of {}",
                super::ui::study_view::coder_list(study.adjudication.study().coders())
            );
        }
        match self.comparison().documents().first() {
            Some(d) => format!(
                "Untitled comparison of {}",
                Path::new(&d.path)
                    .file_name()
                    .map_or(d.path.clone(), |n| n.to_string_lossy().into_owned())
            ),
            None => "Untitled comparison".to_owned(),
        }
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Puts another comparison in place of the open one: nothing of the old one's
    /// selection, filter, messages or watched files carries over.
    pub(super) fn replace_document(
        &mut self,
        cmp: Comparison,
        file: Option<SavedFile>,
        sources: HashMap<String, PathBuf>,
    ) {
        let live_ended = self.end_live_for_another_document();
        self.watcher.clear();
        for path in sources.values() {
            self.watcher.watch(path);
        }
        // Replaced whole: nothing of the old document's import, merge, hand-out or study stays.
        self.open = OpenDocument::new(Document::new(cmp), file, sources);
        self.show_screen(Screen::Comparison);
        self.shown.forget_document();
        self.notices.clear();
        if let Some(ended) = live_ended {
            self.notices.warning(ended);
        }
        self.autosave.forget();
        // The messages were cleared: a missing font is named again for this document.
        self.fonts = self::fonts::FontCheck::default();
        let orphans = self.comparison().orphans().count();
        if orphans > 0 {
            self.notices.error(format!(
                "{} not in the embedded position files; listed as orphaned in the details pane",
                crate::format::diagnostics::count(orphans, "mark names a demand", "marks name demands")
            ));
        }
        // Each document starts with the computer's coder: a student's name stays
        // with the student's copy.
        self.coder.clone_from(&self.computer_coder);
        if let Some(student) = self.comparison().student().map(|s| s.name.clone()) {
            // A student's copy, opened again: they go on under the name recorded.
            self.notices.info(format!(
                "This is {student}'s copy of the hand-out: new marks are theirs."
            ));
            self.coder = student;
        } else {
            // The name box starts empty for every student of a shared computer.
            self.dialogs.handout_welcome =
                self.comparison()
                    .handout()
                    .map(|h| super::ui::handout_dialog::HandoutWelcome {
                        instructions: h.instructions.clone(),
                        name: String::new(),
                        focused: false,
                    });
            if self.dialogs.handout_welcome.is_some() {
                self.open.handout_from = self.open.file.as_ref().map(|f| f.path.clone());
            }
        }
        self.offer_unfinished_live_class();
        let conflicts = self.comparison().conflicts().len();
        self.open.merging = (conflicts > 0).then(|| self.git_finish());
        if conflicts > 0 {
            self.shown.views.main = MainView::Conflicts;
            let name = self.path().map_or_else(
                || "`git add` the file".to_owned(),
                |p| format!("`git add {}`", self::git_flow::git_name(p)),
            );
            self.notices.warning(format!(
                "This comparison comes from a merge with {} to settle: choose for each in the Conflicts view, then save and {name}.",
                crate::format::diagnostics::count(conflicts, "conflict", "conflicts")
            ));
        } else if self.shown.views.main == MainView::Conflicts {
            self.shown.views.main = MainView::Columns;
        }
    }

    /// The git command that finishes the merge (or rebase) the open file is in.
    pub(super) fn git_finish(&self) -> &'static str {
        let rebase = self.comparison().merge_sides().is_some_and(|s| s.rebase);
        self.path()
            .and_then(|p| crate::io::git::operation(&crate::io::git::folder_of(p)))
            .map_or(if rebase { "git rebase --continue" } else { "git commit" }, |op| {
                op.finish()
            })
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

impl eframe::App for StancesApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Demands moved (a file was added, removed or reloaded): the selection no longer points at them.
        let layout = self.comparison().layout_revision();
        self.shown.follow_layout(layout);

        self.ask_before_quitting(&ctx);

        if self.is_presenting() {
            self.presentation_frame(ui, &ctx);
            self.flow_prompts(&ctx);
            self.autosave_if_due(&ctx);
            self.update_title(&ctx);
            return;
        }

        self.receive_picture();
        let mut actions = Vec::new();
        let modal_open = self.dialogs.files.is_open()
            || !self.flow.is_idle()
            || self.autosave.offers_recovery()
            || self.dialogs.export.open;
        if !modal_open {
            self.shortcuts(&ctx, &mut actions);
            self.dropped_files(&ctx, &mut actions);
        }

        self.follow_comparison();
        self.menu_and_study_strip(ui, &mut actions);
        let study_view = matches!(self.screen(), Screen::Study(_));
        if study_view {
            if !self.notices.is_empty() {
                egui::Panel::bottom("notices").show(ui, |ui| self.notices.ui(ui));
            }
            self.study_central_panel(ui, &mut actions);
        } else {
            self.comparison_panels(ui, &mut actions);
        }

        frame::show_drop_hint(&ctx);

        self.dialogs_ui(&ctx, &mut actions);

        for action in actions {
            self.handle(&ctx, action);
        }
        // Demands moved (a file was added, removed or reloaded): the selection no longer points at them.
        let layout = self.comparison().layout_revision();
        self.shown.follow_layout(layout);

        self.autosave_if_due(&ctx);
        self.check_fonts(&ctx);

        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, CODER_KEY, &self.computer_coder);
        eframe::set_value(storage, PRESENTATION_ZOOM_KEY, &self.presenter.zoom);
        eframe::set_value(storage, HIDE_MARKS_KEY, &self.presenter.hide_marks);
        eframe::set_value(storage, DETAILS_KEY, &self.shown.details);
        eframe::set_value(storage, WELCOMED_KEY, &true);
    }

    /// Not while presenting: the presentation's zoom and light theme are its
    /// own, and a window killed mid-presentation must not start in them.
    fn persist_egui_memory(&self) -> bool {
        !self.is_presenting()
    }

    fn on_exit(&mut self) {
        // Closing cleanly, either saved or after the user chose not to save.
        self.autosave.clear();
    }
}
