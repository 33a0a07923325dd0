//! Settling a merge's conflicts: the edits that take one side's version of what
//! clashed (a mark, a status, a document or one place of it, a path, round
//! decisions, the hand-out, the codebook's name), keep both versions of a mark
//! as the marks of the people who made them, or keep what the comparison holds
//! now. Each is one undoable edit that also takes the conflict off the list.

use super::PositionFile;
use super::codebook::Status;
use super::comparison::{Comparison, Edit, PositionDocument};
use super::conflict::{Conflict, Pick};
use super::mark::{Mark, MarkField, MarkId};
use super::merge_document::{Place, put, slot};

impl Comparison {
    /// The conflicts without the one at `index`.
    fn conflicts_without(&self, index: usize) -> Vec<Conflict> {
        let mut rest = self.conflicts.clone();
        rest.remove(index);
        rest
    }

    /// The edit that settles conflict `index` by taking one side's version, as one
    /// undo step. `None` when there is no such conflict. The edit may still be
    /// refused (a status that marks use cannot be removed): the caller says why.
    pub fn take_edit(&self, index: usize, pick: Pick) -> Option<Edit> {
        let conflict = self.conflicts.get(index)?;
        let mut edits = Vec::new();
        match conflict {
            Conflict::Mark {
                id,
                fields,
                ours,
                theirs,
                ..
            } => self.take_mark(id, fields, pick.of(ours, theirs).as_ref(), &mut edits),
            Conflict::Status {
                id,
                fields,
                ours,
                theirs,
                ..
            } => self.take_status(id, fields, pick.of(ours, theirs).as_ref(), &mut edits),
            Conflict::Document {
                id,
                places,
                ours: Some(ours),
                theirs: Some(theirs),
                ..
            } if !places.is_empty() => self.take_places(id, places, pick.of(ours, theirs), &mut edits),
            Conflict::Document { id, ours, theirs, .. } => {
                self.take_document(id, pick.of(ours, theirs).as_ref(), &mut edits);
            }
            Conflict::Path { id, ours, theirs, .. } => {
                let wanted = pick.of(ours, theirs);
                if let Some(index) = self.document_index(id)
                    && self.documents()[index].path != *wanted
                {
                    edits.push(Edit::ReplaceDocument {
                        index,
                        document: PositionDocument {
                            path: wanted.clone(),
                            ..self.documents()[index].clone()
                        },
                    });
                }
            }
            Conflict::Rounds { old, new, ours, theirs } => {
                let (drop, add) = (pick.of(theirs, ours), pick.of(ours, theirs));
                let mut rounds = self.rounds().to_vec();
                if let Some(pair) = rounds.iter_mut().find(|r| r.old == *old && r.new == *new) {
                    pair.matches.retain(|l| !drop.contains(l));
                    for link in add {
                        if !pair.matches.contains(link) {
                            pair.matches.push(link.clone());
                        }
                    }
                    pair.matches.sort();
                }
                if rounds != self.rounds() {
                    edits.push(Edit::SetRounds(rounds));
                }
            }
            Conflict::Handout { ours, theirs, .. } => {
                let wanted = pick.of(ours, theirs);
                if wanted.as_ref() != self.handout() {
                    edits.push(Edit::SetHandout(wanted.clone()));
                }
            }
            Conflict::Codebook { ours, theirs, .. } => {
                let wanted = pick.of(ours, theirs);
                let mut codebook = self.codebook().clone();
                codebook.id.clone_from(&wanted.id);
                codebook.name.clone_from(&wanted.name);
                if codebook != *self.codebook() {
                    edits.push(Edit::SetCodebook(codebook));
                }
            }
        }
        edits.push(Edit::SetConflicts(self.conflicts_without(index)));
        Some(Edit::Batch(edits))
    }

    /// A mark's version taken: its conflicting fields from it, or the mark
    /// added or removed.
    fn take_mark(&self, id: &MarkId, fields: &[MarkField], wanted: Option<&Mark>, edits: &mut Vec<Edit>) {
        match (self.mark(id), wanted) {
            (Some(now), Some(wanted)) => {
                let taken = mark_with_fields(now, wanted, fields);
                if taken != *now {
                    edits.push(Edit::ReplaceMark(taken));
                }
            }
            (Some(_), None) => edits.push(Edit::RemoveMark(id.clone())),
            (None, Some(wanted)) => edits.push(Edit::AddMark(wanted.clone())),
            (None, None) => {}
        }
    }

    /// A status's version taken: its conflicting fields from it, or the status
    /// added to or removed from the codebook.
    fn take_status(&self, id: &str, fields: &[String], wanted: Option<&Status>, edits: &mut Vec<Edit>) {
        let mut codebook = self.codebook().clone();
        let at = codebook.index_of(id);
        match (at, wanted) {
            (Some(i), Some(status)) => codebook.statuses[i] = status_with_fields(&codebook.statuses[i], status, fields),
            (Some(i), None) => {
                codebook.statuses.remove(i);
            }
            (None, Some(status)) => codebook.statuses.push(status.clone()),
            (None, None) => {}
        }
        if codebook != *self.codebook() {
            edits.push(Edit::SetCodebook(codebook));
        }
    }

    /// Each place of a document in conflict taken from the chosen version; the
    /// rest stays merged.
    fn take_places(&self, id: &str, places: &[Place], wanted: &PositionFile, edits: &mut Vec<Edit>) {
        if let Some(index) = self.document_index(id) {
            let mut data = self.documents()[index].data.clone();
            for place in places {
                put(&mut data, place, slot(wanted, place));
            }
            if data != self.documents()[index].data {
                edits.push(Edit::ReplaceDocument {
                    index,
                    document: PositionDocument {
                        data,
                        ..self.documents()[index].clone()
                    },
                });
            }
        }
    }

    /// A whole document's version taken: replaced, added or removed.
    fn take_document(&self, id: &str, wanted: Option<&PositionFile>, edits: &mut Vec<Edit>) {
        let at = self.document_index(id);
        match (at, wanted) {
            (Some(index), Some(data)) if self.documents()[index].data != *data => {
                edits.push(Edit::ReplaceDocument {
                    index,
                    document: PositionDocument {
                        id: id.to_owned(),
                        path: self.documents()[index].path.clone(),
                        data: data.clone(),
                    },
                });
            }
            (Some(index), None) => edits.push(Edit::RemoveDocument { index }),
            (None, Some(data)) => edits.push(Edit::InsertDocument {
                index: self.documents().len(),
                document: PositionDocument {
                    id: id.to_owned(),
                    path: String::new(),
                    data: data.clone(),
                },
            }),
            _ => {}
        }
    }

    /// The edit that settles one place of a document's conflict by taking one
    /// side's version of it; the conflict goes once no place is left.
    pub fn take_place_edit(&self, index: usize, place: usize, pick: Pick) -> Option<Edit> {
        let Some(Conflict::Document {
            id,
            places,
            base,
            ours: Some(ours),
            theirs: Some(theirs),
        }) = self.conflicts.get(index)
        else {
            return None;
        };
        let at = places.get(place)?;
        let doc = self.document_index(id)?;
        let mut data = self.documents()[doc].data.clone();
        put(&mut data, at, slot(pick.of(ours, theirs), at));
        let mut edits = Vec::new();
        if data != self.documents()[doc].data {
            edits.push(Edit::ReplaceDocument {
                index: doc,
                document: PositionDocument {
                    data,
                    ..self.documents()[doc].clone()
                },
            });
        }
        let mut rest = self.conflicts.clone();
        if places.len() == 1 {
            rest.remove(index);
        } else {
            let mut left = places.clone();
            left.remove(place);
            rest[index] = Conflict::Document {
                id: id.to_owned(),
                places: left,
                base: base.clone(),
                ours: Some(ours.clone()),
                theirs: Some(theirs.clone()),
            };
        }
        edits.push(Edit::SetConflicts(rest));
        Some(Edit::Batch(edits))
    }

    /// The edit that settles a mark's conflict by keeping both versions, each as
    /// a mark of the person who made it: a version its coder made stays that
    /// coder's mark (with its id); a version someone else made by changing it
    /// becomes a mark of theirs, with a new id (`new_id`); when neither version is
    /// its coder's, the coder's mark is the base's version.
    pub fn keep_both_edit(&self, index: usize, new_id: MarkId) -> Option<Edit> {
        let Some(Conflict::Mark {
            id,
            fields,
            base,
            ours: Some(ours),
            theirs: Some(theirs),
        }) = self.conflicts.get(index)
        else {
            return None;
        };
        let now = self.mark(id).unwrap_or(ours);
        // Each version whole, with its own record of changes: a mark of its maker.
        let versions = [ours, theirs].map(|v| {
            let mut mark = mark_with_fields(now, v, fields);
            mark.changes.clone_from(&v.changes);
            (mark, maker(base.as_ref(), v))
        });
        let coder = now.coder.trim();
        let own = versions.iter().position(|(_, by)| by == coder);
        let kept = match (own, base) {
            (Some(i), _) => versions[i].0.clone(),
            (None, Some(base)) => {
                let mut mark = mark_with_fields(now, base, fields);
                mark.changes.clone_from(&base.changes);
                mark
            }
            (None, None) => versions[0].0.clone(),
        };
        let mut edits = Vec::new();
        match self.mark(id) {
            Some(mark) if *mark == kept => {}
            Some(_) => edits.push(Edit::ReplaceMark(kept.clone())),
            None => edits.push(Edit::AddMark(kept.clone())),
        }
        let mut ids = [new_id.clone(), format!("{new_id}-2")].into_iter();
        for (i, (mut version, by)) in versions.into_iter().enumerate() {
            if own == Some(i) || (own.is_none() && base.is_none() && i == 0) {
                continue;
            }
            version.id = ids.next().unwrap_or_else(|| new_id.clone());
            if by != coder {
                // Their own mark now: what they did, under their name.
                let made = version
                    .changes
                    .iter()
                    .rev()
                    .find(|c| c.by.trim() == by)
                    .map(|c| c.at.clone());
                version.coder = by;
                version.changes.clear();
                if let Some(at) = made {
                    version.created.clone_from(&at);
                    version.changed = at;
                }
            }
            edits.push(Edit::AddMark(version));
        }
        edits.push(Edit::SetConflicts(self.conflicts_without(index)));
        Some(Edit::Batch(edits))
    }

    /// The edit that settles conflict `index` with what the comparison holds now
    /// (after the person edited it by hand).
    pub fn settled_as_is_edit(&self, index: usize) -> Option<Edit> {
        (index < self.conflicts.len()).then(|| Edit::SetConflicts(self.conflicts_without(index)))
    }
}

/// Who made a version of a mark: whoever other than its coder last changed it
/// since the base (their change is recorded in it), else its coder.
pub fn maker(base: Option<&Mark>, version: &Mark) -> String {
    let before = base.map_or(&[][..], |b| b.changes.as_slice());
    version
        .changes_by_others()
        .filter(|c| !before.contains(c))
        .last()
        .map_or_else(|| version.coder.trim().to_owned(), |c| c.by.trim().to_owned())
}

/// `now` with the `fields` in conflict taken from `from` (the other fields were
/// merged already and stay). The change time is the later of the two; the record
/// of changes by others holds both versions'.
pub fn mark_with_fields(now: &Mark, from: &Mark, fields: &[MarkField]) -> Mark {
    // Every field of a mark named: one added later must be thought about here.
    let Mark {
        id: _,
        demands,
        status,
        note,
        coder,
        created: _,
        changed,
        coders_said,
        changes,
    } = from;
    let mut mark = now.clone();
    for field in fields {
        match field {
            MarkField::Status => mark.status.clone_from(status),
            MarkField::Note => mark.note.clone_from(note),
            MarkField::Demands => mark.demands.clone_from(demands),
            MarkField::Coder => mark.coder.clone_from(coder),
            MarkField::CodersSaid => mark.coders_said.clone_from(coders_said),
            MarkField::Removed => {}
        }
    }
    mark.changes = super::merge::merge_history(&mark.changes, changes);
    if mark != *now && *changed > mark.changed {
        mark.changed.clone_from(changed);
    }
    mark
}

/// `now` with the `fields` in conflict taken from `from`.
pub fn status_with_fields(now: &Status, from: &Status, fields: &[String]) -> Status {
    let mut status = now.clone();
    for field in fields {
        match field.as_str() {
            "label" => status.label.clone_from(&from.label),
            "color" => status.color.clone_from(&from.color),
            "key" => status.key.clone_from(&from.key),
            "description" => status.description.clone_from(&from.description),
            _ => {}
        }
    }
    status
}
