//! The welcome screen's state: the examples' cards (read the first time it
//! shows), and whether Stances was opened before (whether it shows is the
//! window's [`Screen`](super::app::screen::Screen)).

use super::examples::ExampleCard;

pub(super) struct Welcome {
    pub cards: Option<Vec<ExampleCard>>,
    /// Opened before: the screen then folds its how-to.
    pub welcomed: bool,
}
