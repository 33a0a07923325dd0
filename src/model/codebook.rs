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
                    "#d08c00",
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
        parse_hex_color(&self.color).unwrap_or([128, 128, 128])
    }
}

/// Whether `key` can be a status key: one ASCII letter or digit.
pub fn is_valid_key(key: &str) -> bool {
    key.len() == 1 && key.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Parses `#rrggbb`.
pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}
