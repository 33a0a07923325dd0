//! A coding study in the window: the strip that names it and switches between its
//! views, and the agreement figures a reviewer asks for.

use egui::{RichText, Ui};

use crate::gui::action::{Action, StudyAction};
use crate::model::consensus::{Adjudication, Progress};
use crate::model::reliability::{Agreement, Undefined, figure_text};
use crate::model::study::Breakdown;
use crate::model::tally::CoderTally;

/// The views of a study.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StudyTab {
    /// A class's tallies, demand by demand (a class only).
    Class,
    #[default]
    Agreement,
    Disagreements,
    CodedByOne,
    /// Each coder: how much they coded, and how often with the majority.
    Coders,
    /// The consensus being made, side by side like any comparison.
    Consensus,
}

/// The strip above a study's views: what is compared, the tabs, and closing.
/// `class` is the class's size when the study is a class.
pub fn strip(
    ui: &mut Ui,
    adjudication: &Adjudication,
    progress: Progress,
    tab: StudyTab,
    class: Option<usize>,
    actions: &mut Vec<Action>,
) {
    let study = adjudication.study();
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(if class.is_some() { "Class" } else { "Coding study" }).strong());
        ui.label(format!(
            "{} in {}, over {}",
            match class {
                Some(size) => crate::format::diagnostics::count(size, "student", "students"),
                None => coder_list(study.coders()),
            },
            crate::format::diagnostics::count(study.copies().len(), "file", "files"),
            crate::format::diagnostics::count(study.units().len(), "demand", "demands"),
        ));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Close study")
                .on_hover_text("Keep the consensus open as an ordinary comparison")
                .clicked()
            {
                actions.push(Action::Study(StudyAction::Close));
            }
        });
    });
    ui.horizontal_wrapped(|ui| {
        let tabs = tabs(study, progress, class);
        for (this, label, hover) in tabs {
            if ui
                .selectable_label(tab == this, RichText::new(label).size(15.0))
                .on_hover_text(hover)
                .clicked()
                && tab != this
            {
                actions.push(Action::Study(StudyAction::ShowTab(this)));
            }
        }
    });
    ui.add_space(2.0);
}

/// A study's tabs (a class's tally first), each with its label and what it shows.
fn tabs(
    study: &crate::model::study::Study,
    progress: Progress,
    class: Option<usize>,
) -> Vec<(StudyTab, String, String)> {
    let mut tabs = Vec::new();
    if class.is_some() {
        tabs.push((
            StudyTab::Class,
            "Tally".to_owned(),
            "Each demand with the class's tally: how many gave each status, the status given most, how divided"
                .to_owned(),
        ));
    }
    // A class's words: students and hand-ins, not coders.
    let (who, one) = if class.is_some() {
        ("students", "student")
    } else {
        ("coders", "coder")
    };
    tabs.extend([
        (
            StudyTab::Agreement,
            "Agreement".to_owned(),
            format!("Agreement between the {who}: percent agreement, Cohen's κ, Krippendorff's α"),
        ),
        (
            StudyTab::Disagreements,
            format!("Disagreements ({})", progress.disputed),
            format!(
                "Demands the {who} coded differently: {} of {} settled in the consensus",
                progress.disputed_decided, progress.disputed
            ),
        ),
        (
            StudyTab::CodedByOne,
            format!("Coded by one {one} ({})", progress.coded_by_one),
            format!(
                "Demands only one {one} coded: {} of {} taken into the consensus",
                progress.coded_by_one_decided, progress.coded_by_one
            ),
        ),
        (
            StudyTab::Coders,
            if class.is_some() {
                format!("Students ({})", class.unwrap_or_default())
            } else {
                format!("Coders ({})", study.coders().len())
            },
            format!("Each {one}: how many demands they coded, and how often they gave the status the others gave most"),
        ),
        (
            StudyTab::Consensus,
            "Consensus".to_owned(),
            "The consensus side by side, as a comparison".to_owned(),
        ),
    ]);
    tabs
}

/// "alice and bob", "alice, bob and carol".
pub fn coder_list(coders: &[String]) -> String {
    match coders {
        [] => "no coder".to_owned(),
        [one] => one.clone(),
        // A class: the count, and the first few names.
        many if many.len() > super::disagreements::MAX_CODER_COLUMNS => format!(
            "{} coders ({}, … {})",
            many.len(),
            many[..3].join(", "),
            many[many.len() - 1]
        ),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The agreement figures: the whole study first, then one row per issue, side or status.
pub fn agreement(
    ui: &mut Ui,
    adjudication: &Adjudication,
    rows: &[(String, Agreement)],
    by: Option<Breakdown>,
    changed: &[crate::model::study_notes::ChangedMark],
    actions: &mut Vec<Action>,
) {
    let study = adjudication.study();
    ui.add_space(6.0);
    ui.heading("Agreement between coders");
    ui.label(format!(
        "{} coded {}. The unit is a demand: a coder's code for it is the status of their mark on it; a demand a coder did not mark is not coded by them (a missing value, not a code). Only demands coded by two coders or more count for or against agreement.",
        coder_list(study.coders()),
        crate::format::diagnostics::count(study.units().len(), "demand", "demands"),
    ));
    ui.add_space(6.0);
    breakdown_bar(ui, by, actions);
    ui.add_space(6.0);
    let undefined = agreement_table(ui, rows);
    ui.add_space(8.0);
    for why in undefined {
        ui.label(RichText::new(format!("– undefined: {}.", why.reason())).weak());
    }
    let conflicts = study.conflicts();
    if !conflicts.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} a demand two different statuses (a within-coder conflict); those codes count as not coded. They are listed under Disagreements.",
                match conflicts.len() {
                    1 => "Once a coder gave".to_owned(),
                    n => format!("{n} times a coder gave"),
                }
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    let note = crate::model::study_notes::changed_note(changed);
    let color = if changed.is_empty() {
        ui.visuals().weak_text_color()
    } else {
        ui.visuals().warn_fg_color
    };
    super::text::label(ui, &note, Some(color));
}

/// Overall or by issue, side, status or round; and the figures copied as CSV.
fn breakdown_bar(ui: &mut Ui, by: Option<Breakdown>, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        for (this, label) in [
            (None, "Overall"),
            (Some(Breakdown::Issue), "By issue"),
            (Some(Breakdown::Side), "By side"),
            (Some(Breakdown::Status), "By status (one against the rest)"),
            (Some(Breakdown::Document), "By round (position file)"),
        ] {
            if ui.selectable_label(by == this, label).clicked() && by != this {
                actions.push(Action::Study(StudyAction::SetBreakdown(this)));
            }
        }
        ui.separator();
        if ui
            .button("Copy as CSV")
            .on_hover_text(
                "The same columns as `stances agreement --format csv`, for a paper's scripts or a spreadsheet",
            )
            .clicked()
        {
            actions.push(Action::Study(StudyAction::CopyFigures));
        }
    });
}

/// The figures of each scope, one row each; why those undefined are so.
fn agreement_table(ui: &mut Ui, rows: &[(String, Agreement)]) -> Vec<Undefined> {
    let mut undefined: Vec<Undefined> = Vec::new();
    egui::ScrollArea::both().auto_shrink([false, true]).show(ui, |ui| {
        egui::Grid::new("agreement_table")
            .striped(true)
            .num_columns(9)
            .spacing([18.0, 6.0])
            .show(ui, |ui| {
                for (heading, hover) in [
                    ("Scope", "The whole study, or one issue, side or status"),
                    ("Demands", "Units (demands) in this scope, coded or not"),
                    (
                        "Coded by 2+",
                        "Demands coded by at least two coders: the pairable units",
                    ),
                    (
                        "By one",
                        "Demands only one coder coded: they say nothing about agreement",
                    ),
                    ("By none", "Demands no coder coded"),
                    ("Coders", "Coders who coded at least one demand here"),
                    ("% agreement", "Share of agreeing pairs of codes"),
                    ("Cohen's κ", "Agreement beyond chance, for exactly two coders"),
                    (
                        "Krippendorff's α",
                        "Agreement beyond chance (nominal), any number of coders, missing values allowed",
                    ),
                ] {
                    ui.label(RichText::new(heading).strong()).on_hover_text(hover);
                }
                ui.end_row();
                for (scope, a) in rows {
                    let name = if scope == "all" { "Whole study" } else { scope.as_str() };
                    ui.label(super::text::widget_text(ui, name, egui::TextStyle::Body));
                    for n in [a.units, a.pairable_units, a.coded_once, a.not_coded, a.coders] {
                        ui.label(RichText::new(n.to_string()).monospace());
                    }
                    for (figure, percent) in [
                        (&a.percent_agreement, true),
                        (&a.cohen_kappa, false),
                        (&a.krippendorff_alpha, false),
                    ] {
                        let shown = ui.label(RichText::new(figure_text(figure, percent)).monospace());
                        if let Err(why) = figure {
                            shown.on_hover_text(format!("Undefined: {}", why.reason()));
                            if !undefined.contains(why) {
                                undefined.push(*why);
                            }
                        }
                    }
                    ui.end_row();
                }
            });
    });
    undefined
}

/// The coders of a study (a class's students): how many demands each coded, and
/// how often they gave the majority's status (and the key's, when a class has
/// one); those who coded nothing or did not hand in named first.
pub fn coders(
    ui: &mut Ui,
    study: &crate::model::study::Study,
    rows: &[CoderTally],
    idle: &[String],
    class: Option<&crate::gui::class::ClassState>,
) {
    let (who, others) = if class.is_some() {
        ("Students", "the rest of the class")
    } else {
        ("Coders", "the other coders")
    };
    ui.add_space(6.0);
    ui.heading(who);
    ui.label(
        RichText::new(format!(
            "How many demands each coded, and how often their status was the one {others} gave most (their own left out; demands where the others tie left out){}.",
            if class.and_then(|c| c.key()).is_some() {
                ", and the key's (demands the key leaves out left out)"
            } else {
                ""
            }
        ))
        .weak(),
    );
    ui.add_space(6.0);
    if let Some(class) = class {
        handed_in(ui, class);
    }
    if !idle.is_empty() {
        ui.label(
            RichText::new(format!("Coded nothing (files with no mark): {}", idle.join(", ")))
                .color(ui.visuals().warn_fg_color),
        );
        ui.add_space(4.0);
    }
    coders_table(ui, study, rows, class);
}

/// Who of a class has handed in, against its list of students.
fn handed_in(ui: &mut Ui, class: &crate::gui::class::ClassState) {
    match class.missing().as_deref() {
        Some([]) => {
            ui.label(format!(
                "Everyone on the list of students ({}) has handed in.",
                crate::model::roster::ROSTER_FILE
            ));
        }
        Some(missing) => {
            ui.label(
                RichText::new(format!(
                    "Not handed in ({} on the list, no file): {}",
                    missing.len(),
                    missing.join(", ")
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        None => {
            ui.label(
                RichText::new(format!(
                    "To see who has not handed in, put a list of the students in the class folder: {}, one name a line.",
                    crate::model::roster::ROSTER_FILE
                ))
                .weak(),
            );
        }
    }
    let not_listed = class.roll().not_listed();
    if !not_listed.is_empty() {
        ui.label(
            RichText::new(format!(
                "Handed in under a name not on the list ({}): {}",
                not_listed.len(),
                not_listed.join(", ")
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
}

/// One row per coder: demands coded, agreement with the others and with the key.
fn coders_table(
    ui: &mut Ui,
    study: &crate::model::study::Study,
    rows: &[CoderTally],
    class: Option<&crate::gui::class::ClassState>,
) {
    let key = class.and_then(|c| c.key());
    let units = study.units().len();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        egui::Grid::new("coders_table")
            .striped(true)
            .spacing([24.0, 6.0])
            .show(ui, |ui| {
                // With two coders the others are one coder: the figure would say nothing.
                let with_others = study.coders().len() > 2;
                let mut headers = vec![if class.is_some() { "Student" } else { "Coder" }, "Demands coded"];
                if with_others {
                    headers.push(if class.is_some() {
                        "With the class"
                    } else {
                        "With the other coders"
                    });
                }
                if key.is_some() {
                    headers.push("With the key");
                }
                for header in headers {
                    ui.label(RichText::new(header).strong());
                }
                ui.end_row();
                for row in rows {
                    // Names whole, never broken over lines.
                    let name =
                        super::text::widget_text(ui, RichText::new(&study.coders()[row.coder]), egui::TextStyle::Body);
                    ui.add(egui::Label::new(name).wrap_mode(egui::TextWrapMode::Extend));
                    let coded = format!("{} of {units}", row.coded);
                    if row.coded == 0 {
                        ui.label(RichText::new(coded).color(ui.visuals().warn_fg_color));
                    } else {
                        ui.label(coded);
                    }
                    if with_others {
                        ui.label(row.with_others_share().map_or_else(
                            || "–".to_owned(),
                            |s| format!("{:.0} % ({} of {})", s * 100.0, row.with_others, row.others_units),
                        ));
                    }
                    if let Some(key) = key {
                        let with = key.coder_agreement(study, row.coder);
                        ui.label(with.share().map_or_else(
                            || "–".to_owned(),
                            |s| format!("{:.0} % ({} of {})", s * 100.0, with.agree, with.both),
                        ));
                    }
                    ui.end_row();
                }
            });
    });
}
