//! A demand's text between two rounds: the new text with the old one's removed
//! words struck through and its added words marked, or both texts where it was
//! rewritten more than kept.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Stroke, Ui};

use super::{text, theme};
use crate::model::rounds::{DiffPart, word_diff};

/// The new text with the old one's words struck through and the new ones marked.
pub fn diff_text(ui: &mut Ui, old: &str, new: &str) {
    let visuals = ui.visuals().clone();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let removed = Color32::from_rgb(224, 49, 49);
    let added = Color32::from_rgb(47, 158, 68);
    let parts = word_diff(old, new);
    let kept: usize = parts
        .iter()
        .map(|p| match p {
            DiffPart::Same(t) => t.trim().chars().count(),
            _ => 0,
        })
        .sum();
    if kept * 10 < new.chars().count() * 4 {
        // Rewritten more than kept: word by word would be noise, so the two texts.
        let was = RichText::new(format!("Was: {old}")).color(removed).size(font.size);
        ui.label(text::widget_text(ui, was, egui::TextStyle::Body));
        text::label(ui, &format!("Now: {new}"), None);
        return;
    }
    let mut job = LayoutJob::default();
    let mut last: Option<&DiffPart> = None;
    for part in &parts {
        // A removed word right next to an added one gets a space between, so the two read apart.
        if matches!(
            (last, part),
            (Some(DiffPart::Removed(_)), DiffPart::Added(_)) | (Some(DiffPart::Added(_)), DiffPart::Removed(_))
        ) {
            job.append(
                " ",
                0.0,
                TextFormat {
                    font_id: font.clone(),
                    ..Default::default()
                },
            );
        }
        last = Some(part);
        let (text, format) = match part {
            DiffPart::Same(t) => (
                t,
                TextFormat {
                    font_id: font.clone(),
                    color: visuals.text_color(),
                    ..Default::default()
                },
            ),
            DiffPart::Removed(t) => (
                t,
                TextFormat {
                    font_id: font.clone(),
                    color: removed,
                    strikethrough: Stroke::new(1.5, removed),
                    ..Default::default()
                },
            ),
            DiffPart::Added(t) => (
                t,
                TextFormat {
                    font_id: font.clone(),
                    color: if visuals.dark_mode {
                        Color32::from_rgb(105, 219, 124)
                    } else {
                        added
                    },
                    background: theme::tint(added, &visuals),
                    underline: Stroke::new(1.5, added),
                    ..Default::default()
                },
            ),
        };
        job.append(text, 0.0, format);
    }
    job.wrap.max_width = ui.available_width().max(60.0);
    let galley = text::bidi(ui.ctx(), ui.painter().layout_job(job));
    ui.label(galley);
}
