//! View state saved with a comparison: which sides are shown as columns, in which
//! order and how wide. It is not part of the annotation: changing it is never an
//! undo step and never "unsaved work" on its own.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewState {
    /// Every side of the comparison, in display order (left first).
    #[serde(default)]
    pub columns: Vec<Column>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub document: String,
    pub side: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
    /// Width in points, when the user resized the column; otherwise columns share the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f32>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// Narrowest a column may be made, in points.
pub const MIN_COLUMN_WIDTH: f32 = 160.0;
/// Widest a column may be made, in points.
pub const MAX_COLUMN_WIDTH: f32 = 2000.0;

impl Column {
    pub fn new(document: impl Into<String>, side: impl Into<String>) -> Self {
        Self {
            document: document.into(),
            side: side.into(),
            hidden: false,
            width: None,
        }
    }

    pub fn is(&self, document: &str, side: &str) -> bool {
        self.document == document && self.side == side
    }
}

impl ViewState {
    /// Keeps the columns naming `sides` (first mention wins), appends the sides not
    /// listed yet, and brings widths into range: the view always describes exactly
    /// the sides there are, so it saves and loads back the same.
    pub fn normalize(&mut self, sides: &[(&str, &str)]) {
        let mut kept: Vec<Column> = Vec::with_capacity(sides.len());
        for column in self.columns.drain(..) {
            let exists = sides.iter().any(|(d, s)| column.is(d, s));
            let repeated = kept.iter().any(|k| k.is(&column.document, &column.side));
            if exists && !repeated {
                kept.push(column);
            }
        }
        for (document, side) in sides {
            if !kept.iter().any(|k| k.is(document, side)) {
                kept.push(Column::new(*document, *side));
            }
        }
        for column in &mut kept {
            column.width = column
                .width
                .filter(|w| w.is_finite())
                .map(|w| w.clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH).round());
        }
        self.columns = kept;
    }
}
