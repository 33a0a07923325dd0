//! Opening, adding and saving, and the questions asked before work could be lost,
//! as one explicit state machine. Whatever waits on a save (quitting, opening
//! another comparison) runs only once that save succeeded; a cancelled or failed
//! save cancels it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{Context, ViewportCommand};

use super::{SavedFile, StancesApp};
use crate::format::comparison_file;
use crate::gui::ui::prompts::{self, ConflictChoice, UnsavedChoice};
use crate::io;
use crate::io::given::FileKind;
use crate::model::{Comparison, PositionFile};

/// Something that replaces or closes the open comparison, and so waits for an
/// answer when there is unsaved work.
pub(super) enum Pending {
    Quit,
    New,
    /// A negotiation made in File › New negotiation….
    NewNegotiation(Box<crate::model::PositionFile>),
    Open(Box<Opened>),
    /// A coding study, whose consensus becomes the open document.
    Study(Box<super::study::OpenedStudy>),
}

impl Pending {
    pub(super) fn describe(&self) -> &'static str {
        match self {
            Self::Quit => "closing",
            Self::New => "starting a new comparison",
            Self::NewNegotiation(_) => "starting a new negotiation",
            Self::Open(_) => "opening another comparison",
            Self::Study(_) => "opening a coding study",
        }
    }
}

/// A comparison read from files, ready to take the open one's place.
pub(super) struct Opened {
    comparison: Comparison,
    file: Option<SavedFile>,
    sources: HashMap<String, PathBuf>,
    /// Said once it is open (a converted format, files added).
    notes: Vec<String>,
    /// Files that could not be read, said once it is open.
    errors: Vec<String>,
    /// What the user should know before trusting the file (git cannot merge it).
    warnings: Vec<String>,
    /// The position file a spreadsheet import made, offered for saving once open.
    imported: Option<super::import::ImportedPositions>,
}

impl Opened {
    /// A spreadsheet's demands as a new comparison, with the position file they make.
    pub(super) fn imported(
        comparison: Comparison,
        notes: Vec<String>,
        positions: super::import::ImportedPositions,
    ) -> Self {
        Self {
            comparison,
            file: None,
            sources: HashMap::new(),
            notes,
            errors: Vec::new(),
            warnings: Vec::new(),
            imported: Some(positions),
        }
    }
}

/// Where the open/save flow stands.
pub(super) enum Flow {
    Idle,
    /// "Save changes?" before `Pending`.
    AskUnsaved(Pending),
    /// A Save as… dialog is open; what waits on it runs once the save succeeded.
    SavingAs(Option<Pending>),
    /// The file about to be saved over changed on disk since it was read.
    Conflict {
        path: PathBuf,
        then: Option<Pending>,
    },
    /// The file about to be saved over is another student's hand-in.
    ReplaceStudent {
        path: PathBuf,
        then: Option<Pending>,
        theirs: String,
    },
}

impl Flow {
    pub fn is_idle(&self) -> bool {
        matches!(self, Self::Idle)
    }
}

/// Absolute, with links resolved as far as the file (or its folder) exists: the
/// same file has the same path whatever the working folder.
pub(super) fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            std::fs::canonicalize(parent).map_or_else(|_| path.to_path_buf(), |p| p.join(name))
        }
        _ => path.to_path_buf(),
    }
}

impl StancesApp {
    /// Runs `pending` now, or asks first if it would lose unsaved work.
    pub(super) fn guard(&mut self, ctx: &Context, pending: Pending) {
        if self.has_unsaved_work() {
            self.flow = Flow::AskUnsaved(pending);
        } else {
            self.carry_out(ctx, pending);
        }
    }

    pub(super) fn carry_out(&mut self, ctx: &Context, pending: Pending) {
        self.flow = Flow::Idle;
        match pending {
            Pending::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Pending::New => {
                self.replace_document(Comparison::default(), None, HashMap::new());
                self.notices
                    .info("New comparison: add position files with File › Add position files… or drop them here.");
            }
            Pending::NewNegotiation(file) => {
                let stem =
                    crate::import::cells::slug(file.negotiation.as_deref().unwrap_or(""), "negotiation", usize::MAX);
                match Comparison::from_positions(vec![(format!("{stem}.ron"), *file)]) {
                    Ok(cmp) => {
                        self.replace_document(cmp, None, HashMap::new());
                        self.notices.info(
                            "New negotiation: click “No stated position” under a side to add its first demand on the issue; File › Save keeps it, File › Save positions as… writes a position file.",
                        );
                    }
                    Err(e) => self.notices.error(e.0),
                }
            }
            Pending::Open(opened) => self.install(*opened),
            Pending::Study(opened) => self.install_study(*opened),
        }
    }

    fn install(&mut self, opened: Opened) {
        self.replace_document(opened.comparison, opened.file, opened.sources);
        self.open.imported = opened.imported;
        for note in opened.notes {
            self.notices.info(note);
        }
        for error in opened.errors {
            self.notices.error(error);
        }
        for warning in opened.warnings {
            self.notices.warning(warning);
        }
        self.say_quotes();
    }

    /// Reads `paths` into a comparison: the first comparison file among them, with
    /// the position files added to it; or the position files as a new comparison.
    /// `None` (with the errors said) when nothing could be read.
    fn read_document(&mut self, paths: &[PathBuf]) -> Option<Opened> {
        let read = self.read_files(paths);
        let ReadFiles {
            base,
            positions,
            mut errors,
            mut notes,
            warnings,
        } = read;
        if base.is_none() && positions.is_empty() {
            for e in errors {
                self.notices.error(e);
            }
            return None;
        }
        let (mut paths, files): (Vec<PathBuf>, Vec<(String, PositionFile)>) = positions
            .into_iter()
            .map(|(path, data)| {
                let shown = io::display_path(&path);
                (path, (shown, data))
            })
            .unzip();
        let (comparison, file) = match base {
            None => match Comparison::from_positions(files) {
                Ok(comparison) => (comparison, None),
                Err(e) => {
                    self.notices.error(e.0);
                    return None;
                }
            },
            Some((mut comparison, file)) => {
                if !files.is_empty() {
                    let added = files.len();
                    match comparison.apply(comparison.add_documents_edit(files)) {
                        Ok(_) => notes.push(format!(
                            "Added {} to the comparison",
                            crate::format::diagnostics::count(added, "position file", "position files")
                        )),
                        Err(e) => {
                            errors.push(e.0);
                            paths.clear();
                        }
                    }
                }
                (comparison, Some(file))
            }
        };
        // The documents read from `paths` are the last ones, in the same order.
        let first = comparison.documents().len().saturating_sub(paths.len());
        let sources = comparison.documents()[first..]
            .iter()
            .zip(&paths)
            .map(|(document, path)| (document.id.clone(), canonical(path)))
            .collect();
        Some(Opened {
            comparison,
            file,
            sources,
            notes,
            errors,
            warnings,
            imported: None,
        })
    }

    /// Each file given to open, read: a comparison, position files, and what
    /// cannot be opened (said why).
    fn read_files(&mut self, paths: &[PathBuf]) -> ReadFiles {
        let mut read = ReadFiles::default();
        for path in paths {
            let given = match io::given::read_given(path) {
                Ok(given) => given,
                Err(e) => {
                    read.errors.push(e.to_string());
                    continue;
                }
            };
            let shown = &given.shown;
            if given.kind == FileKind::Comparison {
                if read.base.is_some() {
                    read.errors.push(format!(
                        "{shown}: only one comparison opens at a time; open it on its own (it was not opened)"
                    ));
                    continue;
                }
                self.read_comparison(path, &given, &mut read);
            } else if given.kind == FileKind::Positions {
                match given.positions() {
                    Ok(data) => {
                        self.remember_recent(path);
                        read.positions.push((path.clone(), data));
                    }
                    Err(e) => read.errors.push(e.to_string()),
                }
            } else {
                read.errors
                    .push(given.not_what_was_asked("a comparison or a position file"));
            }
        }
        read
    }

    /// A comparison among the files opened: read (converted from an old format,
    /// said), after what git left of it is looked at.
    fn read_comparison(&mut self, path: &Path, given: &io::given::Given, read: &mut ReadFiles) {
        let (shown, text) = (&given.shown, &given.text);
        // Git could not merge it, or can no longer merge it: said, never silent.
        read.warnings.extend(io::git::driver_problem(path));
        if self.git_left_unmerged(path, text) {
            self.dialogs.git_unmerged = Some(path.to_path_buf());
        }
        match given.comparison() {
            Ok(loaded) => {
                if loaded.format < comparison_file::OLDEST_NATIVE_FORMAT {
                    read.notes.push(format!(
                        "{shown} was written by Stances 0.1 (comparison format {}). It is converted, and saving writes it as format {}.",
                        loaded.format,
                        comparison_file::format_for(&loaded.comparison)
                    ));
                }
                self.remember_recent(path);
                let file = SavedFile::holding(canonical(path), text);
                read.base = Some((loaded.comparison, file));
            }
            Err(e) => read.errors.push(e.to_string()),
        }
    }

    /// Opens an example of the library as a new comparison, asking first if work would be lost.
    pub(super) fn open_example(&mut self, ctx: &Context, index: usize) {
        match crate::gui::examples::comparison(index) {
            Ok(comparison) => self.guard(
                ctx,
                Pending::Open(Box::new(Opened {
                    comparison,
                    file: None,
                    sources: HashMap::new(),
                    notes: Vec::new(),
                    errors: Vec::new(),
                    warnings: Vec::new(),
                    imported: None,
                })),
            ),
            Err(e) => self.notices.error(format!("The example does not load: {e}")),
        }
    }

    /// Opens files at start-up: no question to ask, nothing is open yet.
    pub(super) fn open_at_start(&mut self, paths: &[PathBuf]) {
        match self.read_document(paths) {
            Some(opened) => self.install(opened),
            None => {
                self.show_screen(super::screen::Screen::Welcome);
                // The reasons were said; a line of our own would only hide them.
                if self.notices.is_empty() {
                    self.notices
                        .info("Nothing could be opened: choose an example or another file.");
                }
            }
        }
    }

    /// File › Open: a document in place of the open one, asking first if work would be lost.
    pub(super) fn open(&mut self, ctx: &Context, paths: &[PathBuf]) {
        // A folder (a class, from Recent files) opens as the class it holds.
        if let [folder] = paths
            && folder.is_dir()
        {
            self.open_class(ctx, paths);
            return;
        }
        if let Some(opened) = self.read_document(paths) {
            self.guard(ctx, Pending::Open(Box::new(opened)));
        }
    }

    /// File › Add position files: adds them to the open comparison, as one undo step.
    pub(super) fn add(&mut self, paths: &[PathBuf]) {
        let mut files = Vec::new();
        let mut canonical_paths = Vec::new();
        for path in paths {
            let given = match io::given::read_given(path) {
                Ok(given) => given,
                Err(e) => {
                    self.notices.error(e.to_string());
                    continue;
                }
            };
            if given.kind != FileKind::Positions {
                self.notices.error(given.not_what_was_asked("a position file"));
                continue;
            }
            match given.positions() {
                Ok(data) => {
                    self.remember_recent(path);
                    canonical_paths.push(canonical(path));
                    files.push((given.shown, data));
                }
                Err(e) => self.notices.error(e.to_string()),
            }
        }
        if files.is_empty() {
            return;
        }
        let names: Vec<String> = files.iter().map(|(shown, _)| shown.clone()).collect();
        let edit = self.comparison().add_documents_edit(files);
        match self.open.doc.apply(edit, None) {
            Ok(()) => {
                // The documents just added are the last ones, in the same order.
                let documents = self.comparison().documents();
                let ids: Vec<String> = documents[documents.len() - canonical_paths.len()..]
                    .iter()
                    .map(|d| d.id.clone())
                    .collect();
                for (id, path) in ids.into_iter().zip(canonical_paths) {
                    self.watcher.watch(&path);
                    self.open.sources.insert(id, path);
                }
                self.notices
                    .info(format!("Added {} to the comparison", names.join(", ")));
            }
            Err(e) => self.notices.error(e.0),
        }
    }

    /// The questions of the flow, when one is waiting for an answer.
    pub(super) fn flow_prompts(&mut self, ctx: &Context) {
        match &self.flow {
            Flow::AskUnsaved(pending) => match prompts::unsaved(ctx, pending.describe()) {
                Some(UnsavedChoice::Save) => {
                    if let Flow::AskUnsaved(pending) = std::mem::replace(&mut self.flow, Flow::Idle) {
                        self.save(ctx, Some(pending));
                    }
                }
                Some(UnsavedChoice::Discard) => {
                    if let Flow::AskUnsaved(pending) = std::mem::replace(&mut self.flow, Flow::Idle) {
                        self.carry_out(ctx, pending);
                    }
                }
                Some(UnsavedChoice::Cancel) => self.flow = Flow::Idle,
                None => {}
            },
            Flow::Conflict { path, .. } => {
                let shown = path.display().to_string();
                let can_merge = self.open.file.as_ref().is_some_and(|f| f.base.is_some());
                let Some(choice) = prompts::conflict(ctx, &shown, can_merge) else {
                    return;
                };
                let Flow::Conflict { path, then } = std::mem::replace(&mut self.flow, Flow::Idle) else {
                    return;
                };
                match choice {
                    ConflictChoice::MergeMine => self.merge_unsaved_into(&path),
                    ConflictChoice::Overwrite => self.save_to(ctx, &path, then, false),
                    ConflictChoice::SaveAs => self.save_as(ctx, then),
                    ConflictChoice::OpenOther => self.open_in_new_window(&path),
                    ConflictChoice::Cancel => {}
                }
            }
            Flow::ReplaceStudent { path, theirs, .. } => {
                let shown = path.display().to_string();
                let mine = self.coder.clone();
                let Some(choice) = prompts::replace_student(ctx, &shown, theirs, &mine) else {
                    return;
                };
                let Flow::ReplaceStudent { path, then, .. } = std::mem::replace(&mut self.flow, Flow::Idle) else {
                    return;
                };
                match choice {
                    prompts::ReplaceChoice::Replace => self.save_to(ctx, &path, then, false),
                    prompts::ReplaceChoice::SaveAs => self.save_as(ctx, then),
                    prompts::ReplaceChoice::Cancel => {}
                }
            }
            Flow::Idle | Flow::SavingAs(_) => {}
        }
    }

    /// Opens `path` in a second Stances window, so both versions can be compared.
    fn open_in_new_window(&mut self, path: &Path) {
        if !self.new_windows {
            self.notices.info(format!(
                "Open {} in another window to compare the versions.",
                path.display()
            ));
            return;
        }
        let started = std::env::current_exe().and_then(|exe| std::process::Command::new(exe).arg(path).spawn());
        match started {
            Ok(_) => self.notices.info(
                "Opened the version on disk in a new window. Yours is not saved yet: save it as another file, or overwrite.",
            ),
            Err(e) => self
                .notices
                .error(format!("Could not open a second window ({e}); open {} yourself.", path.display())),
        }
    }
}

/// What the files given to open held, read one by one.
#[derive(Default)]
struct ReadFiles {
    /// The comparison among them, and the file it was read from.
    base: Option<(Comparison, SavedFile)>,
    positions: Vec<(PathBuf, PositionFile)>,
    errors: Vec<String>,
    notes: Vec<String>,
    warnings: Vec<String>,
}
