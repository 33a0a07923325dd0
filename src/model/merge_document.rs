//! The three-way merge of a position file, field by field: its own fields, and
//! its sources, issues, sides and each side's demands by id, each field of each
//! against the base. One coder renaming a side while another renames an issue
//! merges cleanly; the same field changed differently is a clash at a [`Place`],
//! which a person settles alone (taking one side's version of that place).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::merge::{Outcome, ordered_ids, three_way};
use super::position::{Demand, Issue, PositionFile, Priority, Side, Source, Value};

/// A field of a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceField {
    Title,
    Url,
    Date,
    Note,
}

/// A field of an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IssueField {
    Name,
    Description,
}

/// A field of a side (its demands are merged one by one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SideField {
    Name,
    RepresentedBy,
}

/// A field of a demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DemandField {
    Text,
    Issue,
    Priority,
    Quote,
    Source,
    Value,
    Tags,
    Note,
}

/// A place in a position file where two sides of a merge clash: one of its own
/// fields, a field of a source, issue, side or demand (by id), or one of those
/// whole (removed on one side and changed on the other).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Place {
    Format,
    Negotiation,
    Round,
    Date,
    Source(String),
    SourceField(String, SourceField),
    Issue(String),
    IssueField(String, IssueField),
    Side(String),
    SideField(String, SideField),
    /// A side's demand: (side id, demand id).
    Demand(String, String),
    DemandField(String, String, DemandField),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Format => write!(f, "format"),
            Self::Negotiation => write!(f, "negotiation"),
            Self::Round => write!(f, "round"),
            Self::Date => write!(f, "date"),
            Self::Source(id) => write!(f, "source {id}"),
            Self::SourceField(id, field) => write!(f, "source {id} {}", format!("{field:?}").to_lowercase()),
            Self::Issue(id) => write!(f, "issue {id}"),
            Self::IssueField(id, IssueField::Name) => write!(f, "issue {id} name"),
            Self::IssueField(id, IssueField::Description) => write!(f, "issue {id} description"),
            Self::Side(id) => write!(f, "side {id}"),
            Self::SideField(id, SideField::Name) => write!(f, "side {id} name"),
            Self::SideField(id, SideField::RepresentedBy) => write!(f, "side {id} represented by"),
            Self::Demand(side, id) => write!(f, "demand {side}/{id}"),
            Self::DemandField(side, id, field) => {
                write!(f, "demand {side}/{id} {}", format!("{field:?}").to_lowercase())
            }
        }
    }
}

/// What one place holds in one version (`None`: not there).
#[derive(Clone, Debug, PartialEq)]
pub enum Slot {
    Format(u32),
    Text(Option<String>),
    Priority(Option<Priority>),
    Value(Option<Value>),
    Tags(Vec<String>),
    Source(Option<Source>),
    Issue(Option<Issue>),
    Side(Option<Side>),
    Demand(Option<Demand>),
}

fn side<'a>(data: &'a PositionFile, id: &str) -> Option<&'a Side> {
    data.sides.iter().find(|s| s.id == id)
}

fn demand<'a>(data: &'a PositionFile, side_id: &str, id: &str) -> Option<&'a Demand> {
    side(data, side_id)?.demands.iter().find(|d| d.id == id)
}

/// What `place` holds in `data`.
pub fn slot(data: &PositionFile, place: &Place) -> Slot {
    let source = |id: &str| data.sources.iter().find(|s| s.id == id);
    let issue = |id: &str| data.issues.iter().find(|i| i.id == id);
    match place {
        Place::Format => Slot::Format(data.format),
        Place::Negotiation => Slot::Text(data.negotiation.clone()),
        Place::Round => Slot::Text(data.round.clone()),
        Place::Date => Slot::Text(data.date.clone()),
        Place::Source(id) => Slot::Source(source(id).cloned()),
        Place::SourceField(id, field) => {
            let s = source(id);
            Slot::Text(s.and_then(|s| match field {
                SourceField::Title => Some(s.title.clone()),
                SourceField::Url => s.url.clone(),
                SourceField::Date => s.date.clone(),
                SourceField::Note => s.note.clone(),
            }))
        }
        Place::Issue(id) => Slot::Issue(issue(id).cloned()),
        Place::IssueField(id, field) => Slot::Text(issue(id).and_then(|i| match field {
            IssueField::Name => Some(i.name.clone()),
            IssueField::Description => i.description.clone(),
        })),
        Place::Side(id) => Slot::Side(side(data, id).cloned()),
        Place::SideField(id, field) => Slot::Text(side(data, id).and_then(|s| match field {
            SideField::Name => Some(s.name.clone()),
            SideField::RepresentedBy => s.represented_by.clone(),
        })),
        Place::Demand(side_id, id) => Slot::Demand(demand(data, side_id, id).cloned()),
        Place::DemandField(side_id, id, field) => {
            let d = demand(data, side_id, id);
            match field {
                DemandField::Text => Slot::Text(d.map(|d| d.text.clone())),
                DemandField::Issue => Slot::Text(d.map(|d| d.issue.clone())),
                DemandField::Priority => Slot::Priority(d.and_then(|d| d.priority)),
                DemandField::Quote => Slot::Text(d.and_then(|d| d.quote.clone())),
                DemandField::Source => Slot::Text(d.and_then(|d| d.source.clone())),
                DemandField::Value => Slot::Value(d.and_then(|d| d.value.clone())),
                DemandField::Tags => Slot::Tags(d.map(|d| d.tags.clone()).unwrap_or_default()),
                DemandField::Note => Slot::Text(d.and_then(|d| d.note.clone())),
            }
        }
    }
}

/// Puts `value` at `place` in `data`: a field set, a whole thing replaced,
/// added (at the end of its list) or removed. A field of a thing `data` does
/// not hold is left alone.
pub fn put(data: &mut PositionFile, place: &Place, value: Slot) {
    fn upsert<T>(list: &mut Vec<T>, is: impl Fn(&T) -> bool, value: Option<T>) {
        match (list.iter().position(is), value) {
            (Some(at), Some(v)) => list[at] = v,
            (Some(at), None) => {
                list.remove(at);
            }
            (None, Some(v)) => list.push(v),
            (None, None) => {}
        }
    }
    let text = |v: &Slot| match v {
        Slot::Text(t) => t.clone(),
        _ => None,
    };
    match (place, value) {
        (Place::Format, Slot::Format(f)) => data.format = f,
        (Place::Negotiation, v) => data.negotiation = text(&v),
        (Place::Round, v) => data.round = text(&v),
        (Place::Date, v) => data.date = text(&v),
        (Place::Source(id), Slot::Source(v)) => upsert(&mut data.sources, |s| s.id == *id, v),
        (Place::SourceField(id, field), v) => {
            if let Some(s) = data.sources.iter_mut().find(|s| s.id == *id) {
                match field {
                    SourceField::Title => s.title = text(&v).unwrap_or_default(),
                    SourceField::Url => s.url = text(&v),
                    SourceField::Date => s.date = text(&v),
                    SourceField::Note => s.note = text(&v),
                }
            }
        }
        (Place::Issue(id), Slot::Issue(v)) => upsert(&mut data.issues, |i| i.id == *id, v),
        (Place::IssueField(id, field), v) => {
            if let Some(i) = data.issues.iter_mut().find(|i| i.id == *id) {
                match field {
                    IssueField::Name => i.name = text(&v).unwrap_or_default(),
                    IssueField::Description => i.description = text(&v),
                }
            }
        }
        (Place::Side(id), Slot::Side(v)) => upsert(&mut data.sides, |s| s.id == *id, v),
        (Place::SideField(id, field), v) => {
            if let Some(s) = data.sides.iter_mut().find(|s| s.id == *id) {
                match field {
                    SideField::Name => s.name = text(&v).unwrap_or_default(),
                    SideField::RepresentedBy => s.represented_by = text(&v),
                }
            }
        }
        (Place::Demand(side_id, id), Slot::Demand(v)) => {
            if let Some(s) = data.sides.iter_mut().find(|s| s.id == *side_id) {
                upsert(&mut s.demands, |d| d.id == *id, v);
            }
        }
        (Place::DemandField(side_id, id, field), v) => {
            let Some(d) = data
                .sides
                .iter_mut()
                .find(|s| s.id == *side_id)
                .and_then(|s| s.demands.iter_mut().find(|d| d.id == *id))
            else {
                return;
            };
            match (field, v) {
                (DemandField::Text, v) => d.text = text(&v).unwrap_or_default(),
                (DemandField::Issue, v) => d.issue = text(&v).unwrap_or_default(),
                (DemandField::Priority, Slot::Priority(p)) => d.priority = p,
                (DemandField::Quote, v) => d.quote = text(&v),
                (DemandField::Source, v) => d.source = text(&v),
                (DemandField::Value, Slot::Value(value)) => d.value = value,
                (DemandField::Tags, Slot::Tags(tags)) => d.tags = tags,
                (DemandField::Note, v) => d.note = text(&v),
                _ => {}
            }
        }
        _ => {}
    }
}

/// A version's value merged three ways; on a clash ours is kept and `place` recorded.
fn merged<T: PartialEq + Clone>(place: Place, base: Option<&T>, ours: &T, theirs: &T, clashes: &mut Vec<Place>) -> T {
    match three_way(base, Some(ours), Some(theirs)) {
        Outcome::Take(Some(v)) => v,
        Outcome::Take(None) => ours.clone(),
        Outcome::Clash => {
            clashes.push(place);
            ours.clone()
        }
    }
}

/// A list of things with ids merged three ways, by id, in the order of the side
/// that reordered them; each thing both sides changed merged by `fields`.
fn merge_list<T: Clone + PartialEq>(
    lists: [&[T]; 3],
    id: impl Fn(&T) -> &str,
    whole: impl Fn(&str) -> Place,
    mut fields: impl FnMut(Option<&T>, &T, &T, &mut Vec<Place>) -> T,
    clashes: &mut Vec<Place>,
) -> Vec<T> {
    let [_, ours, theirs] = lists;
    // Looked up by id through maps: a side of 10,000 demands is merged in one pass.
    let [b_map, o_map, t_map] = lists.map(|l| l.iter().map(|x| (id(x), x)).collect::<HashMap<&str, &T>>());
    let find = |map: &HashMap<&str, &T>, key: &str| map.get(key).map(|x| (*x).clone());
    let ids = ordered_ids(lists.map(|l| l.iter().map(&id).collect()));
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    for key in ids {
        let (b, o, t) = (find(&b_map, key), find(&o_map, key), find(&t_map, key));
        match three_way(b.as_ref(), o.as_ref(), t.as_ref()) {
            Outcome::Take(v) => out.extend(v),
            Outcome::Clash => match (&o, &t) {
                (Some(o), Some(t)) => out.push(fields(b.as_ref(), o, t, clashes)),
                _ => {
                    clashes.push(whole(key));
                    out.extend(o.or(t));
                }
            },
        }
    }
    out
}

/// The three-way merge of a position file: the merged file (ours where the
/// sides clash) and the places where they do.
pub fn merge_positions(
    base: Option<&PositionFile>,
    ours: &PositionFile,
    theirs: &PositionFile,
) -> (PositionFile, Vec<Place>) {
    let mut clashes = Vec::new();
    // Every field named: one added to `PositionFile` does not compile here until it is merged.
    let PositionFile {
        format,
        negotiation,
        round,
        date,
        sources,
        issues,
        sides,
    } = ours;
    let empty = PositionFile {
        format: *format,
        negotiation: None,
        round: None,
        date: None,
        sources: Vec::new(),
        issues: Vec::new(),
        sides: Vec::new(),
    };
    let b = base.unwrap_or(&empty);
    let merged = PositionFile {
        format: merged(
            Place::Format,
            base.map(|b| &b.format),
            format,
            &theirs.format,
            &mut clashes,
        ),
        negotiation: merged(
            Place::Negotiation,
            base.map(|b| &b.negotiation),
            negotiation,
            &theirs.negotiation,
            &mut clashes,
        ),
        round: merged(Place::Round, base.map(|b| &b.round), round, &theirs.round, &mut clashes),
        date: merged(Place::Date, base.map(|b| &b.date), date, &theirs.date, &mut clashes),
        sources: merge_list(
            [&b.sources, sources, &theirs.sources],
            |s| &s.id,
            |id| Place::Source(id.to_owned()),
            merge_source,
            &mut clashes,
        ),
        issues: merge_list(
            [&b.issues, issues, &theirs.issues],
            |i| &i.id,
            |id| Place::Issue(id.to_owned()),
            merge_issue,
            &mut clashes,
        ),
        sides: merge_list(
            [&b.sides, sides, &theirs.sides],
            |s| &s.id,
            |id| Place::Side(id.to_owned()),
            merge_side,
            &mut clashes,
        ),
    };
    (merged, clashes)
}

fn merge_source(base: Option<&Source>, ours: &Source, theirs: &Source, clashes: &mut Vec<Place>) -> Source {
    let Source {
        id,
        title,
        url,
        date,
        note,
    } = ours;
    let place = |f| Place::SourceField(id.clone(), f);
    Source {
        id: id.clone(),
        title: merged(
            place(SourceField::Title),
            base.map(|b| &b.title),
            title,
            &theirs.title,
            clashes,
        ),
        url: merged(place(SourceField::Url), base.map(|b| &b.url), url, &theirs.url, clashes),
        date: merged(
            place(SourceField::Date),
            base.map(|b| &b.date),
            date,
            &theirs.date,
            clashes,
        ),
        note: merged(
            place(SourceField::Note),
            base.map(|b| &b.note),
            note,
            &theirs.note,
            clashes,
        ),
    }
}

fn merge_issue(base: Option<&Issue>, ours: &Issue, theirs: &Issue, clashes: &mut Vec<Place>) -> Issue {
    let Issue { id, name, description } = ours;
    let place = |f| Place::IssueField(id.clone(), f);
    Issue {
        id: id.clone(),
        name: merged(
            place(IssueField::Name),
            base.map(|b| &b.name),
            name,
            &theirs.name,
            clashes,
        ),
        description: merged(
            place(IssueField::Description),
            base.map(|b| &b.description),
            description,
            &theirs.description,
            clashes,
        ),
    }
}

fn merge_side(base: Option<&Side>, ours: &Side, theirs: &Side, clashes: &mut Vec<Place>) -> Side {
    let Side {
        id,
        name,
        represented_by,
        demands,
    } = ours;
    let place = |f| Place::SideField(id.clone(), f);
    let no_demands: &[Demand] = &[];
    Side {
        id: id.clone(),
        name: merged(
            place(SideField::Name),
            base.map(|b| &b.name),
            name,
            &theirs.name,
            clashes,
        ),
        represented_by: merged(
            place(SideField::RepresentedBy),
            base.map(|b| &b.represented_by),
            represented_by,
            &theirs.represented_by,
            clashes,
        ),
        demands: merge_list(
            [base.map_or(no_demands, |b| &b.demands), demands, &theirs.demands],
            |d| &d.id,
            |d| Place::Demand(id.clone(), d.to_owned()),
            |b, o, t, clashes| merge_demand(id, b, o, t, clashes),
            clashes,
        ),
    }
}

fn merge_demand(side: &str, base: Option<&Demand>, ours: &Demand, theirs: &Demand, clashes: &mut Vec<Place>) -> Demand {
    let Demand {
        id,
        issue,
        text,
        priority,
        quote,
        source,
        value,
        tags,
        note,
    } = ours;
    let place = |f| Place::DemandField(side.to_owned(), id.clone(), f);
    Demand {
        id: id.clone(),
        issue: merged(
            place(DemandField::Issue),
            base.map(|b| &b.issue),
            issue,
            &theirs.issue,
            clashes,
        ),
        text: merged(
            place(DemandField::Text),
            base.map(|b| &b.text),
            text,
            &theirs.text,
            clashes,
        ),
        priority: merged(
            place(DemandField::Priority),
            base.map(|b| &b.priority),
            priority,
            &theirs.priority,
            clashes,
        ),
        quote: merged(
            place(DemandField::Quote),
            base.map(|b| &b.quote),
            quote,
            &theirs.quote,
            clashes,
        ),
        source: merged(
            place(DemandField::Source),
            base.map(|b| &b.source),
            source,
            &theirs.source,
            clashes,
        ),
        value: merged(
            place(DemandField::Value),
            base.map(|b| &b.value),
            value,
            &theirs.value,
            clashes,
        ),
        tags: merged(
            place(DemandField::Tags),
            base.map(|b| &b.tags),
            tags,
            &theirs.tags,
            clashes,
        ),
        note: merged(
            place(DemandField::Note),
            base.map(|b| &b.note),
            note,
            &theirs.note,
            clashes,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic::{Spec, position_file};

    fn data() -> PositionFile {
        position_file(&Spec {
            sides: 2,
            demands: 6,
            issues: 3,
            seed: 5,
            language: Default::default(),
        })
    }

    #[test]
    fn a_side_renamed_on_one_side_and_an_issue_on_the_other_merge_cleanly() {
        let base = data();
        let mut ours = base.clone();
        ours.sides[0].name = "Renamed by alice".into();
        let mut theirs = base.clone();
        theirs.issues[1].name = "Renamed by bob".into();
        let (merged, clashes) = merge_positions(Some(&base), &ours, &theirs);
        assert!(clashes.is_empty(), "{clashes:?}");
        assert_eq!(merged.sides[0].name, "Renamed by alice");
        assert_eq!(merged.issues[1].name, "Renamed by bob");
    }

    #[test]
    fn the_same_field_changed_differently_is_a_clash_there_and_taking_theirs_puts_it() {
        let base = data();
        let mut ours = base.clone();
        ours.sides[1].demands[0].text = "ours".into();
        ours.sides[1].demands[0].note = Some("only ours changed the note".into());
        let mut theirs = base.clone();
        theirs.sides[1].demands[0].text = "theirs".into();
        let (mut merged, clashes) = merge_positions(Some(&base), &ours, &theirs);
        let side = base.sides[1].id.clone();
        let id = base.sides[1].demands[0].id.clone();
        assert_eq!(
            clashes,
            [Place::DemandField(side.clone(), id.clone(), DemandField::Text)]
        );
        assert_eq!(merged.sides[1].demands[0].text, "ours", "ours while it is open");
        assert_eq!(
            merged.sides[1].demands[0].note.as_deref(),
            Some("only ours changed the note")
        );
        put(&mut merged, &clashes[0], slot(&theirs, &clashes[0]));
        assert_eq!(merged.sides[1].demands[0].text, "theirs");
        assert_eq!(clashes[0].to_string(), format!("demand {side}/{id} text"));
    }

    #[test]
    fn a_demand_removed_on_one_side_and_changed_on_the_other_is_a_clash_of_the_whole() {
        let base = data();
        let mut ours = base.clone();
        let removed = ours.sides[0].demands.remove(2);
        let mut theirs = base.clone();
        theirs.sides[0].demands[2].text = "changed".into();
        let (merged, clashes) = merge_positions(Some(&base), &ours, &theirs);
        assert_eq!(clashes, [Place::Demand(base.sides[0].id.clone(), removed.id.clone())]);
        assert!(
            merged.sides[0].demands.iter().any(|d| d.text == "changed"),
            "kept until settled"
        );
    }
}
