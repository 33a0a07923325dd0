//! Started by a double-click: the desktop entry runs `stances %F`, so the file
//! arrives as the only argument and no terminal shows what goes wrong. What was
//! double-clicked opens; what cannot be read is said in the window.

mod common;

use common::{data, fixture, harness_of, options, write_temp};
use egui_kittest::kittest::Queryable as _;

const SIZE: [f32; 2] = [1280.0, 720.0];

#[test]
fn a_double_clicked_comparison_opens_with_its_marks() {
    let path = fixture("istanbul-v2.stances.ron");
    let harness = harness_of(SIZE, options(vec![path]));
    assert_eq!(harness.state().window_title(), "istanbul-v2.stances.ron — Stances");
    harness.get_by_label_contains("A full and unconditional ceasefire");
    assert!(harness.state().comparison().marks().len() > 0, "its marks came with it");
    assert_eq!(harness.state().errors().count(), 0);
}

#[test]
fn a_double_clicked_position_file_opens_as_a_new_comparison() {
    let harness = harness_of(SIZE, options(vec![data("colombia-farc-2016-11-24.ron")]));
    assert_eq!(
        harness.state().window_title(),
        "Untitled comparison of colombia-farc-2016-11-24.ron — Stances"
    );
    harness.get_by_label("The campaign for No");
}

#[test]
fn a_broken_file_is_said_in_the_window_not_on_a_terminal() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = std::fs::read_to_string(fixture("istanbul-v2.stances.ron")).expect("the fixture");
    // Half a file, as an interrupted copy from a USB stick leaves it.
    let broken = write_temp(&dir, "half.stances.ron", &text[..text.len() / 2]);
    let harness = harness_of(SIZE, options(vec![broken]));
    let errors: Vec<String> = harness.state().errors().map(str::to_owned).collect();
    assert!(
        errors.iter().any(|e| e.contains("half.stances.ron:")),
        "the file and where it breaks are named: {errors:?}"
    );
    // In the message strip at the bottom of the window, over the welcome screen.
    harness.get_by_label_contains("half.stances.ron:");
    harness.get_by_label("Welcome to Stances");
}

#[test]
fn a_file_gone_since_the_double_click_is_said_too() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let gone = dir.path().join("moved away.stances.ron");
    let harness = harness_of(SIZE, options(vec![gone]));
    let errors: Vec<String> = harness.state().errors().map(str::to_owned).collect();
    assert!(
        errors.iter().any(|e| e.contains("moved away.stances.ron")),
        "{errors:?}"
    );
    harness.get_by_label_contains("moved away.stances.ron");
}

#[test]
fn help_opens_the_users_guide_in_the_browser() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::By;
    let mut harness = harness_of(SIZE, options(Vec::new()));
    harness.get(By::new().label("Help").role(Role::Button)).click();
    harness.run();
    harness.get_by_label("User's guide").click();
    // The command is given in the frame that handles the click.
    harness.step();
    let asked: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::OpenUrl(url) => Some(url.url.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(asked, [stances::gui::GUIDE_URL]);
    assert!(stances::gui::GUIDE_URL.ends_with("docs/guide/src/introduction.md"));
    assert!(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide/src/introduction.md")).is_file(),
        "the page it opens is in the repository"
    );
}
