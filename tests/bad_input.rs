//! Broken inputs beyond the position format's own rules: each is refused with a
#![allow(
    clippy::unwrap_used,
    reason = "helpers in a test crate fail the test loudly, as #[test]s do"
)]
//! located message, never a panic, a hang or a memory spike.

use std::path::Path;

use stances::format::LineCol;
use stances::format::comparison_file::{self, to_ron};
use stances::io::load_position_file;
use stances::io::read_text;

fn sample() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/istanbul-v1.stances.ron");
    std::fs::read_to_string(path).unwrap()
}

/// Asserts the comparison text fails at the line holding `marker` with a message containing `needle`.
#[track_caller]
fn comparison_fails(text: &str, marker: &str, col: usize, needle: &str) {
    let err = comparison_file::parse("c.stances.ron", text).expect_err("should be refused");
    let line = text
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.contains(marker))
        .expect("marker in text")
        + 1;
    let ok = err
        .problems
        .iter()
        .any(|p| p.at == Some(LineCol { line, col }) && p.message.contains(needle));
    assert!(ok, "expected c.stances.ron:{line}:{col} “{needle}”, got:\n{err}");
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // A sparse 200 MB file: refused from its size alone, without reading it into memory.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let err = load_position_file(&path).unwrap_err();
    assert_eq!(err.first_at(), None);
    assert!(
        err.to_string().ends_with(
            "huge.ron: the file is 200 MB, larger than the 128 MB Stances opens; split it into several position files"
        ),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.ron");
    std::fs::write(&path, b"(\n    format: 1,\n    negotiation: \"Gespr\xe4che\",\n)").unwrap();
    let err = read_text(&path).unwrap_err();
    assert_eq!(err.first_at(), Some(LineCol { line: 3, col: 24 }));
    assert!(
        err.to_string().contains("not valid UTF-8 here; save the file as UTF-8"),
        "{err}"
    );
}

#[test]
fn random_binary_is_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.ron");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, bytes).unwrap();
    let err = read_text(&path).unwrap_err();
    assert!(err.to_string().contains("this is not a text file"), "{err}");
    assert_eq!(err.first_at().map(|a| a.line), Some(1));
}

#[test]
fn duplicate_mark_id() {
    let text = sample().replacen("id: 2,", "id: 1,", 1);
    comparison_fails(&text, "id: 1,", 17, "the mark id 1 is used twice");
}

#[test]
fn status_not_in_the_codebook() {
    let text = sample().replacen("status: \"unaddressed\"", "status: \"ignored\"", 1);
    comparison_fails(
        &text,
        "\"ignored\"",
        21,
        "status `ignored`, which is not in the codebook",
    );
}

#[test]
fn duplicate_status_and_bad_colour() {
    let text = sample()
        .replacen("id: \"partial\"", "id: \"agreed\"", 1)
        .replacen("#e03131", "red", 1);
    let err = comparison_file::parse("c.stances.ron", &text).unwrap_err().to_string();
    assert!(err.contains("the status id `agreed` is used twice"), "{err}");
    assert!(err.contains("`red` is not a colour; write it as #rrggbb"), "{err}");
}

#[test]
fn bad_timestamp() {
    let text = sample().replacen("created: \"2026-11-25T10:00:00Z\"", "created: \"yesterday\"", 1);
    comparison_fails(&text, "\"yesterday\"", 22, "`yesterday` is not a timestamp");
}

#[test]
fn shown_side_that_does_not_exist() {
    let text = sample().replacen("        \"ru\",\n    ],", "        \"eu\",\n    ],", 1);
    comparison_fails(&text, "\"eu\",", 9, "`shown_sides` names side `eu`");
}

#[test]
fn mark_with_no_demands() {
    let text = sample().replacen(
        "demands: [\n                (\"ua\", \"ua-children\"),\n            ],",
        "demands: [],",
        1,
    );
    comparison_fails(&text, "demands: [],", 22, "covers no demands");
}

#[test]
fn misspelt_field_in_a_mark() {
    let text = sample().replacen("note: \"No Russian", "nots: \"No Russian", 1);
    comparison_fails(
        &text,
        "nots:",
        13,
        "unknown field `nots` in a mark (did you mean `note`?)",
    );
}

#[test]
fn truncated_comparison() {
    let text = sample();
    let half = text
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= text.len() / 2)
        .unwrap();
    let cut = &text[..half];
    let err = comparison_file::parse("c.stances.ron", cut).unwrap_err();
    assert!(err.to_string().contains("the file ends too early"), "{err}");
}

#[test]
fn a_position_file_opened_as_a_comparison_says_so() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/istanbul-2025-06-02.ron")).unwrap();
    let err = comparison_file::parse("istanbul.stances.ron", &text).unwrap_err();
    assert!(
        err.to_string()
            .contains("this is a position file, not a comparison file"),
        "{err}"
    );
}

#[test]
fn deep_nesting_in_a_comparison() {
    let text = format!("(format: 1, positions: {}", "[".repeat(100_000));
    let err = comparison_file::parse("c.stances.ron", &text).unwrap_err();
    assert_eq!(err.first_at().map(|a| a.line), Some(1), "{err}");
}

#[test]
fn saved_output_of_a_loaded_v2_sample_is_unchanged() {
    // Files of the current version keep loading, and saving them again changes nothing.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/istanbul-v2.stances.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let cmp = comparison_file::parse("c.stances.ron", &text).unwrap();
    assert_eq!(to_ron(&cmp).unwrap(), text);
}

#[test]
fn a_duplicate_mark_id_in_a_v2_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/istanbul-v2.stances.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let first = text
        .split("            id: \"")
        .nth(text.matches("            id: \"").count() - 2)
        .unwrap();
    let first_id = &first[..first.find('"').unwrap()];
    let last = text.split("            id: \"").last().unwrap();
    let last_id = &last[..last.find('"').unwrap()];
    let text = text.replace(&format!("id: \"{last_id}\""), &format!("id: \"{first_id}\""));
    let err = comparison_file::parse("c.stances.ron", &text).unwrap_err().to_string();
    assert!(
        err.contains(&format!("the mark id `{first_id}` is used twice")),
        "{err}"
    );
}

/// A first word that is neither a command nor a file is said so, with the
/// closest command, instead of trying to open a window (which, on a machine
/// with no display, only said "could not open a window").
#[test]
fn an_unknown_command_is_said_with_the_closest_one() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stances"))
        .args(["merg", "base.stances.ron", "ours.stances.ron"])
        .output()
        .expect("stances runs");
    let (code, out, err) = (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("`merg` is neither a command nor a file"), "{err}");
    assert!(err.contains("Did you mean `stances merge`?"), "{err}");
    assert!(!err.contains("could not open a window"), "{err}");
}
