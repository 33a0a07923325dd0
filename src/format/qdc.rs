//! REFI-QDA codebooks (`.qdc`): the exchange format of QDA tools (ATLAS.ti,
//! MAXQDA, NVivo, QualCoder…), so a codebook can travel between them and Stances.
//!
//! Export writes one `<Code>` per status, with a guid derived from the codebook
//! and status ids (UUIDv5), so exporting the same codebook twice gives the same
//! guids and tools that import it again recognise the codes. Import takes every
//! codable code, nested ones included; `isCodable="false"` codes are categories
//! and only their codable children become statuses.

use quick_xml::Reader;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};

use super::diagnostics::{FileError, Problem};
use super::locate::LineCol;
use crate::model::codebook::{Codebook, Status, hex_color, parse_hex_color};

/// The namespace of REFI-QDA codebooks.
pub const QDC_NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";

/// The extension of REFI-QDA codebook files.
pub const QDC_EXTENSION: &str = "qdc";

/// The namespace Stances derives code guids in (itself a UUIDv5 of the project's URL).
const GUID_NAMESPACE: uuid::Uuid = uuid::uuid!("5f0c3d2e-7a41-5b8e-9c6d-2b1e4f3a9d70");

/// The guid of a status in an exported codebook: the same for the same codebook and status ids.
pub fn status_guid(codebook_id: &str, status_id: &str) -> String {
    uuid::Uuid::new_v5(&GUID_NAMESPACE, format!("{codebook_id}\u{1f}{status_id}").as_bytes()).to_string()
}

/// Writes a codebook as a REFI-QDA codebook file.
pub fn to_qdc(codebook: &Codebook) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<CodeBook xmlns=\"{QDC_NAMESPACE}\" origin=\"Stances\">\n  <Codes>\n"
    ));
    for status in &codebook.statuses {
        let color = hex_color(status.rgb()).to_uppercase();
        out.push_str(&format!(
            "    <Code guid=\"{}\" name=\"{}\" isCodable=\"true\" color=\"{color}\"",
            status_guid(&codebook.id, &status.id),
            // REFI-QDA requires a name: a status whose label was cleared goes by its id.
            xml_text(if status.label.trim().is_empty() {
                &status.id
            } else {
                &status.label
            })
        ));
        match status.description.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(description) => out.push_str(&format!(
                ">\n      <Description>{}</Description>\n    </Code>\n",
                xml_text(description)
            )),
            None => out.push_str("/>\n"),
        }
    }
    out.push_str("  </Codes>\n</CodeBook>\n");
    out
}

/// Text escaped for XML, in an attribute or an element: line breaks and tabs as
/// character references (so attribute normalisation keeps them), and the control
/// characters XML 1.0 cannot hold left out.
fn xml_text(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !(c < ' ' || c == '\u{fffe}' || c == '\u{ffff}'))
        .collect();
    escape(allowed.as_str())
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

/// A code read from a `.qdc` file, before it becomes a status.
struct Code {
    guid: String,
    name: String,
    color: Option<String>,
    codable: bool,
    description: Option<String>,
}

/// Colours given to imported codes that have none, in turn.
const IMPORT_COLORS: [&str; 6] = ["#1971c2", "#2b8a3e", "#c2255c", "#5f3dc4", "#0c8599", "#e8590c"];

/// Reads a REFI-QDA codebook. Codes whose guid Stances derived from a status of
/// `current` (the open comparison's codebook) keep that status's id, so a
/// codebook exported, edited in another tool and imported again maps back by id.
pub fn parse_qdc(shown: &str, text: &str, current: &Codebook) -> Result<Codebook, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |at: usize, message: String| FileError::new(shown, Problem::at(line_col(text, at), message));
    let codes = read_codes(text, &fail)?;
    let codebook = codebook_of(codes, current);
    if codebook.statuses.is_empty() {
        return Err(fail(
            0,
            "the codebook has no codable codes (every <Code> is missing or has isCodable=\"false\"); Stances needs at least one to use as a status".into(),
        ));
    }
    Ok(codebook)
}

/// Every <Code> of a codebook's XML, nested codes flattened, with its description.
fn read_codes(text: &str, fail: &impl Fn(usize, String) -> FileError) -> Result<Vec<Code>, FileError> {
    let mut reader = Reader::from_str(text);
    let mut codes: Vec<Code> = Vec::new();
    // Indices into `codes` of the open <Code> elements, innermost last.
    let mut open: Vec<usize> = Vec::new();
    let mut in_description = false;
    let mut root_seen = false;
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            fail(
                reader.error_position() as usize,
                format!("this is not well-formed XML ({e}); a REFI-QDA codebook (.qdc) is an XML file starting with <CodeBook>"),
            )
        })?;
        match event {
            Event::Start(element) | Event::Empty(element) if !root_seen => {
                if element.local_name().as_ref() != b"CodeBook" {
                    return Err(fail(
                        at,
                        format!(
                            "the file starts with <{}>, not <CodeBook>: this is not a REFI-QDA codebook (.qdc); a .qdpx project holds one inside its zip, export the codebook on its own",
                            String::from_utf8_lossy(element.name().as_ref())
                        ),
                    ));
                }
                root_seen = true;
            }
            Event::Start(element) if element.local_name().as_ref() == b"Code" => {
                codes.push(read_code(&element).map_err(|m| fail(at, m))?);
                open.push(codes.len() - 1);
            }
            Event::Empty(element) if element.local_name().as_ref() == b"Code" => {
                codes.push(read_code(&element).map_err(|m| fail(at, m))?);
            }
            Event::End(element) if element.local_name().as_ref() == b"Code" => {
                open.pop();
            }
            Event::Start(element) if element.local_name().as_ref() == b"Description" => in_description = true,
            Event::End(element) if element.local_name().as_ref() == b"Description" => in_description = false,
            Event::Text(t) if in_description => {
                if let Some(&code) = open.last() {
                    let decoded = t
                        .xml10_content()
                        .map_err(|e| fail(at, format!("unreadable text in a description: {e}")))?;
                    codes[code]
                        .description
                        .get_or_insert_with(String::new)
                        .push_str(&decoded);
                }
            }
            Event::GeneralRef(r) if in_description => {
                if let (Some(&code), Ok(Some(c))) = (open.last(), r.resolve_char_ref()) {
                    codes[code].description.get_or_insert_with(String::new).push(c);
                } else if let Some(&code) = open.last() {
                    let c = super::xml_entity(r.as_ref()).unwrap_or("");
                    codes[code].description.get_or_insert_with(String::new).push_str(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(fail(0, "the file is empty or holds no <CodeBook> element".into()));
    }
    Ok(codes)
}

/// The codable codes as statuses: a code exported from a status of `current`
/// keeps its id and key; the others get new ids, colours and free keys.
fn codebook_of(codes: Vec<Code>, current: &Codebook) -> Codebook {
    let mut codebook = Codebook {
        id: current.id.clone(),
        name: current.name.clone(),
        statuses: Vec::new(),
    };
    for code in codes.into_iter().filter(|c| c.codable) {
        let known = current
            .statuses
            .iter()
            .find(|s| status_guid(&current.id, &s.id) == code.guid.to_lowercase());
        let id = match known {
            Some(status) if codebook.get(&status.id).is_none() => status.id.clone(),
            _ => codebook.new_status_id(&code.name),
        };
        let color = code
            .color
            .as_deref()
            .and_then(|c| parse_hex_color(&c.to_lowercase()))
            .map_or_else(
                || IMPORT_COLORS[codebook.statuses.len() % IMPORT_COLORS.len()].to_owned(),
                hex_color,
            );
        let key = known
            .and_then(|s| s.key.clone())
            .filter(|k| codebook.by_key(k).is_none())
            .or_else(|| codebook.free_key());
        codebook.statuses.push(Status {
            id,
            label: code.name,
            color,
            key,
            description: code.description.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()),
        });
    }
    codebook
}

fn read_code(element: &BytesStart<'_>) -> Result<Code, String> {
    let mut code = Code {
        guid: String::new(),
        name: String::new(),
        color: None,
        codable: true,
        description: None,
    };
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|e| format!("a <Code> has an unreadable attribute: {e}"))?;
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| format!("a <Code> has an unreadable attribute: {e}"))?
            .into_owned();
        match attribute.key.local_name().as_ref() {
            b"guid" => code.guid = value,
            b"name" => code.name = value,
            b"color" => code.color = Some(value),
            b"isCodable" => code.codable = value != "false",
            _ => {}
        }
    }
    if code.name.trim().is_empty() {
        return Err("a <Code> has no name; every code needs name=\"…\"".into());
    }
    Ok(code)
}

/// The line and column (1-based, in characters) of a byte offset.
fn line_col(text: &str, at: usize) -> LineCol {
    let before = &text[..at.min(text.len())];
    let before = before
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take_while(|&end| end <= before.len())
        .last()
        .map_or("", |end| &before[..end]);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    LineCol { line, col }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_one_code_per_status_with_stable_guids_and_imports_back_by_id() {
        let codebook = Codebook::default();
        let xml = to_qdc(&codebook);
        assert!(
            xml.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Stances\">"),
            "{xml}"
        );
        assert!(
            xml.contains("name=\"Agreed\" isCodable=\"true\" color=\"#2F9E44\""),
            "{xml}"
        );
        assert!(
            xml.contains("<Description>Both sides accept this point.</Description>"),
            "{xml}"
        );
        assert_eq!(xml, to_qdc(&codebook), "the same codebook gives the same guids");
        assert_eq!(xml.matches("<Code ").count(), 4);
        let back = parse_qdc("x.qdc", &xml, &codebook).expect("reads");
        assert_eq!(back, codebook);
    }

    #[test]
    fn imports_nested_codes_skips_categories_and_reads_escaped_text() {
        let xml = r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA">
  <Codes>
    <Code guid="A1" name="Positions" isCodable="false">
      <Code guid="B2" name="Agreement &amp; overlap" isCodable="true" color="#00FF00">
        <Description>Both &lt;sides&gt; accept</Description>
      </Code>
      <Code guid="C3" name="Clash" isCodable="true"/>
    </Code>
  </Codes>
  <Sets/>
</CodeBook>"##;
        let codebook = parse_qdc("maxqda.qdc", xml, &Codebook::default()).expect("reads");
        let labels: Vec<&str> = codebook.statuses.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["Agreement & overlap", "Clash"]);
        assert_eq!(codebook.statuses[0].color, "#00ff00");
        assert_eq!(codebook.statuses[0].description.as_deref(), Some("Both <sides> accept"));
        assert_eq!(codebook.statuses[0].id, "agreement---overlap");
        assert!(codebook.problems().is_empty(), "{:?}", codebook.problems());
    }

    #[test]
    fn what_cannot_be_used_is_said_with_line_and_column() {
        let current = Codebook::default();
        let err = parse_qdc(
            "x.qdc",
            "<CodeBook><Codes><Code name=\"a\"></Codes></CodeBook>",
            &current,
        )
        .expect_err("mismatched tags")
        .to_string();
        assert!(err.starts_with("x.qdc:1:"), "{err}");
        assert!(err.contains("not well-formed XML"), "{err}");
        let err = parse_qdc("x.qdc", "<Project>\n</Project>", &current)
            .expect_err("a project")
            .to_string();
        assert!(err.contains("not <CodeBook>"), "{err}");
        let err = parse_qdc(
            "x.qdc",
            "<CodeBook>\n<Codes><Code guid=\"1\" name=\"Only a category\" isCodable=\"false\"/></Codes></CodeBook>",
            &current,
        )
        .expect_err("no codable code")
        .to_string();
        assert!(err.contains("no codable codes"), "{err}");
        let err = parse_qdc("x.qdc", "", &current).expect_err("empty").to_string();
        assert!(err.contains("holds no <CodeBook>"), "{err}");
    }
}
