//! The columns' rows as they are on screen in one frame: the rows in the
//! viewport drawn (issue headings and cards, each side in its column), and the
//! band pinned at the top while scrolling (the current issue and the columns'
//! headers).

use std::collections::HashMap;

use egui::{Pos2, Rect, Ui, Vec2};

use super::columns::Geometry;
use super::{card, header, theme};
use crate::gui::action::Action;
use crate::model::alignment::{Row, Slot};
use crate::model::{Comparison, DemandIx, SideIx};

/// What one frame of the columns shows, in content coordinates.
pub(super) struct RowsOnScreen<'a> {
    pub cmp: &'a Comparison,
    pub rows: &'a [Row],
    /// Each row's top below the headers, and the end of the last.
    pub offsets: &'a [f32],
    pub columns: &'a [SideIx],
    pub geometry: &'a Geometry,
    /// The top left of the scrolled content.
    pub origin: Pos2,
    /// The part of the content in view.
    pub viewport: Rect,
    pub header_height: f32,
}

impl RowsOnScreen<'_> {
    /// Draws the rows in view; where each card shown is, and in which column.
    pub fn draw_rows(
        &self,
        ui: &mut Ui,
        selection: &[DemandIx],
        actions: &mut Vec<Action>,
    ) -> HashMap<DemandIx, (Rect, usize)> {
        let Self {
            cmp,
            rows,
            offsets,
            geometry,
            origin,
            viewport,
            header_height,
            ..
        } = *self;
        let body_top = origin.y + header_height;
        let first = offsets
            .partition_point(|&y| y <= viewport.min.y - header_height)
            .saturating_sub(1);
        let mut visible: HashMap<DemandIx, (Rect, usize)> = HashMap::new();
        for (i, row) in rows.iter().enumerate().skip(first) {
            if offsets[i] > viewport.max.y - header_height {
                break;
            }
            let top = body_top + offsets[i];
            let height = offsets[i + 1] - offsets[i] - theme::ROW_GAP;
            match row {
                Row::Issue(issue) => {
                    let rect = Rect::from_min_size(Pos2::new(origin.x, top), Vec2::new(geometry.total_width, height));
                    header::issue_heading(ui, cmp, *issue, rect, false);
                }
                Row::Slots { slots, issue } => {
                    for (c, slot) in slots.iter().enumerate() {
                        let rect = Rect::from_min_size(
                            Pos2::new(origin.x + geometry.xs[c], top),
                            Vec2::new(geometry.widths[c], height),
                        );
                        if let Slot::Demand(ix) = slot {
                            let layout = card::layout(ui, cmp, *ix, geometry.widths[c]);
                            let rect = Rect::from_min_size(rect.min, Vec2::new(rect.width(), layout.height));
                            card::draw(ui, cmp, *ix, &layout, rect, selection.contains(ix), actions);
                            visible.insert(*ix, (rect, c));
                        } else {
                            let side = self.columns[c];
                            card::placeholder(ui, cmp, *slot, rect, (side, *issue), actions);
                        }
                    }
                }
            }
        }
        visible
    }

    /// The current issue and the column headers, kept at the top while scrolling.
    pub fn pinned_band(&self, ui: &mut Ui, heading_of: &[usize], pinned: f32, actions: &mut Vec<Action>) {
        let Self {
            cmp,
            rows,
            offsets,
            columns,
            geometry,
            origin,
            viewport,
            header_height,
        } = *self;
        let band_top = origin.y + viewport.min.y;
        let current = offsets
            .partition_point(|&y| y <= viewport.min.y + pinned - header_height)
            .checked_sub(1)
            .filter(|&i| i < rows.len());
        if let Some(current) = current
            && let Some(&heading_row) = heading_of.get(current)
            && offsets[heading_row] < viewport.min.y
        {
            let row = &rows[current];
            let rect = Rect::from_min_size(
                Pos2::new(origin.x + viewport.min.x, band_top + header_height),
                Vec2::new(viewport.width(), theme::ISSUE_ROW_HEIGHT),
            );
            let heading = Rect::from_min_size(
                Pos2::new(origin.x, rect.top()),
                Vec2::new(geometry.total_width.max(viewport.max.x), rect.height()),
            );
            ui.painter().rect_filled(rect, 0.0, ui.visuals().panel_fill);
            header::issue_heading(ui, cmp, row.issue(), heading, true);
        }
        let band = Rect::from_min_size(
            Pos2::new(origin.x + viewport.min.x, band_top),
            Vec2::new(viewport.width(), header_height),
        );
        header::column_headers(ui, cmp, columns, geometry, band, origin.x, actions);
    }
}
