//! Which writing system a character belongs to, for telling users which font to
//! install when one is missing. Only the scripts that common default fonts lack
//! are named; a character outside them falls back to its Unicode block number.

/// A script a font may lack, with what to install for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Script {
    /// How users call it ("Chinese, Japanese or Korean").
    pub name: &'static str,
    /// A font that covers it.
    pub font: &'static str,
    /// The Debian/Ubuntu package that has that font.
    pub package: &'static str,
}

const fn script(name: &'static str, font: &'static str, package: &'static str) -> Script {
    Script { name, font, package }
}

const CJK: Script = script("Chinese, Japanese or Korean", "Noto Sans CJK", "fonts-noto-cjk");
const NOTO: &str = "fonts-noto-core";
const EMOJI: Script = script("Emoji", "Noto Color Emoji", "fonts-noto-color-emoji");

/// Ranges of code points and their scripts, in order.
const RANGES: &[(u32, u32, Script)] = &[
    (0x0370, 0x03FF, script("Greek", "Noto Sans", NOTO)),
    (0x0400, 0x052F, script("Cyrillic", "Noto Sans", NOTO)),
    (0x0530, 0x058F, script("Armenian", "Noto Sans Armenian", NOTO)),
    (0x0590, 0x05FF, script("Hebrew", "Noto Sans Hebrew", NOTO)),
    (0x0600, 0x06FF, script("Arabic", "Noto Sans Arabic", NOTO)),
    (0x0700, 0x074F, script("Syriac", "Noto Sans Syriac", NOTO)),
    (0x0750, 0x077F, script("Arabic", "Noto Sans Arabic", NOTO)),
    (0x0780, 0x07BF, script("Thaana (Dhivehi)", "Noto Sans Thaana", NOTO)),
    (0x08A0, 0x08FF, script("Arabic", "Noto Sans Arabic", NOTO)),
    (
        0x0900,
        0x097F,
        script("Devanagari (Hindi, Marathi, Nepali)", "Noto Sans Devanagari", NOTO),
    ),
    (0x0980, 0x09FF, script("Bengali", "Noto Sans Bengali", NOTO)),
    (0x0A00, 0x0A7F, script("Gurmukhi (Punjabi)", "Noto Sans Gurmukhi", NOTO)),
    (0x0A80, 0x0AFF, script("Gujarati", "Noto Sans Gujarati", NOTO)),
    (0x0B00, 0x0B7F, script("Odia", "Noto Sans Oriya", NOTO)),
    (0x0B80, 0x0BFF, script("Tamil", "Noto Sans Tamil", NOTO)),
    (0x0C00, 0x0C7F, script("Telugu", "Noto Sans Telugu", NOTO)),
    (0x0C80, 0x0CFF, script("Kannada", "Noto Sans Kannada", NOTO)),
    (0x0D00, 0x0D7F, script("Malayalam", "Noto Sans Malayalam", NOTO)),
    (0x0D80, 0x0DFF, script("Sinhala", "Noto Sans Sinhala", NOTO)),
    (0x0E00, 0x0E7F, script("Thai", "Noto Sans Thai", NOTO)),
    (0x0E80, 0x0EFF, script("Lao", "Noto Sans Lao", NOTO)),
    (0x0F00, 0x0FFF, script("Tibetan", "Noto Serif Tibetan", NOTO)),
    (0x1000, 0x109F, script("Myanmar (Burmese)", "Noto Sans Myanmar", NOTO)),
    (0x10A0, 0x10FF, script("Georgian", "Noto Sans Georgian", NOTO)),
    (0x1100, 0x11FF, CJK),
    (
        0x1200,
        0x139F,
        script("Ethiopic (Amharic, Tigrinya)", "Noto Sans Ethiopic", NOTO),
    ),
    (0x1780, 0x17FF, script("Khmer", "Noto Sans Khmer", NOTO)),
    (0x1800, 0x18AF, script("Mongolian", "Noto Sans Mongolian", NOTO)),
    // Miscellaneous symbols and dingbats: ☀ ✅ ✈ and the like, drawn as emoji.
    (0x2600, 0x27BF, EMOJI),
    (0x2E80, 0x2FDF, CJK),
    (0x3000, 0x303F, CJK),
    (0x3040, 0x30FF, CJK),
    (0x3100, 0x312F, CJK),
    (0x3130, 0x318F, CJK),
    (0x31A0, 0x31FF, CJK),
    (0x3200, 0x4DBF, CJK),
    (0x4E00, 0x9FFF, CJK),
    (0xA960, 0xA97F, CJK),
    (0xAC00, 0xD7FF, CJK),
    (0xF900, 0xFAFF, CJK),
    (0xFB1D, 0xFB4F, script("Hebrew", "Noto Sans Hebrew", NOTO)),
    (0xFB50, 0xFDFF, script("Arabic", "Noto Sans Arabic", NOTO)),
    (0xFE70, 0xFEFF, script("Arabic", "Noto Sans Arabic", NOTO)),
    (0xFF00, 0xFFEF, CJK),
    (0x1F000, 0x1FAFF, EMOJI),
    (0x20000, 0x3FFFF, CJK),
];

/// The script of `c`, where it is one that a font may lack.
pub fn script_of(c: char) -> Option<Script> {
    let c = u32::from(c);
    let at = RANGES.partition_point(|(_, end, _)| *end < c);
    RANGES.get(at).filter(|(start, _, _)| *start <= c).map(|(_, _, s)| *s)
}

/// What to tell a user whose text in `script` shows as boxes.
pub fn missing_font_message(script: &Script) -> String {
    format!(
        "{} text needs a font such as {} (`{}` on Debian/Ubuntu); until one is installed it shows as boxes.",
        script.name, script.font, script.package
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_scripts_users_meet() {
        assert_eq!(script_of('停').map(|s| s.package), Some("fonts-noto-cjk"));
        assert_eq!(script_of('한').map(|s| s.name), Some("Chinese, Japanese or Korean"));
        assert_eq!(script_of('ש').map(|s| s.name), Some("Hebrew"));
        assert_eq!(script_of('م').map(|s| s.name), Some("Arabic"));
        assert_eq!(script_of('न').map(|s| s.font), Some("Noto Sans Devanagari"));
        assert_eq!(script_of('ก').map(|s| s.name), Some("Thai"));
        assert_eq!(script_of('🕊').map(|s| s.package), Some("fonts-noto-color-emoji"));
        assert_eq!(script_of('✅').map(|s| s.name), Some("Emoji"));
        assert_eq!(script_of('a'), None);
        assert_eq!(script_of('\u{2028}'), None);
    }

    #[test]
    fn the_ranges_are_in_order() {
        assert!(RANGES.windows(2).all(|w| w[0].1 < w[1].0));
    }
}
