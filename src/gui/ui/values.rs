//! Values on one axis: the ranges that sides state in the same unit on an issue,
//! drawn on one scale (open-ended ranges run off the end with an arrow), and the
//! gap or overlap between them in words. Painted directly: a plotting crate's
//! pan and zoom would only get in the way of a picture read at a glance.

use egui::{Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};

use super::{text, theme};
use crate::model::Comparison;
use crate::model::position::format_number;
use crate::model::values::{Relation, ValueAxis, relation_text, side_rgb, statement, ticks};

/// The "Values" view: every issue with comparable values, one axis each.
pub fn show(ui: &mut Ui, cmp: &Comparison, axes: &[ValueAxis]) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.heading("Values");
        ui.label(
            RichText::new("Where sides state numbers in the same unit on an issue: the ranges on one axis, and how far apart they are.")
                .weak(),
        );
    });
    ui.add_space(6.0);
    if axes.is_empty() {
        ui.label("No issue has values in the same unit from two sides of one round. Values are the `value` of a demand: a number or range with its unit, such as (min: 30, unit: \"days\").");
        return;
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for axis_ in axes {
            ui.add_space(6.0);
            let issue = &cmp.issues()[axis_.issue];
            ui.label(text::widget_text(
                ui,
                RichText::new(format!("{} · {}", issue.name, axis_.unit))
                    .strong()
                    .size(17.0),
                egui::TextStyle::Heading,
            ));
            axis(ui, cmp, axis_, false);
            ui.separator();
        }
    });
}

/// One axis and its relations in words; `compact` for the details pane.
pub fn axis(ui: &mut Ui, cmp: &Comparison, axis: &ValueAxis, compact: bool) {
    let most = if compact { 8 } else { 24 };
    let points = &axis.points[..axis.points.len().min(most)];
    let label_width = if compact { 104.0 } else { 220.0 };
    let width = ui.available_width().max(label_width + 120.0);
    let scale_height = 22.0;
    let labels = row_labels(ui, cmp, points, label_width, compact);
    let rows_height: f32 = labels.iter().map(|l| l.2).sum();
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, rows_height + scale_height + 4.0), Sense::hover());
    let (lo, hi) = axis.scale(cmp);
    let plot = Plot {
        rect: Rect::from_min_max(
            Pos2::new(rect.left() + label_width + 12.0, rect.top()),
            Pos2::new(rect.right() - 14.0, rect.bottom() - scale_height),
        ),
        lo,
        hi,
    };
    let visuals = ui.visuals().clone();
    // Each column's values in its colour (not the statuses').
    let columns = cmp.visible_sides();
    let painter = ui.painter().clone();
    relation_band(&painter, cmp, axis, &plot, &visuals);

    let mut top = rect.top();
    for (&ix, (name, said, row_height)) in points.iter().zip(labels) {
        let row_top = top;
        top += row_height;
        let Some(value) = &cmp.demand(ix).value else {
            continue;
        };
        let mid = row_top + row_height / 2.0;
        let side = ix.side as usize;
        let [r, g, b] = side_rgb(&columns, side);
        let color = Color32::from_rgb(r, g, b);
        let y = mid - (name.size().y + said.size().y) / 2.0;
        let below_name = y + name.size().y;
        painter.galley(Pos2::new(rect.left(), y), name, visuals.text_color());
        painter.galley(Pos2::new(rect.left(), below_name), said, visuals.text_color());
        value_bar(&painter, &plot, value, mid, color, if compact { 8.0 } else { 10.0 });
        let response = ui.interact(
            Rect::from_min_size(Pos2::new(rect.left(), row_top), Vec2::new(width, row_height)),
            ui.scope_id().with(("value", ix)),
            Sense::hover(),
        );
        response.on_hover_text(format!("{}: {}", cmp.side_label(side), cmp.demand(ix).text));
    }
    draw_scale(&painter, &plot, rect.left() + label_width, rect.right(), &visuals);
    relations_in_words(ui, cmp, axis, points.len(), compact);
}

/// Where an axis's values are drawn, and the values at its two ends.
struct Plot {
    rect: Rect,
    lo: f64,
    hi: f64,
}

impl Plot {
    fn x_of(&self, v: f64) -> f32 {
        self.rect.left() + ((v - self.lo) / (self.hi - self.lo)) as f32 * self.rect.width()
    }
}

/// Each row's side name and value, laid out first: a row is as tall as they
/// need, so that a name on two lines never runs into the next row.
fn row_labels(
    ui: &Ui,
    cmp: &Comparison,
    points: &[crate::model::DemandIx],
    label_width: f32,
    compact: bool,
) -> Vec<(std::sync::Arc<egui::Galley>, std::sync::Arc<egui::Galley>, f32)> {
    let min_row_height = if compact { 32.0 } else { 36.0 };
    let visuals = ui.visuals();
    points
        .iter()
        .map(|&ix| {
            let side = ix.side as usize;
            let name = text::layout(
                ui,
                &cmp.side_label(side),
                FontId::proportional(if compact { 13.0 } else { 15.0 }),
                visuals.strong_text_color(),
                label_width,
            );
            let said = text::layout(
                ui,
                &cmp.demand(ix)
                    .value
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                FontId::proportional(theme::META_SIZE),
                visuals.weak_text_color(),
                label_width,
            );
            let height = (name.size().y + said.size().y + 6.0).max(min_row_height);
            (name, said, height)
        })
        .collect()
}

/// Where two ranges are apart or meet (an axis of one pair), a band shows it,
/// saying what it is where there is room.
fn relation_band(painter: &egui::Painter, cmp: &Comparison, axis: &ValueAxis, plot: &Plot, visuals: &egui::Visuals) {
    if axis.pair_count != 1 {
        return;
    }
    let Some(pair) = axis.pairs.first() else {
        return;
    };
    let (lo, hi) = (plot.lo, plot.hi);
    let x_of = |v: f64| plot.x_of(v);
    let plot = plot.rect;
    let band = match pair.relation {
        Relation::Gap(_) => {
            let (a, b) = (cmp.demand(pair.a).value.as_ref(), cmp.demand(pair.b).value.as_ref());
            a.zip(b).map(|(a, b)| {
                let ends =
                    |v: &crate::model::Value| (v.min.unwrap_or(f64::NEG_INFINITY), v.max.unwrap_or(f64::INFINITY));
                let ((a_lo, a_hi), (b_lo, b_hi)) = (ends(a), ends(b));
                // From the top of the lower range to the bottom of the higher.
                let (from, to) = if a_hi < b_lo { (a_hi, b_lo) } else { (b_hi, a_lo) };
                (from, to, Color32::from_rgb(224, 49, 49))
            })
        }
        Relation::Overlap { min, max } => Some((min.unwrap_or(lo), max.unwrap_or(hi), Color32::from_rgb(47, 158, 68))),
    };
    if let Some((from, to, color)) = band {
        let (x0, x1) = (x_of(from), x_of(to));
        let band = Rect::from_x_y_ranges(x0.min(x1)..=x0.max(x1).max(x0.min(x1) + 2.0), plot.y_range());
        painter.rect_filled(band, 0.0, theme::tint(color, visuals));
        // The band says what it is where there is room for it.
        if let (Some(a), Some(b)) = (cmp.demand(pair.a).value.as_ref(), cmp.demand(pair.b).value.as_ref()) {
            let words = relation_text(&pair.relation, a, b);
            let galley = painter.layout_no_wrap(words, FontId::proportional(theme::META_SIZE), color);
            if galley.size().x + 8.0 < band.width() {
                painter.galley(
                    Pos2::new(band.center().x - galley.size().x / 2.0, band.top() + 2.0),
                    galley,
                    color,
                );
            }
        }
    }
}

/// A value's bar (a dot for one number); an open end runs off the scale with an arrow.
fn value_bar(
    painter: &egui::Painter,
    plot: &Plot,
    value: &crate::model::Value,
    mid: f32,
    color: Color32,
    thickness: f32,
) {
    let x_of = |v: f64| plot.x_of(v);
    let plot = plot.rect;
    let start = value.min.map_or(plot.left(), x_of);
    let end = value.max.map_or(plot.right(), x_of);
    if value.min.is_some() && value.min == value.max {
        painter.circle_filled(Pos2::new(start, mid), thickness * 0.75, color);
    } else {
        let bar = Rect::from_min_max(
            Pos2::new(start, mid - thickness / 2.0),
            Pos2::new(end.max(start + 2.0), mid + thickness / 2.0),
        );
        painter.rect_filled(bar, 3.0, color);
        // An open end runs off the scale with an arrow.
        let arrow = |tip: f32, back: f32| {
            painter.add(egui::Shape::convex_polygon(
                vec![
                    Pos2::new(tip, mid),
                    Pos2::new(back, mid - thickness),
                    Pos2::new(back, mid + thickness),
                ],
                color,
                Stroke::NONE,
            ));
        };
        if value.max.is_none() {
            arrow(plot.right() + 10.0, plot.right() - 2.0);
        }
        if value.min.is_none() {
            arrow(plot.left() - 10.0, plot.left() + 2.0);
        }
    }
}

/// The scale under the rows, its numbers within `left..right`.
fn draw_scale(painter: &egui::Painter, plot: &Plot, left: f32, right: f32, visuals: &egui::Visuals) {
    let (lo, hi) = (plot.lo, plot.hi);
    let x_of = |v: f64| plot.x_of(v);
    let plot = plot.rect;
    let base = plot.bottom() + 2.0;
    let axis_stroke = Stroke::new(1.0, visuals.weak_text_color());
    painter.hline(plot.x_range(), base, axis_stroke);
    // A tick's number is written only where it has room: never run into the one
    // before it ("1,0001,2001,400") or past the plot's ends.
    let numbers: Vec<(f32, std::sync::Arc<egui::Galley>)> = ticks(lo, hi)
        .into_iter()
        .map(|tick| {
            let x = x_of(tick);
            painter.vline(x, base..=base + 4.0, axis_stroke);
            let galley = painter.layout_no_wrap(
                format_number(tick),
                FontId::proportional(11.5),
                visuals.weak_text_color(),
            );
            (x, galley)
        })
        .collect();
    let spans: Vec<(f32, f32)> = numbers.iter().map(|(x, g)| (*x, g.size().x)).collect();
    for (at, (_, galley)) in tick_number_places(&spans, left, right).into_iter().zip(numbers) {
        if let Some(left) = at {
            painter.galley(Pos2::new(left, base + 5.0), galley, visuals.weak_text_color());
        }
    }
}

/// The relations of the axis's pairs in words, and what was left out.
fn relations_in_words(ui: &mut Ui, cmp: &Comparison, axis: &ValueAxis, points_shown: usize, compact: bool) {
    let strong = ui.visuals().strong_text_color();
    if axis.points.len() > points_shown {
        ui.label(
            RichText::new(format!(
                "… and {} more demands with values in {}",
                axis.points.len() - points_shown,
                axis.unit
            ))
            .weak(),
        );
    }
    for pair in &axis.pairs[..axis.pairs.len().min(if compact { 3 } else { 12 })] {
        text::label(ui, &format!("• {}", statement(cmp, pair)), Some(strong));
    }
    let shown = axis.pairs.len().min(if compact { 3 } else { 12 });
    if axis.pair_count > shown {
        ui.label(RichText::new(format!("… and {} more pairs", axis.pair_count - shown)).weak());
    }
}

/// Where each tick's number is written (its left edge), given each tick's `(x,
/// width)`: centred on its tick, kept within `from..to`, and left out where it
/// would run into the number before it.
fn tick_number_places(ticks: &[(f32, f32)], from: f32, to: f32) -> Vec<Option<f32>> {
    const GAP: f32 = 8.0;
    let mut free_from = f32::NEG_INFINITY;
    ticks
        .iter()
        .map(|&(x, width)| {
            let left = (x - width / 2.0).max(from);
            let right = left + width;
            (left >= free_from && right <= to).then(|| {
                free_from = right + GAP;
                left
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::tick_number_places;

    #[test]
    fn tick_numbers_never_run_into_each_other() {
        // Four ticks 20 points apart, numbers 28 points wide ("1,000", "1,200"…):
        // every other one is written.
        let ticks = [(100.0, 28.0), (120.0, 28.0), (140.0, 28.0), (160.0, 28.0)];
        let places = tick_number_places(&ticks, 0.0, 400.0);
        assert_eq!(places.iter().filter(|p| p.is_some()).count(), 2);
        let written: Vec<(f32, f32)> = places
            .iter()
            .zip(ticks)
            .filter_map(|(p, (_, w))| p.map(|l| (l, l + w)))
            .collect();
        for pair in written.windows(2) {
            assert!(pair[0].1 < pair[1].0, "{pair:?} overlap");
        }
        // Room enough: all of them.
        let wide = [(100.0, 20.0), (150.0, 20.0), (200.0, 20.0)];
        assert!(tick_number_places(&wide, 0.0, 400.0).iter().all(Option::is_some));
        // Nothing past the ends.
        assert_eq!(tick_number_places(&[(395.0, 20.0)], 0.0, 400.0), [None]);
    }
}
