//! The welcome screen's state: whether it is shown, the examples' cards (read
//! the first time it shows), and whether Stances was opened before.

use super::examples::ExampleCard;

pub(super) struct Welcome {
    /// Shown in place of the columns.
    pub shown: bool,
    pub cards: Option<Vec<ExampleCard>>,
    /// Opened before: the screen then folds its how-to.
    pub welcomed: bool,
}
