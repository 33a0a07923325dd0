//! The class view: one row per demand, grouped by issue in the columns' order
//! (or most divided first), with the class's tally bar (click a segment: who
//! gave that status, with their notes), the majority and how divided the class
//! is, and the teacher's key beside it when one is open.

use std::collections::HashMap;

use egui::{Align, Layout, RichText, Ui, vec2};

use super::theme;
use crate::gui::action::Action;
use crate::gui::class::{ClassAction, ClassState};
use crate::gui::command::Command;
use crate::model::class::{ClassFilter, Order};
use crate::model::study::Study;

const GAP: f32 = 16.0;

pub fn show(ui: &mut Ui, study: &Study, class: &ClassState, actions: &mut Vec<Action>) {
    ui.add_space(6.0);
    controls(ui, study, class, actions);
    let rows = class.rows();
    ui.label(
        RichText::new(format!(
            "{} of {}; click a bar's colour to see who gave that status, with their notes.",
            crate::format::diagnostics::count(rows.len(), "demand shown", "demands shown"),
            study.units().len()
        ))
        .weak(),
    );
    if rows.is_empty() {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.label(RichText::new("No demand matches these filters.").size(16.0));
        });
        return;
    }
    let key = class.key();
    let width = ui.available_width() - 16.0;
    let widths = Widths::new(width, key.is_some());
    let base = study.base();
    ui.add_space(4.0);
    // Each row's height as last drawn, at this width: rows out of view are
    // skipped over by their height, so a frame draws only what is seen however
    // many demands the positions hold.
    let heights_id = ui.scope_id().with("class_row_heights");
    // Taken out and put back, not cloned: thousands of rows are measured.
    let (measured_at, mut heights): (f32, HashMap<usize, f32>) =
        ui.data_mut(|d| std::mem::take(d.get_temp_mut_or_default(heights_id)));
    if measured_at != width {
        heights.clear();
    }
    let grouped = class.order() == Order::Issues;
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            ui.spacing_mut().item_spacing.y = 0.0;
            header(ui, class, widths, key.is_some());
            // A little beyond each edge: a row half in view is drawn whole.
            let near = viewport.expand2(vec2(0.0, 120.0));
            let origin = ui.min_rect().top();
            let mut skipped = 0.0;
            let mut issue_shown = None;
            for &unit in rows {
                let issue = class.issue_of(unit);
                let heading = (grouped && issue != issue_shown).then(|| {
                    issue_shown = issue;
                    issue.map_or("Issue not in the list of issues", |i| base.issues()[i].name.as_str())
                });
                let top = ui.cursor().top() - origin + skipped;
                let estimate = heights
                    .get(&unit)
                    .copied()
                    .unwrap_or(ROW_ESTIMATE + if heading.is_some() { HEADING_ESTIMATE } else { 0.0 });
                if top + estimate < near.top() || top > near.bottom() {
                    skipped += estimate;
                    continue;
                }
                if skipped > 0.0 {
                    ui.allocate_space(vec2(0.0, skipped));
                    skipped = 0.0;
                }
                let drawn = ui
                    .scope(|ui| row(ui, study, class, unit, heading, widths))
                    .response
                    .rect
                    .height();
                heights.insert(unit, drawn);
            }
            if skipped > 0.0 {
                ui.allocate_space(vec2(0.0, skipped));
            }
        });
    ui.data_mut(|d| d.insert_temp(heights_id, (width, heights)));
}

/// A row's height before it is first drawn: a two-line demand and its tally.
const ROW_ESTIMATE: f32 = 70.0;
const HEADING_ESTIMATE: f32 = 34.0;

/// The widths of the view's columns.
#[derive(Clone, Copy)]
struct Widths {
    demand: f32,
    tally: f32,
    key: f32,
}

impl Widths {
    /// The columns of `width` points: the demand, the class's tally, and the key's status when there is a key.
    fn new(width: f32, with_key: bool) -> Self {
        let key = if with_key {
            (width * 0.2).clamp(170.0, 260.0)
        } else {
            0.0
        };
        let rest = width - key - GAP * if with_key { 2.0 } else { 1.0 };
        let demand = (rest * 0.5).max(220.0);
        let tally = (rest - demand).max(240.0);
        Self { demand, tally, key }
    }
}

fn header(ui: &mut Ui, class: &ClassState, widths: Widths, key: bool) {
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        column(ui, widths.demand, |ui| {
            ui.label(RichText::new("Demand").strong());
        });
        column(ui, widths.tally, |ui| {
            ui.label(RichText::new(format!("The class ({})", class.size())).strong());
        });
        if key {
            column(ui, widths.key, |ui| {
                ui.label(RichText::new("Key").strong());
            });
        }
    });
    ui.add_space(4.0);
    ui.separator();
}

/// One demand: its issue's heading when it starts one, the demand, the class's
/// tally and the key's status.
fn row(ui: &mut Ui, study: &Study, class: &ClassState, unit: usize, heading: Option<&str>, widths: Widths) {
    if let Some(name) = heading {
        ui.add_space(10.0);
        ui.label(super::text::widget_text(
            ui,
            RichText::new(name).strong().size(17.0),
            egui::TextStyle::Heading,
        ));
        ui.add_space(4.0);
    }
    ui.add_space(4.0);
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing = vec2(GAP, 2.0);
        column(ui, widths.demand, |ui| demand_cell(ui, study, unit, heading.is_none()));
        column(ui, widths.tally, |ui| {
            let who = super::tally_bar::givers(study, unit);
            ui.push_id(("class_tally", unit), |ui| {
                super::tally_bar::show_with_example(
                    ui,
                    study.statuses(),
                    class.tally(unit),
                    widths.tally - 8.0,
                    &who,
                    study.example(unit),
                );
            });
        });
        if let Some(key) = class.key() {
            column(ui, widths.key, |ui| match key.status(unit) {
                Some(status) => {
                    let status = &study.statuses()[status];
                    super::disagreements::status_chip(ui, &status.label, theme::hex_color(&status.color));
                    if let Some(with) = key.demand_agreement(class.tally(unit))
                        && let Some(share) = with.share()
                    {
                        ui.label(
                            RichText::new(format!(
                                "{} of {} agree with it ({:.0} %)",
                                with.agree,
                                with.both,
                                share * 100.0
                            ))
                            .weak(),
                        );
                    }
                }
                None => {
                    ui.label(RichText::new("Not in the key").weak().italics());
                }
            });
        }
    });
    ui.add_space(4.0);
    ui.separator();
}

/// The filters, the order, the key and presenting.
fn controls(ui: &mut Ui, study: &Study, class: &ClassState, actions: &mut Vec<Action>) {
    let base = study.base();
    let mut filter: ClassFilter = class.filter().clone();
    ui.horizontal_wrapped(|ui| {
        let issues: Vec<String> = base.issues().iter().map(|i| i.name.clone()).collect();
        super::disagreements::choice(ui, "Issue", "All issues", &issues, &mut filter.issue);
        let sides: Vec<String> = (0..base.side_count()).map(|s| base.side_label(s)).collect();
        super::disagreements::choice(ui, "Side", "All sides", &sides, &mut filter.side);
        let statuses: Vec<String> = study.statuses().iter().map(|s| s.label.clone()).collect();
        super::disagreements::choice(ui, "Most given", "Any status", &statuses, &mut filter.most_given);
        if *class.filter() != ClassFilter::default() && ui.button("Show all").clicked() {
            filter = ClassFilter::default();
        }
    });
    if filter != *class.filter() {
        actions.push(Action::Class(ClassAction::SetFilter(filter)));
    }
    ui.horizontal_wrapped(|ui| {
        let mut most_divided = class.order() == Order::MostDivided;
        if ui
            .checkbox(&mut most_divided, "Most divided first")
            .on_hover_text("Order the demands by how few pairs of students agree on them, instead of by issue")
            .changed()
        {
            let order = if most_divided {
                Order::MostDivided
            } else {
                Order::Issues
            };
            actions.push(Action::Class(ClassAction::SetOrder(order)));
        }
        ui.separator();
        match class.key() {
            Some(key) => {
                ui.label(format!("Key: {}", crate::model::study::file_stem(&key.file)))
                    .on_hover_text(&key.file);
                if ui
                    .small_button("Put the key away")
                    .on_hover_text("Show the class without the key")
                    .clicked()
                {
                    actions.push(Action::Class(ClassAction::ClearKey));
                }
            }
            None => {
                if ui
                    .button("Open key…")
                    .on_hover_text("Compare the class with the comparison you coded yourself")
                    .clicked()
                {
                    actions.push(Action::Class(ClassAction::ChooseKey));
                }
            }
        }
        ui.separator();
        if ui
            .button("Present the result")
            .on_hover_text("Step through the issues with the class's tallies, students' names hidden (F5)")
            .clicked()
        {
            actions.push(Action::Run(Command::Present));
        }
    });
}

/// A column of a row, `width` wide, as tall as its content.
fn column(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(vec2(width, 0.0), Layout::top_down(Align::Min), |ui| {
        ui.set_width(width);
        add(ui);
    });
}

/// The side, the demand's id (and its issue, when rows are not grouped by
/// issue) over the demand's text.
fn demand_cell(ui: &mut Ui, study: &Study, unit: usize, with_issue: bool) {
    let base = study.base();
    let ix = study.units()[unit];
    let demand = base.demand(ix);
    let mut meta = format!("{} · {}", base.side_label(ix.side as usize), demand.id);
    if with_issue && let Some(issue) = study.issue_of(unit) {
        meta = format!("{} · {meta}", base.issues()[issue].name);
    }
    ui.label(super::text::widget_text(
        ui,
        RichText::new(meta).size(theme::META_SIZE).weak(),
        egui::TextStyle::Small,
    ));
    super::text::label(ui, &demand.text, None);
}
