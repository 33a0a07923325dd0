//! Right-to-left text in the right order: layout tests without a GPU, on egui's
//! own layout with small Hebrew and Arabic test fonts (subsets of DejaVu Sans)
//! standing in for installed fonts.

use std::sync::Arc;

use egui::{Color32, FontId, Galley};
use stances::gui::ui::text;

fn font(name: &str, bytes: &'static [u8]) -> egui::epaint::text::FontInsert {
    egui::epaint::text::FontInsert::new(
        name,
        egui::FontData::from_static(bytes),
        vec![egui::epaint::text::InsertFontFamily {
            family: egui::FontFamily::Proportional,
            priority: egui::epaint::text::FontPriority::Lowest,
        }],
    )
}

/// What `make` lays out, in a window with the Hebrew and Arabic test fonts.
fn galley_of(make: impl Fn(&mut egui::Ui) -> Arc<Galley>) -> Arc<Galley> {
    let ctx = egui::Context::default();
    ctx.add_font(font(
        "hebrew",
        include_bytes!("fixtures/fonts/dejavu-sans-hebrew-subset.ttf"),
    ));
    ctx.add_font(font(
        "arabic",
        include_bytes!("fixtures/fonts/dejavu-sans-arabic-subset.ttf"),
    ));
    let mut out = None;
    // The fonts added take effect in the second pass.
    for _ in 0..2 {
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| out = Some(make(ui)));
        // No renderer here: the font atlas updates are dropped on purpose.
        output.textures_delta.clear();
    }
    out.expect("laid out")
}

/// `text` laid out at `width` by the app's text layer.
fn layout(text_: &str, width: f32) -> Arc<Galley> {
    galley_of(|ui| text::layout(ui, text_, FontId::proportional(15.0), Color32::WHITE, width))
}

/// (character, x of its glyph, row) for every glyph that takes room (not the
/// zero-width placeholders egui adds after a shaped run).
fn glyphs(galley: &Galley) -> Vec<(char, f32, usize)> {
    galley
        .rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.row
                .glyphs
                .iter()
                .filter(|g| g.advance_width > 0.0)
                .map(move |g| (g.chr, row.pos.x + g.pos.x, r))
        })
        .collect()
}

fn x_of(glyphs: &[(char, f32, usize)], c: char) -> f32 {
    glyphs.iter().find(|g| g.0 == c).map(|g| g.1).expect("glyph present")
}

#[test]
fn a_right_to_left_paragraph_reads_from_the_right_and_is_right_aligned() {
    // "שלום חבר": the first word must be drawn to the right of the second.
    let galley = layout("שלום חבר", 400.0);
    let g = glyphs(&galley);
    for first in ['ש', 'ל', 'ו', 'ם'] {
        for second in ['ח', 'ב', 'ר'] {
            assert!(x_of(&g, first) > x_of(&g, second), "{first} right of {second}: {g:?}");
        }
    }
    // Within a word, the first letter is rightmost.
    assert!(x_of(&g, 'ש') > x_of(&g, 'ם'));
    let right = g.iter().map(|g| g.1).fold(0.0, f32::max);
    assert!(right > 330.0, "right-aligned in 400 points: {right}");
}

#[test]
fn latin_inside_hebrew_keeps_its_order_and_the_full_stop_ends_at_the_left() {
    let galley = layout("ישראל מכירה ב-PLO כנציג העם הפלסטיני.", 600.0);
    let g = glyphs(&galley);
    assert!(
        x_of(&g, 'P') < x_of(&g, 'L') && x_of(&g, 'L') < x_of(&g, 'O'),
        "PLO left to right: {g:?}"
    );
    let stop = x_of(&g, '.');
    assert!(
        g.iter().all(|other| other.1 >= stop),
        "the full stop is the leftmost glyph: {g:?}"
    );
    // The first word, ישראל, is the rightmost.
    let first = x_of(&g, 'י');
    assert!(g.iter().all(|other| other.1 <= first + 0.01), "{g:?}");
}

#[test]
fn a_wrapped_right_to_left_paragraph_orders_each_line_on_its_own() {
    let words = ["אאא", "בבב", "גגג", "דדד", "ההה", "ווו", "זזז", "חחח", "טטט", "ייי"];
    let galley = layout(&words.join(" "), 110.0);
    assert!(galley.rows.len() >= 3, "it wraps: {} rows", galley.rows.len());
    let g = glyphs(&galley);
    for row in 0..galley.rows.len() {
        // The words of this row, in logical order, must go from right to left.
        let xs: Vec<f32> = words
            .iter()
            .filter_map(|w| {
                let c = w.chars().next().expect("a letter");
                g.iter().find(|x| x.0 == c && x.2 == row).map(|x| x.1)
            })
            .collect();
        assert!(!xs.is_empty());
        assert!(
            xs.windows(2).all(|w| w[0] > w[1]),
            "row {row} reads right to left: {xs:?}"
        );
    }
    // Wrapping happened on the logical text: the first words are on the first row.
    assert!(g.iter().any(|x| x.0 == 'א' && x.2 == 0));
    assert!(g.iter().any(|x| x.0 == 'י' && x.2 == galley.rows.len() - 1));
}

#[test]
fn arabic_letters_join_and_words_read_from_the_right() {
    let joined = layout("سلام عليكم", 400.0);
    let alone = layout("س", 400.0);
    let seen = |galley: &Galley, c: char| {
        galley
            .rows
            .iter()
            .flat_map(|r| r.row.glyphs.iter())
            .find(|g| g.chr == c)
            .map(|g| g.uv_rect)
            .expect("glyph")
    };
    assert_ne!(
        seen(&joined, 'س'),
        seen(&alone, 'س'),
        "the joined form differs from the isolated one"
    );
    let g = glyphs(&joined);
    assert!(x_of(&g, 'س') > x_of(&g, 'ع'), "the first word is on the right: {g:?}");
}

#[test]
fn left_to_right_text_is_left_as_egui_laid_it_out() {
    let galley = layout("Ceasefire for 30 days.", 400.0);
    let g = glyphs(&galley);
    assert!(x_of(&g, 'C') < x_of(&g, '3'));
    assert!(g.iter().map(|g| g.1).fold(0.0, f32::max) < 200.0, "not right-aligned");
}

#[test]
fn a_heading_limited_to_two_rows_is_reordered_too() {
    let galley = galley_of(|ui| {
        let mut job = egui::text::LayoutJob::simple(
            "منظمة التحرير (PLO)".to_owned(),
            FontId::proportional(18.0),
            Color32::WHITE,
            400.0,
        );
        job.wrap.max_rows = 2;
        text::bidi(ui.ctx(), ui.painter().layout_job(job))
    });
    let g = glyphs(&galley);
    assert!(x_of(&g, 'P') < x_of(&g, 'م'), "(PLO) ends the line on the left: {g:?}");
}

#[test]
fn brackets_inside_right_to_left_text_are_mirrored() {
    assert_eq!(text::mirrored("منظمة التحرير (PLO)"), "منظمة التحرير )PLO(");
    assert_eq!(text::mirrored("Ceasefire (30 days)"), "Ceasefire (30 days)");
}

#[test]
fn a_status_label_on_a_button_reads_from_the_right_and_keeps_the_buttons_colours() {
    // A codebook written in Hebrew: "מוסכם חלקית" (partly agreed) on a legend button.
    let galley =
        galley_of(
            |ui| match text::widget_text(ui, egui::RichText::new("מוסכם חלקית"), egui::TextStyle::Button) {
                egui::WidgetText::Galley(galley) => galley,
                other => panic!(
                    "Hebrew text must come back laid out in visual order, got {:?}",
                    other.text()
                ),
            },
        );
    let g = glyphs(&galley);
    assert!(
        x_of(&g, 'מ') > x_of(&g, 'ח'),
        "the first word is drawn right of the second: {g:?}"
    );
    // An unset colour is left to the button (hover, selection), as for any label.
    assert!(
        galley
            .job
            .sections
            .iter()
            .all(|s| s.format.color == Color32::PLACEHOLDER),
        "{:?}",
        galley.job.sections
    );
    // Latin labels are passed on as they are.
    let latin = galley_of(|ui| match text::widget_text(ui, "Agreed", egui::TextStyle::Button) {
        egui::WidgetText::RichText(_) => ui
            .painter()
            .layout_no_wrap("x".into(), FontId::default(), Color32::WHITE),
        other => panic!("left-to-right text needs no layout here, got {:?}", other.text()),
    });
    assert_eq!(latin.job.text, "x");
}
