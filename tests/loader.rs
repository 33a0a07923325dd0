//! The position-file loader against every rule of the format: each bad file gets
//! a message naming the line and column of the problem, each good variant loads.

use stances::format::{FileError, LineCol, parse_position_file};
use stances::model::{PositionFile, Priority};

fn load(text: &str) -> Result<PositionFile, FileError> {
    parse_position_file("test.ron", text)
}

/// Asserts the file fails with a problem at `line:col` whose message contains `needle`.
#[track_caller]
fn fails_at(text: &str, line: usize, col: usize, needle: &str) {
    let err = load(text).expect_err("the file should be refused");
    let found = err
        .problems
        .iter()
        .any(|p| p.at == Some(LineCol { line, col }) && p.message.contains(needle));
    assert!(found, "expected test.ron:{line}:{col} with “{needle}”, got:\n{err}");
    assert!(err.to_string().starts_with(&"test.ron:".to_string()), "{err}");
}

/// A minimal valid file with `demand` as the only demand of side `a`.
fn with_demand(demand: &str) -> String {
    format!(
        "(\n    format: 1,\n    issues: [(id: \"x\", name: \"X\")],\n    sources: [(id: \"s\", title: \"S\")],\n    sides: [\n        (id: \"a\", name: \"A\", demands: [\n            {demand},\n        ]),\n    ],\n)\n"
    )
}
// In `with_demand`, the demand starts on line 7, column 13.

#[test]
fn the_spec_example_loads() {
    let text = include_str!("fixtures/spec-example.ron");
    let file = load(text).unwrap();
    assert_eq!(file.sides.len(), 2);
    assert_eq!(file.sides[0].demands[0].priority, Some(Priority::Core));
    assert_eq!(file.sides[1].demands[0].value.as_ref().unwrap().max, Some(3.0));
}

#[test]
fn the_bundled_example_loads() {
    let file = load(include_str!("../data/istanbul-2025-06-02.ron")).unwrap();
    assert_eq!(file.sides.len(), 2);
    assert_eq!(file.issue_list().len(), 9);
    assert_eq!(file.demand_count(), 15);
}

#[test]
fn minimal_file_needs_only_format_and_sides() {
    let file = load("(format: 1, sides: [(id: \"a\", name: \"A\")])").unwrap();
    assert!(file.sides[0].demands.is_empty());
}

#[test]
fn optional_fields_bare_or_wrapped_in_some() {
    let file = load(&with_demand(
        "(id: \"d\", issue: \"x\", text: \"T\", priority: Some(Core), quote: Some(\"q\"), source: \"s\")",
    ))
    .unwrap();
    let d = &file.sides[0].demands[0];
    assert_eq!(d.priority, Some(Priority::Core));
    assert_eq!(d.quote.as_deref(), Some("q"));
    assert_eq!(d.source.as_deref(), Some("s"));
}

#[test]
fn comments_raw_strings_trailing_commas_and_free_field_order() {
    let text = "/* block /* nested */ comment */\n(\n    sides: [\n        // a line comment\n        (name: r#\"Side \"A\"\"#, id: \"a\", demands: [(text: r\"raw\", issue: \"x\", id: \"d\",),],),\n    ],\n    format: 1,\n)\n";
    let file = load(text).unwrap();
    assert_eq!(file.sides[0].name, "Side \"A\"");
    assert_eq!(file.sides[0].demands[0].text, "raw");
}

#[test]
fn byte_order_mark_crlf_and_tabs_are_accepted() {
    let text = "\u{feff}(\r\n\tformat: 1,\r\n\tsides: [(id: \"a\", name: \"A\", demands: [(id: \"d\", issue: \"x\", text: \"T\")])],\r\n)\r\n";
    let file = load(text).unwrap();
    assert_eq!(file.sides[0].demands[0].text, "T");
    // Positions still count from the first visible character.
    let bad = "\u{feff}(\r\n\tformat: 1,\r\n\tsidez: [],\r\n)\r\n";
    fails_at(bad, 3, 2, "unknown field `sidez`");
}

#[test]
fn ids_and_text_in_any_script() {
    let text = "(format: 1, sides: [(id: \"укр\", name: \"Україна\", demands: [(id: \"وقف\", issue: \"停火\", text: \"Припинення вогню 🕊\")])])";
    let file = load(text).unwrap();
    assert_eq!(file.sides[0].demands[0].id, "وقف");
    assert_eq!(file.issue_list()[0].id, "停火");
}

#[test]
fn without_issues_list_issues_come_from_demands_in_order() {
    let text = "(format: 1, sides: [(id: \"a\", name: \"A\", demands: [(id: \"1\", issue: \"b\", text: \"T\"), (id: \"2\", issue: \"a\", text: \"T\"), (id: \"3\", issue: \"b\", text: \"T\")])])";
    let ids: Vec<String> = load(text).unwrap().issue_list().into_iter().map(|i| i.id).collect();
    assert_eq!(ids, ["b", "a"]);
}

#[test]
fn unknown_field_is_named_with_its_place() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", txt: \"T\")"),
        7,
        35,
        "unknown field `txt` in a demand (did you mean `text`?)",
    );
}

#[test]
fn unknown_top_level_field() {
    fails_at(
        "(\n    format: 1,\n    negotation: \"x\",\n    sides: [],\n)",
        3,
        5,
        "unknown field `negotation`",
    );
}

#[test]
fn missing_required_field() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\")"),
        7,
        33,
        "missing the required field `text`",
    );
}

#[test]
fn missing_sides() {
    fails_at("(\n    format: 1,\n)", 3, 1, "missing the required field `sides`");
}

#[test]
fn wrong_type() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", text: 42)"),
        7,
        41,
        "`text` takes a text in double quotes, like `text: \"…\"`",
    );
}

#[test]
fn unknown_priority() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", text: \"T\", priority: Critical)"),
        7,
        56,
        "`Critical` is not allowed here",
    );
}

#[test]
fn duplicate_demand_id() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", text: \"T\"), (id: \"d\", issue: \"x\", text: \"U\")"),
        7,
        52,
        "the demand id `d` is used twice",
    );
}

#[test]
fn duplicate_demand_id_across_sides() {
    let text = "(format: 1, sides: [\n(id: \"a\", name: \"A\", demands: [(id: \"d\", issue: \"x\", text: \"T\")]),\n(id: \"b\", name: \"B\", demands: [(id: \"d\", issue: \"x\", text: \"T\")]),\n])";
    fails_at(text, 3, 37, "the demand id `d` is used twice");
}

#[test]
fn duplicate_side_issue_and_source_ids() {
    let text = "(\n    format: 1,\n    sources: [(id: \"s\", title: \"S\"), (id: \"s\", title: \"T\")],\n    issues: [(id: \"i\", name: \"I\"), (id: \"i\", name: \"J\")],\n    sides: [(id: \"a\", name: \"A\"), (id: \"a\", name: \"B\")],\n)";
    fails_at(text, 3, 43, "the source id `s` is used twice");
    fails_at(text, 4, 41, "the issue id `i` is used twice");
    fails_at(text, 5, 40, "the side id `a` is used twice");
}

#[test]
fn issue_not_in_issues() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"nato\", text: \"T\")"),
        7,
        30,
        "names issue `nato`, which is not in `issues`",
    );
}

#[test]
fn source_not_in_sources() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", text: \"T\", source: \"tass\")"),
        7,
        54,
        "names source `tass`, which is not in `sources`",
    );
}

#[test]
fn value_without_min_or_max() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", text: \"T\", value: (unit: \"days\"))"),
        7,
        53,
        "neither `min` nor `max`",
    );
}

#[test]
fn value_min_above_max() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", text: \"T\", value: (min: 30, max: 2, unit: \"days\"))"),
        7,
        53,
        "`min` (30) above `max` (2)",
    );
}

#[test]
fn value_without_unit() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", text: \"T\", value: (min: 3))"),
        7,
        60,
        "missing the required field `unit`",
    );
}

#[test]
fn empty_text_and_empty_id() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", text: \"  \")"),
        7,
        41,
        "has an empty `text`",
    );
    fails_at(
        &with_demand("(id: \"\", issue: \"x\", text: \"T\")"),
        7,
        18,
        "has an empty `id`",
    );
}

#[test]
fn unsupported_format() {
    fails_at(
        "(\n    format: 2,\n    sides: [],\n    shiny_new_field: 1,\n)",
        2,
        13,
        "format 2, written by a newer version of Stances",
    );
    fails_at(
        "(format: 0, sides: [(id: \"a\", name: \"A\")])",
        1,
        10,
        "`format: 0` is not a position file version",
    );
}

#[test]
fn bad_dates() {
    fails_at(
        "(format: 1, date: \"June 2025\", sides: [(id: \"a\", name: \"A\")])",
        1,
        19,
        "`June 2025` is not a date",
    );
    fails_at(
        "(format: 1, date: \"2025-02-30\", sides: [(id: \"a\", name: \"A\")])",
        1,
        19,
        "is not a date",
    );
    for ok in ["2025", "2025-06", "2025-06-02"] {
        load(&format!(
            "(format: 1, date: \"{ok}\", sides: [(id: \"a\", name: \"A\")])"
        ))
        .unwrap();
    }
}

#[test]
fn empty_sides() {
    fails_at("(format: 1, sides: [])", 1, 20, "needs at least one side");
}

#[test]
fn truncated_file() {
    fails_at(
        "(\n    format: 1,\n    sides: [(id: \"a\", name: \"A\"",
        3,
        32,
        "the file ends too early",
    );
}

#[test]
fn unbalanced_brackets() {
    fails_at(
        "(\n    format: 1,\n    sides: [(id: \"a\", name: \"A\")),\n)",
        3,
        33,
        "check that brackets and parentheses are balanced",
    );
}

#[test]
fn json_is_recognised() {
    fails_at("\n  {\"format\": 1, \"sides\": []}", 2, 3, "this looks like JSON");
}

#[test]
fn yaml_is_recognised() {
    fails_at("---\nformat: 1\n", 1, 1, "this looks like YAML");
}

#[test]
fn empty_file() {
    fails_at("", 1, 1, "the file is empty");
    fails_at("  \n\n", 1, 1, "the file is empty");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 100_000;
    // Nesting where the format allows none is refused at the first bracket…
    let text = format!(
        "(format: 1, sides: [(id: \"a\", name: {}{})])",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    fails_at(&text, 1, 37, "`name` takes a text in double quotes");
    // …and nesting inside brackets the format does allow hits the depth limit.
    let text = format!("(format: 1, sides: {}", "(".repeat(depth));
    let err = load(&text).unwrap_err();
    assert_eq!(err.first_at().map(|at| at.line), Some(1), "{err}");
}

#[test]
fn a_comparison_file_is_not_taken_for_a_position_file() {
    fails_at(
        "(format: 1, positions: [], codebook: (statuses: []), marks: [])",
        1,
        1,
        "this is a comparison file",
    );
}

#[test]
fn several_problems_are_all_reported() {
    let err = load(&with_demand(
        "(id: \"d\", issue: \"nope\", text: \"\", source: \"none\")",
    ))
    .unwrap_err();
    assert_eq!(err.problems.len(), 3, "{err}");
}

#[test]
fn optional_lists_may_be_written_as_some() {
    let text = "(format: 1, sources: Some([(id: \"s\", title: \"S\")]), issues: Some([(id: \"x\", name: \"X\")]), \
        sides: [(id: \"a\", name: \"A\", demands: Some([(id: \"d\", issue: \"x\", text: \"T\", source: \"s\", tags: Some([\"t\"]))]))])";
    let file = load(text).expect("Some([...]) lists load");
    assert_eq!(file.sources.len(), 1);
    assert_eq!(file.issues.len(), 1);
    assert_eq!(file.sides[0].demands[0].tags, ["t"]);
}

#[test]
fn a_quoted_priority_says_to_drop_the_quotes() {
    fails_at(
        &with_demand("(id: \"d\", issue: \"x\", text: \"T\", priority: \"high\")"),
        7,
        56,
        "`priority` takes one of Core, High, Medium, Low without quotes (write `priority: High`)",
    );
}

#[test]
fn yaml_toml_and_bare_fields_say_what_a_position_file_looks_like() {
    fails_at(
        "# talks\nformat: 1\nsides: []\n",
        1,
        1,
        "this looks like YAML, TOML or a script",
    );
    fails_at(
        "format: 1\nsides: []\n",
        1,
        1,
        "a position file is one record in parentheses: it starts with `(`",
    );
    fails_at("<talks/>", 1, 1, "this looks like XML or HTML");
}

#[test]
fn a_missing_closing_quote_is_reported_where_the_text_starts() {
    let text = "(\n    format: 1,\n    sides: [\n        (\n            id: \"ua\",\n            name: \"Ukraine,\n            demands: [\n                (id: \"d1\", issue: \"ceasefire\", text: \"A ceasefire\"),\n            ],\n        ),\n    ],\n)\n";
    fails_at(text, 6, 19, "this text is never closed: add `\"`");
}
