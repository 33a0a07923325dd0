//! Reading coders' comparison files for a coding study.

use std::path::{Path, PathBuf};

use super::read::{display_path, read_text};
use crate::format::comparison_file;
use crate::model::study::CodedCopy;

/// Reads each coder's comparison file, with a message naming the file and the
/// problem when one cannot be used (a position file is not a coding).
pub fn read_coded_copies(files: &[PathBuf]) -> Result<Vec<CodedCopy>, String> {
    files.iter().map(|path| read_coded_copy(path)).collect()
}

pub fn read_coded_copy(path: &Path) -> Result<CodedCopy, String> {
    let shown = display_path(path);
    let text = read_text(path).map_err(|e| e.to_string())?;
    if !comparison_file::is_comparison_file(path, Some(&text)) {
        return Err(format!(
            "{shown}: this is a position file; a coding study is made of comparison files (.stances.ron), one per coder. Make one for each coder with `stances new {shown} -o CODER.stances.ron` (or File › Save as…), code it, and give those files here."
        ));
    }
    let loaded = comparison_file::parse_loaded(&shown, &text).map_err(|e| e.to_string())?;
    Ok(CodedCopy {
        file: shown,
        comparison: loaded.comparison,
    })
}

/// The comparison files `paths` name: files as given, folders as the
/// `.stances.ron` files in them, sorted by name (a class's folder of hand-ins).
pub fn class_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{}: cannot read the folder: {e}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().to_lowercase().ends_with(".stances.ron"))
                })
                .collect();
            if found.is_empty() {
                return Err(format!(
                    "{}: this folder holds no comparison file (.stances.ron); put the students' files in it",
                    path.display()
                ));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}
