//! Presentation mode, drawn: the title of the negotiation, or one issue with each
//! side's demands in a column (and, once revealed, the marks and notes on them),
//! in type large enough for the back of a room, with a discreet footer.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke, Ui};

use super::class_slides::ClassSlides;
use super::slide_issue::issue_step;
use super::theme;
use crate::model::Comparison;
use crate::model::position::human_date;
use crate::model::presentation::{Step, Steps};

const TITLE_SIZE: f32 = 40.0;
pub(super) const ISSUE_SIZE: f32 = 32.0;
pub(super) const SIDE_SIZE: f32 = 22.0;
/// The presentation's body text: a demand.
pub(super) const DEMAND_SIZE: f32 = 20.0;
pub(super) const DETAIL_SIZE: f32 = 16.0;

/// What the footer's buttons ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    Back,
    Next,
    Leave,
    /// Leaves the presentation for the dialog that starts a live class.
    StartLive,
}

/// The footer: the step in words (with its page, on a step of several), and
/// buttons for a mouse.
/// `names`: a class's students' names and notes are shown (N), said so that
/// pressing N is seen to do something even before the notes' part.
pub fn footer(
    ui: &mut Ui,
    steps: &Steps,
    at: usize,
    (page, pages): (usize, usize),
    names: bool,
    typed: &str,
    offer_live: bool,
) -> Option<Nav> {
    let toggle = if steps.is_class() {
        "M: hide or show the tallies · N: students' names and notes"
    } else {
        "M: hide or show marks"
    };
    let mut nav = None;
    ui.horizontal(|ui| {
        let weak = ui.visuals().weak_text_color();
        let mut step = steps.describe(at);
        if pages > 1 {
            step.push_str(&format!(" · part {} of {pages}", page + 1));
        }
        if names {
            step.push_str(" · names and notes shown");
        }
        ui.label(RichText::new(step).size(13.0).color(weak));
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
            if offer_live
                && ui
                    .small_button("Start a live class…")
                    .on_hover_text("Students code from their phones while you present: a QR code on the screen, no account, no install")
                    .clicked()
            {
                nav = Some(Nav::StartLive);
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

/// Page `page` of the current step, filling `ui`; `fresh` when it was not shown
/// the frame before (it then starts at its top). `class` holds a class's
/// result, shown in place of the marks. Returns how many pages the step takes.
pub fn show(
    ui: &mut Ui,
    cmp: &Comparison,
    steps: &Steps,
    (at, page): (usize, usize),
    fresh: bool,
    class: Option<&ClassSlides>,
) -> usize {
    let shown = |marks: bool, key: bool| Shown {
        marks,
        key,
        class,
        scale: 1.0,
    };
    match steps.get(at) {
        Step::Title => {
            title(ui, cmp, steps);
            1
        }
        Step::Issue { issue, marks } => {
            let key = class.is_some_and(|c| c.revealed(issue));
            issue_step(ui, cmp, issue, shown(marks || key, key), page, fresh)
        }
        Step::Key { issue } => issue_step(ui, cmp, issue, shown(true, true), page, fresh),
    }
}

/// What a step shows under each demand.
#[derive(Clone, Copy)]
pub(super) struct Shown<'a> {
    /// The marks and notes (a class's tallies, when `class` is given).
    pub marks: bool,
    /// The teacher's key (a class's result only).
    pub key: bool,
    pub class: Option<&'a ClassSlides>,
    /// The type's scale, for the step to fit the screen.
    pub scale: f32,
}

/// The title step: the negotiation, its rounds, the sides and the issues to
/// come, in the largest type (down to 60 %) that fits without scrolling.
fn title(ui: &mut Ui, cmp: &Comparison, steps: &Steps) {
    let room = ui.available_height();
    let width = ui.available_width();
    let mut scale = 1.0f32;
    let mut height = room;
    for attempt in 0..3 {
        height = super::slide_issue::measure(ui, width, ("title", attempt), |ui| {
            ui.vertical_centered(|ui| title_text(ui, cmp, steps, scale));
        });
        if height <= room {
            break;
        }
        scale = (scale * room / height).max(0.6);
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(((room - height) * 0.35).clamp(0.0, room * 0.12));
            title_text(ui, cmp, steps, scale);
        });
    });
}

fn title_text(ui: &mut Ui, cmp: &Comparison, steps: &Steps, scale: f32) {
    let mut seen: Vec<String> = Vec::new();
    for document in cmp.documents() {
        let data = &document.data;
        let name = data.negotiation.clone().unwrap_or_else(|| document.id.clone());
        if !seen.contains(&name) {
            big_label(ui, &name, TITLE_SIZE * scale, true);
            seen.push(name);
        }
        let mut round: Vec<String> = data.round.iter().cloned().collect();
        round.extend(data.date.as_deref().map(human_date));
        if !round.is_empty() {
            big_label(ui, &round.join(", "), 24.0 * scale, false);
        }
    }
    ui.add_space(28.0 * scale);
    for side in cmp.visible_sides() {
        let data = cmp.side(side);
        big_label(ui, &cmp.side_label(side), (SIDE_SIZE + 4.0) * scale, true);
        if let Some(by) = &data.represented_by {
            big_label(ui, by, (DETAIL_SIZE + 2.0) * scale, false);
        }
        ui.add_space(10.0 * scale);
    }
    ui.add_space(18.0 * scale);
    let names: Vec<&str> = steps.issues().iter().map(|&i| cmp.issues()[i].name.as_str()).collect();
    big_label(ui, &names.join("  ·  "), (DETAIL_SIZE + 2.0) * scale, false);
}

/// A centred, wrapped line of `text` at `size`, read in its own direction.
fn big_label(ui: &mut Ui, text: &str, size: f32, strong: bool) {
    let mut rich = RichText::new(text).size(size);
    rich = if strong { rich.strong() } else { rich.weak() };
    ui.label(super::text::widget_text(ui, rich, egui::TextStyle::Body));
}

/// A label on a coloured ground (a status, a red line), at the step's scale.
pub(super) fn pill(ui: &mut Ui, text: &str, color: Color32, scale: f32) {
    Frame::new()
        .fill(color)
        .corner_radius(CornerRadius::same(4))
        .inner_margin(Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(
                RichText::new(text)
                    .size(DETAIL_SIZE * scale)
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
