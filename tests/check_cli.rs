//! `stances check` run as a process, as a user or a CI script would.

mod common;

use std::process::Command;

use common::{example_path, write_temp};

fn check(files: &[&std::path::Path]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stances"))
        .arg("check")
        .args(files)
        .output()
        .expect("stances runs");
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    (out.status.code().unwrap_or(-1), stdout)
}

#[test]
fn the_bundled_example_is_valid() {
    let (code, out) = check(&[&example_path()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.trim_end()
            .ends_with("istanbul-2025-06-02.ron: ok (2 sides, 15 demands, 9 issues); 2 quotes not traced (no source text beside the file: File › Add source… keeps one)"),
        "{out}"
    );
}

#[test]
fn a_misspelt_field_gives_path_line_col_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_temp(
        &dir,
        "bad.ron",
        "(\n    format: 1,\n    sides: [(id: \"a\", nmae: \"A\")],\n)\n",
    );
    let (code, out) = check(&[&example_path(), &bad]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains(": ok ("), "{out}");
    assert_eq!(
        lines[1],
        format!(
            "{}:3:23: unknown field `nmae` in a side (did you mean `name`?); the fields allowed here are `id`, `name`, `represented_by`, `demands`",
            bad.display()
        )
    );
}

#[test]
fn every_problem_gets_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_temp(
        &dir,
        "two.ron",
        "(format: 1, issues: [(id: \"x\", name: \"X\")], sides: [(id: \"a\", name: \"A\", demands: [\n(id: \"d\", issue: \"y\", text: \"T\"),\n(id: \"d\", issue: \"x\", text: \"\"),\n])])",
    );
    let (code, out) = check(&[&bad]);
    assert_eq!(code, 1);
    let shown = bad.display().to_string();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with(&format!("{shown}:2:18: demand `d` names issue `y`")),
        "{out}"
    );
    assert!(
        lines[1].starts_with(&format!("{shown}:3:6: the demand id `d` is used twice")),
        "{out}"
    );
    assert!(
        lines[2].starts_with(&format!("{shown}:3:29: demand `d` has an empty `text`")),
        "{out}"
    );
}

#[test]
fn unreadable_and_binary_files_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("noise.ron");
    std::fs::write(&binary, [0x28u8, 0xff, 0x00, 0x13, 0x37, 0xfe]).unwrap();
    let missing = dir.path().join("missing.ron");
    let (code, out) = check(&[&binary, &missing]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("{}:1:2: this is not a text file", binary.display())),
        "{out}"
    );
    assert!(out.contains(&format!("{}: no such file", missing.display())), "{out}");
}

#[test]
fn check_needs_a_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_stances"))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FILES"));
}

#[test]
fn both_comparison_versions_check_and_say_what_they_hold() {
    let v2 = common::fixture("istanbul-v2.stances.ron");
    let v1 = common::fixture("istanbul-v1.stances.ron");
    let (code, out) = check(&[&v2, &v1]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "istanbul-v2.stances.ron: ok (comparison format 2: 2 sides in 1 document, 15 demands, 9 issues, 3 marks)"
        ),
        "{out}"
    );
    assert!(
        out.contains("istanbul-v1.stances.ron: ok (comparison format 1: 2 sides in 1 document, 15 demands, 9 issues, 3 marks; Stances saves it as format 2)"),
        "{out}"
    );
}

#[test]
fn new_makes_a_comparison_of_two_rounds_without_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("rounds");
    let run = |force: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_stances"));
        command
            .arg("new")
            .arg(common::data("istanbul-2025-05-16.ron"))
            .arg(common::data("istanbul-2025-06-02.ron"))
            .arg("-o")
            .arg(&out_path);
        if force {
            command.arg("--force");
        }
        command.output().expect("stances runs")
    };
    let out = run(false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let written = dir.path().join("rounds.stances.ron");
    assert!(
        stdout.contains("rounds.stances.ron: wrote a comparison of 4 sides in 2 documents, 22 demands"),
        "{stdout}"
    );
    let (code, checked) = check(&[&written]);
    assert_eq!(code, 0, "{checked}");
    assert!(
        checked.contains("comparison format 2: 4 sides in 2 documents, 22 demands, 11 issues, 0 marks"),
        "{checked}"
    );
    // An existing file is not overwritten without --force.
    let again = run(false);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stdout).contains("the file exists already"));
    assert!(run(true).status.success());
}

#[test]
fn new_refuses_a_broken_position_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_temp(&dir, "bad.ron", "(format: 1, sides: [(id: \"a\", nmae: \"A\")])");
    let out_path = dir.path().join("x.stances.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_stances"))
        .arg("new")
        .arg(&bad)
        .arg("-o")
        .arg(&out_path)
        .output()
        .expect("stances runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("bad.ron:1:31: unknown field `nmae`"), "{stdout}");
    assert!(stdout.contains("nothing was written"), "{stdout}");
    assert!(!out_path.exists());
}

/// Every quote of the bundled library is either traced in its source's text
/// (where the text is public, may be redistributed and is kept beside the file)
/// or said not to be: `check` never passes over a quote in silence. None of the
/// library's texts is kept yet (the treaties' and UN documents' texts could not
/// be fetched where the library was written), so every quote is said untraced.
#[test]
fn every_quote_of_the_library_is_traced_or_said_not_to_be() {
    let mut files: Vec<_> = std::fs::read_dir(common::data(""))
        .expect("the library")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    let mut quotes_in_library = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("a library file");
        let file = stances::format::parse_position_file(&path.display().to_string(), &text).expect("parses");
        let quotes = file
            .sides
            .iter()
            .flat_map(|s| &s.demands)
            .filter(|d| d.quote.is_some() && d.source.is_some())
            .count();
        quotes_in_library += quotes;
        let (code, out) = check(&[path]);
        assert_eq!(code, 0, "{out}");
        let traced = stances::io::sources::sources_dir(path).is_dir();
        match quotes {
            0 => assert!(!out.contains("quote"), "{out}"),
            1 if !traced => assert!(
                out.contains("; 1 quote not traced (no source text beside the file"),
                "{out}"
            ),
            n if !traced => assert!(
                out.contains(&format!("; {n} quotes not traced (no source text beside the file")),
                "{out}"
            ),
            n => assert!(
                out.contains(&format!("; {n} quotes found in its source's text")),
                "{out}"
            ),
        }
    }
    assert!(
        quotes_in_library >= 15,
        "the library quotes its texts ({quotes_in_library} quotes)"
    );
}

/// `check` reads any file Stances reads the way the window does: a codebook is
/// checked as one, and a document or a spreadsheet is said to be one, with the
/// command that reads it, instead of a parse error about RON.
#[test]
fn check_tells_a_codebook_a_document_and_a_spreadsheet_apart() {
    let dir = tempfile::tempdir().unwrap();
    let codebook = write_temp(
        &dir,
        "ceasefire.codebook.ron",
        r##"(
    format: 1,
    id: "ceasefire-study",
    name: "Ceasefire study",
    statuses: [
        (id: "agreed", label: "Agreed", color: "#2f9e44", key: "1", description: "Both sides accept this point."),
        (id: "disputed", label: "Disputed", color: "#e03131", key: "2"),
    ],
)"##,
    );
    let (code, out) = check(&[&codebook]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("ceasefire.codebook.ron: ok (codebook “Ceasefire study”: 2 statuses)"),
        "{out}"
    );

    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (code, out) = check(&[&fixtures.join("sources/joint-statement.pdf")]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("joint-statement.pdf: this is a document (a source's text), not a Stances file; add it as a source with File › Add source…; `stances extract` reads it"),
        "{out}"
    );
    let (code, out) = check(&[&fixtures.join("import/positions.xlsx")]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("positions.xlsx: this is a spreadsheet, not a Stances file; read it with File › Import spreadsheet…; `stances import` reads it"),
        "{out}"
    );
}
