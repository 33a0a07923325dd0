//! When to autosave, and the offer to restore work autosaved by a Stances that did
//! not close cleanly. Writing and the instance lock are in `io::autosave`.

use std::time::{Duration, Instant};

use egui::Context;

use super::{SavedFile, StancesApp};
use crate::format::FileError;
use crate::gui::ui::prompts;
use crate::io::autosave::{Autosave, Recovered};

/// How often unsaved work is autosaved, at most.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(2);
/// An autosave waits for this long a pause in the editing…
const AUTOSAVE_PAUSE: Duration = Duration::from_secs(1);
/// …but never longer than this since the last autosave.
const AUTOSAVE_LONGEST: Duration = Duration::from_secs(10);

pub(super) struct AutosaveState {
    slot: Option<Autosave>,
    /// The revision last autosaved, and when.
    autosaved: Option<(u64, Instant)>,
    /// The revision last seen and when it changed, to autosave in a pause.
    last_change: (u64, Instant),
    /// Work from a run that did not close cleanly, offered back at start.
    recovered: Option<Recovered>,
}

impl AutosaveState {
    pub fn new(dir: Option<std::path::PathBuf>) -> Self {
        Self {
            slot: dir.map(Autosave::new),
            autosaved: None,
            last_change: (0, Instant::now()),
            recovered: None,
        }
    }

    /// Looks for work left by an instance that is gone; an unreadable autosave is returned as an error.
    pub fn look_for_orphans(&mut self) -> Option<Result<(), FileError>> {
        match self.slot.as_ref()?.find_orphaned()? {
            Ok(recovered) => {
                self.recovered = Some(recovered);
                Some(Ok(()))
            }
            Err(e) => Some(Err(e)),
        }
    }

    pub fn offers_recovery(&self) -> bool {
        self.recovered.is_some()
    }

    /// Removes this instance's autosave (after a save, or a clean exit).
    pub fn clear(&mut self) {
        if let Some(slot) = &self.slot {
            slot.clear();
        }
        self.autosaved = None;
    }

    /// Another document opened: what was autosaved belonged to the one before.
    pub fn forget(&mut self) {
        if self.recovered.is_none() {
            self.clear();
        }
    }
}

impl StancesApp {
    /// Writes the autosave when there is unsaved work not yet autosaved and the last
    /// autosave is older than [`AUTOSAVE_INTERVAL`], in a pause in the editing.
    pub(super) fn autosave_if_due(&mut self, ctx: &Context) {
        let unsaved = self.has_unsaved_work();
        let revision = self.comparison().revision();
        let state = &mut self.autosave;
        let Some(slot) = &state.slot else { return };
        if state.recovered.is_some() {
            return; // Never overwrite anything before the user has answered the restore offer.
        }
        if !unsaved {
            if state.autosaved.is_some() {
                slot.clear();
                state.autosaved = None;
            }
            return;
        }
        if state.last_change.0 != revision {
            state.last_change = (revision, Instant::now());
        }
        // Writing a big comparison takes a moment, so it waits for a pause in the
        // editing (or at most AUTOSAVE_LONGEST), rather than interrupt typing.
        let paused = state.last_change.1.elapsed() >= AUTOSAVE_PAUSE;
        let due = match state.autosaved {
            Some((done, _)) if done == revision => return,
            Some((_, at)) => at.elapsed() >= AUTOSAVE_INTERVAL && (paused || at.elapsed() >= AUTOSAVE_LONGEST),
            None => true,
        };
        if !due {
            ctx.request_repaint_after(AUTOSAVE_PAUSE);
            return;
        }
        // The texts first: an autosave is never without the texts its sources need.
        let result = slot.write_texts(self.shown.quotes.added()).and_then(|()| {
            slot.write(
                self.open.doc.comparison(),
                self.open.file.as_ref().map(|f| f.path.as_path()),
            )
        });
        state.autosaved = Some((revision, Instant::now()));
        if let Err(e) = result {
            self.notices.error(format!("Autosave failed: {e}"));
        }
    }

    pub(super) fn recovery_prompt(&mut self, ctx: &Context) {
        let Some(recovered) = &self.autosave.recovered else {
            return;
        };
        let whence = recovered
            .path
            .as_ref()
            .map_or("an unsaved comparison".to_owned(), |p| p.display().to_string());
        let written = crate::model::mark::local_time(&recovered.written);
        let Some(restore) = prompts::recovery(ctx, &whence, &written, recovered.comparison.marks().len()) else {
            return;
        };
        let Some(mut recovered) = self.autosave.recovered.take() else {
            return;
        };
        if restore {
            let file = recovered.path.clone().map(SavedFile::on_disk);
            let comparison = recovered.comparison.clone();
            let texts = std::mem::take(&mut recovered.texts);
            Autosave::dismiss(recovered);
            self.replace_document(comparison, file, std::collections::HashMap::new());
            self.open.doc.mark_unsaved();
            let count = texts.len();
            for (document, source, kept) in texts {
                self.shown.quotes.add(&document, &source, kept);
            }
            self.notices.info(if count == 0 {
                "Restored the autosaved work. Save it to keep it.".to_owned()
            } else {
                format!(
                    "Restored the autosaved work, with the {} added before it closed. Save it to keep them.",
                    crate::format::diagnostics::count(count, "source's text", "sources' texts")
                )
            });
        } else {
            Autosave::dismiss(recovered);
        }
    }
}
