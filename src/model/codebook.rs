//! The codebook: the statuses a mark may have. Statuses are data, not a fixed enum,
//! so that a research project can bring its own coding scheme.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codebook {
    /// Stable across renames, so a research group can tell its codebook's versions apart.
    pub id: String,
    /// What users read.
    pub name: String,
    pub statuses: Vec<Status>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    /// What marks store; stable across renames of the label.
    pub id: String,
    /// What users read.
    pub label: String,
    /// `#rrggbb`, chosen to stay readable on light and dark backgrounds.
    pub color: String,
    /// The key that gives the selection this status: one letter or digit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

pub const DEFAULT_CODEBOOK_ID: &str = "stances-default";

impl Default for Codebook {
    fn default() -> Self {
        let status = |id: &str, label: &str, color: &str, key: &str, description: &str| Status {
            id: id.into(),
            label: label.into(),
            color: color.into(),
            key: Some(key.into()),
            description: Some(description.into()),
        };
        Self {
            id: DEFAULT_CODEBOOK_ID.into(),
            name: "Stances default".into(),
            statuses: vec![
                status("agreed", "Agreed", "#2f9e44", "1", "Both sides accept this point."),
                status(
                    "partial",
                    "Partial",
                    "#c07d00",
                    "2",
                    "The sides overlap in part, or agree in principle only.",
                ),
                status("disputed", "Disputed", "#e03131", "3", "The sides' positions clash."),
                status(
                    "unaddressed",
                    "Unaddressed",
                    "#7950f2",
                    "4",
                    "One side raised it; the other did not respond.",
                ),
            ],
        }
    }
}

impl Codebook {
    pub fn get(&self, id: &str) -> Option<&Status> {
        self.statuses.iter().find(|s| s.id == id)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.statuses.iter().position(|s| s.id == id)
    }

    /// The status whose key is `key` (compared without case).
    pub fn by_key(&self, key: &str) -> Option<&Status> {
        self.statuses
            .iter()
            .find(|s| s.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key)))
    }
}

impl Status {
    /// The colour as RGB, grey when it cannot be read.
    pub fn rgb(&self) -> [u8; 3] {
        color_rgb(&self.color)
    }
}

impl Codebook {
    /// What makes this codebook unusable, in words: no statuses, empty or repeated
    /// ids, unreadable colours, keys that are not one letter or digit or are used twice.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.statuses.is_empty() {
            problems.push("a codebook needs at least one status".to_owned());
        }
        for (i, status) in self.statuses.iter().enumerate() {
            let earlier = &self.statuses[..i];
            if status.id.trim().is_empty() {
                problems.push(format!("status {} has an empty id", i + 1));
            } else if earlier.iter().any(|s| s.id == status.id) {
                problems.push(format!("the status id `{}` is used twice", status.id));
            }
            if parse_hex_color(&status.color).is_none() {
                problems.push(format!("`{}` is not a colour; write it as #rrggbb", status.color));
            }
            if let Some(key) = &status.key {
                if !is_valid_key(key) {
                    problems.push(format!("the key of {} must be one letter or digit", status.label));
                } else if let Some(other) = earlier
                    .iter()
                    .find(|s| s.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key)))
                {
                    problems.push(format!("the key {key} is used by {} and {}", other.label, status.label));
                }
            }
        }
        problems
    }

    /// A status id not used yet, made from `label`.
    pub fn new_status_id(&self, label: &str) -> String {
        let base: String = label
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .trim_matches('-')
            .to_owned();
        let base = if base.is_empty() { "status".to_owned() } else { base };
        let mut id = base.clone();
        let mut n = 2;
        while self.get(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// The first digit 1–9 no status uses as its key.
    pub fn free_key(&self) -> Option<String> {
        (1..=9).map(|d| d.to_string()).find(|k| self.by_key(k).is_none())
    }
}

/// The backgrounds statuses are drawn on: the panels of the light and the dark theme.
pub const LIGHT_BACKGROUND: [u8; 3] = [248, 248, 248];
pub const DARK_BACKGROUND: [u8; 3] = [27, 27, 27];

/// The least contrast a status colour should have against each background, as
/// WCAG asks of large or bold text and of the parts of a control (3:1).
pub const MIN_CONTRAST: f64 = 3.0;

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    fn luminance([r, g, b]: [u8; 3]) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Why a status colour is hard to read on the light or the dark theme, if it is.
pub fn contrast_warning(rgb: [u8; 3]) -> Option<String> {
    let light = contrast_ratio(rgb, LIGHT_BACKGROUND);
    let dark = contrast_ratio(rgb, DARK_BACKGROUND);
    match (light < MIN_CONTRAST, dark < MIN_CONTRAST) {
        (false, false) => None,
        (true, false) => Some(format!(
            "too light for the light theme (contrast {light:.1}:1, needs {MIN_CONTRAST}:1); choose a darker shade"
        )),
        (false, true) => Some(format!(
            "too dark for the dark theme (contrast {dark:.1}:1, needs {MIN_CONTRAST}:1); choose a lighter shade"
        )),
        (true, true) => Some(format!(
            "hard to read on both themes (contrast {light:.1}:1 and {dark:.1}:1, needs {MIN_CONTRAST}:1); choose a mid-tone with more colour"
        )),
    }
}

/// `#rrggbb` of a colour.
pub fn hex_color([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Whether `key` can be a status key: one ASCII letter or digit.
pub fn is_valid_key(key: &str) -> bool {
    key.len() == 1 && key.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Parses `#rrggbb`.
/// A `#rrggbb` colour as red, green and blue; mid grey where it is not one.
pub fn color_rgb(hex: &str) -> [u8; 3] {
    parse_hex_color(hex).unwrap_or([128, 128, 128])
}

pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}
