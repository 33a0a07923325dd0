//! A source document's text, as Stances reads it to trace quotes: plain text,
//! Markdown, HTML, DOCX, ODT and PDF. Bytes in, text out; no file system here.
//!
//! The text keeps the document's words verbatim (a quote is checked against
//! them), one paragraph per block separated by a blank line, so that a location
//! reads "paragraph 4".

mod html;
mod office;
mod pdf;

/// What a document gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extracted {
    /// What the document is, in words ("an HTML page", "a Word document (DOCX)").
    pub kind: &'static str,
    /// Its title, from its metadata (or its first heading) where it has one.
    pub title: Option<String>,
    pub text: String,
    /// Said to the user: how the text was read (an encoding guessed).
    pub note: Option<String>,
}

/// The kinds a source may be, by how its bytes start or its name ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Pdf,
    Docx,
    Odt,
    Html,
    Markdown,
    Text,
}

fn kind_of(name: &str, bytes: &[u8]) -> Kind {
    let lower = name.to_lowercase();
    if bytes.starts_with(b"%PDF") {
        return Kind::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return if lower.ends_with(".odt") { Kind::Odt } else { Kind::Docx };
    }
    if lower.ends_with(".docx") {
        return Kind::Docx;
    }
    if lower.ends_with(".odt") {
        return Kind::Odt;
    }
    if lower.ends_with(".pdf") {
        return Kind::Pdf;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if lower.ends_with(".html")
        || lower.ends_with(".htm")
        || head.starts_with("<!doctype html")
        || head.starts_with("<html")
    {
        return Kind::Html;
    }
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return Kind::Markdown;
    }
    Kind::Text
}

/// The text of the document `name` (a file name, for its extension and messages).
pub fn extract(name: &str, bytes: &[u8]) -> Result<Extracted, String> {
    match kind_of(name, bytes) {
        Kind::Pdf => pdf::extract(name, bytes),
        Kind::Docx => office::docx(name, bytes),
        Kind::Odt => office::odt(name, bytes),
        Kind::Html => {
            let (text, note) = decode(bytes, name);
            let (title, text) = html::to_text(&text);
            Ok(Extracted {
                kind: "an HTML page",
                title,
                text,
                note,
            })
        }
        Kind::Markdown | Kind::Text => {
            let (text, note) = decode(bytes, name);
            if text.contains('\0') {
                return Err(format!(
                    "{name} is not a text file (it holds binary data): add a PDF, DOCX, ODT, HTML, Markdown or plain-text file"
                ));
            }
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let markdown = kind_of(name, bytes) == Kind::Markdown;
            let title = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .filter(|l| !markdown || l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim().to_owned())
                .filter(|t| !t.is_empty() && t.chars().count() <= 200);
            Ok(Extracted {
                kind: if markdown { "a Markdown file" } else { "a text file" },
                title,
                text,
                note,
            })
        }
    }
}

/// Text as an editor saved it: UTF-8 or UTF-16 (with a byte-order mark), else
/// Windows-1252 (said).
pub fn decode(bytes: &[u8], name: &str) -> (String, Option<String>) {
    match crate::format::text::decode_declared(bytes) {
        Some(text) => (text, None),
        None => (
            crate::format::text::decode_windows_1252(bytes),
            Some(format!(
                "{name} is not UTF-8: read as Windows-1252 (Western European); if letters look wrong, save it as UTF-8"
            )),
        ),
    }
}

/// Paragraphs joined as the text keeps them: each trimmed, one blank line between,
/// runs of spaces inside kept as written.
fn paragraphs(blocks: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    for block in blocks {
        let block = block.trim_matches(|c: char| c == '\n' || c == ' ' || c == '\t');
        if block.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_in_the_encodings_editors_save() {
        let words = "Прекращение огня — ceasefire";
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(words.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(extract("a.txt", &utf16).unwrap().text, words);
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Zoë’s letter\r\n");
        let read = extract("a.txt", &latin).unwrap();
        assert_eq!(read.text, "Zoë’s letter\n");
        assert!(read.note.is_some());
    }

    #[test]
    fn a_markdown_file_is_titled_by_its_heading() {
        let read = extract("joint.md", b"# Joint statement\n\nThe parties agree.").unwrap();
        assert_eq!(read.title.as_deref(), Some("Joint statement"));
        assert_eq!(read.kind, "a Markdown file");
    }

    #[test]
    fn a_pdf_or_a_binary_file_is_said_to_be_one() {
        let pdf = extract("memo.pdf", b"%PDF-1.7\n...").unwrap_err();
        assert!(pdf.contains("could not be read as a PDF"), "{pdf}");
        let binary = extract("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0").unwrap_err();
        assert!(binary.contains("not a text file"), "{binary}");
        let not_zip = extract("letter.docx", b"this is not a zip").unwrap_err();
        assert!(not_zip.contains("is not a Word document"), "{not_zip}");
    }
}
