//! What changed between two versions of a comparison, in words: documents added,
//! removed or changed (which demands, which fields), statuses added, renamed or
//! recoloured, marks added, removed, re-coded, re-noted or re-linked, round
//! decisions and merge conflicts; and by whom (the marks' coders).

use std::collections::{BTreeSet, HashMap, HashSet};

use super::codebook::Status;
use super::comparison::{Comparison, PositionDocument};
use super::mark::Mark;
use super::position::{Demand, PositionFile};
use super::rounds::{RoundDecisions, RoundLink};
use super::words::{demands_in_words, one_line, status_in_words};

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
    fn new(kind: &'static str, id: impl Into<String>, field: impl Into<String>, old: String, new: String) -> Self {
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
/// (by id, so in the order they were made), rounds and conflicts. The view (the
/// columns) is personal and not compared.
pub fn diff(old: &Comparison, new: &Comparison) -> Vec<Change> {
    let mut changes = Vec::new();
    diff_documents(old, new, &mut changes);
    diff_codebook(old, new, &mut changes);
    diff_marks(old, new, &mut changes);
    diff_rounds(old.rounds(), new.rounds(), &mut changes);
    let keys = |c: &Comparison| c.conflicts().iter().map(|c| c.key()).collect::<BTreeSet<_>>();
    let (was, is) = (keys(old), keys(new));
    for key in is.difference(&was) {
        changes.push(Change::new(
            "conflict",
            key.clone(),
            "added",
            String::new(),
            "unsettled".into(),
        ));
    }
    for key in was.difference(&is) {
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

fn document_summary(d: &PositionDocument) -> String {
    let data = &d.data;
    let mut parts: Vec<String> = [&data.negotiation, &data.round, &data.date]
        .into_iter()
        .flatten()
        .map(|s| one_line(s))
        .collect();
    parts.push(format!("{} sides, {} demands", data.sides.len(), data.demand_count()));
    parts.join(" · ")
}

fn diff_documents(old: &Comparison, new: &Comparison, changes: &mut Vec<Change>) {
    for d in new.documents() {
        match old.document_index(&d.id).map(|i| &old.documents()[i]) {
            None => changes.push(Change::new(
                "document",
                &d.id,
                "added",
                String::new(),
                document_summary(d),
            )),
            Some(was) if was.data != d.data => diff_positions(&d.id, &was.data, &d.data, changes),
            Some(_) => {}
        }
    }
    for d in old.documents() {
        if new.document_index(&d.id).is_none() {
            changes.push(Change::new(
                "document",
                &d.id,
                "removed",
                document_summary(d),
                String::new(),
            ));
        }
    }
}

fn opt(s: Option<&String>) -> String {
    s.map(|s| one_line(s)).unwrap_or_default()
}

/// What changed from one version of a position file to another, in words.
pub fn position_changes(old: &PositionFile, new: &PositionFile) -> Vec<Change> {
    let mut changes = Vec::new();
    diff_positions("", old, new, &mut changes);
    changes
}

/// The fields of a position file that changed: its own, its issues', its sides' and
/// each demand's, one change each.
fn diff_positions(id: &str, old: &PositionFile, new: &PositionFile, changes: &mut Vec<Change>) {
    let mut push = |field: String, was: String, is: String| {
        if was != is {
            changes.push(Change::new("document", id, field, was, is));
        }
    };
    push(
        "negotiation".into(),
        opt(old.negotiation.as_ref()),
        opt(new.negotiation.as_ref()),
    );
    push("round".into(), opt(old.round.as_ref()), opt(new.round.as_ref()));
    push("date".into(), opt(old.date.as_ref()), opt(new.date.as_ref()));
    let issues = |f: &PositionFile| {
        f.issue_list()
            .into_iter()
            .map(|i| (i.id, one_line(&i.name)))
            .collect::<Vec<_>>()
    };
    let (was, is) = (issues(old), issues(new));
    for (issue, name) in &is {
        let before = was
            .iter()
            .find(|(i, _)| i == issue)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        push(format!("issue {issue}"), before, name.clone());
    }
    for (issue, name) in &was {
        if !is.iter().any(|(i, _)| i == issue) {
            push(format!("issue {issue}"), name.clone(), String::new());
        }
    }
    let sources = |f: &PositionFile| {
        f.sources
            .iter()
            .map(|s| format!("{}: {}", s.id, one_line(&s.title)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    push("sources".into(), sources(old), sources(new));
    for side in &new.sides {
        let before = old.sides.iter().find(|s| s.id == side.id);
        push(
            format!("side {}", side.id),
            before.map(|s| one_line(&s.name)).unwrap_or_default(),
            one_line(&side.name),
        );
        push(
            format!("side {} represented by", side.id),
            before.map(|s| opt(s.represented_by.as_ref())).unwrap_or_default(),
            opt(side.represented_by.as_ref()),
        );
        // By id through a map: a document of 10,000 demands is compared in one pass.
        let old_demands: HashMap<&str, &Demand> = before
            .map(|s| s.demands.iter().map(|d| (d.id.as_str(), d)).collect())
            .unwrap_or_default();
        let new_ids: HashSet<&str> = side.demands.iter().map(|d| d.id.as_str()).collect();
        for demand in &side.demands {
            let was = old_demands.get(demand.id.as_str()).copied();
            if was == Some(demand) {
                continue;
            }
            diff_demand(
                &format!("demand {}/{}", side.id, demand.id),
                was,
                Some(demand),
                &mut push,
            );
        }
        for demand in before.map(|s| s.demands.as_slice()).unwrap_or_default() {
            if !new_ids.contains(demand.id.as_str()) {
                diff_demand(
                    &format!("demand {}/{}", side.id, demand.id),
                    Some(demand),
                    None,
                    &mut push,
                );
            }
        }
    }
    for side in &old.sides {
        if !new.sides.iter().any(|s| s.id == side.id) {
            push(
                format!("side {}", side.id),
                format!("{} ({} demands)", one_line(&side.name), side.demands.len()),
                String::new(),
            );
        }
    }
}

/// A demand's fields in words, in the order the position file gives them.
fn demand_fields(d: &Demand) -> [(&'static str, String); 8] {
    [
        ("text", one_line(&d.text)),
        ("issue", d.issue.clone()),
        ("priority", d.priority.map(|p| p.name().to_owned()).unwrap_or_default()),
        ("value", d.value.as_ref().map(ToString::to_string).unwrap_or_default()),
        ("quote", opt(d.quote.as_ref())),
        ("source", opt(d.source.as_ref())),
        ("tags", d.tags.join("; ")),
        ("note", opt(d.note.as_ref())),
    ]
}

fn diff_demand(name: &str, old: Option<&Demand>, new: Option<&Demand>, push: &mut impl FnMut(String, String, String)) {
    match (old, new) {
        (None, Some(d)) => push(format!("{name} added"), String::new(), one_line(&d.text)),
        (Some(d), None) => push(format!("{name} removed"), one_line(&d.text), String::new()),
        (Some(a), Some(b)) if a != b => {
            for ((field, was), (_, is)) in demand_fields(a).into_iter().zip(demand_fields(b)) {
                push(format!("{name} {field}"), was, is);
            }
        }
        _ => {}
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
                let said = |m: &[super::mark::CoderSaid], cmp: &Comparison| {
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
                };
                let history = |list: &[super::mark::MarkChange], cmp: &Comparison| {
                    list.iter()
                        .map(|c| mark_change_in_words(cmp, c))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
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
                    (said(a_said, old), said(b_said, new))
                });
                push("changed by others", a_changes != b_changes, &|| {
                    (history(a_changes, old), history(b_changes, new))
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
            (None, None) => {}
        }
    }
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
