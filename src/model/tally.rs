//! A class's tally: for each demand, how many students gave each status, the
//! majority and its share, and how divided the class is (the share of pairs of
//! students who agree). A student who gave one demand two statuses counts as not
//! coding it, as in the agreement figures.

use super::study::{Cell, Study};

/// What the class said about one demand (one unit of the study).
#[derive(Clone, Debug, PartialEq)]
pub struct DemandTally {
    /// The unit: an index into [`Study::units`].
    pub unit: usize,
    /// Students giving each status, in the study's status order.
    pub counts: Vec<usize>,
    /// Students who gave it one status.
    pub coded: usize,
    /// Students in the class who gave it no status (or two).
    pub not_coded: usize,
    /// The status most students gave; `None` on a tie or when nobody coded it.
    pub majority: Option<usize>,
    /// Students giving the majority ÷ students who coded it.
    pub majority_share: Option<f64>,
    /// Pairs of students who coded it and agree ÷ all pairs who coded it;
    /// `None` with fewer than two.
    pub pairwise_agreement: Option<f64>,
}

impl DemandTally {
    /// How divided the class is: 1 − pairwise agreement (0 when all agree).
    pub fn division(&self) -> Option<f64> {
        self.pairwise_agreement.map(|a| 1.0 - a)
    }
}

/// The counts in words, most first, with those who did not code it:
/// `18 Disputed · 9 Partial · 3 Agreed · 2 not coded`. `labels` are the statuses'
/// labels in the counts' order.
pub fn counts_in_words(labels: &[&str], tally: &DemandTally) -> String {
    let mut parts: Vec<(usize, String)> = tally
        .counts
        .iter()
        .zip(labels)
        .filter(|(c, _)| **c > 0)
        .map(|(c, label)| (*c, format!("{c} {label}")))
        .collect();
    // Stable: equal counts keep the codebook's order.
    parts.sort_by_key(|p| std::cmp::Reverse(p.0));
    let mut words: Vec<String> = parts.into_iter().map(|(_, w)| w).collect();
    if tally.not_coded > 0 {
        words.push(format!("{} not coded", tally.not_coded));
    }
    words.join(" · ")
}

/// The tally of every demand of the study, in its units' order. `students` is the
/// class's size: at least the study's coders (files with no mark are students who
/// coded nothing).
pub fn tally(study: &Study, students: usize) -> Vec<DemandTally> {
    let students = students.max(study.coders().len());
    (0..study.units().len())
        .map(|unit| tally_of(unit, counts_of(study, unit), students))
        .collect()
}

/// How many coders gave a unit each status of the study (one status each; a
/// coder who gave it two is not counted).
pub fn counts_of(study: &Study, unit: usize) -> Vec<usize> {
    let mut counts = vec![0usize; study.statuses().len()];
    for cell in study.cells(unit) {
        if let Cell::Coded { status, .. } = cell
            && let Some(count) = counts.get_mut(*status as usize)
        {
            *count += 1;
        }
    }
    counts
}

/// The figures of one demand from its counts per status.
pub fn tally_of(unit: usize, counts: Vec<usize>, students: usize) -> DemandTally {
    let coded: usize = counts.iter().sum();
    let top = counts.iter().copied().max().unwrap_or(0);
    let majority = (top > 0 && counts.iter().filter(|&&c| c == top).count() == 1)
        .then(|| counts.iter().position(|&c| c == top))
        .flatten();
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    DemandTally {
        unit,
        coded,
        not_coded: students.saturating_sub(coded),
        majority,
        majority_share: majority.map(|m| counts[m] as f64 / coded as f64),
        pairwise_agreement: (coded >= 2).then(|| counts.iter().map(|&c| pairs(c)).sum::<f64>() / pairs(coded)),
        counts,
    }
}

/// One coder (a student) of a class: how much they coded, and how often they
/// gave the status most of the class gave.
#[derive(Clone, Debug, PartialEq)]
pub struct CoderTally {
    pub coder: usize,
    /// Demands they gave one status.
    pub coded: usize,
    /// Of those with a majority, the ones where theirs was it.
    pub with_majority: usize,
    /// Demands they coded that have a majority.
    pub majority_units: usize,
}

impl CoderTally {
    /// The share of their codes that agree with the class's majority; `None`
    /// when they coded no demand that has one.
    pub fn majority_share(&self) -> Option<f64> {
        (self.majority_units > 0).then(|| self.with_majority as f64 / self.majority_units as f64)
    }
}

/// Every coder's tally, in the study's coder order, from the demands' tallies.
pub fn coders(study: &Study, demands: &[DemandTally]) -> Vec<CoderTally> {
    let mut rows: Vec<CoderTally> = (0..study.coders().len())
        .map(|coder| CoderTally {
            coder,
            coded: 0,
            with_majority: 0,
            majority_units: 0,
        })
        .collect();
    for demand in demands {
        for (coder, cell) in study.cells(demand.unit).iter().enumerate() {
            if let Cell::Coded { status, .. } = cell {
                rows[coder].coded += 1;
                if let Some(m) = demand.majority {
                    rows[coder].majority_units += 1;
                    if *status as usize == m {
                        rows[coder].with_majority += 1;
                    }
                }
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::tally_of;

    #[test]
    fn figures_of_a_divided_demand_by_hand() {
        // 18 Disputed, 9 Partial, 3 Agreed of 32 students: 2 not coded.
        let t = tally_of(0, vec![3, 9, 18], 32);
        assert_eq!((t.coded, t.not_coded, t.majority), (30, 2, Some(2)));
        assert_eq!(t.majority_share, Some(0.6));
        // (3·2/2 + 9·8/2 + 18·17/2) / (30·29/2) = (3 + 36 + 153) / 435
        assert_eq!(t.pairwise_agreement, Some(192.0 / 435.0));
    }

    #[test]
    fn a_tie_has_no_majority_and_one_coder_no_agreement() {
        let tie = tally_of(0, vec![2, 2, 0], 5);
        assert_eq!((tie.majority, tie.majority_share), (None, None));
        let one = tally_of(0, vec![0, 1, 0], 5);
        assert_eq!(
            (one.majority, one.majority_share, one.pairwise_agreement),
            (Some(1), Some(1.0), None)
        );
        let none = tally_of(0, vec![0, 0, 0], 5);
        assert_eq!(
            (none.majority, none.not_coded, none.pairwise_agreement),
            (None, 5, None)
        );
    }
}
