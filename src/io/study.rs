//! Reading coders' comparison files for a coding study.

use std::path::{Path, PathBuf};

use super::given::{FileKind, read_given};
use super::read::display_path;
use crate::model::study::CodedCopy;

/// Reads each coder's comparison file, with a message naming the file and the
/// problem when one cannot be used (a position file is not a coding).
pub fn read_coded_copies(files: &[PathBuf]) -> Result<Vec<CodedCopy>, String> {
    files.iter().map(|path| read_coded_copy(path)).collect()
}

pub fn read_coded_copy(path: &Path) -> Result<CodedCopy, String> {
    let shown = display_path(path);
    let given = read_given(path).map_err(|e| e.to_string())?;
    match given.kind {
        FileKind::Comparison => {}
        FileKind::Positions => {
            return Err(format!(
                "{shown}: this is a position file; a coding study is made of comparison files (.stances.ron), one per coder. Make one for each coder with `stances new {shown} -o CODER.stances.ron` (or File › Save as…), code it, and give those files here."
            ));
        }
        _ => return Err(given.not_what_was_asked("a coder's comparison file (.stances.ron)")),
    }
    let loaded = given.comparison().map_err(|e| e.to_string())?;
    Ok(CodedCopy {
        file: shown,
        comparison: loaded.comparison,
    })
}
