//! What the user asked for, carried out: commands, selection, marks (as edits of
//! the document), columns (as view changes), the filter, reloads.

use std::path::Path;

use egui::{Context, ViewportCommand};

use super::StancesApp;
use super::flow::Pending;
use super::screen::Screen;
use crate::gui::action::Action;
use crate::gui::action::{RoundsAction, RoundsDecision};
use crate::gui::command::Command;
use crate::gui::ui::file_dialogs::FileAction;
use crate::gui::views::MainView;
use crate::io::given::{FileKind, kind_by_name, read_given};

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
            self.move_selection(direction, extend);
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
            Command::RemoveMark => self.remove_selections_mark(),
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
            Command::SetCoder => self.ask_whose_marks(),
            Command::ShowColumns => self.show_view(MainView::Columns),
            Command::ShowOverview => self.show_view(MainView::Overview),
            Command::ShowValues => self.show_view(MainView::Values),
            Command::CompareRounds => self.show_view(MainView::Rounds),
            Command::ShowConflicts => self.show_view(MainView::Conflicts),
            Command::ToggleDetails => self.shown.details = !self.shown.details,
            Command::ShowAllColumns => self.show_all_columns(),
            Command::Shortcuts => self.dialogs.shortcuts = !self.dialogs.shortcuts,
            Command::Guide => ctx.open_url(egui::OpenUrl::new_tab(crate::gui::GUIDE_URL)),
            Command::Present => self.start_presenting(ctx),
            Command::StartLiveClass => self.open_live_dialog(ctx),
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

    /// The arrow keys: the selection moves to the next demand that way (or
    /// grows, with Shift), the first demand when nothing is selected.
    fn move_selection(&mut self, direction: crate::gui::command::Direction, extend: bool) {
        let target = match self.shown.selection.last() {
            Some(&from) => self.shown.columns.neighbour(from, direction),
            None => self.shown.columns.first_demand(),
        };
        if let Some(demand) = target {
            self.shown.columns.reveal(demand);
            self.select(demand, extend);
        }
    }

    /// Edit › Remove mark: the coder's mark on the selection.
    fn remove_selections_mark(&mut self) {
        let id = self
            .comparison()
            .mark_for_selection_by(&self.shown.selection, &self.coder)
            .map(|m| m.id.clone());
        if let Some(id) = id {
            self.remove_mark(id);
        }
    }

    /// Edit › Whose marks…: the dialog, starting from the selection's mark or
    /// the first coder of the marks.
    fn ask_whose_marks(&mut self) {
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

    /// View › Show all columns.
    fn show_all_columns(&mut self) {
        let mut view = self.comparison().view().clone();
        for column in &mut view.columns {
            column.hidden = false;
        }
        self.open.doc.set_view(view);
    }

    /// Shows a main view (on the comparison: the welcome screen gives way).
    pub(super) fn show_view(&mut self, view: MainView) {
        self.open.doc.seal();
        self.shown.views.main = view;
        if self.comparison().side_count() > 0 {
            self.show_screen(Screen::Comparison);
        }
    }

    fn handle_rounds(&mut self, action: RoundsAction) {
        match action {
            RoundsAction::Choose { old, new } => {
                self.shown.views.rounds_pair = Some((old, new));
                self.shown.views.rounds_filter.rows = crate::gui::views::ROUNDS_PAGE;
            }
            RoundsAction::ToggleChange(change) => {
                let shown = &mut self.shown.views.rounds_filter.shown;
                if let Some(at) = shown.iter().position(|c| *c == change) {
                    shown.remove(at);
                } else {
                    shown.push(change);
                }
            }
            RoundsAction::ShowMore => self.shown.views.rounds_filter.rows += crate::gui::views::ROUNDS_PAGE,
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

    pub(super) fn handle(&mut self, ctx: &Context, action: Action) {
        if self.coder.trim().is_empty() && action.is_coding() {
            // Nobody has said who is coding: asked now, and the act carried out after.
            self.dialogs.coder_name = Some(crate::gui::ui::coder_dialogs::CoderNamePrompt::new(action));
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
            shown @ (Action::Select { .. }
            | Action::ShowConflict(_)
            | Action::SelectMark(_)
            | Action::SetColumnHidden { .. }
            | Action::MoveColumn { .. }
            | Action::ResizeColumn { .. }
            | Action::RevealIssue(_)
            | Action::SetQuery(_)
            | Action::ToggleStatusFilter(_)
            | Action::ToggleUnmarkedFilter
            | Action::ClearFilter
            | Action::JumpTo { .. }) => self.handle_shown(shown),
            coding @ (Action::SettleConflict { .. }
            | Action::ApplyStatus(_)
            | Action::NewMark(_)
            | Action::RemoveMark(_)
            | Action::SetNote { .. }
            | Action::SetCoder(_)
            | Action::SetMarksCoder { .. }
            | Action::GiveMarks { .. }
            | Action::OwnMark(_)) => self.handle_coding(coding),
            codebook @ (Action::SetCodebook { .. } | Action::AddStatus { .. } | Action::RemoveStatus { .. }) => {
                self.handle_codebook(ctx, codebook);
            }
            Action::Run(command) => self.run(ctx, command),
            Action::Open(paths) => self.open(ctx, &paths),
            Action::StartLive { address, resume } => self.start_live(ctx, address, resume),
            Action::Live(act) => self.live_act(act),
            Action::Add(paths) => self.add(&paths),
            Action::SaveHandout {
                instructions,
                keep_examples,
            } => self.ask_where_to_save_handout(ctx, instructions, keep_examples),
            Action::CloseOverlays => {
                egui::Popup::close_all(ctx);
                self.dialogs.shortcuts = false;
            }
            Action::SealTyping => self.open.doc.seal(),
            Action::Reload(path) => self.reload(&path),
            Action::IgnoreChange(path) => self.watcher.acknowledge(&path),
            Action::Study(action) => self.handle_study(ctx, action),
            Action::Class(action) => self.handle_class(ctx, action),
            Action::SetHideMarks(hide) => self.presenter.hide_marks = hide,
            Action::Rounds(action) => self.handle_rounds(action),
            Action::OpenExample(index) => self.open_example(ctx, index),
            Action::CloseWelcome => self.show_screen(Screen::Comparison),
            Action::Export(format) => self.request_export(ctx, format),
            Action::StartAsStudent(name) => self.start_as_student(&name),
            Action::UnlockMark(id) => self.shown.note.unlocked = Some(id),
            Action::ImportOptionsChanged => self.refresh_import(ctx),
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
        // Each file read once to tell its kind; a file that cannot be read goes
        // where its name points, and its reader says why.
        let mut documents = Vec::new();
        let mut comparisons = Vec::new();
        let mut positions = Vec::new();
        for path in dropped {
            let kind = match read_given(&path) {
                Ok(given)
                    if !matches!(
                        given.kind,
                        FileKind::Comparison | FileKind::Positions | FileKind::Document
                    ) =>
                {
                    self.notices.error(given.not_what_was_asked("positions to open"));
                    continue;
                }
                Ok(given) => given.kind,
                Err(_) => kind_by_name(&path).unwrap_or(FileKind::Positions),
            };
            match kind {
                FileKind::Document => documents.push(path),
                FileKind::Comparison => comparisons.push(path),
                _ => positions.push(path),
            }
        }
        // A statement, a treaty, a web page: a source of the open positions.
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
        if !comparisons.is_empty() {
            actions.push(Action::Open(comparisons));
        }
        if !positions.is_empty() {
            actions.push(Action::Add(positions));
        }
    }
}
