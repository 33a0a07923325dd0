//! Every command, with its menu label and its shortcuts, in one table, so menus,
//! the shortcut list and the keyboard never drift apart; and the actions the UI
//! reports back to the app.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{DemandIx, MarkId};

/// How a merge conflict is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settle {
    /// One side's version of what differs.
    Take(crate::model::conflict::Pick),
    /// One side's version of one place of a document (its `n`th place in conflict).
    TakePlace(usize, crate::model::conflict::Pick),
    /// Both versions of a mark, as two marks.
    KeepBoth,
    /// What the comparison holds now (edited by hand).
    AsIs,
}

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
    pub const ALL: [Self; 48] = [
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
            Self::Present => "Presentation",
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
            "View and zoom" | "Presentation" => "View menu",
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

/// A column of the view, by document and side id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnRef {
    pub document: String,
    pub side: String,
}

/// What the user asked for while the UI was drawn; the app carries it out after.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Run(Command),
    /// Settles merge conflict `index` of the comparison.
    SettleConflict {
        index: usize,
        how: Settle,
    },
    /// Selects the demands of merge conflict `index`'s mark in the columns.
    ShowConflict(usize),
    /// Closes an open menu and the shortcut sheet (Esc).
    CloseOverlays,
    /// Asks where to save a hand-out of the comparison, then writes it.
    SaveHandout {
        instructions: String,
        keep_examples: bool,
    },
    /// Opens files as a document (a comparison, or position files as a new comparison).
    Open(Vec<PathBuf>),
    /// Adds position files to the open comparison.
    Add(Vec<PathBuf>),
    Select {
        demand: DemandIx,
        extend: bool,
    },
    SelectMark(MarkId),
    /// Opens the details pane's form on a demand's fields.
    EditDemand(DemandIx),
    /// Opens the form for a new demand of this demand's side, after it.
    AddDemandAfter(DemandIx),
    /// Opens a new negotiation made in File › New negotiation… (asking first about unsaved work).
    NewNegotiation(Box<crate::model::PositionFile>),
    /// Opens the form for a new demand of `side` on `issue` (an empty slot clicked).
    AddDemandOn {
        side: crate::model::SideIx,
        issue: usize,
    },
    /// Deletes a demand, asking first what becomes of the marks on it.
    AskDeleteDemand(DemandIx),
    /// Opens source `source` of document `document` in the source pane, at a byte offset of its text.
    ShowSource {
        document: String,
        source: String,
        at: Option<usize>,
    },
    /// Opens the source a demand quotes, at the passage it quotes.
    ShowSourceOf(DemandIx),
    CloseSource,
    /// Adds the source the Add source dialog describes.
    AddSourceNow,
    /// One change to document `document`'s sides, issues or sources.
    ChangePositions {
        document: usize,
        change: Box<crate::model::position_edit::PositionChange>,
    },
    /// Deletes side `at` of document `document` with its demands; the marks on
    /// them are removed too, or kept as orphans.
    DeleteSide {
        document: usize,
        at: usize,
        remove_marks: bool,
    },
    CloseSourceDialog,
    /// Puts what the form says in the positions (one undoable edit).
    SaveDemandForm,
    CloseDemandForm,
    /// Deletes a demand; the marks on it are removed too, or kept as orphans.
    DeleteDemand {
        demand: crate::model::DemandRef,
        remove_marks: bool,
    },
    /// Gives the selection a status: a new one for its mark, or a new mark.
    ApplyStatus(String),
    /// A new mark for the selection even where one of its demands has a mark already.
    NewMark(String),
    RemoveMark(MarkId),
    SetNote {
        mark: MarkId,
        note: String,
    },
    /// A text field (a note, a status label) lost focus: the next keystroke starts a new undo step.
    SealTyping,
    /// Makes this the comparison's codebook; changes with the same `merge_key` in a
    /// row (typing a label) are one undo step.
    SetCodebook {
        codebook: crate::model::Codebook,
        merge_key: Option<String>,
    },
    /// Adds a status, named "New status", in this colour.
    AddStatus {
        color: String,
    },
    /// Deletes a status; its marks are re-coded to `recode_to` first (a merge).
    RemoveStatus {
        id: String,
        recode_to: Option<String>,
    },
    SetColumnHidden {
        column: ColumnRef,
        hidden: bool,
    },
    /// Moves a column by `by` places among all columns (negative: to the left).
    MoveColumn {
        column: ColumnRef,
        by: isize,
    },
    /// A new width for a column, or `None` to let it share the window again.
    ResizeColumn {
        column: ColumnRef,
        width: Option<f32>,
    },
    /// Scrolls the columns to an issue.
    RevealIssue(usize),
    SetQuery(String),
    ToggleStatusFilter(String),
    ToggleUnmarkedFilter,
    ClearFilter,
    /// Reads a position file that changed on disk again.
    Reload(PathBuf),
    /// Keeps the open version of a file that changed on disk.
    IgnoreChange(PathBuf),
    SetCoder(String),
    /// A student starts coding the open hand-out under the name they typed: it
    /// is recorded in their copy, and codes their marks in this window only.
    StartAsStudent(String),
    /// A choice of the import dialog changed: read the table again with it.
    ImportOptionsChanged,
    /// Gives every mark of the coder `from` ("" for marks with no name) to `to`.
    SetMarksCoder {
        from: String,
        to: String,
    },
    /// Gives these marks alone to the coder `to` (Edit › Set coder… on the selection).
    GiveMarks {
        marks: Vec<MarkId>,
        to: String,
    },
    /// A mark of the user's own on the demands of another coder's mark (theirs kept).
    OwnMark(MarkId),
    /// Lets the user change another coder's mark's note (asked, and chosen).
    UnlockMark(MarkId),
    /// Something asked of the open coding study.
    Study(StudyAction),
    /// Something the class view asks (File › Open class…).
    Class(crate::gui::class::ClassAction),
    /// Whether a presentation hides each issue's marks until the next step reveals them.
    SetHideMarks(bool),
    /// Opens an example of the library (an index into `examples::EXAMPLES`) as a new comparison.
    OpenExample(usize),
    /// Leaves the welcome screen for the open comparison.
    CloseWelcome,
    /// Asks where to export the comparison in this format.
    Export(crate::export::ExportFormat),
    /// From the overview: a side's demands on an issue, in the columns.
    JumpTo {
        side: crate::model::SideIx,
        issue: usize,
    },
    /// Something asked in the comparison of rounds.
    Rounds(RoundsAction),
}

impl Action {
    /// Whether the action is a coding act, which records who made it.
    pub fn is_coding(&self) -> bool {
        matches!(
            self,
            Self::ApplyStatus(_) | Self::NewMark(_) | Self::OwnMark(_) | Self::SetNote { .. }
        )
    }
}

/// What the user asked for when comparing rounds; documents by id.
#[derive(Clone, Debug, PartialEq)]
pub enum RoundsAction {
    /// Compare these two documents.
    Choose { old: String, new: String },
    /// Lists demands with this change, or no longer.
    ToggleChange(crate::model::rounds::Change),
    /// Lists more of each side's demands.
    ShowMore,
    /// A decision about a pair of demands of documents `old` and `new`.
    Decide {
        old: String,
        new: String,
        link: crate::model::rounds::RoundLink,
        decision: RoundsDecision,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundsDecision {
    /// The same demand in both rounds (a suggestion confirmed, or a match drawn by hand).
    Confirm,
    /// A suggestion that is not the same demand.
    Reject,
    /// Undoes a match the user made.
    Unmatch,
}

/// What the user asked for in a coding study's views.
#[derive(Clone, Debug, PartialEq)]
pub enum StudyAction {
    ShowTab(crate::gui::ui::study_view::StudyTab),
    SetBreakdown(Option<crate::model::study::Breakdown>),
    SetFilter(crate::model::consensus::RowFilter),
    /// Settles a demand in the consensus with this status and note; `typing` a note
    /// merges keystrokes into one undo step.
    Decide {
        unit: usize,
        status: String,
        note: String,
        typing: bool,
    },
    /// Leaves a demand out of the consensus again.
    ClearDecision(usize),
    /// Copies the agreement figures shown as CSV.
    CopyFigures,
    Close,
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
