//! A PDF's text, read with pdf_oxide: page by page (pages read on every core,
//! put back in order), form feeds between pages, a blank line between paragraphs,
//! and the lines of one paragraph joined the way they read, so that a sentence a
//! line break cut is quoted as one.

use pdf_oxide::document::PdfDocument;
use pdf_oxide::object::Object;

use super::Extracted;

/// The text of a PDF, or why it has none to give.
pub fn extract(name: &str, bytes: &[u8]) -> Result<Extracted, String> {
    // A reader's fault on a malformed file must not close the window with the
    // user's work: it is said like any other unreadable file.
    std::panic::catch_unwind(|| read(name, bytes)).unwrap_or_else(|_| {
        Err(format!(
            "{name} could not be read as a PDF (it seems damaged): open it in a PDF reader and save or print it as a new PDF, then add that"
        ))
    })
}

fn read(name: &str, bytes: &[u8]) -> Result<Extracted, String> {
    let damaged = |why: &dyn std::fmt::Display| {
        format!(
            "{name} could not be read as a PDF ({why}): open it in a PDF reader and save or print it as a new PDF, then add that"
        )
    };
    let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| damaged(&e))?;
    if doc.is_encrypted() && !doc.is_authenticated() {
        return Err(protected(name));
    }
    let pages = doc.page_count().map_err(|e| damaged(&e))?;
    if pages == 0 {
        return Err(format!("{name} is a PDF with no pages: there is no text to add"));
    }
    let texts = pages_text(&doc, pages).map_err(|e| match e {
        pdf_oxide::error::Error::EncryptedPdf => protected(name),
        e => damaged(&e),
    })?;
    let blank = texts.iter().filter(|t| t.trim().is_empty()).count();
    if blank == pages {
        return Err(format!(
            "{name} has no text in it, only images of pages (a scan?): make its text readable with OCR first (for example `ocrmypdf {name} with-text.pdf`, or your scanner's software), then add the PDF it makes"
        ));
    }
    let text = texts
        .iter()
        .map(|page| page_text(page))
        .collect::<Vec<_>>()
        .join("\u{c}");
    let note = (blank > 0).then(|| {
        format!("{blank} of its {pages} pages give no text (images of pages?): quotes from them cannot be traced")
    });
    Ok(Extracted {
        kind: "a PDF",
        title: info_title(&doc),
        text,
        note,
    })
}

fn protected(name: &str) -> String {
    format!(
        "{name} is protected by a password: open it in your PDF reader with the password and save or print it as a PDF without one, then add that"
    )
}

/// Each page's text, in page order, the pages shared out over the cores.
fn pages_text(doc: &PdfDocument, pages: usize) -> pdf_oxide::error::Result<Vec<String>> {
    let options = pdf_oxide::converters::ConversionOptions::default();
    let workers = std::thread::available_parallelism().map_or(1, usize::from).min(pages);
    let read = |worker: usize| -> pdf_oxide::error::Result<Vec<(usize, String)>> {
        (worker..pages)
            .step_by(workers)
            .map(|page| {
                let text = doc.extract_text_with_options(page, &options)?;
                Ok((page, lam_alef_in_order(doc, page, text)))
            })
            .collect()
    };
    let mut out = vec![String::new(); pages];
    let parts: Vec<_> = if workers <= 1 {
        vec![read(0)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers).map(|w| scope.spawn(move || read(w))).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        })
    };
    for part in parts {
        for (page, text) in part? {
            out[page] = text;
        }
    }
    Ok(out)
}

const ALEFS: [char; 4] = ['ا', 'أ', 'إ', 'آ'];

/// Arabic's lam-alef ligatures put back in reading order. The PDF draws `لا` as
/// one glyph whose text is the two letters in reading order; pdf_oxide turns a
/// right-to-left line around letter by letter, so those two come out as `ال`.
/// The page's glyphs tell them apart: a ligature is one glyph split into two
/// letters of equal width, where two glyphs have widths of their own. Each
/// lam-then-alef pair the page draws is one alef-then-lam in the text, in the same
/// order; when the counts differ, the text is left as it is.
fn lam_alef_in_order(doc: &PdfDocument, page: usize, text: String) -> String {
    let pairs_in_text = text
        .char_indices()
        .zip(text.chars().skip(1))
        .filter(|((_, a), l)| ALEFS.contains(a) && *l == 'ل')
        .map(|((at, _), _)| at)
        .collect::<Vec<_>>();
    if pairs_in_text.is_empty() {
        return text;
    }
    let Ok(chars) = doc.extract_chars(page) else {
        return text;
    };
    // Lines top to bottom, each read from its right edge.
    let mut glyphs: Vec<_> = chars
        .iter()
        .filter(|c| c.char == 'ل' || ALEFS.contains(&c.char))
        .collect();
    glyphs.sort_by(|a, b| {
        (b.bbox.y.round(), b.bbox.x)
            .partial_cmp(&(a.bbox.y.round(), a.bbox.x))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut ligatures = Vec::new();
    for pair in glyphs.windows(2) {
        // Read from the right: an alef, then the lam drawn just left of it.
        let (alef, lam) = (pair[0], pair[1]);
        if lam.char != 'ل' || !ALEFS.contains(&alef.char) || (alef.bbox.y - lam.bbox.y).abs() > 0.5 {
            continue;
        }
        if (lam.bbox.x + lam.bbox.width - alef.bbox.x).abs() > 0.5 {
            continue;
        }
        ligatures.push((lam.bbox.width - alef.bbox.width).abs() < 0.01);
    }
    if ligatures.len() != pairs_in_text.len() || !ligatures.contains(&true) {
        return text;
    }
    let mut out = text.into_bytes();
    for (at, ligature) in pairs_in_text.into_iter().zip(ligatures) {
        if ligature {
            // Both letters are two bytes: swap the two.
            let (alef, lam) = ([out[at], out[at + 1]], [out[at + 2], out[at + 3]]);
            out[at..at + 2].copy_from_slice(&lam);
            out[at + 2..at + 4].copy_from_slice(&alef);
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A page as the text keeps it: paragraphs (blank lines between), each one line.
/// A line that stops well short of the page's longest (a heading, a paragraph's
/// last line) ends its paragraph even where the PDF left no gap after it: a line
/// that wrapped fills the width.
fn page_text(page: &str) -> String {
    let width = page.lines().map(|l| l.trim().chars().count()).max().unwrap_or(0);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last_was_short = false;
    for line in page.lines() {
        let line = line.trim();
        if (line.is_empty() || last_was_short) && !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
        if line.is_empty() {
            last_was_short = false;
            continue;
        }
        last_was_short = line.chars().count() * 10 < width * 6;
        let line = full_stop_to_its_end(line);
        join_line(&mut current, &line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
}

/// The next line of a paragraph, joined as a reader reads across the break: a
/// space between words; none after a hyphen (`twenty-` `five`) or between two
/// characters of a script written without spaces (Chinese, Japanese).
fn join_line(paragraph: &mut String, line: &str) {
    if let (Some(last), Some(first)) = (paragraph.chars().last(), line.chars().next()) {
        let soft = last == '\u{ad}';
        if soft {
            paragraph.pop();
        }
        let joined = soft || last == '-' || (written_without_spaces(last) && written_without_spaces(first));
        if !joined {
            paragraph.push(' ');
        }
    }
    paragraph.push_str(line);
}

fn written_without_spaces(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF   // CJK punctuation, hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF00..=0xFFEF // full-width forms
        | 0x0E00..=0x0E7F // Thai
    )
}

/// A right-to-left line whose closing full stop (or comma, colon, question or
/// exclamation mark) a PDF placed at its left edge, and so first: the mark is
/// put back at the end, where the writer typed it.
fn full_stop_to_its_end(line: &str) -> std::borrow::Cow<'_, str> {
    let marks = ['.', ',', ':', ';', '!', '?', '،', '؛', '؟'];
    let rest = line.trim_start_matches(marks);
    let lead = &line[..line.len() - rest.len()];
    let right_to_left = rest.chars().next().is_some_and(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
        )
    });
    if lead.is_empty() || !right_to_left {
        return line.into();
    }
    format!("{rest}{lead}").into()
}

/// The title in the document's information dictionary, where it has one.
fn info_title(doc: &PdfDocument) -> Option<String> {
    let info = doc.trailer().as_dict()?.get("Info")?;
    let info = doc.resolve_object(info).ok()?;
    let title = info.as_dict()?.get("Title")?;
    let title = doc.resolve_object(title).ok()?;
    let title = match &title {
        Object::String(bytes) => text_string(bytes),
        _ => return None,
    };
    let title = title.trim();
    (!title.is_empty() && title.chars().count() <= 200).then(|| title.to_owned())
}

/// A PDF text string: UTF-16 (big-endian, with its byte-order mark), UTF-8 (PDF
/// 2.0, with its mark), else PDFDocEncoding, which is Latin-1 for letters.
fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_a_paragraph_read_as_one() {
        let page = "Joint statement\nThe delegations agreed to exchange prisoners who \nare seriously wounded or younger than twenty-\nfive, the texts say.\n\n和平协议和平协议和平协议和平协议和平协议和平协议和平协议和平协议\n和平协议和平协议和平协议和平协议和平协议\n";
        assert_eq!(
            page_text(page),
            "Joint statement\n\nThe delegations agreed to exchange prisoners who are seriously wounded or younger than twenty-five, the texts say.\n\n和平协议和平协议和平协议和平协议和平协议和平协议和平协议和平协议和平协议和平协议和平协议和平协议和平协议"
        );
    }

    #[test]
    fn a_right_to_left_full_stop_goes_back_to_the_end() {
        assert_eq!(page_text(".הצדדים הסכימו"), "הצדדים הסכימו.");
        assert_eq!(page_text(". Not this one"), ". Not this one");
    }

    #[test]
    fn what_is_not_a_pdf_is_said_without_a_panic() {
        let err = extract("memo.pdf", b"%PDF-1.7\nnothing else").unwrap_err();
        assert!(err.contains("memo.pdf could not be read as a PDF"), "{err}");
    }

    #[test]
    fn titles_in_each_encoding_a_pdf_uses() {
        assert_eq!(text_string(b"\xFE\xFF\x04\x1C\x04\x38\x04\x40"), "Мир");
        assert_eq!(text_string(b"Z\xF6e"), "Zöe");
    }
}
