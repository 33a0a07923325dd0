//! Word (DOCX) and OpenDocument (ODT) files: a zip of XML, read with `zip` and
//! `quick-xml` (both already in the build, under calamine). Paragraphs and
//! headings become the text's paragraphs; tabs, line breaks and ODT's runs of
//! spaces are kept; the title comes from the document's properties.

use std::io::Read as _;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Extracted, paragraphs};

/// The largest part of a document read (a 200 MB XML part is no statement).
const PART_LIMIT: u64 = 256 * 1024 * 1024;

pub fn docx(name: &str, bytes: &[u8]) -> Result<Extracted, String> {
    let kind = "a Word document (DOCX)";
    let mut zip = open(name, bytes, "a Word document (DOCX)")?;
    let body = part(&mut zip, "word/document.xml")
        .ok_or_else(|| format!("{name} is a zip file but not a Word document (it has no word/document.xml)"))?;
    let text = paragraphs(blocks(name, &body, Markup::Word)?);
    let title = part(&mut zip, "docProps/core.xml").and_then(|core| title(&core));
    Ok(Extracted {
        kind,
        title,
        text,
        note: None,
    })
}

pub fn odt(name: &str, bytes: &[u8]) -> Result<Extracted, String> {
    let mut zip = open(name, bytes, "an OpenDocument text (ODT)")?;
    let body = part(&mut zip, "content.xml")
        .ok_or_else(|| format!("{name} is a zip file but not an OpenDocument text (it has no content.xml)"))?;
    let text = paragraphs(blocks(name, &body, Markup::Odf)?);
    let title = part(&mut zip, "meta.xml").and_then(|meta| title(&meta));
    Ok(Extracted {
        kind: "an OpenDocument text (ODT)",
        title,
        text,
        note: None,
    })
}

fn open<'a>(name: &str, bytes: &'a [u8], kind: &str) -> Result<zip::ZipArchive<std::io::Cursor<&'a [u8]>>, String> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        format!("{name} is not {kind}: it is not a zip file as those are ({e}); open it in your word processor and save it again")
    })
}

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, path: &str) -> Option<String> {
    let file = zip.by_name(path).ok()?;
    let mut text = String::new();
    file.take(PART_LIMIT).read_to_string(&mut text).ok()?;
    Some(text)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Markup {
    /// WordprocessingML: `w:p` paragraphs, `w:t` text, `w:tab`, `w:br`.
    Word,
    /// OpenDocument: `text:p` and `text:h`, `text:s` (spaces), `text:tab`, `text:line-break`.
    Odf,
}

/// The document's paragraphs, in order.
fn blocks(name: &str, xml: &str, markup: Markup) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current = String::new();
    // Word keeps text only inside <w:t>; ODF inside its paragraphs, at any depth.
    let mut in_text = 0usize;
    let mut deleted = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!("{name}: its text is not well-formed XML ({e}); open it in your word processor and save it again")
        })?;
        match event {
            Event::Start(e) => {
                let local = e.local_name();
                match (markup, local.as_ref()) {
                    (Markup::Word, b"t") => in_text += 1,
                    // Tracked deletions are not the document's words.
                    (Markup::Word, b"del") => deleted += 1,
                    (Markup::Odf, b"p" | b"h") => in_text += 1,
                    (Markup::Odf, b"note") => deleted += 1,
                    _ => {}
                }
            }
            Event::Empty(e) => empty(&e, markup, &mut current),
            Event::End(e) => match (markup, e.local_name().as_ref()) {
                (Markup::Word, b"t") => in_text = in_text.saturating_sub(1),
                (Markup::Word, b"del") => deleted = deleted.saturating_sub(1),
                (Markup::Word, b"p") => out.push(std::mem::take(&mut current)),
                (Markup::Odf, b"p" | b"h") => {
                    in_text = in_text.saturating_sub(1);
                    if in_text == 0 {
                        out.push(std::mem::take(&mut current));
                    }
                }
                (Markup::Odf, b"note") => deleted = deleted.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_text > 0 && deleted == 0 => {
                if let Ok(text) = t.xml10_content() {
                    current.push_str(&text);
                }
            }
            Event::GeneralRef(r) if in_text > 0 && deleted == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    current.push(c);
                } else {
                    current.push_str(crate::format::xml_entity(r.as_ref()).unwrap_or(""));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.push(current);
    Ok(out)
}

/// Tabs, breaks and spaces written as empty elements.
fn empty(e: &BytesStart<'_>, markup: Markup, current: &mut String) {
    match (markup, e.local_name().as_ref()) {
        (Markup::Word, b"tab") | (Markup::Odf, b"tab") => current.push('\t'),
        (Markup::Word, b"br" | b"cr") | (Markup::Odf, b"line-break") => current.push('\n'),
        (Markup::Odf, b"s") => {
            let count = e
                .attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == b"c")
                .and_then(|a| String::from_utf8_lossy(&a.value).parse::<usize>().ok())
                .unwrap_or(1);
            current.extend(std::iter::repeat_n(' ', count.min(1000)));
        }
        _ => {}
    }
}

/// The `dc:title` of a document's properties.
fn title(xml: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut title = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == b"title" => inside = true,
            Event::End(e) if e.local_name().as_ref() == b"title" => break,
            Event::Text(t) if inside => title.push_str(&t.xml10_content().ok()?),
            Event::Eof => break,
            _ => {}
        }
    }
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_owned())
}
