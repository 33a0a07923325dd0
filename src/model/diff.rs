//! What changed between two versions of a comparison, in words: documents added,
//! removed or changed (which demands, which fields), statuses added, renamed or
//! recoloured, marks added, removed, re-coded, re-noted or re-linked, round
//! decisions and merge conflicts; and by whom (the marks' coders).

use std::collections::BTreeSet;

use super::codebook::Status;
use super::comparison::Comparison;
use super::mark::Mark;
use super::rounds::{RoundDecisions, RoundLink};
use super::words::{demands_in_words, one_line, status_in_words};

pub use super::diff_positions::position_changes;
use super::diff_positions::{diff_documents, opt};

/// One change. `field` says what changed (`added` and `removed` for a whole thing);
/// `old` and `new` are in words, empty where there is none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// `document`, `codebook`, `status`, `mark`, `round`, `conflict`.
    pub kind: &'static str,
    pub id: String,
    /// The coder of a mark (its new version's); empty for everything else.
    pub coder: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

impl Change {
    pub(super) fn new(
        kind: &'static str,
        id: impl Into<String>,
        field: impl Into<String>,
        old: String,
        new: String,
    ) -> Self {
        Self {
            kind,
            id: id.into(),
            coder: String::new(),
            field: field.into(),
            old,
            new,
        }
    }
}

/// Every change from `old` to `new`, documents first, then the codebook, marks
/// (by id, so in the order they were made), rounds, the hand-out, the columns
/// shown (one line) and conflicts.
pub fn diff(old: &Comparison, new: &Comparison) -> Vec<Change> {
    let mut changes = Vec::new();
    diff_documents(old, new, &mut changes);
    diff_codebook(old, new, &mut changes);
    diff_marks(old, new, &mut changes);
    diff_rounds(old.rounds(), new.rounds(), &mut changes);
    diff_handout(old, new, &mut changes);
    let (was, is) = (columns_in_words(old), columns_in_words(new));
    if was != is {
        changes.push(Change::new("view", "columns", "order", was, is));
    }
    let sides = |c: &Comparison| {
        c.merge_sides()
            .map(|s| {
                format!(
                    "ours {}, theirs {}{}",
                    s.ours,
                    s.theirs,
                    if s.rebase { " (a rebase)" } else { "" }
                )
            })
            .unwrap_or_default()
    };
    if sides(old) != sides(new) {
        changes.push(Change::new("conflict", "merge", "sides", sides(old), sides(new)));
    }
    fn by_key(c: &Comparison) -> std::collections::BTreeMap<String, &super::conflict::Conflict> {
        c.conflicts().iter().map(|c| (c.key(), c)).collect()
    }
    let (was, is) = (by_key(old), by_key(new));
    for (key, conflict) in &is {
        match was.get(key) {
            None => changes.push(Change::new(
                "conflict",
                key.clone(),
                "added",
                String::new(),
                "unsettled".into(),
            )),
            Some(before) if before != conflict => changes.push(Change::new(
                "conflict",
                key.clone(),
                "changed",
                before.fields().join(", "),
                conflict.fields().join(", "),
            )),
            Some(_) => {}
        }
    }
    for key in was.keys().filter(|k| !is.contains_key(*k)) {
        changes.push(Change::new(
            "conflict",
            key.clone(),
            "settled",
            "unsettled".into(),
            String::new(),
        ));
    }
    changes
}

/// The columns in their order, on one line (hidden ones and set widths said);
/// `describe` says them the same way.
pub fn columns_in_words(cmp: &Comparison) -> String {
    cmp.view()
        .columns
        .iter()
        .map(|c| {
            let mut text = format!("{}/{}", c.document, c.side);
            if c.hidden {
                text.push_str(" (hidden)");
            }
            if let Some(width) = c.width {
                text.push_str(&format!(" ({width:.0} pt)"));
            }
            text
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn diff_handout(old: &Comparison, new: &Comparison, changes: &mut Vec<Change>) {
    let (a, b) = (old.handout(), new.handout());
    if a == b {
        return;
    }
    let instructions = |h: Option<&super::handout::Handout>| h.map(|h| one_line(&h.instructions)).unwrap_or_default();
    match (a, b) {
        (None, Some(_)) => changes.push(Change::new("hand-out", "", "added", String::new(), instructions(b))),
        (Some(_), None) => changes.push(Change::new("hand-out", "", "removed", instructions(a), String::new())),
        _ => {
            if instructions(a) != instructions(b) {
                changes.push(Change::new(
                    "hand-out",
                    "",
                    "instructions",
                    instructions(a),
                    instructions(b),
                ));
            }
            let examples = |h: Option<&super::handout::Handout>| {
                h.map(|h| {
                    h.examples
                        .iter()
                        .map(|e| super::words::short_id(e).to_owned())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
            };
            if examples(a) != examples(b) {
                changes.push(Change::new("hand-out", "", "worked examples", examples(a), examples(b)));
            }
            let student = |h: Option<&super::handout::Handout>| {
                h.and_then(|h| h.student.as_ref())
                    .map(|s| {
                        format!(
                            "{} ({}, from {})",
                            one_line(&s.name),
                            super::words::short_id(&s.id),
                            s.started
                        )
                    })
                    .unwrap_or_default()
            };
            if student(a) != student(b) {
                changes.push(Change::new("hand-out", "", "student", student(a), student(b)));
            }
        }
    }
}

fn status_fields(s: &Status) -> [(&'static str, String); 4] {
    [
        ("label", one_line(&s.label)),
        ("color", s.color.clone()),
        ("key", s.key.clone().unwrap_or_default()),
        ("description", opt(s.description.as_ref())),
    ]
}

fn diff_codebook(old: &Comparison, new: &Comparison, changes: &mut Vec<Change>) {
    let (a, b) = (old.codebook(), new.codebook());
    for (field, was, is) in [("id", &a.id, &b.id), ("name", &a.name, &b.name)] {
        if was != is {
            changes.push(Change::new("codebook", &b.id, field, one_line(was), one_line(is)));
        }
    }
    for status in &b.statuses {
        match a.get(&status.id) {
            None => changes.push(Change::new(
                "status",
                &status.id,
                "added",
                String::new(),
                format!("{} {}", one_line(&status.label), status.color),
            )),
            Some(was) => {
                for ((field, was), (_, is)) in status_fields(was).into_iter().zip(status_fields(status)) {
                    if was != is {
                        changes.push(Change::new("status", &status.id, field, was, is));
                    }
                }
            }
        }
    }
    for status in &a.statuses {
        if b.get(&status.id).is_none() {
            changes.push(Change::new(
                "status",
                &status.id,
                "removed",
                format!("{} {}", one_line(&status.label), status.color),
                String::new(),
            ));
        }
    }
    let order = |c: &super::codebook::Codebook| c.statuses.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    let kept = |list: Vec<String>, other: &super::codebook::Codebook| {
        list.into_iter()
            .filter(|id| other.get(id).is_some())
            .collect::<Vec<_>>()
    };
    let (was, is) = (kept(order(a), b), kept(order(b), a));
    if was != is {
        changes.push(Change::new("codebook", &b.id, "order", was.join(", "), is.join(", ")));
    }
}

/// A mark as a whole, in words: its status, then its demands (and its note).
fn mark_in_words(cmp: &Comparison, m: &Mark) -> String {
    let mut words = format!(
        "{}: {}",
        status_in_words(cmp, &m.status),
        demands_in_words(cmp, &m.demands)
    );
    if !m.note.trim().is_empty() {
        words.push_str(&format!(" — note: {}", one_line(&m.note)));
    }
    words
}

/// A change someone other than the mark's coder made, in words.
pub fn mark_change_in_words(cmp: &Comparison, change: &super::mark::MarkChange) -> String {
    let was = match change.field {
        super::mark::MarkField::Status => status_in_words(cmp, &change.was),
        _ if change.was.trim().is_empty() => "(empty)".to_owned(),
        _ => one_line(&change.was),
    };
    format!(
        "{} changed by {} at {} (was: {was})",
        change.field,
        if change.by.trim().is_empty() {
            "(unnamed coder)"
        } else {
            change.by.trim()
        },
        change.at
    )
}

fn diff_marks(old: &Comparison, new: &Comparison, changes: &mut Vec<Change>) {
    let ids: BTreeSet<&str> = old.marks().chain(new.marks()).map(|m| m.id.as_str()).collect();
    for id in ids {
        let coded = |coder: &str, field: &str, was: String, is: String| Change {
            coder: coder.to_owned(),
            ..Change::new("mark", id, field, was, is)
        };
        match (old.mark(id), new.mark(id)) {
            (None, Some(m)) => changes.push(coded(&m.coder, "added", String::new(), mark_in_words(new, m))),
            (Some(m), None) => changes.push(coded(&m.coder, "removed", mark_in_words(old, m), String::new())),
            (Some(a), Some(b)) => {
                diff_mark(old, new, a, b, &coded, changes);
            }
            (None, None) => {}
        }
    }
}

/// The fields of a mark in two versions that differ, one change each; its
/// times only when nothing else tells that it was touched.
fn diff_mark(
    old: &Comparison,
    new: &Comparison,
    a: &Mark,
    b: &Mark,
    coded: &impl Fn(&str, &str, String, String) -> Change,
    changes: &mut Vec<Change>,
) {
    // Every field of both versions named: a field added to `Mark` does not
    // compile here until the diff says how it changed.
    let Mark {
        id: _,
        demands: a_demands,
        status: a_status,
        note: a_note,
        coder: a_coder,
        created: a_created,
        changed: a_changed,
        coders_said: a_said,
        changes: a_changes,
    } = a;
    let Mark {
        id: _,
        demands: b_demands,
        status: b_status,
        note: b_note,
        coder: b_coder,
        created: b_created,
        changed: b_changed,
        coders_said: b_said,
        changes: b_changes,
    } = b;
    let before = changes.len();
    let mut push = |field: &str, changed: bool, words: &dyn Fn() -> (String, String)| {
        if changed {
            let (was, is) = words();
            changes.push(coded(b_coder, field, was, is));
        }
    };
    push("status", a_status != b_status, &|| {
        (status_in_words(old, a_status), status_in_words(new, b_status))
    });
    push("note", a_note != b_note, &|| (one_line(a_note), one_line(b_note)));
    push("demands", a_demands != b_demands, &|| {
        (demands_in_words(old, a_demands), demands_in_words(new, b_demands))
    });
    push("coder", a_coder != b_coder, &|| (a_coder.clone(), b_coder.clone()));
    push("coders said", a_said != b_said, &|| {
        (said_in_words(a_said, old), said_in_words(b_said, new))
    });
    push("changed by others", a_changes != b_changes, &|| {
        (history_in_words(a_changes, old), history_in_words(b_changes, new))
    });
    // Its times, only when nothing else tells that the mark was touched.
    let touched = changes.len() > before;
    let mut push = |field: &str, changed: bool, was: &String, is: &String| {
        if changed && !touched {
            changes.push(coded(b_coder, field, was.clone(), is.clone()));
        }
    };
    push("created", a_created != b_created, a_created, b_created);
    push("changed", a_changed != b_changed, a_changed, b_changed);
}

/// What each coder said of a consensus mark, in words.
fn said_in_words(m: &[super::mark::CoderSaid], cmp: &Comparison) -> String {
    m.iter()
        .map(|s| {
            let statuses: Vec<String> = s.statuses.iter().map(|st| status_in_words(cmp, st)).collect();
            format!(
                "{} of {}: {}",
                s.coder,
                demands_in_words(cmp, std::slice::from_ref(&s.demand)),
                statuses.join(" / ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A mark's changes by others, in words.
fn history_in_words(list: &[super::mark::MarkChange], cmp: &Comparison) -> String {
    list.iter()
        .map(|c| mark_change_in_words(cmp, c))
        .collect::<Vec<_>>()
        .join("; ")
}

fn link_in_words(l: &RoundLink) -> String {
    format!(
        "{}/{} ↔ {}/{}",
        l.old.side(),
        l.old.demand(),
        l.new.side(),
        l.new.demand()
    )
}

fn diff_rounds(old: &[RoundDecisions], new: &[RoundDecisions], changes: &mut Vec<Change>) {
    let find = |list: &[RoundDecisions], r: &RoundDecisions| {
        list.iter()
            .find(|x| x.old == r.old && x.new == r.new)
            .cloned()
            .unwrap_or_else(|| RoundDecisions::new(r.old.clone(), r.new.clone()))
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    for r in new.iter().chain(old) {
        if !pairs.contains(&(r.old.clone(), r.new.clone())) {
            pairs.push((r.old.clone(), r.new.clone()));
        }
    }
    for (a, b) in pairs {
        let key = RoundDecisions::new(a.clone(), b.clone());
        let (was, is) = (find(old, &key), find(new, &key));
        let id = format!("{a} → {b}");
        for (field, before, after) in [
            ("match", &was.matches, &is.matches),
            ("rejection", &was.rejected, &is.rejected),
        ] {
            for link in after.iter().filter(|l| !before.contains(l)) {
                changes.push(Change::new("round", &id, field, String::new(), link_in_words(link)));
            }
            for link in before.iter().filter(|l| !after.contains(l)) {
                changes.push(Change::new("round", &id, field, link_in_words(link), String::new()));
            }
        }
    }
}
