//! Every command, with its menu label and its shortcuts, in one table, so menus,
//! the shortcut list and the keyboard never drift apart. What the UI reports
//! back to the app is in `action.rs`.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    /// A negotiation started from nothing: its name, date, sides and first issue.
    NewNegotiation,
    Open,
    AddFiles,
    CompareCoders,
    OpenClass,
    HandOut,
    ImportSpreadsheet,
    Save,
    SaveAs,
    /// Writes the comparison's positions as position files (one per document).
    SavePositionsAs,
    /// Reads a document (PDF, DOCX, ODT, HTML, text) into a source of the positions.
    AddSource,
    /// A new demand quoting the passage selected in the source pane.
    NewDemandFromSelection,
    /// The sides, issues and sources of the positions, edited in place.
    EditPositions,
    /// The selected demand before the one above it on its issue, in its side's order.
    MoveDemandUp,
    MoveDemandDown,
    Export,
    Quit,
    Undo,
    Redo,
    RemoveMark,
    ClearSelection,
    Find,
    Preferences,
    SetCoder,
    EditCodebook,
    SaveCodebook,
    ApplyCodebook,
    ExportQdc,
    ShowAllColumns,
    ToggleDetails,
    ShowColumns,
    ShowOverview,
    ShowValues,
    CompareRounds,
    ShowConflicts,
    Present,
    /// A live class: students code from their phones while the teacher presents.
    StartLiveClass,
    Welcome,
    Shortcuts,
    /// The user's guide, in the web browser.
    Guide,
    SelectUp,
    SelectDown,
    SelectLeft,
    SelectRight,
    ExtendUp,
    ExtendDown,
    ExtendLeft,
    ExtendRight,
}

impl Command {
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New comparison",
            Self::NewNegotiation => "New negotiation…",
            Self::Open => "Open…",
            Self::AddFiles => "Add position files…",
            Self::CompareCoders => "Compare coders…",
            Self::OpenClass => "Open class…",
            Self::HandOut => "Hand out to students…",
            Self::ImportSpreadsheet => "Import spreadsheet…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::SavePositionsAs => "Save positions as…",
            Self::AddSource => "Add source…",
            Self::NewDemandFromSelection => "New demand from selection",
            Self::EditPositions => "Sides, issues and sources…",
            Self::MoveDemandUp => "Move the demand up",
            Self::MoveDemandDown => "Move the demand down",
            Self::Export => "Export…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::RemoveMark => "Remove mark",
            Self::ClearSelection => "Clear selection",
            Self::Find => "Search",
            Self::Preferences => "Preferences…",
            Self::SetCoder => "Set coder…",
            Self::EditCodebook => "Edit codebook…",
            Self::SaveCodebook => "Save codebook as…",
            Self::ApplyCodebook => "Apply codebook…",
            Self::ExportQdc => "Export for QDA tools (.qdc)…",
            Self::ShowAllColumns => "Show all columns",
            Self::ToggleDetails => "Details pane",
            Self::ShowColumns => "Columns",
            Self::ShowOverview => "Overview",
            Self::ShowValues => "Values",
            Self::CompareRounds => "Compare rounds",
            Self::ShowConflicts => "Conflicts",
            Self::Present => "Present",
            Self::StartLiveClass => "Start a live class…",
            Self::Welcome => "Welcome screen",
            Self::Shortcuts => "Keyboard shortcuts",
            Self::Guide => "User's guide",
            Self::SelectUp => "Select the demand above",
            Self::SelectDown => "Select the demand below",
            Self::SelectLeft => "Select in the column to the left",
            Self::SelectRight => "Select in the column to the right",
            Self::ExtendUp => "Add the demand above to the selection",
            Self::ExtendDown => "Add the demand below to the selection",
            Self::ExtendLeft => "Add from the column to the left",
            Self::ExtendRight => "Add from the column to the right",
        }
    }

    /// The keys that run the command, the first one shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const CMD: Modifiers = Modifiers::COMMAND;
        const CMD_SHIFT: Modifiers = Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        };
        const NONE: Modifiers = Modifiers::NONE;
        const SHIFT: Modifiers = Modifiers::SHIFT;
        const ALT: Modifiers = Modifiers::ALT;
        // Struct literals of constants, so that the slices are static.
        macro_rules! k {
            ($m:expr, $k:expr) => {
                KeyboardShortcut {
                    modifiers: $m,
                    logical_key: $k,
                }
            };
        }
        match self {
            Self::New => &[k!(CMD, Key::N)],
            Self::Open => &[k!(CMD, Key::O)],
            Self::AddFiles => &[k!(CMD_SHIFT, Key::O)],
            Self::Save => &[k!(CMD, Key::S)],
            Self::SaveAs => &[k!(CMD_SHIFT, Key::S)],
            Self::Export => &[k!(CMD, Key::E)],
            Self::Quit => &[k!(CMD, Key::Q)],
            Self::Undo => &[k!(CMD, Key::Z)],
            Self::Redo => &[k!(CMD_SHIFT, Key::Z), k!(CMD, Key::Y)],
            Self::RemoveMark => &[k!(NONE, Key::Delete), k!(NONE, Key::Backspace)],
            Self::ClearSelection => &[k!(NONE, Key::Escape)],
            Self::Find => &[k!(CMD, Key::F)],
            Self::Preferences => &[k!(CMD, Key::Comma)],
            Self::ShowColumns => &[k!(CMD, Key::Num1)],
            Self::ShowOverview => &[k!(CMD, Key::Num2)],
            Self::ShowValues => &[k!(CMD, Key::Num3)],
            Self::CompareRounds => &[k!(CMD, Key::Num4)],
            Self::ShowConflicts => &[k!(CMD, Key::Num5)],
            Self::ToggleDetails => &[k!(NONE, Key::F9)],
            Self::NewDemandFromSelection => &[k!(CMD, Key::D)],
            Self::MoveDemandUp => &[k!(ALT, Key::ArrowUp)],
            Self::MoveDemandDown => &[k!(ALT, Key::ArrowDown)],
            Self::ShowAllColumns
            | Self::Welcome
            | Self::Guide
            | Self::CompareCoders
            | Self::OpenClass
            | Self::HandOut
            | Self::ImportSpreadsheet
            | Self::SavePositionsAs
            | Self::AddSource
            | Self::EditPositions
            | Self::NewNegotiation
            | Self::SetCoder
            | Self::EditCodebook
            | Self::SaveCodebook
            | Self::ApplyCodebook
            | Self::ExportQdc => &[],
            Self::Shortcuts => &[k!(NONE, Key::F1)],
            Self::Present => &[k!(NONE, Key::F5)],
            Self::StartLiveClass => &[],
            Self::SelectUp => &[k!(NONE, Key::ArrowUp)],
            Self::SelectDown => &[k!(NONE, Key::ArrowDown)],
            Self::SelectLeft => &[k!(NONE, Key::ArrowLeft)],
            Self::SelectRight => &[k!(NONE, Key::ArrowRight)],
            Self::ExtendUp => &[k!(SHIFT, Key::ArrowUp)],
            Self::ExtendDown => &[k!(SHIFT, Key::ArrowDown)],
            Self::ExtendLeft => &[k!(SHIFT, Key::ArrowLeft)],
            Self::ExtendRight => &[k!(SHIFT, Key::ArrowRight)],
        }
    }

    /// Every command, in the order of the shortcut sheet (F1): files, editing,
    /// marking, view, presentation, help. The keyboard checks them in another
    /// order ([`Self::shortcut_order`]).
    pub const ALL: [Self; 49] = [
        Self::New,
        Self::NewNegotiation,
        Self::Open,
        Self::AddFiles,
        Self::CompareCoders,
        Self::OpenClass,
        Self::HandOut,
        Self::ImportSpreadsheet,
        Self::Save,
        Self::SaveAs,
        Self::SavePositionsAs,
        Self::AddSource,
        Self::Export,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::NewDemandFromSelection,
        Self::EditPositions,
        Self::MoveDemandUp,
        Self::MoveDemandDown,
        Self::Preferences,
        Self::SetCoder,
        Self::EditCodebook,
        Self::SaveCodebook,
        Self::ApplyCodebook,
        Self::ExportQdc,
        Self::SelectUp,
        Self::SelectDown,
        Self::SelectLeft,
        Self::SelectRight,
        Self::ExtendUp,
        Self::ExtendDown,
        Self::ExtendLeft,
        Self::ExtendRight,
        Self::RemoveMark,
        Self::ClearSelection,
        Self::ShowAllColumns,
        Self::ToggleDetails,
        Self::ShowColumns,
        Self::ShowOverview,
        Self::ShowValues,
        Self::CompareRounds,
        Self::ShowConflicts,
        Self::Present,
        Self::StartLiveClass,
        Self::Welcome,
        Self::Shortcuts,
        Self::Guide,
    ];

    /// The part of the shortcut sheet the command is listed in.
    pub fn group(self) -> &'static str {
        match self {
            Self::New
            | Self::NewNegotiation
            | Self::Open
            | Self::AddFiles
            | Self::CompareCoders
            | Self::OpenClass
            | Self::HandOut
            | Self::ImportSpreadsheet
            | Self::Save
            | Self::SaveAs
            | Self::SavePositionsAs
            | Self::AddSource
            | Self::Export
            | Self::Quit => "Files",
            Self::Undo
            | Self::Redo
            | Self::Find
            | Self::NewDemandFromSelection
            | Self::EditPositions
            | Self::MoveDemandUp
            | Self::MoveDemandDown
            | Self::Preferences
            | Self::SetCoder
            | Self::EditCodebook
            | Self::SaveCodebook
            | Self::ApplyCodebook
            | Self::ExportQdc => "Editing",
            Self::SelectUp
            | Self::SelectDown
            | Self::SelectLeft
            | Self::SelectRight
            | Self::ExtendUp
            | Self::ExtendDown
            | Self::ExtendLeft
            | Self::ExtendRight
            | Self::RemoveMark
            | Self::ClearSelection => "Marking",
            Self::ShowAllColumns
            | Self::ToggleDetails
            | Self::ShowColumns
            | Self::ShowOverview
            | Self::ShowValues
            | Self::CompareRounds
            | Self::ShowConflicts => "View and zoom",
            Self::Present | Self::StartLiveClass => "Presentation",
            Self::Welcome | Self::Shortcuts | Self::Guide => "Help",
        }
    }

    /// Where a command without a key is found.
    pub fn menu(self) -> &'static str {
        match self.group() {
            "Files" => "File menu",
            "Editing"
                if matches!(
                    self,
                    Self::EditCodebook | Self::SaveCodebook | Self::ApplyCodebook | Self::ExportQdc
                ) =>
            {
                "Codebook menu"
            }
            "Editing" | "Marking" => "Edit menu",
            "View and zoom" => "View menu",
            "Presentation" => "Present menu",
            _ => "Help menu",
        }
    }

    /// Every shortcut of every command, in the order the keyboard checks them:
    /// chords with more modifiers first, so that Ctrl+Shift+S is not taken for
    /// Ctrl+S, nor Shift+↑ for ↑.
    pub fn shortcut_order() -> &'static [(Self, KeyboardShortcut)] {
        static ORDER: std::sync::OnceLock<Vec<(Command, KeyboardShortcut)>> = std::sync::OnceLock::new();
        ORDER.get_or_init(|| {
            let mut order: Vec<(Command, KeyboardShortcut)> = Self::ALL
                .iter()
                .flat_map(|&command| command.shortcuts().iter().map(move |&s| (command, s)))
                .collect();
            order.sort_by_key(|(_, s)| {
                let m = s.modifiers;
                std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl || m.mac_cmd))
            });
            order
        })
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Whether the command gives way to a text field that has the keyboard
    /// (plain keys, and undo/redo, which the text field does itself).
    pub fn yields_to_typing(self) -> bool {
        matches!(self, Self::Undo | Self::Redo) || self.shortcuts().iter().all(|s| !s.modifiers.command)
    }

    /// The direction of a selection move, and whether it extends the selection.
    pub fn movement(self) -> Option<(Direction, bool)> {
        Some(match self {
            Self::SelectUp => (Direction::Up, false),
            Self::SelectDown => (Direction::Down, false),
            Self::SelectLeft => (Direction::Left, false),
            Self::SelectRight => (Direction::Right, false),
            Self::ExtendUp => (Direction::Up, true),
            Self::ExtendDown => (Direction::Down, true),
            Self::ExtendLeft => (Direction::Left, true),
            Self::ExtendRight => (Direction::Right, true),
            _ => return None,
        })
    }
}

/// Which way the arrow keys move the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

#[cfg(test)]
mod tests {
    use super::Command;

    #[test]
    fn every_command_is_listed_once() {
        let mut labels: Vec<&str> = Command::ALL.iter().map(|c| c.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), Command::ALL.len());
    }

    /// Ctrl+Shift+S would otherwise be taken for Ctrl+S, and Shift+↓ for ↓.
    #[test]
    fn chords_are_checked_before_the_keys_they_contain() {
        let at = |wanted: Command| {
            Command::shortcut_order()
                .iter()
                .position(|(c, _)| *c == wanted)
                .expect("has a shortcut")
        };
        assert!(at(Command::SaveAs) < at(Command::Save));
        assert!(at(Command::Redo) < at(Command::Undo));
        assert!(at(Command::AddFiles) < at(Command::Open));
        assert!(at(Command::ExtendDown) < at(Command::SelectDown));
    }
}
