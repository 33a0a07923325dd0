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
