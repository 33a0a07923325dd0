//! What the user asked for, carried out: commands, selection, marks (as edits of
//! the document), columns (as view changes), the filter, reloads.

use std::path::Path;

use egui::{Context, ViewportCommand};

use super::action::{Action, ColumnRef, Settle};
use super::action::{RoundsAction, RoundsDecision};
use super::app::StancesApp;
use super::command::Command;
use super::flow::Pending;
use super::screen::Screen;
use super::ui::file_dialogs::FileAction;
use super::views::MainView;
use crate::io::given::{FileKind, kind_by_name, kind_of_path, read_given};
use crate::model::alignment::Filter;

use crate::model::mark::{new_mark_id, now_timestamp};
use crate::model::{Edit, PositionDocument};

impl StancesApp {
    pub(super) fn apply(&mut self, edit: Option<Edit>, merge_key: Option<String>) {
        if let Some(edit) = edit
            && let Err(e) = self.open.doc.apply(edit, merge_key)
        {
            self.notices.error(e.0);
        }
    }

    fn run(&mut self, ctx: &Context, command: Command) {
        if let Some((direction, extend)) = command.movement() {
            let target = match self.shown.selection.last() {
                Some(&from) => self.shown.columns.neighbour(from, direction),
                None => self.shown.columns.first_demand(),
            };
            if let Some(demand) = target {
                self.shown.columns.reveal(demand);
                self.select(demand, extend);
            }
            return;
        }
        match command {
            Command::New => self.guard(ctx, Pending::New),
            Command::NewNegotiation => self.dialogs.new_negotiation.open = true,
            Command::Open => self
                .dialogs
                .files
                .request(ctx, FileAction::Open, self.path().map(Path::to_path_buf)),
            Command::AddFiles => self
                .dialogs
                .files
                .request(ctx, FileAction::Add, self.path().map(Path::to_path_buf)),
            Command::CompareCoders => self.request_compare_coders(ctx),
            Command::HandOut => self.dialogs.handout.open = true,
            Command::OpenClass => {
                let near = self.path().map(Path::to_path_buf);
                self.dialogs.files.request(ctx, FileAction::OpenClass, near);
            }
            Command::ImportSpreadsheet => self.request_import(ctx),
            Command::Export => self.dialogs.export.open = true,
            Command::Save => self.save(ctx, None),
            Command::SaveAs => self.save_as(ctx, None),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo => {
                if let Err(e) = self.open.doc.undo() {
                    self.notices.error(format!("Cannot undo: {e}"));
                }
            }
            Command::Redo => {
                if let Err(e) = self.open.doc.redo() {
                    self.notices.error(format!("Cannot redo: {e}"));
                }
            }
            Command::RemoveMark => {
                let id = self
                    .comparison()
                    .mark_for_selection_by(&self.shown.selection, &self.coder)
                    .map(|m| m.id.clone());
                if let Some(id) = id {
                    self.remove_mark(id);
                }
            }
            Command::ClearSelection => self.shown.selection.clear(),
            Command::Find => self.shown.focus_search = true,
            Command::EditCodebook => self.dialogs.codebook_editor.open = true,
            Command::SaveCodebook => self.request_save_codebook(ctx),
            Command::SavePositionsAs => self.request_save_positions(ctx, 0),
            Command::AddSource => self.request_add_source(ctx),
            Command::EditPositions => self.dialogs.positions.open = true,
            Command::MoveDemandUp => self.move_selected_demand(false),
            Command::MoveDemandDown => self.move_selected_demand(true),
            Command::NewDemandFromSelection => self.new_demand_from_selection(),
            Command::ApplyCodebook => self.request_apply_codebook(ctx),
            Command::ExportQdc => self.request_export_qdc(ctx),
            Command::Preferences => {
                let coder = self.coder.clone();
                self.dialogs.preferences.open(&coder);
            }
            Command::SetCoder => {
                let cmp = self.open.doc.comparison();
                let selected = cmp.mark_for_selection_by(&self.shown.selection, &self.coder);
                let from = cmp
                    .coders_of_marks()
                    .into_iter()
                    .next()
                    .map(|(c, _)| c)
                    .unwrap_or_default();
                self.dialogs.set_coder.open(selected, &from);
            }
            Command::ShowColumns => self.show_view(MainView::Columns),
            Command::ShowOverview => self.show_view(MainView::Overview),
            Command::ShowValues => self.show_view(MainView::Values),
            Command::CompareRounds => self.show_view(MainView::Rounds),
            Command::ShowConflicts => self.show_view(MainView::Conflicts),
            Command::ToggleDetails => self.shown.details = !self.shown.details,
            Command::ShowAllColumns => {
                let mut view = self.comparison().view().clone();
                for column in &mut view.columns {
                    column.hidden = false;
                }
                self.open.doc.set_view(view);
            }
            Command::Shortcuts => self.dialogs.shortcuts = !self.dialogs.shortcuts,
            Command::Guide => ctx.open_url(egui::OpenUrl::new_tab(super::GUIDE_URL)),
            Command::Present => self.start_presenting(ctx),
            Command::Welcome => self.show_screen(Screen::Welcome),
            Command::SelectUp
            | Command::SelectDown
            | Command::SelectLeft
            | Command::SelectRight
            | Command::ExtendUp
            | Command::ExtendDown
            | Command::ExtendLeft
            | Command::ExtendRight => {}
        }
    }

    /// Shows a main view (on the comparison: the welcome screen gives way).
    fn show_view(&mut self, view: MainView) {
        self.open.doc.seal();
        self.shown.views.main = view;
        if self.comparison().side_count() > 0 {
            self.show_screen(Screen::Comparison);
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

    fn handle_rounds(&mut self, action: RoundsAction) {
        match action {
            RoundsAction::Choose { old, new } => {
                self.shown.views.rounds_pair = Some((old, new));
                self.shown.views.rounds_filter.rows = super::views::ROUNDS_PAGE;
            }
            RoundsAction::ToggleChange(change) => {
                let shown = &mut self.shown.views.rounds_filter.shown;
                if let Some(at) = shown.iter().position(|c| *c == change) {
                    shown.remove(at);
                } else {
                    shown.push(change);
                }
            }
            RoundsAction::ShowMore => self.shown.views.rounds_filter.rows += super::views::ROUNDS_PAGE,
            RoundsAction::Decide {
                old,
                new,
                link,
                decision,
            } => {
                self.shown.views.rounds_pair = Some((old.clone(), new.clone()));
                let edit = self.comparison().round_decision_edit(&old, &new, |d| match decision {
                    RoundsDecision::Confirm => d.confirm(link),
                    RoundsDecision::Reject => d.reject(link),
                    RoundsDecision::Unmatch => d.unmatch(&link),
                });
                self.apply(edit, None);
            }
        }
    }

    fn select(&mut self, demand: crate::model::DemandIx, extend: bool) {
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

    pub(super) fn handle(&mut self, ctx: &Context, action: Action) {
        if self.coder.trim().is_empty() && action.is_coding() {
            // Nobody has said who is coding: asked now, and the act carried out after.
            self.dialogs.coder_name = Some(super::ui::coder_dialogs::CoderNamePrompt::new(action));
            return;
        }
        match action {
            positions @ (Action::EditDemand(_)
            | Action::AddDemandAfter(_)
            | Action::AddDemandOn { .. }
            | Action::NewNegotiation(_)
            | Action::AskDeleteDemand(_)
            | Action::SaveDemandForm
            | Action::CloseDemandForm
            | Action::DeleteDemand { .. }
            | Action::ChangePositions { .. }
            | Action::DeleteSide { .. }) => self.handle_positions(ctx, positions),
            sources @ (Action::ShowSource { .. }
            | Action::ShowSourceOf(_)
            | Action::CloseSource
            | Action::AddSourceNow
            | Action::CloseSourceDialog) => self.handle_sources(sources),
            Action::Run(command) => self.run(ctx, command),
            Action::Open(paths) => self.open(ctx, &paths),
            Action::Add(paths) => self.add(&paths),
            Action::Select { demand, extend } => self.select(demand, extend),
            Action::SettleConflict { index, how } => {
                let cmp = self.comparison();
                let edit = match how {
                    Settle::Take(pick) => cmp.take_edit(index, pick),
                    Settle::TakePlace(place, pick) => cmp.take_place_edit(index, place, pick),
                    Settle::KeepBoth => cmp.keep_both_edit(index, new_mark_id()),
                    Settle::AsIs => cmp.settled_as_is_edit(index),
                };
                self.open.doc.seal();
                self.apply(edit, None);
            }
            Action::SaveHandout {
                instructions,
                keep_examples,
            } => {
                self.dialogs.pending_handout = Some((instructions, keep_examples));
                let suggested = self.path().map(|p| {
                    let stem = crate::format::comparison_file::comparison_stem(p);
                    p.with_file_name(format!(
                        "{stem}-handout.{}",
                        crate::format::comparison_file::COMPARISON_EXTENSION
                    ))
                });
                self.dialogs.files.request(ctx, FileAction::SaveHandout, suggested);
            }
            Action::CloseOverlays => {
                egui::Popup::close_all(ctx);
                self.dialogs.shortcuts = false;
            }
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
            Action::ApplyStatus(status) => self.apply_status(status),
            Action::NewMark(status) => {
                let edit =
                    self.comparison()
                        .new_mark_edit(&self.shown.selection, &status, &self.stamp(), new_mark_id());
                self.apply(edit, None);
            }
            Action::RemoveMark(id) => self.remove_mark(id),
            Action::SetNote { mark, note } => {
                let edit = self.comparison().note_edit(&mark, &note, &self.stamp());
                self.apply(edit, Some(format!("note {mark}")));
            }
            Action::SealTyping => self.open.doc.seal(),
            Action::SetCodebook { codebook, merge_key } => match self.comparison().codebook_edit(codebook) {
                Ok(edit) => self.apply(edit, merge_key),
                Err(e) => self.notices.error(e.0),
            },
            Action::AddStatus { color } => match self.comparison().add_status_edit("New status", &color) {
                Ok(edit) => {
                    self.open.doc.seal();
                    self.apply(edit, None);
                    if let Some(added) = self.comparison().codebook().statuses.last() {
                        let field = super::ui::codebook_editor::field_id("label", &added.id);
                        ctx.memory_mut(|m| m.request_focus(field));
                    }
                }
                Err(e) => self.notices.error(e.0),
            },
            Action::RemoveStatus { id, recode_to } => {
                match self
                    .comparison()
                    .remove_status_edit(&id, recode_to.as_deref(), &now_timestamp())
                {
                    Ok(edit) => {
                        self.open.doc.seal();
                        self.apply(Some(edit), None);
                        self.shown.filter.statuses.remove(&id);
                    }
                    Err(e) => self.notices.error(e.0),
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
                if !self.shown.filter.statuses.remove(&status) {
                    self.shown.filter.statuses.insert(status);
                }
            }
            Action::ToggleUnmarkedFilter => self.shown.filter.unmarked = !self.shown.filter.unmarked,
            Action::ClearFilter => self.shown.filter = Filter::default(),
            Action::Reload(path) => self.reload(&path),
            Action::IgnoreChange(path) => self.watcher.acknowledge(&path),
            Action::Study(action) => self.handle_study(ctx, action),
            Action::Class(action) => self.handle_class(ctx, action),
            Action::SetHideMarks(hide) => self.presenter.hide_marks = hide,
            Action::JumpTo { side, issue } => self.jump_to(side, issue),
            Action::Rounds(action) => self.handle_rounds(action),
            Action::OpenExample(index) => self.open_example(ctx, index),
            Action::CloseWelcome => self.show_screen(Screen::Comparison),
            Action::Export(format) => self.request_export(ctx, format),
            Action::SetCoder(name) => {
                self.notices.info(format!("New marks are recorded as coded by {name}."));
                self.computer_coder.clone_from(&name);
                self.coder = name;
            }
            Action::StartAsStudent(name) => self.start_as_student(&name),
            Action::SetMarksCoder { from, to } => {
                let count = self
                    .comparison()
                    .coders_of_marks()
                    .into_iter()
                    .find(|(c, _)| *c == from.trim())
                    .map_or(0, |(_, n)| n);
                let edit = self.comparison().set_coder_edit(&from, &to, &now_timestamp());
                if edit.is_some() {
                    let from = if from.trim().is_empty() { "no name" } else { from.trim() };
                    self.notices.info(format!(
                        "Gave {} of {from} to {to} (Ctrl+Z gives them back).",
                        crate::format::diagnostics::count(count, "mark", "marks")
                    ));
                }
                self.apply(edit, None);
            }
            Action::GiveMarks { marks, to } => {
                let edit = self.comparison().set_marks_coder_edit(&marks, &to, &now_timestamp());
                if edit.is_some() {
                    self.notices.info(format!(
                        "Gave {} to {to} (Ctrl+Z gives them back).",
                        crate::format::diagnostics::count(marks.len(), "mark", "marks")
                    ));
                }
                self.apply(edit, None);
            }
            Action::OwnMark(of) => self.own_mark(&of, None),
            Action::UnlockMark(id) => self.shown.note.unlocked = Some(id),
            Action::ImportOptionsChanged => self.refresh_import(ctx),
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

    /// Reads a changed position file again and puts it in place of the old version.
    fn reload(&mut self, path: &Path) {
        self.watcher.acknowledge(path);
        let Some(id) = self
            .open
            .sources
            .iter()
            .find(|(_, p)| p.as_path() == path)
            .map(|(id, _)| id.clone())
        else {
            return;
        };
        let Some(index) = self.comparison().document_index(&id) else {
            return;
        };
        let shown = self.comparison().documents()[index].path.clone();
        let data = match crate::io::load_position_file(path) {
            Ok(data) => data,
            Err(e) => return self.notices.error(format!("{e}\nThe version already open is kept.")),
        };
        let before = self.comparison().orphans().count();
        let document = PositionDocument {
            id,
            path: shown.clone(),
            data,
        };
        match self.open.doc.apply(Edit::ReplaceDocument { index, document }, None) {
            Ok(()) => {
                let orphaned = self.comparison().orphans().count().saturating_sub(before);
                if orphaned > 0 {
                    self.notices.error(format!(
                        "Reloaded {shown}: {} no longer there. They are kept, listed as orphaned in the details pane (undo brings the old version back).",
                        crate::format::diagnostics::count(orphaned, "mark names a demand", "marks name demands")
                    ));
                } else {
                    self.notices
                        .info(format!("Reloaded {shown}; every mark still finds its demands."));
                }
            }
            Err(e) => self.notices.error(format!("{shown}: {e}")),
        }
    }

    /// Files dropped on the window: a comparison opens, position files are added,
    /// a document (PDF, DOCX, ODT, HTML, Markdown, text) is added as a source.
    pub(super) fn dropped_files(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        // A statement, a treaty, a web page: a source of the open positions.
        let (documents, dropped): (Vec<_>, Vec<_>) =
            dropped.into_iter().partition(|p| kind_of_path(p) == FileKind::Document);
        if let Some(first) = documents.first() {
            if self.comparison().side_count() == 0 {
                self.notices.info(
                    "A document dropped becomes a source of the open positions: open or start a negotiation first (File › New negotiation…).",
                );
            } else if self.dialogs.add_source.is_some() {
                self.notices
                    .info("One source is being added already: drop the next once it is done.");
            } else {
                self.read_source(ctx, first);
                if documents.len() > 1 {
                    self.notices.info(format!(
                        "Sources are added one at a time: {} is being read; drop the others after it.",
                        crate::io::display_path(first)
                    ));
                }
            }
        }
        if dropped.is_empty() {
            return;
        }
        let mut comparisons = Vec::new();
        let mut positions = Vec::new();
        for path in dropped {
            // Read once here to tell the kind; a file that cannot be read goes
            // where its name points, and its reader says why.
            match read_given(&path) {
                Ok(given) if given.kind == FileKind::Comparison => comparisons.push(path),
                Ok(given) if given.kind != FileKind::Positions => {
                    self.notices.error(given.not_what_was_asked("positions to open"));
                }
                Ok(_) => positions.push(path),
                Err(_) if kind_by_name(&path) == Some(FileKind::Comparison) => comparisons.push(path),
                Err(_) => positions.push(path),
            }
        }
        if !comparisons.is_empty() {
            actions.push(Action::Open(comparisons));
        }
        if !positions.is_empty() {
            actions.push(Action::Add(positions));
        }
    }
}
