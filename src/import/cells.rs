//! What a table's cells and names become: the key that makes two spellings one
//! name, ids made from names, numbers as tables write them, cells trimmed, and
//! the distinct names and derived ids of an import.

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

/// What makes two names in a table the same side or issue: case and runs of
/// spaces do not count ("Ceasefire", "ceasefire " and "CEASEFIRE" are one issue,
/// named as first written), since a shared sheet is typed by many hands.
pub(super) fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// An id made from a name: lower case, words joined by `-`, any script kept.
pub fn slug(name: &str, fallback: &str, max_chars: usize) -> String {
    let mut id = String::new();
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !id.is_empty() {
            if id.chars().count() + 1 + word.chars().count() > max_chars {
                break;
            }
            id.push('-');
        }
        id.extend(word.chars().flat_map(char::to_lowercase));
    }
    if id.is_empty() { fallback.to_owned() } else { id }
}

/// `base`, or `base-2`, `base-3`… whichever is not taken yet; then taken.
pub(crate) fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// A cell as Stances' own CSV wrote it: text that a spreadsheet would run as a
/// formula, or that began with a `'`, is written with a leading `'`; reading it
/// back drops exactly that `'`, so an export imports as it was.
pub(super) fn unescape_formula(cell: &str) -> &str {
    crate::format::csv_out::unguarded(cell)
}

/// The distinct names of one column (sides, issues or sources), each with its place
/// in the list made of them and the ids given so far. A name seen before is found
/// as written, without building its key again: most rows repeat a name.
#[derive(Default)]
pub(super) struct Names {
    /// Each spelling met → its place.
    as_written: FxHashMap<String, usize>,
    /// The key of each name → its place, for spellings not met yet.
    by_key: FxHashMap<String, usize>,
    ids: HashSet<String>,
}

impl Names {
    /// The place of `name`; where it is new, `add` puts it at the end of the list,
    /// with an id made unique against the others.
    pub(super) fn place(
        &mut self,
        name: &str,
        key: impl Fn(&str) -> String,
        add: impl FnOnce(&mut HashSet<String>),
    ) -> usize {
        if let Some(&at) = self.as_written.get(name) {
            return at;
        }
        let next = self.by_key.len();
        let at = *self.by_key.entry(key(name)).or_insert(next);
        if at == next {
            add(&mut self.ids);
        }
        self.as_written.insert(name.to_owned(), at);
        at
    }
}

/// Demand ids made from the side and issue: `ukraine-ceasefire`, then
/// `ukraine-ceasefire-2`…, avoiding the ids the table gives. Each base remembers
/// its next number, so 20,000 rows on one issue take 20,000 steps, not 200 million.
#[derive(Default)]
pub(super) struct DerivedIds {
    taken: FxHashSet<String>,
    next: FxHashMap<String, u32>,
}

impl DerivedIds {
    pub(super) fn next(&mut self, side: &str, issue: &str, given: &FxHashMap<&str, u64>) -> String {
        let base = format!("{side}-{issue}");
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let id = if *n == 1 { base.clone() } else { format!("{base}-{n}") };
            *n += 1;
            if !given.contains_key(id.as_str()) && self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// A cell without the spaces around it. Most cells have none: they are returned
/// as they are without walking the text (20,000 rows have 240,000 cells).
pub(super) fn trim(cell: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii() && !b.is_ascii_whitespace());
    let bytes = cell.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        cell
    } else {
        cell.trim()
    }
}
