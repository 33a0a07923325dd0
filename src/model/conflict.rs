//! Merge conflicts: what a three-way merge of comparisons could not settle by
//! itself, kept inside the (valid) comparison until a person settles each one
//! (comparison format 5). Each conflict holds the base version and both sides'
//! versions of one thing (a mark, a status, a document, the codebook's name),
//! whole, so that the person sees who made each and when, and so that settling
//! needs nothing but the file.

use serde::{Deserialize, Serialize};

use super::codebook::{Codebook, Status};
use super::comparison::Comparison;
use super::handout::Handout;
use super::mark::{Mark, MarkField, MarkId};
use super::merge_document::Place;
use super::position::PositionFile;
use super::rounds::RoundLink;

pub use super::conflict_settle::{maker, mark_with_fields, status_with_fields};

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
        /// Where the two sides changed the position data differently (format 7),
        /// each settled alone; none when one side removed the document while the
        /// other changed it (and in format 5 files: the whole data clashes).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        places: Vec<Place>,
        #[serde(default)]
        base: Option<PositionFile>,
        #[serde(default)]
        ours: Option<PositionFile>,
        #[serde(default)]
        theirs: Option<PositionFile>,
    },
    /// Where a document's position file was opened from, changed differently
    /// (format 7). The comparison holds ours while it is open.
    Path {
        id: String,
        base: String,
        ours: String,
        theirs: String,
    },
    /// One demand of a round matched to a different demand on each side
    /// (format 7): the links that clash, ours held while it is open.
    Rounds {
        /// The two documents compared (the earlier round, the later).
        old: String,
        new: String,
        ours: Vec<RoundLink>,
        theirs: Vec<RoundLink>,
    },
    /// A teacher's hand-out's instruction changed differently, or the hand-out
    /// removed on one side and changed on the other (format 7).
    Handout {
        /// `instructions`, or `removed`.
        fields: Vec<String>,
        #[serde(default)]
        base: Option<Handout>,
        #[serde(default)]
        ours: Option<Handout>,
        #[serde(default)]
        theirs: Option<Handout>,
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
            Self::Path { id, .. } => format!("path:{id}"),
            Self::Rounds { old, new, .. } => format!("rounds:{old}:{new}"),
            Self::Handout { .. } => "handout".to_owned(),
            Self::Codebook { .. } => "codebook".to_owned(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Self::Mark { .. } => "mark",
            Self::Status { .. } => "status",
            Self::Document { .. } => "document",
            Self::Path { .. } => "path",
            Self::Rounds { .. } => "rounds",
            Self::Handout { .. } => "hand-out",
            Self::Codebook { .. } => "codebook",
        }
    }

    /// The id of what the conflict is about (empty for the codebook's name and the hand-out).
    pub fn id(&self) -> &str {
        match self {
            Self::Mark { id, .. } | Self::Status { id, .. } | Self::Document { id, .. } | Self::Path { id, .. } => id,
            Self::Rounds { new, .. } => new,
            Self::Codebook { .. } | Self::Handout { .. } => "",
        }
    }

    /// The fields both sides changed differently.
    pub fn fields(&self) -> Vec<String> {
        match self {
            Self::Mark { fields, .. } => fields.iter().map(|f| f.name().to_owned()).collect(),
            Self::Status { fields, .. } | Self::Codebook { fields, .. } | Self::Handout { fields, .. } => {
                fields.clone()
            }
            Self::Document { ours, theirs, .. } if ours.is_none() || theirs.is_none() => vec!["removed".into()],
            Self::Document { places, .. } if !places.is_empty() => places.iter().map(ToString::to_string).collect(),
            Self::Document { .. } => vec!["data".into()],
            Self::Path { .. } => vec!["path".into()],
            Self::Rounds { ours, .. } => ours
                .iter()
                .map(|l| format!("match of {}/{}", l.old.side(), l.old.demand()))
                .collect(),
        }
    }

    /// Whether only comparison format 7 holds the conflict (fields by place, a
    /// path, round decisions, a hand-out).
    pub fn needs_format_7(&self) -> bool {
        match self {
            Self::Document { places, .. } => !places.is_empty(),
            Self::Path { .. } | Self::Rounds { .. } | Self::Handout { .. } => true,
            Self::Mark { .. } | Self::Status { .. } | Self::Codebook { .. } => false,
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
            Self::Document {
                id,
                places,
                base,
                ours,
                theirs,
            } => Self::Document {
                id,
                places,
                base,
                ours: theirs,
                theirs: ours,
            },
            Self::Path { id, base, ours, theirs } => Self::Path {
                id,
                base,
                ours: theirs,
                theirs: ours,
            },
            Self::Rounds { old, new, ours, theirs } => Self::Rounds {
                old,
                new,
                ours: theirs,
                theirs: ours,
            },
            Self::Handout {
                fields,
                base,
                ours,
                theirs,
            } => Self::Handout {
                fields,
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
}
