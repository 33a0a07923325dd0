//! A live class's life on the teacher's disk, the same from the window and
//! from `stances live`: begun (a folder beside the teacher's file, its journal
//! started), resumed (the journal read back after a stop or a crash), found
//! unfinished (a class whose hand-ins were never written), and handed in (one
//! hand-in per student, then the journal says the class ended).

use std::path::{Path, PathBuf};

use crate::format::comparison_file::comparison_stem;
use crate::io::live_folder::{live_folder, write_hand_ins};
use crate::io::live_journal::{JOURNAL_FILE, JOURNAL_FORMAT, Journal, JournalHeader, read_journal};
use crate::model::Comparison;
use crate::model::live::{LiveClass, LiveEvent, new_join_code};
use crate::model::mark::now_timestamp;
use crate::model::words::count;

use super::LiveState;

/// The instructions every live hand-in carries.
const INSTRUCTIONS: &str = "Coded live in class.";

/// A class ready to serve: where it is kept, its state, and what reading it
/// back found to say (lines of the journal left out).
pub struct Begun {
    pub folder: PathBuf,
    pub state: LiveState,
    pub notes: Vec<String>,
}

/// A new class of `comparison` (read from `file`): its folder beside the
/// file, its journal started.
pub fn begin(file: &Path, comparison: Comparison, max_students: usize) -> Result<Begun, String> {
    let now = now_timestamp();
    // The folder is named by the teacher's own clock, as they will look for it.
    let local = now
        .parse::<jiff::Timestamp>()
        .map(|t| {
            t.to_zoned_datetime(jiff::tz::TimeZone::system())
                .strftime("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| now.clone());
    let folder = live_folder(file, &local);
    std::fs::create_dir_all(&folder).map_err(|e| {
        format!(
            "{}: the class's folder could not be made beside the file ({e}); save the file in a folder you can write to (File › Save as…) and start the class again",
            folder.display()
        )
    })?;
    let code = new_join_code();
    let header = JournalHeader {
        format: JOURNAL_FORMAT,
        join_code: code.clone(),
        max_students,
        comparison: file_name(file),
        started: now,
    };
    let journal = match Journal::create(&folder.join(JOURNAL_FILE), &header) {
        Ok(journal) => journal,
        Err(e) => {
            let _ = std::fs::remove_dir(&folder);
            return Err(e);
        }
    };
    let state = LiveState::new(LiveClass::new(code, max_students), comparison, journal)?;
    Ok(Begun {
        folder,
        state,
        notes: Vec::new(),
    })
}

/// Takes back a class just begun that was never served (its server could not
/// listen): its folder goes, as nothing is in it.
pub fn abandon(folder: &Path) {
    let _ = std::fs::remove_file(folder.join(JOURNAL_FILE));
    let _ = std::fs::remove_dir(folder);
}

/// A class started before (stopped, or the computer or Stances stopped),
/// its journal read back and written on: only with the file it was started
/// on, whose demands every choice names.
pub fn resume(folder: &Path, file: &Path, comparison: Comparison) -> Result<Begun, String> {
    let path = folder.join(JOURNAL_FILE);
    if !path.is_file() {
        return Err(format!(
            "{}: this is not a live class's folder (it has no {JOURNAL_FILE}); give the folder the live class made beside the file",
            folder.display()
        ));
    }
    let read = read_journal(&path)?;
    let name = file_name(file);
    if read.header.comparison != name {
        return Err(format!(
            "{}: this class was started on {}, not on {name}; resume it with that file",
            folder.display(),
            read.header.comparison
        ));
    }
    let unknown = read
        .events
        .iter()
        .filter(|e| matches!(e, LiveEvent::Voted { demand, .. } if comparison.resolve(demand).is_none()))
        .count();
    if unknown > 0 {
        return Err(format!(
            "{}: {} of this class name demands {name} no longer holds; resume it with the file as it was when the class started",
            folder.display(),
            count(unknown, "choice", "choices")
        ));
    }
    let class = LiveClass::replayed(read.header.join_code.clone(), read.header.max_students, &read.events);
    let state = LiveState::new(class, comparison, Journal::reopen(&path)?)?;
    Ok(Begun {
        folder: folder.to_path_buf(),
        state,
        notes: read.skipped,
    })
}

/// A class of a file that was never handed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unfinished {
    pub folder: PathBuf,
    /// When it started (RFC 3339).
    pub started: String,
    pub students: usize,
    pub choices: usize,
    /// Where it was last offered: resumed there, the students' pages find it.
    pub address: Option<std::net::SocketAddr>,
}

impl Unfinished {
    /// "started 6 Dec 2026, 10:15, 12 students, 80 choices" (this computer's time).
    pub fn describe(&self) -> String {
        let started = crate::model::mark::local_time(&self.started);
        format!(
            "started {started}, {}, {}",
            count(self.students, "student", "students"),
            count(self.choices, "choice", "choices")
        )
    }
}

/// The live classes of `file` (folders beside it) that did not end with their
/// hand-ins written, newest first.
pub fn unfinished(file: &Path) -> Vec<Unfinished> {
    let Some(dir) = file.parent() else {
        return Vec::new();
    };
    let prefix = format!("{}-live-", comparison_stem(file));
    let name = file_name(file);
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return Vec::new();
    };
    let mut found: Vec<Unfinished> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter_map(|e| {
            let folder = e.path();
            let read = read_journal(&folder.join(JOURNAL_FILE)).ok()?;
            if read.header.comparison != name || matches!(read.events.last(), Some(LiveEvent::Ended)) {
                return None;
            }
            let class = LiveClass::replayed(read.header.join_code.clone(), read.header.max_students, &read.events);
            Some(Unfinished {
                folder: dir.join(e.file_name()),
                started: read.header.started,
                students: class.students().len(),
                choices: class.vote_count(),
                address: class.served_at().and_then(|a| a.parse().ok()),
            })
        })
        .collect();
    found.sort_by(|a, b| b.started.cmp(&a.started));
    found
}

/// Writes each student's hand-in into the class's folder, then records that
/// the class ended: the hand-ins written.
pub fn hand_in(state: &mut LiveState, folder: &Path) -> Result<Vec<PathBuf>, String> {
    let hand_ins = state.class.hand_ins(&state.comparison, INSTRUCTIONS)?;
    // Named as the projector and each student's page name them.
    let names = state.class.shown_names();
    let written = write_hand_ins(
        folder,
        names
            .iter()
            .map(String::as_str)
            .zip(hand_ins.iter().map(|(_, copy)| copy)),
    )?;
    state.record(&LiveEvent::Ended)?;
    state.syncer().sync()?;
    Ok(written)
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_in(dir: &Path) -> (PathBuf, Comparison) {
        let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/istanbul-2025-06-02.ron");
        let path = dir.join("istanbul.ron");
        std::fs::copy(source, &path).unwrap();
        let comparison = crate::io::given::read_given(&path).unwrap().into_comparison().unwrap();
        (path, comparison)
    }

    #[test]
    fn a_class_is_unfinished_until_handed_in() {
        let dir = tempfile::tempdir().unwrap();
        let (file, comparison) = file_in(dir.path());
        let mut begun = begin(&file, comparison.clone(), 10).unwrap();
        let join = begun.state.class.join(begun.state.class.join_code(), "Maria").unwrap();
        begun.state.record(&join).unwrap();
        let found = unfinished(&file);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].folder, begun.folder);
        assert_eq!(found[0].students, 1);
        let written = hand_in(&mut begun.state, &begun.folder).unwrap();
        assert_eq!(written.len(), 1);
        drop(begun);
        assert!(unfinished(&file).is_empty());
    }

    #[test]
    fn a_class_resumes_with_its_students() {
        let dir = tempfile::tempdir().unwrap();
        let (file, comparison) = file_in(dir.path());
        let mut begun = begin(&file, comparison.clone(), 10).unwrap();
        let code = begun.state.class.join_code().to_owned();
        for name in ["Maria", "Maria"] {
            let join = begun.state.class.join(&code, name).unwrap();
            begun.state.record(&join).unwrap();
        }
        let folder = begun.folder.clone();
        drop(begun);
        let resumed = resume(&folder, &file, comparison).unwrap();
        assert_eq!(resumed.state.class.students().len(), 2);
        assert_eq!(resumed.state.class.join_code(), code);
    }
}
