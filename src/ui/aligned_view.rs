//! The two side-by-side panels: rows aligned by issue, laid out only where visible,
//! with links drawn between demands that share a mark.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align2, Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, Vec2, WidgetInfo};

use super::theme;
use crate::app::Action;
use crate::model::alignment::{self, Filter, Row, Slot};
use crate::model::{Comparison, DemandIx, Priority};

/// Which way the arrow keys move the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    layout_revision: u64,
    /// Marks change which rows a status filter keeps; without one they do not matter.
    mark_revision: Option<u64>,
    sides: [Option<usize>; 2],
    filter: Filter,
}

/// What measured card heights depend on besides the marks.
#[derive(Clone, Copy, Debug, PartialEq)]
struct MeasureKey {
    layout_revision: u64,
    width: f32,
    dark: bool,
}

/// Cached rows and heights. A card is measured (its text laid out) only when it
/// first becomes visible; until then its height is estimated from its length. So a
/// frame costs what is visible, not what is loaded, and a mark re-measures only
/// the cards it touches.
#[derive(Default)]
pub struct AlignedView {
    rows: Vec<Row>,
    rows_key: Option<RowsKey>,
    rows_generation: u64,
    row_of: HashMap<DemandIx, usize>,
    /// `[side][demand]`: measured card height, or NaN where not measured yet.
    card_heights: Vec<Vec<f32>>,
    measure_key: Option<MeasureKey>,
    /// The comparison revision the card heights reflect.
    measured_revision: u64,
    /// The rows generation `row_heights` was built for.
    heights_generation: u64,
    row_heights: Vec<f32>,
    /// `offsets[i]` is the top of row `i`; the last entry is the total height.
    offsets: Vec<f32>,
    /// The first row whose offset is out of date, if any.
    offsets_stale_from: Option<usize>,
    reveal: Option<DemandIx>,
    last_viewport: Option<Rect>,
}

impl AlignedView {
    /// Brings the rows up to date with the comparison and the filter.
    pub fn update_rows(&mut self, cmp: &Comparison, filter: &Filter) {
        let sides = [cmp.shown_side(0), cmp.shown_side(1)];
        let key = RowsKey {
            layout_revision: cmp.layout_revision(),
            mark_revision: (!filter.statuses.is_empty() || filter.unmarked).then(|| cmp.revision()),
            sides,
            filter: filter.clone(),
        };
        if self.rows_key.as_ref() == Some(&key) {
            return;
        }
        self.rows = alignment::align(cmp, sides[0], sides[1], filter);
        self.row_of.clear();
        for (i, row) in self.rows.iter().enumerate() {
            if let Row::Pair { left, right, .. } = row {
                for slot in [left, right] {
                    if let Slot::Demand(ix) = slot {
                        self.row_of.insert(*ix, i);
                    }
                }
            }
        }
        self.rows_key = Some(key);
        self.rows_generation += 1;
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn is_visible(&self, ix: DemandIx) -> bool {
        self.row_of.contains_key(&ix)
    }

    /// Scrolls so that `ix` is in view on the next frame.
    pub fn reveal(&mut self, ix: DemandIx) {
        self.reveal = Some(ix);
    }

    /// The first demand shown, for arrow keys with nothing selected.
    pub fn first_demand(&self) -> Option<DemandIx> {
        self.rows.iter().find_map(|row| match row {
            Row::Pair {
                left: Slot::Demand(ix), ..
            }
            | Row::Pair {
                right: Slot::Demand(ix),
                ..
            } => Some(*ix),
            _ => None,
        })
    }

    /// The demand an arrow key moves to from `from`.
    pub fn neighbour(&self, from: DemandIx, direction: Direction) -> Option<DemandIx> {
        let &row = self.row_of.get(&from)?;
        let Row::Pair { left, right, .. } = self.rows[row] else {
            return None;
        };
        let on_left = left == Slot::Demand(from);
        let pick = |row: &Row, left_panel: bool| match row {
            Row::Pair { left, right, .. } => match if left_panel { left } else { right } {
                Slot::Demand(ix) => Some(*ix),
                _ => None,
            },
            Row::Issue(_) => None,
        };
        match direction {
            Direction::Up => self.rows[..row].iter().rev().find_map(|r| pick(r, on_left)),
            Direction::Down => self.rows[row + 1..].iter().find_map(|r| pick(r, on_left)),
            Direction::Left | Direction::Right => {
                let to_left = direction == Direction::Left;
                if to_left == on_left {
                    return None;
                }
                let other = if to_left { left } else { right };
                if let Slot::Demand(ix) = other {
                    return Some(ix);
                }
                // Nearest demand of the other side on the same issue, looking up first.
                let issue = match self.rows[row] {
                    Row::Pair { issue, .. } => issue,
                    Row::Issue(i) => i,
                };
                let same_issue = |r: &&Row| matches!(r, Row::Pair { issue: i, .. } if *i == issue);
                self.rows[..row]
                    .iter()
                    .rev()
                    .take_while(same_issue)
                    .find_map(|r| pick(r, to_left))
                    .or_else(|| {
                        self.rows[row + 1..]
                            .iter()
                            .take_while(same_issue)
                            .find_map(|r| pick(r, to_left))
                    })
            }
        }
    }

    /// Brings card and row heights up to date with the data, the marks and the width.
    fn update_heights(&mut self, ui: &Ui, cmp: &Comparison, column_width: f32) {
        let key = MeasureKey {
            layout_revision: cmp.layout_revision(),
            width: column_width,
            dark: ui.visuals().dark_mode,
        };
        let mut all_rows = self.heights_generation != self.rows_generation;
        let forget_all = |view: &mut Self| {
            view.card_heights = (0..cmp.side_count())
                .map(|s| vec![f32::NAN; cmp.side(s).demands.len()])
                .collect();
        };
        if self.measure_key != Some(key) {
            forget_all(self);
            self.measure_key = Some(key);
            all_rows = true;
        } else if self.measured_revision != cmp.revision() {
            // Only the cards whose marks changed need measuring again.
            match cmp.marks_changed_since(self.measured_revision) {
                Some(changed) => {
                    for ix in changed {
                        if let Some(h) = self
                            .card_heights
                            .get_mut(ix.side as usize)
                            .and_then(|s| s.get_mut(ix.demand as usize))
                        {
                            *h = f32::NAN;
                        }
                        if !all_rows && let Some(&row) = self.row_of.get(&ix) {
                            self.row_heights[row] = self.row_height(ui, cmp, &self.rows[row], column_width);
                            self.stale_from(row);
                        }
                    }
                }
                None => {
                    forget_all(self);
                    all_rows = true;
                }
            }
        }
        self.measured_revision = cmp.revision();
        if all_rows {
            self.row_heights = self
                .rows
                .iter()
                .map(|row| self.row_height(ui, cmp, row, column_width))
                .collect();
            self.heights_generation = self.rows_generation;
            self.offsets_stale_from = Some(0);
        }
    }

    fn stale_from(&mut self, row: usize) {
        self.offsets_stale_from = Some(self.offsets_stale_from.map_or(row, |r| r.min(row)));
    }

    fn update_offsets(&mut self) {
        let Some(from) = self.offsets_stale_from.take() else {
            return;
        };
        let from = from.min(self.row_heights.len());
        self.offsets.truncate(from);
        let mut y = if from == 0 {
            0.0
        } else {
            self.offsets[from - 1] + self.row_heights[from - 1] + theme::ROW_GAP
        };
        for h in &self.row_heights[from..] {
            self.offsets.push(y);
            y += h + theme::ROW_GAP;
        }
        self.offsets.push(y);
    }

    /// A card's height: measured if it has been, else estimated from its length.
    fn card_height(&self, ui: &Ui, cmp: &Comparison, ix: DemandIx, column_width: f32) -> f32 {
        let known = self
            .card_heights
            .get(ix.side as usize)
            .and_then(|s| s.get(ix.demand as usize))
            .copied();
        match known {
            Some(h) if !h.is_nan() => h,
            _ => estimate_card_height(ui, cmp, ix, column_width),
        }
    }

    fn row_height(&self, ui: &Ui, cmp: &Comparison, row: &Row, column_width: f32) -> f32 {
        match row {
            Row::Issue(_) => theme::ISSUE_ROW_HEIGHT,
            Row::Pair { left, right, .. } => {
                let slot_height = |slot: &Slot| match slot {
                    Slot::Demand(ix) => self.card_height(ui, cmp, *ix, column_width),
                    Slot::Blank => 0.0,
                    _ => theme::PLACEHOLDER_HEIGHT,
                };
                slot_height(left).max(slot_height(right))
            }
        }
    }

    /// Measures the cards of rows `range` that are not measured yet; returns whether any row's height changed.
    fn measure_rows(&mut self, ui: &Ui, cmp: &Comparison, range: std::ops::Range<usize>, column_width: f32) -> bool {
        let mut changed = false;
        for i in range {
            let Row::Pair { left, right, .. } = self.rows[i] else {
                continue;
            };
            let mut measured_any = false;
            for slot in [left, right] {
                if let Slot::Demand(ix) = slot {
                    let cell = &mut self.card_heights[ix.side as usize][ix.demand as usize];
                    if cell.is_nan() {
                        *cell = card_layout(ui, cmp, ix, column_width).height;
                        measured_any = true;
                    }
                }
            }
            if measured_any {
                let h = self.row_height(ui, cmp, &self.rows[i], column_width);
                if h != self.row_heights[i] {
                    self.row_heights[i] = h;
                    self.stale_from(i);
                    changed = true;
                }
            }
        }
        changed
    }

    /// Rows that overlap `top..bottom` (content coordinates).
    fn rows_in(&self, top: f32, bottom: f32) -> std::ops::Range<usize> {
        let first = self.offsets.partition_point(|&y| y <= top).saturating_sub(1);
        let last = self.offsets.partition_point(|&y| y < bottom).min(self.rows.len());
        first..last.max(first)
    }

    /// Draws the panels; what the user clicks comes back as actions.
    pub fn show(&mut self, ui: &mut Ui, cmp: &Comparison, selection: &[DemandIx], actions: &mut Vec<Action>) {
        let total_width = ui.available_width();
        // Leaves room for the scroll bar so that measured and drawn widths agree.
        let scroll_bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin + 4.0;
        let column_width = ((total_width - theme::GUTTER - scroll_bar) / 2.0).floor().max(120.0);
        self.update_heights(ui, cmp, column_width);
        self.update_offsets();
        // Measures what is about to be shown, so it is drawn at its real height.
        if let Some(view) = self.last_viewport {
            let range = self.rows_in(view.top(), view.bottom());
            if self.measure_rows(ui, cmp, range, column_width) {
                self.update_offsets();
            }
        }

        let mut scroll = egui::ScrollArea::vertical().auto_shrink(false).id_salt("aligned_rows");
        if let Some(ix) = self.reveal.take()
            && let Some(&row) = self.row_of.get(&ix)
        {
            let (top, bottom) = (self.offsets[row], self.offsets[row + 1]);
            let view = self.last_viewport.unwrap_or(Rect::ZERO);
            if top < view.top() {
                scroll = scroll.vertical_scroll_offset(top);
            } else if bottom > view.bottom() {
                scroll = scroll.vertical_scroll_offset((bottom - view.height()).max(0.0));
            }
        }
        let total = self.offsets.last().copied().unwrap_or(0.0);
        let rows = &self.rows;
        let offsets = &self.offsets;
        let output = scroll.show_viewport(ui, |ui, viewport| {
            ui.set_height(total);
            ui.set_width(ui.available_width());
            let origin = ui.min_rect().min;
            let first = offsets.partition_point(|&y| y <= viewport.min.y).saturating_sub(1);
            let left_x = origin.x;
            let right_x = origin.x + column_width + theme::GUTTER;
            let mut visible: HashMap<DemandIx, (Rect, usize)> = HashMap::new();
            for (i, row) in rows.iter().enumerate().skip(first) {
                if offsets[i] > viewport.max.y {
                    break;
                }
                let top = origin.y + offsets[i];
                let height = offsets[i + 1] - offsets[i] - theme::ROW_GAP;
                match row {
                    Row::Issue(issue) => {
                        let rect = Rect::from_min_size(
                            Pos2::new(left_x, top),
                            Vec2::new(column_width * 2.0 + theme::GUTTER, height),
                        );
                        issue_heading(ui, cmp, *issue, rect);
                    }
                    Row::Pair { left, right, .. } => {
                        for (panel, slot, x) in [(0, left, left_x), (1, right, right_x)] {
                            let rect = Rect::from_min_size(Pos2::new(x, top), Vec2::new(column_width, height));
                            if let Slot::Demand(ix) = slot {
                                let card = card_layout(ui, cmp, *ix, column_width);
                                let rect = Rect::from_min_size(rect.min, Vec2::new(column_width, card.height));
                                demand_card(ui, cmp, *ix, &card, rect, selection.contains(ix), actions);
                                visible.insert(*ix, (rect, panel));
                            } else {
                                placeholder(ui, *slot, rect);
                            }
                        }
                    }
                }
            }
            draw_links(ui, cmp, &visible);
        });
        let previous = self.last_viewport;
        self.last_viewport = Some(Rect::from_min_size(
            Pos2::new(0.0, output.state.clamped_offset().y),
            output.inner_rect.size(),
        ));
        if previous != self.last_viewport {
            // Rows that scrolled into view were drawn at estimated heights: measure them next frame.
            ui.ctx().request_repaint();
        }
    }
}

/// Galleys of one demand card, shared by measuring and drawing so both agree.
struct CardLayout {
    text: Arc<Galley>,
    meta: Option<Arc<Galley>>,
    height: f32,
}

fn inner_width(column_width: f32) -> f32 {
    (column_width - 2.0 * theme::CARD_PADDING - theme::STRIPE).max(40.0)
}

fn card_layout(ui: &Ui, cmp: &Comparison, ix: DemandIx, column_width: f32) -> CardLayout {
    let visuals = ui.visuals();
    let demand = cmp.demand(ix);
    let wrap = inner_width(column_width);
    let core = demand.priority == Some(Priority::Core);
    let text_color = if core {
        visuals.strong_text_color()
    } else {
        visuals.text_color()
    };
    let mut job = LayoutJob::simple(
        demand.text.clone(),
        FontId::proportional(theme::BODY_SIZE),
        text_color,
        wrap,
    );
    job.wrap.max_width = wrap;
    let text = ui.painter().layout_job(job);

    let mut meta = LayoutJob::default();
    meta.wrap.max_width = wrap;
    let font = FontId::proportional(theme::META_SIZE);
    let plain = TextFormat::simple(font.clone(), visuals.weak_text_color());
    let pill = |meta: &mut LayoutJob, text: &str, bg: Color32| {
        if !meta.text.is_empty() {
            meta.append("  ", 0.0, plain.clone());
        }
        let format = TextFormat {
            font_id: font.clone(),
            color: theme::text_on(bg),
            background: bg,
            ..Default::default()
        };
        meta.append(&format!(" {text} "), 0.0, format);
    };
    match demand.priority {
        Some(Priority::Core) => pill(&mut meta, "RED LINE", theme::red_line(visuals)),
        Some(p) => {
            if !meta.text.is_empty() {
                meta.append("  ", 0.0, plain.clone());
            }
            meta.append(&format!("{} priority", p.label()), 0.0, plain.clone());
        }
        None => {}
    }
    if let Some(value) = &demand.value {
        if !meta.text.is_empty() {
            meta.append("  ·  ", 0.0, plain.clone());
        }
        meta.append(&value.to_string(), 0.0, plain.clone());
    }
    for id in cmp.marks_on(ix) {
        if let Some(mark) = cmp.mark(*id)
            && let Some(status) = cmp.codebook().get(&mark.status)
        {
            let label = if mark.note.is_empty() {
                status.label.clone()
            } else {
                format!("{} + note", status.label)
            };
            pill(&mut meta, &label, theme::status_color(status));
        }
    }
    let meta = (!meta.text.is_empty()).then(|| ui.painter().layout_job(meta));
    let height = 2.0 * theme::CARD_PADDING + text.size().y + meta.as_ref().map_or(0.0, |m| 5.0 + m.size().y);
    CardLayout { text, meta, height }
}

/// A card's height from its length alone, without laying out its text: close
/// enough to size the scroll bar for cards that have never been on screen.
fn estimate_card_height(ui: &Ui, cmp: &Comparison, ix: DemandIx, column_width: f32) -> f32 {
    let demand = cmp.demand(ix);
    let per_line = (inner_width(column_width) / (theme::BODY_SIZE * 0.47)).max(8.0);
    let lines = (demand.text.chars().count() as f32 / per_line).ceil().max(1.0);
    let line_height = ui.fonts_mut(|f| f.row_height(&FontId::proportional(theme::BODY_SIZE)));
    let has_meta = demand.priority.is_some() || demand.value.is_some() || !cmp.marks_on(ix).is_empty();
    let meta = if has_meta {
        5.0 + ui.fonts_mut(|f| f.row_height(&FontId::proportional(theme::META_SIZE)))
    } else {
        0.0
    };
    2.0 * theme::CARD_PADDING + lines * line_height + meta
}

fn issue_heading(ui: &Ui, cmp: &Comparison, issue: usize, rect: Rect) {
    let issue = &cmp.issues()[issue];
    let painter = ui.painter();
    let visuals = ui.visuals();
    let y = rect.bottom() - 6.0;
    painter.line_segment(
        [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)],
        visuals.widgets.noninteractive.bg_stroke,
    );
    let name = painter.layout_no_wrap(
        issue.name.clone(),
        FontId::proportional(16.0),
        visuals.strong_text_color(),
    );
    let name_width = name.size().x;
    painter.galley(
        Pos2::new(rect.left(), y - 4.0 - name.size().y),
        name,
        visuals.strong_text_color(),
    );
    if let Some(description) = &issue.description {
        let max = (rect.width() - name_width - 16.0).max(0.0);
        let mut job = LayoutJob::simple_singleline(
            description.clone(),
            FontId::proportional(theme::META_SIZE),
            visuals.weak_text_color(),
        );
        job.wrap.max_width = max;
        job.wrap.max_rows = 1;
        let galley = painter.layout_job(job);
        painter.galley(
            Pos2::new(rect.left() + name_width + 12.0, y - 5.0 - galley.size().y),
            galley,
            visuals.weak_text_color(),
        );
    }
}

fn placeholder(ui: &Ui, slot: Slot, rect: Rect) {
    let text = match slot {
        Slot::NoPosition => "No stated position",
        Slot::Hidden => "Hidden by the filter",
        Slot::NoSide => "No side chosen",
        Slot::Blank | Slot::Demand(_) => return,
    };
    let visuals = ui.visuals();
    let painter = ui.painter();
    let stroke = Stroke::new(1.0, visuals.weak_text_color().gamma_multiply(0.5));
    let r = rect.shrink(1.0);
    for (a, b) in [
        (r.left_top(), r.right_top()),
        (r.right_top(), r.right_bottom()),
        (r.right_bottom(), r.left_bottom()),
        (r.left_bottom(), r.left_top()),
    ] {
        painter.add(egui::Shape::dashed_line(&[a, b], stroke, 6.0, 4.0));
    }
    painter.text(
        r.left_center() + Vec2::new(theme::CARD_PADDING + theme::STRIPE, 0.0),
        Align2::LEFT_CENTER,
        text,
        FontId::proportional(theme::META_SIZE + 0.5),
        visuals.weak_text_color(),
    );
    let response = ui.interact(
        rect,
        ui.scope_id()
            .with(("placeholder", rect.min.x as i32, rect.min.y as i32)),
        Sense::hover(),
    );
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, text));
}

fn demand_card(
    ui: &mut Ui,
    cmp: &Comparison,
    ix: DemandIx,
    card: &CardLayout,
    rect: Rect,
    selected: bool,
    actions: &mut Vec<Action>,
) {
    let demand = cmp.demand(ix);
    let side = cmp.side(ix.side as usize);
    let response = ui.interact(rect, ui.scope_id().with(("demand", ix.side, ix.demand)), Sense::click());
    let label = format!("{}: {}", side.name, demand.text);
    response.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, selected, &label));
    if response.clicked() {
        let modifiers = ui.input(|i| i.modifiers);
        actions.push(Action::Select {
            demand: ix,
            extend: modifiers.command || modifiers.shift,
        });
    }
    let visuals = ui.visuals();
    let painter = ui.painter();
    let (fill, stroke) = if selected {
        (
            visuals.selection.bg_fill.gamma_multiply(0.35),
            Stroke::new(2.0, visuals.selection.stroke.color),
        )
    } else if response.hovered() {
        (visuals.extreme_bg_color, visuals.widgets.hovered.bg_stroke)
    } else {
        (visuals.extreme_bg_color, visuals.widgets.noninteractive.bg_stroke)
    };
    let corner = 6.0;
    painter.rect(rect, corner, fill, stroke, egui::StrokeKind::Inside);
    let newest = cmp.marks_on(ix).last().and_then(|id| cmp.mark(*id));
    if let Some(status) = newest.and_then(|m| cmp.codebook().get(&m.status)) {
        let stripe = Rect::from_min_size(rect.min, Vec2::new(theme::STRIPE, rect.height()));
        painter.rect_filled(
            stripe,
            egui::CornerRadius {
                nw: 6,
                sw: 6,
                ne: 0,
                se: 0,
            },
            theme::status_color(status),
        );
    }
    let text_pos = rect.min + Vec2::new(theme::STRIPE + theme::CARD_PADDING, theme::CARD_PADDING);
    painter.galley(text_pos, card.text.clone(), visuals.text_color());
    if let Some(meta) = &card.meta {
        painter.galley(
            text_pos + Vec2::new(0.0, card.text.size().y + 5.0),
            meta.clone(),
            visuals.weak_text_color(),
        );
    }
    response.on_hover_ui(|ui| demand_tooltip(ui, cmp, ix));
}

fn demand_tooltip(ui: &mut Ui, cmp: &Comparison, ix: DemandIx) {
    let demand = cmp.demand(ix);
    ui.set_max_width(420.0);
    if let Some(quote) = &demand.quote {
        ui.label(egui::RichText::new(format!("“{quote}”")).italics());
    }
    if let Some(title) = cmp.source_title(ix) {
        ui.label(egui::RichText::new(format!("Source: {title}")).weak());
    }
    if let Some(note) = &demand.note {
        ui.label(note);
    }
    ui.label(
        egui::RichText::new("Click to select; Ctrl+click to add to the selection.")
            .weak()
            .small(),
    );
}

/// Lines across the gutter between visible demands that share a mark, in the mark's colour.
fn draw_links(ui: &Ui, cmp: &Comparison, visible: &HashMap<DemandIx, (Rect, usize)>) {
    let painter = ui.painter();
    for (ix, (rect, panel)) in visible {
        if *panel != 0 {
            continue;
        }
        for id in cmp.marks_on(*ix) {
            let Some(mark) = cmp.mark(*id) else { continue };
            let Some(status) = cmp.codebook().get(&mark.status) else {
                continue;
            };
            let color = theme::status_color(status);
            for other in mark.demands.iter().filter_map(|r| cmp.resolve(r)) {
                if let Some((to, 1)) = visible.get(&other) {
                    let a = Pos2::new(rect.right(), rect.center().y);
                    let b = Pos2::new(to.left(), to.center().y);
                    let dx = (b.x - a.x) * 0.5;
                    let curve = egui::epaint::CubicBezierShape::from_points_stroke(
                        [a, a + Vec2::new(dx, 0.0), b - Vec2::new(dx, 0.0), b],
                        false,
                        Color32::TRANSPARENT,
                        Stroke::new(2.5, color),
                    );
                    painter.add(curve);
                    painter.circle_filled(a, 4.0, color);
                    painter.circle_filled(b, 4.0, color);
                }
            }
        }
    }
}

/// The side names above the panels, with a picker when there are more than two sides.
pub fn side_headers(ui: &mut Ui, cmp: &Comparison, actions: &mut Vec<Action>) {
    let total_width = ui.available_width();
    let scroll_bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin + 4.0;
    let column_width = ((total_width - theme::GUTTER - scroll_bar) / 2.0).floor().max(120.0);
    ui.horizontal(|ui| {
        for panel in 0..2 {
            ui.allocate_ui_with_layout(
                Vec2::new(column_width, 44.0),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_width(column_width);
                    side_header(ui, cmp, panel, actions);
                },
            );
            if panel == 0 {
                ui.add_space(theme::GUTTER - ui.spacing().item_spacing.x * 2.0);
            }
        }
    });
}

fn side_header(ui: &mut Ui, cmp: &Comparison, panel: usize, actions: &mut Vec<Action>) {
    let shown = cmp.shown_side(panel);
    let name = shown.map_or("No side".to_owned(), |s| cmp.side(s).name.clone());
    if cmp.side_count() > 2 {
        ui.horizontal(|ui| {
            let label = ui.label(egui::RichText::new(if panel == 0 { "Left panel" } else { "Right panel" }).weak());
            let combo = egui::ComboBox::from_id_salt(("side_picker", panel))
                .selected_text(egui::RichText::new(&name).heading())
                .show_ui(ui, |ui| {
                    for s in 0..cmp.side_count() {
                        let side = cmp.side(s);
                        if ui.selectable_label(shown == Some(s), &side.name).clicked() && shown != Some(s) {
                            actions.push(Action::ShowSide {
                                panel,
                                side: Some(side.id.clone()),
                            });
                        }
                    }
                });
            combo.response.labelled_by(label.id);
        });
    } else {
        ui.heading(&name);
    }
    if let Some(s) = shown {
        let side = cmp.side(s);
        let count = side.demands.len();
        let by = side
            .represented_by
            .as_deref()
            .map_or(String::new(), |r| format!(" · {r}"));
        ui.label(egui::RichText::new(format!("{count} demands{by}")).weak());
    }
}
