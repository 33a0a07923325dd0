//! Sources in the window: File › Add source… (the document read off the window's
//! thread, then named and added as one undoable edit, its text kept for the next
//! save), the source pane opened and closed, and a new demand made from the
//! passage selected in it.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use egui::Context;

use super::StancesApp;
use crate::format::source::Extracted;
use crate::gui::action::Action;
use crate::gui::ui::demand_form::{DemandEditor, DemandForm};
use crate::gui::ui::file_dialogs::FileAction;
use crate::gui::ui::source_dialog::SourceDialog;
use crate::gui::ui::source_view::OpenSource;
use crate::io;
use crate::io::sources::{KeptText, sha256_hex};
use crate::model::position::Source;
use crate::model::position_edit::PositionChange;
use crate::model::quote_trace::{self, Trace};
use crate::model::{Comparison, DemandIx, Edit, SideIx};

/// The largest document added as a source (a statement, a treaty, a transcript: far less).
const SIZE_LIMIT: u64 = 100 * 1024 * 1024;

/// A document being added: read on a worker, then named in the dialog.
pub(in crate::gui) struct AddingSource {
    reading: Option<Receiver<Result<(Extracted, String), String>>>,
    /// What reading gave: the text and the original's SHA-256.
    read: Option<(Extracted, String)>,
    /// The original's file name, recorded beside the text.
    original: String,
    pub dialog: SourceDialog,
}

/// Reads a document as a source's text, with its SHA-256; refuses what is too large.
fn read_document(path: &Path, name: &str) -> Result<(Extracted, String), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{name} cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{name} is not a file: choose a PDF, DOCX, ODT, HTML, Markdown or text file"
        ));
    }
    if meta.len() > SIZE_LIMIT {
        return Err(format!(
            "{name} is {} MB, more than a source can be ({} MB): split it, or add the part that is quoted",
            meta.len() / (1024 * 1024),
            SIZE_LIMIT / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{name} cannot be read: {e}"))?;
    let extracted = crate::format::source::extract(name, &bytes)?;
    Ok((extracted, sha256_hex(&bytes)))
}

/// The passages of `text` that the demands of document `document` quoting source
/// `source` stand at, sorted by where they start.
pub(super) fn quoted_passages(
    cmp: &Comparison,
    document: &str,
    source: &str,
    text: &str,
) -> Vec<(Range<usize>, DemandIx)> {
    let mut quotes = Vec::new();
    for side in 0..cmp.side_count() {
        if cmp.side_document(side).id != document {
            continue;
        }
        for (i, demand) in cmp.side(side).demands.iter().enumerate() {
            let (Some(quote), Some(named)) = (&demand.quote, &demand.source) else {
                continue;
            };
            if named != source {
                continue;
            }
            let ix = DemandIx {
                side: u32::try_from(side).unwrap_or(u32::MAX),
                demand: u32::try_from(i).unwrap_or(u32::MAX),
            };
            quotes.push((ix, quote.as_str()));
        }
    }
    let mut passages: Vec<_> = quote_trace::find_all(quotes, text)
        .into_iter()
        .map(|(ix, range)| (range, ix))
        .collect();
    passages.sort_by_key(|(r, _)| r.start);
    passages
}

/// The first column of document `document`'s sides, where a new demand from its
/// sources goes unless another side is chosen.
fn first_side_of(cmp: &Comparison, document: &str) -> Option<SideIx> {
    (0..cmp.side_count()).find(|&s| cmp.side_document(s).id == document)
}

impl StancesApp {
    /// Opens source `source` of document `document` in the pane, at byte `at` of its text.
    fn open_source_pane(&mut self, document: String, source: String, side: Option<SideIx>, at: Option<usize>) {
        let side = side
            .or_else(|| first_side_of(self.comparison(), &document))
            .unwrap_or(0);
        let mut pane = OpenSource::new(document, source, side);
        pane.scroll_to = at;
        self.shown.source = Some(pane);
    }

    pub(super) fn request_add_source(&mut self, ctx: &Context) {
        let near = self.path().map(Path::to_path_buf);
        self.dialogs.files.request(ctx, FileAction::AddSource, near);
    }

    /// Reads `path` on a worker thread; the dialog says so meanwhile.
    pub(super) fn read_source(&mut self, ctx: &Context, path: &Path) {
        let shown = io::display_path(path);
        let name = path
            .file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
        let documents = self
            .comparison()
            .documents()
            .iter()
            .map(|d| {
                let name = d.data.negotiation.clone().unwrap_or_else(|| d.id.clone());
                d.data
                    .round
                    .as_ref()
                    .map_or(name.clone(), |round| format!("{name} · {round}"))
            })
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        let (path, worker_ctx) = (PathBuf::from(path), ctx.clone());
        let worker_name = name.clone();
        std::thread::spawn(move || {
            // The dialog may be gone (cancelled): then nobody waits for this.
            let _ = tx.send(read_document(&path, &worker_name));
            worker_ctx.request_repaint();
        });
        self.dialogs.add_source = Some(AddingSource {
            reading: Some(rx),
            read: None,
            original: name.clone(),
            dialog: SourceDialog::new(name, documents),
        });
    }

    /// The Add source dialog, while one is open.
    pub(super) fn show_source_dialog(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        let Some(adding) = self.dialogs.add_source.as_mut() else {
            return;
        };
        if let Some(answer) = adding.reading.as_ref().and_then(|rx| rx.try_recv().ok()) {
            adding.reading = None;
            match answer {
                Ok((extracted, sha)) => {
                    adding.dialog.read = Some(Ok((extracted.kind, extracted.note.clone())));
                    adding.dialog.fill(extracted.title.as_deref());
                    adding.read = Some((extracted, sha));
                }
                Err(problem) => adding.dialog.read = Some(Err(problem)),
            }
        }
        if adding.reading.is_some() {
            // Looked at again soon, in case the worker's wake-up came before the frame.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        adding.dialog.show(ctx, actions);
    }

    /// The actions of sources: the dialog's, and the pane's.
    pub(super) fn handle_sources(&mut self, action: Action) {
        match action {
            Action::AddSourceNow => self.add_source_now(),
            Action::CloseSourceDialog => self.dialogs.add_source = None,
            Action::ShowSource { document, source, at } => self.open_source_pane(document, source, None, at),
            Action::ShowSourceOf(ix) => self.show_source_of(ix),
            Action::CloseSource => self.shown.source = None,
            _ => {}
        }
    }

    /// Opens the source demand `ix` quotes, at the passage its quote stands at.
    fn show_source_of(&mut self, ix: DemandIx) {
        let cmp = self.open.doc.comparison();
        let demand = cmp.demand(ix);
        let Some(source) = demand.source.clone() else {
            return;
        };
        let document = cmp.side_document(ix.side as usize).id.clone();
        let quote = demand.quote.clone();
        let comparison_file = self.open.file.as_ref().map(|f| f.path.clone());
        let at = self
            .shown
            .quotes
            .text(&document, &source, comparison_file.as_deref(), &self.open.sources)
            .and_then(|kept| match quote_trace::trace(quote.as_deref()?, kept.text) {
                Trace::Verbatim { start, .. } | Trace::Normalised { start, .. } => Some(start),
                Trace::NotFound { closest, .. } => closest.map(|(start, _)| start),
            });
        self.open_source_pane(document, source, Some(ix.side as usize), at);
    }

    /// Adds the source the dialog describes (one undoable edit) and opens it in the pane.
    fn add_source_now(&mut self) {
        let Some(adding) = self.dialogs.add_source.as_mut() else {
            return;
        };
        let Some((extracted, sha)) = &adding.read else {
            return;
        };
        let dialog = &mut adding.dialog;
        let optional = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let source = Source {
            id: dialog.id.trim().to_owned(),
            title: dialog.title.trim().to_owned(),
            url: optional(&dialog.url),
            date: optional(&dialog.date),
            note: optional(&dialog.note),
        };
        let document = dialog
            .document
            .min(self.open.doc.comparison().documents().len().saturating_sub(1));
        let Some(doc) = self.open.doc.comparison().documents().get(document) else {
            dialog.error = Some("Open or start a negotiation first: a source belongs to one.".to_owned());
            return;
        };
        if source.title.is_empty() {
            dialog.error = Some("A source needs a title: the document's name, as a reader would cite it.".to_owned());
            return;
        }
        let document_id = doc.id.clone();
        let kept = KeptText {
            text: extracted.text.clone(),
            origin: Some((sha.clone(), adding.original.clone())),
        };
        let edit = Edit::Positions {
            document,
            change: Box::new(PositionChange::InsertSource {
                at: doc.data.sources.len(),
                source: source.clone(),
            }),
        };
        match self.apply_step(edit) {
            Ok(()) => {
                self.shown.quotes.add(&document_id, &source.id, kept);
                self.open_source_pane(document_id, source.id.clone(), None, None);
                self.dialogs.add_source = None;
                self.notices.info(format!(
                    "Source “{}” added. Select a passage in it, then New demand from selection; saving keeps its text beside the comparison.",
                    source.title
                ));
            }
            Err(e) => {
                if let Some(adding) = self.dialogs.add_source.as_mut() {
                    adding.dialog.error = Some(e);
                }
            }
        }
    }

    /// Says which quotes no longer stand in their sources' texts (on opening and saving).
    pub(super) fn say_quotes(&mut self) {
        let comparison_file = self.open.file.as_ref().map(|f| f.path.clone());
        let (warning, note) = self.shown.quotes.check_all(
            self.open.doc.comparison(),
            comparison_file.as_deref(),
            &self.open.sources,
        );
        if let Some(warning) = warning {
            self.notices.warning(warning);
        }
        if let Some(note) = note {
            self.notices.info(note);
        }
    }

    /// Opens the demand form for a new demand quoting the passage selected in the source pane.
    pub(super) fn new_demand_from_selection(&mut self) {
        let Some(pane) = self.shown.source.as_ref() else {
            self.notices.info(
                "Open a source first (File › Add source…, or a quote's “Show in source”), then select a passage.",
            );
            return;
        };
        let Some(selection) = pane.selection.clone() else {
            self.notices.info("Select a passage of the source first.");
            return;
        };
        let (document, source, side, issue) = (pane.document.clone(), pane.source.clone(), pane.side, pane.issue);
        let comparison_file = self.open.file.as_ref().map(|f| f.path.clone());
        let Some(kept) = self
            .shown
            .quotes
            .text(&document, &source, comparison_file.as_deref(), &self.open.sources)
        else {
            return;
        };
        // A selection that cuts a word takes the whole word: a quote is of words.
        let text = kept.text;
        let (mut start, mut end) = (selection.start.min(text.len()), selection.end.min(text.len()));
        while let Some(c) = text
            .get(..start)
            .and_then(|t| t.chars().next_back())
            .filter(|c| c.is_alphanumeric())
        {
            start -= c.len_utf8();
        }
        while let Some(c) = text
            .get(end..)
            .and_then(|t| t.chars().next())
            .filter(|c| c.is_alphanumeric())
        {
            end += c.len_utf8();
        }
        let Some(passage) = text.get(start..end) else {
            return;
        };
        // The passage as it stands, its line breaks as spaces: a quote is one line.
        let quote = passage.split_whitespace().collect::<Vec<_>>().join(" ");
        let cmp = self.open.doc.comparison();
        if cmp.side_count() == 0 || cmp.issues().is_empty() {
            self.notices
                .info("The negotiation needs a side and an issue before a demand can be made.");
            return;
        }
        let side = side.min(cmp.side_count() - 1);
        let side = if cmp.side_document(side).id == document {
            side
        } else {
            first_side_of(cmp, &document).unwrap_or(side)
        };
        let mut form = DemandForm::new_on(cmp, side, issue.min(cmp.issues().len() - 1));
        form.text = quote.clone();
        form.quote = quote;
        form.source = Some(source);
        self.open.doc.seal();
        self.shown.details = true;
        self.shown.demand_editor = Some(DemandEditor::Editing(Box::new(form)));
    }
}
