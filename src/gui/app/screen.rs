//! What the window shows in its middle, one at a time: the welcome screen, the
//! comparison (in the view chosen in [`Views`](crate::gui::views::Views), the source
//! pane beside it when one is open), or a table of the open study or class.
//! Every part of the window asks [`StancesApp::screen`] instead of keeping a flag
//! of its own. A presentation (F5) is drawn over whichever is shown and gives it
//! back when it ends, so it is the presenter's, not a screen.

use super::StancesApp;
use crate::gui::ui::study_view::StudyTab;
use crate::gui::views::MainView;

/// What the middle of the window shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The welcome screen: the examples, what Stances does, how to begin.
    Welcome,
    /// The open comparison (a study's consensus too), in its chosen view.
    Comparison,
    /// One of the open study's or class's tables, in place of the comparison.
    Study(StudyTab),
}

impl StancesApp {
    pub(super) fn screen(&self) -> Screen {
        self.screen
    }

    /// Shows `screen`. A study's table needs an open study, and its consensus
    /// tab is the comparison itself; the welcome screen gives way to the
    /// comparison only when there is one.
    pub(super) fn show_screen(&mut self, screen: Screen) {
        self.screen = match screen {
            Screen::Study(StudyTab::Consensus) => Screen::Comparison,
            Screen::Study(_) if self.open.study.is_none() => Screen::Comparison,
            other => other,
        };
    }

    /// Whether the columns are in view: keys that select or mark demands act
    /// only then, never on columns hidden behind another screen or view.
    pub(super) fn columns_shown(&self) -> bool {
        self.screen == Screen::Comparison && self.shown.views.main == MainView::Columns
    }

    /// The comparison's views (columns, overview, values, rounds, conflicts) can
    /// be chosen: the comparison is shown and has sides.
    pub(super) fn comparison_shown(&self) -> bool {
        self.screen == Screen::Comparison && self.comparison().side_count() > 0
    }

    /// The study tab the study's strip shows as chosen.
    pub(super) fn study_tab(&self) -> StudyTab {
        match self.screen {
            Screen::Study(tab) => tab,
            _ => StudyTab::Consensus,
        }
    }
}
