//! Changes to a document's positions (its sides, issues, demands and sources),
//! each checked against the position file's rules and returned with its exact
//! inverse, so that the window's one edit path can undo any of them.
//!
//! Ids never change: an edit changes what a side, issue, demand or source says,
//! never which one it is, so that marks and the rounds view keep finding it.

use std::collections::HashSet;

pub use super::position_rules::{ChangeRefused, check_date};
use super::position_rules::{check_demand, check_source, check_words, has_demand, place, refuse};
use PositionChange as C;

use super::position::{Demand, Issue, PositionFile, Side, Source};

/// One change to one document's positions.
#[derive(Clone, Debug, PartialEq)]
pub enum PositionChange {
    /// What the talks are, which round, when: the document's header.
    Header {
        negotiation: Option<String>,
        round: Option<String>,
        date: Option<String>,
    },
    InsertSide {
        at: usize,
        side: Side,
    },
    RemoveSide {
        at: usize,
    },
    /// A side's name and who speaks for it; its id and demands stay.
    RenameSide {
        at: usize,
        name: String,
        represented_by: Option<String>,
    },
    MoveSide {
        from: usize,
        to: usize,
    },
    /// Writes out the issues a file without an `issues` list forms from its
    /// demands, so that issues can be added, renamed and ordered.
    ListIssues,
    /// Goes back to no `issues` list (the inverse of [`Self::ListIssues`]).
    UnlistIssues,
    InsertIssue {
        at: usize,
        issue: Issue,
    },
    RemoveIssue {
        at: usize,
    },
    /// An issue's name and description; its id stays.
    RenameIssue {
        at: usize,
        name: String,
        description: Option<String>,
    },
    MoveIssue {
        from: usize,
        to: usize,
    },
    InsertDemand {
        side: usize,
        at: usize,
        demand: Demand,
    },
    RemoveDemand {
        side: usize,
        at: usize,
    },
    /// Puts a demand with the same id in place of the old (its text, issue,
    /// priority, value, quote, source, tags or note changed).
    ReplaceDemand {
        side: usize,
        at: usize,
        demand: Demand,
    },
    MoveDemand {
        side: usize,
        from: usize,
        to: usize,
    },
    InsertSource {
        at: usize,
        source: Source,
    },
    RemoveSource {
        at: usize,
    },
    /// A source with the same id in place of the old.
    ReplaceSource {
        at: usize,
        source: Source,
    },
}

/// Applies `change` to `file` and returns the change that undoes it. A refused
/// change leaves the file as it was. `other_side_ids` are the side ids of the
/// comparison's other documents (side ids are unique across them).
pub fn apply_change(
    file: &mut PositionFile,
    change: PositionChange,
    other_side_ids: &HashSet<&str>,
) -> Result<PositionChange, ChangeRefused> {
    match change {
        C::Header {
            negotiation,
            round,
            date,
        } => header(file, negotiation, round, date),
        C::InsertSide { at, side } => insert_side(file, at, side, other_side_ids),
        C::RemoveSide { at } => remove_side(file, at),
        C::RenameSide {
            at,
            name,
            represented_by,
        } => rename_side(file, at, name, represented_by),
        C::MoveSide { from, to } => move_side(file, from, to),
        C::ListIssues => list_issues(file),
        C::UnlistIssues => unlist_issues(file),
        C::InsertIssue { at, issue } => insert_issue(file, at, issue),
        C::RemoveIssue { at } => remove_issue(file, at),
        C::RenameIssue { at, name, description } => rename_issue(file, at, name, description),
        C::MoveIssue { from, to } => move_issue(file, from, to),
        C::InsertDemand { side, at, demand } => insert_demand(file, side, at, demand),
        C::RemoveDemand { side, at } => remove_demand(file, side, at),
        C::ReplaceDemand { side, at, demand } => replace_demand(file, side, at, demand),
        C::MoveDemand { side, from, to } => move_demand(file, side, from, to),
        C::InsertSource { at, source } => insert_source(file, at, source),
        C::RemoveSource { at } => remove_source(file, at),
        C::ReplaceSource { at, source } => replace_source(file, at, source),
    }
}

fn header(
    file: &mut PositionFile,
    negotiation: Option<String>,
    round: Option<String>,
    date: Option<String>,
) -> Result<PositionChange, ChangeRefused> {
    if let Some(date) = &date {
        check_date(date)?;
    }
    Ok(C::Header {
        negotiation: std::mem::replace(&mut file.negotiation, negotiation),
        round: std::mem::replace(&mut file.round, round),
        date: std::mem::replace(&mut file.date, date),
    })
}

fn insert_side(
    file: &mut PositionFile,
    at: usize,
    side: Side,
    other_side_ids: &HashSet<&str>,
) -> Result<PositionChange, ChangeRefused> {
    if at > file.sides.len() {
        return refuse(format!("there is no place {} for a side", at + 1));
    }
    check_words(&side.id, "A side's id")?;
    check_words(&side.name, "A side's name")?;
    if file.sides.iter().any(|s| s.id == side.id) || other_side_ids.contains(side.id.as_str()) {
        return refuse(format!(
            "there is already a side `{}`; give the new side another id",
            side.id
        ));
    }
    let mut new_ids = HashSet::new();
    for demand in &side.demands {
        if has_demand(file, &demand.id) || !new_ids.insert(demand.id.as_str()) {
            return refuse(format!("there is already a demand `{}`", demand.id));
        }
        check_demand(file, demand)?;
    }
    file.sides.insert(at, side);
    Ok(C::RemoveSide { at })
}

fn remove_side(file: &mut PositionFile, at: usize) -> Result<PositionChange, ChangeRefused> {
    place(file.sides.len(), at, "side")?;
    if file.sides.len() == 1 {
        return refuse("a position file needs at least one side; add another before removing this one");
    }
    Ok(C::InsertSide {
        at,
        side: file.sides.remove(at),
    })
}

fn rename_side(
    file: &mut PositionFile,
    at: usize,
    name: String,
    represented_by: Option<String>,
) -> Result<PositionChange, ChangeRefused> {
    place(file.sides.len(), at, "side")?;
    check_words(&name, "A side's name")?;
    let side = &mut file.sides[at];
    Ok(C::RenameSide {
        at,
        name: std::mem::replace(&mut side.name, name),
        represented_by: std::mem::replace(&mut side.represented_by, represented_by),
    })
}

fn move_side(file: &mut PositionFile, from: usize, to: usize) -> Result<PositionChange, ChangeRefused> {
    move_within(&mut file.sides, from, to, "side")?;
    Ok(C::MoveSide { from: to, to: from })
}

/// Moves the item at `from` of a list to `to` (both places in the list):
/// sides, issues and a side's demands move alike.
fn move_within<T>(list: &mut Vec<T>, from: usize, to: usize, what: &str) -> Result<(), ChangeRefused> {
    place(list.len(), from, what)?;
    place(list.len(), to, what)?;
    let item = list.remove(from);
    list.insert(to, item);
    Ok(())
}

fn list_issues(file: &mut PositionFile) -> Result<PositionChange, ChangeRefused> {
    if !file.issues.is_empty() {
        return refuse("the issues are listed already");
    }
    file.issues = file.issue_list();
    Ok(C::UnlistIssues)
}

fn unlist_issues(file: &mut PositionFile) -> Result<PositionChange, ChangeRefused> {
    // Only what `ListIssues` wrote may be taken back: the issues the demands form.
    if file.issues != file.issues_formed_by_demands() {
        return refuse("the issues were changed since they were listed");
    }
    file.issues.clear();
    Ok(C::ListIssues)
}

fn insert_issue(file: &mut PositionFile, at: usize, issue: Issue) -> Result<PositionChange, ChangeRefused> {
    if file.issues.is_empty() && file.demand_count() > 0 {
        return refuse("list the file's issues first");
    }
    if at > file.issues.len() {
        return refuse(format!("there is no place {} for an issue", at + 1));
    }
    check_words(&issue.id, "An issue's id")?;
    check_words(&issue.name, "An issue's name")?;
    if file.issues.iter().any(|i| i.id == issue.id) {
        return refuse(format!(
            "there is already an issue `{}`; give the new issue another id",
            issue.id
        ));
    }
    file.issues.insert(at, issue);
    Ok(C::RemoveIssue { at })
}

fn remove_issue(file: &mut PositionFile, at: usize) -> Result<PositionChange, ChangeRefused> {
    place(file.issues.len(), at, "issue")?;
    let id = &file.issues[at].id;
    let used = file
        .sides
        .iter()
        .flat_map(|s| &s.demands)
        .filter(|d| &d.issue == id)
        .count();
    if used > 0 {
        return refuse(format!(
            "{used} demand{} on the issue `{}`; move or delete {} first",
            if used == 1 { " is" } else { "s are" },
            file.issues[at].name,
            if used == 1 { "it" } else { "them" }
        ));
    }
    Ok(C::InsertIssue {
        at,
        issue: file.issues.remove(at),
    })
}

fn rename_issue(
    file: &mut PositionFile,
    at: usize,
    name: String,
    description: Option<String>,
) -> Result<PositionChange, ChangeRefused> {
    place(file.issues.len(), at, "issue")?;
    check_words(&name, "An issue's name")?;
    let issue = &mut file.issues[at];
    Ok(C::RenameIssue {
        at,
        name: std::mem::replace(&mut issue.name, name),
        description: std::mem::replace(&mut issue.description, description),
    })
}

fn move_issue(file: &mut PositionFile, from: usize, to: usize) -> Result<PositionChange, ChangeRefused> {
    move_within(&mut file.issues, from, to, "issue")?;
    Ok(C::MoveIssue { from: to, to: from })
}

fn insert_demand(
    file: &mut PositionFile,
    side: usize,
    at: usize,
    demand: Demand,
) -> Result<PositionChange, ChangeRefused> {
    place(file.sides.len(), side, "side")?;
    if at > file.sides[side].demands.len() {
        return refuse(format!("there is no place {} for a demand", at + 1));
    }
    check_words(&demand.id, "A demand's id")?;
    if has_demand(file, &demand.id) {
        return refuse(format!(
            "there is already a demand `{}`; give the new one another id",
            demand.id
        ));
    }
    check_demand(file, &demand)?;
    file.sides[side].demands.insert(at, demand);
    Ok(C::RemoveDemand { side, at })
}

fn remove_demand(file: &mut PositionFile, side: usize, at: usize) -> Result<PositionChange, ChangeRefused> {
    place(file.sides.len(), side, "side")?;
    place(file.sides[side].demands.len(), at, "demand")?;
    Ok(C::InsertDemand {
        side,
        at,
        demand: file.sides[side].demands.remove(at),
    })
}

fn replace_demand(
    file: &mut PositionFile,
    side: usize,
    at: usize,
    demand: Demand,
) -> Result<PositionChange, ChangeRefused> {
    place(file.sides.len(), side, "side")?;
    place(file.sides[side].demands.len(), at, "demand")?;
    let old = &file.sides[side].demands[at];
    if old.id != demand.id {
        return refuse(format!("a demand keeps its id: `{}`, not `{}`", old.id, demand.id));
    }
    check_demand(file, &demand)?;
    Ok(C::ReplaceDemand {
        side,
        at,
        demand: std::mem::replace(&mut file.sides[side].demands[at], demand),
    })
}

fn move_demand(file: &mut PositionFile, side: usize, from: usize, to: usize) -> Result<PositionChange, ChangeRefused> {
    place(file.sides.len(), side, "side")?;
    move_within(&mut file.sides[side].demands, from, to, "demand")?;
    Ok(C::MoveDemand {
        side,
        from: to,
        to: from,
    })
}

fn insert_source(file: &mut PositionFile, at: usize, source: Source) -> Result<PositionChange, ChangeRefused> {
    if at > file.sources.len() {
        return refuse(format!("there is no place {} for a source", at + 1));
    }
    check_words(&source.id, "A source's id")?;
    if file.sources.iter().any(|s| s.id == source.id) {
        return refuse(format!("there is already a source `{}`", source.id));
    }
    check_source(&source)?;
    file.sources.insert(at, source);
    Ok(C::RemoveSource { at })
}

fn remove_source(file: &mut PositionFile, at: usize) -> Result<PositionChange, ChangeRefused> {
    place(file.sources.len(), at, "source")?;
    let id = &file.sources[at].id;
    let used = file
        .sides
        .iter()
        .flat_map(|s| &s.demands)
        .filter(|d| d.source.as_ref() == Some(id))
        .count();
    if used > 0 {
        return refuse(format!(
            "{used} demand{} the source `{}`; change {} first",
            if used == 1 { " cites" } else { "s cite" },
            file.sources[at].title,
            if used == 1 { "its source" } else { "their sources" }
        ));
    }
    Ok(C::InsertSource {
        at,
        source: file.sources.remove(at),
    })
}

fn replace_source(file: &mut PositionFile, at: usize, source: Source) -> Result<PositionChange, ChangeRefused> {
    place(file.sources.len(), at, "source")?;
    if file.sources[at].id != source.id {
        return refuse(format!(
            "a source keeps its id: `{}`, not `{}`",
            file.sources[at].id, source.id
        ));
    }
    check_source(&source)?;
    Ok(C::ReplaceSource {
        at,
        source: std::mem::replace(&mut file.sources[at], source),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> PositionFile {
        crate::format::position_file::parse_position_file(
            "spec-example.ron",
            include_str!("../../tests/fixtures/spec-example.ron"),
        )
        .expect("the fixture reads")
    }

    #[test]
    fn a_demand_cannot_name_an_issue_that_is_not_listed() {
        let mut f = file();
        let mut demand = f.sides[0].demands[0].clone();
        demand.issue = "weather".into();
        let err = apply_change(
            &mut f,
            PositionChange::ReplaceDemand { side: 0, at: 0, demand },
            &HashSet::new(),
        )
        .unwrap_err();
        assert_eq!(err.0, "there is no issue `weather`; add it first");
    }

    #[test]
    fn an_issue_with_demands_is_not_removed() {
        let mut f = file();
        let used = f.sides[0].demands[0].issue.clone();
        let at = f.issues.iter().position(|i| i.id == used).unwrap();
        let err = apply_change(&mut f, PositionChange::RemoveIssue { at }, &HashSet::new()).unwrap_err();
        assert!(err.0.contains("move or delete"), "{}", err.0);
    }
}
