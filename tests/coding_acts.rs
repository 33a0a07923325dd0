//! Every coding act is its maker's: two coders taking turns on one shared file,
//! through the window's edit path (the edits `coding_edit` gives, applied to the
//! document; a question about the other's mark answered as the window answers it
//! by default, with a mark of one's own), leave a file whose agreement figures
//! are those of the acts themselves: what each coder last gave each demand.
#![allow(
    clippy::unwrap_used,
    reason = "strategies in a test crate fail the test loudly, as #[test]s do"
)]

use std::collections::HashMap;

use proptest::prelude::*;
use stances::format::comparison_file::{parse, to_ron};
use stances::model::coders::Coding;
use stances::model::reliability::{Figure, agreement};
use stances::model::study::{CodedCopy, Study};
use stances::model::synthetic::{Spec, comparison};
use stances::model::{DemandIx, Document, Stamp};

const CODERS: [&str; 2] = ["alice", "bob"];

fn close(a: &Figure, b: &Figure) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => (x - y).abs() < 1e-9,
        (Err(x), Err(y)) => x == y,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn agreement_from_the_saved_file_is_agreement_from_the_acts(
        acts in prop::collection::vec((0usize..2, any::<prop::sample::Index>(), 0usize..4), 1..60),
    ) {
        let spec = Spec { sides: 2, demands: 6, issues: 2, seed: 3, language: Default::default() };
        let mut doc = Document::new(comparison(&spec, 0));
        let units: Vec<DemandIx> = doc.comparison().all_demands().collect();
        let statuses: Vec<String> = doc.comparison().codebook().statuses.iter().map(|s| s.id.clone()).collect();
        // What each coder last gave each demand: the acts' own record.
        let mut last: HashMap<(usize, usize), usize> = HashMap::new();
        for (n, (coder, unit, status)) in acts.into_iter().enumerate() {
            let unit = unit.index(units.len());
            let stamp = Stamp { coder: CODERS[coder].into(), now: format!("2026-12-06T10:{:02}:{:02}Z", n / 60, n % 60) };
            let selection = [units[unit]];
            let id = format!("m{n:03}");
            let edit = match doc.comparison().coding_edit(&selection, &statuses[status], &stamp, id.clone()) {
                Coding::Edit(edit) => Some(edit),
                // The window's default answer: a mark of one's own.
                Coding::Ask { .. } => doc.comparison().new_mark_edit(&selection, &statuses[status], &stamp, id),
                Coding::Nothing => None,
            };
            if let Some(edit) = edit {
                doc.apply(edit, None).unwrap();
            }
            last.insert((unit, coder), status);
        }
        let table: Vec<Vec<Option<u32>>> = (0..units.len())
            .map(|u| (0..CODERS.len()).map(|c| last.get(&(u, c)).map(|&s| s as u32)).collect())
            .collect();
        let from_acts = agreement(&table);

        let text = to_ron(doc.comparison()).unwrap();
        let saved = parse("shared.stances.ron", &text).unwrap();
        prop_assert!(saved.marks().all(|m| m.changes.is_empty()), "nobody changed another's mark");
        let study = Study::new(vec![CodedCopy { file: "shared.stances.ron".into(), comparison: saved }]);
        let coders_seen = last.keys().map(|&(_, c)| c).collect::<std::collections::BTreeSet<_>>().len();
        let study = match study {
            Ok(study) => study,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        prop_assert_eq!(study.coders().len(), coders_seen);
        let from_file = study.overall();
        prop_assert_eq!(
            (from_file.pairable_units, from_file.coded_once, from_file.not_coded),
            (from_acts.pairable_units, from_acts.coded_once, from_acts.not_coded)
        );
        prop_assert!(close(&from_file.percent_agreement, &from_acts.percent_agreement), "{:?} {:?}", from_file, from_acts);
        prop_assert!(close(&from_file.krippendorff_alpha, &from_acts.krippendorff_alpha), "{:?} {:?}", from_file, from_acts);
        if coders_seen == 2 {
            prop_assert!(close(&from_file.cohen_kappa, &from_acts.cohen_kappa), "{:?} {:?}", from_file, from_acts);
        }
    }
}
