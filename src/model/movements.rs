//! Concessions and hardenings: which way a side moved on a demand between two
//! rounds, by its priority and by its range against the other sides' values on
//! the same issue.

use std::collections::HashMap;

use super::position::{Demand, PositionFile, Value, format_number};
use super::rounds::Field;
use super::values::{Relation, relation, unit_key};

/// Which way a side moved on a demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards the other sides: a priority lowered, a range moved closer to theirs.
    Concession,
    /// Away from them: a priority raised, a range moved further off.
    Hardening,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Self::Concession => "Concession",
            Self::Hardening => "Hardening",
        }
    }
}

/// A concession or hardening, with what it was in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Movement {
    pub direction: Direction,
    /// "priority lowered from Core to High", "range moved towards Russia: the gap
    /// went from 27 to 17 days".
    pub what: String,
}

/// A round's values by issue and unit, found once: a side's ranges are measured
/// against the other sides' on the same issue, for every demand whose value changed.
struct ValueIndex<'a> {
    file: &'a PositionFile,
    /// (issue id, unit key) → (side, value), sides in file order.
    by_issue: HashMap<(&'a str, String), Vec<(usize, &'a Value)>>,
}

/// A round's [`ValueIndex`], made the first time it is asked for: most
/// comparisons of rounds never need it.
pub(super) struct LazyValues<'a> {
    file: &'a PositionFile,
    index: std::cell::OnceCell<ValueIndex<'a>>,
}

impl<'a> LazyValues<'a> {
    pub(super) fn new(file: &'a PositionFile) -> Self {
        Self {
            file,
            index: std::cell::OnceCell::new(),
        }
    }

    fn get(&self) -> &ValueIndex<'a> {
        self.index.get_or_init(|| ValueIndex::new(self.file))
    }
}

impl<'a> ValueIndex<'a> {
    fn new(file: &'a PositionFile) -> Self {
        let mut by_issue: HashMap<(&str, String), Vec<(usize, &Value)>> = HashMap::new();
        for (s, side) in file.sides.iter().enumerate() {
            for demand in &side.demands {
                if let Some(value) = &demand.value {
                    by_issue
                        .entry((demand.issue.as_str(), unit_key(&value.unit)))
                        .or_default()
                        .push((s, value));
                }
            }
        }
        Self { file, by_issue }
    }

    /// The values in `unit` that the sides other than `me` state on `issue`, by side.
    fn others(&self, me: Option<usize>, issue: &str, unit: &str) -> Vec<(&'a str, Vec<&'a Value>)> {
        let mut out: Vec<(usize, Vec<&Value>)> = Vec::new();
        for &(side, value) in self
            .by_issue
            .get(&(issue, unit.to_owned()))
            .map_or(&[][..], Vec::as_slice)
        {
            if Some(side) == me {
                continue;
            }
            match out.last_mut() {
                Some((s, values)) if *s == side => values.push(value),
                _ => out.push((side, vec![value])),
            }
        }
        out.into_iter()
            .map(|(side, values)| (self.file.sides[side].name.as_str(), values))
            .collect()
    }
}

/// The other sides of the rounds, against whom a side's ranges are measured.
pub(super) struct Others<'r, 'a> {
    pub old: &'r LazyValues<'a>,
    pub new: &'r LazyValues<'a>,
    /// The side that moved, in each round (its own values are not the others').
    pub old_side: Option<usize>,
    pub new_side: Option<usize>,
}

impl Others<'_, '_> {
    /// The other sides' values on the issue in `unit`, each side with its values
    /// in the old round and in the new (where it stated one), named as in the new
    /// round (else the old). A gap is measured within a round: the old range
    /// against the other sides' old ranges, the new against their new ones.
    fn values(&self, issue_new: &str, issue_old: &str, unit: &str) -> Vec<(&str, Vec<&Value>, Vec<&Value>)> {
        let new = self.new.get().others(self.new_side, issue_new, unit);
        let old = self.old.get().others(self.old_side, issue_old, unit);
        let mut out: Vec<(&str, Vec<&Value>, Vec<&Value>)> = Vec::new();
        for (name, values) in &new {
            let before = old
                .iter()
                .find(|(n, _)| n == name)
                .map_or_else(Vec::new, |(_, v)| v.clone());
            out.push((name, before, values.clone()));
        }
        for (name, values) in &old {
            if !out.iter().any(|(n, _, _)| n == name) {
                out.push((name, values.clone(), Vec::new()));
            }
        }
        out
    }
}

/// How far a range is from another side's values: the gap to the nearest, zero
/// where one overlaps.
fn distance(value: &Value, theirs: &[&Value]) -> f64 {
    theirs
        .iter()
        .map(|t| match relation(value, t) {
            Relation::Gap(g) => g,
            Relation::Overlap { .. } => 0.0,
        })
        .fold(f64::INFINITY, f64::min)
}

pub(super) fn movements(old: &Demand, new: &Demand, fields: &[Field], others: &Others<'_, '_>) -> Vec<Movement> {
    let mut out = Vec::new();
    if fields.contains(&Field::Priority)
        && let (Some(from), Some(to)) = (old.priority, new.priority)
    {
        // Core is the strongest: a later priority in the list is a weaker one.
        let (direction, verb) = if to > from {
            (Direction::Concession, "lowered")
        } else {
            (Direction::Hardening, "raised")
        };
        out.push(Movement {
            direction,
            what: format!("priority {verb} from {} to {}", from.name(), to.name()),
        });
    }
    if fields.contains(&Field::Value)
        && let (Some(before), Some(after)) = (&old.value, &new.value)
        && unit_key(&before.unit) == unit_key(&after.unit)
    {
        out.extend(value_movements(before, after, &new.issue, &old.issue, others));
    }
    out
}

/// A value's move measured against the other sides' values on the issue in
/// the two rounds: towards some (a concession), away from others (a hardening).
fn value_movements(
    before: &Value,
    after: &Value,
    issue: &str,
    old_issue: &str,
    others: &Others<'_, '_>,
) -> Vec<Movement> {
    let mut out = Vec::new();
    let unit = unit_key(&after.unit);
    let theirs = others.values(issue, old_issue, &unit);
    let (mut closer, mut further) = (Vec::new(), Vec::new());
    let mut gaps = Vec::new();
    for (name, old_values, new_values) in &theirs {
        // A side that stated no value in one round is measured by the round it did.
        let old_values = if old_values.is_empty() { new_values } else { old_values };
        let new_values = if new_values.is_empty() { old_values } else { new_values };
        let (was, is) = (distance(before, old_values), distance(after, new_values));
        if is < was {
            closer.push(*name);
        } else if is > was {
            further.push(*name);
        }
        gaps.push((*name, was, is));
    }
    // How far this side moved, said apart from the gap (which both sides' moves make).
    let own = format!("its own value went from {before} to {after}");
    // A side that moved closer to some and further from others is said to do both.
    if !closer.is_empty() {
        out.push(Movement {
            direction: Direction::Concession,
            what: format!(
                "range moved towards {}: {} ({own})",
                closer.join(" and "),
                gap_words(&gaps, &closer, &after.unit)
            ),
        });
    }
    if !further.is_empty() {
        out.push(Movement {
            direction: Direction::Hardening,
            what: format!(
                "range moved away from {}: {} ({own})",
                further.join(" and "),
                gap_words(&gaps, &further, &after.unit)
            ),
        });
    }
    out
}

/// The gaps to the named sides, in words: now overlapping, no longer, or from one size to another.
fn gap_words(gaps: &[(&str, f64, f64)], names: &[&str], unit: &str) -> String {
    let parts: Vec<String> = gaps
        .iter()
        .filter(|(n, _, _)| names.contains(n))
        .map(|(n, was, is)| {
            let number = |x: f64| format_number(x);
            if *is == 0.0 {
                format!(
                    "now overlapping {n}'s range (the gap was {} {})",
                    number(*was),
                    unit.trim()
                )
            } else if *was == 0.0 {
                format!(
                    "no longer overlapping {n}'s range (a gap of {} {})",
                    number(*is),
                    unit.trim()
                )
            } else {
                format!(
                    "the gap to {n} went from {} to {} {}",
                    number(*was),
                    number(*is),
                    unit.trim()
                )
            }
        })
        .collect();
    parts.join("; ")
}
