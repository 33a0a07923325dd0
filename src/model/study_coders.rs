//! How a study finds its coders in its files: by the names on the marks, or
//! one coder per file.

use std::collections::HashMap;

use super::study::{CodedCopy, CoderSource, StudyError};

/// The file's name without folders and extensions: "coders/bob.stances.ron" → "bob".
pub fn file_stem(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(name)
        .to_owned()
}

/// The names on a copy's marks (trimmed; "" for none), each once, in the
/// order first met; a hand-out's worked examples (the teacher's) left out.
fn names_on_marks(copy: &CodedCopy) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for mark in copy.comparison.marks().filter(|m| !copy.comparison.is_example(&m.id)) {
        let on_mark = mark.coder.trim();
        if !names.iter().any(|n| n == on_mark) {
            names.push(on_mark.to_owned());
        }
    }
    names
}

/// The name of a file taken as one coder: the names on its marks with the
/// file's stem; two files of one stem ("a/alice.stances.ron",
/// "b/alice.stances.ron") told apart by their paths.
fn file_coder_label(shown: &[String], stem: &str, file: &str, coders: &[String]) -> String {
    let label = if shown == [stem] {
        stem.to_owned()
    } else {
        format!("{} ({stem})", shown.join(", "))
    };
    if coders.contains(&label) {
        format!("{} ({file})", shown.join(", "))
    } else {
        label
    }
}

/// For one file, the name on a mark (trimmed; "" for none) → its coder.
pub(super) type CoderNames = HashMap<String, usize>;

/// The coders of each copy: a name per mark name, by `source`.
pub(super) fn find_coders(
    copies: &[CodedCopy],
    source: CoderSource,
) -> Result<(Vec<String>, Vec<CoderNames>), StudyError> {
    let mut coders: Vec<String> = Vec::new();
    // Which copy each coder was found in.
    let mut found_in: Vec<usize> = Vec::new();
    let mut maps = Vec::with_capacity(copies.len());
    for (c, copy) in copies.iter().enumerate() {
        let mut map: HashMap<String, usize> = HashMap::new();
        let names = names_on_marks(copy);
        let stem = file_stem(&copy.file);
        let named = |on_mark: &str| {
            if on_mark.is_empty() {
                stem.clone()
            } else {
                on_mark.to_owned()
            }
        };
        match source {
            CoderSource::EachFile => {
                if names.is_empty() {
                    maps.push(map);
                    continue;
                }
                let mut shown: Vec<String> = Vec::new();
                for n in &names {
                    let n = named(n);
                    if !shown.contains(&n) {
                        shown.push(n);
                    }
                }
                coders.push(file_coder_label(&shown, &stem, &copy.file, &coders));
                found_in.push(c);
                for n in names {
                    map.insert(n, coders.len() - 1);
                }
            }
            CoderSource::MarkNames => {
                for n in names {
                    let name = named(&n);
                    let at = match coders.iter().position(|k| *k == name) {
                        Some(at) if found_in[at] != c => {
                            return Err(StudyError::SameCoder {
                                name,
                                first: copies[found_in[at]].file.clone(),
                                second: copy.file.clone(),
                                first_stem: file_stem(&copies[found_in[at]].file),
                            });
                        }
                        Some(at) => at,
                        None => {
                            coders.push(name);
                            found_in.push(c);
                            coders.len() - 1
                        }
                    };
                    map.insert(n, at);
                }
            }
        }
        maps.push(map);
    }
    Ok((coders, maps))
}
