//! What the columns show, as the user steers them: the selection, a conflict's
//! or a mark's demands brought into view, the search and the status filter, and
//! the columns' order, widths and hiding (the comparison's view, saved with it).

use super::StancesApp;
use crate::gui::action::{Action, ColumnRef};
use crate::gui::views::MainView;
use crate::model::alignment::Filter;

impl StancesApp {
    pub(super) fn handle_shown(&mut self, action: Action) {
        match action {
            Action::Select { demand, extend } => self.select(demand, extend),
            Action::ShowConflict(index) => {
                let cmp = self.comparison();
                let demands: Vec<_> = cmp
                    .conflicts()
                    .get(index)
                    .and_then(|c| c.marks().first().map(|m| cmp.mark(&m.id).unwrap_or(m).demands.clone()))
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|r| cmp.resolve(r))
                    .collect();
                if let Some(&first) = demands.first() {
                    self.show_view(MainView::Columns);
                    if !self.shown.columns.is_shown(first) {
                        self.shown.filter = Filter::default();
                    }
                    self.select_and_reveal(first);
                    self.shown.selection = demands;
                } else {
                    self.notices.info(
                        "None of this mark's demands is in the comparison's documents, so the columns cannot show it.",
                    );
                }
            }
            Action::SelectMark(id) => {
                if let Some(mark) = self.comparison().mark(&id) {
                    self.shown.selection = mark
                        .demands
                        .iter()
                        .filter_map(|r| self.comparison().resolve(r))
                        .collect();
                }
            }
            Action::SetColumnHidden { column, hidden } => self.set_column_hidden(&column, hidden),
            Action::MoveColumn { column, by } => self.move_column(&column, by),
            Action::ResizeColumn { column, width } => {
                let mut view = self.comparison().view().clone();
                if let Some(c) = view.columns.iter_mut().find(|c| c.is(&column.document, &column.side)) {
                    c.width = width;
                }
                self.open.doc.set_view(view);
            }
            Action::RevealIssue(issue) => self.shown.columns.reveal_issue(issue),
            Action::SetQuery(query) => self.shown.filter.query = query,
            Action::ToggleStatusFilter(status) => {
                let was_on = self.shown.filter.statuses.remove(&status);
                if !was_on {
                    self.shown.filter.statuses.insert(status);
                }
            }
            Action::ToggleUnmarkedFilter => self.shown.filter.unmarked = !self.shown.filter.unmarked,
            Action::ClearFilter => self.shown.filter = Filter::default(),
            Action::JumpTo { side, issue } => self.jump_to(side, issue),
            _ => {}
        }
    }

    /// Shows a side's demands on an issue in the columns: the first selected and
    /// scrolled to, or the issue where the side states nothing.
    fn jump_to(&mut self, side: crate::model::SideIx, issue: usize) {
        self.show_view(MainView::Columns);
        let first = self.comparison().demands_on(side, issue).next();
        match first {
            Some(first) => {
                if !self.shown.columns.is_shown(first) {
                    // The search or a status hid it: show everything again.
                    self.shown.filter = Filter::default();
                }
                self.select_and_reveal(first);
            }
            None => {
                self.shown.selection.clear();
                self.shown.columns.reveal_issue(issue);
            }
        }
    }
    pub(super) fn select(&mut self, demand: crate::model::DemandIx, extend: bool) {
        self.open.doc.seal();
        if extend {
            if let Some(at) = self.shown.selection.iter().position(|&d| d == demand) {
                self.shown.selection.remove(at);
            } else {
                self.shown.selection.push(demand);
            }
        } else {
            self.shown.selection = vec![demand];
        }
    }
    fn set_column_hidden(&mut self, column: &ColumnRef, hidden: bool) {
        let mut view = self.comparison().view().clone();
        let shown = view.columns.iter().filter(|c| !c.hidden).count();
        if hidden && shown <= 1 {
            self.notices
                .info("The last shown column stays: show another one first.");
            return;
        }
        if let Some(c) = view.columns.iter_mut().find(|c| c.is(&column.document, &column.side)) {
            c.hidden = hidden;
        }
        self.open.doc.set_view(view);
    }
    /// Moves a column past the next shown column in that direction (hidden ones are
    /// passed over, so the move is always visible); a hidden column moves one place.
    fn move_column(&mut self, column: &ColumnRef, by: isize) {
        let mut view = self.comparison().view().clone();
        let Some(from) = view.columns.iter().position(|c| c.is(&column.document, &column.side)) else {
            return;
        };
        let hidden = view.columns[from].hidden;
        let mut to = from;
        for _ in 0..by.unsigned_abs() {
            let mut next = to;
            loop {
                next = if by < 0 {
                    match next.checked_sub(1) {
                        Some(n) => n,
                        None => break,
                    }
                } else if next + 1 < view.columns.len() {
                    next + 1
                } else {
                    break;
                };
                if hidden || !view.columns[next].hidden {
                    to = next;
                    break;
                }
            }
        }
        if to != from {
            let moved = view.columns.remove(from);
            view.columns.insert(to, moved);
            self.open.doc.set_view(view);
        }
    }
}
