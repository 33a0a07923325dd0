//! What the window shows of the open document and what is selected in it: the
//! main view and what each view worked out, the columns' scroll and widths, the
//! search and filter, the selection, the note being typed, the legend's counts.
//! None of it is saved in the comparison; a new document starts it afresh.

use super::ui::columns::ColumnsView;
use super::ui::demand_form::DemandEditor;
use super::ui::details::NoteEditor;
use super::views::Views;
use crate::model::DemandIx;
use crate::model::alignment::Filter;

pub(super) struct Shown {
    pub selection: Vec<DemandIx>,
    /// The comparison's layout the selection was made in: when demands move
    /// (a file added, removed or reloaded), the selection no longer points at them.
    selection_layout: u64,
    pub filter: Filter,
    pub columns: ColumnsView,
    /// Which main view is shown (columns, overview, values, rounds, conflicts) and what each worked out.
    pub views: Views,
    pub note: NoteEditor,
    /// The selected demands' quotes traced in their sources' texts.
    pub quotes: super::quotes::QuoteChecks,
    /// A demand being edited, added or deleted in the details pane.
    pub demand_editor: Option<DemandEditor>,
    /// Marks per status, for the legend, and the revision they were counted at.
    pub counts: (u64, Vec<usize>),
    /// Whether the details pane is shown beside the columns (hidden, five columns
    /// fit a projector's 1280 points). A preference: kept across documents.
    pub details: bool,
    /// The search field asked for focus (Ctrl+F).
    pub focus_search: bool,
    /// The source open in the source pane, if one is.
    pub source: Option<super::ui::source_view::OpenSource>,
}

impl Shown {
    pub fn new(details: bool) -> Self {
        Self {
            selection: Vec::new(),
            selection_layout: 0,
            filter: Filter::default(),
            columns: ColumnsView::default(),
            views: Views::default(),
            note: NoteEditor::default(),
            demand_editor: None,
            quotes: Default::default(),
            counts: (u64::MAX, Vec::new()),
            details,
            focus_search: false,
            source: None,
        }
    }

    /// For another document: nothing of the old one's selection, filter, scroll
    /// or views carries over; the main view and the details pane stay as chosen.
    pub fn forget_document(&mut self) {
        self.selection.clear();
        self.filter = Filter::default();
        self.note = NoteEditor::default();
        self.demand_editor = None;
        self.quotes = Default::default();
        self.source = None;
        self.columns = ColumnsView::default();
        // The scroll area keeps its offset by id: a new document starts at its top.
        self.columns.scroll_to(0.0);
        self.views.forget();
        self.counts = (u64::MAX, Vec::new());
    }

    /// Clears the selection when the demands moved since it was made.
    pub fn follow_layout(&mut self, layout: u64) {
        if self.selection_layout != layout {
            self.selection.clear();
            self.selection_layout = layout;
        }
    }
}
