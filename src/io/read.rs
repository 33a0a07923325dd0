//! Reading Stances files from disk, with messages for every way that can fail.

use std::path::Path;

use crate::format::comparison_file::{self, Loaded};
use crate::format::diagnostics::{FileError, MAX_FILE_BYTES, Problem, text_from_bytes};
use crate::format::position_file;
use crate::model::PositionFile;

/// How a path is shown to users: as it was given.
pub fn display_path(path: &Path) -> String {
    path.display().to_string()
}

/// Reads a file as text: refuses folders, huge files, binary data and invalid UTF-8
/// with a located message, drops a UTF-8 byte-order mark.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let shown = display_path(path);
    let fail = |message: String| FileError::new(&shown, Problem::whole_file(message));
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail(
            "this is a folder, not a file; choose a .ron file inside it".into(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "the file is {} MB, larger than the {} MB Stances opens; split it into several position files",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(io_message(&e)))?;
    text_from_bytes(&shown, bytes)
}

/// Reads and checks a position file.
pub fn load_position_file(path: &Path) -> Result<PositionFile, FileError> {
    let text = read_text(path)?;
    position_file::parse_position_file(&display_path(path), &text)
}

/// Reads a comparison file of any supported format.
pub fn load_comparison(path: &Path) -> Result<Loaded, FileError> {
    let text = read_text(path)?;
    comparison_file::parse_loaded(&display_path(path), &text)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied: Stances may not read this file".into(),
        _ => format!("cannot read the file: {e}"),
    }
}

/// What a file held when Stances last read or wrote it, to tell whether someone
/// else changed it since (another window, a `git pull`, a colleague on a shared drive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    pub fn of_bytes(bytes: &[u8]) -> Self {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = std::hash::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Self {
            len: bytes.len() as u64,
            hash: hasher.finish(),
        }
    }

    /// The file's fingerprint now; `None` when it does not exist or cannot be read.
    pub fn of_file(path: &Path) -> Option<Self> {
        std::fs::read(path).ok().map(|b| Self::of_bytes(&b))
    }
}
