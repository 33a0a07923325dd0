//! Marks: a status and a note given to one or more demands, by a coder.

use serde::{Deserialize, Serialize};

/// A demand named across all documents of a comparison: a document id, a side id
/// (unique within its document) and a demand id (unique within its file).
/// Written `("istanbul-2025-06-02", "ua", "ua-ceasefire")`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DemandRef(pub String, pub String, pub String);

impl DemandRef {
    pub fn new(document: impl Into<String>, side: impl Into<String>, demand: impl Into<String>) -> Self {
        Self(document.into(), side.into(), demand.into())
    }

    pub fn document(&self) -> &str {
        &self.0
    }

    pub fn side(&self) -> &str {
        &self.1
    }

    pub fn demand(&self) -> &str {
        &self.2
    }
}

/// A mark's id: a UUIDv7 string for marks made since comparison format 2, so that
/// copies of a file edited apart never give two different marks the same id.
pub type MarkId = String;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub id: MarkId,
    pub demands: Vec<DemandRef>,
    /// A status id from the comparison's codebook.
    pub status: String,
    #[serde(default)]
    pub note: String,
    /// Who made the mark (empty where it was not recorded, as in format 1 files).
    #[serde(default)]
    pub coder: String,
    /// RFC 3339 UTC timestamps.
    pub created: String,
    pub changed: String,
    /// For a mark of a consensus (the adjudication of a coding study): what each
    /// coder had said about each of its demands. Empty for every other mark; a
    /// comparison with such records is written as format 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coders_said: Vec<CoderSaid>,
    /// Changes made to the mark by someone other than its coder (comparison format
    /// 7), oldest first: the mark stays its coder's, and who changed what is kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<MarkChange>,
}

/// A field of a mark, by name: what a merge conflict names and what a change by
/// another person touched. Written in files as the field's name (`"status"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum MarkField {
    Status,
    Note,
    Demands,
    Coder,
    CodersSaid,
    /// Not a field: the mark was removed on one side of a merge and changed on the other.
    Removed,
}

impl MarkField {
    pub fn name(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Note => "note",
            Self::Demands => "demands",
            Self::Coder => "coder",
            Self::CodersSaid => "coders_said",
            Self::Removed => "removed",
        }
    }
}

impl From<MarkField> for String {
    fn from(field: MarkField) -> Self {
        field.name().to_owned()
    }
}

impl TryFrom<String> for MarkField {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        [
            Self::Status,
            Self::Note,
            Self::Demands,
            Self::Coder,
            Self::CodersSaid,
            Self::Removed,
        ]
        .into_iter()
        .find(|f| f.name() == name)
        .ok_or_else(|| {
            format!("`{name}` is not a field of a mark; write \"status\", \"note\", \"demands\", \"coder\", \"coders_said\" or \"removed\"")
        })
    }
}

impl std::fmt::Display for MarkField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One change to a mark made by someone other than its coder: who, when, which
/// field and what it held before. A run of changes by one person to one field is
/// one record (a note typed letter by letter is one change), and a change taken
/// back to what the field held is no change at all.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkChange {
    /// RFC 3339 UTC timestamp of the (last) change.
    pub at: String,
    /// Who made it.
    pub by: String,
    /// `status` or `note`.
    pub field: MarkField,
    /// What the field held before: a status id, or the note's text.
    #[serde(default)]
    pub was: String,
}

/// What one coder had said about one demand of a consensus mark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoderSaid {
    pub demand: DemandRef,
    pub coder: String,
    /// The status the coder gave the demand: none when they did not code it, two or
    /// more when their marks on it disagree (a within-coder conflict).
    #[serde(default)]
    pub statuses: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Who is marking and when: what a new or changed mark is stamped with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub coder: String,
    pub now: String,
}

impl Stamp {
    /// The current time, for `coder`.
    pub fn now(coder: impl Into<String>) -> Self {
        Self {
            coder: coder.into(),
            now: now_timestamp(),
        }
    }
}

/// A new, practically unique mark id: time-ordered (UUIDv7), so marks sort by creation.
pub fn new_mark_id() -> MarkId {
    uuid::Uuid::now_v7().to_string()
}

/// Now, as an RFC 3339 UTC timestamp to the second.
pub fn now_timestamp() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or_else(|_| jiff::Timestamp::now())
        .to_string()
}

pub fn is_valid_timestamp(s: &str) -> bool {
    s.parse::<jiff::Timestamp>().is_ok()
}

/// A timestamp in the computer's time zone, as people read it ("2 Jun 2025, 14:30").
/// Falls back to the stored text when it is not a timestamp.
pub fn local_time(s: &str) -> String {
    match s.parse::<jiff::Timestamp>() {
        Ok(ts) => ts
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .strftime("%-d %b %Y, %H:%M")
            .to_string(),
        Err(_) => s.to_owned(),
    }
}

/// The operating system's name for the person using it, the default coder name;
/// `None` where the environment gives none (then the window asks).
pub fn system_user_name() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}
