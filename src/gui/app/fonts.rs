//! Fonts for every script. eframe already falls back to fonts installed on the
//! system (its `system_fonts` feature, on by default) for characters egui's own
//! fonts lack; this says so, once per script, when no installed font has them
//! either, instead of drawing boxes without a word. It looks only when documents
//! change, and asks the font system only about characters beyond ASCII, so files
//! in Latin script cost nothing.

use std::collections::BTreeSet;

use egui::{Context, FontId};

use super::StancesApp;
use crate::model::script::{missing_font_message, script_of};

/// What the font check has done.
#[derive(Default)]
pub(super) struct FontCheck {
    /// The layout revision last checked.
    checked: Option<u64>,
    /// Scripts already named in a notice this session.
    told: BTreeSet<&'static str>,
}

impl StancesApp {
    /// Names the scripts of the open text that no font can draw, once each.
    pub(super) fn check_fonts(&mut self, ctx: &Context) {
        let layout = self.comparison().text_revision();
        if self.fonts.checked == Some(layout) {
            return;
        }
        self.fonts.checked = Some(layout);
        let characters = self.comparison().characters();
        self.name_missing_fonts(ctx, characters);
    }

    /// Names the scripts of `characters` that no font can draw, once each
    /// (students' names typed on their phones, as well as documents).
    pub(super) fn name_missing_fonts(&mut self, ctx: &Context, characters: impl IntoIterator<Item = char>) {
        let font = FontId::proportional(crate::gui::ui::theme::BODY_SIZE);
        let missing: Vec<char> = ctx.fonts_mut(|fonts| {
            characters
                .into_iter()
                .filter(|c| !c.is_ascii() && !c.is_control() && !c.is_whitespace() && !fonts.has_glyph(&font, *c))
                .collect()
        });
        let mut unnamed = Vec::new();
        for c in missing {
            match script_of(c) {
                Some(script) => {
                    if self.fonts.told.insert(script.name) {
                        self.notices.warning(missing_font_message(&script));
                    }
                }
                None => unnamed.push(c),
            }
        }
        if let Some(first) = unnamed.first()
            && self.fonts.told.insert("other")
        {
            self.notices.warning(format!(
                "Some characters (such as U+{:04X}) have no font on this computer and show as boxes; \
                 the Noto fonts (`fonts-noto` on Debian/Ubuntu) cover most scripts.",
                u32::from(*first)
            ));
        }
    }
}
