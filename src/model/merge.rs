//! The three-way merge of comparisons: what git's line merge cannot do. Everything
//! in a comparison has an identity (marks, statuses, documents by id; round
//! decisions by their pair of documents), so each is merged by identity against the
//! common base, field by field: a change on one side is taken, the same change on
//! both is taken once, different changes to the same field are a [`Conflict`] kept
//! in the merged comparison for a person to settle. The view is personal: ours.

use std::collections::{BTreeMap, BTreeSet};

use super::comparison::{Comparison, EditError, PositionDocument};
use super::conflict::Conflict;
use super::handout::Handout;
use super::mark::{Mark, MarkChange, MarkField};
use super::merge_codebook::merge_codebook;
use super::merge_document::merge_positions;
use super::rounds::{RoundDecisions, RoundLink};

/// What three versions of one thing come to.
pub(super) enum Outcome<T> {
    /// Merged cleanly: this version (`None`: removed, or never there).
    Take(Option<T>),
    /// Both sides changed it, differently.
    Clash,
}

/// The classic three-way rule: a side that did not change a thing gives way to the
/// side that did; both changing it alike is one change.
pub(super) fn three_way<T: PartialEq + Clone>(base: Option<&T>, ours: Option<&T>, theirs: Option<&T>) -> Outcome<T> {
    if ours == theirs || theirs == base {
        Outcome::Take(ours.cloned())
    } else if ours == base {
        Outcome::Take(theirs.cloned())
    } else {
        Outcome::Clash
    }
}

/// One field merged: the merged value, or `None` when both sides changed it differently.
pub(super) fn field<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Option<T> {
    match three_way(base, Some(ours), Some(theirs)) {
        Outcome::Take(v) => v,
        Outcome::Clash => None,
    }
}

/// The three-way merge of `ours` and `theirs`, whose common ancestor is `base`.
/// The result holds the conflicts the inputs held and those of this merge.
pub fn merge(base: &Comparison, ours: &Comparison, theirs: &Comparison) -> Result<Comparison, EditError> {
    let mut conflicts = Vec::new();
    let documents = merge_documents(base, ours, theirs, &mut conflicts);
    let marks = merge_marks(base, ours, theirs, &mut conflicts);
    let codebook = merge_codebook(
        base.codebook(),
        ours.codebook(),
        theirs.codebook(),
        &marks,
        &mut conflicts,
    );
    let rounds = merge_rounds(base.rounds(), ours.rounds(), theirs.rounds(), &mut conflicts);
    let handout = merge_handout(base.handout(), ours.handout(), theirs.handout(), &mut conflicts);
    let conflicts = merge_conflict_lists(base.conflicts(), ours.conflicts(), theirs.conflicts(), conflicts);
    Ok(Comparison::new(documents, codebook, marks, ours.view().clone())?
        .with_rounds(rounds)?
        .with_conflicts(conflicts)
        .with_handout(handout))
}

/// Whether two comparisons share no document: they are not versions of one comparison.
pub fn unrelated(a: &Comparison, b: &Comparison) -> bool {
    !a.documents().is_empty()
        && !b.documents().is_empty()
        && !a.documents().iter().any(|d| b.document_index(&d.id).is_some())
}

/// Ids in the order of the side that reordered them (ours when both did, or
/// neither), then those only the other side has, then the base's.
pub(super) fn ordered_ids(lists: [Vec<&str>; 3]) -> Vec<&str> {
    let mut seen = BTreeSet::new();
    let [base, ours, theirs] = lists;
    let (first, second) = if ours == base { (theirs, ours) } else { (ours, theirs) };
    first
        .into_iter()
        .chain(second)
        .chain(base)
        .filter(|id| seen.insert(*id))
        .collect()
}

fn merge_documents(
    base: &Comparison,
    ours: &Comparison,
    theirs: &Comparison,
    conflicts: &mut Vec<Conflict>,
) -> Vec<PositionDocument> {
    let find = |c: &'_ Comparison, id: &str| c.document_index(id).map(|i| c.documents()[i].clone());
    let ids = ordered_ids([base, ours, theirs].map(|c| c.documents().iter().map(|d| d.id.as_str()).collect()));
    let mut merged = Vec::new();
    for id in ids {
        let (b, o, t) = (find(base, id), find(ours, id), find(theirs, id));
        let data = |d: &Option<PositionDocument>| d.as_ref().map(|d| d.data.clone());
        let path = |d: &Option<PositionDocument>| d.as_ref().map(|d| d.path.clone());
        let kept = match three_way(data(&b).as_ref(), data(&o).as_ref(), data(&t).as_ref()) {
            Outcome::Take(data) => data,
            Outcome::Clash => match (&o, &t) {
                // Both changed it: field by field, each clash a place to settle.
                (Some(o), Some(t)) => {
                    let (data, places) = merge_positions(b.as_ref().map(|b| &b.data), &o.data, &t.data);
                    if !places.is_empty() {
                        conflicts.push(Conflict::Document {
                            id: id.to_owned(),
                            places,
                            base: b.as_ref().map(|b| b.data.clone()),
                            ours: Some(o.data.clone()),
                            theirs: Some(t.data.clone()),
                        });
                    }
                    Some(data)
                }
                // Removed on one side, changed on the other: kept until a person says.
                _ => {
                    conflicts.push(Conflict::Document {
                        id: id.to_owned(),
                        places: Vec::new(),
                        base: data(&b),
                        ours: data(&o),
                        theirs: data(&t),
                    });
                    data(&o).or_else(|| data(&t))
                }
            },
        };
        if let Some(data) = kept {
            let path = match three_way(path(&b).as_ref(), path(&o).as_ref(), path(&t).as_ref()) {
                Outcome::Take(Some(p)) => p,
                Outcome::Take(None) => String::new(),
                Outcome::Clash => {
                    let [base, ours, theirs] = [&b, &o, &t].map(|d| path(d).unwrap_or_default());
                    conflicts.push(Conflict::Path {
                        id: id.to_owned(),
                        base,
                        ours: ours.clone(),
                        theirs,
                    });
                    ours
                }
            };
            merged.push(PositionDocument {
                id: id.to_owned(),
                path,
                data,
            });
        }
    }
    merged
}

fn merge_marks(base: &Comparison, ours: &Comparison, theirs: &Comparison, conflicts: &mut Vec<Conflict>) -> Vec<Mark> {
    let ids: BTreeSet<&str> = [base, ours, theirs]
        .iter()
        .flat_map(|c| c.marks().map(|m| m.id.as_str()))
        .collect();
    let mut merged = Vec::with_capacity(ours.marks().len().max(theirs.marks().len()));
    for id in ids {
        let (b, o, t) = (base.mark(id), ours.mark(id), theirs.mark(id));
        match three_way(b, o, t) {
            Outcome::Take(mark) => merged.extend(mark),
            Outcome::Clash => match (o, t) {
                (Some(o), Some(t)) => {
                    let (mark, fields) = merge_mark_fields(b, o, t);
                    if !fields.is_empty() {
                        conflicts.push(Conflict::Mark {
                            id: id.to_owned(),
                            fields,
                            base: b.cloned(),
                            ours: Some(o.clone()),
                            theirs: Some(t.clone()),
                        });
                    }
                    merged.push(mark);
                }
                (o, t) => {
                    // Removed on one side, changed on the other: the changed one stays
                    // until a person says otherwise.
                    conflicts.push(Conflict::Mark {
                        id: id.to_owned(),
                        fields: vec![MarkField::Removed],
                        base: b.cloned(),
                        ours: o.cloned(),
                        theirs: t.cloned(),
                    });
                    merged.extend(o.or(t).cloned());
                }
            },
        }
    }
    merged
}

/// A mark both sides changed: each field merged, ours kept where they clash (and
/// those fields named). Without a base (both sides made a mark with one id), every
/// field that differs clashes. The record of changes by others is a log: both
/// sides' entries are kept.
fn merge_mark_fields(base: Option<&Mark>, ours: &Mark, theirs: &Mark) -> (Mark, Vec<MarkField>) {
    // Every field named, in ours, theirs and the base: a field added to `Mark`
    // does not compile here until it is merged.
    let Mark {
        id,
        demands,
        status,
        note,
        coder,
        created,
        changed,
        coders_said,
        changes,
    } = ours;
    let Mark {
        id: _,
        demands: their_demands,
        status: their_status,
        note: their_note,
        coder: their_coder,
        created: their_created,
        changed: their_changed,
        coders_said: their_coders_said,
        changes: their_changes,
    } = theirs;
    let mut clashes = Vec::new();
    let mut one = |name: MarkField, base: Option<&String>, ours: &String, theirs: &String| {
        field(base, ours, theirs).unwrap_or_else(|| {
            clashes.push(name);
            ours.clone()
        })
    };
    let status = one(MarkField::Status, base.map(|b| &b.status), status, their_status);
    let note = one(MarkField::Note, base.map(|b| &b.note), note, their_note);
    let coder = one(MarkField::Coder, base.map(|b| &b.coder), coder, their_coder);
    let demands = field(base.map(|b| &b.demands), demands, their_demands).unwrap_or_else(|| {
        clashes.push(MarkField::Demands);
        demands.clone()
    });
    let coders_said = field(base.map(|b| &b.coders_said), coders_said, their_coders_said).unwrap_or_else(|| {
        clashes.push(MarkField::CodersSaid);
        coders_said.clone()
    });
    clashes.sort();
    let mark = Mark {
        id: id.clone(),
        demands,
        status,
        note,
        coder,
        created: field(base.map(|b| &b.created), created, their_created).unwrap_or_else(|| created.clone()),
        changed: changed.clone().max(their_changed.clone()),
        coders_said,
        changes: merge_history(changes, their_changes),
    };
    (mark, clashes)
}

/// Two records of changes made by others, as one: every entry of either, oldest
/// first, each once.
pub fn merge_history(ours: &[MarkChange], theirs: &[MarkChange]) -> Vec<MarkChange> {
    if theirs.iter().all(|c| ours.contains(c)) {
        return ours.to_vec();
    }
    let mut all: Vec<MarkChange> = ours.iter().chain(theirs).cloned().collect();
    all.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.cmp(b)));
    all.dedup();
    all
}

/// A teacher's hand-out, field by field: its instruction three ways, its worked
/// examples as a set (one added on either side stays a worked example), the
/// student three ways.
fn merge_handout(
    base: Option<&Handout>,
    ours: Option<&Handout>,
    theirs: Option<&Handout>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Handout> {
    let clash = |fields: &str| Conflict::Handout {
        fields: vec![fields.to_owned()],
        base: base.cloned(),
        ours: ours.cloned(),
        theirs: theirs.cloned(),
    };
    match three_way(base, ours, theirs) {
        Outcome::Take(handout) => handout,
        Outcome::Clash => match (ours, theirs) {
            (Some(o), Some(t)) => {
                let Handout {
                    instructions,
                    examples,
                    student,
                } = o;
                // One conflict for the hand-out, naming every field that clashed.
                let mut clashed: Vec<&str> = Vec::new();
                let instructions =
                    field(base.map(|b| &b.instructions), instructions, &t.instructions).unwrap_or_else(|| {
                        clashed.push("instructions");
                        instructions.clone()
                    });
                let no_examples = Vec::new();
                let examples = merge_set(base.map_or(&no_examples, |b| &b.examples), examples, &t.examples);
                // Who a hand-in belongs to is never mixed: two students' records are a conflict.
                let student = field(base.map(|b| &b.student), student, &t.student).unwrap_or_else(|| {
                    clashed.push("student");
                    student.clone()
                });
                if !clashed.is_empty() {
                    conflicts.push(Conflict::Handout {
                        fields: clashed.iter().map(|f| (*f).to_owned()).collect(),
                        base: base.cloned(),
                        ours: ours.cloned(),
                        theirs: theirs.cloned(),
                    });
                }
                Some(Handout {
                    instructions,
                    examples,
                    student,
                })
            }
            (o, t) => {
                conflicts.push(clash("removed"));
                o.or(t).cloned()
            }
        },
    }
}

/// Round decisions, per pair of documents: matches and rejections merged as sets
/// (a decision made on one side is kept, one taken back on one side is gone). One
/// demand matched to a different demand on each side is a conflict, never two
/// matches: ours is kept until a person chooses.
fn merge_rounds(
    base: &[RoundDecisions],
    ours: &[RoundDecisions],
    theirs: &[RoundDecisions],
    conflicts: &mut Vec<Conflict>,
) -> Vec<RoundDecisions> {
    let key = |r: &RoundDecisions| (r.old.clone(), r.new.clone());
    let mut order: Vec<(String, String)> = Vec::new();
    let keys = |l: &[RoundDecisions]| l.iter().map(key).collect::<Vec<_>>();
    let (first, second) = if keys(ours) == keys(base) {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    for r in first.iter().chain(second).chain(base) {
        if !order.contains(&key(r)) {
            order.push(key(r));
        }
    }
    let find = |list: &[RoundDecisions], k: &(String, String)| list.iter().find(|r| key(r) == *k).cloned();
    order
        .into_iter()
        .filter_map(|k| {
            let empty = RoundDecisions::new(k.0.clone(), k.1.clone());
            let [b, o, t] = [base, ours, theirs].map(|l| find(l, &k).unwrap_or_else(|| empty.clone()));
            let mut merged = empty;
            merged.matches = merge_set(&b.matches, &o.matches, &t.matches);
            merged.rejected = merge_set(&b.rejected, &o.rejected, &t.rejected);
            let added = |side: &RoundDecisions| -> Vec<RoundLink> {
                side.matches
                    .iter()
                    .filter(|l| !b.matches.contains(l))
                    .cloned()
                    .collect()
            };
            let (ours_added, theirs_added) = (added(&o), added(&t));
            let clashes = |a: &RoundLink, b: &RoundLink| a != b && (a.old == b.old || a.new == b.new);
            let ours_clash: Vec<RoundLink> = ours_added
                .iter()
                .filter(|l| theirs_added.iter().any(|t| clashes(l, t)))
                .cloned()
                .collect();
            let theirs_clash: Vec<RoundLink> = theirs_added
                .iter()
                .filter(|l| ours_added.iter().any(|o| clashes(l, o)))
                .cloned()
                .collect();
            if !ours_clash.is_empty() {
                merged.matches.retain(|l| !theirs_clash.contains(l));
                conflicts.push(Conflict::Rounds {
                    old: merged.old.clone(),
                    new: merged.new.clone(),
                    ours: ours_clash,
                    theirs: theirs_clash,
                });
            }
            // A pair confirmed on one side and rejected on the other: the match
            // stands, as confirming a pair forgets its rejection.
            merged.rejected.retain(|l| !merged.matches.contains(l));
            (!merged.is_empty()).then_some(merged)
        })
        .collect()
}

/// A set merged three ways: what both kept, and what either added.
fn merge_set<T: Ord + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let [b, o, t]: [BTreeSet<&T>; 3] = [base, ours, theirs].map(|l| l.iter().collect());
    o.union(&t)
        .filter(|x| !b.contains(*x) || (o.contains(*x) && t.contains(*x)))
        .map(|x| (*x).clone())
        .collect()
}

/// The conflicts the inputs held, merged like everything else (one settled on one
/// side is settled), then this merge's, which replace any about the same thing.
fn merge_conflict_lists(
    base: &[Conflict],
    ours: &[Conflict],
    theirs: &[Conflict],
    new: Vec<Conflict>,
) -> Vec<Conflict> {
    let by_key = |l: &[Conflict]| -> BTreeMap<String, Conflict> { l.iter().map(|c| (c.key(), c.clone())).collect() };
    let [b, o, t] = [base, ours, theirs].map(by_key);
    let mut keys: Vec<String> = Vec::new();
    for conflict in ours.iter().chain(theirs).chain(base) {
        if !keys.contains(&conflict.key()) {
            keys.push(conflict.key());
        }
    }
    let mut merged: Vec<Conflict> = keys
        .iter()
        .filter_map(|k| match three_way(b.get(k), o.get(k), t.get(k)) {
            Outcome::Take(c) => c,
            Outcome::Clash => o.get(k).or_else(|| t.get(k)).cloned(),
        })
        .filter(|c| !new.iter().any(|n| n.key() == c.key()))
        .collect();
    merged.extend(new);
    merged
}
