//! Commands (with their menu labels and shortcuts, in one table) and the actions
//! the UI reports back to the app.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{DemandIx, MarkId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    RemoveMark,
    ClearSelection,
    Find,
    Shortcuts,
}

impl Command {
    /// Every command, in the order shortcuts are checked: longer chords first,
    /// so that Ctrl+Shift+S is not taken for Ctrl+S.
    pub const ALL: [Self; 11] = [
        Self::SaveAs,
        Self::Redo,
        Self::New,
        Self::Open,
        Self::Save,
        Self::Quit,
        Self::Undo,
        Self::RemoveMark,
        Self::ClearSelection,
        Self::Find,
        Self::Shortcuts,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New comparison",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::RemoveMark => "Remove mark",
            Self::ClearSelection => "Clear selection",
            Self::Find => "Search",
            Self::Shortcuts => "Keyboard shortcuts",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let s = |m, k| Some(KeyboardShortcut::new(m, k));
        match self {
            Self::New => s(cmd, Key::N),
            Self::Open => s(cmd, Key::O),
            Self::Save => s(cmd, Key::S),
            Self::SaveAs => s(cmd_shift, Key::S),
            Self::Quit => s(cmd, Key::Q),
            Self::Undo => s(cmd, Key::Z),
            Self::Redo => s(cmd_shift, Key::Z),
            Self::RemoveMark => s(Modifiers::NONE, Key::Delete),
            Self::ClearSelection => s(Modifiers::NONE, Key::Escape),
            Self::Find => s(cmd, Key::F),
            Self::Shortcuts => s(Modifiers::NONE, Key::F1),
        }
    }

    /// Whether the shortcut would clash with typing in a text field.
    pub fn is_plain_key(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }
}

/// What the user asked for while the UI was drawn; the app carries it out after.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Run(Command),
    OpenPaths(Vec<PathBuf>),
    Select {
        demand: DemandIx,
        extend: bool,
    },
    SelectMark(MarkId),
    /// Gives the selection a status: a new one for its mark, or a new mark.
    ApplyStatus(String),
    /// A new mark for the selection even where one of its demands has a mark already.
    NewMark(String),
    RemoveMark(MarkId),
    SetNote {
        mark: MarkId,
        note: String,
    },
    /// The note editor lost focus: the next keystroke starts a new undo step.
    SealNote,
    ShowSide {
        panel: usize,
        side: Option<String>,
    },
    SetQuery(String),
    ToggleStatusFilter(String),
    ToggleUnmarkedFilter,
    ClearFilter,
    /// Reads a position file that changed on disk again.
    Reload(String),
    /// Keeps the open version of a file that changed on disk.
    IgnoreChange(String),
}
