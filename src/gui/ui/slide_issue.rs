//! One issue of a presentation, fitted to the screen: each side's demands in a
//! column under the sides' names, in the largest type that lets the step fit;
//! where even the smallest readable type does not, the step continues on pages
//! that Page Down (a clicker) reaches. Nothing waits below the screen's edge.

use std::hash::Hash;
use std::ops::Range;

use egui::{Align, Color32, CornerRadius, Frame, Layout, Margin, Rect, RichText, Stroke, Ui, UiBuilder, vec2};

use super::class_slides::ClassSlides;
use super::presentation::{DEMAND_SIZE, DETAIL_SIZE, ISSUE_SIZE, SIDE_SIZE, Shown, pill};
use super::slide_pages::paginate;
use super::theme;
use crate::model::{Comparison, DemandIx, Priority};

/// The type's scales tried, largest first. Below the last, a room's back row no
/// longer reads it: the step goes on over pages instead.
const SCALES: [f32; 3] = [1.0, 0.9, 0.8];
/// Smaller type, only for a card taller than a page at every readable scale:
/// small words rather than a cut card.
const LAST_RESORT: [f32; 3] = [0.7, 0.6, 0.5];
/// The lines of a demand's text on a class's steps, after the step that showed it whole.
const RECALLED_LINES: usize = 4;
/// Space between two blocks of a column.
const GAP: f32 = 10.0;
/// Room kept under the columns, on a step of several pages, for "continued" and
/// for the line that heads a column going on from the page before.
const CONTINUED_ROOM: f32 = 52.0;

/// What a column shows, one block after another.
#[derive(Clone, Copy, Debug)]
enum Block {
    Card(DemandIx),
    /// A student's note on a demand (a class's result with names shown), `n`th of its notes.
    Note {
        ix: DemandIx,
        n: usize,
    },
    /// A side with no demand on the issue.
    Nothing,
}

/// The type's scale and what each page shows.
struct Plan {
    scale: f32,
    pages: Vec<Vec<Range<usize>>>,
}

/// Draws page `page` of the issue's step (the last page if there are fewer) and
/// returns how many pages the step takes at this size.
pub(super) fn issue_step(
    ui: &mut Ui,
    cmp: &Comparison,
    issue: usize,
    mut shown: Shown,
    page: usize,
    fresh: bool,
) -> usize {
    issue_heading(ui, &cmp.issues()[issue]);
    ui.add_space(12.0);
    let sides = cmp.visible_sides();
    let columns: Vec<Vec<Block>> = sides.iter().map(|&side| blocks(cmp, side, issue, shown)).collect();
    let count = sides.len().max(1);
    let spacing = ui.spacing().item_spacing.x;
    let column_width = (ui.available_width() - spacing * (count as f32 - 1.0)) / count as f32;
    // A class's tallies are not the comparison's marks: their notes are blocks
    // of their own, and their counts are measured whole.
    let counts = shown.class.filter(|_| shown.marks);
    let words = fit_words(
        cmp,
        ui,
        &sides,
        issue,
        column_width,
        shown.marks && shown.class.is_none(),
        counts,
    );
    let plan = plan(ui, cmp, &sides, &columns, shown, column_width, words);
    let pages = plan.pages.len();
    let page = page.min(pages - 1);
    shown.scale = plan.scale;

    names_row(ui, cmp, &sides, plan.scale);
    ui.add_space(6.0);
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]);
    if fresh {
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    scroll.show(ui, |ui| {
        ui.columns(count, |uis| {
            for ((column, blocks), range) in uis.iter_mut().zip(&columns).zip(&plan.pages[page]) {
                // Ragged right: the columns' justified layout would stretch the words apart.
                column.with_layout(Layout::top_down(Align::Min), |column| {
                    if range.start > 0 && !range.is_empty() {
                        column.label(
                            RichText::new("… continued")
                                .size(DETAIL_SIZE * plan.scale)
                                .italics()
                                .weak(),
                        );
                    }
                    for block in &blocks[range.clone()] {
                        draw_block(column, cmp, *block, shown);
                        column.add_space(GAP);
                    }
                });
            }
        });
        if page + 1 < pages {
            continued_note(ui, page, pages);
        }
    });
    pages
}

/// The issue's name, and what it is about.
fn issue_heading(ui: &mut Ui, data: &crate::model::Issue) {
    ui.add_space(8.0);
    ui.label(super::text::widget_text(
        ui,
        RichText::new(&data.name).size(ISSUE_SIZE).strong(),
        egui::TextStyle::Heading,
    ));
    if let Some(description) = &data.description {
        ui.label(super::text::widget_text(
            ui,
            RichText::new(description).size(DETAIL_SIZE).weak(),
            egui::TextStyle::Body,
        ));
    }
}

/// Said under a page of a step that goes on.
fn continued_note(ui: &mut Ui, page: usize, pages: usize) {
    ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
        ui.label(
            RichText::new(format!("Continued on the next step ({} of {pages}) →", page + 1))
                .size(DETAIL_SIZE)
                .strong(),
        );
    });
}

/// A side's blocks: each demand's card, followed (names shown) by the students' notes on it.
fn blocks(cmp: &Comparison, side: usize, issue: usize, shown: Shown) -> Vec<Block> {
    let mut blocks = Vec::new();
    for ix in cmp.demands_on(side, issue) {
        blocks.push(Block::Card(ix));
        if let Some(class) = shown.class.filter(|c| shown.marks && c.names) {
            let notes = class.demands.get(&ix).map_or(0, |d| d.notes.len());
            blocks.extend((0..notes).map(|n| Block::Note { ix, n }));
        }
    }
    if blocks.is_empty() {
        blocks.push(Block::Nothing);
    }
    blocks
}

/// The largest scale at which the step fits one page; when none does, the
/// fewest pages at the largest type; a smaller type than the readable ones only
/// when a card is taller than a page at all of them. Never above `words` (the
/// scale at which the longest word fits a column).
fn plan(
    ui: &mut Ui,
    cmp: &Comparison,
    sides: &[usize],
    columns: &[Vec<Block>],
    shown: Shown,
    column_width: f32,
    words: f32,
) -> Plan {
    let mut tried: Vec<(Plan, bool)> = Vec::new();
    for scale in SCALES.iter().map(|s| s.min(words)) {
        let (plan, one_page, cut) = plan_at(ui, cmp, sides, columns, shown, column_width, scale);
        if one_page {
            return plan;
        }
        tried.push((plan, cut));
    }
    let fewest = tried.iter().filter(|(_, cut)| !cut).map(|(p, _)| p.pages.len()).min();
    if let Some(fewest) = fewest {
        if let Some((plan, _)) = tried.into_iter().find(|(p, cut)| !cut && p.pages.len() == fewest) {
            return plan;
        }
    } else {
        for scale in LAST_RESORT.iter().map(|s| s.min(words)) {
            let (plan, _, cut) = plan_at(ui, cmp, sides, columns, shown, column_width, scale);
            if !cut || scale <= LAST_RESORT[LAST_RESORT.len() - 1] {
                return plan;
            }
        }
    }
    Plan {
        scale: 1.0,
        pages: vec![columns.iter().map(|b| 0..b.len()).collect()],
    }
}

/// The pages at one scale; whether they are one, and whether a block is taller
/// than a page (and would be cut).
fn plan_at(
    ui: &mut Ui,
    cmp: &Comparison,
    sides: &[usize],
    columns: &[Vec<Block>],
    shown: Shown,
    column_width: f32,
    scale: f32,
) -> (Plan, bool, bool) {
    let spacing = ui.spacing().item_spacing.y;
    let shown = Shown { scale, ..shown };
    let height = ui.available_height();
    let full_width = ui.available_width();
    let names = measure(ui, full_width, ("names", scale.to_bits()), |ui| {
        names_row(ui, cmp, sides, scale);
    });
    let body = height - names - 6.0 - 2.0 * spacing;
    // A block takes its own height and the spacing after it.
    let heights: Vec<Vec<f32>> = columns
        .iter()
        .enumerate()
        .map(|(c, blocks)| {
            blocks
                .iter()
                .enumerate()
                .map(|(b, block)| {
                    spacing
                        + measure(ui, column_width, (c, b, scale.to_bits()), |ui| {
                            draw_block(ui, cmp, *block, shown);
                        })
                })
                .collect()
        })
        .collect();
    let tallest = heights.iter().flatten().copied().fold(0.0, f32::max);
    let pages = paginate(&heights, body, GAP);
    if pages.len() == 1 && tallest <= body {
        return (Plan { scale, pages }, true, false);
    }
    let room = body - CONTINUED_ROOM;
    let pages = paginate(&heights, room, GAP);
    (Plan { scale, pages }, false, tallest > room)
}

/// The height `draw` takes in a column `width` wide, drawn where nobody sees it
/// (and no screen reader hears it).
pub(super) fn measure(ui: &mut Ui, width: f32, salt: impl Hash + std::fmt::Debug, draw: impl FnOnce(&mut Ui)) -> f32 {
    let rect = Rect::from_min_size(ui.next_widget_position(), vec2(width, 100_000.0));
    let mut child = ui.new_child(
        UiBuilder::new()
            .id_salt(("measure", salt))
            .max_rect(rect)
            .layout(Layout::top_down(Align::Min))
            .invisible(),
    );
    draw(&mut child);
    child.min_rect().height()
}

/// The sides' names in one row, so that every side's cards start at one height.
fn names_row(ui: &mut Ui, cmp: &Comparison, sides: &[usize], scale: f32) {
    ui.columns(sides.len().max(1), |columns| {
        for (column, &side) in columns.iter_mut().zip(sides) {
            column.with_layout(Layout::top_down(Align::Min), |column| {
                column.label(super::text::widget_text(
                    column,
                    RichText::new(cmp.side_label(side)).size(SIDE_SIZE * scale).strong(),
                    egui::TextStyle::Body,
                ));
            });
        }
    });
}

fn draw_block(ui: &mut Ui, cmp: &Comparison, block: Block, shown: Shown) {
    match block {
        Block::Card(ix) => demand_card(ui, cmp, ix, shown),
        Block::Note { ix, n } => {
            if let Some(class) = shown.class {
                super::class_slides::note(ui, class, ix, n, shown.scale);
            }
        }
        Block::Nothing => {
            ui.label(
                RichText::new("No stated position")
                    .size(DETAIL_SIZE * shown.scale)
                    .italics()
                    .weak(),
            );
        }
    }
}

/// The scale of the step's type at which its longest word fits a card: words are
/// never split mid-word (five sides, long words like "self-determination").
fn fit_words(
    cmp: &Comparison,
    ui: &Ui,
    sides: &[usize],
    issue: usize,
    column: f32,
    marks: bool,
    class_counts: Option<&ClassSlides>,
) -> f32 {
    // The card's margins and stroke on both sides.
    let inner = column - 2.0 * 12.0 - 2.0 * 3.0;
    let mut widest = 0.0f32;
    let mut measure = |text: &str, size: f32| {
        // A line may break after a hyphen ("self-" / "determination"): each part counts.
        for word in text.split_whitespace().flat_map(|w| w.split_inclusive('-')) {
            let width = ui
                .painter()
                .layout_no_wrap(word.to_owned(), egui::FontId::proportional(size), Color32::WHITE)
                .size()
                .x;
            widest = widest.max(width * DEMAND_SIZE / size);
        }
    };
    for &side in sides {
        measure(&cmp.side_label(side), SIDE_SIZE);
        for ix in cmp.demands_on(side, issue) {
            measure(&cmp.demand(ix).text, DEMAND_SIZE);
            if marks {
                for mark in cmp.marks_on(ix).iter().filter_map(|id| cmp.mark(id)) {
                    measure(&mark.note, DETAIL_SIZE + 1.0);
                }
            }
        }
    }
    // A class's counts are kept whole ("30 Unaddressed"), after their square,
    // and so is the key ("Key: Unaddressed") in its frame.
    if let Some(class) = class_counts {
        let whole = |words: String| {
            ui.painter()
                .layout_no_wrap(words, egui::FontId::proportional(DEMAND_SIZE), Color32::WHITE)
                .size()
                .x
        };
        for status in &class.statuses {
            widest = widest.max(whole(format!("{} {}", class.size(), status.label)) + 0.7 * DEMAND_SIZE + 6.0);
            widest = widest.max(whole(format!("Key: {}", status.label)) + 12.0);
        }
    }
    if widest <= inner || widest <= 0.0 {
        1.0
    } else {
        (inner / widest).max(0.5)
    }
}

fn demand_card(ui: &mut Ui, cmp: &Comparison, ix: DemandIx, shown: Shown) {
    let visuals = ui.visuals().clone();
    // The card takes the colour of its mark's status; a class's, of the key's once shown.
    let color = match shown.class {
        Some(class) => shown
            .key
            .then(|| class.key_status(ix))
            .flatten()
            .map(|s| theme::hex_color(&s.color)),
        None => shown
            .marks
            .then(|| cmp.marks_on(ix).last().and_then(|id| cmp.mark(id)))
            .flatten()
            .and_then(|m| cmp.codebook().get(&m.status))
            .map(theme::status_color),
    };
    let (fill, stroke) = match color {
        Some(color) => (theme::tint(color, &visuals), Stroke::new(3.0, color)),
        None => (
            visuals.extreme_bg_color,
            Stroke::new(1.5, visuals.widgets.noninteractive.bg_stroke.color),
        ),
    };
    Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            card_text(ui, cmp, ix, shown);
        });
}

/// A card's text: the demand, its red line and value, and (revealed) its marks and notes.
fn card_text(ui: &mut Ui, cmp: &Comparison, ix: DemandIx, shown: Shown) {
    let scale = shown.scale;
    let demand = cmp.demand(ix);
    let visuals = ui.visuals().clone();
    // High contrast for a projector: every demand in the strongest text colour.
    let color = visuals.strong_text_color();
    if shown.class.is_some() && shown.marks {
        // The step before showed the demand whole: a few lines recall it and
        // leave the room to the class's tally.
        let mut job = egui::text::LayoutJob::simple(
            super::text::mirrored(&demand.text).into_owned(),
            egui::FontId::proportional(DEMAND_SIZE * scale),
            color,
            ui.available_width(),
        );
        job.wrap.max_rows = RECALLED_LINES;
        job.wrap.overflow_character = Some('…');
        let galley = super::text::bidi(ui.ctx(), ui.painter().layout_job(job));
        ui.label(galley);
    } else {
        ui.label(super::text::widget_text(
            ui,
            RichText::new(&demand.text).size(DEMAND_SIZE * scale).color(color),
            egui::TextStyle::Body,
        ));
    }
    let core = demand.priority == Some(Priority::Core);
    if core || demand.value.is_some() {
        ui.horizontal_wrapped(|ui| {
            if core {
                pill(ui, "RED LINE", theme::red_line(&visuals), scale);
            }
            if let Some(value) = &demand.value {
                ui.label(RichText::new(value.to_string()).size(DETAIL_SIZE * scale).weak());
            }
        });
    }
    if !shown.marks {
        return;
    }
    if let Some(class) = shown.class {
        super::class_slides::card_result(ui, class, ix, shown.key, scale);
        return;
    }
    for id in cmp.marks_on(ix) {
        let Some(mark) = cmp.mark(id) else { continue };
        let Some(status) = cmp.codebook().get(&mark.status) else {
            continue;
        };
        ui.add_space(4.0);
        pill(ui, &status.label, theme::status_color(status), scale);
        if !mark.note.is_empty() {
            ui.label(super::text::widget_text(
                ui,
                RichText::new(&mark.note).size((DETAIL_SIZE + 1.0) * scale).italics(),
                egui::TextStyle::Body,
            ));
        }
    }
}
