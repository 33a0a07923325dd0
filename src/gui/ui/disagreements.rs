//! The disagreement view of a coding study: one row per demand the coders coded
//! differently (or only one coder coded), each coder's status and note side by
//! side, grouped by issue, with the consensus decision at the end of the row.

use egui::{Align, Color32, Layout, RichText, Sense, Ui, vec2};

use super::theme;
use crate::gui::action::{Action, StudyAction};
use crate::model::consensus::{Adjudication, List, RowFilter};
use crate::model::reliability::Code;
use crate::model::study::Cell;
use crate::model::tally::{counts_of, tally_of};
use crate::model::{Comparison, Mark};

/// Rows drawn at most: beyond that the filters narrow the list.
const MAX_ROWS: usize = 300;
const GAP: f32 = 14.0;

pub fn show(
    ui: &mut Ui,
    adjudication: &Adjudication,
    consensus: &Comparison,
    list: List,
    filter: &RowFilter,
    actions: &mut Vec<Action>,
) {
    let study = adjudication.study();
    ui.add_space(6.0);
    filter_bar(ui, adjudication, filter, actions);
    let mut rows = adjudication.rows(list, filter);
    if study.coders().len() > MAX_CODER_COLUMNS {
        most_divided_first(ui, study, &mut rows);
    }
    let settled = rows
        .iter()
        .filter(|&&u| adjudication.decision(consensus, u).is_some())
        .count();
    let what = match list {
        List::Disputed => "Demands the coders coded differently",
        List::CodedByOne => "Demands only one coder coded (they count neither for nor against agreement)",
    };
    ui.label(RichText::new(format!("{what}: {}, {settled} settled in the consensus.", rows.len())).weak());
    if rows.is_empty() {
        nothing_listed(ui, list, filter);
        return;
    }
    let widths = Widths::new(ui.available_width() - 16.0, study.coders().len());
    ui.add_space(4.0);
    let base = study.base();
    // The header scrolls sideways with the rows, so that each coder's name stays
    // over their column however many coders there are.
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        header(ui, study, &widths);
        ui.separator();
        let mut issue_shown = None;
        for &unit in rows.iter().take(MAX_ROWS) {
            let issue = study.issue_of(unit);
            if issue != issue_shown {
                issue_shown = issue;
                let name = issue.map_or("Issue not in the list of issues", |i| base.issues()[i].name.as_str());
                ui.add_space(8.0);
                ui.label(super::text::widget_text(
                    ui,
                    RichText::new(name).strong().size(17.0),
                    egui::TextStyle::Heading,
                ));
                ui.add_space(2.0);
            }
            row(ui, adjudication, consensus, unit, &widths, actions);
            ui.separator();
        }
        if rows.len() > MAX_ROWS {
            ui.label(
                RichText::new(format!(
                    "{} more not shown: narrow the list with the filters above.",
                    rows.len() - MAX_ROWS
                ))
                .weak(),
            );
        }
    });
}

/// The table's column widths for `coders` coders in `width` points.
struct Widths {
    demand: f32,
    coder: f32,
    consensus: f32,
    coders: usize,
    /// Past [`MAX_CODER_COLUMNS`] coders (a class), one column of tallies
    /// replaces a column each.
    tallied: bool,
}

impl Widths {
    fn new(width: f32, coders: usize) -> Self {
        let tallied = coders > MAX_CODER_COLUMNS;
        let shown_columns = if tallied { 1 } else { coders };
        let consensus = (width * 0.27).clamp(240.0, 400.0);
        let demand = (width * 0.28).clamp(200.0, 440.0);
        let coder = ((width - consensus - demand - GAP * (shown_columns as f32 + 1.0)) / shown_columns.max(1) as f32)
            .max(if tallied { 260.0 } else { 150.0 });
        Self {
            demand,
            coder,
            consensus,
            coders,
            tallied,
        }
    }
}

/// A class's option: the demands where the class divides most first, which is
/// where to start the discussion.
fn most_divided_first(ui: &mut Ui, study: &crate::model::study::Study, rows: &mut [usize]) {
    let id = ui.scope_id().with("most_divided");
    let mut most_divided = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
    if ui
        .checkbox(&mut most_divided, "Most divided first")
        .on_hover_text("Order the demands by how few pairs of coders agree on them, instead of by issue")
        .changed()
    {
        ui.data_mut(|d| d.insert_temp(id, most_divided));
    }
    if most_divided {
        let coders = study.coders().len();
        let agreement = |unit: usize| {
            tally_of(unit, counts_of(study, unit), coders)
                .pairwise_agreement
                .unwrap_or(f64::INFINITY)
        };
        rows.sort_by(|&a, &b| agreement(a).total_cmp(&agreement(b)));
    }
}

/// Said in place of an empty table: why it is empty.
fn nothing_listed(ui: &mut Ui, list: List, filter: &RowFilter) {
    ui.add_space(24.0);
    ui.vertical_centered(|ui| {
        ui.label(
            RichText::new(match (list, *filter == RowFilter::default()) {
                (List::Disputed, true) => "The coders agree on every demand they both coded.",
                (List::CodedByOne, true) => "Every coded demand was coded by two coders or more.",
                (_, false) => "No demand matches these filters.",
            })
            .size(16.0),
        );
    });
}

/// The names over the columns: the demand, each coder (or the class), the consensus.
fn header(ui: &mut Ui, study: &crate::model::study::Study, widths: &Widths) {
    let coders = widths.coders;
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        column(ui, widths.demand, |ui| {
            ui.label(RichText::new("Demand").strong());
        });
        if widths.tallied {
            column(ui, widths.coder, |ui| {
                ui.label(RichText::new(format!("The {coders} coders")).strong());
            });
        } else {
            for coder in study.coders() {
                column(ui, widths.coder, |ui| {
                    ui.label(super::text::widget_text(
                        ui,
                        RichText::new(coder).strong(),
                        egui::TextStyle::Body,
                    ));
                });
            }
        }
        column(ui, widths.consensus, |ui| {
            ui.label(RichText::new("Consensus").strong());
        });
    });
}

/// One demand's row: the demand, each coder's cell (or the class's tally), the decision.
fn row(
    ui: &mut Ui,
    adjudication: &Adjudication,
    consensus: &Comparison,
    unit: usize,
    widths: &Widths,
    actions: &mut Vec<Action>,
) {
    let study = adjudication.study();
    let coders = widths.coders;
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        column(ui, widths.demand, |ui| demand_cell(ui, adjudication, unit));
        if widths.tallied {
            column(ui, widths.coder, |ui| {
                let counts = counts_of(study, unit);
                let tally = tally_of(unit, counts, coders);
                let who = super::tally_bar::givers(study, unit);
                ui.push_id(("tally", unit), |ui| {
                    super::tally_bar::show(ui, study.statuses(), &tally, widths.coder - 8.0, &who);
                });
            });
        } else {
            for coder in 0..coders {
                column(ui, widths.coder, |ui| {
                    coder_cell(ui, adjudication, consensus, unit, coder, actions);
                });
            }
        }
        column(ui, widths.consensus, |ui| {
            decision_cell(ui, adjudication, consensus, unit, actions)
        });
    });
}

/// Past this many coders the table shows one column of tallies.
pub const MAX_CODER_COLUMNS: usize = 8;

/// A column of a row, `width` wide, as tall as its content.
fn column(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(vec2(width, 0.0), Layout::top_down(Align::Min), |ui| {
        ui.set_width(width);
        add(ui);
    });
}

fn filter_bar(ui: &mut Ui, adjudication: &Adjudication, filter: &RowFilter, actions: &mut Vec<Action>) {
    let study = adjudication.study();
    let base = study.base();
    let mut changed = filter.clone();
    ui.horizontal_wrapped(|ui| {
        let issues: Vec<String> = base.issues().iter().map(|i| i.name.clone()).collect();
        choice(ui, "Issue", "All issues", &issues, &mut changed.issue);
        let sides: Vec<String> = (0..base.side_count()).map(|s| base.side_label(s)).collect();
        choice(ui, "Side", "All sides", &sides, &mut changed.side);
        let statuses: Vec<String> = study.statuses().iter().map(|s| s.label.clone()).collect();
        let mut status = changed.status.map(|s| s as usize);
        choice(ui, "Status", "Any status", &statuses, &mut status);
        changed.status = status.map(|s| s as Code);
        choice(ui, "Coder", "Any coder", study.coders(), &mut changed.coder);
        if *filter != RowFilter::default() && ui.button("Show all").clicked() {
            changed = RowFilter::default();
        }
    });
    if changed != *filter {
        actions.push(Action::Study(StudyAction::SetFilter(changed)));
    }
}

/// A labelled drop-down of `options`, `None` meaning all of them.
pub fn choice(ui: &mut Ui, label: &str, all: &str, options: &[String], chosen: &mut Option<usize>) {
    let name = ui.label(label);
    let shown = chosen.and_then(|i| options.get(i)).map_or(all, String::as_str);
    egui::ComboBox::from_id_salt(("study_filter", label))
        .selected_text(shown)
        .width(170.0)
        .truncate()
        .show_ui(ui, |ui| {
            ui.selectable_value(chosen, None, all);
            for (i, option) in options.iter().enumerate() {
                ui.selectable_value(chosen, Some(i), option);
            }
        })
        .response
        .labelled_by(name.id);
    ui.add_space(8.0);
}

fn demand_cell(ui: &mut Ui, adjudication: &Adjudication, unit: usize) {
    let study = adjudication.study();
    let base = study.base();
    let ix = study.units()[unit];
    let demand = base.demand(ix);
    ui.label(super::text::widget_text(
        ui,
        RichText::new(format!("{} · {}", base.side_label(ix.side as usize), demand.id))
            .size(theme::META_SIZE)
            .weak(),
        egui::TextStyle::Small,
    ));
    super::text::label(ui, &demand.text, None);
}

/// A status as a coloured square and its label.
pub fn status_chip(ui: &mut Ui, label: &str, color: Color32) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
        ui.painter().rect_filled(rect, 3.0, color);
        ui.label(super::text::widget_text(
            ui,
            RichText::new(label).strong(),
            egui::TextStyle::Body,
        ));
    });
}

fn coder_cell(
    ui: &mut Ui,
    adjudication: &Adjudication,
    consensus: &Comparison,
    unit: usize,
    coder: usize,
    actions: &mut Vec<Action>,
) {
    let study = adjudication.study();
    let statuses = study.statuses();
    let cell = study.cell(unit, coder);
    match cell {
        Cell::NotCoded => {
            ui.label(RichText::new("Not coded").weak().italics());
        }
        Cell::Coded { status, .. } => {
            let status = &statuses[*status as usize];
            status_chip(ui, &status.label, theme::hex_color(&status.color));
        }
        Cell::Conflict { statuses: codes, .. } => {
            let labels: Vec<&str> = codes.iter().map(|&c| statuses[c as usize].label.as_str()).collect();
            ui.label(RichText::new(format!("Two statuses: {}", labels.join(", "))).color(ui.visuals().warn_fg_color))
                .on_hover_text(
                    "This coder's marks on the demand disagree (a within-coder conflict): counted as not coded.",
                );
        }
    }
    if !cell.note().is_empty() {
        super::text::label(ui, cell.note(), Some(ui.visuals().weak_text_color()));
    }
    if let Some((status, note)) = adjudication.coder_code(unit, coder) {
        let coder_name = &study.coders()[coder];
        let known = consensus.codebook().get(&status).is_some();
        let taken = adjudication
            .decision(consensus, unit)
            .is_some_and(|m| m.status == status && m.note == note);
        let button = egui::Button::new(format!("Take {coder_name}'s"))
            .selected(taken)
            .truncate();
        let response = ui.add_enabled(known && !taken, button);
        let response = if known {
            response.on_hover_text(format!("Settle this demand as {coder_name} coded it: status and note"))
        } else {
            response.on_disabled_hover_text("This status is not in the consensus codebook")
        };
        if response.clicked() {
            actions.push(Action::Study(StudyAction::Decide {
                unit,
                status,
                note,
                typing: false,
            }));
        }
    }
}

fn decision_cell(
    ui: &mut Ui,
    adjudication: &Adjudication,
    consensus: &Comparison,
    unit: usize,
    actions: &mut Vec<Action>,
) {
    let decided: Option<&Mark> = adjudication.decision(consensus, unit);
    ui.label(
        RichText::new(match decided {
            None => "Not settled: take a coder's code or choose a status".to_owned(),
            Some(mark) => settled_how(adjudication, unit, mark),
        })
        .size(theme::META_SIZE)
        .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(4.0, 4.0);
        for status in &consensus.codebook().statuses {
            let selected = decided.is_some_and(|m| m.status == status.id);
            let color = theme::status_color(status);
            let text = RichText::new(&status.label).color(if selected { theme::text_on(color) } else { color });
            let button = egui::Button::new(super::text::widget_text(ui, text, egui::TextStyle::Button))
                .fill(if selected {
                    color
                } else {
                    theme::tint(color, ui.visuals())
                })
                .selected(selected);
            if ui
                .add(button)
                .on_hover_text(format!("Settle this demand as {}", status.label))
                .clicked()
                && !selected
            {
                actions.push(Action::Study(StudyAction::Decide {
                    unit,
                    status: status.id.clone(),
                    note: decided.map(|m| m.note.clone()).unwrap_or_default(),
                    typing: false,
                }));
            }
        }
    });
    if let Some(mark) = decided {
        let mut note = mark.note.clone();
        let label = ui.label(RichText::new("Note on the decision").size(theme::META_SIZE));
        let response = ui
            .add(
                egui::TextEdit::multiline(&mut note)
                    .id_salt(("decision_note", unit))
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("Why it was settled so"),
            )
            .labelled_by(label.id);
        if response.changed() {
            actions.push(Action::Study(StudyAction::Decide {
                unit,
                status: mark.status.clone(),
                note,
                typing: true,
            }));
        }
        if response.lost_focus() {
            actions.push(Action::SealTyping);
        }
        if ui
            .small_button("Clear")
            .on_hover_text("Leave this demand out of the consensus")
            .clicked()
        {
            actions.push(Action::Study(StudyAction::ClearDecision(unit)));
        }
    }
}

/// How a settled demand was settled, in words: as the coders agreed, as one coder
/// coded it, or by the adjudicator.
fn settled_how(adjudication: &Adjudication, unit: usize, mark: &Mark) -> String {
    let study = adjudication.study();
    let same: Vec<&str> = (0..study.coders().len())
        .filter(|&c| {
            adjudication
                .coder_code(unit, c)
                .is_some_and(|(status, note)| status == mark.status && note == mark.note)
        })
        .map(|c| study.coders()[c].as_str())
        .collect();
    match same.as_slice() {
        [] => format!(
            "Settled by {}",
            if mark.coder.is_empty() {
                "the adjudicator"
            } else {
                &mark.coder
            }
        ),
        coders => format!(
            "Settled as {} coded it",
            super::study_view::coder_list(&coders.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>())
        ),
    }
}
