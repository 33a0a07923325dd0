//! What the user decided when comparing two rounds: the matches confirmed or
//! drawn by hand and the suggestions rejected, saved with the comparison
//! (comparison format 4).

use serde::{Deserialize, Serialize};

/// A demand of one round, by side id and demand id (the round says which document).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RoundDemand(pub String, pub String);

impl RoundDemand {
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

/// An old round's demand matched with a new round's, by the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundLink {
    pub old: RoundDemand,
    pub new: RoundDemand,
}

/// What the user decided about two rounds (two documents of a comparison): the
/// matches confirmed or drawn by hand, and the suggestions rejected. Saved with
/// the comparison, so that the rounds reopen as they were left.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundDecisions {
    /// The earlier round's document id.
    pub old: String,
    /// The later round's document id.
    pub new: String,
    /// Sorted, so that the same decisions always save the same bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<RoundLink>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<RoundLink>,
}

impl RoundDecisions {
    pub fn new(old: impl Into<String>, new: impl Into<String>) -> Self {
        Self {
            old: old.into(),
            new: new.into(),
            ..Self::default()
        }
    }

    /// The same decisions read the other way round (`new` as the earlier round):
    /// swapping the rounds keeps every match and rejection.
    pub fn swapped(&self) -> Self {
        let swap = |links: &[RoundLink]| {
            let mut out: Vec<RoundLink> = links
                .iter()
                .map(|l| RoundLink {
                    old: l.new.clone(),
                    new: l.old.clone(),
                })
                .collect();
            out.sort();
            out
        };
        Self {
            old: self.new.clone(),
            new: self.old.clone(),
            matches: swap(&self.matches),
            rejected: swap(&self.rejected),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.matches.is_empty() && self.rejected.is_empty()
    }

    /// Confirms a match (a suggestion, or one drawn by hand): each demand is then
    /// matched with this one only, and a rejection of the pair is forgotten.
    pub fn confirm(&mut self, link: RoundLink) {
        self.matches.retain(|l| l.old != link.old && l.new != link.new);
        self.rejected.retain(|l| *l != link);
        insert_sorted(&mut self.matches, link);
    }

    /// Rejects a suggested pair: it is not suggested again.
    pub fn reject(&mut self, link: RoundLink) {
        self.matches.retain(|l| *l != link);
        insert_sorted(&mut self.rejected, link);
    }

    /// Undoes a confirmed match: the two demands are unmatched again.
    pub fn unmatch(&mut self, link: &RoundLink) {
        self.matches.retain(|l| l != link);
    }
}

fn insert_sorted(links: &mut Vec<RoundLink>, link: RoundLink) {
    if let Err(at) = links.binary_search(&link) {
        links.insert(at, link);
    }
}
