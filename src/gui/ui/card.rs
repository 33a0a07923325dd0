//! One demand card: its layout (shared by measuring and drawing, so both agree),
//! how it is drawn, its tooltip, and the placeholders of empty slots.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align2, Color32, FontId, Galley, Rect, Sense, Stroke, Ui, Vec2, WidgetInfo};

use super::theme;
use crate::gui::action::Action;
use crate::model::alignment::Slot;
use crate::model::{Comparison, DemandIx, Priority};

/// Galleys of one demand card.
pub struct CardLayout {
    pub text: Arc<Galley>,
    pub meta: Option<Arc<Galley>>,
    pub height: f32,
}

fn inner_width(column_width: f32) -> f32 {
    (column_width - 2.0 * theme::CARD_PADDING - theme::STRIPE).max(40.0)
}

pub fn layout(ui: &Ui, cmp: &Comparison, ix: DemandIx, column_width: f32) -> CardLayout {
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
        super::text::mirrored(&demand.text).into_owned(),
        FontId::proportional(theme::BODY_SIZE),
        text_color,
        wrap,
    );
    job.wrap.max_width = wrap;
    let text = super::text::bidi(ui.ctx(), ui.painter().layout_job(job));

    let mut meta = LayoutJob::default();
    meta.wrap.max_width = wrap;
    let font = FontId::proportional(theme::META_SIZE);
    let plain = TextFormat::simple(font.clone(), visuals.weak_text_color());
    let gap = |meta: &mut LayoutJob, sep: &str| {
        if !meta.text.is_empty() {
            meta.append(sep, 0.0, plain.clone());
        }
    };
    let pill = |meta: &mut LayoutJob, text: &str, bg: Color32| {
        gap(meta, "  ");
        let format = TextFormat {
            font_id: font.clone(),
            color: theme::text_on(bg),
            background: bg,
            ..Default::default()
        };
        // No-break spaces: a pill never wraps inside, nor leaves its padding at a line's end.
        let text = text.replace(' ', "\u{a0}");
        meta.append(&format!("\u{a0}{text}\u{a0}"), 0.0, format);
    };
    match demand.priority {
        Some(Priority::Core) => pill(&mut meta, "RED LINE", theme::red_line(visuals)),
        Some(p) => {
            gap(&mut meta, "  ");
            meta.append(&format!("{} priority", p.label()), 0.0, plain.clone());
        }
        None => {}
    }
    if let Some(value) = &demand.value {
        gap(&mut meta, "  ·  ");
        meta.append(&value.to_string(), 0.0, plain.clone());
    }
    for id in cmp.marks_on(ix) {
        let Some(mark) = cmp.mark(id) else { continue };
        let Some(status) = cmp.codebook().get(&mark.status) else {
            continue;
        };
        let label = if mark.note.is_empty() {
            status.label.clone()
        } else {
            format!("{} + note", status.label)
        };
        pill(&mut meta, &label, theme::status_color(status));
        // Where the mark's other demands cannot be seen, say on which side they are.
        let elsewhere = hidden_partners(cmp, ix, id);
        if !elsewhere.is_empty() {
            meta.append(&format!(" with {}", elsewhere.join(", ")), 0.0, plain.clone());
        }
    }
    let meta = (!meta.text.is_empty()).then(|| super::text::bidi(ui.ctx(), ui.painter().layout_job(meta)));
    let height = 2.0 * theme::CARD_PADDING + text.size().y + meta.as_ref().map_or(0.0, |m| 5.0 + m.size().y);
    CardLayout { text, meta, height }
}

/// The sides of a mark's other demands that sit in hidden columns, or that no document holds.
fn hidden_partners(cmp: &Comparison, ix: DemandIx, mark: &str) -> Vec<String> {
    let Some(mark) = cmp.mark(mark) else {
        return Vec::new();
    };
    let mut sides: Vec<String> = Vec::new();
    for r in &mark.demands {
        let label = match cmp.resolve(r) {
            Some(other) if other == ix || other.side == ix.side => continue,
            Some(other) if cmp.is_visible(other.side as usize) => continue,
            Some(other) => format!("{} (hidden column)", cmp.side_label(other.side as usize)),
            None => format!("{} (not open)", r.side()),
        };
        if !sides.contains(&label) {
            sides.push(label);
        }
    }
    sides
}

/// A card's height from its length alone, without laying out its text: close
/// enough to size the scroll bar for cards that have never been on screen.
pub fn estimate_height(ui: &Ui, cmp: &Comparison, ix: DemandIx, column_width: f32) -> f32 {
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

pub fn draw(
    ui: &mut Ui,
    cmp: &Comparison,
    ix: DemandIx,
    card: &CardLayout,
    rect: Rect,
    selected: bool,
    actions: &mut Vec<Action>,
) {
    let demand = cmp.demand(ix);
    let response = ui.interact(rect, ui.scope_id().with(("demand", ix.side, ix.demand)), Sense::click());
    let label = format!("{}: {}", cmp.side_label(ix.side as usize), demand.text);
    let conflict = cmp.conflict_on(ix);
    let meta = Some(spoken_value(cmp, ix, card));
    response.widget_info(|| {
        let mut info = WidgetInfo::selected(egui::Role::Button, true, selected, &label);
        info.current_text_value.clone_from(&meta);
        info
    });
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
    let stroke = match conflict {
        Some(_) if !selected => Stroke::new(2.0, super::conflicts::warning_color(ui)),
        _ => stroke,
    };
    painter.rect(rect, 6.0, fill, stroke, egui::StrokeKind::Inside);
    if conflict.is_some() {
        painter.text(
            // Bottom right: the text wraps to the card's width at the top, the
            // pills below it rarely reach the right edge.
            rect.right_bottom() + Vec2::new(-6.0, -3.0),
            egui::Align2::RIGHT_BOTTOM,
            "⚠",
            egui::FontId::proportional(14.0),
            super::conflicts::warning_color(ui),
        );
    }
    let newest = cmp.marks_on(ix).last().and_then(|id| cmp.mark(id));
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
    response.on_hover_ui(|ui| tooltip(ui, cmp, ix));
}

/// For assistive technology, the card's value: what a sighted user reads
/// around the text (the issue, its heading; the pills: priority, value, marks)
/// and what the tooltip shows (the marks' notes, a conflict).
fn spoken_value(cmp: &Comparison, ix: DemandIx, card: &CardLayout) -> String {
    let demand = cmp.demand(ix);
    let issue = cmp
        .issue_index(&demand.issue)
        .map_or(demand.issue.as_str(), |i| cmp.issues()[i].name.as_str());
    let mut value = format!("Issue: {issue}");
    if let Some(meta) = &card.meta {
        value.push_str(". ");
        value.push_str(meta.text());
    }
    for mark in cmp.marks_on(ix).iter().filter_map(|id| cmp.mark(id)) {
        if !mark.note.is_empty() {
            value.push_str(". Note: ");
            value.push_str(&mark.note);
        }
    }
    if cmp.conflict_on(ix).is_some() {
        value.push_str(". Merge conflict to settle (View › Conflicts)");
    }
    value
}

/// How much of a mark's note the tooltip shows.
const NOTE_PREVIEW_CHARS: usize = 240;

fn tooltip(ui: &mut Ui, cmp: &Comparison, ix: DemandIx) {
    let demand = cmp.demand(ix);
    ui.set_max_width(440.0);
    for id in cmp.marks_on(ix) {
        let Some(mark) = cmp.mark(id) else { continue };
        let status = cmp.codebook().get(&mark.status);
        let label = status.map_or(mark.status.as_str(), |s| s.label.as_str());
        let color = status.map_or(ui.visuals().text_color(), theme::status_color);
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(label).strong().color(color));
            if mark.note.is_empty() {
                ui.label(egui::RichText::new("no note").weak());
            } else {
                super::text::label(ui, &shorten(&mark.note, NOTE_PREVIEW_CHARS), None);
            }
            if !mark.coder.is_empty() {
                ui.label(egui::RichText::new(format!("— {}", mark.coder)).weak());
            }
        });
    }
    if !cmp.marks_on(ix).is_empty() {
        ui.separator();
    }
    if let Some(quote) = &demand.quote {
        super::text::label(ui, &format!("“{quote}”"), None);
    }
    if let Some(title) = cmp.source_title(ix) {
        let weak = ui.visuals().weak_text_color();
        super::text::label(ui, &format!("Source: {title}"), Some(weak));
    }
    if let Some(note) = &demand.note {
        super::text::label(ui, &format!("File note: {note}"), None);
    }
    ui.label(
        egui::RichText::new("Click to select; Ctrl+click to add to the selection.")
            .weak()
            .small(),
    );
}

/// The first `max` characters of `text` on one line, with an ellipsis if cut.
pub fn shorten(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The slot of a side with no demand (shown) on an issue. Where the side has
/// none at all and positions may be edited, a click adds one there.
pub fn placeholder(
    ui: &Ui,
    cmp: &Comparison,
    slot: Slot,
    rect: Rect,
    (side, issue): (crate::model::SideIx, usize),
    actions: &mut Vec<Action>,
) {
    let text = match slot {
        Slot::NoPosition => "No stated position",
        Slot::Hidden => "Hidden by the filter",
        Slot::Blank | Slot::Demand(_) => return,
    };
    // A hand-out's positions are the class's: no student adds to them.
    let addable = slot == Slot::NoPosition && cmp.handout().is_none();
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
        if addable { Sense::click() } else { Sense::hover() },
    );
    if addable {
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, text));
        let side_name = &cmp.side(side).name;
        let issue_name = cmp.issues().get(issue).map_or("", |i| i.name.as_str());
        let response = response
            .on_hover_text(format!("Click to add a demand of {side_name} on {issue_name}"))
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        if response.clicked() {
            actions.push(Action::AddDemandOn { side, issue });
        }
    } else {
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, text));
    }
}
