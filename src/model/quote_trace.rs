//! Whether a demand's quote stands in its source's text: verbatim, after the
//! normalisation below, or not at all (then the closest passage, and what
//! differs). Pure: the command line and the window call it alike.
//!
//! The normalisation, which the guide documents word for word:
//! 1. Unicode compatibility decomposition (NFKD), character by character: `ﬁ`
//!    reads `fi`, a precomposed `é` and `e` with a combining accent are one.
//! 2. Typographic quotes and apostrophes read as straight ones (`“ ” „ « »` as
//!    `"`, `‘ ’ ‚` as `'`), dashes and minus signs as `-`, every kind of space as
//!    a space.
//! 3. Soft hyphens and zero-width characters are dropped, and so is a hyphen at
//!    the end of a line (`nego-⏎tiation` reads `negotiation`).
//! 4. Every run of white space (line breaks included) is one space.
//!
//! Letters' case is never changed: a quote is the words as said.

use unicode_normalization::char::decompose_compatible;

/// Where a quote was found, as byte offsets into the source's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trace {
    /// The quote, character for character.
    Verbatim { start: usize, end: usize },
    /// The quote once both are normalised (quotes, dashes, spaces, hyphenation).
    Normalised { start: usize, end: usize },
    /// Not in the text: the closest passage (if any words of the quote are), and
    /// what differs, quote against source.
    NotFound {
        closest: Option<(usize, usize)>,
        differences: Vec<(String, String)>,
    },
}

impl Trace {
    pub fn found(&self) -> Option<(usize, usize)> {
        match *self {
            Self::Verbatim { start, end } | Self::Normalised { start, end } => Some((start, end)),
            Self::NotFound { .. } => None,
        }
    }
}

/// Finds `quote` in `text`.
pub fn trace(quote: &str, text: &str) -> Trace {
    let normalised = std::cell::OnceCell::new();
    trace_with(quote, text, || normalised.get_or_init(|| Normalised::of(text)))
}

/// As [`trace`], asking `normalised` for the normalised source only when the quote
/// is not in it word for word (so that one normalisation serves many quotes).
fn trace_with<'n>(quote: &str, text: &str, normalised: impl FnOnce() -> &'n Normalised) -> Trace {
    let quote = quote.trim();
    if quote.is_empty() {
        return Trace::NotFound {
            closest: None,
            differences: Vec::new(),
        };
    }
    if let Some(start) = text.find(quote) {
        return Trace::Verbatim {
            start,
            end: start + quote.len(),
        };
    }
    trace_normalised(quote, text, normalised())
}

/// Where each quote stands in `text`, word for word or once normalised; a quote
/// not in it is left out, and no closest passage is looked for (the source
/// pane's highlights). One normalisation of the text serves every quote.
pub fn find_all<'q, K>(quotes: impl IntoIterator<Item = (K, &'q str)>, text: &str) -> Vec<(K, std::ops::Range<usize>)> {
    let normalised = std::cell::OnceCell::new();
    let mut found = Vec::new();
    for (key, quote) in quotes {
        let quote = quote.trim();
        if quote.is_empty() {
            continue;
        }
        if let Some(start) = text.find(quote) {
            found.push((key, start..start + quote.len()));
            continue;
        }
        let source = normalised.get_or_init(|| Normalised::of(text));
        let wanted = Normalised::of(quote).text;
        if wanted.is_empty() {
            continue;
        }
        if let Some(at) = source.text.find(&wanted) {
            let (start, end) = source.original_span(text, at, at + wanted.len());
            found.push((key, start..end));
        }
    }
    found
}

fn trace_normalised(quote: &str, text: &str, source: &Normalised) -> Trace {
    let wanted = Normalised::of(quote).text;
    if wanted.is_empty() {
        return Trace::NotFound {
            closest: None,
            differences: Vec::new(),
        };
    }
    if let Some(at) = source.text.find(&wanted) {
        let (start, end) = source.original_span(text, at, at + wanted.len());
        return Trace::Normalised { start, end };
    }
    let closest = closest_passage(&wanted, source).map(|(a, b)| source.original_span(text, a, b));
    let differences = closest
        .map(|(a, b)| {
            let passage = Normalised::of(&text[a..b]).text;
            differences(&wanted, trim_like(&passage, &wanted))
        })
        .unwrap_or_default();
    Trace::NotFound { closest, differences }
}

/// A text normalised, with where each of its bytes came from in the original.
pub struct Normalised {
    pub text: String,
    /// `origin[i]`: the byte offset in the original of the character that gave byte `i`.
    origin: Vec<u32>,
}

impl Normalised {
    pub fn of(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut pending_space: Option<usize> = None;
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if is_invisible(c) {
                continue;
            }
            if is_hyphen(c) && hyphen_ends_line(original, at + c.len_utf8()) {
                // The rest of the line, the break and the next line's indent are dropped.
                while let Some(&(_, next)) = chars.peek() {
                    if next.is_whitespace() {
                        chars.next();
                    } else {
                        break;
                    }
                }
                continue;
            }
            if c.is_whitespace() {
                pending_space.get_or_insert(at);
                continue;
            }
            if let Some(space) = pending_space.take()
                && !text.is_empty()
            {
                text.push(' ');
                origin.push(space as u32);
            }
            decompose_compatible(c, |d| {
                let d = plain(d);
                if d.is_whitespace() {
                    // A compatibility space (no-break, thin): one space like any other.
                    if !text.is_empty() && !text.ends_with(' ') {
                        text.push(' ');
                        origin.push(at as u32);
                    }
                    return;
                }
                let before = text.len();
                text.push(d);
                origin.extend(std::iter::repeat_n(at as u32, text.len() - before));
            });
        }
        if text.ends_with(' ') {
            text.pop();
            origin.pop();
        }
        Self { text, origin }
    }

    /// The original's span of the normalised bytes `start..end`.
    fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let first = self.origin[start] as usize;
        let last = self.origin[end - 1] as usize;
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        (first, last + last_len)
    }
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Whether only spaces stand between a hyphen and the end of its line.
fn hyphen_ends_line(text: &str, after: usize) -> bool {
    for c in text[after..].chars() {
        match c {
            '\n' | '\r' => return true,
            ' ' | '\t' => {}
            _ => return false,
        }
    }
    false
}

/// Typographic quotes, dashes and spaces as their plain forms.
fn plain(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '〝' | '〞' => '"',
        '‘' | '’' | '‚' | '‛' | '′' | '‹' | '›' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '⁃' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// The passage of the source most like the quote: around the longest run of the
/// quote's words found together, as long as the quote. `None` when no word is found.
fn closest_passage(quote: &str, source: &Normalised) -> Option<(usize, usize)> {
    let words: Vec<&str> = quote.split(' ').collect();
    let longest = words.len().min(12);
    for run in (1..=longest).rev() {
        for first in 0..=words.len() - run {
            let needle = words[first..first + run].join(" ");
            if run == 1 && needle.chars().count() < 4 {
                continue; // "a", "the", "of" anchor nothing
            }
            let Some(at) = find_words(&source.text, &needle) else {
                continue;
            };
            // As many of the source's words before and after the run as the quote has.
            let start = back_words(&source.text, at, first);
            let end = forward_words(&source.text, at + needle.len(), words.len() - first - run);
            return Some((start, end));
        }
    }
    None
}

/// `needle` in `haystack` as whole words.
fn find_words(haystack: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = haystack[from..].find(needle) {
        let at = from + found;
        let end = at + needle.len();
        let starts = haystack[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let ends = haystack[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if starts && ends {
            return Some(at);
        }
        from = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Where the `n`th word before `at` starts (the text's words are one space apart).
fn back_words(text: &str, at: usize, n: usize) -> usize {
    let mut start = at;
    for _ in 0..n {
        match text[..start.saturating_sub(1)].rfind(' ') {
            Some(space) if start > 0 => start = space + 1,
            _ => return 0,
        }
    }
    start
}

/// Where the `n`th word after `at` ends.
fn forward_words(text: &str, at: usize, n: usize) -> usize {
    let mut end = at;
    for _ in 0..n {
        let from = (end + 1).min(text.len());
        end = text[from..].find(' ').map_or(text.len(), |space| from + space);
        if end == text.len() {
            break;
        }
    }
    end
}

/// The passage without the punctuation around it that the quote does not have
/// (the passage runs to whole words: "wounded." where the quote ends "wounded").
fn trim_like<'p>(passage: &'p str, quote: &str) -> &'p str {
    let punctuation = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
    let mut passage = passage;
    if !quote.ends_with(punctuation) {
        passage = passage.trim_end_matches(punctuation);
    }
    if !quote.starts_with(punctuation) {
        passage = passage.trim_start_matches(punctuation);
    }
    passage
}

/// What differs between the quote and the passage, word by word, as
/// (in the quote, in the source) pairs; at most five.
fn differences(quote: &str, passage: &str) -> Vec<(String, String)> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(quote, passage);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => {
                if change.value().trim().is_empty() {
                    if let Some((q, s)) = &mut current {
                        q.push_str(change.value());
                        s.push_str(change.value());
                    }
                    continue;
                }
                out.extend(current.take());
            }
            ChangeTag::Delete => current.get_or_insert_default().0.push_str(change.value()),
            ChangeTag::Insert => current.get_or_insert_default().1.push_str(change.value()),
        }
    }
    out.extend(current);
    out.into_iter()
        .map(|(q, s)| (q.trim().to_owned(), s.trim().to_owned()))
        // Where only the punctuation around a word differs (the passage ends
        // at a full stop), nothing a reader would call a difference.
        .filter(|(q, s)| {
            let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
            bare(q) != bare(s) || bare(q).is_empty() && q != s
        })
        .take(5)
        .collect()
}

/// A demand's quote traced in its source's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteFinding {
    pub side: String,
    pub demand: String,
    pub source: String,
    pub trace: Trace,
}

/// What tracing a file's quotes found: each quote whose source has a text, and
/// how many quotes name a source that has none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteReport {
    pub findings: Vec<QuoteFinding>,
    pub without_text: usize,
}

impl QuoteReport {
    pub fn verbatim(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| matches!(f.trace, Trace::Verbatim { .. }))
            .count()
    }

    pub fn normalised(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| matches!(f.trace, Trace::Normalised { .. }))
            .count()
    }

    pub fn not_found(&self) -> impl Iterator<Item = &QuoteFinding> {
        self.findings.iter().filter(|f| f.trace.found().is_none())
    }
}

/// Traces every quote of `file` that names a source, in the text `text_of` gives
/// for that source (none: counted as without text). Each source is normalised
/// once, and only when a quote is not in it verbatim.
pub fn trace_positions<'t>(file: &super::PositionFile, text_of: impl Fn(&str) -> Option<&'t str>) -> QuoteReport {
    let mut report = QuoteReport::default();
    let mut normalised: std::collections::HashMap<&str, Normalised> = std::collections::HashMap::new();
    for side in &file.sides {
        for demand in &side.demands {
            let (Some(quote), Some(source)) = (&demand.quote, &demand.source) else {
                continue;
            };
            let Some(text) = text_of(source) else {
                report.without_text += 1;
                continue;
            };
            let trace = trace_with(quote, text, || {
                &*normalised
                    .entry(source.as_str())
                    .or_insert_with(|| Normalised::of(text))
            });
            report.findings.push(QuoteFinding {
                side: side.id.clone(),
                demand: demand.id.clone(),
                source: source.clone(),
                trace,
            });
        }
    }
    report
}

/// Where an offset is, as a reader finds it: the page (form feeds separate the
/// pages of a PDF's text) and the paragraph on it (blank lines separate them), from 1.
pub fn location(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let page_start = text[..offset].rfind('\u{c}').map_or(0, |at| at + 1);
    let page = text[..offset].matches('\u{c}').count() + 1;
    // The line the offset is on counts: its paragraph has begun.
    let line_end = text[offset..].find(['\n', '\u{c}']).map_or(text.len(), |i| offset + i);
    let on_page = &text[page_start..line_end];
    let mut paragraph = 1;
    let mut blank = false;
    let mut seen_text = false;
    for line in on_page.split('\n') {
        if line.trim().is_empty() {
            blank = seen_text;
        } else {
            if blank {
                paragraph += 1;
                blank = false;
            }
            seen_text = true;
        }
    }
    (page, paragraph)
}

/// Where an offset is, in words: "page 3, paragraph 2", or "paragraph 2" for a
/// text without pages.
pub fn place_in_words(text: &str, offset: usize) -> String {
    let (page, paragraph) = location(text, offset);
    if text.contains('\u{c}') {
        format!("page {page}, paragraph {paragraph}")
    } else {
        format!("paragraph {paragraph}")
    }
}

/// What differs, in words: "`at once` in the quote, `immediately` in the source".
pub fn differences_in_words(differences: &[(String, String)]) -> String {
    differences
        .iter()
        .map(|(quote, source)| match (quote.is_empty(), source.is_empty()) {
            (false, false) => format!("`{quote}` in the quote, `{source}` in the source"),
            (false, true) => format!("`{quote}` is not in the source"),
            (true, false) => format!("the source also has `{source}`"),
            (true, true) => String::new(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The Parties agree to an immediate, full and uncon-\n    ditional ceasefire on land, sea and air.\n\nThe “ceasefire” shall last 30\u{a0}days.";

    #[test]
    fn a_verbatim_quote_is_found_where_it_stands() {
        let trace = trace("full and uncon", TEXT);
        assert_eq!(trace, Trace::Verbatim { start: 35, end: 49 });
    }

    #[test]
    fn hyphenation_quotes_and_spaces_do_not_hide_a_quote() {
        let Trace::Normalised { start, end } = trace("full and unconditional ceasefire", TEXT) else {
            panic!("found after normalising");
        };
        assert_eq!(&TEXT[start..end], "full and uncon-\n    ditional ceasefire");
        let Trace::Normalised { start, end } = trace("The \"ceasefire\" shall last 30 days", TEXT) else {
            panic!("found after normalising");
        };
        assert_eq!(&TEXT[start..end], "The “ceasefire” shall last 30\u{a0}days");
        // Precomposed and combining accents are one.
        assert!(trace("Zoe\u{301}", "said Zoé today").found().is_some());
    }

    #[test]
    fn a_changed_word_is_not_found_and_said() {
        let Trace::NotFound { closest, differences } = trace("ceasefire on land, sea and space", TEXT) else {
            panic!("not found");
        };
        let (a, b) = closest.expect("a passage");
        assert!(TEXT[a..b].contains("ceasefire on land, sea and air"), "{}", &TEXT[a..b]);
        assert_eq!(differences, [("space".to_owned(), "air".to_owned())]);
        assert_eq!(
            differences_in_words(&differences),
            "`space` in the quote, `air` in the source"
        );
    }

    #[test]
    fn case_is_kept() {
        assert!(trace("the parties agree", TEXT).found().is_none());
    }

    #[test]
    fn pages_and_paragraphs_are_counted_from_one() {
        let text = "one\n\ntwo\u{c}three\nstill three\n\nfour";
        assert_eq!(location(text, 0), (1, 1));
        assert_eq!(location(text, text.find("two").unwrap()), (1, 2));
        assert_eq!(location(text, text.find("still").unwrap()), (2, 1));
        assert_eq!(location(text, text.find("four").unwrap()), (2, 2));
    }
}
