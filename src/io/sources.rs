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
