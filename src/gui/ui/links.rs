//! Lines between visible demands that share a mark, in the mark's colour: across the
//! gutters between columns, and as a bracket in the gutter for demands of one column.

use std::collections::{HashMap, HashSet};

use egui::{Color32, Pos2, Rect, Stroke, Ui, Vec2};

use super::theme;
use crate::model::{Comparison, DemandIx};

/// `visible` maps each demand drawn this frame to its card and its column.
pub fn draw(ui: &Ui, cmp: &Comparison, visible: &HashMap<DemandIx, (Rect, usize)>) {
    let painter = ui.painter();
    let mut done: HashSet<&str> = HashSet::new();
    for ix in visible.keys() {
        for id in cmp.marks_on(*ix) {
            if !done.insert(id.as_str()) {
                continue;
            }
            let Some(mark) = cmp.mark(id) else { continue };
            let Some(status) = cmp.codebook().get(&mark.status) else {
                continue;
            };
            let color = theme::status_color(status);
            let mut members: Vec<(usize, Rect)> = mark
                .demands
                .iter()
                .filter_map(|r| cmp.resolve(r))
                .filter_map(|m| visible.get(&m).map(|(rect, column)| (*column, *rect)))
                .collect();
            if members.len() < 2 {
                continue;
            }
            members.sort_by(|a, b| {
                (a.0, a.1.top())
                    .partial_cmp(&(b.0, b.1.top()))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            for pair in members.windows(2) {
                let ((ca, a), (cb, b)) = (pair[0], pair[1]);
                if ca == cb {
                    bracket(painter, a, b, color);
                } else {
                    // Links that pass over columns in between are thinner, so the cards under them stay readable.
                    let width = if cb == ca + 1 { 2.5 } else { 1.5 };
                    curve(painter, a, b, color, width);
                }
            }
        }
    }
}

fn curve(painter: &egui::Painter, from: Rect, to: Rect, color: Color32, width: f32) {
    let a = Pos2::new(from.right(), from.center().y);
    let b = Pos2::new(to.left(), to.center().y);
    let dx = (theme::GUTTER * 0.9).min((b.x - a.x) * 0.5);
    let shape = egui::epaint::CubicBezierShape::from_points_stroke(
        [a, a + Vec2::new(dx, 0.0), b - Vec2::new(dx, 0.0), b],
        false,
        Color32::TRANSPARENT,
        Stroke::new(width, color),
    );
    painter.add(shape);
    painter.circle_filled(a, 4.0, color);
    painter.circle_filled(b, 4.0, color);
}

fn bracket(painter: &egui::Painter, a: Rect, b: Rect, color: Color32) {
    let x = a.right().max(b.right());
    let (ya, yb) = (a.center().y, b.center().y);
    let reach = theme::GUTTER * 0.45;
    let shape = egui::epaint::CubicBezierShape::from_points_stroke(
        [
            Pos2::new(x, ya),
            Pos2::new(x + reach, ya),
            Pos2::new(x + reach, yb),
            Pos2::new(x, yb),
        ],
        false,
        Color32::TRANSPARENT,
        Stroke::new(2.0, color),
    );
    painter.add(shape);
    painter.circle_filled(Pos2::new(x, ya), 4.0, color);
    painter.circle_filled(Pos2::new(x, yb), 4.0, color);
}
