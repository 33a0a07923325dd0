//! The comparison: documents (position files with ids), the codebook, the marks and
//! the view. Marks and documents change only through [`Edit`]s, so every change can
//! be undone; the view changes apart, through [`Comparison::set_view`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::codebook::Codebook;
use super::conflict::Conflict;
use super::index::{DocumentIndex, ref_hash, searchable_text};
use super::mark::{DemandRef, Mark, MarkId};
use super::position::{Demand, Issue, PositionFile, Side};
use super::rounds::RoundDecisions;
use super::view::ViewState;

pub use super::edit::{Edit, EditError};

/// A position file held by a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct PositionDocument {
    /// Unique within the comparison; marks name demands through it.
    pub id: String,
    /// Where the file was first opened from, as the user gave it (for reference only).
    pub path: String,
    pub data: PositionFile,
}

impl PositionDocument {
    /// The round, else the date, else the id: what tells this document from another of the same talks.
    pub fn short_label(&self) -> &str {
        self.data
            .round
            .as_deref()
            .or(self.data.date.as_deref())
            .unwrap_or(&self.id)
    }
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

#[derive(Clone, Debug)]
pub struct Comparison {
    pub(super) documents: Vec<PositionDocument>,
    codebook: Codebook,
    pub(super) marks: BTreeMap<MarkId, Mark>,
    /// What the user decided about matching the demands of two rounds, per pair of documents.
    pub(super) rounds: Vec<RoundDecisions>,
    /// What a merge left for a person to settle (comparison format 5).
    pub(super) conflicts: Vec<Conflict>,
    /// When the comparison is a teacher's hand-out (comparison format 6).
    pub(super) handout: Option<super::handout::Handout>,
    /// Which versions the conflicts' "ours" and "theirs" were (format 7).
    pub(super) merge_sides: Option<super::conflict::MergeSides>,
    /// The view as given, with the columns of sides that are gone (removed by an
    /// edit that may be undone), so that undo puts them back where they were.
    view_given: ViewState,
    /// The view of the sides there are: what is shown and saved.
    view: ViewState,
    pub(super) index: DocumentIndex,
    marks_by_demand: HashMap<DemandIx, Vec<MarkId>>,
    /// Each mark's demands as found in the documents, by mark id like `marks`, so
    /// that the two are walked side by side without looking a demand up again.
    resolved: BTreeMap<MarkId, Vec<Option<DemandIx>>>,
    orphans: BTreeSet<MarkId>,
    /// Bumped on every change: UI caches compare it.
    pub(super) revision: u64,
    /// Bumped only when documents change (demand indexes move).
    pub(super) layout_revision: u64,
    /// Bumped whenever the positions' words change (with or without moving anything).
    pub(super) text_revision: u64,
    /// Demands whose marks changed, stamped with the revision the change started
    /// from, so that views re-measure only those.
    mark_log: Vec<(u64, DemandIx)>,
    /// Changes stamped before this revision were dropped from the log.
    mark_log_floor: u64,
}

/// How many mark changes the log keeps before dropping the oldest half.
const MARK_LOG_LIMIT: usize = 16_384;

impl Default for Comparison {
    /// The empty comparison: no documents, the default codebook.
    fn default() -> Self {
        Self {
            documents: Vec::new(),
            codebook: Codebook::default(),
            marks: BTreeMap::new(),
            rounds: Vec::new(),
            conflicts: Vec::new(),
            handout: None,
            merge_sides: None,
            view_given: ViewState::default(),
            view: ViewState::default(),
            index: DocumentIndex::default(),
            marks_by_demand: HashMap::new(),
            resolved: BTreeMap::new(),
            orphans: BTreeSet::new(),
            revision: 0,
            layout_revision: 0,
            text_revision: 0,
            mark_log: Vec::new(),
            mark_log_floor: 0,
        }
    }
}

impl Comparison {
    /// Builds a comparison. Fails when document ids repeat or are empty, or mark ids
    /// repeat. Marks naming demands that are not there are kept, as orphans.
    pub fn new(
        documents: Vec<PositionDocument>,
        codebook: Codebook,
        marks: Vec<Mark>,
        view: ViewState,
    ) -> Result<Self, EditError> {
        let mut cmp = Self {
            codebook,
            view_given: view,
            ..Self::default()
        };
        for document in &documents {
            cmp.check_document_id(
                &document.id,
                documents.iter().filter(|d| d.id == document.id).count() > 1,
            )?;
        }
        cmp.documents = documents;
        cmp.reindex_documents();
        for mark in marks {
            if cmp.marks.contains_key(&mark.id) {
                return Err(EditError(format!("mark id `{}` is used twice", mark.id)));
            }
            cmp.marks.insert(mark.id.clone(), mark);
        }
        cmp.reindex_marks();
        Ok(cmp)
    }

    /// A comparison of position files, each a document with an id made from its path.
    pub fn from_positions(files: Vec<(String, PositionFile)>) -> Result<Self, EditError> {
        Self::new(
            with_ids(&[], files),
            Codebook::default(),
            Vec::new(),
            ViewState::default(),
        )
    }

    /// The edit that adds position files after the documents there are, each with
    /// an id of its own made from its path, as one undo step.
    pub fn add_documents_edit(&self, files: Vec<(String, PositionFile)>) -> Edit {
        let first = self.documents.len();
        Edit::Batch(
            with_ids(&self.documents, files)
                .into_iter()
                .enumerate()
                .map(|(i, document)| Edit::InsertDocument {
                    index: first + i,
                    document,
                })
                .collect(),
        )
    }

    pub fn documents(&self) -> &[PositionDocument] {
        &self.documents
    }

    pub fn document_index(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

    /// An id for a new document from `path`, unique in this comparison.
    pub fn new_document_id(&self, path: &str) -> String {
        document_id_for(path, self.documents.iter().map(|d| d.id.as_str()))
    }

    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    pub fn marks(&self) -> impl ExactSizeIterator<Item = &Mark> {
        self.marks.values()
    }

    pub fn mark(&self, id: &str) -> Option<&Mark> {
        self.marks.get(id)
    }

    /// Every mark, in id order, with each of its demands as found in the documents
    /// (`None` for one that no document holds), found when the mark was indexed.
    pub fn marks_resolved(&self) -> impl Iterator<Item = (&Mark, &[Option<DemandIx>])> {
        self.marks
            .values()
            .zip(self.resolved.values())
            .map(|(mark, demands)| (mark, demands.as_slice()))
    }

    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// Replaces the view state (columns, their order and widths). Not an edit: it
    /// is neither undone nor counted as unsaved work.
    pub fn set_view(&mut self, view: ViewState) {
        let keys = self.side_keys();
        let mut given = view.clone();
        // Columns of sides that are gone stay remembered, after the others.
        given.columns.extend(
            self.view_given
                .columns
                .iter()
                .filter(|c| !keys.iter().any(|(d, s)| c.is(d, s)))
                .filter(|c| !view.columns.iter().any(|v| v.is(&c.document, &c.side)))
                .cloned(),
        );
        let mut shown = view;
        shown.normalize(&keys);
        self.view_given = given;
        if shown != self.view {
            self.view = shown;
            self.revision += 1;
        }
    }

    /// The shown columns, left first, as sides.
    pub fn visible_sides(&self) -> Vec<SideIx> {
        self.view
            .columns
            .iter()
            .filter(|c| !c.hidden)
            .filter_map(|c| self.side_ix(&c.document, &c.side))
            .collect()
    }

    /// Whether the column of `side` is shown.
    pub fn is_visible(&self, side: SideIx) -> bool {
        let (document, id) = self.side_key(side);
        self.view.columns.iter().any(|c| c.is(document, id) && !c.hidden)
    }

    /// Puts in a new codebook (checked by the caller) and returns the old. Every card
    /// may look different (labels, colours), so the log of changed marks starts afresh.
    pub(super) fn replace_codebook(&mut self, codebook: Codebook) -> Codebook {
        self.mark_log.clear();
        self.mark_log_floor = self.revision + 1;
        std::mem::replace(&mut self.codebook, codebook)
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

    pub(super) fn log_mark_change(&mut self, ix: DemandIx) {
        if self.mark_log.len() >= MARK_LOG_LIMIT {
            let keep = self.mark_log.split_off(MARK_LOG_LIMIT / 2);
            self.mark_log = keep;
            self.mark_log_floor = self.mark_log.first().map_or(self.revision, |(r, _)| *r);
        }
        self.mark_log.push((self.revision, ix));
    }

    pub fn side_count(&self) -> usize {
        self.index.sides.len()
    }

    pub fn side_ix(&self, document: &str, side: &str) -> Option<SideIx> {
        self.index.side_by_key.get(document)?.get(side).copied()
    }

    pub fn side(&self, side: SideIx) -> &Side {
        let loc = &self.index.sides[side];
        &self.documents[loc.doc].data.sides[loc.side]
    }

    /// (document id, side id) of a side.
    pub fn side_key(&self, side: SideIx) -> (&str, &str) {
        let loc = &self.index.sides[side];
        let document = &self.documents[loc.doc];
        (&document.id, &document.data.sides[loc.side].id)
    }

    fn side_keys(&self) -> Vec<(&str, &str)> {
        (0..self.side_count()).map(|s| self.side_key(s)).collect()
    }

    /// The document a side comes from.
    pub fn side_document(&self, side: SideIx) -> &PositionDocument {
        &self.documents[self.index.sides[side].doc]
    }

    /// A side's name, with its round (or date) when another side of the comparison has
    /// the same name: two rounds of the same talks must be told apart.
    pub fn side_label(&self, side: SideIx) -> String {
        let name = &self.side(side).name;
        let twin = (0..self.side_count()).any(|s| s != side && self.side(s).name == *name);
        if twin {
            format!("{name} · {}", self.side_document(side).short_label())
        } else {
            name.clone()
        }
    }

    pub fn issues(&self) -> &[Issue] {
        &self.index.issues
    }

    pub fn issue_index(&self, id: &str) -> Option<usize> {
        self.index.issue_by_id.get(id).copied()
    }

    /// A side's demands on an issue, in file order.
    pub fn demands_on(&self, side: SideIx, issue: usize) -> impl Iterator<Item = DemandIx> + '_ {
        self.index.by_issue[side][issue].iter().map(move |&d| DemandIx {
            side: side as u32,
            demand: d,
        })
    }

    /// Every demand, side by side in file order.
    pub fn all_demands(&self) -> impl Iterator<Item = DemandIx> + '_ {
        (0..self.side_count()).flat_map(move |side| {
            (0..self.side(side).demands.len()).map(move |d| DemandIx {
                side: side as u32,
                demand: d as u32,
            })
        })
    }

    pub fn demand(&self, ix: DemandIx) -> &Demand {
        &self.side(ix.side as usize).demands[ix.demand as usize]
    }

    /// The issue a demand is on (its place in [`Self::issues`]).
    pub fn demand_issue(&self, ix: DemandIx) -> Option<usize> {
        let issue = *self.index.issue_of.get(ix.side as usize)?.get(ix.demand as usize)?;
        (issue != u32::MAX).then_some(issue as usize)
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
        let (document, side) = self.side_key(ix.side as usize);
        DemandRef::new(document, side, self.demand(ix).id.clone())
    }

    pub fn resolve(&self, r: &DemandRef) -> Option<DemandIx> {
        let hit = self
            .index
            .demand_by_hash
            .get(&ref_hash(r.document(), r.side(), r.demand()))
            .copied();
        match hit {
            Some(ix)
                if self.side_key(ix.side as usize) == (r.document(), r.side()) && self.demand(ix).id == r.demand() =>
            {
                Some(ix)
            }
            _ => self.index.demand_collisions.get(r).copied(),
        }
    }

    /// Lower-cased searchable text of a demand.
    pub fn haystack(&self, ix: DemandIx) -> &str {
        let haystack = self.index.haystack.get_or_init(|| {
            (0..self.side_count())
                .map(|s| {
                    self.side(s)
                        .demands
                        .iter()
                        .map(|d| searchable_text(d, self.issue_index(&d.issue).map(|i| &self.index.issues[i])))
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

    /// Marks that name a demand no open document holds.
    pub fn orphans(&self) -> impl Iterator<Item = &Mark> {
        self.orphans.iter().filter_map(|id| self.marks.get(id))
    }

    pub fn is_orphan(&self, id: &str) -> bool {
        self.orphans.contains(id)
    }

    /// Every character beyond ASCII in the text the window shows (names, demands,
    /// quotes, notes, sources, the codebook's labels), for finding missing fonts.
    pub fn characters(&self) -> std::collections::BTreeSet<char> {
        let mut chars = std::collections::BTreeSet::new();
        let mut add = |s: &str| chars.extend(s.chars().filter(|c| !c.is_ascii()));
        for document in &self.documents {
            let data = &document.data;
            for text in [&data.negotiation, &data.round].into_iter().flatten() {
                add(text);
            }
            for source in &data.sources {
                add(&source.title);
            }
            for issue in &data.issues {
                add(&issue.name);
                add(issue.description.as_deref().unwrap_or(""));
            }
            for side in &data.sides {
                add(&side.name);
                add(side.represented_by.as_deref().unwrap_or(""));
                for demand in &side.demands {
                    add(&demand.text);
                    add(&demand.issue);
                    for text in [&demand.quote, &demand.note].into_iter().flatten() {
                        add(text);
                    }
                    for tag in &demand.tags {
                        add(tag);
                    }
                }
            }
        }
        for status in &self.codebook.statuses {
            add(&status.label);
        }
        for mark in self.marks.values() {
            add(&mark.note);
            add(&mark.coder);
        }
        chars
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

    pub(super) fn reindex_documents(&mut self) {
        self.index = DocumentIndex::build(&self.documents);
        self.layout_revision += 1;
        let mut view = self.view_given.clone();
        view.normalize(&self.side_keys());
        self.view = view;
    }

    pub(super) fn reindex_marks(&mut self) {
        self.marks_by_demand.clear();
        self.resolved.clear();
        self.orphans.clear();
        // Indexed in place, not copied: indexing reads the documents, never the marks.
        let marks = std::mem::take(&mut self.marks);
        for mark in marks.values() {
            self.index_mark(mark);
        }
        self.marks = marks;
    }

    pub(super) fn index_mark(&mut self, mark: &Mark) {
        let found: Vec<Option<DemandIx>> = mark.demands.iter().map(|r| self.resolve(r)).collect();
        for found in &found {
            match *found {
                Some(ix) => {
                    self.log_mark_change(ix);
                    let list = self.marks_by_demand.entry(ix).or_default();
                    // Kept sorted by id (oldest first: ids are time-ordered) and free of repeats.
                    if let Err(at) = list.binary_search(&mark.id) {
                        list.insert(at, mark.id.clone());
                    }
                }
                None => {
                    self.orphans.insert(mark.id.clone());
                }
            }
        }
        self.resolved.insert(mark.id.clone(), found);
    }

    pub(super) fn unindex_mark(&mut self, mark: &Mark) {
        // Where its demands were found when it was indexed.
        let found: Vec<DemandIx> = self
            .resolved
            .remove(&mark.id)
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .collect();
        for ix in &found {
            self.log_mark_change(*ix);
            if let Some(list) = self.marks_by_demand.get_mut(ix) {
                list.retain(|id| *id != mark.id);
                if list.is_empty() {
                    self.marks_by_demand.remove(ix);
                }
            }
        }
        self.orphans.remove(&mark.id);
    }
}

/// Documents for `files`, with ids unique among themselves and `existing`.
fn with_ids(existing: &[PositionDocument], files: Vec<(String, PositionFile)>) -> Vec<PositionDocument> {
    let mut taken: Vec<String> = existing.iter().map(|d| d.id.clone()).collect();
    files
        .into_iter()
        .map(|(path, data)| {
            let id = document_id_for(&path, taken.iter().map(String::as_str));
            taken.push(id.clone());
            PositionDocument { id, path, data }
        })
        .collect()
}

/// A document id from a path's file name (`data/istanbul-2025-06-02.ron` gives
/// `istanbul-2025-06-02`), made unique against `taken` with a number.
pub fn document_id_for<'a>(path: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name
        .strip_suffix(".stances.ron")
        .or_else(|| name.strip_suffix(".ron"))
        .unwrap_or(name)
        .trim();
    let base = if stem.is_empty() { "document" } else { stem };
    let mut id = base.to_owned();
    let mut n = 2;
    while taken.clone().any(|t| t == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}
