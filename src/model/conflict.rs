//! Merge conflicts: what a three-way merge of comparisons could not settle by
//! itself, kept inside the (valid) comparison until a person settles each one
//! (comparison format 5). Each conflict holds the base version and both sides'
//! versions of one thing (a mark, a status, a document, the codebook's name),
//! whole, so that the person sees who made each and when, and so that settling
//! needs nothing but the file.

use serde::{Deserialize, Serialize};

use super::codebook::{Codebook, Status};
use super::comparison::{Comparison, Edit, PositionDocument};
use super::mark::{Mark, MarkField, MarkId};
use super::position::PositionFile;

/// The codebook's own fields (its statuses are merged one by one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodebookName {
    pub id: String,
    pub name: String,
}

impl CodebookName {
    pub fn of(codebook: &Codebook) -> Self {
        Self {
            id: codebook.id.clone(),
            name: codebook.name.clone(),
        }
    }
}

/// One thing both sides of a merge changed differently. `None` is "not there": not
/// yet made (base) or removed (ours, theirs). The version in the comparison while
/// the conflict is open is ours (theirs where ours removed it), so the file stays
/// valid and nobody's work is lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(
    clippy::large_enum_variant,
    reason = "a comparison holds a handful of conflicts at most; boxing them would only add indirection to the code that settles them"
)]
pub enum Conflict {
    Mark {
        id: MarkId,
        /// What differs: `status`, `note`, `demands`, `coder`, `coders_said`, or
        /// `removed` (removed on one side, changed on the other).
        fields: Vec<MarkField>,
        #[serde(default)]
        base: Option<Mark>,
        #[serde(default)]
        ours: Option<Mark>,
        #[serde(default)]
        theirs: Option<Mark>,
    },
    Status {
        id: String,
        /// `label`, `color`, `key`, `description`, `removed` (removed on one side
        /// while the other changed it or its marks still use it).
        fields: Vec<String>,
        #[serde(default)]
        base: Option<Status>,
        #[serde(default)]
        ours: Option<Status>,
        #[serde(default)]
        theirs: Option<Status>,
    },
    Document {
        id: String,
        #[serde(default)]
        base: Option<PositionFile>,
        #[serde(default)]
        ours: Option<PositionFile>,
        #[serde(default)]
        theirs: Option<PositionFile>,
    },
    Codebook {
        fields: Vec<String>,
        base: CodebookName,
        ours: CodebookName,
        theirs: CodebookName,
    },
}

/// What a merge's two sides were, as git named them to the merge driver: kept
/// with the conflicts (comparison format 7) so that the Conflicts view says which
/// is which. In a rebase, "ours" is the branch being replayed onto and "theirs"
/// the user's own commit, the other way round from a merge.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeSides {
    /// Git's name for our side (`HEAD`, a branch).
    #[serde(default)]
    pub ours: String,
    /// Git's name for their side (`bob`; in a rebase the commit, `b11f099 (bob codes)`).
    #[serde(default)]
    pub theirs: String,
    /// The merge was a step of a rebase.
    #[serde(default)]
    pub rebase: bool,
}

impl MergeSides {
    /// How the Conflicts view heads our side's column.
    pub fn ours_heading(&self) -> String {
        if self.rebase {
            "Ours: the branch you are rebasing onto".to_owned()
        } else if self.ours.is_empty() || self.ours == "HEAD" {
            "Ours (this branch)".to_owned()
        } else {
            format!("Ours ({})", self.ours)
        }
    }

    /// How the Conflicts view heads their side's column.
    pub fn theirs_heading(&self) -> String {
        match (self.rebase, self.theirs.is_empty()) {
            (true, true) => "Theirs: your commit being replayed".to_owned(),
            (true, false) => format!("Theirs: your commit {}", self.theirs),
            (false, true) => "Theirs (merged in)".to_owned(),
            (false, false) => format!("Theirs ({})", self.theirs),
        }
    }
}

/// Which side's version a person takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Ours,
    Theirs,
}

impl Pick {
    pub fn label(self) -> &'static str {
        match self {
            Self::Ours => "ours",
            Self::Theirs => "theirs",
        }
    }

    /// This side's version of the two.
    pub fn of<'a, T>(self, ours: &'a T, theirs: &'a T) -> &'a T {
        match self {
            Self::Ours => ours,
            Self::Theirs => theirs,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::Ours => Self::Theirs,
            Self::Theirs => Self::Ours,
        }
    }
}

impl Conflict {
    /// What the conflict is about, as `kind:id` (unique within a comparison).
    pub fn key(&self) -> String {
        match self {
            Self::Mark { id, .. } => format!("mark:{id}"),
            Self::Status { id, .. } => format!("status:{id}"),
            Self::Document { id, .. } => format!("document:{id}"),
            Self::Codebook { .. } => "codebook".to_owned(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Self::Mark { .. } => "mark",
            Self::Status { .. } => "status",
            Self::Document { .. } => "document",
            Self::Codebook { .. } => "codebook",
        }
    }

    /// The id of what the conflict is about (empty for the codebook's name).
    pub fn id(&self) -> &str {
        match self {
            Self::Mark { id, .. } | Self::Status { id, .. } | Self::Document { id, .. } => id,
            Self::Codebook { .. } => "",
        }
    }

    /// The fields both sides changed differently.
    pub fn fields(&self) -> Vec<String> {
        match self {
            Self::Mark { fields, .. } => fields.iter().map(|f| f.name().to_owned()).collect(),
            Self::Status { fields, .. } | Self::Codebook { fields, .. } => fields.clone(),
            Self::Document { ours, theirs, .. } if ours.is_none() || theirs.is_none() => vec!["removed".into()],
            Self::Document { .. } => vec!["data".into()],
        }
    }

    /// The same conflict seen from the other side (ours and theirs swapped).
    pub fn swapped(&self) -> Self {
        match self.clone() {
            Self::Mark {
                id,
                fields,
                base,
                ours,
                theirs,
            } => Self::Mark {
                id,
                fields,
                base,
                ours: theirs,
                theirs: ours,
            },
            Self::Status {
                id,
                fields,
                base,
                ours,
                theirs,
            } => Self::Status {
                id,
                fields,
                base,
                ours: theirs,
                theirs: ours,
            },
            Self::Document { id, base, ours, theirs } => Self::Document {
                id,
                base,
                ours: theirs,
                theirs: ours,
            },
            Self::Codebook {
                fields,
                base,
                ours,
                theirs,
            } => Self::Codebook {
                fields,
                base,
                ours: theirs,
                theirs: ours,
            },
        }
    }

    /// Whether keeping both versions makes sense: two marks, each side's, when
    /// both sides still have the mark.
    pub fn can_keep_both(&self) -> bool {
        matches!(
            self,
            Self::Mark {
                ours: Some(_),
                theirs: Some(_),
                ..
            }
        )
    }

    /// The mark the conflict is about, both versions, for showing its demands.
    pub fn marks(&self) -> Vec<&Mark> {
        match self {
            Self::Mark { base, ours, theirs, .. } => [ours, theirs, base].into_iter().flatten().collect(),
            _ => Vec::new(),
        }
    }
}

impl Comparison {
    /// The first unsettled conflict about a mark on this demand, if any: the
    /// columns point it out.
    pub fn conflict_on(&self, ix: super::comparison::DemandIx) -> Option<usize> {
        if self.conflicts.is_empty() {
            return None;
        }
        let on = self.marks_on(ix);
        self.conflicts
            .iter()
            .position(|c| matches!(c, Conflict::Mark { id, .. } if on.contains(id)))
    }

    /// What the merge's two sides were, where git named them.
    pub fn merge_sides(&self) -> Option<&MergeSides> {
        self.merge_sides.as_ref()
    }

    /// Puts in what the merge's two sides were.
    #[must_use]
    pub fn with_merge_sides(mut self, sides: Option<MergeSides>) -> Self {
        self.merge_sides = sides;
        self
    }

    /// The merge conflicts not settled yet.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// Puts in the conflicts read from a file.
    pub fn with_conflicts(mut self, conflicts: Vec<Conflict>) -> Self {
        self.conflicts = conflicts;
        self
    }

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
            } => {
                let wanted = pick.of(ours, theirs);
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
            Conflict::Status {
                id,
                fields,
                ours,
                theirs,
                ..
            } => {
                let wanted = pick.of(ours, theirs);
                let mut codebook = self.codebook().clone();
                let at = codebook.index_of(id);
                match (at, wanted) {
                    (Some(i), Some(status)) => {
                        codebook.statuses[i] = status_with_fields(&codebook.statuses[i], status, fields)
                    }
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
            Conflict::Document { id, ours, theirs, .. } => {
                let wanted = pick.of(ours, theirs);
                let at = self.document_index(id);
                match (at, wanted) {
                    (Some(index), Some(data)) if self.documents()[index].data != *data => {
                        edits.push(Edit::ReplaceDocument {
                            index,
                            document: PositionDocument {
                                id: id.clone(),
                                path: self.documents()[index].path.clone(),
                                data: data.clone(),
                            },
                        });
                    }
                    (Some(index), None) => edits.push(Edit::RemoveDocument { index }),
                    (None, Some(data)) => edits.push(Edit::InsertDocument {
                        index: self.documents().len(),
                        document: PositionDocument {
                            id: id.clone(),
                            path: String::new(),
                            data: data.clone(),
                        },
                    }),
                    _ => {}
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
