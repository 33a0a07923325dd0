//! Sources read as Stances reads them (`stances extract`) and quotes traced in
//! them (`stances check`): documents written by an office suite (LibreOffice, made
//! once and kept as fixtures) and an HTML page, in Latin, Cyrillic, Arabic and
//! Hebrew; a quote whose source changed by one word is said not found, with the
//! closest passage and what differs.
#![allow(
    clippy::unwrap_used,
    reason = "the helper writing the fixture fails the test loudly, as #[test]s do"
)]

mod common;

use std::path::Path;

use common::{fixture, run_stances};

/// Every sentence of the fixtures' paragraphs, as written.
const SENTENCES: [&str; 6] = [
    "The delegations met in Istanbul on 2 June 2025 and agreed to exchange all prisoners of war who are seriously wounded or younger than twenty-five.",
    "Each side handed over a memorandum setting out its conditions for a ceasefire; the texts will be studied before the next meeting.",
    "Стороны договорились обменяться меморандумами о условиях прекращения огня.",
    "اتفق الطرفان على تبادل الأسرى المصابين بجروح خطيرة.",
    "הצדדים הסכימו להיפגש שוב בעוד שבועיים.",
    "The next round is expected “within weeks” — no date was set.",
];

fn extract(path: &Path) -> (i32, String, String) {
    run_stances(["extract".as_ref(), path.as_os_str()])
}

#[test]
fn every_sentence_of_a_page_and_of_office_documents_is_read_verbatim() {
    for (name, kind) in [
        ("joint-statement.html", "an HTML page"),
        ("joint-statement.docx", "a Word document (DOCX)"),
        ("joint-statement.odt", "an OpenDocument text (ODT)"),
        ("joint-statement.pdf", "a PDF"),
        // Protected from copying by its owner, but with no password to open it.
        ("joint-statement-no-copying.pdf", "a PDF"),
    ] {
        let (code, text, said) = extract(&fixture(&format!("sources/{name}")));
        assert_eq!(code, 0, "{name}: {said}");
        assert!(said.contains(kind), "{name}: {said}");
        for sentence in SENTENCES {
            assert!(text.contains(sentence), "{name} lacks «{sentence}»:\n{text}");
        }
        // One paragraph per paragraph: the Hebrew line is a paragraph of its own.
        assert!(text.contains("\n\nהצדדים"), "{name}:\n{text}");
    }
    let (_, _, said) = extract(&fixture("sources/joint-statement.html"));
    assert!(
        said.contains("titled “Joint statement of the delegations (test fixture)”"),
        "{said}"
    );
}

#[test]
fn a_broken_document_is_said_in_words_and_nothing_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let not_zip = dir.path().join("memo.docx");
    std::fs::write(&not_zip, "this was never a Word document").unwrap();
    let (code, out, err) = extract(&not_zip);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("memo.docx is not a Word document (DOCX)"), "{err}");
    let pdf = dir.path().join("memo.pdf");
    std::fs::write(&pdf, "%PDF-1.7\n%âãÏÓ\n").unwrap();
    let (code, _, err) = extract(&pdf);
    assert_eq!(code, 1);
    assert!(err.contains("memo.pdf could not be read as a PDF"), "{err}");
    // Half a PDF, as an interrupted download leaves it.
    let whole = std::fs::read(fixture("sources/joint-statement.pdf")).unwrap();
    std::fs::write(&pdf, &whole[..whole.len() / 3]).unwrap();
    let (code, out, err) = extract(&pdf);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("could not be read as a PDF"), "{err}");
}

#[test]
fn a_scan_and_a_locked_pdf_are_said_to_be_so() {
    let (code, out, err) = extract(&fixture("sources/scanned-page.pdf"));
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("no text in it, only images of pages (a scan?)"), "{err}");
    assert!(err.contains("OCR"), "{err}");
    let (code, out, err) = extract(&fixture("sources/joint-statement-password.pdf"));
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("is protected by a password"), "{err}");
}

/// How many of the sentences stand word for word in `text`.
fn sentences_in(text: &str) -> usize {
    SENTENCES.iter().filter(|s| text.contains(*s)).count()
}

#[test]
fn a_pdf_gives_at_least_the_sentences_pdftotext_gives() {
    let pdf = fixture("sources/joint-statement.pdf");
    let (_, ours, _) = extract(&pdf);
    assert_eq!(sentences_in(&ours), SENTENCES.len(), "{ours}");
    // poppler's pdftotext, where it is installed (`.ci/run` installs it).
    let Ok(theirs) = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output() else {
        return;
    };
    let theirs = String::from_utf8_lossy(&theirs.stdout);
    assert!(sentences_in(&ours) >= sentences_in(&theirs), "pdftotext:\n{theirs}");
}

/// A position file quoting the joint statement, with the statement's text kept
/// beside it as `stances extract` gives it.
fn quoting_file(dir: &Path) -> std::path::PathBuf {
    let positions = dir.join("talks.ron");
    std::fs::write(
        &positions,
        r#"(
    format: 1,
    sources: [(id: "joint", title: "Joint statement of the delegations")],
    sides: [
        (id: "ua", name: "Ukraine", demands: [
            (id: "ua-prisoners", issue: "prisoners", text: "Exchange the wounded and the young.", source: "joint",
             quote: "exchange all prisoners of war who are seriously wounded or younger than twenty-five"),
            (id: "ua-round", issue: "talks", text: "Meet again soon.", source: "joint",
             quote: "The next round is expected \"within weeks\" - no date was set."),
        ]),
        (id: "ru", name: "Russia", demands: [
            (id: "ru-memo", issue: "ceasefire", text: "Memoranda first.", source: "joint",
             quote: "Стороны договорились обменяться меморандумами"),
        ]),
    ],
)"#,
    )
    .unwrap();
    let (_, text, _) = extract(&fixture("sources/joint-statement.docx"));
    std::fs::create_dir(dir.join("talks.sources")).unwrap();
    std::fs::write(dir.join("talks.sources/joint.txt"), text).unwrap();
    positions
}

#[test]
fn quotes_are_traced_in_their_sources_and_a_changed_word_is_found_out() {
    let dir = tempfile::tempdir().unwrap();
    let positions = quoting_file(dir.path());
    let (code, out, err) = run_stances(["check".as_ref(), "--strict".as_ref(), positions.as_os_str()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("3 quotes found in its source's text (1 after normalising quotes, dashes, spaces or hyphenation)"),
        "{out}"
    );

    // The source's text changes one word: the quote no longer stands in it.
    let kept = dir.path().join("talks.sources/joint.txt");
    let text = std::fs::read_to_string(&kept).unwrap();
    std::fs::write(&kept, text.replace("seriously wounded", "severely wounded")).unwrap();
    let (code, out, _) = run_stances(["check".as_ref(), positions.as_os_str()]);
    assert_eq!(code, 0, "without --strict a quote not found is said, not failed: {out}");
    assert!(out.contains("2 quotes found in its source's text"), "{out}");
    assert!(out.contains("1 quote not"), "{out}");
    assert!(
        out.contains("the quote of demand `ua-prisoners` (Ukraine) is not in its source `joint`"),
        "{out}"
    );
    assert!(out.contains("paragraph 2"), "{out}");
    assert!(
        out.contains("`seriously` in the quote, `severely` in the source"),
        "{out}"
    );
    let (code, _, err) = run_stances(["check".as_ref(), "--strict".as_ref(), positions.as_os_str()]);
    assert_eq!(code, 1);
    assert!(err.contains("a quote is not in its source's text"), "{err}");
}
