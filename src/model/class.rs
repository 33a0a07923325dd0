//! A class's results as a teacher reads them: the demands in the columns' order
//! (or most divided first) with their tallies, narrowed by issue, side and the
//! status most students gave; the teacher's key beside them, when the teacher's
//! own coded comparison is opened as one; and the list of students, to see who
//! has not handed in.

use std::collections::HashMap;

use super::comparison::Comparison;
use super::study::{Cell, Study};
use super::tally::DemandTally;

/// What the class view lets through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassFilter {
    /// An index into the positions' issues.
    pub issue: Option<usize>,
    pub side: Option<usize>,
    /// A status of the study: demands where it is the one most students gave.
    pub most_given: Option<usize>,
}

/// How the class view orders its demands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Grouped by issue, in the positions' order: as the columns show them.
    #[default]
    Issues,
    /// The demands fewest pairs of students agree on first (where to start the
    /// discussion); those fewer than two coded last.
    MostDivided,
}

/// The units (indexes into [`Study::units`]) `filter` lets through, in `order`:
/// by issue, each issue's sides in the columns' order of the class's positions.
/// `tallies` are the study's, one per unit, in its order.
pub fn rows(study: &Study, tallies: &[DemandTally], filter: &ClassFilter, order: Order) -> Vec<usize> {
    // Within an issue, the sides in the columns' order (hidden columns last).
    let columns = study.base().visible_sides();
    let column = |side: usize| columns.iter().position(|&s| s == side).unwrap_or(usize::MAX);
    let mut rows: Vec<(usize, usize, usize)> = (0..study.units().len())
        .filter(|&u| {
            filter.issue.is_none_or(|i| study.issue_of(u) == Some(i))
                && filter.side.is_none_or(|s| study.units()[u].side as usize == s)
                && filter.most_given.is_none_or(|m| tallies[u].most_given == Some(m))
        })
        .map(|u| {
            let issue = study.issue_of(u).unwrap_or(usize::MAX);
            (issue, column(study.units()[u].side as usize), u)
        })
        .collect();
    rows.sort_unstable();
    let mut rows: Vec<usize> = rows.into_iter().map(|(_, _, u)| u).collect();
    if order == Order::MostDivided {
        // Stable: equally divided demands keep the issues' order.
        rows.sort_by(|&a, &b| {
            let agreement = |u: usize| tallies[u].pairwise_agreement.unwrap_or(f64::INFINITY);
            agreement(a).total_cmp(&agreement(b))
        });
    }
    rows
}

/// The teacher's key: the status the teacher gave each demand, read from the
/// teacher's own coded comparison of the class's positions.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The file it was read from, as shown.
    pub file: String,
    /// Per unit, the study's status the key gives it; `None` where the key
    /// leaves it out or gives it two statuses.
    statuses: Vec<Option<usize>>,
}

/// How often codes agree with the key: of the `both` coded by both, `agree`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyAgreement {
    pub agree: usize,
    pub both: usize,
}

impl KeyAgreement {
    /// `agree ÷ both`; `None` when nothing was coded by both.
    pub fn share(&self) -> Option<f64> {
        (self.both > 0).then(|| self.agree as f64 / self.both as f64)
    }
}

impl Key {
    /// The key in `teacher`, the comparison read from `file`: refused, saying
    /// why, when it holds other positions than the class's or no mark of a
    /// status the class was coding with.
    pub fn new(study: &Study, file: &str, teacher: &Comparison) -> Result<Self, String> {
        let map = study.match_comparison(file, teacher).map_err(|e| e.to_string())?;
        let unit_of: HashMap<_, usize> = study.units().iter().enumerate().map(|(u, &ix)| (ix, u)).collect();
        let status_of: HashMap<&str, usize> = study
            .statuses()
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        // Per unit: the statuses the key gives it (two make it no answer).
        let mut given: Vec<Vec<usize>> = vec![Vec::new(); study.units().len()];
        let mut unknown: Vec<String> = Vec::new();
        for mark in teacher.marks() {
            let Some(&status) = status_of.get(mark.status.as_str()) else {
                if !unknown.contains(&mark.status) {
                    unknown.push(mark.status.clone());
                }
                continue;
            };
            for r in &mark.demands {
                let Some(ix) = teacher.resolve(r) else { continue };
                if let Some(&unit) = study.unit_demand(&map, teacher, ix).and_then(|b| unit_of.get(&b))
                    && !given[unit].contains(&status)
                {
                    given[unit].push(status);
                }
            }
        }
        let statuses: Vec<Option<usize>> = given
            .into_iter()
            .map(|s| if let [one] = s[..] { Some(one) } else { None })
            .collect();
        if statuses.iter().all(Option::is_none) {
            let mut why = format!(
                "{file}: this comparison gives none of the class's demands a status, so it cannot be the key; open the comparison you coded yourself"
            );
            if !unknown.is_empty() {
                why.push_str(&format!(
                    " (its statuses {} are not in the class's codebook)",
                    unknown.join(", ")
                ));
            }
            return Err(why);
        }
        Ok(Self {
            file: file.to_owned(),
            statuses,
        })
    }

    /// The status the key gives `unit`.
    pub fn status(&self, unit: usize) -> Option<usize> {
        self.statuses.get(unit).copied().flatten()
    }

    /// How many demands the key gives a status.
    pub fn coded(&self) -> usize {
        self.statuses.iter().flatten().count()
    }

    /// How often `coder` gave the key's status, over the demands both coded.
    pub fn coder_agreement(&self, study: &Study, coder: usize) -> KeyAgreement {
        let mut out = KeyAgreement::default();
        for unit in 0..study.units().len() {
            if let (Some(key), Cell::Coded { status, .. }) = (self.status(unit), study.cell(unit, coder)) {
                out.both += 1;
                out.agree += usize::from(*status as usize == key);
            }
        }
        out
    }

    /// How many of the students who coded `unit` gave the key's status.
    pub fn demand_agreement(&self, tally: &DemandTally) -> Option<KeyAgreement> {
        let key = self.status(tally.unit)?;
        Some(KeyAgreement {
            agree: tally.counts.get(key).copied().unwrap_or(0),
            both: tally.coded,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_agreement_share() {
        assert_eq!(KeyAgreement { agree: 3, both: 4 }.share(), Some(0.75));
        assert_eq!(KeyAgreement::default().share(), None);
    }
}
