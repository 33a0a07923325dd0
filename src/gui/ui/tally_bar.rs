//! A tally bar: how many coders (or students) gave each status, as one bar of
//! segments in the statuses' colours, each as wide as its share, with the counts
//! in words beside it ("18 Disputed · 9 Partial · 3 Agreed · 2 not coded").

use egui::{CornerRadius, Rect, Sense, Stroke, Ui, Vec2};

use super::theme;
use crate::model::study::StudyStatus;
use crate::model::tally::DemandTally;

const BAR_HEIGHT: f32 = 14.0;

/// Draws the bar `width` wide, then the counts in words, most first.
pub fn show(ui: &mut Ui, statuses: &[StudyStatus], tally: &DemandTally, width: f32) {
    let students = tally.coded + tally.not_coded;
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, BAR_HEIGHT), Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, CornerRadius::same(3), ui.visuals().extreme_bg_color);
    let mut x = rect.left();
    for (status, &count) in statuses.iter().zip(&tally.counts) {
        if count == 0 || students == 0 {
            continue;
        }
        let w = rect.width() * count as f32 / students as f32;
        let segment = Rect::from_min_size(egui::pos2(x, rect.top()), Vec2::new(w, rect.height()));
        painter.rect_filled(segment, 0.0, theme::hex_color(&status.color));
        x += w;
    }
    painter.rect_stroke(
        rect,
        CornerRadius::same(3),
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    let words = in_words(statuses, tally);
    response.on_hover_text(&words);
    ui.label(words);
    if let (Some(m), Some(share)) = (tally.majority, tally.majority_share) {
        let mut line = format!("Majority: {} ({:.0} %)", statuses[m].label, share * 100.0);
        if let Some(a) = tally.pairwise_agreement {
            line.push_str(&format!(" · {:.0} % of pairs agree", a * 100.0));
        }
        ui.label(egui::RichText::new(line).color(ui.visuals().weak_text_color()));
    }
}

/// `18 Disputed · 9 Partial · 3 Agreed · 2 not coded`: the counts, most first.
pub fn in_words(statuses: &[StudyStatus], tally: &DemandTally) -> String {
    let labels: Vec<&str> = statuses.iter().map(|s| s.label.as_str()).collect();
    crate::model::tally::counts_in_words(&labels, tally)
}
