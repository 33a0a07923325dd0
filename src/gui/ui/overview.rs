//! The overview: the whole negotiation at a glance, issues down and sides across,
//! each cell saying how many demands the side states on the issue, the strongest
//! priority among them and the marks on them by status, or that the side states
//! nothing. A click on a cell shows its demands in the columns.

use std::sync::Arc;

use egui::{Color32, FontId, Galley, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2, WidgetInfo};

use super::{text, theme};
use crate::gui::action::Action;
use crate::model::overview::{Cell, Overview};
use crate::model::{Comparison, Priority};

const PAD: f32 = 8.0;
const GAP: f32 = 4.0;

pub fn show(ui: &mut Ui, cmp: &Comparison, overview: &Overview, actions: &mut Vec<Action>) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.heading("Overview");
        ui.label(
            RichText::new("Each cell: the side's demands on the issue, the strongest priority, and the marks on them. Click a cell to see its demands in the columns.")
                .weak(),
        );
    });
    legend(ui, cmp);
    ui.add_space(6.0);
    if overview.sides.is_empty() || overview.rows.is_empty() {
        ui.label("No column is shown: show one with View › Columns.");
        return;
    }
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        matrix(ui, cmp, overview, actions);
    });
}

/// The codebook's statuses as the cells show them.
pub fn legend(ui: &mut Ui, cmp: &Comparison) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Marks").weak());
        for status in &cmp.codebook().statuses {
            status_chip(ui, status);
        }
        ui.label(RichText::new("No stated position").italics().weak());
    });
}

/// A status as a chip in its colour, as the legend and the Conflicts view show it.
pub fn status_chip(ui: &mut Ui, status: &crate::model::Status) {
    let color = theme::status_color(status);
    let chip = RichText::new(format!(" {} ", status.label))
        .color(theme::text_on(color))
        .background_color(color)
        .strong();
    ui.label(text::widget_text(ui, chip, egui::TextStyle::Body));
}

/// The widths of the issue column and of each side's column.
fn widths(available: f32, sides: usize) -> (f32, f32) {
    let issue = (available * 0.22).clamp(150.0, 280.0);
    let side = ((available - issue) / sides.max(1) as f32).max(150.0);
    (issue, side)
}

/// A cell laid out: what it says and how tall it is.
struct CellLayout {
    summary: Arc<Galley>,
    /// The demands' texts, cut to two lines: what the side says, at a glance.
    gist: Option<Arc<Galley>>,
    chips: Vec<(Arc<Galley>, Color32)>,
    /// Where each chip goes, from the cell's top left corner.
    places: Vec<Vec2>,
    height: f32,
}

fn layout_cell(ui: &Ui, cmp: &Comparison, cell: &Cell, width: f32) -> CellLayout {
    let visuals = ui.visuals();
    let inner = width - 2.0 * PAD;
    let summary_color = if cell.is_empty() {
        visuals.weak_text_color()
    } else if cell.strongest == Some(Priority::Core) {
        theme::red_line(visuals)
    } else {
        visuals.strong_text_color()
    };
    let font = FontId::proportional(theme::BODY_SIZE);
    let mut job = egui::text::LayoutJob::single_section(
        cell.summary(),
        egui::TextFormat {
            font_id: font,
            color: summary_color,
            italics: cell.is_empty(),
            ..Default::default()
        },
    );
    job.wrap.max_width = inner;
    let summary = ui.painter().layout_job(job);
    let gist = (!cell.is_empty()).then(|| {
        let texts: Vec<&str> = cell.demands.iter().map(|&ix| cmp.demand(ix).text.as_str()).collect();
        let mut job = egui::text::LayoutJob::simple(
            text::mirrored(&texts.join(" · ")).into_owned(),
            FontId::proportional(theme::META_SIZE),
            visuals.weak_text_color(),
            inner,
        );
        job.wrap.max_rows = 2;
        text::bidi(ui.ctx(), ui.painter().layout_job(job))
    });
    let gist_height = gist.as_ref().map_or(0.0, |g| g.size().y + 2.0);
    let mut chips = Vec::new();
    for (status, &count) in cmp.codebook().statuses.iter().zip(&cell.statuses) {
        if count == 0 {
            continue;
        }
        let color = theme::status_color(status);
        let label = format!("{} {count}", status.label);
        let galley = text::layout(
            ui,
            &label,
            FontId::proportional(theme::META_SIZE),
            theme::text_on(color),
            inner,
        );
        chips.push((galley, color));
    }
    let mut places = Vec::with_capacity(chips.len());
    let mut at = Vec2::new(PAD, PAD + summary.size().y + gist_height + GAP);
    let mut row_height: f32 = 0.0;
    for (galley, _) in &chips {
        let size = galley.size() + Vec2::new(10.0, 4.0);
        if at.x > PAD && at.x + size.x > width - PAD {
            at = Vec2::new(PAD, at.y + row_height + GAP);
            row_height = 0.0;
        }
        places.push(at);
        at.x += size.x + GAP;
        row_height = row_height.max(size.y);
    }
    let height = if chips.is_empty() {
        PAD + summary.size().y + gist_height + PAD
    } else {
        at.y + row_height + PAD
    };
    CellLayout {
        summary,
        gist,
        chips,
        places,
        height,
    }
}

fn matrix(ui: &mut Ui, cmp: &Comparison, overview: &Overview, actions: &mut Vec<Action>) {
    let (issue_width, side_width) = widths(ui.available_width(), overview.sides.len());
    let grid = Grid {
        issue_width,
        side_width,
        total: issue_width + side_width * overview.sides.len() as f32,
        line: Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
    };
    names_header(ui, cmp, overview, &grid);
    let visuals = ui.visuals().clone();
    let (total, grid_line) = (grid.total, grid.line);
    for (row, (issue, cells)) in overview.rows.iter().enumerate() {
        let name = text::layout(
            ui,
            &cmp.issues()[*issue].name,
            FontId::proportional(theme::BODY_SIZE),
            visuals.strong_text_color(),
            grid.issue_width - 2.0 * PAD,
        );
        let layouts: Vec<CellLayout> = cells
            .iter()
            .map(|cell| layout_cell(ui, cmp, cell, grid.side_width))
            .collect();
        let height = layouts
            .iter()
            .map(|l| l.height)
            .fold(name.size().y + 2.0 * PAD, f32::max);
        let (rect, _) = ui.allocate_exact_size(Vec2::new(total, height), Sense::hover());
        if !ui.is_rect_visible(rect) {
            continue;
        }
        if row % 2 == 1 {
            ui.painter().rect_filled(rect, 0.0, visuals.faint_bg_color);
        }
        ui.painter()
            .galley(rect.left_top() + Vec2::splat(PAD), name, visuals.text_color());
        cells_of_row(ui, cmp, overview, *issue, cells, layouts, rect, &grid, actions);
        ui.painter().hline(rect.x_range(), rect.bottom(), grid_line);
    }
}

/// The overview's columns: the issue's, then one per side.
struct Grid {
    issue_width: f32,
    side_width: f32,
    total: f32,
    line: Stroke,
}

/// The sides' names across the top.
fn names_header(ui: &mut Ui, cmp: &Comparison, overview: &Overview, grid: &Grid) {
    let Grid {
        issue_width,
        side_width,
        total,
        line,
    } = *grid;
    let visuals = ui.visuals().clone();
    let names: Vec<Arc<Galley>> = overview
        .sides
        .iter()
        .map(|&s| {
            text::layout(
                ui,
                &cmp.side_label(s),
                FontId::proportional(17.0),
                visuals.strong_text_color(),
                side_width - 2.0 * PAD,
            )
        })
        .collect();
    let head = names.iter().map(|g| g.size().y).fold(0.0, f32::max) + 2.0 * PAD;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(total, head), Sense::hover());
    for (c, galley) in names.into_iter().enumerate() {
        let x = rect.left() + issue_width + side_width * c as f32;
        ui.painter()
            .galley(Pos2::new(x + PAD, rect.top() + PAD), galley, visuals.text_color());
    }
    ui.painter().hline(rect.x_range(), rect.bottom(), line);
}

/// One issue's cells, a side each: what the side demands, clickable to show it in the columns.
#[expect(clippy::too_many_arguments, reason = "one row's parts, drawn together")]
fn cells_of_row(
    ui: &mut Ui,
    cmp: &Comparison,
    overview: &Overview,
    issue: usize,
    cells: &[Cell],
    layouts: Vec<CellLayout>,
    rect: Rect,
    grid: &Grid,
    actions: &mut Vec<Action>,
) {
    let (issue_width, side_width, height) = (grid.issue_width, grid.side_width, rect.height());
    for (c, (cell, layout)) in cells.iter().zip(layouts).enumerate() {
        let cell_rect = Rect::from_min_size(
            Pos2::new(rect.left() + issue_width + side_width * c as f32, rect.top()),
            Vec2::new(side_width, height),
        );
        let side = overview.sides[c];
        let id = ui.scope_id().with(("overview", issue, side));
        let response = ui.interact(cell_rect.shrink(1.0), id, Sense::click());
        let label = format!(
            "{}, {}: {}{}",
            cmp.issues()[issue].name,
            cmp.side_label(side),
            cell.summary(),
            marks_words(cmp, cell)
        );
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        paint_cell(ui, cell_rect, cell, layout, response.hovered());
        let response = response.on_hover_text(if cell.is_empty() {
            "Show this issue in the columns".to_owned()
        } else {
            "Show these demands in the columns".to_owned()
        });
        if response.clicked() {
            actions.push(Action::JumpTo { side, issue });
        }
    }
}

/// "; marks: Disputed 1, Agreed 2", for a screen reader.
fn marks_words(cmp: &Comparison, cell: &Cell) -> String {
    let parts: Vec<String> = cmp
        .codebook()
        .statuses
        .iter()
        .zip(&cell.statuses)
        .filter(|(_, n)| **n > 0)
        .map(|(s, n)| format!("{} {n}", s.label))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("; marks: {}", parts.join(", "))
    }
}

fn paint_cell(ui: &Ui, rect: Rect, cell: &Cell, layout: CellLayout, hovered: bool) {
    let visuals = ui.visuals();
    let painter = ui.painter();
    let inner = rect.shrink(3.0);
    if cell.is_empty() {
        // No stated position: a dashed outline, so the gap reads as a gap.
        let color = visuals.weak_text_color().gamma_multiply(0.6);
        let dash = Stroke::new(1.0, color);
        for side in [
            [inner.left_top(), inner.right_top()],
            [inner.right_top(), inner.right_bottom()],
            [inner.right_bottom(), inner.left_bottom()],
            [inner.left_bottom(), inner.left_top()],
        ] {
            painter.extend(egui::Shape::dashed_line(&side, dash, 4.0, 3.0));
        }
    } else {
        painter.rect_filled(inner, 4.0, visuals.extreme_bg_color);
        painter.rect_stroke(
            inner,
            4.0,
            visuals.widgets.noninteractive.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    if hovered {
        painter.rect_stroke(
            inner,
            4.0,
            Stroke::new(2.0, visuals.selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
    let origin = rect.left_top();
    let below = layout.summary.size().y + 2.0;
    painter.galley(origin + Vec2::splat(PAD), layout.summary, visuals.text_color());
    if let Some(gist) = layout.gist {
        painter.galley(origin + Vec2::new(PAD, PAD + below), gist, visuals.text_color());
    }
    for ((galley, color), at) in layout.chips.into_iter().zip(layout.places) {
        let size = galley.size() + Vec2::new(10.0, 4.0);
        let chip = Rect::from_min_size(origin + at, size);
        painter.rect_filled(chip, 8.0, color);
        painter.galley(chip.min + Vec2::new(5.0, 2.0), galley, Color32::WHITE);
    }
}
