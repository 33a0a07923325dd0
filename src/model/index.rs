//! Lookups from ids to sides and demands, and from issues to each side's demands,
//! built once when the documents change, so that nothing per frame scales with the data.

use std::collections::HashMap;

use super::comparison::{DemandIx, PositionDocument, SideIx};
use super::mark::DemandRef;
use super::position::{Demand, Issue};

#[derive(Clone, Debug)]
pub(super) struct SideLoc {
    pub doc: usize,
    pub side: usize,
}

/// Lookups built once when the documents change, so nothing per frame scales with the data.
#[derive(Clone, Debug, Default)]
pub(super) struct DocumentIndex {
    pub sides: Vec<SideLoc>,
    /// Document id → side id → side.
    pub side_by_key: HashMap<String, HashMap<String, SideIx>>,
    /// Demands by a hash of (document, side, demand): no copies of the ids, which at
    /// 200,000 demands were a third of the indexing time. Hits are checked against
    /// the data; the rare true collisions go to `demand_collisions`.
    pub demand_by_hash: HashMap<u64, DemandIx>,
    pub demand_collisions: HashMap<DemandRef, DemandIx>,
    /// `[side][demand]` → the demand's key in `demand_by_hash`, so that the
    /// demands after one inserted or removed are found again without hashing ids.
    pub demand_hashes: Vec<Vec<u64>>,
    pub issues: Vec<Issue>,
    pub issue_by_id: HashMap<String, usize>,
    /// `[side][issue]` → the side's demands on that issue, in file order.
    pub by_issue: Vec<Vec<Vec<u32>>>,
    /// `[side][demand]` → the demand's issue (`u32::MAX` for none).
    pub issue_of: Vec<Vec<u32>>,
    /// `[side][demand]` → lower-cased text searched by the filter.
    /// Built on the first search, not at load: most sessions never search, and
    /// lower-casing every text would be a third of the load time.
    pub haystack: std::sync::OnceLock<Vec<Vec<String>>>,
}

impl DocumentIndex {
    pub fn build(documents: &[PositionDocument]) -> Self {
        let mut index = DocumentIndex::default();
        for document in documents {
            for issue in document.data.issue_list() {
                if !index.issue_by_id.contains_key(&issue.id) {
                    index.issue_by_id.insert(issue.id.clone(), index.issues.len());
                    index.issues.push(issue);
                }
            }
        }
        let total: usize = documents.iter().map(|d| d.data.demand_count()).sum();
        index.demand_by_hash.reserve(total);
        for (d, document) in documents.iter().enumerate() {
            let sides_of_doc = index.side_by_key.entry(document.id.clone()).or_default();
            for (s, side) in document.data.sides.iter().enumerate() {
                let side_ix = index.sides.len();
                index.sides.push(SideLoc { doc: d, side: s });
                sides_of_doc.entry(side.id.clone()).or_insert(side_ix);
                let mut by_issue = vec![Vec::new(); index.issues.len()];
                let mut issue_of = Vec::with_capacity(side.demands.len());
                let mut hashes = Vec::with_capacity(side.demands.len());
                for (n, demand) in side.demands.iter().enumerate() {
                    let ix = DemandIx {
                        side: side_ix as u32,
                        demand: n as u32,
                    };
                    let hash = ref_hash(&document.id, &side.id, &demand.id);
                    hashes.push(hash);
                    match index.demand_by_hash.entry(hash) {
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert(ix);
                        }
                        std::collections::hash_map::Entry::Occupied(_) => {
                            index.demand_collisions.insert(
                                DemandRef::new(document.id.clone(), side.id.clone(), demand.id.clone()),
                                ix,
                            );
                        }
                    }
                    let issue = index.issue_by_id.get(&demand.issue).copied();
                    if let Some(issue) = issue {
                        by_issue[issue].push(n as u32);
                    }
                    issue_of.push(issue.map_or(u32::MAX, |i| i as u32));
                }
                index.by_issue.push(by_issue);
                index.issue_of.push(issue_of);
                index.demand_hashes.push(hashes);
            }
        }
        index
    }

    /// Follows a demand inserted at `at` of side `side_ix` (already in `documents`):
    /// the demands after it move down one. `false` when it cannot be followed
    /// (a new issue, a clash of hashes): then the index is built again.
    pub fn demand_inserted(&mut self, documents: &[PositionDocument], side_ix: usize, at: usize) -> bool {
        let loc = &self.sides[side_ix];
        let document = &documents[loc.doc];
        let side = &document.data.sides[loc.side];
        let demand = &side.demands[at];
        let Some(issue) = self.issue_by_id.get(&demand.issue).copied() else {
            return false;
        };
        let hash = ref_hash(&document.id, &side.id, &demand.id);
        if !self.demand_collisions.is_empty() || self.demand_by_hash.contains_key(&hash) {
            return false;
        }
        for later in &self.demand_hashes[side_ix][at..] {
            if let Some(ix) = self.demand_by_hash.get_mut(later) {
                ix.demand += 1;
            }
        }
        self.demand_hashes[side_ix].insert(at, hash);
        self.demand_by_hash.insert(
            hash,
            DemandIx {
                side: side_ix as u32,
                demand: at as u32,
            },
        );
        for list in &mut self.by_issue[side_ix] {
            for n in list.iter_mut().filter(|n| **n as usize >= at) {
                *n += 1;
            }
        }
        let list = &mut self.by_issue[side_ix][issue];
        let place = list.partition_point(|&n| (n as usize) < at);
        list.insert(place, at as u32);
        self.issue_of[side_ix].insert(at, issue as u32);
        if let Some(haystack) = self.haystack.get_mut() {
            haystack[side_ix].insert(at, searchable_text(demand, Some(&self.issues[issue])));
        }
        true
    }

    /// Follows the demand at `at` of side `side_ix` removed: the demands after
    /// it move up one. `false` when it cannot be followed (a clash of hashes).
    pub fn demand_removed(&mut self, side_ix: usize, at: usize) -> bool {
        if !self.demand_collisions.is_empty() {
            return false;
        }
        let hash = self.demand_hashes[side_ix].remove(at);
        self.demand_by_hash.remove(&hash);
        for later in &self.demand_hashes[side_ix][at..] {
            if let Some(ix) = self.demand_by_hash.get_mut(later) {
                ix.demand -= 1;
            }
        }
        let issue = self.issue_of[side_ix].remove(at);
        if let Some(list) = self.by_issue[side_ix].get_mut(issue as usize) {
            list.retain(|&n| n as usize != at);
        }
        for list in &mut self.by_issue[side_ix] {
            for n in list.iter_mut().filter(|n| **n as usize > at) {
                *n -= 1;
            }
        }
        if let Some(haystack) = self.haystack.get_mut() {
            haystack[side_ix].remove(at);
        }
        true
    }
}

/// The index key of a demand, hashed with fixed keys.
pub(super) fn ref_hash(document: &str, side: &str, demand: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::hash::DefaultHasher::new();
    document.hash(&mut hasher);
    side.hash(&mut hasher);
    demand.hash(&mut hasher);
    hasher.finish()
}

pub(super) fn searchable_text(demand: &Demand, issue: Option<&Issue>) -> String {
    let mut s = String::with_capacity(demand.text.len() + 32);
    s.push_str(&demand.text);
    for extra in [&demand.quote, &demand.note].into_iter().flatten() {
        s.push('\n');
        s.push_str(extra);
    }
    for tag in &demand.tags {
        s.push('\n');
        s.push_str(tag);
    }
    s.push('\n');
    s.push_str(&demand.id);
    if let Some(issue) = issue {
        s.push('\n');
        s.push_str(&issue.name);
    }
    s.to_lowercase()
}
