//! Property tests: any comparison survives save → load unchanged, and no input,
#![allow(
    clippy::unwrap_used,
    reason = "strategies in a test crate fail the test loudly, as #[test]s do"
)]
//! however broken, makes a loader panic.

use proptest::prelude::*;
use stances::model::comparison_file::{parse, to_ron};
use stances::model::diagnostics::text_from_bytes;
use stances::model::mark::DemandRef;
use stances::model::{
    Codebook, Comparison, Demand, Issue, Mark, PositionDocument, PositionFile, Priority, Side, Source, Value,
    parse_position_file,
};

/// Text as users type it: any script, quotes, backslashes, line breaks, tabs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{1,40}", "[a-zA-Zа-яА-Я ,.\"'\\\\\n\t–—“”🕊مرحبا停火]{1,40}",]
        .prop_filter("non-blank", |s| !s.trim().is_empty())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn value() -> impl Strategy<Value = Value> {
    (prop::option::of(-1e12f64..1e12), prop::option::of(0f64..1e12), text()).prop_filter_map(
        "a range",
        |(min, extra, unit)| match (min, extra) {
            (None, None) => None,
            (Some(a), Some(e)) => Some(Value {
                min: Some(a),
                max: Some(a + e),
                unit,
            }),
            (min, None) => Some(Value { min, max: None, unit }),
            (None, max) => Some(Value { min: None, max, unit }),
        },
    )
}

prop_compose! {
    fn demand()(
        text in text(), quote in opt_text(), note in opt_text(),
        priority in prop::option::of(prop::sample::select(Priority::ALL.to_vec())),
        value in prop::option::of(value()),
        tags in prop::collection::vec(text(), 0..3),
        issue in 0usize..3, sourced in any::<bool>(),
    ) -> (Demand, usize) {
        (Demand { id: String::new(), issue: String::new(), text, priority, quote, source: sourced.then(|| "s".to_owned()), value, tags, note }, issue)
    }
}

prop_compose! {
    fn position_file()(
        sides in prop::collection::vec((text(), opt_text(), prop::collection::vec(demand(), 0..5)), 1..4),
        negotiation in opt_text(), round in opt_text(),
        issue_names in prop::collection::vec(text(), 3),
    ) -> PositionFile {
        let issues: Vec<Issue> = issue_names.into_iter().enumerate().map(|(i, name)| Issue { id: format!("issue {i} ✓"), name, description: None }).collect();
        let sides = sides.into_iter().enumerate().map(|(s, (name, represented_by, demands))| Side {
            id: format!("side-{s}-ид"),
            name,
            represented_by,
            demands: demands.into_iter().enumerate().map(|(d, (mut demand, issue))| {
                demand.id = format!("{s}/{d} «id»");
                demand.issue = issues[issue].id.clone();
                demand
            }).collect(),
        }).collect();
        PositionFile {
            format: 1, negotiation, round, date: Some("2025-06-02".into()),
            sources: vec![Source { id: "s".into(), title: "Source".into(), url: None, date: Some("2025".into()), note: None }],
            issues, sides,
        }
    }
}

prop_compose! {
    fn comparison()(file in position_file(), picks in prop::collection::vec((prop::collection::vec(any::<prop::sample::Index>(), 1..4), 0usize..4, text()), 0..6)) -> Comparison {
        let refs: Vec<DemandRef> = file.sides.iter().flat_map(|s| s.demands.iter().map(|d| DemandRef::new(s.id.clone(), d.id.clone()))).collect();
        let codebook = Codebook::default();
        let marks = if refs.is_empty() { Vec::new() } else {
            picks.into_iter().enumerate().map(|(i, (which, status, note))| Mark {
                id: i as u64 + 1,
                demands: which.iter().map(|ix| refs[ix.index(refs.len())].clone()).collect(),
                status: codebook.statuses[status].id.clone(),
                note,
                created: "2026-11-25T10:00:00Z".into(),
                changed: "2026-11-25T10:00:01Z".into(),
            }).collect()
        };
        Comparison::new(vec![PositionDocument { path: "talks.ron".into(), data: file }], Vec::new(), codebook, marks).unwrap()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_comparison_survives_save_and_load(cmp in comparison()) {
        let text = to_ron(&cmp).unwrap();
        let back = parse("x.stances.ron", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back.documents(), cmp.documents());
        prop_assert_eq!(back.marks().cloned().collect::<Vec<_>>(), cmp.marks().cloned().collect::<Vec<_>>());
        prop_assert_eq!(back.shown_sides(), cmp.shown_sides());
        prop_assert_eq!(to_ron(&back).unwrap(), text);
    }

    #[test]
    fn any_position_file_survives_writing_and_reading(file in position_file()) {
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new()).unwrap();
        let back = parse_position_file("x.ron", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, file);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = text_from_bytes("x.ron", bytes) {
            let _ = parse_position_file("x.ron", &text);
            let _ = parse("x.stances.ron", &text);
        }
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(vec![
        "(", ")", "[", "]", "{", "}", ":", ",", "format", "1", "2", "sides", "positions", "marks", "codebook",
        "statuses", "id", "name", "demands", "issue", "text", "\"a\"", "\"\"", "r#\"x\"#", "Some", "Core", "value",
        "min", "max", "unit", "-1e400", "/*", "*/", "//", "\n", "#![enable(implicit_some)]", "'", "\\", "\"",
    ]), 0..80)) {
        let text = tokens.join(" ");
        let _ = parse_position_file("x.ron", &text);
        let _ = parse("x.stances.ron", &text);
        let _ = stances::model::locate::top_level_fields(&text);
        let _ = stances::model::locate::locate(&text, &[stances::model::locate::Step::Field("sides"), stances::model::locate::Step::Index(3)]);
    }
}
