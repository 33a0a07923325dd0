//! The comparison: open position files, which sides are shown, the codebook and
//! the marks. It is changed only through [`Edit`]s, so every change can be undone.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::codebook::Codebook;
use super::mark::{DemandRef, Mark, MarkId};
use super::position::{Demand, Issue, PositionFile, Side};

/// A position file held by a comparison, with the path it was first opened from.
#[derive(Clone, Debug, PartialEq)]
pub struct PositionDocument {
    pub path: String,
    pub data: PositionFile,
}

/// A side, numbered across all documents of a comparison.
pub type SideIx = usize;

/// A demand's place in the loaded data: cheap to copy and hash, valid until the
/// documents change (the comparison's `layout_revision` tells when).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DemandIx {
    pub side: u32,
    pub demand: u32,
}

/// One change to a comparison. Applying an edit returns its inverse.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddMark(Mark),
    RemoveMark(MarkId),
    /// Replaces the mark with the same id (a new status, note or set of demands).
    ReplaceMark(Mark),
    /// Chooses the side shown in a panel (0 is the left one).
    ShowSide {
        panel: usize,
        side: Option<String>,
    },
    InsertDocument {
        index: usize,
        document: PositionDocument,
    },
    RemoveDocument {
        index: usize,
    },
    /// Puts a new version of a position file in place of the old (a reload after it
    /// changed on disk). Marks on demands that are gone become orphans; none is dropped.
    ReplaceDocument {
        index: usize,
        document: PositionDocument,
    },
    /// Several edits as one step. If one is refused, those before it are undone.
    Batch(Vec<Edit>),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

#[derive(Clone, Debug)]
struct SideLoc {
    doc: usize,
    side: usize,
}

/// Lookups built once when the documents change, so nothing per frame scales with the data.
#[derive(Clone, Debug, Default)]
struct DocumentIndex {
    sides: Vec<SideLoc>,
    side_by_id: HashMap<String, SideIx>,
    /// Demands by a hash of (side id, demand id): no copies of the ids, which at
    /// 200,000 demands were a third of the indexing time. Hits are checked against
    /// the data; the rare true collisions go to `demand_collisions`.
    demand_by_hash: HashMap<u64, DemandIx>,
    demand_collisions: HashMap<DemandRef, DemandIx>,
    issues: Vec<Issue>,
    /// `[side][issue]` → the side's demands on that issue, in file order.
    by_issue: Vec<Vec<Vec<u32>>>,
    /// `[side][demand]` → lower-cased text searched by the filter.
    /// Built on the first search, not at load: most sessions never search, and
    /// lower-casing every text would be a third of the load time.
    haystack: std::sync::OnceLock<Vec<Vec<String>>>,
}

/// How many panels show sides side by side.
pub const PANELS: usize = 2;

#[derive(Clone, Debug)]
pub struct Comparison {
    documents: Vec<PositionDocument>,
    shown: Vec<Option<String>>,
    codebook: Codebook,
    marks: BTreeMap<MarkId, Mark>,
    index: DocumentIndex,
    marks_by_demand: HashMap<DemandIx, Vec<MarkId>>,
    orphans: BTreeSet<MarkId>,
    /// Bumped on every change: UI caches compare it.
    revision: u64,
    /// Bumped only when documents change (demand indexes move).
    layout_revision: u64,
    /// Demands whose marks changed, stamped with the revision the change started
    /// from, so that views re-measure only those.
    mark_log: Vec<(u64, DemandIx)>,
    /// Changes stamped before this revision were dropped from the log.
    mark_log_floor: u64,
}

/// How many mark changes the log keeps before dropping the oldest half.
const MARK_LOG_LIMIT: usize = 16_384;

impl Default for Comparison {
    fn default() -> Self {
        Self::empty()
    }
}

impl Comparison {
    fn empty() -> Self {
        Self {
            documents: Vec::new(),
            shown: vec![None; PANELS],
            codebook: Codebook::default(),
            marks: BTreeMap::new(),
            index: DocumentIndex::default(),
            marks_by_demand: HashMap::new(),
            orphans: BTreeSet::new(),
            revision: 0,
            layout_revision: 0,
            mark_log: Vec::new(),
            mark_log_floor: 0,
        }
    }

    /// Builds a comparison. Fails when side ids clash across documents or mark ids repeat.
    /// Marks naming demands that are not there are kept, as orphans.
    pub fn new(
        documents: Vec<PositionDocument>,
        shown: Vec<Option<String>>,
        codebook: Codebook,
        marks: Vec<Mark>,
    ) -> Result<Self, EditError> {
        let mut cmp = Self::empty();
        cmp.codebook = codebook;
        for document in documents {
            cmp.check_sides_free(&document)?;
            cmp.documents.push(document);
            cmp.reindex_documents();
        }
        for mark in marks {
            if cmp.marks.contains_key(&mark.id) {
                return Err(EditError(format!("mark id {} is used twice", mark.id)));
            }
            cmp.marks.insert(mark.id, mark);
        }
        cmp.reindex_marks();
        cmp.shown = shown;
        cmp.shown.resize(PANELS, None);
        cmp.fill_empty_panels();
        Ok(cmp)
    }

    /// A comparison of one position file, showing its first two sides.
    pub fn from_positions(path: impl Into<String>, data: PositionFile) -> Result<Self, EditError> {
        Self::new(
            vec![PositionDocument {
                path: path.into(),
                data,
            }],
            Vec::new(),
            Codebook::default(),
            Vec::new(),
        )
    }

    pub fn documents(&self) -> &[PositionDocument] {
        &self.documents
    }

    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    pub fn marks(&self) -> impl ExactSizeIterator<Item = &Mark> {
        self.marks.values()
    }

    pub fn mark(&self, id: MarkId) -> Option<&Mark> {
        self.marks.get(&id)
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn layout_revision(&self) -> u64 {
        self.layout_revision
    }

    /// The demands whose marks changed since `revision`, or `None` when that is
    /// too long ago to tell (then everything should be treated as changed).
    pub fn marks_changed_since(&self, revision: u64) -> Option<impl Iterator<Item = DemandIx> + '_> {
        (revision >= self.mark_log_floor).then(|| {
            let start = self.mark_log.partition_point(|(r, _)| *r < revision);
            self.mark_log[start..].iter().map(|(_, ix)| *ix)
        })
    }

    fn log_mark_change(&mut self, ix: DemandIx) {
        if self.mark_log.len() >= MARK_LOG_LIMIT {
            let keep = self.mark_log.split_off(MARK_LOG_LIMIT / 2);
            self.mark_log = keep;
            self.mark_log_floor = self.mark_log.first().map_or(self.revision, |(r, _)| *r);
        }
        self.mark_log.push((self.revision, ix));
    }

    /// The side id shown in each panel.
    pub fn shown_sides(&self) -> &[Option<String>] {
        &self.shown
    }

    pub fn shown_side(&self, panel: usize) -> Option<SideIx> {
        self.shown.get(panel)?.as_ref().and_then(|id| self.side_ix(id))
    }

    pub fn side_count(&self) -> usize {
        self.index.sides.len()
    }

    pub fn side_ix(&self, id: &str) -> Option<SideIx> {
        self.index.side_by_id.get(id).copied()
    }

    pub fn side(&self, side: SideIx) -> &Side {
        let loc = &self.index.sides[side];
        &self.documents[loc.doc].data.sides[loc.side]
    }

    /// The document a side comes from.
    pub fn side_document(&self, side: SideIx) -> &PositionDocument {
        &self.documents[self.index.sides[side].doc]
    }

    pub fn issues(&self) -> &[Issue] {
        &self.index.issues
    }

    /// A side's demands on an issue, in file order.
    pub fn demands_on(&self, side: SideIx, issue: usize) -> impl Iterator<Item = DemandIx> + '_ {
        self.index.by_issue[side][issue].iter().map(move |&d| DemandIx {
            side: side as u32,
            demand: d,
        })
    }

    pub fn demand(&self, ix: DemandIx) -> &Demand {
        &self.side(ix.side as usize).demands[ix.demand as usize]
    }

    /// The title of the source a demand cites (its id where the file lists no such source).
    pub fn source_title(&self, ix: DemandIx) -> Option<&str> {
        let source = self.demand(ix).source.as_deref()?;
        let sources = &self.side_document(ix.side as usize).data.sources;
        Some(
            sources
                .iter()
                .find(|s| s.id == source)
                .map_or(source, |s| s.title.as_str()),
        )
    }

    pub fn demand_ref(&self, ix: DemandIx) -> DemandRef {
        DemandRef::new(self.side(ix.side as usize).id.clone(), self.demand(ix).id.clone())
    }

    pub fn resolve(&self, r: &DemandRef) -> Option<DemandIx> {
        let hit = self.index.demand_by_hash.get(&ref_hash(r.side(), r.demand())).copied();
        match hit {
            Some(ix) if self.side(ix.side as usize).id == r.side() && self.demand(ix).id == r.demand() => Some(ix),
            _ => self.index.demand_collisions.get(r).copied(),
        }
    }

    /// Lower-cased searchable text of a demand.
    pub fn haystack(&self, ix: DemandIx) -> &str {
        let haystack = self.index.haystack.get_or_init(|| {
            let issue_of: HashMap<&str, &Issue> = self.index.issues.iter().map(|i| (i.id.as_str(), i)).collect();
            (0..self.side_count())
                .map(|s| {
                    self.side(s)
                        .demands
                        .iter()
                        .map(|d| searchable_text(d, issue_of.get(d.issue.as_str()).copied()))
                        .collect()
                })
                .collect()
        });
        &haystack[ix.side as usize][ix.demand as usize]
    }

    /// The marks covering a demand, oldest first.
    pub fn marks_on(&self, ix: DemandIx) -> &[MarkId] {
        self.marks_by_demand.get(&ix).map_or(&[], Vec::as_slice)
    }

    /// Marks that name a demand no open position file holds.
    pub fn orphans(&self) -> impl Iterator<Item = &Mark> {
        self.orphans.iter().filter_map(|id| self.marks.get(id))
    }

    pub fn is_orphan(&self, id: MarkId) -> bool {
        self.orphans.contains(&id)
    }

    /// Number of marks per codebook status, in codebook order.
    pub fn status_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.codebook.statuses.len()];
        for mark in self.marks.values() {
            if let Some(i) = self.codebook.index_of(&mark.status) {
                counts[i] += 1;
            }
        }
        counts
    }

    pub fn next_mark_id(&self) -> MarkId {
        self.marks.keys().next_back().map_or(1, |id| id + 1)
    }

    /// The mark a selection refers to: the one covering exactly these demands,
    /// or, for a single demand, the newest mark on it.
    pub fn mark_for_selection(&self, selection: &[DemandIx]) -> Option<MarkId> {
        let first = *selection.first()?;
        let wanted: BTreeSet<DemandIx> = selection.iter().copied().collect();
        let exact = self.marks_on(first).iter().rev().copied().find(|id| {
            self.marks.get(id).is_some_and(|m| {
                m.demands.len() == wanted.len()
                    && m.demands
                        .iter()
                        .all(|r| self.resolve(r).is_some_and(|ix| wanted.contains(&ix)))
            })
        });
        exact.or_else(|| {
            (selection.len() == 1)
                .then(|| self.marks_on(first).last().copied())
                .flatten()
        })
    }

    /// The edit that gives `status` to the selection: a new status for its mark, or a new mark.
    pub fn status_edit(&self, selection: &[DemandIx], status: &str, now: &str) -> Option<Edit> {
        if selection.is_empty() || self.codebook.get(status).is_none() {
            return None;
        }
        if let Some(mark) = self.mark_for_selection(selection).and_then(|id| self.marks.get(&id)) {
            if mark.status == status {
                return None;
            }
            let mut changed = mark.clone();
            changed.status = status.to_owned();
            changed.changed = now.to_owned();
            return Some(Edit::ReplaceMark(changed));
        }
        self.new_mark_edit(selection, status, now)
    }

    /// The edit that adds a new mark over the selection.
    pub fn new_mark_edit(&self, selection: &[DemandIx], status: &str, now: &str) -> Option<Edit> {
        if selection.is_empty() || self.codebook.get(status).is_none() {
            return None;
        }
        Some(Edit::AddMark(Mark {
            id: self.next_mark_id(),
            demands: selection.iter().map(|&ix| self.demand_ref(ix)).collect(),
            status: status.to_owned(),
            note: String::new(),
            created: now.to_owned(),
            changed: now.to_owned(),
        }))
    }

    pub fn note_edit(&self, id: MarkId, note: &str, now: &str) -> Option<Edit> {
        let mark = self.marks.get(&id)?;
        if mark.note == note {
            return None;
        }
        let mut changed = mark.clone();
        changed.note = note.to_owned();
        changed.changed = now.to_owned();
        Some(Edit::ReplaceMark(changed))
    }

    /// Applies an edit and returns the edit that undoes it. A refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let inverse = match edit {
            Edit::AddMark(mark) => {
                if self.marks.contains_key(&mark.id) {
                    return Err(EditError(format!("mark {} already exists", mark.id)));
                }
                self.check_mark(&mark)?;
                let id = mark.id;
                self.index_mark(&mark);
                self.marks.insert(id, mark);
                Edit::RemoveMark(id)
            }
            Edit::RemoveMark(id) => {
                let mark = self
                    .marks
                    .remove(&id)
                    .ok_or_else(|| EditError(format!("there is no mark {id}")))?;
                self.unindex_mark(&mark);
                Edit::AddMark(mark)
            }
            Edit::ReplaceMark(mark) => {
                self.check_mark(&mark)?;
                let old = self
                    .marks
                    .remove(&mark.id)
                    .ok_or_else(|| EditError(format!("there is no mark {}", mark.id)))?;
                self.unindex_mark(&old);
                self.index_mark(&mark);
                self.marks.insert(mark.id, mark);
                Edit::ReplaceMark(old)
            }
            Edit::ShowSide { panel, side } => {
                if panel >= PANELS {
                    return Err(EditError(format!("there is no panel {panel}")));
                }
                if let Some(id) = &side
                    && self.side_ix(id).is_none()
                {
                    return Err(EditError(format!("there is no side `{id}`")));
                }
                let old = std::mem::replace(&mut self.shown[panel], side);
                Edit::ShowSide { panel, side: old }
            }
            Edit::InsertDocument { index, document } => {
                if index > self.documents.len() {
                    return Err(EditError(format!("there is no place {index} for a document")));
                }
                self.check_sides_free(&document)?;
                self.documents.insert(index, document);
                self.reindex_documents();
                self.reindex_marks();
                self.fill_empty_panels();
                Edit::RemoveDocument { index }
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match self.apply(edit) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            for inverse in inverses.into_iter().rev() {
                                let _ = self.apply(inverse);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
            Edit::ReplaceDocument { index, document } => {
                if index >= self.documents.len() {
                    return Err(EditError(format!("there is no document {index}")));
                }
                let old = std::mem::replace(&mut self.documents[index], document);
                let clash = {
                    let replaced = self.documents[index].clone();
                    let others = self.documents.iter().enumerate().filter(|(i, _)| *i != index);
                    replaced.data.sides.iter().find_map(|side| {
                        others
                            .clone()
                            .find(|(_, d)| d.data.sides.iter().any(|s| s.id == side.id))
                            .map(|(_, d)| (side.id.clone(), d.path.clone()))
                    })
                };
                if let Some((id, other)) = clash {
                    self.documents[index] = old;
                    return Err(EditError(format!(
                        "the new version has a side `{id}`, which {other} also has; side ids must be unique across open files"
                    )));
                }
                self.reindex_documents();
                self.reindex_marks();
                self.fill_empty_panels();
                Edit::ReplaceDocument { index, document: old }
            }
            Edit::RemoveDocument { index } => {
                if index >= self.documents.len() {
                    return Err(EditError(format!("there is no document {index}")));
                }
                let document = self.documents.remove(index);
                self.reindex_documents();
                self.reindex_marks();
                Edit::InsertDocument { index, document }
            }
        };
        self.revision += 1;
        Ok(inverse)
    }

    fn check_mark(&self, mark: &Mark) -> Result<(), EditError> {
        if mark.demands.is_empty() {
            return Err(EditError("a mark needs at least one demand".into()));
        }
        if self.codebook.get(&mark.status).is_none() {
            return Err(EditError(format!("`{}` is not a status in the codebook", mark.status)));
        }
        Ok(())
    }

    fn check_sides_free(&self, document: &PositionDocument) -> Result<(), EditError> {
        for side in &document.data.sides {
            if let Some(&other) = self.index.side_by_id.get(&side.id) {
                let clash = &self.side_document(other).path;
                return Err(EditError(format!(
                    "{} and {clash} both have a side with id `{}`; side ids must be unique across open files, so rename one",
                    document.path, side.id
                )));
            }
        }
        Ok(())
    }

    /// Shows a side in every empty panel, preferring sides not shown yet.
    fn fill_empty_panels(&mut self) {
        for panel in 0..PANELS {
            let valid = self.shown[panel].as_ref().is_some_and(|id| self.side_ix(id).is_some());
            if valid {
                continue;
            }
            let free = (0..self.side_count())
                .map(|s| self.side(s).id.clone())
                .find(|id| !self.shown.contains(&Some(id.clone())));
            self.shown[panel] = free;
        }
    }

    fn reindex_documents(&mut self) {
        let mut index = DocumentIndex::default();
        let mut issue_by_id: HashMap<String, usize> = HashMap::new();
        for document in &self.documents {
            for issue in document.data.issue_list() {
                if !issue_by_id.contains_key(&issue.id) {
                    issue_by_id.insert(issue.id.clone(), index.issues.len());
                    index.issues.push(issue);
                }
            }
        }
        let total: usize = self.documents.iter().map(|d| d.data.demand_count()).sum();
        index.demand_by_hash.reserve(total);
        for (d, document) in self.documents.iter().enumerate() {
            for (s, side) in document.data.sides.iter().enumerate() {
                let side_ix = index.sides.len();
                index.sides.push(SideLoc { doc: d, side: s });
                index.side_by_id.insert(side.id.clone(), side_ix);
                let mut by_issue = vec![Vec::new(); index.issues.len()];
                for (n, demand) in side.demands.iter().enumerate() {
                    let ix = DemandIx {
                        side: side_ix as u32,
                        demand: n as u32,
                    };
                    match index.demand_by_hash.entry(ref_hash(&side.id, &demand.id)) {
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert(ix);
                        }
                        std::collections::hash_map::Entry::Occupied(_) => {
                            index
                                .demand_collisions
                                .insert(DemandRef::new(side.id.clone(), demand.id.clone()), ix);
                        }
                    }
                    if let Some(&issue) = issue_by_id.get(&demand.issue) {
                        by_issue[issue].push(n as u32);
                    }
                }
                index.by_issue.push(by_issue);
            }
        }
        self.index = index;
        self.layout_revision += 1;
    }

    fn reindex_marks(&mut self) {
        self.marks_by_demand.clear();
        self.orphans.clear();
        let marks: Vec<Mark> = self.marks.values().cloned().collect();
        for mark in &marks {
            self.index_mark(mark);
        }
    }

    fn index_mark(&mut self, mark: &Mark) {
        for r in &mark.demands {
            match self.resolve(r) {
                Some(ix) => {
                    self.log_mark_change(ix);
                    let list = self.marks_by_demand.entry(ix).or_default();
                    // Kept sorted by id (oldest first) and free of repeats.
                    if let Err(at) = list.binary_search(&mark.id) {
                        list.insert(at, mark.id);
                    }
                }
                None => {
                    self.orphans.insert(mark.id);
                }
            }
        }
    }

    fn unindex_mark(&mut self, mark: &Mark) {
        let found: Vec<DemandIx> = mark.demands.iter().filter_map(|r| self.resolve(r)).collect();
        for ix in &found {
            self.log_mark_change(*ix);
            if let Some(list) = self.marks_by_demand.get_mut(ix) {
                list.retain(|&id| id != mark.id);
                if list.is_empty() {
                    self.marks_by_demand.remove(ix);
                }
            }
        }
        self.orphans.remove(&mark.id);
    }
}

/// The index key of a demand: its side id and demand id, hashed with fixed keys.
fn ref_hash(side: &str, demand: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::hash::DefaultHasher::new();
    side.hash(&mut hasher);
    demand.hash(&mut hasher);
    hasher.finish()
}

fn searchable_text(demand: &Demand, issue: Option<&Issue>) -> String {
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
