//! Right-to-left text in the right order (Unicode UAX #9), on top of egui's layout.
//!
//! egui shapes text (harfrust, so Arabic letters join) and wraps it, but lays every
//! line out left to right: each right-to-left word comes out right, the words and
//! the punctuation between them in the wrong order. This takes egui's wrapped galley
//! and, line by line, puts its glyphs in visual order with `unicode-bidi`: wrapping
//! stays on the logical text and each line is reordered on its own, as UAX #9 asks;
//! a paragraph whose first strong character is right to left is right-aligned. The
//! glyphs' shapes are egui's; only their places change (and their quads in the
//! mesh), so nothing is shaped twice. Text with no right-to-left character is
//! returned as it is, and reordered galleys are cached by the galley egui returns,
//! so the work is done once per text and width, not per frame.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Context, Galley, Id, Rect, Vec2};
use unicode_bidi::BidiInfo;

/// Characters of the right-to-left scripts (bidi classes R and AL): Hebrew,
/// Arabic, Syriac, Thaana, N'Ko, and their presentation forms.
pub fn is_rtl_char(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

pub fn has_rtl(text: &str) -> bool {
    text.chars().any(is_rtl_char)
}

/// Whether the text's first strong character is right to left, as for a paragraph
/// that UAX #9 lays out right to left.
pub fn starts_rtl(text: &str) -> bool {
    unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

/// Reordered galleys, by the galley egui laid out (kept alive, so its address stays unique).
#[derive(Clone, Default)]
struct BidiCache {
    galleys: HashMap<usize, (Arc<Galley>, Arc<Galley>)>,
}

/// How many reordered galleys are kept; beyond that the cache starts afresh.
const CACHE_LIMIT: usize = 4096;

/// `galley` with each line in visual order; the same galley when it holds no
/// right-to-left text.
pub fn bidi(ctx: &Context, galley: Arc<Galley>) -> Arc<Galley> {
    if !has_rtl(&galley.job.text) {
        return galley;
    }
    let key = Arc::as_ptr(&galley) as usize;
    let id = Id::unique("stances_bidi_cache");
    // Looked up in place: `get_temp` would clone the whole cache on every call.
    if let Some(done) = ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<BidiCache>(id)
            .galleys
            .get(&key)
            .map(|(_, r)| r.clone())
    }) {
        return done;
    }
    let reordered = Arc::new(reorder(&galley));
    ctx.data_mut(|d| {
        let cache = d.get_temp_mut_or_default::<BidiCache>(id);
        if cache.galleys.len() >= CACHE_LIMIT {
            cache.galleys.clear();
        }
        cache.galleys.insert(key, (galley, reordered.clone()));
    });
    reordered
}

/// `text` with each bracket that sits in right-to-left text replaced by its mirror
/// image (UAX #9, rule L4), so that "(PLO)" inside Arabic reads "(PLO)" once the
/// line is reordered. Text with no right-to-left character comes back unchanged.
pub fn mirrored(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_rtl(text) || !text.contains(['(', ')', '[', ']', '{', '}', '<', '>', '«', '»']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let info = BidiInfo::new(text, None);
    let mirror = |c: char| match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        other => other,
    };
    std::borrow::Cow::Owned(
        text.char_indices()
            .map(|(i, c)| if info.levels[i].is_rtl() { mirror(c) } else { c })
            .collect(),
    )
}

/// Lays `text` out for `wrap_width` in `font` and `color`, in visual order.
pub fn layout(ui: &egui::Ui, text: &str, font: egui::FontId, color: egui::Color32, wrap_width: f32) -> Arc<Galley> {
    let mut job = egui::text::LayoutJob::simple(mirrored(text).into_owned(), font, color, wrap_width);
    job.wrap.max_width = wrap_width;
    bidi(ui.ctx(), ui.painter().layout_job(job))
}

/// User text on a widget (a button, checkbox or link): one line in visual order.
/// Unset colours stay unset, so the widget still colours it when hovered or
/// selected; text with no right-to-left character is passed on untouched.
pub fn widget_text(ui: &egui::Ui, text: impl Into<egui::RichText>, style: egui::TextStyle) -> egui::WidgetText {
    let rich: egui::RichText = text.into();
    if !has_rtl(rich.text()) {
        return rich.into();
    }
    let mut job = Arc::unwrap_or_clone(egui::WidgetText::from(rich).into_layout_job(
        ui.style(),
        style.into(),
        egui::Align::Center,
    ));
    // Mirroring swaps brackets one for one, so the sections' byte ranges still hold.
    job.text = mirrored(&job.text).into_owned();
    // A galley is not wrapped again by the label it goes in: wrapped here as
    // the label would wrap its own text (a card's line breaks at the card's width).
    match ui.wrap_mode() {
        egui::TextWrapMode::Wrap => job.wrap.max_width = ui.available_width(),
        egui::TextWrapMode::Truncate => {
            job.wrap.max_width = ui.available_width();
            job.wrap.max_rows = 1;
            job.wrap.overflow_character = Some('…');
        }
        egui::TextWrapMode::Extend => {}
    }
    bidi(ui.ctx(), ui.painter().layout_job(job)).into()
}

/// A piece of a row that moves as a whole: one glyph of left-to-right text, or a
/// run of right-to-left letters that the shaper already put in visual order.
struct Unit {
    /// The unit's glyphs, `first..end` in the row.
    glyphs: std::ops::Range<usize>,
    /// How many characters of the text it stands for.
    chars: usize,
}

/// Splits a row into units, in logical order. egui shapes each right-to-left run
/// as a whole (so its letters join and come out in visual order), then adds a
/// zero-width glyph for each of the run's characters but one: those tell how many
/// characters the run holds.
fn units(glyphs: &[egui::epaint::text::Glyph]) -> Vec<Unit> {
    let zero_width = |g: &egui::epaint::text::Glyph| g.advance_width == 0.0 && g.uv_rect.is_nothing();
    let mut units = Vec::with_capacity(glyphs.len());
    let mut i = 0;
    while i < glyphs.len() {
        if is_rtl_char(glyphs[i].chr) && !zero_width(&glyphs[i]) {
            let mut j = i;
            while j < glyphs.len() && (is_rtl_char(glyphs[j].chr) || is_mark(glyphs[j].chr)) && !zero_width(&glyphs[j])
            {
                j += 1;
            }
            let mut k = j;
            while k < glyphs.len() && is_rtl_char(glyphs[k].chr) && zero_width(&glyphs[k]) {
                k += 1;
            }
            units.push(Unit {
                glyphs: i..k,
                chars: k - j + 1,
            });
            i = k;
        } else {
            units.push(Unit {
                glyphs: i..i + 1,
                chars: 1,
            });
            i += 1;
        }
    }
    units
}

/// A wrapped label of user text in visual order, as wide as the space left (in
/// the body font, `color` or the usual text colour). Right-to-left paragraphs
/// are right-aligned.
pub fn label(ui: &mut egui::Ui, text: &str, color: Option<egui::Color32>) -> egui::Response {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = color.unwrap_or_else(|| ui.visuals().text_color());
    let galley = layout(ui, text, font, color, ui.available_width().max(40.0));
    ui.add(egui::Label::new(galley))
}

/// Puts each row's glyphs in visual order, and right-aligns the rows of
/// right-to-left paragraphs within the wrap width.
fn reorder(galley: &Galley) -> Galley {
    let text = galley.job.text.as_str();
    let info = BidiInfo::new(text, None);
    // Byte offset of each character, and of the end.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let char_at = |byte: usize| offsets.partition_point(|&b| b < byte);
    let wrap = if galley.job.wrap.max_width.is_finite() {
        galley.job.wrap.max_width
    } else {
        galley.rect.width()
    };
    let mut out = galley.clone();
    let mut first_char = 0;
    let mut any_rtl_paragraph = false;
    for placed in &mut out.rows {
        let units = units(&placed.row.glyphs);
        let chars: usize = units.iter().map(|u| u.chars).sum();
        let (start, end) = (first_char, first_char + chars);
        first_char = end + usize::from(placed.ends_with_newline);
        if units.is_empty() || end >= offsets.len() {
            continue;
        }
        let line = offsets[start]..offsets[end];
        let Some(para) = info.paragraphs.iter().find(|p| p.range.contains(&line.start)) else {
            continue;
        };
        let rtl_paragraph = para.level.is_rtl();
        any_rtl_paragraph |= rtl_paragraph;
        if !rtl_paragraph && !text[line.clone()].chars().any(is_rtl_char) {
            continue;
        }
        let Some(visual) = visual_order(&info, para, line.clone(), &units, start, &char_at) else {
            continue; // Should not happen; the line stays as egui laid it out.
        };
        let row = Arc::make_mut(&mut placed.row);
        place_units(row, &units, &visual, rtl_paragraph.then_some(wrap));
        row.visuals.mesh_bounds = row.visuals.mesh.calc_bounds();
        if rtl_paragraph {
            row.size.x = row.size.x.max(wrap);
        }
    }
    if any_rtl_paragraph {
        let size = Vec2::new(out.rect.width().max(wrap), out.rect.height());
        out.rect = Rect::from_min_size(out.rect.min, size);
    }
    out.mesh_bounds = out
        .rows
        .iter()
        .map(|r| r.row.visuals.mesh_bounds.translate(r.pos.to_vec2()))
        .fold(Rect::NOTHING, |a, b| a.union(b));
    out
}

/// The units of a line (`start` its first character) in visual order: each
/// run of the line in turn, a right-to-left run's units reversed. `None` when
/// the runs do not cover every unit once.
fn visual_order(
    info: &BidiInfo<'_>,
    para: &unicode_bidi::ParagraphInfo,
    line: std::ops::Range<usize>,
    units: &[Unit],
    start: usize,
    char_at: &impl Fn(usize) -> usize,
) -> Option<Vec<usize>> {
    let chars: usize = units.iter().map(|u| u.chars).sum();
    // The unit that starts at each character of the line.
    let mut unit_at = vec![None; chars];
    let mut c = 0;
    for (u, unit) in units.iter().enumerate() {
        unit_at[c] = Some(u);
        c += unit.chars;
    }
    let (levels, runs) = info.visual_runs(para, line);
    let mut visual = Vec::with_capacity(units.len());
    for run in runs {
        let range = (char_at(run.start) - start).min(chars)..(char_at(run.end) - start).min(chars);
        let in_run = range.filter_map(|k| unit_at[k]);
        if levels[run.start].is_rtl() {
            visual.extend(in_run.rev());
        } else {
            visual.extend(in_run);
        }
    }
    (visual.len() == units.len()).then_some(visual)
}

/// Moves a row's units (glyphs and their vertices) to their places in visual
/// order, from the row's start, or right-aligned within a wrap width.
fn place_units(row: &mut egui::epaint::text::Row, units: &[Unit], visual: &[usize], right_aligned_in: Option<f32>) {
    let glyphs = &row.glyphs;
    let unit_x = |u: &Unit| glyphs[u.glyphs.start].pos.x;
    let unit_width = |u: &Unit| glyphs[u.glyphs.clone()].iter().map(|g| g.advance_width).sum::<f32>();
    let x0 = unit_x(&units[0]);
    let width: f32 = units.iter().map(unit_width).sum();
    let mut x = x0 + right_aligned_in.map_or(0.0, |wrap| (wrap - width - x0).max(0.0));
    let mut shift = vec![0.0; units.len()];
    for &u in visual {
        shift[u] = x - unit_x(&units[u]);
        x += unit_width(&units[u]);
    }
    let vertices = row.visuals.glyph_vertex_range.clone();
    for (u, unit) in units.iter().enumerate() {
        let dx = shift[u];
        for g in unit.glyphs.clone() {
            let glyph = &mut row.glyphs[g];
            glyph.pos.x += dx;
            if !glyph.uv_rect.is_nothing() {
                let first = glyph.first_vertex as usize;
                for v in first..(first + 4).min(vertices.end) {
                    row.visuals.mesh.vertices[v].pos.x += dx;
                }
            }
        }
    }
}

/// Combining marks (vowel points, harakat) that belong to the letter before them.
fn is_mark(c: char) -> bool {
    matches!(u32::from(c), 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0300..=0x036F)
}
