//! The classroom, driven as a teacher would: the welcome screen's library of
//! negotiations; presentation mode (F5, step through the title and the issues with
//! marks hidden then revealed, back, jump to an issue, switch hidden marks off, and
//! Esc back to the window as it was).

mod common;

use common::{fixture, harness_of, harness_with, open_founding_example};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use stances::gui::StancesApp;

const UA_CEASEFIRE: &str = "A full and unconditional ceasefire on land, at sea and in the air for at least 30 days.";
/// The ceasefire demand's card in the columns (side, then text).
const UA_CEASEFIRE_CARD: &str =
    "Ukraine: A full and unconditional ceasefire on land, at sea and in the air for at least 30 days.";
const ALICE_NOTE: &str = "30 days everywhere vs. 2–3 days in chosen sectors";

fn press(harness: &mut Harness<'static, StancesApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn file_menu_shown(harness: &Harness<'static, StancesApp>) -> bool {
    harness.query(By::new().label("File").role(Role::Button)).is_some()
}

#[test]
fn a_presentation_steps_through_issues_revealing_marks_and_esc_restores_the_window() {
    // alice's coding of the Istanbul round: marks with notes.
    let mut harness = harness_with(vec![fixture("study/alice.stances.ron")]);
    let zoom = harness.ctx.zoom_factor();
    assert!(file_menu_shown(&harness));

    press(&mut harness, Key::F5);
    assert!(!file_menu_shown(&harness), "menus are hidden while presenting");
    harness.get_by_label("Russia-Ukraine direct talks");
    harness.get_by_label_contains("Title · 9 issues to come");
    assert!(harness.ctx.zoom_factor() > zoom, "type is larger on a projector");

    // Issue 1: the demands, marks hidden so that the class can guess first.
    press(&mut harness, Key::Space);
    harness.get_by_label("Issue 1 of 9 · marks hidden");
    harness.get_by_label("Ceasefire");
    harness.get_by_label(UA_CEASEFIRE);
    assert!(harness.query_by_label(ALICE_NOTE).is_none());
    assert!(harness.query_by_label("Disputed").is_none());

    // The next step reveals alice's marks and notes.
    press(&mut harness, Key::ArrowRight);
    harness.get_by_label("Issue 1 of 9 · marks revealed");
    assert!(harness.get_all_by_label(ALICE_NOTE).count() >= 1);
    assert!(harness.get_all_by_label("Disputed").count() >= 1);

    // Back hides them again.
    press(&mut harness, Key::ArrowLeft);
    harness.get_by_label("Issue 1 of 9 · marks hidden");
    assert!(harness.query_by_label(ALICE_NOTE).is_none());

    // A number then Enter jumps to that issue.
    press(&mut harness, Key::Num4);
    harness.get_by_label_contains("Go to issue 4");
    press(&mut harness, Key::Enter);
    harness.get_by_label("Issue 4 of 9 · marks hidden");
    harness.get_by_label("Children");

    // End and Home go to the ends; alice marked nothing on the last issue, so
    // it has no step revealing marks.
    press(&mut harness, Key::End);
    harness.get_by_label("Issue 9 of 9 · no mark to reveal");
    press(&mut harness, Key::Home);
    harness.get_by_label_contains("Title ·");

    // With "hide marks" off, each issue is one step, marks shown at once.
    press(&mut harness, Key::M);
    press(&mut harness, Key::PageDown);
    harness.get_by_label("Issue 1 of 9");
    assert!(harness.get_all_by_label(ALICE_NOTE).count() >= 1);

    press(&mut harness, Key::Escape);
    assert!(file_menu_shown(&harness), "Esc leaves the presentation");
    assert!(harness.query_by_label("Issue 1 of 9").is_none());
    assert!(
        (harness.ctx.zoom_factor() - zoom).abs() < 1e-6,
        "the window's own zoom is back"
    );
}

#[test]
fn five_sides_fit_side_by_side_on_a_projector() {
    let mut harness = harness_of([1280.0, 720.0], common::options(vec![fixture("five-sides.ron")]));
    press(&mut harness, Key::F5);
    press(&mut harness, Key::Space);
    harness.get_by_label_contains("Issue 1 of");
    // Every side's name is on screen, none cut off at the window's edge.
    let cmp = harness.state().comparison();
    let names: Vec<String> = (0..cmp.side_count()).map(|s| cmp.side_label(s)).collect();
    let width = harness.ctx.content_rect().width();
    for name in names {
        let node = harness.get_by_label(&name);
        let rect = node.rect();
        assert!(rect.max.x <= width + 0.5, "{name} ends at {} of {width}", rect.max.x);
    }
}

#[test]
fn the_welcome_screen_lists_the_library_and_a_card_opens_its_example() {
    let mut harness = harness_with(vec![]);
    harness.get_by_label("Welcome to Stances");
    assert_eq!(harness.state().window_title(), "Stances");
    // Every negotiation of the library has a card; the founding example comes first.
    for card in stances::gui::examples::cards() {
        let label = format!("Open {}, {}", card.title, card.when);
        harness.get_by_label(&label);
    }
    harness
        .get_by_label("Open Oslo I (Israel–PLO), Declaration of Principles, 13 September 1993")
        .click();
    harness.run();
    assert!(harness.query_by_label("Welcome to Stances").is_none());
    let cmp = harness.state().comparison();
    assert_eq!(cmp.documents().len(), 1);
    assert_eq!(cmp.documents()[0].path, "data/oslo-1993-09-13.ron");
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("Untitled comparison of oslo-1993-09-13.ron"),
        "a new, untitled comparison: {}",
        harness.state().window_title()
    );
}

#[test]
fn help_welcome_screen_goes_back_to_the_open_comparison() {
    let mut harness = harness_with(vec![]);
    open_founding_example(&mut harness);
    harness.get_by_label(UA_CEASEFIRE_CARD);
    harness.get(By::new().label("Help").role(Role::Button)).click();
    harness.run();
    harness.get_by_label("Welcome screen").click();
    harness.run();
    harness.get_by_label("Welcome to Stances");
    harness
        .get_by_label_contains("Back to Untitled comparison of istanbul-2025-06-02.ron")
        .click();
    harness.run();
    assert!(harness.query_by_label("Welcome to Stances").is_none());
    harness.get_by_label(UA_CEASEFIRE_CARD);
}

/// F1 lists every command in the order files, editing, marking, view,
/// presentation, with zoom and theme among them.
#[test]
fn the_shortcut_sheet_lists_every_command_in_a_sensible_order() {
    let mut harness = harness_with(vec![]);
    open_founding_example(&mut harness);
    press(&mut harness, Key::F1);
    assert!(
        harness.get_all_by_label("Keyboard shortcuts").count() >= 2,
        "the sheet is open"
    );
    let mut last_y = f32::MIN;
    for group in ["Files", "Editing", "Marking", "View and zoom", "Presentation"] {
        let y = harness.get_by_label(group).rect().min.y;
        assert!(y > last_y, "{group} comes after the group before it");
        last_y = y;
    }
    for command in stances::gui::Command::ALL {
        assert!(
            harness.get_all_by_label(command.label()).count() >= 1,
            "{} is on the sheet",
            command.label()
        );
    }
    harness.get_by_label("Zoom in, zoom out, back to 100 %");
    harness.get_by_label("Light or dark theme");
    harness.get_by_label("While presenting: go to issue N");
}

/// A screen reader finds a demand by its side and text, and reads its issue,
/// its marks' statuses and their notes.
#[test]
fn a_screen_reader_reads_a_demands_issue_status_and_note() {
    let harness = harness_with(vec![fixture("study/alice.stances.ron")]);
    let card = harness.get_by_label(UA_CEASEFIRE_CARD);
    let value = card.value().unwrap_or_default();
    assert!(value.starts_with("Issue: Ceasefire"), "{value}");
    assert!(value.contains("Disputed"), "{value}");
    assert!(value.contains(&format!("Note: {ALICE_NOTE}")), "{value}");
}

#[test]
fn ctrl_0_while_presenting_returns_to_the_presentations_own_size() {
    let mut harness = harness_with(vec![fixture("study/alice.stances.ron")]);
    let window_zoom = harness.ctx.zoom_factor();
    press(&mut harness, Key::F5);
    let presenting = harness.ctx.zoom_factor();
    assert!(presenting > window_zoom, "a presentation starts larger");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert!(harness.ctx.zoom_factor() > presenting);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert_eq!(
        harness.ctx.zoom_factor(),
        presenting,
        "Ctrl+0: the presentation's size, not 100 %"
    );
    press(&mut harness, Key::Escape);
    assert_eq!(
        harness.ctx.zoom_factor(),
        window_zoom,
        "leaving restores the window's zoom"
    );
}
