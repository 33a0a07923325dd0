//! A class's tally: for each demand, how many students gave each status, the
//! status most given and its share (a *majority* only when that share is over
//! half), and how divided the class is (the share of pairs of students who
//! agree). A student who gave one demand two statuses counts as not
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
    pub most_given: Option<usize>,
    /// Students giving it ÷ students who coded the demand.
    pub most_given_share: Option<f64>,
    /// Pairs of students who coded it and agree ÷ all pairs who coded it;
    /// `None` with fewer than two.
    pub pairwise_agreement: Option<f64>,
}

impl DemandTally {
    /// The status given by more than half the students who coded the demand.
    pub fn majority(&self) -> Option<usize> {
        self.most_given
            .filter(|_| self.most_given_share.is_some_and(|s| s > 0.5))
    }

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

/// The status most given in words, `("Majority", "Disputed (60 %)")` when it is
/// over half, `("Most given", "Partial (40 %)")` otherwise; `None` on a tie or
/// when nobody coded the demand.
pub fn most_given_in_words(labels: &[&str], tally: &DemandTally) -> Option<(&'static str, String)> {
    let (m, share) = (tally.most_given?, tally.most_given_share?);
    let kind = if tally.majority().is_some() {
        "Majority"
    } else {
        "Most given"
    };
    Some((kind, format!("{} ({:.0} %)", labels.get(m)?, share * 100.0)))
}

/// A worked example of the hand-out, in words: the teacher's status, which no
/// student's count includes.
pub fn example_in_words(label: &str) -> String {
    format!("Worked example (the teacher's): {label}, counted for no student")
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

/// The status given most; `None` on a tie or when none was given.
fn most_given(counts: &[usize]) -> Option<usize> {
    let top = counts.iter().copied().max().unwrap_or(0);
    (top > 0 && counts.iter().filter(|&&c| c == top).count() == 1)
        .then(|| counts.iter().position(|&c| c == top))
        .flatten()
}

/// The figures of one demand from its counts per status.
pub fn tally_of(unit: usize, counts: Vec<usize>, students: usize) -> DemandTally {
    let coded: usize = counts.iter().sum();
    let most_given = most_given(&counts);
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    DemandTally {
        unit,
        coded,
        not_coded: students.saturating_sub(coded),
        most_given,
        most_given_share: most_given.map(|m| counts[m] as f64 / coded as f64),
        pairwise_agreement: (coded >= 2).then(|| counts.iter().map(|&c| pairs(c)).sum::<f64>() / pairs(coded)),
        counts,
    }
}

/// One coder (a student) of a class: how much they coded, and how often they
/// gave the status the rest of the class gave most (their own vote left out, so
/// that it cannot make itself the class's).
#[derive(Clone, Debug, PartialEq)]
pub struct CoderTally {
    pub coder: usize,
    /// Demands they gave one status.
    pub coded: usize,
    /// Of those where the others gave one status most, the ones where theirs was it.
    pub with_others: usize,
    /// Demands they coded where the others gave one status most.
    pub others_units: usize,
}

impl CoderTally {
    /// The share of their codes that agree with the status the rest of the
    /// class gave most; `None` when the others gave no demand they coded one.
    pub fn with_others_share(&self) -> Option<f64> {
        (self.others_units > 0).then(|| self.with_others as f64 / self.others_units as f64)
    }
}

/// Every coder's tally, in the study's coder order, from the demands' tallies.
pub fn coders(study: &Study, demands: &[DemandTally]) -> Vec<CoderTally> {
    let mut rows: Vec<CoderTally> = (0..study.coders().len())
        .map(|coder| CoderTally {
            coder,
            coded: 0,
            with_others: 0,
            others_units: 0,
        })
        .collect();
    let mut others = Vec::new();
    for demand in demands {
        for (coder, cell) in study.cells(demand.unit).iter().enumerate() {
            if let Cell::Coded { status, .. } = cell {
                let status = *status as usize;
                rows[coder].coded += 1;
                others.clone_from(&demand.counts);
                if let Some(own) = others.get_mut(status) {
                    *own = own.saturating_sub(1);
                }
                if let Some(m) = most_given(&others) {
                    rows[coder].others_units += 1;
                    if status == m {
                        rows[coder].with_others += 1;
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
        assert_eq!((t.coded, t.not_coded, t.most_given), (30, 2, Some(2)));
        assert_eq!(t.most_given_share, Some(0.6));
        assert_eq!(t.majority(), Some(2), "60 % is more than half");
        // (3·2/2 + 9·8/2 + 18·17/2) / (30·29/2) = (3 + 36 + 153) / 435
        assert_eq!(t.pairwise_agreement, Some(192.0 / 435.0));
    }

    #[test]
    fn a_tie_has_no_majority_and_one_coder_no_agreement() {
        let tie = tally_of(0, vec![2, 2, 0], 5);
        assert_eq!((tie.most_given, tie.most_given_share), (None, None));
        let one = tally_of(0, vec![0, 1, 0], 5);
        assert_eq!(
            (one.most_given, one.most_given_share, one.pairwise_agreement),
            (Some(1), Some(1.0), None)
        );
        let none = tally_of(0, vec![0, 0, 0], 5);
        assert_eq!(
            (none.most_given, none.not_coded, none.pairwise_agreement),
            (None, 5, None)
        );
    }

    #[test]
    fn a_students_agreement_with_the_class_leaves_out_their_own_vote() {
        // Two of three said Agreed, one Disputed: without their own vote, each
        // Agreed student meets one Agreed and one Disputed (a tie, left out); the
        // Disputed student meets two Agreed (disagrees).
        let counts = vec![2, 0, 1];
        let mut others = counts.clone();
        others[0] -= 1;
        assert_eq!(super::most_given(&others), None);
        let mut others = counts;
        others[2] -= 1;
        assert_eq!(super::most_given(&others), Some(0));
    }

    #[test]
    fn most_given_is_a_majority_only_over_half() {
        let t = tally_of(0, vec![4, 3, 3], 10);
        assert_eq!(
            (t.most_given, t.majority()),
            (Some(0), None),
            "40 % is the most given, no majority"
        );
        let half = tally_of(0, vec![2, 1, 1], 4);
        assert_eq!(half.majority(), None, "half is not more than half");
    }
}
