//! A coding study in the window: the coders' files, read side by side, and the
//! consensus being adjudicated, which is the open document (so every decision is
//! an edit: undoable, autosaved, saved with File › Save).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::Context;

use super::flow::{Pending, canonical};
use super::screen::Screen;
use super::{SavedFile, StancesApp};
use crate::gui::action::StudyAction;
use crate::gui::ui::file_dialogs::FileAction;
use crate::gui::ui::study_view::StudyTab;
use crate::model::Comparison;
use crate::model::consensus::{Adjudication, Progress, RowFilter};
use crate::model::mark::{Stamp, new_mark_id};
use crate::model::reliability::Agreement;
use crate::model::study::{Breakdown, CodedCopy, CoderSource, Study, StudyError};
use crate::model::tally::{CoderTally, coders, tally};

/// The open study and what its views show.
pub(in crate::gui) struct StudyState {
    pub adjudication: Adjudication,
    /// How the figures shown are broken down: set with [`Self::set_breakdown`].
    by: Option<Breakdown>,
    pub filter: RowFilter,
    /// The agreement figures per breakdown: the coders' files do not change while
    /// the study is open, so each is computed once.
    figures: HashMap<Option<Breakdown>, Vec<(String, Agreement)>>,
    /// Each coder's tally and the files with no coder's mark (the Coders tab),
    /// computed once for the same reason.
    coders: (Vec<CoderTally>, Vec<String>),
    /// The coders' marks someone other than their coder changed, found once.
    changed: Vec<crate::model::study_notes::ChangedMark>,
    /// The class's figures and key, when the study is a class (File › Open class…).
    pub class: Option<super::class::ClassState>,
    /// How far adjudication has come, and the consensus's revision it was
    /// counted at: counting looks up every demand's decision, so it is done
    /// once per change, not per frame.
    progress: (u64, Progress),
}

impl StudyState {
    fn new(adjudication: Adjudication, roll: Option<crate::model::class_roll::Roll>) -> Self {
        let mut state = Self {
            adjudication,
            by: None,
            filter: RowFilter::default(),
            figures: HashMap::new(),
            coders: (Vec::new(), Vec::new()),
            changed: Vec::new(),
            class: None,
            progress: (u64::MAX, Progress::default()),
        };
        let study = state.adjudication.study();
        let demands = tally(study, study.coders().len());
        let idle: Vec<String> = match &roll {
            Some(roll) => roll.coded_nothing(study).into_iter().map(str::to_owned).collect(),
            None => study
                .copies()
                .iter()
                .filter(|c| c.comparison.marks().all(|m| c.comparison.is_example(&m.id)))
                .map(|c| crate::model::study::file_stem(&c.file))
                .collect(),
        };
        if let Some(roll) = roll {
            // A class opens on its tallies.
            state.class = Some(super::class::ClassState::new(study, roll));
        }
        state.coders = (coders(study, &demands), idle);
        state.changed = study.changed_by_others();
        state.set_breakdown(None);
        state
    }

    /// Shows the figures broken down by `by`, computing them the first time.
    pub fn set_breakdown(&mut self, by: Option<Breakdown>) {
        self.by = by;
        let study = self.adjudication.study();
        self.figures.entry(by).or_insert_with(|| study.report(by));
    }

    pub fn breakdown(&self) -> Option<Breakdown> {
        self.by
    }

    /// The figures shown: those of the current breakdown.
    pub fn figures(&self) -> &[(String, Agreement)] {
        self.figures.get(&self.by).map_or(&[], Vec::as_slice)
    }

    /// The coders' marks someone other than their coder changed.
    pub fn changed_by_others(&self) -> &[crate::model::study_notes::ChangedMark] {
        &self.changed
    }

    /// Each coder's tally, and the files that hold no coder's mark.
    pub fn coders(&self) -> (&[CoderTally], &[String]) {
        (&self.coders.0, &self.coders.1)
    }

    /// How far adjudication of `consensus` (the open document) has come.
    pub fn progress(&mut self, consensus: &Comparison) -> Progress {
        if self.progress.0 != consensus.revision() {
            self.progress = (consensus.revision(), self.adjudication.progress(consensus));
        }
        self.progress.1
    }
}

/// Coders' files waiting for the adjudicator's name: the name in Preferences is
/// one of the study's coders, and an adjudicator is recorded apart from them.
pub(in crate::gui) struct AdjudicatorPrompt {
    paths: Vec<PathBuf>,
    source: CoderSource,
    /// The coder the Preferences name is.
    coder: String,
    name: String,
}

/// A study read from files, ready to take the open document's place.
pub(super) struct OpenedStudy {
    adjudication: Adjudication,
    consensus: Comparison,
    /// Where the consensus lives, when one was opened to go on with.
    file: Option<SavedFile>,
    /// What was said about the files while reading them (a class's files left
    /// out, students who coded nothing), shown once the study is open.
    notes: Vec<String>,
    /// Opened as a class: who is in it.
    class: Option<crate::model::class_roll::Roll>,
}

impl StancesApp {
    pub(super) fn request_compare_coders(&mut self, ctx: &Context) {
        let near = self.path().map(Path::to_path_buf);
        self.dialogs.files.request(ctx, FileAction::CompareCoders, near);
    }

    /// Reads coders' comparison files (and at most one consensus among them, to go
    /// on with) as a study; `None`, with the reason said, when they cannot be one.
    fn read_study(&mut self, paths: &[PathBuf], source: CoderSource) -> Option<OpenedStudy> {
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            match crate::io::study::read_coded_copy(path) {
                Ok(copy) => files.push((path.clone(), copy)),
                Err(e) => {
                    self.notices.error(e);
                    return None;
                }
            }
        }
        self.study_of(files, source)
    }

    /// Coders' comparisons, read, as a study (see [`Self::read_study`]).
    fn study_of(&mut self, files: Vec<(PathBuf, CodedCopy)>, source: CoderSource) -> Option<OpenedStudy> {
        let paths: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
        let paths = paths.as_slice();
        let (coders, consensus) = match split_consensus(files) {
            Ok(split) => split,
            Err(e) => {
                self.notices.error(e);
                return None;
            }
        };
        if let Some(refusal) = not_a_study(&coders, consensus.as_ref().map(|(_, c)| c)) {
            self.notices.error(refusal);
            return None;
        }
        let study = match Study::with_coders(coders, source) {
            Ok(study) => study,
            Err(e @ StudyError::SameCoder { .. }) => {
                // Asked, not only said: taking each file as one coder is one click away.
                self.dialogs.same_coder = Some((paths.to_vec(), e.to_string()));
                return None;
            }
            Err(e) => {
                self.notices.error(e.to_string());
                return None;
            }
        };
        if study.coders().len() < 2 {
            self.notices.error(format!(
                "{} the marks of {} only: a coding study needs two coders or more. Each coder codes in their own name, in their own copy or in one shared file (coders are told apart by the coder recorded on their marks, set in Edit › Preferences).",
                if study.copies().len() == 1 { "This file holds" } else { "These files hold" },
                study.coders().first().map_or("no coder", String::as_str)
            ));
            return None;
        }
        for path in paths {
            self.remember_recent(path);
        }
        let adjudicator = self.adjudicator();
        if study.coders().iter().any(|c| c.trim() == adjudicator.trim()) {
            // The adjudicator is not a coder: asked for, and the study read again once named.
            self.dialogs.adjudicator_prompt = Some(AdjudicatorPrompt {
                paths: paths.to_vec(),
                source,
                coder: adjudicator,
                name: String::new(),
            });
            return None;
        }
        match adjudication_of(study, consensus, adjudicator) {
            Ok(opened) => Some(opened),
            Err(e) => {
                self.notices.error(e);
                None
            }
        }
    }

    /// File › Compare coders…'s files chosen: each file a coder, or each mark's
    /// coder as recorded, as the dialog's choice says.
    pub(super) fn compare_coders(&mut self, ctx: &Context, paths: &[PathBuf]) {
        let source = if self.dialogs.files.coder_per_file {
            CoderSource::EachFile
        } else {
            CoderSource::MarkNames
        };
        self.open_study(ctx, paths, source);
    }

    /// File › Compare coders…: the study in place of the open document, asking first if work would be lost.
    pub(super) fn open_study(&mut self, ctx: &Context, paths: &[PathBuf], source: CoderSource) {
        if let Some(opened) = self.read_study(paths, source) {
            self.guard(ctx, Pending::Study(Box::new(opened)));
        }
    }

    /// Who adjudicates in this window: the name given for it, else the coder's.
    pub(super) fn adjudicator(&self) -> String {
        self.adjudicator.clone().unwrap_or_else(|| self.coder.clone())
    }

    /// Asks the adjudicator's name, while the study waits for it.
    pub(super) fn show_adjudicator_prompt(&mut self, ctx: &Context) {
        let Some(prompt) = self.dialogs.adjudicator_prompt.as_mut() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("adjudicator_prompt")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Who is adjudicating?");
            ui.label(format!(
                "You are coding as {}, one of this study's coders. The consensus records its adjudicator apart from the coders, so that a coder's codes and the decisions are never taken for one another.",
                prompt.coder
            ));
            let label = ui.label("Adjudicator's name");
            let field = ui
                .add(egui::TextEdit::singleline(&mut prompt.name).desired_width(260.0))
                .labelled_by(label.id);
            let name = prompt.name.trim();
            let ready = !name.is_empty() && name != prompt.coder.trim();
            if !ready && !name.is_empty() {
                ui.label(egui::RichText::new("That is a coder of the study: give another name.").weak());
            }
            ui.horizontal(|ui| {
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.add_enabled(ready, egui::Button::new("Adjudicate")).clicked() || (enter && ready) {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                if let Some(prompt) = self.dialogs.adjudicator_prompt.take() {
                    self.adjudicator = Some(prompt.name.trim().to_owned());
                    self.open_study(ctx, &prompt.paths, prompt.source);
                }
            }
            Some(false) => self.dialogs.adjudicator_prompt = None,
            None => {}
        }
    }

    /// When one coder name was found in two files: says so, and offers to take
    /// each file as one coder.
    pub(super) fn show_same_coder_prompt(&mut self, ctx: &Context) {
        let Some((paths, reason)) = &self.dialogs.same_coder else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("same_coder_prompt")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("One coder name in two files");
            ui.label(reason.as_str());
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Take each file as one coder").clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                let paths = paths.clone();
                self.dialogs.same_coder = None;
                self.dialogs.files.coder_per_file = true;
                self.open_study(ctx, &paths, CoderSource::EachFile);
            }
            Some(false) => self.dialogs.same_coder = None,
            None => {}
        }
    }

    /// `stances --coders FILES…`: nothing is open yet, so nothing to ask.
    /// File › Open class… (`stances --class`): a folder of students' files (or the
    /// files) as a study, each student named by their marks; files that are not
    /// of the class's positions are left out and said, not refused with the rest.
    pub(super) fn open_class(&mut self, ctx: &Context, paths: &[PathBuf]) {
        if let Some(opened) = self.read_class(paths) {
            self.guard(ctx, Pending::Study(Box::new(opened)));
        }
    }

    pub(super) fn open_class_at_start(&mut self, paths: &[PathBuf]) {
        match self.read_class(paths) {
            Some(opened) => self.install_study(opened),
            None => self.show_screen(Screen::Welcome),
        }
    }

    /// The class as `stances tally` reads it (one reader): each hand-in one
    /// student, never refused for two students of one name.
    fn read_class(&mut self, paths: &[PathBuf]) -> Option<OpenedStudy> {
        let class = match crate::io::class::read_class(paths) {
            Ok(class) => class,
            Err(e) => {
                self.notices.error(e);
                return None;
            }
        };
        let notes = class.summary();
        let crate::model::class_roll::Class { roll, study } = class;
        let found = crate::model::unsettled::unsettled(study.copies().iter().map(|c| (c.file.as_str(), &c.comparison)));
        if let Some(refusal) = crate::model::unsettled::refusal(&found, "then open the class again") {
            self.notices.error(refusal);
            return None;
        }
        // The folder is what was opened: Recent files gets it, not thirty students' files.
        for path in paths {
            self.remember_recent(path);
        }
        let (adjudication, consensus) = Adjudication::start(study, &Stamp::now(self.adjudicator()), new_mark_id);
        Some(OpenedStudy {
            adjudication,
            consensus,
            file: None,
            notes,
            class: Some(roll),
        })
    }

    pub(super) fn open_study_at_start(&mut self, paths: &[PathBuf], source: CoderSource) {
        match self.read_study(paths, source) {
            Some(opened) => self.install_study(opened),
            None => self.show_screen(Screen::Welcome),
        }
    }

    pub(super) fn install_study(&mut self, opened: OpenedStudy) {
        let resumed = opened.file.is_some();
        self.replace_document(opened.consensus, opened.file, HashMap::new());
        let progress = opened.adjudication.progress(self.comparison());
        let coders = crate::gui::ui::study_view::coder_list(opened.adjudication.study().coders());
        self.notices.info(if opened.class.is_some() {
            "The class is open: each demand's tally is under Tally, each student under Students; F5 presents the result with the students' names hidden.".to_owned()
        } else if resumed {
            format!(
                "Going on with the consensus of {coders}: {} of {} disagreements settled.",
                progress.disputed_decided, progress.disputed
            )
        } else {
            format!(
                "Coding study of {coders}. The demands they agree on are in the consensus already; settle the {} under Disagreements, then save the consensus with File › Save as…",
                crate::format::diagnostics::count(progress.disputed, "disagreement", "disagreements")
            )
        });
        for note in opened.notes {
            self.notices.warning(note);
        }
        let class = opened.class.is_some();
        self.open.study = Some(StudyState::new(opened.adjudication, opened.class));
        // A class opens on its tallies, a study on its agreement figures.
        self.show_screen(Screen::Study(if class { StudyTab::Class } else { StudyTab::Agreement }));
    }

    pub(super) fn handle_study(&mut self, ctx: &Context, action: StudyAction) {
        let adjudicator = self.adjudicator();
        let Some(study) = self.open.study.as_mut() else {
            return;
        };
        match action {
            StudyAction::ShowTab(tab) => {
                self.show_screen(Screen::Study(tab));
                self.open.doc.seal();
                self.shown.selection.clear();
            }
            StudyAction::SetBreakdown(by) => study.set_breakdown(by),
            StudyAction::SetFilter(filter) => study.filter = filter,
            StudyAction::Decide {
                unit,
                status,
                note,
                typing,
            } => {
                let edit = study.adjudication.decide_edit(
                    self.open.doc.comparison(),
                    unit,
                    &status,
                    &note,
                    &Stamp::now(adjudicator.clone()),
                    new_mark_id(),
                );
                if !typing {
                    self.open.doc.seal();
                }
                if let Some(edit) = edit
                    && let Err(e) = self.open.doc.apply(edit, typing.then(|| format!("decision {unit}")))
                {
                    self.notices.error(e.0);
                }
            }
            StudyAction::ClearDecision(unit) => {
                let edit =
                    study
                        .adjudication
                        .clear_edit(self.open.doc.comparison(), unit, &Stamp::now(adjudicator.clone()));
                self.open.doc.seal();
                if let Some(edit) = edit
                    && let Err(e) = self.open.doc.apply(edit, None)
                {
                    self.notices.error(e.0);
                }
            }
            StudyAction::CopyFigures => {
                match crate::format::agreement_csv::to_csv(study.figures(), crate::format::csv_out::CsvStyle::default())
                {
                    Ok(csv) => {
                        ctx.copy_text(csv);
                        self.notices.info("Copied the agreement figures as CSV.");
                    }
                    Err(e) => self
                        .notices
                        .error(format!("The figures could not be written as CSV: {e}")),
                }
            }
            StudyAction::Close => {
                self.open.study = None;
                self.show_screen(Screen::Comparison);
                self.notices
                    .info("The coding study is closed; its consensus stays open as a comparison.");
            }
        }
    }
}

/// The consensus file among a study's files, if any: where it is, and what it holds.
type Consensus = Option<(PathBuf, CodedCopy)>;

/// The files of a study: the coders' copies, and the consensus file among them
/// (one at most) to go on adjudicating.
fn split_consensus(files: Vec<(PathBuf, CodedCopy)>) -> Result<(Vec<CodedCopy>, Consensus), String> {
    let mut coders: Vec<CodedCopy> = Vec::new();
    let mut consensus: Option<(PathBuf, CodedCopy)> = None;
    for (path, copy) in files {
        if Adjudication::is_consensus(&copy.comparison) {
            if let Some((_, first)) = &consensus {
                return Err(format!(
                    "{} and {} are both consensus files; give one, to go on adjudicating it",
                    first.file, copy.file
                ));
            }
            consensus = Some((path, copy));
        } else {
            coders.push(copy);
        }
    }
    Ok((coders, consensus))
}

/// Why these files make no study: one is half merged, or no coder's file is among them.
fn not_a_study(coders: &[CodedCopy], consensus: Option<&CodedCopy>) -> Option<String> {
    // No figure from a half-merged file.
    let found =
        crate::model::unsettled::unsettled(coders.iter().chain(consensus).map(|c| (c.file.as_str(), &c.comparison)));
    if let Some(refusal) = crate::model::unsettled::refusal(&found, "then compare the coders again") {
        return Some(refusal);
    }
    // One file may hold several coders' marks (a shared file, coded in turn):
    // the study tells them apart by the names on the marks.
    if coders.is_empty() {
        return Some(format!(
            "A coding study compares two coders or more: choose each coder's comparison file ({} given{}).",
            coders.len(),
            if consensus.is_some() {
                ", besides the consensus"
            } else {
                ""
            }
        ));
    }
    None
}

/// The study adjudicated: started, or resumed from its consensus file.
fn adjudication_of(
    study: Study,
    consensus: Option<(PathBuf, CodedCopy)>,
    adjudicator: String,
) -> Result<OpenedStudy, String> {
    match consensus {
        None => {
            let (adjudication, consensus) = Adjudication::start(study, &Stamp::now(adjudicator), new_mark_id);
            Ok(OpenedStudy {
                adjudication,
                consensus,
                file: None,
                notes: Vec::new(),
                class: None,
            })
        }
        Some((path, copy)) => match Adjudication::resume(study, &copy) {
            Ok(adjudication) => Ok(OpenedStudy {
                adjudication,
                consensus: copy.comparison,
                file: Some(SavedFile::on_disk(canonical(&path))),
                notes: Vec::new(),
                class: None,
            }),
            Err(e) => Err(e.to_string()),
        },
    }
}
