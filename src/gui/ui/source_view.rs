//! The source pane: a source's text beside the columns, page by page and
//! paragraph by paragraph, with search, the passages demands quote highlighted
//! (a click selects the demand), and a selected passage made into a new demand.
//!
//! Only the paragraphs in view are laid out and drawn: a paragraph's height is
//! measured the first time it is seen at a width, and guessed from its length
//! until then, so a 1 MB treaty scrolls as a one-page statement does.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Ui};

use super::text;
use crate::gui::action::Action;
use crate::model::{Comparison, DemandIx, SideIx};

/// A source open in the pane.
pub struct OpenSource {
    pub document: String,
    pub source: String,
    pub search: String,
    /// Which match of the search "Next" went to last.
    match_index: usize,
    /// A byte offset in the text to bring into view on the next frame.
    pub scroll_to: Option<usize>,
    /// The passage selected, as a byte range of the text.
    pub selection: Option<Range<usize>>,
    /// The side and issue (of the comparison's) a new demand from the selection goes to.
    pub side: SideIx,
    pub issue: usize,
    layout: Option<Paragraphs>,
    /// The quoted passages, and the comparison's revisions and the text they were found for.
    passages: Option<(PassagesKey, Passages)>,
}

/// Each quoted passage of a text (a byte range), with the demand quoting it.
pub type Passages = Vec<(Range<usize>, DemandIx)>;

/// What the quoted passages depend on: the demands' words, where they are, the text.
type PassagesKey = (u64, u64, (usize, u64));

impl OpenSource {
    pub fn new(document: String, source: String, side: SideIx) -> Self {
        Self {
            document,
            source,
            search: String::new(),
            match_index: usize::MAX,
            scroll_to: None,
            selection: None,
            side,
            issue: 0,
            layout: None,
            passages: None,
        }
    }

    /// The passages demands quote in `text`, found again only when the demands or
    /// the text changed (finding them is far more than a frame's work).
    pub fn passages(&mut self, cmp: &Comparison, text: &str, find: impl FnOnce() -> Passages) -> Passages {
        let key = (cmp.text_revision(), cmp.layout_revision(), key_of(text));
        match &self.passages {
            Some((at, passages)) if *at == key => passages.clone(),
            _ => {
                let passages = find();
                self.passages = Some((key, passages.clone()));
                passages
            }
        }
    }
}

/// The text cut into what is drawn, and what is measured of it.
struct Paragraphs {
    /// The text's length and a hash of it: a changed text is cut again.
    key: (usize, u64),
    /// Each paragraph's byte range, and the page it is on (from 1).
    paragraphs: Vec<(Range<usize>, usize)>,
    /// Measured heights at `width`, where measured.
    heights: Vec<Option<f32>>,
    width: f32,
}

impl Paragraphs {
    fn of(text: &str) -> Self {
        let mut paragraphs = Vec::new();
        let mut page = 1;
        let mut start = 0;
        let mut push = |from: usize, to: usize, page: usize| {
            let part = &text[from..to];
            let trimmed = part.trim_matches(['\n', ' ', '\r']);
            if !trimmed.is_empty() {
                let lead = part.len() - part.trim_start_matches(['\n', ' ', '\r']).len();
                paragraphs.push((from + lead..from + lead + trimmed.len(), page));
            }
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\x0c' {
                push(start, i, page);
                page += 1;
                start = i + 1;
            } else if bytes[i] == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
                push(start, i, page);
                start = i + 2;
                i += 1;
            }
            i += 1;
        }
        push(start, text.len(), page);
        let count = paragraphs.len();
        Self {
            key: key_of(text),
            paragraphs,
            heights: vec![None; count],
            width: 0.0,
        }
    }
}

fn key_of(text: &str) -> (usize, u64) {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    // The ends and the length: cheap, and enough to notice another text.
    text[..text.len().min(4096)].hash(&mut hasher);
    text[text.len().saturating_sub(4096)..].hash(&mut hasher);
    (text.len(), hasher.finish())
}

/// What the pane shows of a source.
pub struct Shown<'a> {
    pub title: &'a str,
    pub text: &'a str,
    /// `talks.sources/joint.txt`, or `None` while it is kept for the next save.
    pub file: Option<&'a str>,
    pub origin: Option<&'a (String, String)>,
    /// The passages demands quote, sorted by start, with the demand.
    pub passages: &'a [(Range<usize>, DemandIx)],
    /// Whether new demands may be made (not in a student's hand-out).
    pub can_add: bool,
}

/// Draws the pane.
pub fn show(ui: &mut Ui, pane: &mut OpenSource, cmp: &Comparison, shown: &Shown<'_>, actions: &mut Vec<Action>) {
    header(ui, pane, shown, actions);
    ui.separator();
    new_demand_bar(ui, pane, cmp, shown, actions);
    ui.separator();
    body(ui, pane, shown, actions);
}

fn header(ui: &mut Ui, pane: &mut OpenSource, shown: &Shown<'_>, actions: &mut Vec<Action>) {
    ui.horizontal_top(|ui| {
        // The title wraps in what the Close button leaves: a report's title is long.
        let room = (ui.available_width() - 70.0).max(80.0);
        ui.allocate_ui(egui::vec2(room, 0.0), |ui| {
            let font = egui::TextStyle::Heading.resolve(ui.style());
            let color = ui.visuals().strong_text_color();
            ui.add(egui::Label::new(text::layout(ui, shown.title, font, color, room)));
        });
        if ui.button("Close").on_hover_text("Close the source pane").clicked() {
            actions.push(Action::CloseSource);
        }
    });
    let kept = match shown.file {
        Some(file) => format!("Text kept in {file}"),
        None => "Text kept beside the comparison when it is saved".to_owned(),
    };
    let origin = shown.origin.map_or_else(String::new, |(sha, name)| {
        format!(" · from {name} (SHA-256 {}…)", &sha[..sha.len().min(12)])
    });
    ui.label(RichText::new(format!("{kept}{origin}")).weak());
    ui.horizontal(|ui| {
        let label = ui.label("Find in source");
        ui.add(
            egui::TextEdit::singleline(&mut pane.search)
                .hint_text("words to find")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        let needle = pane.search.trim();
        if !needle.is_empty() {
            let hits = shown.text.matches(needle).count();
            ui.label(crate::format::diagnostics::count(hits, "match", "matches"));
            if hits > 0 && ui.button("Next").on_hover_text("Scroll to the next match").clicked() {
                pane.match_index = pane.match_index.wrapping_add(1) % hits;
                pane.scroll_to = shown.text.match_indices(needle).nth(pane.match_index).map(|(at, _)| at);
            }
        }
    });
}

fn new_demand_bar(ui: &mut Ui, pane: &mut OpenSource, cmp: &Comparison, shown: &Shown<'_>, actions: &mut Vec<Action>) {
    if !shown.can_add || cmp.side_count() == 0 {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("New demand of");
        let side_name = cmp.side(pane.side.min(cmp.side_count() - 1)).name.clone();
        egui::ComboBox::from_id_salt("source_side")
            .selected_text(text::widget_text(ui, side_name.as_str(), egui::TextStyle::Button))
            .show_ui(ui, |ui| {
                for s in 0..cmp.side_count() {
                    let name = text::widget_text(ui, cmp.side(s).name.as_str(), egui::TextStyle::Button);
                    ui.selectable_value(&mut pane.side, s, name);
                }
            })
            .response
            .labelled_by(label.id);
        let on = ui.label("on");
        let issue_name = cmp
            .issues()
            .get(pane.issue)
            .map_or_else(String::new, |i| i.name.clone());
        egui::ComboBox::from_id_salt("source_issue")
            .selected_text(text::widget_text(ui, issue_name.as_str(), egui::TextStyle::Button))
            .show_ui(ui, |ui| {
                for (i, issue) in cmp.issues().iter().enumerate() {
                    let name = text::widget_text(ui, issue.name.as_str(), egui::TextStyle::Button);
                    ui.selectable_value(&mut pane.issue, i, name);
                }
            })
            .response
            .labelled_by(on.id);
        let selected = pane
            .selection
            .as_ref()
            .filter(|r| shown.text.get(r.start..r.end).is_some_and(|t| !t.trim().is_empty()));
        let button = ui
            .add_enabled(selected.is_some(), egui::Button::new("New demand from selection"))
            .on_hover_text("The selected passage as the quote of a new demand (Ctrl+D)")
            .on_disabled_hover_text("Select a passage of the text first");
        if button.clicked() {
            actions.push(Action::Run(crate::gui::command::Command::NewDemandFromSelection));
        }
    });
}

fn body(ui: &mut Ui, pane: &mut OpenSource, shown: &Shown<'_>, actions: &mut Vec<Action>) {
    let text = shown.text;
    if pane.layout.as_ref().is_none_or(|l| l.key != key_of(text)) {
        pane.layout = Some(Paragraphs::of(text));
    }
    let Some(mut layout) = pane.layout.take() else {
        return;
    };
    let width = ui.available_width() - 12.0;
    if (layout.width - width).abs() > 0.5 {
        layout.width = width;
        layout.heights.iter_mut().for_each(|h| *h = None);
    }
    let row = ui.text_style_height(&egui::TextStyle::Body);
    let chars_per_line = (width / (row * 0.5)).max(8.0);
    let spacing = row * 0.6;
    let paged = layout.paragraphs.last().is_some_and(|(_, page)| *page > 1);
    let guess = |range: &Range<usize>, page_start: bool| {
        let lines = ((range.len() as f32 / 1.6) / chars_per_line).ceil().max(1.0);
        lines * row + spacing + if page_start && paged { row * 1.6 } else { 0.0 }
    };
    let starts_page = |i: usize, l: &Paragraphs| i == 0 || l.paragraphs[i - 1].1 != l.paragraphs[i].1;
    let mut tops = Vec::with_capacity(layout.paragraphs.len() + 1);
    let mut y = 0.0;
    for (i, (range, _)) in layout.paragraphs.iter().enumerate() {
        tops.push(y);
        y += layout.heights[i].unwrap_or_else(|| guess(range, starts_page(i, &layout)));
    }
    tops.push(y);
    let mut area = egui::ScrollArea::vertical()
        .id_salt(("source_text", &pane.document, &pane.source))
        .auto_shrink([false, false]);
    if let Some(at) = pane.scroll_to.take() {
        let i = layout.paragraphs.partition_point(|(r, _)| r.end < at);
        area = area.vertical_scroll_offset(tops[i.min(tops.len() - 1)]);
    }
    let needle = pane.search.trim().to_owned();
    area.show_viewport(ui, |ui, viewport| {
        ui.set_height(y);
        ui.set_width(width);
        let first = tops.partition_point(|&t| t <= viewport.min.y).saturating_sub(1);
        let origin = ui.min_rect().min;
        for i in first..layout.paragraphs.len() {
            if tops[i] > viewport.max.y {
                break;
            }
            let (range, page) = layout.paragraphs[i].clone();
            let top = origin + egui::vec2(0.0, tops[i]);
            let rect = egui::Rect::from_min_size(top, egui::vec2(width, tops[i + 1] - tops[i]));
            let height = ui
                .scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                    if starts_page(i, &layout) && paged {
                        ui.label(RichText::new(format!("Page {page}")).small().weak());
                    }
                    paragraph(ui, pane, shown, range, &needle, actions);
                    ui.add_space(spacing);
                    ui.min_rect().height()
                })
                .inner;
            layout.heights[i] = Some(height);
        }
    });
    pane.layout = Some(layout);
}

/// One paragraph: selectable, read only, with quoted passages and matches shown.
fn paragraph(
    ui: &mut Ui,
    pane: &mut OpenSource,
    shown: &Shown<'_>,
    range: Range<usize>,
    needle: &str,
    actions: &mut Vec<Action>,
) {
    let words = &shown.text[range.clone()];
    let passages: Vec<(Range<usize>, DemandIx)> = shown
        .passages
        .iter()
        .filter(|(r, _)| r.start < range.end && r.end > range.start)
        .map(|(r, ix)| {
            (
                r.start.max(range.start) - range.start..r.end.min(range.end) - range.start,
                *ix,
            )
        })
        .collect();
    let palette = Palette::of(ui.visuals());
    let highlights = palette.highlights(words, &passages, needle);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let right_to_left = text::has_rtl(words);
    let mut layouter = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap: f32| {
        let mut job = palette.job(buffer.as_str(), &highlights, &font, color, right_to_left);
        job.wrap.max_width = wrap;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        text::bidi(ui.ctx(), galley)
    };
    let mut read_only = words;
    let output = egui::TextEdit::multiline(&mut read_only)
        .id_salt(("source_paragraph", &pane.source, range.start))
        .frame(egui::Frame::NONE)
        .desired_width(f32::INFINITY)
        .desired_rows(1)
        .layouter(&mut layouter)
        .show(ui);
    let Some(cursor) = output.cursor_range else {
        return;
    };
    let chars = cursor.as_sorted_char_range();
    let byte = |c: usize| words.char_indices().nth(c).map_or(words.len(), |(b, _)| b);
    let (from, to) = (byte(chars.start.0), byte(chars.end.0));
    let response = &output.response.response;
    // A read-only text may not take the keyboard: a drag across it is a selection too.
    if response.has_focus() || response.dragged() || response.drag_stopped() {
        if from < to {
            pane.selection = Some(range.start + from..range.start + to);
        } else if response.clicked() {
            pane.selection = None;
            // A click in a quoted passage leads to its demand.
            if let Some((_, ix)) = passages.iter().find(|(r, _)| r.contains(&from)) {
                actions.push(Action::Select {
                    demand: *ix,
                    extend: false,
                });
            }
        }
    }
}

/// The colours of quoted passages and search matches, behind the letters or,
/// on a right-to-left line, of the letters themselves.
struct Palette {
    quoted: Color32,
    found: Color32,
    quoted_text: Color32,
    found_text: Color32,
}

impl Palette {
    fn of(visuals: &egui::Visuals) -> Self {
        if visuals.dark_mode {
            Self {
                quoted: Color32::from_rgb(70, 60, 20),
                found: Color32::from_rgb(30, 80, 120),
                quoted_text: Color32::from_rgb(245, 200, 80),
                found_text: Color32::from_rgb(120, 190, 255),
            }
        } else {
            Self {
                quoted: Color32::from_rgb(255, 238, 170),
                found: Color32::from_rgb(180, 215, 255),
                quoted_text: Color32::from_rgb(140, 90, 0),
                found_text: Color32::from_rgb(0, 90, 200),
            }
        }
    }

    /// Each byte's highlight: quoted, found, or none (transparent).
    fn highlights(&self, words: &str, passages: &[(Range<usize>, DemandIx)], needle: &str) -> Vec<Color32> {
        let mut marks = vec![Color32::TRANSPARENT; words.len()];
        for (r, _) in passages {
            marks[r.clone()].iter_mut().for_each(|c| *c = self.quoted);
        }
        if !needle.is_empty() {
            for (at, m) in words.match_indices(needle) {
                marks[at..at + m.len()].iter_mut().for_each(|c| *c = self.found);
            }
        }
        marks
    }

    /// The paragraph laid out in runs of one highlight each.
    fn job(
        &self,
        text: &str,
        highlights: &[Color32],
        font: &egui::FontId,
        color: Color32,
        right_to_left: bool,
    ) -> LayoutJob {
        let mut job = LayoutJob::default();
        let mut start = 0;
        for (i, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let edge = i == text.len() || (i > 0 && highlights.get(i) != highlights.get(start));
            if edge && i > start {
                let mark = highlights.get(start).copied().unwrap_or(Color32::TRANSPARENT);
                // Right-to-left rows are reordered glyph by glyph after layout, and a
                // background stays where layout put it: there the letters are coloured.
                let (color, background) = if mark == Color32::TRANSPARENT {
                    (color, mark)
                } else if right_to_left {
                    (
                        if mark == self.quoted {
                            self.quoted_text
                        } else {
                            self.found_text
                        },
                        Color32::TRANSPARENT,
                    )
                } else {
                    (color, mark)
                };
                job.append(
                    &text[start..i],
                    0.0,
                    TextFormat {
                        font_id: font.clone(),
                        color,
                        background,
                        ..Default::default()
                    },
                );
                start = i;
            }
        }
        job
    }
}
