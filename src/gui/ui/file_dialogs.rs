//! File dialogs that never freeze the window, with a typed path when no native
//! dialog can be shown.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use egui::{Context, Id, Key, RichText};

use crate::export::ExportFormat;
use crate::format::codebook_file::CODEBOOK_EXTENSION;
use crate::format::comparison_file::COMPARISON_EXTENSION;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    Open,
    Add,
    CompareCoders,
    /// A folder of students' comparison files (or the files themselves).
    OpenClass,
    /// The teacher's own coded comparison, as the class's key.
    OpenKey,
    /// Where to save a hand-out for students.
    SaveHandout,
    SaveAs,
    SaveCodebook,
    ApplyCodebook,
    ExportQdc,
    /// A report or a picture of the window, in this format.
    Export(ExportFormat),
    /// A spreadsheet to make positions from.
    ImportTable,
    /// Where to keep the position file an import made.
    SavePositions,
    /// Where to write the positions of the comparison's document at this index.
    SaveDocumentPositions(usize),
    /// A document to read into a source (PDF, DOCX, ODT, HTML, text).
    AddSource,
}

impl FileAction {
    /// What the typed-path prompt asks for, with an example.
    fn path_hint(self) -> String {
        match self {
            FileAction::Open => {
                "Path of a comparison (.stances.ron) or of position files (.ron); separate several with ;".to_owned()
            }
            FileAction::Add => "Path of a position file (.ron); separate several with ;".to_owned(),
            FileAction::AddSource => "Path of the document: a PDF, DOCX, ODT, HTML, Markdown or text file".to_owned(),
            FileAction::CompareCoders => format!(
                "Paths of the coders' comparisons (.{COMPARISON_EXTENSION}): one per coder, or one file holding several coders' marks; and of a consensus to go on with if there is one; separate them with ;"
            ),
            FileAction::OpenClass => format!(
                "Path of the folder of the students' files (.{COMPARISON_EXTENSION}), or of the files themselves separated with ;"
            ),
            FileAction::OpenKey => format!(
                "Path of the comparison you coded yourself (.{COMPARISON_EXTENSION}), to compare the class with"
            ),
            FileAction::SaveAs => format!("Path to save to, e.g. ~/istanbul.{COMPARISON_EXTENSION}"),
            FileAction::SaveHandout => {
                format!("Path to save the hand-out to, e.g. ~/istanbul-handout.{COMPARISON_EXTENSION}")
            }
            FileAction::SaveCodebook => {
                format!("Path to save the codebook to, e.g. ~/ceasefire-study.{CODEBOOK_EXTENSION}")
            }
            FileAction::ApplyCodebook => {
                format!("Path of a codebook file (.{CODEBOOK_EXTENSION}, or a REFI-QDA .qdc)")
            }
            FileAction::ExportQdc => "Path to export to, e.g. ~/ceasefire-study.qdc".to_owned(),
            FileAction::Export(format) => format!("Path to export to, e.g. ~/{}", format.file_name("istanbul")),
            FileAction::ImportTable => {
                "Path of a spreadsheet (.csv, .xlsx, .xls or .ods) with one row per demand".to_owned()
            }
            FileAction::SavePositions | FileAction::SaveDocumentPositions(_) => {
                "Path to save the position file to, e.g. ~/istanbul.ron".to_owned()
            }
        }
    }

    /// The prompt's button: what answering does.
    fn verb(self) -> &'static str {
        match self {
            FileAction::Open => "Open",
            FileAction::Add | FileAction::AddSource => "Add",
            FileAction::CompareCoders => "Compare",
            FileAction::OpenClass => "Open class",
            FileAction::OpenKey => "Open key",
            FileAction::SaveAs
            | FileAction::SaveCodebook
            | FileAction::SavePositions
            | FileAction::SaveDocumentPositions(_)
            | FileAction::SaveHandout => "Save",
            FileAction::ExportQdc | FileAction::Export(_) => "Export",
            FileAction::ImportTable => "Import",
            FileAction::ApplyCodebook => "Apply",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::Open => "Open a comparison or position files",
            Self::Add => "Add position files to the comparison",
            Self::CompareCoders => "Compare coders: choose the coders' comparison files (or one shared file)",
            Self::OpenClass => "Open a class: choose the folder of the students' files",
            Self::OpenKey => "Open the key: choose the comparison you coded yourself",
            Self::SaveHandout => "Save the hand-out for students",
            Self::SaveAs => "Save comparison as",
            Self::SaveCodebook => "Save the codebook as",
            Self::ApplyCodebook => "Apply a codebook to this comparison",
            Self::ExportQdc => "Export the codebook for QDA tools (REFI-QDA)",
            Self::Export(ExportFormat::Png) => "Export a picture of the window",
            Self::Export(_) => "Export the comparison",
            Self::ImportTable => "Import positions from a spreadsheet",
            Self::SavePositions => "Save the imported positions as a position file",
            Self::SaveDocumentPositions(_) => "Save the positions as a position file",
            Self::AddSource => {
                "Add a source: a statement, a memorandum, a treaty (PDF, Word, OpenDocument, web page, text)"
            }
        }
    }
}

/// How a file dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    Chosen(FileAction, Vec<PathBuf>),
    /// Closed without choosing: whatever waited on it is cancelled too.
    Cancelled(FileAction),
}

struct Waiting {
    action: FileAction,
    started: Instant,
    suggested: Option<PathBuf>,
    result: Receiver<Option<Vec<PathBuf>>>,
}

struct PathPrompt {
    action: FileAction,
    text: String,
    reason: Option<String>,
    focus: bool,
}

/// A dialog that answers faster than this was never shown: nobody can cancel a
/// dialog this quickly, but a missing desktop portal answers at once.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

pub struct FileDialogs {
    /// File › Compare coders…: take each file as one coder (test–retest, one shared account).
    pub coder_per_file: bool,
    native: bool,
    waiting: Option<Waiting>,
    prompt: Option<PathPrompt>,
}

impl FileDialogs {
    /// With `native` false (tests, or when asked) the typed-path prompt is used directly.
    pub fn new(native: bool) -> Self {
        Self {
            coder_per_file: false,
            native,
            waiting: None,
            prompt: None,
        }
    }

    pub fn is_open(&self) -> bool {
        self.waiting.is_some() || self.prompt.is_some()
    }

    pub fn request(&mut self, ctx: &Context, action: FileAction, suggested: Option<PathBuf>) {
        if self.is_open() {
            return;
        }
        if !self.native {
            self.open_prompt(action, suggested, None);
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let start_dir = suggested.as_ref().and_then(|p| p.parent().map(PathBuf::from));
        let file_name = suggested
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
            let result = run_native_dialog(action, start_dir, file_name);
            let _ = tx.send(result);
            repaint.request_repaint();
        });
        match spawned {
            Ok(_) => {
                self.waiting = Some(Waiting {
                    action,
                    started: Instant::now(),
                    suggested,
                    result: rx,
                });
            }
            Err(e) => self.open_prompt(
                action,
                suggested,
                Some(format!("No file dialog could be started ({e}).")),
            ),
        }
    }

    fn open_prompt(&mut self, action: FileAction, suggested: Option<PathBuf>, reason: Option<String>) {
        let text = suggested.map(|p| p.display().to_string()).unwrap_or_default();
        self.prompt = Some(PathPrompt {
            action,
            text,
            reason,
            focus: true,
        });
    }

    /// Shows the typed-path prompt if open, and returns how a dialog ended, if one did.
    pub fn show(&mut self, ctx: &Context) -> Option<DialogOutcome> {
        if let Some(waiting) = &self.waiting {
            match waiting.result.try_recv() {
                Ok(Some(paths)) => {
                    let action = waiting.action;
                    self.waiting = None;
                    return Some(DialogOutcome::Chosen(action, paths));
                }
                Ok(None) | Err(TryRecvError::Disconnected) => {
                    let waiting = self.waiting.take()?;
                    if waiting.started.elapsed() < NO_DIALOG_WITHIN {
                        self.native = false;
                        self.open_prompt(
                            waiting.action,
                            waiting.suggested,
                            Some("No file dialog is available on this system (no desktop portal is running), so type the path instead.".into()),
                        );
                    } else {
                        return Some(DialogOutcome::Cancelled(waiting.action));
                    }
                }
                Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
            }
        }
        self.show_prompt(ctx)
    }

    fn show_prompt(&mut self, ctx: &Context) -> Option<DialogOutcome> {
        let prompt = self.prompt.as_mut()?;
        let mut chosen = None;
        let mut cancel = false;
        egui::Modal::new(Id::unique("path_prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(prompt.action.title());
            if let Some(reason) = &prompt.reason {
                ui.label(reason);
            }
            let hint = prompt.action.path_hint();
            let label = ui.label(RichText::new(hint).weak());
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .id(Id::unique("path_prompt_text"))
                        .desired_width(f32::INFINITY)
                        .hint_text("File path"),
                )
                .labelled_by(label.id);
            if prompt.focus {
                // The suggested path is selected, so typing replaces it.
                response.request_focus();
                prompt.focus = !select_all(ui, Id::unique("path_prompt_text"), &prompt.text);
            }
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if prompt.action == FileAction::CompareCoders {
                ui.checkbox(
                    &mut self.coder_per_file,
                    "Each file is one coder (test–retest, or several people under one name)",
                )
                .on_hover_text(
                    "Without it, coders are found by the names on their marks: a file may hold several coders, and one name in two files is refused.",
                );
            }
            ui.horizontal(|ui| {
                let label = prompt.action.verb();
                let ready = !prompt.text.trim().is_empty();
                if (ui.add_enabled(ready, egui::Button::new(label)).clicked() || (enter && ready)) && chosen.is_none() {
                    let paths = prompt
                        .text
                        .split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(expand_home)
                        .collect();
                    chosen = Some(DialogOutcome::Chosen(prompt.action, paths));
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    cancel = true;
                }
            });
        });
        let action = prompt.action;
        if chosen.is_some() || cancel {
            self.prompt = None;
        }
        if cancel && chosen.is_none() {
            return Some(DialogOutcome::Cancelled(action));
        }
        chosen
    }
}

/// The desktop's own dialog for `action` (through the portal), waited for on
/// the thread that asked; `None` when it was closed without a choice.
fn run_native_dialog(
    action: FileAction,
    start_dir: Option<PathBuf>,
    file_name: Option<String>,
) -> Option<Vec<PathBuf>> {
    let mut dialog = rfd::AsyncFileDialog::new().set_title(action.title());
    if let Some(dir) = start_dir.filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    match action {
        FileAction::Open | FileAction::Add | FileAction::CompareCoders => {
            let dialog = dialog
                .add_filter("Stances files", &["ron"])
                .add_filter("All files", &["*"]);
            pollster::block_on(dialog.pick_files())
                .map(|files| files.into_iter().map(|f| f.path().to_path_buf()).collect())
        }
        FileAction::OpenClass => pollster::block_on(dialog.pick_folder()).map(|f| vec![f.path().to_path_buf()]),
        FileAction::ApplyCodebook | FileAction::ImportTable | FileAction::OpenKey | FileAction::AddSource => {
            let dialog = if action == FileAction::AddSource {
                dialog.add_filter("Documents", &["pdf", "docx", "odt", "html", "htm", "md", "txt"])
            } else if action == FileAction::ImportTable {
                dialog.add_filter("Spreadsheets", &["csv", "tsv", "xlsx", "xlsm", "xls", "ods"])
            } else if action == FileAction::OpenKey {
                dialog.add_filter("Comparisons", &["ron"])
            } else {
                dialog.add_filter("Codebook", &["ron", "qdc"])
            };
            let dialog = dialog.add_filter("All files", &["*"]);
            pollster::block_on(dialog.pick_file()).map(|f| vec![f.path().to_path_buf()])
        }
        FileAction::SaveAs
        | FileAction::SaveHandout
        | FileAction::SaveCodebook
        | FileAction::ExportQdc
        | FileAction::Export(_)
        | FileAction::SavePositions
        | FileAction::SaveDocumentPositions(_) => {
            let (kind, extension) = match action {
                FileAction::SaveAs | FileAction::SaveHandout => ("Comparison", "ron"),
                FileAction::ExportQdc => ("REFI-QDA codebook", "qdc"),
                FileAction::Export(format) => (format.label(), format.extension()),
                FileAction::SavePositions | FileAction::SaveDocumentPositions(_) => ("Position file", "ron"),
                _ => ("Codebook", "ron"),
            };
            let mut dialog = dialog.add_filter(kind, &[extension]);
            if let Some(name) = file_name {
                dialog = dialog.set_file_name(name);
            }
            pollster::block_on(dialog.save_file()).map(|f| vec![f.path().to_path_buf()])
        }
    }
}

/// Selects the whole text of the text field `id` (once it has a state);
/// whether it could.
fn select_all(ui: &egui::Ui, id: Id, text: &str) -> bool {
    let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) else {
        return false;
    };
    let all = egui::text::CCursorRange::two(
        egui::text::CCursor::new(0),
        egui::text::CCursor::new(text.chars().count()),
    );
    state.cursor.set_char_range(Some(all));
    state.store(ui.ctx(), id);
    true
}

fn expand_home(path: &str) -> PathBuf {
    if let Some(rest) = path.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    PathBuf::from(path)
}
