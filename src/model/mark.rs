//! Marks: a status and a note given to one or more demands.

use serde::{Deserialize, Serialize};

/// A demand named across all open position files: side ids are unique across
/// files, and demand ids within a file, so the pair is unique. Written `("ua", "ua-ceasefire")`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DemandRef(pub String, pub String);

impl DemandRef {
    pub fn new(side: impl Into<String>, demand: impl Into<String>) -> Self {
        Self(side.into(), demand.into())
    }

    pub fn side(&self) -> &str {
        &self.0
    }

    pub fn demand(&self) -> &str {
        &self.1
    }
}

pub type MarkId = u64;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub id: MarkId,
    pub demands: Vec<DemandRef>,
    /// A status id from the comparison's codebook.
    pub status: String,
    #[serde(default)]
    pub note: String,
    /// RFC 3339 UTC timestamps.
    pub created: String,
    pub changed: String,
}

/// Now, as an RFC 3339 UTC timestamp to the second.
pub fn now_timestamp() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

pub fn is_valid_timestamp(s: &str) -> bool {
    humantime::parse_rfc3339(s).is_ok()
}
