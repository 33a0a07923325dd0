//! The codebook: the statuses a mark may have. Statuses are data, not a fixed enum,
//! so that a research project can bring its own coding scheme.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codebook {
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Default for Codebook {
    fn default() -> Self {
        let status = |id: &str, label: &str, color: &str, description: &str| Status {
            id: id.into(),
            label: label.into(),
            color: color.into(),
            description: Some(description.into()),
        };
        Self {
            statuses: vec![
                status("agreed", "Agreed", "#2f9e44", "Both sides accept this point."),
                status(
                    "partial",
                    "Partial",
                    "#d08c00",
                    "The sides overlap in part, or agree in principle only.",
                ),
                status("disputed", "Disputed", "#e03131", "The sides' positions clash."),
                status(
                    "unaddressed",
                    "Unaddressed",
                    "#7950f2",
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
}

impl Status {
    /// The colour as RGB, grey when it cannot be read.
    pub fn rgb(&self) -> [u8; 3] {
        parse_hex_color(&self.color).unwrap_or([128, 128, 128])
    }
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
