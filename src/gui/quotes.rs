//! Quotes traced in the window: for the demands shown in the details pane, whether
//! each quote stands in its source's text kept beside the file (`talks.sources/`),
//! as `stances check` says it. Texts are read once per file and kept until the
//! comparison's words or its file change.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::io::sources::{KeptText, read_origin, read_source_texts, source_text_path, sources_dir, write_source_text};
use crate::model::quote_trace::{self, Trace};
use crate::model::{Comparison, DemandIx};

/// What the details pane says under a demand's quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteStatus {
    /// Found in the text kept at `file`, at a page (when the text has pages) and paragraph.
    Found {
        verbatim: bool,
        place: String,
        file: String,
    },
    /// Not in the text at `file`: the closest passage, and what differs.
    NotFound {
        file: String,
        closest: Option<String>,
        differences: String,
    },
}

/// The texts read and the quotes traced, for one file and one state of the words.
#[derive(Default)]
pub(super) struct QuoteChecks {
    key: Option<(Option<PathBuf>, u64)>,
    /// (document id, source id) → the text and where it was read, or nothing there.
    texts: HashMap<(String, String), Option<(String, PathBuf)>>,
    traced: HashMap<DemandIx, Option<QuoteStatus>>,
    /// Texts added in this window (File › Add source…) and not yet written beside
    /// the comparison: saving writes them.
    added: HashMap<(String, String), KeptText>,
}

/// A source's text for the source pane: the text, and where it is kept.
pub struct SourceText<'a> {
    pub text: &'a str,
    /// `talks.sources/joint.txt`, or `None` until the comparison is saved.
    pub file: Option<String>,
    /// The original document's SHA-256 and file name, where recorded.
    pub origin: Option<(String, String)>,
}

impl QuoteChecks {
    /// The status of each selected demand's quote that names a source with a text.
    pub fn statuses(
        &mut self,
        cmp: &Comparison,
        selection: &[DemandIx],
        comparison_file: Option<&Path>,
        position_files: &HashMap<String, PathBuf>,
    ) -> Vec<(DemandIx, QuoteStatus)> {
        let key = (comparison_file.map(Path::to_path_buf), cmp.text_revision());
        if self.key.as_ref() != Some(&key) {
            self.key = Some(key);
            self.texts.clear();
            self.traced.clear();
        }
        let mut out = Vec::new();
        for &ix in selection {
            let status = match self.traced.get(&ix) {
                Some(status) => status.clone(),
                None => {
                    let status = self.trace(cmp, ix, comparison_file, position_files);
                    self.traced.insert(ix, status.clone());
                    status
                }
            };
            if let Some(status) = status {
                out.push((ix, status));
            }
        }
        out
    }

    fn trace(
        &mut self,
        cmp: &Comparison,
        ix: DemandIx,
        comparison_file: Option<&Path>,
        position_files: &HashMap<String, PathBuf>,
    ) -> Option<QuoteStatus> {
        let demand = cmp.demand(ix);
        let (quote, source) = (demand.quote.as_ref()?, demand.source.as_ref()?);
        let document = cmp.side_document(ix.side as usize).id.clone();
        let kept = self.text(&document, source, comparison_file, position_files)?;
        let (text, file) = (
            kept.text,
            kept.file
                .unwrap_or_else(|| "the text kept for the next save".to_owned()),
        );
        Some(match quote_trace::trace(quote, text) {
            Trace::Verbatim { start, .. } => QuoteStatus::Found {
                verbatim: true,
                place: quote_trace::place_in_words(text, start),
                file,
            },
            Trace::Normalised { start, .. } => QuoteStatus::Found {
                verbatim: false,
                place: quote_trace::place_in_words(text, start),
                file,
            },
            Trace::NotFound { closest, differences } => QuoteStatus::NotFound {
                file,
                closest: closest.map(|(a, b)| text[a..b].split_whitespace().collect::<Vec<_>>().join(" ")),
                differences: quote_trace::differences_in_words(&differences),
            },
        })
    }

    /// Source `source`'s text of document `document`: added in this window, or
    /// kept beside the comparison (under the document's id) or its position file.
    pub fn text(
        &mut self,
        document: &str,
        source: &str,
        comparison_file: Option<&Path>,
        position_files: &HashMap<String, PathBuf>,
    ) -> Option<SourceText<'_>> {
        let key = (document.to_owned(), source.to_owned());
        if let Some(kept) = self.added.get(&key) {
            return Some(SourceText {
                text: &kept.text,
                file: None,
                origin: kept.origin.clone(),
            });
        }
        let (text, path) = self
            .texts
            .entry(key)
            .or_insert_with(|| {
                let places = comparison_file
                    .map(|file| sources_dir(file).join(document))
                    .into_iter()
                    .chain(position_files.get(document).map(|file| sources_dir(file)));
                places.into_iter().find_map(|dir| {
                    let text = read_source_texts(&dir, [source]).remove(source)?;
                    Some((text, source_text_path(&dir, source)?))
                })
            })
            .as_ref()?;
        // Named as it sits beside the file: `talks.sources/joint.txt`.
        let file = path
            .iter()
            .rev()
            .take(if comparison_file.is_some() { 3 } else { 2 })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<PathBuf>()
            .display()
            .to_string();
        let origin = path.parent().and_then(|dir| read_origin(dir, source));
        Some(SourceText {
            text,
            file: Some(file),
            origin,
        })
    }

    /// What opening or saving says of the quotes: those not in their sources'
    /// texts (a warning), and sources quoted whose text is missing while others
    /// have theirs (a note). Nothing when no source has a text.
    pub fn check_all(
        &mut self,
        cmp: &Comparison,
        comparison_file: Option<&Path>,
        position_files: &HashMap<String, PathBuf>,
    ) -> (Option<String>, Option<String>) {
        let mut not_found = Vec::new();
        let mut missing = Vec::new();
        let mut traced = 0;
        for doc in cmp.documents() {
            let mut texts: HashMap<String, String> = HashMap::new();
            let quoted: std::collections::BTreeSet<&str> = doc
                .data
                .sides
                .iter()
                .flat_map(|s| &s.demands)
                .filter(|d| d.quote.is_some())
                .filter_map(|d| d.source.as_deref())
                .collect();
            for source in quoted {
                match self.text(&doc.id, source, comparison_file, position_files) {
                    Some(kept) => {
                        texts.insert(source.to_owned(), kept.text.to_owned());
                    }
                    None => missing.push(format!("`{source}`")),
                }
            }
            if texts.is_empty() {
                continue;
            }
            let report = quote_trace::trace_positions(&doc.data, |id| texts.get(id).map(String::as_str));
            traced += report.findings.len();
            for finding in report.not_found() {
                let side = doc
                    .data
                    .sides
                    .iter()
                    .find(|s| s.id == finding.side)
                    .map_or(finding.side.as_str(), |s| s.name.as_str());
                not_found.push(format!("`{}` ({side})", finding.demand));
            }
        }
        if traced == 0 {
            return (None, None);
        }
        let warning = (!not_found.is_empty()).then(|| {
            let shown = not_found.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
            let more = if not_found.len() > 3 {
                format!(" and {} more", not_found.len() - 3)
            } else {
                String::new()
            };
            format!(
                "{} not in {} source's text: {shown}{more}. Select the demand to see the closest passage and what differs.",
                crate::format::diagnostics::count(not_found.len(), "quote is", "quotes are"),
                if not_found.len() == 1 { "its" } else { "their" }
            )
        });
        let note = (!missing.is_empty()).then(|| {
            format!(
                "No text beside the file for {} {}: quotes from it are not traced. File › Add source… reads the document.",
                if missing.len() == 1 { "source" } else { "sources" },
                missing.join(", ")
            )
        });
        (warning, note)
    }

    /// The texts added in the window and not saved yet: (document id, source id, text).
    pub fn added(&self) -> impl Iterator<Item = (&str, &str, &KeptText)> {
        self.added
            .iter()
            .map(|((document, source), kept)| (document.as_str(), source.as_str(), kept))
    }

    /// A source's text added in the window, kept until the comparison is saved.
    pub fn add(&mut self, document: &str, source: &str, kept: KeptText) {
        self.traced.clear();
        self.added.insert((document.to_owned(), source.to_owned()), kept);
    }

    /// Writes the texts added in the window beside the comparison just saved at
    /// `file` (those of sources the comparison still has); what could not be
    /// written is said, and kept for the next save.
    pub fn write_added(&mut self, cmp: &Comparison, file: &Path) -> Vec<String> {
        let mut problems = Vec::new();
        let dir = sources_dir(file);
        let mut written = Vec::new();
        for ((document, source), kept) in &self.added {
            let exists = cmp
                .documents()
                .iter()
                .find(|d| &d.id == document)
                .is_some_and(|d| d.data.sources.iter().any(|s| &s.id == source));
            if !exists {
                continue;
            }
            match write_source_text(&dir.join(document), source, kept) {
                Ok(_) => written.push((document.clone(), source.clone())),
                Err(e) => problems.push(format!(
                    "The text of source `{source}` was not saved beside the comparison: {e}"
                )),
            }
        }
        for key in written {
            self.added.remove(&key);
            self.texts.remove(&key);
        }
        self.key = None;
        problems
    }
}
