//! The column view: one column per shown side, rows aligned by issue, laid out only
//! where visible, with the column headers and the current issue pinned to the top
//! while scrolling, and links drawn between demands that share a mark.

use std::collections::HashMap;

use egui::{Rect, Ui, Vec2};

use super::column_rows::RowsOnScreen;
use super::{card, header, links, theme};
use crate::gui::action::Action;
use crate::gui::command::Direction;
use crate::model::alignment::{self, Filter, Row, Slot};
use crate::model::{Comparison, DemandIx, SideIx};

/// Columns narrower than this are not made to share the window: the view scrolls sideways instead.
pub const MIN_AUTO_WIDTH: f32 = 200.0;

#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    layout_revision: u64,
    /// A search's words against the demands' words, as they were.
    text_revision: Option<u64>,
    /// Marks change which rows a status filter keeps; without one they do not matter.
    mark_revision: Option<u64>,
    columns: Vec<SideIx>,
    filter: Filter,
}

/// Cached rows and heights. A card is measured (its text laid out) only when it
/// first becomes visible; until then its height is estimated from its length. So a
/// frame costs what is visible, not what is loaded, and a mark re-measures only
/// the cards it touches.
#[derive(Default)]
pub struct ColumnsView {
    columns: Vec<SideIx>,
    rows: Vec<Row>,
    rows_key: Option<RowsKey>,
    rows_generation: u64,
    /// Where each shown demand sits: (row, column).
    place_of: HashMap<DemandIx, (usize, usize)>,
    /// For each row, the row of its issue's heading (for the pinned heading).
    heading_of: Vec<usize>,
    /// `[side][demand]`: measured card height, or NaN where not measured yet.
    card_heights: Vec<Vec<f32>>,
    /// `[side]`: the column width the side's heights were measured at.
    measured_widths: Vec<f32>,
    /// What every measurement depends on besides widths and marks.
    measure_key: Option<(u64, bool, Vec<SideIx>)>,
    /// The comparison revision the card heights reflect.
    measured_revision: u64,
    heights_generation: u64,
    row_heights: Vec<f32>,
    /// `offsets[i]` is the top of row `i` below the headers; the last entry is the total height.
    offsets: Vec<f32>,
    offsets_stale_from: Option<usize>,
    reveal: Option<DemandIx>,
    reveal_issue: Option<usize>,
    last_viewport: Option<Rect>,
    /// The height the columns need for every row (headers included), at the last frame.
    total_height: f32,
    /// The band pinned at the top of the viewport (the sides' names and the issue heading).
    pinned_height: f32,
    /// A scroll position asked for the next frame (a figure's page).
    scroll_to: Option<f32>,
}

/// Where the shown columns are, left to right, in content coordinates.
pub struct Geometry {
    pub xs: Vec<f32>,
    pub widths: Vec<f32>,
    pub total_width: f32,
}

impl Geometry {
    /// Widths from the view state where the user set them; the other columns share
    /// what is left of `available`, but never get narrower than [`MIN_AUTO_WIDTH`].
    pub fn new(cmp: &Comparison, columns: &[SideIx], available: f32) -> Self {
        let set: Vec<Option<f32>> = columns
            .iter()
            .map(|&s| {
                let (document, side) = cmp.side_key(s);
                cmp.view()
                    .columns
                    .iter()
                    .find(|c| c.is(document, side))
                    .and_then(|c| c.width)
            })
            .collect();
        let gutters = theme::GUTTER * columns.len().saturating_sub(1) as f32;
        let fixed: f32 = set.iter().flatten().sum();
        let auto_count = set.iter().filter(|w| w.is_none()).count().max(1) as f32;
        let auto = ((available - gutters - fixed) / auto_count).floor().max(MIN_AUTO_WIDTH);
        let widths: Vec<f32> = set.iter().map(|w| w.unwrap_or(auto)).collect();
        let mut xs = Vec::with_capacity(widths.len());
        let mut x = 0.0;
        for w in &widths {
            xs.push(x);
            x += w + theme::GUTTER;
        }
        Self {
            xs,
            widths,
            total_width: (x - theme::GUTTER).max(0.0),
        }
    }
}

impl ColumnsView {
    /// For a figure drawn off screen: the height every row needs, and the height
    /// of the columns' viewport at the last frame.
    pub fn figure_heights(&self) -> (f32, f32) {
        (self.total_height, self.last_viewport.map_or(0.0, |v| v.height()))
    }

    /// The band pinned at the top of the columns as they scroll.
    pub fn pinned_height(&self) -> f32 {
        self.pinned_height
    }

    /// Scrolls the columns to `y` on the next frame (a figure's next page).
    pub fn scroll_to(&mut self, y: f32) {
        self.scroll_to = Some(y);
    }

    /// Brings the rows up to date with the comparison, its shown columns and the filter.
    pub fn update_rows(&mut self, cmp: &Comparison, filter: &Filter) {
        let columns = cmp.visible_sides();
        let key = RowsKey {
            layout_revision: cmp.layout_revision(),
            // A search finds words: a demand's new words may make it found or not.
            text_revision: (!filter.query.trim().is_empty()).then(|| cmp.text_revision()),
            mark_revision: (!filter.statuses.is_empty() || filter.unmarked).then(|| cmp.revision()),
            columns: columns.clone(),
            filter: filter.clone(),
        };
        if self.rows_key.as_ref() == Some(&key) {
            return;
        }
        self.rows = alignment::align(cmp, &columns, filter);
        self.columns = columns;
        self.place_of.clear();
        self.heading_of.clear();
        let mut heading = 0;
        for (i, row) in self.rows.iter().enumerate() {
            if let Row::Issue(_) = row {
                heading = i;
            }
            self.heading_of.push(heading);
            if let Row::Slots { slots, .. } = row {
                for (c, slot) in slots.iter().enumerate() {
                    if let Slot::Demand(ix) = slot {
                        self.place_of.insert(*ix, (i, c));
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

    pub fn is_shown(&self, ix: DemandIx) -> bool {
        self.place_of.contains_key(&ix)
    }

    /// Scrolls so that `ix` is in view on the next frame.
    pub fn reveal(&mut self, ix: DemandIx) {
        self.reveal = Some(ix);
    }

    /// Scrolls so that an issue's heading is at the top on the next frame.
    pub fn reveal_issue(&mut self, issue: usize) {
        self.reveal_issue = Some(issue);
    }

    /// The first demand shown, for arrow keys with nothing selected.
    pub fn first_demand(&self) -> Option<DemandIx> {
        self.rows.iter().find_map(|row| match row {
            Row::Slots { slots, .. } => slots.iter().find_map(|s| match s {
                Slot::Demand(ix) => Some(*ix),
                _ => None,
            }),
            Row::Issue(_) => None,
        })
    }

    fn demand_at(&self, row: usize, column: usize) -> Option<DemandIx> {
        match &self.rows[row] {
            Row::Slots { slots, .. } => match slots.get(column) {
                Some(Slot::Demand(ix)) => Some(*ix),
                _ => None,
            },
            Row::Issue(_) => None,
        }
    }

    /// The demand an arrow key moves to from `from`.
    pub fn neighbour(&self, from: DemandIx, direction: Direction) -> Option<DemandIx> {
        let &(row, column) = self.place_of.get(&from)?;
        match direction {
            Direction::Up => (0..row).rev().find_map(|r| self.demand_at(r, column)),
            Direction::Down => (row + 1..self.rows.len()).find_map(|r| self.demand_at(r, column)),
            Direction::Left | Direction::Right => {
                let issue = self.rows[row].issue();
                let targets: Vec<usize> = if direction == Direction::Left {
                    (0..column).rev().collect()
                } else {
                    (column + 1..self.columns.len()).collect()
                };
                // The same row in the next column; else the nearest demand of that column
                // on the same issue; else the column after it.
                let same_issue = |r: &usize| self.rows[*r].issue() == issue;
                targets.into_iter().find_map(|c| {
                    self.demand_at(row, c).or_else(|| {
                        (0..row)
                            .rev()
                            .take_while(same_issue)
                            .find_map(|r| self.demand_at(r, c))
                            .or_else(|| {
                                (row + 1..self.rows.len())
                                    .take_while(same_issue)
                                    .find_map(|r| self.demand_at(r, c))
                            })
                    })
                })
            }
        }
    }

    /// Brings card and row heights up to date with the data, the marks and the widths.
    fn update_heights(&mut self, ui: &Ui, cmp: &Comparison, geometry: &Geometry) {
        let key = (cmp.layout_revision(), ui.visuals().dark_mode, self.columns.clone());
        let mut all_rows = self.heights_generation != self.rows_generation;
        if self.measure_key.as_ref() != Some(&key) {
            self.card_heights = (0..cmp.side_count())
                .map(|s| vec![f32::NAN; cmp.side(s).demands.len()])
                .collect();
            self.measured_widths = vec![f32::NAN; cmp.side_count()];
            self.measure_key = Some(key);
            all_rows = true;
        }
        for (c, &side) in self.columns.iter().enumerate() {
            if self.measured_widths[side] != geometry.widths[c] {
                self.measured_widths[side] = geometry.widths[c];
                self.card_heights[side].fill(f32::NAN);
                all_rows = true;
            }
        }
        if self.measured_revision != cmp.revision() {
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
                        if !all_rows && let Some(&(row, _)) = self.place_of.get(&ix) {
                            self.row_heights[row] = self.row_height(ui, cmp, &self.rows[row], geometry);
                            self.stale_from(row);
                        }
                    }
                }
                None => {
                    for heights in &mut self.card_heights {
                        heights.fill(f32::NAN);
                    }
                    all_rows = true;
                }
            }
        }
        self.measured_revision = cmp.revision();
        if all_rows {
            self.row_heights = self
                .rows
                .iter()
                .map(|row| self.row_height(ui, cmp, row, geometry))
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
    fn card_height(&self, ui: &Ui, cmp: &Comparison, ix: DemandIx, width: f32) -> f32 {
        let known = self
            .card_heights
            .get(ix.side as usize)
            .and_then(|s| s.get(ix.demand as usize))
            .copied();
        match known {
            Some(h) if !h.is_nan() => h,
            _ => card::estimate_height(ui, cmp, ix, width),
        }
    }

    fn row_height(&self, ui: &Ui, cmp: &Comparison, row: &Row, geometry: &Geometry) -> f32 {
        match row {
            Row::Issue(_) => theme::ISSUE_ROW_HEIGHT,
            Row::Slots { slots, .. } => slots
                .iter()
                .enumerate()
                .map(|(c, slot)| match slot {
                    Slot::Demand(ix) => self.card_height(ui, cmp, *ix, geometry.widths[c]),
                    Slot::Blank => 0.0,
                    Slot::NoPosition | Slot::Hidden => theme::PLACEHOLDER_HEIGHT,
                })
                .fold(0.0, f32::max),
        }
    }

    /// Measures the cards of rows `range` not measured yet; returns whether a row's height changed.
    fn measure_rows(&mut self, ui: &Ui, cmp: &Comparison, range: std::ops::Range<usize>, geometry: &Geometry) -> bool {
        let mut changed = false;
        for i in range {
            let Row::Slots { slots, .. } = &self.rows[i] else {
                continue;
            };
            let mut measured_any = false;
            for (c, slot) in slots.iter().enumerate() {
                if let Slot::Demand(ix) = slot {
                    let cell = &mut self.card_heights[ix.side as usize][ix.demand as usize];
                    if cell.is_nan() {
                        *cell = card::layout(ui, cmp, *ix, geometry.widths[c]).height;
                        measured_any = true;
                    }
                }
            }
            if measured_any {
                let h = self.row_height(ui, cmp, &self.rows[i], geometry);
                if h != self.row_heights[i] {
                    self.row_heights[i] = h;
                    self.stale_from(i);
                    changed = true;
                }
            }
        }
        changed
    }

    /// Rows that overlap `top..bottom` (row coordinates, below the headers).
    fn rows_in(&self, top: f32, bottom: f32) -> std::ops::Range<usize> {
        let first = self.offsets.partition_point(|&y| y <= top).saturating_sub(1);
        let last = self.offsets.partition_point(|&y| y < bottom).min(self.rows.len());
        first..last.max(first)
    }

    /// The scroll area moved so that a demand or an issue asked for is in view
    /// (below the pinned band), once.
    fn scrolled_to_reveal(
        &mut self,
        mut scroll: egui::ScrollArea,
        geometry: &Geometry,
        header_height: f32,
        pinned: f32,
    ) -> egui::ScrollArea {
        let view = self.last_viewport.unwrap_or(Rect::ZERO);
        if let Some(ix) = self.reveal.take()
            && let Some(&(row, column)) = self.place_of.get(&ix)
        {
            // Rows sit below the headers; the pinned band covers the top of the viewport.
            let (top, bottom) = (self.offsets[row], self.offsets[row + 1]);
            let visible_top = view.top() + pinned - header_height;
            let visible_bottom = view.bottom() - header_height;
            // Columns not shown yet have no viewport: the card goes to the top.
            if top < visible_top || self.last_viewport.is_none() {
                scroll = scroll.vertical_scroll_offset((top - (pinned - header_height)).max(0.0));
            } else if bottom > visible_bottom {
                scroll = scroll.vertical_scroll_offset((bottom + header_height - view.height()).max(0.0));
            }
            let (left, right) = (geometry.xs[column], geometry.xs[column] + geometry.widths[column]);
            if left < view.left() {
                scroll = scroll.horizontal_scroll_offset(left);
            } else if right > view.right() {
                scroll = scroll.horizontal_scroll_offset((right - view.width() + theme::GUTTER).max(0.0));
            }
        }
        if let Some(issue) = self.reveal_issue.take()
            && let Some(row) = self.rows.iter().position(|r| *r == Row::Issue(issue))
        {
            scroll = scroll.vertical_scroll_offset(self.offsets[row]);
        }
        scroll
    }

    /// Draws the columns; what the user clicks comes back as actions.
    pub fn show(&mut self, ui: &mut Ui, cmp: &Comparison, selection: &[DemandIx], actions: &mut Vec<Action>) {
        let scroll_bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin + 4.0;
        let geometry = Geometry::new(cmp, &self.columns, ui.available_width() - scroll_bar);
        let header_height = header::height(ui, cmp, &self.columns, &geometry);
        let pinned = header_height + theme::ISSUE_ROW_HEIGHT;
        self.pinned_height = pinned;
        self.update_heights(ui, cmp, &geometry);
        self.update_offsets();
        // Measures what is about to be shown, so it is drawn at its real height.
        if let Some(view) = self.last_viewport {
            let range = self.rows_in(view.top() - header_height, view.bottom() - header_height);
            if self.measure_rows(ui, cmp, range, &geometry) {
                self.update_offsets();
            }
        }

        let scroll = egui::ScrollArea::both().auto_shrink(false).id_salt("columns");
        let mut scroll = self.scrolled_to_reveal(scroll, &geometry, header_height, pinned);
        let total_height = header_height + self.offsets.last().copied().unwrap_or(0.0);
        self.total_height = total_height;
        if let Some(y) = self.scroll_to.take() {
            scroll = scroll.vertical_scroll_offset(y).horizontal_scroll_offset(0.0);
        }
        let output = scroll.show_viewport(ui, |ui, viewport| {
            ui.set_min_size(Vec2::new(geometry.total_width, total_height));
            let on_screen = RowsOnScreen {
                cmp,
                rows: &self.rows,
                offsets: &self.offsets,
                columns: &self.columns,
                geometry: &geometry,
                origin: ui.min_rect().min,
                viewport,
                header_height,
            };
            let visible = on_screen.draw_rows(ui, selection, actions);
            links::draw(ui, cmp, &visible);
            on_screen.pinned_band(ui, &self.heading_of, pinned, actions);
        });
        let previous = self.last_viewport;
        self.last_viewport = Some(Rect::from_min_size(
            output.state.clamped_offset().to_pos2(),
            output.inner_rect.size(),
        ));
        if previous != self.last_viewport {
            // Rows that scrolled into view were drawn at estimated heights: measure them next frame.
            ui.ctx().request_repaint();
        }
    }
}
