//! The comparison's side of positions edited in the window: where a demand or
//! side sits in the documents, a change applied to a document's positions, and
//! what is measured or searched again after it.

use super::comparison::{Comparison, DemandIx, SideIx};
use super::edit::EditError;
use super::index::searchable_text;
use super::position_edit::PositionChange;

impl Comparison {
    /// Changes whenever any word of the positions may have changed: what a search
    /// found, or the scripts the fonts must draw, is then looked at again.
    pub fn text_revision(&self) -> u64 {
        self.text_revision + self.layout_revision
    }

    /// The demand at `at` in side `side` of document `document`.
    pub(super) fn demand_ix_at(&self, document: usize, side: usize, at: usize) -> Option<DemandIx> {
        let s = self
            .index
            .sides
            .iter()
            .position(|loc| loc.doc == document && loc.side == side)?;
        Some(DemandIx {
            side: s as u32,
            demand: at as u32,
        })
    }

    /// A demand's words changed but not its place: what is searched is updated
    /// and its card is measured again.
    pub(super) fn demand_words_changed(&mut self, ix: DemandIx) {
        if self.index.haystack.get().is_some() {
            let demand = self.demand(ix);
            let issue = self.issue_index(&demand.issue).map(|i| &self.index.issues[i]);
            let text = searchable_text(demand, issue);
            if let Some(haystack) = self.index.haystack.get_mut() {
                haystack[ix.side as usize][ix.demand as usize] = text;
            }
        }
        self.log_mark_change(ix);
    }

    /// Where a demand is in the documents: (document, side in it, demand in the side),
    /// as a change to the positions names it.
    pub fn demand_place(&self, ix: DemandIx) -> (usize, usize, usize) {
        let loc = &self.index.sides[ix.side as usize];
        (loc.doc, loc.side, ix.demand as usize)
    }

    /// Where a side is in the documents: (document, side in it).
    pub fn side_place(&self, side: SideIx) -> (usize, usize) {
        let loc = &self.index.sides[side];
        (loc.doc, loc.side)
    }

    /// Applies a change to a document's positions. Where only words changed (a
    /// demand's text on the same issue, a header, a source), the indexes stay and
    /// the demand is logged to be measured again; otherwise they are rebuilt.
    pub(super) fn change_positions(
        &mut self,
        document: usize,
        change: super::position_edit::PositionChange,
    ) -> Result<super::position_edit::PositionChange, EditError> {
        use super::position_edit::{PositionChange as C, apply_change};
        let Some(doc) = self.documents.get(document) else {
            return Err(EditError(format!("there is no document {}", document + 1)));
        };
        let words_only = match &change {
            C::Header { .. } | C::InsertSource { .. } | C::RemoveSource { .. } | C::ReplaceSource { .. } => true,
            C::ReplaceDemand { side, at, demand } => doc
                .data
                .sides
                .get(*side)
                .and_then(|s| s.demands.get(*at))
                .is_some_and(|old| old.issue == demand.issue && old.value == demand.value),
            _ => false,
        };
        // Side ids are unique across the documents (a few dozen: copied, not borrowed).
        let other_ids: Vec<String> = self
            .documents
            .iter()
            .enumerate()
            .filter(|(d, _)| *d != document)
            .flat_map(|(_, doc)| doc.data.sides.iter().map(|s| s.id.clone()))
            .collect();
        let other_sides = other_ids.iter().map(String::as_str).collect();
        let inverse = apply_change(&mut self.documents[document].data, change, &other_sides)
            .map_err(|refused| EditError(refused.0))?;
        if words_only {
            if let C::ReplaceDemand { side, at, .. } = &inverse
                && let Some(ix) = self.demand_ix_at(document, *side, *at)
            {
                self.demand_words_changed(ix);
            }
        } else if !self.demands_moved(document, &inverse) {
            self.documents_changed();
        }
        self.text_revision += 1;
        Ok(inverse)
    }

    /// Follows in the indexes a demand inserted, removed, moved or put on another
    /// issue (told by the change's `inverse`), without building them again: with
    /// 10,000 demands a side, building them is milliseconds, following them a
    /// fraction of one. `false` when the change is of another kind, or the file's
    /// issues are formed by its demands (a demand may then add or remove one).
    fn demands_moved(&mut self, document: usize, inverse: &PositionChange) -> bool {
        if self.documents[document].data.issues.is_empty() {
            return false;
        }
        let side_of = |side: usize| self.demand_ix_at(document, side, 0).map(|ix| ix.side as usize);
        let followed = match *inverse {
            // The inverse of an insertion is the removal of the same place, and so on.
            PositionChange::RemoveDemand { side, at } => {
                side_of(side).is_some_and(|s| self.index.demand_inserted(&self.documents, s, at))
            }
            PositionChange::InsertDemand { side, at, .. } => {
                side_of(side).is_some_and(|s| self.index.demand_removed(s, at))
            }
            PositionChange::MoveDemand {
                side,
                from: now,
                to: was,
            } => side_of(side).is_some_and(|s| {
                self.index.demand_removed(s, was) && self.index.demand_inserted(&self.documents, s, now)
            }),
            PositionChange::ReplaceDemand { side, at, .. } => side_of(side).is_some_and(|s| {
                self.index.demand_removed(s, at) && self.index.demand_inserted(&self.documents, s, at)
            }),
            _ => return false,
        };
        if !followed {
            // Half followed is not an index: build it whole.
            return false;
        }
        self.layout_revision += 1;
        self.reindex_marks();
        true
    }
}
