//! Comparisons in words: how a mark's demands, a status or a note read in the
//! description (`stances describe`), the diff and the Conflicts view, so that all
//! three say the same thing the same way.

use super::comparison::Comparison;
use super::mark::{DemandRef, Mark};

/// "1 mark", "3 marks": counts in messages read as sentences.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// One line: line breaks and tabs as spaces, so that one thing stays one line.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        let space = c.is_whitespace();
        if !(space && last_space) {
            out.push(if space { ' ' } else { c });
        }
        last_space = space;
    }
    out.trim().to_owned()
}

/// A demand as people name it: `Side name: “text”`, or its ids when no document holds it.
pub fn demand_in_words(cmp: &Comparison, demand: &DemandRef) -> String {
    match cmp.resolve(demand) {
        Some(ix) => format!(
            "{}: “{}”",
            one_line(&cmp.side_label(ix.side as usize)),
            one_line(&cmp.demand(ix).text)
        ),
        None => format!(
            "{}/{}/{} (not in this comparison)",
            demand.document(),
            demand.side(),
            demand.demand()
        ),
    }
}

/// A mark's demands, ` + ` between them.
pub fn demands_in_words(cmp: &Comparison, demands: &[DemandRef]) -> String {
    demands
        .iter()
        .map(|d| demand_in_words(cmp, d))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// A status by its label, with its id when the codebook does not hold it.
pub fn status_in_words(cmp: &Comparison, id: &str) -> String {
    cmp.codebook()
        .get(id)
        .map_or_else(|| format!("{id} (not in the codebook)"), |s| one_line(&s.label))
}

/// A mark's id as short as stays readable: the last 8 characters of a UUID (the
/// first ones are its time, shared by marks made in the same minute).
pub fn short_id(id: &str) -> &str {
    if id.len() == 36 && id.chars().filter(|&c| c == '-').count() == 4 {
        // Cut on a character boundary: an id written by hand may hold any letters.
        id.get(28..).unwrap_or(id)
    } else {
        id
    }
}

/// Who made a mark, as people read it.
pub fn coder_in_words(mark: &Mark) -> &str {
    if mark.coder.trim().is_empty() {
        "(unnamed coder)"
    } else {
        &mark.coder
    }
}

/// `text` as one word for a POSIX shell, for the commands messages suggest: as
/// it is when it is plain, else in single quotes.
pub fn shell_quoted(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:@%,".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_short_id_never_cuts_a_character() {
        let uuid = "019ac1a0-5b4e-7d2a-8f31-2c6b9e0d4a11";
        assert_eq!(super::short_id(uuid), "9e0d4a11");
        // 36 bytes, four dashes, and byte 28 in the middle of "é".
        let by_hand = "aaaaaaaa-bbbb-cccc-dddd-eeeéfffffff";
        assert_eq!(by_hand.len(), 36);
        assert_eq!(super::short_id(by_hand), by_hand);
    }
}
