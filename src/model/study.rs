//! A coding study: two or more coders' comparisons of the same positions, read
//! as one table of codes.
//!
//! The unit of analysis is a demand. A coder's code for a demand is the status of
//! the mark of theirs that covers it; a demand no mark of that coder covers is
//! *not coded* by them (a missing value, never a code of its own). Two marks of
//! one coder giving one demand two different statuses are a *within-coder
//! conflict*: reported, and counted as not coded. A coder is named by the marks'
//! `coder`, or, where a mark has none (format 1 files), by the file's name
//! without its extensions.

use std::collections::HashMap;

use super::codebook::Codebook;
use super::comparison::{Comparison, DemandIx};
use super::mark::{DemandRef, MarkId};
use super::reliability::{Agreement, Code, agreement};
pub use super::study_coders::file_stem;
use super::study_coders::{CoderNames, find_coders};
use super::study_positions::{match_comparison, match_documents, same_documents};

/// One coder's file, as opened.
#[derive(Clone, Debug)]
pub struct CodedCopy {
    /// The file as the user named it.
    pub file: String,
    pub comparison: Comparison,
}

/// One mark of a coder on a unit: its status, note and id.
type Given = (Code, String, MarkId);

/// What one coder said about one demand.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    NotCoded,
    Coded {
        status: Code,
        /// The notes of the coder's marks on this demand, joined.
        note: String,
        /// The coder's marks on this demand (usually one).
        marks: Vec<MarkId>,
    },
    /// Two or more marks of this coder give the demand different statuses.
    Conflict {
        statuses: Vec<Code>,
        note: String,
    },
}

impl Cell {
    pub fn code(&self) -> Option<Code> {
        match self {
            Cell::Coded { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn note(&self) -> &str {
        match self {
            Cell::NotCoded => "",
            Cell::Coded { note, .. } | Cell::Conflict { note, .. } => note,
        }
    }
}

/// A status any coder used or any codebook of the study holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StudyStatus {
    pub id: String,
    pub label: String,
    pub color: String,
}

/// How the statistics are broken down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Breakdown {
    Issue,
    Side,
    /// Each status against all the others (one-vs-rest).
    Status,
    /// Each position file of the comparison: a round.
    Document,
}

/// Why files cannot be read as one study.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StudyError {
    #[error("a coding study needs at least one comparison file, one per coder")]
    NoFiles,
    #[error("{0}")]
    DifferentPositions(String),
    #[error(
        "{name} has marks in both {first} and {second}: one coder's marks must be in one file, or they would count as one coding. If these are two codings by one person (test–retest) or by two people under one name (a shared computer account), take each file as one coder: tick \"Each file is one coder\" in File › Compare coders…, or add --coder-per-file; the coders are then named like \"{name} ({first_stem})\". Otherwise give the marks their coder's name (Edit › Set coder…)."
    )]
    SameCoder {
        name: String,
        first: String,
        second: String,
        first_stem: String,
    },
}

/// How a study finds its coders in its files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CoderSource {
    /// By the names on the marks: a file may hold several coders, and one name
    /// in two files is refused.
    #[default]
    MarkNames,
    /// Each file is one coder, named `alice (file)` (test–retest, one shared account).
    EachFile,
}

#[derive(Clone, Debug)]
pub struct Study {
    copies: Vec<CodedCopy>,
    coders: Vec<String>,
    /// For each copy, its coders by the names on its marks.
    copy_coders: Vec<CoderNames>,
    statuses: Vec<StudyStatus>,
    /// Every demand of the positions, side by side, in file order: the units.
    units: Vec<DemandIx>,
    /// `cells[unit][coder]`.
    cells: Vec<Vec<Cell>>,
    /// The hand-out's worked examples (the teacher's, no coder's): unit → status.
    examples: HashMap<usize, Code>,
}

impl Study {
    /// Reads coders' comparisons as one study, its coders found by the names on
    /// the marks. Refused when they do not hold the same positions, with what
    /// differs, or when one name has marks in two files.
    pub fn new(copies: Vec<CodedCopy>) -> Result<Self, StudyError> {
        Self::with_coders(copies, CoderSource::MarkNames)
    }

    /// Reads coders' comparisons as one study, its coders found as `source` says.
    pub fn with_coders(copies: Vec<CodedCopy>, source: CoderSource) -> Result<Self, StudyError> {
        Self::build(copies, |copies| find_coders(copies, source))
    }

    /// A class's study: each copy is one student's hand-in, named by `labels`
    /// (one per copy, already told apart); every mark in it but the hand-out's
    /// worked examples is that student's, whatever coder name it carries (a lab
    /// computer may have put the last student's there). A copy with no mark of
    /// its own is a student who coded nothing: no coder of the study.
    pub fn of_students(copies: Vec<CodedCopy>, labels: &[String]) -> Result<Self, StudyError> {
        Self::build(copies, |copies| {
            let mut coders = Vec::new();
            let mut maps = Vec::with_capacity(copies.len());
            for (copy, label) in copies.iter().zip(labels) {
                let cmp = &copy.comparison;
                let mut map = CoderNames::new();
                for mark in cmp.marks().filter(|m| !cmp.is_example(&m.id)) {
                    if map.is_empty() {
                        coders.push(label.clone());
                    }
                    map.insert(mark.coder.trim().to_owned(), coders.len() - 1);
                }
                maps.push(map);
            }
            Ok((coders, maps))
        })
    }

    fn build(
        copies: Vec<CodedCopy>,
        find: impl FnOnce(&[CodedCopy]) -> Result<(Vec<String>, Vec<CoderNames>), StudyError>,
    ) -> Result<Self, StudyError> {
        let Some(base) = copies.first() else {
            return Err(StudyError::NoFiles);
        };
        // Each copy's document ids, mapped to the first copy's (they may differ if a
        // coder's comparison was made from a renamed file).
        let mut document_maps = Vec::with_capacity(copies.len());
        for copy in &copies {
            document_maps.push(match_documents(base, copy)?);
        }
        let base_cmp = &base.comparison;
        let units: Vec<DemandIx> = base_cmp.all_demands().collect();
        let unit_of: HashMap<DemandIx, usize> = units.iter().enumerate().map(|(u, &ix)| (ix, u)).collect();

        let mut statuses = StatusCodes::default();
        for copy in &copies {
            for status in &copy.comparison.codebook().statuses {
                statuses.code(&status.id, copy.comparison.codebook());
            }
        }

        let (coders, copy_coders) = find(&copies)?;
        let given = codes_given(&copies, &document_maps, &copy_coders, &unit_of, &mut statuses);
        // The worked examples every hand-in carries: shown as the teacher's, counted for nobody.
        let mut examples = HashMap::new();
        for mark in base_cmp.marks().filter(|m| base_cmp.is_example(&m.id)) {
            let code = statuses.code(&mark.status, base_cmp.codebook());
            for r in &mark.demands {
                if let Some(&unit) = base_cmp.resolve(r).and_then(|ix| unit_of.get(&ix)) {
                    examples.insert(unit, code);
                }
            }
        }
        let mut cells = vec![vec![Cell::NotCoded; coders.len()]; units.len()];
        for ((unit, coder), marks) in given {
            cells[unit][coder] = cell_of(marks);
        }
        Ok(Self {
            copies,
            coders,
            copy_coders,
            statuses: statuses.statuses,
            units,
            cells,
            examples,
        })
    }

    /// For each document of `other`, the id of the study's document with the same
    /// positions; refused, saying what differs, when `other` holds other positions.
    pub fn match_positions(&self, other: &CodedCopy) -> Result<HashMap<String, String>, StudyError> {
        match_documents(&self.copies[0], other)
    }

    /// How `other` (the file `file`) differs from the study's positions, in
    /// words; `None` when it codes the same positions.
    pub fn positions_difference(&self, file: &str, other: &Comparison) -> Option<String> {
        same_documents(&self.copies[0], file, other).err()
    }

    /// As [`Self::match_positions`], for a comparison not read from a coder's file.
    pub fn match_comparison(&self, file: &str, other: &Comparison) -> Result<HashMap<String, String>, StudyError> {
        match_comparison(&self.copies[0], file, other)
    }

    /// The study's demand of `other`'s demand `ix`, found through the documents
    /// that hold the same positions (their ids may differ).
    pub fn unit_demand(&self, map: &HashMap<String, String>, other: &Comparison, ix: DemandIx) -> Option<DemandIx> {
        let r = other.demand_ref(ix);
        let document = map.get(r.document())?;
        self.base()
            .resolve(&DemandRef::new(document.clone(), r.side(), r.demand()))
    }

    /// The name the study gives the coder of `mark`, a mark of copy `copy`.
    pub fn coder_of<'a>(&'a self, copy: usize, mark: &'a super::mark::Mark) -> &'a str {
        self.copy_coders
            .get(copy)
            .and_then(|names| names.get(mark.coder.trim()))
            .map_or(mark.coder.as_str(), |&c| self.coders[c].as_str())
    }

    /// The positions and codebook of the first file: what the study is about.
    pub fn base(&self) -> &Comparison {
        &self.copies[0].comparison
    }

    pub fn copies(&self) -> &[CodedCopy] {
        &self.copies
    }

    pub fn coders(&self) -> &[String] {
        &self.coders
    }

    pub fn statuses(&self) -> &[StudyStatus] {
        &self.statuses
    }

    pub fn units(&self) -> &[DemandIx] {
        &self.units
    }

    pub fn cell(&self, unit: usize, coder: usize) -> &Cell {
        &self.cells[unit][coder]
    }

    pub fn cells(&self, unit: usize) -> &[Cell] {
        &self.cells[unit]
    }

    /// The status a worked example of the hand-out gives a unit: the teacher's,
    /// shown beside the class's tally and counted for no student.
    pub fn example(&self, unit: usize) -> Option<usize> {
        self.examples.get(&unit).map(|&c| c as usize)
    }

    /// The issue a unit belongs to, as an index into the base comparison's issues.
    pub fn issue_of(&self, unit: usize) -> Option<usize> {
        let base = self.base();
        base.issue_index(&base.demand(self.units[unit]).issue)
    }

    /// Units on which at least two coders gave a code and not all the same one.
    pub fn disagreements(&self) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&u| {
                let mut codes = self.cells[u].iter().filter_map(Cell::code);
                match codes.next() {
                    Some(first) => codes.any(|c| c != first),
                    None => false,
                }
            })
            .collect()
    }

    /// Units exactly one coder coded (they cannot count for or against agreement).
    pub fn coded_by_one(&self) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&u| self.cells[u].iter().filter(|c| c.code().is_some()).count() == 1)
            .collect()
    }

    /// (unit, coder) of every within-coder conflict.
    pub fn conflicts(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (u, row) in self.cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if matches!(cell, Cell::Conflict { .. }) {
                    out.push((u, c));
                }
            }
        }
        out
    }

    /// Agreement over the units `keep` accepts, with codes passed through `recode`.
    fn agreement_where(&self, keep: impl Fn(usize) -> bool, recode: impl Fn(Code) -> Code) -> Agreement {
        let kept: Vec<usize> = (0..self.units.len()).filter(|&u| keep(u)).collect();
        let table: Vec<Vec<Option<Code>>> = kept
            .iter()
            .map(|&u| self.cells[u].iter().map(|c| c.code().map(&recode)).collect())
            .collect();
        let mut figures = agreement(&table);
        figures.within_coder_conflicts = kept
            .iter()
            .map(|&u| {
                self.cells[u]
                    .iter()
                    .filter(|c| matches!(c, Cell::Conflict { .. }))
                    .count()
            })
            .sum();
        figures
    }

    /// Agreement over the whole study.
    pub fn overall(&self) -> Agreement {
        self.agreement_where(|_| true, |c| c)
    }

    /// The whole study (scope "all") and then one row per issue, side, status or
    /// document. A row whose name is "all" too is told apart by its kind.
    pub fn report(&self, by: Option<Breakdown>) -> Vec<(String, Agreement)> {
        let mut rows = self.rows(by);
        for (name, _) in rows.iter_mut().skip(1) {
            if name.trim().eq_ignore_ascii_case("all") {
                let kind = match by {
                    Some(Breakdown::Issue) => "issue",
                    Some(Breakdown::Side) => "side",
                    Some(Breakdown::Status) => "status",
                    Some(Breakdown::Document) | None => "document",
                };
                *name = format!("{} ({kind})", name.trim());
            }
        }
        rows
    }

    fn rows(&self, by: Option<Breakdown>) -> Vec<(String, Agreement)> {
        let mut rows = vec![("all".to_owned(), self.overall())];
        let base = self.base();
        match by {
            None => {}
            Some(Breakdown::Issue) => {
                let issue_of: Vec<Option<usize>> = (0..self.units.len()).map(|u| self.issue_of(u)).collect();
                for (i, issue) in base.issues().iter().enumerate() {
                    rows.push((
                        issue.name.clone(),
                        self.agreement_where(|u| issue_of[u] == Some(i), |c| c),
                    ));
                }
            }
            Some(Breakdown::Side) => {
                for side in 0..base.side_count() {
                    let agreement = self.agreement_where(|u| self.units[u].side as usize == side, |c| c);
                    rows.push((base.side_label(side), agreement));
                }
            }
            Some(Breakdown::Document) => {
                for (d, document) in base.documents().iter().enumerate() {
                    let in_document: Vec<bool> = (0..self.units.len())
                        .map(|u| base.document_index(&base.side_document(self.units[u].side as usize).id) == Some(d))
                        .collect();
                    let name = match (&document.data.round, &document.data.date) {
                        (Some(round), Some(date)) => format!("{round} ({date})"),
                        (Some(round), None) => round.clone(),
                        (None, Some(date)) => format!("{} ({date})", document.id),
                        (None, None) => document.id.clone(),
                    };
                    rows.push((name, self.agreement_where(|u| in_document[u], |c| c)));
                }
            }
            Some(Breakdown::Status) => {
                for (s, status) in self.statuses.iter().enumerate() {
                    let s = s as Code;
                    let agreement = self.agreement_where(|_| true, |c| Code::from(c == s));
                    rows.push((status.label.clone(), agreement));
                }
            }
        }
        rows
    }

    /// A unit's demand, side name and issue name, for messages and tables.
    pub fn describe_unit(&self, unit: usize) -> String {
        let base = self.base();
        let ix = self.units[unit];
        let demand = base.demand(ix);
        format!(
            "{} ({}, {})",
            demand.id,
            base.side_label(ix.side as usize),
            demand.issue
        )
    }
}

/// The statuses of a study, each given a code the first time any copy names it.
#[derive(Default)]
struct StatusCodes {
    statuses: Vec<StudyStatus>,
    codes: HashMap<String, Code>,
}

impl StatusCodes {
    /// The code of status `id`, as `codebook` describes it where it is new
    /// (a grey of its own id where the codebook lacks it).
    fn code(&mut self, id: &str, codebook: &Codebook) -> Code {
        if let Some(&code) = self.codes.get(id) {
            return code;
        }
        let known = codebook.get(id);
        let code = self.statuses.len() as Code;
        self.statuses.push(StudyStatus {
            id: id.to_owned(),
            label: known.map_or_else(|| id.to_owned(), |s| s.label.clone()),
            color: known.map_or_else(|| "#868e96".to_owned(), |s| s.color.clone()),
        });
        self.codes.insert(id.to_owned(), code);
        code
    }
}

/// What each coder gave each unit, from every copy's marks: a hand-out's
/// worked examples (the teacher's) and orphaned marks left out.
fn codes_given(
    copies: &[CodedCopy],
    document_maps: &[HashMap<String, String>],
    copy_coders: &[CoderNames],
    unit_of: &HashMap<DemandIx, usize>,
    statuses: &mut StatusCodes,
) -> HashMap<(usize, usize), Vec<Given>> {
    let base_cmp = &copies[0].comparison;
    let mut given: HashMap<(usize, usize), Vec<Given>> = HashMap::new();
    for ((copy, map), names) in copies.iter().zip(document_maps).zip(copy_coders) {
        let cmp = &copy.comparison;
        // A hand-out's worked examples are the teacher's, not the student's.
        for mark in cmp.marks().filter(|m| !cmp.is_example(&m.id)) {
            let Some(&coder) = names.get(mark.coder.trim()) else {
                continue;
            };
            let code = statuses.code(&mark.status, cmp.codebook());
            for r in &mark.demands {
                let Some(document) = map.get(r.document()) else {
                    continue;
                };
                // Most copies name their documents as the base does: no new reference to make.
                let found = if document == r.document() {
                    base_cmp.resolve(r)
                } else {
                    base_cmp.resolve(&DemandRef::new(document.clone(), r.side(), r.demand()))
                };
                let Some(unit) = found.and_then(|ix| unit_of.get(&ix)) else {
                    continue; // An orphaned mark: it names a demand the positions lack.
                };
                given
                    .entry((*unit, coder))
                    .or_default()
                    .push((code, mark.note.clone(), mark.id.clone()));
            }
        }
    }
    given
}

/// A coder's cell for a unit from their marks on it: one status (their notes
/// joined), or a conflict of several.
fn cell_of(marks: Vec<Given>) -> Cell {
    let mut notes: Vec<&str> = Vec::new();
    for (_, note, _) in &marks {
        if !note.trim().is_empty() && !notes.contains(&note.as_str()) {
            notes.push(note);
        }
    }
    let note = notes.join(" / ");
    let mut codes: Vec<Code> = marks.iter().map(|m| m.0).collect();
    codes.sort_unstable();
    codes.dedup();
    if let [status] = codes[..] {
        Cell::Coded {
            status,
            note,
            marks: marks.into_iter().map(|m| m.2).collect(),
        }
    } else {
        Cell::Conflict { statuses: codes, note }
    }
}
