//! Reading a class from disk: the folder's comparison files (regular files
//! only: a FIFO would block, a device is no hand-in) and its list of students in
//! whatever encoding a text editor saved it. What the class is, is worked out
//! by [`crate::model::class_roll`], the one answer every view of a class reads.

use std::path::{Path, PathBuf};

use super::given::{FileKind, read_given};
use super::read::display_path;
use crate::format::comparison_file::{self, COMPARISON_EXTENSION, SharedDocuments, comparison_stem};
use crate::model::class_roll::{Class, HandIn};
use crate::model::roster::{ROSTER_FILE, parse_roster};

/// Reads the class that `paths` name: folders stand for the comparison files in
/// them (and their `students.txt`), files for themselves.
pub fn read_class(paths: &[PathBuf]) -> Result<Class, String> {
    let mut notes = Vec::new();
    let mut roster: Option<Vec<String>> = None;
    let mut found: Vec<PathBuf> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let list = path.join(ROSTER_FILE);
            if list.is_file() {
                let names = roster.get_or_insert_with(Vec::new);
                let (text, note) = read_roster(&list)?;
                notes.extend(note);
                for name in parse_roster(&text) {
                    if !names.iter().any(|n| crate::model::roster::same_name(n, &name)) {
                        names.push(name);
                    }
                }
            }
            let mut in_folder: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{}: cannot read the folder: {e}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name().is_some_and(|n| {
                        n.to_string_lossy()
                            .to_lowercase()
                            .ends_with(&format!(".{COMPARISON_EXTENSION}"))
                    })
                })
                .collect();
            if in_folder.is_empty() {
                return Err(format!(
                    "{}: this folder holds no comparison file (.stances.ron); put the students' files in it",
                    path.display()
                ));
            }
            in_folder.sort();
            found.extend(in_folder);
        } else {
            found.push(path.clone());
        }
    }
    let mut regular = Vec::with_capacity(found.len());
    for path in found {
        // Only regular files are read: opening a FIFO waits for a writer forever.
        match std::fs::metadata(&path) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => {
                notes.push(format!("{}: not a regular file, skipped.", display_path(&path)));
            }
            _ => regular.push(path),
        }
    }
    crate::model::class_roll::read_class(read_all(&regular), roster, notes)
}

/// Every file read, in their order, on as many threads as the computer has
/// cores: thirty hand-ins of 20,000 demands are mostly parsing.
fn read_all(paths: &[PathBuf]) -> Vec<HandIn> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    // The hand-ins of a class embed the same positions: each text is parsed once.
    let shared = SharedDocuments::default();
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(paths.len());
    if workers <= 1 {
        return paths.iter().map(|p| hand_in(p, &shared)).collect();
    }
    let next = AtomicUsize::new(0);
    let shared = &shared;
    let read: Vec<Vec<(usize, HandIn)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut read = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break };
                        read.push((i, hand_in(path, shared)));
                    }
                    read
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    let mut slots: Vec<Option<HandIn>> = paths.iter().map(|_| None).collect();
    for (i, hand_in) in read.into_iter().flatten() {
        slots[i] = Some(hand_in);
    }
    // A file a worker could not finish is read again here, so that none is left out.
    slots
        .into_iter()
        .zip(paths)
        .map(|(slot, path)| slot.unwrap_or_else(|| hand_in(path, shared)))
        .collect()
}

/// One file of the class, read.
fn hand_in(path: &Path, shared: &SharedDocuments) -> HandIn {
    let shown = display_path(path);
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let read = read_given(path).map_err(|e| e.to_string()).and_then(|given| {
        if given.kind != FileKind::Comparison {
            return Err(given.not_what_was_asked("a student's comparison file (.stances.ron)"));
        }
        comparison_file::parse_sharing(&shown, &given.text, shared).map_err(|e| e.to_string())
    });
    HandIn {
        file: shown,
        stem: comparison_stem(path),
        read,
        modified,
    }
}

/// A list of students as a text editor saved it: UTF-8, UTF-16 with a byte-order
/// mark, or else the Windows code page Notepad's "ANSI" writes (said, as a guess).
pub fn read_roster(path: &Path) -> Result<(String, Option<String>), String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("{}: cannot read the list of students: {e}", path.display()))?;
    Ok(decode_roster(&bytes, &display_path(path)))
}

/// The text of a list of students, and a note when its encoding was guessed.
pub fn decode_roster(bytes: &[u8], shown: &str) -> (String, Option<String>) {
    if let Some(text) = crate::format::text::decode_declared(bytes) {
        return (text, None);
    }
    // UTF-16 without a mark: every other byte of Latin text is zero.
    let zeros = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if bytes.len() >= 4 && zeros * 2 >= bytes.len() / 2 {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
        return (text.into_owned(), None);
    }
    (
        crate::format::text::decode_windows_1252(bytes),
        Some(format!(
            "{shown} is not UTF-8: read as Windows-1252 (Western European), as Windows Notepad saves it; if a name looks wrong, save the list as UTF-8."
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_read_in_each_encoding_an_editor_saves() {
        let names = "Zoë Dubois\r\nSiobhán O'Connor\r\n";
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(names.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (text, note) = decode_roster(&utf16, "students.txt");
        assert_eq!((text.as_str(), note), (names, None));
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(names);
        let (text, note) = decode_roster(&cp1252, "students.txt");
        assert_eq!(text, names);
        assert!(note.is_some_and(|n| n.contains("Windows-1252")));
        let bom8: Vec<u8> = b"\xEF\xBB\xBF".iter().copied().chain(names.bytes()).collect();
        assert_eq!(decode_roster(&bom8, "s").0, names);
    }
}
