//! A class's result on the projector: under each demand of a presentation step,
//! the class's tally bar and counts in place of marks, and on the key's step the
//! teacher's status. Students' names are hidden unless the teacher shows them
//! (N): a class is shown its spread, not who said what.

use std::collections::HashMap;

use egui::{RichText, Ui, Vec2};

use super::presentation::{DEMAND_SIZE, DETAIL_SIZE};
use super::theme;
use crate::model::DemandIx;
use crate::model::study::StudyStatus;
use crate::model::tally::DemandTally;

/// What the class said, per demand of the presented comparison.
pub struct ClassSlides {
    pub statuses: Vec<StudyStatus>,
    pub demands: HashMap<DemandIx, ClassDemand>,
    /// Whether the students' names and notes are shown (N).
    pub names: bool,
    /// A live class: the issues whose key the teacher revealed (the key is
    /// shown on the issue's step then, with no step of its own).
    pub live_revealed: Option<std::collections::BTreeSet<usize>>,
}

pub struct ClassDemand {
    pub tally: DemandTally,
    /// The status the teacher's key gives it.
    pub key: Option<usize>,
    /// The status the hand-out's worked example gives it (the teacher's).
    pub example: Option<usize>,
    /// Each student's note on it: (name, status, note).
    pub notes: Vec<(String, usize, String)>,
}

impl ClassSlides {
    /// Whether the key is shown on a live class's issue.
    pub fn revealed(&self, issue: usize) -> bool {
        self.live_revealed.as_ref().is_some_and(|r| r.contains(&issue))
    }

    /// The class's size: the most a count can be.
    pub fn size(&self) -> usize {
        self.demands
            .values()
            .map(|d| d.tally.coded + d.tally.not_coded)
            .max()
            .unwrap_or(0)
    }

    /// The key's status for a demand, on the key's step (the card takes its colour).
    pub fn key_status(&self, ix: DemandIx) -> Option<&StudyStatus> {
        self.demands
            .get(&ix)
            .and_then(|d| d.key)
            .and_then(|k| self.statuses.get(k))
    }
}

/// Under a demand's text: the bar, the counts in words (as large as the demand
/// itself, for the back of the room) and the status most given; with `key`, the
/// key's status and how many agree with it. The students' notes are blocks of
/// their own ([`note`]), so that a long list can go on over pages.
pub fn card_result(ui: &mut Ui, slides: &ClassSlides, ix: DemandIx, key: bool, scale: f32) {
    let Some(demand) = slides.demands.get(&ix) else {
        return;
    };
    let tally = &demand.tally;
    let body = DEMAND_SIZE * scale;
    let detail = DETAIL_SIZE * scale;
    ui.add_space(6.0);
    let (rect, response) = ui.allocate_exact_size(Vec2::new(ui.available_width(), detail), egui::Sense::hover());
    let labels: Vec<&str> = slides.statuses.iter().map(|s| s.label.as_str()).collect();
    let words = crate::model::tally::counts_in_words(&labels, tally);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, format!("Tally: {words}")));
    super::tally_bar::paint(ui, &slides.statuses, tally, rect);
    if tally.coded == 0 {
        ui.label(RichText::new("Nobody coded it").size(body));
    } else {
        counts(ui, slides, tally, body);
    }
    // A line of the result's detail, a little larger than the cards' details:
    // a share never parted from its sign ("43 %" holds a no-break space).
    let result_line = |ui: &mut Ui, line: String| {
        ui.label(RichText::new(line.replace(" %", "\u{a0}%")).size(detail + scale).weak());
    };
    if let Some((kind, given)) = crate::model::tally::most_given_in_words(&labels, tally) {
        let mut line = format!("{kind}: {given}");
        if let Some(a) = tally.pairwise_agreement {
            line.push_str(&format!(" · {:.0} % of pairs agree", a * 100.0));
        }
        result_line(ui, line);
    } else if tally.coded > 1 {
        result_line(ui, "No status given most: a tie".to_owned());
    }
    if let Some(status) = demand.example.and_then(|e| slides.statuses.get(e)) {
        ui.label(
            RichText::new(crate::model::tally::example_in_words(&status.label))
                .size(detail)
                .italics(),
        );
    }
    if key {
        match demand.key.and_then(|k| slides.statuses.get(k)) {
            Some(status) => {
                // The key, then how many agree with it, each on a line of its own:
                // neither is ever broken in two.
                ui.add_space(4.0);
                let color = theme::hex_color(&status.color);
                egui::Frame::new()
                    .fill(color)
                    .corner_radius(4)
                    .inner_margin(egui::Margin::symmetric(6, 2))
                    .show(ui, |ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("Key: {}", status.label))
                                    .size(body)
                                    .strong()
                                    .color(theme::text_on(color)),
                            )
                            .wrap_mode(egui::TextWrapMode::Extend),
                        );
                    });
                let agree = demand.key.map_or(0, |k| tally.counts.get(k).copied().unwrap_or(0));
                if tally.coded > 0 {
                    ui.label(RichText::new(format!("{agree} of {} agree", tally.coded)).size(body));
                }
            }
            None => {
                ui.label(RichText::new("Not in the key").size(body).italics().weak());
            }
        }
    }
}

/// A student's note on a demand (names shown): their name and status, then the
/// note, under a bar of the status's colour.
pub fn note(ui: &mut Ui, slides: &ClassSlides, ix: DemandIx, n: usize, scale: f32) {
    let Some((name, status, note)) = slides.demands.get(&ix).and_then(|d| d.notes.get(n)) else {
        return;
    };
    let status = slides.statuses.get(*status);
    let color = status.map_or(ui.visuals().weak_text_color(), |s| theme::hex_color(&s.color));
    let label = status.map_or("", |s| s.label.as_str());
    let rect = egui::Frame::new()
        .inner_margin(egui::Margin {
            left: 10,
            right: 4,
            top: 2,
            bottom: 2,
        })
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!("{name} ({label})"))
                    .size(DETAIL_SIZE * scale)
                    .strong(),
            );
            ui.label(super::text::widget_text(
                ui,
                RichText::new(note).size(DETAIL_SIZE * scale).italics(),
                egui::TextStyle::Body,
            ));
        })
        .response
        .rect;
    let bar = egui::Rect::from_min_size(rect.left_top(), Vec2::new(4.0, rect.height()));
    ui.painter().rect_filled(bar, 2.0, color);
}

/// The counts, most first, each after a square of its status's colour (the
/// room reads the bar by them): ■ 18 Disputed ■ 9 Partial … 1 not coded.
fn counts(ui: &mut Ui, slides: &ClassSlides, tally: &DemandTally, size: f32) {
    let mut given: Vec<(usize, &StudyStatus)> = tally
        .counts
        .iter()
        .zip(&slides.statuses)
        .filter(|(c, _)| **c > 0)
        .map(|(c, s)| (*c, s))
        .collect();
    // Stable: equal counts keep the codebook's order, as in the words elsewhere.
    given.sort_by_key(|g| std::cmp::Reverse(g.0));
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        for (count, status) in given {
            // Each count whole, its square with it: sized first, so that the
            // line breaks before the pair, never between or inside them.
            let words = format!("{count} {}", status.label);
            let square = size * 0.7;
            let text = ui
                .painter()
                .layout_no_wrap(words.clone(), egui::FontId::proportional(size), egui::Color32::WHITE)
                .size();
            let pair = Vec2::new(square + 6.0 + text.x, text.y);
            ui.allocate_ui_with_layout(pair, egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let (rect, _) = ui.allocate_exact_size(Vec2::splat(square), egui::Sense::hover());
                ui.painter().rect_filled(rect, 2.0, theme::hex_color(&status.color));
                ui.add(
                    egui::Label::new(RichText::new(words).size(size).strong()).wrap_mode(egui::TextWrapMode::Extend),
                );
            });
            ui.add_space(6.0);
        }
        if tally.not_coded > 0 {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{} not coded", tally.not_coded))
                        .size(size)
                        .weak(),
                )
                .wrap_mode(egui::TextWrapMode::Extend),
            );
        }
    });
}
