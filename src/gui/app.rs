//! The application: what is open, and the layout of one frame. What happens in
//! response lives beside this file, one concern a file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{Ui, ViewportCommand};

use super::autosave::AutosaveState;
use super::dialogs::Dialogs;
use super::flow::Flow;
use super::notices::Notices;
use super::open_document::OpenDocument;
use super::present::Presenter;
use super::screen::Screen;
use super::shown::Shown;
use super::ui::toolbar;
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
    pub(super) open: OpenDocument,

    // ----- the window's parts -----
    /// What the middle of the window shows: see [`Screen`].
    pub(super) screen: Screen,
    pub(super) shown: Shown,
    pub(super) dialogs: Dialogs,
    pub(super) presenter: Presenter,
    pub(super) welcome: Welcome,
    /// The question under way before work could be lost (open, close, quit).
    pub(super) flow: Flow,
    pub(super) notices: Notices,

    // ----- who works, and what they opened -----
    pub(super) recent: Vec<PathBuf>,
    /// Who codes in this window now: the computer's coder, or the student coding
    /// the open hand-out.
    pub(super) coder: String,
    /// The coder this computer remembers (Edit › Preferences): a student's name
    /// typed for a hand-out never becomes it.
    pub(super) computer_coder: String,
    /// The adjudicator's name for this window, when the coder's is one of a study's coders.
    pub(super) adjudicator: Option<String>,

    // ----- keeping work safe -----
    pub(super) watcher: FileWatcher,
    pub(super) autosave: AutosaveState,
    pub(super) fonts: super::fonts::FontCheck,
    pub(super) allow_close: bool,

    // ----- how the window was started -----
    /// The window drawn as a figure: see [`AppOptions::figure`].
    pub(super) figure: bool,
    pub(super) new_windows: bool,
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
                    .unwrap_or(super::present::DEFAULT_ZOOM),
                hide_marks: stored(HIDE_MARKS_KEY).unwrap_or(true),
            },
            screen: Screen::Comparison,
            welcome: Welcome {
                cards: None,
                welcomed: stored(WELCOMED_KEY).unwrap_or(false),
            },
            flow: Flow::Idle,
            notices: Notices::default(),
            recent,
            computer_coder: coder.clone(),
            coder,
            adjudicator: None,
            watcher: FileWatcher::new(move || ctx.request_repaint()),
            autosave: AutosaveState::new(options.autosave_dir),
            fonts: super::fonts::FontCheck::default(),
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
        self.watcher.clear();
        for path in sources.values() {
            self.watcher.watch(path);
        }
        // Replaced whole: nothing of the old document's import, merge, hand-out or study stays.
        self.open = OpenDocument::new(Document::new(cmp), file, sources);
        self.show_screen(Screen::Comparison);
        self.shown.forget_document();
        self.notices.clear();
        self.autosave.forget();
        // The messages were cleared: a missing font is named again for this document.
        self.fonts = super::fonts::FontCheck::default();
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
        let conflicts = self.comparison().conflicts().len();
        self.open.merging = (conflicts > 0).then(|| self.git_finish());
        if conflicts > 0 {
            self.shown.views.main = MainView::Conflicts;
            let name = self.path().map_or_else(
                || "`git add` the file".to_owned(),
                |p| format!("`git add {}`", super::git_flow::git_name(p)),
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

        // Quitting with unsaved work asks first.
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.has_unsaved_work() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            if self.flow.is_idle() {
                self.guard(&ctx, super::flow::Pending::Quit);
            }
        }

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

        self.shown
            .columns
            .update_rows(self.open.doc.comparison(), &self.shown.filter);
        if self.shown.counts.0 != self.comparison().revision()
            || self.shown.counts.1.len() != self.comparison().codebook().statuses.len()
        {
            // Counting walks every mark: done once per change, not per frame.
            self.shown.counts = (self.comparison().revision(), self.comparison().status_counts());
        }
        if !self.figure {
            egui::Panel::top("menu").show(ui, |ui| {
                // The views are the comparison's: not on the welcome screen, nor over a study's tables.
                let views = self.comparison_shown();
                let state = toolbar::MenuState {
                    recent: &self.recent,
                    can_undo: self.open.doc.can_undo(),
                    can_redo: self.open.doc.can_redo(),
                    hide_marks: self.presenter.hide_marks,
                    details_shown: self.shown.details,
                    view: views.then_some(self.shown.views.main),
                };
                toolbar::menu_bar(ui, self.open.doc.comparison(), &state, &mut actions);
            });
        }
        let tab = self.study_tab();
        if let Some(study) = &mut self.open.study {
            let progress = study.progress(self.open.doc.comparison());
            egui::Panel::top("study").show(ui, |ui| {
                let class = study.class.as_ref().map(super::class::ClassState::size);
                super::ui::study_view::strip(ui, &study.adjudication, progress, tab, class, &mut actions);
            });
        }
        let study_view = matches!(self.screen(), Screen::Study(_));
        if study_view {
            if !self.notices.is_empty() {
                egui::Panel::bottom("notices").show(ui, |ui| self.notices.ui(ui));
            }
            self.study_central_panel(ui, &mut actions);
        } else {
            self.comparison_panels(ui, &mut actions);
        }

        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop")));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a comparison to open it, position files to add them,\nor a document (PDF, DOCX, ODT, HTML, text) to add it as a source",
                egui::FontId::proportional(22.0),
                egui::Color32::WHITE,
            );
        }

        if let Some(outcome) = self.dialogs.files.show(&ctx) {
            self.on_dialog(&ctx, outcome);
        }
        self.flow_prompts(&ctx);
        super::ui::shortcuts::show(&ctx, &mut self.dialogs.shortcuts, self.open.doc.comparison().codebook());
        self.dialogs.preferences.show(&ctx, &mut actions);
        let on_selection = self.marks_on_selection();
        self.dialogs
            .set_coder
            .show(&ctx, self.open.doc.comparison(), &on_selection, &mut actions);
        if let Some(prompt) = self.dialogs.coder_name.as_mut()
            && let Some(answer) = prompt.show(&ctx)
        {
            let then = prompt.then.clone();
            self.dialogs.coder_name = None;
            if let Some(name) = answer {
                actions.push(super::action::Action::SetCoder(name));
                actions.push(then);
            }
        }
        let marks = self.open.doc.comparison().marks().len();
        self.dialogs.handout.show(&ctx, marks, &mut actions);
        self.dialogs.new_negotiation.show(&ctx, &mut actions);
        self.show_source_dialog(&ctx, &mut actions);
        self.dialogs
            .positions
            .show(&ctx, self.open.doc.comparison(), &mut actions);
        if let Some(welcome) = self.dialogs.handout_welcome.as_mut()
            && let Some(name) = welcome.show(&ctx)
        {
            self.dialogs.handout_welcome = None;
            actions.push(super::action::Action::StartAsStudent(name));
        }
        self.ask_about_others_mark(&ctx);
        self.ask_to_merge_again(&ctx);
        self.show_import_dialog(&ctx, &mut actions);
        self.dialogs
            .codebook_editor
            .show(&ctx, self.open.doc.comparison(), &mut actions);
        self.show_same_coder_prompt(&ctx);
        self.show_adjudicator_prompt(&ctx);
        self.dialogs.export.show(&ctx, self.open.study.is_some(), &mut actions);
        self.offer_imported_positions(&ctx);
        self.recovery_prompt(&ctx);

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

    fn on_exit(&mut self) {
        // Closing cleanly, either saved or after the user chose not to save.
        self.autosave.clear();
    }
}
