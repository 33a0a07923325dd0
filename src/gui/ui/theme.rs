//! Colours and sizes, in one place so that every view agrees.

use egui::{Color32, Visuals};

use crate::model::Status;

/// Core demands (red lines) are drawn with this accent on both themes.
pub fn red_line(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(255, 107, 107)
    } else {
        Color32::from_rgb(201, 42, 42)
    }
}

/// A status colour from the codebook. The defaults are mid-tones that read on light and dark.
pub fn status_color(status: &Status) -> Color32 {
    hex_color(&status.color)
}

/// A `#rrggbb` colour (mid grey where it is not one), such as a status colour of a
/// codebook no longer open.
pub fn hex_color(hex: &str) -> Color32 {
    let [r, g, b] = crate::model::codebook::color_rgb(hex);
    Color32::from_rgb(r, g, b)
}

/// Black or white, whichever reads better on `bg`.
pub fn text_on(bg: Color32) -> Color32 {
    let lum = 0.2126 * f32::from(bg.r()) + 0.7152 * f32::from(bg.g()) + 0.0722 * f32::from(bg.b());
    if lum > 150.0 { Color32::BLACK } else { Color32::WHITE }
}

/// A faint wash of `color` for backgrounds.
pub fn tint(color: Color32, visuals: &Visuals) -> Color32 {
    let alpha = if visuals.dark_mode { 46 } else { 30 };
    Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha)
}

pub const BODY_SIZE: f32 = 15.0;
pub const META_SIZE: f32 = 12.5;
pub const CARD_PADDING: f32 = 8.0;
/// Width of the coloured stripe on a marked card's edge.
pub const STRIPE: f32 = 5.0;
/// Space between columns, where links between marked demands are drawn.
pub const GUTTER: f32 = 36.0;
pub const ROW_GAP: f32 = 6.0;
pub const ISSUE_ROW_HEIGHT: f32 = 34.0;
pub const PLACEHOLDER_HEIGHT: f32 = 36.0;
