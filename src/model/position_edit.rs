//! Changes to a document's positions (its sides, issues, demands and sources),
//! each checked against the position file's rules and returned with its exact
//! inverse, so that the window's one edit path can undo any of them.
//!
//! Ids never change: an edit changes what a side, issue, demand or source says,
//! never which one it is, so that marks and the rounds view keep finding it.

use std::collections::HashSet;

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

/// Why a change was refused, in words a user acts on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ChangeRefused(pub String);

fn refuse<T>(message: impl Into<String>) -> Result<T, ChangeRefused> {
    Err(ChangeRefused(message.into()))
}

fn place(len: usize, at: usize, what: &str) -> Result<(), ChangeRefused> {
    if at < len {
        Ok(())
    } else {
        refuse(format!("there is no {what} {} (there are {len})", at + 1))
    }
}

/// Applies `change` to `file` and returns the change that undoes it. A refused
/// change leaves the file as it was. `other_side_ids` are the side ids of the
/// comparison's other documents (side ids are unique across them).
pub fn apply_change(
    file: &mut PositionFile,
    change: PositionChange,
    other_side_ids: &HashSet<&str>,
) -> Result<PositionChange, ChangeRefused> {
    use PositionChange as C;
    Ok(match change {
        C::Header {
            negotiation,
            round,
            date,
        } => {
            if let Some(date) = &date {
                check_date(date)?;
            }
            C::Header {
                negotiation: std::mem::replace(&mut file.negotiation, negotiation),
                round: std::mem::replace(&mut file.round, round),
                date: std::mem::replace(&mut file.date, date),
            }
        }
        C::InsertSide { at, side } => {
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
            C::RemoveSide { at }
        }
        C::RemoveSide { at } => {
            place(file.sides.len(), at, "side")?;
            if file.sides.len() == 1 {
                return refuse("a position file needs at least one side; add another before removing this one");
            }
            C::InsertSide {
                at,
                side: file.sides.remove(at),
            }
        }
        C::RenameSide {
            at,
            name,
            represented_by,
        } => {
            place(file.sides.len(), at, "side")?;
            check_words(&name, "A side's name")?;
            let side = &mut file.sides[at];
            C::RenameSide {
                at,
                name: std::mem::replace(&mut side.name, name),
                represented_by: std::mem::replace(&mut side.represented_by, represented_by),
            }
        }
        C::MoveSide { from, to } => {
            place(file.sides.len(), from, "side")?;
            place(file.sides.len(), to, "side")?;
            let side = file.sides.remove(from);
            file.sides.insert(to, side);
            C::MoveSide { from: to, to: from }
        }
        C::ListIssues => {
            if !file.issues.is_empty() {
                return refuse("the issues are listed already");
            }
            file.issues = file.issue_list();
            C::UnlistIssues
        }
        C::UnlistIssues => {
            // Only what `ListIssues` wrote may be taken back: the issues the demands form.
            if file.issues != file.issues_formed_by_demands() {
                return refuse("the issues were changed since they were listed");
            }
            file.issues.clear();
            C::ListIssues
        }
        C::InsertIssue { at, issue } => {
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
            C::RemoveIssue { at }
        }
        C::RemoveIssue { at } => {
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
            C::InsertIssue {
                at,
                issue: file.issues.remove(at),
            }
        }
        C::RenameIssue { at, name, description } => {
            place(file.issues.len(), at, "issue")?;
            check_words(&name, "An issue's name")?;
            let issue = &mut file.issues[at];
            C::RenameIssue {
                at,
                name: std::mem::replace(&mut issue.name, name),
                description: std::mem::replace(&mut issue.description, description),
            }
        }
        C::MoveIssue { from, to } => {
            place(file.issues.len(), from, "issue")?;
            place(file.issues.len(), to, "issue")?;
            let issue = file.issues.remove(from);
            file.issues.insert(to, issue);
            C::MoveIssue { from: to, to: from }
        }
        C::InsertDemand { side, at, demand } => {
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
            C::RemoveDemand { side, at }
        }
        C::RemoveDemand { side, at } => {
            place(file.sides.len(), side, "side")?;
            place(file.sides[side].demands.len(), at, "demand")?;
            C::InsertDemand {
                side,
                at,
                demand: file.sides[side].demands.remove(at),
            }
        }
        C::ReplaceDemand { side, at, demand } => {
            place(file.sides.len(), side, "side")?;
            place(file.sides[side].demands.len(), at, "demand")?;
            let old = &file.sides[side].demands[at];
            if old.id != demand.id {
                return refuse(format!("a demand keeps its id: `{}`, not `{}`", old.id, demand.id));
            }
            check_demand(file, &demand)?;
            C::ReplaceDemand {
                side,
                at,
                demand: std::mem::replace(&mut file.sides[side].demands[at], demand),
            }
        }
        C::MoveDemand { side, from, to } => {
            place(file.sides.len(), side, "side")?;
            let demands = &mut file.sides[side].demands;
            place(demands.len(), from, "demand")?;
            place(demands.len(), to, "demand")?;
            let demand = demands.remove(from);
            demands.insert(to, demand);
            C::MoveDemand {
                side,
                from: to,
                to: from,
            }
        }
        C::InsertSource { at, source } => {
            if at > file.sources.len() {
                return refuse(format!("there is no place {} for a source", at + 1));
            }
            check_words(&source.id, "A source's id")?;
            if file.sources.iter().any(|s| s.id == source.id) {
                return refuse(format!("there is already a source `{}`", source.id));
            }
            check_source(&source)?;
            file.sources.insert(at, source);
            C::RemoveSource { at }
        }
        C::RemoveSource { at } => {
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
            C::InsertSource {
                at,
                source: file.sources.remove(at),
            }
        }
        C::ReplaceSource { at, source } => {
            place(file.sources.len(), at, "source")?;
            if file.sources[at].id != source.id {
                return refuse(format!(
                    "a source keeps its id: `{}`, not `{}`",
                    file.sources[at].id, source.id
                ));
            }
            check_source(&source)?;
            C::ReplaceSource {
                at,
                source: std::mem::replace(&mut file.sources[at], source),
            }
        }
    })
}

/// Whether a demand of the file has this id (a scan, not a set: one edit
/// should not build a set of 20,000 ids).
fn has_demand(file: &PositionFile, id: &str) -> bool {
    file.sides.iter().flat_map(|s| &s.demands).any(|d| d.id == id)
}

fn check_words(text: &str, what: &str) -> Result<(), ChangeRefused> {
    if text.trim().is_empty() {
        refuse(format!("{what} cannot be empty"))
    } else {
        Ok(())
    }
}

/// The rules the loader holds a demand to (the position file's contract).
fn check_demand(file: &PositionFile, demand: &Demand) -> Result<(), ChangeRefused> {
    check_words(&demand.text, "A demand's text")?;
    check_words(&demand.issue, "A demand's issue")?;
    if !file.issues.is_empty() && !file.issues.iter().any(|i| i.id == demand.issue) {
        return refuse(format!("there is no issue `{}`; add it first", demand.issue));
    }
    if let Some(source) = &demand.source
        && !file.sources.iter().any(|s| &s.id == source)
    {
        return refuse(format!("there is no source `{source}`; add it first"));
    }
    if let Some(value) = &demand.value {
        if value.min.is_none() && value.max.is_none() {
            return refuse("a value needs a lowest or a highest number (or both)");
        }
        if value.unit.trim().is_empty() {
            return refuse("a value needs a unit (days, km, troops, EUR…)");
        }
        if let (Some(min), Some(max)) = (value.min, value.max)
            && min > max
        {
            return refuse(format!(
                "the lowest number ({min}) is above the highest ({max}); swap them"
            ));
        }
        if value.min.is_some_and(|x| !x.is_finite()) || value.max.is_some_and(|x| !x.is_finite()) {
            return refuse("a value's numbers must be finite");
        }
    }
    Ok(())
}

fn check_source(source: &Source) -> Result<(), ChangeRefused> {
    check_words(&source.title, "A source's title")?;
    if let Some(date) = &source.date {
        check_date(date)?;
    }
    Ok(())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the position file asks.
pub fn check_date(date: &str) -> Result<(), ChangeRefused> {
    if super::position::is_valid_date(date) {
        Ok(())
    } else {
        refuse(format!(
            "`{date}` is not a date; write it as 2025-06-02, 2025-06 or 2025"
        ))
    }
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

    #[test]
    fn dates_are_checked_as_the_file_asks() {
        assert!(check_date("2025").is_ok());
        assert!(check_date("2025-06").is_ok());
        assert!(check_date("2025-06-02").is_ok());
        assert!(check_date("2025-13").is_err());
        assert!(check_date("2 June").is_err());
    }
}
