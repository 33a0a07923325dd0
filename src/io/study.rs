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
