//! The library of real negotiations built into the binary, so that the welcome
//! screen offers them wherever Stances is installed.

use crate::model::position::human_date;
use crate::model::{Comparison, PositionFile};

/// Every position file of `data/`, the founding example first. A test keeps this
/// list and the folder in step.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "data/istanbul-2025-06-02.ron",
        include_str!("../../data/istanbul-2025-06-02.ron"),
    ),
    (
        "data/istanbul-2025-05-16.ron",
        include_str!("../../data/istanbul-2025-05-16.ron"),
    ),
    (
        "data/camp-david-1978-09-17.ron",
        include_str!("../../data/camp-david-1978-09-17.ron"),
    ),
    (
        "data/oslo-1993-09-13.ron",
        include_str!("../../data/oslo-1993-09-13.ron"),
    ),
    (
        "data/good-friday-1998-04-10.ron",
        include_str!("../../data/good-friday-1998-04-10.ron"),
    ),
    (
        "data/minsk-2015-02-12.ron",
        include_str!("../../data/minsk-2015-02-12.ron"),
    ),
    (
        "data/dayton-1995-11-21.ron",
        include_str!("../../data/dayton-1995-11-21.ron"),
    ),
    (
        "data/jcpoa-2015-07-14.ron",
        include_str!("../../data/jcpoa-2015-07-14.ron"),
    ),
    (
        "data/paris-2015-12-12.ron",
        include_str!("../../data/paris-2015-12-12.ron"),
    ),
    (
        "data/colombia-farc-2016-11-24.ron",
        include_str!("../../data/colombia-farc-2016-11-24.ron"),
    ),
];

/// What a card on the welcome screen says of an example.
#[derive(Clone, Debug)]
pub struct ExampleCard {
    /// Index into [`EXAMPLES`].
    pub index: usize,
    pub title: String,
    /// Round and date, as people read them.
    pub when: String,
    pub sides: Vec<String>,
    /// The first paragraph of the file's header comment.
    pub description: String,
    pub demands: usize,
    pub issues: usize,
}

/// The cards of every example that parses (all of them; a test says so).
pub fn cards() -> Vec<ExampleCard> {
    EXAMPLES
        .iter()
        .enumerate()
        .filter_map(|(index, (path, text))| {
            let file = crate::format::parse_position_file(path, text).ok()?;
            let mut when: Vec<String> = file.round.iter().cloned().collect();
            when.extend(file.date.as_deref().map(human_date));
            Some(ExampleCard {
                index,
                title: file.negotiation.clone().unwrap_or_else(|| (*path).to_owned()),
                when: when.join(", "),
                sides: file.sides.iter().map(|s| s.name.clone()).collect(),
                description: header_description(text),
                demands: file.sides.iter().map(|s| s.demands.len()).sum(),
                issues: file.issues.len(),
            })
        })
        .collect()
}

/// The first paragraph of a file's leading `//` comment, as one line.
pub fn header_description(text: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for line in text.lines() {
        let Some(comment) = line.trim_start().strip_prefix("//") else {
            break;
        };
        let comment = comment.trim();
        if comment.is_empty() {
            if words.is_empty() {
                continue;
            }
            break;
        }
        words.push(comment);
    }
    words.join(" ")
}

/// An example as a new, untitled comparison.
pub fn comparison(index: usize) -> Result<Comparison, String> {
    let (path, text) = EXAMPLES
        .get(index)
        .ok_or_else(|| format!("there is no example number {index}"))?;
    let file: PositionFile = crate::format::parse_position_file(path, text).map_err(|e| e.to_string())?;
    Comparison::from_positions(vec![((*path).to_owned(), file)]).map_err(|e| e.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_parses_and_every_data_file_is_an_example() {
        assert_eq!(cards().len(), EXAMPLES.len(), "every example parses");
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
        let mut files: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ron"))
            .map(|n| format!("data/{n}"))
            .collect();
        files.sort();
        let mut listed: Vec<String> = EXAMPLES.iter().map(|(p, _)| (*p).to_owned()).collect();
        listed.sort();
        assert_eq!(files, listed, "the welcome screen lists every file of data/");
    }

    #[test]
    fn the_description_is_the_first_paragraph_of_the_header() {
        let text = "// Positions stated at X,\n// in Y.\n//\n// How it was written.\n(format: 1)";
        assert_eq!(header_description(text), "Positions stated at X, in Y.");
        assert!(
            cards().iter().all(|c| !c.description.is_empty()),
            "every example says what it covers"
        );
    }
}
