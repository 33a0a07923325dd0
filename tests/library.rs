//! The library's attributions, held to the public texts: what a check of the
//! bundled files against the signed documents found is kept mended. A file that
//! gives one side a provision of a signed text says it is the file author's
//! reading; only words that can be sourced are quoted.

mod common;

use common::data;
use stances::format::parse_position_file;
use stances::model::PositionFile;
use stances::model::position::Demand;

fn file(name: &str) -> PositionFile {
    let path = data(name);
    let text = std::fs::read_to_string(&path).expect("bundled file");
    parse_position_file(name, &text).expect("parses")
}

fn demand<'a>(file: &'a PositionFile, id: &str) -> &'a Demand {
    file.sides
        .iter()
        .flat_map(|s| &s.demands)
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("{id} is in the file"))
}

fn note<'a>(file: &'a PositionFile, id: &str) -> &'a str {
    demand(file, id).note.as_deref().unwrap_or("")
}

const READING: &str = "file author's reading";

#[test]
fn oslo_says_whose_words_and_whose_reading() {
    let oslo = file("oslo-1993-09-13.ron");
    for id in ["il-recognition-of-israel", "il-renounce-terror"] {
        let said = note(&oslo, id);
        assert!(
            said.contains("Arafat's own commitment") && said.contains(READING),
            "{id}: {said}"
        );
    }
    let terror = note(&oslo, "il-renounce-terror");
    assert!(
        terror.contains("other acts of violence") && !terror.contains("all acts of violence"),
        "{terror}"
    );
    for id in [
        "il-gaza-jericho",
        "il-security",
        "il-permanent-later",
        "plo-elections",
        "plo-withdrawal",
        "plo-police",
        "plo-permanent",
    ] {
        assert!(note(&oslo, id).contains(READING), "{id}");
    }
    assert_eq!(demand(&oslo, "il-security").priority, None, "nothing supports Core");
    let gaza = demand(&oslo, "il-gaza-jericho");
    assert!(!gaza.text.contains("בלבד") && !note(&oslo, "il-gaza-jericho").contains(" only"));
    assert!(note(&oslo, "il-gaza-jericho").contains("Article XIII"));
    assert!(demand(&oslo, "il-242-338").text.starts_with("הסדר הקבע"));
}

#[test]
fn camp_david_marks_one_sided_joint_points_and_quotes_only_what_is_sourced() {
    let camp = file("camp-david-1978-09-17.ron");
    for id in [
        "eg-limited-forces",
        "il-limited-forces",
        "il-navigation",
        "il-normal-relations",
    ] {
        assert!(note(&camp, id).contains(READING), "{id}");
    }
    assert_eq!(demand(&camp, "il-jerusalem").quote, None);
    for id in ["eg-limited-forces", "il-limited-forces"] {
        assert!(
            !note(&camp, id).contains("UNCERTAIN"),
            "{id}: the figures are confirmed"
        );
    }
    assert!(note(&camp, "il-limited-forces").contains("within 3 km"));
}

#[test]
fn the_other_files_say_what_the_texts_say() {
    let gfa = file("good-friday-1998-04-10.ron");
    let prisoners = demand(&gfa, "sf-prisoners");
    assert!(!prisoners.text.contains("all of them released"), "{}", prisoners.text);
    assert!(note(&gfa, "sf-prisoners").contains("should the circumstances allow it"));
    assert!(!gfa.sides.iter().flat_map(|s| &s.demands).any(|d| {
        d.note
            .as_deref()
            .unwrap_or("")
            .contains("UNCERTAIN: the Agreement's weighted majority")
    }));

    let jcpoa = file("jcpoa-2015-07-14.ron");
    assert!(note(&jcpoa, "ir-sanctions-lifted").contains("2231"));
    assert!(
        !jcpoa.sides.iter().flat_map(|s| &s.demands).any(|d| d
            .note
            .as_deref()
            .unwrap_or("")
            .contains("UNCERTAIN: the number kept"))
    );

    let may = file("istanbul-2025-05-16.ron");
    assert!(note(&may, "ua-prisoner-exchange").contains("civilians"));
    assert!(note(&may, "ru-prisoner-exchange").contains("civilians"));

    let minsk = file("minsk-2015-02-12.ron");
    assert!(note(&minsk, "ru-elections").contains("relevant OSCE standards"));

    let june = file("istanbul-2025-06-02.ron");
    assert!(note(&june, "ua-children").starts_with("Mentioned"));
}

#[test]
fn paris_quotes_only_the_texts_words_and_says_whose_reading() {
    let paris = file("paris-2015-12-12.ron");
    assert_eq!(paris.sides.len(), 5, "five blocs");
    for side in &paris.sides {
        for d in &side.demands {
            let said = d.note.as_deref().unwrap_or("");
            assert!(
                said.contains(READING),
                "{}: every attribution is said to be a reading: {said}",
                d.id
            );
            assert!(d.source.is_some(), "{}: sourced", d.id);
        }
    }
    // Quotes are the texts' own words, as adopted.
    assert_eq!(
        demand(&paris, "basic-cbdr").quote.as_deref(),
        Some(
            "This Agreement will be implemented to reflect equity and the principle of common but differentiated responsibilities and respective capabilities, in the light of different national circumstances."
        )
    );
    // The no-liability clause is the decision's, not the Agreement's.
    assert_eq!(demand(&paris, "us-no-liability").source.as_deref(), Some("decision"));
    assert_eq!(demand(&paris, "basic-100-billion").source.as_deref(), Some("decision"));
}

#[test]
fn dayton_says_whose_reading_and_quotes_the_constitution() {
    let dayton = file("dayton-1995-11-21.ron");
    assert_eq!(dayton.sides.len(), 4, "three parties and the mediator");
    for d in dayton.sides.iter().flat_map(|s| &s.demands) {
        let said = d.note.as_deref().unwrap_or("");
        assert!(said.contains(READING), "{}: {said}", d.id);
    }
    assert_eq!(
        demand(&dayton, "fry-entities").quote.as_deref(),
        Some(
            "Bosnia and Herzegovina shall consist of the two Entities, the Federation of Bosnia and Herzegovina and the Republika Srpska"
        )
    );
    // Arbitration on Brčko was the mediators' compromise, not the Serb side's demand.
    assert!(note(&dayton, "us-brcko").contains("Annex 2, Article V"));
    assert!(note(&dayton, "us-brcko").contains("mediators' compromise"));
    assert!(
        dayton
            .sides
            .iter()
            .find(|s| s.id == "fry")
            .is_some_and(|s| s.demands.iter().all(|d| !d.text.contains("arbitration")))
    );
    // The Federation was a shared creation of 1994, not Croatia's demand alone.
    assert!(note(&dayton, "hr-federation").contains("shared creation"));
    assert!(note(&dayton, "hr-federation").contains("Washington Agreement of March 1994"));
    // Not the whole of Sarajevo went to the Federation.
    let sarajevo = note(&dayton, "bih-sarajevo");
    for place in ["Lukavica", "Dobrinja", "East Sarajevo"] {
        assert!(sarajevo.contains(place), "{place}: {sarajevo}");
    }
    assert!(!sarajevo.contains("whole city"));
    // What a teacher would miss: the sanctions on Yugoslavia, Eastern Slavonia.
    assert_eq!(demand(&dayton, "fry-sanctions").source.as_deref(), Some("unscr-1022"));
    assert!(note(&dayton, "fry-sanctions").contains("resolution 1074"));
    let slavonia = demand(&dayton, "hr-eastern-slavonia");
    assert_eq!(slavonia.source.as_deref(), Some("erdut"));
    let months = slavonia.value.as_ref().expect("a value");
    assert_eq!((months.min, months.max), (Some(12.0), Some(24.0)));
    for id in ["erdut", "unscr-1022"] {
        assert!(dayton.sources.iter().any(|s| s.id == id), "source {id}");
    }
}

/// The issues a teacher would miss, each sourced and said to be a reading.
#[test]
fn the_major_issues_are_in_the_library_each_sourced_and_read() {
    let cases: [(&str, &[&str]); 6] = [
        ("paris-2015-12-12.ron", &["ldc-adaptation-goal"]),
        (
            "colombia-farc-2016-11-24.ron",
            &["gov-gender", "farc-gender", "farc-no-extradition"],
        ),
        ("oslo-1993-09-13.ron", &["il-covenant"]),
        (
            "camp-david-1978-09-17.ron",
            &["us-settlement-freeze", "il-settlement-freeze-three-months"],
        ),
        ("good-friday-1998-04-10.ron", &["sdlp-rights", "sf-demilitarisation"]),
        ("jcpoa-2015-07-14.ron", &["p-pmd"]),
    ];
    for (name, ids) in cases {
        let f = file(name);
        for id in ids {
            let d = demand(&f, id);
            let source = d.source.as_deref().unwrap_or_else(|| panic!("{name} {id}: sourced"));
            assert!(
                f.sources.iter().any(|s| s.id == source),
                "{name} {id}: {source} is listed"
            );
            assert!(note(&f, id).contains(READING), "{name} {id}: a reading");
            assert!(f.issues.iter().any(|i| i.id == d.issue), "{name} {id}: its issue");
        }
    }
    let paris = file("paris-2015-12-12.ron");
    assert!(note(&paris, "ldc-adaptation-goal").contains("Article 7"));
    assert_eq!(
        demand(&paris, "ldc-adaptation-goal").quote.as_deref(),
        Some(
            "Parties hereby establish the global goal on adaptation of enhancing adaptive capacity, strengthening resilience and reducing vulnerability to climate change"
        )
    );
    let oslo = file("oslo-1993-09-13.ron");
    assert_eq!(
        demand(&oslo, "il-covenant").quote.as_deref(),
        Some("are now inoperative and no longer valid")
    );
    let camp = file("camp-david-1978-09-17.ron");
    assert!(note(&camp, "us-settlement-freeze").contains("UNCERTAIN"));
    let jcpoa = file("jcpoa-2015-07-14.ron");
    assert!(note(&jcpoa, "p-pmd").contains("Roadmap"));
}

/// A file's header says how its demands were placed as its notes do.
#[test]
fn headers_agree_with_their_notes() {
    let oslo = std::fs::read_to_string(data("oslo-1993-09-13.ron")).expect("bundled");
    assert!(!oslo.contains("Each demand is something the\n// side stated"));
    assert!(oslo.contains("file author's reading, as its note says"));
    let camp = std::fs::read_to_string(data("camp-david-1978-09-17.ron")).expect("bundled");
    assert!(!camp.contains("which the\n// three signed together"));
    assert!(camp.contains("Carter witnessed"));
}

#[test]
fn colombia_says_whose_reading_and_quotes_nothing_unsourced() {
    let colombia = file("colombia-farc-2016-11-24.ron");
    assert_eq!(
        colombia.sides.len(),
        3,
        "the government, the FARC-EP and the campaign for No"
    );
    for d in colombia.sides.iter().flat_map(|s| &s.demands) {
        assert!(note(&colombia, &d.id).contains(READING), "{}: a reading", d.id);
        assert!(d.source.is_some(), "{}: sourced", d.id);
        // Worked from a translation: no wording is given as the text's own.
        assert_eq!(d.quote, None, "{}", d.id);
    }
    // The figures the Final Agreement gives.
    let seats = demand(&colombia, "farc-seats").value.as_ref().expect("a value");
    assert_eq!((seats.min, seats.max), (Some(5.0), Some(5.0)));
    let sanction = demand(&colombia, "farc-no-prison").value.as_ref().expect("a value");
    assert_eq!((sanction.min, sanction.max), (Some(5.0), Some(8.0)));
    assert!(note(&colombia, "gov-arms-to-un").contains("23 transitional zones and 8 camps"));
    // The Land Fund's 3 million hectares in its first 12 years (10 was the rejected text's).
    let fund = demand(&colombia, "gov-land-fund");
    assert!(
        fund.value
            .as_ref()
            .is_some_and(|v| v.unit == "million hectares in its first 12 years")
    );
    assert!(note(&colombia, "gov-land-fund").contains("first 12 years"));
    // What the campaign for No asked and did not get is said to be so.
    assert!(
        demand(&colombia, "no-prison")
            .tags
            .iter()
            .any(|t| t == "not in the Agreement")
    );
}
