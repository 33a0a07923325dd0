//! A tally bar: how many coders (or students) gave each status, as one bar of
//! segments in the statuses' colours, each as wide as its share, with the counts
//! in words beside it ("18 Disputed · 9 Partial · 3 Agreed · 2 not coded").

use egui::{CornerRadius, Rect, Sense, Stroke, Ui, Vec2};

use super::theme;
use crate::model::study::StudyStatus;
use crate::model::tally::DemandTally;

const BAR_HEIGHT: f32 = 14.0;

/// Who gave one status: each coder's name and note.
pub type Givers = Vec<(String, String)>;

/// Draws the bar `width` wide, then the counts in words, most first. `who[s]`
/// are the coders who gave status `s`: a click on its segment lists them with
/// their notes under the bar (the note of the one who disagreed starts a
/// discussion), a second click closes the list.
pub fn show(ui: &mut Ui, statuses: &[StudyStatus], tally: &DemandTally, width: f32, who: &[Givers]) {
    show_with_example(ui, statuses, tally, width, who, None);
}

/// As [`show`], with the hand-out's worked example on the demand (a status of
/// `statuses`) said under the counts.
pub fn show_with_example(
    ui: &mut Ui,
    statuses: &[StudyStatus],
    tally: &DemandTally,
    width: f32,
    who: &[Givers],
    example: Option<usize>,
) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, BAR_HEIGHT), Sense::hover());
    let open_id = ui.scope_id().with("tally_open");
    let mut open: Option<usize> = ui.data(|d| d.get_temp(open_id)).flatten();
    for (s, segment) in paint(ui, statuses, tally, rect) {
        let label = format!("{}: {}", statuses[s].label, tally.counts[s]);
        let response = ui.interact(segment, ui.scope_id().with(("segment", s)), Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if open == Some(s) {
            ui.painter().rect_stroke(
                segment,
                0.0,
                Stroke::new(2.0, ui.visuals().strong_text_color()),
                egui::StrokeKind::Inside,
            );
        }
        let clicked = response.clicked();
        response.on_hover_text(format!("{label} — click to see who, with their notes"));
        if clicked {
            open = if open == Some(s) { None } else { Some(s) };
        }
    }
    ui.data_mut(|d| d.insert_temp(open_id, open));
    if tally.coded == 0 {
        ui.label(egui::RichText::new("Nobody coded it").color(ui.visuals().weak_text_color()));
    } else {
        ui.label(in_words(statuses, tally));
    }
    let labels: Vec<&str> = statuses.iter().map(|s| s.label.as_str()).collect();
    if let Some((kind, given)) = crate::model::tally::most_given_in_words(&labels, tally) {
        let mut line = format!("{kind}: {given}");
        if let Some(a) = tally.pairwise_agreement {
            line.push_str(&format!(" · {:.0} % of pairs agree", a * 100.0));
        }
        ui.label(egui::RichText::new(line).color(ui.visuals().weak_text_color()));
    }
    if let Some(status) = example.and_then(|e| statuses.get(e)) {
        ui.label(egui::RichText::new(crate::model::tally::example_in_words(&status.label)).italics());
    }
    if let Some(s) = open
        && let Some(givers) = who.get(s)
    {
        givers_list(ui, &statuses[s], givers);
    }
}

/// Paints the bar in `rect`: a segment per status given, as wide as its share
/// of the class, the students who did not code it as the bar's empty end.
/// Returns each segment's status and rectangle.
pub fn paint(ui: &Ui, statuses: &[StudyStatus], tally: &DemandTally, rect: Rect) -> Vec<(usize, Rect)> {
    let students = tally.coded + tally.not_coded;
    ui.painter()
        .rect_filled(rect, CornerRadius::same(3), ui.visuals().extreme_bg_color);
    let mut segments = Vec::new();
    let mut x = rect.left();
    for (s, (status, &count)) in statuses.iter().zip(&tally.counts).enumerate() {
        if count == 0 || students == 0 {
            continue;
        }
        let w = rect.width() * count as f32 / students as f32;
        let segment = Rect::from_min_size(egui::pos2(x, rect.top()), Vec2::new(w, rect.height()));
        x += w;
        ui.painter().rect_filled(segment, 0.0, theme::hex_color(&status.color));
        segments.push((s, segment));
    }
    ui.painter().rect_stroke(
        rect,
        CornerRadius::same(3),
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    segments
}

/// The coders who gave a status: those with a note first, each with it, then the others' names.
fn givers_list(ui: &mut Ui, status: &StudyStatus, givers: &Givers) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(egui::RichText::new(format!("{} ({})", status.label, givers.len())).strong());
        for (coder, note) in givers.iter().filter(|(_, n)| !n.trim().is_empty()) {
            super::text::label(ui, &format!("{coder}: {note}"), None);
        }
        let silent: Vec<&str> = givers
            .iter()
            .filter(|(_, n)| n.trim().is_empty())
            .map(|(c, _)| c.as_str())
            .collect();
        if !silent.is_empty() {
            ui.label(
                egui::RichText::new(format!("No note: {}", silent.join(", "))).color(ui.visuals().weak_text_color()),
            );
        }
    });
}

/// Who gave each status of the study to `unit`, in the statuses' order.
pub fn givers(study: &crate::model::study::Study, unit: usize) -> Vec<Givers> {
    let mut who: Vec<Givers> = vec![Vec::new(); study.statuses().len()];
    for (coder, cell) in study.cells(unit).iter().enumerate() {
        if let crate::model::study::Cell::Coded { status, note, .. } = cell
            && let Some(givers) = who.get_mut(*status as usize)
        {
            givers.push((study.coders()[coder].clone(), note.clone()));
        }
    }
    who
}

/// `18 Disputed · 9 Partial · 3 Agreed · 2 not coded`: the counts, most first.
pub fn in_words(statuses: &[StudyStatus], tally: &DemandTally) -> String {
    let labels: Vec<&str> = statuses.iter().map(|s| s.label.as_str()).collect();
    crate::model::tally::counts_in_words(&labels, tally)
}
