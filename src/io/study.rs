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

/// A class's files, read: the students' (each with the path it was read from),
/// and the files left out, each with why (unreadable, or other positions than
/// the first student's).
pub struct ClassFiles {
    pub members: Vec<(PathBuf, CodedCopy)>,
    pub left_out: Vec<LeftOut>,
    /// The students listed in the class folder's `students.txt`, when it has one:
    /// those without a file have not handed in.
    pub roster: Option<Vec<String>>,
}

/// Why a file is not part of a class.
pub enum LeftOut {
    /// It cannot be read as a comparison: the message names the file.
    Unreadable(String),
    /// It codes other positions than the class's.
    OtherPositions { file: String, why: String },
}

/// Reads a class: folders stand for the comparison files in them; the first
/// readable file's positions are the class's, and a file of others is left out.
pub fn read_class(paths: &[PathBuf]) -> Result<ClassFiles, String> {
    let mut members: Vec<(PathBuf, CodedCopy)> = Vec::new();
    let mut left_out = Vec::new();
    let mut probe: Option<crate::model::study::Study> = None;
    let mut roster: Option<Vec<String>> = None;
    for folder in paths.iter().filter(|p| p.is_dir()) {
        let list = folder.join(crate::model::class::ROSTER_FILE);
        if list.is_file() {
            let text = read_text(&list).map_err(|e| e.to_string())?;
            let names = roster.get_or_insert_with(Vec::new);
            for name in crate::model::class::parse_roster(&text) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    for path in class_files(paths)? {
        let copy = match read_coded_copy(&path) {
            Ok(copy) => copy,
            Err(e) => {
                left_out.push(LeftOut::Unreadable(e));
                continue;
            }
        };
        match &probe {
            Some(probe) => {
                if let Err(e) = probe.match_positions(&copy) {
                    left_out.push(LeftOut::OtherPositions {
                        file: copy.file.clone(),
                        why: e.to_string(),
                    });
                    continue;
                }
            }
            None => probe = crate::model::study::Study::new(vec![copy.clone()]).ok(),
        }
        members.push((path, copy));
    }
    Ok(ClassFiles {
        members,
        left_out,
        roster,
    })
}
