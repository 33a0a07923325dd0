//! Synthetic position data of any size, with realistic text lengths, priorities,
//! values and quotes: for benchmarks, the `gen` example and scale tests.

use super::codebook::Codebook;
use super::comparison::{Comparison, PositionDocument};
use super::mark::{DemandRef, Mark};
use super::position::{Demand, Issue, PositionFile, Priority, Side, Source, Value};
use super::view::ViewState;

/// The id of the synthetic document in a comparison.
pub const SYNTHETIC_DOCUMENT: &str = "synthetic";

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub sides: usize,
    /// Demands per side.
    pub demands: usize,
    pub issues: usize,
    pub seed: u64,
    /// The language of the text (names, demands, quotes, notes).
    pub language: Language,
}

/// Which words the text is made of. Both lists have the same number of words of
/// about the same length, so the same seed gives the same structure in either:
/// what a benchmark compares is the script, nothing else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    /// English: left to right.
    #[default]
    English,
    /// Hebrew letters only (no vowel points), with Latin digits in issue names: right to left.
    Hebrew,
}

impl Language {
    fn words(self) -> &'static [&'static str] {
        match self {
            Language::English => WORDS,
            Language::Hebrew => HEBREW_WORDS,
        }
    }
}

/// A small, fast, deterministic generator (SplitMix64): the same seed gives the same file everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "ceasefire",
    "withdrawal",
    "troops",
    "border",
    "guarantees",
    "sanctions",
    "exchange",
    "prisoners",
    "monitoring",
    "mission",
    "referendum",
    "autonomy",
    "language",
    "rights",
    "reconstruction",
    "funds",
    "security",
    "zone",
    "demilitarised",
    "observers",
    "international",
    "immediate",
    "phased",
    "within",
    "days",
    "of",
    "the",
    "and",
    "all",
    "for",
    "on",
    "to",
    "under",
    "supervision",
    "recognition",
    "territory",
    "control",
    "humanitarian",
    "corridor",
    "release",
    "detainees",
    "return",
    "refugees",
    "elections",
    "constitution",
    "amendment",
    "neutrality",
    "membership",
    "alliance",
    "weapons",
    "limits",
];

/// The same words in Hebrew, in the same order.
const HEBREW_WORDS: &[&str] = &[
    "רגיעה",
    "נסיגה",
    "כוחות",
    "גבול",
    "ערבויות",
    "סנקציות",
    "חילופי",
    "אסירים",
    "פיקוח",
    "משלחת",
    "משאל",
    "אוטונומיה",
    "שפה",
    "זכויות",
    "שיקום",
    "כספים",
    "ביטחון",
    "אזור",
    "מפורז",
    "משקיפים",
    "בינלאומי",
    "מיידי",
    "בשלבים",
    "בתוך",
    "ימים",
    "של",
    "את",
    "וגם",
    "כל",
    "עבור",
    "על",
    "אל",
    "תחת",
    "השגחה",
    "הכרה",
    "שטח",
    "שליטה",
    "הומניטרי",
    "מסדרון",
    "שחרור",
    "עצורים",
    "חזרה",
    "פליטים",
    "בחירות",
    "חוקה",
    "תיקון",
    "נייטרליות",
    "חברות",
    "ברית",
    "נשק",
    "מגבלות",
];

fn sentence(rng: &mut Rng, language: Language, min_words: usize, max_words: usize) -> String {
    let words = language.words();
    let n = min_words + rng.below(max_words - min_words + 1);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(words[rng.below(words.len())]);
    }
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s.push('.');
    s
}

/// A position file with `spec.sides` sides of `spec.demands` demands each.
pub fn position_file(spec: &Spec) -> PositionFile {
    let mut rng = Rng(spec.seed);
    let issues = (0..spec.issues)
        .map(|i| Issue {
            id: format!("issue-{i}"),
            name: match spec.language {
                Language::English => format!(
                    "Issue {i}: {}",
                    sentence(&mut rng, spec.language, 1, 3).trim_end_matches('.')
                ),
                Language::Hebrew => format!(
                    "נושא {i}: {}",
                    sentence(&mut rng, spec.language, 1, 3).trim_end_matches('.')
                ),
            },
            description: rng.chance(50).then(|| sentence(&mut rng, spec.language, 5, 12)),
        })
        .collect();
    let sides = (0..spec.sides)
        .map(|s| Side {
            id: format!("side-{s}"),
            name: match spec.language {
                Language::English => format!("Side {s}"),
                Language::Hebrew => format!("צד {s}"),
            },
            represented_by: Some(match spec.language {
                Language::English => format!("Delegation {s}"),
                Language::Hebrew => format!("משלחת {s}"),
            }),
            demands: (0..spec.demands)
                .map(|d| Demand {
                    id: format!("s{s}-d{d}"),
                    issue: format!("issue-{}", rng.below(spec.issues)),
                    // 8 to 45 words: one short clause to two long sentences.
                    text: sentence(&mut rng, spec.language, 8, 45),
                    priority: [
                        None,
                        Some(Priority::Core),
                        Some(Priority::High),
                        Some(Priority::Medium),
                        Some(Priority::Low),
                    ][rng.below(5)],
                    quote: rng.chance(20).then(|| sentence(&mut rng, spec.language, 4, 16)),
                    source: rng.chance(60).then(|| "report".to_owned()),
                    value: rng.chance(30).then(|| {
                        let min = rng.below(100) as f64;
                        Value {
                            min: Some(min),
                            max: rng.chance(50).then(|| min + rng.below(100) as f64),
                            unit: "days".into(),
                        }
                    }),
                    tags: if rng.chance(25) {
                        let words = spec.language.words();
                        vec![words[rng.below(words.len())].to_owned()]
                    } else {
                        Vec::new()
                    },
                    note: rng.chance(15).then(|| sentence(&mut rng, spec.language, 4, 20)),
                })
                .collect(),
        })
        .collect();
    PositionFile {
        format: 1,
        negotiation: Some("Synthetic negotiation".into()),
        round: Some(format!("{} sides × {} demands", spec.sides, spec.demands)),
        date: Some("2025-06-02".into()),
        sources: vec![Source {
            id: "report".into(),
            title: "Synthetic report".into(),
            url: None,
            date: None,
            note: None,
        }],
        issues,
        sides,
    }
}

/// A comparison of [`position_file`] with `marks` marks, each linking a demand of
/// one side to one of another (or covering a single demand).
pub fn comparison(spec: &Spec, marks: usize) -> Comparison {
    let file = position_file(spec);
    let mut rng = Rng(spec.seed ^ 0x5eed);
    let codebook = Codebook::default();
    let refs = |rng: &mut Rng| {
        let s = rng.below(spec.sides);
        let d = rng.below(spec.demands.max(1));
        DemandRef::new(SYNTHETIC_DOCUMENT, format!("side-{s}"), format!("s{s}-d{d}"))
    };
    let list = if spec.demands == 0 {
        Vec::new()
    } else {
        (0..marks)
            .map(|i| {
                let mut demands = vec![refs(&mut rng)];
                if rng.chance(80) {
                    demands.push(refs(&mut rng));
                    demands.dedup();
                }
                Mark {
                    // Fixed-width numbers sort like the time-ordered ids of real marks.
                    id: format!("synthetic-{i:08}"),
                    demands,
                    status: codebook.statuses[rng.below(codebook.statuses.len())].id.clone(),
                    note: if rng.chance(40) {
                        sentence(&mut rng, spec.language, 4, 20)
                    } else {
                        String::new()
                    },
                    coder: ["alice", "bob"][rng.below(2)].into(),
                    created: "2026-11-25T10:00:00Z".into(),
                    changed: "2026-11-25T10:00:00Z".into(),
                    coders_said: Vec::new(),
                    changes: Vec::new(),
                }
            })
            .collect()
    };
    let document = PositionDocument {
        id: SYNTHETIC_DOCUMENT.into(),
        path: "synthetic.ron".into(),
        data: file,
    };
    Comparison::new(vec![document], codebook, list, ViewState::default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_give_the_same_structure() {
        assert_eq!(WORDS.len(), HEBREW_WORDS.len(), "one Hebrew word for each English one");
        let spec = |language| Spec {
            sides: 2,
            demands: 50,
            issues: 5,
            seed: 7,
            language,
        };
        let english = comparison(&spec(Language::English), 20);
        let hebrew = comparison(&spec(Language::Hebrew), 20);
        let issues_of = |c: &Comparison| -> Vec<Vec<String>> {
            c.documents()[0]
                .data
                .sides
                .iter()
                .map(|s| s.demands.iter().map(|d| d.issue.clone()).collect())
                .collect()
        };
        assert_eq!(issues_of(&english), issues_of(&hebrew));
        assert_eq!(english.marks().count(), hebrew.marks().count());
        let text = &hebrew.documents()[0].data.sides[1].demands[3].text;
        assert!(text.chars().any(|c| ('\u{5d0}'..='\u{5ea}').contains(&c)), "{text}");
    }
}
