//! A demand's quote traced in the window: the details pane says whether it
//! stands in its source's text kept beside the file, and where, or what differs.

mod common;

use common::harness_with;
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_details_pane_says_whether_a_quote_stands_in_its_source() {
    let dir = tempfile::tempdir().expect("a folder");
    let positions = dir.path().join("talks.ron");
    std::fs::write(
        &positions,
        r#"(
    format: 1,
    sources: [(id: "joint", title: "Joint statement")],
    sides: [
        (id: "ua", name: "Ukraine", demands: [
            (id: "ua-prisoners", issue: "prisoners", text: "Exchange the wounded.", source: "joint",
             quote: "all prisoners of war who are seriously wounded"),
        ]),
        (id: "ru", name: "Russia", demands: [
            (id: "ru-memo", issue: "prisoners", text: "Memoranda first.", source: "joint",
             quote: "Стороны договорились обменяться меморандумами"),
        ]),
    ],
)"#,
    )
    .expect("written");
    std::fs::create_dir(dir.path().join("talks.sources")).expect("a folder");
    std::fs::write(
        dir.path().join("talks.sources/joint.txt"),
        "Joint statement\n\nThey agreed to exchange all prisoners of war who are severely wounded.\n\nСтороны договорились обменяться меморандумами.\n",
    )
    .expect("written");
    let mut harness = harness_with(vec![positions]);
    // Said on opening, before any demand is looked at.
    harness.get_by_label_contains("1 quote is not in its source's text: `ua-prisoners` (Ukraine).");

    harness.get_by_label("Russia: Memoranda first.").click();
    harness.run();
    harness.get_by_label_contains("✔ In its source, word for word (paragraph 3 of");

    harness.get_by_label("Ukraine: Exchange the wounded.").click();
    harness.run();
    let said = harness.get_by_label_contains("⚠ Not in its source");
    let said = format!("{said:?}");
    assert!(
        said.contains("`seriously` in the quote, `severely` in the source"),
        "{said}"
    );
}

/// A position file of two sides on one issue, with no sources yet.
fn talks(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("talks.ron");
    std::fs::write(
        &path,
        r#"(
    format: 1,
    negotiation: "Istanbul talks",
    issues: [(id: "memoranda", name: "Memoranda")],
    sides: [
        (id: "ua", name: "Ukraine", demands: [
            (id: "ua-1", issue: "memoranda", text: "Exchange memoranda."),
        ]),
        (id: "ru", name: "Russia", demands: [
            (id: "ru-1", issue: "memoranda", text: "Memoranda first."),
        ]),
    ],
)"#,
    )
    .expect("written");
    path
}

fn file_menu(harness: &mut egui_kittest::Harness<'static, stances::gui::StancesApp>, item: &str) {
    harness
        .get(
            egui_kittest::kittest::By::new()
                .label("File")
                .role(egui::accesskit::Role::Button),
        )
        .click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

/// File › Add source… with the fixture `name`, stepping the window until the
/// dialog has read it (on a worker thread).
fn add_source(harness: &mut egui_kittest::Harness<'static, stances::gui::StancesApp>, name: &str) {
    file_menu(harness, "Add source…");
    let path = common::fixture(name);
    common::answer_path_prompt(harness, "Path of the document", &path.display().to_string(), "Add");
    for _ in 0..4000 {
        let _ = harness.try_run();
        if harness.query_by_label_contains("Reading ").is_none() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the document was never read");
}

#[test]
fn a_demand_is_made_from_a_passage_of_an_added_source_and_its_quote_traced() {
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::By;

    let dir = tempfile::tempdir().expect("a folder");
    let mut harness = harness_with(vec![talks(dir.path())]);
    add_source(&mut harness, "sources/joint-statement.docx");
    // The document's own title, from its metadata, is offered.
    harness.get_by_label_contains("joint-statement.docx is a Word document (DOCX)");
    harness.get_by_label("Add").click();
    harness.run();

    // The text beside the columns, one paragraph a block; the Russian one is chosen whole.
    harness.get_by_label("Joint statement of the delegations (test fixture)");
    let russian = "Стороны договорились обменяться меморандумами о условиях прекращения огня.";
    harness
        .get(By::new().predicate(|node| node.value().is_some_and(|v| v == russian)))
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run();
    // The form is filled with the passage as quote and words; saved, it is Ukraine's demand.
    harness.get_by_label("Save changes").click();
    harness.run();
    harness.get_by_label(&format!("Ukraine: {russian}")).click();
    harness.run();
    harness.get_by_label_contains("✔ In its source, word for word (paragraph 4 of the text kept for the next save)");

    // Saved: the text and its origin's checksum beside the comparison.
    let saved = dir.path().join("talks.stances.ron");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    common::answer_path_prompt(&mut harness, "Path", &saved.display().to_string(), "Save");
    let kept_dir = dir.path().join("talks.sources");
    let document = std::fs::read_dir(&kept_dir)
        .expect("the sources' folder")
        .next()
        .expect("a document's folder")
        .expect("listed")
        .path();
    // Named by the source's id, made from its title.
    let text_file = document.join("joint-statement-of-the-delegations-test.txt");
    let text = std::fs::read_to_string(&text_file).expect("the source's text");
    assert!(text.contains(russian), "{text}");
    let sha = std::fs::read_to_string(text_file.with_extension("sha256")).expect("its checksum");
    assert!(sha.ends_with("  joint-statement.docx\n"), "{sha}");
    let (code, out, err) = common::run_stances(["check".as_ref(), "--strict".as_ref(), saved.as_os_str()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 quote found in its source's text"), "{out}");

    // Saved under another name elsewhere: the texts go along, and the quote is traced there.
    std::fs::create_dir(dir.path().join("elsewhere")).expect("a folder");
    let moved = dir.path().join("elsewhere/copy.stances.ron");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    // The prompt offers the open file's path: replaced by the new one.
    harness.get_by_label_contains("Path").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    common::answer_path_prompt(&mut harness, "Path", &moved.display().to_string(), "Save");
    let said = harness.state().notices_text().join("\n");
    assert!(
        said.contains("1 text of the sources copied beside the new file"),
        "{said}"
    );
    let (code, out, err) = common::run_stances(["check".as_ref(), "--strict".as_ref(), moved.as_os_str()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 quote found in its source's text"), "{out}");

    // A word changed in the kept text: the quote is said not found, and where it differs.
    std::fs::write(&text_file, text.replace("обменяться", "поделиться")).expect("written");
    let (code, out, _) = common::run_stances(["check".as_ref(), "--strict".as_ref(), saved.as_os_str()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("`обменяться` in the quote, `поделиться` in the source"),
        "{out}"
    );
}

#[test]
fn a_scanned_pdf_is_said_to_have_no_text_and_nothing_is_added() {
    use egui::{Key, Modifiers};

    let dir = tempfile::tempdir().expect("a folder");
    let mut harness = harness_with(vec![talks(dir.path())]);
    add_source(&mut harness, "sources/scanned-page.pdf");
    harness.get_by_label_contains("no text in it, only images of pages (a scan?)");
    harness.get_by_label("Close").click();
    harness.run();
    // Nothing was added: there is nothing to undo.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label("Ukraine: Exchange memoranda.");
    assert!(harness.query_by_label_contains("Add source").is_none());
}

/// A source added and not saved yet survives a crash: its text is kept beside
/// the autosave, and restoring the work brings it back for the next save.
#[test]
fn an_added_sources_text_comes_back_with_the_autosaved_work() {
    use egui::{Key, Modifiers};

    let dir = tempfile::tempdir().expect("a folder");
    let autosave_dir = dir.path().join("autosave");
    {
        let mut harness = common::harness_with_autosave(vec![talks(dir.path())], Some(autosave_dir.clone()));
        add_source(&mut harness, "sources/joint-statement.docx");
        harness.get_by_label("Add").click();
        harness.run();
        harness.run();
        // The window goes without closing, as in a crash: the autosave stays.
    }
    let mut harness = common::harness_with_autosave(vec![], Some(autosave_dir));
    harness.get_by_label("Restore unsaved work?");
    harness.get_by_label("Restore").click();
    harness.run();
    let notices = harness.state().notices_text();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("Restored the autosaved work, with the 1 source's text added before it closed.")),
        "{notices:?}"
    );
    let saved = dir.path().join("restored.stances.ron");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    common::answer_path_prompt(&mut harness, "Path", &saved.display().to_string(), "Save");
    let document = std::fs::read_dir(dir.path().join("restored.sources"))
        .expect("the sources' folder beside the saved file")
        .next()
        .expect("a document's folder")
        .expect("listed")
        .path();
    let text = std::fs::read_to_string(document.join("joint-statement-of-the-delegations-test.txt"))
        .expect("the source's text, saved after the crash");
    assert!(text.contains("Стороны договорились обменяться меморандумами"), "{text}");
}
