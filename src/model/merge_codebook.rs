//! The codebook in a three-way merge: its id and name, then its statuses by id,
//! field by field. A status removed on one side stays while marks of either
//! version use it (as a conflict), and two statuses given one key on the two
//! sides both lose it (as conflicts), so that a key always gives one status.

use std::collections::{BTreeMap, BTreeSet};

use super::codebook::{Codebook, Status};
use super::conflict::{CodebookName, Conflict};
use super::mark::Mark;
use super::merge::{Outcome, field, ordered_ids, three_way};

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

pub(super) fn merge_codebook(
    base: &Codebook,
    ours: &Codebook,
    theirs: &Codebook,
    marks: &[Mark],
    conflicts: &mut Vec<Conflict>,
) -> Codebook {
    let mut codebook = ours.clone();
    merge_name(&mut codebook, [base, ours, theirs], conflicts);
    let mut statuses = merge_statuses([base, ours, theirs], marks, conflicts);
    keys_given_once(&mut statuses, [base, ours, theirs], conflicts);
    if statuses.is_empty() {
        keep_what_either_kept(&mut statuses, [base, ours, theirs], conflicts);
    }
    codebook.statuses = statuses;
    codebook
}

/// The codebook's id and name, field by field; a clash is a conflict (ours kept meanwhile).
fn merge_name(codebook: &mut Codebook, [base, ours, theirs]: [&Codebook; 3], conflicts: &mut Vec<Conflict>) {
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
}

/// The statuses by id, field by field.
fn merge_statuses([base, ours, theirs]: [&Codebook; 3], marks: &[Mark], conflicts: &mut Vec<Conflict>) -> Vec<Status> {
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
    statuses
}

/// A key given to one status only: a key in conflict, or given to two statuses
/// by the two sides, gives none until a person chooses.
fn keys_given_once(statuses: &mut [Status], [base, ours, theirs]: [&Codebook; 3], conflicts: &mut Vec<Conflict>) {
    // A key the two sides changed apart is a conflict: it gives no status until a
    // person chooses, and so clashes with no other status's key (whichever side
    // is "ours", the same conflicts are reported).
    for status in statuses.iter_mut() {
        let key_in_conflict = conflicts.iter().any(|c| {
            matches!(c, Conflict::Status { id, fields, .. } if id == &status.id && fields.iter().any(|f| f == "key"))
        });
        if key_in_conflict {
            status.key = None;
        }
    }
    // Two statuses given the same key on the two sides: neither keeps it until a
    // person chooses (a key must give one status).
    let mut key_count: BTreeMap<String, usize> = BTreeMap::new();
    for key in statuses.iter().filter_map(|s| s.key.as_ref()) {
        *key_count.entry(key.to_lowercase()).or_default() += 1;
    }
    for status in statuses.iter_mut() {
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
}

/// Each side removed the statuses the other kept: keep what either kept, each
/// a conflict, as a codebook needs a status.
fn keep_what_either_kept(
    statuses: &mut Vec<Status>,
    [base, ours, theirs]: [&Codebook; 3],
    conflicts: &mut Vec<Conflict>,
) {
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
