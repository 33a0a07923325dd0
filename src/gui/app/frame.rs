//! The parts of one frame that the app's `ui` lays out in turn: the question
//! before quitting, what follows the comparison's changes, the menu bar and a
//! study's strip, the dialogs over the panels, and the hint while files hover.

use egui::{Ui, ViewportCommand};

use super::StancesApp;
use crate::gui::ui::toolbar;

impl StancesApp {
    /// Quitting with unsaved work asks first.
    pub(super) fn ask_before_quitting(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.has_unsaved_work() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            if self.flow.is_idle() {
                self.guard(ctx, super::flow::Pending::Quit);
            }
        }
    }

    /// The rows shown and the counts per status follow the comparison's changes.
    pub(super) fn follow_comparison(&mut self) {
        self.shown
            .columns
            .update_rows(self.open.doc.comparison(), &self.shown.filter);
        if self.shown.counts.0 != self.comparison().revision()
            || self.shown.counts.1.len() != self.comparison().codebook().statuses.len()
        {
            // Counting walks every mark: done once per change, not per frame.
            self.shown.counts = (self.comparison().revision(), self.comparison().status_counts());
        }
    }

    /// The menu bar (not on a figure), and a study's strip under it.
    pub(super) fn menu_and_study_strip(&mut self, ui: &mut Ui, actions: &mut Vec<crate::gui::action::Action>) {
        if !self.figure {
            egui::Panel::top("menu").show(ui, |ui| {
                // The views are the comparison's: not on the welcome screen, nor over a study's tables.
                let views = self.comparison_shown();
                let state = toolbar::MenuState {
                    recent: &self.recent,
                    can_undo: self.open.doc.can_undo(),
                    can_redo: self.open.doc.can_redo(),
                    hide_marks: self.presenter.hide_marks,
                    details_shown: self.shown.details,
                    view: views.then_some(self.shown.views.main),
                };
                toolbar::menu_bar(ui, self.open.doc.comparison(), &state, actions);
            });
        }
        if let Some(live) = self.live_shown() {
            // The class goes on while the teacher is out of the presentation.
            egui::Panel::top("live_strip").show(ui, |ui| {
                if let Some(act) = crate::gui::ui::live_strip::strip(ui, &live) {
                    actions.push(crate::gui::action::Action::Live(act));
                }
            });
        }
        let tab = self.study_tab();
        if let Some(study) = &mut self.open.study {
            let progress = study.progress(self.open.doc.comparison());
            egui::Panel::top("study").show(ui, |ui| {
                let class = study.class.as_ref().map(super::class::ClassState::size);
                crate::gui::ui::study_view::strip(ui, &study.adjudication, progress, tab, class, actions);
            });
        }
    }

    /// Every dialog and prompt the window may show over its panels.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<crate::gui::action::Action>) {
        if let Some(outcome) = self.dialogs.files.show(ctx) {
            self.on_dialog(ctx, outcome);
        }
        self.flow_prompts(ctx);
        crate::gui::ui::shortcuts::show(ctx, &mut self.dialogs.shortcuts, self.open.doc.comparison().codebook());
        self.dialogs.preferences.show(ctx, actions);
        let on_selection = self.marks_on_selection();
        self.dialogs
            .set_coder
            .show(ctx, self.open.doc.comparison(), &on_selection, actions);
        if let Some(prompt) = self.dialogs.coder_name.as_mut()
            && let Some(answer) = prompt.show(ctx)
        {
            let then = prompt.then.clone();
            self.dialogs.coder_name = None;
            if let Some(name) = answer {
                actions.push(crate::gui::action::Action::SetCoder(name));
                actions.push(then);
            }
        }
        let marks = self.open.doc.comparison().marks().len();
        self.dialogs.handout.show(ctx, marks, actions);
        self.dialogs.live.show(ctx, actions);
        self.live_stop_prompt(ctx);
        self.dialogs.new_negotiation.show(ctx, actions);
        self.show_source_dialog(ctx, actions);
        self.dialogs.positions.show(ctx, self.open.doc.comparison(), actions);
        if let Some(welcome) = self.dialogs.handout_welcome.as_mut()
            && let Some(name) = welcome.show(ctx)
        {
            self.dialogs.handout_welcome = None;
            actions.push(crate::gui::action::Action::StartAsStudent(name));
        }
        self.ask_about_others_mark(ctx);
        self.ask_to_merge_again(ctx);
        self.show_import_dialog(ctx, actions);
        self.dialogs
            .codebook_editor
            .show(ctx, self.open.doc.comparison(), actions);
        self.show_same_coder_prompt(ctx);
        self.show_adjudicator_prompt(ctx);
        self.dialogs.export.show(ctx, self.open.study.is_some(), actions);
        self.offer_imported_positions(ctx);
        self.recovery_prompt(ctx);
    }
}

/// Files hovering over the window: what dropping them does.
pub(super) fn show_drop_hint(ctx: &egui::Context) {
    if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
        let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop")));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a comparison to open it, position files to add them,\nor a document (PDF, DOCX, ODT, HTML, text) to add it as a source",
                egui::FontId::proportional(22.0),
                egui::Color32::WHITE,
            );
    }
}
