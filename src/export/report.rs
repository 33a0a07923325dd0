//! What every report says, gathered once: the title and rounds, the sides the
//! window shows, the marks numbered in reading order, and, when a coding study is
//! open, what each coder said about each demand.

use std::collections::HashMap;

use crate::model::comparison::SideIx;
use crate::model::position::human_date;
use crate::model::study::{Cell, Study};
use crate::model::{Comparison, DemandIx, Mark};

/// A comparison to report on, with the coding study around it if one is open.
pub struct Report<'a> {
    pub comparison: &'a Comparison,
    pub study: Option<&'a Study>,
    /// A demand of `comparison` → its unit in the study.
    units: HashMap<DemandIx, usize>,
    /// Mark id → its number in reading order (issue by issue, side by side);
    /// counted when first asked for (the CSVs never ask).
    numbers: std::cell::OnceCell<HashMap<&'a str, usize>>,
    /// The comparison's file as the user named it (for the warning about conflicts).
    name: String,
}

/// One round of the comparison: a position file's negotiation, round and date.
pub struct Round {
    pub negotiation: Option<String>,
    pub round: Option<String>,
    pub date: Option<String>,
}

impl<'a> Report<'a> {
    pub fn new(comparison: &'a Comparison) -> Self {
        Self::with_study(comparison, None)
    }

    /// A report with each coder's statuses and the agreement figures of `study`,
    /// whose positions are the comparison's.
    pub fn with_study(comparison: &'a Comparison, study: Option<&'a Study>) -> Self {
        let units = study.map_or_else(HashMap::new, |study| {
            let unit_of: HashMap<DemandIx, usize> = study.units().iter().enumerate().map(|(u, &ix)| (ix, u)).collect();
            // The report's documents may have other ids than the study's (a consensus
            // made from renamed files): matched by their positions, as the study matched its coders'.
            let map = study.match_comparison("the report", comparison).unwrap_or_else(|_| {
                comparison
                    .documents()
                    .iter()
                    .map(|d| (d.id.clone(), d.id.clone()))
                    .collect()
            });
            comparison
                .all_demands()
                .filter_map(|ix| {
                    let there = study.unit_demand(&map, comparison, ix)?;
                    Some((ix, *unit_of.get(&there)?))
                })
                .collect()
        });
        Self {
            comparison,
            study,
            units,
            numbers: std::cell::OnceCell::new(),
            name: "the comparison".to_owned(),
        }
    }

    /// The report of the file `name` (as the user named it).
    #[must_use]
    pub fn named(mut self, name: &str) -> Self {
        name.clone_into(&mut self.name);
        self
    }

    /// The line a report computed from files with unsettled merge conflicts
    /// carries at its top (they were refused unless the user asked for it).
    pub fn conflict_warning(&self) -> Option<String> {
        let mut files = vec![(self.name.as_str(), self.comparison)];
        if let Some(study) = self.study {
            files.extend(study.copies().iter().map(|c| (c.file.as_str(), &c.comparison)));
        }
        crate::model::unsettled::warning(&crate::model::unsettled::unsettled(files))
    }

    fn number_marks(&self) -> HashMap<&'a str, usize> {
        let cmp = self.comparison;
        let mut numbers = HashMap::new();
        for issue in 0..cmp.issues().len() {
            for side in self.sides() {
                for ix in cmp.demands_on(side, issue) {
                    for id in cmp.marks_on(ix) {
                        if let Some(mark) = cmp.mark(id) {
                            let next = numbers.len() + 1;
                            numbers.entry(mark.id.as_str()).or_insert(next);
                        }
                    }
                }
            }
        }
        numbers
    }

    /// What the report is about: the negotiations of its position files.
    pub fn title(&self) -> String {
        let mut names: Vec<&str> = Vec::new();
        for document in self.comparison.documents() {
            if let Some(name) = document.data.negotiation.as_deref()
                && !names.contains(&name)
            {
                names.push(name);
            }
        }
        if names.is_empty() {
            "Comparison of positions".to_owned()
        } else {
            names.join(" · ")
        }
    }

    /// Each position file's round and date, in order.
    pub fn rounds(&self) -> Vec<Round> {
        self.comparison
            .documents()
            .iter()
            .map(|d| Round {
                negotiation: d.data.negotiation.clone(),
                round: d.data.round.clone(),
                date: d.data.date.as_deref().map(human_date),
            })
            .collect()
    }

    /// The sides the window shows, in its order (every side when none is shown).
    pub fn sides(&self) -> Vec<SideIx> {
        let shown = self.comparison.visible_sides();
        if shown.is_empty() {
            (0..self.comparison.side_count()).collect()
        } else {
            shown
        }
    }

    /// Sides hidden in the window, which the report leaves out too.
    pub fn hidden_sides(&self) -> Vec<SideIx> {
        let shown = self.sides();
        (0..self.comparison.side_count())
            .filter(|s| !shown.contains(s))
            .collect()
    }

    /// What readers call a status: its label, or its id where the codebook has no such status.
    pub fn status_label<'s>(&'s self, id: &'s str) -> &'s str {
        self.comparison.codebook().get(id).map_or(id, |s| s.label.as_str())
    }

    /// The status's colour, grey where the codebook has no such status.
    pub fn status_rgb(&self, id: &str) -> [u8; 3] {
        self.comparison
            .codebook()
            .get(id)
            .map_or([0x80, 0x80, 0x80], |s| s.rgb())
    }

    /// A mark's number in reading order (issue by issue, side by side).
    pub fn number(&self, mark: &Mark) -> Option<usize> {
        self.numbers
            .get_or_init(|| self.number_marks())
            .get(mark.id.as_str())
            .copied()
    }

    /// The marks on a demand, oldest first.
    pub fn marks_on(&self, ix: DemandIx) -> impl Iterator<Item = &'a Mark> + '_ {
        let cmp = self.comparison;
        cmp.marks_on(ix).iter().filter_map(move |id| cmp.mark(id))
    }

    /// The marks on a shown side's demands on `issue`, in reading order.
    pub fn marks_on_issue(&self, issue: usize) -> Vec<&'a Mark> {
        let cmp = self.comparison;
        let mut marks: Vec<&Mark> = Vec::new();
        for side in self.sides() {
            for ix in cmp.demands_on(side, issue) {
                for mark in self.marks_on(ix) {
                    if !marks.iter().any(|m| m.id == mark.id) {
                        marks.push(mark);
                    }
                }
            }
        }
        marks.sort_by_key(|m| self.number(m));
        marks
    }

    /// The demands a mark covers, as "Ukraine (ua-ceasefire)", in its order.
    pub fn covered(&self, mark: &Mark) -> Vec<String> {
        let cmp = self.comparison;
        mark.demands
            .iter()
            .map(|r| match cmp.resolve(r) {
                Some(ix) => format!("{} ({})", cmp.side_label(ix.side as usize), r.demand()),
                None => format!("{} (no longer in the positions)", r.demand()),
            })
            .collect()
    }

    /// Marks on demands no open position file holds.
    pub fn orphans(&self) -> Vec<&'a Mark> {
        self.comparison.orphans().collect()
    }

    /// The study's disagreements no mark of the report's comparison settles (its
    /// units, in order); `None` without a study.
    pub fn unsettled(&self) -> Option<Vec<usize>> {
        let study = self.study?;
        let decided: std::collections::HashSet<usize> = self
            .units
            .iter()
            .filter(|(ix, _)| !self.comparison.marks_on(**ix).is_empty())
            .map(|(_, &u)| u)
            .collect();
        Some(
            study
                .disagreements()
                .into_iter()
                .filter(|u| !decided.contains(u))
                .collect(),
        )
    }

    /// The coders of the open study, in its order (none without a study).
    pub fn coders(&self) -> &[String] {
        self.study.map_or(&[], Study::coders)
    }

    /// What each coder of the study said about a demand: a status label, the
    /// conflicting labels joined by " / ", or "" for not coded.
    pub fn coders_said(&self, ix: DemandIx) -> Vec<String> {
        let Some(study) = self.study else {
            return Vec::new();
        };
        let Some(&unit) = self.units.get(&ix) else {
            return vec![String::new(); study.coders().len()];
        };
        let label = |code: u32| {
            study
                .statuses()
                .get(code as usize)
                .map_or_else(String::new, |s| s.label.clone())
        };
        study
            .cells(unit)
            .iter()
            .map(|cell| match cell {
                Cell::NotCoded => String::new(),
                Cell::Coded { status, .. } => label(*status),
                Cell::Conflict { statuses, .. } => statuses.iter().map(|&c| label(c)).collect::<Vec<_>>().join(" / "),
            })
            .collect()
    }
}
