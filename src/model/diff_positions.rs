//! What changed in the position data between two versions of a comparison:
//! documents added, removed or moved, and within a document its own fields, its
//! sources, issues and sides, and each demand field by field, one change each.

use std::collections::{HashMap, HashSet};

use super::comparison::{Comparison, PositionDocument};
use super::diff::Change;
use super::position::{Demand, PositionFile, Side};
use super::words::one_line;

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

pub(super) fn diff_documents(old: &Comparison, new: &Comparison, changes: &mut Vec<Change>) {
    for d in new.documents() {
        match old.document_index(&d.id).map(|i| &old.documents()[i]) {
            None => changes.push(Change::new(
                "document",
                &d.id,
                "added",
                String::new(),
                document_summary(d),
            )),
            Some(was) => {
                if was.data != d.data {
                    diff_positions(&d.id, &was.data, &d.data, changes);
                }
                if was.path != d.path {
                    changes.push(Change::new("document", &d.id, "path", was.path.clone(), d.path.clone()));
                }
            }
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

pub(super) fn opt(s: Option<&String>) -> String {
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
    push("format".into(), old.format.to_string(), new.format.to_string());
    push(
        "negotiation".into(),
        opt(old.negotiation.as_ref()),
        opt(new.negotiation.as_ref()),
    );
    push("round".into(), opt(old.round.as_ref()), opt(new.round.as_ref()));
    push("date".into(), opt(old.date.as_ref()), opt(new.date.as_ref()));
    let (was, is) = (issues_in_words(old), issues_in_words(new));
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
    push("sources".into(), sources_in_words(old), sources_in_words(new));
    for side in &new.sides {
        let before = old.sides.iter().find(|s| s.id == side.id);
        diff_side(before, side, &mut push);
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

/// Each issue's id and its name (and description) in words.
fn issues_in_words(f: &PositionFile) -> Vec<(String, String)> {
    f.issue_list()
        .into_iter()
        .map(|i| {
            let described = i
                .description
                .as_deref()
                .map(|d| format!(" — {}", one_line(d)))
                .unwrap_or_default();
            (i.id, format!("{}{described}", one_line(&i.name)))
        })
        .collect::<Vec<_>>()
}

/// The sources in words, on one line.
fn sources_in_words(f: &PositionFile) -> String {
    f.sources
        .iter()
        .map(|s| {
            let mut text = format!("{}: {}", s.id, one_line(&s.title));
            for (field, value) in [("url", &s.url), ("date", &s.date), ("note", &s.note)] {
                if let Some(value) = value {
                    text.push_str(&format!(", {field} {}", one_line(value)));
                }
            }
            text
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A side's name, who represents it, and its demands, by id.
fn diff_side(before: Option<&Side>, side: &Side, push: &mut impl FnMut(String, String, String)) {
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
        diff_demand(&format!("demand {}/{}", side.id, demand.id), was, Some(demand), push);
    }
    for demand in before.map(|s| s.demands.as_slice()).unwrap_or_default() {
        if !new_ids.contains(demand.id.as_str()) {
            diff_demand(&format!("demand {}/{}", side.id, demand.id), Some(demand), None, push);
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
