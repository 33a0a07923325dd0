//! A consensus told in full in every report: how each disagreement was settled
//! (what each coder said, the decision, its note, the adjudicator) in Markdown,
//! HTML and `--format csv-decisions`, and the disagreements still unsettled.

mod common;

use common::fixture;

fn stances(args: &[&str]) -> (i32, String, String) {
    common::run_stances(args)
}

fn consensus() -> String {
    fixture("consensus-v3.stances.ron").display().to_string()
}

fn coders() -> [String; 2] {
    [
        fixture("study/alice.stances.ron").display().to_string(),
        fixture("study/bob.stances.ron").display().to_string(),
    ]
}

#[test]
fn the_decisions_csv_has_a_row_per_coder_per_settled_demand() {
    let (code, out, err) = stances(&["export", &consensus(), "--format", "csv-decisions"]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        [
            "demand",
            "side",
            "issue",
            "coder",
            "statuses",
            "note",
            "decision",
            "decision_note",
            "adjudicator"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let ua: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "ua-ceasefire").collect();
    assert_eq!(ua.len(), 2, "alice's and bob's: {out}");
    assert_eq!((&ua[0][3], &ua[0][4]), ("alice", "disputed"));
    assert_eq!((&ua[1][3], &ua[1][4]), ("bob", "partial"));
    assert_eq!((&ua[0][6], &ua[0][8]), ("partial", "carol"));
}

#[test]
fn markdown_and_html_say_how_disagreements_were_settled_and_what_is_left() {
    let [alice, bob] = coders();
    let (code, md, err) = stances(&["export", &consensus(), "--format", "md", "--coders", &alice, &bob]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("## How disagreements were settled"), "{md}");
    assert!(md.contains("alice: Disputed"), "{md}");
    assert!(md.contains("bob: Partial"), "{md}");
    assert!(
        md.contains("2 disagreements between the coders are still unsettled:"),
        "{md}"
    );
    assert!(md.contains("- ua-children (Ukraine, children)"), "{md}");

    let (code, html, err) = stances(&["export", &consensus(), "--format", "html", "--coders", &alice, &bob]);
    assert_eq!(code, 0, "{err}");
    assert!(html.contains("<h2>How disagreements were settled</h2>"), "{html}");
    assert!(html.contains("still unsettled"), "{html}");

    // Without the coders' files, the report says where the count comes from.
    let (_, md, _) = stances(&["export", &consensus(), "--format", "md"]);
    assert!(md.contains("known with the coders' files"), "{md}");
    // A coder's own file is no consensus: no such section.
    let (_, md, _) = stances(&["export", &alice, "--format", "md"]);
    assert!(!md.contains("How disagreements were settled"), "{md}");
}
