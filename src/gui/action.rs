//! What the UI reports back to the app: each action the user asked for while a
//! frame was drawn, carried out after it (a command run, a conflict settled, a
//! demand selected, a study's or the rounds' choices).

use std::path::PathBuf;

use super::command::Command;
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

/// A column of the view, by document and side id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnRef {
    pub document: String,
    pub side: String,
}

/// The teacher's acts on a live class, from the projector's strip or keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveAct {
    /// Closes voting on the issue shown, or opens it again.
    ToggleClosed,
    /// Reveals the key and the class's tally on the issue shown, or hides them.
    ToggleRevealed,
    /// Stops the class, hands in each student's coding and opens the class.
    Stop,
}

/// What the user asked for while the UI was drawn; the app carries it out after.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Run(Command),
    /// Starts a live class on this address (port 0: any free one), or goes
    /// on with the class kept in `resume`.
    StartLive {
        address: std::net::SocketAddr,
        resume: Option<PathBuf>,
    },
    Live(LiveAct),
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
