//! Whether two coders' files hold the same positions, and if not, the first
//! difference in words: a study counts only codings of one set of demands.

use std::collections::HashMap;

use super::comparison::Comparison;
use super::position::PositionFile;
use super::study::{CodedCopy, StudyError};

/// For each document of `copy`, the id of the base document with the same positions.
pub(super) fn match_documents(base: &CodedCopy, copy: &CodedCopy) -> Result<HashMap<String, String>, StudyError> {
    match_comparison(base, &copy.file, &copy.comparison)
}

/// For each document of `other` (the file `file`), the id of the base document with the same positions.
pub(super) fn match_comparison(
    base: &CodedCopy,
    file: &str,
    other: &Comparison,
) -> Result<HashMap<String, String>, StudyError> {
    same_documents(base, file, other).map_err(|what| {
        StudyError::DifferentPositions(format!(
            "{file} and {} are not codings of the same positions: {what}. Every coder's comparison must be made from the same position files (File › New from position files, or `stances new`).",
            base.file
        ))
    })
}

/// As [`match_comparison`], refused with the first difference alone, in words.
pub(super) fn same_documents(
    base: &CodedCopy,
    file: &str,
    other: &Comparison,
) -> Result<HashMap<String, String>, String> {
    documents_matched(&base.file, &base.comparison, file, other)
}

/// For each document of `other` (the file `file`), the id of the document of
/// `base` (the file `base_file`) with the same positions; refused with the first
/// difference, in words.
pub fn documents_matched(
    base_file: &str,
    base: &Comparison,
    file: &str,
    other: &Comparison,
) -> Result<HashMap<String, String>, String> {
    let ours = base.documents();
    let theirs = other.documents();
    let mut map = HashMap::new();
    for doc in theirs {
        let same_id = ours.iter().find(|d| d.id == doc.id);
        let matched = match same_id {
            Some(d) if d.data == doc.data => d,
            Some(d) => return Err(describe_difference(&d.id, &d.data, &doc.data)),
            None => match ours.iter().find(|d| d.data == doc.data) {
                Some(d) => d,
                None => {
                    return Err(format!(
                        "{file} holds the positions of {}, which {base_file} does not",
                        doc.path
                    ));
                }
            },
        };
        map.insert(doc.id.clone(), matched.id.clone());
    }
    if let Some(missing) = ours.iter().find(|d| !map.values().any(|m| *m == d.id)) {
        return Err(format!(
            "{base_file} holds the positions of {}, which {file} does not",
            missing.path
        ));
    }
    Ok(map)
}

/// The first difference between two versions of a position file, in words.
fn describe_difference(document: &str, ours: &PositionFile, theirs: &PositionFile) -> String {
    let prefix = format!("their versions of {document} differ");
    // Looked up by id, not searched: 40,000 demands searched one by one take seconds.
    let their_sides: HashMap<&str, &super::position::Side> = theirs.sides.iter().map(|s| (s.id.as_str(), s)).collect();
    for side in &ours.sides {
        let Some(other) = their_sides.get(side.id.as_str()) else {
            return format!("{prefix}: side {} is in one and not the other", side.id);
        };
        let their_demands: HashMap<&str, &super::position::Demand> =
            other.demands.iter().map(|d| (d.id.as_str(), d)).collect();
        for demand in &side.demands {
            match their_demands.get(demand.id.as_str()).copied() {
                None => {
                    return format!(
                        "{prefix}: demand {} of side {} is in one and not the other",
                        demand.id, side.id
                    );
                }
                Some(d) if d.text != demand.text => {
                    return format!("{prefix}: demand {} of side {} reads differently", demand.id, side.id);
                }
                Some(d) if d != demand => {
                    return format!(
                        "{prefix}: demand {} of side {} differs (issue, priority, value, quote, source, tags or note)",
                        demand.id, side.id
                    );
                }
                Some(_) => {}
            }
        }
        if other.demands.len() != side.demands.len() {
            return format!("{prefix}: side {} has other demands in one", side.id);
        }
    }
    let our_sides: std::collections::HashSet<&str> = ours.sides.iter().map(|s| s.id.as_str()).collect();
    if let Some(side) = theirs.sides.iter().find(|s| !our_sides.contains(s.id.as_str())) {
        return format!("{prefix}: side {} is in one and not the other", side.id);
    }
    if ours.issues != theirs.issues {
        return format!("{prefix}: their issues differ");
    }
    format!("{prefix}: the negotiation, round, date, sources or side names differ")
}
