//! The window's dialogs and questions, open or waiting: each is drawn over the
//! main view and reports what was chosen as actions. What they hold is theirs
//! until answered; nothing here is the document.

use std::path::PathBuf;

use super::export::PictureRequest;
use super::import::PendingImport;
use super::ui::codebook_editor::CodebookEditor;
use super::ui::coder_dialogs::{CoderNamePrompt, OthersMark, SetCoderDialog};
use super::ui::export_dialog::ExportDialog;
use super::ui::file_dialogs::FileDialogs;
use super::ui::handout_dialog::{HandoutDialog, HandoutWelcome};
use super::ui::preferences::PreferencesWindow;

pub(super) struct Dialogs {
    /// Open and save dialogs (native, or the typed-path prompt).
    pub files: FileDialogs,
    pub preferences: PreferencesWindow,
    pub codebook_editor: CodebookEditor,
    /// File › Export….
    pub export: ExportDialog,
    /// A picture of the window asked for by File › Export…, not yet arrived.
    pub picture: Option<PictureRequest>,
    /// A table chosen for import, while the import dialog asks how to read it.
    pub import: Option<PendingImport>,
    /// Edit › Set coder….
    pub set_coder: SetCoderDialog,
    /// Edit › Sides, issues and sources…, while open.
    pub positions: super::ui::positions_dialog::PositionsDialog,
    /// File › Add source…, from the document's reading to its naming.
    pub add_source: Option<super::sources::AddingSource>,
    /// File › New negotiation…, while open.
    pub new_negotiation: super::ui::new_negotiation::NewNegotiationDialog,
    /// File › Hand out to students…, while open.
    pub handout: HandoutDialog,
    /// A hand-out just opened: its instruction and the student's name, asked first.
    pub handout_welcome: Option<HandoutWelcome>,
    /// A hand-out waiting for the path to save it to: (instruction, keep examples).
    pub pending_handout: Option<(String, bool)>,
    /// Another coder's mark the user gave a status, waiting for what to do about it.
    pub others_mark: Option<OthersMark>,
    /// A comparison git could not merge, waiting for whether to merge it now.
    pub git_unmerged: Option<PathBuf>,
    /// A coding act waiting for the coder's name (none was known).
    pub coder_name: Option<CoderNamePrompt>,
    /// Coders' files refused because one coder name is in two of them, with the
    /// reason, waiting for the user to take each file as one coder or not.
    pub same_coder: Option<(Vec<PathBuf>, String)>,
    /// Coders' files waiting for the adjudicator's name.
    pub adjudicator_prompt: Option<super::study::AdjudicatorPrompt>,
    /// The sheet of keyboard shortcuts (F1).
    pub shortcuts: bool,
    /// Present › Start a live class….
    pub live: super::ui::live_dialog::LiveDialog,
}

impl Dialogs {
    /// `native`: the system's file dialogs; tests use the typed-path prompt.
    pub fn new(native: bool) -> Self {
        Self {
            files: FileDialogs::new(native),
            preferences: PreferencesWindow::default(),
            codebook_editor: CodebookEditor::default(),
            export: ExportDialog::default(),
            picture: None,
            import: None,
            set_coder: SetCoderDialog::default(),
            new_negotiation: Default::default(),
            add_source: None,
            positions: Default::default(),
            handout: HandoutDialog::default(),
            handout_welcome: None,
            pending_handout: None,
            others_mark: None,
            coder_name: None,
            git_unmerged: None,
            same_coder: None,
            adjudicator_prompt: None,
            shortcuts: false,
            live: Default::default(),
        }
    }
}
