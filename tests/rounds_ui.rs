//! The rounds, values and overview views driven through the real window: two
//! rounds built for the test compared demand by demand, a suggested match
//! confirmed (undone, redone, saved and found again); the founding example's
//! ceasefire gap stated; a click on an overview cell selecting that issue's demand.

mod common;

use common::{answer_path_prompt, data, fixture, harness_on_example, harness_with};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

const ROWS: [&str; 9] = [
    "ua-ceasefire: kept",
    "ua-prisoners: changed (priority)",
    "ua-leaders-meeting: added",
    "ua-children: added",
    "ua-summit: not restated",
    "ua-sanctions: not restated",
    "ru-truce: changed (value)",
    "ru-memorandum: kept",
    "ru-territory: kept",
];

fn rounds_harness() -> egui_kittest::Harness<'static, stances::gui::StancesApp> {
    let mut harness = harness_with(vec![fixture("rounds/old.ron"), fixture("rounds/new.ron")]);
    harness.get_by_label("Compare rounds").click();
    harness.run();
    harness
}

#[test]
fn comparing_two_rounds_shows_each_demands_change() {
    let harness = rounds_harness();
    for row in ROWS {
        harness.get_by_label(row);
    }
    // Ukraine lowered a priority; Russia's truce moved towards Ukraine's 30 days.
    harness.get_by_label("priority lowered from High to Medium");
    harness.get_by_label("range moved towards Ukraine: the gap to Ukraine went from 27 to 23 days (its own value went from 2–3 days to 2–7 days)");
    harness.get_by_label("ua-summit → ua-leaders-meeting");
}

#[test]
fn a_confirmed_suggestion_matches_the_demands_and_is_saved() {
    let mut harness = rounds_harness();
    harness.get_by_label("Confirm match").click();
    harness.run();
    harness.get_by_label("ua-leaders-meeting: changed (text)");
    assert!(
        harness.query_by_label("ua-summit: not restated").is_none(),
        "matched, so not dropped"
    );
    assert!(
        harness.query_by_label("Confirm match").is_none(),
        "nothing left to suggest"
    );
    assert!(harness.state().has_unsaved_work(), "a decision is work to save");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label("ua-summit: not restated");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    harness.get_by_label("ua-leaders-meeting: changed (text)");

    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("rounds.stances.ron");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    answer_path_prompt(
        &mut harness,
        "Path to save to",
        saved.to_str().expect("UTF-8 path"),
        "Save",
    );

    let mut reopened = harness_with(vec![saved]);
    reopened.get_by_label("Compare rounds").click();
    reopened.run();
    reopened.get_by_label("ua-leaders-meeting: changed (text)");
    reopened.get_by_label("matched by you");
}

#[test]
fn a_rejected_suggestion_goes_and_a_dropped_demand_is_matched_by_hand() {
    let mut harness = rounds_harness();
    harness.get_by_label("Reject").click();
    harness.run();
    assert!(harness.query_by_label("Confirm match").is_none());
    harness.get_by_label("ua-summit: not restated");

    // ua-sanctions "continues as" ua-children, drawn by hand.
    harness.get_by_label("Match ua-sanctions with…").click();
    harness.run();
    harness
        .get_by_label_contains("ua-children: Return of all children")
        .click();
    harness.run();
    harness.get_by_label("ua-children: changed (text, priority)");
    harness.get_by_label("Unmatch").click();
    harness.run();
    harness.get_by_label("ua-children: added");
}

#[test]
fn the_values_view_states_the_founding_examples_ceasefire_gap() {
    let mut harness = harness_on_example();
    harness.get_by_label("Values").click();
    harness.run();
    harness.get_by_label("• Ukraine at least 30 days; Russia 2–3 days: a gap of 27 days");

    // The same in the details pane, for the selected issue.
    harness.get_by_label("Columns").click();
    harness.run();
    harness.get_by_label(common::UA_CEASEFIRE).click();
    harness.run();
    harness.get_by_label("Values on Ceasefire (days)");
    harness.get_by_label("• Ukraine at least 30 days; Russia 2–3 days: a gap of 27 days");
}

#[test]
fn clicking_an_overview_cell_selects_that_issues_demands_in_the_columns() {
    let mut harness = harness_on_example();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    harness.get_by_label_contains("Children, Russia: No stated position");
    harness
        .get_by_label_contains("Prisoners of war, Russia: 1 demand")
        .click();
    harness.run();
    harness.get_by_label("1 demand selected");
    assert_eq!(harness.state().selection().len(), 1, "the cell's demand is selected");
    let selected = harness.state().selection()[0];
    let cmp = harness.state().comparison();
    assert_eq!(cmp.side(selected.side as usize).name, "Russia");
    assert_eq!(cmp.demand(selected).issue, "prisoners");
    harness.get_by_label(common::RU_PRISONERS);
}

#[test]
fn compare_rounds_with_one_file_says_what_to_add() {
    let mut harness = harness_with(vec![data("istanbul-2025-06-02.ron")]);
    harness.get_by_label("Compare rounds").click();
    harness.run();
    harness.get_by_label_contains("Comparing rounds needs two position files");
    harness.get_by_label("Add position files…");
}

#[test]
fn kinds_of_change_can_be_left_out_of_the_list() {
    let mut harness = rounds_harness();
    harness.get_by_label("ua-ceasefire: kept");
    harness.get_by_label("Kept").click();
    harness.run();
    assert!(
        harness.query_by_label("ua-ceasefire: kept").is_none(),
        "kept demands are no longer listed"
    );
    harness.get_by_label("ua-prisoners: changed (priority)");
    harness.get_by_label("Kept").click();
    harness.run();
    harness.get_by_label("ua-ceasefire: kept");
}

/// Large rounds list a hundred demands a side at a time, so a frame stays cheap.
#[test]
fn large_rounds_list_a_page_of_each_side_and_show_more_on_asking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = stances::model::synthetic::position_file(&stances::model::synthetic::Spec {
        sides: 1,
        demands: 150,
        issues: 5,
        seed: 7,
        language: stances::model::synthetic::Language::English,
    });
    let text = ron::ser::to_string_pretty(&data, ron::ser::PrettyConfig::new().struct_names(false)).expect("writes");
    let old = common::write_temp(&dir, "old.ron", &text);
    let new = common::write_temp(&dir, "new.ron", &text);
    let mut harness = harness_with(vec![old, new]);
    harness.get_by_label("Compare rounds").click();
    harness.run();
    let id = |n: usize| format!("{}: kept", data.sides[0].demands[n].id);
    harness.get_by_label(&id(99));
    assert!(
        harness.query_by_label(&id(100)).is_none(),
        "the 101st is not listed yet"
    );
    harness.get_by_label("Show 50 more of 50 left").scroll_to_me();
    harness.run();
    harness.get_by_label("Show 50 more of 50 left").click();
    harness.run();
    harness.get_by_label(&id(100));
    harness.get_by_label(&id(149));
}

/// The details pane's values are the selected demand's round: Russia's truce of
/// the second round (2–7 days) is set against Ukraine's second-round 30 days,
/// not against the first round's 2–3 days.
#[test]
fn the_details_pane_shows_the_values_of_the_selected_demands_round() {
    let mut harness = rounds_harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    // The later round's card is the last of the two with this text.
    harness
        .get_all_by_label_contains("A truce of two to three days in chosen sectors.")
        .last()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("Values on Ceasefire (days)");
    harness.get_by_label_contains("2–7 days: a gap of 23 days");
    assert!(
        harness.query_by_label_contains("2–3 days: a gap of 27 days").is_none(),
        "the first round's range is not on the second round's axis"
    );
}
