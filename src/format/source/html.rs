//! An HTML page's words: its `<title>`, and the text of its body with one
//! paragraph per block (p, headings, list items, table rows, divs), scripts and
//! styles left out, character references decoded. Pages are rarely well-formed
//! XML, so this reads tags leniently rather than parsing a tree: a tag is `<`
//! up to the next `>`, and what is not a tag is text.

use super::paragraphs;

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "blockquote",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "table",
    "ul",
    "ol",
    "hr",
    "address",
];

/// (title, text).
pub fn to_text(html: &str) -> (Option<String>, String) {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut skipping: Option<String> = None;
    let mut pre = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if rest.starts_with('<') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            // A tag never closed runs to the end of the page.
            let (tag, after) = match rest.find('>') {
                Some(end) => (&rest[1..end], &rest[end + 1..]),
                None => (&rest[1..], ""),
            };
            rest = after;
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if let Some(skipped) = &skipping {
                if closing && &name == skipped {
                    skipping = None;
                }
                continue;
            }
            match name.as_str() {
                "script" | "style" | "noscript" | "template" if !closing => skipping = Some(name),
                "title" => in_title = !closing,
                "br" => current.push('\n'),
                "pre" => pre = if closing { pre.saturating_sub(1) } else { pre + 1 },
                "td" | "th" if !closing && !current.trim().is_empty() => current.push('\t'),
                block if BLOCKS.contains(&block) => blocks.push(std::mem::take(&mut current)),
                _ => {}
            }
            continue;
        }
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..].find('<').map_or(rest.len(), |i| i + first);
        let chunk = decode_references(&rest[..next]);
        rest = &rest[next..];
        if skipping.is_some() {
            continue;
        }
        if in_title {
            title.get_or_insert_with(String::new).push_str(&chunk);
        } else if pre > 0 {
            current.push_str(&chunk);
        } else {
            // Outside <pre>, a page's line breaks and indentation are one space.
            // A no-break space is the page's own character, kept as written.
            for (i, piece) in chunk.split(|c: char| c.is_ascii_whitespace()).enumerate() {
                if i > 0 && !current.ends_with([' ', '\n', '\t']) && !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(piece);
            }
        }
    }
    blocks.push(current);
    let title = title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let text = paragraphs(blocks.into_iter().map(|b| {
        b.lines()
            .map(|l| l.trim_end_matches(' '))
            .collect::<Vec<_>>()
            .join("\n")
    }));
    (title, text)
}

/// `&amp;`, `&#8217;`, `&#x2019;` and the named references pages use for
/// punctuation, as characters; an unknown one is kept as written.
fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 12);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                named(name)
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "shy" => '\u{ad}',
        "euro" => '€',
        "pound" => '£',
        "sect" => '§',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_reads_as_its_paragraphs() {
        let page = "<!DOCTYPE html><html><head><title>Joint\n statement</title><style>p{color:red}</style></head>\
            <body><h1>Joint statement</h1><!-- a comment --><p>The parties agree to an\n   immediate ceasefire&nbsp;&mdash;\
            <b>full</b> and &#8220;unconditional&#x201D;.</p><script>var x = '<p>no</p>';</script>\
            <ul><li>One</li><li>Two &amp; three</li></ul><p dir=\"rtl\">שלום</p></body></html>";
        let (title, text) = to_text(page);
        assert_eq!(title.as_deref(), Some("Joint statement"));
        assert_eq!(
            text,
            "Joint statement\n\nThe parties agree to an immediate ceasefire\u{a0}—full and “unconditional”.\n\nOne\n\nTwo & three\n\nשלום"
        );
    }
}
