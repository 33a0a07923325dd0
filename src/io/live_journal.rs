//! A live class's journal: every event, one line of RON each, appended and
//! flushed to disk before the student's page is told it counted. Appending
//! costs the same for the first vote and the four-thousandth (rewriting the
//! whole class atomically, as the autosave does a comparison, would cost more
//! with each vote), and a crash can cut only the line being written: reading
//! the journal again leaves that line out and says so.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::live::LiveEvent;

/// The journal's file name in a live class's folder.
pub const JOURNAL_FILE: &str = "live-class.journal";
/// The journal's format, on its first line.
pub const JOURNAL_FORMAT: u32 = 1;

/// The journal's first line: what class it is of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalHeader {
    pub format: u32,
    pub join_code: String,
    pub max_students: usize,
    /// The teacher's comparison, as the folder's neighbour names it.
    pub comparison: String,
    pub started: String,
}

/// An open journal, taking events at its end.
pub struct Journal {
    path: PathBuf,
    file: File,
}

/// A journal read back.
#[derive(Clone, Debug)]
pub struct ReadJournal {
    pub header: JournalHeader,
    pub events: Vec<LiveEvent>,
    /// Lines that could not be read (a line cut by a crash), said to the teacher.
    pub skipped: Vec<String>,
}

impl Journal {
    /// Starts a journal at `path` (which must not exist yet: a class's journal
    /// is never written over).
    pub fn create(path: &Path, header: &JournalHeader) -> Result<Self, String> {
        let shown = super::display_path(path);
        let mut file = OpenOptions::new()
            .append(true)
            .create_new(true)
            .open(path)
            .map_err(|e| format!("{shown}: the live class's journal could not be started ({e})"))?;
        hold(&file, &shown)?;
        let line = ron::to_string(header).map_err(|e| format!("{shown}: {e}"))?;
        writeln!(file, "{line}")
            .and_then(|()| file.sync_all())
            .map_err(|e| format!("{shown}: the live class's journal could not be written ({e})"))?;
        Ok(Self {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Goes on writing a journal read before. A last line cut by a crash is
    /// ended first, so that it stays a line of its own (left out when read)
    /// instead of swallowing the next act.
    pub fn reopen(path: &Path) -> Result<Self, String> {
        let shown = super::display_path(path);
        let cut = std::fs::read(path)
            .map(|bytes| bytes.last().is_some_and(|&b| b != b'\n'))
            .map_err(|e| format!("{shown}: the live class's journal could not be opened ({e})"))?;
        let mut file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| format!("{shown}: the live class's journal could not be opened ({e})"))?;
        hold(&file, &shown)?;
        if cut {
            file.write_all(b"\n")
                .and_then(|()| file.sync_data())
                .map_err(|e| format!("{shown}: the live class's journal could not be written ({e})"))?;
        }
        Ok(Self {
            path: path.to_path_buf(),
            file,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes an event and waits until it is on the disk.
    pub fn append(&mut self, event: &LiveEvent) -> Result<(), String> {
        self.write(event)?;
        self.syncer()?.sync()
    }

    /// Writes an event, not waiting for the disk: [`JournalSync::sync`] then
    /// waits for it (and for every line written before), outside whatever
    /// lock the writing needed, so that the acts of a class arriving together
    /// share one wait for the disk.
    pub fn write(&mut self, event: &LiveEvent) -> Result<(), String> {
        let line = ron::to_string(event).map_err(|e| e.to_string())?;
        let mut bytes = line.into_bytes();
        bytes.push(b'\n');
        // One write of the whole line: a crash cuts at most this line.
        self.file.write_all(&bytes).map_err(|e| self.not_saved(&e))
    }

    /// What waits for the journal's lines to be on the disk.
    pub fn syncer(&self) -> Result<JournalSync, String> {
        Ok(JournalSync {
            path: self.path.clone(),
            file: self.file.try_clone().map_err(|e| self.not_saved(&e))?,
        })
    }

    fn not_saved(&self, e: &std::io::Error) -> String {
        format!(
            "{}: not saved, the live class's journal could not be written ({e})",
            super::display_path(&self.path)
        )
    }
}

/// Waits for a journal's lines to reach the disk.
#[derive(Debug)]
pub struct JournalSync {
    path: PathBuf,
    file: File,
}

impl JournalSync {
    pub fn sync(&self) -> Result<(), String> {
        self.file.sync_data().map_err(|e| {
            format!(
                "{}: not saved, the live class's journal could not be written to the disk ({e})",
                super::display_path(&self.path)
            )
        })
    }
}

/// Holds the journal for this program while it serves the class (released
/// when the file closes, a crash included): a second Stances serving the same
/// class would interleave its acts with this one's, and hand in over it.
fn hold(file: &File, shown: &str) -> Result<(), String> {
    file.try_lock().map_err(|e| match e {
        std::fs::TryLockError::WouldBlock => format!(
            "{shown}: this class is being served by another Stances (on this computer or another one sharing the folder); stop that one first"
        ),
        std::fs::TryLockError::Error(e) => format!("{shown}: the live class's journal could not be held ({e})"),
    })
}

/// Reads a journal: its header, then every event it holds; a line that cannot
/// be read is left out and named (the last one, cut by a crash, as such).
pub fn read_journal(path: &Path) -> Result<ReadJournal, String> {
    let shown = super::display_path(path);
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.lines().enumerate();
    let header: JournalHeader = lines
        .next()
        .and_then(|(_, line)| ron::from_str(line).ok())
        .ok_or_else(|| format!("{shown}:1: this is not a live class's journal (its first line names no class)"))?;
    if header.format > JOURNAL_FORMAT {
        return Err(format!(
            "{shown}: this live class was written by a newer Stances (journal format {}); update Stances to open it",
            header.format
        ));
    }
    let mut events = Vec::new();
    let mut skipped = Vec::new();
    let count = text.lines().count();
    for (at, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        match ron::from_str::<LiveEvent>(line) {
            Ok(event) => events.push(event),
            Err(e) if at + 1 == count && !text.ends_with('\n') => skipped.push(format!(
                "{shown}:{}: the last line was cut off when Stances stopped; the act it recorded is left out ({e})",
                at + 1
            )),
            Err(e) => skipped.push(format!(
                "{shown}:{}: this line could not be read and is left out ({e})",
                at + 1
            )),
        }
    }
    Ok(ReadJournal {
        header,
        events,
        skipped,
    })
}
