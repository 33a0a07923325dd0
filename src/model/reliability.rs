//! Inter-coder agreement on nominal codes: percent agreement, Cohen's κ and
//! Krippendorff's α, on a table of units × coders where a cell may be empty (the
//! coder did not code that unit). Pure arithmetic, no knowledge of demands or
//! files: `study.rs` builds the table.
//!
//! The formulas are the textbook ones (Krippendorff 2011, "Computing
//! Krippendorff's alpha-reliability"; Cohen 1960), computed from per-unit counts
//! so that the cost grows with units × coders, not with pairs of coders.

use std::collections::HashMap;

/// A code: an index into the study's list of values (statuses).
pub type Code = u32;

/// Why a figure cannot be computed. Shown instead of a number, never as NaN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undefined {
    /// No unit was coded by two coders or more.
    NoPairableUnit,
    /// κ is for exactly two coders.
    NotTwoCoders,
    /// Every code given is the same value: there is no variation to agree on by
    /// more than chance (expected disagreement is zero).
    OneValueOnly,
}

impl Undefined {
    pub fn reason(self) -> &'static str {
        match self {
            Undefined::NoPairableUnit => "no unit coded by two coders",
            Undefined::NotTwoCoders => "κ needs exactly two coders",
            Undefined::OneValueOnly => "every code is the same status, so chance agreement is total",
        }
    }
}

/// A figure, or why there is none.
pub type Figure = Result<f64, Undefined>;

/// A figure for people: a percentage with one decimal, else three decimals; a dash
/// where it is undefined (the reason goes in a footnote or a tooltip).
pub fn figure_text(figure: &Figure, percent: bool) -> String {
    match figure {
        Ok(x) if percent => format!("{:.1} %", x * 100.0),
        Ok(x) => format!("{x:.3}"),
        Err(_) => "–".to_owned(),
    }
}

/// Agreement over a set of units.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// Units in the set, coded or not.
    pub units: usize,
    /// Units coded by at least two coders: the only ones that say anything about agreement.
    pub pairable_units: usize,
    /// Units coded by exactly one coder.
    pub coded_once: usize,
    /// Units no coder coded.
    pub not_coded: usize,
    /// Codes left out because a coder gave one unit two statuses (a within-coder
    /// conflict, counted as not coded); set by the study, 0 from a bare table.
    pub within_coder_conflicts: usize,
    /// Coders who coded at least one unit of the set.
    pub coders: usize,
    /// Share of agreeing pairs of codes among all pairs of codes given to the same
    /// unit (0–1): for two coders, the share of units both coded where they agree.
    pub percent_agreement: Figure,
    /// Cohen's κ over the units both coders coded; only for exactly two coders.
    pub cohen_kappa: Figure,
    /// Krippendorff's α for nominal data, any number of coders, missing values allowed.
    pub krippendorff_alpha: Figure,
}

/// The codes of each unit: `table[unit][coder]`, `None` where that coder did not code it.
pub fn agreement(table: &[Vec<Option<Code>>]) -> Agreement {
    let width = table.iter().map(Vec::len).max().unwrap_or(0);
    let t = Tallies::of(table, width);
    let coders = t.coded_by.iter().filter(|&&c| c).count();
    let percent_agreement = if t.pairable_units == 0 {
        Err(Undefined::NoPairableUnit)
    } else {
        Ok(t.agreeing_pairs / t.all_pairs)
    };
    let cohen_kappa = if width != 2 || coders > 2 {
        Err(Undefined::NotTwoCoders)
    } else if t.pairable_units == 0 {
        // Two coders in the study, but not both in this scope: nothing to pair.
        Err(Undefined::NoPairableUnit)
    } else {
        let pairs: Vec<(Code, Code)> = table
            .iter()
            .filter_map(|unit| match unit.as_slice() {
                [Some(a), Some(b)] => Some((*a, *b)),
                _ => None,
            })
            .collect();
        cohen_kappa(&pairs)
    };
    Agreement {
        units: table.len(),
        pairable_units: t.pairable_units,
        coded_once: t.coded_once,
        not_coded: t.not_coded,
        within_coder_conflicts: 0,
        coders,
        percent_agreement,
        cohen_kappa,
        krippendorff_alpha: t.krippendorff_alpha(),
    }
}

/// What the figures are made of, counted over a table's units in one pass.
struct Tallies {
    pairable_units: usize,
    coded_once: usize,
    not_coded: usize,
    /// Whether each coder coded a unit.
    coded_by: Vec<bool>,
    /// Krippendorff: n_c (pairable values per code) and the sum over units of
    /// the observed disagreement.
    value_totals: HashMap<Code, f64>,
    observed_disagreement: f64,
    /// Percent agreement: agreeing and all pairs.
    agreeing_pairs: f64,
    all_pairs: f64,
}

impl Tallies {
    fn of(table: &[Vec<Option<Code>>], width: usize) -> Self {
        let mut t = Self {
            pairable_units: 0,
            coded_once: 0,
            not_coded: 0,
            coded_by: vec![false; width],
            value_totals: HashMap::new(),
            observed_disagreement: 0.0,
            agreeing_pairs: 0.0,
            all_pairs: 0.0,
        };
        let mut counts: HashMap<Code, usize> = HashMap::new();
        for unit in table {
            counts.clear();
            let mut m = 0usize;
            for (coder, code) in unit.iter().enumerate() {
                if let Some(code) = code {
                    t.coded_by[coder] = true;
                    *counts.entry(*code).or_default() += 1;
                    m += 1;
                }
            }
            match m {
                0 => t.not_coded += 1,
                1 => t.coded_once += 1,
                _ => {
                    t.pairable_units += 1;
                    let same: usize = counts.values().map(|&c| c * (c - 1)).sum();
                    let ordered_pairs = m * (m - 1);
                    t.observed_disagreement += (ordered_pairs - same) as f64 / (m - 1) as f64;
                    t.agreeing_pairs += same as f64 / 2.0;
                    t.all_pairs += ordered_pairs as f64 / 2.0;
                    for (&code, &c) in &counts {
                        *t.value_totals.entry(code).or_default() += c as f64;
                    }
                }
            }
        }
        t
    }

    /// Krippendorff's α for nominal data.
    fn krippendorff_alpha(&self) -> Figure {
        if self.pairable_units == 0 {
            return Err(Undefined::NoPairableUnit);
        }
        let n: f64 = self.value_totals.values().sum();
        let expected = n * n - self.value_totals.values().map(|c| c * c).sum::<f64>();
        if expected <= 0.0 {
            Err(Undefined::OneValueOnly)
        } else {
            Ok(1.0 - (n - 1.0) * self.observed_disagreement / expected)
        }
    }
}

/// Cohen's κ for two coders over the units both coded.
pub fn cohen_kappa(pairs: &[(Code, Code)]) -> Figure {
    if pairs.is_empty() {
        return Err(Undefined::NoPairableUnit);
    }
    let n = pairs.len() as f64;
    let mut first: HashMap<Code, f64> = HashMap::new();
    let mut second: HashMap<Code, f64> = HashMap::new();
    let mut agree = 0.0;
    for &(a, b) in pairs {
        *first.entry(a).or_default() += 1.0;
        *second.entry(b).or_default() += 1.0;
        if a == b {
            agree += 1.0;
        }
    }
    let observed = agree / n;
    let chance: f64 = first
        .iter()
        .map(|(code, count)| count / n * second.get(code).copied().unwrap_or(0.0) / n)
        .sum();
    if (1.0 - chance).abs() < 1e-12 {
        return Err(Undefined::OneValueOnly);
    }
    Ok((observed - chance) / (1.0 - chance))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows are coders here, as published; `agreement` wants units × coders.
    fn by_unit(coders: &[&[Option<Code>]]) -> Vec<Vec<Option<Code>>> {
        let units = coders[0].len();
        (0..units).map(|u| coders.iter().map(|c| c[u]).collect()).collect()
    }

    #[test]
    fn krippendorffs_worked_example_gives_nominal_alpha_0_743() {
        // Krippendorff (2011), section C: 4 coders, 12 units, values 1–5, gaps.
        let n = None;
        let a = [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(1),
            Some(4),
            Some(1),
            Some(2),
            n,
            n,
            n,
        ];
        let b = [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(2),
            Some(4),
            Some(1),
            Some(2),
            Some(5),
            n,
            Some(3),
        ];
        let c = [
            n,
            Some(3),
            Some(3),
            Some(3),
            Some(2),
            Some(3),
            Some(4),
            Some(2),
            Some(2),
            Some(5),
            Some(1),
            n,
        ];
        let d = [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(4),
            Some(4),
            Some(1),
            Some(2),
            Some(5),
            Some(1),
            n,
        ];
        let result = agreement(&by_unit(&[&a, &b, &c, &d]));
        let alpha = result.krippendorff_alpha.expect("defined");
        assert!((alpha - 0.743).abs() < 0.0005, "{alpha}");
        assert_eq!(result.units, 12);
        // Unit 12 has one value only: it cannot be paired.
        assert_eq!(result.pairable_units, 11);
        assert_eq!(result.coded_once, 1);
        assert_eq!(result.coders, 4);
        assert_eq!(result.cohen_kappa, Err(Undefined::NotTwoCoders));
    }

    #[test]
    fn two_coders_over_ten_units_give_kappa_0_5775_and_70_percent() {
        let [agreed, disputed, partial, unaddressed] = [0, 1, 2, 3];
        let a = [
            agreed,
            disputed,
            partial,
            disputed,
            agreed,
            unaddressed,
            disputed,
            agreed,
            partial,
            disputed,
        ];
        let b = [
            agreed,
            disputed,
            disputed,
            disputed,
            agreed,
            unaddressed,
            partial,
            agreed,
            partial,
            agreed,
        ];
        let table: Vec<Vec<Option<Code>>> = a.iter().zip(b).map(|(&x, y)| vec![Some(x), Some(y)]).collect();
        let result = agreement(&table);
        let kappa = result.cohen_kappa.expect("defined");
        assert!((kappa - 0.5775).abs() < 0.00005, "{kappa}");
        let percent = result.percent_agreement.expect("defined");
        assert!((percent - 0.7).abs() < 1e-12, "{percent}");
    }

    #[test]
    fn coders_who_always_agree_have_alpha_and_kappa_one() {
        let table: Vec<Vec<Option<Code>>> = [0, 1, 2, 1, 0].iter().map(|&c| vec![Some(c), Some(c)]).collect();
        let result = agreement(&table);
        assert_eq!(result.krippendorff_alpha, Ok(1.0));
        assert_eq!(result.cohen_kappa, Ok(1.0));
        assert_eq!(result.percent_agreement, Ok(1.0));
    }

    #[test]
    fn no_pairable_unit_leaves_the_figures_undefined() {
        let table = vec![vec![Some(0), None], vec![None, Some(1)], vec![None, None]];
        let result = agreement(&table);
        assert_eq!(result.krippendorff_alpha, Err(Undefined::NoPairableUnit));
        assert_eq!(result.percent_agreement, Err(Undefined::NoPairableUnit));
        assert_eq!(result.cohen_kappa, Err(Undefined::NoPairableUnit));
        assert_eq!((result.coded_once, result.not_coded), (2, 1));
    }

    #[test]
    fn one_status_used_by_everyone_leaves_kappa_and_alpha_undefined() {
        let table = vec![vec![Some(2), Some(2)]; 6];
        let result = agreement(&table);
        assert_eq!(result.cohen_kappa, Err(Undefined::OneValueOnly));
        assert_eq!(result.krippendorff_alpha, Err(Undefined::OneValueOnly));
        assert_eq!(result.percent_agreement, Ok(1.0));
    }

    #[test]
    fn uncoded_units_do_not_change_the_figures() {
        let base: Vec<Vec<Option<Code>>> = vec![
            vec![Some(0), Some(0)],
            vec![Some(1), Some(0)],
            vec![Some(1), Some(1)],
            vec![Some(2), Some(2)],
        ];
        let mut padded = base.clone();
        padded.extend(std::iter::repeat_n(vec![None, None], 50));
        padded.extend(std::iter::repeat_n(vec![Some(0), None], 50));
        let (x, y) = (agreement(&base), agreement(&padded));
        assert_eq!(x.krippendorff_alpha, y.krippendorff_alpha);
        assert_eq!(x.cohen_kappa, y.cohen_kappa);
        assert_eq!(x.percent_agreement, y.percent_agreement);
        assert_eq!((y.units, y.pairable_units, y.coded_once, y.not_coded), (104, 4, 50, 50));
    }
}
