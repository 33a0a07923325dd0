//! The panels of one frame for each view: the comparison (search and legend,
//! messages, details, columns), the welcome screen, and a coding study's tables.

use std::path::Path;

use egui::{RichText, Ui};

use super::StancesApp;
use super::screen::Screen;
use crate::gui::action::Action;
use crate::gui::ui::study_view::{self, StudyTab};
use crate::gui::ui::{
    conflicts, details, disagreements, header, overview, rounds, source_view, toolbar, values, welcome,
};
use crate::gui::views::MainView;
use crate::model::consensus::List;

impl StancesApp {
    fn empty_state(ui: &mut Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.heading("No position files open");
            ui.label("Open a comparison or position files with File › Open… (Ctrl+O), add position files with File › Add position files…, or drop files onto this window.");
        });
    }

    /// The path of a watched file as the user gave it, where a document records it.
    fn shown_source(&self, path: &Path) -> String {
        self.open
            .sources
            .iter()
            .find(|(_, p)| p.as_path() == path)
            .and_then(|(id, _)| self.comparison().document_index(id))
            .map_or_else(
                || path.display().to_string(),
                |i| self.comparison().documents()[i].path.clone(),
            )
    }

    fn changed_on_disk_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        for path in self.watcher.changed().to_vec() {
            let shown = self.shown_source(&path);
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{shown} changed on disk.")).color(ui.visuals().warn_fg_color));
                if ui.button("Reload").clicked() {
                    actions.push(Action::Reload(path.clone()));
                }
                if ui.button("Keep the open version").clicked() {
                    actions.push(Action::IgnoreChange(path.clone()));
                }
            });
        }
    }

    /// The messages at the bottom (files changed on disk, notices), where there are any.
    fn messages_panel(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        if !self.notices.is_empty() || !self.watcher.changed().is_empty() {
            egui::Panel::bottom("notices").show(ui, |ui| {
                self.changed_on_disk_ui(ui, actions);
                self.notices.ui(ui);
            });
        }
    }

    /// The panels of a comparison: the search and legend, messages, the details
    /// pane and the columns.
    pub(super) fn comparison_panels(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        if self.screen() == Screen::Welcome {
            self.welcome_panels(ui, actions);
            return;
        }
        match self.shown.views.main {
            MainView::Columns => {}
            view => {
                self.other_view_panels(ui, view, actions);
                return;
            }
        }
        if !self.figure {
            egui::Panel::top("filter").show(ui, |ui| {
                ui.add_space(4.0);
                toolbar::filter_bar(
                    ui,
                    self.open.doc.comparison(),
                    &self.shown.counts.1,
                    &self.shown.filter,
                    std::mem::take(&mut self.shown.focus_search),
                    &self.coder,
                    actions,
                );
                ui.add_space(2.0);
            });
        }
        if !self.figure {
            self.messages_panel(ui, actions);
        }
        if !self.figure && self.shown.details {
            self.details_panel(ui, actions);
        }
        if !self.figure && self.shown.source.is_some() {
            // Beside the columns; in their place when the window is too narrow for both.
            if ui.available_width() < 900.0 {
                egui::CentralPanel::default().show(ui, |ui| self.source_pane(ui, actions));
                return;
            }
            egui::Panel::left("source")
                .default_size(ui.available_width() * 0.4)
                .min_size(300.0)
                .resizable(true)
                .show(ui, |ui| self.source_pane(ui, actions));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.comparison().side_count() == 0 {
                Self::empty_state(ui);
                return;
            }
            header::title_strip(ui, self.open.doc.comparison(), actions);
            ui.add_space(2.0);
            if self.shown.columns.rows().is_empty() {
                ui.label(RichText::new("No demand matches the search and filter.").weak());
            }
            self.shown
                .columns
                .show(ui, self.open.doc.comparison(), &self.shown.selection, actions);
        });
    }

    /// The details pane at the right: the selection in full, its mark and note.
    fn details_panel(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::Panel::right("details")
            .default_size(300.0)
            .min_size(240.0)
            .resizable(true)
            .show(ui, |ui| {
                let cmp = self.open.doc.comparison();
                let comparison_file = self.open.file.as_ref().map(|f| f.path.as_path());
                let quotes =
                    self.shown
                        .quotes
                        .statuses(cmp, &self.shown.selection, comparison_file, &self.open.sources);
                let values = self.shown.views.issue_values(cmp, &self.shown.selection);
                details::show(
                    ui,
                    cmp,
                    &self.shown.selection,
                    details::Worked {
                        issue_values: values,
                        quotes: &quotes,
                    },
                    details::Editors {
                        note: &mut self.shown.note,
                        demand: &mut self.shown.demand_editor,
                    },
                    &self.coder,
                    actions,
                );
            });
    }

    /// The source pane: the open source's text, or why it cannot be shown.
    fn source_pane(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let Some(pane) = self.shown.source.as_mut() else {
            return;
        };
        let cmp = self.open.doc.comparison();
        let title = cmp
            .document_index(&pane.document)
            .and_then(|d| cmp.documents()[d].data.sources.iter().find(|s| s.id == pane.source))
            .map(|s| s.title.clone());
        let Some(title) = title else {
            // Its source was undone or removed.
            actions.push(Action::CloseSource);
            return;
        };
        let comparison_file = self.open.file.as_ref().map(|f| f.path.as_path());
        let Some(kept) = self
            .shown
            .quotes
            .text(&pane.document, &pane.source, comparison_file, &self.open.sources)
        else {
            ui.heading(&title);
            ui.label(format!(
                "The text of this source is not beside the comparison (looked for {}): add the document again with File › Add source…, or copy its text there, to see it and trace its quotes.",
                comparison_file.map_or_else(
                    || "a folder beside the saved file".to_owned(),
                    |f| format!("{}/{}/{}.txt", crate::io::sources::sources_dir(f).display(), pane.document, pane.source)
                )
            ));
            if ui.button("Close").clicked() {
                actions.push(Action::CloseSource);
            }
            return;
        };
        let (document, source) = (pane.document.clone(), pane.source.clone());
        let passages = pane.passages(cmp, kept.text, || {
            super::sources::quoted_passages(cmp, &document, &source, kept.text)
        });
        let shown = source_view::Shown {
            title: &title,
            text: kept.text,
            file: kept.file.as_deref(),
            origin: kept.origin.as_ref(),
            passages: &passages,
            can_add: cmp.handout().is_none(),
        };
        source_view::show(ui, pane, cmp, &shown, actions);
    }

    /// The overview, the values or the rounds, in place of the columns, with the messages below.
    fn other_view_panels(&mut self, ui: &mut Ui, view: MainView, actions: &mut Vec<Action>) {
        self.messages_panel(ui, actions);
        let cmp = self.open.doc.comparison();
        let views = &mut self.shown.views;
        egui::CentralPanel::default().show(ui, |ui| match view {
            MainView::Overview => overview::show(ui, cmp, views.overview(cmp), actions),
            MainView::Values => values::show(ui, cmp, views.values(cmp)),
            MainView::Conflicts => conflicts::show(ui, cmp, self.open.merging.unwrap_or("git commit"), actions),
            MainView::Rounds => {
                let filter = views.rounds_filter.clone();
                let shown = views
                    .rounds(cmp)
                    .map(|(old, new, changes)| rounds::RoundsShown { old, new, changes });
                rounds::show(ui, cmp, shown, &filter, actions);
            }
            MainView::Columns => {}
        });
    }

    /// The welcome screen, with the messages below it.
    fn welcome_panels(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        if !self.notices.is_empty() {
            egui::Panel::bottom("notices").show(ui, |ui| self.notices.ui(ui));
        }
        let back_to = (self.comparison().side_count() > 0).then(|| self.document_name());
        let cards = self.welcome.cards.get_or_insert_with(crate::gui::examples::cards);
        let context = welcome::WelcomeContext {
            recent: &self.recent,
            first_visit: !self.welcome.welcomed,
            back_to,
        };
        egui::CentralPanel::default().show(ui, |ui| {
            welcome::show(ui, cards, &context, actions);
        });
    }

    /// A coding study's agreement figures or its list of demands to settle, in place of the columns.
    pub(super) fn study_central_panel(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let Some(study) = self.open.study.as_ref() else {
            return;
        };
        let tab = self.study_tab();
        egui::CentralPanel::default().show(ui, |ui| match tab {
            StudyTab::Agreement => {
                egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                    study_view::agreement(
                        ui,
                        &study.adjudication,
                        study.figures(),
                        study.breakdown(),
                        study.changed_by_others(),
                        actions,
                    );
                });
            }
            StudyTab::Disagreements | StudyTab::CodedByOne => {
                let list = if tab == StudyTab::Disagreements {
                    List::Disputed
                } else {
                    List::CodedByOne
                };
                disagreements::show(
                    ui,
                    &study.adjudication,
                    self.open.doc.comparison(),
                    list,
                    &study.filter,
                    actions,
                );
            }
            StudyTab::Class => {
                if let Some(class) = &study.class {
                    crate::gui::ui::class_view::show(ui, study.adjudication.study(), class, actions);
                }
            }
            StudyTab::Coders => {
                let (rows, idle) = study.coders();
                study_view::coders(ui, study.adjudication.study(), rows, idle, study.class.as_ref());
            }
            StudyTab::Consensus => {}
        });
    }
}
