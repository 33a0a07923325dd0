//! Finds where a value sits in RON text, given its path (`sides[1].demands[3].issue`).
//!
//! serde hands us plain structs without positions, so checks that run after parsing
//! (duplicate ids, dangling references…) know *what* is wrong but not *where*. This
//! module re-reads the text with a small tolerant lexer, only when there is a
//! problem to report, so valid files pay nothing for it.

/// One step of a path into a RON document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Field(&'static str),
    Index(usize),
}

/// A path from the document root to a value.
pub type Path = Vec<Step>;

/// A 1-based line and column (columns count characters, as editors do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl std::fmt::Display for LineCol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = 1 + before[line_start..].chars().count();
    LineCol { line, col }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Open(u8),
    Close,
    Colon,
    Comma,
    Ident,
    Atom,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
}

/// The end of the comment starting at `i` (`//` to the line's end, or a
/// `/* */` block: RON's block comments nest).
fn skip_comment(bytes: &[u8], mut i: usize) -> usize {
    if bytes[i + 1] == b'/' {
        while i < bytes.len() && bytes[i] != b'\n' {
            i += 1;
        }
        return i;
    }
    let mut depth = 0usize;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                break;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// Splits RON text into tokens. Never fails: anything unexpected becomes an atom.
fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let kind = match b {
            b if b.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                i = skip_comment(bytes, i);
                continue;
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                Tok::Open(b)
            }
            b')' | b']' | b'}' => {
                i += 1;
                Tok::Close
            }
            b':' => {
                i += 1;
                Tok::Colon
            }
            b',' => {
                i += 1;
                Tok::Comma
            }
            b'"' | b'\'' => {
                i = skip_quoted(bytes, i);
                Tok::Atom
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                i = skip_raw_string(bytes, i + 1);
                Tok::Atom
            }
            b'b' if bytes.get(i + 1) == Some(&b'"') => {
                i = skip_quoted(bytes, i + 1);
                Tok::Atom
            }
            _ if b == b'_' || b.is_ascii_alphabetic() || b >= 0x80 => {
                while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0x80) {
                    i += 1;
                }
                Tok::Ident
            }
            _ => {
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"()[]{}:,\"'/".contains(&bytes[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                Tok::Atom
            }
        };
        tokens.push(Token { kind, start, end: i });
    }
    tokens
}

fn skip_quoted(bytes: &[u8], open: usize) -> usize {
    let quote = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// `at` points just after the `r`: at the hashes or the opening quote.
fn skip_raw_string(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    if bytes.get(i) != Some(&b'"') {
        return i;
    }
    i += 1;
    while i < bytes.len() {
        if bytes[i] == b'"' && bytes[i + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes {
            return i + 1 + hashes;
        }
        i += 1;
    }
    bytes.len()
}

struct Walker<'t> {
    text: &'t str,
    tokens: Vec<Token>,
}

impl Walker<'_> {
    fn is(&self, i: usize, kind: Tok) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == kind)
    }

    fn is_open(&self, i: usize) -> bool {
        matches!(self.tokens.get(i).map(|t| t.kind), Some(Tok::Open(_)))
    }

    /// Skips the value starting at token `i`; returns the index after it.
    fn skip_value(&self, mut i: usize) -> usize {
        if self.is(i, Tok::Ident) && self.is_open(i + 1) {
            i += 1; // `Some(…)` or a struct name before its body
        }
        if !self.is_open(i) {
            return i + 1;
        }
        let mut depth = 0usize;
        while i < self.tokens.len() {
            match self.tokens[i].kind {
                Tok::Open(_) => depth += 1,
                Tok::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        i
    }

    /// Steps into the body of a struct, list or `Some(…)` at `i`: returns the index of
    /// its first inner token and the kind of bracket.
    fn enter(&self, mut i: usize) -> Option<(usize, u8)> {
        if self.is(i, Tok::Ident) && self.is_open(i + 1) {
            i += 1;
        }
        match self.tokens.get(i)?.kind {
            Tok::Open(b) => Some((i + 1, b)),
            _ => None,
        }
    }

    fn ident(&self, i: usize) -> &str {
        let t = self.tokens[i];
        let s = &self.text[t.start..t.end];
        s.strip_prefix("r#").unwrap_or(s)
    }

    /// Unwraps `Some(x)` so a path into an optional value finds `x`.
    fn unwrap_some(&self, i: usize) -> usize {
        if self.is(i, Tok::Ident) && self.ident(i) == "Some" && self.is(i + 1, Tok::Open(b'(')) {
            self.unwrap_some(i + 2)
        } else {
            i
        }
    }

    /// Token index of the value at `path`, starting from the value at token `i`.
    /// With `key`, the last step's field name is returned instead of its value.
    fn find(&self, mut i: usize, path: &[Step], key: bool) -> Option<usize> {
        for (n, step) in path.iter().enumerate() {
            i = self.unwrap_some(i);
            let (mut j, _) = self.enter(i)?;
            match step {
                Step::Field(name) => loop {
                    if !self.is(j, Tok::Ident) || !self.is(j + 1, Tok::Colon) {
                        return None;
                    }
                    if self.ident(j) == *name {
                        i = if key && n + 1 == path.len() { j } else { j + 2 };
                        break;
                    }
                    j = self.skip_value(j + 2);
                    if self.is(j, Tok::Comma) {
                        j += 1;
                    }
                },
                Step::Index(k) => {
                    for _ in 0..*k {
                        if self.is(j, Tok::Close) || j >= self.tokens.len() {
                            return None;
                        }
                        j = self.skip_value(j);
                        if self.is(j, Tok::Comma) {
                            j += 1;
                        }
                    }
                    if self.is(j, Tok::Close) {
                        return None;
                    }
                    i = j;
                }
            }
        }
        if !key {
            i = self.unwrap_some(i);
        }
        (i < self.tokens.len()).then_some(i)
    }
}

/// Where the value at `path` starts, as line and column. Falls back to the nearest
/// enclosing value that can be found, so a message always points somewhere useful.
pub fn locate(text: &str, path: &[Step]) -> LineCol {
    locate_inner(text, path, false)
}

/// Where the *field name* of the last step of `path` is (for "unknown"/"duplicate" field messages).
pub fn locate_key(text: &str, path: &[Step]) -> LineCol {
    locate_inner(text, path, true)
}

fn locate_inner(text: &str, path: &[Step], key: bool) -> LineCol {
    let walker = Walker {
        text,
        tokens: tokenize(text),
    };
    let root = skip_attributes(&walker, 0);
    for len in (0..=path.len()).rev() {
        if let Some(i) = walker.find(root, &path[..len], key && len == path.len()) {
            return line_col(text, walker.tokens[i].start);
        }
    }
    LineCol { line: 1, col: 1 }
}

/// Skips `#![enable(…)]` attributes at the top of a document.
fn skip_attributes(walker: &Walker<'_>, mut i: usize) -> usize {
    while walker
        .tokens
        .get(i)
        .is_some_and(|t| walker.text[t.start..].starts_with('#'))
    {
        // `#!` is an atom, then `[` … `]`.
        i = walker.skip_value(i + 1);
    }
    i
}

/// The top-level fields of a struct-shaped document, with the raw text of simple
/// values (`format: 1` gives `("format", "1")`). Used to sniff a file's kind and
/// version before parsing it in full.
pub fn top_level_fields(text: &str) -> Vec<(String, String, LineCol)> {
    let walker = Walker {
        text,
        tokens: tokenize(text),
    };
    let mut fields = Vec::new();
    let root = skip_attributes(&walker, 0);
    let Some((mut j, b'(')) = walker.enter(root) else {
        return fields;
    };
    while walker.is(j, Tok::Ident) && walker.is(j + 1, Tok::Colon) {
        let name = walker.ident(j).to_owned();
        let value_tok = walker.tokens.get(j + 2);
        let raw = value_tok.map_or(String::new(), |t| text[t.start..t.end].to_owned());
        let at = value_tok.map_or(LineCol { line: 1, col: 1 }, |t| line_col(text, t.start));
        fields.push((name, raw, at));
        j = walker.skip_value(j + 2);
        if walker.is(j, Tok::Comma) {
            j += 1;
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "// comment (with brackets]\n(\n    format: 1,\n    sides: [\n        (id: \"a\", demands: []),\n        (id: r#\"b\"#, /* x */ demands: [\n            (id: \"d\", issue: Some(\"x\")),\n        ]),\n    ],\n)\n";

    #[test]
    fn finds_nested_values_past_comments_and_raw_strings() {
        let path = [
            Step::Field("sides"),
            Step::Index(1),
            Step::Field("demands"),
            Step::Index(0),
            Step::Field("issue"),
        ];
        assert_eq!(locate(DOC, &path), LineCol { line: 7, col: 35 });
        assert_eq!(locate_key(DOC, &path), LineCol { line: 7, col: 23 });
    }

    #[test]
    fn falls_back_to_the_enclosing_value() {
        let path = [Step::Field("sides"), Step::Index(7)];
        assert_eq!(locate(DOC, &path), LineCol { line: 4, col: 12 });
    }

    #[test]
    fn reads_top_level_fields() {
        let fields = top_level_fields(DOC);
        assert_eq!(fields[0].0, "format");
        assert_eq!(fields[0].1, "1");
        assert_eq!(fields[1].0, "sides");
    }

    #[test]
    fn counts_columns_in_characters() {
        assert_eq!(line_col("ab\nдж x", 8), LineCol { line: 2, col: 4 });
    }
}
