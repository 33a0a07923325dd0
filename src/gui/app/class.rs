//! A class in the window (File › Open class…): the figures worked out once when
//! it opens (the students' files do not change while it is open), the teacher's
//! key, and what the class view shows. Its fields are its own: the view reads
//! them, and [`ClassAction`]s change them.

use std::collections::HashMap;
use std::path::Path;

use super::StancesApp;
use crate::gui::ui::class_slides::{ClassDemand, ClassSlides};
use crate::model::class::{ClassFilter, Key, Order, rows};
use crate::model::class_roll::Roll;
use crate::model::study::{Cell, Study};
use crate::model::tally::{DemandTally, tally};

/// What the class view asks of the window.
#[derive(Clone, Debug, PartialEq)]
pub enum ClassAction {
    SetFilter(ClassFilter),
    SetOrder(Order),
    /// Asks for the teacher's own coded comparison, to open as the key.
    ChooseKey,
    /// Puts the key away.
    ClearKey,
}

pub struct ClassState {
    /// Who is in the class, as `stances tally` reads it too.
    roll: Roll,
    /// One per unit of the study.
    tallies: Vec<DemandTally>,
    key: Option<Key>,
    filter: ClassFilter,
    order: Order,
    /// The units shown, for the filter and order: worked out when they change.
    rows: Vec<usize>,
    /// Each unit's issue (an index into the positions' issues), looked up once.
    issues: Vec<Option<usize>>,
}

impl ClassState {
    pub fn new(study: &Study, roll: Roll) -> Self {
        let tallies = tally(study, roll.size());
        let rows = rows(study, &tallies, &ClassFilter::default(), Order::default());
        let issues = (0..study.units().len()).map(|u| study.issue_of(u)).collect();
        Self {
            issues,
            roll,
            tallies,
            key: None,
            filter: ClassFilter::default(),
            order: Order::default(),
            rows,
        }
    }

    pub fn size(&self) -> usize {
        self.roll.size()
    }

    pub fn roll(&self) -> &Roll {
        &self.roll
    }

    pub fn tally(&self, unit: usize) -> &DemandTally {
        &self.tallies[unit]
    }

    /// The units shown, in order.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// A unit's issue, as an index into the positions' issues.
    pub fn issue_of(&self, unit: usize) -> Option<usize> {
        self.issues.get(unit).copied().flatten()
    }

    pub fn filter(&self) -> &ClassFilter {
        &self.filter
    }

    pub fn order(&self) -> Order {
        self.order
    }

    pub fn key(&self) -> Option<&Key> {
        self.key.as_ref()
    }

    /// The students on the folder's list who have not handed in; `None` when
    /// the folder has no list.
    pub fn missing(&self) -> Option<Vec<&str>> {
        self.roll.roster.is_some().then(|| self.roll.missing())
    }

    fn show(&mut self, study: &Study, filter: ClassFilter, order: Order) {
        self.filter = filter;
        self.order = order;
        self.rows = rows(study, &self.tallies, &self.filter, self.order);
    }
}

impl StancesApp {
    pub(super) fn handle_class(&mut self, ctx: &egui::Context, action: ClassAction) {
        let Some(study) = self.open.study.as_mut() else {
            return;
        };
        let Some(class) = study.class.as_mut() else {
            return;
        };
        let students = study.adjudication.study();
        match action {
            ClassAction::SetFilter(filter) => {
                let order = class.order;
                class.show(students, filter, order);
            }
            ClassAction::SetOrder(order) => {
                let filter = class.filter.clone();
                class.show(students, filter, order);
            }
            ClassAction::ChooseKey => {
                // Beside the class's folder, not in it: a key among the students'
                // files would be read as a student's next time.
                let near = students
                    .copies()
                    .first()
                    .and_then(|c| Path::new(&c.file).parent()?.parent().map(Path::to_path_buf))
                    .map(|dir| dir.join(format!("key.{}", crate::format::comparison_file::COMPARISON_EXTENSION)));
                self.dialogs
                    .files
                    .request(ctx, crate::gui::ui::file_dialogs::FileAction::OpenKey, near);
            }
            ClassAction::ClearKey => {
                class.key = None;
                self.notices.info("The key is put away.");
            }
        }
    }

    /// The open class's result for a presentation, when the class view is shown
    /// (the consensus's columns present as any comparison).
    pub(super) fn class_slides(&self) -> Option<ClassSlides> {
        let study = self.open.study.as_ref()?;
        let class = study.class.as_ref()?;
        if !matches!(self.screen(), super::screen::Screen::Study(_)) {
            return None;
        }
        let students = study.adjudication.study();
        let consensus = self.open.doc.comparison();
        let mut demands = HashMap::new();
        for (unit, tally) in class.tallies.iter().enumerate() {
            let Some(ix) = study.adjudication.demand_in(consensus, unit) else {
                continue;
            };
            let notes = students
                .cells(unit)
                .iter()
                .enumerate()
                .filter_map(|(coder, cell)| match cell {
                    Cell::Coded { status, note, .. } if !note.trim().is_empty() => {
                        Some((students.coders()[coder].clone(), *status as usize, note.clone()))
                    }
                    _ => None,
                })
                .collect();
            demands.insert(
                ix,
                ClassDemand {
                    tally: tally.clone(),
                    key: class.key.as_ref().and_then(|k| k.status(unit)),
                    example: students.example(unit),
                    notes,
                },
            );
        }
        Some(ClassSlides {
            statuses: students.statuses().to_vec(),
            demands,
            names: false,
            live_revealed: None,
        })
    }

    /// Reads the teacher's coded comparison at `path` as the open class's key.
    pub(super) fn open_key(&mut self, path: &Path) {
        let Some(study) = self.open.study.as_mut() else {
            return;
        };
        let Some(class) = study.class.as_mut() else {
            return;
        };
        let read = crate::io::study::read_coded_copy(path)
            .and_then(|copy| Key::new(study.adjudication.study(), &copy.file, &copy.comparison));
        match read {
            Ok(key) => {
                self.notices.info(format!(
                    "The key is {}: {} given a status. Each student's agreement with it is under Students.",
                    key.file,
                    crate::format::diagnostics::count(key.coded(), "demand", "demands")
                ));
                class.key = Some(key);
            }
            Err(e) => self.notices.error(e),
        }
    }
}
