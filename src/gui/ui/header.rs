//! What sits above and between the rows: the title strip (negotiation, round, date,
//! hidden columns), the column headers (name, menu, resize handle) and issue headings.

use egui::text::LayoutJob;
use egui::{CursorIcon, FontId, Pos2, Rect, RichText, Sense, Ui, Vec2, WidgetInfo};

use super::columns::Geometry;
use super::theme;
use crate::gui::action::{Action, ColumnRef};
use crate::gui::command::Command;
use crate::model::position::human_date;
use crate::model::{Comparison, SideIx};

const NAME_SIZE: f32 = 18.0;
const PADDING: f32 = 6.0;

/// The negotiation, its rounds and dates, and which columns are hidden.
pub fn title_strip(ui: &mut Ui, cmp: &Comparison, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let mut negotiations: Vec<(String, Vec<String>)> = Vec::new();
        for document in cmp.documents() {
            let data = &document.data;
            let name = data.negotiation.clone().unwrap_or_else(|| document.id.clone());
            let mut round: Vec<String> = data.round.iter().cloned().collect();
            round.extend(data.date.as_deref().map(human_date));
            let round = round.join(", ");
            match negotiations.iter_mut().find(|(n, _)| *n == name) {
                Some((_, rounds)) => rounds.push(round),
                None => negotiations.push((name, vec![round])),
            }
        }
        for (i, (name, rounds)) in negotiations.iter().enumerate() {
            if i > 0 {
                ui.label(RichText::new("|").weak());
            }
            ui.label(RichText::new(name).strong().size(16.0));
            let rounds: Vec<&str> = rounds.iter().map(String::as_str).filter(|r| !r.is_empty()).collect();
            if !rounds.is_empty() {
                ui.label(RichText::new(rounds.join("  ·  ")).size(14.0).weak());
            }
        }
        let hidden: Vec<String> = (0..cmp.side_count())
            .filter(|&s| !cmp.is_visible(s))
            .map(|s| cmp.side_label(s))
            .collect();
        if !hidden.is_empty() {
            ui.add_space(12.0);
            let text = if hidden.len() == 1 {
                format!("Hidden column: {}", hidden[0])
            } else {
                format!("{} hidden columns: {}", hidden.len(), hidden.join(", "))
            };
            ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
            if ui.small_button(Command::ShowAllColumns.label()).clicked() {
                actions.push(Action::Run(Command::ShowAllColumns));
            }
        }
    });
}

fn name_job(ui: &Ui, name: &str, width: f32) -> LayoutJob {
    let mut job = LayoutJob::simple(
        super::text::mirrored(name).into_owned(),
        FontId::proportional(NAME_SIZE),
        ui.visuals().strong_text_color(),
        width,
    );
    // A long name wraps to two lines and is then cut, with the full name on hover.
    job.wrap.max_rows = 2;
    job
}

/// Room for the headers: two lines of name where any name needs them, and one of details.
pub fn height(ui: &Ui, cmp: &Comparison, columns: &[SideIx], geometry: &Geometry) -> f32 {
    let name_rows = columns
        .iter()
        .enumerate()
        .map(|(c, &s)| {
            let galley = ui
                .painter()
                .layout_job(name_job(ui, &cmp.side_label(s), name_width(geometry.widths[c])));
            galley.rows.len().max(1)
        })
        .max()
        .unwrap_or(1);
    let name_row = ui.fonts_mut(|f| f.row_height(&FontId::proportional(NAME_SIZE)));
    let meta_row = ui.fonts_mut(|f| f.row_height(&FontId::proportional(theme::META_SIZE)));
    2.0 * PADDING + name_row * name_rows as f32 + 2.0 + meta_row + 6.0
}

/// The menu button takes the right of the header.
fn name_width(column_width: f32) -> f32 {
    (column_width - 34.0).max(40.0)
}

/// The headers of the shown columns, pinned at `band` (the top of the viewport).
pub fn column_headers(
    ui: &mut Ui,
    cmp: &Comparison,
    columns: &[SideIx],
    geometry: &Geometry,
    band: Rect,
    origin_x: f32,
    actions: &mut Vec<Action>,
) {
    let visuals = ui.visuals().clone();
    ui.painter().rect_filled(band, 0.0, visuals.panel_fill);
    ui.painter().line_segment(
        [band.left_bottom(), band.right_bottom()],
        visuals.widgets.noninteractive.bg_stroke,
    );
    // Cards scrolled under the headers must not react to the pointer.
    let _ = ui.interact(band, ui.scope_id().with("header_band"), Sense::click());
    for (c, &side_ix) in columns.iter().enumerate() {
        let rect = Rect::from_min_size(
            Pos2::new(origin_x + geometry.xs[c], band.top()),
            Vec2::new(geometry.widths[c], band.height()),
        );
        let side = cmp.side(side_ix);
        let (document, side_id) = cmp.side_key(side_ix);
        let column = ColumnRef {
            document: document.to_owned(),
            side: side_id.to_owned(),
        };
        let label = cmp.side_label(side_ix);
        let name = super::text::bidi(
            ui.ctx(),
            ui.painter().layout_job(name_job(ui, &label, name_width(rect.width()))),
        );
        let name_pos = rect.min + Vec2::new(0.0, PADDING);
        let name_rect = Rect::from_min_size(name_pos, name.size());
        let elided = name.elided;
        ui.painter().galley(name_pos, name.clone(), visuals.strong_text_color());
        let response = ui.interact(name_rect, ui.scope_id().with(("column_name", c)), Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &label));
        if elided {
            response.on_hover_text(&label);
        }
        let mut details = crate::format::diagnostics::count(side.demands.len(), "demand", "demands");
        if let Some(by) = &side.represented_by {
            details.push_str(" · ");
            details.push_str(by);
        }
        let meta_pos = Pos2::new(rect.left(), name_rect.bottom() + 2.0);
        let meta_galley = ui.painter().layout_job({
            let mut job = LayoutJob::simple_singleline(
                details,
                FontId::proportional(theme::META_SIZE),
                visuals.weak_text_color(),
            );
            job.wrap.max_width = rect.width();
            job.wrap.max_rows = 1;
            job
        });
        ui.painter().galley(meta_pos, meta_galley, visuals.weak_text_color());

        column_menu(ui, cmp, rect, c, columns.len(), &column, &label, actions);
        resize_handle(ui, rect, band, c, &column, actions);
    }
}

#[expect(clippy::too_many_arguments, reason = "one header's pieces, passed once")]
fn column_menu(
    ui: &mut Ui,
    cmp: &Comparison,
    rect: Rect,
    c: usize,
    shown: usize,
    column: &ColumnRef,
    label: &str,
    actions: &mut Vec<Action>,
) {
    let button_rect = Rect::from_min_size(
        Pos2::new(rect.right() - 28.0, rect.top() + PADDING),
        Vec2::new(26.0, 22.0),
    );
    let response = ui.put(button_rect, egui::Button::new("…").frame(false));
    let name = format!("Column options for {label}");
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &name));
    let response = response.on_hover_text("Move, hide or resize this column");
    egui::Popup::menu(&response).show(|ui| {
        if ui.add_enabled(c > 0, egui::Button::new("Move left")).clicked() {
            actions.push(Action::MoveColumn {
                column: column.clone(),
                by: -1,
            });
        }
        if ui.add_enabled(c + 1 < shown, egui::Button::new("Move right")).clicked() {
            actions.push(Action::MoveColumn {
                column: column.clone(),
                by: 1,
            });
        }
        if ui.button("Fit to the window").clicked() {
            actions.push(Action::ResizeColumn {
                column: column.clone(),
                width: None,
            });
        }
        ui.separator();
        if ui
            .add_enabled(cmp.visible_sides().len() > 1, egui::Button::new("Hide column"))
            .clicked()
        {
            actions.push(Action::SetColumnHidden {
                column: column.clone(),
                hidden: true,
            });
        }
    });
}

fn resize_handle(ui: &mut Ui, rect: Rect, band: Rect, c: usize, column: &ColumnRef, actions: &mut Vec<Action>) {
    let handle = Rect::from_min_max(
        Pos2::new(rect.right() + 2.0, band.top() + 4.0),
        Pos2::new(rect.right() + 10.0, band.bottom() - 4.0),
    );
    let response = ui.interact(
        handle,
        ui.scope_id().with(("column_resize", c)),
        Sense::click_and_drag(),
    );
    let visuals = ui.visuals();
    let color = if response.hovered() || response.dragged() {
        visuals.widgets.hovered.fg_stroke.color
    } else {
        visuals.widgets.noninteractive.bg_stroke.color
    };
    let x = handle.center().x;
    ui.painter().line_segment(
        [Pos2::new(x, handle.top() + 6.0), Pos2::new(x, handle.bottom() - 6.0)],
        (2.0, color),
    );
    if response.hovered() || response.dragged() {
        ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
    }
    let response = response.on_hover_text("Drag to resize; double-click to fit the window again");
    if response.double_clicked() {
        actions.push(Action::ResizeColumn {
            column: column.clone(),
            width: None,
        });
    } else if response.dragged() {
        let width = (rect.width() + response.drag_delta().x).round();
        actions.push(Action::ResizeColumn {
            column: column.clone(),
            width: Some(width),
        });
    }
}

/// An issue's name (and description, shortened) across all columns, over a rule.
pub fn issue_heading(ui: &Ui, cmp: &Comparison, issue: usize, rect: Rect, pinned: bool) {
    let issue = &cmp.issues()[issue];
    let painter = ui.painter();
    let visuals = ui.visuals();
    let y = rect.bottom() - 6.0;
    painter.line_segment(
        [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)],
        visuals.widgets.noninteractive.bg_stroke,
    );
    let name = super::text::bidi(
        ui.ctx(),
        painter.layout_no_wrap(
            super::text::mirrored(&issue.name).into_owned(),
            FontId::proportional(16.0),
            visuals.strong_text_color(),
        ),
    );
    let name_width = name.size().x;
    // A heading follows the viewport sideways, so it stays readable when the
    // columns are scrolled to the right (five sides on a projector).
    // (A little in from the clip's edge: the panel's margin would nick the first letter.)
    let clip = ui.clip_rect().left();
    let left = if clip > rect.left() { clip + 6.0 } else { rect.left() };
    painter.galley(
        Pos2::new(left, y - 4.0 - name.size().y),
        name,
        visuals.strong_text_color(),
    );
    if let Some(description) = &issue.description {
        let max = (rect.right() - left - name_width - 16.0).max(0.0);
        let mut job = LayoutJob::simple_singleline(
            description.clone(),
            FontId::proportional(theme::META_SIZE),
            visuals.weak_text_color(),
        );
        job.wrap.max_width = max;
        job.wrap.max_rows = 1;
        let galley = super::text::bidi(ui.ctx(), painter.layout_job(job));
        painter.galley(
            Pos2::new(left + name_width + 12.0, y - 5.0 - galley.size().y),
            galley,
            visuals.weak_text_color(),
        );
    }
    if pinned {
        // A pinned heading casts a line under it, so rows visibly scroll beneath it.
        let y = rect.bottom() - 1.0;
        painter.line_segment(
            [Pos2::new(left, y), Pos2::new(ui.clip_rect().right(), y)],
            visuals.widgets.noninteractive.fg_stroke,
        );
    }
}
