//! The three-way merge of comparisons: what git's line merge cannot do. Everything
//! in a comparison has an identity (marks, statuses, documents by id; round
//! decisions by their pair of documents), so each is merged by identity against the
//! common base, field by field: a change on one side is taken, the same change on
//! both is taken once, different changes to the same field are a [`Conflict`] kept
//! in the merged comparison for a person to settle. The view is personal: ours.

use std::collections::{BTreeMap, BTreeSet};

use super::codebook::{Codebook, Status};
use super::comparison::{Comparison, EditError, PositionDocument};
use super::conflict::{CodebookName, Conflict};
use super::mark::{Mark, MarkChange, MarkField};
use super::rounds::RoundDecisions;

/// What three versions of one thing come to.
enum Outcome<T> {
    /// Merged cleanly: this version (`None`: removed, or never there).
    Take(Option<T>),
    /// Both sides changed it, differently.
    Clash,
}

/// The classic three-way rule: a side that did not change a thing gives way to the
/// side that did; both changing it alike is one change.
fn three_way<T: PartialEq + Clone>(base: Option<&T>, ours: Option<&T>, theirs: Option<&T>) -> Outcome<T> {
    if ours == theirs || theirs == base {
        Outcome::Take(ours.cloned())
    } else if ours == base {
        Outcome::Take(theirs.cloned())
    } else {
        Outcome::Clash
    }
}

/// One field merged: the merged value, or `None` when both sides changed it differently.
fn field<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Option<T> {
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
    let rounds = merge_rounds(base.rounds(), ours.rounds(), theirs.rounds());
    let conflicts = merge_conflict_lists(base.conflicts(), ours.conflicts(), theirs.conflicts(), conflicts);
    Ok(Comparison::new(documents, codebook, marks, ours.view().clone())?
        .with_rounds(rounds)?
        .with_conflicts(conflicts)
        .with_handout(ours.handout().cloned()))
}

/// Whether two comparisons share no document: they are not versions of one comparison.
pub fn unrelated(a: &Comparison, b: &Comparison) -> bool {
    !a.documents().is_empty()
        && !b.documents().is_empty()
        && !a.documents().iter().any(|d| b.document_index(&d.id).is_some())
}

/// Ids in the order of the side that reordered them (ours when both did, or
/// neither), then those only the other side has, then the base's.
fn ordered_ids(lists: [Vec<&str>; 3]) -> Vec<&str> {
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
            Outcome::Clash => {
                conflicts.push(Conflict::Document {
                    id: id.to_owned(),
                    base: data(&b),
                    ours: data(&o),
                    theirs: data(&t),
                });
                data(&o).or_else(|| data(&t))
            }
        };
        if let Some(data) = kept {
            let path = match three_way(path(&b).as_ref(), path(&o).as_ref(), path(&t).as_ref()) {
                Outcome::Take(Some(p)) => p,
                _ => path(&o).or_else(|| path(&t)).unwrap_or_default(),
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

/// Merges one field into `slot` (which holds ours); true when the sides clash.
fn merge_into<T: PartialEq + Clone>(slot: &mut T, base: Option<&T>, ours: &T, theirs: &T) -> bool {
    match field(base, ours, theirs) {
        Some(v) => {
            *slot = v;
            false
        }
        None => true,
    }
}

fn merge_codebook(
    base: &Codebook,
    ours: &Codebook,
    theirs: &Codebook,
    marks: &[Mark],
    conflicts: &mut Vec<Conflict>,
) -> Codebook {
    let mut codebook = ours.clone();
    let names = [base, ours, theirs].map(CodebookName::of);
    let id = field(Some(&names[0].id), &names[1].id, &names[2].id);
    let name = field(Some(&names[0].name), &names[1].name, &names[2].name);
    codebook.id = id.clone().unwrap_or_else(|| ours.id.clone());
    codebook.name = name.clone().unwrap_or_else(|| ours.name.clone());
    if id.is_none() || name.is_none() {
        let fields = [("id", id.is_none()), ("name", name.is_none())]
            .into_iter()
            .filter(|(_, clash)| *clash)
            .map(|(f, _)| f.to_owned())
            .collect();
        let [base, ours, theirs] = names;
        conflicts.push(Conflict::Codebook {
            fields,
            base,
            ours,
            theirs,
        });
    }
    // Used by a merged mark, or by either side's version of a mark in conflict
    // (which a person may still take): either way the status must stay.
    let mut used: BTreeSet<String> = marks.iter().map(|m| m.status.clone()).collect();
    for conflict in conflicts.iter() {
        used.extend(conflict.marks().into_iter().map(|m| m.status.clone()));
    }
    let ids = ordered_ids([base, ours, theirs].map(|c| c.statuses.iter().map(|s| s.id.as_str()).collect()));
    let mut statuses = Vec::new();
    for id in ids {
        let (b, o, t) = (base.get(id), ours.get(id), theirs.get(id));
        let conflict = |fields: Vec<String>| Conflict::Status {
            id: id.to_owned(),
            fields,
            base: b.cloned(),
            ours: o.cloned(),
            theirs: t.cloned(),
        };
        match three_way(b, o, t) {
            Outcome::Take(Some(status)) => statuses.push(status),
            Outcome::Take(None) if used.contains(id) => {
                // Removed on one side while the other side's marks use it: it stays,
                // so that every mark keeps a status, until a person decides.
                conflicts.push(conflict(vec!["removed".into()]));
                statuses.extend(o.or(t).or(b).cloned());
            }
            Outcome::Take(None) => {}
            Outcome::Clash => match (o, t) {
                (Some(o), Some(t)) => {
                    let (status, fields) = merge_status_fields(b, o, t);
                    if !fields.is_empty() {
                        conflicts.push(conflict(fields));
                    }
                    statuses.push(status);
                }
                (o, t) => {
                    conflicts.push(conflict(vec!["removed".into()]));
                    statuses.extend(o.or(t).cloned());
                }
            },
        }
    }
    // Two statuses given the same key on the two sides: neither keeps it until a
    // person chooses (a key must give one status).
    let mut key_count: BTreeMap<String, usize> = BTreeMap::new();
    for key in statuses.iter().filter_map(|s| s.key.as_ref()) {
        *key_count.entry(key.to_lowercase()).or_default() += 1;
    }
    for status in &mut statuses {
        if let Some(key) = &status.key
            && key_count.get(&key.to_lowercase()).is_some_and(|&n| n > 1)
        {
            if !conflicts.iter().any(|c| c.key() == format!("status:{}", status.id)) {
                conflicts.push(Conflict::Status {
                    id: status.id.clone(),
                    fields: vec!["key".into()],
                    base: base.get(&status.id).cloned(),
                    ours: ours.get(&status.id).cloned(),
                    theirs: theirs.get(&status.id).cloned(),
                });
            }
            status.key = None;
        }
    }
    if statuses.is_empty() {
        // Each side removed the statuses the other kept: keep what either kept,
        // each a conflict, as a codebook needs a status.
        let ids = ordered_ids([base, ours, theirs].map(|c| c.statuses.iter().map(|s| s.id.as_str()).collect()));
        for id in ids {
            let (b, o, t) = (base.get(id), ours.get(id), theirs.get(id));
            if let Some(kept) = o.or(t) {
                conflicts.retain(|c| c.key() != format!("status:{id}"));
                conflicts.push(Conflict::Status {
                    id: id.to_owned(),
                    fields: vec!["removed".into()],
                    base: b.cloned(),
                    ours: o.cloned(),
                    theirs: t.cloned(),
                });
                statuses.push(kept.clone());
            }
        }
    }
    codebook.statuses = statuses;
    codebook
}

fn merge_status_fields(base: Option<&Status>, ours: &Status, theirs: &Status) -> (Status, Vec<String>) {
    let mut status = ours.clone();
    let mut clashes = Vec::new();
    let mut check = |name: &str, clash: bool| {
        if clash {
            clashes.push(name.to_owned());
        }
    };
    check(
        "label",
        merge_into(&mut status.label, base.map(|b| &b.label), &ours.label, &theirs.label),
    );
    check(
        "color",
        merge_into(&mut status.color, base.map(|b| &b.color), &ours.color, &theirs.color),
    );
    check(
        "key",
        merge_into(&mut status.key, base.map(|b| &b.key), &ours.key, &theirs.key),
    );
    check(
        "description",
        merge_into(
            &mut status.description,
            base.map(|b| &b.description),
            &ours.description,
            &theirs.description,
        ),
    );
    (status, clashes)
}

/// Round decisions, per pair of documents: matches and rejections merged as sets
/// (a decision made on one side is kept, one taken back on one side is gone).
fn merge_rounds(base: &[RoundDecisions], ours: &[RoundDecisions], theirs: &[RoundDecisions]) -> Vec<RoundDecisions> {
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
