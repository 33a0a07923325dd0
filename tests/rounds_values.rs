//! The model of rounds, values and the overview, on files built for the tests and
//! on the founding example: what moved between two rounds (and what the user's
//! decisions change), how far apart values are, and the matrix of issues × sides.

mod common;

use common::{data, fixture};
use stances::format::comparison_file::{format_for, parse, to_ron};
use stances::format::parse_position_file;
use stances::model::overview::overview;
use stances::model::rounds::{Change, DiffPart, Direction, Field, RoundDemand, RoundLink, word_diff};
use stances::model::values::{all_axes, axes_for_issue, statement};
use stances::model::{Comparison, Document, Priority};

fn positions(path: &std::path::Path) -> stances::model::PositionFile {
    parse_position_file("test", &std::fs::read_to_string(path).expect("reads")).expect("parses")
}

fn test_rounds() -> Comparison {
    Comparison::from_positions(vec![
        ("rounds/old.ron".into(), positions(&fixture("rounds/old.ron"))),
        ("rounds/new.ron".into(), positions(&fixture("rounds/new.ron"))),
    ])
    .expect("builds")
}

fn link(old: &str, new: &str) -> RoundLink {
    RoundLink {
        old: RoundDemand::new(&old[..2], old),
        new: RoundDemand::new(&new[..2], new),
    }
}

/// The change of the new round's demand `id` (or the old round's, if dropped).
fn change_of(cmp: &Comparison, id: &str) -> (Change, Vec<Field>) {
    let changes = cmp.compare_documents(0, 1);
    let (old, new) = (&cmp.documents()[0].data, &cmp.documents()[1].data);
    for side in &changes.sides {
        for c in &side.changes {
            // The id in the new round, or in the old for a dropped demand.
            if side.demand_of(c, old, new).is_some_and(|d| d.id == id) {
                return (c.change, c.fields.clone());
            }
        }
    }
    panic!("no demand {id}");
}

#[test]
fn each_demand_of_the_test_rounds_gets_its_change() {
    let cmp = test_rounds();
    assert_eq!(change_of(&cmp, "ua-ceasefire"), (Change::Kept, vec![]));
    assert_eq!(
        change_of(&cmp, "ua-prisoners"),
        (Change::Changed, vec![Field::Priority])
    );
    assert_eq!(change_of(&cmp, "ua-leaders-meeting"), (Change::Added, vec![]));
    assert_eq!(change_of(&cmp, "ua-summit"), (Change::NotRestated, vec![]));
    assert_eq!(change_of(&cmp, "ru-truce"), (Change::Changed, vec![Field::Value]));

    let changes = cmp.compare_documents(0, 1);
    let ukraine = &changes.sides[0];
    assert_eq!(ukraine.movements(Direction::Concession), 1);
    assert_eq!(ukraine.suggestions.len(), 1, "{:?}", ukraine.suggestions);
    let russia = &changes.sides[1];
    assert_eq!(
        russia.movements(Direction::Concession),
        1,
        "the truce moved towards Ukraine's 30 days"
    );
}

#[test]
fn confirming_a_suggestion_matches_the_demands_and_undo_unmatches_them() {
    let mut doc = Document::new(test_rounds());
    let edit = doc
        .comparison()
        .round_decision_edit("old", "new", |d| d.confirm(link("ua-summit", "ua-leaders-meeting")))
        .expect("an edit");
    doc.apply(edit, None).expect("applies");
    assert_eq!(
        change_of(doc.comparison(), "ua-leaders-meeting"),
        (Change::Changed, vec![Field::Text])
    );
    assert!(doc.comparison().compare_documents(0, 1).sides[0].suggestions.is_empty());
    assert_eq!(format_for(doc.comparison()), 4, "decisions are written in format 4");

    let back = parse("x.stances.ron", &to_ron(doc.comparison()).expect("writes")).expect("reads back");
    assert_eq!(back.rounds(), doc.comparison().rounds());

    doc.undo().expect("undoes");
    assert_eq!(
        change_of(doc.comparison(), "ua-leaders-meeting"),
        (Change::Added, vec![])
    );
    assert_eq!(
        format_for(doc.comparison()),
        2,
        "no decision left: the older format again"
    );
}

#[test]
fn a_rejected_suggestion_is_not_suggested_again_and_a_match_can_be_drawn_by_hand() {
    let mut doc = Document::new(test_rounds());
    let reject = doc
        .comparison()
        .round_decision_edit("old", "new", |d| d.reject(link("ua-summit", "ua-leaders-meeting")))
        .expect("an edit");
    doc.apply(reject, None).expect("applies");
    assert!(doc.comparison().compare_documents(0, 1).sides[0].suggestions.is_empty());

    // By hand: the dropped sanctions demand "continues" as the children's one.
    let draw = doc
        .comparison()
        .round_decision_edit("old", "new", |d| d.confirm(link("ua-sanctions", "ua-children")))
        .expect("an edit");
    doc.apply(draw, None).expect("applies");
    let (change, fields) = change_of(doc.comparison(), "ua-children");
    assert_eq!(change, Change::Changed);
    assert_eq!(fields, [Field::Text, Field::Priority]);

    let unmatch = doc
        .comparison()
        .round_decision_edit("old", "new", |d| d.unmatch(&link("ua-sanctions", "ua-children")))
        .expect("an edit");
    doc.apply(unmatch, None).expect("applies");
    assert_eq!(change_of(doc.comparison(), "ua-children").0, Change::Added);
}

#[test]
fn the_format_4_fixture_loads_with_its_decisions() {
    let text = std::fs::read_to_string(fixture("rounds-v4.stances.ron")).expect("reads");
    let cmp = parse("rounds-v4.stances.ron", &text).expect("loads");
    assert_eq!(cmp.rounds().len(), 1);
    assert_eq!(cmp.rounds()[0].matches, [link("ua-summit", "ua-leaders-meeting")]);
    assert_eq!(change_of(&cmp, "ua-leaders-meeting").0, Change::Changed);
}

#[test]
fn a_round_compared_with_itself_is_refused_with_its_place() {
    let text = std::fs::read_to_string(fixture("rounds-v4.stances.ron"))
        .expect("reads")
        .replacen(
            "new: \"new\",\n            matches",
            "new: \"old\",\n            matches",
            1,
        );
    let err = parse("x.stances.ron", &text).unwrap_err().to_string();
    assert!(err.contains("`old` and `new` are both `old`"), "{err}");
    assert!(err.contains("x.stances.ron:26"), "located: {err}");
}

#[test]
fn word_diff_marks_removed_and_added_words() {
    let parts = word_diff(
        "A meeting of the presidents.",
        "A meeting of the presidents before June.",
    );
    assert!(
        parts.contains(&DiffPart::Added(" before June".into()))
            || parts
                .iter()
                .any(|p| matches!(p, DiffPart::Added(t) if t.contains("before"))),
        "{parts:?}"
    );
    assert!(!parts.iter().any(|p| matches!(p, DiffPart::Removed(_))), "{parts:?}");
}

#[test]
fn the_founding_examples_ceasefire_gap_is_stated() {
    let cmp = Comparison::from_positions(vec![(
        "istanbul-2025-06-02.ron".into(),
        positions(&data("istanbul-2025-06-02.ron")),
    )])
    .expect("builds");
    let ceasefire = cmp.issue_index("ceasefire").expect("issue");
    let axes = axes_for_issue(&cmp, ceasefire, &cmp.visible_sides());
    assert_eq!(axes.len(), 1);
    assert_eq!(axes[0].unit, "days");
    let said: Vec<String> = axes[0].pairs.iter().map(|p| statement(&cmp, p)).collect();
    assert_eq!(said, ["Ukraine at least 30 days; Russia 2–3 days: a gap of 27 days"]);
    assert!(
        all_axes(&cmp, &cmp.visible_sides())
            .iter()
            .any(|a| a.issue == ceasefire)
    );
}

#[test]
fn two_rounds_are_compared_within_each_round_not_across() {
    // Both Istanbul rounds: Ukraine's 30 days sits in both, Russia's 2–3 days in June only.
    let cmp = Comparison::from_positions(vec![
        (
            "istanbul-2025-05-16.ron".into(),
            positions(&data("istanbul-2025-05-16.ron")),
        ),
        (
            "istanbul-2025-06-02.ron".into(),
            positions(&data("istanbul-2025-06-02.ron")),
        ),
    ])
    .expect("builds");
    let ceasefire = cmp.issue_index("ceasefire").expect("issue");
    let axes = axes_for_issue(&cmp, ceasefire, &cmp.visible_sides());
    let said: Vec<String> = axes
        .iter()
        .flat_map(|a| a.pairs.iter().map(|p| statement(&cmp, p)))
        .collect();
    assert_eq!(
        said,
        [
            "Ukraine · Istanbul, second round at least 30 days; Russia · Istanbul, second round 2–3 days: a gap of 27 days"
        ]
    );
}

#[test]
fn units_differing_only_in_case_and_spaces_compare_and_others_never() {
    let text = r#"(format: 1, sides: [
        (id: "a", name: "A", demands: [(id: "a1", issue: "troops", text: "x", value: (min: 10, max: 15, unit: "Years")),
                                       (id: "a2", issue: "troops", text: "y", value: (min: 5, unit: "km"))]),
        (id: "b", name: "B", demands: [(id: "b1", issue: "troops", text: "z", value: (min: 5, max: 12, unit: " years "))]),
    ])"#;
    let cmp = Comparison::from_positions(vec![("t.ron".into(), parse_position_file("t", text).expect("parses"))])
        .expect("builds");
    let axes = axes_for_issue(&cmp, 0, &cmp.visible_sides());
    assert_eq!(axes.len(), 1, "km has no partner");
    assert_eq!(
        statement(&cmp, &axes[0].pairs[0]),
        "A 10–15 Years; B 5–12 years: overlap 10–12 Years"
    );
}

#[test]
fn the_overview_counts_demands_priorities_and_statuses_and_says_no_position() {
    let cmp = parse(
        "x",
        &std::fs::read_to_string(fixture("istanbul-v2.stances.ron")).expect("reads"),
    )
    .expect("loads");
    let sides = cmp.visible_sides();
    let matrix = overview(&cmp, &sides);
    assert_eq!(matrix.rows.len(), cmp.issues().len());
    let ceasefire = cmp.issue_index("ceasefire").expect("issue");
    let (_, cells) = &matrix.rows[ceasefire];
    let column = |name: &str| sides.iter().position(|&s| cmp.side(s).name == name).expect("shown");
    let ukraine = &cells[column("Ukraine")];
    assert_eq!(ukraine.demands.len(), 2);
    assert_eq!(ukraine.strongest, Some(Priority::Core));
    assert!(ukraine.mark_count() > 0, "the fixture marks the ceasefire");
    let children = cmp.issue_index("children").expect("issue");
    assert_eq!(
        matrix.rows[children].1[column("Russia")].summary(),
        "No stated position",
        "Russia says nothing on children"
    );
}

/// Swapping the two rounds keeps the confirmed and rejected matches (0.2 lost
/// them): read the other way round, and written back as one record.
#[test]
fn swapping_the_rounds_keeps_the_decisions() {
    let text = std::fs::read_to_string(fixture("rounds-v4.stances.ron")).expect("fixture");
    let cmp = parse("rounds-v4", &text).expect("loads");
    let ids: Vec<String> = cmp.documents().iter().map(|d| d.id.clone()).collect();
    let swapped = cmp.round_decisions(&ids[1], &ids[0]);
    assert_eq!(swapped.matches, [link("ua-leaders-meeting", "ua-summit")]);
    assert_eq!(swapped.rejected, [link("ua-children", "ua-sanctions")]);
    // Compared the other way round, the confirmed pair is still one changed demand,
    // not a demand added and one not restated.
    let changes = cmp.compare_documents(1, 0);
    let ua = changes.sides.iter().find(|s| s.id == "ua").expect("ua");
    assert!(
        !ua.changes.iter().any(|c| c.change == Change::NotRestated
            && ua
                .demand_of(c, &cmp.documents()[1].data, &cmp.documents()[0].data)
                .is_some_and(|d| d.id == "ua-leaders-meeting")),
        "the match holds the other way round"
    );
    // A decision made after the swap updates the one record.
    let mut doc = Document::new(cmp);
    let edit = doc
        .comparison()
        .round_decision_edit(&ids[1], &ids[0], |d| {
            d.unmatch(&link("ua-leaders-meeting", "ua-summit"))
        })
        .expect("an edit");
    doc.apply(edit, None).expect("applies");
    assert_eq!(doc.comparison().rounds().len(), 1, "{:?}", doc.comparison().rounds());
    assert!(doc.comparison().round_decisions(&ids[0], &ids[1]).matches.is_empty());
}
