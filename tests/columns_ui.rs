//! Every side in its own column: five sides aligned, columns hidden and reordered,
//! marks across columns, two rounds of the same talks side by side — saved and reopened.

mod common;

use common::{answer_path_prompt, data, fixture, harness_wide};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

const IRAN: &str = "Iran: Keep enriching uranium at home.";
const US: &str = "United States: Cap enrichment at 3.67 per cent.";
const RUSSIA: &str = "Russia: Take enriched uranium out of the country.";
const CHINA: &str = "China: Lift sanctions step by step.";
const E3: &str = "E3/EU (France, Germany, United Kingdom, European Union)";

#[test]
fn five_sides_in_aligned_columns_hidden_reordered_marked_saved_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("five.stances.ron");
    let mut harness = harness_wide(vec![fixture("five-sides.ron")], 2200.0);

    // Five columns, left to right in file order, the same issue at the same height.
    let headers: Vec<f32> = ["Iran", "United States", E3, "Russia", "China"]
        .iter()
        .map(|name| harness.get_by_label(name).rect().left())
        .collect();
    assert!(headers.windows(2).all(|w| w[0] < w[1]), "{headers:?}");
    let iran = harness.get_by_label(IRAN).rect();
    assert_eq!(iran.top(), harness.get_by_label(US).rect().top());
    assert_eq!(iran.top(), harness.get_by_label(RUSSIA).rect().top());
    assert!(harness.query_all_by_label("No stated position").count() >= 2);
    // The negotiation is named in the window, not only in the title bar.
    harness.get_by_label("Five-party test talks");

    // Hide China.
    harness.get_by_label("Column options for China").click();
    harness.run();
    harness.get_by_label("Hide column").click();
    harness.run();
    assert!(harness.query_by_label(CHINA).is_none(), "China's column is hidden");
    harness.get_by_label("Hidden column: China");

    // Move Russia left of the E3/EU.
    harness.get_by_label("Column options for Russia").click();
    harness.run();
    harness.get_by_label("Move left").click();
    harness.run();
    assert!(harness.get_by_label("Russia").rect().left() < harness.get_by_label(E3).rect().left());
    assert!(
        !harness.state().has_unsaved_work(),
        "arranging columns is not unsaved work"
    );

    // Mark Iran's demand (column 1) with Russia's (now column 3).
    harness.get_by_label(IRAN).click();
    harness.run();
    harness.get_by_label(RUSSIA).click_modifiers(Modifiers::COMMAND);
    harness.run();
    harness.key_press(Key::Num3);
    harness.run();
    harness.get_by_label("Disputed 1");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    answer_path_prompt(&mut harness, "Path to save to", saved.to_str().unwrap(), "Save");
    assert!(saved.exists(), "{:?}", harness.state().notices_text());
    let coder = harness.state().coder().to_owned();

    // Reopened: the mark, its coder, the column order and the hidden column are back.
    let mut reopened = harness_wide(vec![saved], 2200.0);
    reopened.get_by_label("Disputed 1");
    assert!(reopened.get_by_label("Russia").rect().left() < reopened.get_by_label(E3).rect().left());
    assert!(reopened.query_by_label(CHINA).is_none());
    reopened.get_by_label(IRAN).click();
    reopened.run();
    reopened.get_by_label(&format!("Coded by {coder}"));
}

#[test]
fn a_mark_whose_partner_is_in_a_hidden_column_says_where_it_is() {
    let mut harness = harness_wide(vec![fixture("five-sides.ron")], 2200.0);
    harness.get_by_label(IRAN).click();
    harness.run();
    harness.get_by_label(US).click_modifiers(Modifiers::COMMAND);
    harness.run();
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label("Column options for United States").click();
    harness.run();
    harness.get_by_label("Hide column").click();
    harness.run();
    let card = harness.get_by_label(IRAN);
    let value = card.value().unwrap_or_default();
    assert!(value.contains("with United States (hidden column)"), "{value}");
    // The View menu shows it again.
    harness.get_by_label("Show all columns").click();
    harness.run();
    harness.get_by_label(US);
}

#[test]
fn two_rounds_with_the_same_side_ids_open_side_by_side_and_their_marks_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("rounds.stances.ron");
    let mut harness = harness_wide(
        vec![data("istanbul-2025-05-16.ron"), data("istanbul-2025-06-02.ron")],
        2200.0,
    );
    assert_eq!(harness.state().comparison().side_count(), 4);
    // Sides of the same name are told apart by their round.
    harness.get_by_label("Ukraine · Istanbul, first round");
    harness.get_by_label("Ukraine · Istanbul, second round");
    let may = "Ukraine · Istanbul, first round: A full and unconditional ceasefire for at least 30 days, as proposed by Ukraine and its European partners.";
    let june = "Ukraine · Istanbul, second round: A full and unconditional ceasefire on land, at sea and in the air for at least 30 days.";
    assert_eq!(
        harness.get_by_label(may).rect().top(),
        harness.get_by_label(june).rect().top(),
        "the same issue sits at the same height in both rounds"
    );
    harness.get_by_label(may).click();
    harness.run();
    harness.get_by_label(june).click_modifiers(Modifiers::COMMAND);
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    answer_path_prompt(&mut harness, "Path to save to", saved.to_str().unwrap(), "Save");

    let mut reopened = harness_wide(vec![saved], 2200.0);
    reopened.get_by_label("Agreed 1");
    reopened.get_by_label(may).click();
    reopened.run();
    reopened.get_by_label("Marked Agreed, covering 2 demands");
}

#[test]
fn hiding_the_details_pane_fits_five_columns_in_1280_points() {
    let mut harness = common::harness_of(
        [1280.0, 720.0],
        common::options(vec![common::fixture("five-sides.ron")]),
    );
    // With the details pane, the fifth column runs under it.
    let pane_left = harness.get_by_label("Details").rect().min.x;
    let past = |harness: &egui_kittest::Harness<'_, stances::gui::StancesApp>, limit: f32| {
        let cmp = harness.state().comparison();
        (0..cmp.side_count())
            .map(|s| cmp.side_label(s))
            .filter(|name| {
                harness
                    .query_by_label(name)
                    .is_none_or(|n| n.rect().max.x > limit + 0.5)
            })
            .count()
    };
    assert!(
        past(&harness, pane_left) > 0,
        "with the details pane, five columns do not fit"
    );
    harness.key_press(egui::Key::F9);
    harness.run();
    harness.run();
    let width = harness.ctx.content_rect().width();
    assert_eq!(
        past(&harness, width),
        0,
        "without it, every column is inside the window"
    );
    assert!(
        harness.query_by_label("Details").is_none(),
        "the details pane is hidden"
    );
    // View › Details pane brings it back.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Details pane").click();
    harness.run();
    harness.get_by_label("Details");
}
