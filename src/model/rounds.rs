//! Two rounds of the same talks compared: for each side, which demands were
//! added, dropped, changed (and in which of text, priority, value and quote) or
//! kept; where ids differ, matches suggested by the similarity of the texts, for
//! the user to confirm or reject; and the concessions and hardenings a side made
//! (a priority lowered or raised, a range moved towards or away from the others).

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::movements::{LazyValues, Others, movements};
use super::position::{Demand, PositionFile, Priority, Side, Value, same_name};
use super::similarity::{SimilarityIndex, SuggestionLimit};
use super::values::unit_key;

pub use super::movements::{Direction, Movement};
pub use super::round_decisions::{RoundDecisions, RoundDemand, RoundLink};

/// What happened to a demand between the rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// Only in the new round.
    Added,
    /// Only in the old round: the new round's file does not state it again. Not
    /// "dropped", which would say why: a file shows what was stated, not what a side gave up.
    NotRestated,
    /// In both, with a field that differs.
    Changed,
    /// In both, the same.
    Kept,
}

impl Change {
    pub const ALL: [Self; 4] = [Self::Added, Self::NotRestated, Self::Changed, Self::Kept];

    /// As the CSV writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::NotRestated => "not restated",
            Self::Changed => "changed",
            Self::Kept => "kept",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Added => "Added",
            Self::NotRestated => "Not restated",
            Self::Changed => "Changed",
            Self::Kept => "Kept",
        }
    }
}

/// A field of a demand whose change is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Text,
    Priority,
    Value,
    Quote,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Priority => "priority",
            Self::Value => "value",
            Self::Quote => "quote",
        }
    }
}

/// How a demand of the new round was matched with one of the old.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedBy {
    /// The same id in both rounds.
    Id,
    /// A match the user confirmed or drew.
    User,
}

/// One demand's fate between the rounds.
#[derive(Clone, Debug, PartialEq)]
pub struct DemandChange {
    pub change: Change,
    /// The demand's place among its side's demands in the old round.
    pub old: Option<usize>,
    /// … and in the new round.
    pub new: Option<usize>,
    pub matched_by: Option<MatchedBy>,
    /// The fields that differ, for a changed demand, in the order of [`Field`].
    pub fields: Vec<Field>,
    pub movements: Vec<Movement>,
}

/// A suggested match of an unmatched old demand with an unmatched new one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Suggestion {
    pub old: usize,
    pub new: usize,
    /// From 0 (nothing shared) to 1 (the same words).
    pub similarity: f64,
}

/// One side across the two rounds.
#[derive(Clone, Debug, PartialEq)]
pub struct SideRounds {
    /// The side's id in the new round (in the old, for a side only there).
    pub id: String,
    pub name: String,
    /// The side's place in each round's file.
    pub old_side: Option<usize>,
    pub new_side: Option<usize>,
    /// The new round's demands in file order, then those dropped, in old order.
    pub changes: Vec<DemandChange>,
    /// Best first; each demand in one suggestion at most.
    pub suggestions: Vec<Suggestion>,
    /// Set when too many demands were left unmatched to look for similar texts
    /// among all of them: suggestions were looked for within each issue only.
    pub suggestions_narrowed: bool,
}

impl SideRounds {
    /// The demand at `place` among this side's in the old round's `file`.
    pub fn old_demand<'a>(&self, file: &'a PositionFile, place: usize) -> Option<&'a Demand> {
        file.sides.get(self.old_side?)?.demands.get(place)
    }

    /// The demand at `place` among this side's in the new round's `file`.
    pub fn new_demand<'a>(&self, file: &'a PositionFile, place: usize) -> Option<&'a Demand> {
        file.sides.get(self.new_side?)?.demands.get(place)
    }

    /// The demand a change is about: in the new round, or in the old for a dropped one.
    pub fn demand_of<'a>(
        &self,
        change: &DemandChange,
        old: &'a PositionFile,
        new: &'a PositionFile,
    ) -> Option<&'a Demand> {
        change
            .new
            .and_then(|n| self.new_demand(new, n))
            .or_else(|| change.old.and_then(|o| self.old_demand(old, o)))
    }

    pub fn count(&self, change: Change) -> usize {
        self.changes.iter().filter(|c| c.change == change).count()
    }

    pub fn movements(&self, direction: Direction) -> usize {
        self.changes
            .iter()
            .flat_map(|c| &c.movements)
            .filter(|m| m.direction == direction)
            .count()
    }

    /// The suggestion an old or a new demand is in, if any.
    pub fn suggestion_for(&self, old: Option<usize>, new: Option<usize>) -> Option<&Suggestion> {
        self.suggestions
            .iter()
            .find(|s| old == Some(s.old) || new == Some(s.new))
    }

    /// "2 added, 1 dropped, 1 changed, 3 kept".
    pub fn summary(&self) -> String {
        Change::ALL
            .iter()
            .map(|&c| format!("{} {}", self.count(c), c.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Two rounds compared, side by side in the new round's order (then sides only
/// in the old round).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoundsComparison {
    pub sides: Vec<SideRounds>,
}

/// Compares two rounds: `old` and `new` position files of the same talks, with the
/// user's `decisions` about them.
pub fn compare_rounds(old: &PositionFile, new: &PositionFile, decisions: &RoundDecisions) -> RoundsComparison {
    // Built when a value first changed: most demands never need it.
    let values = (LazyValues::new(old), LazyValues::new(new));
    let mut sides = Vec::new();
    let mut old_taken = vec![false; old.sides.len()];
    for (n, new_side) in new.sides.iter().enumerate() {
        let by_id = old
            .sides
            .iter()
            .position(|s| s.id == new_side.id)
            .filter(|&o| !old_taken[o]);
        let by_name = || {
            old.sides
                .iter()
                .enumerate()
                .position(|(o, s)| !old_taken[o] && same_name(&s.name, &new_side.name))
        };
        let o = by_id.or_else(by_name);
        if let Some(o) = o {
            old_taken[o] = true;
        }
        sides.push(compare_side(old, new, &values, o, Some(n), decisions));
    }
    for (o, taken) in old_taken.iter().enumerate() {
        if !taken {
            sides.push(compare_side(old, new, &values, Some(o), None, decisions));
        }
    }
    RoundsComparison { sides }
}

fn compare_side<'a>(
    old_file: &'a PositionFile,
    new_file: &'a PositionFile,
    values: &(LazyValues<'a>, LazyValues<'a>),
    old_side: Option<usize>,
    new_side: Option<usize>,
    decisions: &RoundDecisions,
) -> SideRounds {
    let old = old_side.map(|o| &old_file.sides[o]);
    let new = new_side.map(|n| &new_file.sides[n]);
    let no_demands: &[Demand] = &[];
    let old_demands = old.map_or(no_demands, |s| &s.demands);
    let new_demands = new.map_or(no_demands, |s| &s.demands);
    let side = new.or(old).map_or(("", ""), |s| (s.id.as_str(), s.name.as_str()));

    let (old_match, new_match) = match_demands(old, new, decisions);

    let others = Others {
        old: &values.0,
        new: &values.1,
        old_side,
        new_side,
    };
    let changes = changes(old_demands, new_demands, &old_match, &new_match, &others);

    let (suggestions, suggestions_narrowed) = match (old, new) {
        (Some(old), Some(new)) => suggest(old, new, &old_match, &new_match, decisions),
        _ => (Vec::new(), false),
    };
    SideRounds {
        id: side.0.to_owned(),
        name: side.1.to_owned(),
        old_side,
        new_side,
        changes,
        suggestions,
        suggestions_narrowed,
    }
}

/// Each demand's match in the other round, and how: by id, then the user's.
type Matches = Vec<Option<(usize, MatchedBy)>>;

/// The demands of a side in two rounds matched: by id, then by the user's decisions.
fn match_demands(old: Option<&Side>, new: Option<&Side>, decisions: &RoundDecisions) -> (Matches, Matches) {
    let no_demands: &[Demand] = &[];
    let old_demands = old.map_or(no_demands, |s| &s.demands);
    let new_demands = new.map_or(no_demands, |s| &s.demands);
    let mut old_match: Matches = vec![None; old_demands.len()];
    let mut new_match: Matches = vec![None; new_demands.len()];
    let old_by_id: FxHashMap<&str, usize> = old_demands
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    for (n, demand) in new_demands.iter().enumerate() {
        if let Some(&o) = old_by_id.get(demand.id.as_str())
            && old_match[o].is_none()
        {
            old_match[o] = Some((n, MatchedBy::Id));
            new_match[n] = Some((o, MatchedBy::Id));
        }
    }
    if let (Some(old), Some(new)) = (old, new) {
        let new_by_id: FxHashMap<&str, usize> = new_demands
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        for link in &decisions.matches {
            if link.old.side() != old.id || link.new.side() != new.id {
                continue;
            }
            if let (Some(&o), Some(&n)) = (old_by_id.get(link.old.demand()), new_by_id.get(link.new.demand()))
                && old_match[o].is_none()
                && new_match[n].is_none()
            {
                old_match[o] = Some((n, MatchedBy::User));
                new_match[n] = Some((o, MatchedBy::User));
            }
        }
    }

    (old_match, new_match)
}

/// Each demand of the new round as kept, changed or added, then each demand
/// of the old round not restated.
fn changes(
    old_demands: &[Demand],
    new_demands: &[Demand],
    old_match: &Matches,
    new_match: &Matches,
    others: &Others<'_, '_>,
) -> Vec<DemandChange> {
    let mut changes = Vec::with_capacity(new_demands.len());
    for (n, demand) in new_demands.iter().enumerate() {
        changes.push(match new_match[n] {
            Some((o, by)) => {
                let before = &old_demands[o];
                let fields = changed_fields(before, demand);
                DemandChange {
                    change: if fields.is_empty() {
                        Change::Kept
                    } else {
                        Change::Changed
                    },
                    old: Some(o),
                    new: Some(n),
                    matched_by: Some(by),
                    movements: movements(before, demand, &fields, others),
                    fields,
                }
            }
            None => DemandChange {
                change: Change::Added,
                old: None,
                new: Some(n),
                matched_by: None,
                fields: Vec::new(),
                movements: Vec::new(),
            },
        });
    }
    for (o, matched) in old_match.iter().enumerate() {
        if matched.is_none() {
            changes.push(DemandChange {
                change: Change::NotRestated,
                old: Some(o),
                new: None,
                matched_by: None,
                fields: Vec::new(),
                movements: Vec::new(),
            });
        }
    }

    changes
}

/// Text compared with runs of white space as one space: re-wrapping a line is no change.
fn same_text(a: &str, b: &str) -> bool {
    // Most texts are kept as they were: equal bytes need no walk over their words.
    a == b || a.split_whitespace().eq(b.split_whitespace())
}

fn same_value(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.min == b.min && a.max == b.max && unit_key(&a.unit) == unit_key(&b.unit),
        _ => false,
    }
}

fn changed_fields(old: &Demand, new: &Demand) -> Vec<Field> {
    let mut fields = Vec::new();
    if !same_text(&old.text, &new.text) {
        fields.push(Field::Text);
    }
    if old.priority != new.priority {
        fields.push(Field::Priority);
    }
    if !same_value(old.value.as_ref(), new.value.as_ref()) {
        fields.push(Field::Value);
    }
    let quote = |d: &Demand| {
        d.quote
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_owned)
    };
    if !match (quote(old), quote(new)) {
        (Some(a), Some(b)) => same_text(&a, &b),
        (a, b) => a == b,
    } {
        fields.push(Field::Quote);
    }
    fields
}

/// Suggested matches among the demands left unmatched, by the similarity of their
/// texts (a demand on the same issue is preferred), best first; never a pair the
/// user rejected.
fn suggest(
    old: &Side,
    new: &Side,
    old_match: &[Option<(usize, MatchedBy)>],
    new_match: &[Option<(usize, MatchedBy)>],
    decisions: &RoundDecisions,
) -> (Vec<Suggestion>, bool) {
    let olds: Vec<usize> = (0..old.demands.len()).filter(|&o| old_match[o].is_none()).collect();
    let news: Vec<usize> = (0..new.demands.len()).filter(|&n| new_match[n].is_none()).collect();
    if olds.is_empty() || news.is_empty() {
        return (Vec::new(), false);
    }
    let rejected: HashSet<(&str, &str)> = decisions
        .rejected
        .iter()
        .filter(|l| l.old.side() == old.id && l.new.side() == new.id)
        .map(|l| (l.old.demand(), l.new.demand()))
        .collect();
    let index = SimilarityIndex::new(
        olds.iter().map(|&o| old.demands[o].text.as_str()),
        news.iter().map(|&n| new.demands[n].text.as_str()),
    );
    let old_issues: Vec<&str> = olds.iter().map(|&o| old.demands[o].issue.as_str()).collect();
    let new_issues: Vec<&str> = news.iter().map(|&n| new.demands[n].issue.as_str()).collect();
    let (scored, narrowed) = index.pairs(
        SUGGESTION_FLOOR,
        SuggestionLimit::default(),
        (&old_issues, &new_issues),
        // Another issue's demand is suggested only when its text is close enough.
        |i, j| {
            if old_issues[i] == new_issues[j] {
                1.0
            } else {
                OTHER_ISSUE_WEIGHT
            }
        },
    );
    let mut candidates: Vec<(usize, usize, f64)> = scored
        .into_iter()
        .filter(|&(i, j, _)| !rejected.contains(&(old.demands[olds[i]].id.as_str(), new.demands[news[j]].id.as_str())))
        .collect();
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let mut old_used = vec![false; olds.len()];
    let mut new_used = vec![false; news.len()];
    let mut suggestions = Vec::new();
    for (i, j, score) in candidates {
        if old_used[i] || new_used[j] {
            continue;
        }
        old_used[i] = true;
        new_used[j] = true;
        suggestions.push(Suggestion {
            old: olds[i],
            new: news[j],
            similarity: score,
        });
    }
    (suggestions, narrowed)
}

/// The least similarity (after the weight for another issue) worth suggesting.
const SUGGESTION_FLOOR: f64 = 0.3;
/// Texts on different issues count this much of their similarity.
const OTHER_ISSUE_WEIGHT: f64 = 0.8;

/// A word-by-word difference of two texts, for showing what changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffPart {
    Same(String),
    Removed(String),
    Added(String),
}

/// The words of `old` and `new` with what was removed and added between them
/// (words as Unicode segments them, so that Chinese compares character by character).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_unicode_words(old, new);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let part = match change.tag() {
            similar::ChangeTag::Equal => DiffPart::Same(text.to_owned()),
            similar::ChangeTag::Delete => DiffPart::Removed(text.to_owned()),
            similar::ChangeTag::Insert => DiffPart::Added(text.to_owned()),
        };
        match (parts.last_mut(), part) {
            (Some(DiffPart::Same(a)), DiffPart::Same(b))
            | (Some(DiffPart::Removed(a)), DiffPart::Removed(b))
            | (Some(DiffPart::Added(a)), DiffPart::Added(b)) => a.push_str(&b),
            (_, part) => parts.push(part),
        }
    }
    parts
}

/// A priority in words for a change: "Core → High", "none → High".
pub fn priority_change(old: Option<Priority>, new: Option<Priority>) -> String {
    let name = |p: Option<Priority>| p.map_or("none", Priority::name);
    format!("{} → {}", name(old), name(new))
}

/// A value in words for a change: "at least 30 days → at least 20 days".
pub fn value_change(old: Option<&Value>, new: Option<&Value>) -> String {
    let text = |v: Option<&Value>| v.map_or_else(|| "none".to_owned(), ToString::to_string);
    format!("{} → {}", text(old), text(new))
}
