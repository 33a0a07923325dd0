//! Presentation mode, drawn: the title of the negotiation, or one issue with each
//! side's demands in a column (and, once revealed, the marks and notes on them),
//! in type large enough for the back of a room, with a discreet footer.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke, Ui};

use super::class_slides::ClassSlides;
use super::theme;
use crate::model::position::human_date;
use crate::model::presentation::{Step, Steps};
use crate::model::{Comparison, DemandIx, Priority};

const TITLE_SIZE: f32 = 40.0;
const ISSUE_SIZE: f32 = 32.0;
const SIDE_SIZE: f32 = 22.0;
const DEMAND_SIZE: f32 = 20.0;
const DETAIL_SIZE: f32 = 16.0;

/// What the footer's buttons ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    Back,
    Next,
    Leave,
}

/// The footer: the step in words, and buttons for a mouse.
pub fn footer(ui: &mut Ui, steps: &Steps, at: usize, typed: &str) -> Option<Nav> {
    let toggle = if steps.is_class() {
        "M: hide or show the tallies · N: students' names and notes"
    } else {
        "M: hide or show marks"
    };
    let mut nav = None;
    ui.horizontal(|ui| {
        let weak = ui.visuals().weak_text_color();
        ui.label(RichText::new(steps.describe(at)).size(13.0).color(weak));
        if !typed.is_empty() {
            ui.label(
                RichText::new(format!("Go to issue {typed}… (Enter)"))
                    .size(13.0)
                    .strong(),
            );
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Leave")
                .on_hover_text("Leave the presentation (Esc)")
                .clicked()
            {
                nav = Some(Nav::Leave);
            }
            if ui.small_button("Next").on_hover_text("Space, →, Page Down").clicked() {
                nav = Some(Nav::Next);
            }
            if ui.small_button("Back").on_hover_text("←, Backspace, Page Up").clicked() {
                nav = Some(Nav::Back);
            }
            // Only where it fits: at a large zoom the keys' reminder gives way
            // rather than run over the step's own words.
            let hint = format!("Home/End: first/last · a number then Enter: that issue · {toggle}");
            let width = ui
                .painter()
                .layout_no_wrap(hint.clone(), egui::FontId::proportional(12.0), weak)
                .size()
                .x;
            if width + 12.0 <= ui.available_width() {
                ui.label(RichText::new(hint).size(12.0).color(weak));
            }
        });
    });
    nav
}

/// Secondary text on the presentation's light theme, dark enough for 4.5:1
/// contrast on its panels (#5c5c5c on #f8f8f8 is 6.3:1).
pub const WEAK_TEXT: Color32 = Color32::from_gray(0x5c);

/// The current step, filling `ui`; `fresh` when it was not shown the frame
/// before (it then starts at its top).
/// `class` holds a class's result, shown in place of the marks.
pub fn show(ui: &mut Ui, cmp: &Comparison, steps: &Steps, at: usize, fresh: bool, class: Option<&ClassSlides>) {
    let shown = |marks: bool, key: bool| Shown {
        marks,
        key,
        class,
        scale: 1.0,
    };
    match steps.get(at) {
        Step::Title => title(ui, cmp, steps),
        Step::Issue { issue, marks } => issue_step(ui, cmp, issue, shown(marks, false), fresh),
        Step::Key { issue } => issue_step(ui, cmp, issue, shown(true, true), fresh),
    }
}

/// What a step shows under each demand.
#[derive(Clone, Copy)]
struct Shown<'a> {
    /// The marks and notes (a class's tallies, when `class` is given).
    marks: bool,
    /// The teacher's key (a class's result only).
    key: bool,
    class: Option<&'a ClassSlides>,
    /// The type's scale, for words to fit the cards.
    scale: f32,
}

fn title(ui: &mut Ui, cmp: &Comparison, steps: &Steps) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space((ui.available_height() * 0.12).max(16.0));
            let mut seen: Vec<String> = Vec::new();
            for document in cmp.documents() {
                let data = &document.data;
                let name = data.negotiation.clone().unwrap_or_else(|| document.id.clone());
                if !seen.contains(&name) {
                    big_label(ui, &name, TITLE_SIZE, true);
                    seen.push(name);
                }
                let mut round: Vec<String> = data.round.iter().cloned().collect();
                round.extend(data.date.as_deref().map(human_date));
                if !round.is_empty() {
                    big_label(ui, &round.join(", "), 24.0, false);
                }
            }
            ui.add_space(28.0);
            let sides = cmp.visible_sides();
            for side in sides {
                let data = cmp.side(side);
                big_label(ui, &cmp.side_label(side), SIDE_SIZE + 4.0, true);
                if let Some(by) = &data.represented_by {
                    big_label(ui, by, DETAIL_SIZE + 2.0, false);
                }
                ui.add_space(10.0);
            }
            ui.add_space(18.0);
            let names: Vec<&str> = steps.issues().iter().map(|&i| cmp.issues()[i].name.as_str()).collect();
            big_label(ui, &names.join("  ·  "), DETAIL_SIZE + 2.0, false);
        });
    });
}

/// A centred, wrapped line of `text` at `size`, read in its own direction.
fn big_label(ui: &mut Ui, text: &str, size: f32, strong: bool) {
    let mut rich = RichText::new(text).size(size);
    rich = if strong { rich.strong() } else { rich.weak() };
    ui.label(super::text::widget_text(ui, rich, egui::TextStyle::Body));
}

fn issue_step(ui: &mut Ui, cmp: &Comparison, issue: usize, mut shown: Shown, fresh: bool) {
    let data = &cmp.issues()[issue];
    ui.add_space(8.0);
    ui.label(super::text::widget_text(
        ui,
        RichText::new(&data.name).size(ISSUE_SIZE).strong(),
        egui::TextStyle::Heading,
    ));
    if let Some(description) = &data.description {
        ui.label(super::text::widget_text(
            ui,
            RichText::new(description).size(DETAIL_SIZE).weak(),
            egui::TextStyle::Body,
        ));
    }
    ui.add_space(12.0);
    let sides = cmp.visible_sides();
    // A class's tallies are not the comparison's marks: their words are short.
    shown.scale = fit_words(ui, cmp, &sides, issue, shown.marks && shown.class.is_none());
    let scale = shown.scale;
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]);
    if fresh {
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    scroll.show(ui, |ui| {
        // The sides' names in one row, so that every side's cards start at one height.
        ui.columns(sides.len().max(1), |columns| {
            for (column, &side) in columns.iter_mut().zip(&sides) {
                column.with_layout(egui::Layout::top_down(egui::Align::Min), |column| {
                    column.label(super::text::widget_text(
                        column,
                        RichText::new(cmp.side_label(side)).size(SIDE_SIZE * scale).strong(),
                        egui::TextStyle::Body,
                    ));
                });
            }
        });
        ui.add_space(6.0);
        ui.columns(sides.len().max(1), |columns| {
            for (column, &side) in columns.iter_mut().zip(&sides) {
                // Ragged right: the columns' justified layout would stretch the words apart.
                column.with_layout(egui::Layout::top_down(egui::Align::Min), |column| {
                    side_cards(column, cmp, side, issue, shown);
                });
            }
        });
    });
}

/// The scale of the step's type at which its longest word fits a card: words are
/// never split mid-word (five sides, long words like "self-determination").
fn fit_words(ui: &Ui, cmp: &Comparison, sides: &[usize], issue: usize, marks: bool) -> f32 {
    let columns = sides.len().max(1) as f32;
    let spacing = ui.spacing().item_spacing.x;
    let column = (ui.available_width() - spacing * (columns - 1.0)) / columns;
    // The card's margins and stroke on both sides.
    let inner = column - 2.0 * 12.0 - 2.0 * 3.0;
    let mut widest = 0.0f32;
    let mut measure = |text: &str, size: f32| {
        // A line may break after a hyphen ("self-" / "determination"): each part counts.
        for word in text.split_whitespace().flat_map(|w| w.split_inclusive('-')) {
            let width = ui
                .painter()
                .layout_no_wrap(word.to_owned(), egui::FontId::proportional(size), Color32::WHITE)
                .size()
                .x;
            widest = widest.max(width * DEMAND_SIZE / size);
        }
    };
    for &side in sides {
        measure(&cmp.side_label(side), SIDE_SIZE);
        for ix in cmp.demands_on(side, issue) {
            measure(&cmp.demand(ix).text, DEMAND_SIZE);
            if marks {
                for mark in cmp.marks_on(ix).iter().filter_map(|id| cmp.mark(id)) {
                    measure(&mark.note, DETAIL_SIZE + 1.0);
                }
            }
        }
    }
    if widest <= inner || widest <= 0.0 {
        1.0
    } else {
        (inner / widest).max(0.5)
    }
}

fn side_cards(column: &mut Ui, cmp: &Comparison, side: usize, issue: usize, shown: Shown) {
    let mut any = false;
    for ix in cmp.demands_on(side, issue) {
        any = true;
        demand_card(column, cmp, ix, shown);
        column.add_space(10.0);
    }
    if !any {
        column.label(
            RichText::new("No stated position")
                .size(DETAIL_SIZE * shown.scale)
                .italics()
                .weak(),
        );
    }
}

fn demand_card(ui: &mut Ui, cmp: &Comparison, ix: DemandIx, shown: Shown) {
    let visuals = ui.visuals().clone();
    // The card takes the colour of its mark's status; a class's, of the key's once shown.
    let color = match shown.class {
        Some(class) => shown
            .key
            .then(|| class.key_status(ix))
            .flatten()
            .map(|s| theme::hex_color(&s.color)),
        None => shown
            .marks
            .then(|| cmp.marks_on(ix).last().and_then(|id| cmp.mark(id)))
            .flatten()
            .and_then(|m| cmp.codebook().get(&m.status))
            .map(theme::status_color),
    };
    let (fill, stroke) = match color {
        Some(color) => (theme::tint(color, &visuals), Stroke::new(3.0, color)),
        None => (
            visuals.extreme_bg_color,
            Stroke::new(1.5, visuals.widgets.noninteractive.bg_stroke.color),
        ),
    };
    Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            card_text(ui, cmp, ix, shown);
        });
}

/// A card's text: the demand, its red line and value, and (revealed) its marks and notes.
fn card_text(ui: &mut Ui, cmp: &Comparison, ix: DemandIx, shown: Shown) {
    let scale = shown.scale;
    let demand = cmp.demand(ix);
    let visuals = ui.visuals().clone();
    // High contrast for a projector: every demand in the strongest text colour.
    ui.label(super::text::widget_text(
        ui,
        RichText::new(&demand.text)
            .size(DEMAND_SIZE * scale)
            .color(visuals.strong_text_color()),
        egui::TextStyle::Body,
    ));
    let core = demand.priority == Some(Priority::Core);
    if core || demand.value.is_some() {
        ui.horizontal_wrapped(|ui| {
            if core {
                pill(ui, "RED LINE", theme::red_line(&visuals));
            }
            if let Some(value) = &demand.value {
                ui.label(RichText::new(value.to_string()).size(DETAIL_SIZE * scale).weak());
            }
        });
    }
    if !shown.marks {
        return;
    }
    if let Some(class) = shown.class {
        super::class_slides::card_result(ui, class, ix, shown.key, DETAIL_SIZE * scale);
        return;
    }
    for id in cmp.marks_on(ix) {
        let Some(mark) = cmp.mark(id) else { continue };
        let Some(status) = cmp.codebook().get(&mark.status) else {
            continue;
        };
        ui.add_space(4.0);
        pill(ui, &status.label, theme::status_color(status));
        if !mark.note.is_empty() {
            ui.label(super::text::widget_text(
                ui,
                RichText::new(&mark.note).size((DETAIL_SIZE + 1.0) * scale).italics(),
                egui::TextStyle::Body,
            ));
        }
    }
}

fn pill(ui: &mut Ui, text: &str, color: Color32) {
    Frame::new()
        .fill(color)
        .corner_radius(CornerRadius::same(4))
        .inner_margin(Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(
                RichText::new(text)
                    .size(DETAIL_SIZE)
                    .strong()
                    .color(theme::text_on(color)),
            );
        });
}

/// A soft disc under the pointer, for pointing at a demand from across the room.
pub fn pointer_highlight(ctx: &egui::Context) {
    let Some(pos) = ctx.pointer_latest_pos() else {
        return;
    };
    if !ctx.content_rect().contains(pos) {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("pointer_highlight"),
    ));
    painter.circle(
        pos,
        22.0,
        Color32::from_rgba_unmultiplied(255, 212, 0, 70),
        Stroke::new(2.0, Color32::from_rgba_unmultiplied(230, 160, 0, 160)),
    );
}
