//! A class's list of students (`students.txt`) and how names on hand-ins are
//! matched to it: as people write names, not byte for byte. Case, accents
//! (Zoë = Zoe), repeated spaces and apostrophes with their file-name stand-ins
//! (O'Connor = O_Connor) are set aside, and a first name alone matches the one
//! name on the list it fits. What cannot be matched is kept, to be shown both
//! ways: never dropped in silence.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The file in a class's folder listing its students, one name a line.
pub const ROSTER_FILE: &str = "students.txt";

/// The names in a list of students: one a line, blank lines and lines starting
/// with `#` left out, each name once.
pub fn parse_roster(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in text.lines() {
        let name = line.trim().trim_start_matches('\u{feff}').trim();
        if name.is_empty() || name.starts_with('#') {
            continue;
        }
        if !names.iter().any(|n| same_name(n, name)) {
            names.push(collapse_spaces(name));
        }
    }
    names
}

/// A name as it is compared: decomposed with accents set aside, lower case,
/// apostrophes and their stand-ins (`_`, `’`, `` ` ``) left out, one space between words.
pub fn name_key(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | '_'))
        .collect();
    collapse_spaces(&folded)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two names are one as people write them.
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// How the names on hand-ins met the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterMatch {
    /// For each hand-in name given, the index of the list's name it matched.
    pub matched: Vec<Option<usize>>,
}

/// Matches `names` (one per hand-in, in order) to the `roster`: the same name
/// as people write it first; then a one-word name to the single listed name
/// whose first word it is, when no other hand-in took that name. Each listed
/// name is matched at most once: a second hand-in of one name is a student the
/// list does not hold, shown as such.
pub fn match_roster(roster: &[String], names: &[&str]) -> RosterMatch {
    let keys: Vec<String> = roster.iter().map(|n| name_key(n)).collect();
    let mut taken = vec![false; roster.len()];
    let mut matched: Vec<Option<usize>> = vec![None; names.len()];
    for (h, name) in names.iter().enumerate() {
        let key = name_key(name);
        if let Some(r) = (0..roster.len()).find(|&r| !taken[r] && keys[r] == key) {
            taken[r] = true;
            matched[h] = Some(r);
        }
    }
    for (h, name) in names.iter().enumerate() {
        let key = name_key(name);
        if matched[h].is_some() || key.is_empty() || key.contains(' ') {
            continue;
        }
        let fits: Vec<usize> = (0..roster.len())
            .filter(|&r| keys[r].split(' ').next() == Some(key.as_str()))
            .collect();
        // Only when exactly one listed name fits it, and nobody else claims it.
        let others_claim = names
            .iter()
            .enumerate()
            .any(|(o, other)| o != h && matched[o].is_none() && name_key(other) == key);
        if let [r] = fits[..]
            && !taken[r]
            && !others_claim
        {
            taken[r] = true;
            matched[h] = Some(r);
        }
    }
    RosterMatch { matched }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(text: &str) -> Vec<String> {
        parse_roster(text)
    }

    #[test]
    fn roster_skips_blanks_comments_and_repeats() {
        let names = parse_roster("\u{feff}# Class 3B\r\nAna\r\n\r\n  Ben  \nana\nJosé  María\n");
        assert_eq!(names, ["Ana", "Ben", "José María"]);
    }

    #[test]
    fn names_match_as_people_write_them() {
        assert!(same_name("Zoë Dubois", "zoe  dubois"));
        assert!(same_name("Siobhán O'Connor", "Siobhan O_Connor"));
        assert!(same_name("D’Angelo", "D'Angelo"));
        assert!(same_name("J. Doe", "j. doe"));
        assert!(!same_name("Maria", "Mario"));
        assert!(!same_name("Ana", "Anna"));
    }

    #[test]
    fn a_first_name_alone_matches_only_when_one_listed_name_fits() {
        let list = roster("Zoë Dubois\nMaria Lopez\nMaria Garcia\nPriya Nair\n");
        let m = match_roster(&list, &["Zoe", "Maria", "priya nair", "Tom"]);
        assert_eq!(m.matched, [Some(0), None, Some(3), None]);
    }

    #[test]
    fn two_hand_ins_of_one_first_name_take_no_listed_name_between_them() {
        let list = roster("Maria Lopez\nBen Ng\n");
        let m = match_roster(&list, &["Maria", "Maria"]);
        assert_eq!(m.matched, [None, None], "which Maria is which is not guessed");
    }

    #[test]
    fn a_listed_name_is_matched_once() {
        let list = roster("Ana\n");
        let m = match_roster(&list, &["Ana", "ana"]);
        assert_eq!(m.matched, [Some(0), None]);
    }
}
