//! Where a file's sources' texts are kept: beside it, in a folder named after it
//! (`talks.stances.ron` → `talks.sources/`, `istanbul.ron` → `istanbul.sources/`),
//! one UTF-8 text per source, named by the source's id (`reuters.txt`; in a
//! comparison's folder, under its document's id: `istanbul/reuters.txt`). Plain
//! text, one file per source: git shows and merges changes to them line by line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The folder of `file`'s sources' texts.
pub fn sources_dir(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".stances.ron")
        .or_else(|| name.strip_suffix(".ron"))
        .unwrap_or(&name);
    file.with_file_name(format!("{stem}.sources"))
}

/// The text file of source `id` in `dir`. An id with a path separator or a dot
/// first names no file (a source id never reaches outside the folder).
pub fn source_text_path(dir: &Path, id: &str) -> Option<PathBuf> {
    let safe = !id.is_empty() && !id.starts_with('.') && !id.contains(['/', '\\', '\0']);
    safe.then(|| dir.join(format!("{id}.txt")))
}

/// The texts of the sources `ids` found in `dir`, by id; read as editors save text.
pub fn read_source_texts<'a>(dir: &Path, ids: impl IntoIterator<Item = &'a str>) -> HashMap<String, String> {
    let mut texts = HashMap::new();
    if !dir.is_dir() {
        return texts;
    }
    for id in ids {
        let Some(path) = source_text_path(dir, id) else {
            continue;
        };
        if let Ok(bytes) = std::fs::read(&path) {
            let (text, _) = crate::format::source::decode(&bytes, id);
            texts.insert(id.to_owned(), text.replace("\r\n", "\n"));
        }
    }
    texts
}

/// A source's text as it is kept, with where it came from: the SHA-256 of the
/// original document and its file name, in `sha256sum`'s own format
/// (`ID.sha256` beside `ID.txt`), so `sha256sum -c` checks the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptText {
    pub text: String,
    /// The original document's SHA-256 (hex) and file name, when it was added in Stances.
    pub origin: Option<(String, String)>,
}

/// The SHA-256 of `bytes`, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes source `id`'s text into `dir` (made if missing), with its origin's
/// checksum beside it; each file written whole or not at all.
pub fn write_source_text(dir: &Path, id: &str, kept: &KeptText) -> Result<PathBuf, String> {
    let path = source_text_path(dir, id).ok_or_else(|| format!("`{id}` cannot name a file"))?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot make the folder: {e}", dir.display()))?;
    super::atomic::write_atomically(&path, kept.text.as_bytes())?;
    if let Some((sha, original)) = &kept.origin {
        // `sha256sum` reads a name with a line break only in its escaped form:
        // such a name is kept without the break (it is only said, never opened).
        let name = original.replace(['\n', '\r'], " ");
        super::atomic::write_atomically(&path.with_extension("sha256"), format!("{sha}  {name}\n").as_bytes())?;
    }
    Ok(path)
}

/// The origin recorded beside source `id`'s text in `dir`: its SHA-256 and file name.
pub fn read_origin(dir: &Path, id: &str) -> Option<(String, String)> {
    let path = source_text_path(dir, id)?.with_extension("sha256");
    let line = std::fs::read_to_string(path).ok()?;
    let (sha, name) = line.trim_end().split_once("  ")?;
    (sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit())).then(|| (sha.to_owned(), name.to_owned()))
}

/// Copies the sources' texts kept beside `from` to beside `to` (a comparison
/// saved under another name): every file of `from`'s folder, one level of
/// document folders deep, that `to`'s folder does not have yet. How many texts
/// were copied (their checksums go with them, uncounted).
pub fn copy_texts(from: &Path, to: &Path) -> Result<usize, String> {
    let (source_dir, target_dir) = (sources_dir(from), sources_dir(to));
    if !source_dir.is_dir() || source_dir == target_dir {
        return Ok(0);
    }
    let mut copied = 0;
    let mut copy_dir = |from_dir: &Path, to_dir: &Path, deeper: bool| -> Result<Vec<(PathBuf, PathBuf)>, String> {
        let mut folders = Vec::new();
        let entries =
            std::fs::read_dir(from_dir).map_err(|e| format!("{}: cannot be read: {e}", from_dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let target = to_dir.join(entry.file_name());
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && deeper {
                folders.push((path, target));
            } else if kind.is_file() && !target.exists() {
                std::fs::create_dir_all(to_dir).map_err(|e| format!("{}: cannot be made: {e}", to_dir.display()))?;
                std::fs::copy(&path, &target)
                    .map_err(|e| format!("{}: the source's text was not copied: {e}", target.display()))?;
                if path.extension().is_some_and(|e| e == "txt") {
                    copied += 1;
                }
            }
        }
        Ok(folders)
    };
    for (from_dir, to_dir) in copy_dir(&source_dir, &target_dir, true)? {
        copy_dir(&from_dir, &to_dir, false)?;
    }
    Ok(copied)
}
