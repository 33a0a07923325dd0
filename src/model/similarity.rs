//! How alike two demands' texts are, for suggesting which demand of one round a
//! demand of the next continues: the cosine of their words weighted by rarity
//! (tf–idf), so that "ceasefire" counts and "the" hardly does, in any language.
//!
//! Hand-written rather than `strsim`: its measures compare characters, pair by
//! pair, which for 1,000 × 1,000 demands is far too slow, and a reworded demand
//! keeps its words more than its letters.

use std::collections::HashMap;

/// A text as weighted words: `(word, weight)` sorted by word, of unit length.
type Vector = Vec<(u32, f32)>;

/// The texts of two rounds' unmatched demands, ready to be compared.
pub struct SimilarityIndex {
    olds: Vec<Vector>,
    news: Vec<Vector>,
}

/// How many pairs are compared at most, all against all; beyond it, only pairs
/// within a group (an issue) are, so that no comparison of rounds freezes the window.
#[derive(Clone, Copy, Debug)]
pub struct SuggestionLimit {
    pub max_pairs: usize,
}

impl Default for SuggestionLimit {
    /// About 1,700 × 1,700 demands: a second on this project's 2-core machine
    /// (1,000 × 1,000 take a third of one).
    fn default() -> Self {
        Self { max_pairs: 3_000_000 }
    }
}

impl SimilarityIndex {
    pub fn new<'a>(olds: impl Iterator<Item = &'a str>, news: impl Iterator<Item = &'a str>) -> Self {
        let mut words: HashMap<String, u32> = HashMap::new();
        let mut counted = |text: &str| -> Vec<(u32, f32)> {
            let mut ids: Vec<u32> = Vec::new();
            for_each_word(text, |word| {
                let next = words.len() as u32;
                ids.push(*words.entry(word).or_insert(next));
            });
            ids.sort_unstable();
            let mut counts: Vec<(u32, f32)> = Vec::with_capacity(ids.len());
            for id in ids {
                match counts.last_mut() {
                    Some((last, n)) if *last == id => *n += 1.0,
                    _ => counts.push((id, 1.0)),
                }
            }
            counts
        };
        let mut olds: Vec<Vector> = olds.map(&mut counted).collect();
        let mut news: Vec<Vector> = news.map(&mut counted).collect();
        // A word in every text tells nothing; one in few tells much.
        let mut df = vec![0u32; words.len()];
        for vector in olds.iter().chain(&news) {
            for &(id, _) in vector {
                df[id as usize] += 1;
            }
        }
        let texts = (olds.len() + news.len()) as f32;
        for vector in olds.iter_mut().chain(news.iter_mut()) {
            for (id, weight) in vector.iter_mut() {
                *weight *= (1.0 + texts / df[*id as usize] as f32).ln();
            }
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, weight) in vector.iter_mut() {
                    *weight /= norm;
                }
            }
        }
        Self { olds, news }
    }

    /// From 0 (no word shared) to 1 (the same words as often).
    pub fn similarity(&self, old: usize, new: usize) -> f64 {
        f64::from(dot(&self.olds[old], &self.news[new]))
    }

    /// Every pair `(old, new, score)` whose similarity times `weight(old, new)` is at
    /// least `floor`. Where the pairs are more than `limit` allows, only pairs of the
    /// same group are compared (and groups too large on their own are left out);
    /// the flag then says so.
    pub fn pairs<K: PartialEq>(
        &self,
        floor: f64,
        limit: SuggestionLimit,
        groups: (&[K], &[K]),
        weight: impl Fn(usize, usize) -> f64,
    ) -> (Vec<(usize, usize, f64)>, bool) {
        let mut out = Vec::new();
        let mut consider = |i: usize, j: usize| {
            let score = self.similarity(i, j) * weight(i, j);
            if score >= floor {
                out.push((i, j, score));
            }
        };
        if self.olds.len().saturating_mul(self.news.len()) <= limit.max_pairs {
            for i in 0..self.olds.len() {
                for j in 0..self.news.len() {
                    consider(i, j);
                }
            }
            return (out, false);
        }
        let (old_groups, new_groups) = groups;
        let mut seen: Vec<&K> = Vec::new();
        for key in old_groups {
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let olds: Vec<usize> = (0..old_groups.len()).filter(|&i| old_groups[i] == *key).collect();
            let news: Vec<usize> = (0..new_groups.len()).filter(|&j| new_groups[j] == *key).collect();
            if olds.len().saturating_mul(news.len()) > limit.max_pairs {
                continue;
            }
            for &i in &olds {
                for &j in &news {
                    consider(i, j);
                }
            }
        }
        (out, true)
    }
}

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Calls `f` with each word of `text`, lower-cased: letters and digits between
/// anything else. Chinese and Japanese are written without spaces, so their
/// characters are taken two at a time instead.
fn for_each_word(text: &str, mut f: impl FnMut(String)) {
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if word.chars().any(is_unspaced) {
            let chars: Vec<char> = word.chars().collect();
            if chars.len() == 1 {
                f(word.to_owned());
            }
            for pair in chars.windows(2) {
                f(pair.iter().collect());
            }
        } else {
            f(word.to_lowercase());
        }
    }
}

/// Scripts written without spaces between words: Han, Hiragana, Katakana, Thai.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}' | '\u{0e00}'..='\u{0e7f}')
}

#[cfg(test)]
mod tests {
    use super::{SimilarityIndex, SuggestionLimit};

    #[test]
    fn a_reworded_demand_is_closer_than_another_demand() {
        let index = SimilarityIndex::new(
            ["Full and unconditional ceasefire for at least 30 days."].into_iter(),
            [
                "An unconditional ceasefire of at least 30 days on land, sea and air.",
                "Exchange of all prisoners of war, all for all.",
            ]
            .into_iter(),
        );
        assert!(index.similarity(0, 0) > 0.4, "{}", index.similarity(0, 0));
        assert!(index.similarity(0, 1) < 0.1, "{}", index.similarity(0, 1));
    }

    #[test]
    fn the_same_words_in_another_case_are_the_same_text() {
        let index = SimilarityIndex::new(["Прекращение огня"].into_iter(), ["прекращение ОГНЯ"].into_iter());
        assert!((index.similarity(0, 0) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn chinese_is_compared_by_its_characters() {
        let index = SimilarityIndex::new(
            ["立即全面停火三十天"].into_iter(),
            ["全面停火三十天", "交换战俘"].into_iter(),
        );
        assert!(index.similarity(0, 0) > 0.6);
        assert!(index.similarity(0, 1) < 0.01);
    }

    #[test]
    fn beyond_the_limit_only_pairs_of_one_group_are_compared() {
        let texts = ["ceasefire now", "ceasefire soon"];
        let index = SimilarityIndex::new(texts.into_iter(), texts.into_iter());
        let groups = (&["a", "b"][..], &["b", "a"][..]);
        let (all, narrowed) = index.pairs(0.1, SuggestionLimit::default(), groups, |_, _| 1.0);
        assert!(!narrowed);
        assert_eq!(all.len(), 4);
        let (grouped, narrowed) = index.pairs(0.1, SuggestionLimit { max_pairs: 2 }, groups, |_, _| 1.0);
        assert!(narrowed);
        let mut pairs: Vec<(usize, usize)> = grouped.iter().map(|&(i, j, _)| (i, j)).collect();
        pairs.sort_unstable();
        assert_eq!(pairs, [(0, 1), (1, 0)]);
    }
}
